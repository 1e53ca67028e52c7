"""`kit check --document`: published reports in every edition and format, as a county office runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import doccheck_samples as samples
import pytest

from kit.doccheck.documents import body_name, check_documents

KIT = Path(sys.executable).parent / "kit"
SEED = Path(__file__).with_name("data") / "seed_2018_huancheng.txt"


def run_kit(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(KIT), *map(str, args)], capture_output=True, text=True, timeout=120)


def gov2021(tmp_path: Path, name: str = "r.txt", year: int = 2023, report=None, printed=None, layout: str = "tabs", **kw) -> Path:
    report = report or samples.blocks(year)
    tables = samples.Tables("gov2021", printed or samples.values("gov2021"), **kw)
    path = tmp_path / name
    if path.suffix == ".docx":
        return samples.write_docx(path, report, tables)
    if path.suffix in (".html", ".htm"):
        return samples.write_html(path, report, tables)
    return samples.write_text(path, report, tables, layout)


def by_rule(path: Path, **kw) -> dict[str, list]:
    (result,) = check_documents([path], **kw)
    out: dict[str, list] = {}
    for f in result.findings:
        out.setdefault(f.rule, []).append(f)
    return out


# ---------------------------------------------------------------------------------------------
# the seed (legacy2008)


def test_the_seed_passes_with_one_warning_for_its_overlapping_channels() -> None:
    done = run_kit("check", "--document", SEED)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"■ {SEED}"
    assert lines[1] == "  驩城镇 2018年（2008年条例自由格式）：通过，1 条提示"
    assert lines[2].startswith("    [提示] 一、政府信息公开情况 › （一）主动公开情况 第1段：“…公开政府信息28条。其中公示公告28条，微信公众号2条。”")
    assert "之和为 30条，大于总数 28条" in lines[2] and lines[2].endswith("（第5行）")
    assert lines[-1] == "共检查 1 份：1 份通过，0 份有错误（共 0 个错误，1 条未确认的提示）。"


def test_a_legacy_report_printed_with_the_later_tables(tmp_path: Path) -> None:
    report = samples.edit(samples.blocks(2023), "2023年政府信息公开工作年度报告", "2018年政府信息公开工作年度报告")
    found = by_rule(gov2021(tmp_path, report=report), year=None)
    assert "edition_year" in found and "而2018年度还没有统一的表格格式" in found["edition_year"][0].message


# ---------------------------------------------------------------------------------------------
# gov2021 in every format


@pytest.mark.parametrize("name", ["r.txt", "r.docx", "r.html"])
def test_a_correct_gov2021_report_passes(tmp_path: Path, name: str) -> None:
    path = gov2021(tmp_path, name)
    done = run_kit("check", "--document", path)
    assert done.returncode == 0, done.stdout
    assert done.stdout.splitlines()[1] == "  青禾县柳塘镇人民政府 2023年（2021年版格式）：通过"


@pytest.mark.parametrize(("year", "edition"), [(2020, "gov2019"), (2023, "gov2021")])
def test_the_kits_own_exports_read_back_clean(tmp_path: Path, year: int, edition: str) -> None:
    """What the kit publishes (its Word and HTML exports) passes the reviewer's check, figures intact."""
    from kit.document import build_document
    from kit.render.docx import render_docx
    from kit.render.html import render_html

    report = samples.kit_report(samples.kit_body(), year)
    doc = build_document(report)
    (tmp_path / "r.docx").write_bytes(render_docx(doc))
    (tmp_path / "r.html").write_text(render_html(doc), encoding="utf-8")
    for result in check_documents([tmp_path / "r.docx", tmp_path / "r.html"]):
        assert result.edition == edition and result.year == year
        assert [f.describe() for f in result.findings if f.rule != "similar_other_body"] == []
        assert result.report is not None
        assert {k: v for k, v in result.report.cells.items() if k in report.cells} == report.cells


def test_word_headings_numbered_automatically(tmp_path: Path) -> None:
    """Word's own list numbering is not in the text: "总体情况" alone is still section 一."""
    report = [(kind, text.split("、", 1)[1] if kind == "heading" and "、" in text[:3] else text) for kind, text in samples.blocks(2023)]
    (result,) = check_documents([gov2021(tmp_path, "r.docx", report=report)])
    assert result.findings == [], [f.describe() for f in result.findings]
    without_six = [b for b in report if b != ("heading", "其他需要报告的事项")]
    (result,) = check_documents([gov2021(tmp_path, "r2.docx", report=without_six)])
    assert [f.rule for f in result.findings] == ["section_missing"]


def test_a_government_web_page_around_the_report(tmp_path: Path) -> None:
    """Menus, breadcrumb, a two-line title, publication info and the site's footer are not the report."""
    path = samples.write_html(tmp_path / "r.html", samples.blocks(2023), samples.Tables("gov2021", samples.values("gov2021")), page=True)
    (result,) = check_documents([path])
    assert result.title == "青禾县柳塘镇人民政府2023年政府信息公开工作年度报告"
    assert result.findings == [], [f.describe() for f in result.findings]
    assert not any("版权所有" in p.text or "当前位置" in p.text for p in result.reading.passages)


@pytest.mark.parametrize("layout", ["cells", "spaces", "pipes"])
def test_tables_laid_out_as_text_in_other_shapes(tmp_path: Path, layout: str) -> None:
    (result,) = check_documents([gov2021(tmp_path, layout=layout)])
    assert result.findings == [] and result.edition == "gov2021"
    assert result.report is not None and result.report.cells["applications.new.total"] == 8


def test_the_eight_column_table_three_passes_when_its_subtotals_add_up(tmp_path: Path) -> None:
    (result,) = check_documents([gov2021(tmp_path, "r.html", subtotals=True)])
    assert result.findings == []


def test_a_flawed_report_gets_what_a_reviewer_would_find(tmp_path: Path) -> None:
    report = samples.blocks(2023)
    report = samples.edit(report, "共收到政府信息公开申请8件", "共收到政府信息公开申请6件")
    report = samples.edit(report, "（http://www.qinghe.example/）", "（具体网址）")
    report = samples.edit(report, "国办公开办函〔2021〕30号", "国办发〔2021〕30号")
    report = samples.edit(report, "2024年，镇政府将", "202420年，镇政府将")
    report = samples.edit(report, "自2023年1月1日起至2023年12月31日止", "自2022年1月1日起至2022年12月31日止")
    printed = samples.values("gov2021", {"applications.disclosed.research": "/"})
    path = gov2021(tmp_path, "r.txt", report=report, printed=printed)
    done = run_kit("check", "--document", path)
    assert done.returncode == 1
    out = done.stdout
    assert "中的 6 与表三、收到和处理政府信息公开申请情况 › 一、本年新收政府信息公开申请数量 › 申请人情况 总计（8）不一致" in out
    assert "模板中的“具体网址”" in out
    assert "发文字号写错了，应为“国办公开办函〔2021〕30号”" in out
    assert "“202420年”不是有效的年份" in out
    assert "2023年度报告的统计期限应为2023年1月1日至2023年12月31日" in out
    assert "科研机构为“/”" in out
    assert "：5 个错误" not in out and "个错误" in out.splitlines()[1]


def test_a_gov2019_table_in_a_2023_report_is_an_error(tmp_path: Path) -> None:
    path = samples.write_docx(tmp_path / "r.docx", samples.blocks(2023), samples.Tables("gov2019", samples.values("gov2019")))
    (result,) = check_documents([path])
    assert result.edition == "gov2019" and result.expected == "gov2021"
    (finding,) = [f for f in result.findings if f.rule == "edition_year"]
    assert finding.is_error
    assert "表格使用的是2019年试行格式（国办公开办函〔2019〕60号）（表中有“本年新制作数量”" in finding.message
    assert "2023年度报告应使用2021年版格式（国办公开办函〔2021〕30号）" in finding.message


def test_a_correct_gov2019_report_for_2020(tmp_path: Path) -> None:
    path = samples.write_html(tmp_path / "r.html", samples.blocks(2020), samples.Tables("gov2019", samples.values("gov2019")))
    (result,) = check_documents([path])
    assert result.findings == [] and result.edition == "gov2019"


def test_the_2021_tables_in_a_2020_report(tmp_path: Path) -> None:
    path = samples.write_text(tmp_path / "r.txt", samples.blocks(2020), samples.Tables("gov2021", samples.values("gov2021")))
    found = by_rule(path)
    assert "2020年度报告应使用2019年试行格式（国办公开办函〔2019〕60号）" in found["edition_year"][0].message


def test_no_tables_in_a_2023_report(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("\n".join(text for kind, text in samples.blocks(2023) if kind != "table"), encoding="utf-8")
    (finding,) = by_rule(path)["table_missing"]
    assert "没有找到表格：2023年度报告应按2021年版格式（国办公开办函〔2021〕30号）用表格列出" in finding.message


# ---------------------------------------------------------------------------------------------
# a folder: each report with last year's and with its neighbours'


def test_a_folder_of_reports(tmp_path: Path) -> None:
    folder = tmp_path / "收到的报告"
    folder.mkdir()
    # 柳塘镇: 2022 and a near-copy in 2023, whose 上年结转 does not follow 2022's 结转下年度
    last = samples.values(
        "gov2021",
        {
            "applications.carry_forward.natural": "2",
            "applications.carry_forward.total": "2",
            "applications.carried.natural": "2",
            "applications.carried.total": "2",
            "applications.new.natural": "4",
            "applications.new.total": "7",
        },
    )
    gov2021(folder, "柳塘镇2022.docx", year=2022, printed=last)
    gov2021(folder, "柳塘镇2023.txt")
    # 禾丰镇 2023: its own wording, except the opening paragraph left with 柳塘镇's address
    report = samples.blocks(2023, body="青禾县禾丰镇人民政府", prose=samples.PROSE_OTHER)
    samples.write_html(folder / "禾丰镇2023.html", report, samples.Tables("gov2021", samples.values("gov2021")))
    (folder / "芦花乡2023.doc").write_bytes(b"\xd0\xcf\x11\xe0")  # an old Word file
    done = run_kit("check", "--document", folder)
    assert done.returncode == 1
    blocks = done.stdout.split("■ ")[1:]
    assert [b.splitlines()[0].rsplit("/", 1)[-1] for b in blocks] == ["柳塘镇2022.docx", "柳塘镇2023.txt", "禾丰镇2023.html", "芦花乡2023.doc"]
    liutang, hefeng, luhua = blocks[1], blocks[2], blocks[3]
    assert "正文与本单位2022年的报告（柳塘镇2022.docx）的相似度约为" in liutang
    assert "应等于2022年报告的“四、结转下年度继续办理”（2），实为 1" in liutang
    assert "出现了其他单位“青禾县柳塘镇”的名称" in hefeng
    assert "正文与青禾县柳塘镇人民政府的报告" not in hefeng
    assert "芦花乡2023.doc 不是有效的Word 97-2003 文档（文件内容与扩展名不符，或文件已损坏）" in luhua
    assert done.stdout.splitlines()[-1].startswith("共检查 4 份：")


def test_json_output(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "seed.txt")
    gov2021(tmp_path, "r.docx")
    done = run_kit("check", "--document", tmp_path, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [(d["body"], d["year"], d["edition"], d["errors"], d["warnings"]) for d in data] == [
        ("青禾县柳塘镇人民政府", 2023, "gov2021", 0, 0),
        ("驩城镇", 2018, "legacy2008", 0, 1),
    ]
    (finding,) = data[1]["findings"]
    assert finding["rule"] == "claim_parts" and finding["severity"] == "warning" and finding["line"] == 5


# ---------------------------------------------------------------------------------------------
# the year


def test_year_from_the_option_and_a_title_that_disagrees(tmp_path: Path) -> None:
    path = gov2021(tmp_path)
    (finding,) = by_rule(path, year=2024)["title_year"]
    assert "标题“青禾县柳塘镇人民政府2023年政府信息公开工作年度报告”中的年份是2023年，而这是2024年度的报告" in finding.message


def test_no_year_anywhere(tmp_path: Path) -> None:
    path = tmp_path / "报告.txt"
    path.write_text("青禾县柳塘镇人民政府政府信息公开工作年度报告\n一、总体情况\n本年度主动公开政府信息120条。\n", encoding="utf-8")
    done = run_kit("check", "--document", path)
    assert done.returncode == 1 and "无法确定报告年度" in done.stdout and "--year" in done.stdout
    assert run_kit("check", "--document", path, "--year", "2023").returncode == 1  # now checked (and its tables missing)


def test_year_from_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "柳塘镇2023.txt"
    path.write_text("政府信息公开工作年度报告\n本年度未收到政府信息公开申请。\n", encoding="utf-8")
    (result,) = check_documents([path])
    assert result.year == 2023


def test_body_name_from_the_title() -> None:
    assert body_name("青禾县柳塘镇人民政府2023年政府信息公开工作年度报告", Path("x.txt")) == "青禾县柳塘镇人民政府"
    assert body_name("2018年度驩城镇政府信息公开年度报告", Path("x.txt")) == "驩城镇"
    assert body_name(None, Path("柳塘镇.txt")) == "柳塘镇"


def test_document_and_parameter_paths_do_not_mix(tmp_path: Path) -> None:
    done = run_kit("check", "parameters", "--document", SEED)
    assert done.returncode == 2 and "不能同时检查参数文件" in done.stderr


def test_missing_document_path(tmp_path: Path) -> None:
    done = run_kit("check", "--document", tmp_path / "nope.txt")
    assert done.returncode == 1 and "找不到" in done.stderr
