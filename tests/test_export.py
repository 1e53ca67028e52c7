"""The report page (kit.render.html), its PDF (WeasyPrint), the nbconvert template and the notebook
as committed: all without a kernel. tests/test_build.py runs real kernels."""

from __future__ import annotations

import base64
import datetime as dt
import json
import subprocess
import sys
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import nbformat
import pytest
from conftest import full_report, make_body
from html_page import Node, parse, report_text, table_grid

from kit.document import Document, Heading, Paragraph, build_document
from kit.errors import KitError, UsageError
from kit.figures import resolve_cells
from kit.findings import Severity
from kit.render.html import DATE_LINE, render_html
from kit.report import YearReport
from kit.spec import load_spec
from kit.store import Store
from kit.validation import validate
from kit.values import format_figure

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
A4 = (595.28, 841.89)  # points


@pytest.fixture
def report2021(builder, town) -> YearReport:
    return builder.year(town, 2021)


def page_of(report: YearReport, **kw) -> Node:
    findings = validate(report)
    return parse(render_html(build_document(report, draft=kw.pop("draft", False), findings=findings), **kw))


def table(page: Node, table_id: str) -> Node:
    return page.find("table", id=f"table-{table_id}")


def cells(node: Node) -> list[Node]:
    return [c for c in node.children if isinstance(c, Node) and c.tag in ("th", "td")]


# ---------------------------------------------------------------------------------------------
# the page


def test_page_is_complete_self_contained_and_lean(report2021: YearReport) -> None:
    html = render_html(build_document(report2021))
    page = parse(html)
    assert page.attrs["doctype"].lower() == "doctype html"
    assert page.find("html").attrs["lang"] == "zh-CN"
    assert page.find("meta", name="author").attrs["content"] == "示例县甲镇人民政府"
    assert page.find("meta").attrs == {"charset": "utf-8"}
    assert page.find("title").text() == "示例县甲镇人民政府2021年政府信息公开工作年度报告"
    assert page.find("h1").text() == page.find("title").text()
    assert "<script" not in html.lower() and "javascript:" not in html.lower()
    # offline: nothing is loaded from anywhere (no src/href at all without charts)
    assert not [n for n in page.iter() if "src" in n.attrs or "href" in n.attrs]
    assert "@import" not in html and "url(" not in html
    assert len(html.encode("utf-8")) < 50_000


def test_print_css_names_a4_page_numbers_repeated_headers_and_fonts(report2021: YearReport) -> None:
    css = parse(render_html(build_document(report2021))).find("style").text()
    assert "size: A4" in css
    assert "counter(page)" in css
    assert "thead { display: table-header-group; }" in css
    assert '"Noto Serif CJK SC"' in css and '"仿宋_GB2312"' in css and '"方正小标宋简体"' in css


def test_sections_in_order_with_the_canonical_titles(report2021: YearReport) -> None:
    page = page_of(report2021)
    assert [h.text() for h in page.find_all("h2")] == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]
    assert [h.text() for h in page.find_all("h3")] == ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障"]
    opening = page.find("p", class_="opening").text()
    assert "国办公开办函〔2021〕30号" in opening and "2021年1月1日起至2021年12月31日止" in opening


def test_every_table_is_labelled_and_every_header_has_a_scope(report2021: YearReport) -> None:
    """A caption that would repeat the heading above it is not written (a CMS that strips the
    stylesheet would show a hidden one as a second title): the heading labels the table."""
    page = page_of(report2021)
    tables = page.find_all("table")
    assert [t.attrs["id"] for t in tables] == ["table-proactive", "table-applications", "table-review_litigation"]
    headings = {h.attrs["id"]: h.text() for h in page.iter() if h.tag in ("h2", "h3") and "id" in h.attrs}
    for t in tables:
        assert not t.find_all("caption")
        assert headings[t.attrs["aria-labelledby"]] == {
            "table-proactive": "二、主动公开政府信息情况",
            "table-applications": "三、收到和处理政府信息公开申请情况",
            "table-review_litigation": "四、政府信息公开行政复议、行政诉讼情况",
        }[t.attrs["id"]]
        for th in t.iter("th"):
            assert th.attrs.get("scope") in ("col", "row", "colgroup", "rowgroup"), th.text()
        table_grid(t)  # spans tile the grid: no overlap, no hole, no ragged row


def test_table_three_header_is_merged_as_printed(report2021: YearReport) -> None:
    t = table(page_of(report2021), "applications")
    head = [cells(tr) for tr in t.find("thead").iter("tr")]
    assert len(head) == 3
    corner, applicants = head[0]
    assert corner.text() == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert (corner.attrs["rowspan"], corner.attrs["colspan"]) == ("3", "3")
    assert (applicants.text(), applicants.attrs["colspan"], applicants.attrs["scope"]) == ("申请人情况", "7", "colgroup")
    assert [(c.text(), c.attrs.get("rowspan"), c.attrs.get("colspan"), c.attrs["scope"]) for c in head[1]] == [
        ("自然人", "2", None, "col"),
        ("法人或其他组织", None, "5", "colgroup"),
        ("总计", "2", None, "col"),
    ]
    assert [c.text() for c in head[2]] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert all(c.attrs["scope"] == "col" for c in head[2])


def test_table_three_row_headers_span_down_and_right(report2021: YearReport) -> None:
    t = table(page_of(report2021), "applications")
    grid = table_grid(t)
    body = grid[3:]
    assert len(body) == 25 and len(grid[0]) == 3 + 7
    first = body[0][0]
    assert (first.text(), first.attrs["colspan"], first.attrs["scope"]) == ("一、本年新收政府信息公开申请数量", "3", "row")
    outcome = body[2][0]
    assert (outcome.text(), outcome.attrs["rowspan"], outcome.attrs["scope"]) == ("三、本年度办理结果", "22", "rowgroup")
    assert body[2][1].text() == "（一）予以公开" and body[2][1].attrs["colspan"] == "2"
    withheld = body[4][1]
    assert (withheld.text(), withheld.attrs["rowspan"]) == ("（三）不予公开", "8")
    assert body[4][2].text() == "1.属于国家秘密"
    assert body[-1][0].text() == "四、结转下年度继续办理" and body[-1][0].attrs["colspan"] == "3"


def test_table_three_values_are_the_documents_including_computed_totals(report2021: YearReport) -> None:
    values = resolve_cells(report2021.spec, report2021)
    block = report2021.spec.table("applications").blocks[0]
    grid = table_grid(table(page_of(report2021), "applications"))
    for row, line in zip(block.rows, grid[3:], strict=True):
        printed = [int(c.text()) for c in line[3:]]
        assert printed == [values[f"applications.{row.id}.{c.id}"] for c in block.columns], row.label
        assert printed[-1] == sum(printed[:-1])  # 总计 = the six applicant columns, computed by the kit
    assert any(int(c.text()) for c in grid[3][3:])  # the sample is not all zeros


def test_table_four_has_no_row_labels_and_merged_groups(report2021: YearReport) -> None:
    t = table(page_of(report2021), "review_litigation")
    grid = table_grid(t)
    assert len(grid[0]) == 15 and len(grid) == 4
    assert not t.find("tbody").find_all("th")
    tops = [(c.text(), c.attrs.get("colspan")) for c in cells(next(t.find("thead").iter("tr")))]
    assert tops == [("行政复议", "5"), ("行政诉讼", "10")]
    assert [c.text() for c in dict.fromkeys(grid[1][5:])] == ["未经复议直接起诉", "复议后起诉"]
    assert [c.text() for c in grid[2]] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3
    assert all(c.attrs["scope"] == "col" for c in grid[2])
    values = resolve_cells(report2021.spec, report2021)
    columns = report2021.spec.table("review_litigation").blocks[0].columns
    printed = [int(c.text()) for c in grid[3]]
    assert printed == [values[f"review_litigation.cases.{c.id}"] for c in columns]
    for group in range(3):  # each group's 总计 = its four results
        assert printed[group * 5 + 4] == sum(printed[group * 5 : group * 5 + 4])


def test_table_two_blocks_each_with_label_and_header_row(report2021: YearReport) -> None:
    t = table(page_of(report2021), "proactive")
    bodies = t.find_all("tbody")
    assert len(bodies) == 4
    labels = []
    for tbody in bodies:
        rows = list(tbody.iter("tr"))
        label = cells(rows[0])[0]
        assert label.attrs["scope"] == "rowgroup" and label.attrs["colspan"] == "4"
        labels.append(label.text())
        header = cells(rows[1])
        assert header[0].text() == "信息内容" and header[0].attrs["scope"] == "col"
    assert labels == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    money = cells(list(bodies[3].iter("tr"))[1])[1]
    assert money.text() == "本年收费金额（单位：万元）" and money.attrs["colspan"] == "3"
    fee = report2021.cells["proactive.fees.amount"]
    assert [c.text() for c in cells(list(bodies[3].iter("tr"))[2])] == ["行政事业性收费", format_figure(fee)]


def test_user_text_is_escaped_everywhere(builder) -> None:
    body = builder.body(name="乙镇", full_name="乙镇<b>人民政府</b>")
    hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    report = builder.year(body, 2021, prose={"problems": hostile})
    html = render_html(build_document(report))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    page = parse(html)
    assert hostile in [p.text() for p in page.find_all("p")]
    assert page.find("title").text() == page.find("h1").text() == "乙镇<b>人民政府</b>2021年政府信息公开工作年度报告"
    assert page.find("p", class_="signer").text() == "乙镇<b>人民政府</b>"


def test_final_report_has_signature_and_blank_date_line_and_no_draft_mark(report2021: YearReport) -> None:
    page = page_of(report2021)
    signature = page.find("div", class_="signature")
    assert [p.text() for p in signature.iter("p")] == ["示例县甲镇人民政府", DATE_LINE]
    assert "草稿" not in page.find("article").text()
    assert not page.find_all("section", class_="draft-appendix")


def test_signature_date_when_the_report_has_one(report2021: YearReport) -> None:
    page = page_of(report2021, date=dt.date(2022, 1, 20))
    assert page.find("p", class_="date").text() == "2022年1月20日"


def test_draft_is_marked_and_lists_open_findings(builder, town) -> None:
    report = builder.year(town, 2021, cells={"applications.new.natural": 9})
    findings = validate(report)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert errors
    page = parse(render_html(build_document(report, draft=True, findings=findings)))
    assert page.find("div", class_="draft-mark").text() == "草稿"
    assert "草稿" in page.find("p", class_="draft-banner").text()
    appendix = page.find("section", class_="draft-appendix")
    items = [li.text() for li in appendix.iter("li")]
    assert len(items) == len([f for f in findings if not f.acknowledged])
    assert items[0].startswith("[错误]") and errors[0].message in items[0]


def test_draft_without_findings_says_so(report2021: YearReport) -> None:
    page = parse(render_html(build_document(report2021, draft=True, findings=[])))
    assert "校验未发现问题" in page.find("section", class_="draft-appendix").text()


def test_blank_cells_of_a_draft_stay_blank(builder, town) -> None:
    report = builder.year(town, 2021, cells={"applications.new.research": None})
    grid = table_grid(table(page_of(report, draft=True), "applications"))
    new = grid[3]
    assert new[5].text() == "" and "blank" in new[5].classes
    assert new[-1].text() == ""  # a total of a blank part is unknown, not a guess


@dataclass(frozen=True)
class FakeChart:
    title: str
    png: bytes
    alt: str
    section: str | None


def test_charts_are_embedded_as_data_uris_after_their_section(report2021: YearReport) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
    charts = [FakeChart("申请办理结果", png, "条形图：予以公开 2 件 <全部>", "applications"), FakeChart("趋势", png, "柱状图", None)]
    html = render_html(build_document(report2021), charts)
    page = parse(html)
    figures = page.find_all("figure")
    assert [f.find("figcaption").text() for f in figures] == ["图1　申请办理结果", "图2　趋势"]
    img = figures[0].find("img")
    assert img.attrs["alt"] == "条形图：予以公开 2 件 <全部>"
    assert img.attrs["src"] == "data:image/png;base64," + base64.b64encode(png).decode()
    top = [n for n in page.find("article").children if isinstance(n, Node)]
    order = [m.tag if m.tag != "h2" else m.text() for n in top for m in ([n] if n.attrs.get("class") != "heading-and-table" else n.children) if isinstance(m, Node)]
    after_table_three = order.index("四、政府信息公开行政复议、行政诉讼情况") - 1
    assert order[after_table_three] == "figure"
    assert order[-2] == "figure" and order[-1] == "div"  # a chart of no section goes before the signature


def test_seed_page_text_is_the_seed(seed_store: Store) -> None:
    from test_seed import SEED, seed_lines

    from kit.report import BodyRef

    report = seed_store.load_year(BodyRef.parse("微山县/驩城镇"), 2018)
    text = report_text(parse(render_html(build_document(report))))
    expected = [line for line in seed_lines(SEED.read_text(encoding="utf-8")) if line]
    assert [line for line in seed_lines(text) if line] == expected


# ---------------------------------------------------------------------------------------------
# PDF (real WeasyPrint renders are marked slow, as pyproject's marker defines it)


@pytest.fixture(scope="module")
def pdf_2021(tmp_path_factory) -> tuple[bytes, Document]:
    from kit.build.export import html_pdf

    store = Store(tmp_path_factory.mktemp("parameters"))
    body = make_body()
    store.save_body(body, None)
    store.save_year(full_report(body, 2021))
    doc = build_document(store.load_year(body.ref, 2021))
    return html_pdf(render_html(doc)), doc


def test_shared_styles_moves_each_inline_style_into_one_rule() -> None:
    """kit.build.export.shared_styles (what the PDF is rendered from): one rule per distinct style,
    !important, the head's own stylesheet untouched; values it cannot split safely stay inline."""
    from kit.build.export import STYLE_KEY, shared_styles

    page = (
        '<html><head><style>td { color: red }</style></head><body>'
        '<td style="border:1px solid #000;padding:2pt">1</td><td style="border:1px solid #000;padding:2pt">2</td>'
        '<p style="width: 6.67%">x</p><p style="background: url(a.png)">y</p></body></html>'
    )
    out = shared_styles(page)
    assert out.count(f' {STYLE_KEY}="s0"') == 2 and out.count(f' {STYLE_KEY}="s1"') == 1
    assert '[data-kit-style="s0"]{border:1px solid #000 !important;padding:2pt !important}' in out
    assert '<style>td { color: red }</style>' in out and 'style="background: url(a.png)"' in out
    assert shared_styles("<p style=\"color: red\">no head</p>") == "<p style=\"color: red\">no head</p>"


@pytest.mark.slow
def test_the_pdf_of_shared_styles_is_the_pdf_of_the_page_to_the_byte(pdf_2021) -> None:
    """The PDF is rendered from shared_styles(page) because it is ≈27 % cheaper; it must be the
    very PDF WeasyPrint makes of the page as it is (tables, borders, column widths and all)."""
    import weasyprint

    from kit.build.export import TEMPLATES

    data, doc = pdf_2021
    page = render_html(doc)
    assert page.count(' style="') > 100  # the tables carry their styles inline
    assert weasyprint.HTML(string=page, base_url=str(TEMPLATES)).write_pdf(pdf_tags=True) == data


@pytest.mark.slow
def test_pdfs_rendered_one_after_another_are_each_the_pdf_of_a_fresh_render(pdf_2021, tmp_path) -> None:
    """html_pdf keeps one FontConfiguration per thread for every PDF it renders (≈10 % less
    CPU); a PDF must not depend on what was rendered before it: each is the very PDF a fresh
    WeasyPrint render (a FontConfiguration of its own) makes of the same page."""
    import weasyprint

    from kit.build.export import TEMPLATES, font_config, html_pdf, shared_styles

    first, doc = pdf_2021
    store = Store(tmp_path / "parameters")
    body = make_body()
    store.save_body(body, None)
    store.save_year(full_report(body, 2020))
    other = render_html(build_document(store.load_year(body.ref, 2020)))
    assert font_config() is font_config()
    second = html_pdf(other)
    assert second != first
    assert second == weasyprint.HTML(string=shared_styles(other), base_url=str(TEMPLATES)).write_pdf(pdf_tags=True)
    assert html_pdf(render_html(doc)) == first


@pytest.mark.slow
def test_pdf_is_a4_with_embedded_subset_cjk_fonts_and_no_type3(pdf_2021) -> None:
    from pypdf import PdfReader

    data, _ = pdf_2021
    reader = PdfReader(BytesIO(data))
    assert len(reader.pages) >= 3
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.5)
    fonts = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for name, font in fonts.items():
        assert font["/Subtype"] != "/Type3", name
        descendant = font["/DescendantFonts"][0].get_object() if font["/Subtype"] == "/Type0" else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), f"{name} is not embedded"
        assert name[7:8] == "+", f"{name} is not a subset"
    assert any("CJK" in name for name in fonts)


@pytest.mark.slow
def test_pdf_text_has_title_labels_and_figures(pdf_2021) -> None:
    from pypdf import PdfReader

    data, doc = pdf_2021
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(BytesIO(data)).pages)
    assert doc.title == "示例县甲镇人民政府2021年政府信息公开工作年度报告" and doc.title in text
    spec = load_spec("gov2021")
    for t in spec.tables:
        for b in t.blocks:
            for label in [b.label or "", *(r.label for r in b.rows if t.row_labels), *(c.label for c in b.columns)]:
                short = label[:4]  # a label may wrap inside its cell; its first characters stay together
                assert short in text, label
    for block in doc.blocks:
        if isinstance(block, Heading):
            assert block.text in text
        elif isinstance(block, Paragraph):
            assert "".join(block.text.split())[:12] in text  # a paragraph may break across pages
    quoted = f"{doc.report.figures['proactive_total']}条"  # a figure quoted in prose, from the data
    assert any(quoted in b.text for b in doc.blocks if isinstance(b, Paragraph)) and quoted in text
    assert "—1—" in text  # page number


def test_missing_fonts_refuse_pdf_with_the_remedy(monkeypatch) -> None:
    from kit.build import prerequisites
    from kit.build.export import html_pdf

    monkeypatch.setattr(prerequisites, "cjk_font_families", lambda: ())
    with pytest.raises(KitError) as err:
        html_pdf("<html lang='zh'><body>报告</body></html>")
    assert "apt-get install fonts-noto-cjk" in str(err.value) and "中文字体" in str(err.value)


def test_missing_weasyprint_refuses_pdf_with_the_remedy(monkeypatch) -> None:
    from kit.build.export import html_pdf

    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(KitError) as err:
        html_pdf("<html lang='zh'><body>报告</body></html>")
    assert "pip install weasyprint" in str(err.value)


def test_doctor_names_each_missing_piece_and_exits_1(monkeypatch, capsys) -> None:
    from kit.build import prerequisites
    from kit.cli.main import main

    monkeypatch.setattr(prerequisites, "cjk_font_families", lambda: ())
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "✗ 中文字体" in out and "fonts-noto-cjk" in out
    assert "✗ PDF 引擎（WeasyPrint）" in out and "pip install weasyprint" in out
    assert "Jupyter 内核（python3）" in out


def test_doctor_missing_kernel(monkeypatch, capsys) -> None:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    def no_kernel(self, name):
        raise NoSuchKernel(name)

    monkeypatch.setattr(KernelSpecManager, "get_kernel_spec", no_kernel)
    from kit.build.prerequisites import check_kernel

    check = check_kernel()
    assert not check.ok and "ipykernel install" in check.remedy


# ---------------------------------------------------------------------------------------------
# the nbconvert template and the notebook as committed


def executed_like(page: str) -> nbformat.NotebookNode:
    """A notebook as papermill leaves it, without running a kernel."""
    nb = nbformat.read(ROOT / "notebooks" / "annual_report.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="调试输出\n")]
    report = next(c for c in nb.cells if "report" in c.metadata.get("tags", []))
    report.outputs = [nbformat.v4.new_output("display_data", data={"text/html": page, "text/plain": "<IPython.core.display.HTML object>"})]
    return nb


def test_template_emits_the_report_page_and_nothing_else(report2021: YearReport) -> None:
    from kit.build.export import notebook_html

    page = render_html(build_document(report2021))
    html = notebook_html(executed_like(page))
    assert html.strip() == page.strip()
    lowered = html.lower()
    assert "report_notebook" not in html and "调试输出" not in html  # no code, no other output
    assert "require.js" not in lowered and "mathjax" not in lowered and "jp-" not in html


def test_template_refuses_a_notebook_without_report_output() -> None:
    from kit.build.export import notebook_html

    nb = executed_like("")
    for cell in nb.cells:
        if "report" in cell.metadata.get("tags", []):
            cell.outputs = []
    with pytest.raises(KitError, match="没有输出报告页面"):
        notebook_html(nb)


def test_template_folder_is_the_kits_own() -> None:
    folder = ROOT / "kit" / "templates" / "annual_report"
    conf = json.loads((folder / "conf.json").read_text(encoding="utf-8"))
    assert "base_template" not in conf  # extends neither lab nor classic
    assert (folder / "index.html.j2").is_file()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebooks_are_committed_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name} cell {i + 1} has outputs"
            assert cell.execution_count is None, f"{path.name} cell {i + 1} has an execution count"
        assert "papermill" not in cell.metadata and "execution" not in cell.metadata, f"{path.name} cell {i + 1} carries run metadata"
    assert "papermill" not in nb.metadata and "widgets" not in nb.metadata


def test_report_notebook_has_parameters_and_report_cells() -> None:
    nb = nbformat.read(ROOT / "notebooks" / "annual_report.ipynb", as_version=4)
    tagged = {tag: c for c in nb.cells for tag in c.metadata.get("tags", [])}
    params = tagged["parameters"].source
    for line in ('body = "微山县/驩城镇"', "year = 2018", 'parameters_root = "parameters"', "draft = False"):
        assert line in params
    assert "display(HTML(" in tagged["report"].source
    code = "".join(c.source for c in nb.cells if c.cell_type == "code")
    assert len(code.splitlines()) < 25  # thin: the logic lives in kit


def test_notebooks_are_found() -> None:
    assert ROOT / "notebooks" / "annual_report.ipynb" in NOTEBOOKS


# ---------------------------------------------------------------------------------------------
# small parts of the build


def test_formats_parse_and_refuse_unknown() -> None:
    from kit.build.report import parse_formats

    assert parse_formats("pdf,html") == ("html", "pdf")
    assert parse_formats(None) == ("html", "pdf", "docx")  # the fragment only on request
    assert parse_formats("html-fragment,html") == ("html", "html-fragment")
    with pytest.raises(UsageError, match="--to"):
        parse_formats("html,odt")


def strip_head_and_style(html: str) -> str:
    """What a CMS editor keeps of a page: <head> and every <style> go."""
    import re

    return re.sub(r"<style\b.*?</style>", "", re.sub(r"<head>.*?</head>", "", html, flags=re.DOTALL), flags=re.DOTALL)


def test_tables_keep_borders_and_alignment_without_the_stylesheet(report2021: YearReport) -> None:
    page = parse(strip_head_and_style(render_html(build_document(report2021))))
    assert not page.find_all("style") and not page.find_all("caption")
    for t in page.find_all("table"):
        assert t.attrs["border"] == "1" and "border-collapse:" in t.attrs["style"].replace(" ", "")
        for cell in [*t.iter("th"), *t.iter("td")]:
            style = cell.attrs["style"].replace(" ", "")
            assert "border:1pxsolid#000" in style, cell.text()
            assert ("text-align:left" in style) == ((cell.tag == "th" and cell.attrs.get("scope") in ("row", "rowgroup")) or "corner" in cell.attrs.get("class", ""))


def test_published_copy_links_its_charts_as_files_beside_it(report2021: YearReport) -> None:
    from kit.build.export import fragment, publishable

    png = b"\x89PNG\r\n\x1a\n" + b"\x01" * 20
    charts = [FakeChart("趋势", png, "柱状图", None), FakeChart("结果", png + b"2", "条形图", "applications")]
    html = render_html(build_document(report2021), charts)
    web, images = publishable(html, "报告")
    assert "data:" not in web
    assert sorted(images) == ["报告-图1.png", "报告-图2.png"] and sorted(images.values()) == sorted([png, png + b"2"])
    srcs = [img.attrs["src"] for img in parse(web).find_all("img")]
    assert srcs == ["%E6%8A%A5%E5%91%8A-%E5%9B%BE1.png", "%E6%8A%A5%E5%91%8A-%E5%9B%BE2.png"]  # relative, percent-encoded
    part = fragment(web)
    assert part.startswith('<article class="gov-report"') and part.rstrip().endswith("</article>")
    assert "<head" not in part and "<style" not in part and "<html" not in part and "data:" not in part
    assert parse(part).find("h1").text() == build_document(report2021).title


def test_fragment_of_a_page_without_a_report_is_refused() -> None:
    from kit.build.export import fragment

    with pytest.raises(KitError, match="片段"):
        fragment("<html><body><p>别的页面</p></body></html>")


def test_a_hostile_caption_or_alt_cannot_fake_an_embedded_image(builder, town) -> None:
    from kit.build.export import publishable

    report = builder.year(town, 2021, prose={"overview_proactive": '<img src="data:image/png;base64,AAAA"> 主动公开'})
    web, images = publishable(render_html(build_document(report)), "报告")
    assert images == {} and "&lt;img" in web and "<img src=\"data" not in web


def test_file_names_are_the_title_made_safe() -> None:
    from kit.build.export import file_stem

    assert file_stem("2018年度驩城镇政府信息公开年度报告", False) == "2018年度驩城镇政府信息公开年度报告"
    assert file_stem("甲/乙:报告", True) == "甲_乙_报告（草稿）"


def test_notebook_finds_the_projects_parameters_from_its_own_folder(tmp_path, monkeypatch) -> None:
    from kit.notebook.report import find_parameters

    (tmp_path / "parameters").mkdir()
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")  # where JupyterLab runs the notebook
    assert find_parameters("parameters") == tmp_path / "parameters"
    assert find_parameters(tmp_path / "elsewhere") == tmp_path / "elsewhere"  # absolute: as given
    assert find_parameters("missing") == Path("missing")  # not found: the store names it in its message


def test_parameters_are_passed_as_plain_python_values() -> None:
    import numpy as np

    from kit.build.execute import plain

    assert plain(np.bool_(False)) is False
    assert type(plain(np.int64(2018))) is int
    assert plain(Path("/tmp/x")) == "/tmp/x"
    with pytest.raises(TypeError):
        plain([1, 2])


def test_each_run_gets_its_own_ipc_kernel_shut_down_immediately(tmp_path, monkeypatch) -> None:
    import numpy as np
    import papermill

    from kit.build.execute import execute_report

    calls: list[dict] = []

    def fake(notebook, output, **kwargs):
        calls.append(kwargs)
        return nbformat.v4.new_notebook()

    monkeypatch.setattr(papermill, "execute_notebook", fake)
    for _ in range(2):
        execute_report({"year": np.int64(2018), "draft": np.bool_(True)}, label="x", failed_path=tmp_path / "f.ipynb")
    ips = []
    for kw in calls:
        manager = kw["config"].KernelManager
        assert manager.transport == "ipc" and Path(manager.ip).is_absolute()
        ips.append(manager.ip)
        assert kw["shutdown_kernel"] == "immediate" and kw["execution_timeout"] > 0 and kw["kernel_name"] == "python3"
        assert kw["parameters"] == {"year": 2018, "draft": True} and type(kw["parameters"]["draft"]) is bool
    assert ips[0] != ips[1]  # a unique socket path per run: parallel runs cannot collide


def test_page_rendering_imports_no_jupyter_machinery() -> None:
    code = (
        "import sys, kit.render.html, kit.notebook.report, kit.document, kit.validation\n"
        "bad = [m for m in ('papermill', 'ipywidgets', 'nbconvert', 'nbclient', 'matplotlib', 'weasyprint') if m in sys.modules]\n"
        "print(','.join(bad))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert run.stdout.strip() == ""


def test_draft_carries_year_over_year_but_published_report_keeps_the_official_sections(tmp_path) -> None:
    """A county office reviews drafts with last year's figures beside; the published report has six sections only."""
    import shutil

    from kit.notebook import report as report_notebook
    from kit.report import BodyRef
    from kit.store import Store

    root = tmp_path / "parameters"
    shutil.copytree(Path(__file__).resolve().parent.parent / "parameters" / "青禾县", root / "青禾县")
    ref = Store(root).bodies("青禾县")[0]
    years = Store(root).years(ref)
    report, findings = report_notebook.load_checked(root, str(ref), years[-1])
    final = report_notebook.page(report_notebook.document(report, findings, False), (), root)
    draft = report_notebook.page(report_notebook.document(report, findings, True), (), root)
    assert "主要数据与上年对比" not in final
    assert "主要数据与上年对比" in draft
    first, _ = report_notebook.load_checked(root, str(ref), years[0])
    assert "主要数据与上年对比" not in report_notebook.page(report_notebook.document(first, [], True), (), root)
    assert isinstance(BodyRef.parse(str(ref)), BodyRef)


def test_2019_procurement_amount_is_printed_with_its_unit(gov2019: YearReport) -> None:
    """The 2019 format prints 采购总金额 without a unit; the kit's figure is in 万元 and says so,
    in the page and in the Word file; a label that names its unit (2021's 本年收费金额（单位：万元）) is left as printed."""
    from kit.render.docx import render_docx

    headers = [th.text() for th in page_of(gov2019).find("table", id="table-proactive").iter("th")]
    assert "采购总金额（单位：万元）" in headers and "采购总金额" not in headers
    import docx as word_docx

    word = word_docx.Document(BytesIO(render_docx(build_document(gov2019))))
    assert "采购总金额（单位：万元）" in {c.text for t in word.tables for row in t.rows for c in row.cells}
    headers_2021 = [th.text() for th in page_of(full_report(make_body(), 2021)).find("table", id="table-proactive").iter("th")]
    assert "本年收费金额（单位：万元）" in headers_2021 and not any("万元）（单位" in h for h in headers_2021)


@pytest.mark.parametrize("prose", ["详见本机关网站（具体网址）。", "202020年本机关未收取费用。"])
def test_document_level_errors_refuse_the_build_unless_draft(builder, town, prose) -> None:
    from kit.errors import ValidationFailed
    from kit.notebook import report as report_notebook

    report = builder.year(town, 2021, prose={"other": prose})
    root = builder.store.root
    loaded, findings = report_notebook.load_checked(root, str(report.body.ref), 2021)
    assert any(f.is_error for f in findings)
    with pytest.raises(ValidationFailed):
        report_notebook.refuse_unless_draft(loaded, findings, draft=False)
    report_notebook.refuse_unless_draft(loaded, findings, draft=True)  # a draft is built, with them listed
