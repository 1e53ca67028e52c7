"""A report as a Word document (.docx), laid out the way official documents are printed.

Counties print the Word file, stamp it and file it, and clerks touch it up in Word or WPS, so
the file follows GB/T 9704 practice: A4 with a 156 × 225 mm type area, a 二号 小标宋 title,
三号 仿宋 body with a two-character first-line indent on a fixed 22-line grid, 一、 headings in
黑体 and （一） in 楷体, "— 1 —" page numbers on the outer side. The faces are named as
government machines have them (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312) and the font table
lists the common substitute (宋体, 仿宋, 楷体) so Word or WPS without them picks a like face.

The renderer only lays out Document blocks (document.py) and never decides wording; tables are
merged as kit.render.table_layout says, so Word and HTML agree. All text goes in as text runs, cleaned
of the control characters XML 1.0 forbids, so no prose can break the file. The bytes are
deterministic (fixed zip timestamps, no creation date unless given) so a rebuilt report that
did not change is byte-identical.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from typing import TYPE_CHECKING, Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.table import _Cell

from kit.document import Document, Heading, Paragraph, TableBlock
from kit.messages.render import (
    APPENDIX_NOTE,
    APPENDIX_TITLE,
    DATE_LINE,
    DRAFT_MARK,
    FIGURE_CAPTION,
    FIGURE_NAME,
    NO_FINDINGS,
    STYLE_NAMES,
    SUBJECT,
    unknown_block,
)
from kit.render.table_layout import Grid, GridCell, Role, layout
from kit.values import format_figure

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.styles.style import ParagraphStyle
    from docx.text.paragraph import Paragraph as WordParagraph

    from kit.render.charts import Chart

# user-facing text (the only wording this module adds to a report): kit.messages.render

# ---------------------------------------------------------------------------------------------
# the page (GB/T 9704-2012 §5.2, §7.1, §7.5)

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(37), Mm(35), Mm(28), Mm(26)
TEXT_WIDTH_TWIPS = round(156 / 25.4 * 1440)  # the 156 mm type area, in twips for table grids
CHARS_PER_LINE = 28  # GB/T 9704 §5.2.2: 28 characters a line, 22 lines a page
# 三号 (16pt) text condensed by 0.25pt (w:spacing −5 twentieths of a point; −0.2pt would give
# 28 × 15.8 = 442.4pt > 442.2pt): 28 × 15.75 = 441pt fit the 156 mm line, 29 do not. A character
# spacing, not Word's document grid: LibreOffice and WPS size a w:docGrid's cells from the
# document's default font and set 14 characters a line (measured in LibreOffice 7.4).
CONDENSED_TWIPS = -5
FOOTER_DISTANCE = Mm(24)  # puts the page number about 7 mm below the type area
LINE = Pt(28.95)  # 22 lines in the 225 mm type area
TITLE_LINE = Pt(36)
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
PAGE_NUMBER_SIZE = Pt(14)  # 四号
CAPTION_SIZE = Pt(14)
TABLE_SIZE = Pt(10.5)  # 五号
FINDINGS_SIZE = Pt(12)  # 小四
TWO_CHARS = Pt(32)  # two 三号 characters: the first-line indent
FIGURE_WIDTH = Mm(140)
ROW_LABEL_SHARE = 0.30  # of the table width, for one row-label column (信息内容)
ROW_LABEL_SHARE_NESTED = 0.50  # for nested row labels: table 三's long outcome labels
OUTER_ROW_LABEL_TWIPS = round(14 / 25.4 * 1440)  # a group label column (三、本年度办理结果)
CELL_MARGIN_TWIPS = 57  # 1 mm: narrow columns of 五号 text keep two to three characters a line
DRAFT_COLOR = RGBColor(0xC0, 0x00, 0x00)
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Face:
    """A font as Word names it, with the substitute written into the font table."""

    name: str
    substitute: str
    family: str = "modern"
    pitch: str = "fixed"


TITLE_FACE = Face("方正小标宋简体", "宋体", "roman", "variable")
BODY_FACE = Face("仿宋_GB2312", "仿宋")
HEI_FACE = Face("黑体", "SimHei")
KAI_FACE = Face("楷体_GB2312", "楷体")
SONG_FACE = Face("宋体", "SimSun")
LATIN_FACE = "Times New Roman"
GB2312_CHARSET = "86"


@dataclass(frozen=True)
class StyleSpec:
    id: str
    name: str  # shown in Word's style list
    face: Face
    size: Pt
    align: WD_ALIGN_PARAGRAPH | None = None
    indent_chars: int = 0  # first-line indent in characters
    right_chars: int = 0
    line: Pt | float | None = None  # exact line height, or a multiple of single spacing
    bold: bool = False
    keep_with_next: bool = False
    on_grid: bool = False  # body text: 28 characters a line, Latin runs break anywhere (see CONDENSED_TWIPS)


BODY = StyleSpec("ReportBody", STYLE_NAMES["ReportBody"], BODY_FACE, BODY_SIZE, WD_ALIGN_PARAGRAPH.JUSTIFY, 2, line=LINE, on_grid=True)
TABLE_TEXT = StyleSpec("ReportTableText", STYLE_NAMES["ReportTableText"], SONG_FACE, TABLE_SIZE, WD_ALIGN_PARAGRAPH.CENTER, line=1.0)
FIGURE = StyleSpec("ReportFigure", STYLE_NAMES["ReportFigure"], BODY_FACE, BODY_SIZE, WD_ALIGN_PARAGRAPH.CENTER, line=1.0, keep_with_next=True)
CAPTION = StyleSpec("ReportFigureCaption", STYLE_NAMES["ReportFigureCaption"], KAI_FACE, CAPTION_SIZE, WD_ALIGN_PARAGRAPH.CENTER, line=1.5)
SIGNATURE = StyleSpec("ReportSignature", STYLE_NAMES["ReportSignature"], BODY_FACE, BODY_SIZE, WD_ALIGN_PARAGRAPH.RIGHT, right_chars=2, line=LINE, on_grid=True)
FINDINGS = StyleSpec("ReportFindings", STYLE_NAMES["ReportFindings"], BODY_FACE, FINDINGS_SIZE, WD_ALIGN_PARAGRAPH.LEFT, line=1.2)
NORMAL = StyleSpec("Normal", "Normal", BODY_FACE, BODY_SIZE, WD_ALIGN_PARAGRAPH.JUSTIFY, line=LINE, on_grid=True)
TITLE = StyleSpec("Title", "Title", TITLE_FACE, TITLE_SIZE, WD_ALIGN_PARAGRAPH.CENTER, line=TITLE_LINE)
HEADINGS = {
    1: StyleSpec("Heading1", "Heading 1", HEI_FACE, BODY_SIZE, WD_ALIGN_PARAGRAPH.JUSTIFY, 2, line=LINE, keep_with_next=True, on_grid=True),
    2: StyleSpec("Heading2", "Heading 2", KAI_FACE, BODY_SIZE, WD_ALIGN_PARAGRAPH.JUSTIFY, 2, line=LINE, keep_with_next=True, on_grid=True),
    3: StyleSpec("Heading3", "Heading 3", BODY_FACE, BODY_SIZE, WD_ALIGN_PARAGRAPH.JUSTIFY, 2, line=LINE, bold=True, keep_with_next=True),
}
HEADER = StyleSpec("Header", "Header", SONG_FACE, FINDINGS_SIZE, WD_ALIGN_PARAGRAPH.CENTER, line=1.0)
FOOTER = StyleSpec("Footer", "Footer", SONG_FACE, PAGE_NUMBER_SIZE, line=1.0)
BUILT_IN = (NORMAL, TITLE, *HEADINGS.values(), HEADER, FOOTER)  # restyled, not added
CUSTOM = (BODY, TABLE_TEXT, FIGURE, CAPTION, SIGNATURE, FINDINGS)
LEAD_FACES = {1: HEI_FACE, 2: KAI_FACE}  # a run-in heading takes its level's face


# ---------------------------------------------------------------------------------------------
# entry point


def render_docx(doc: Document, charts: Sequence[Chart] | None = None, *, created: datetime | None = None) -> bytes:
    """The report as .docx bytes; charts go after the section they illustrate (else at the end).

    `created` stamps the document's creation date; without it the file carries none, so the
    same report always gives the same bytes.
    """
    word = docx.Document()
    _set_up(word, doc, created)
    _paragraph(word, doc.title, TITLE)
    _paragraph(word, "", NORMAL)
    _paragraph(word, doc.opening, BODY)
    slots = doc.chart_slots(charts or ())
    previous: object = None
    for i, block in enumerate(doc.blocks):
        _block(word, doc, block, previous)
        previous = block
        for number, chart in slots.get(i, []):
            _chart(word, chart, number)
    for number, chart in slots.get(None, []):
        _chart(word, chart, number)
    _signature(word, doc)
    if doc.draft:
        _appendix(word, [f.describe() for f in doc.findings])
    return _save(word)


_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 forbids (lxml refuses them and the file breaks).

    A vertical tab or form feed (Word's manual line and page breaks, pasted into prose) becomes
    a space so the words around it stay apart; other C0/C1 controls and stray surrogates go.
    """
    return _FORBIDDEN.sub(lambda m: " " if m.group() in "\x0b\x0c" else "", text)


# ---------------------------------------------------------------------------------------------
# blocks


def _block(word: WordDocument, doc: Document, block: object, previous: object) -> None:
    if isinstance(block, Heading):
        _paragraph(word, block.text, HEADINGS[min(block.level, 3)])
    elif isinstance(block, Paragraph):
        paragraph = _paragraph(word, "", BODY)
        if block.lead:
            face = LEAD_FACES.get(_section_levels(doc).get(block.section or "", 1), HEI_FACE)
            _run(paragraph, block.lead, face, bold=True)
        _run(paragraph, block.text, BODY.face)
    elif isinstance(block, TableBlock):
        if not (isinstance(previous, Heading) and previous.text == block.caption):
            _paragraph(word, block.caption, HEADINGS[3])
        _table(word, block)
    else:
        raise TypeError(unknown_block(type(block).__name__))


def _paragraph(word: Any, text: str, style: StyleSpec) -> WordParagraph:
    """A paragraph of `style` (set by id: python-docx's lookup by name is slow) holding `text`."""
    paragraph = word.add_paragraph()
    _set_style(paragraph, style)
    if text:
        _run(paragraph, text, style.face)
    return paragraph


def _set_style(paragraph: WordParagraph, style: StyleSpec) -> None:
    paragraph._p.get_or_add_pPr().style = style.id


def _run(paragraph: WordParagraph, text: str, face: Face, *, bold: bool = False, color: RGBColor | None = None) -> None:
    """A text run. It repeats its face with the East Asian hint, so punctuation Chinese shares
    with Latin (“” … ·) is set in the Chinese face, not in Times New Roman."""
    run = paragraph.add_run(xml_text(text))
    _set_faces(run._r.get_or_add_rPr(), face)
    if bold:
        run.bold = True
    if color is not None:
        run.font.color.rgb = color


def _section_levels(doc: Document) -> dict[str, int]:
    levels: dict[str, int] = {}
    for section in doc.report.spec.sections:
        levels[section.id] = 1
        levels.update({sub.id: 2 for sub in section.subsections})
    return levels


def _signature(word: WordDocument, doc: Document) -> None:
    """The body's full name and a date line, right-aligned: signed and stamped on paper."""
    _paragraph(word, "", NORMAL)
    _paragraph(word, doc.report.body.full_name, SIGNATURE)
    _paragraph(word, doc.date_text() or DATE_LINE, SIGNATURE)  # the date when published, blank in a draft


def _appendix(word: WordDocument, findings: list[str]) -> None:
    """The draft's findings, on a page of their own after the signature."""
    heading = _paragraph(word, APPENDIX_TITLE, HEADINGS[1])
    heading.paragraph_format.page_break_before = True
    _paragraph(word, APPENDIX_NOTE, FINDINGS)
    for i, text in enumerate(findings or [NO_FINDINGS], start=1):
        _paragraph(word, f"{i}. {text}" if findings else text, FINDINGS)


# ---------------------------------------------------------------------------------------------
# charts


def _chart(word: WordDocument, chart: Chart, number: int) -> None:
    paragraph = _paragraph(word, "", FIGURE)
    shape = paragraph.add_run().add_picture(BytesIO(chart.png), width=FIGURE_WIDTH)
    doc_pr = shape._inline.docPr
    doc_pr.set("name", FIGURE_NAME.format(number=number))
    doc_pr.set("descr", xml_text(chart.alt))
    doc_pr.set("title", xml_text(chart.title))
    _paragraph(word, FIGURE_CAPTION.format(number=number, title=chart.title), CAPTION)


# ---------------------------------------------------------------------------------------------
# tables


def _table(word: WordDocument, block: TableBlock) -> None:
    grid = layout(block.table)
    widths = _column_widths(grid)
    table = word.add_table(rows=grid.n_rows, cols=grid.n_cols)
    _table_properties(table, widths, block.caption)
    tcs = [list(tr.tc_lst) for tr in table._tbl.tr_lst]
    covered = []
    for cell in grid.cells:
        width = sum(widths[cell.col : cell.col + cell.colspan])
        for r in range(cell.row, cell.row + cell.rowspan):
            _span(tcs[r][cell.col], cell, first=r == cell.row, width=width)
            covered += tcs[r][cell.col + 1 : cell.col + cell.colspan]
        _fill(_Cell(tcs[cell.row][cell.col], table), cell, block.values)
    for tc in covered:
        tc.getparent().remove(tc)
    _row_properties(table, grid, keep_together=True)


def _column_widths(grid: Grid) -> list[int]:
    """Twips per grid column: row labels get a fixed share (wide for nested labels), data the rest."""
    labels = grid.row_header_cols
    if labels == 0:
        label_total = 0
    else:
        label_total = round(TEXT_WIDTH_TWIPS * (ROW_LABEL_SHARE if labels == 1 else ROW_LABEL_SHARE_NESTED))
    outer = min(OUTER_ROW_LABEL_TWIPS, label_total // (labels + 1)) if labels > 1 else 0
    label_widths = [outer] * (labels - 1) + ([label_total - outer * (labels - 1)] if labels else [])
    data_cols = grid.n_cols - labels
    each = (TEXT_WIDTH_TWIPS - label_total) // data_cols
    data_widths = [each] * data_cols
    data_widths[-1] += TEXT_WIDTH_TWIPS - label_total - each * data_cols
    return label_widths + data_widths


def _table_properties(table: Any, widths: list[int], caption: str) -> None:
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # w:tblLayout fixed: Word keeps the grid instead of fitting content
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(widths)))
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), "6")
        edge.set(qn("w:space"), "0")
        edge.set(qn("w:color"), "000000")
        borders.append(edge)
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")
    caption_el = OxmlElement("w:tblCaption")
    caption_el.set(qn("w:val"), xml_text(caption))
    tbl_pr.insert_element_before(caption_el, "w:tblDescription")
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        grid_col.w = Twips(width)


def _span(tc: Any, cell: GridCell, *, first: bool, width: int) -> None:
    tc_pr = tc.get_or_add_tcPr()
    tc_pr.width = Twips(width)
    if cell.colspan > 1:
        tc_pr.grid_span = cell.colspan
    if cell.rowspan > 1:
        tc_pr.vMerge_val = "restart" if first else "continue"
    tc_pr.vAlign_val = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _fill(cell: _Cell, grid_cell: GridCell, values: dict[str, Any]) -> None:
    paragraph = cell.paragraphs[0]
    _set_style(paragraph, TABLE_TEXT)
    if grid_cell.role is Role.ROW_HEADER:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    text = format_figure(values.get(grid_cell.key)) if grid_cell.role is Role.VALUE and grid_cell.key else grid_cell.text
    if text:
        _run(paragraph, text, TABLE_TEXT.face, bold=grid_cell.role is Role.BLOCK_LABEL)


def _row_properties(table: Any, grid: Grid, *, keep_together: bool) -> None:
    """Rows never split; the leading header repeats on each page (w:tblHeader); label and
    header rows stay with the row after them. Every table of the format fits one page and is
    kept on one (each row keeps with the next): a table of several blocks because its later
    headers cannot repeat, table 三 because a page break inside it would cut a group from its
    rowspanning label (三、本年度办理结果, （三）不予公开 …), which Word does not repeat."""
    last = grid.n_rows - 1
    for i, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if i < grid.header_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))
        if i < last and (keep_together or i in grid.header_row_set):
            for p in row._tr.iter(qn("w:p")):  # every cell's, merged continuations included
                p.get_or_add_pPr().keepNext_val = True


# ---------------------------------------------------------------------------------------------
# document set-up: styles, page, header and footer, fonts, properties


def _set_up(word: WordDocument, doc: Document, created: datetime | None) -> None:
    _defaults(word)
    for spec in BUILT_IN:
        _style(word.styles[spec.name], spec)
    for spec in CUSTOM:
        style = word.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = spec.id
        style.base_style = word.styles["Normal"]
        style.quick_style = True
        _style(style, spec)
    _page(word)
    _footers(word)
    if doc.draft:
        _draft_headers(word)
    _font_table(word)
    _no_template_leftovers(word)
    _properties(word, doc, created)


def _defaults(word: WordDocument) -> None:
    """Document defaults name real faces and Chinese; theme fonts would override the names."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_faces(rpr, BODY_FACE)
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")


def _style(style: ParagraphStyle, spec: StyleSpec) -> None:
    element = style.element
    if element.rPr is not None:
        element.remove(element.rPr)  # drops theme fonts and colours of the built-in look
    ppr = element.get_or_add_pPr()
    for tag in ("w:pBdr", "w:contextualSpacing", "w:tabs"):
        for child in ppr.findall(qn(tag)):
            ppr.remove(child)
    _set_faces(element.get_or_add_rPr(), spec.face)
    style.font.size = spec.size
    style.font.bold = spec.bold
    fmt = style.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = spec.line
    fmt.alignment = spec.align
    fmt.keep_with_next = spec.keep_with_next or None
    fmt.widow_control = True
    fmt.first_line_indent = Pt(spec.size.pt * spec.indent_chars) if spec.indent_chars else Pt(0)
    fmt.right_indent = Pt(spec.size.pt * spec.right_chars) if spec.right_chars else None
    ind = ppr.get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(spec.indent_chars * 100))  # Word counts in characters
    if spec.right_chars:
        ind.set(qn("w:rightChars"), str(spec.right_chars * 100))
    if spec.on_grid:
        # Latin runs (URLs, addresses) may break inside a word (允许西文在单词中间换行), so their
        # lines fill the line as Chinese text does: no ragged edge before a URL.
        _ppr_flag(ppr, "w:wordWrap", "0")
        rpr = element.get_or_add_rPr()
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(CONDENSED_TWIPS))
        rpr.insert_element_before(spacing, *_RPR_AFTER_SPACING)


# CT_PPrBase's children in schema order (ECMA-376 §17.3.1.26): a flag goes before its successors.
_PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange",
)  # fmt: skip


_RPR_AFTER_SPACING = (
    "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText",
    "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)  # fmt: skip


def _ppr_flag(ppr: Any, tag: str, value: str) -> None:
    for old in ppr.findall(qn(tag)):
        ppr.remove(old)
    flag = OxmlElement(tag)
    flag.set(qn("w:val"), value)
    ppr.insert_element_before(flag, *_PPR_ORDER[_PPR_ORDER.index(tag) + 1 :])


def _set_faces(rpr: Any, face: Face) -> None:
    rfonts = rpr.get_or_add_rFonts()
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "cs"):
        rfonts.set(qn(f"w:{slot}"), LATIN_FACE)
    rfonts.set(qn("w:eastAsia"), face.name)
    rfonts.set(qn("w:hint"), "eastAsia")


def _page(word: WordDocument) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.footer_distance = FOOTER_DISTANCE


def _footers(word: WordDocument) -> None:
    """Page numbers as "— 1 —" in 四号 宋体: odd pages right, even pages left, one character in."""
    word.settings.odd_and_even_pages_header_footer = True
    section = word.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        _set_style(paragraph, FOOTER)
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = PAGE_NUMBER_SIZE
        else:
            fmt.left_indent = PAGE_NUMBER_SIZE
        _run(paragraph, "— ", FOOTER.face)
        _page_field(paragraph)
        _run(paragraph, " —", FOOTER.face)


def _page_field(paragraph: WordParagraph) -> None:
    """A PAGE field as begin / instruction / separate / placeholder / end runs."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        _set_faces(run._r.get_or_add_rPr(), SONG_FACE)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text or ""


def _draft_headers(word: WordDocument) -> None:
    section = word.sections[0]
    for header in (section.header, section.even_page_header):
        paragraph = header.paragraphs[0]
        _set_style(paragraph, HEADER)
        _run(paragraph, DRAFT_MARK, HEADER.face, bold=True, color=DRAFT_COLOR)


def _font_table(word: WordDocument) -> None:
    """Declare the Chinese faces with their GB2312 charset and a substitute name, which Word
    and WPS use to pick a like face on a machine without the official fonts."""
    part = word.part.part_related_by(RT.FONT_TABLE)
    root = parse_xml(part.blob)
    known = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for face in (TITLE_FACE, BODY_FACE, HEI_FACE, KAI_FACE, SONG_FACE):
        if face.name in known:
            continue
        font = OxmlElement("w:font")
        font.set(qn("w:name"), face.name)
        for tag, value in (("w:altName", face.substitute), ("w:charset", GB2312_CHARSET), ("w:family", face.family), ("w:pitch", face.pitch)):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            font.append(child)
        root.append(font)
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


APP_PROPERTIES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>kit</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    b"<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    b"</Properties>"
)
LEFTOVER_FONTS = ("Calibri", "Cambria")  # python-docx's template (Word 2010 for Mac), besides its Japanese faces
SHIFT_JIS_CHARSET = "80"  # ＭＳ 明朝 and ＭＳ ゴシック: the template's Japanese faces


def _no_template_leftovers(word: WordDocument) -> None:
    """python-docx starts from a Word for Mac template set up for Japanese: app.xml names
    "Microsoft Macintosh Word" and Normal.dotm, settings.xml's theme language is ja-JP, the theme's
    fonts are Calibri/Cambria with ＭＳ 明朝/ＭＳ ゴシック for Japanese, and the font table lists them.
    A county's file is the kit's, in Chinese: each of these is rewritten or dropped."""
    from lxml import etree

    package = word.part.package
    for rel in package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_PROPERTIES
    lang = word.settings.element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
    theme = word.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    for font_set, east_asian in ((root.find(f".//{a}majorFont"), HEI_FACE.name), (root.find(f".//{a}minorFont"), BODY_FACE.name)):
        if font_set is None:
            continue
        font_set.find(f"{a}latin").set("typeface", LATIN_FACE)
        font_set.find(f"{a}ea").set("typeface", east_asian)
        for script in font_set.findall(f"{a}font"):
            if script.get("script") == "Jpan":
                font_set.remove(script)
            elif script.get("script") == "Hans":
                script.set("typeface", east_asian)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    fonts = word.part.part_related_by(RT.FONT_TABLE)
    table = etree.fromstring(fonts.blob)
    for font in table.findall(qn("w:font")):
        charset = font.find(qn("w:charset"))
        if font.get(qn("w:name")) in LEFTOVER_FONTS or (charset is not None and charset.get(qn("w:val")) == SHIFT_JIS_CHARSET):
            table.remove(font)
    fonts._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _properties(word: WordDocument, doc: Document, created: datetime | None) -> None:
    """Title, author and language for file managers and search; no template thumbnail."""
    package = word.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]
    props = word.core_properties
    props.title = xml_text(doc.title)
    props.subject = SUBJECT
    props.author = xml_text(doc.report.body.full_name)
    props.last_modified_by = ""
    props.language = "zh-CN"
    props.keywords = str(doc.year)
    props.revision = 1
    props.comments = ""
    if created is not None:
        props.created = props.modified = created
        return
    element = props._element
    for tag in ("dcterms:created", "dcterms:modified"):
        for child in element.findall(qn(tag)):
            element.remove(child)


def _save(word: WordDocument) -> bytes:
    """Save, then rewrite the zip with fixed timestamps so equal reports give equal bytes."""
    raw = BytesIO()
    word.save(raw)
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
