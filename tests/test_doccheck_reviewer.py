"""The reviewer's checks that the real reports' set (test_doccheck_real.py) has no case of, each shown
catching its error on a report built like the published ones, and staying quiet on the right form."""

from __future__ import annotations

from pathlib import Path

import doccheck_samples as samples
import pytest
from test_doccheck_documents import by_rule, gov2021
from test_doccheck_rules import messages, reading

from kit.doccheck.claims import check_claims
from kit.doccheck.documents import body_level, check_documents
from kit.doccheck.figures_in_prose import check_prose_figures
from kit.doccheck.prose import Passage
from kit.doccheck.years import check_years
from kit.validation import validate

# ---------------------------------------------------------------------------------------------
# who the body is


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("青禾县城乡建设局", "县级部门"),
        ("区城乡建设局", "县级部门"),
        ("深圳市福田区住房和建设局", "县级部门"),
        ("红桥区人民政府办公室", "县级部门"),
        ("重庆市大足区海棠新城开发区管理委员会", "开发区"),
        ("南湖新区管委会办公室", "开发区"),
        ("桦甸市人民政府新华街道办事处", "街道"),
        ("上湾乡人民政府", "乡"),
        ("桐梓县人民政府", "县级人民政府"),
        ("宿州市人民政府", "设区的市人民政府"),
        ("上海市人民政府办公厅", "设区的市部门"),
    ],
)
def test_the_body_level_from_its_name(name: str, level: str) -> None:
    assert body_level(name) == level


def test_the_body_level_from_the_preamble_when_the_title_has_none() -> None:
    assert body_level("2023年政府信息公开工作年度报告", ["2023年,区城乡建设局聚焦中心工作。"]) == "县级部门"
    assert body_level("x", ["本报告是根据《条例》要求,现结合我镇实际编制。"]) == "镇"
    assert body_level("x", ["2021年,开发区管委会政务信息工作紧紧围绕中心工作。"]) == "开发区"
    assert body_level("x", ["根据《条例》编制本报告。"]) == ""


def test_a_district_department_gets_the_rules_and_amount_checks(tmp_path: Path) -> None:
    printed = samples.values("gov2021", {"proactive.rules.made": "2", "proactive.rules.in_force": "2", "proactive.fees.amount": "386000"})
    report = samples.edit(samples.blocks(2023), "青禾县柳塘镇人民政府", "青禾县城乡建设局")
    found = by_rule(gov2021(tmp_path, report=report, printed=printed))
    assert "县级部门不能制定规章" in found["rules_by_level"][0].message
    assert "386000 万元" in found["fee_unit"][0].message


# ---------------------------------------------------------------------------------------------
# within-year rules


def test_in_force_at_least_made_minus_repealed(builder, town) -> None:
    from kit.report import Body

    office = Body(ref=town.ref, name="城乡建设局", full_name="青禾县城乡建设局", level="县级部门", county=town.county)
    report = builder.year(office, 2023, cells={"proactive.normative_docs.made": 3, "proactive.normative_docs.repealed": 1, "proactive.normative_docs.in_force": 1})
    (f,) = [x for x in validate(report) if x.rule == "in_force_within"]
    assert f.is_error and f.message.startswith("现行有效件数 1 少于 本年制发件数 3 − 本年废止件数 1 = 2")
    report.cells["proactive.normative_docs.in_force"] = 2
    assert [x for x in validate(report) if x.rule == "in_force_within"] == []


def test_a_towns_rules_are_said_once(builder, town) -> None:
    report = builder.year(town, 2023, cells={"proactive.rules.made": 2})
    assert [f.rule for f in validate(report) if f.rule in ("rules_by_level", "in_force_within")] == ["rules_by_level"]


# ---------------------------------------------------------------------------------------------
# units and marks typed into cells


def test_yuan_in_a_wan_yuan_column_is_read_as_wan_yuan(tmp_path: Path) -> None:
    printed = samples.values("gov2021", {"proactive.fees.amount": "386000元"})
    (result,) = check_documents([gov2021(tmp_path, printed=printed)])
    assert result.report is not None and str(result.report.cells["proactive.fees.amount"]) == "38.6"
    (unit,) = [f for f in result.findings if f.rule == "table_unit"]
    assert "印的是“386000元”：此栏单位是万元，按 38.6 万元读取" in unit.message and not unit.is_error
    assert not [f for f in result.findings if f.rule == "fee_unit"], "38.6 万元 is no 元 typed as 万元"


def test_counts_typed_with_their_unit_are_read_as_counts(tmp_path: Path) -> None:
    printed = samples.values("gov2021", {"proactive.penalty.decisions": "15件", "proactive.licensing.decisions": "120项"})
    (result,) = check_documents([gov2021(tmp_path, printed=printed)])
    assert result.report is not None and result.report.cells["proactive.penalty.decisions"] == 15
    assert result.errors == []


@pytest.mark.parametrize(("typed", "said"), [("/", "为“/”"), ("—", "为“—”"), ("", "为空白")])
def test_slash_dash_and_blank_are_kept_apart_from_zero(tmp_path: Path, typed: str, said: str) -> None:
    printed = samples.values("gov2021", {"applications.disclosed.research": typed})
    found = by_rule(gov2021(tmp_path, printed=printed))
    assert any(said in f.message for f in found["table_cell"]), messages(found["table_cell"])


def test_a_row_printed_with_every_cell_blank_is_blank_cells_not_a_missing_row(tmp_path: Path) -> None:
    printed = samples.values("gov2021", {"proactive.rules.made": "", "proactive.rules.repealed": "", "proactive.rules.in_force": ""})
    found = by_rule(gov2021(tmp_path, printed=printed))
    assert any("规章" in (f.printed or "") and "整行没有数字" in f.message for f in found["table_cell"])
    assert not any("规章" in (f.printed or "") for f in found.get("table_row", []))


# ---------------------------------------------------------------------------------------------
# prose figures


def test_combined_rows_and_short_forms_against_the_table() -> None:
    table = samples.values("gov2021")
    both = int(table["applications.disclosed.total"]) + int(table["applications.partial.total"])
    ok = reading(f"予以公开和部分公开共{both}件。")
    assert messages(check_prose_figures(ok)) == []
    wrong = messages(check_prose_figures(reading(f"予以公开和部分公开共{both + 1}件。")), "prose_figure")
    assert len(wrong) == 1 and f"中的 {both + 1} 与表三" in wrong[0] and "予以公开和部分公开的件数" in wrong[0], wrong


def test_upheld_all_against_corrected_cases() -> None:
    # the samples' table has one case 未经复议直接起诉 › 结果纠正
    found = check_prose_figures(reading("行政诉讼案件均获维持。"))
    assert any("结果被纠正" in m for m in messages(found)), messages(found)
    assert messages(check_prose_figures(reading("行政复议案件均获维持。"))) == []


# ---------------------------------------------------------------------------------------------
# "共N……其中"


@pytest.mark.parametrize(
    "text",
    [
        "2023年共收到政府信息公开申请59件,上年度结转办理2件,其中结转2024年度7件,其余54件全部按时答复。",
        "全年因政府信息公开产生行政复议案件6件和行政诉讼案件3件,其中行政复议结果维持5件,尚未审结1件,行政诉讼结果维持3件。",
        "共新增主动公开政府信息50条。其中机构类信息20条,内有领导成员10条、机构职能4条、机构概况1条、直属单位5条;工作类信息11条,其中镇街动态3条、计划总结3条、通知公告5条;政策文件类信息4条;民生事项类信息8条;财政管理类信息7条,其中部门预决算2条、专项经费5条。",
        "全年累计主动公开政府信息100余条,其中工作动态60条,通知公告50条。",
        "共收到8份政府信息公开申请。其中,予以公开2件,部分公开2件,本办不掌握相关政府信息2件,其他2件。",
        # parts spread over the next sentences about the same total
        "本年度共收到政府信息公开申请10件。其中自然人申请8件。另有法人或其他组织申请2件。",
        "本年度共收到政府信息公开申请10件,其中自然人申请5件、法人申请3件。此外,其他组织申请2件。",
        "全年主动公开政府信息120条,其中通过政府网站公开80条。通过政务微信公开25条,通过政务微博公开15条。",
    ],
)
def test_claims_that_add_up_in_every_shape(text: str) -> None:
    assert messages(check_claims(reading(text))) == []


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("累计公开政府信息382条,包括政府网站35条,媒体80条,微信公众号2443条,其中乡村振兴228条。", "其中一项（2443条）大于总数 382条"),
        ("主动公开政府信息977条。其中包括政府文件11条,工作动态270条,其他信息145条。", "列出了“其他”一项"),
        ("共收到申请59件,上年结转2件,其中予以公开70件。", "其中一项（70件）大于总数"),
        ("本年度共收到政府信息公开申请10件,其中自然人申请5件、法人申请3件。另有其他组织申请4件。", "之和为 12件，大于总数 10件。请核对各项所属的总数"),
    ],
)
def test_claims_that_do_not(text: str, said: str) -> None:
    assert any(said in m for m in messages(check_claims(reading(text)))), messages(check_claims(reading(text)))


# ---------------------------------------------------------------------------------------------
# years and dates


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("统计期限自20231月1日起至202312月31日止。", "2023年1月1日"),
        ("统计期限从202111日到1231日止。", "2021年1月1日"),
        ("统计期限自2020年1月1日起至20201231日止。", "2020年12月31日"),
    ],
)
def test_dates_typed_without_year_or_month(text: str, suggestion: str) -> None:
    found = messages(check_years(reading(text, year=int(suggestion[:4]))), "date_format")
    assert any(f"应为“{suggestion}”" in m for m in found), found


def test_the_reports_own_title_with_another_year() -> None:
    bad = reading("现发布《临洮县新添镇2021年政府信息公开工作年度报告》。", year=2022)
    assert any("是本报告的标题，其中的年份是2021年" in m for m in messages(check_years(bad), "year_mention"))
    good = reading("现发布《临洮县新添镇2022年政府信息公开工作年度报告》。对《2021年度工作要点》落实情况进行了检查。", year=2022)
    assert messages(check_years(good), "year_mention") == []


def test_a_report_signed_before_its_year_ended() -> None:
    r = reading("本年度无其他需要报告的事项。", year=2023)
    r.passages.append(Passage("2023年11月20日", "落款", kind="signature"))
    assert any("早于2023年年底" in m for m in messages(check_years(r), "report_date"))
    r.passages[-1] = Passage("2024年1月15日", "落款", kind="signature")
    assert messages(check_years(r), "report_date") == []


@pytest.mark.parametrize(
    "after",
    [
        "办理行政复议5件。",  # other figures of the same unit
        "此外,还通过召开村民代表大会等方式公开各类信息1件。",  # "besides": still short of the total
    ],
)
def test_a_next_sentence_that_does_not_complete_the_total_is_not_read_as_parts(after: str) -> None:
    """The next sentence is joined only when it completes the total (or, after 此外/另有, exceeds
    it): otherwise the parts' shortfall is the first sentence's, as before."""
    found = messages(check_claims(reading("本年度共收到政府信息公开申请10件。其中自然人申请6件、法人申请2件。" + after)))
    assert len(found) == 1 and "之和为 8件，小于总数 10件" in found[0], found
