"""Rule 14: the years a report mentions fit the report's year.

A report for year Y talks about Y and, when it reviews last year's problems, Y−1; Y+1 appears in
plans and in the date it was signed. Anything older is usually a sentence carried over from an
earlier report ("截至2021年底" in a 2023 report), unless it is history ("2019年以来", "2019年修订的
《条例》") or a document's name. Typing slips such as "202020年" and dates that cannot exist
("2023年2月30日") are errors, as is a statistics period other than 1 January – 31 December of Y.
"""

from __future__ import annotations

import calendar
import re

from kit.doccheck.normalize import quote
from kit.doccheck.prose import Passage, Reading
from kit.doccheck.vocabulary import vocabulary
from kit.findings import Finding, RuleId
from kit.messages import doccheck as say

_YEAR = re.compile(r"(?<![\d.．])(\d{4,8})\s*年")
_DATE = re.compile(r"(?<!\d)(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MONTH = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月")
_PROTECTED = re.compile(r"《[^《》]*》|〔[^〔〕]*〕|\[[^\[\]]*\]|［[^［］]*］")
_RANGE_BEFORE = re.compile(r"(?:\d{4}\s*年?\s*(?:[-—－~～至到]|—{2})\s*)$")
_DATE_ONLY = re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")



def check_years(reading: Reading) -> list[Finding]:
    out: list[Finding] = []
    for passage in reading.passages:
        if passage.kind == "boilerplate":
            continue
        out += _typos(reading, passage)
        out += _dates(reading, passage)
        out += _glued_dates(reading, passage)
        if passage.kind == "signature":
            out += _signed_early(reading, passage)
        if passage.kind in ("opening", "prose", "title", "heading"):
            out += _mentions(reading, passage)
            out += _period(reading, passage)
            out += _carried_over(reading, passage)
    return out


def _protected(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PROTECTED.finditer(text)]


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in ranges)


def _sentence(text: str, pos: int) -> str:
    start = max(text.rfind(c, 0, pos) for c in "。；！？") + 1
    ends = [i for i in (text.find(c, pos) for c in "。；！？") if i >= 0]
    return text[start : min(ends) if ends else len(text)]


def _typos(reading: Reading, passage: Passage) -> list[Finding]:
    out = []
    for m in _YEAR.finditer(passage.text):
        digits = m.group(1)
        if len(digits) > 4 and digits[:2] in ("19", "20"):
            guess = str(reading.year) if str(reading.year) in digits else digits[:4]
            out.append(
                reading.finding(
                    "error",
                    RuleId.YEAR_MENTION,
                    say.year_typo(quote(passage.text, m.start(), m.end()), digits, guess),
                    passage,
                )
            )
    return out


def _dates(reading: Reading, passage: Passage) -> list[Finding]:
    out = []
    text = passage.text
    for m in _DATE.finditer(text):
        year = int(m.group(1)) if m.group(1) else reading.year
        month, day = int(m.group(2)), int(m.group(3))
        if m.group(1) and len(m.group(1)) != 4:
            continue
        if not 1 <= month <= 12:
            problem = say.no_such_month(month)
        elif not 1 <= day <= calendar.monthrange(year, month)[1]:
            problem = say.month_has_days(year, month, calendar.monthrange(year, month)[1]) if year > 1900 else say.month_has_no_day(month, day)
        else:
            continue
        out.append(reading.finding("error", RuleId.IMPOSSIBLE_DATE, say.impossible_date(quote(text, m.start(), m.end()), problem), passage))
    for m in _MONTH.finditer(text):
        if not 1 <= int(m.group(2)) <= 12 and not _DATE.match(text, m.start()):
            out.append(reading.finding("error", RuleId.IMPOSSIBLE_DATE, say.impossible_date(quote(text, m.start(), m.end()), say.no_such_month(int(m.group(2)))), passage))
    return out


def _month_day(digits: str) -> tuple[int, int] | None:
    """"11" -> (1, 1), "1230" -> (12, 30), "131" -> (1, 31) (or 13-1, impossible): the one valid reading."""
    splits = [(digits[:i], digits[i:]) for i in range(1, len(digits)) if len(digits[:i]) <= 2 and len(digits[i:]) <= 2]
    valid = [(int(m), int(d)) for m, d in splits if 1 <= int(m) <= 12 and 1 <= int(d) <= 31 and not (len(d) == 2 and d.startswith("0") and len(m) == 2)]
    return valid[0] if len(valid) == 1 else None


def _glued_dates(reading: Reading, passage: Passage) -> list[Finding]:
    """Dates typed without 年 or 月 ("统计期限自20231月1日起至202312月31日止", "从202111日到1231日止"):
    a reader cannot tell which day is meant, and the statistics period cannot be checked."""
    text = passage.text
    out: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, suggestion: str | None) -> None:
        if any(a < end and start < b for a, b in taken):
            return
        taken.append((start, end))
        out.append(reading.finding("error", RuleId.DATE_FORMAT, say.glued_date(quote(text, start, end), text[start:end], suggestion), passage))

    words = vocabulary().years
    for m in words.glued_month.finditer(text):
        month = int(m.group(2))
        if 1 <= month <= 12:
            add(m.start(), m.end(), say.ymd(m.group(1), month, int(m.group(3)) if m.group(3) else None))
    for m in words.glued_day.finditer(text):
        md = _month_day(m.group(2))
        add(m.start(), m.end(), say.ymd(m.group(1), *md) if md else None)
    for m in words.bare_day.finditer(text):
        if int(m.group(1)) > 31 and (md := _month_day(m.group(1))) is not None:
            add(m.start(), m.end(), say.md(*md))
    return out


def _signed_early(reading: Reading, passage: Passage) -> list[Finding]:
    """The date a report was signed: a year's report is written after the year ends."""
    m = vocabulary().years.signature.search(passage.text)
    if m is None:
        return []
    signed = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if signed >= (reading.year, 12, 31):
        return []
    return [reading.finding("error", RuleId.REPORT_DATE, say.signed_before_year_end(m.group(0), reading.year), passage)]


def _own_title(reading: Reading, passage: Passage, start: int, end: int) -> list[Finding]:
    """The report's own title quoted in 《》 ("现发布《临洮县新添镇2022年政府信息公开工作年度报告》") with
    another year: a title left from last year's report. A document's name in 《》 is otherwise history."""
    text = passage.text
    words = vocabulary().years
    inner = text[start + 1 : end - 1]
    before = text[max(0, start - 8) : start]
    if not any(w in inner for w in words.own_title_words) or not any(v in before for v in words.own_title_verbs):
        return []
    m = _YEAR.search(inner)
    if m is None or len(m.group(1)) != 4 or int(m.group(1)) == reading.year:
        return []
    return [reading.finding("error", RuleId.YEAR_MENTION, say.own_title_other_year(quote(text, start, end, around=4), m.group(1), reading.year), passage)]


def _mentions(reading: Reading, passage: Passage) -> list[Finding]:
    words = vocabulary().years
    text = passage.text
    protected = _protected(text)
    year = reading.year
    out = []
    flagged: set[int] = set()
    if _DATE_ONLY.match(text):
        return []
    for a, b in protected:
        if text[a] == "《":
            out += _own_title(reading, passage, a, b)
    for m in _YEAR.finditer(text):
        digits = m.group(1)
        if len(digits) != 4 or _inside(m.start(), protected):
            continue
        y = int(digits)
        if y < 1949 or y in (year, year - 1) or y in flagged:
            continue
        after = text[m.end() : m.end() + 8]
        before = text[max(0, m.start() - 12) : m.start()]
        sentence = _sentence(text, m.start())
        if _RANGE_BEFORE.search(before) or re.match(r"\s*(?:[-—－~～至到]|—{2})\s*\d{4}", text[m.end() - 1 :][1:]):
            continue  # a range: 2021—2025年
        if re.match(r"度?\s*\d{1,2}\s*月", after) and y == year + 1:
            continue  # a date early next year: when the report was written or published
        if any(after.lstrip("度").startswith(w) or w in after[:6] for w in words.context_ok):
            continue
        if y == year + 1 and (passage.kind == "heading" or any(w in sentence for w in words.plans)):
            continue
        if y > year + 1 and any(w in sentence for w in words.plans):
            continue
        flagged.add(y)
        if y > year:
            message = say.later_year_mentioned(quote(text, m.start(), m.end()), y, year)
        else:
            message = say.earlier_year_mentioned(quote(text, m.start(), m.end()), y, year)
        out.append(reading.finding("warning", RuleId.YEAR_MENTION, message, passage))
    return out


def _period(reading: Reading, passage: Passage) -> list[Finding]:
    out = []
    y = reading.year
    for m in vocabulary().years.statistics_period.finditer(passage.text):
        got = tuple(int(x) for x in m.groups())
        if got == (y, 1, 1, y, 12, 31):
            continue
        out.append(
            reading.finding(
                "error",
                RuleId.STATISTICS_PERIOD,
                say.statistics_period(quote(passage.text, m.start(), m.end(), around=0), y),
                passage,
            )
        )
    return out


def _carried_over(reading: Reading, passage: Passage) -> list[Finding]:
    out = []
    text = passage.text
    patterns = [*vocabulary().years.carried_over, re.compile(rf"截[至止]\s*{reading.year - 1}\s*年\s*(?:底|末|12\s*月\s*31\s*日)")]
    for pattern in patterns:
        for m in pattern.finditer(text):
            out.append(
                reading.finding(
                    "warning",
                    RuleId.YEAR_MENTION,
                    say.figures_as_of_last_year(quote(text, m.start(), m.end()), reading.year),
                    passage,
                )
            )
    return out
