"""Texts of the data layer (kit.data): the export of every figure as a table (kit export-data),
and the county's summary (汇总) that kit summary prints and publishes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kit.messages import store as _store

COUNTY = _store.COUNTY
BODY = _store.BODY

# --- the frame of every figure (kit.data.frame) ---------------------------------------------------

# Explained in the Excel file's second sheet and in `kit export-data --help`.
COLUMN_NOTES = {
    "body": "报告主体（文件夹名）",
    "full_name": "报告主体全称",
    "county": "所属县（市、区）",
    "level": "层级",
    "year": "年度",
    "edition": "格式版本（gov2021 / gov2019 / legacy2008）",
    "table": "表格（figures 为正文引用的数字）",
    "row": "行（数字的编号）",
    "column": "列（分类数字为类别名称）",
    "key": "引用名（正文中写作 ${…}）",
    "value": "数值（空白表示未填写，不是 0）",
    "unit": "单位",
    "computed": "是否为系统计算的合计（求和时请排除）",
    "table_label": "表格名称（如印出）",
    "block_label": "栏目（如 第二十条第（一）项）",
    "row_label": "行名称（如印出，含上级行）",
    "column_label": "列名称（如印出，含上级表头）",
}
FIGURE_VALUE_LABEL = "数值"
DATA_SHEET = "数据"
NOTES_SHEET = "字段说明"
NOTES_HEADERS = ("字段", "说明")
EVERYTHING = "全部"  # the export's name when no body or county is chosen


def years_malformed(part: str) -> str:
    return f"年份写法不对：“{part}”；应写作 2021 或 2019-2025，多个用逗号分开"


def years_reversed(part: str) -> str:
    return f"年份范围 “{part}” 前大后小"


NO_YEARS = "没有指定年份"


def no_such_body(root: object, ref: object) -> str:
    return f"参数文件夹 {root} 中没有报告主体 “{ref}”"


def no_such_county(root: object, county: str) -> str:
    return f"参数文件夹 {root} 中没有 “{county}”"


def did_you_mean(close: str) -> str:
    return f"，您是不是要写 “{close}”？"


def known_ones(what: str, known: Iterable[str]) -> str:
    return f"；现有的{what}：{'、'.join(known)}"


def files_unreadable(count: int, reasons: Sequence[str]) -> str:
    lines = "\n".join(f"  - {reason}" for reason in reasons)
    return f'有 {count} 个文件未能读取，数据未导出（加 errors="skip" 可跳过它们）：\n{lines}'


def editions_differ(ref: object, year: object, first: str, second: str) -> str:
    return f"{ref} {year}年的数据中格式版本不一致：{first} 与 {second}"


def where_in_frame(ref: object, year: object, key: object) -> str:
    return f"{ref} {year}年 {key}"


def no_such_cell(where: str, edition: str) -> str:
    return f"{where}：{edition}中没有这个单元格"


def edition_of_data_differs(ref: object, year: int, data: str, parameters: str) -> str:
    return f"{ref} {year}年：数据的格式版本是 {data}，参数文件是 {parameters}"


def unknown_format(fmt: str, known: Iterable[str]) -> str:
    return f"不支持的格式 “{fmt}”；可用：{'、'.join(known)}"


# --- the county's summary (kit.data.summary) --------------------------------------------------------

# format strings, read by kit.data.summary and by the summary's page and notebook (kit.data.summary.TEXT)
SUMMARY = {
    "title": "{county}{year}年政府信息公开工作年度报告汇总",
    "total_body": "全县合计",
    "total_full_name": "{county}（各单位合计）",
    "total_blank": "无法合计：{bodies}未填写此项",
    "excluded_edition": "使用了{got}，与{year}年应使用的{want}不符，未计入合计",
    "excluded_unreadable": "文件无法读取，未计入合计",
    "missing_file": "尚无参数文件 {file}",
    "not_due": "首份报告为{first}年，不在{year}年报送范围内",
    "no_previous": "上年合计不可比（{bodies}没有可用的{year}年报告），未做跨年度检查",
}
# a body's state in the summary, by kit.data.summary.Status
STATUS = {
    "passed": "已报送，检查通过",
    "warnings": "已报送，有待确认的提示",
    "errors": "已报送，有错误",
    "unreadable": "已报送，文件无法读取",
    "missing": "未报送",
    "not_due": "不在本年报送范围",
}


def no_bodies_in_county(root: object, county: str, known: Sequence[str]) -> str:
    return f"参数文件夹 {root} 中没有 “{county}” 的报告主体" + (f"；现有：{'、'.join(known)}" if known else "")
