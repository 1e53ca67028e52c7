"""Finding a published report's title, opening paragraph and section headings (rule 15).

A heading is a short paragraph numbered 一、… or （一）…, possibly with text run in after it
("（一）主动公开情况。按照…"). Table row labels look just like headings ("三、本年度办理结果",
"四、结转下年度继续办理"), so a paragraph that is a known table label is never a heading; the
labels come from the specs. Top-level headings are matched to the edition's sections by title,
so "四、政府信息公开行政复议及行政诉讼情况" is recognised as section 四 with a non-canonical title.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from kit.doccheck.items import Grid, Para, ReadDocument
from kit.doccheck.normalize import label_key
from kit.doccheck.tables_from_text import is_label
from kit.doccheck.vocabulary import vocabulary
from kit.findings import Finding, RuleId, error, warning
from kit.messages import doccheck as say
from kit.spec import Section, Spec

_TOP = re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*[、.．]\s*(.+)$")
_SUB = re.compile(r"^\s*[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*(.+)$")
NUMERALS = "一二三四五六七八九十"  # how sections are numbered (一、 and （一）)
_CLAUSE = re.compile(r"[，,；;。！？]")
MATCH = 0.6  # how close a printed title must be to a section's title to count as that section


@dataclass(frozen=True)
class Heading:
    index: int  # position in ReadDocument.items
    level: int  # 1 for 一、…, 2 for （一）…
    number: str  # as printed, e.g. 三、 or （一）
    numeral: int  # 3 for 三、
    title: str  # as printed, without the number
    run_in: str  # text printed after the title in the same paragraph
    section: Section | None  # the spec's section it was recognised as (level 1 only)

    @property
    def printed(self) -> str:
        return f"{self.number}{self.title}"


@dataclass(frozen=True)
class Layout:
    title: str | None
    title_items: tuple[int, ...]
    headings: tuple[Heading, ...]

    def heading_at(self, index: int) -> Heading | None:
        for h in self.headings:
            if h.index == index:
                return h
        return None


def numeral_value(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + NUMERALS.index(text[1]) + 1
    if len(text) == 2 and text.endswith("十"):
        return (NUMERALS.index(text[0]) + 1) * 10
    if len(text) == 3 and text[1] == "十":
        return (NUMERALS.index(text[0]) + 1) * 10 + NUMERALS.index(text[2]) + 1
    return NUMERALS.index(text[0]) + 1 if text and text[0] in NUMERALS else 0


def section_titles(spec: Spec, year: int | None) -> list[tuple[Section, str]]:
    """Top-level sections with their titles as they print in `year` (${next_year} filled in)."""
    out = []
    for s in spec.sections:
        title = s.title
        if year is not None:
            title = title.replace("${next_year}", str(year + 1)).replace("${year}", str(year)).replace("${prev_year}", str(year - 1))
        out.append((s, title))
    return out


def title_likeness(printed: str, canonical: str) -> float:
    a, b = label_key(printed), label_key(canonical)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if (a in b or b in a) and min(len(a), len(b)) >= 4:
        return 0.9
    return difflib.SequenceMatcher(None, a, b).ratio()


def _split_heading(rest: str, limit: int) -> tuple[str, str] | None:
    """(title, run-in text) of a heading line's text after its number; None if it is prose."""
    rest = rest.strip()
    for mark in ("。", "："):
        i = rest.find(mark)
        if i >= 0 and rest[i + 1 :].strip():
            title = rest[:i]
            return (title, rest[i + 1 :].strip()) if 0 < len(title) <= 24 else None
    title = rest.rstrip("。：:")
    if len(title) > limit or ("，" in title and len(title) > 30):
        return None
    return title, ""


def find_layout(doc: ReadDocument, spec: Spec | None, year: int | None) -> Layout:
    title, title_items = _title(doc)
    sections = section_titles(spec, year) if spec is not None else []
    headings: list[Heading] = []
    expected = 1
    for index, item in enumerate(doc.items):
        if index in title_items:
            continue
        text = item.text if isinstance(item, Para) else _caption(item)
        if not text or is_label(text):
            continue
        top = _TOP.match(text)
        if top:
            split = _split_heading(top.group(2), 40)
            if split is None:
                continue
            numeral = numeral_value(top.group(1))
            best, score = _best_section(split[0], sections)
            if score < MATCH and (numeral != expected or len(split[0]) > 25 or isinstance(item, Grid)):
                continue
            number = text[: top.start(2)].strip()
            headings.append(Heading(index, 1, number, numeral, split[0], split[1], best if score >= MATCH else None))
            expected = numeral + 1
            continue
        if isinstance(item, Para) and sections and len(text) <= 30 and not _SUB.match(text) and not _CLAUSE.search(text.rstrip("。：:")):
            best, score = _best_section(text.rstrip("。："), sections, strict=True)
            if best is not None and score >= 0.9 and not any(h.section == best for h in headings):
                # a Word heading numbered automatically: the number is not in the text
                numeral = [s for s, _ in sections].index(best) + 1
                headings.append(Heading(index, 1, "", numeral, text.rstrip("。："), "", best))
                expected = numeral + 1
                continue
        sub = _SUB.match(text)
        if sub and isinstance(item, Para) and headings:
            split = _split_heading(sub.group(2), 80)
            if split is None:
                continue
            number = text[: sub.start(2)].strip()
            headings.append(Heading(index, 2, number, numeral_value(sub.group(1)), split[0], split[1], None))
    return Layout(title, title_items, tuple(headings))


def _caption(grid: Grid) -> str:
    """A table's first row when it is one caption spanning the table (“二、主动公开政府信息情况”)."""
    if not grid.rows:
        return ""
    texts = {c for c in grid.rows[0] if c}
    return next(iter(texts)) if len(texts) == 1 else ""


def _best_section(title: str, sections: list[tuple[Section, str]], strict: bool = False) -> tuple[Section | None, float]:
    """The section a printed title names. `strict` (a line without a number): the whole line must be
    the title, not a sentence that contains it ("本年度无其他需要报告的事项" is prose)."""
    best, score = None, 0.0
    for s, canonical in sections:
        r = title_likeness(title, canonical) if not strict else difflib.SequenceMatcher(None, label_key(title), label_key(canonical)).ratio()
        if r > score:
            best, score = s, r
    return best, score


def _title(doc: ReadDocument) -> tuple[str | None, tuple[int, ...]]:
    """The report's title: the first paragraph naming a report, joined with short lines just above it."""
    words = vocabulary().title.suffixes
    paras = [(i, item) for i, item in enumerate(doc.items[:40]) if isinstance(item, Para)]
    candidates = [
        n for n, (_i, p) in enumerate(paras) if any(w in p.text for w in words) and len(p.text) <= 80 and "。" not in p.text[:-1] and not _TOP.match(p.text)
    ]
    # a web page names the report in its menus too: the title is the first mention with a year
    with_year = [n for n in candidates if re.search(r"(?:19|20)\d{2}", paras[n][1].text)]
    for n in with_year[:1] or candidates[:1]:
        start = n
        if n > 0 and re.match(r"\s*(?:19|20)\d{2}", paras[n][1].text) and _title_part(paras[n - 1][1].text) and paras[n - 1][0] == paras[n][0] - 1:
            start = n - 1  # the body's name on its own line above "2023年政府信息公开工作年度报告"
        chosen = paras[start : n + 1]
        return "".join(p.text for _, p in chosen), tuple(i for i, _ in chosen)
    if paras and len(paras[0][1].text) <= 50 and "。" not in paras[0][1].text and not _TOP.match(paras[0][1].text):
        return paras[0][1].text, (paras[0][0],)
    return None, ()


def _title_part(text: str) -> bool:
    """A short line above the title that belongs to it: the body's name on a line of its own."""
    text = text.strip()
    return len(text) <= 30 and not re.search(r"[\d。：:>＞|]", text) and text.endswith(vocabulary().title.name_endings)


# ---------------------------------------------------------------------------------------------
# rule 15


def check_sections(layout: Layout, spec: Spec, year: int | None) -> list[Finding]:
    """All sections present, in order, numbered and titled as the format prints them."""
    if spec.free_form:
        return []
    out: list[Finding] = []
    canonical = dict(section_titles(spec, year))
    top = [h for h in layout.headings if h.level == 1]
    seen: dict[str, Heading] = {}
    last: Heading | None = None
    order = [s.id for s in spec.sections]
    for h in top:
        if h.section is None:
            out.append(warning(RuleId.SECTION_TITLE, say.not_a_section(h.printed, spec.name, _list(spec, year)), printed=h.printed))
            continue
        if h.section.id in seen:
            continue
        seen[h.section.id] = h
        want = f"{h.section.number}{canonical[h.section]}"
        if last is not None and last.section is not None and order.index(h.section.id) < order.index(last.section.id):
            out.append(error(RuleId.SECTION_ORDER, say.section_out_of_order(h.printed, last.printed, _numbers(spec)), printed=h.printed))
        elif h.number and label_key(h.number).rstrip("、.") != label_key(h.section.number).rstrip("、."):
            out.append(error(RuleId.SECTION_ORDER, say.section_numbered(h.section.number, want, h.number), printed=h.printed))
        if label_key(h.title) != label_key(canonical[h.section]):
            out.append(warning(RuleId.SECTION_TITLE, say.section_titled(want, spec.notice or spec.name, h.printed), printed=h.printed))
        last = h
    for s in spec.sections:
        if s.id not in seen and not s.optional:
            out.append(
                error(
                    RuleId.SECTION_MISSING,
                    say.section_missing(f"{s.number}{canonical[s]}", spec.name, len(spec.sections)),
                    printed=f"{s.number}{canonical[s]}",
                )
            )
    return out


def _numbers(spec: Spec) -> str:
    return say.numbers_from_to(spec.sections[0].number.rstrip("、"), spec.sections[-1].number.rstrip("、"))


def _list(spec: Spec, year: int | None) -> str:
    return "、".join(f"{s.number}{t}" for s, t in section_titles(spec, year))
