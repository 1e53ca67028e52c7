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
