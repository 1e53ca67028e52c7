"""The fill-in form's texts (kit.form): what a clerk reads, in words a clerk uses.

No file paths, file names, YAML keys, placeholder syntax or English: the clerk knows the report,
its tables and its years, not the folder it is kept in.
"""

from __future__ import annotations

from kit.messages import store

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
