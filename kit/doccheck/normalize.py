"""Comparing what was printed with the spec: labels, figures and numbers as people type them.

Published reports write the same label many ways — full-width or ASCII brackets, "1、" or "1."
or "1．", curly quotes or none, stray spaces from a PDF copy — so labels are compared after
`label_key`. Figures keep 0, blank and "/" apart (`read_figure`): a blank is never a zero.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from kit.messages import doccheck as say
from kit.values import Number

_SPACES = re.compile(r"[\s\u3000\xa0\u200b\ufeff]+")
_QUOTES = re.compile(r"[“”\"‘’'「」『』]")
_NUMBERED = re.compile(r"^(\d{1,2})[、.．,，]")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def squeeze(text: str) -> str:
    """Whitespace of every kind (full-width, no-break, zero-width) collapsed to one space."""
    return _SPACES.sub(" ", text).strip()


def label_key(text: str) -> str:
    """A label reduced to what identifies it: 「（一）予以公开」 and 「(一) 予以公开」 compare equal."""
    text = unicodedata.normalize("NFKC", text)
    text = _SPACES.sub("", text)
    text = _QUOTES.sub("", text)
    text = _NUMBERED.sub(r"\1.", text)
    return text.rstrip(":：;；,，。")


def without_remark(key: str) -> str:
    """A label key without a trailing parenthetical: 「(二)部分公开(区分处理的…)」 -> 「(二)部分公开」."""
    return re.sub(r"\([^()]*\)$", "", key) if not re.fullmatch(r"\([^()]*\)", key) else key


def chinese_number(text: str) -> int | None:
    """三 -> 3, 十二 -> 12, 二十 -> 20, 一百零五 -> 105; None if it is not a plain numeral."""
    if not text:
        return None
    if all(c in _CN_DIGITS for c in text):
        if len(text) == 1:
            return _CN_DIGITS[text]
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total, digit = 0, None
    for c in text:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
        elif c in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[c]
            digit = None
        else:
            return None
    return total + (digit or 0)


def parse_number(text: str) -> Number | None:
    """A number as written in prose: "12", "0.35", "１２", "十二"; None if it is not one."""
    text = unicodedata.normalize("NFKC", text).replace(",", "").strip()
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d+\.\d+", text):
        try:
            return Decimal(text)
        except InvalidOperation:
            return None
    return chinese_number(text)


@dataclass(frozen=True)
class ReadFigure:
    """One table cell as printed. kind: number | blank | mark ("/", "—", "无") | text."""

    text: str
    kind: str
    value: Number | None = None

    @property
    def is_number(self) -> bool:
        return self.kind == "number"

    @property
    def is_figure(self) -> bool:
        """Sits where a figure belongs: a number, a blank, or a mark standing in for one."""
        return self.kind in ("number", "blank", "mark")

    @property
    def printed(self) -> str:
        return say.BLANK if self.kind == "blank" else f"“{self.text}”"


_FIGURE = re.compile(r"[+\-]?\d+(?:\.\d+)?")


def read_figure(text: str, not_numbers: frozenset[str]) -> ReadFigure:
    """A cell's text as a figure; a blank or a "/" stays what it is and is never read as 0."""
    raw = squeeze(text)
    norm = unicodedata.normalize("NFKC", raw).replace(" ", "").replace(",", "").replace("−", "-")
    if norm == "":
        return ReadFigure(raw, "blank")
    if raw in not_numbers or norm in not_numbers:
        return ReadFigure(raw, "mark")
    if _FIGURE.fullmatch(norm):
        value: Number = Decimal(norm) if "." in norm else int(norm)
        if isinstance(value, Decimal) and value == value.to_integral_value():
            value = int(value)
        return ReadFigure(raw, "number", value)
    return ReadFigure(raw, "text")


_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pieces of a paragraph, split after 。！？；."""
    out, start = [], 0
    for piece in _SENTENCE_END.split(text):
        if piece.strip():
            out.append((start, piece))
        start += len(piece)
    return out


def clause_start(text: str, end: int) -> int:
    """Where the clause containing position `end` begins (after the last ，。；：)."""
    i = max(text.rfind(c, 0, end) for c in "，。；：,;！？")
    return i + 1


def quote(text: str, start: int, end: int, around: int = 12) -> str:
    """The offending text with a little context, for a message: “…收到申请3件…”."""
    a, b = max(0, start - around), min(len(text), end + around)
    return ("…" if a > 0 else "") + squeeze(text[a:b]) + ("…" if b < len(text) else "")
