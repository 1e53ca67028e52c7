"""The kit's pages in a user's server, under <base>/kit/: what each role sees after login.

    /kit/          填报人: 我的报告 (state, the reviewer's reason, a link to the form, where 提交审核 is)
                   审核人: 审核 (the `kit status` board of their county for a year: 退回, 审核通过, 发布)
                   管理员: the roster
    /kit/report    one report: state, findings, record of who did what, preview
    /kit/preview   the report page as it would be published (a draft while errors remain)
    /kit/action    POST: return / approve / publish (审核人), through kit.cycle, `by` = the login

A clerk submits in the form only (kit.form: FillInForm.submit → FormModel.submit → kit.cycle.submit),
not here: one button and one code path, in the place that knows about unsaved changes and shows
the errors that refuse a submission; 我的报告 links to it.
    /kit/roster    管理员 only

Every request is authenticated by JupyterHub (only the server's owner gets in), authorised by
KitAuthorizer (resource "kit"), and then checked against the roster: the member is read again
from the roster by the login name, and every body goes through the member's ScopedStore, so a
crafted ?body= or POST for another body is refused like any other path.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web

from kit.errors import KitError
from kit.findings import Finding
from kit.messages import server as msg
from kit.report import BodyRef
from kit.server import pages
from kit.server.roster import Member, read_roster
from kit.server.scope import ScopedStore, hub_member, saves_of
from kit.store.saves import REMOVED

ACTION_LABELS = msg.ACTION_LABELS


class KitPage(JupyterHandler):  # type: ignore[misc]
    auth_resource = "kit"

    def member(self) -> Member:
        login = getattr(self.current_user, "username", None)
        if not login or login != os.environ.get("JUPYTERHUB_USER"):
            raise web.HTTPError(403, msg.ROLE_REFUSED)
        member = hub_member()
        if member is None:
            raise web.HTTPError(403, msg.NOT_IN_ROSTER)
        return member

    def store(self, member: Member) -> ScopedStore:
        return ScopedStore(os.environ.get("KIT_PARAMETERS", "parameters"), member)

    @property
    def kit_base(self) -> str:
        return str(self.base_url)

    @property
    def hub_base(self) -> str:
        return os.environ.get("JUPYTERHUB_BASE_URL", "/")

    def ref_and_year(self, store: ScopedStore) -> tuple[BodyRef, int]:
        try:
            ref = BodyRef.parse(self.get_argument("body"))
            year = int(self.get_argument("year"))
            store.year_file(ref, year)  # scope and year checked here
        except (KitError, ValueError) as exc:
            raise web.HTTPError(403, str(exc)) from None
        return ref, year

    def one_report(self) -> tuple[Member, ScopedStore, BodyRef, int]:
        """The member and the report a page is about (body and year from the query), within their scope;
        an administrator has no reports."""
        member = self.member()
        if member.is_admin:
            raise web.HTTPError(403, msg.ROLE_REFUSED)
        store = self.store(member)
        ref, year = self.ref_and_year(store)
        return member, store, ref, year

    def show(self, title: str, member: Member, body: str, say: str = "", refused: str = "") -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header(
            "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; form-action 'self'; frame-ancestors 'self'"
        )
        self.finish(pages.shell(title, member, body, self.kit_base, self.hub_base, say=say, refused=refused))

    @property
    def form_url(self) -> str:
        return self.kit_base + "voila/render/fill_in.ipynb"

    def render_home(self, member: Member, say: str = "", refused: str = "") -> None:
        store = self.store(member)
        xsrf = self.xsrf_token.decode("ascii")
        if member.is_clerk:
            mine = msg.responsible_for(msg.LIST_SEPARATOR.join(str(b) for b in member.bodies))
            body = f"<h2>{pages.esc(msg.MY_REPORTS)}</h2><p>{pages.esc(mine)}{pages.link(self.form_url, msg.OPEN_FORM)}</p>"
            body += pages.board(clerk_rows(store, member, self.form_url), self.kit_base, xsrf, ACTION_LABELS, reviewer=False)
            self.show(msg.MY_REPORTS, member, body, say, refused)
            return
        refs = store.bodies(member.county)
        try:
            year = int(self.get_argument("year", str(_latest_year(store, refs))))
        except ValueError:
            year = _latest_year(store, refs)
        years = sorted({y for r in refs for y in store.years(r)}, reverse=True)
        picker = " ".join(pages.link(f"{self.kit_base}kit/?year={y}", str(y)) for y in years)
        body = f"<h2>{pages.esc(msg.review_title(member.county or '', year))}</h2><p>{pages.esc(msg.YEAR)}：{picker}</p>"
        body += pages.board(reviewer_rows(store, member, year), self.kit_base, xsrf, ACTION_LABELS, reviewer=True)
        self.show(msg.REVIEW, member, body, say, refused)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        exc = kwargs.get("exc_info", (None, None, None))[1]
        reason = getattr(exc, "log_message", None) if isinstance(exc, web.HTTPError) else None
        self.finish(reason or (msg.ROLE_REFUSED if status_code == 403 else str(status_code)))


def _latest_year(store: ScopedStore, refs: list[BodyRef]) -> int:
    years = [y for r in refs for y in store.years(r)]
    return max(years) if years else dt.date.today().year - 1


def _findings(store: ScopedStore, ref: BodyRef, year: int) -> list[Finding]:
    from kit.checking import check_body

    return [f for checked in check_body(store, ref, [year]) for f in checked.findings]


def clerk_rows(store: ScopedStore, member: Member, form_url: str) -> list[pages.Row]:
    from kit.cycle import board

    rows = []
    for county in sorted({r.county for r in member.bodies}):
        refs = [r for r in member.bodies if r.county == county]
        for year in sorted({y for r in refs for y in store.years(r)}, reverse=True):
            for r in board(store, county, year, dt.date.today()).rows:
                if r.ref in refs and r.has_file:
                    rows.append(pages.Row(r.ref, year, r.state.value, r.errors, r.warnings, r.reason or "", submit_in=form_url if r.state.editable else ""))
    return rows


def reviewer_rows(store: ScopedStore, member: Member, year: int) -> list[pages.Row]:
    from kit.cycle import State, board

    actions = {State.SUBMITTED: ("return", "approve"), State.APPROVED: ("return", "publish")}
    out = []
    for r in board(store, member.county or "", year, dt.date.today()).rows:
        note = r.reason or (f"{r.last.by} {r.last.describe_time()}" if r.last else "")
        out.append(pages.Row(r.ref, year, r.state.value if r.has_file or r.last else msg.NOT_FILLED, r.errors, r.warnings, note, actions.get(r.state, ())))
    return out


class HomeHandler(KitPage):
    @web.authenticated
    @authorized
    def get(self) -> None:
        member = self.member()
        if member.is_admin:
            self.redirect(url_path_join(self.kit_base, "kit/roster"))
            return
        self.render_home(member)


class ReportHandler(KitPage):
    @web.authenticated
    @authorized
    def get(self) -> None:
        from kit.cycle import State, record_of

        member, store, ref, year = self.one_report()
        findings = _findings(store, ref, year) if store.year_file(ref, year).is_file() else []
        record = record_of(store, ref, year)
        state = record.state
        actions: tuple[str, ...] = () if member.is_clerk else {State.SUBMITTED: ("return", "approve"), State.APPROVED: ("return", "publish")}.get(state, ())
        submit_in = self.form_url if member.is_clerk and state.editable else ""
        last = record.last
        note = last.reason or "" if last is not None and state is State.RETURNED else ""
        events = [
            f"{e.describe_time()} {e.by}：{ACTION_LABELS.get(e.action.value, e.action.value)}" + (f"（{e.reason}）" if e.reason else "") for e in record.events
        ]
        events += [f"{s.get('at', '')} {s.get('by', '')}：{msg.REMOVED if s.get('action') == REMOVED else msg.SAVED}" for s in saves_of(store, ref, year)]
        row = pages.Row(ref, year, state.value, sum(f.is_error for f in findings), sum(not f.is_error for f in findings), note, actions, submit_in)
        self.show(f"{ref} {year}", member, pages.report_page(row, findings, sorted(events), self.kit_base, self.xsrf_token.decode("ascii"), ACTION_LABELS))


class PreviewHandler(KitPage):
    @web.authenticated
    @authorized
    def get(self) -> None:
        from kit.notebook.report import document, page

        _member, store, ref, year = self.one_report()
        try:
            report = store.load_year(ref, year)
        except KitError as exc:
            raise web.HTTPError(404, str(exc)) from None
        findings = _findings(store, ref, year)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'self'")
        self.finish(page(document(report, findings, draft=any(f.is_error for f in findings))))


class ActionHandler(KitPage):
    @web.authenticated
    @authorized
    def post(self) -> None:
        from kit.build.report import publication_builder
        from kit.cycle import approve, publish, return_report

        member = self.member()
        store = self.store(member)
        action = self.get_argument("action", "")
        allowed = {"return", "approve", "publish"} if member.is_reviewer else set()  # a clerk submits in the form
        if action not in allowed:
            raise web.HTTPError(403, msg.ROLE_REFUSED)
        ref, year = self.ref_and_year(store)
        by = member.username
        try:
            if action == "return":
                return_report(store, ref, year, by=by, reason=self.get_argument("reason", ""))
            elif action == "approve":
                approve(store, ref, year, by=by)
            else:
                publish(store, ref, year, by=by, build=publication_builder(store.root, ("html", "pdf")))
        except KitError as exc:
            self.render_home(member, refused=str(exc))
            return
        self.render_home(member, say=msg.done(ACTION_LABELS[action], str(ref), year))


class RosterHandler(KitPage):
    @web.authenticated
    @authorized
    def get(self) -> None:
        member = self.member()
        if not member.is_admin:
            raise web.HTTPError(403, msg.ROLE_REFUSED)
        file = Path(os.environ["KIT_ROSTER"])
        roster, findings = read_roster(file, Path(os.environ.get("KIT_PARAMETERS", "parameters")))
        self.show(msg.ROSTER, member, pages.roster_page(list(roster.members.values()), findings, str(file), self.hub_base))


def install(web_app: Any) -> None:
    base = web_app.settings["base_url"]
    web_app.add_handlers(
        ".*$",
        [
            (url_path_join(base, "kit/?"), HomeHandler),
            (url_path_join(base, "kit/report"), ReportHandler),
            (url_path_join(base, "kit/preview"), PreviewHandler),
            (url_path_join(base, "kit/action"), ActionHandler),
            (url_path_join(base, "kit/roster"), RosterHandler),
        ],
    )
