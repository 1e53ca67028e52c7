"""What a clerk types into a cell, and what the kit makes of it (kit/values.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kit.values import MAX_COUNT, Refused, format_figure, parse_figure


@pytest.mark.parametrize("raw", [None, "", "   ", "\u3000"])
@pytest.mark.parametrize("kind", ["count", "money", "delta"])
def test_blank_stays_none_never_zero(raw, kind: str) -> None:
    assert parse_figure(raw, kind) is None


@pytest.mark.parametrize(
    ("raw", "kind", "expected"),
    [
        (0, "count", 0),
        (12, "count", 12),
        ("12", "count", 12),
        (" 12 ", "count", 12),
        ("+5", "count", 5),
        (12.0, "count", 12),
        (MAX_COUNT, "count", MAX_COUNT),
        (-3, "delta", -3),
        ("-3", "delta", -3),
        (0, "delta", 0),
        (Decimal("0.35"), "money", Decimal("0.35")),
        (0.35, "money", Decimal("0.35")),
        ("12.5", "money", Decimal("12.5")),
        ("0.0001", "money", Decimal("0.0001")),
        (12.0, "money", Decimal("12")),
    ],
)
def test_accepted(raw, kind: str, expected) -> None:
    value = parse_figure(raw, kind)
    assert value == expected
    if kind != "money":
        assert type(value) is int


@pytest.mark.parametrize(
    ("raw", "kind", "expected"),
    [
        ("１２", "count", 12),
        ("０", "count", 0),
        ("１２３４５", "count", 12345),
        ("－３", "delta", -3),
        ("−3", "delta", -3),  # U+2212 MINUS SIGN
        ("０．５", "money", Decimal("0.5")),
        ("１２.５", "money", Decimal("12.5")),
    ],
)
def test_full_width_digits_accepted(raw: str, kind: str, expected) -> None:
    """Decision: digits typed through a Chinese input method are read as the same number."""
    value = parse_figure(raw, kind)
    assert value == expected
    assert format_figure(value).isascii(), "written back with ASCII digits"


@pytest.mark.parametrize(
    ("raw", "kind", "message"),
    [
        ("十二", "count", "应为数字，实为 “十二”"),
        ("12件", "count", "应为数字，实为 “12件”"),
        ("1,000", "count", "应为数字，实为 “1,000”"),
        ("abc", "money", "应为数字，实为 “abc”"),
        ("/", "count", "不能填写 “/”：没有发生请填 0，不要留空或填“/”"),
        ("无", "count", "不能填写 “无”"),
        ("—", "count", "不能填写 “—”"),
        ("-", "delta", "不能填写 “-”"),
        (True, "count", "应为数字，实为 True"),
        (False, "money", "应为数字，实为 False"),
        (-1, "count", "不能为负数，实为 -1"),
        ("-1", "count", "不能为负数，实为 -1"),
        ("－１", "count", "不能为负数，实为 －１"),
        (Decimal("-0.5"), "money", "不能为负数"),
        (0.5, "count", "应为整数（件数不能有小数），实为 0.5"),
        ("2.5", "count", "应为整数（件数不能有小数），实为 2.5"),
        ("1.5", "delta", "应为整数（件数不能有小数），实为 1.5"),
        ("1/2", "count", "应为数字，实为 “1/2”"),
        (MAX_COUNT + 1, "count", f"数值过大（{MAX_COUNT + 1}），请核对是否多写了位数"),  # no 元/万元 hint on a 件 cell
        (10**16, "money", "或把“元”当成了“万元”"),
        (10**30, "money", "数值过大"),
        (-(10**12), "delta", "数值过大"),
        ("9" * 5000, "count", "数值过大"),
        (float("nan"), "money", "应为数字，实为 nan"),
        (float("inf"), "count", "应为数字，实为 inf"),
        (Decimal("NaN"), "money", "应为数字，实为 NaN"),
        ("0.12345", "money", "小数位数过多（0.12345），最多保留4位"),
        ([1], "count", "应为数字，实为列表 [1]"),
        ({"a": 1}, "count", "应为数字，实为 “键: 值” 形式的内容 {'a': 1}"),
    ],
)
def test_refused_with_message(raw, kind: str, message: str) -> None:
    with pytest.raises(Refused) as exc:
        parse_figure(raw, kind)
    assert message in str(exc.value)


def test_refusal_is_a_value_error_in_chinese() -> None:
    with pytest.raises(ValueError, match="应为数字"):
        parse_figure("x", "count")


@pytest.mark.parametrize(
    ("value", "printed"),
    [(None, ""), (0, "0"), (12, "12"), (-3, "-3"), (Decimal("0.35"), "0.35"), (Decimal("12"), "12"), (Decimal("12.50"), "12.5"), (Decimal("1E+2"), "100"), (Decimal("0.0001"), "0.0001")],
)
def test_format_figure(value, printed: str) -> None:
    assert format_figure(value) == printed


@pytest.mark.parametrize("text", ["0", "7", "12", "0.35", "100000000", "0.0001", "-3"])
def test_format_parse_round_trip(text: str) -> None:
    kind = "delta" if text.startswith("-") else "money"
    assert format_figure(parse_figure(text, kind)) == text
