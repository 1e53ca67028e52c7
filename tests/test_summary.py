"""The county summary (汇总): submission status, key figures side by side, county totals checked
like a report, charts, the page; and the year-over-year view of one report.

Small counties are built in tmp_path (conftest.Builder); the demo county is copied into tmp_path
and changed there (a body's file removed, another's figures broken). Tests marked slow run the
notebook through papermill and make a real PDF.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from conftest import COUNTY, FIGURES, ROOT, Builder, full_report, run_kit
from html_page import parse, table_grid

from kit.cli.main import main
from kit.data.key_figures import key_figures, year_over_year, year_over_year_groups
from kit.data.summary import Status, build_summary
from kit.figures import resolve_cells
from kit.render.summary_page import render_summary, status_sentence
from kit.render.year_over_year import signed, year_over_year_html
from kit.report import BodyRef
from kit.spec import load_spec
from kit.store import Store

DEMO = ROOT / "parameters" / "青禾县"
NOTEBOOK = ROOT / "notebooks" / "county_summary.ipynb"
YEAR = 2022
A4 = (595.28, 841.89)


def ref(body: str) -> BodyRef:
    return BodyRef(COUNTY, body)


@pytest.fixture
def county(builder: Builder) -> Store:
    """For 2022: 甲镇 filed and valid (chained since 2020), 乙街道 filed with a balance error, 丙镇
    filed only 2021 (missing), 丁局 whose first report is 2023 (not due)."""
    town = builder.body()
    builder.chain(town, range(2020, 2023))
    street = builder.body(name="乙街道", level="街道")
    last = builder.year(street, 2021)
    builder.year(street, 2022, previous=last, cells={"applications.new.natural": 7})  # 7 + 1 ≠ 5 + 1
    builder.year(builder.body(name="丙镇"), 2021)
    builder.year(builder.body(name="丁局", level="县级部门"), 2023)
    return builder.store


def status_of(summary) -> dict[str, Status]:
    return {b.ref.body: b.status for b in summary.bodies}


# ---------------------------------------------------------------------------------------------
# submission status


def test_status_of_every_body(county: Store) -> None:
    summary = build_summary(county, COUNTY, YEAR)
    assert status_of(summary) == {"甲镇": Status.PASSED, "乙街道": Status.ERRORS, "丙镇": Status.MISSING, "丁局": Status.NOT_DUE}
    assert [b.ref.body for b in summary.expected] == ["丙镇", "甲镇", "乙街道"]  # levels.yaml order, then name
    missing = summary.by_status(Status.MISSING)[0]
    assert missing.note == f"尚无参数文件 {county.root.name}/{COUNTY}/丙镇/2022.yaml"
    assert summary.by_status(Status.NOT_DUE)[0].note == "首份报告为2023年，不在2022年报送范围内"
    assert status_sentence(summary) == (
        "全县应报送3个单位，已报送2个，未报送1个（示例县丙镇人民政府）。已报送的报告中，检查通过1份，有待确认提示0份，有错误1份。"
    )


def test_a_body_with_errors_has_its_counts_and_first_findings(county: Store) -> None:
    street = next(b for b in build_summary(county, COUNTY, YEAR).bodies if b.ref.body == "乙街道")
    assert len(street.errors) == 1 and street.open_warnings == []
    first = street.first_findings()
    assert [f.rule for f in first] == ["balance"]
    assert "“一、本年新收政府信息公开申请数量” 7" in first[0].message and "两者应相等" in first[0].message


def test_warnings_open_and_acknowledged(builder: Builder) -> None:
    from kit.report import BreakdownItem

    town = builder.body()
    items = [BreakdownItem(n, c) for n, c in FIGURES["proactive_breakdown"]] + [BreakdownItem("微信公众号", 30)]
    report = builder.year(town, 2021, figures={"proactive_breakdown": items})  # parts 150 > total 120: a warning
    assert status_of(build_summary(builder.store, COUNTY, 2021)) == {"甲镇": Status.WARNINGS}
    report.acknowledged["breakdown_total@figures.proactive_breakdown"] = "渠道重叠"
    builder.store.save_year(report)
    summary = build_summary(builder.store, COUNTY, 2021)
    assert status_of(summary) == {"甲镇": Status.PASSED}
    assert [f.acknowledged for f in summary.bodies[0].findings] == ["渠道重叠"]


def test_an_unreadable_file_is_filed_but_left_out_of_the_total(county: Store) -> None:
    file = county.year_file(ref("甲镇"), YEAR)
    file.write_text(file.read_text(encoding="utf-8").replace("natural: 5", "natural: 五"), encoding="utf-8")
    summary = build_summary(county, COUNTY, YEAR)
    town = next(b for b in summary.bodies if b.ref.body == "甲镇")
    assert town.status is Status.UNREADABLE and town.status.filed
    assert [f.rule for f in town.findings] == ["load"] and "五" in town.findings[0].message
    assert summary.total is not None and summary.total.included == (ref("乙街道"),)
    assert dict(summary.total.excluded) == {ref("甲镇"): "文件无法读取，未计入合计"}


def test_a_report_in_the_wrong_edition_is_left_out_of_the_total(builder: Builder) -> None:
    builder.year(builder.body(), 2022)
    builder.year(builder.body(name="乙镇"), 2022, edition="gov2019")
    summary = build_summary(builder.store, COUNTY, 2022)
    assert status_of(summary)["乙镇"] is Status.ERRORS  # edition_year
    assert summary.total is not None and summary.total.included == (ref("甲镇"),)
    assert "使用了2019年试行格式" in dict(summary.total.excluded)[ref("乙镇")]


# ---------------------------------------------------------------------------------------------
# county totals


def test_totals_equal_the_sum_of_the_bodies(county: Store) -> None:
    summary = build_summary(county, COUNTY, YEAR)
    total = summary.total
    assert total is not None and total.included == (ref("甲镇"), ref("乙街道"))
    bodies = [county.load_year(r, YEAR) for r in total.included]
    spec = load_spec("gov2021")
    for key, cell in spec.cell_index.items():
        expected = sum(resolve_cells(spec, r)[key] for r in bodies)
        assert total.values[key] == expected, key
        if not cell.computed:
            assert total.report.cells[key] == sum(r.cells[key] for r in bodies)
    for fig in spec.figures:
        if fig.kind != "breakdown":
            assert total.report.figures[fig.id] == sum(r.figures[fig.id] for r in bodies)
    by_key = {k.key: k.value for k in total.key}
    assert by_key["tables.applications.new.total"] == 8 + 10
    assert by_key["figures.proactive_total"] == 240


def test_the_total_is_checked_against_the_rules(county: Store) -> None:
    total = build_summary(county, COUNTY, YEAR).total
    assert total is not None
    assert [f.rule for f in total.findings] == ["balance"]  # 乙街道's error shows in the sum
    assert "“一、本年新收政府信息公开申请数量” 12" in total.findings[0].message
    assert not any(f.key and f.key.startswith("prose.") for f in total.findings)  # a total has no prose to check


def test_a_valid_county_has_a_valid_total_checked_against_last_years(builder: Builder) -> None:
    for name in ("甲镇", "乙镇"):
        builder.chain(builder.body(name=name), range(2020, 2023))
    total = build_summary(builder.store, COUNTY, 2022).total
    assert total is not None and total.findings == () and total.previous is not None and total.previous_note is None
    assert total.previous.year == 2021
    # 上年结转 of the total = 结转下年度 of last year's total (rule 4, across years)
    assert total.values["applications.carried.total"] == resolve_cells(total.previous.spec, total.previous)["applications.carry_forward.total"]


def test_the_total_catches_a_carry_over_break_against_last_years_total(builder: Builder) -> None:
    town = builder.body()
    years = builder.chain(town, range(2020, 2022))
    builder.year(town, 2022, previous=years[2021], cells={"applications.carried.natural": 3, "applications.carry_forward.natural": 3})
    total = build_summary(builder.store, COUNTY, 2022).total
    assert total is not None
    assert "carry_over" in {f.rule for f in total.findings}


def test_a_blank_in_one_body_leaves_the_total_blank_and_names_the_body(builder: Builder) -> None:
    builder.year(builder.body(), 2021)
    builder.year(builder.body(name="乙镇"), 2021, cells={"review_litigation.cases.review_upheld": None})
    total = build_summary(builder.store, COUNTY, 2021).total
    assert total is not None
    assert total.report.cells["review_litigation.cases.review_upheld"] is None
    assert total.values["review_litigation.cases.review_total"] is None
    assert total.blanks == {"tables.review_litigation.cases.review_upheld": ("乙镇",)}
    blank = [f for f in total.findings if f.rule == "blank"]
    assert [f.message for f in blank] == ["无法合计：乙镇未填写此项"]


def test_no_readable_report_means_no_total(builder: Builder) -> None:
    builder.body()
    summary = build_summary(builder.store, COUNTY, 2022)
    assert summary.total is None and status_of(summary) == {"甲镇": Status.MISSING}


def test_an_unknown_county_is_refused(county: Store) -> None:
    from kit.errors import PathError

    with pytest.raises(PathError, match="没有 “某县” 的报告主体；现有：示例县"):
        build_summary(county, "某县", YEAR)


# ---------------------------------------------------------------------------------------------
# key figures and the year-over-year view


def test_key_figures_take_their_labels_from_the_spec(chain) -> None:
    report = chain[2022]
    figures = {k.key: k for k in key_figures(report)}
    spec = report.spec
    table = spec.table("applications")
    assert figures["tables.applications.new.total"].label == table.row("new").printed
    withheld = figures["outcome:（三）不予公开"]
    assert withheld.label == "三、本年度办理结果 （三）不予公开"
    assert withheld.value == sum(resolve_cells(spec, report)[p] for p in withheld.parts) == 1
    assert len(withheld.parts) == 8
    assert figures["outcome:（二）部分公开（区分处理的，只计这一情形，不计其他情形）"].short == "（二）部分公开"
    assert figures["tables.review_litigation.cases.direct_total"].label == "行政诉讼 未经复议直接起诉 总计"
    assert figures["figures.fee_collected"].label == "实际收取信息处理费总金额（元）"
    assert figures["outcome:（七）总计"].value == resolve_cells(spec, report)["applications.outcome_total.total"]


def test_year_over_year_compares_key_figures(builder: Builder) -> None:
    town = builder.body()
    last = builder.year(town, 2021)
    this = builder.year(town, 2022, previous=last, cells={"applications.new.natural": 8, "applications.disclosed.natural": 5}, figures={"proactive_total": 100})
    changes = {c.label: c for c in year_over_year(this, last)}
    assert changes["本年主动公开政府信息总数"] == (("本年主动公开政府信息总数", 120, 100, -20))
    assert changes["一、本年新收政府信息公开申请数量"][1:] == (8, 11, 3)
    assert changes["三、本年度办理结果 （一）予以公开"][1:] == (4, 7, 3)
    assert changes["行政复议 总计"][1:] == (1, 1, 0)
    for label, last_value, this_value, change in year_over_year(this, last):  # the documented 4-tuple
        assert isinstance(label, str) and change == this_value - last_value
    assert year_over_year(this, None) == []
    groups = [title for title, _ in year_over_year_groups(this, last)]
    assert groups == ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "六、其他需要报告的事项"]


def test_year_over_year_across_editions(chain, seed_store: Store) -> None:
    changes = {c.label: c for c in year_over_year(chain[2021], chain[2020])}  # gov2019 -> gov2021
    assert changes["三、本年度办理结果 （六）其他处理"][1:] == (0, 0, 0)  # one row in 2020, three sub-rows in 2021
    assert changes["一、本年新收政府信息公开申请数量"][1:] == (8, 8, 0)
    legacy = seed_store.load_year(BodyRef.parse("微山县/驩城镇"), 2018)
    next_year = full_report(legacy.body, 2019)
    across = {c.label: c for c in year_over_year(next_year, legacy)}
    assert across["本年主动公开政府信息总数"][1:] == (28, 120, 92)
    assert across["一、本年新收政府信息公开申请数量"][1:] == (None, 8, None)  # the 2008 free form had no table


def test_year_over_year_html(chain) -> None:
    html = year_over_year_html(chain[2022], chain[2021])
    page = parse(html)
    table = page.find("table")
    assert table.find("caption").text() == "2022年主要数据与2021年对比"
    assert [th.text() for th in table.find("thead").iter("th")] == ["项目", "2021年", "2022年", "增减"]
    rows = {tr.find("th").text(): [td.text() for td in tr.iter("td")] for tr in table.iter("tr") if tr.find_all("td")}
    assert rows["一、本年新收政府信息公开申请数量"] == ["8", "8", "0"]
    table_grid(table)  # a well-formed grid
    assert year_over_year_html(chain[2022], None) == ""
    assert (signed(3), signed(-2), signed(0), signed(None), signed(Decimal("0.5"))) == ("+3", "−2", "0", "—", "+0.5")


# ---------------------------------------------------------------------------------------------
# the page and the charts


def test_summary_page_structure(county: Store) -> None:
    summary = build_summary(county, COUNTY, YEAR)
    html = render_summary(summary)
    page = parse(html)
    assert page.attrs["doctype"].lower() == "doctype html"
    assert page.find("html").attrs["lang"] == "zh-CN"
    assert page.find("meta").attrs.get("charset") == "utf-8"
    assert "<script" not in html and "http://" not in html and "https://" not in html
    assert page.find("h1").text() == "示例县2022年政府信息公开工作年度报告汇总"
    assert [h.text() for h in page.iter("h2")] == ["一、审核进度", "二、报送情况", "三、各单位主要数据", "四、全县合计", "五、图表", "六、各单位问题清单"]
    status = page.find("table", class_="summary-table status-table")
    rows = [[c.text() for c in tr.children if not isinstance(c, str)] for tr in status.find("tbody").iter("tr")]
    assert [(r[1], r[3], r[4]) for r in rows] == [
        ("示例县丙镇人民政府", "未报送", ""),
        ("示例县甲镇人民政府", "已报送，检查通过", "0"),
        ("示例县乙街道人民政府", "已报送，有错误", "1"),
    ]
    for table in page.find_all("table"):
        assert table.find("caption").text()
        assert all(th.attrs.get("scope") in ("col", "colgroup", "row", "rowgroup") for th in table.iter("th"))
        table_grid(table)
    side = [t for t in page.find_all("table") if "side-by-side" in t.classes]
    assert len(side) == 3
    for table in side:
        foot = table.find("tfoot")
        assert foot.find("th").text() == "全县合计"
    applications = side[1]
    heads = [th.text() for th in applications.find("thead").iter("th")]
    assert heads[:3] == ["单位", "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"]
    body_rows = {tr.find("th").text(): [td.text() for td in tr.iter("td")] for tr in applications.find("tbody").iter("tr")}
    assert body_rows["甲镇"][0] == "8" and body_rows["乙街道※"][0] == "10"
    assert next(td.text() for td in applications.find("tfoot").iter("td")) == "18"
    assert {t.attrs["id"] for t in page.find_all("table") if "report-table" in t.classes} == {
        "table-proactive",
        "table-applications",
        "table-review_litigation",
    }
    findings = page.find("section", class_="findings-list")
    assert [h.text() for h in findings.iter("h3")] == ["示例县丙镇人民政府（未报送）", "示例县乙街道人民政府（已报送，有错误）"]
    assert f"{COUNTY}/乙街道/2022.yaml" in findings.text() and "/tmp" not in findings.text()


def test_summary_page_escapes_text_from_parameter_files(builder: Builder) -> None:
    builder.year(builder.body(full_name="示例县<b>甲镇</b>人民政府"), 2021)
    html = render_summary(build_summary(builder.store, COUNTY, 2021))
    assert "<b>甲镇</b>" not in html and "示例县&lt;b&gt;甲镇&lt;/b&gt;人民政府" in html


def test_summary_charts(county: Store) -> None:
    from kit.render.summary_charts import summary_charts

    summary = build_summary(county, COUNTY, YEAR)
    charts = summary_charts(summary)
    assert [c.id for c in charts] == [
        "proactive_by_body",
        "applications_by_body",
        "outcomes_by_body",
        "proactive_trend",
        "applications_trend",
        "outcomes_trend",
    ]
    for chart in charts:
        assert chart.png.startswith(b"\x89PNG\r\n\x1a\n")
        assert chart.title and chart.alt
    assert "甲镇 120；乙街道 120" in charts[0].alt
    assert "予以公开" in charts[2].alt and "总计" not in charts[2].alt
    assert "2020年 8；2021年 24；2022年 18" in charts[4].alt  # 甲镇 2020; 甲、乙、丙 2021; 甲、乙 2022
    html = render_summary(summary, charts)
    page = parse(html)
    assert [f.find("figcaption").text() for f in page.find_all("figure")][:2] == [
        "图1　各单位主动公开政府信息数量（条）",
        "图2　各单位政府信息公开申请数量（件）",
    ]
    assert all(img.attrs["src"].startswith("data:image/png;base64,") and img.attrs["alt"] for img in page.iter("img"))


# ---------------------------------------------------------------------------------------------
# layering, the notebook, the command


def test_core_modules_import_no_jupyter_or_plotting() -> None:
    code = (
        "import sys, kit.data.key_figures, kit.data.frame, kit.data.summary, kit.render.summary_page, kit.render.year_over_year, kit.render.summary_charts;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ipywidgets','papermill','nbconvert','nbformat','matplotlib','IPython')))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert run.stdout.strip() == "[]"


def test_summary_notebook_is_thin_and_committed_without_outputs() -> None:
    import json

    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    tags = {t: c for c in code for t in c["metadata"].get("tags", [])}
    assert set(tags) == {"parameters", "report"}
    params = "".join(tags["parameters"]["source"])
    for name in ("county =", "year =", "parameters_root ="):
        assert name in params
    assert sum(len("".join(c["source"]).splitlines()) for c in code) < 25  # logic lives in kit


def test_summary_command_refuses_before_starting_a_kernel(county: Store, tmp_path: Path, capsys) -> None:
    exports = tmp_path / "exports"
    assert main(["--parameters", str(county.root), "summary", "某县", "2022", "--exports", str(exports)]) == 1
    assert "没有 “某县” 的报告主体" in capsys.readouterr().err
    assert main(["--parameters", str(county.root), "summary", COUNTY, "2022", "--to", "docx", "--exports", str(exports)]) == 2
    assert "汇总的 --to 只能是 html,pdf" in capsys.readouterr().err
    assert not exports.exists()


# ---------------------------------------------------------------------------------------------
# the demo county


@pytest.fixture(scope="module")
def demo_as_shipped(tmp_path_factory) -> Store:
    if not DEMO.is_dir():
        pytest.skip("the demo county (parameters/青禾县) is not there")
    root = tmp_path_factory.mktemp("demo-as-shipped") / "parameters"
    shutil.copytree(DEMO, root / DEMO.name)
    return Store(root)


@pytest.fixture(scope="module")
def demo(demo_as_shipped: Store, tmp_path_factory) -> Store:
    """The demo county copied, then: 芦花乡 has not filed 2025, 云溪镇's 2025 table 三 does not balance."""
    root = tmp_path_factory.mktemp("demo") / "parameters"
    shutil.copytree(demo_as_shipped.root, root)
    store = Store(root)
    store.year_file(BodyRef("青禾县", "芦花乡"), 2025).unlink()
    town = store.load_year(BodyRef("青禾县", "云溪镇"), 2025)
    town.cells["applications.new.natural"] = (town.cells["applications.new.natural"] or 0) + 2
    store.save_year(town)
    return store


@pytest.fixture(scope="module")
def demo_summary(demo: Store):
    return build_summary(demo, "青禾县", 2025)


def test_demo_county_status(demo_as_shipped: Store, demo_summary) -> None:
    shipped = status_of(build_summary(demo_as_shipped, "青禾县", 2025))
    statuses = status_of(demo_summary)
    assert len(statuses) == 12
    assert shipped["芦花乡"] is not Status.MISSING and statuses["芦花乡"] is Status.MISSING
    assert statuses["云溪镇"] is Status.ERRORS
    assert {k: v for k, v in statuses.items() if k not in ("芦花乡", "云溪镇")} == {k: v for k, v in shipped.items() if k not in ("芦花乡", "云溪镇")}
    town = next(b for b in demo_summary.bodies if b.ref.body == "云溪镇")
    assert "balance" in {f.rule for f in town.first_findings()}


def test_demo_county_totals_equal_the_sum_of_the_bodies(demo: Store, demo_summary) -> None:
    total = demo_summary.total
    assert total is not None and len(total.included) == 11
    spec = load_spec("gov2021")
    bodies = [demo.load_year(r, 2025) for r in total.included]
    for key in spec.cell_index:
        assert total.values[key] == sum(resolve_cells(spec, r)[key] for r in bodies), key
    assert "balance" in {f.rule for f in total.findings}  # 云溪镇's error shows in the county total


@pytest.mark.slow
def test_summary_notebook_executes_and_exports_html_and_pdf(demo: Store, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from kit.build.summary import build_summary_files

    exports = tmp_path / "exports"
    built = build_summary_files(demo.root, "青禾县", 2025, exports=exports, formats=["html", "pdf"])
    folder = exports / "青禾县" / "_汇总" / "2025"
    title = "青禾县2025年政府信息公开工作年度报告汇总"
    assert built.files == {"html": folder / f"{title}.html", "pdf": folder / f"{title}.pdf"}
    html = built.files["html"].read_text(encoding="utf-8")
    page = parse(html)
    assert page.find("html").attrs["lang"] == "zh-CN" and page.find("h1").text() == title
    assert "<script" not in html and "jupyter" not in html.lower()
    assert len(page.find_all("figure")) == 6
    reader = PdfReader(BytesIO(built.files["pdf"].read_bytes()))
    text = "".join("".join(p.extract_text().split()) for p in reader.pages)
    for expected in (title, "一、审核进度", "二、报送情况", "青禾县芦花乡人民政府", "未报送", "已报送，有错误", "全县合计", "六、各单位问题清单"):
        assert expected in text
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
    assert sizes == {(595, 842), (842, 595)}  # A4, with the side-by-side tables on landscape pages
    assert not (exports / "_failed").exists()
    assert not list(folder.glob(".*.tmp"))


@pytest.mark.slow
def test_kit_summary_console_script(demo: Store, tmp_path: Path) -> None:
    run = run_kit("--parameters", demo.root, "summary", "青禾县", "2025", "--to", "html", "--exports", tmp_path / "exports")
    assert run.returncode == 0, run.stderr
    written = tmp_path / "exports" / "青禾县" / "_汇总" / "2025" / "青禾县2025年政府信息公开工作年度报告汇总.html"
    assert str(written) in run.stdout and written.is_file()
    assert "已报送11个，未报送1个（青禾县芦花乡人民政府）" in run.stdout and "有错误0份" not in run.stdout
    assert not written.with_suffix(".pdf").exists()
