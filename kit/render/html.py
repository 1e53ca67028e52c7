"""A Document as one self-contained HTML page: for the website, and the source of the PDF.

The page carries its own print CSS (A4, official-document typography, page numbers, repeated
table headers) and embeds chart images as data: URIs, so it works offline and prints the same
through WeasyPrint (the published copy moves them into files beside the page:
kit.build.export.publishable). No script, no external resource.

A website's CMS editor keeps the body and drops <head> and <style>, so what a reader must see
is in the markup itself: table borders, padding and alignment as attributes and inline styles
(a page stripped of <head>/<style> keeps every cell's border in Chromium: tests/test_export.py),
no caption hidden by CSS (a caption that repeats its heading is left out and the table is
labelled by the heading instead), every table in a box that scrolls sideways on a phone, and
long words (URLs) that wrap. Tables are laid out from
the spec's label paths (kit.render.table_layout), never from labels written here. Every text that comes
from a user or a parameter file is escaped: a ``<script>`` typed into a section prints as text.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import itertools
import re
from collections.abc import Sequence
from html import escape
from typing import Protocol

from kit import paths
from kit.document import Document, Heading, Paragraph, TableBlock
from kit.findings import Finding, open_findings
from kit.messages.cycle import signature_date
from kit.messages.render import APPENDIX_NOTE, APPENDIX_TITLE, DATE_LINE, DRAFT_MARK, DRAFT_WORD, FIGURE_CAPTION, NO_FINDINGS
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

# Inline presentation: what survives a CMS that strips <head> and <style>. The stylesheet says
# the same (and more, for print); an inline style wins over it, so both must agree.
TABLE_ATTRS = ' border="1" cellspacing="0" cellpadding="3"'  # for editors that drop style="" too
TABLE_STYLE = "width: 100%; border-collapse: collapse; table-layout: fixed;"
WIDE_TABLE_MIN_WIDTH = " min-width: 600px;"  # table 三 on a phone scrolls in its box instead of squeezing （三） into 30 px
# Terse on purpose: table 三 has ≈300 cells. td is vertically centred and not bold by default;
# a th is neither, and its labels may break anywhere rather than overlap the next cell.
CELL_STYLE = "border:1px solid #000;padding:2pt 3pt;text-align:{align}"
HEADER_STYLE = ";vertical-align:middle;overflow-wrap:anywhere;font-weight:{weight}"
SCROLL_STYLE = "overflow-x: auto; max-width: 100%;"
WRAP_STYLE = "overflow-wrap: anywhere;"  # a 3000-character word or a long URL wraps instead of widening the page
IMAGE_STYLE = "max-width: 100%; height: auto;"
LATIN_RUN = re.compile(r"[!-~]{12,}")  # a URL, an e-mail address, a long number: ASCII without spaces  # a 960 px chart fits a 375 px phone


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
    return page_html(doc.title, report_css(), article_html(doc, charts, date=date, appendix=appendix), author=doc.body.full_name)


LANG = "zh-CN"  # WeasyPrint writes it as the PDF's /Lang; screen readers pick a Mandarin voice


def page_html(title: str, css: str, article: str, *, author: str = "") -> str:
    """A complete, self-contained page around an article: lang, charset, inline CSS, no scripts.

    The title and author become the PDF's Title and Author (WeasyPrint reads <title> and
    <meta name="author">)."""
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{LANG}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        *([f'<meta name="author" content="{escape(author)}">'] if author else []),
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
        out.append(f'<div class="draft-mark" aria-hidden="true">{escape(DRAFT_WORD)}</div>')
        out.append(f'<p class="draft-banner" role="note">{escape(DRAFT_MARK)}</p>')
    out.append(f'<h1 class="title">{escape(doc.title)}</h1>')
    out.append(f'<p class="opening" style="{WRAP_STYLE}">{breakable(doc.opening)}</p>')
    slots = doc.chart_slots(charts)
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        following = blocks[i + 1] if i + 1 < len(blocks) else None
        if isinstance(block, Heading):
            tag = "h2" if block.level <= 1 else "h3"
            labels = isinstance(following, TableBlock) and following.caption == block.text
            if isinstance(following, TableBlock):  # a heading and its table stay together on paper
                out.append('<div class="heading-and-table">')
            heading_id = f' id="{_heading_id(following)}"' if labels and isinstance(following, TableBlock) else ""
            out.append(f"<{tag}{heading_id}>{escape(block.text)}</{tag}>")
        elif isinstance(block, Paragraph):
            lead = f'<span class="lead">{escape(block.lead)}</span>' if block.lead else ""
            out.append(f'<p style="{WRAP_STYLE}">{lead}{breakable(block.text)}</p>')
        elif isinstance(block, TableBlock):
            previous = blocks[i - 1] if i else None
            repeats = isinstance(previous, Heading) and previous.text == block.caption
            out.append(table_html(block, labelled_by=_heading_id(block) if repeats else None))
            if isinstance(previous, Heading):
                out.append("</div>")
        out += [_chart_html(chart, number) for number, chart in slots.get(i, [])]
    out += [_chart_html(chart, number) for number, chart in slots.get(None, [])]
    out.append(_signature_html(doc, date))
    if appendix:
        out.append(appendix)
    if doc.draft:
        out.append(_appendix_html(open_findings(list(doc.findings))))
    out.append("</article>")
    return "\n".join(out)


def breakable(text: str) -> str:
    """Escaped `text` whose long Latin runs may break after any character (<wbr>).

    WeasyPrint breaks a URL only after "/" and ignores word-break: break-all (measured: lines of
    320, 335, 267, 173 pt in a 300 pt box), which leaves the ragged edge GB/T 9704 paper must not
    have; with a break opportunity after each character every line of the URL ends within one
    letter of the margin. <wbr> adds no character: copying the text or reading the PDF's text
    gives the URL as typed."""
    out, last = [], 0
    for match in LATIN_RUN.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append("<wbr>".join(escape(ch) for ch in match.group()))
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# tables


def _attrs(rowspan: int = 1, colspan: int = 1, *, align: str = "center", header: bool = True, bold: bool = False, **more: str) -> str:
    text = "".join(f' {k.rstrip("_")}="{escape(v)}"' for k, v in more.items() if v)
    style = CELL_STYLE.format(align=align) + (HEADER_STYLE.format(weight="bold" if bold else "normal") if header else "")
    text += f' style="{style}"'
    if rowspan > 1:
        text += f' rowspan="{rowspan}"'
    if colspan > 1:
        text += f' colspan="{colspan}"'
    return text


def _heading_id(block: TableBlock) -> str:
    return f"heading-{block.table.id}"


def table_html(block: TableBlock, *, labelled_by: str | None = None) -> str:
    """One report table, merged as kit.render.table_layout lays it out (the DOCX renderer uses the same grid),
    in a box that scrolls sideways when the screen is narrower than the table.

    A table of one block puts its header rows in <thead>, repeated when the table breaks across
    pages; a table of several labelled blocks (表二) gives each block a <tbody> that starts with
    its label row and its own header row. `labelled_by`: the id of the heading that says what the
    caption would; the table is labelled by it and has no caption, so no caption hidden by CSS
    turns up as a second title where the stylesheet is gone.
    """
    t = block.table
    grid = layout(t)
    wide = grid.n_cols >= WIDE_TABLE_COLUMNS
    css = "report-table wide" if wide else "report-table"
    style = TABLE_STYLE + (WIDE_TABLE_MIN_WIDTH if wide else "")
    label = f' aria-labelledby="{escape(labelled_by)}"' if labelled_by else ""
    out = [
        f'<div class="table-scroll" style="{SCROLL_STYLE}">',
        f'<table class="{css}" id="table-{escape(t.id)}"{label}{TABLE_ATTRS} style="{style}">',
    ]
    if not labelled_by:
        out.append(f"<caption>{escape(block.caption)}</caption>")
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
    out += ["</table>", "</div>"]
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
            out.append(f"<td{_attrs(*span, header=False, class_='blank' if value is None else '')}>{escape(format_figure(value))}</td>")
        elif cell.role is Role.BLOCK_LABEL:
            out.append(f'<th scope="rowgroup"{_attrs(*span, align="left", bold=True, class_="block-label")}>{escape(cell.text)}</th>')
        elif cell.role is Role.CORNER:
            if cell.text and not corner_note:  # the row-header title, e.g. 信息内容
                out.append(f'<th scope="col"{_attrs(*span)}>{escape(cell.text)}</th>')
            else:
                out.append(f'<td{_attrs(*span, align="left", class_="corner")}>{escape(cell.text)}</td>')
        elif cell.role is Role.COLUMN_HEADER:
            scope = "col" if cell.row + cell.rowspan >= header_end else "colgroup"
            out.append(f'<th scope="{scope}"{_attrs(*span)}>{escape(cell.text)}</th>')
        else:  # ROW_HEADER
            scope = "row" if cell.col + cell.colspan >= grid.row_header_cols else "rowgroup"
            out.append(f'<th scope="{scope}"{_attrs(*span, align="left")}>{escape(cell.text)}</th>')
    return "<tr>" + "".join(out) + "</tr>"


# ---------------------------------------------------------------------------------------------
# charts, signature, draft appendix


def _chart_html(chart: Chart, number: int) -> str:
    data = base64.b64encode(chart.png).decode("ascii")
    caption = FIGURE_CAPTION.format(number=number, title=chart.title)
    return f'<figure class="chart"><img src="data:image/png;base64,{data}" alt="{escape(chart.alt)}" style="{IMAGE_STYLE}"><figcaption>{escape(caption)}</figcaption></figure>'


def _signature_html(doc: Document, date: dt.date | None) -> str:
    date = None if doc.draft else (date or doc.date)
    when = signature_date(date.year, date.month, date.day) if date else DATE_LINE
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
