"""The edition specs against the official format (shared/reference/official-format.md).

Every expected label below is copied from the reference as printed; the specs must match them
character for character (full-width brackets, curly quotes and all).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kit.errors import SpecError
from kit.spec import SPEC_DIR, edition_for_year, load_levels, load_spec

GOV2021_SECTIONS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]

# Table 三's rows exactly as the reference prints them; the indentation is the nesting.
TABLE3_ROWS_2021 = """\
一、本年新收政府信息公开申请数量
二、上年结转政府信息公开申请数量
三、本年度办理结果
  （一）予以公开
  （二）部分公开（区分处理的，只计这一情形，不计其他情形）
  （三）不予公开
      1.属于国家秘密
      2.其他法律行政法规禁止公开
      3.危及“三安全一稳定”
      4.保护第三方合法权益
      5.属于三类内部事务信息
      6.属于四类过程性信息
      7.属于行政执法案卷
      8.属于行政查询事项
  （四）无法提供
      1.本机关不掌握相关政府信息
      2.没有现成信息需要另行制作
      3.补正后申请内容仍不明确
  （五）不予处理
      1.信访举报投诉类申请
      2.重复申请
      3.要求提供公开出版物
      4.无正当理由大量反复申请
      5.要求行政机关确认或重新出具已获取信息
  （六）其他处理
      1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
      2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请
      3.其他
  （七）总计
四、结转下年度继续办理
"""

CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

TABLE3_COLUMNS = [
    ("申请人情况", "自然人"),
    ("申请人情况", "法人或其他组织", "商业企业"),
    ("申请人情况", "法人或其他组织", "科研机构"),
    ("申请人情况", "法人或其他组织", "社会公益组织"),
    ("申请人情况", "法人或其他组织", "法律服务机构"),
    ("申请人情况", "法人或其他组织", "其他"),
    ("申请人情况", "总计"),
]

OUTCOMES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
TABLE4_COLUMNS = (
    [("行政复议", x) for x in OUTCOMES]
    + [("行政诉讼", "未经复议直接起诉", x) for x in OUTCOMES]
    + [("行政诉讼", "复议后起诉", x) for x in OUTCOMES]
)

# Table 二: (block label, [row labels], [(column label, unit)])
TABLE2_2021 = [
    ("第二十条第（一）项", ["规章", "行政规范性文件"], [("本年制发件数", "件"), ("本年废止件数", "件"), ("现行有效件数", "件")]),
    ("第二十条第（五）项", ["行政许可"], [("本年处理决定数量", "件")]),
    ("第二十条第（六）项", ["行政处罚", "行政强制"], [("本年处理决定数量", "件")]),
    ("第二十条第（八）项", ["行政事业性收费"], [("本年收费金额（单位：万元）", "万元")]),
]
ITEMS = [("上一年项目数量", "项"), ("本年增/减", "项"), ("处理决定数量", "件")]
TABLE2_2019 = [
    ("第二十条第（一）项", ["规章", "规范性文件"], [("本年新制作数量", "件"), ("本年新公开数量", "件"), ("对外公开总数量", "件")]),
    ("第二十条第（五）项", ["行政许可", "其他对外管理服务事项"], ITEMS),
    ("第二十条第（六）项", ["行政处罚", "行政强制"], ITEMS),
    ("第二十条第（八）项", ["行政事业性收费"], ITEMS[:2]),
    ("第二十条第（九）项", ["政府集中采购"], [("采购项目数量", "项"), ("采购总金额", "万元")]),
]


def printed_rows(table) -> str:
    """The row header as printed: group labels once, before their rows, indented by depth."""
    lines: list[str] = []
    seen: set[tuple[str, ...]] = set()
    indent = ["", "  ", "      "]
    for block in table.blocks:
        for row in block.rows:
            for depth in range(len(row.path)):
                prefix = row.path[: depth + 1]
                if prefix not in seen:
                    seen.add(prefix)
                    lines.append(indent[depth] + prefix[-1])
    return "\n".join(lines) + "\n"


def table2(spec) -> list:
    t = spec.table("proactive")
    return [(b.label, [r.label for r in b.rows], [(c.label, c.unit) for c in b.columns]) for b in t.blocks]


# ---------------------------------------------------------------------------------------------
# gov2021


def test_gov2021_sections_in_order_with_exact_titles() -> None:
    spec = load_spec("gov2021")
    assert [f"{s.number}{s.title}" for s in spec.sections] == GOV2021_SECTIONS
    assert [s.table for s in spec.sections] == [None, "proactive", "applications", "review_litigation", None, None]
    overview = spec.sections[0]
    assert [f"{s.number}{s.title}" for s in overview.subsections] == [
        "（一）主动公开",
        "（二）依申请公开",
        "（三）政府信息管理",
        "（四）政府信息公开平台建设",
        "（五）监督保障",
    ]
    assert "信息处理费" in (spec.sections[5].guidance or "") and "国办函〔2020〕109号" in (spec.sections[5].guidance or "")


def test_gov2021_notice_and_title() -> None:
    spec = load_spec("gov2021")
    assert spec.notice == "国办公开办函〔2021〕30号"
    assert "国办公开办函〔2021〕30号" in spec.opening
    assert "${year}年1月1日" in spec.opening and "${year}年12月31日" in spec.opening
    assert spec.title == "${body.full_name}${year}年政府信息公开工作年度报告"


def test_gov2021_table2_blocks_rows_columns() -> None:
    spec = load_spec("gov2021")
    t = spec.table("proactive")
    assert t.printed == "二、主动公开政府信息情况"
    assert t.row_header == "信息内容"
    assert table2(spec) == TABLE2_2021
    money = [(c.label, c.kind) for b in t.blocks for c in b.columns if c.kind == "money"]
    assert money == [("本年收费金额（单位：万元）", "money")], "the only money cell is 收费金额 in 万元"


@pytest.mark.parametrize("edition", ["gov2021", "gov2019"])
def test_table3_corner_and_columns(edition: str) -> None:
    t = load_spec(edition).table("applications")
    assert t.printed == "三、收到和处理政府信息公开申请情况"
    assert t.corner == CORNER
    (block,) = t.blocks
    assert [c.path for c in block.columns] == TABLE3_COLUMNS
    assert {c.unit for c in block.columns} == {"件"}
    assert {c.kind for c in block.columns} == {"count"}


def test_gov2021_table3_rows_exactly_as_printed() -> None:
    assert printed_rows(load_spec("gov2021").table("applications")) == TABLE3_ROWS_2021


def test_gov2019_table3_other_handling_is_a_single_row() -> None:
    expected = TABLE3_ROWS_2021.replace(
        "  （六）其他处理\n"
        "      1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\n"
        "      2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\n"
        "      3.其他\n",
        "  （六）其他处理\n",
    )
    assert expected != TABLE3_ROWS_2021
    t = load_spec("gov2019").table("applications")
    assert printed_rows(t) == expected
    assert t.row("other_handling").path == ("三、本年度办理结果", "（六）其他处理")
    with pytest.raises(KeyError):
        t.row("other_unpaid_fee")
    t21 = load_spec("gov2021").table("applications")
    assert [t21.row(r).path[-1] for r in ("other_no_correction", "other_unpaid_fee", "other_misc")] == [
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
    ]


@pytest.mark.parametrize("edition", ["gov2021", "gov2019"])
def test_table4_fifteen_columns(edition: str) -> None:
    t = load_spec(edition).table("review_litigation")
    assert t.printed == "四、政府信息公开行政复议、行政诉讼情况"
    assert not t.row_labels
    (block,) = t.blocks
    assert len(block.columns) == 15
    assert [c.path for c in block.columns] == TABLE4_COLUMNS
    assert len(block.rows) == 1


def test_table4_identical_across_editions() -> None:
    a, b = load_spec("gov2021").table("review_litigation"), load_spec("gov2019").table("review_litigation")
    assert a == b


# ---------------------------------------------------------------------------------------------
# gov2019 differences


def test_gov2019_table2_differences() -> None:
    spec = load_spec("gov2019")
    assert table2(spec) == TABLE2_2019
    t = spec.table("proactive")
    assert t.row("procurement").label == "政府集中采购"
    kinds = {c.label: c.kind for b in t.blocks for c in b.columns}
    assert kinds["本年增/减"] == "delta", "本年增/减 may be negative"
    assert kinds["采购总金额"] == "money"
    assert "政府集中采购" not in {r.label for b in load_spec("gov2021").table("proactive").blocks for r in b.rows}


def test_gov2019_notice_sections_and_rules() -> None:
    spec = load_spec("gov2019")
    assert spec.notice == "国办公开办函〔2019〕60号"
    assert "（试行）" in spec.opening and "国办公开办函〔2019〕60号" in spec.opening
    assert [f"{s.number}{s.title}" for s in spec.sections] == GOV2021_SECTIONS
    ids = [r.id for r in spec.rules]
    assert "fee_mentioned" not in ids and "in_force_continuity" not in ids
    assert "items_continuity" in ids
    outcome = next(r for r in spec.rules if r.id == "outcome_total")
    assert outcome.params["parts"][-1] == "other_handling"
    assert spec.figure("fee_notices").optional


def test_legacy2008_is_free_form() -> None:
    spec = load_spec("legacy2008")
    assert spec.free_form and spec.tables == () and spec.notice is None
    assert [f"{s.number}{s.title}" for s in spec.sections] == ["一、政府信息公开情况", "二、存在的主要问题", "三、${next_year}年工作思路"]


# ---------------------------------------------------------------------------------------------
# edition follows the year


@pytest.mark.parametrize(
    ("year", "edition"),
    [(2008, "legacy2008"), (2018, "legacy2008"), (2019, "gov2019"), (2020, "gov2019"), (2021, "gov2021"), (2035, "gov2021")],
)
def test_edition_for_year(year: int, edition: str) -> None:
    assert edition_for_year(year) == edition
    assert load_spec(edition).covers(year)
    others = {"legacy2008", "gov2019", "gov2021"} - {edition}
    assert not any(load_spec(e).covers(year) for e in others)


# ---------------------------------------------------------------------------------------------
# computed cells


def test_computed_cells_gov2021() -> None:
    spec = load_spec("gov2021")
    t3 = spec.table("applications")
    rows3 = [r.id for r in t3.blocks[0].rows]
    assert len(rows3) == 25
    parts = ["natural", "business", "research", "nonprofit", "legal", "other"]
    expected3 = {(r, "total") for r in rows3} | {("outcome_total", c) for c in parts}
    assert t3.computed == expected3
    assert spec.table("review_litigation").computed == {("cases", "review_total"), ("cases", "direct_total"), ("cases", "after_total")}
    assert spec.table("proactive").computed == frozenset()
    assert sum(1 for c in spec.cells() if c.computed) == 31 + 3
    # formulas: the 总计 column sums the six applicant columns; （七）总计 sums the 21 outcome rows
    assert spec.formulas["applications.new.total"] == tuple(f"applications.new.{p}" for p in parts)
    assert len(spec.formulas["applications.outcome_total.natural"]) == 21
    assert spec.formulas["review_litigation.cases.after_total"] == tuple(
        f"review_litigation.cases.after_{x}" for x in ("upheld", "corrected", "other", "pending")
    )


def test_computed_cells_gov2019() -> None:
    spec = load_spec("gov2019")
    t3 = spec.table("applications")
    rows3 = [r.id for r in t3.blocks[0].rows]
    assert len(rows3) == 23
    expected3 = {(r, "total") for r in rows3} | {("outcome_total", c) for c in ("natural", "business", "research", "nonprofit", "legal", "other")}
    assert t3.computed == expected3
    assert len(spec.formulas["applications.outcome_total.legal"]) == 19
    assert spec.table("proactive").computed == frozenset()


def test_cell_printed_names_table_block_row_and_column() -> None:
    spec = load_spec("gov2021")
    cell = spec.cell_index["applications.withheld_secret.business"]
    assert cell.printed == "三、收到和处理政府信息公开申请情况 › 三、本年度办理结果 （三）不予公开 1.属于国家秘密 › 申请人情况 法人或其他组织 商业企业"
    assert spec.cell_index["proactive.rules.made"].printed == "二、主动公开政府信息情况 › 第二十条第（一）项 › 规章 › 本年制发件数"
    assert spec.cell_index["review_litigation.cases.direct_pending"].printed == "四、政府信息公开行政复议、行政诉讼情况 › 行政诉讼 未经复议直接起诉 尚未审结"


def test_levels() -> None:
    levels = load_levels()
    for town in ("镇", "乡", "街道", "县级人民政府", "县级部门"):
        assert not levels[town].can_make_rules
    for maker in ("设区的市人民政府", "省级人民政府", "国务院部门"):
        assert levels[maker].can_make_rules


def test_the_levels_the_code_uses_are_named_in_levels_yaml(tmp_path: Path) -> None:
    """The summary's total and an import without a recognisable level take their level from levels.yaml's roles."""
    from kit.spec import level_role

    assert level_role("county_total") == "县级人民政府" and level_role("imported_unknown") == "县级部门"
    folder = tmp_path / "specs"
    shutil.copytree(SPEC_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    levels = folder / "levels.yaml"
    levels.write_text(levels.read_text(encoding="utf-8").replace("county_total: 县级人民政府", "county_total: 县政府"), encoding="utf-8")
    with pytest.raises(SpecError) as exc:
        level_role("county_total", folder)
    assert "roles.county_total" in str(exc.value) and "县政府" in str(exc.value) and str(levels) in str(exc.value)


# ---------------------------------------------------------------------------------------------
# malformed specs fail at load, naming the path


def broken_copy(tmp_path: Path, edition: str, old: str, new: str) -> Path:
    folder = tmp_path / "specs"
    if not folder.exists():
        shutil.copytree(SPEC_DIR, folder)
    path = folder / f"{edition}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("edition", "old", "new", "where", "problem"),
    [
        ("gov2021", "- {id: carry_forward, label: 四、结转下年度继续办理}", "- {label: 四、结转下年度继续办理}", "tables[1].blocks[0].rows[3].id", "缺失或不是文字"),
        ("gov2021", "{id: withheld_law, label:", "{id: 2withheld, label:", "tables[1].blocks[0].rows[2].rows[2].rows[1].id", "应为 ASCII 标识符"),
        ("gov2021", "{id: review_other, label: 其他结果, unit: 件}", "{id: review_other, label: 其他结果}", "tables[2].blocks[0].columns[0].columns[2].unit", "缺失或不是文字"),
        ("gov2021", "{id: amount, label: 本年收费金额（单位：万元）, unit: 万元, kind: money}", "{id: amount, label: 本年收费金额（单位：万元）, unit: 万元, kind: cash}", "tables[0].blocks[3].columns[0].kind", "'cash'"),
        ("gov2021", "kind: balance, table: applications, left: [new, carried]", "kind: balance, table: applications, left: [new, carryd]", "rules[2].left", "不存在的行 'carryd'"),
        ("gov2021", "{id: carry_over, ref: 4, kind: carry_over,", "{id: carry_over, ref: 4, kind: carry_ovr,", "rules[3].kind", "未知的规则类型 'carry_ovr'"),
        ("gov2021", "kind: money_magnitude, table: proactive,", "kind: money_magnitude, table: proactiv,", "rules[11].table", "不存在的表格 'proactiv'"),
        ("gov2021", "kind: fee_mentioned, table: applications, row: other_unpaid_fee, column: total, section: other,", "kind: fee_mentioned, table: applications, row: other_unpaid_fee, column: totl, section: other,", "rules[4].column", "不存在的列 'totl'"),
        ("gov2021", "section: other, word: 信息处理费", "section: others, word: 信息处理费", "rules[4].section", "不存在的正文部分 'others'"),
        ("gov2021", "kind: breakdown_total, figure: proactive_breakdown", "kind: breakdown_total, figur: proactive_breakdown", "rules[12].figure", "缺失"),
        ("gov2021", "    table: proactive\n  - id: applications\n", "    table: proactives\n  - id: applications\n", "sections[1].table", "不存在的表格 'proactives'"),
        ("gov2021", "{id: fee_notices, label: 发出收费通知的件数, unit: 件, kind: count}", "{id: fee_notices, label: 发出收费通知的件数, unit: 件, kind: number}", "figures[2].kind", "'number'"),
        ("gov2021", "{id: research, label: 科研机构, unit: 件}", "{id: business, label: 科研机构, unit: 件}", "tables[1].blocks[0].columns", "'business' 重复"),
    ],
)
def test_malformed_spec_names_the_path(tmp_path: Path, edition: str, old: str, new: str, where: str, problem: str) -> None:
    folder = broken_copy(tmp_path, edition, old, new)
    with pytest.raises(SpecError) as exc:
        load_spec(edition, folder)
    message = str(exc.value)
    assert f" {where} " in message, message
    assert problem in message, message
    assert str(folder / f"{edition}.yaml") in message


def test_malformed_parent_fails_the_child(tmp_path: Path) -> None:
    """gov2019 extends gov2021: a broken row in the merged table names the child file's path."""
    folder = broken_copy(tmp_path, "gov2019", "- {id: other_handling, label: （六）其他处理}", "- {label: （六）其他处理}")
    with pytest.raises(SpecError, match=r"gov2019\.yaml 的 tables\[1\]\.blocks\[0\]\.rows\[2\]\.rows\[5\]\.id 缺失或不是文字"):
        load_spec("gov2019", folder)
    # the rule that names the removed row is not reached: the table fails first


def test_spec_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    folder = broken_copy(tmp_path, "gov2021", "id: gov2021\n", "id: [gov2021\n")
    with pytest.raises(SpecError, match=r"gov2021\.yaml 第\d+行第\d+列不是有效的 YAML"):
        load_spec("gov2021", folder)


def test_unknown_edition() -> None:
    with pytest.raises(SpecError, match="找不到格式版本 'gov2030'"):
        load_spec("gov2030")


def test_shipped_specs_load_and_are_cached() -> None:
    for edition in ("gov2021", "gov2019", "legacy2008"):
        assert load_spec(edition) is load_spec(edition)
        assert load_spec(edition).id == edition


# ---------------------------------------------------------------------------------------------
# the parsed specs are cached beside them (kit/specs/__pycache__/specs.json), keyed by their bytes


def test_spec_cache_follows_edits_and_survives_damage(tmp_path: Path) -> None:
    folder = tmp_path / "specs"
    shutil.copytree(SPEC_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    assert load_spec("gov2019", folder).table("proactive").row("procurement").label == "政府集中采购"
    cache = folder / "__pycache__" / "specs.json"
    assert cache.is_file()
    path = folder / "gov2021.yaml"  # gov2019 extends it: an edit there must reach gov2019
    path.write_text(path.read_text(encoding="utf-8").replace("title: 存在的主要问题及改进情况", "title: 存在的问题"), encoding="utf-8")
    load_spec.cache_clear()
    assert load_spec("gov2019", folder).sections[4].title == "存在的问题", "gov2019 inherits its sections"
    cache.write_text("{damaged", encoding="utf-8")
    load_spec.cache_clear()
    assert load_spec("gov2021", folder).sections[4].title == "存在的问题"
    load_spec.cache_clear()


def test_spec_cache_is_optional(tmp_path: Path) -> None:
    folder = tmp_path / "specs"
    shutil.copytree(SPEC_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "__pycache__").write_text("a file where the cache folder would be", encoding="utf-8")
    assert load_spec("legacy2008", folder).free_form


def test_a_row_is_named_as_printed_in_one_place() -> None:
    """Table.row_printed: table › block › row labels; no row labels where the table prints none (表四)."""
    spec = load_spec("gov2021")
    proactive = spec.table("proactive")
    row = proactive.blocks[0].rows[0]
    block = proactive.blocks[0]
    expected = " › ".join(x for x in (proactive.printed, block.label, row.printed) if x)
    assert proactive.row_printed(row.id) == expected
    assert proactive.row_printed(row.id, with_table=False) == " › ".join(x for x in (block.label, row.printed) if x)
    review = spec.table("review_litigation")
    only = review.blocks[0].rows[0]
    assert review.row_printed(only.id) == review.printed and review.row_printed(only.id, with_table=False) == ""
    cell = next(c for c in spec.cells() if c.table.id == "proactive" and c.row.id == row.id)
    assert cell.printed.startswith(proactive.row_printed(row.id) + " › ")
