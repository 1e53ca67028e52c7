"""Texts of `kit import` and `kit template`: published reports and Excel forms brought into parameter files."""

from __future__ import annotations

from collections.abc import Sequence

from kit.messages.doccheck import OPENING as OPENING
from kit.messages.doccheck import PROSE as PROSE
from kit.messages.doccheck import TITLE as TITLE
from kit.messages.doccheck import table_named as table_named
from kit.messages.reading import not_found as not_found
from kit.messages.store import BODY_FIELDS

BODY_FIELD_NAMES = {k: BODY_FIELDS[k] for k in ("address", "postcode", "phone", "website", "website_name", "contact_office")}


def level_guessed(name: str, level: str) -> str:
    return f"从名称“{name}”看不出层级，暂按“{level}”写入 body.yaml，请核对（层级决定能否制定规章、收费金额是否合理等检查）"


def body_fields_missing(missing: Sequence[str]) -> str:
    return f"开头段落中没有找到{'、'.join(missing)}，body.yaml 中这些项留空，请补填"


def prose_unplaced(pieces: Sequence[str]) -> str:
    shown = "；".join(f"“{p}…”" for p in pieces[:3]) + ("等" if len(pieces) > 3 else "")
    return f"有 {len(pieces)} 段正文不属于格式中任何可写正文的部分，未导入：{shown}"


def figures_not_in_prose(labels: Sequence[str]) -> str:
    return f"正文中没有找到{'、'.join(labels)}，参数文件中这些数字留空（未填写），请补填"


def mark_kept_blank(place: str, printed: str) -> str:
    return f"{place}：报告中印的是“{printed}”，导入为空白（未填写），不当作 0"


def blank_kept_blank(place: str) -> str:
    return f"{place}：报告中这一格是空白，导入为空白（未填写），不当作 0"


def text_in_cell(place: str, printed: str) -> str:
    return f"{place}：这一格印的是“{printed}”，不是数字，无法导入"


def refused_value(place: str, why: str) -> str:
    return f"{place}：{why}，无法导入"


def refused(source: str, reasons: Sequence[str]) -> str:
    return f"{source} 未导入（什么也没有写入）：" + "；".join(reasons[:5]) + ("等" if len(reasons) > 5 else "")


def exists(path: str) -> str:
    return f"{path} 已存在，未覆盖（确需覆盖请加 --force，原文件会保存在 .history/ 中）"


def no_year(source: str) -> str:
    return f"{source}：无法确定年度（标题、统计期限和文件名中都没有年份），请用 --year 指定"


def no_body(source: str, name: str | None) -> str:
    named = f"标题中的单位“{name}”" if name else "标题"
    return f"{source}：从{named}看不出所属县和主体，请用 --body 县/主体 指定（或用 --county 指定县）"


def edition_mismatch(year: int, expected: str, printed: str) -> str:
    return f"{year}年度应使用{expected}，而报告的表格是{printed}：年度与表格格式不符，无法确定按哪种格式导入；请核对年度（--year）"


def several_bodies_one_target(target: str, sources: Sequence[str]) -> str:
    return f"{len(sources)} 份报告都要写入 {target}：{'、'.join(sources)}；请分别导入，或用 --year 区分"


PLAN_HEADER = "导入计划："


def plan_line(source: str, target: str) -> str:
    return f"  {source} → {target}"


def plan_refused(source: str, why: str) -> str:
    return f"  {source} ✗ {why}"


def plan_summary(write: int, skip: int, refused: int) -> str:
    return f"将写入 {write} 份，已存在跳过 {skip} 份，无法导入 {refused} 份。"


CONFIRM = "确认写入以上文件？[y/N] "
NOT_CONFIRMED = "未确认，什么也没有写入。"
NEEDS_YES = "批量导入需要确认：请在终端中运行并回答 y，或加 --yes（用于脚本）"


def written(path: str, edition: str, cells: int, quoted: int) -> str:
    return f"已写入 {path}（{edition}，{cells} 个表格数字，正文中 {quoted} 处数字改为引用）"


def body_written(path: str) -> str:
    return f"已写入 {path}（新主体，来自报告的标题和开头段落）"


def would_write(path: str) -> str:
    return f"将写入 {path}（--dry-run：未写入）："


def summary(written_: int, skipped: int, refused_: int) -> str:
    return f"导入完成：写入 {written_} 份，跳过 {skipped} 份，未导入 {refused_} 份。"


# Excel forms ----------------------------------------------------------------------------------

PROSE_SHEET = "正文"
INFO_SHEET = "说明"
PROSE_HEADERS = ("部分", "正文（每段一行；数字可写 ${...} 引用表格）")
FIGURES_SHEET = "正文数字"
FIGURES_HEADERS = ("数字", "单位", "填写")
BREAKDOWN_HEADERS = ("分类名称", "条数")
NUMBER_PROMPT_TITLE = "请填写数字"
NUMBER_PROMPT = "填写不小于 0 的整数；没有发生的填 0，不要留空或填“/”"
DELTA_PROMPT = "填写整数（减少时为负数）；没有变化的填 0"
MONEY_PROMPT = "填写不小于 0 的数，可有小数（单位见列名）"
NUMBER_ERROR = "这一格只能填数字：不小于 0 的整数"
MONEY_ERROR = "这一格只能填不小于 0 的数"
DELTA_ERROR = "这一格只能填整数"


def info_lines(body: str, year: int, edition: str) -> list[str]:
    return [
        f"{body} {year}年度政府信息公开工作年度报告 填报表",
        f"格式：{edition}。每张表与报告中印出的表格一致；灰色格是标签或合计，已锁定，不必填写。",
        "每一格都应填数字，没有发生的填 0；空白表示未填写（不是 0），不要填“/”。",
        "正文写在“正文”表中，每个部分一格；正文中引用的数字（主动公开总数、收费等）写在“正文数字”表中。",
        "填好后保存（WPS、Excel、LibreOffice 均可），交回后用 kit import 读入并检查。",
    ]


def template_written(path: str, sheets: int) -> str:
    return f"已生成 {path}（{sheets} 张工作表）"


def not_a_template(name: str) -> str:
    return f"{name} 不是本工具生成的填报表（缺少“说明”表中的主体和年度信息）；请用 kit template 生成填报表后填写"


def workbook_unreadable(name: str, why: str) -> str:
    return f"无法读取 Excel 文件 {name}：{why}"


def sheet_missing(name: str, sheet: str) -> str:
    return f"{name} 中缺少工作表“{sheet}”，无法导入（请不要删除或改名工作表）"


def cell_problem(sheet: str, cell: str, place: str, why: str) -> str:
    return f"{sheet}!{cell}（{place}）：{why}"


def label_changed(sheet: str, cell: str, expected: str, found: str) -> str:
    return f"{sheet}!{cell}：标签应为“{expected}”，现为“{found}”；请不要改动表格的标签、插入或删除行列"


def not_in_parameters(root: object, target: str) -> str:
    return f"参数文件夹 {root} 中没有“{target}”的主体"


def body_not_in_parameters(ref: object) -> str:
    return f"参数文件夹中没有主体 {ref}（缺少 body.yaml）；请先建立该主体"


TEMPLATES_FOLDER = "填报表"  # exports/填报表/<县>/…


def template_file(body: str, year: int) -> str:
    return f"{body}{year}年填报表.xlsx"


# the 说明 sheet's last rows, which `kit import` reads back: label -> what it holds
INFO_LABELS = {"body": "主体", "year": "年度", "edition": "格式"}
BREAKDOWN_WITHOUT_NAME = "有条数而没有分类名称"
PROSE_SECTION_ID = "（正文部分编号）"  # what the 正文 sheet holds in its third column, as a problem names it


def problem_line(problem: str) -> str:
    return f"[错误] {problem}"


def problems(count: int) -> str:
    return f"{count} 处问题"


# --- published reports (kit.imports.preamble, reports, sections, run) -------------------------


def body_and_year(ref: object, year: int | None) -> str:
    """Where an imported report goes, as the plan names it: 某县/某镇 2023年."""
    return f"{ref} {year}年"
