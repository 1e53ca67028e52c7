"""validate(): what holds for every edition, and how findings name their place.

Blanks (未填写), the edition matching the year, required prose, ``${...}`` that do not resolve,
acknowledged warnings, and the shape of a finding (severity, rule, where, file, key, line).
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from conftest import Builder, full_report, make_body, only

from kit.findings import Severity, has_errors, open_findings
from kit.report import BreakdownItem, YearReport
from kit.validation import validate

T3 = "三、收到和处理政府信息公开申请情况"


def test_validate_never_raises_on_an_empty_report() -> None:
    for year in (2018, 2019, 2021):
        report = full_report(make_body(), year)
        report.cells = {}
        report.figures = {}
        report.prose = {}
        findings = validate(report)
        assert findings and all(f.is_error for f in findings)
        assert {f.rule for f in findings} <= {"blank", "placeholder"}


# ---------------------------------------------------------------------------------------------
# blanks: 未填写, never a zero


def test_blank_cell(gov2021: YearReport) -> None:
    gov2021.cells["applications.unable_unclear.research"] = None
    (f,) = validate(gov2021)
    assert (f.severity, f.rule) == (Severity.ERROR, "blank")
    assert f.message == "未填写（没有发生请填 0）"
    assert f.key == "tables.applications.unable_unclear.research"
    assert f.printed == f"{T3} › 三、本年度办理结果 （四）无法提供 3.补正后申请内容仍不明确 › 申请人情况 法人或其他组织 科研机构"
    assert f.file == gov2021.file and f.line is not None


def test_blank_cell_missing_from_the_file(gov2021: YearReport) -> None:
    del gov2021.cells["review_litigation.cases.after_other"]
    (f,) = validate(gov2021)
    assert f.rule == "blank" and f.key == "tables.review_litigation.cases.after_other"
    assert f.printed == "四、政府信息公开行政复议、行政诉讼情况 › 行政诉讼 复议后起诉 其他结果"


def test_whole_blank_row_is_one_finding(gov2021: YearReport) -> None:
    for col in ("natural", "business", "research", "nonprofit", "legal", "other"):
        gov2021.cells[f"applications.withheld_secret.{col}"] = None
    (f,) = validate(gov2021)
    assert f.rule == "blank"
    assert f.message == "整行未填写（没有发生请填 0）"
    assert f.key == "tables.applications.withheld_secret"
    assert f.printed == f"{T3} › 三、本年度办理结果 （三）不予公开 1.属于国家秘密"


def test_single_column_row_blank_names_the_cell(gov2021: YearReport) -> None:
    gov2021.cells["proactive.licensing.decisions"] = None
    (f,) = validate(gov2021)
    assert f.key == "tables.proactive.licensing.decisions"
    assert f.printed == "二、主动公开政府信息情况 › 第二十条第（五）项 › 行政许可 › 本年处理决定数量"


def test_blank_figures(gov2021: YearReport) -> None:
    gov2021.figures["fee_notices"] = None
    gov2021.figures["proactive_breakdown"] = [BreakdownItem("工作动态", None)]
    findings = only(validate(gov2021), "blank")
    assert [(f.key, f.printed, f.message) for f in findings] == [
        ("figures.proactive_breakdown[0]", "主动公开政府信息分类（类别或渠道）", "“工作动态”的条数未填写"),
        ("figures.fee_notices", "发出收费通知的件数", "未填写（件；没有请填 0）"),
    ]


def test_optional_figures_may_be_blank(gov2019: YearReport) -> None:
    for fig in ("fee_notices", "fee_notified", "fee_collected"):
        gov2019.figures[fig] = None
    assert validate(gov2019) == []


def test_blanks_are_not_zeros(gov2021: YearReport) -> None:
    gov2021.cells["applications.new.natural"] = None
    findings = validate(gov2021)
    assert [(f.rule, f.key) for f in findings] == [("blank", "tables.applications.new.natural"), ("placeholder", "prose.overview_requests")], (
        "no balance error computed from a guessed zero; the prose quoting the unknown total says so"
    )
    assert gov2021.cells["applications.new.natural"] is None


# ---------------------------------------------------------------------------------------------
# the edition matches the year


def test_edition_year_mismatch() -> None:
    report = full_report(make_body(), 2023, edition="gov2019")
    findings = validate(report)
    (f,) = only(findings, "edition_year")
    assert f.severity is Severity.ERROR
    assert f.message == (
        "2023年度报告应使用2021年版格式（gov2021，国办公开办函〔2021〕30号），文件中写的是2019年试行格式（gov2019）；"
        "用错格式（如2021年以后仍用2019年试行格式的表格）是常见错误"
    )
    assert (f.key, f.printed) == ("edition", "格式版本")
    assert only(validate(full_report(make_body(), 2023)), "edition_year") == []


def test_edition_year_legacy() -> None:
    (f,) = only(validate(full_report(make_body(), 2019, edition="legacy2008")), "edition_year")
    assert f.message.startswith("2019年度报告应使用2019年试行格式（gov2019，国办公开办函〔2019〕60号），文件中写的是2008年条例自由格式（legacy2008）")
    (f,) = only(validate(full_report(make_body(), 2018, edition="gov2021")), "edition_year")
    assert f.message.startswith("2018年度报告应使用2008年条例自由格式（legacy2008），文件中写的是2021年版格式（gov2021）")


def test_edition_year_from_file(builder: Builder, town) -> None:
    report = builder.year(town, 2022, edition="gov2019")
    (f,) = validate(report)
    assert f.rule == "edition_year" and f.file == report.file
    assert f.line == 3 and report.file.read_text(encoding="utf-8").split("\n")[2].startswith("edition: gov2019")  # type: ignore[union-attr]


# ---------------------------------------------------------------------------------------------
# prose


def test_required_prose_blank(gov2021: YearReport) -> None:
    gov2021.prose["problems"] = "  \n "
    gov2021.prose["overview_management"] = None
    findings = validate(gov2021)
    assert [(f.rule, f.key, f.printed) for f in findings] == [
        ("blank", "prose.overview_management", "一、总体情况 › （三）政府信息管理"),
        ("blank", "prose.problems", "五、存在的主要问题及改进情况"),
    ]
    assert findings[0].message == "正文未填写：写明政府信息公开保密审查、动态更新、规范性文件清理等管理工作。"
    assert findings[1].message == "正文未填写：写明上年度存在问题的整改情况、本年度存在的主要问题和改进措施。"


def test_optional_prose_may_be_blank() -> None:
    report = full_report(make_body(), 2018)
    report.prose["tasks"] = ""
    assert validate(report) == []
    report.prose["plans"] = ""
    (f,) = validate(report)
    assert (f.key, f.printed, f.message) == ("prose.plans", "三、2019年工作思路", "正文未填写")


def test_unresolved_placeholder(gov2021: YearReport) -> None:
    gov2021.prose["other"] = "本年度未收取信息处理费，详见${figures.fee_count}。"
    (f,) = validate(gov2021)
    assert (f.severity, f.rule) == (Severity.ERROR, "placeholder")
    assert f.message == "引用 ${figures.fee_count} 无法取值：名称不存在，或引用的数字未填写"
    assert f.key == "prose.other"
    assert f.printed == "六、其他需要报告的事项"


def test_placeholder_of_a_blank_figure(gov2021: YearReport) -> None:
    gov2021.figures["proactive_total"] = None
    findings = validate(gov2021)
    assert [(f.rule, f.key) for f in findings] == [("blank", "figures.proactive_total"), ("placeholder", "prose.overview_proactive")]
    assert "${figures.proactive_total}" in findings[1].message


def test_placeholder_of_a_computed_total_and_escapes(gov2021: YearReport) -> None:
    gov2021.prose["other"] = "信息处理费：$${不是引用}，申请总计${tables.applications.outcome_total.total}件，${year}年。"
    assert validate(gov2021) == []
    gov2021.prose["other"] = "信息处理费 ${tables.applications.nosuch.total} ${body.nosuch} ${ year }"
    assert [f.message for f in validate(gov2021)] == [
        "引用 ${tables.applications.nosuch.total} 无法取值：名称不存在，或引用的数字未填写",
        "引用 ${body.nosuch} 无法取值：名称不存在，或引用的数字未填写",
    ]


def test_body_field_missing_for_the_opening(builder: Builder) -> None:
    body = builder.body(name="丁镇", website=None)
    report = builder.year(body, 2021)
    (f,) = validate(report)
    assert (f.rule, f.key, f.printed) == ("placeholder", "body.website", "开头段落")
    assert f.message == "主体信息（body.yaml）缺少网址（website），开头段落要用到它"


# ---------------------------------------------------------------------------------------------
# acknowledged warnings


OVERLAP = [BreakdownItem("网站", 100), BreakdownItem("公开栏", 40)]
ACK = "breakdown_total@figures.proactive_breakdown"


def test_acknowledged_warning_stays_visible(gov2021: YearReport) -> None:
    gov2021.figures["proactive_breakdown"] = OVERLAP
    (f,) = validate(gov2021)
    assert f.acknowledged is None and open_findings([f]) == [f]
    gov2021.acknowledged[ACK] = "同一条信息在网站和公开栏都发布，渠道重叠"
    (f,) = validate(gov2021)
    assert f.severity is Severity.WARNING and f.rule == "breakdown_total"
    assert f.acknowledged == "同一条信息在网站和公开栏都发布，渠道重叠"
    assert open_findings([f]) == []
    assert f.describe().startswith("[提示][已确认：同一条信息在网站和公开栏都发布，渠道重叠] 主动公开政府信息分类（类别或渠道）：各项（网站100、公开栏40）之和为 140条")


def test_acknowledgement_stored_in_the_years_file(builder: Builder, town) -> None:
    report = builder.year(town, 2021, figures={"proactive_breakdown": OVERLAP})
    report.acknowledged[ACK] = "渠道重叠"
    builder.store.save_year(report)
    assert "reason: 渠道重叠" in report.file.read_text(encoding="utf-8")  # type: ignore[union-attr]
    again = builder.store.load_year(town.ref, 2021)
    assert again.acknowledged == {ACK: "渠道重叠"}
    (f,) = validate(again)
    assert f.acknowledged == "渠道重叠"


def test_errors_cannot_be_acknowledged(gov2021: YearReport) -> None:
    gov2021.cells["applications.carry_forward.natural"] = 2
    gov2021.acknowledged["balance@tables.applications.*.natural"] = "不想改"
    (f,) = validate(gov2021)
    assert f.is_error and f.acknowledged is None
    assert has_errors([f]) and open_findings([f]) == [f]


def test_acknowledging_another_warning_does_not_hide_this_one(gov2021: YearReport) -> None:
    gov2021.figures["proactive_breakdown"] = OVERLAP
    gov2021.acknowledged["fee_unit@tables.proactive.fees.amount"] = "确实很多"
    (f,) = validate(gov2021)
    assert f.acknowledged is None


# ---------------------------------------------------------------------------------------------
# the finding itself


def test_finding_describe_and_json(builder: Builder, town) -> None:
    report = builder.year(town, 2021, cells={"proactive.rules.made": 1})
    (f,) = validate(report)
    text = f.describe()
    assert text.startswith("[错误] 二、主动公开政府信息情况 › 第二十条第（一）项 › 规章 › 本年制发件数：镇不能制定规章，此处应为 0，实为 1。")
    assert text.endswith(f"（文件 {report.file} 第{f.line}行，键 tables.proactive.rules.made）")
    data = f.as_json()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data == {
        "severity": "error",
        "rule": "rules_by_level",
        "id": "rules_by_level@tables.proactive.rules.made",
        "message": f.message,
        "where": "二、主动公开政府信息情况 › 第二十条第（一）项 › 规章 › 本年制发件数",
        "key": "tables.proactive.rules.made",
        "file": str(report.file),
        "line": f.line,
        "acknowledged": None,
    }


def test_findings_point_at_the_line_of_their_key(builder: Builder, town) -> None:
    report = builder.year(
        town,
        2021,
        cells={"applications.carry_forward.natural": 0, "proactive.fees.amount": 5000, "proactive.rules.in_force": 2},
        prose={"other": "${figures.nope}"},
    )
    lines = report.file.read_text(encoding="utf-8").split("\n")  # type: ignore[union-attr]
    findings = validate(report)
    assert {f.rule for f in findings} == {"balance", "fee_unit", "rules_by_level", "placeholder"}
    for f in findings:
        if f.key and f.key.startswith(("tables.", "prose.", "figures.")) and "*" not in f.key:
            assert f.line is not None, f
            assert lines[f.line - 1].lstrip().startswith(f.key.rsplit(".", 1)[-1] + ":"), (f, lines[f.line - 1])


def test_findings_are_in_a_stable_order(gov2021: YearReport) -> None:
    gov2021.cells["applications.carry_forward.natural"] = 3
    gov2021.cells["proactive.rules.made"] = 1
    first = validate(gov2021)
    assert first == validate(gov2021)
    assert [f.rule for f in first] == ["balance", "rules_by_level"]


# ---------------------------------------------------------------------------------------------
# the shipped seed


def test_seed_validates_with_its_acknowledged_overlap(seed_store) -> None:
    from kit.report import BodyRef

    ref = BodyRef("微山县", "驩城镇")
    report = seed_store.load_year(ref, 2018)
    assert report.edition == "legacy2008"
    findings = validate(report)
    (f,) = findings
    assert f.rule == "breakdown_total" and f.acknowledged
    assert "公示公告28、微信公众号2" in f.message and "30条，大于主动公开政府信息总数 28条" in f.message
    assert not has_errors(findings)


@pytest.mark.parametrize("level", ["镇", "设区的市人民政府"])
def test_previous_year_of_another_body_level(level: str) -> None:
    body = dataclasses.replace(make_body(), level=level)
    last = full_report(body, 2021)
    this = full_report(body, 2022, previous=last)
    assert validate(this, last) == []
