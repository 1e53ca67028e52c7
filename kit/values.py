"""Turning what a clerk typed into a figure, or a clear refusal.

Decisions, tested in tests/test_values.py:
- A blank (empty, ``~``) is not a zero: it stays None and validation reports it as 未填写.
- Full-width digits typed through a Chinese input method (１２, －３, ０．５) are accepted and
  read as the same number; the file is written back with ASCII digits on the next save.
- Text, ``/``, booleans, negative counts and fractional counts are refused, naming the value.
- Counts above 100,000,000 are refused as implausible (a typo, or 元 typed where 件 is asked).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

Number = int | Decimal
MAX_COUNT = 100_000_000
MAX_MONEY_DECIMALS = 4
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


class Refused(ValueError):
    """The value cannot be a figure; `str()` says why, in Chinese."""


def _normalise(text: str) -> str:
    # NFKC maps full-width digits, signs and the full-width point to ASCII.
    text = unicodedata.normalize("NFKC", text).strip().replace("−", "-")
    return text


def parse_figure(raw: Any, kind: str) -> Number | None:
    """Read one cell. kind: count (whole, ≥0), delta (whole, may be negative), money (≥0, decimals)."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise Refused(f"应为数字，实为 {raw!r}")
    if isinstance(raw, int):
        value: Number = int(raw)
    elif isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise Refused(f"应为数字，实为 {raw!r}")
        value = Decimal(repr(raw))
    elif isinstance(raw, Decimal):
        if not raw.is_finite():
            raise Refused(f"应为数字，实为 {raw}")
        value = Decimal(raw)
    elif isinstance(raw, str):
        text = _normalise(raw)
        if text == "":
            return None
        if text in ("/", "-", "—", "无"):
            raise Refused(f"不能填写 “{raw}”：没有发生请填 0，不要留空或填“/”")
        if not _NUMBER.fullmatch(text):
            raise Refused(f"应为数字，实为 “{raw}”")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise Refused(f"应为数字，实为 “{raw}”") from None
    elif isinstance(raw, Mapping):
        raise Refused(f"应为数字，实为 “键: 值” 形式的内容 {dict(raw)!r}")
    elif isinstance(raw, (list, tuple)):
        raise Refused(f"应为数字，实为列表 {list(raw)!r}")
    else:
        raise Refused(f"应为数字，实为 {type(raw).__name__}")

    if isinstance(value, Decimal) and kind != "money":
        if value != value.to_integral_value():
            raise Refused(f"应为整数（件数不能有小数），实为 {raw}")
        value = int(value)
    if kind in ("count", "money") and value < 0:
        raise Refused(f"不能为负数，实为 {raw}")
    if not -MAX_COUNT <= value <= MAX_COUNT:
        raise Refused(f"数值过大（{raw}），请核对是否多写了位数或把“元”当成了“万元”")
    if isinstance(value, Decimal):
        exponent = value.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > MAX_MONEY_DECIMALS:
            raise Refused(f"小数位数过多（{raw}），最多保留{MAX_MONEY_DECIMALS}位")
        value = value.normalize() if value != value.to_integral_value() else Decimal(int(value))
    return value


def format_figure(value: Number | None) -> str:
    """How a figure prints: 12, 0.35; blank prints as empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))
    return str(value)
