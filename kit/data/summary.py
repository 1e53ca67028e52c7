"""A county's summary (汇总) of one year: who filed, what they reported, the county totals.

The county's 政务公开办 collects every town's, street's and department's report, checks them
and publishes them together. `build_summary` gathers what that takes, as values, from the
parameters folder alone:

- the status of every body (filed and passed, filed with warnings, filed with errors, file
  unreadable, missing), with the counts and the first findings, from kit.checking.check_body;
- each body's key figures (kit.data.key_figures), to put side by side;
- the county totals: a synthetic report whose typed cells are the sums of the bodies' typed
  cells (computed totals then follow as in any report), validated by kit.validation like any
  report, against last year's county total for the cross-year rules. A cell some body left
  blank cannot be summed: it stays blank and the finding names the bodies;
- the key figures of every year up to this one, for trend charts (kit.data.frame.key_frame);
- the board of the yearly cycle (kit.cycle.board): each body's state, who did the last step
  and when, a return's reason, the deadline and days left or overdue.

No rendering here (kit.render.summary_page) and no kernel: plain Python, tested without Jupyter.
The Chinese wording of the summary lives in TEXT, one place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.checking import check_body
from kit.cycle import Board, board
from kit.data.key_figures import KeyFigure, key_figures
from kit.doccheck.own_reports import check_stored_report
from kit.errors import KitError, PathError
from kit.figures import resolve_cells
from kit.findings import Finding, HasFindings, RuleId, open_findings
from kit.messages import data as msg
from kit.report import Body, BodyRef, YearReport, check_name
from kit.spec import Spec, edition_for_year, level_role, load_levels, load_spec
from kit.spec.kinds import KINDS
from kit.store import Store
from kit.validation import validate
from kit.values import Number

if TYPE_CHECKING:
    import pandas as pd

FIRST_FINDINGS = 3

TEXT = msg.SUMMARY  # the summary's wording, format strings (also read by its page and notebook)


class Status(enum.StrEnum):
    PASSED = "passed"
    WARNINGS = "warnings"
    ERRORS = "errors"
    UNREADABLE = "unreadable"
    MISSING = "missing"
    NOT_DUE = "not_due"

    @property
    def printed(self) -> str:
        return STATUS_TEXT[self]

    @property
    def filed(self) -> bool:
        return self in (Status.PASSED, Status.WARNINGS, Status.ERRORS, Status.UNREADABLE)

    @property
    def expected(self) -> bool:
        return self is not Status.NOT_DUE


STATUS_TEXT = {status: msg.STATUS[status.value] for status in Status}


@dataclass(frozen=True)
class BodyStatus(HasFindings):
    """One body's standing in the year's collection."""

    ref: BodyRef
    name: str  # full name when body.yaml reads, else the folder name
    level: str
    status: Status
    file: Path
    findings: tuple[Finding, ...] = ()
    report: YearReport | None = None
    key: tuple[KeyFigure, ...] = ()
    note: str | None = None  # why missing / not due / left out of the total

    def first_findings(self, n: int = FIRST_FINDINGS) -> list[Finding]:
        """Errors first, then open warnings: what the clerk must look at first."""
        return (self.errors + self.open_warnings)[:n]

    def value(self, key: str) -> Number | None:
        return next((k.value for k in self.key if k.key == key), None)


@dataclass(frozen=True)
class CountyTotal(HasFindings):
    """The county's figures as one synthetic report, and what checking it found."""

    report: YearReport
    values: dict[str, Number | None]
    findings: tuple[Finding, ...]
    included: tuple[BodyRef, ...]
    excluded: tuple[tuple[BodyRef, str], ...]
    blanks: dict[str, tuple[str, ...]]  # cell or figure key -> bodies that left it blank
    previous: YearReport | None
    previous_note: str | None = None

    @property
    def key(self) -> list[KeyFigure]:
        return key_figures(self.report, self.values)


@dataclass(frozen=True)
class CountySummary:
    county: str
    year: int
    spec: Spec
    bodies: tuple[BodyStatus, ...]
    total: CountyTotal | None  # None when no body's report can be summed
    trend: Any  # pandas.DataFrame: key figures of every body and year up to `year` (dataset.key_frame)
    generated: dt.date = field(default_factory=dt.date.today)
    root: Path | None = None  # the parameters folder, to name files relative to it
    board: Board | None = None  # the yearly cycle: each body's state, who and when, deadline (kit.cycle)

    def approved(self) -> set[BodyRef]:
        """Bodies whose report is approved or published (已审核 / 已发布)."""
        return {r.ref for r in self.board.approved()} if self.board else set()

    @property
    def title(self) -> str:
        return TEXT["title"].format(county=self.county, year=self.year)

    def by_status(self, *statuses: Status) -> list[BodyStatus]:
        return [b for b in self.bodies if b.status in statuses]

    @property
    def expected(self) -> list[BodyStatus]:
        return [b for b in self.bodies if b.status.expected]

    @property
    def filed(self) -> list[BodyStatus]:
        return [b for b in self.bodies if b.status.filed]

    @property
    def with_figures(self) -> list[BodyStatus]:
        """Bodies whose report was read, in summary order: the rows of the side-by-side tables."""
        return [b for b in self.bodies if b.report is not None]

    def counts(self) -> dict[Status, int]:
        return {s: len(self.by_status(s)) for s in Status}

    def trend_totals(self) -> pd.DataFrame:
        """County sums per year (rows) and key figure (columns, by key); NaN where no body reported it."""
        frame = self.trend
        if frame.empty:
            import pandas as pd

            return pd.DataFrame()
        return frame.pivot_table(index="year", columns="key", values="value", aggfunc="sum", min_count=1, sort=True)


# ---------------------------------------------------------------------------------------------
# building


class Reports:
    """Each body and year file of a store read once: parsing YAML is most of a summary's time."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._bodies: dict[BodyRef, Body | None] = {}
        self._reports: dict[tuple[BodyRef, int], YearReport | None] = {}

    def body(self, ref: BodyRef) -> Body | None:
        """The body, or None when its body.yaml cannot be read."""
        if ref not in self._bodies:
            try:
                self._bodies[ref] = self.store.load_body(ref)
            except KitError:
                self._bodies[ref] = None
        return self._bodies[ref]

    def report(self, ref: BodyRef, year: int) -> YearReport | None:
        """The year's report, or None when there is no such file or it cannot be read."""
        key = (ref, int(year))
        if key not in self._reports:
            body = self.body(ref)
            report = None
            if body is not None and self.store.year_file(ref, year).is_file():
                try:
                    report = self.store.load_year(ref, year, body)
                except KitError:
                    report = None
            self._reports[key] = report
        return self._reports[key]

    def history(self, refs: Sequence[BodyRef], last_year: int) -> list[YearReport]:
        """Every readable report of `refs` up to `last_year`."""
        out = []
        for ref in refs:
            if self.body(ref) is None:  # unreadable, or a link out of the parameters folder: listed as such elsewhere
                continue
            for year in self.store.years(ref):
                if year <= last_year and (report := self.report(ref, year)) is not None:
                    out.append(report)
        return out


def build_summary(store_or_root: Store | Path | str, county: str, year: int, *, today: dt.date | None = None) -> CountySummary:
    """Everything the county summary shows for `county` and `year`, read from the parameters.

    >>> import datetime
    >>> from kit import paths
    >>> summary = build_summary(paths.CHECKOUT / "parameters", "青禾县", 2025, today=datetime.date(2026, 3, 1))
    >>> summary.county, summary.year
    ('青禾县', 2025)
    """
    store = store_or_root if isinstance(store_or_root, Store) else Store(store_or_root)
    county = check_name(county, msg.COUNTY)
    year = int(year)
    refs = store.bodies(county)
    if not refs:
        known = store.counties()
        raise PathError(msg.no_bodies_in_county(store.root, county, known))
    spec = load_spec(edition_for_year(year))
    reports = Reports(store)
    statuses = sorted((body_status(reports, ref, year) for ref in refs), key=_order)
    total = county_total(reports, county, year, statuses)
    if total is not None:
        left_out = dict(total.excluded)
        statuses = [dataclasses.replace(s, note=left_out[s.ref]) if s.ref in left_out and not s.note else s for s in statuses]
    counts = {s.ref: (len(s.errors), len(s.open_warnings)) for s in statuses}
    cycle = board(store, county, year, today or dt.date.today(), counts)
    order = {s.ref: i for i, s in enumerate(statuses)}
    cycle = dataclasses.replace(cycle, rows=tuple(sorted(cycle.rows, key=lambda r: order.get(r.ref, len(order)))))
    return CountySummary(
        county=county,
        year=year,
        spec=spec,
        bodies=tuple(statuses),
        total=total,
        trend=_trend(reports, refs, year),
        generated=today or dt.date.today(),
        root=store.root,
        board=cycle,
    )


def _order(status: BodyStatus) -> tuple[int, str]:
    levels = list(load_levels())
    return (levels.index(status.level) if status.level in levels else len(levels), status.ref.body)


def body_status(reports: Reports, ref: BodyRef, year: int) -> BodyStatus:
    """Filed or not, readable or not, and what checking the year's file found (as `kit check`)."""
    store = reports.store
    body = reports.body(ref)
    if body is None:  # body.yaml unreadable, or the folder a link out of the parameters folder
        checked = check_body(store, ref, [year])[0]  # the body file's problems, as findings
        return BodyStatus(ref, ref.body, "", Status.UNREADABLE, checked.file, tuple(checked.findings), note=TEXT["excluded_unreadable"])
    file = store.year_file(ref, year)
    name, level = body.full_name, body.level
    if not file.is_file():
        years = store.years(ref)
        if years and year < years[0]:
            return BodyStatus(ref, name, level, Status.NOT_DUE, file, note=TEXT["not_due"].format(first=years[0], year=year))
        return BodyStatus(ref, name, level, Status.MISSING, file, note=TEXT["missing_file"].format(file=_relative(store, file)))
    report = reports.report(ref, year)
    if report is None:
        problems = check_body(store, ref, [year])[0].findings  # the file's loading problems, as findings
        return BodyStatus(ref, name, level, Status.UNREADABLE, file, tuple(problems), note=TEXT["excluded_unreadable"])
    previous = reports.report(ref, year - 1)
    findings = validate(report, previous) + check_stored_report(store, report, previous)  # as kit check and kit status
    errors = [f for f in findings if f.is_error]
    status = Status.ERRORS if errors else Status.WARNINGS if open_findings(findings) else Status.PASSED
    return BodyStatus(ref, name, level, status, file, tuple(findings), report, tuple(key_figures(report)))


def _relative(store: Store, path: Path) -> str:
    try:
        return str(Path(store.root.name) / path.relative_to(store.root))
    except ValueError:
        return str(path)


def sum_reports(spec: Spec, body: Body, year: int, reports: Sequence[YearReport]) -> tuple[YearReport, dict[str, tuple[str, ...]]]:
    """A report whose typed cells and figures are the sums of `reports` (all of edition `spec`).

    A cell left blank by any report stays blank; the second value maps it to those reports'
    body names. Computed totals are not summed: resolve_cells derives them, as for any report.
    Breakdowns (categories differ by body) are not summed.
    """
    cells: dict[str, Number | None] = {}
    blanks: dict[str, tuple[str, ...]] = {}

    def add(key: str, values: list[Number | None]) -> Number | None:
        missing = tuple(r.body.ref.body for r, v in zip(reports, values, strict=True) if v is None)
        if missing:
            blanks[key] = missing
            return None
        return sum(values, start=0)  # type: ignore[arg-type]

    for cell in spec.cells():
        if not cell.computed:
            cells[cell.key] = add(f"tables.{cell.key}", [r.cells.get(cell.key) for r in reports])
    figures: dict[str, Any] = {}
    for fig in spec.figures:
        if fig.kind == "breakdown":
            figures[fig.id] = []
        elif fig.optional and all(r.figures.get(fig.id) is None for r in reports):
            figures[fig.id] = None
        else:
            figures[fig.id] = add(f"figures.{fig.id}", [r.figures.get(fig.id) for r in reports])
    return YearReport(body=body, year=year, edition=spec.id, cells=cells, figures=figures), blanks


def total_body(county: str) -> Body:
    name = TEXT["total_body"]
    return Body(ref=BodyRef(county, name), name=name, full_name=TEXT["total_full_name"].format(county=county), level=level_role("county_total"), county=county)


def county_total(reports: Reports, county: str, year: int, statuses: Sequence[BodyStatus]) -> CountyTotal | None:
    """Sum the readable reports of the right edition; check the sum like a report."""
    spec = load_spec(edition_for_year(year))
    included: list[BodyStatus] = []
    excluded: list[tuple[BodyRef, str]] = []
    for s in statuses:
        if s.report is None:
            if s.status is Status.UNREADABLE:
                excluded.append((s.ref, TEXT["excluded_unreadable"]))
            continue
        if s.report.edition != spec.id:
            excluded.append((s.ref, TEXT["excluded_edition"].format(got=s.report.spec.name, year=year, want=spec.name)))
            continue
        included.append(s)
    if not included:
        return None
    body = total_body(county)
    report, blanks = sum_reports(spec, body, year, [s.report for s in included if s.report])
    previous, note = _previous_total(reports, county, year, included)
    findings = [_explain_blank(f, blanks, spec) for f in _total_findings(report, previous)]
    return CountyTotal(
        report=report,
        values=resolve_cells(spec, report),
        findings=tuple(findings),
        included=tuple(s.ref for s in included),
        excluded=tuple(excluded),
        blanks=blanks,
        previous=previous,
        previous_note=note,
    )


def _previous_total(cache: Reports, county: str, year: int, included: Sequence[BodyStatus]) -> tuple[YearReport | None, str | None]:
    """Last year's total over the same bodies, or None (and why) when one of them has none."""
    last_spec = load_spec(edition_for_year(year - 1))
    if not last_spec.tables:
        return None, None
    reports, lacking = [], []
    for s in included:
        previous = cache.report(s.ref, year - 1)
        if previous is None or previous.edition != last_spec.id:
            lacking.append(s.ref.body)
        else:
            reports.append(previous)
    if lacking:
        return None, TEXT["no_previous"].format(bodies="、".join(lacking), year=year - 1)
    report, _ = sum_reports(last_spec, total_body(county), year - 1, reports)
    return report, None


def _prose_rules(spec: Spec) -> set[str]:
    """Rules that read prose: they say nothing about a total, which has none."""
    return {r.id for r in spec.rules if "section" in KINDS[r.kind].params.values() or "text" in KINDS[r.kind].params.values()}


def _total_findings(report: YearReport, previous: YearReport | None) -> list[Finding]:
    skip = _prose_rules(report.spec) | {RuleId.PLACEHOLDER, RuleId.EDITION_YEAR}
    return [f for f in validate(report, previous) if f.rule not in skip and not (f.key or "").startswith("prose.")]


def _explain_blank(finding: Finding, blanks: dict[str, tuple[str, ...]], spec: Spec) -> Finding:
    """A blank in the total means some bodies left the cell blank: say which."""
    if finding.rule != RuleId.BLANK or not finding.key:
        return finding
    names: list[str] = []
    for key, bodies in blanks.items():
        if key == finding.key or key.startswith(finding.key + ".") or key.startswith(finding.key + "["):
            names += [b for b in bodies if b not in names]
    if not names:
        return finding
    return dataclasses.replace(finding, message=TEXT["total_blank"].format(bodies="、".join(names)))


def _trend(reports: Reports, refs: Sequence[BodyRef], year: int) -> Any:
    from kit.data.frame import key_frame

    return key_frame(reports.history(refs, year))


# ---------------------------------------------------------------------------------------------
# for the findings list


def findings_by_body(summary: CountySummary) -> list[tuple[BodyStatus, list[Finding]]]:
    """Every body that has something to say: its findings (errors first), or its missing note."""
    out = []
    for s in summary.bodies:
        ordered = sorted(s.findings, key=lambda f: (not f.is_error, f.acknowledged is not None))
        if ordered or s.status is Status.MISSING:
            out.append((s, ordered))
    return out


__all__ = [
    "STATUS_TEXT",
    "TEXT",
    "BodyStatus",
    "CountySummary",
    "CountyTotal",
    "Status",
    "body_status",
    "build_summary",
    "county_total",
    "findings_by_body",
    "sum_reports",
]
