"""A new year: blank from the edition's spec, with what carries over from last year filled in."""

from __future__ import annotations

from kit.report import Body, YearReport
from kit.rules import carried_forward
from kit.spec import edition_for_year


def blank_year(body: Body, year: int, previous: YearReport | None) -> YearReport:
    """The blank report of `body` for `year`; 上年结转 (and 上一年项目数量) from `previous` when given."""
    report = YearReport(body=body, year=year, edition=edition_for_year(year))
    if previous is not None:
        report.cells.update(carried_forward(report.spec, previous))
    return report
