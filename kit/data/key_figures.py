"""The handful of figures a reader compares: across bodies (the county summary) and across years.

A report has some two hundred cells; a county office putting bodies side by side, or a body
comparing this year with last, looks at a dozen: 主动公开, 新收申请, 上年结转, the outcomes by
kind, 结转下年度, 行政复议/行政诉讼 and the 信息处理费. This module picks them out of any edition
by *ids* and takes every label from the spec, so no row label appears here:

- table cells by id (``applications.new.total``), labelled with the row or column as printed;
- the outcomes "by kind": each direct child of the row group that holds ``outcome_total``
  (三、本年度办理结果 › （一）予以公开 … （七）总计), summed over its sub-rows when it is a group.
  Keyed by the printed kind, so gov2019's single （六）其他处理 row and gov2021's three sub-rows
  compare across years;
- the figures quoted in prose (kind count or money; breakdowns are left out).

An edition without tables (legacy2008) contributes its figures only. Core module: plain
Python, no ipywidgets, no papermill.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from kit.figures import resolve_cells
from kit.report import YearReport
from kit.spec import EDITIONS, Spec, Table, load_spec
from kit.values import Number

# What the side-by-side view shows, by id. Each entry: (group, table or "figures", row, column).
# Rows listed as "outcomes" expand into the outcome kinds of the applications table.
_FIGURES = "figures"
_OUTCOMES = "outcomes"
SELECTION: tuple[tuple[str, str, str, str], ...] = (
    ("proactive", _FIGURES, "proactive_total", ""),
    ("applications", "applications", "new", "total"),
    ("applications", "applications", "carried", "total"),
    ("applications", "applications", _OUTCOMES, "total"),
    ("applications", "applications", "carry_forward", "total"),
    ("review_litigation", "review_litigation", "cases", "review_total"),
    ("review_litigation", "review_litigation", "cases", "review_corrected"),
    ("review_litigation", "review_litigation", "cases", "direct_total"),
    ("review_litigation", "review_litigation", "cases", "direct_corrected"),
    ("review_litigation", "review_litigation", "cases", "after_total"),
    ("review_litigation", "review_litigation", "cases", "after_corrected"),
    ("fees", _FIGURES, "fee_notices", ""),
    ("fees", _FIGURES, "fee_notified", ""),
    ("fees", _FIGURES, "fee_collected", ""),
)
# Sections whose printed title heads each group (the figures group heads with the section that
# states the fees); a group whose section the edition lacks takes the figure's own label.
GROUP_SECTIONS = {"proactive": "proactive", "applications": "applications", "review_litigation": "review_litigation", "fees": "other"}
OUTCOME_TOTAL_ROW = "outcome_total"
_NOTE = re.compile(r"（[^（）]*）$")


@dataclass(frozen=True)
class KeyFigure:
    key: str  # stable across editions: "figures.proactive_total", "tables.applications.new.total", "outcome:（三）不予公开"
    label: str  # as printed, with enough context to stand alone: "三、本年度办理结果 （三）不予公开"
    short: str  # the shortest printed form, for column heads and chart axes: "（三）不予公开"
    group: str  # group id: proactive | applications | review_litigation | fees | figures
    group_label: str  # the printed title of the section the group comes from
    unit: str
    kind: str  # count | money | delta
    value: Number | None
    parts: tuple[str, ...] = ()  # the cells summed (outcome kinds), "table.row.column"


class YearChange(NamedTuple):
    """One line of a year-over-year view: (label as printed, last year, this year, change)."""

    label: str
    last: Number | None
    this: Number | None
    change: Number | None


def short_label(label: str) -> str:
    """A printed label without its trailing explanatory note: （二）部分公开（区分处理的，…） -> （二）部分公开."""
    stripped = _NOTE.sub("", label)
    return stripped or label


def _section_title(spec: Spec, section_id: str) -> str | None:
    for s in spec.sections:
        for sub in (s, *s.subsections):
            if sub.id == section_id:
                return f"{sub.number}{sub.title}"
    return None


def outcome_kinds(table: Table) -> list[tuple[str, tuple[str, ...]]]:
    """(printed kind, row ids) for each direct child of the group holding ``outcome_total``."""
    try:
        total = table.row(OUTCOME_TOTAL_ROW)
    except KeyError:
        return []
    depth = len(total.path)
    parent = total.path[:-1]
    kinds: dict[str, list[str]] = {}
    for block in table.blocks:
        for row in block.rows:
            if len(row.path) >= depth and row.path[: depth - 1] == parent:
                kinds.setdefault(row.path[depth - 1], []).append(row.id)
    return [(label, tuple(ids)) for label, ids in kinds.items()]


def outcome_total_keys() -> frozenset[str]:
    """Keys of the kind that is the sum of the others (（七）总计), in every edition."""
    out = set()
    for edition in EDITIONS:
        for table in load_spec(edition).tables:
            out |= {f"outcome:{label}" for label, rows in outcome_kinds(table) if rows == (OUTCOME_TOTAL_ROW,)}
    return frozenset(out)


def _sum(values: list[Number | None]) -> Number | None:
    return None if any(v is None for v in values) else sum(values, start=0)  # type: ignore[arg-type]


def _unit_suffix(label: str, unit: str, kind: str) -> str:
    return f"{label}（{unit}）" if kind == "money" and unit not in label else label


def key_figures(report: YearReport, values: dict[str, Number | None] | None = None) -> list[KeyFigure]:
    """The key figures of one report, in display order; blanks (and totals of blanks) are None."""
    spec = report.spec
    values = resolve_cells(spec, report) if values is None else values
    return list(_key_figures(spec, report, values))


def _key_figures(spec: Spec, report: YearReport, values: dict[str, Number | None]) -> Iterator[KeyFigure]:
    tables = {t.id: t for t in spec.tables}
    figures = {f.id: f for f in spec.figures}
    seen_figures: set[str] = set()
    for group, table_id, row_id, column_id in SELECTION:
        group_label = _section_title(spec, GROUP_SECTIONS[group]) or ""
        if table_id == _FIGURES:
            fig = figures.get(row_id)
            if fig is None or fig.kind == "breakdown":
                continue
            seen_figures.add(fig.id)
            yield KeyFigure(
                f"figures.{fig.id}",
                _unit_suffix(fig.label, fig.unit, fig.kind),
                fig.label,
                group,
                group_label or fig.label,
                fig.unit,
                fig.kind,
                report.figures.get(fig.id),
            )
            continue
        table = tables.get(table_id)
        if table is None:
            continue
        group_label = group_label or table.printed
        if row_id == _OUTCOMES:
            for kind_label, rows in outcome_kinds(table):
                parts = tuple(f"{table.id}.{r}.{column_id}" for r in rows)
                label = " ".join((*table.row(OUTCOME_TOTAL_ROW).path[:-1], kind_label))
                column = next(c for c in table.block_of(rows[0]).columns if c.id == column_id)
                yield KeyFigure(
                    f"outcome:{kind_label}",
                    label,
                    short_label(kind_label),
                    group,
                    group_label,
                    column.unit,
                    column.kind,
                    _sum([values.get(p) for p in parts]),
                    parts,
                )
            continue
        try:
            row = table.row(row_id)
        except KeyError:
            continue
        found = next((c for c in table.block_of(row_id).columns if c.id == column_id), None)
        if found is None:
            continue
        column = found
        key = f"{table.id}.{row.id}.{column.id}"
        if table.row_labels:
            label, short = row.printed, short_label(row.label)
        else:
            label, short = " ".join(column.path), " ".join(column.path[-2:])
        yield KeyFigure(
            f"tables.{key}", _unit_suffix(label, column.unit, column.kind), short, group, group_label, column.unit, column.kind, values.get(key), (key,)
        )
    if not spec.tables:  # a free-form edition: its figures are all there is
        for fig in spec.figures:
            if fig.kind != "breakdown" and fig.id not in seen_figures:
                yield KeyFigure(
                    f"figures.{fig.id}",
                    _unit_suffix(fig.label, fig.unit, fig.kind),
                    fig.label,
                    _FIGURES,
                    fig.label,
                    fig.unit,
                    fig.kind,
                    report.figures.get(fig.id),
                )


def year_over_year(report: YearReport, previous: YearReport | None) -> list[YearChange]:
    """This year's key figures beside last year's: (label as printed, last year, this year, change).

    Empty when there is no previous report. Figures are matched by their stable key, so a
    change of edition (2020 -> 2021) still compares what both years have; what last year's
    edition did not have shows last year as None (and no change). ``change`` is this - last.
    """
    return [change for _, changes in year_over_year_groups(report, previous) for change in changes]


def year_over_year_groups(report: YearReport, previous: YearReport | None) -> list[tuple[str, list[YearChange]]]:
    """The same lines grouped under the printed title of their section, for a table with sub-heads."""
    if previous is None:
        return []
    last = {k.key: k.value for k in key_figures(previous)}
    groups: dict[str, list[YearChange]] = {}
    for k in key_figures(report):
        before = last.get(k.key)
        change = None if before is None or k.value is None else k.value - before
        groups.setdefault(k.group_label, []).append(YearChange(k.label, before, k.value, change))
    return list(groups.items())
