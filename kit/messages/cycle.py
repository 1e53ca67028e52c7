"""Texts of the yearly cycle: states, refused transitions, the refused save, the board, verify.

Each refusal says what was asked, why it cannot be done, and what to do instead, naming the
body, the year and the command.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# the record file


def record_header(ref: str, year: int) -> str:
    return (
        f"# {ref} {year}年度报告的审核流程记录：由 kit submit / return / approve / publish / reopen 追加，只增不改。\n"
        "# 请勿手工修改：当前状态是最后一条记录的 state；恢复参数文件的旧版本（kit restore）不会改动本记录。"
    )


def record_unreadable(file: object, what: str) -> str:
    return f"审核流程记录 {file} 无法读取：{what}。该文件只应由 kit 写入；请从备份中恢复它，或请维护者查看。"


def record_bad_event(file: object, number: int, what: str) -> str:
    return record_unreadable(file, f"第{number}条记录{what}")


def record_rewritten(file: object) -> str:
    return f"审核流程记录 {file} 在读取之后被改动过（已有的记录不一致），本次未写入；请重新运行命令。"


# ---------------------------------------------------------------------------------------------
# a save refused because of the state


def save_refused_submitted(ref: str, year: int, by: str, at: str) -> str:
    return (
        f"{ref} {year}年度报告已于 {at} 由 {by} 提交审核，审核期间不能修改，本次未保存。"
        f"如需修改，请联系县政务公开办退回（kit return {ref} {year} --reason “原因”），退回后即可修改并重新提交。"
    )


def save_refused_approved(ref: str, year: int, by: str, at: str) -> str:
    return (
        f"{ref} {year}年度报告已于 {at} 由 {by} 审核通过，等待发布，不能再修改，本次未保存。"
        f"如确需修改，请审核人退回（kit return {ref} {year} --reason “原因”）后修改并重新提交。"
    )


def save_refused_published(ref: str, year: int, by: str, at: str) -> str:
    return (
        f"{ref} {year}年度报告已于 {at} 由 {by} 发布，已发布的版本不能修改，本次未保存。"
        f"如需更正，请先运行 kit reopen {ref} {year} --reason “更正原因”（已发布的版本会保留），改正后重新提交审核。"
    )


# ---------------------------------------------------------------------------------------------
# refused transitions


def submit_refused_state(ref: str, year: int, state: str) -> str:
    hint = {
        "已提交": "已在审核中，无需再次提交",
        "已审核": "已审核通过，等待发布",
        "已发布": f"已发布；如需更正，请先运行 kit reopen {ref} {year} --reason “更正原因”",
    }.get(state, "")
    return f"{ref} {year}年度报告当前状态为“{state}”，不能提交审核：{hint}。"


def submit_refused_errors(ref: str, year: int, count: int, first: list[str]) -> str:
    lines = "\n".join(f"  - {x}" for x in first)
    more = f"\n  ……共 {count} 个错误" if count > len(first) else ""
    return f"{ref} {year}年度报告还有 {count} 个错误，不能提交审核。请先改正（kit check 可列出全部），再提交：\n{lines}{more}"


def submit_refused_missing(ref: str, year: int, file: object) -> str:
    return f"{ref} {year}年度报告还没有参数文件 {file}，不能提交审核；请先填写（kit serve 或 kit new {ref} {year}）。"


def return_refused_state(ref: str, year: int, state: str) -> str:
    why = {
        "填报中": "还没有提交审核，无需退回",
        "退回修改": "已经退回，正在修改中",
        "已发布": f"已发布，不能退回；如需更正，请运行 kit reopen {ref} {year} --reason “更正原因”",
    }.get(state, "")
    return f"{ref} {year}年度报告当前状态为“{state}”，不能退回：{why}。"


def reason_required(action: str) -> str:
    return f"{action}必须写明原因（--reason “……”），原因会记入审核流程记录并显示给填报人。"


def approve_refused_state(ref: str, year: int, state: str) -> str:
    why = {
        "填报中": "还没有提交审核",
        "退回修改": "已退回修改，需填报人改正后重新提交",
        "已审核": "已经审核通过",
        "已发布": "已经发布",
    }.get(state, "")
    return f"{ref} {year}年度报告当前状态为“{state}”，不能审核通过：{why}。"


def approve_refused_changed(ref: str, year: int, at: str) -> str:
    return (
        f"{ref} {year}年度报告在 {at} 提交之后被改动过（参数文件与提交时的内容不同），不能审核通过："
        f"审核的必须是提交的那一版。请退回（kit return {ref} {year} --reason “……”），由填报人确认后重新提交。"
    )


def approve_refused_errors(ref: str, year: int, count: int) -> str:
    return f"{ref} {year}年度报告现有 {count} 个错误（kit check 可列出），不能审核通过；请退回修改。"


def publish_refused_state(ref: str, year: int, state: str) -> str:
    why = {
        "填报中": "还没有提交审核",
        "已提交": "已提交，但还没有审核通过",
        "退回修改": "已退回修改，还没有重新提交和审核",
        "已发布": f"已经发布；如需更正，请先运行 kit reopen {ref} {year} --reason “更正原因”",
    }.get(state, "")
    tail = "" if state == "已发布" else f"未经审核通过的报告不能发布（kit approve {ref} {year}）。"
    return f"{ref} {year}年度报告当前状态为“{state}”，不能发布：{why}。{tail}"


def publish_refused_changed(ref: str, year: int, at: str) -> str:
    return (
        f"{ref} {year}年度报告在 {at} 审核通过之后被改动过（参数文件与审核时的内容不同），不能发布。"
        f"请退回（kit return {ref} {year} --reason “……”）重新提交审核。"
    )


def publish_bad_date(text: str) -> str:
    return f"发布日期 “{text}” 无法识别：请写作 YYYY-MM-DD，例如 2026-01-20。"


def publish_date_too_early(date: str, year: int) -> str:
    return f"发布日期 {date} 早于 {year}年度结束，不合理：年度报告应在次年发布。"


def publish_bad_url(url: str) -> str:
    return f"发布网址 “{url}” 不是 http:// 或 https:// 开头的网址。"


def reopen_refused_state(ref: str, year: int, state: str) -> str:
    return f"{ref} {year}年度报告当前状态为“{state}”，还没有发布，无需重新打开；要修改审核中的报告，请退回（kit return）。"


# ---------------------------------------------------------------------------------------------
# the board

STATE_HELP = {
    "填报中": "正在填写，尚未提交",
    "已提交": "已提交，等待审核",
    "退回修改": "审核退回，正在修改",
    "已审核": "审核通过，等待发布",
    "已发布": "已发布",
}

NO_FILE = "未建立"
BOARD_TITLE = "{county} {year}年度报告审核进度（截至 {today}）"
BOARD_COLUMNS = ("主体", "层级", "状态", "经办", "时间", "错误", "提示", "期限", "剩余/逾期")
BOARD_TOTALS = "共 {total} 个主体：{counts}。"
BOARD_APPROVED = "已审核或已发布的 {n} 个：{names}。"
BOARD_NONE_APPROVED = "还没有审核通过的主体。"
BOARD_OVERDUE = "逾期 {n} 个：{names}。"
BOARD_NONE_OVERDUE = "没有逾期的主体。"
BOARD_RETURN_REASON = "    退回原因：{reason}"
BOARD_EMPTY = "{county} 下没有报告主体（没有含 body.yaml 的文件夹）。"


def days_left(days: int) -> str:
    return "今天到期" if days == 0 else f"还剩 {days} 天"


def days_overdue(days: int) -> str:
    return f"逾期 {days} 天"


def met_on_time() -> str:
    return "按期完成"


def met_late(days: int) -> str:
    return f"逾期 {days} 天完成"


# ---------------------------------------------------------------------------------------------
# deadlines


def deadline_config_bad(file: object, what: str) -> str:
    return f"县的设定文件 {file} 中 town_deadline 写得不对：{what}。请写作 “2月20日” 或 “02-20”。"


def deadline_unknown_level(level: str) -> str:
    return f"层级 “{level}” 没有规定报告期限（kit/cycle/deadlines.yaml）。"


# ---------------------------------------------------------------------------------------------
# verify

VERIFY_OK = "未改动"
VERIFY_CHANGED = "发布后被改动（与发布时记录的哈希不同）"
VERIFY_MISSING = "文件缺失"
VERIFY_NOTHING = "{county} {year}年度还没有已发布的报告。"
VERIFY_SUMMARY = "共核对 {files} 个已发布文件：{ok} 个未改动，{changed} 个被改动，{missing} 个缺失。"

# the published version's files
PUBLISHED_AT = "已发布：{ref} {year}年度报告第{version}版，发布日期 {date}，文件保存在 {folder}"
