"""The Word renderer: read the .docx back with python-docx and compare it with the document.

No kernel, no word processor: the file is opened as Word would read it (paragraph text, table
grid with gridSpan / vMerge, header/footer parts, styles) and checked against render_text and
the spec. Every store lives under tmp_path (conftest.py).
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from kit.document import Document, TableBlock, build_document
from kit.render.charts import ALL_CHARTS, make_charts
from kit.render.docx import APPENDIX_TITLE, DATE_LINE, DRAFT_MARK, render_docx, xml_text
from kit.render.text import render_text
from kit.report import BodyRef, YearReport
from kit.spec import Table
from kit.store import Store
from kit.validation import validate

SEED = BodyRef("微山县", "驩城镇")


def read(data: bytes):
    return docx.Document(io.BytesIO(data))


def texts(word) -> list[str]:
    return [p.text for p in word.paragraphs]


def tc_text(tc) -> str:
    return "".join(t.text or "" for t in tc.iter(qn("w:t")))


def expand(table) -> list[list[str]]:
    """The table as a full grid of texts: a gridSpan repeats a cell across, a continued
    vMerge repeats the text of the cell above, as a reader sees merged cells."""
    rows: list[list[str]] = []
    for tr in table._tbl.tr_lst:
        row: list[str] = []
        for tc in tr.tc_lst:
            text = rows[-1][len(row)] if tc.vMerge == "continue" else tc_text(tc)
            row += [text] * tc.grid_span
        rows.append(row)
    return rows


def dedupe(labels: list[str]) -> list[str]:
    return [x for i, x in enumerate(labels) if i == 0 or labels[i - 1] != x]


def as_text_lines(table, spec_table: Table) -> list[str]:
    """A Word table turned back into render_text's lines (label, header, rows per block)."""
    grid = expand(table)
    labels = max(b.row_depth for b in spec_table.blocks) if spec_table.row_labels else 0
    lines: list[str] = []
    r = 0
    for block in spec_table.blocks:
        if block.label:
            assert set(grid[r]) == {block.label}, grid[r]  # one cell across the whole width
            lines.append(grid[r][0])
            r += 1
        head = grid[r : r + block.header_depth]
        n = len(block.columns)
        columns = [" ".join(dedupe([h[labels + j] for h in head])) for j in range(n)]
        if labels:
            assert head[0][0] == (spec_table.corner or spec_table.row_header or "")
            lines.append("\t".join([spec_table.row_header or "", *columns]))
        else:
            lines.append("\t".join(columns))
        r += block.header_depth
        for _ in block.rows:
            row = grid[r]
            values = row[labels : labels + n]
            lines.append("\t".join([" ".join(dedupe(row[:labels])), *values] if labels else values))
            r += 1
    assert r == len(grid)
    return lines


def contains(lines: list[str], part: list[str]) -> bool:
    return any(lines[i : i + len(part)] == part for i in range(len(lines) - len(part) + 1))


@pytest.fixture
def seed_report(seed_store: Store) -> YearReport:
    return seed_store.load_year(SEED, 2018)


@pytest.fixture
def seed_doc(seed_report: YearReport) -> Document:
    return build_document(seed_report)


# ---------------------------------------------------------------------------------------------
# text


def test_seed_paragraphs_are_render_text_line_by_line(seed_doc: Document) -> None:
    paragraphs = texts(read(render_docx(seed_doc)))
    lines = render_text(seed_doc).rstrip("\n").split("\n")
    assert paragraphs[: len(lines)] == lines
    assert paragraphs[len(lines) :] == ["", "微山县驩城镇人民政府", DATE_LINE]


def test_seed_has_no_tables(seed_doc: Document) -> None:
    assert read(render_docx(seed_doc)).tables == []


def test_signature_is_right_aligned(seed_doc: Document) -> None:
    name, date = read(render_docx(seed_doc)).paragraphs[-2:]
    assert (name.text, date.text) == ("微山县驩城镇人民政府", "    年  月  日")
    for p in (name, date):
        assert p.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_run_in_heading_is_bold_at_paragraph_start(seed_doc: Document) -> None:
    paragraph = next(p for p in read(render_docx(seed_doc)).paragraphs if p.text.startswith("（一）主动公开情况。"))
    lead, body = paragraph.runs[0], paragraph.runs[1]
    assert (lead.text, lead.bold) == ("（一）主动公开情况。", True)
    assert body.text.startswith("按照信息公开要求") and not body.bold


def test_headings_use_heading_styles(seed_doc: Document) -> None:
    by_text = {p.text: p.style.name for p in read(render_docx(seed_doc)).paragraphs}
    assert by_text["一、政府信息公开情况"] == "Heading 1"
    assert by_text["（二）依申请公开情况"] == "Heading 2"
    assert by_text[seed_doc.title] == "Title"


def test_prose_markup_is_literal_text(gov2021: YearReport) -> None:
    gov2021.prose["problems"] = "<script>alert('x')</script> &amp; <b>粗</b>\x0b下一行\x00\x1f"
    data = render_docx(build_document(gov2021))
    assert "<script>alert('x')</script> &amp; <b>粗</b> 下一行" in texts(read(data))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "&lt;script&gt;alert('x')&lt;/script&gt; &amp;amp; &lt;b&gt;" in xml
    assert "<script>" not in xml and "<b>" not in xml


def test_control_characters_anywhere_cannot_break_the_file(gov2021: YearReport) -> None:
    gov2021.prose["other"] = "费用\x0c情况\x07\ufffe\x85"
    data = render_docx(build_document(gov2021))
    assert "费用 情况" in texts(read(data))


def test_xml_text_keeps_tabs_newlines_and_chinese() -> None:
    assert xml_text("甲\t乙\n丙\x0b丁\x0c戊\x00\x1b\x7f\x9f\ud800\uffff") == "甲\t乙\n丙 丁 戊"


# ---------------------------------------------------------------------------------------------
# tables


@pytest.mark.parametrize("edition_fixture", ["gov2021", "gov2019"])
def test_tables_print_what_render_text_prints(edition_fixture: str, request: pytest.FixtureRequest) -> None:
    report: YearReport = request.getfixturevalue(edition_fixture)
    doc = build_document(report)
    word = read(render_docx(doc))
    blocks = [b for b in doc.blocks if isinstance(b, TableBlock)]
    assert len(word.tables) == len(blocks) == len(report.spec.tables) == 3
    lines = render_text(doc).split("\n")
    for table, block in zip(word.tables, blocks, strict=True):
        assert contains(lines, as_text_lines(table, block.table)), block.caption


def test_applications_header_merges(gov2021: YearReport) -> None:
    table = read(render_docx(build_document(gov2021))).tables[1]
    rows = table._tbl.tr_lst

    def cells(i: int) -> list[tuple[str, int, str | None]]:
        return [(tc_text(tc), tc.grid_span, tc.vMerge) for tc in rows[i].tc_lst]

    corner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert cells(0) == [(corner, 3, "restart"), ("申请人情况", 7, None)]
    assert cells(1) == [("", 3, "continue"), ("自然人", 1, "restart"), ("法人或其他组织", 5, None), ("总计", 1, "restart")]
    leaves = [(x, 1, None) for x in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")]
    assert cells(2) == [("", 3, "continue"), ("", 1, "continue"), *leaves, ("", 1, "continue")]
    # 三、本年度办理结果 runs down beside its outcomes; a row of its own fills the label columns
    assert cells(3)[0] == ("一、本年新收政府信息公开申请数量", 3, None)
    assert cells(5)[:2] == [("三、本年度办理结果", 1, "restart"), ("（一）予以公开", 2, None)]
    assert cells(7)[:3] == [("", 1, "continue"), ("（三）不予公开", 1, "restart"), ("1.属于国家秘密", 1, None)]


def test_header_rows_repeat_on_each_page(gov2021: YearReport) -> None:
    word = read(render_docx(build_document(gov2021)))
    proactive, applications, review = word.tables

    def repeating(table) -> list[bool]:
        return [tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None for tr in table._tbl.tr_lst]

    assert repeating(applications) == [True] * 3 + [False] * (len(applications.rows) - 3)
    assert repeating(review) == [True, True, True, False]
    # table 二's blocks each carry their own header: none can repeat, the table keeps together
    assert not any(repeating(proactive))
    for tr in (*proactive._tbl.tr_lst, *applications._tbl.tr_lst):
        assert tr.trPr.find(qn("w:cantSplit")) is not None


def test_proactive_blocks_have_label_and_header_rows(gov2021: YearReport) -> None:
    table = read(render_docx(build_document(gov2021))).tables[0]
    grid = expand(table)
    width = len(table.columns)
    label_rows = [row[0] for row in grid if row.count(row[0]) == width]
    assert label_rows == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    assert [row[0] for row in grid].count("信息内容") == 4  # every block prints its own header
    assert grid[grid.index(next(r for r in grid if r[0] == "行政许可"))] == ["行政许可", "120", "120", "120"]


def test_review_table_has_no_row_labels(gov2021: YearReport) -> None:
    table = read(render_docx(build_document(gov2021))).tables[2]
    grid = expand(table)
    assert len(grid[-1]) == 15 and all(cell.isdigit() for cell in grid[-1])
    assert grid[0][:6] == ["行政复议"] * 5 + ["行政诉讼"]


def test_tables_have_borders_fixed_grid_and_caption(gov2021: YearReport) -> None:
    word = read(render_docx(build_document(gov2021)))
    for table, caption in zip(
        word.tables, ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"], strict=True
    ):
        tbl_pr = table._tbl.tblPr
        borders = tbl_pr.find(qn("w:tblBorders"))
        assert {b.tag.split("}")[1]: b.get(qn("w:val")) for b in borders} == dict.fromkeys(("top", "left", "bottom", "right", "insideH", "insideV"), "single")
        assert tbl_pr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        assert tbl_pr.find(qn("w:tblCaption")).get(qn("w:val")) == caption
        total = sum(int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol")))
        assert abs(Mm(156) - total * 635) < Mm(1)  # the 156 mm type area


# ---------------------------------------------------------------------------------------------
# page, fonts, header and footer


def test_a4_page_with_official_margins(seed_doc: Document) -> None:
    section = read(render_docx(seed_doc)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]


def test_page_number_field_in_both_footers(seed_doc: Document) -> None:
    word = read(render_docx(seed_doc))
    assert word.settings.odd_and_even_pages_header_footer
    section = word.sections[0]
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in "".join(i.text for i in footer._element.iter(qn("w:instrText")))
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert footer.paragraphs[0].text == "— 1 —"
    assert section.footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert section.even_page_footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT


def _east_asian(style) -> str | None:
    rfonts = style.element.rPr.find(qn("w:rFonts"))
    assert not any("Theme" in a for a in rfonts.attrib), rfonts.attrib  # theme fonts would win
    return rfonts.get(qn("w:eastAsia"))


def test_official_faces_by_east_asian_name(seed_doc: Document) -> None:
    styles = read(render_docx(seed_doc)).styles
    assert _east_asian(styles["Title"]) == "方正小标宋简体"
    assert _east_asian(styles["Normal"]) == "仿宋_GB2312"
    assert _east_asian(styles["报告正文"]) == "仿宋_GB2312"
    assert _east_asian(styles["Heading 1"]) == "黑体"
    assert _east_asian(styles["Heading 2"]) == "楷体_GB2312"
    assert styles["Title"].font.size.pt == 22
    assert styles["报告正文"].font.size.pt == 16
    body = styles["报告正文"].element.pPr.find(qn("w:ind"))
    assert body.get(qn("w:firstLineChars")) == "200"
    assert styles["Title"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_font_table_names_substitutes(seed_doc: Document) -> None:
    xml = zipfile.ZipFile(io.BytesIO(render_docx(seed_doc))).read("word/fontTable.xml").decode()
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/>' in xml


# ---------------------------------------------------------------------------------------------
# draft


def test_draft_has_mark_and_findings_appendix(chain: dict[int, YearReport]) -> None:
    report = chain[2022]
    report.cells["applications.new.natural"] = 99  # breaks the balance: an error to list
    findings = validate(report, chain[2021])
    assert findings
    word = read(render_docx(build_document(report, draft=True, findings=findings)))
    section = word.sections[0]
    assert DRAFT_MARK in section.header.paragraphs[0].text
    assert DRAFT_MARK in section.even_page_header.paragraphs[0].text
    paragraphs = texts(word)
    start = paragraphs.index(APPENDIX_TITLE)
    assert start > paragraphs.index(DATE_LINE)  # after the signature, on a page of its own
    assert word.paragraphs[start].paragraph_format.page_break_before
    listed = paragraphs[start + 2 :]
    assert listed == [f"{i}. {f.describe()}" for i, f in enumerate(findings, start=1)]


def test_draft_without_findings_says_so(seed_doc: Document, seed_report: YearReport) -> None:
    paragraphs = texts(read(render_docx(build_document(seed_report, draft=True))))
    assert paragraphs[-1] == "校验未发现问题。"


def test_final_report_has_no_draft_mark(seed_doc: Document) -> None:
    word = read(render_docx(seed_doc))
    assert "草稿" not in "".join(p.text for p in word.sections[0].header.paragraphs)
    assert APPENDIX_TITLE not in texts(word)


# ---------------------------------------------------------------------------------------------
# charts, properties, determinism


def test_charts_are_pictures_with_alt_text_and_captions(chain: dict[int, YearReport]) -> None:
    doc = build_document(chain[2022])
    charts = make_charts(doc, list(chain.values()), ALL_CHARTS)
    assert [c.id for c in charts] == ["outcomes", "trend"]
    word = read(render_docx(doc, charts))
    assert len(word.inline_shapes) == 2
    described = {s._inline.docPr.get("descr") for s in word.inline_shapes}
    assert described == {c.alt for c in charts}
    paragraphs = texts(word)
    # the trend illustrates 一、总体情况, the outcomes table 三: numbered in reading order
    assert paragraphs.index(f"图1　{charts[1].title}") < paragraphs.index("二、主动公开政府信息情况")
    assert paragraphs.index(f"图2　{charts[0].title}") > paragraphs.index("三、收到和处理政府信息公开申请情况")
    assert paragraphs.index(f"图2　{charts[0].title}") < paragraphs.index("四、政府信息公开行政复议、行政诉讼情况")


def test_same_report_gives_same_bytes(gov2021: YearReport) -> None:
    doc = build_document(gov2021)
    assert render_docx(doc) == render_docx(doc)


def test_properties(gov2021: YearReport) -> None:
    doc = build_document(gov2021)
    props = read(render_docx(doc)).core_properties
    assert (props.title, props.author, props.language) == (doc.title, "示例县甲镇人民政府", "zh-CN")
    assert props.created is None
    when = datetime(2022, 1, 20, 9, 0, tzinfo=UTC)
    assert read(render_docx(doc, created=when)).core_properties.created == when


# ---------------------------------------------------------------------------------------------
# paper: no template leftovers, 28 characters a line, tables on one page


def test_no_leftovers_of_python_docx_template(gov2021: YearReport) -> None:
    """The template python-docx starts from is Word 2010 for Mac set up for Japanese."""
    data = render_docx(build_document(gov2021))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {name: z.read(name).decode("utf-8", "replace") for name in z.namelist() if name.endswith(".xml")}
    for name, text in parts.items():
        for leftover in ("Macintosh", "Normal.dotm", "ja-JP", "ＭＳ 明朝", "ＭＳ ゴシック", 'script="Jpan"', "Calibri", "Cambria\""):
            assert leftover not in text, (name, leftover)
    assert "<Application>kit</Application>" in parts["docProps/app.xml"]
    assert 'w:eastAsia="zh-CN"' in parts["word/settings.xml"]
    for face in ("仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312"):  # the official faces stay named
        assert f'w:name="{face}"' in parts["word/fontTable.xml"], face


def test_body_text_is_condensed_to_28_characters_and_latin_may_break_inside_words(gov2021: YearReport) -> None:
    word = read(render_docx(build_document(gov2021)))
    for style_id in ("ReportBody", "Normal", "Heading1", "Heading2", "ReportSignature"):
        style = next(s for s in word.styles if s.style_id == style_id)
        spacing = style.element.rPr.find(qn("w:spacing"))
        assert spacing is not None and spacing.get(qn("w:val")) == "-5", style_id  # 16pt − 0.25pt: 28 × 15.75pt ≤ 156 mm
        assert style.element.pPr.find(qn("w:wordWrap")).get(qn("w:val")) == "0", style_id
    table_text = next(s for s in word.styles if s.style_id == "ReportTableText")
    assert table_text.element.rPr.find(qn("w:spacing")) is None


def test_every_table_keeps_on_one_page(gov2021: YearReport, gov2019: YearReport) -> None:
    for report in (gov2021, gov2019):
        for table in read(render_docx(build_document(report))).tables:
            rows = table._tbl.tr_lst
            for tr in rows[:-1]:
                assert all(p.find(qn("w:pPr")).find(qn("w:keepNext")) is not None for p in tr.iter(qn("w:p"))), report.year
