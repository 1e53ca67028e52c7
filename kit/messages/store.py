"""What the store, the parameter files and the figures in them say (kit.store, kit.yamlio, kit.values).

Loading a file names the file, the line and the key; these functions give the sentence that
follows. The comments written into a parameter file (dump_year, dump_body) are here too: they are
what a person editing the file by hand reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

# --- reading and saving files (kit.yamlio) ----------------------------------------------------

DUPLICATE_KEY = "键重复（同一个键写了两次）"
TOO_MANY_DIGITS = "数字位数过多"
BLANK_FIGURE = "未填写"  # a blank figure in words (charts, rule messages): a blank is never 0

# errors a user can act on (the system's wording follows in brackets), by errno name
DISK_FULL = "磁盘空间已满，请清理磁盘后再保存"
QUOTA_EXCEEDED = "磁盘配额已用完，请清理后再保存"
READ_ONLY_DISK = "文件所在的磁盘是只读的"


def line_and_column(line: int, column: int) -> str:
    """1-based."""
    return f"第{line}行第{column}列"


def line_no(line: int) -> str:
    return f"第{line}行"


# what a parameter file may not hold (kit.yamlio's strict loading)
_NO_ANCHORS = "（参数文件不支持锚点和别名，请把内容直接写出）"


def alias_used(name: str) -> str:
    return f"用了别名 *{name}{_NO_ANCHORS}"


def anchor_used(name: str) -> str:
    return f"用了锚点 &{name}{_NO_ANCHORS}"


def tag_used(tag: object) -> str:
    return f"用了标签 {tag}（参数文件只能是普通的文字和数字，不支持标签）"


LONE_SURROGATE = "含有无效的字符（单独的代理项，如 \\ud800），请删除后重试"


def too_deep(path: Path | str, where: str, most: int) -> str:
    """`where` is a line_no(), or empty."""
    return f"文件 {path} {where}嵌套超过 {most} 层（参数文件最多四五层），未读取；请检查括号和缩进"


def too_large_file(path: Path | str, size: int, most: int) -> str:
    return (
        f"文件 {path} 有 {size / 1024 / 1024:.1f} MB，超过参数文件的上限 {most // 1024 // 1024} MB"
        "（一份年度报告的参数文件通常只有几十 KB），未读取；请确认选对了文件"
    )


def refused_in_file(path: Path | str, where: str, what: str) -> str:
    """`where` is a line_no(), or empty; `what` one of alias_used() … LONE_SURROGATE."""
    return f"文件 {path} {where}{what}"


def not_yaml(path: Path | str, where: str, problem: Any) -> str:
    """`where` is a line_and_column(), or empty."""
    return f"文件 {path} {where}不是有效的 YAML：{problem}"


def unreadable_value(path: Path | str, where: str, what: str) -> str:
    return f"文件 {path} {where}中有无法读取的值（{what}），请核对后重试"


def not_utf8(path: Path | str, at_byte: int) -> str:
    return f"文件 {path} 不是 UTF-8 编码（第{at_byte}字节附近），请另存为 UTF-8 后重试"


def changed_since_opened(path: Path | str, deleted: bool, created: bool) -> str:
    what = "已被删除" if deleted else ("已存在" if created else "已被修改")
    return f"文件 {path} 在您打开之后{what}（可能有人在另一个窗口或另一台电脑上保存过）。为避免覆盖他人的修改，本次未保存；请重新打开该文件，核对后再保存。"


def cannot_save(path: Path | str, why: str) -> str:
    return f"无法保存文件 {path}：{why}。原文件未改动。"


# --- figures as typed (kit.values) ------------------------------------------------------------

NOTHING_MARKS = ("/", "-", "—", "无")  # what clerks type for "nothing happened" instead of 0


def not_a_number(raw: object) -> str:
    """`raw` as it should be shown (already repr()'d or quoted where that helps)."""
    return f"应为数字，实为 {raw}"


def not_a_number_quoted(raw: str) -> str:
    return f"应为数字，实为 “{raw}”"


def nothing_mark(raw: str) -> str:
    return f"不能填写 “{raw}”：没有发生请填 0，不要留空或填“/”"


def mapping_not_number(raw: dict[Any, Any]) -> str:
    return f"应为数字，实为 “键: 值” 形式的内容 {raw!r}"


def list_not_number(raw: list[Any]) -> str:
    return f"应为数字，实为列表 {raw!r}"


def fraction_of_count(raw: object) -> str:
    return f"应为整数（件数不能有小数），实为 {raw}"


def negative(raw: object) -> str:
    return f"不能为负数，实为 {raw}"


def too_large(raw: object, money: bool = True) -> str:
    unit = "或把“元”当成了“万元”" if money else ""  # only a sum of money can be 元 typed as 万元
    return f"数值过大（{raw}），请核对是否多写了位数{unit}"


def too_many_decimals(raw: object, most: int) -> str:
    return f"小数位数过多（{raw}），最多保留{most}位"


# --- the store's paths (kit.store.store) ------------------------------------------------------

COUNTY = "县"


def no_parameters_folder(path: Path | str) -> str:
    return f"找不到参数文件夹 {path}"


def outside_parameters(ref: object, root: Path) -> str:
    return f"路径 {ref} 超出了参数文件夹 {root}"


def implausible_year(year: object) -> str:
    return f"年份 {year} 不合理"


def exists_already(file: Path) -> str:
    return f"文件 {file} 已存在，不会覆盖；如需重新开始请先移走它"


# --- loading a parameter file (kit.store.yearfile) --------------------------------------------

# what each top-level key of a year's file holds, as the "unknown key" message lists them
TOP_LEVEL_KEYS = {
    "edition": "格式版本",
    "date": "成文日期（落款处的日期）",
    "figures": "正文引用的数字",
    "tables": "表格",
    "prose": "正文各部分",
    "titles": "标题（仅自由格式）",
    "run_in": "标题与正文同段的部分（仅自由格式）",
    "acknowledged": "已确认的提示",
}
# what the unknown thing was (the `what` of unknown_name)
A_FIELD = "字段"
A_LEVEL = "层级"
A_TOP_LEVEL_KEY = "顶层键"
AN_EDITION = TOP_LEVEL_KEYS["edition"]
A_FIGURE = "数字"
A_TABLE = "表格"
A_PROSE_SECTION = "正文部分"
A_SECTION = "部分"
BREAKDOWN_NOT_A_LIST = "应为列表，每项写作 {name: 类别, count: 条数}"
ACKNOWLEDGED_NOT_A_LIST = "应为列表，每项写作 {id: 提示编号, reason: 理由}"
ACKNOWLEDGED_ITEM = "每项应写作 {id: 提示编号, reason: 理由}，理由不能为空"


def a_row_of(table: str) -> str:
    return f"{table}的行"


def a_column_of(row: str) -> str:
    return f"“{row}”的列"


def unknown_name(what: str, name: object, close: str | None, known: Iterable[str]) -> str:
    hint = f"，您是不是要写 “{close}”？" if close else f"；可用的{what}：{'、'.join(known)}"
    return f"不认识的{what} “{name}”{hint}"


def no_such_file(path: Path) -> str:
    return f"找不到文件 {path}"


def empty_file(path: Path) -> str:
    return f"文件 {path} 是空的：至少要写明 edition（格式版本）"


def not_a_mapping(path: Path, data: object) -> str:
    what = "列表" if isinstance(data, list) else f"“{data}”"
    return f"文件 {path} 的内容应为 “键: 值” 的形式，实为{what}"


def not_true_or_false(raw: object) -> str:
    return f"应为 true 或 false，实为 {raw!r}"


def not_years(raw: object) -> str:
    return f"应为年份列表，例如 [2021]，实为 {raw!r}"


def not_text(raw: object) -> str:
    return f"应为文字，实为 {raw!r}"


def not_key_value(raw: object) -> str:
    return f"应为 “键: 值” 的形式，实为 {raw!r}"


def missing_field(label: str, key: str) -> str:
    return f"缺少{label}（{key}）"


def name_differs_from_folder(name: str, folder: str) -> str:
    return f"简称 “{name}” 应与文件夹名 “{folder}” 一致"


def county_differs_from_folder(county: str, folder: str) -> str:
    return f"所属县 “{county}” 应与上级文件夹名 “{folder}” 一致"


def body_file_unreadable(file: Path) -> str:
    return f"主体信息文件 {file} 有问题，未能读取："


def year_file_unreadable(file: Path) -> str:
    return f"参数文件 {file} 有问题，未能读取："


def missing_edition(year: int, expected: str) -> str:
    return f"缺少 edition（格式版本）（{year}年应为 {expected}）"


def breakdown_item(item: object) -> str:
    return f"应写作 {{name: 类别, count: 条数}}，实为 {item!r}"


def titles_fixed(edition: str) -> str:
    return f"{edition}的标题是统一规定的，不能修改"


def not_section_ids(known: Iterable[str]) -> str:
    return f"应为部分 id 的列表，可用的：{'、'.join(known)}"


def refused_at(place: str, why: object) -> str:
    """A value refused by kit.values, after the place it was typed at."""
    return f"{place}：{why}"


def refused_item(name: str, why: object) -> str:
    return f"“{name}”：{why}"


# --- the comments written into a parameter file (kit.store.yearfile) ---------------------------

OPENING = "开头段落"


def body_file_heading(full_name: str) -> str:
    return f"# {full_name}：报告主体信息（每年的报告共用）"


def year_file_heading(year: int, full_name: str) -> list[str]:
    return [
        f"# {year}年度 {full_name} 政府信息公开工作年度报告 参数文件",
        "# 每个键后的注释是报告中印出的名称。留空表示未填写（不是 0），合计由系统计算，不必填写。",
    ]


def edition_comment(name: str) -> str:
    return f"格式版本：{name}"


FIGURES_COMMENT = "正文引用的数字（正文中用 ${figures.键名} 引用，不要重复手打）"
BREAKDOWN_COMMENT = "，每项 {name: 名称, count: 条数}"
PROSE_COMMENT = "正文各部分；数字请用 ${...} 引用上面的数字或表格，例如 ${tables.applications.new.total}"
TITLES_COMMENT = "本报告自己的标题（自由格式）"
RUN_IN_COMMENT = "标题与正文在同一段的部分"
ACKNOWLEDGED_COMMENT = "已确认的提示：{id: 提示编号, reason: 理由}"


def unit_of(label: str, unit: str) -> str:
    """A column's unit after its label, unless the label already says it (单位：件)."""
    return "" if f"单位：{unit}" in label else f"（{unit}）"


# --- saved versions of a file (kit.store.history) ---------------------------------------------


def no_history(ref: object, year: int) -> str:
    return f"{ref} {year}年度没有保存过的历史版本（.history/ 中没有），无法恢复"


def no_such_version(ref: object, year: int, text: str, listed: str, more: bool) -> str:
    return f"{ref} {year}年度没有版本 “{text}”。可用的版本：{listed}{'等' if more else ''}；请先运行 kit history {ref} {year} 查看全部版本"


NOT_COMPARABLE = "（无法比较：有一个版本不是有效的 YAML）"
SAME_CONTENT = "内容相同"
FORMAT_ONLY = "仅格式或注释不同"
CURRENT_DELETED = "（当前文件已被删除）"
CURRENT = "当前"
NO_VERSIONS_YET = "（还没有历史版本：文件第一次保存后才会有）"


def changes_summary(count: int, shown: str, more: bool) -> str:
    return f"改动 {count} 项：{shown}{'等' if more else ''}"


def nothing_to_list(ref: object, year: int, file: Path) -> str:
    return f"找不到 {ref} {year}年度的参数文件 {file}，也没有历史版本"


def versions_heading(ref: object, year: int) -> str:
    return f"{ref} {year}年度参数文件的版本（旧→新）："


def version_line(label: str, time: str, size: int, change: str | None, by: str = "") -> str:
    after = f"  之后{change}" if change else ""
    who = f"  {by} 保存" if by else ""
    return f"{label}  {time}  {size:>7} 字节{who}{after}"


def how_to_restore(ref: object, year: int) -> str:
    return f"恢复某个版本：kit restore {ref} {year} 编号（当前文件会先存入历史版本）"


def version_not_utf8(path: Path) -> str:
    return f"历史版本 {path} 不是 UTF-8 编码，无法恢复"


# the report's date (落款), typed or written by kit publish
DATE_COMMENT = "成文日期（落款处的日期；kit publish 发布时填写，草稿不印）"


def date_unreadable(text: str) -> str:
    return f"成文日期 “{text}” 无法识别：请写作 2026-01-20 或 2026年1月20日"


def date_too_early(date: str, year: int) -> str:
    return f"成文日期 {date} 早于 {year}年度结束：年度报告的日期应在次年"


# --- a new year (kit.store.new_year; said by kit new and by the form) --------------------------


def carried_from(previous_year: int, count: int) -> str:
    """What a new year's file took over from last year's (上年结转 and the like), after its name."""
    return f"，从{previous_year}年的报告带入 {count} 项（上年结转等）"


def nothing_to_carry(previous_year: int) -> str:
    return f"（没有找到{previous_year}年的报告，上年结转请自行填写）"


# --- a body and its names (kit.report) ----------------------------------------------------------

# body.yaml's fields, as the form labels them and the file's comments name them
BODY_FIELDS = {
    "name": "简称（即文件夹名）",
    "full_name": "全称（与公章一致）",
    "level": "层级",
    "county": "所属县（市、区）",
    "address": "地址",
    "postcode": "邮编",
    "phone": "电话",
    "website": "网址",
    "website_name": "网站名称",
    "contact_office": "政府信息公开工作机构",
    "email": "电子邮箱",
    "fictional": "是否虚构的示例数据",
    "renamed_in": "合并或更名的年份（当年上年结转不一致只作提示）",
    "note": "备注",
}
BODY = "主体"


def empty_name(what: str) -> str:
    return f"{what}名称不能为空"


def unusable_name(what: str, name: str) -> str:
    return f"{what}名称 {name!r} 不可用：不能含有 / \\ 控制字符，不能以 . 开头，不能超过60个字"


def absolute_body(text: str) -> str:
    return f"报告主体应写作 “县/主体”（parameters/ 之下的相对名称），不能是绝对路径：{text!r}"


def not_county_and_body(text: str) -> str:
    return f"报告主体应写作 “县/主体”，例如 “微山县/驩城镇”，实为 {text!r}"
