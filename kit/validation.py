"""validate(report) -> list[Finding]: every problem at once, never an exception for bad data.

Besides the spec's rule instances (rules.py), validation applies what holds for every edition:
the edition matches the year, every cell and figure is filled in (a blank is 未填写, never a
zero), required prose sections are written, and every ``${...}`` in the prose resolves.
Acknowledged warnings stay in the list, marked with their reason.
"""

from __future__ import annotations

import dataclasses

from kit import placeholders
from kit.figures import resolve_cells, resolver
from kit.findings import Finding, RuleId, Severity, error
from kit.messages import rules as say
from kit.report import BODY_FIELDS, YearReport
from kit.rules import CHECKS, Context
from kit.spec import Spec, edition_for_year, load_levels, load_spec


def validate(report: YearReport, previous: YearReport | None = None) -> list[Finding]:
    """Every problem of one report at once, as findings (bad data never raises here).

    `previous` is last year's report of the same body, for the carry-over rules.

    >>> from kit import paths
    >>> from kit.report import BodyRef
    >>> from kit.store import Store
    >>> store = Store(paths.CHECKOUT / "parameters")
    >>> report = store.load_year(BodyRef("青禾县", "云溪镇"), 2025)
    >>> validate(report, store.previous(report))
    []
    >>> report.cells["applications.new.natural"] += 1  # one more application, the totals left as they were
    >>> [f.rule for f in validate(report, store.previous(report))][:1]
    ['balance']
    """
    spec = report.spec
    values = resolve_cells(spec, report)
    findings: list[Finding] = []
    findings += _edition(report)
    findings += _blanks(spec, report)
    findings += _prose(spec, report, values)
    ctx = Context(
        spec=spec,
        report=report,
        values=values,
        previous=previous,
        previous_values=resolve_cells(previous.spec, previous) if previous is not None else None,
        level=load_levels().get(report.body.level),
    )
    for rule in spec.rules:
        findings += CHECKS[rule.kind](ctx, rule)
    return [_finish(f, report) for f in findings]


def _finish(finding: Finding, report: YearReport) -> Finding:
    line = report.lines.get(finding.key or "") or None
    finding = finding.with_file(report.file, line)
    reason = report.acknowledged.get(finding.id)
    if reason and finding.severity is Severity.WARNING:
        finding = dataclasses.replace(finding, acknowledged=reason)
    return finding


def _edition(report: YearReport) -> list[Finding]:
    expected = edition_for_year(report.year)
    if report.edition == expected:
        return []
    want, got = load_spec(expected), report.spec
    return [
        error(
            RuleId.EDITION_YEAR,
            say.wrong_edition(report.year, want.name, expected, want.notice, got.name, report.edition),
            key="edition",
            printed=say.PLACE_OF_EDITION,
        )
    ]


def _blanks(spec: Spec, report: YearReport) -> list[Finding]:
    """Blank cells and figures: 未填写. A row left wholly blank is one finding, not seven."""
    out = []
    for table in spec.tables:
        for block in table.blocks:
            for row in block.rows:
                blank = [c for c in block.columns if (row.id, c.id) not in table.computed and report.cells.get(f"{table.id}.{row.id}.{c.id}") is None]
                inputs = [c for c in block.columns if (row.id, c.id) not in table.computed]
                place = table.row_printed(row.id)
                if blank and len(blank) == len(inputs) and len(inputs) > 1:
                    out.append(error(RuleId.BLANK, say.ROW_NOT_FILLED, key=f"tables.{table.id}.{row.id}", printed=place))
                    continue
                for c in blank:
                    cell = spec.cell_index[f"{table.id}.{row.id}.{c.id}"]
                    out.append(error(RuleId.BLANK, say.CELL_NOT_FILLED, key=f"tables.{cell.key}", printed=cell.printed))
    for fig in spec.figures:
        value = report.figures.get(fig.id)
        if fig.kind == "breakdown":
            for i, item in enumerate(value or []):
                if item.count is None:
                    out.append(error(RuleId.BLANK, say.item_count_not_filled(item.name), key=f"figures.{fig.id}[{i}]", printed=fig.label))
        elif value is None and not fig.optional:
            out.append(error(RuleId.BLANK, say.figure_not_filled(fig.unit), key=f"figures.{fig.id}", printed=fig.label))
    return out


def _prose(spec: Spec, report: YearReport, values: dict) -> list[Finding]:
    out = []
    resolve = resolver(report, values)
    titles = {s.id: placeholders.expand(f"{s.number}{s.title}", resolve)[0] for s in spec.sections}
    for parent in spec.sections:
        for s in parent.subsections or ((parent,) if parent.is_prose else ()):
            place = titles[parent.id] + (f" › {s.number}{s.title}" if s is not parent else "")
            text = report.prose.get(s.id)
            if not (text or "").strip():
                if not s.optional:
                    out.append(error(RuleId.BLANK, say.prose_not_written(s.guidance), key=f"prose.{s.id}", printed=place))
                continue
            for name in placeholders.expand(text or "", resolve)[1]:
                out.append(error(RuleId.PLACEHOLDER, say.unresolved(name), key=f"prose.{s.id}", printed=place))
    for name, template in ((say.TITLE, spec.title), (say.OPENING_PARAGRAPH, report.prose.get("opening") or spec.opening)):
        for missing in placeholders.expand(template, resolve)[1]:
            what = say.unresolved(missing)
            if missing.startswith("body."):
                field = missing.removeprefix("body.")
                what = say.body_field_missing(BODY_FIELDS.get(field, ""), field, name)
            out.append(error(RuleId.PLACEHOLDER, what, key=missing, printed=name))
    return out
