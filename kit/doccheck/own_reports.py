"""Document-level checks on the kit's own reports: run by `kit check` and usable by the form.

The kit's prose normally quotes figures with ``${...}``, but clerks type numbers too, copy last
year's text, and leave template marks; so the report is expanded as it will print and read
like a published one (rules 12–14, 17–19).

`kit check` calls two things: `check_stored_report` for each report as it is validated (its own
rules and the comparison with last year, which `kit check` has loaded anyway), and
`compare_county` once the reports are checked, to compare each with the other bodies' reports of
the same county and year. Those are mostly the reports just checked; only bodies that were not
part of the check are loaded, each file once per run (YAML loading dominates `kit check`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

from kit.doccheck.prose import Reading, reading_of_report
from kit.doccheck.prose_rules import check_prose
from kit.doccheck.similarity import Prepared, prepare, similarity_findings
from kit.errors import KitError
from kit.findings import Finding, RuleId, Severity
from kit.messages import doccheck as say
from kit.report import BodyRef, YearReport
from kit.store import Store

PREVIOUS_RULE = RuleId.SIMILAR_PREVIOUS_YEAR
OTHER_RULE = RuleId.SIMILAR_OTHER_BODY


def check_report(
    report: YearReport,
    previous: YearReport | None = None,
    others: Iterable[YearReport] = (),
    other_names: Iterable[str] = (),
) -> list[Finding]:
    """Rules 12–14 and 17–19 for one report (for the form); `others` are other bodies' reports."""
    others = [o for o in others if o.body.ref != report.body.ref and o.year == report.year]
    names = tuple(sorted({*other_names, *(n for o in others for n in (o.body.name, o.body.full_name) if n)}))
    reading = reading_of_report(report, names)
    findings = check_prose(reading)
    findings += _previous(reading, previous)
    mine = prepare(reading, names)
    for other in others:
        other_reading = reading_of_report(other)
        findings += similarity_findings(reading, mine, prepare(other_reading, reading.body_names), OTHER_RULE, _label(other))
    return [acknowledge(f, report) for f in findings]


def _previous(reading: Reading, previous: YearReport | None) -> list[Finding]:
    if previous is None:
        return []
    last = reading_of_report(previous)
    return similarity_findings(reading, prepare(reading), prepare(last), PREVIOUS_RULE, say.own_report_of(previous.year))


def _label(other: YearReport) -> str:
    return say.body_report_of_year(other.body.full_name or other.body.name, other.year)


def acknowledge(finding: Finding, report: YearReport) -> Finding:
    """A warning the clerk acknowledged in the year's file keeps its reason, as in validation."""
    reason = report.acknowledged.get(finding.id)
    if reason and finding.severity is Severity.WARNING:
        return dataclasses.replace(finding, acknowledged=reason)
    return finding


# ---------------------------------------------------------------------------------------------
# `kit check`


def check_stored_report(store: Store, report: YearReport, previous: YearReport | None) -> list[Finding]:
    """One report of the store: its prose rules, and the comparison with last year's report."""
    names = tuple(b.body for b in _bodies(store, report.body.ref.county) if b != report.body.ref)
    reading = reading_of_report(report, names)
    findings = check_prose(reading) + _previous(reading, previous)
    return [acknowledge(f, report) for f in findings]


def compare_county(store: Store, checked: Sequence[Any]) -> None:
    """Add rule 19 across bodies to `checked` (kit.checking.Checked): each report against the
    other bodies' reports of the same county and year."""
    mine = [c for c in checked if getattr(c, "report", None) is not None]
    groups: dict[tuple[str, int], dict[BodyRef, YearReport]] = {}
    for c in mine:
        groups.setdefault((c.report.body.ref.county, c.report.year), {})[c.report.body.ref] = c.report
    for (county, year), reports in groups.items():
        for ref in _bodies(store, county):
            if ref not in reports and (loaded := _load(store, ref, year)) is not None:
                reports[ref] = loaded
    names = {county: tuple(b.body for b in _bodies(store, county)) for county, _ in groups}
    prepared: dict[tuple[BodyRef, int], tuple[Reading, Prepared]] = {}

    def get(report: YearReport) -> tuple[Reading, Prepared]:
        key = (report.body.ref, report.year)
        if key not in prepared:
            reading = reading_of_report(report)
            prepared[key] = (reading, prepare(reading, names[report.body.ref.county]))
        return prepared[key]

    for c in mine:
        report = c.report
        reading, this = get(report)
        for ref, other in groups[(report.body.ref.county, report.year)].items():
            if ref == report.body.ref:
                continue
            found = similarity_findings(reading, this, get(other)[1], OTHER_RULE, _label(other))
            c.findings.extend(acknowledge(f, report) for f in found)


_bodies_cache: dict[tuple[str, str, int], list[BodyRef]] = {}
_reports_cache: dict[tuple[str, int, int], YearReport | None] = {}


def _bodies(store: Store, county: str) -> list[BodyRef]:
    """The county's bodies, listed again whenever a body folder is added or removed."""
    try:
        key = (str(store.root), county, (store.root / county).stat().st_mtime_ns)
    except OSError:
        return []
    if key not in _bodies_cache:
        try:
            _bodies_cache[key] = store.bodies(county)
        except KitError:
            _bodies_cache[key] = []
    return _bodies_cache[key]


def _load(store: Store, ref: BodyRef, year: int) -> YearReport | None:
    """One report, loaded once per version of its file (a changed file is read again)."""
    try:
        file = store.year_file(ref, year)
        stat = file.stat()
    except (OSError, KitError):
        return None
    key = (str(file), stat.st_mtime_ns, stat.st_size)
    if key not in _reports_cache:
        try:
            _reports_cache[key] = store.load_year(ref, year)
        except KitError:
            _reports_cache[key] = None
    return _reports_cache[key]


def clear_cache() -> None:
    """Forget what was loaded (a long-running form after bodies were added or removed)."""
    _bodies_cache.clear()
    _reports_cache.clear()
