"""The year-over-year view of one report as an HTML fragment: this year's key figures beside last year's.

Not part of the national format (its six sections are fixed), so it is a section of its own,
meant to follow the report as an appendix or to sit in the clerk's review view; renderers
decide where. Data from kit.data.key_figures.year_over_year_groups; labels as printed; styled by the
reports' CSS (.gov-report table). Empty string when there is no previous year.
"""

from __future__ import annotations

from html import escape

from kit.data.key_figures import YearChange, year_over_year_groups
from kit.messages import render as msg
from kit.report import YearReport
from kit.values import Number, format_figure

TEXT = msg.YEAR_OVER_YEAR_TEXT


def signed(change: Number | None) -> str:
    """+3, −2, 0; — when unknown. The minus is U+2212, as printed."""
    if change is None:
        return TEXT["blank"]
    if change > 0:
        return f"+{format_figure(change)}"
    if change < 0:
        return f"−{format_figure(-change)}"
    return "0"


def _value(value: Number | None) -> str:
    return TEXT["blank"] if value is None else format_figure(value)


def _row(change: YearChange) -> str:
    css = "up" if (change.change or 0) > 0 else "down" if (change.change or 0) < 0 else "same"
    return (
        f'<tr><th scope="row">{escape(change.label)}</th>'
        f'<td class="num">{escape(_value(change.last))}</td>'
        f'<td class="num">{escape(_value(change.this))}</td>'
        f'<td class="num change {css}">{escape(signed(change.change))}</td></tr>'
    )


def year_over_year_html(report: YearReport, previous: YearReport | None) -> str:
    """<section class="year-over-year"> with one table grouped by the report's sections; "" without a previous year."""
    groups = year_over_year_groups(report, previous)
    if not groups or previous is None:
        return ""
    head = "".join(
        f'<th scope="col">{escape(h)}</th>'
        for h in (TEXT["item"], TEXT["year"].format(year=previous.year), TEXT["year"].format(year=report.year), TEXT["change"])
    )
    out = [
        '<section class="year-over-year">',
        f"<h2>{escape(TEXT['title'])}</h2>",
        '<table class="report-table year-over-year-table">',
        f"<caption>{escape(TEXT['caption'].format(year=report.year, prev=previous.year))}</caption>",
        f"<thead><tr>{head}</tr></thead>",
    ]
    for title, changes in groups:
        out.append("<tbody>")
        out.append(f'<tr><th scope="rowgroup" colspan="4" class="block-label">{escape(title)}</th></tr>')
        out += [_row(c) for c in changes]
        out.append("</tbody>")
    out += ["</table>", f'<p class="note">{escape(TEXT["note"])}</p>', "</section>"]
    return "\n".join(out)
