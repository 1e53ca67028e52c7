"""What building and batches say (kit.build, kit.batch)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any


def inputs_unreadable(ref: Any, year: int, exc: BaseException) -> str:
    """A job whose parameter files stopped being readable between planning and running."""
    return f"{report_label(ref, year)}：读取参数文件失败（{type(exc).__name__}: {exc}）"


def formats_refused(allowed: Sequence[str], text: str, what: str = "") -> str:
    """--to named a format the command does not make; `what` names the command's outputs when several parse --to."""
    return f"用法错误：{what}--to 只能是 {','.join(allowed)} 中的一项或几项（用逗号分隔），实为 {text!r}"


def report_label(ref: Any, year: int) -> str:
    """How a report is named in progress and failure messages: 微山县/驩城镇 2021年度报告."""
    return f"{ref} {year}年度报告"


def summary_label(county: str, year: int) -> str:
    return f"{county} {year}年汇总"


# --- steps, as `--timings` lists them (kit.build.execute.Timings) ------------------------------

STEP_VALIDATE = "校验"
STEP_CHECK = "检查"
STEP_KERNEL = "启动内核"
STEP_NOTEBOOK = "执行笔记本"
STEP_HTML = "导出HTML"


def making(fmt: str) -> str:
    """The timed step that makes one export format (kit build --timings): 生成PDF, 生成DOCX."""
    return f"生成{fmt.upper()}"


def step_took(name: str, seconds: float) -> str:
    return f"{name} {seconds:.2f} 秒"


# --- running the notebook (kit.build.execute) --------------------------------------------------


def not_a_parameter(value: object) -> str:
    return f"参数值只能是字符串、数字或真假值，实为 {type(value).__name__}"


def no_notebook(notebook: Path) -> str:
    return f"找不到报告笔记本 {notebook}"


def notebook_failed(label: str, problem: str, saved: Path | None) -> str:
    where = f"；未完成的笔记本已保存在 {saved}" if saved else ""
    return f"{label}：执行报告笔记本失败（{problem}）{where}"


def cell_failed(label: str, notebook: str, number: int, exec_count: int | None, error: str, code: str, saved: Path | None) -> str:
    cell = f"{notebook} 的第{number}个单元格" + (f"（In [{exec_count}]）" if exec_count else "")
    lines = [f"{label}：报告笔记本在 {cell} 出错：{error}"]
    if code:
        lines.append(f"  出错的代码：{code}")
    if saved:
        lines.append(f"  未完成的笔记本（含错误信息）已保存在 {saved}")
    return "\n".join(lines)


CELL_TIMED_OUT = "某个单元格运行超时"
KERNEL_DIED = "内核意外退出"

# --- exporting (kit.build.export, kit.build.summary) -------------------------------------------

NO_REPORT_PAGE = "报告笔记本没有输出报告页面：标记为 report 的单元格没有 HTML 输出（笔记本是否被改动过？）"
UNTITLED = "年度报告"
SUMMARY_FOLDER = "_汇总"
OF_THE_SUMMARY = "汇总的 "  # before --to in formats_refused: the summary makes HTML and PDF only


def draft_stem(stem: str) -> str:
    return f"{stem}（草稿）"


# --- can this machine build reports (kit.build.prerequisites; kit doctor) -----------------------

FONT_REMEDY = "请安装中文字体：sudo apt-get install fonts-noto-cjk（安装后无需重启）"
PDF_REMEDY = "请安装 PDF 引擎：pip install weasyprint（若提示缺少 Pango 库，再运行 sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0）"
KERNEL_REMEDY = "请在本工具所在的 Python 环境中运行：pip install ipykernel && python -m ipykernel install --sys-prefix --name python3"
FONTS = "中文字体"
NO_FC_LIST = "找不到 fc-list（fontconfig 未安装），无法确认中文字体"
NO_CJK_FONT = "未找到报告所用的中文字体（如 Noto Serif CJK SC），PDF 中的汉字会显示为方框"
PDF_ENGINE = "PDF 引擎（WeasyPrint）"
NO_SUCH_KERNEL = "找不到该内核"
UNKNOWN_ERROR = "未知错误"
CANNOT_BUILD_PDF = "无法生成 PDF："


def check_line(ok: bool, name: str, detail: str, remedy: str) -> str:
    return f"{'✓' if ok else '✗'} {name}：{detail}" + ("" if ok else f"\n    解决办法：{remedy}")


def missing_for_pdf(name: str, detail: str, remedy: str) -> str:
    return f"  - {name}：{detail}。{remedy}"


def kernel(name: str) -> str:
    return f"Jupyter 内核（{name}）"


def cannot_load(exc: BaseException) -> str:
    return f"无法加载（{type(exc).__name__}: {exc}）"


def not_installed(module: str, exc: BaseException) -> str:
    return f"{module} 未安装（{exc}）"


def cannot_start(executable: str, exc: BaseException) -> str:
    return f"无法启动 {executable}（{exc}）"


def kernel_cannot_import(executable: str, last: str) -> str:
    return f"内核的 Python（{executable}）无法导入 ipykernel 或 kit：{last}"


def install_kit_in_kernel() -> str:
    return f"在该 Python 环境中运行 pip install -e .（本工具目录）和 pip install ipykernel；{KERNEL_REMEDY}"


# --- batches (kit.batch) ----------------------------------------------------------------------


def job_name(body: str, year: int) -> str:
    return f"{body} {year}年"


def body_file_name(body: str, file: str) -> str:
    return f"{body}（{file}）"


def years_not_understood(text: str) -> str:
    return f"用法错误：年份范围 “{text}” 看不懂，请写成 2019-2025 或 2021,2023"


def no_such_body(ref: Any, file: Path) -> str:
    return f"找不到报告主体 {ref}（{file} 不存在）"


def no_such_selection(root: Path, item: str) -> str:
    return f"参数文件夹 {root} 中没有 “{item}” 这个县或主体；请写县名（如 青禾县）或 县/主体（如 青禾县/云溪镇）"


def inputs_unreadable_at_planning(exc: BaseException) -> str:
    return f"无法读取参数文件：{exc}"


def worker_died(ref: Any, year: int, code: object) -> str:
    return f"{report_label(ref, year)}：工作进程意外退出（退出码 {code}），该报告未生成"


NEEDS_DASK = "使用 --scheduler 需要 Dask：pip install 'dask[distributed]'"


def no_scheduler(address: str, exc: BaseException) -> str:
    return f"无法连接 Dask 调度器 {address}（{exc}）；请确认地址和端口，以及调度器已启动（dask scheduler）"


def dask_job_failed(ref: Any, year: int, exc: BaseException) -> str:
    return f"{report_label(ref, year)}：在 Dask 工作节点上运行失败（{type(exc).__name__}: {exc}）"


def no_dask_workers(address: str) -> str:
    return f"Dask 调度器 {address} 上没有工作节点（dask worker {address}）"


def workers_cannot_run_kit(exc: BaseException) -> str:
    return f"Dask 工作节点无法运行 kit（{type(exc).__name__}: {exc}）：请在每个工作节点上安装 kit"


def workers_differ(version: str, versions: str) -> str:
    return (
        f"以下 Dask 工作节点上的 kit 与本机（kit {version}）不同（版本、代码或 PDF/图表软件包）：{versions}。"
        "请在所有工作节点上安装与本机相同的 kit，重启工作节点（dask worker）后重试。"
    )


def another_batch(pid: str, exports: Path) -> str:
    return f"另一个 kit batch（进程 {pid}）正在向 {exports} 写入报告；请等它结束后再运行，或用 --exports 指定另一个输出文件夹"


def worker_kit_differs(ref: Any, year: int, worker: object, version: str) -> str:
    return (
        f"{report_label(ref, year)}：工作节点 {worker} 上安装的 kit（版本、代码或 PDF/图表软件包）与本机不同，"
        f"结果未采用。请在所有工作节点上安装与本机相同版本的 kit（本机 kit {version}）。"
    )


def failed_for_no_known_reason(ref: Any, year: int) -> str:
    return f"{report_label(ref, year)}：生成失败（原因不明）"


def bad_file_name(ref: Any, year: int, name: str) -> str:
    return f"{report_label(ref, year)}：工作节点返回了不可用的文件名 {name!r}"


def internal_error(ref: Any, year: int, exc: BaseException, file: str, line: int | None) -> str:
    return f"{ref} {year}年：内部错误 {type(exc).__name__}: {exc}（{file} 第{line}行）"


# the progress bar of a batch
REPORTS_UNIT = "份"
PROGRESS_TITLE = "生成报告"
PROGRESS_BAR = "{desc} {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} 已用 {elapsed}，剩余约 {remaining}{postfix}"


def just_done(name: str) -> str:
    return f"刚完成 {name}"


def progress_line(count: int, total: int, mark: str, name: str, seconds: float, elapsed: str, remaining: str) -> str:
    return f"[{count}/{total}] {mark} {name}（{seconds:.1f} 秒）已用 {elapsed}，剩余约 {remaining}"


def years_listed(parts: Sequence[str]) -> str:
    return "、".join(parts) + "年"


# --- the report notebook's steps (kit.notebook) --------------------------------------------------


def has_errors(ref: Any, year: int, errors: int) -> str:
    return f"{report_label(ref, year)}有 {errors} 个错误，未生成。请改正后重新生成，或加 --draft 生成带“草稿”标记的稿子："


def charts_count(count: int) -> str:
    return f"图表 {count} 张"


CHART_FILE = "{stem}-图{number}.png"  # a web copy's chart, beside the page (kit.build.export.publishable)
NO_ARTICLE = "报告页面中没有 <article>：无法生成 HTML 片段（笔记本是否被改动过？）"
