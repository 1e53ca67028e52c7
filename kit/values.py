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

from kit.messages import store as say

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
        raise Refused(say.not_a_number(repr(raw)))
    if isinstance(raw, int):
        value: Number = int(raw)
    elif isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise Refused(say.not_a_number(repr(raw)))
        value = Decimal(repr(raw))
    elif isinstance(raw, Decimal):
        if not raw.is_finite():
            raise Refused(say.not_a_number(raw))
        value = Decimal(raw)
    elif isinstance(raw, str):
        text = _normalise(raw)
        if text == "":
            return None
        if text in say.NOTHING_MARKS:
            raise Refused(say.nothing_mark(raw))
        if not _NUMBER.fullmatch(text):
            raise Refused(say.not_a_number_quoted(raw))
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise Refused(say.not_a_number_quoted(raw)) from None
    elif isinstance(raw, Mapping):
        raise Refused(say.mapping_not_number(dict(raw)))
    elif isinstance(raw, (list, tuple)):
        raise Refused(say.list_not_number(list(raw)))
    else:
        raise Refused(say.not_a_number(type(raw).__name__))

    if isinstance(value, Decimal) and kind != "money":
        if value != value.to_integral_value():
            raise Refused(say.fraction_of_count(raw))
        value = int(value)
    if kind in ("count", "money") and value < 0:
        raise Refused(say.negative(raw))
    if not -MAX_COUNT <= value <= MAX_COUNT:
        raise Refused(say.too_large(raw, money=kind == "money"))  # no 元/万元 hint on a 件 cell
    if isinstance(value, Decimal):
        exponent = value.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > MAX_MONEY_DECIMALS:
            raise Refused(say.too_many_decimals(raw, MAX_MONEY_DECIMALS))
        value = value.normalize() if value != value.to_integral_value() else Decimal(int(value))
    return value


def format_figure(value: Number | None) -> str:
    """How a figure prints: 12, 0.35; blank prints as empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))
    return str(value)
