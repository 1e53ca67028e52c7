"""A report as a document: headings, paragraphs and tables, in printed order.

Built from the spec and a year's parameters, with every ``${...}`` expanded from the data, so
the HTML, PDF, DOCX and plain-text renderers only lay out what is here and never decide
wording. No I/O, no kernel.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from kit import placeholders
from kit.figures import resolve_cells, resolver
from kit.findings import Finding
from kit.messages.cycle import signature_date
from kit.report import YearReport
from kit.spec import Section, Table
from kit.values import Number


@dataclass(frozen=True)
class Heading:
    level: int  # 1 for 一、…, 2 for （一）…
    number: str
    title: str
    section: str

    @property
    def text(self) -> str:
        return f"{self.number}{self.title}"


@dataclass(frozen=True)
class Paragraph:
    text: str
    lead: str | None = None  # a run-in heading printed at the start of the paragraph
    section: str | None = None


@dataclass(frozen=True)
class TableBlock:
    table: Table
    values: dict[str, Number | None]
    caption: str


Block = Heading | Paragraph | TableBlock


class Illustration(Protocol):
    """What a document needs of a chart to place it: the section it illustrates (None: none)."""

    @property
    def section(self) -> str | None: ...


Figure = TypeVar("Figure", bound=Illustration)


@dataclass(frozen=True)
class Document:
    title: str
    opening: str
    blocks: tuple[Block, ...]
    report: YearReport
    draft: bool = False
    findings: tuple[Finding, ...] = field(default=())

    @property
    def body(self):
        return self.report.body

    @property
    def year(self) -> int:
        return self.report.year

    def chart_slots(self, charts: Iterable[Figure]) -> dict[int | None, list[tuple[int, Figure]]]:
        """After which block each chart goes, with its printed number: block index -> [(number, chart)].

        A chart goes after the last block of the section it illustrates; one without a section
        (or whose section this document lacks) goes at the end, under the key None. Numbers run
        1, 2, … in printed order. One placement for every renderer (HTML, PDF, DOCX), so a
        chart stands in the same place and carries the same 图N in each file.
        """
        spec = self.report.spec
        parent = {sub.id: s.id for s in spec.sections for sub in s.subsections}
        by_table = {s.table: s.id for s in spec.sections if s.table}
        last: dict[str, int] = {}
        for i, block in enumerate(self.blocks):
            section = by_table.get(block.table.id) if isinstance(block, TableBlock) else parent.get(block.section or "", block.section)
            if section:
                last[section] = i
        slots: dict[int | None, list[Figure]] = {}
        for chart in charts:
            slots.setdefault(last.get(chart.section or ""), []).append(chart)
        numbers = itertools.count(1)
        printed = sorted(slots, key=lambda slot: len(self.blocks) if slot is None else slot)
        return {slot: [(next(numbers), chart) for chart in slots[slot]] for slot in printed}

    @property
    def date(self) -> dt.date | None:
        """The date printed in the signature (落款): the report's, written when it is published
        (kit publish) or typed in the year file; a draft leaves it blank for the stamped copy."""
        return None if self.draft else self.report.date

    def date_text(self) -> str | None:
        d = self.date
        return signature_date(d.year, d.month, d.day) if d else None


def build_document(report: YearReport, *, draft: bool = False, findings: list[Finding] | None = None) -> Document:
    """The report laid out as headings, paragraphs and tables in printed order, every ${...} expanded.

    >>> from kit import paths
    >>> from kit.report import BodyRef
    >>> from kit.store import Store
    >>> report = Store(paths.CHECKOUT / "parameters").load_year(BodyRef("微山县", "驩城镇"), 2018)
    >>> doc = build_document(report)
    >>> doc.title
    '2018年度驩城镇政府信息公开年度报告'
    """
    spec = report.spec
    values = resolve_cells(spec, report)
    resolve = resolver(report, values)

    def text(template: str) -> str:
        return placeholders.expand(template, resolve)[0]

    blocks: list[Block] = []
    for section in spec.sections:
        blocks += _section(section, 1, report, values, text)
    opening = report.prose.get("opening") if spec.free_form else None
    return Document(
        title=text(spec.title),
        opening=text(opening or spec.opening),
        blocks=tuple(blocks),
        report=report,
        draft=draft,
        findings=tuple(findings or ()),
    )


def _section(section: Section, level: int, report: YearReport, values: dict, text) -> list[Block]:
    title = text(report.titles.get(section.id) or section.title)
    prose = report.prose.get(section.id) or ""
    paragraphs = [text(line.strip()) for line in prose.split("\n") if line.strip()]
    if not section.subsections and not section.table and not paragraphs and section.optional:
        return []
    out: list[Block] = []
    if section.id in report.run_in and paragraphs:
        out.append(Paragraph(paragraphs[0], lead=f"{section.number}{title}", section=section.id))
        paragraphs = paragraphs[1:]
    else:
        out.append(Heading(level, section.number, title, section.id))
    for sub in section.subsections:
        out += _section(sub, level + 1, report, values, text)
    if section.table:
        table = report.spec.table(section.table)
        out.append(TableBlock(table, values, f"{table.number}{table.title}"))
    out += [Paragraph(p, section=section.id) for p in paragraphs]
    return out
