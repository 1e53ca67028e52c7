"""What the rules and validation say (kit.rules, kit.validation): one function per finding.

Figures arrive as numbers and are printed here, so a blank reads the same (（未填写）) in
every message; places (rows, columns, sections) arrive as the labels the spec prints.
"""

from __future__ import annotations

from collections.abc import Sequence

from kit.messages.store import AN_EDITION, BLANK_FIGURE, OPENING
from kit.values import Number, format_figure

NOT_FILLED = f"（{BLANK_FIGURE}）"
TYPED_IN_FILE = "文件中填写的是"
TOTAL_IS_COMPUTED = "；合计由系统计算，可删去此项"
TITLE = "标题"
PLACE_OF_EDITION = AN_EDITION  # validation names the place as the file's comment does
OPENING_PARAGRAPH = OPENING

RULES_EXPLAINED = (
    "规章只能由国务院部门和省、自治区、直辖市人民政府以及设区的市、自治州人民政府制定（《立法法》）；"
    "本机关制定的内部规章制度（如工作制度、管理办法）不是规章，不应统计在此，没有请填 0"
)


def figure(value: Number | None) -> str:
    """A figure as a message prints it: 12, 0.35, or （未填写）."""
    return format_figure(value) if value is not None else NOT_FILLED


# --- the rule kinds (kit.rules) ---------------------------------------------------------------


def parts_named(labels: Sequence[str]) -> str:
    """The parts of a total: all of them up to six, else the first and last and how many."""
    return "、".join(labels) if len(labels) <= 6 else f"{labels[0]}至{labels[-1]}等{len(labels)}项"


def typed_total_differs(computed: Number | None, parts: str, typed: Number | None) -> str:
    return f"应为 {figure(computed)}（{parts}之和），{TYPED_IN_FILE} {figure(typed)}{TOTAL_IS_COMPUTED}"


def balance_differs(left: Sequence[tuple[str, Number | None]], right: Sequence[tuple[str, Number | None]]) -> str:
    """(row label, value) of each side of 第一项 + 第二项 = 第三项 + 第四项."""

    def side(terms: Sequence[tuple[str, Number | None]]) -> str:
        return " + ".join(f"“{label}” {figure(value)}" for label, value in terms)

    def total(terms: Sequence[tuple[str, Number | None]]) -> str:
        return figure(sum(v for _, v in terms if v is not None))

    return (
        f"{side(left)} = {total(left)}，而 {side(right)} = {total(right)}；"
        "按表中勾稽关系（第一项加第二项之和，等于第三项加第四项之和），两者应相等"
    )


def carry_over_differs(previous_year: int, from_label: str, last: Number | None, this: Number | None, renamed: bool) -> str:
    note = "（本年主体合并或更名，仅作提示，请在报告中说明）" if renamed else ""
    return f"应等于{previous_year}年报告的“{from_label}”（{figure(last)}），实为 {figure(this)}{note}"


def fee_not_mentioned(value: Number | None, section: str, word: str) -> str:
    return f"有 {figure(value)} 件申请因逾期未缴纳费用不再处理，但“{section}”没有提到{word}；请在该部分写明收取{word}的情况"


def fee_collected_without_notice(collected_label: str, collected: Number | None, notices_label: str) -> str:
    return f"{collected_label}为 {figure(collected)} 元，但{notices_label}为 0：没有收费通知不能收费"


def fee_collected_above_notified(collected_label: str, collected: Number | None, notified_label: str, notified: Number | None) -> str:
    return f"{collected_label}（{figure(collected)} 元）不能多于{notified_label}（{figure(notified)} 元）"


def fee_notified_without_notice(notified_label: str, notified: Number | None, notices_label: str) -> str:
    return f"{notified_label}为 {figure(notified)} 元，但{notices_label}为 0"


def fee_notices_without_requests(notices_label: str, notices: Number | None) -> str:
    return f"{notices_label}为 {figure(notices)}，但本年没有新收或结转的政府信息公开申请"


def pending_not_resolved(previous_year: int, last: Number | None, now: Sequence[Number | None]) -> str:
    total = figure(sum(v for v in now if v is not None))
    return (
        f"{previous_year}年尚未审结 {figure(last)} 件，本年该类案件的结果与尚未审结合计只有 {total} 件（{'、'.join(figure(v) for v in now)}）："
        "上年未审结的案件审结后应计入本年的结果"
    )


def repealed_more_than_existed(repealed: Number, last: Number, made: Number, what: str) -> str:
    return f"本年废止 {figure(repealed)} 件，多于上年现行有效（{figure(last)}）与本年制发（{figure(made)}）之和：废止的只能是已有的{what}"


def in_force_differs(in_force: Number, last: Number, made: Number, repealed: Number) -> str:
    return (
        f"现行有效 {figure(in_force)} 件，而上年现行有效 {figure(last)} + 本年制发 {figure(made)} − 本年废止 {figure(repealed)} = {figure(last + made - repealed)}；"
        "如有失效、清理等其他变化，请确认此提示并说明"
    )


def rules_made_by_level(level: str, value: Number | None) -> str:
    return f"{level}不能制定规章，此处应为 0，实为 {figure(value)}。{RULES_EXPLAINED}"


def money_too_large(value: Number, level: str) -> str:
    return f"金额 {figure(value)} 万元（即 {figure(value * 10000)} 元）对{level}而言偏大：此栏单位是万元，请核对是否按“元”填写了"


def breakdown_above_total(listed: str, parts: Number, unit: str, total_label: str, total: Number) -> str:
    return (
        f"各项（{listed}）之和为 {figure(parts)}{unit}，大于{total_label} {figure(total)}{unit}。"
        "如果是同一条信息在多个渠道发布（渠道重叠），请确认此提示并写明理由；否则请更正"
    )


def breakdown_below_total(listed: str, parts: Number, unit: str, total_label: str, total: Number) -> str:
    return f"各项（{listed}）之和为 {figure(parts)}{unit}，小于{total_label} {figure(total)}{unit}；如只列举了部分类别，请确认此提示"


def breakdown_listed(items: Sequence[tuple[str, Number | None]]) -> str:
    return "、".join(f"{name}{figure(count)}" for name, count in items)


def items_negative(last: Number, change: Number) -> str:
    return f"上一年项目数量 {figure(last)} 加本年增/减 {figure(change)} 后为负数。这两列统计的是事项（项目）的个数，不是处理决定的件数"


def items_not_continued(previous_year: int, p_last: Number, p_change: Number, last: Number) -> str:
    return f"应为{previous_year}年的上一年项目数量 {figure(p_last)} 加本年增/减 {figure(p_change)}，即 {figure(p_last + p_change)}，实为 {figure(last)}"


# --- what validation adds for every edition (kit.validation) ---------------------------------


def wrong_edition(year: int, want_name: str, expected: str, notice: str | None, got_name: str, got: str) -> str:
    return (
        f"{year}年度报告应使用{want_name}（{expected}{'，' + notice if notice else ''}），"
        f"文件中写的是{got_name}（{got}）；用错格式（如2021年以后仍用2019年试行格式的表格）是常见错误"
    )


ROW_NOT_FILLED = "整行未填写（没有发生请填 0）"
CELL_NOT_FILLED = "未填写（没有发生请填 0）"


def item_count_not_filled(name: str) -> str:
    return f"“{name}”的条数未填写"


def figure_not_filled(unit: str) -> str:
    return f"未填写（{unit}；没有请填 0）"


def prose_not_written(guidance: str | None) -> str:
    return "正文未填写" + (f"：{guidance}" if guidance else "")


def unresolved(name: str) -> str:
    return f"引用 ${{{name}}} 无法取值：名称不存在，或引用的数字未填写"


def body_field_missing(field_label: str, field: str, used_by: str) -> str:
    return f"主体信息（body.yaml）缺少{field_label}（{field}），{used_by}要用到它"


def below_floor(label: str, value: Number, plus: Sequence[tuple[str, Number | None]], minus: Sequence[tuple[str, Number | None]], floor: Number, row: str) -> str:
    """现行有效 below 本年制发 − 本年废止 (kit.rules.check_not_below)."""
    terms = " − ".join([" + ".join(f"{name} {figure(v)}" for name, v in plus)] + [f"{name} {figure(v)}" for name, v in minus])
    return f"{label} {figure(value)} 少于 {terms} = {figure(floor)}：本年新增而没有废止的{row}至少还有 {figure(floor)} 件，应计入{label}"
