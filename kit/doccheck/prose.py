"""What the document-level checks read: prose passages with their places, and the figures behind them.

The same checks run on the kit's own reports (prose from the parameters, ``${...}`` expanded)
and on published reports read from a file, so both are turned into a `Reading`: passages that
name where they are as a reader finds them ("三、收到和处理政府信息公开申请情况 第1段"), and a
way to look up a figure by its ``${...}`` name. For the kit's reports each passage also keeps
its YAML key and which spans of its text came from a ``${...}`` (so a number typed by hand can
be told from a quoted one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from kit import placeholders
from kit.figures import resolve_cells, resolver
from kit.findings import Finding, Severity
from kit.messages import doccheck as say
from kit.report import YearReport
from kit.spec import Spec
from kit.values import Number

Span = tuple[int, int, str]  # start, end, the ${...} name whose value sits there


@dataclass(frozen=True)
class Passage:
    """One paragraph of a report, and where it is."""

    text: str
    where: str  # the section as printed: "一、总体情况 › （一）主动公开"; 开头段落; 标题
    paragraph: int | None = None  # 1-based within its section, None for a title or heading
    kind: str = "prose"  # title | opening | heading | prose
    section: str | None = None  # the spec's section id, when known
    key: str | None = None  # YAML key (prose.overview_proactive) for the kit's own reports
    line: int | None = None  # line in a text file
    spans: tuple[Span, ...] = ()

    @property
    def place(self) -> str:
        return say.paragraph_at(self.where, self.paragraph) if self.paragraph else self.where

    def span_at(self, start: int, end: int) -> Span | None:
        """The ${...} whose value covers text[start:end], if any."""
        for span in self.spans:
            if span[0] <= start and end <= span[1]:
                return span
        return None


@dataclass
class Reading:
    """A report as the document-level checks see it."""

    spec: Spec
    year: int
    body_name: str
    body_names: tuple[str, ...]  # every name the body goes by (short and full)
    passages: list[Passage]
    values: dict[str, Number | None]  # table cells, printed where printed, else computed
    figures: dict[str, object]  # structured figures (the kit's reports only)
    file: Path | None = None
    other_names: tuple[str, ...] = ()  # names of sibling bodies (same county), for leftovers
    own_report: bool = False  # the kit's own report (prose uses ${...}) or a published document
    blank: frozenset[str] = frozenset()  # cells printed blank or "/" (a total then computed from its parts)
    report: YearReport | None = None  # the kit's own report this reading was made from

    def prose(self) -> Iterator[Passage]:
        """Passages a person wrote: the opening paragraph and the sections' prose."""
        return (p for p in self.passages if p.kind in ("opening", "prose"))

    def finding(
        self, severity: Severity | str, rule: str, message: str, passage: Passage | None = None, *, printed: str | None = None, key: str | None = None
    ) -> Finding:
        """A finding placed at a passage: its place as printed, its YAML key, its line."""
        return Finding(
            Severity(severity),
            rule,
            message,
            key=key if key is not None else (passage.key if passage else None),
            printed=printed if printed is not None else (passage.place if passage else None),
            file=self.file,
            line=passage.line if passage else None,
        )

    def value(self, name: str) -> Number | None:
        """A figure by its ${...} name: tables.<table>.<row>.<column> or figures.<id>."""
        head, _, rest = name.partition(".")
        if head == "tables":
            return self.values.get(rest)
        if head == "figures":
            v = self.figures.get(rest)
            return v if isinstance(v, (int, Decimal)) and not isinstance(v, bool) else None
        return None

    def total(self, names: tuple[str, ...]) -> Number | None:
        """The sum of several figures; None if any is unknown."""
        got = [self.value(n) for n in names]
        if not got or any(v is None for v in got):
            return None
        return sum(got, start=0)  # type: ignore[arg-type]

    def describe(self, names: tuple[str, ...], what: str) -> str:
        """Where a figure is printed, for a message: the cell as printed, or the figure's label."""
        if len(names) == 1:
            head, _, rest = names[0].partition(".")
            if head == "tables" and rest in self.spec.cell_index:
                return say.table_named(self.spec.cell_index[rest].printed)
            if head == "figures":
                try:
                    return f"“{self.spec.figure(rest).label}”"
                except KeyError:
                    return what
        tables = {n.split(".")[1] for n in names if n.startswith("tables.")}
        if len(tables) == 1:
            return say.sum_in_table(self.spec.table(tables.pop()).printed, what)
        return f"“{what}”"


def expand_with_spans(text: str, resolve: Callable[[str], str | None]) -> tuple[str, tuple[Span, ...]]:
    """Like placeholders.expand, also telling where each ${...} value landed in the result."""
    out: list[str] = []
    spans: list[Span] = []
    length = pos = 0
    for m in placeholders.PATTERN.finditer(text):
        out.append(text[pos : m.start()])
        length += m.start() - pos
        pos = m.end()
        if m.group(0) == "$${":
            out.append("${")
            length += 2
            continue
        name = m.group(1).strip()
        value = resolve(name)
        replacement = value if value is not None else m.group(0)
        spans.append((length, length + len(replacement), name))
        out.append(replacement)
        length += len(replacement)
    out.append(text[pos:])
    return "".join(out), tuple(spans)


def reading_of_report(report: YearReport, other_names: tuple[str, ...] = ()) -> Reading:
    """The kit's own report as passages: title, opening, headings and each section's paragraphs."""
    spec = report.spec
    values = resolve_cells(spec, report)
    for key, v in report.cells.items():
        if v is not None and values.get(key) is None:
            values[key] = v
    resolve = resolver(report, values)
    passages: list[Passage] = []
    title, spans = expand_with_spans(spec.title, resolve)
    passages.append(Passage(title, say.TITLE, kind="title", spans=spans))
    opening_raw = report.prose.get("opening") if spec.free_form else None
    text, spans = expand_with_spans(opening_raw or spec.opening, resolve)
    opening_key = "prose.opening" if opening_raw else None
    passages.append(
        Passage(
            text,
            say.OPENING,
            paragraph=None,
            kind="opening" if opening_raw else "boilerplate",
            key=opening_key,
            line=report.lines.get(opening_key or "") or None,
            spans=spans,
        )
    )
    for parent in spec.sections:
        parent_title = expand_with_spans(report.titles.get(parent.id) or parent.title, resolve)[0]
        printed_parent = f"{parent.number}{parent_title}"
        passages.append(
            Passage(printed_parent, printed_parent, kind="heading", section=parent.id, key=f"titles.{parent.id}" if parent.id in report.titles else None)
        )
        for s in parent.subsections or ((parent,) if parent.is_prose else ()):
            where = printed_parent
            if s is not parent:
                sub_title = expand_with_spans(report.titles.get(s.id) or s.title, resolve)[0]
                where = f"{printed_parent} › {s.number}{sub_title}"
                passages.append(Passage(f"{s.number}{sub_title}", where, kind="heading", section=s.id, key=f"titles.{s.id}" if s.id in report.titles else None))
            raw = report.prose.get(s.id) or ""
            key = f"prose.{s.id}"
            paragraphs = [line.strip() for line in raw.split("\n") if line.strip()]
            for n, paragraph in enumerate(paragraphs, 1):
                text, spans = expand_with_spans(paragraph, resolve)
                passages.append(Passage(text, where, paragraph=n, section=s.id, key=key, line=report.lines.get(key) or None, spans=spans))
    body = report.body
    return Reading(
        spec=spec,
        year=report.year,
        body_name=body.name,
        body_names=tuple(x for x in (body.name, body.full_name) if x),
        passages=passages,
        values=values,
        figures=dict(report.figures),
        file=report.file,
        other_names=other_names,
        own_report=True,
        report=report,
    )
