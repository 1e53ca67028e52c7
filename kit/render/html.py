"""A Document as one self-contained HTML page: for the website, and the source of the PDF.

The page carries its own print CSS (A4, official-document typography, page numbers, repeated
table headers) and embeds chart images as data: URIs, so it works offline, pastes into a CMS and
prints the same through WeasyPrint. No script, no external resource. Tables are laid out from
the spec's label paths (kit.render.table_layout), never from labels written here. Every text that comes
from a user or a parameter file is escaped: a ``<script>`` typed into a section prints as text.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import itertools
from collections.abc import Sequence
from html import escape
from typing import Protocol

from kit import paths
from kit.document import Document, Heading, Paragraph, TableBlock
from kit.findings import Finding, open_findings
from kit.messages.render import APPENDIX_NOTE, APPENDIX_TITLE, DATE_LINE, DRAFT_MARK, FIGURE_CAPTION, NO_FINDINGS
from kit.render.table_layout import Grid, GridCell, Role, layout
from kit.values import format_figure

CSS_FILE = paths.TEMPLATES / "annual_report" / "report.css"
WIDE_TABLE_COLUMNS = 10  # a table with this many columns or more prints one size smaller
# Column widths as the DOCX renderer sets them (fixed layout: the same grid on screen, on paper, in Word,
# and WeasyPrint lays a fixed table out faster than an auto one).
ROW_LABEL_SHARE = 0.30  # of the table width, for one row-label column (信息内容)
ROW_LABEL_SHARE_NESTED = 0.42  # for nested row labels (table 三's three label columns)
OUTER_ROW_LABEL_SHARE = 14 / 156  # a group label column (三、本年度办理结果): 14 mm of the 156 mm type area
# The wording this renderer adds to a report, the same as the DOCX renderer's: kit.messages.render


class Chart(Protocol):
    """What the renderer needs of a chart (kit.render.charts.Chart), without importing matplotlib."""

    title: str
    png: bytes
    alt: str
    section: str | None  # the section it illustrates; it is placed after that section


@functools.cache
def report_css() -> str:
    return CSS_FILE.read_text(encoding="utf-8")


def render_html(doc: Document, charts: Sequence[Chart] = (), *, date: dt.date | None = None, appendix: str = "") -> str:
    """The complete page. `date` is the report's date (default: `doc.date`, set when the report is
    published); without one, and always in a draft, the date line is left blank.

    `appendix` is trusted HTML made by the kit (e.g. the year-over-year comparison of a draft),
    placed after the signature and before the draft's list of open findings.
    """
    date = date or doc.date  # the report's date, if it carries one and is not a draft
    return page_html(doc.title, report_css(), article_html(doc, charts, date=date, appendix=appendix))


def page_html(title: str, css: str, article: str) -> str:
    """A complete, self-contained page around an article: lang, charset, inline CSS, no scripts."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>\n{css}</style>",
        "</head>",
        "<body>",
        article,
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def article_html(doc: Document, charts: Sequence[Chart] = (), *, date: dt.date | None = None, appendix: str = "") -> str:
    """The report itself, one <article>: what a CMS page or the notebook's output holds."""
    out = [f'<article class="gov-report{" draft" if doc.draft else ""}">']
    if doc.draft:
        out.append('<div class="draft-mark" aria-hidden="true">草稿</div>')
        out.append(f'<p class="draft-banner" role="note">{escape(DRAFT_MARK)}</p>')
    out.append(f'<h1 class="title">{escape(doc.title)}</h1>')
    out.append(f'<p class="opening">{escape(doc.opening)}</p>')
    slots = doc.chart_slots(charts)
    previous_heading: str | None = None
    for i, block in enumerate(doc.blocks):
        if isinstance(block, Heading):
            tag = "h2" if block.level <= 1 else "h3"
            out.append(f"<{tag}>{escape(block.text)}</{tag}>")
        elif isinstance(block, Paragraph):
            lead = f'<span class="lead">{escape(block.lead)}</span>' if block.lead else ""
            out.append(f"<p>{lead}{escape(block.text)}</p>")
        elif isinstance(block, TableBlock):
            out.append(table_html(block, caption_repeats_heading=block.caption == previous_heading))
        previous_heading = block.text if isinstance(block, Heading) else None
        out += [_chart_html(chart, number) for number, chart in slots.get(i, [])]
    out += [_chart_html(chart, number) for number, chart in slots.get(None, [])]
    out.append(_signature_html(doc, date))
    if appendix:
        out.append(appendix)
    if doc.draft:
        out.append(_appendix_html(open_findings(list(doc.findings))))
    out.append("</article>")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# tables


def _attrs(rowspan: int = 1, colspan: int = 1, **more: str) -> str:
    text = "".join(f' {k.rstrip("_")}="{escape(v)}"' for k, v in more.items() if v)
    if rowspan > 1:
        text += f' rowspan="{rowspan}"'
    if colspan > 1:
        text += f' colspan="{colspan}"'
    return text


def table_html(block: TableBlock, *, caption_repeats_heading: bool = False) -> str:
    """One report table, merged as kit.render.table_layout lays it out (the DOCX renderer uses the same grid).

    A table of one block puts its header rows in <thead>, repeated when the table breaks across
    pages; a table of several labelled blocks (表二) gives each block a <tbody> that starts with
    its label row and its own header row.
    """
    t = block.table
    grid = layout(t)
    css = "report-table wide" if grid.n_cols >= WIDE_TABLE_COLUMNS else "report-table"
    caption_class = ' class="same-as-heading"' if caption_repeats_heading else ""
    out = [f'<table class="{css}" id="table-{escape(t.id)}">', f"<caption{caption_class}>{escape(block.caption)}</caption>"]
    out += ["<colgroup>", *(f'<col style="width: {w:.2f}%">' for w in column_widths(grid)), "</colgroup>"]
    starts: dict[int, list[GridCell]] = {}
    for cell in grid.cells:
        starts.setdefault(cell.row, []).append(cell)
    header_end = _header_ends(grid)
    rows = [_row_html(sorted(starts.get(r, []), key=lambda c: c.col), grid, header_end.get(r, 0), block.values, bool(t.corner)) for r in range(grid.n_rows)]
    if grid.header_rows:
        out += ["<thead>", *rows[: grid.header_rows], "</thead>", "<tbody>", *rows[grid.header_rows :], "</tbody>"]
    else:
        block_starts = [c.row for c in grid.cells if c.role is Role.BLOCK_LABEL] or [0]
        bounds = [*block_starts, grid.n_rows]
        for first, last in itertools.pairwise(bounds):
            out += ["<tbody>", *rows[first:last], "</tbody>"]
    out.append("</table>")
    return "\n".join(out)


def column_widths(grid: Grid) -> list[float]:
    """Percent of the table width per grid column: row labels get a fixed share, data columns the rest, evenly."""
    labels = grid.row_header_cols
    label_total = 0.0 if labels == 0 else ROW_LABEL_SHARE if labels == 1 else ROW_LABEL_SHARE_NESTED
    outer = min(OUTER_ROW_LABEL_SHARE, label_total / (2 * labels)) if labels > 1 else 0.0
    label_widths = [outer] * (labels - 1) + ([label_total - outer * (labels - 1)] if labels else [])
    data = grid.n_cols - labels
    return [100 * w for w in label_widths + [(1 - label_total) / data] * data]


def _header_ends(grid: Grid) -> dict[int, int]:
    """For each header row, the first row after its run of header rows: a column header that reaches
    it is a column of its own (scope="col"), one that stops above it heads a group (scope="colgroup")."""
    ends: dict[int, int] = {}
    for r in sorted(grid.header_row_set, reverse=True):
        ends[r] = ends.get(r + 1, r + 1)
    return ends


def _row_html(cells: list[GridCell], grid: Grid, header_end: int, values: dict, corner_note: bool) -> str:
    out = []
    for cell in cells:
        span = (cell.rowspan, cell.colspan)
        if cell.role is Role.VALUE:
            value = values.get(cell.key or "")
            out.append(f"<td{_attrs(*span, class_='blank' if value is None else '')}>{escape(format_figure(value))}</td>")
        elif cell.role is Role.BLOCK_LABEL:
            out.append(f'<th scope="rowgroup"{_attrs(*span, class_="block-label")}>{escape(cell.text)}</th>')
        elif cell.role is Role.CORNER:
            if cell.text and not corner_note:  # the row-header title, e.g. 信息内容
                out.append(f'<th scope="col"{_attrs(*span)}>{escape(cell.text)}</th>')
            else:
                out.append(f'<td{_attrs(*span, class_="corner")}>{escape(cell.text)}</td>')
        elif cell.role is Role.COLUMN_HEADER:
            scope = "col" if cell.row + cell.rowspan >= header_end else "colgroup"
            out.append(f'<th scope="{scope}"{_attrs(*span)}>{escape(cell.text)}</th>')
        else:  # ROW_HEADER
            scope = "row" if cell.col + cell.colspan >= grid.row_header_cols else "rowgroup"
            out.append(f'<th scope="{scope}"{_attrs(*span)}>{escape(cell.text)}</th>')
    return "<tr>" + "".join(out) + "</tr>"


# ---------------------------------------------------------------------------------------------
# charts, signature, draft appendix


def _chart_html(chart: Chart, number: int) -> str:
    data = base64.b64encode(chart.png).decode("ascii")
    caption = FIGURE_CAPTION.format(number=number, title=chart.title)
    return f'<figure class="chart"><img src="data:image/png;base64,{data}" alt="{escape(chart.alt)}"><figcaption>{escape(caption)}</figcaption></figure>'


def _signature_html(doc: Document, date: dt.date | None) -> str:
    date = None if doc.draft else (date or doc.date)
    when = f"{date.year}年{date.month}月{date.day}日" if date else DATE_LINE
    return f'<div class="signature"><p class="signer">{escape(doc.body.full_name)}</p><p class="date">{escape(when)}</p></div>'


def _appendix_html(findings: list[Finding]) -> str:
    """The draft's open findings, errors first, on a page of their own after the signature."""
    out = ['<section class="draft-appendix">', f"<h2>{escape(APPENDIX_TITLE)}</h2>", f'<p class="note">{escape(APPENDIX_NOTE)}</p>']
    if not findings:
        out.append(f"<p>{escape(NO_FINDINGS)}</p>")
    else:
        out.append("<ol>")
        out += [f"<li>{escape(f.describe())}</li>" for f in sorted(findings, key=lambda f: not f.is_error)]
        out.append("</ol>")
    out.append("</section>")
    return "\n".join(out)
