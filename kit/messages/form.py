"""The fill-in form's texts (kit.form): what a clerk reads, in words a clerk uses.

No file paths, file names, YAML keys, placeholder syntax or English: the clerk knows the report,
its tables and its years, not the folder it is kept in.
"""

from __future__ import annotations

from kit.messages import store
from kit.messages.findings import SEVERITY

# ---------------------------------------------------------------------------------------------
# the chooser: open a year, start one, remove one

NO_BODIES = "还没有可以填写的报告主体。请联系管理员添加本单位的主体信息。"
CHOOSE_FIRST = "请先选择报告主体和年度；还没有年度时，请用“从上年开始新的一年”。"
CHOOSE_BODY = "请先选择报告主体。"
UNSAVED_GUARD = "当前报告有未保存的修改。请先点“保存”；如确定放弃这些修改，请再点一次。"
NEW_YEAR_BUTTON = "从上年开始新的一年"
REMOVE_YEAR_BUTTON = "删除所选年度…"
RESTORE_YEAR_BUTTON = "恢复已删除的年度"
CANCEL = "取消"


def year_not_digits(text: str) -> str:
    return f"年度应为四位数字，例如 2025，实为“{text}”"


def year_too_late(year: int, latest: int) -> str:
    return f"不能新建 {year} 年的报告：最晚只能新建 {latest} 年（明年）的报告。"


def year_too_early(year: int) -> str:
    return f"{year} 年早于本工具支持的年份，请核对年度。"


def year_exists(year: int) -> str:
    return f"{year} 年的报告已经存在，没有重复新建；已为您打开。"


def confirm_new_year(year: int, previous: int | None) -> str:
    carried = f"上年结转将从 {previous} 年的报告带入" if previous else f"没有找到 {year - 1} 年的报告，上年结转需要自行填写"
    return f"将新建 {year} 年的报告（{carried}）。确定吗？"


def confirm_new_button(year: int) -> str:
    return f"确定新建 {year} 年"


def created_year(title: str, year: int, carried: int | None) -> str:
    """`kit new` says the same after its file's name (kit.messages.store)."""
    if carried is None:
        return f"已新建 {title}{store.nothing_to_carry(year - 1)}"
    return f"已新建 {title}{store.carried_from(year - 1, carried)}"


def opened(title: str) -> str:
    return f"已打开 {title}"


def confirm_remove_year(year: int) -> str:
    return f"确定删除 {year} 年的报告吗？删除后它不再出现在年度列表中，但会保留在历史版本里，随时可以用“{RESTORE_YEAR_BUTTON}”找回。"


def confirm_remove_button(year: int) -> str:
    return f"确定删除 {year} 年"


def removed_year(year: int) -> str:
    return f"已删除 {year} 年的报告（已保留在历史版本中，可以恢复）。"


def restored_year(year: int) -> str:
    return f"已恢复 {year} 年的报告。"


NOTHING_TO_RESTORE = "没有可以恢复的已删除年度。"


def removed_years_label() -> str:
    return "已删除的年度"


# ---------------------------------------------------------------------------------------------
# saving

STATUS_DIRTY = "● 有未保存的修改"
STATUS_CLEAN = "✓ 已保存"
SAVED = "已保存。上一版本已保留，需要时可以找回。"


def saved_with_refused(count: int, places: list[str]) -> str:
    return f"已保存，但有 {count} 处输入未被接受（按“未填写”保存）：" + "；".join(places) + "。请改正后再保存。"


def status_refused(count: int) -> str:
    return f"● 已保存，但有 {count} 处输入未被接受"


def save_failed(reason: str) -> str:
    return f"未能保存：{reason}。您填写的内容仍在本页，也已自动暂存，请稍后再点“保存”。"


SAVE_FAILED_UNKNOWN = "未能保存（系统出现意外问题）。您填写的内容仍在本页，也已自动暂存；请再点一次“保存”，如仍不行请联系管理员。"
PROFILE_REFUSED = "主体信息中有必填项为空，主体信息未保存"

# ---------------------------------------------------------------------------------------------
# autosave: typed work kept on the server within seconds


def autosave_offer(when: str, count: int) -> str:
    return f"上次填写时有 {count} 处内容还没有保存（自动暂存于 {when}）。要恢复这些内容吗？"


AUTOSAVE_BASE_CHANGED = "注意：此后报告又被保存过，恢复前请核对下面每一处。"
AUTOSAVE_RESTORE = "恢复这些内容"
AUTOSAVE_DISCARD = "不恢复，丢弃"
AUTOSAVE_RESTORED = "已恢复上次未保存的内容。请核对后点“保存”。"
AUTOSAVE_DISCARDED = "已丢弃上次未保存的内容。"
SAVED_VALUE = "已保存的内容"
DRAFT_VALUE = "未保存的内容"
EMPTY = "（空）"

# ---------------------------------------------------------------------------------------------
# a conflict: someone saved the same report meanwhile

CONFLICT = (
    "别人在您打开之后也保存了这份报告（可能在另一个窗口或另一台电脑上）。为避免互相覆盖，本次未保存。下面列出双方不同的每一处，请逐项选择保留哪一方的内容。"
)
CONFLICT_MINE = "保留我的"
CONFLICT_THEIRS = "采用对方的"
CONFLICT_SAVE = "按所选内容保存"
CONFLICT_COPY = "把我的内容另存为副本，改用对方的版本"
CONFLICT_NONE = "双方的内容其实相同，已直接保存。"
CONFLICT_COPY_DONE = "您的内容已另存为一个历史版本（需要时可以找回）；现在显示的是对方保存的版本。"
CONFLICT_BOTH = "双方都改过"
CONFLICT_MINE_ONLY = "只有您改过"
CONFLICT_THEIRS_ONLY = "只有对方改过"
MINE = "我的"
THEIRS = "对方的"


def conflict_summary(count: int) -> str:
    return f"共 {count} 处不同："


def paragraph(title: str, number: int) -> str:
    return f"{title} 第{number}段"


ACKNOWLEDGED = "已确认的提示"

# ---------------------------------------------------------------------------------------------
# the connection to the server (shown by the page itself: the server may be gone)

DISCONNECTED = (
    "连接已断开：页面暂时无法与服务器通信（可能是服务器重启、网络中断或电脑休眠过）。"
    "您已输入的内容已自动暂存在服务器上。请刷新页面（按 F5），重新打开报告后点“恢复这些内容”。"
)
SAVE_WHILE_DISCONNECTED = "未能保存：连接已断开。" + DISCONNECTED.removeprefix("连接已断开：")
RELOAD = "刷新页面"
LEAVE_WARNING = "有未保存的修改，确定离开吗？"

# ---------------------------------------------------------------------------------------------
# figures in prose

YEAR_NAMES = {"year": "本年度", "prev_year": "上一年度", "next_year": "下一年度"}  # ${year} and its neighbours in prose
RECENTLY = "不久前"
INSERT_FIGURE = "插入数字"
INSERT_FIGURE_CHOICE = "要插入的数字"
INSERT_FIGURE_HINT = "正文中要引用上面的数字时，可选中后点“插入数字”，生成报告时自动换成填写的数值；直接写数字也可以，系统会核对它与表格是否一致。"
PROFILE_HINT = "这些信息本主体各年度的报告共用（开头段落中的网址、地址、电话等取自这里）。"
TABLE_HINT = "灰色格为合计，由系统计算。按回车或方向键在格子之间移动；可从 Excel/WPS 复制一行或整块数字，粘贴到起始格。"


def download(title: str, fmt: str) -> str:
    return f"下载 {title}（{fmt}）"


PAGE_TITLE = "政府信息公开工作年度报告 · 填写"
LOADING = "正在打开填写页面，请稍候……"

# ---------------------------------------------------------------------------------------------
# the form's state (kit.form.model): what typing, pasting and confirming answer

OPENING = "开头段落"  # the opening paragraph of a free-form report, as the form names it


def form_title(full_name: str, year: int, edition: str) -> str:
    return f"{full_name} {year}年（{edition}）"


def no_such_field(key: str) -> str:
    return f"表单中没有 {key} 这一项"


def no_such_profile_field(key: str) -> str:
    return f"主体信息中没有 {key} 这一项"


def profile_field_empty(label: str) -> str:
    return f"{label}不能为空"


def pasted(rows: int, columns: int, filled: int) -> str:
    return f"已从此格起粘贴 {rows} 行、{columns} 列，填入 {filled} 格"


def paste_skipped_totals(count: int) -> str:
    return f"{count} 个合计格由系统计算，未采用粘贴的值"


def paste_outside(count: int) -> str:
    return f"{count} 个值超出表格范围，未填入"


ACK_REASON_REQUIRED = "请写明确认的理由（例如：两个发布渠道有重叠）"
ACK_GONE = "这条提示已不存在（可能数字已改动），无需确认"
ACK_ERROR = "错误不能确认，只能改正；只有“提示”可以确认"
NONE = "无"


def acknowledged_count(count: int) -> str:
    return f"{count} 条"


# ---------------------------------------------------------------------------------------------
# preview and export (kit.form.actions)

FORMATS = {"html": "网页", "pdf": "PDF", "docx": "Word"}  # the export formats as the form names them
EXPORT_NOT_INSTALLED = "导出功能尚未安装（缺少 kit.build.report）；请先用“预览”核对报告"
EXPORT_UNSAVED = "有未保存的修改：导出使用已保存的文件，请先点“保存”再导出"


def choose_a_format(formats: list[str]) -> str:
    return f"请至少选择一种导出格式：{'、'.join(formats)}"


def exporting(names: str, draft: bool, seconds: float) -> str:
    return f"正在生成{names}{'（草稿）' if draft else ''}……已用 {seconds:.1f} 秒"


def exported_in(seconds: float) -> str:
    return f"已完成，用时 {seconds:.1f} 秒"


# ---------------------------------------------------------------------------------------------
# the form's page (kit.form.widgets): the chooser's fields, the toolbar, the editor's parts

COUNTY_LABEL = "县（市、区）"
BODY_LABEL = "报告主体"
YEAR_LABEL = "年度"
OPEN_BUTTON = "打开"
NEW_YEAR_LABEL = "新的年度"


def year_choice(year: int) -> str:
    return f"{year}年"


SAVE_BUTTON = "保存"
PREVIEW_BUTTON = "预览"
EXPORT_BUTTON = "导出"
CLOSE_PREVIEW = "关闭预览"
PREVIEW_TITLE = "报告预览"
CHECK_RESULTS = "检查结果"
FIGURES_HEADING = "报告正文中引用的数字"


def profile_title(full_name: str) -> str:
    return f"主体信息：{full_name}"


def guidance(text: str) -> str:
    return f"填写提示：{text}"


def computed_tooltip(cell: str) -> str:
    return f"{cell}（合计，由系统计算）"


PARTIAL_TITLE = "还有格子未填写，这是已填部分之和"  # the tooltip of a total shown while cells are blank
THIS_REPORT = "本报告"  # a message's file path, as the clerk reads it
FILE_WORDS = ("参数文件", "报告")  # a message's word for the file, and the clerk's word for it

# ---------------------------------------------------------------------------------------------
# the findings beside the form, and confirming a 提示

ERROR = SEVERITY["error"]
WARNING = SEVERITY["warning"]
BLANK = "未填写"
ACKED = "已确认"
ACKED_MARK = "[已确认] "  # before a confirmed 提示 in the list to choose from
NO_PROBLEMS = "✓ 没有发现问题"
ACK_REASON_SHOWN = "确认理由："
ACK_REASON_PLACEHOLDER = "确认的理由，例如：两个发布渠道有重叠"
ACK_BUTTON = "确认此提示"
UNACK_BUTTON = "撤销确认"
ACK_HEADING = "确认提示"
ACK_INTRO = "“提示”不一定是错误：核实无误后，可写明理由予以确认，理由保存在本年度文件中。"
ACK_DONE = "已确认（保存后写入本年度文件）"
UNACK_DONE = "已撤销确认"


def findings_counts(errors: int, blanks: int, warnings: int, acknowledged: int) -> str:
    counts = [f"{errors} 个错误", f"{blanks} 处未填写", f"{warnings} 条提示"] + ([f"{acknowledged} 条已确认"] if acknowledged else [])
    return " · ".join(counts)


def blanks_summary(count: int) -> str:
    return f"{BLANK}（{count} 处，没有发生的请填 0）"


def acknowledged_summary(count: int) -> str:
    return f"{ACKNOWLEDGED}（{count} 条）"


# ---------------------------------------------------------------------------------------------
# differences (an autosave copy, a conflict), preview and export as the form reports them

DIFFERENCE_ITEM = "项目"


def more_differences(count: int) -> str:
    return f"……另有 {count} 处"


def preview_made(draft: bool) -> str:
    return "预览已生成" + ("（尚有错误，按草稿显示，错误列在文末）" if draft else "") + "。"


def exported(draft: bool, links: str) -> str:
    """`links`: the download buttons, HTML."""
    return "已导出" + ("（尚有错误，已按草稿导出，带“草稿”标记）" if draft else "") + f"：{links}"


# ---------------------------------------------------------------------------------------------
# a breakdown (items by category or channel)

ADD_ITEM = "添加一项"
REMOVE_ITEM = "删除"
ITEM_PLACEHOLDER = "类别或渠道，如 政府网站"


def breakdown_note(unit: str) -> str:
    return f"（{unit}，可不填；各项可以重叠，如按渠道统计）"


def breakdown_total(total: str, unit: str) -> str:
    return f"各项合计 {total}{unit}"
