"""The document rules on the kit's own reports, as `kit check` runs them on a parameters folder."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from doccheck_samples import COUNTY, LONG
from doccheck_samples import kit_body as body
from doccheck_samples import kit_report as report

from kit.checking import check_paths
from kit.doccheck.own_reports import check_report
from kit.report import BreakdownItem, YearReport
from kit.store import Store

ROOT = Path(__file__).resolve().parents[1]
KIT = Path(sys.executable).parent / "kit"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "parameters")


def save(store: Store, *reports: YearReport) -> list[YearReport]:
    for r in reports:
        if not (store.body_dir(r.body.ref) / "body.yaml").exists():
            store.save_body(r.body, None)
        store.save_year(r)
    return [store.load_year(r.body.ref, r.year) for r in reports]


def rules(findings) -> list[str]:
    return sorted(f.rule for f in findings)


def test_a_clean_report_has_no_document_findings(store: Store) -> None:
    (r,) = save(store, report(body(), 2023))
    assert check_report(r) == []


def test_a_number_typed_by_hand_that_disagrees_with_the_table(store: Store) -> None:
    (r,) = save(store, report(body(), 2023, {"overview_requests": "本年度共收到政府信息公开申请7件，均已按时答复。"}))
    (found,) = check_report(r)
    assert found.rule == "prose_figure" and found.is_error
    assert "中的 7 与表三、收到和处理政府信息公开申请情况 › 一、本年新收政府信息公开申请数量 › 申请人情况 总计（8）不一致" in found.message
    assert "正文中的数字请写成 ${tables.applications.new.total}" in found.message
    assert found.key == "prose.overview_requests" and found.file == r.file and found.line
    assert found.printed == "一、总体情况 › （二）依申请公开 第1段"


def test_a_placeholder_naming_the_wrong_cell(store: Store) -> None:
    (r,) = save(store, report(body(), 2023, {"overview_requests": "本年度予以公开${tables.applications.partial.total}件。"}))
    (found,) = check_report(r)
    assert "中的 1 与" in found.message and "（4）不一致" in found.message
    assert "该数字引用自参数文件，请核对所引用的名称是否正确" in found.message


def test_a_quoted_breakdown_is_left_to_validation(store: Store) -> None:
    """The seed's overlapping breakdown is validation's breakdown_total (acknowledgeable), not a second finding."""
    r = report(body(), 2023)
    r.figures["proactive_breakdown"] = [BreakdownItem("公示公告", 120), BreakdownItem("微信公众号", 2)]
    (r,) = save(store, r)
    assert check_report(r) == []


def test_a_claim_typed_by_hand(store: Store) -> None:
    (r,) = save(store, report(body(), 2023, {"overview_requests": "本年度共收到申请8件，其中自然人5件、法人或其他组织4件。"}))
    (found,) = check_report(r)
    assert found.rule == "claim_parts" and found.is_error and "之和为 9件，与总数 8件 不符" in found.message


def test_years_leftovers_and_citations_in_prose(store: Store) -> None:
    prose = {
        "problems": "202020年，我镇将加强培训。",
        "overview_platforms": "本报告电子版可在（具体网址）查阅。",
        "other": "按照国办发〔2021〕30号要求，本年度未收取信息处理费。",
        "overview_oversight": "请与禾丰镇党政办公室联系。",
    }
    r = report(body(), 2023, prose)
    other = report(body("禾丰镇"), 2023)
    r, _ = save(store, r, other)
    found = check_report(r, others=[other])
    assert rules(found) == ["notice_citation", "template_leftover", "template_leftover", "year_mention"]
    by_rule = {f.rule + ("!" if f.is_error else "?"): f for f in found}
    assert by_rule["template_leftover?"].message.startswith("“请与禾丰镇党政办公室联系。”：出现了其他单位“禾丰镇”的名称")
    assert by_rule["year_mention!"].key == "prose.problems"


def test_a_near_copy_of_last_year_and_its_acknowledgement(store: Store) -> None:
    last, this = save(store, report(body(), 2022, LONG), report(body(), 2023, LONG))
    (found,) = check_report(this, previous=last)
    assert found.rule == "similar_previous_year" and not found.is_error and found.key == "prose"
    assert re.search(r"正文与本单位2022年的报告的相似度约为 (9\d|100)%", found.message), found.message
    acknowledged = report(body(), 2024, LONG, acknowledged={"similar_previous_year@prose": "本年工作与上年相同，已请示县政务公开办"})
    (ack,) = save(store, acknowledged)
    (found,) = check_report(ack, previous=this)
    assert found.acknowledged == "本年工作与上年相同，已请示县政务公开办"


def test_kit_check_compares_bodies_of_the_county(store: Store) -> None:
    save(
        store,
        report(body(), 2023, LONG),
        report(body("禾丰镇"), 2023, {k: v.replace("柳塘", "禾丰") for k, v in LONG.items()}),
        report(body("芦花乡", "乡"), 2023),
    )
    results = {(c.ref.body, c.year): c for c in check_paths([store.root])}
    for name, other in (("柳塘镇", "禾丰镇"), ("禾丰镇", "柳塘镇")):
        (found,) = [f for f in results[(name, 2023)].findings if f.rule == "similar_other_body"]
        assert f"正文与{COUNTY}{other}人民政府2023年的报告的相似度约为" in found.message
    assert not [f for f in results[("芦花乡", 2023)].findings if f.rule.startswith("similar")]


def test_checking_one_body_still_compares_with_the_others(store: Store) -> None:
    save(store, report(body(), 2023, LONG), report(body("禾丰镇"), 2023, LONG))
    (checked,) = check_paths([store.root / COUNTY / "柳塘镇" / "2023.yaml"])
    assert [f.rule for f in checked.findings] == ["similar_other_body"]


def test_kit_check_output_keeps_its_format(store: Store) -> None:
    save(store, report(body(), 2023, {"overview_requests": "本年度共收到政府信息公开申请7件。"}))
    done = subprocess.run([str(KIT), "check", str(store.root)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == f"■ {COUNTY}/柳塘镇"
    assert lines[1] == "  2023年（2021年版格式）：1 个错误"
    assert lines[2].startswith("    [错误] 一、总体情况 › （二）依申请公开 第1段：正文“本年度共收到政府信息公开申请7件。”中的 7 与")
    assert "键 prose.overview_requests" in lines[2]
    assert lines[-1] == "共检查 1 份：0 份通过，1 份有错误（共 1 个错误，0 条未确认的提示）。"


def test_the_seed_parameters_pass_with_their_acknowledged_warning(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "parameters" / "微山县" / "驩城镇", tmp_path / "微山县" / "驩城镇")
    (checked,) = check_paths([tmp_path / "微山县" / "驩城镇"])
    assert [(f.rule, bool(f.acknowledged)) for f in checked.findings] == [("breakdown_total", True)]


def test_the_summary_and_the_status_board_count_the_document_rules_as_kit_check(store: Store) -> None:
    """A prose figure that disagrees with its table is an error in `kit check`, on the `kit status`
    board and in the county summary alike (the summary once ran the table rules only)."""
    import datetime as dt

    from kit.cycle import board
    from kit.data.summary import Status, build_summary

    (r,) = save(store, report(body(), 2023, {"overview_requests": "本年度共收到政府信息公开申请7件，均已按时答复。"}))
    (checked,) = check_paths([store.year_file(r.body.ref, 2023)])
    assert [f.rule for f in checked.errors] == ["prose_figure"]
    (row,) = board(store, COUNTY, 2023, dt.date(2024, 1, 10)).rows
    (status,) = build_summary(store, COUNTY, 2023).bodies
    assert row.errors == len(status.errors) == 1
    assert status.status is Status.ERRORS
