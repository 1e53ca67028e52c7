"""The values of a report: as typed, computed totals, and as quoted in prose.

Computed totals (the 总计 column, （七）总计, the 总计 of each group in table 四) are never
typed: `resolve_cells` derives them from the spec's sum rules. A total whose parts are not all
filled in is unknown (None), never a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from kit.report import YearReport
from kit.spec import Spec
from kit.values import Number, format_figure


def resolve_cells(spec: Spec, report: YearReport) -> dict[str, Number | None]:
    """Every cell of the report: typed values, and computed totals from their parts."""
    cells = report.cells
    formulas = spec.formulas
    values: dict[str, Number | None] = {key: None if key in formulas else cells.get(key) for key in spec.cell_index}
    for key in spec.formula_order:  # parts before the totals made of them: one pass, no recursion
        got = [values[p] if p in values else cells.get(p) for p in formulas[key]]
        values[key] = None if any(v is None for v in got) else sum(got, start=0)  # type: ignore[arg-type]
    return values


def breakdown_text(items: list, unit: str) -> str:
    return "、".join(f"{item.name}{format_figure(item.count)}{unit}" for item in items)


def resolver(report: YearReport, values: dict[str, Number | None]) -> Callable[[str], str | None]:
    """Resolves ``${...}`` names (see placeholders.py) against one report; None if unknown/blank."""
    spec = report.spec
    fixed = {"year": report.year, "next_year": report.year + 1, "prev_year": report.year - 1}

    def resolve(name: str) -> str | None:
        if name in fixed:
            return str(fixed[name])
        head, _, rest = name.partition(".")
        if head == "body":
            return report.body.field(rest)
        if head == "tables":
            if rest not in spec.cell_index:
                return None
            v = values.get(rest)
            return None if v is None else format_figure(v)
        if head == "figures":
            fig_id, _, item = rest.partition(".")
            try:
                fig = spec.figure(fig_id)
            except KeyError:
                return None
            raw = report.figures.get(fig_id)
            if fig.kind != "breakdown":
                return None if raw is None or item else format_figure(raw)
            items = raw or []
            if not item:
                return breakdown_text(items, fig.unit) if items else None
            found = [i for i in items if i.name == item]
            return format_figure(found[0].count) if found and found[0].count is not None else None
        return None

    return resolve


def as_decimal(value: Number | None) -> Decimal | None:
    return None if value is None else Decimal(value)
