"""The HTML of the kit's pages in a user's server: 我的报告 (clerk), 审核 (reviewer), 花名册 (admin).

Plain server-made pages with forms (no scripts), every user value escaped. Which page a person
gets and what it may show is decided by handlers.py from the roster; these functions only lay out
what they are given.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from kit.findings import Finding
from kit.messages import server as msg
from kit.report import BodyRef
from kit.server.roster import Member

esc = html.escape

CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2937;background:#f9fafb}
header{background:#1e3a8a;color:#fff;padding:10px 18px;display:flex;gap:18px;align-items:center}
header a{color:#dbeafe} main{padding:16px 22px;max-width:1200px}
table{border-collapse:collapse;background:#fff;margin:8px 0} td,th{border:1px solid #d1d5db;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef2ff} .bad{color:#b91c1c} .warn{color:#92400e} .ok{color:#166534} .muted{color:#6b7280}
form.inline{display:inline} textarea{width:28em;height:3em} .note{padding:8px 12px;background:#fff7ed;border:1px solid #fdba74;margin:8px 0}
.say{padding:8px 12px;background:#ecfdf5;border:1px solid #6ee7b7;margin:8px 0} .refused{padding:8px 12px;background:#fef2f2;border:1px solid #fca5a5;margin:8px 0}
"""


@dataclass(frozen=True)
class Row:
    """One report on a board: body, year, state as printed, findings counts, the last note."""

    ref: BodyRef
    year: int
    state: str
    errors: int
    warnings: int
    note: str = ""  # e.g. the reviewer's reason for returning it
    actions: tuple[str, ...] = ()  # the actions this person may take now (cycle action names)


def shell(title: str, member: Member, body: str, base: str, hub: str, say: str = "", refused: str = "") -> str:
    links = [f'<a href="{esc(base)}kit/">首页</a>']
    if member.is_clerk:
        links.append(f'<a href="{esc(base)}voila/render/fill_in.ipynb">填写表单</a>')
    links.append(f'<a href="{esc(hub)}hub/change-password">修改密码</a>')
    if member.is_admin:
        links.append(f'<a href="{esc(hub)}hub/admin">在线用户</a>')
    links.append(f'<a href="{esc(hub)}hub/logout">退出登录</a>')
    top = f"<strong>{esc(title)}</strong><span>{esc(member.name)}（{esc(member.role)}）</span>" + " ".join(links)
    notes = (f'<div class="say">{esc(say)}</div>' if say else "") + (f'<div class="refused">{esc(refused)}</div>' if refused else "")
    return (
        f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{esc(title)}</title>'
        f"<style>{CSS}</style></head><body><header>{top}</header><main>{notes}{body}</main></body></html>"
    )


def _action_form(base: str, xsrf: str, row: Row, action: str, label: str, reason: bool = False) -> str:
    fields = (
        f'<input type="hidden" name="_xsrf" value="{esc(xsrf)}">'
        f'<input type="hidden" name="body" value="{esc(str(row.ref))}"><input type="hidden" name="year" value="{row.year}">'
        f'<input type="hidden" name="action" value="{esc(action)}">'
    )
    if reason:
        fields += f'<textarea name="reason" placeholder="{esc(msg.REASON_PLACEHOLDER)}" required></textarea>'
    return f'<form class="inline" method="post" action="{esc(base)}kit/action">{fields}<button class="kit-{esc(action)}" type="submit">{esc(label)}</button></form>'


def board(rows: Sequence[Row], base: str, xsrf: str, labels: dict[str, str], reviewer: bool) -> str:
    if not rows:
        return f'<p class="muted">{esc(msg.NO_REPORTS)}</p>'
    head = "<tr><th>报告主体</th><th>年度</th><th>状态</th><th>错误</th><th>提示</th><th>说明</th><th>操作</th></tr>"
    lines = []
    for r in rows:
        query = urlencode({"body": str(r.ref), "year": r.year})
        report = f'<a href="{esc(base)}kit/report?{esc(query)}">查看</a>' if reviewer else f'<a href="{esc(base)}kit/report?{esc(query)}">检查结果与预览</a>'
        acts = " ".join(_action_form(base, xsrf, r, a, labels.get(a, a), reason=(a == "return")) for a in r.actions)
        lines.append(
            f'<tr class="kit-row" data-body="{esc(str(r.ref))}" data-year="{r.year}"><td>{esc(str(r.ref))}</td><td>{r.year}</td>'
            f'<td class="kit-state">{esc(r.state)}</td><td class="{"bad" if r.errors else "ok"}">{r.errors}</td><td class="warn">{r.warnings}</td>'
            f'<td class="kit-note">{esc(r.note)}</td><td>{report} {acts}</td></tr>'
        )
    return f'<table class="kit-board">{head}{"".join(lines)}</table>'


def findings_list(findings: Iterable[Finding]) -> str:
    items = [f'<li class="{"bad" if f.is_error else "warn"}">{esc(f.describe())}</li>' for f in findings]
    return f'<ul class="kit-findings">{"".join(items)}</ul>' if items else '<p class="ok">没有错误或提示。</p>'


def report_page(row: Row, findings: Sequence[Finding], history: Sequence[str], base: str, xsrf: str, labels: dict[str, str]) -> str:
    query = urlencode({"body": str(row.ref), "year": row.year})
    acts = " ".join(_action_form(base, xsrf, row, a, labels.get(a, a), reason=(a == "return")) for a in row.actions)
    events = "".join(f"<li>{esc(h)}</li>" for h in history) or '<li class="muted">（无）</li>'
    return (
        f'<h2>{esc(str(row.ref))} {row.year}年度报告</h2><p>状态：<strong class="kit-state">{esc(row.state)}</strong>'
        + (f'　<span class="note kit-note">{esc(row.note)}</span>' if row.note else "")
        + f'</p><p>{acts}</p><h3>检查结果</h3>{findings_list(findings)}<h3>记录</h3><ul class="kit-history">{events}</ul>'
        f'<h3>预览</h3><iframe class="kit-preview" src="{esc(base)}kit/preview?{esc(query)}" style="width:100%;height:70vh;border:1px solid #d1d5db;background:#fff" title="报告预览"></iframe>'
    )


def roster_page(members: Sequence[Member], findings: Sequence[Finding], file: str, hub: str) -> str:
    head = "<tr><th>登录名</th><th>姓名</th><th>角色</th><th>报告主体 / 县</th></tr>"
    lines = "".join(
        f'<tr class="kit-member"><td>{esc(m.username)}</td><td>{esc(m.name)}</td><td>{esc(m.role)}</td>'
        f"<td>{esc('、'.join(str(b) for b in m.bodies) if m.is_clerk else (m.county or ''))}</td></tr>"
        for m in members
    )
    return (
        f'<h2>花名册</h2><p class="muted">文件：{esc(file)}。修改花名册后运行 <code>kit check {esc(file)}</code>；'
        f"新账号的密码用 <code>kit hub --set-password 登录名</code> 设置。</p>"
        f'<table class="kit-roster">{head}{lines}</table><h3>花名册检查</h3>{findings_list(findings)}'
        f'<p><a href="{esc(hub)}hub/admin">查看在线用户、停止某人的服务器</a></p>'
    )
