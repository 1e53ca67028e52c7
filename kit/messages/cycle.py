"""Texts of the yearly cycle: states, refused transitions, the refused save, the board, verify.

Each refusal says what was asked, why it cannot be done, and what to do instead, naming the
body, the year and the command.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# the states, as the county office names them (also the values written in the record)

DRAFT = "填报中"
SUBMITTED = "已提交"
RETURNED = "退回修改"
APPROVED = "已审核"
PUBLISHED = "已发布"

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


RECORD_NOT_A_LIST = "内容应为 events: 记录列表"
EVENT_NOT_A_MAPPING = "不是 “键: 值” 的形式"
EVENT_VERSION_NOT_INT = "的 version 应为整数"
EVENT_FILES_NOT_A_MAPPING = "的 files 应为 “文件名: 哈希”"


def event_missing(key: str) -> str:
    return f"缺少 {key}"


def event_not_text(key: str) -> str:
    return f"的 {key} 应为文字"


def event_bad_value(what: object) -> str:
    return f"有无法识别的值（{what}）"


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


def _now(ref: str, year: int, state: str) -> str:
    return f"{ref} {year}年度报告当前状态为“{state}”"


def submit_refused_state(ref: str, year: int, state: str) -> str:
    hint = {
        "已提交": "已在审核中，无需再次提交",
        "已审核": "已审核通过，等待发布",
        "已发布": f"已发布；如需更正，请先运行 kit reopen {ref} {year} --reason “更正原因”",
    }.get(state, "")
    return f"{_now(ref, year, state)}，不能提交审核：{hint}。"


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
    return f"{_now(ref, year, state)}，不能退回：{why}。"


WHO_REQUIRED = "必须写明经办人（--by 用户名）"
ACTION_RETURN = "退回"
ACTION_REOPEN = "重新打开（更正）"
PUBLISHED_DIR = "已发布"  # <主体>/已发布/<年>/第N版/


def version_folder(version: int) -> str:
    return f"第{version}版"


def version_folder_exists(folder: object) -> str:
    return f"已发布版本的文件夹 {folder} 已存在，不会覆盖；请检查审核流程记录是否被改动过"


def nothing_built(ref: object, year: int) -> str:
    return f"发布时没有生成任何文件（{ref} {year}年度）"


def reason_required(action: str) -> str:
    return f"{action}必须写明原因（--reason “……”），原因会记入审核流程记录并显示给填报人。"


def approve_refused_state(ref: str, year: int, state: str) -> str:
    why = {
        "填报中": "还没有提交审核",
        "退回修改": "已退回修改，需填报人改正后重新提交",
        "已审核": "已经审核通过",
        "已发布": "已经发布",
    }.get(state, "")
    return f"{_now(ref, year, state)}，不能审核通过：{why}。"


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
    return f"{_now(ref, year, state)}，不能发布：{why}。{tail}"


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
    return f"{_now(ref, year, state)}，还没有发布，无需重新打开；要修改审核中的报告，请退回（kit return）。"


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


def deadlines_file_bad(file: object, level: str, what: object) -> str:
    return f"期限文件 {file} 的 levels.{level} 写得不对：{what}"


def county_file_not_a_mapping(file: object) -> str:
    return f"县的设定文件 {file} 的内容应为 “键: 值” 的形式"


def not_a_date(value: object) -> str:
    return f"“{value}” 不是日期"


def county_rule(county: str, file: str, key: str) -> str:
    return f"{county}规定（{file}：{key}）"


def deadline_config_bad(file: object, what: str) -> str:
    return f"县的设定文件 {file} 中 town_deadline 写得不对：{what}。请写作 “2月20日” 或 “02-20”。"


def deadline_unknown_level(level: str) -> str:
    return f"层级 “{level}” 没有规定报告期限（kit/cycle/deadlines.yaml）。"


# ---------------------------------------------------------------------------------------------
# verify


def verify_line(ref: object, year: int, version: int, name: str, state: str, path: object) -> str:
    return f"{ref} {year}年度 第{version}版 {name}：{state}（{path}）"


VERIFY_OK = "未改动"
VERIFY_CHANGED = "发布后被改动（与发布时记录的哈希不同）"
VERIFY_MISSING = "文件缺失"
VERIFY_NOTHING = "{county} {year}年度还没有已发布的报告。"
VERIFY_SUMMARY = "共核对 {files} 个已发布文件：{ok} 个未改动，{changed} 个被改动，{missing} 个缺失。"

# verify --online: the website's copy against the published version
ONLINE_NO_URL = "发布时没有记录网址（kit publish --url），无法核对网站上的版本"
ONLINE_NO_PAGE = "已发布的版本中没有网页文件，无法与网站上的版本比较"
ONLINE_NO_TABLES = "网站上的版本中没有读到与发布版本相同格式的表格"
ONLINE_NOTHING_READ = "没有读到内容"
ONLINE_SUMMARY = "共核对 {reports} 份网站上的报告：{same} 份与发布版本一致，{differ} 份不一致，{unchecked} 份未能核对。"


def online_unreadable(why: str) -> str:
    return f"网站上的版本读取失败：{why}"


def online_cell(place: str, published: str, online: str) -> str:
    return f"表{place}：发布版本为“{published or '（空白）'}”，网站上为“{online or '（空白）'}”"


def online_paragraph_changed(published: str, online: str) -> str:
    return f"正文“{published}”在网站上被改成了“{online}”"


def online_paragraph_missing(published: str) -> str:
    return f"正文“{published}”在网站上的版本中找不到"


def online_same(ref: object, year: int, version: int, url: object) -> str:
    return f"{ref} {year}年度 第{version}版：网站上的版本与发布版本一致（{url}）"


def online_differs(ref: object, year: int, version: int, url: object, count: int) -> str:
    return f"{ref} {year}年度 第{version}版：网站上的版本与发布版本有 {count} 处不同（{url}）"


def online_not_compared(ref: object, year: int, version: int, why: str) -> str:
    return f"{ref} {year}年度 第{version}版：未能核对网站上的版本——{why}"


def online_more(count: int) -> str:
    return f"  ……另有 {count} 处不同"


# the published version's files
PUBLISHED_AT = "已发布：{ref} {year}年度报告第{version}版，发布日期 {date}，文件保存在 {folder}"


def signature_date(year: int, month: int, day: int) -> str:
    """The date as printed in the signature block of a published report."""
    return f"{year}年{month}月{day}日"


# ---------------------------------------------------------------------------------------------
# the command line


def step_done(ref: object, year: int, what: str, state: str, by: str, at: str) -> str:
    return f"{ref} {year}年度报告{what}，当前状态：{state}（{by}，{at}）"


DONE_SUBMIT = "已提交审核"
DONE_RETURN = "已退回修改"
DONE_APPROVE = "已审核通过"
DONE_REOPEN = "已重新打开（已发布的版本保留）"
HELP_STATUS = "审核进度：每个主体的状态、经办人和时间、错误和提示、期限和剩余天数"
HELP_SUBMIT = "提交某主体某年度的报告，等待县里审核（有错误时不能提交）"
HELP_RETURN = "退回某主体某年度的报告，写明原因（--reason）"
HELP_APPROVE = "审核通过某主体某年度的报告（须与提交时的内容一致）"
HELP_PUBLISH = "发布审核通过的报告：生成正式文件（落款日期）、保存发布版本并记录哈希"
HELP_REOPEN = "重新打开已发布的报告以便更正（--reason），已发布的版本保留"
HELP_VERIFY = "核对已发布的文件是否在发布后被改动或缺失；加 --online 再核对网站上的版本与发布版本是否一致"
ARG_BODY = "县/主体，例如 青禾县/云溪镇"
ARG_YEAR = "年度，例如 2025"
ARG_REASON = "原因（记入审核流程记录，并显示给填报人）"
ARG_BY = "经办人（默认当前系统用户）"
ARG_URL = "发布在网站上的网址"
ARG_DATE = "报告落款的日期 YYYY-MM-DD（默认参数文件中的 date，否则今天）"
ARG_COUNTY_ALL = "县，例如 青禾县（默认参数文件夹中的每个县）"
ARG_COUNTY = "县，例如 青禾县"
ARG_YEAR_DEFAULT = "年度（默认上一年）"
ARG_JSON = "以 JSON 输出"
ARG_OVERDUE = "只列出逾期未完成的主体"
ARG_ONLINE = "再下载发布时记录的网址，核对网站上的版本与发布版本的表格和正文是否一致"
WHO_UNKNOWN = "无法确定经办人：请用 --by 写明用户名"


def bad_time(text: str) -> str:
    return f"--at “{text}” 不是 ISO 时间（例如 2026-01-20T09:30）"


def bad_today(text: str) -> str:
    return f"--today “{text}” 不是日期（YYYY-MM-DD）"


def no_such_county(root: object, county: str) -> str:
    return f"参数文件夹 {root} 中没有县 “{county}”"


# ---------------------------------------------------------------------------------------------
# the county summary's board (kit.render.summary_page)

SUMMARY_BOARD_HEAD = ("序号", "单位", "层级", "审核状态", "经办人", "时间", "期限", "剩余或逾期")
SUMMARY_TEXT = {
    "board": "一、审核进度",
    "board_caption": "各单位审核进度（截至{date}）",
    "board_sentence": "全县{total}个单位：{counts}。{approved}{overdue}",
    "board_count": "{state}{n}个",
    "board_approved": "已审核或已发布{n}个（{names}）。",
    "board_none_approved": "尚无审核通过的单位。",
    "board_overdue": "逾期未完成{n}个（{names}）。",
    "board_none_overdue": "没有逾期未完成的单位。",
    "board_reason": "退回原因：{reason}",
    "approved_part": "其中已审核或已发布的{n}个：{names}；尚未审核通过的{m}个：{others}。",
    "approved_all": "以上单位的报告均已审核或已发布。",
    "approved_none": "以上单位的报告均尚未审核通过，合计数字可能还会变化。",
}
ARG_PARAMETERS = "参数文件夹（默认 parameters/）"
FORMAT_METAVAR = "格式"


# ---------------------------------------------------------------------------------------------
# the fill-in form (kit.form)

FORM_SUBMIT = "提交审核"
FORM_SAVE_FIRST = "有尚未保存的修改：请先保存，再提交审核。"


def form_state(state: str, by: str | None, at: str | None) -> str:
    who = f"（{by}，{at}）" if by else ""
    return f"审核状态：{state}{who}"


def form_returned(reason: str) -> str:
    return f"退回原因：{reason}。请按原因修改，保存后再次提交审核。"


def form_locked_hint(state: str) -> str:
    return {
        SUBMITTED: "已提交审核，审核期间不能保存修改。",
        APPROVED: "已审核通过，等待发布，不能保存修改。",
        PUBLISHED: "已发布；如需更正，请联系县政务公开办重新打开（kit reopen）。",
    }.get(state, "")


def form_submitted(ref: object, year: int) -> str:
    return f"已提交审核：{ref} {year}年度报告。审核期间不能修改；如被退回，这里会显示退回原因。"
