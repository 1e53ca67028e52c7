"""One published report, as checked by `kit check --document`, turned into a year file (and a body).

The reading and the checking are the document check's (kit.doccheck.documents): the same
readers, the same table reading, the same findings. This module only decides what goes into the
year file and whether anything may be written at all:

- every table cell as printed: a number is that number (units converted as the table reading
  converts them); a blank stays blank; "/" and its kin are kept apart — written blank, each named
  in a finding, never a 0;
- a cell with text in it, a row that could not be placed, a table missing or cut off, tables of
  another edition than the year's, a value the year file would refuse: the report is refused,
  naming each problem, and nothing of it is written;
- the prose split into the edition's sections (kit.imports.sections), with its figures quoted
  again (kit.imports.quoting);
- the report's other findings (what does not add up) are listed, and do not stop the import:
  they are the report's, and the year file keeps them visible to `kit check`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kit import placeholders
from kit.doccheck.documents import DocumentChecked
from kit.figures import resolve_cells, resolver
from kit.findings import Finding, RuleId, error, warning
from kit.imports.preamble import body_from_report
from kit.imports.quoting import quote_prose
from kit.imports.sections import split_prose
from kit.messages import imports as msg
from kit.report import Body, BodyRef, YearReport
from kit.spec import edition_for_year, load_spec
from kit.values import Number, Refused, parse_figure

# findings of the reading that mean the tables were not read whole
BLOCKING = {"load", "title_year", "table_missing", "table_row", "edition_year"}


@dataclass
class Imported:
    source: str
    ref: BodyRef | None = None
    year: int | None = None
    report: YearReport | None = None
    body: Body | None = None  # a new body's profile, from the preamble (None when the body exists)
    findings: list[Finding] = field(default_factory=list)  # the report's, as the document check found them
    notes: list[Finding] = field(default_factory=list)  # the import's own: blanks, marks, guesses
    refused: list[str] = field(default_factory=list)  # why nothing may be written
    quoted: int = 0

    @property
    def ok(self) -> bool:
        return not self.refused and self.report is not None


def import_report(checked: DocumentChecked, ref: BodyRef, existing_body: Body | None) -> Imported:
    out = Imported(checked.shown, ref, checked.year)
    out.findings = [f for f in checked.findings if f.rule not in (RuleId.SIMILAR_OTHER_BODY,)]
    blocking = [f for f in checked.findings if f.is_error and f.rule in BLOCKING]
    out.refused += [_said(f) for f in blocking]
    if checked.report is None or checked.year is None:
        out.refused = out.refused or [f.message for f in checked.findings if f.is_error] or [msg.no_year(checked.shown)]
        return out
    year = checked.year
    spec = load_spec(edition_for_year(year))
    if checked.tables is not None and checked.tables.spec.id != spec.id and not any(f.rule == RuleId.EDITION_YEAR for f in blocking):
        out.refused.append(msg.edition_mismatch(year, spec.name, checked.tables.spec.name))
    cells = _cells(checked, spec, out)
    # the body: as it is in the parameters folder, or new from the title and opening
    title_name = checked.body or ref.body
    prose = split_prose(checked, spec, year)
    out.notes += prose.findings
    if existing_body is not None:
        body = existing_body
    else:
        found = body_from_report(ref, title_name, "".join(prose.opening))
        body, out.body = found.body, found.body
        out.notes += found.findings
    report = YearReport(body=body, year=year, edition=spec.id, cells=cells)
    values = resolve_cells(spec, report)
    values.update({k: v for k, v in cells.items() if v is not None})
    kinds = {f.id: f.kind for f in spec.figures}
    quoted = quote_prose(prose.prose, spec.id, values, kinds, year)
    report.prose = dict(quoted.prose)
    report.figures = dict(quoted.figures)
    out.quoted = quoted.quoted
    unseen = [f.label for f in spec.figures if f.id not in report.figures and not f.optional]
    if unseen:
        out.notes.append(warning(RuleId.IMPORT_FIGURES, msg.figures_not_in_prose(unseen), printed=msg.PROSE))
    if spec.free_form:
        report.titles, report.run_in = prose.titles, prose.run_in
        opening = "\n".join(prose.opening)
        if opening and opening != _expanded(spec.opening, report):
            report.prose["opening"] = opening
    out.report = report
    return out


def _said(f: Finding) -> str:
    return f"{f.printed}：{f.message}" if f.printed else f.message


def _expanded(template: str, report: YearReport) -> str:
    return placeholders.expand(template, resolver(report, resolve_cells(report.spec, report)))[0]


def _cells(checked: DocumentChecked, spec, out: Imported) -> dict[str, Number | None]:
    """The year file's input cells, each as printed; computed totals are the kit's to compute."""
    cells: dict[str, Number | None] = {}
    if checked.tables is None or checked.tables.spec.id != spec.id:
        return cells
    for table in spec.tables:
        read = checked.tables.tables[table.id]
        for block in table.blocks:
            for row in block.rows:
                for column in block.columns:
                    key = f"{table.id}.{row.id}.{column.id}"
                    if (row.id, column.id) in table.computed:
                        continue
                    fig = read.cells.get(key)
                    place = msg.table_named(spec.cell_index[key].printed)
                    if fig is None:
                        cells[key] = None
                        continue
                    if fig.kind == "number":
                        try:
                            cells[key] = parse_figure(fig.value, column.kind)
                        except Refused as exc:
                            out.refused.append(msg.refused_value(place, str(exc)))
                    elif fig.kind == "mark":
                        cells[key] = None
                        out.notes.append(warning(RuleId.IMPORT_CELL, msg.mark_kept_blank(place, fig.text), printed=place))
                    elif fig.kind == "blank":
                        cells[key] = None
                    else:
                        out.refused.append(msg.text_in_cell(place, fig.text))
    return cells


def refusal(imported: Imported) -> Finding:
    return error(RuleId.IMPORT, msg.refused(imported.source, imported.refused))


def target(root: Path, imported: Imported) -> Path | None:
    if imported.ref is None or imported.year is None:
        return None
    return root / imported.ref.county / imported.ref.body / f"{imported.year}.yaml"
