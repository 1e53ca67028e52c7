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
from kit.doccheck.similar_pairs import Group
from kit.doccheck.similarity import Prepared, prepare, prepare_without, similarity_findings
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
    return similarity_findings(reading, prepare(reading), prepare(last), PREVIOUS_RULE, _previous_label(previous))


def _previous_label(previous: YearReport) -> str:
    return say.own_report_of(previous.year)


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


class Prose:
    """Each report's reading and prepared prose, made once while one county is checked.

    A report is read as passages and prepared for rule 19 up to three times otherwise: for its
    own rules, as the previous year of the next report, and against the other bodies. Measured on
    the demo county (84 reports), that repetition was a third of `kit check`'s time. One `Prose`
    lives as long as the county's reports are held (kit.checking.check_county), then goes."""

    def __init__(self) -> None:
        self._readings: dict[int, tuple[YearReport, Reading]] = {}
        self._own: dict[int, Prepared] = {}
        self._county: dict[int, Prepared] = {}

    def reading(self, report: YearReport, other_names: tuple[str, ...] = ()) -> Reading:
        """The report's reading (`other_names` as the first caller gave them: rule 19 does not use them)."""
        got = self._readings.get(id(report))
        if got is None or got[0] is not report:  # id() reused by another object: read again
            got = (report, reading_of_report(report, other_names))
            self._readings[id(report)] = got
            self._own.pop(id(report), None)
            self._county.pop(id(report), None)
        return got[1]

    def own(self, report: YearReport) -> Prepared:
        """Prepared with the body's own names taken out (the comparison with another year)."""
        reading = self.reading(report)
        if id(report) not in self._own:
            self._own[id(report)] = prepare(reading)
        return self._own[id(report)]

    def forget(self, reports: Iterable[YearReport], *, readings: bool = False, keep_own: bool = False) -> None:
        """Drop what was prepared for these reports (and their readings too, if `readings`).

        `keep_own`: keep their preparation against last year while fewer than `KEEP_OWN` are kept,
        for the comparison across bodies to start from (`prepare_without`): the county's check
        then normalises each report's prose once, not twice. The budget bounds the memory (≈150 KB
        a demo report: 512 are ≈75 MB) in a county of hundreds of bodies, whose reports beyond it
        are prepared from scratch as before."""
        for report in reports:
            self._county.pop(id(report), None)
            if not keep_own or len(self._own) > self.KEEP_OWN:
                self._own.pop(id(report), None)
            if readings:
                self._readings.pop(id(report), None)

    KEEP_OWN = 512

    def county(self, report: YearReport, names: tuple[str, ...]) -> Prepared:
        """Prepared with every body name of the county taken out (the comparison across bodies)."""
        reading = self.reading(report)
        if id(report) not in self._county:
            own = self._own.get(id(report))
            self._county[id(report)] = prepare(reading, names) if own is None else prepare_without(reading, own, names)
        return self._county[id(report)]


def check_stored_report(store: Store, report: YearReport, previous: YearReport | None, prose: Prose | None = None, *, similarity: bool = True) -> list[Finding]:
    """One report of the store: its prose rules, and the comparison with last year's report
    (rule 19, warnings only: `similarity=False` leaves it out, as batch planning does)."""
    prose = prose or Prose()
    findings = own_rules(store, report, prose)
    if similarity:
        findings += similar_to_previous(report, previous, prose)
    return findings


def other_bodies(store: Store, ref: BodyRef) -> tuple[str, ...]:
    """The names of the county's other bodies, which the prose rules look for (one left in by copying)."""
    return tuple(b.body for b in _bodies(store, ref.county) if b != ref)


def own_rules(store: Store, report: YearReport, prose: Prose) -> list[Finding]:
    """Rules 12–14 and 17–18 of one report of the store (its prose read as it will print)."""
    reading = prose.reading(report, other_bodies(store, report.body.ref))
    return [acknowledge(f, report) for f in check_prose(reading)]


def similar_to_previous(report: YearReport, previous: YearReport | None, prose: Prose) -> list[Finding]:
    """Rule 19 against last year's report of the same body (warnings only)."""
    if previous is None:
        return []
    reading = prose.reading(report)
    found = similarity_findings(reading, prose.own(report), prose.own(previous), PREVIOUS_RULE, _previous_label(previous))
    return [acknowledge(f, report) for f in found]


def compare_county(store: Store, checked: Sequence[Any], prose: Prose | None = None) -> None:
    """Add rule 19 across bodies to `checked` (kit.checking.Checked): each report against the
    other bodies' reports of the same county and year — those that can be similar at all
    (similar_pairs.Group counts every pair's coverage at once; only those over a threshold are compared
    in full, for their messages)."""
    prose = prose or Prose()
    mine = [c for c in checked if getattr(c, "report", None) is not None]
    groups: dict[tuple[str, int], dict[BodyRef, YearReport]] = {}
    members: dict[tuple[str, int], list[Any]] = {}
    for c in mine:
        groups.setdefault((c.report.body.ref.county, c.report.year), {})[c.report.body.ref] = c.report
        members.setdefault((c.report.body.ref.county, c.report.year), []).append(c)
    for (county, year), reports in groups.items():
        for ref in _bodies(store, county):
            if ref not in reports and (loaded := _load(store, ref, year)) is not None:
                reports[ref] = loaded
    names = {county: tuple(b.body for b in _bodies(store, county)) for county, _ in groups}
    for key, group in groups.items():  # one county and year at a time: only its prepared prose is held
        order = list(group)
        position = {ref: i for i, ref in enumerate(order)}
        pairs = Group([prose.county(group[ref], names[key[0]]) for ref in order])
        over = pairs.over()
        for c in members[key]:  # in the order checked, as before
            report = c.report
            i = position[report.body.ref]
            if not over[i]:
                continue
            this = pairs.prepared[i]
            reading = prose.reading(report)
            for j, ref in enumerate(order):
                if j in over[i]:
                    other = group[ref]
                    found = similarity_findings(reading, this, pairs.prepared[j], OTHER_RULE, _label(other), found=pairs.found(i, j))
                    c.findings.extend(acknowledge(f, report) for f in found)
        prose.forget(group.values())


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
