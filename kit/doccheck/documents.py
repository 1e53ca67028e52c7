"""`kit check --document`: the checks a careful reviewer makes, on reports the kit did not produce.

For each file: read it (reading.py), find its title, sections and tables, guess the year from
the title (or the statistics period, or the file name; `--year` overrides) and so the edition,
read the tables in whichever edition they were printed in, build a kit YearReport from what was
read and run the core validation on it (table arithmetic, 上年结转 against last year's document of
the same body when both are checked together), then the document rules 12–19. Files are read
first and checked second, so each report can be compared with the others: last year's of the
same body and this year's of the other bodies.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kit.doccheck.items import Grid, Para, ReadDocument
from kit.doccheck.normalize import label_key
from kit.doccheck.prose import Passage, Reading
from kit.doccheck.prose_rules import check_prose
from kit.doccheck.reading import read_document
from kit.doccheck.sections import NUMERALS, Layout, check_sections, find_layout
from kit.doccheck.similarity import Prepared, prepare, similarity_findings
from kit.doccheck.sources import Source, collect_sources, is_report_file
from kit.doccheck.structure import check_structure
from kit.doccheck.table_reading import TablesRead, _table_labels, assign_rows, read_tables
from kit.doccheck.tables_from_text import is_label
from kit.doccheck.vocabulary import vocabulary
from kit.errors import KitError, PathError, UnreadableDocument
from kit.figures import resolve_cells
from kit.findings import Finding, HasFindings, RuleId, error
from kit.messages import doccheck as doccheck_says
from kit.messages import reading as reading_says
from kit.messages import rules as rule_says
from kit.report import Body, BodyRef, YearReport
from kit.spec import Spec, edition_for_year, load_spec

GOV_EDITIONS = ("gov2021", "gov2019")
_DROPPED = {RuleId.BLANK, RuleId.PLACEHOLDER, RuleId.EDITION_YEAR}  # replaced by what the document reading found


@dataclass
class DocumentChecked(HasFindings):
    """One document's outcome."""

    file: Path
    title: str | None = None
    body: str | None = None
    year: int | None = None
    edition: str | None = None  # the edition its tables were printed in (or expected, without tables)
    expected: str | None = None  # the edition for its year
    findings: list[Finding] = field(default_factory=list)
    report: YearReport | None = None
    reading: Reading | None = None
    url: str | None = None  # when the report was named by its URL (file is then the downloaded copy)
    doc: ReadDocument | None = None  # what was read, for kit import
    layout: Layout | None = None
    tables: TablesRead | None = None

    @property
    def shown(self) -> str:
        return self.url or str(self.file)


@dataclass
class _Parsed:
    checked: DocumentChecked
    doc: ReadDocument
    layout: Layout
    spec: Spec
    tables: TablesRead | None
    report: YearReport
    reading: Reading


# ---------------------------------------------------------------------------------------------
# files


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """The documents under the given files and folders (folders recursively, sorted)."""
    out: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            out += [p for p in sorted(path.rglob("*")) if is_report_file(p)]
        elif path.is_file():
            out.append(path)
        else:
            raise PathError(reading_says.not_found(path))
    return out


def check_documents(paths: Sequence[Path | str], *, year: int | None = None, years: Sequence[int | None] | None = None) -> list[DocumentChecked]:
    """`kit check --document`: published reports (files, folders, .list files, URLs), each checked
    with the others at hand, as a reviewer would. `years` gives each source its own year.

    >>> from kit import paths
    >>> [checked] = check_documents([paths.CHECKOUT / "tests" / "data" / "seed_2018_huancheng.txt"])
    >>> checked.errors
    []
    """
    import tempfile

    with tempfile.TemporaryDirectory(prefix="kit-download-") as downloads:
        sources = collect_sources(paths, Path(downloads))
        return check_sources(sources, year=year, years=years)


def check_sources(sources: Sequence[Source], *, year: int | None = None, years: Sequence[int | None] | None = None) -> list[DocumentChecked]:
    parsed: list[_Parsed] = []
    results: list[DocumentChecked] = []
    for n, source in enumerate(sources):
        if source.error is not None:
            results.append(DocumentChecked(source.path, url=source.url, findings=[error(RuleId.LOAD, source.error)]))
            continue
        outcome = _parse(source.path, years[n] if years is not None else year)
        checked = outcome.checked if isinstance(outcome, _Parsed) else outcome
        checked.url = source.url
        results.append(checked)
        if isinstance(outcome, _Parsed):
            parsed.append(outcome)
    names = sorted({n for p in parsed for n in p.reading.body_names if n})
    prepared = {id(p): prepare(p.reading, names) for p in parsed}
    for p in parsed:
        _check(p, parsed, prepared)
    return results


# ---------------------------------------------------------------------------------------------
# reading one document


_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")
_SIGNED = re.compile(r"^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")


def _guess_year(title: str | None, doc: ReadDocument, path: Path) -> int | None:
    if title and (m := _YEAR_IN_TITLE.search(title)):
        return int(m.group(1))
    for para in doc.paragraphs[:12]:
        if m := vocabulary().years.statistics_period.search(para.text):
            return int(m.group(1))
    if m := re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", path.stem):
        return int(m.group(1))
    return None


def body_name(title: str | None, path: Path) -> str:
    """The body as its title names it: 「微山县驩城镇人民政府2023年政府信息公开工作年度报告」 -> 微山县驩城镇人民政府."""
    if not title:
        return path.stem
    name = re.sub(r"(?:19|20)\d{2}\s*年度?", "", title)
    for suffix in sorted(vocabulary().title.suffixes, key=len, reverse=True):
        name = name.replace(suffix, "")
    name = re.sub(r"[《》“”\"\s]", "", name).strip("关于的")
    return name or path.stem


def body_key(name: str) -> str:
    for suffix in vocabulary().title.name_suffixes:
        name = name.removesuffix(suffix)
    return name


def same_body(a: str, b: str) -> bool:
    ka, kb = body_key(a), body_key(b)
    return bool(ka and kb) and min(len(ka), len(kb)) >= 2 and (ka.endswith(kb) or kb.endswith(ka))


def body_level(name: str, opening: Sequence[str] = ()) -> str:
    """The body's level (kit/spec/editions/levels.yaml) from its name as the title prints it, else from
    how the first paragraphs name it ("我镇", "区城乡建设局…"): the level decides whether 规章 may be
    non-zero and how large a 收费金额 is plausible, so a body left without one escapes both checks."""
    words = vocabulary().title
    for level, pattern in words.levels:
        if pattern.search(name):
            return level
    text = "".join(opening)
    found = [(m.start(), level) for level, pattern in words.preamble_levels if (m := pattern.search(text))]
    return min(found)[1] if found else ""


def _body(name: str, path: Path, opening: Sequence[str] = ()) -> Body:
    county = path.parent.name or doccheck_says.DOCUMENTS
    try:
        ref = BodyRef(_safe(county), _safe(name))
    except PathError:
        ref = BodyRef(doccheck_says.DOCUMENTS, doccheck_says.DOCUMENTS)
    return Body(ref=ref, name=name, full_name=name, level=body_level(name, opening), county=ref.county)


def _safe(name: str) -> str:
    from kit.report import check_name

    cleaned = re.sub(r"[/\\\x00-\x1f\x7f]", "", name).strip().lstrip(".")[:60] or doccheck_says.DOCUMENTS
    return check_name(cleaned, doccheck_says.BODY)


def _parse(path: Path, year_override: int | None) -> _Parsed | DocumentChecked:
    try:
        doc = read_document(path)
    except UnreadableDocument as exc:
        return DocumentChecked(path, findings=[error(RuleId.LOAD, str(exc), file=path)])
    title = find_layout(doc, None, None).title
    year = year_override or _guess_year(title, doc, path)
    checked = DocumentChecked(path, title=title, body=body_name(title, path), year=year)
    if year is None:
        checked.findings.append(error(RuleId.TITLE_YEAR, doccheck_says.NO_REPORT_YEAR, printed=doccheck_says.TITLE, file=path))
        return checked
    if year_override and title and (m := _YEAR_IN_TITLE.search(title)) and int(m.group(1)) != year:
        checked.findings.append(error(RuleId.TITLE_YEAR, doccheck_says.title_year_differs(title, m.group(1), year), printed=doccheck_says.TITLE, file=path))
    expected = load_spec(edition_for_year(year))
    checked.expected = expected.id
    layout = find_layout(doc, expected, year)
    tables, findings = _tables(doc, layout, expected, year)
    spec = tables.spec if tables is not None else expected
    checked.edition = spec.id
    checked.findings += [_table_place(f).with_file(path) for f in findings]
    opening = [p.text for p in doc.paragraphs[:8] if len(p.text) > 2]
    report = YearReport(body=_body(checked.body or path.stem, path, opening), year=year, edition=spec.id)
    if tables is not None:
        report.cells.update(tables.values())
    passages = _passages(doc, layout)
    for p in passages:
        if p.kind == "prose" and p.section:
            report.prose[p.section] = "\n".join(x for x in (report.prose.get(p.section), p.text) if x)
    values = resolve_cells(spec, report)
    values.update({k: v for k, v in report.cells.items() if v is not None})
    reading = Reading(
        spec=spec,
        year=year,
        body_name=report.body.name,
        body_names=(report.body.name, body_key(report.body.name)),
        passages=passages,
        values=values,
        figures={},
        file=path,
        blank=frozenset(k for t in tables.tables.values() for k, f in t.cells.items() if not f.is_number) if tables is not None else frozenset(),
    )
    checked.report, checked.reading, checked.doc = report, reading, doc
    checked.layout, checked.tables = layout, tables
    return _Parsed(checked, doc, layout, spec, tables, report, reading)


def _passages(doc: ReadDocument, layout: Layout) -> list[Passage]:
    out: list[Passage] = []
    if layout.title:
        out.append(Passage(layout.title, doccheck_says.TITLE, kind="title", line=_line(doc, layout.title_items[0])))
    top = sub = None
    counts: dict[str, int] = {}

    def add(text: str, line: int | None) -> None:
        where = doccheck_says.OPENING if top is None else (f"{top.printed} › {sub.printed}" if sub is not None else top.printed)
        counts[where] = counts.get(where, 0) + 1
        section = top.section.id if top is not None and top.section is not None else None
        out.append(Passage(text, where, paragraph=counts[where], kind="opening" if top is None else "prose", section=section, line=line))

    first = layout.title_items[0] if layout.title_items else 0
    last_heading = max((h.index for h in layout.headings if h.level == 1), default=len(doc.items))
    for index, item in enumerate(doc.items):
        if index < first or index in layout.title_items:
            continue  # a web page's menus and breadcrumbs, above the title
        if index > last_heading and isinstance(item, Para) and _SIGNED.match(item.text):
            out.append(Passage(item.text, doccheck_says.SIGNATURE, kind="signature", line=_line(doc, index)))
            break  # the date the report was signed: what follows is the page's footer
        heading = layout.heading_at(index)
        line = _line(doc, index)
        if heading is not None:
            if heading.level == 1:
                top, sub = heading, None
                out.append(Passage(heading.printed, heading.printed, kind="heading", section=heading.section.id if heading.section else None, line=line))
            else:
                sub = heading
                out.append(Passage(heading.printed, f"{top.printed} › {heading.printed}" if top else heading.printed, kind="heading", line=line))
            if heading.run_in:
                add(heading.run_in, line)
            continue
        if isinstance(item, Para):
            add(item.text, line)
    return out


def _line(doc: ReadDocument, index: int) -> int | None:
    item = doc.items[index]
    return item.line


# ---------------------------------------------------------------------------------------------
# tables and the edition (rule 16)


def _tables(doc: ReadDocument, layout: Layout, expected: Spec, year: int) -> tuple[TablesRead | None, list[Finding]]:
    specs = [load_spec(e) for e in GOV_EDITIONS]
    grids = []
    current_table: str | None = None
    for index, item in enumerate(doc.items):
        heading = layout.heading_at(index)
        if heading is not None and heading.level == 1:
            current_table = heading.section.table if heading.section is not None else None
        if isinstance(item, Grid):
            grids.append((item.rows, current_table))
    rows = assign_rows(grids, specs)
    findings: list[Finding] = []
    if not any(rows.values()):
        unreadable = _labels_without_figures(doc, expected)
        if unreadable:
            findings.append(error(RuleId.TABLE_UNREADABLE, doccheck_says.table_unreadable("、".join(unreadable)), printed=unreadable[0]))
            return None, findings
        if not expected.free_form:
            titles = "、".join(t.printed for t in expected.tables)
            findings.append(error(RuleId.TABLE_MISSING, doccheck_says.tables_missing(year, expected.name, expected.notice, titles), printed=doccheck_says.TABLES))
        return None, findings
    candidates = [read_tables(rows, spec) for spec in specs]
    best = max(candidates, key=lambda t: (t.fit, t.spec.id == expected.id))
    if best.spec.id != expected.id:
        findings.append(_edition_finding(best, expected, doc, year))
    for table in best.spec.tables:
        if not best.tables[table.id].read and not any(f.rule == RuleId.TABLE_ROW and f.printed and f.printed.startswith(table.printed) for f in best.findings()):
            findings.append(error(RuleId.TABLE_MISSING, doccheck_says.table_not_read(table.printed), printed=doccheck_says.table_named(table.printed)))
    findings += best.findings()
    return best, findings


def _labels_without_figures(doc: ReadDocument, spec: Spec) -> list[str]:
    """Tables whose row and column labels are printed one a line with (almost) no figures between
    them: a web table copied cell by cell, its empty cells gone. Which figure belongs to which cell
    cannot be known, so such a table is reported as unreadable, never read."""
    keys = [label_key(p.text) for p in doc.paragraphs if is_label(p.text)]
    if len(keys) < 8:
        return []
    return [doccheck_says.table_named(t.printed) for t in spec.tables if sum(1 for k in keys if k in _table_labels(t)) >= 3]


def _edition_finding(printed: TablesRead, expected: Spec, doc: ReadDocument, year: int) -> Finding:
    """Name the printed labels that give the edition away (本年新制作数量, 政府集中采购 …)."""
    theirs = set().union(*(_table_labels(t) for t in printed.spec.tables))
    ours = set().union(*(_table_labels(t) for t in expected.tables)) if expected.tables else set()
    seen: list[str] = []
    for item in doc.items:
        if isinstance(item, Grid):
            for row in item.rows:
                for cell in row:
                    key = label_key(cell)
                    if key in theirs and key not in ours and cell not in seen:
                        seen.append(cell)
    evidence = doccheck_says.edition_evidence(seen)
    if expected.free_form:
        message = doccheck_says.tables_before_any_format(printed.spec.name, printed.spec.notice, evidence, year)
    else:
        message = doccheck_says.tables_of_other_edition(printed.spec.name, printed.spec.notice, evidence, year, expected.name, expected.notice)
    return error(RuleId.EDITION_YEAR, message, printed=doccheck_says.TABLES_EDITION)


# ---------------------------------------------------------------------------------------------
# checking, with the other documents at hand


def _check(p: _Parsed, everyone: Sequence[_Parsed], prepared: dict[int, Prepared]) -> None:
    checked, reading = p.checked, p.reading
    previous = next((o for o in everyone if o is not p and o.checked.year == checked.year - 1 and same_body(o.report.body.name, p.report.body.name)), None)  # type: ignore[operator]
    peers = [o for o in everyone if o is not p and o.checked.year == checked.year and not same_body(o.report.body.name, p.report.body.name)]
    reading.other_names = tuple(sorted({o.report.body.name for o in peers} | {body_key(o.report.body.name) for o in peers}))
    findings: list[Finding] = []
    if p.tables is not None and p.tables.any_read:
        from kit.validation import validate

        try:
            found = validate(p.report, previous.report if previous is not None and previous.tables is not None else None)
        except KitError as exc:  # pragma: no cover - validation does not raise for data
            found = [error(RuleId.LOAD, str(exc))]
        findings += [_from_core(f) for f in found if f.rule not in _DROPPED]
    findings += check_sections(p.layout, load_spec(checked.expected or p.spec.id), checked.year)
    findings += check_structure(reading, p.layout, load_spec(checked.expected or p.spec.id))
    findings += check_prose(reading, require_citation=not load_spec(checked.expected or p.spec.id).free_form)
    if previous is not None:
        label = doccheck_says.own_report_of(previous.checked.year, previous.checked.file.name)
        findings += similarity_findings(reading, prepared[id(p)], prepared[id(previous)], "similar_previous_year", label)
    for other in peers:
        label = doccheck_says.report_of(other.report.body.name, other.checked.file.name)
        findings += similarity_findings(reading, prepared[id(p)], prepared[id(other)], "similar_other_body", label)
    checked.findings += [f.with_file(checked.file) for f in findings]


def _table_place(f: Finding) -> Finding:
    """Table places read as 表三、收到和处理… › 一、本年新收… on paper."""
    if f.printed and f.printed[:1] in NUMERALS and "、" in f.printed[:4]:
        return dataclasses.replace(f, printed=doccheck_says.table_named(f.printed))
    return f


def _from_core(f: Finding) -> Finding:
    """A validation finding, worded for a printed report rather than a parameter file."""
    message = f.message.replace(rule_says.TYPED_IN_FILE, doccheck_says.PRINTED_IN_REPORT).replace(rule_says.TOTAL_IS_COMPUTED, "")
    return dataclasses.replace(_table_place(f), message=message, key=None)
