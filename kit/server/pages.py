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
    actions: tuple[str, ...] = ()  # the actions this person may take now on this page (cycle action names)
    submit_in: str = ""  # a clerk's editable report: the form's address, where 提交审核 is (one button, one code path)


def link(href: str, text: str) -> str:
    return f'<a href="{esc(href)}">{esc(text)}</a>'


def _head(labels: Iterable[str]) -> str:
    return "<tr>" + "".join(f"<th>{esc(x)}</th>" for x in labels) + "</tr>"


def shell(title: str, member: Member, body: str, base: str, hub: str, say: str = "", refused: str = "") -> str:
    links = [link(f"{base}kit/", msg.HOME)]
    if member.is_clerk:
        links.append(link(f"{base}voila/render/fill_in.ipynb", msg.FORM))
    links.append(link(f"{hub}hub/change-password", msg.CHANGE_PASSWORD))
    if member.is_admin:
        links.append(link(f"{hub}hub/admin", msg.USERS_ONLINE))
    links.append(link(f"{hub}hub/logout", msg.LOGOUT))
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


def _actions(base: str, xsrf: str, row: Row, labels: dict[str, str]) -> str:
    forms = [_action_form(base, xsrf, row, a, labels.get(a, a), reason=(a == "return")) for a in row.actions]
    if row.submit_in:
        forms.append(f'<a class="kit-submit-in-form" href="{esc(row.submit_in)}">{esc(msg.SUBMIT_IN_FORM)}</a>')
    return " ".join(forms)


def board(rows: Sequence[Row], base: str, xsrf: str, labels: dict[str, str], reviewer: bool) -> str:
    if not rows:
        return f'<p class="muted">{esc(msg.NO_REPORTS)}</p>'
    lines = []
    for r in rows:
        report = link(f"{base}kit/report?{urlencode({'body': str(r.ref), 'year': r.year})}", msg.VIEW if reviewer else msg.FINDINGS_AND_PREVIEW)
        lines.append(
            f'<tr class="kit-row" data-body="{esc(str(r.ref))}" data-year="{r.year}"><td>{esc(str(r.ref))}</td><td>{r.year}</td>'
            f'<td class="kit-state">{esc(r.state)}</td><td class="{"bad" if r.errors else "ok"}">{r.errors}</td><td class="warn">{r.warnings}</td>'
            f'<td class="kit-note">{esc(r.note)}</td><td>{report} {_actions(base, xsrf, r, labels)}</td></tr>'
        )
    return f'<table class="kit-board">{_head(msg.BOARD_HEAD)}{"".join(lines)}</table>'


def findings_list(findings: Iterable[Finding]) -> str:
    items = [f'<li class="{"bad" if f.is_error else "warn"}">{esc(f.describe())}</li>' for f in findings]
    return f'<ul class="kit-findings">{"".join(items)}</ul>' if items else f'<p class="ok">{esc(msg.NO_FINDINGS)}</p>'


def report_page(row: Row, findings: Sequence[Finding], history: Sequence[str], base: str, xsrf: str, labels: dict[str, str]) -> str:
    query = urlencode({"body": str(row.ref), "year": row.year})
    events = "".join(f"<li>{esc(h)}</li>" for h in history) or f'<li class="muted">{esc(msg.NONE)}</li>'
    note = f'　<span class="note kit-note">{esc(row.note)}</span>' if row.note else ""
    frame = (
        f'<iframe class="kit-preview" src="{esc(base)}kit/preview?{esc(query)}" '
        f'style="width:100%;height:70vh;border:1px solid #d1d5db;background:#fff" title="{esc(msg.PREVIEW_TITLE)}"></iframe>'
    )
    return (
        f'<h2>{esc(msg.report_title(str(row.ref), row.year))}</h2><p>{esc(msg.STATE)}：<strong class="kit-state">{esc(row.state)}</strong>{note}</p>'
        f'<p>{_actions(base, xsrf, row, labels)}</p><h3>{esc(msg.FINDINGS)}</h3>{findings_list(findings)}'
        f'<h3>{esc(msg.RECORD)}</h3><ul class="kit-history">{events}</ul><h3>{esc(msg.PREVIEW)}</h3>{frame}'
    )


def roster_page(members: Sequence[Member], findings: Sequence[Finding], file: str, hub: str) -> str:
    lines = "".join(
        f'<tr class="kit-member"><td>{esc(m.username)}</td><td>{esc(m.name)}</td><td>{esc(m.role)}</td>'
        f"<td>{esc(msg.LIST_SEPARATOR.join(str(b) for b in m.bodies) if m.is_clerk else (m.county or ''))}</td></tr>"
        for m in members
    )
    return (
        f'<h2>{esc(msg.ROSTER)}</h2><p class="muted">{esc(msg.roster_file_note(file))}</p>'
        f'<table class="kit-roster">{_head(msg.ROSTER_HEAD)}{lines}</table><h3>{esc(msg.roster_check_title())}</h3>{findings_list(findings)}'
        f"<p>{link(f'{hub}hub/admin', msg.MANAGE_SERVERS)}</p>"
    )
