"""What the command line says (kit.cli): help texts, progress, results and refusals.

Help texts shared by several commands are written once here (the year, the body, the folders),
so `kit build --help` and `kit history --help` describe the same argument the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# --- the program and its commands (kit.cli.main and each module's COMMANDS) --------------------

PROGRAM = "政府信息公开工作年度报告工具"
COMMAND_METAVAR = "命令"
CHECK = "检查参数文件：表格勾稽关系、未填写、结转等"
NEW = "生成某主体某年的空白参数文件（带入上年结转）"
BUILD = "生成某主体某年度的报告（HTML、PDF、Word）"
DOCTOR = "检查本机能否生成报告：Jupyter 内核、中文字体、PDF 引擎"
BATCH = "批量生成报告：整个参数文件夹、某县或某些主体的各年度报告（可并行、可续跑、可用 Dask 集群）"
SUMMARY = "生成某县某年度的汇总：报送情况、各单位主要数据、全县合计、图表、问题清单（HTML、PDF）"
EXPORT_DATA = "把各主体各年度的数字导出为 CSV 和 Excel（每行一个数字，附印出的名称）"
HISTORY = "列出某主体某年度参数文件保存过的版本（时间、大小、改动了哪些项）"
RESTORE = "把某主体某年度参数文件恢复为以前保存的版本（当前内容先存入历史版本）"
SERVE = "以网页形式打开填写表单（Voila），默认只允许本机访问"

# --- help shared by several commands ----------------------------------------------------------

BODY_HELP = "县/主体，例如 微山县/驩城镇"
YEAR_HELP = "年度，例如 2025"
TO_HELP = "html,pdf,docx,html-fragment 中的一项或几项，用逗号分隔（默认 html,pdf,docx；html-fragment 是只含正文的网页片段，供粘贴到网站编辑器的源代码视图）"
DRAFT_HELP = "有错误的报告也生成：带“草稿”标记，文末附问题清单"
PARAMETERS_HELP = "参数文件夹（默认 parameters/）"
EXPORTS_HELP = "输出文件夹（默认 exports/）"
TIMINGS_HELP = "列出各步骤用时"
FORMAT_METAVAR = "格式"
YEARS_METAVAR = "年份"

# --- kit check, kit new -----------------------------------------------------------------------

PATHS_HELP = "参数文件、主体文件夹、县文件夹或整个 parameters/（默认）"
JSON_HELP = "以 JSON 输出"
VERBOSE_HELP = "也列出已确认的提示"
DOCUMENT_METAVAR = "文件、文件夹或网址"
DOCUMENT_HELP = "检查已发布的年度报告（.txt、.docx、.html、.pdf、.doc、.wps，或 http(s):// 网址），而不是参数文件"
DOCUMENT_YEAR_HELP = "与 --document 同用：报告年度（默认从标题推断）"
CHECK_JOBS_HELP = "同时检查几个县（默认为本机处理器数；各县之间互不影响）"


def document_and_parameters(first: Path) -> str:
    return f"用法错误：--document 之后列出要检查的报告文件或文件夹，不能同时检查参数文件（{first}）"


def new_year_written(file: Path | None, edition: str, carried: str) -> str:
    """`carried`: kit.messages.store.carried_from(...), or empty when nothing was carried."""
    return f"已生成 {file}（{edition}）{carried}"


# --- kit build, kit doctor --------------------------------------------------------------------

DRAFT = "草稿"
REPORT = "报告"


def built_heading(ref: Any, year: int, kind: str) -> str:
    return f"已生成 {ref} {year}年度{kind}："


def took(timings: str) -> str:
    return f"用时：{timings}"


READY = "可以生成报告。"


def not_ready(missing: int) -> str:
    return f"有 {missing} 项不可用，请按上面的解决办法处理后再运行 kit doctor。"


# --- kit batch --------------------------------------------------------------------------------

SELECTION_METAVAR = "县或县/主体"
SELECTION_HELP = "要生成的县（如 青禾县）或主体（如 青禾县/云溪镇）；不写则为整个参数文件夹"
BATCH_YEARS_HELP = "年份范围，如 2019-2025 或 2021,2023（默认所有年份）"
JOBS_HELP = "本机同时生成的报告数（默认 CPU 核数 + 1；用 --scheduler 时由集群决定）"
SCHEDULER_METAVAR = "地址"
SCHEDULER_HELP = "在已有的 Dask 集群上生成，如 tcp://10.0.0.5:8786（默认在本机生成）"
STRICT_HELP = "只要有一份报告有错误，整批都不生成"
FORCE_HELP = "未变化的报告也重新生成"
DRY_RUN_HELP = "只列出计划，不生成"
JOBS_AT_LEAST_ONE = "用法错误：--jobs 至少为 1"


def no_report_notebook(notebook: Path | str) -> str:
    return f"用法错误：找不到报告笔记本 {notebook}"


def strict_refused(invalid: int) -> str:
    return f"已拒绝整批（--strict）：有 {invalid} 份报告有错误，没有生成任何报告。请改正后重试，或去掉 --strict 跳过这些报告、生成其余报告。"


NOTHING_TO_BUILD = "无需生成。"


def plan_line(total: int, build: int, unchanged: int, invalid: int) -> str:
    return f"计划：共 {total} 份报告 —— 生成 {build} 份，未变化 {unchanged} 份（跳过），有错误 {invalid} 份（跳过）。"


WILL_BUILD = "将生成"
UNCHANGED = "未变化"


def more_bodies(count: int) -> str:
    return f"  ……另有 {count} 个主体"


INVALID_NOT_BUILT = "有错误，不生成："
UNREADABLE_NOT_BUILT = "无法读取，不生成："


def errors_of(name: str, count: int) -> str:
    return f"  {name}：{count} 个错误"


def more_errors(count: int) -> str:
    return f"    ……另有 {count} 个，运行 kit check 查看全部"


FIX_OR_DRAFT = "  改正后重新运行即可；也可加 --draft 生成带“草稿”标记的稿子。"


def batch_counts(built: int, unchanged: int, invalid: int, failed: int) -> str:
    return f"生成 {built} 份，未变化 {unchanged} 份，有错误未生成 {invalid} 份，失败 {failed} 份。"


FAILED_REPORTS = "失败的报告："
INTERRUPTED = "已中断"
DONE = "完成"


def batch_took(seconds: float, exports: str) -> str:
    return f"用时 {seconds:.1f} 秒。输出在 {exports}"


def not_run_yet(count: int) -> str:
    return f"还有 {count} 份未生成：再次运行同一命令即可继续，已完成的报告不会重新生成。"


# --- kit summary, kit export-data -------------------------------------------------------------

DATA_FOLDER = "_数据"
COUNTY_HELP = "县（市、区），例如 青禾县"
SUMMARY_TO_HELP = "html,pdf 中的一项或两项，用逗号分隔（默认两项）"


def summary_heading(county: str, year: int) -> str:
    return f"已生成 {county} {year}年汇总："


RANGE_METAVAR = "范围"
RANGE_HELP = "县（如 青禾县）或 县/主体（如 青禾县/云溪镇），可写多个；不写则为全部"
EXPORT_YEARS_HELP = "如 2019-2025、2021 或 2019,2021-2022（默认全部年份）"
EXPORT_TO_HELP = "csv,xlsx 中的一项或两项（默认两项）"
OUT_HELP = f"输出文件夹（默认 exports/{DATA_FOLDER}/）"
NAME_HELP = "文件名（不含扩展名；默认按范围和年份命名）"
SKIP_UNREADABLE_HELP = "跳过无法读取的参数文件（默认报错并列出它们）"
NOTHING_TO_EXPORT = "所选范围内没有年度参数文件，未导出。"


def exported(bodies: int, reports: int, rows: int) -> str:
    return f"已导出 {bodies} 个主体、{reports} 份年度报告的 {rows} 行数据："


def skipped(path: Any, reason: str) -> str:
    return f"  已跳过 {path}：{reason}"


# --- kit history, kit restore -----------------------------------------------------------------

VERSION_HELP = "kit history 列出的编号或时间戳（默认最近保存的一个历史版本）"


def restored(file: Path, number: int, time: str, ref: Any, year: int) -> str:
    return f"已将 {file} 恢复为版本 {number}（{time}）；恢复前的内容已存入历史版本，可用 kit history {ref} {year} 查看"


# --- kit serve --------------------------------------------------------------------------------


def port_taken(host: str, port: int, why: Any) -> str:
    return f"无法在 {host}:{port} 上启动（{why}）。如果 kit serve 已经在运行，请直接打开 http://{host}:{port}/ ；否则请换一个端口，例如 kit serve --port {port + 1}"


def serving(url: str) -> list[str]:
    return [f"填写表单已启动：{url}", "用浏览器打开上面的网址即可填写；关闭本窗口或按 Ctrl+C 停止。"]


def local_only(port: int) -> str:
    return (
        "只有本机可以访问。如需让同事在局域网内使用，请让他们用 SSH 隧道访问（ssh -L "
        f"{port}:127.0.0.1:{port} 用户名@本机地址，再打开 http://127.0.0.1:{port}/），或在前面加一个带 HTTPS 和登录口令的反向代理；"
        "不要直接改为 --host 0.0.0.0：任何打开网址的人都能修改和保存报告。"
    )


def listening_on_network(host: str) -> str:
    return (
        f"注意：正在 {host} 上监听，局域网内的其他电脑也能访问。已启用访问令牌：只把上面带 token 的完整网址告诉需要填写的人；"
        "网络不可信时请改用 SSH 隧道或带 HTTPS 的反向代理。"
    )


def no_form_notebook(notebook: Path) -> str:
    return f"找不到表单笔记本 {notebook}：kit serve 需要在项目目录中安装的 kit（pip install -e .）"


SAY_WHICH_PARAMETERS = "；请用 --parameters 指定，例如 kit --parameters /path/to/parameters serve"


def bad_port(port: int) -> str:
    return f"端口应在 1 到 65535 之间，实为 {port}"


def port_help(default: int) -> str:
    return f"端口（默认 {default}）"


def host_help(default: str) -> str:
    return f"监听地址（默认 {default}，只允许本机访问）"


NO_BROWSER_HELP = "不自动打开浏览器"
SERVE_EXPORTS_HELP = "“导出”写入的文件夹（默认 exports/）"

# --- what main() prints when a command stops -------------------------------------------------


def usage_error(message: str, usage: str) -> str:
    return f"用法错误：{message}\n{usage}"


def refused(error: Any) -> str:
    return f"错误：{error}"


STOPPED = INTERRUPTED + "。"
INTERNAL_ERROR = "内部错误：这是工具本身的问题，不是您的数据的问题。请设置 KIT_DEBUG=1 重新运行并把输出报告给维护者。"


# --- kit import, kit template -----------------------------------------------------------------

IMPORT = "导入已发布的报告或填好的 Excel 填报表，生成参数文件"
TEMPLATE = "生成 Excel 填报表（与报告中的表格一致，带上年结转）"
WORKBOOKS_APART = "用法错误：Excel 填报表与报告文件请分开导入"
NOTHING_TO_IMPORT = "用法错误：没有找到要导入的报告文件"
YES_ANSWERS = ("y", "yes", "是")  # what a confirmation prompt accepts
AND_MORE = "等"


def template_format_refused(to: str) -> str:
    return f"用法错误：--to 目前只支持 xlsx，实为 {to}"


SOURCES_METAVAR = "报告"
SOURCES_HELP = "已发布的报告（.html .docx .txt .pdf .doc .wps）、网址、文件夹、清单文件（.list），或填好的 Excel 填报表（.xlsx）"
IMPORT_BODY_HELP = "县/主体，例如 青禾县/云溪镇（默认从标题推断）"
IMPORT_COUNTY_HELP = "批量导入时，主体所属的县（标题中没有县名时）"
IMPORT_YEAR_HELP = "报告年度（默认从标题推断）"
IMPORT_DRY_RUN_HELP = "只显示将写入的内容，不写入"
IMPORT_FORCE_HELP = "覆盖已有的年度文件（原文件保存在 .history/ 中）"
IMPORT_YES_HELP = "批量导入时不再询问确认（用于脚本）"
TEMPLATE_TARGET_HELP = "县/主体（一个主体的填报表），或县（每个主体一个填报表）"
TEMPLATE_TO_HELP = "格式：xlsx（默认）"
TEMPLATE_OUTPUT_HELP = "输出文件（一个主体）或文件夹（一个县），默认 exports/填报表/<县>/"
