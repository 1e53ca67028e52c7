"""Each rule kind of the specs (kit/rules.py), with passing and failing data.

Every failing case asserts the message text, the place as printed (`printed`, shown as "where"),
the YAML key, and — for reports read from disk — the file and line of the offending key.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from conftest import Builder, full_report, insert_cell, make_body, only

from kit.figures import resolve_cells
from kit.findings import Severity
from kit.report import BreakdownItem, YearReport
from kit.spec import load_spec
from kit.validation import validate

T3 = "三、收到和处理政府信息公开申请情况"
T2 = "二、主动公开政府信息情况"
T4 = "四、政府信息公开行政复议、行政诉讼情况"
NEW = "一、本年新收政府信息公开申请数量"
CARRIED = "二、上年结转政府信息公开申请数量"
APPLICANTS = "自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他"


def line_of(report: YearReport, line: int | None) -> str:
    assert report.file is not None and line
    return report.file.read_text(encoding="utf-8").split("\n")[line - 1]


def test_complete_reports_have_no_findings(gov2021: YearReport, builder: Builder) -> None:
    assert validate(gov2021) == []
    body = builder.body(name="乙乡", level="乡")
    assert validate(builder.year(body, 2019)) == []
    body = builder.body(name="丙街道", level="街道")
    chain = builder.chain(body, range(2018, 2024))
    assert chain[2018].edition == "legacy2008"
    for year, report in chain.items():
        assert validate(report, chain.get(year - 1)) == [], year


# ---------------------------------------------------------------------------------------------
# rule 1 / 2 / 7: computed totals are derived; typed totals are checked, not trusted


def test_totals_are_derived(gov2021: YearReport) -> None:
    values = resolve_cells(gov2021.spec, gov2021)
    assert values["applications.new.total"] == 8
    assert values["applications.outcome_total.natural"] == 5
    assert values["applications.outcome_total.business"] == 2
    assert values["applications.outcome_total.legal"] == 1
    assert values["applications.outcome_total.total"] == 8
    assert values["applications.carry_forward.total"] == 1
    assert values["review_litigation.cases.review_total"] == 1
    assert values["review_litigation.cases.direct_total"] == 1
    assert values["review_litigation.cases.after_total"] == 0
    assert not any(k.endswith(".total") for k in gov2021.cells), "totals are not written to the file"


def test_total_with_a_blank_part_is_unknown_not_guessed(gov2021: YearReport) -> None:
    gov2021.cells["applications.new.research"] = None
    values = resolve_cells(gov2021.spec, gov2021)
    assert values["applications.new.total"] is None
    assert values["applications.new.natural"] == 5
    assert only(validate(gov2021), "balance") == []


def typed(builder: Builder, town, year: int, *cells: tuple[str, str, str, str]) -> YearReport:
    """A report whose file carries totals typed by hand (as imported figures do)."""
    report = builder.year(town, year)
    assert report.file is not None
    for cell in cells:
        insert_cell(report.file, *cell)
    return builder.store.load_year(town.ref, year)


def test_applicant_total_typed_and_wrong(builder: Builder, town) -> None:
    report = typed(builder, town, 2021, ("applications", "new", "total", "9"))
    assert report.cells["applications.new.total"] == 9
    (f,) = only(validate(report), "applicant_total")
    assert f.severity is Severity.ERROR
    assert f.message == f"应为 8（{APPLICANTS}之和），文件中填写的是 9；合计由系统计算，可删去此项"
    assert f.key == "tables.applications.new.total"
    assert f.printed == f"{T3} › {NEW} › 申请人情况 总计"
    assert f.file == report.file
    assert line_of(report, f.line).strip().startswith("total: 9")
    assert resolve_cells(report.spec, report)["applications.new.total"] == 8, "the typed total is not trusted"


def test_applicant_total_typed_and_right(builder: Builder, town) -> None:
    report = typed(builder, town, 2021, ("applications", "new", "total", "8"), ("applications", "outcome_total", "total", "８"))
    assert report.cells["applications.outcome_total.total"] == 8
    assert validate(report) == []


def test_outcome_total_typed_and_wrong(builder: Builder, town) -> None:
    report = typed(builder, town, 2021, ("applications", "outcome_total", "natural", "4"))
    (f,) = only(validate(report), "outcome_total")
    assert f.message == "应为 5（（一）予以公开至（六）其他处理 3.其他等21项之和），文件中填写的是 4；合计由系统计算，可删去此项"
    assert f.key == "tables.applications.outcome_total.natural"
    assert f.printed == f"{T3} › 三、本年度办理结果 （七）总计 › 申请人情况 自然人"
    assert "natural: 4" in line_of(report, f.line)


def test_outcome_total_gov2019_counts_the_single_other_row(builder: Builder, town) -> None:
    report = builder.year(town, 2019, cells={"applications.other_handling.natural": 1, "applications.disclosed.natural": 1})
    assert validate(report) == []
    assert resolve_cells(report.spec, report)["applications.outcome_total.natural"] == 5
    report = typed(builder, town, 2020, ("applications", "outcome_total", "total", "6"))
    (f,) = only(validate(report), "outcome_total")
    assert "等19项之和" in f.message and "文件中填写的是 6" in f.message


@pytest.mark.parametrize(
    ("group", "printed", "labels"),
    [
        ("review", "行政复议 总计", "结果维持、结果纠正、其他结果、尚未审结"),
        ("direct", "行政诉讼 未经复议直接起诉 总计", "结果维持、结果纠正、其他结果、尚未审结"),
        ("after", "行政诉讼 复议后起诉 总计", "结果维持、结果纠正、其他结果、尚未审结"),
    ],
)
def test_table4_totals(builder: Builder, town, group: str, printed: str, labels: str) -> None:
    expected = {"review": 1, "direct": 1, "after": 0}[group]
    report = typed(builder, town, 2021, ("review_litigation", "cases", f"{group}_total", "5"))
    (f,) = only(validate(report), f"{group}_total")
    assert f.message == f"应为 {expected}（{labels}之和），文件中填写的是 5；合计由系统计算，可删去此项"
    assert f.key == f"tables.review_litigation.cases.{group}_total"
    assert f.printed == f"{T4} › {printed}"
    report = typed(builder, town, 2022, ("review_litigation", "cases", f"{group}_total", str(expected)))
    assert validate(report) == []


# ---------------------------------------------------------------------------------------------
# rule 3: 一 + 二 = 三（七） + 四


def test_balance_fails_per_column(builder: Builder, town) -> None:
    report = builder.year(town, 2021, cells={"applications.carry_forward.natural": 2})
    findings = validate(report)
    (f,) = only(findings, "balance")
    assert f.severity is Severity.ERROR
    assert f.message == (
        "“一、本年新收政府信息公开申请数量” 5 + “二、上年结转政府信息公开申请数量” 1 = 6，"
        "而 “（七）总计” 5 + “四、结转下年度继续办理” 2 = 7；"
        "按表中勾稽关系（第一项加第二项之和，等于第三项加第四项之和），两者应相等"
    )
    assert f.key == "tables.applications.*.natural"
    assert f.printed == f"{T3} › 申请人情况 自然人"
    assert [x.rule for x in findings] == ["balance"], "one finding for the column, not one more for 总计"


def test_balance_holds_in_every_column(builder: Builder, town) -> None:
    report = builder.year(town, 2021, cells={"applications.new.other": 3, "applications.disclosed.other": 2, "applications.carry_forward.other": 1})
    assert validate(report) == []
    report = builder.year(town, 2022, cells={"applications.new.research": 1})
    (f,) = only(validate(report), "balance")
    assert f.printed == f"{T3} › 申请人情况 法人或其他组织 科研机构"
    assert "= 1，而" in f.message and "= 0；" in f.message


# ---------------------------------------------------------------------------------------------
# rule 4: 上年结转 = last year's 结转下年度继续办理


def test_carry_over_error(builder: Builder, town) -> None:
    y2021 = builder.year(town, 2021, cells={"applications.carry_forward.natural": 2, "applications.partial.natural": 0})
    assert validate(y2021) == []
    y2022 = builder.year(town, 2022)  # 上年结转 1, not 2
    (f,) = only(validate(y2022, y2021), "carry_over")
    assert f.severity is Severity.ERROR
    assert f.message == "应等于2021年报告的“四、结转下年度继续办理”（2），实为 1"
    assert f.key == "tables.applications.carried.natural"
    assert f.printed == f"{T3} › {CARRIED} › 申请人情况 自然人"
    assert "natural: 1" in line_of(y2022, f.line)
    assert only(validate(y2022), "carry_over") == [], "no previous year, nothing to compare"


def test_carry_over_across_editions(chain: dict[int, YearReport]) -> None:
    y2021 = chain[2021]
    y2021.cells["applications.carried.business"] = 1
    y2021.cells["applications.new.business"] = 1
    (f,) = only(validate(y2021, chain[2020]), "carry_over")
    assert f.message == "应等于2020年报告的“四、结转下年度继续办理”（0），实为 1"
    assert f.printed == f"{T3} › {CARRIED} › 申请人情况 法人或其他组织 商业企业"


def test_carry_over_warning_when_renamed(builder: Builder, town) -> None:
    y2021 = builder.year(town, 2021, cells={"applications.carry_forward.natural": 2, "applications.partial.natural": 0})
    y2022 = builder.year(town, 2022)
    y2022.body = dataclasses.replace(town, renamed_in=(2022,))
    (f,) = only(validate(y2022, y2021), "carry_over")
    assert f.severity is Severity.WARNING
    assert f.message == "应等于2021年报告的“四、结转下年度继续办理”（2），实为 1（本年主体合并或更名，仅作提示，请在报告中说明）"
    y2022.body = dataclasses.replace(town, renamed_in=(2021,))
    (f,) = only(validate(y2022, y2021), "carry_over")
    assert f.severity is Severity.ERROR, "a rename in another year does not excuse this one"


def test_renamed_in_read_from_body_yaml(builder: Builder) -> None:
    body = builder.body(name="乙街道", level="街道", renamed_in=(2022,))
    y2021 = builder.year(body, 2021, cells={"applications.carry_forward.natural": 2, "applications.partial.natural": 0})
    y2022 = builder.year(body, 2022)
    assert y2022.body.renamed_in == (2022,)
    assert [f.severity for f in only(validate(y2022, y2021), "carry_over")] == [Severity.WARNING]


# ---------------------------------------------------------------------------------------------
# rule 6: 信息处理费


def test_fee_mentioned(builder: Builder, town) -> None:
    cells = {"applications.other_unpaid_fee.natural": 1, "applications.disclosed.natural": 1}
    report = builder.year(town, 2021, cells=cells, prose={"other": "本年度无其他需要报告的事项。"})
    (f,) = only(validate(report), "fee_mentioned")
    assert f.severity is Severity.ERROR
    assert f.message == "有 1 件申请因逾期未缴纳费用不再处理，但“六、其他需要报告的事项”没有提到信息处理费；请在该部分写明收取信息处理费的情况"
    assert f.key == "tables.applications.other_unpaid_fee.total"
    assert f.printed == f"{T3} › 三、本年度办理结果 （六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 › 申请人情况 总计"
    report = builder.year(town, 2022, cells=cells)  # the standard prose mentions 信息处理费
    assert validate(report) == []


def test_fee_not_required_without_unpaid_applications(builder: Builder, town) -> None:
    report = builder.year(town, 2021, prose={"other": "本年度无其他需要报告的事项。"})
    assert validate(report) == []


FEES_OK = {"fee_notices": 2, "fee_notified": Decimal("100"), "fee_collected": Decimal("50")}


@pytest.mark.parametrize(
    ("figures", "key", "printed", "message"),
    [
        ({"fee_notices": 0, "fee_notified": 0, "fee_collected": 100}, "figures.fee_collected", "实际收取信息处理费总金额", "实际收取信息处理费总金额为 100 元，但发出收费通知的件数为 0：没有收费通知不能收费"),
        ({"fee_notices": 1, "fee_notified": 50, "fee_collected": Decimal("80.5")}, "figures.fee_collected", "实际收取信息处理费总金额", "实际收取信息处理费总金额（80.5 元）不能多于收费通知总金额（50 元）"),
        ({"fee_notices": 0, "fee_notified": 30, "fee_collected": 0}, "figures.fee_notified", "收费通知总金额", "收费通知总金额为 30 元，但发出收费通知的件数为 0"),
    ],
)
def test_fee_figures_fail(builder: Builder, town, figures: dict, key: str, printed: str, message: str) -> None:
    report = builder.year(town, 2021, figures=figures)
    found = only(validate(report), "fee_figures")
    f = next(f for f in found if f.message == message)
    assert (f.severity, f.key, f.printed) == (Severity.ERROR, key, printed)
    assert f.line and line_of(report, f.line).strip().startswith(key.split(".")[1])


def test_fee_notices_without_any_application(builder: Builder, town) -> None:
    zero = {f"applications.{r}.{c}": 0 for r in ("new", "carried", "disclosed", "partial", "withheld_third_party", "unable_not_held", "rejected_repeat", "carry_forward") for c in ("natural", "business", "legal")}
    report = builder.year(town, 2021, cells=zero, figures=FEES_OK)
    (f,) = only(validate(report), "fee_figures")
    assert f.message == "发出收费通知的件数为 2，但本年没有新收或结转的政府信息公开申请"
    assert f.key == "figures.fee_notices"


def test_fee_figures_pass(builder: Builder, town) -> None:
    assert validate(builder.year(town, 2021, figures=FEES_OK)) == []


# ---------------------------------------------------------------------------------------------
# rule 8: 尚未审结 last year should be resolved this year


def test_pending_resolved(builder: Builder, town) -> None:
    y2021 = builder.year(town, 2021, cells={"review_litigation.cases.review_pending": 2})
    y2022 = builder.year(town, 2022, cells={"review_litigation.cases.review_upheld": 0, "review_litigation.cases.review_pending": 1})
    (f,) = only(validate(y2022, y2021), "pending_resolved")
    assert f.severity is Severity.WARNING
    assert f.message == "2021年尚未审结 2 件，本年该类案件的结果与尚未审结合计只有 1 件（0、0、0、1）：上年未审结的案件审结后应计入本年的结果"
    assert f.key == "tables.review_litigation.cases.review_pending"
    assert f.printed == f"{T4} › 行政复议 尚未审结"
    y2022 = builder.year(town, 2023, cells={"review_litigation.cases.review_upheld": 2})
    assert only(validate(y2022, y2021), "pending_resolved") == []
    assert only(validate(y2022), "pending_resolved") == []


def test_pending_resolved_litigation_group(builder: Builder, town) -> None:
    y2021 = builder.year(town, 2021, cells={"review_litigation.cases.after_pending": 3})
    y2022 = builder.year(town, 2022, cells={"review_litigation.cases.after_other": 1})
    (f,) = only(validate(y2022, y2021), "pending_resolved")
    assert f.printed == f"{T4} › 行政诉讼 复议后起诉 尚未审结"
    assert "2021年尚未审结 3 件" in f.message and "只有 1 件（0、0、1、0）" in f.message


# ---------------------------------------------------------------------------------------------
# rule 9: 现行有效 year over year


def test_in_force_continuity_warning(builder: Builder, town) -> None:
    y2021 = builder.year(town, 2021)
    y2022 = builder.year(town, 2022, previous=y2021)
    assert y2022.cells["proactive.normative_docs.in_force"] == 14
    assert validate(y2022, y2021) == []
    y2022.cells["proactive.normative_docs.in_force"] = 20
    (f,) = only(validate(y2022, y2021), "in_force_continuity")
    assert f.severity is Severity.WARNING
    assert f.message == "现行有效 20 件，而上年现行有效 12 + 本年制发 3 − 本年废止 1 = 14；如有失效、清理等其他变化，请确认此提示并说明"
    assert f.key == "tables.proactive.normative_docs.in_force"
    assert f.printed == f"{T2} › 第二十条第（一）项 › 行政规范性文件 › 现行有效件数"


def test_in_force_continuity_hard_error(builder: Builder, town) -> None:
    y2021 = builder.year(town, 2021)
    y2022 = builder.year(town, 2022, cells={"proactive.normative_docs.repealed": 16, "proactive.normative_docs.in_force": 0})
    (f,) = only(validate(y2022, y2021), "in_force_continuity")
    assert f.severity is Severity.ERROR
    assert f.message == "本年废止 16 件，多于上年现行有效（12）与本年制发（3）之和：废止的只能是已有的行政规范性文件"
    assert f.key == "tables.proactive.normative_docs.repealed"
    assert f.printed == f"{T2} › 第二十条第（一）项 › 行政规范性文件 › 本年废止件数"
    y2022.cells["proactive.normative_docs.repealed"] = 15
    y2022.cells["proactive.normative_docs.in_force"] = 0
    assert only(validate(y2022, y2021), "in_force_continuity") == [], "废止 may use up all that exists"


def test_in_force_needs_a_comparable_previous_year(chain: dict[int, YearReport]) -> None:
    chain[2021].cells["proactive.normative_docs.in_force"] = 999
    assert only(validate(chain[2021], chain[2020]), "in_force_continuity") == [], "gov2019 has no 现行有效 column"
    assert only(validate(chain[2021]), "in_force_continuity") == []


# ---------------------------------------------------------------------------------------------
# rule 10: 规章 for bodies that cannot make them

RULES_EXPLAINED = (
    "规章只能由国务院部门和省、自治区、直辖市人民政府以及设区的市、自治州人民政府制定（《立法法》）；"
    "本机关制定的内部规章制度（如工作制度、管理办法）不是规章，不应统计在此，没有请填 0"
)


def test_town_cannot_make_rules(builder: Builder, town) -> None:
    report = builder.year(town, 2021, cells={"proactive.rules.made": 1, "proactive.rules.in_force": 1})
    findings = only(validate(report), "rules_by_level")
    assert [f.key for f in findings] == ["tables.proactive.rules.made", "tables.proactive.rules.in_force"]
    f = findings[0]
    assert f.severity is Severity.ERROR
    assert f.message == f"镇不能制定规章，此处应为 0，实为 1。{RULES_EXPLAINED}"
    assert "内部规章制度" in f.message and "不是规章" in f.message
    assert f.printed == f"{T2} › 第二十条第（一）项 › 规章 › 本年制发件数"
    assert "made: 1" in line_of(report, f.line)


@pytest.mark.parametrize("level", ["乡", "街道", "县级人民政府", "县级部门"])
def test_other_levels_that_cannot_make_rules(builder: Builder, level: str) -> None:
    body = builder.body(name="某单位", level=level)
    report = builder.year(body, 2021, cells={"proactive.rules.made": 2, "proactive.rules.in_force": 2})
    assert [f.message.split("，")[0] for f in only(validate(report), "rules_by_level")] == [f"{level}不能制定规章"] * 2


def test_city_government_may_make_rules(builder: Builder) -> None:
    body = builder.body(name="某市", level="设区的市人民政府")
    report = builder.year(body, 2021, cells={"proactive.rules.made": 2, "proactive.rules.in_force": 2})
    assert validate(report) == []


def test_rules_by_level_gov2019(builder: Builder, town) -> None:
    report = builder.year(town, 2019, cells={"proactive.rules.published": 1})
    (f,) = only(validate(report), "rules_by_level")
    assert f.printed == f"{T2} › 第二十条第（一）项 › 规章 › 本年新公开数量"
    assert f.message.startswith("镇不能制定规章，此处应为 0，实为 1。")


# ---------------------------------------------------------------------------------------------
# rule 11: 万元


def test_money_magnitude_town(builder: Builder, town) -> None:
    report = builder.year(town, 2021, cells={"proactive.fees.amount": 1200})
    (f,) = only(validate(report), "fee_unit")
    assert f.severity is Severity.WARNING
    assert f.message == "金额 1200 万元（即 12000000 元）对镇而言偏大：此栏单位是万元，请核对是否按“元”填写了"
    assert f.key == "tables.proactive.fees.amount"
    assert f.printed == f"{T2} › 第二十条第（八）项 › 行政事业性收费 › 本年收费金额（单位：万元）"
    assert validate(builder.year(town, 2022, cells={"proactive.fees.amount": Decimal("999.99")})) == []


def test_money_magnitude_depends_on_level(builder: Builder) -> None:
    body = builder.body(name="某局", level="县级部门")
    assert validate(builder.year(body, 2021, cells={"proactive.fees.amount": 5000})) == []
    (f,) = only(validate(builder.year(body, 2022, cells={"proactive.fees.amount": 12000})), "fee_unit")
    assert "对县级部门而言偏大" in f.message


def test_money_magnitude_gov2019_procurement(builder: Builder, town) -> None:
    report = builder.year(town, 2019, cells={"proactive.procurement.amount": 350000})
    (f,) = only(validate(report), "fee_unit")
    assert f.printed == f"{T2} › 第二十条第（九）项 › 政府集中采购 › 采购总金额"
    assert "金额 350000 万元（即 3500000000 元）对镇而言偏大" in f.message


# ---------------------------------------------------------------------------------------------
# rule 13 (figures in prose): a breakdown's parts against its total


def test_breakdown_more_than_total(builder: Builder, town) -> None:
    report = builder.year(town, 2021, figures={"proactive_breakdown": [BreakdownItem("网站", 100), BreakdownItem("公开栏", 40)]})
    (f,) = only(validate(report), "breakdown_total")
    assert f.severity is Severity.WARNING
    assert f.message == (
        "各项（网站100、公开栏40）之和为 140条，大于本年主动公开政府信息总数 120条。"
        "如果是同一条信息在多个渠道发布（渠道重叠），请确认此提示并写明理由；否则请更正"
    )
    assert f.key == "figures.proactive_breakdown"
    assert f.id == "breakdown_total@figures.proactive_breakdown"
    assert f.printed == "主动公开政府信息分类（类别或渠道）"
    assert f.acknowledged is None


def test_breakdown_less_than_total(builder: Builder, town) -> None:
    report = builder.year(town, 2021, figures={"proactive_breakdown": [BreakdownItem("工作动态", 100)]})
    (f,) = only(validate(report), "breakdown_total")
    assert f.message == "各项（工作动态100）之和为 100条，小于本年主动公开政府信息总数 120条；如只列举了部分类别，请确认此提示"


def test_breakdown_absent_is_fine(builder: Builder, town) -> None:
    report = builder.year(town, 2021, figures={"proactive_breakdown": []}, prose={"overview_proactive": "本年主动公开政府信息${figures.proactive_total}条。"})
    assert validate(report) == []


# ---------------------------------------------------------------------------------------------
# gov2019: 上一年项目数量 / 本年增/减 count items, not decisions


def test_items_negative(builder: Builder, town) -> None:
    report = builder.year(town, 2019, cells={"proactive.penalty.items_change": -9})
    (f,) = only(validate(report), "items_continuity")
    assert f.severity is Severity.ERROR
    assert f.message == "上一年项目数量 8 加本年增/减 -9 后为负数。这两列统计的是事项（项目）的个数，不是处理决定的件数"
    assert f.key == "tables.proactive.penalty.items_change"
    assert f.printed == f"{T2} › 第二十条第（六）项 › 行政处罚 › 本年增/减"


def test_items_year_over_year(chain: dict[int, YearReport]) -> None:
    y2019, y2020 = chain[2019], chain[2020]
    assert y2020.cells["proactive.licensing.items_last_year"] == 21
    assert validate(y2020, y2019) == []
    y2020.cells["proactive.licensing.items_last_year"] = 25
    (f,) = only(validate(y2020, y2019), "items_continuity")
    assert f.severity is Severity.WARNING
    assert f.message == "应为2019年的上一年项目数量 20 加本年增/减 1，即 21，实为 25"
    assert f.key == "tables.proactive.licensing.items_last_year"
    assert f.printed == f"{T2} › 第二十条第（五）项 › 行政许可 › 上一年项目数量"


def test_rules_are_edition_specific() -> None:
    body = make_body()
    report = full_report(body, 2019)
    report.cells["proactive.normative_docs.public_total"] = 0
    assert validate(report) == []
    assert {r.kind for r in load_spec("gov2019").rules} >= {"items_continuity", "balance", "carry_over", "zero_for_levels", "money_magnitude"}
