"""Rule 17: the format notice is cited as issued, and it is the one for the report's year.

The correct numbers come from the specs (gov2021: 国办公开办函〔2021〕30号; gov2019: 国办公开办函
〔2019〕60号). Real reports get the issuer wrong (国办发〔2021〕30号), keep citing the 2019 trial
format in 2021 and later, or write the year in the wrong brackets; all three are found here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kit.doccheck.normalize import quote
from kit.doccheck.prose import Passage, Reading
from kit.doccheck.vocabulary import vocabulary
from kit.findings import Finding, RuleId
from kit.messages import doccheck as say
from kit.spec import EDITIONS, Spec, edition_for_year, load_spec


@dataclass(frozen=True)
class Notice:
    edition: str
    name: str  # the edition's name, e.g. 2021年版格式
    issuer: str
    year: int
    number: int
    text: str  # as the spec writes it
    title: str | None  # the format's own title, e.g. 中华人民共和国政府信息公开工作年度报告格式（试行）


@functools.cache
def notices() -> tuple[Notice, ...]:
    out = []
    for edition in EDITIONS:
        spec = load_spec(edition)
        if not spec.notice:
            continue
        m = vocabulary().citation.search(spec.notice)
        if m is None:
            continue
        inner = re.search(r"〈([^〈〉]+)〉", spec.notice_title or "")
        out.append(Notice(edition, spec.name, m.group(1), int(m.group(3)), int(m.group(6)), spec.notice, inner.group(1) if inner else None))
    return tuple(out)


def _expected(reading: Reading) -> Spec:
    return load_spec(edition_for_year(reading.year))


def check_citations(reading: Reading, *, require: bool = False) -> list[Finding]:
    """`require`: a published report must name its format notice (the opening paragraph does)."""
    out: list[Finding] = []
    expected = _expected(reading)
    cited = False  # the notice was cited at all, rightly or wrongly
    for passage in reading.passages:
        if passage.kind == "boilerplate":
            cited = cited or bool(expected.notice and expected.notice in passage.text)
            continue
        numbers, found = _numbers(reading, passage, expected)
        out += found
        titles = _titles(reading, passage, expected, numbers)
        out += titles
        cited = cited or bool(numbers) or bool(titles) or _named(passage.text)
    if require and expected.notice and not cited:
        out.append(
            reading.finding("warning", RuleId.NOTICE_CITATION, say.notice_not_cited(expected.notice), printed=say.OPENING)
        )
    return out


@dataclass(frozen=True)
class _Cited:
    start: int
    end: int
    notice: Notice | None  # None: a number no edition has (国办公开办函〔2021〕31号)
    wrong: bool  # already reported as an error


def _numbers(reading: Reading, passage: Passage, expected: Spec) -> tuple[list[_Cited], list[Finding]]:
    """Every "国办公开办函〔2021〕30号" in the passage, and what is wrong with each."""
    known = notices()
    brackets = vocabulary().brackets
    text = passage.text
    cited: list[_Cited] = []
    out: list[Finding] = []
    for m in vocabulary().citation.finditer(text):
        issuer, opening, year, closing, di, number = m.group(1), m.group(2), int(m.group(3)), m.group(4), m.group(5), int(m.group(6))
        said = quote(text, m.start(), m.end(), around=0)
        same = next((n for n in known if (n.year, n.number) == (year, number)), None)
        by_issuer = [n for n in known if n.issuer == issuer]
        if same is None:
            if by_issuer:
                want = next((n for n in by_issuer if n.edition == expected.id), by_issuer[0])
                out.append(reading.finding("error", RuleId.NOTICE_CITATION, say.no_such_notice_number(said, reading.year, want.text), passage))
                cited.append(_Cited(m.start(), m.end(), None, True))
            continue
        if same.edition != expected.id:
            if expected.notice:
                message = say.notice_of_other_edition(said, same.name, reading.year, expected.notice, expected.name)
            else:
                message = say.notice_not_in_force(said, same.name, reading.year)
            out.append(reading.finding("error", RuleId.NOTICE_CITATION, message, passage))
            cited.append(_Cited(m.start(), m.end(), same, True))
            continue
        if issuer != same.issuer:
            out.append(reading.finding("error", RuleId.NOTICE_CITATION, say.notice_issuer_wrong(said, same.text, same.issuer, issuer), passage))
            cited.append(_Cited(m.start(), m.end(), same, True))
            continue
        if opening + closing != brackets:
            out.append(reading.finding("warning", RuleId.NOTICE_CITATION, say.notice_brackets(said, brackets, same.text), passage))
        elif di:
            out.append(reading.finding("warning", RuleId.NOTICE_CITATION, say.notice_with_di(said, same.text), passage))
        cited.append(_Cited(m.start(), m.end(), same, False))
    return cited, out


def _whole_name(text: str, start: int, end: int) -> str:
    """The name as cited: the whole 《…》 around the matched words when they sit in one."""
    a, b = text.rfind("《", 0, start), text.find("》", end)
    if a >= 0 and b >= 0 and "》" not in text[a:start] and b - a <= 90:
        return text[a : b + 1]
    return quote(text, start, end, around=2)


def _named(text: str) -> bool:
    return any(p.search(text) for _e, p in vocabulary().notice_titles)


def _titles(reading: Reading, passage: Passage, expected: Spec, numbers: list[_Cited]) -> list[Finding]:
    """The notice's (or its format's) name: of the notice for this year, next to the number it goes
    with. "《…年度报告格式（试行）》（国办公开办函〔2021〕30号）" names the 2019 format with the 2021
    number; "《关于政府信息公开工作年度报告有关事项的通知》" alone, in a 2023 report, cites the 2019
    notice without its number."""
    text = passage.text
    by_edition = {n.edition: n for n in notices()}
    own = by_edition.get(expected.id)
    taken: list[tuple[int, int]] = []
    out: list[Finding] = []
    for edition, pattern in vocabulary().notice_titles:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            named = by_edition.get(edition)
            said = _whole_name(text, m.start(), m.end())
            number = next((c for c in numbers if 0 <= c.start - m.end() <= 12 or 0 <= m.start() - c.end <= 6), None)
            if number is not None:
                if number.wrong or number.notice is None or number.notice.edition == edition:
                    continue  # the number said it, or the name and the number agree
                want = f"{expected.notice_title}（{expected.notice}）" if expected.notice else None
                message = say.notice_name_and_number_differ(said, named.name if named else edition, number.notice.text, number.notice.name, reading.year, want)
                out.append(reading.finding("error", RuleId.NOTICE_CITATION, message, passage))
                continue
            if edition != expected.id:
                want = f"{expected.notice_title}（{expected.notice}）" if expected.notice else say.NO_FORMAT_YET
                out.append(reading.finding("error", RuleId.NOTICE_CITATION, say.notice_name_of_other_edition(said, named.name if named else edition, reading.year, want), passage))
            elif own is not None:
                out.append(reading.finding("warning", RuleId.NOTICE_CITATION, say.notice_name_without_number(said, own.text), passage))
    return out
