"""Texts of the county server (`kit hub`, its roster and pages) and of `kit serve`'s host check."""

from __future__ import annotations

CLERK = "填报人"
REVIEWER = "审核人"
ADMIN = "管理员"
ROLES = (CLERK, REVIEWER, ADMIN)

HOST_REFUSED = "拒绝访问：请求的主机名不是本服务器的地址（可能是 DNS 重绑定攻击）。请直接使用管理员告知的网址。"
ORIGIN_REFUSED = "拒绝访问：请求来自其他网站的页面。请直接使用管理员告知的网址。"
NOT_IN_ROSTER = "您的账号不在花名册中，或花名册无法读取；请联系县政务公开办（管理员）。"
OUT_OF_SCOPE = "无权访问：该报告主体不在您负责的范围内。"
ROLE_REFUSED = "无权访问：您的角色不能使用此页面。"


def roster_missing(path: object) -> str:
    return f"找不到花名册 {path}。请复制 roster.example.yaml 为 roster.yaml 并填写用户，或用 --roster 指定。"


def roster_unknown_key(key: str, known: str) -> str:
    return f"未知的键 “{key}”，可用的键：{known}"


def roster_bad_username(name: object) -> str:
    return f"登录名 {name!r} 不可用：应为 1–32 位小写字母、数字或 . _ -，以字母或数字开头"


def roster_bad_role(user: str, role: object) -> str:
    return f"用户 {user} 的角色 {role!r} 不是 {' / '.join(ROLES)} 之一"


def roster_clerk_without_bodies(user: str) -> str:
    return f"填报人 {user} 没有列出负责的报告主体（bodies）"


def roster_unknown_body(user: str, body: str) -> str:
    return f"用户 {user} 的报告主体 “{body}” 在参数文件夹中不存在（应为 县/主体，且有 body.yaml）"


def roster_bad_body(user: str, problem: str) -> str:
    return f"用户 {user} 的报告主体写法有误：{problem}"


def roster_bodies_not_for_role(user: str, role: str) -> str:
    return f"用户 {user} 的角色是{role}，不需要 bodies；只有填报人按报告主体分配"


def roster_no_county(user: str) -> str:
    return f"审核人 {user} 没有指定审核的县（county），花名册顶部也没有 county"


def roster_no_admin() -> str:
    return "花名册中没有管理员：至少指定一位管理员，负责批准注册和维护花名册"


def roster_not_mapping(what: str) -> str:
    return f"{what} 应为“键: 值”的映射"


def roster_bad_text(user: str, key: str) -> str:
    return f"用户 {user} 的 {key} 应为文字"

REASON_PLACEHOLDER = "退回理由（必填），例如：表三合计有误"
NO_REPORTS = "还没有报告。"


def done(action: str, body: str, year: int) -> str:
    return f"已{action}：{body} {year}年度"

BODY = "主体"
ROSTER = "花名册"

# --- kit serve (kit.server.voila) ---------------------------------------------------------------


def port_taken(host: str, port: int, problem: object, command: str = "kit serve") -> str:
    return f"{command} 无法在 {host}:{port} 上启动（{problem}）：端口可能已被占用。已在运行时请直接打开 http://{host}:{port}/ ，否则请换一个端口：{command} --port {port + 1}"


USE_THE_HUB = "全县多人使用请用 kit hub（每人一个账号，只能看到自己负责的主体）。"
PUBLIC_HOST_HELP = "经反向代理访问时浏览器使用的主机名（可重复）；其他主机名的请求一律拒绝"
HOST_NAME = "主机名"

# --- kit hub (kit.cli.hub, kit.server.hubconfig, kit.server.accounts) -------------------------

HUB_HELP = "为全县部署：每人一个账号的 JupyterHub（花名册、角色、范围）"
HUB_PORT_HELP = "端口（默认 8000，只在 127.0.0.1 上监听）"
HUB_ROSTER_HELP = "花名册（默认 roster.yaml）"
HUB_STATE_HELP = "数据库、密钥等的文件夹（默认 .hub/）"
HUB_EXPORTS_HELP = "导出文件夹（默认 exports/）"
HUB_IDLE_HELP = "无人使用多少秒后停止其服务器（默认 1800）"
HUB_KERNEL_IDLE_HELP = "表单内核空闲多少秒后关闭（默认 120；填写中的内容会自动暂存）"


def too_short(option: str, seconds: int, least: int) -> str:
    """`kit hub --idle-timeout 0`: a server (or kernel) stopped as soon as it starts is no setting a county wants."""
    return f"用法错误：{option} 至少为 {least} 秒，实为 {seconds}"


HUB_CONFIG_HELP = "另外读入的 JupyterHub 配置文件（例如改用 LDAP 或 OAuth 登录），最后合并"
HUB_SET_PASSWORD_HELP = "为花名册中的用户建立账号或修改密码（从终端或标准输入读入密码），然后退出"
LOGIN_NAME = "登录名"
PASSWORD_AGAIN = "再输入一次："
PASSWORDS_DIFFER = "两次输入的密码不一致"
WEAK_PASSWORD = "密码太弱：至少 8 位，且不能是常见密码"


def password_prompt(user: str) -> str:
    return f"{user} 的新密码："


def hub_started(port: int, roster: object, state: object) -> str:
    return f"kit hub 已启动：http://127.0.0.1:{port}/ （花名册 {roster}，状态文件夹 {state}）；按 Ctrl+C 停止。"


def roster_has_errors(roster: object, lines: list[str]) -> str:
    return f"提示：花名册 {roster} 有 {len(lines)} 处错误，相关用户暂时不能登录：\n" + "\n".join(f"  - {line}" for line in lines)


def hub_not_installed(name: object) -> str:
    return f"kit hub 需要 JupyterHub（{name}）：请运行 scripts/install.sh"


def proxy_missing(path: object) -> str:
    return f"找不到 configurable-http-proxy（{path}）：请运行 scripts/install.sh（make demo 或 make test 会自动运行）"


def user_not_in_roster(user: str, roster: object) -> str:
    return f"用户 {user} 不在花名册 {roster} 中（或花名册中此人有错误，请运行 kit check {roster}）"


def account_created(name: str, user: str, role: str) -> str:
    return f"已为 {name}（{user}，{role}）建立账号"


def account_refused(user: str) -> str:
    return f"无法为 {user} 建立账号（登录名不可用）"


def password_changed(name: str, user: str) -> str:
    return f"已修改 {name}（{user}）的密码"


# --- kit check roster.yaml (kit.cli.check) --------------------------------------------------------


def roster_alone(roster: object, other: object) -> str:
    return f"用法错误：花名册请单独检查（kit check {roster}），不要与参数文件（{other}）一起"


def roster_checked(errors: int, warnings: int) -> str:
    return f"花名册检查完毕：{errors} 个错误，{warnings} 个提示。" if errors or warnings else "花名册检查完毕：没有发现问题。"


# --- the pages of a user's server (kit.server.pages, kit.server.handlers) ----------------------

ACTION_LABELS = {"submit": "提交审核", "return": "退回修改", "approve": "审核通过", "publish": "发布"}
SAVED = "保存"
REMOVED = "删除了这一年（已留存，可恢复）"
NOT_FILLED = "未填写"
MY_REPORTS = "我的报告"
REVIEW = "审核"
HOME = "首页"
FORM = "填写表单"
OPEN_FORM = "打开填写表单"
SUBMIT_IN_FORM = "在填写表单中提交审核"  # 提交审核 is one button, in the form: where unsaved changes and errors are known and can be fixed
CHANGE_PASSWORD = "修改密码"
USERS_ONLINE = "在线用户"
LOGOUT = "退出登录"
VIEW = "查看"
FINDINGS_AND_PREVIEW = "检查结果与预览"
NO_FINDINGS = "没有错误或提示。"
NONE = "（无）"
FINDINGS = "检查结果"
RECORD = "记录"
PREVIEW = "预览"
PREVIEW_TITLE = "报告预览"
STATE = "状态"
BOARD_HEAD = ("报告主体", "年度", "状态", "错误", "提示", "说明", "操作")
ROSTER_HEAD = ("登录名", "姓名", "角色", "报告主体 / 县")
MANAGE_SERVERS = "查看在线用户、停止某人的服务器"
YEAR = "年度"


def responsible_for(bodies: str) -> str:
    return f"负责：{bodies}。"


def review_title(county: str, year: int) -> str:
    return f"{county} {year}年度报告审核"


def report_title(body: str, year: int) -> str:
    return f"{body} {year}年度报告"


def roster_file_note(file: str) -> str:
    return f"文件：{file}。修改花名册后运行 kit check {file}；新账号的密码用 kit hub --set-password 登录名 设置。"


def roster_check_title() -> str:
    return "花名册检查"
LIST_SEPARATOR = "、"
