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
from kit.findings import Finding
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
    known = notices()
    brackets = vocabulary().brackets
    cited = False  # the notice was cited at all, rightly or wrongly
    for passage in reading.passages:
        if passage.kind == "boilerplate":
            cited = cited or bool(expected.notice and expected.notice in passage.text)
            continue
        text = passage.text
        for m in vocabulary().citation.finditer(text):
            issuer, opening, year, closing, di, number = m.group(1), m.group(2), int(m.group(3)), m.group(4), m.group(5), int(m.group(6))
            said = quote(text, m.start(), m.end(), around=0)
            same = next((n for n in known if (n.year, n.number) == (year, number)), None)
            by_issuer = [n for n in known if n.issuer == issuer]
            if same is None and by_issuer:
                want = next((n for n in by_issuer if n.edition == expected.id), by_issuer[0])
                out.append(reading.finding("error", "notice_citation", f"“{said}”：没有这个文号；{reading.year}年度报告的格式通知是{want.text}", passage))
                cited = True
                continue
            if same is None:
                continue
            cited = True
            if same.edition != expected.id:
                if expected.notice:
                    message = f"“{said}”是{same.name}的通知；{reading.year}年度报告应依据{expected.notice}（{expected.name}）"
                else:
                    message = f"“{said}”（{same.name}）在{reading.year}年度还没有施行；{reading.year}年度报告按2008年《条例》自由撰写"
                out.append(reading.finding("error", "notice_citation", message, passage))
                continue
            if issuer != same.issuer:
                out.append(reading.finding("error", "notice_citation", f"“{said}”：发文字号写错了，应为“{same.text}”（{same.issuer}，不是{issuer}）", passage))
                continue
            if opening + closing != brackets:
                out.append(reading.finding("warning", "notice_citation", f"“{said}”：文号中的年份应使用六角括号{brackets}，写作“{same.text}”", passage))
            elif di:
                out.append(reading.finding("warning", "notice_citation", f"“{said}”：文号中不加“第”字，应写作“{same.text}”", passage))
        if not any(f.rule == "notice_citation" and f.is_error and f.printed == passage.place for f in out):
            out += _titles(reading, passage, expected)  # one mistake, one finding: the number already said it
    if require and expected.notice and not cited:
        out.append(
            reading.finding("warning", "notice_citation", f"没有找到格式通知的文号{expected.notice}：开头段落应写明本报告依据该通知编制", printed="开头段落")
        )
    return out


def _titles(reading: Reading, passage: Passage, expected: Spec) -> list[Finding]:
    """The format's own name: 《…年度报告格式（试行）》 is the 2019 trial format."""
    out = []
    own = next((n.title for n in notices() if n.edition == expected.id), None)
    for n in notices():
        if not n.title or n.edition == expected.id or n.title == own:
            continue
        for m in re.finditer(f"[《〈]{re.escape(n.title)}[》〉]", passage.text):
            want = f"《{own}》" if own else "（该年度没有统一格式）"
            out.append(
                reading.finding(
                    "error",
                    "notice_citation",
                    f"“{quote(passage.text, m.start(), m.end(), around=0)}”是{n.name}；{reading.year}年度报告的格式是{want}",
                    passage,
                )
            )
    return out
