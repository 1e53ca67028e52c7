"""`kit hub`: a real JupyterHub on 127.0.0.1, real single-user servers, Debian chromium through Playwright.

Two clerks (甲镇, 乙镇), a reviewer and an administrator of 示例县. Each clerk sees only their body;
every way a clerk could reach the other's report — the form, a crafted URL, the Jupyter REST API,
an execute_request down the kernel's websocket, a body name pushed into a widget, the other
clerk's server — is tried and its refusal asserted. 乙镇's report carries a marker text that must
never reach clerk-a. Then the yearly cycle through the pages: submit, return with a reason, fix,
resubmit, approve, publish, each recorded with the login.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import requests
from hub_harness import COUNTY, PROXY, Hub, KernelSocket, kernels, message, password, running_hub, widget_states

from kit.messages import server as msg
from kit.report import BodyRef
from kit.server.hosts import HostCheck
from kit.store import Store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
UI_TIMEOUT = 120_000  # ms: a user's server starts slowly on a loaded machine
SECRET = "乙镇绝密标记XQ7"  # in 乙镇's prose: must never reach clerk-a
A, B = BodyRef(COUNTY, "甲镇"), BodyRef(COUNTY, "乙镇")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium (/usr/bin/chromium) is not installed: apt-get install chromium"),
    pytest.mark.skipif(not PROXY.exists(), reason="configurable-http-proxy is not installed: run scripts/install.sh"),
]


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    folder = tmp_path_factory.mktemp("hub")
    with running_hub(
        folder,
        towns=["甲镇", "乙镇"],
        clerks={"clerk-a": ["甲镇"], "clerk-b": ["乙镇"]},
        reviewers=["rev"],
        admins=["boss"],
        secret={"乙镇": SECRET},
    ) as h:
        yield h


@pytest.fixture(scope="module")
def clerk_a(hub: Hub) -> requests.Session:
    s = hub.login("clerk-a")
    r = s.get(f"{hub.url}/user/clerk-a/voila/render/fill_in.ipynb", timeout=180)  # the form's kernel, as the page starts it
    assert r.status_code == 200 and SECRET not in r.text
    return s


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def browser_login(browser: Any, hub: Hub, user: str) -> Any:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(UI_TIMEOUT)
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", password(user))
    page.click("#login_submit")
    page.wait_for_url(f"**/user/{user}/kit/**", timeout=UI_TIMEOUT * 2)
    return page


# ---------------------------------------------------------------------------------------------
# logins and what each role sees


def test_a_wrong_password_and_a_stranger_are_refused(hub: Hub) -> None:
    with requests.Session() as s:
        s.get(f"{hub.url}/hub/login", timeout=60)
        for user, pw in (("clerk-a", "wrong-password-1"), ("stranger", "Kit-stranger-Passw0rd-2026")):
            r = s.post(f"{hub.url}/hub/login?next=", data={"username": user, "password": pw, "_xsrf": s.cookies.get("_xsrf", "")}, timeout=60)
            assert r.status_code in (200, 403) and "jupyterhub-hub-login" not in s.cookies
            home = s.get(f"{hub.url}/hub/home", allow_redirects=False, timeout=60)
            assert home.status_code == 302 and "/hub/login" in home.headers["Location"]
    assert requests.get(f"{hub.url}/hub/signup", timeout=60).status_code == 404  # accounts come from the county office only


def test_each_clerk_sees_only_their_body_in_the_form(hub: Hub, browser: Any) -> None:
    for user, mine, other in (("clerk-a", A, B), ("clerk-b", B, A)):
        page = browser_login(browser, hub, user)
        rows = page.locator(".kit-board .kit-row")
        assert [rows.nth(i).get_attribute("data-body") for i in range(rows.count())] == [str(mine)]
        page.click("text=打开填写表单")
        page.wait_for_selector(".kit-form .kit-open", timeout=UI_TIMEOUT * 2)
        options = page.locator(".kit-body select option").all_inner_texts()
        assert options == [mine.body]
        assert page.locator(".kit-county select option").all_inner_texts() == [COUNTY]
        assert other.body not in page.content() and (SECRET not in page.content())
        for absent in (".jp-DirListing", ".jp-Launcher", ".jp-Terminal", ".jp-InputArea-editor", ".jp-MenuBar"):  # no file browser, terminal, code
            assert page.locator(absent).count() == 0
        page.context.close()


def test_the_reviewer_sees_the_board_and_the_admin_the_roster(hub: Hub, browser: Any) -> None:
    page = browser_login(browser, hub, "rev")
    rows = page.locator(".kit-board .kit-row")
    assert sorted(rows.nth(i).get_attribute("data-body") for i in range(rows.count())) == sorted([str(A), str(B)])
    page.context.close()
    page = browser_login(browser, hub, "boss")
    assert "/kit/roster" in page.url
    members = page.locator(".kit-roster .kit-member").all_inner_texts()
    assert len(members) == 4 and any("clerk-a" in m and "甲镇" in m for m in members)
    page.context.close()


# ---------------------------------------------------------------------------------------------
# attacks by clerk-a on 乙镇's report: each refused


def test_the_jupyter_rest_api_is_closed(hub: Hub, clerk_a: requests.Session) -> None:
    base = f"{hub.url}/user/clerk-a"
    headers = {"X-XSRFToken": hub.xsrf(clerk_a, "clerk-a")}
    refused = {
        ("GET", "/api/contents"): "not authorized to read on resource: contents",
        ("GET", "/api/contents/fill_in.ipynb"): "not authorized to read on resource: contents",
        ("PUT", "/api/contents/evil.ipynb"): "not authorized to write on resource: contents",
        ("POST", "/api/kernels"): "not authorized to write on resource: kernels",
        ("POST", "/api/sessions"): "not authorized to write on resource: sessions",
        ("GET", "/api/sessions"): "not authorized to read on resource: sessions",
        ("POST", "/api/shutdown"): "not authorized to write on resource: server",
        ("GET", "/api/kernelspecs/python3/logo-64x64.png"): None,
    }
    for (method, path), reason in refused.items():
        r = clerk_a.request(method, base + path, headers=headers, json={"type": "notebook", "content": None} if method == "PUT" else {}, timeout=60)
        if reason is None:
            continue
        assert r.status_code == 403 and reason in r.text, (method, path, r.status_code, r.text[:200])
    for path in ("/files/fill_in.ipynb", "/api/nbconvert", "/view/fill_in.ipynb"):
        r = clerk_a.get(base + path, timeout=60)
        assert r.status_code == 403, (path, r.status_code)
    for path in ("/lab", "/tree", "/notebooks/fill_in.ipynb", "/terminals/1", "/api/terminals", "/edit/fill_in.ipynb"):
        r = clerk_a.get(base + path, timeout=60)
        assert r.status_code == 404, (path, r.status_code)  # JupyterLab, the file browser and terminals are not loaded
    r = clerk_a.post(base + "/api/terminals", headers=headers, timeout=60)
    assert r.status_code == 404


def test_voila_renders_nothing_but_the_form(hub: Hub, clerk_a: requests.Session) -> None:
    base = f"{hub.url}/user/clerk-a/voila/render/"
    for path in ("annual_report.ipynb", "..%2F..%2Fnotebooks%2Fannual_report.ipynb", "../../../notebooks/annual_report.ipynb", "%2Fetc%2Fpasswd"):
        r = clerk_a.get(base + path, timeout=60)
        assert r.status_code in (403, 404), (path, r.status_code)
    r = clerk_a.get(f"{hub.url}/user/clerk-a/voila/files/fill_in.ipynb", timeout=60)
    assert r.status_code in (403, 404)


def test_crafted_urls_for_the_other_body_are_refused(hub: Hub, clerk_a: requests.Session) -> None:
    base = f"{hub.url}/user/clerk-a/kit"
    for path in ("report", "preview"):
        r = clerk_a.get(f"{base}/{path}?body={quote(str(B))}&year=2022", timeout=60)
        assert r.status_code == 403 and msg.OUT_OF_SCOPE in r.text and SECRET not in r.text
        r = clerk_a.get(f"{base}/{path}?body={quote('示例县/../示例县/乙镇')}&year=2022", timeout=60)
        assert r.status_code == 403 and SECRET not in r.text
    form = {"_xsrf": hub.xsrf(clerk_a, "clerk-a"), "body": str(B), "year": "2022"}
    for body, action in ((B, "submit"), (A, "submit"), (A, "approve"), (A, "publish"), (B, "return")):
        # a clerk submits in the form only (one button, one code path), and cannot review, even their own
        r = clerk_a.post(f"{base}/action", data={**form, "body": str(body), "action": action}, timeout=60)
        assert r.status_code == 403 and msg.ROLE_REFUSED in r.text and SECRET not in r.text, (body, action)
    r = clerk_a.get(f"{base}/roster", timeout=60)
    assert r.status_code == 403 and msg.ROLE_REFUSED in r.text


def test_the_other_clerks_server_is_closed(hub: Hub, clerk_a: requests.Session) -> None:
    hub.login("clerk-b")
    for path in ("/kit/", f"/kit/report?body={quote(str(B))}&year=2022", "/voila/render/fill_in.ipynb", "/api/kernels"):
        r = clerk_a.get(f"{hub.url}/user/clerk-b{path}", timeout=60)
        assert r.status_code == 403, (path, r.status_code)
        assert SECRET not in r.text and "乙镇" not in r.text


def test_an_execute_request_down_the_websocket_never_runs(hub: Hub, clerk_a: requests.Session) -> None:
    marker = hub.folder / "executed-by-attacker"
    kernel = kernels(hub, clerk_a, "clerk-a")[0]  # a form page's kernel
    with KernelSocket(hub, clerk_a, "clerk-a", kernel["id"]) as ws:
        info = ws.send(message("kernel_info_request", {}))
        reply, _ = ws.until("kernel_info_reply", info, 60)
        assert reply is not None  # the socket is live: what follows is refused, not lost
        code = f"open({str(marker)!r}, 'w').write('x'); print(open({str(hub.parameters / B.county / B.body / '2022.yaml')!r}).read())"
        sent = ws.send(message("execute_request", {"code": code, "silent": False, "store_history": False, "user_expressions": {}, "allow_stdin": False}))
        reply, seen = ws.until("execute_reply", sent, 15)
        assert reply is None
        assert not any(m["header"]["msg_type"] in ("stream", "execute_result", "error") for m in seen)
        assert all(SECRET not in str(m) for m in seen)
        again = ws.send(message("kernel_info_request", {}))
        assert ws.until("kernel_info_reply", again, 60)[0] is not None  # still alive, and the code never ran
    assert not marker.exists()


def test_a_body_name_pushed_into_a_widget_is_refused(hub: Hub, clerk_a: requests.Session) -> None:
    """The page's own widget messages (allowed: the form needs them) carrying 乙镇 instead of 甲镇."""
    kernel = kernels(hub, clerk_a, "clerk-a")[0]
    with KernelSocket(hub, clerk_a, "clerk-a", kernel["id"]) as ws:
        states = widget_states(ws)
        by_description = {s.get("description"): cid for cid, s in states.items() if s.get("description")}
        body = by_description["报告主体"]
        button = next(cid for cid, s in states.items() if "kit-open" in s.get("_dom_classes", []))
        assert states[body]["_options_labels"] == ["甲镇"]
        # without the scope the list would be [乙镇, 甲镇] and index 0 would select 乙镇: ask for it, then 打开
        for index in (1, 0):
            ws.send(message("comm_msg", {"comm_id": body, "data": {"method": "update", "state": {"_options_labels": ["乙镇", "甲镇"], "index": index}, "buffer_paths": []}}))
        ws.send(message("comm_msg", {"comm_id": button, "data": {"method": "custom", "content": {"event": "click"}}}))
        seen = ws.replies(20)
    opened = [m for m in seen if m["header"]["msg_type"] == "comm_open"]
    assert opened  # the click did open a report: 甲镇's, the only one in scope
    assert all(SECRET not in str(m) for m in seen)


def test_rebinding_hosts_and_foreign_origins_are_refused_by_the_hub_and_the_users_server(hub: Hub, clerk_a: requests.Session) -> None:
    port = hub.url.rsplit(":", 1)[1]
    for path in ("/hub/login", "/user/clerk-a/kit/", "/user/clerk-a/api/kernels"):
        r = clerk_a.get(hub.url + path, headers={"Host": f"evil.example:{port}"}, timeout=60, allow_redirects=False)
        assert r.status_code == 403 and r.text == msg.HOST_REFUSED, path
        r = clerk_a.get(hub.url + path, headers={"Origin": f"http://evil.example:{port}"}, timeout=60, allow_redirects=False)
        assert r.status_code == 403 and r.text == msg.ORIGIN_REFUSED, path
    assert HostCheck.for_listening("127.0.0.1").host_ok(f"127.0.0.1:{port}")
    # the kernel's websocket opened from another site's page (cross-site websocket hijacking) or through a rebinding name
    from tornado.httpclient import HTTPClientError

    kernel = kernels(hub, clerk_a, "clerk-a")[0]
    for headers in ({"Origin": f"http://evil.example:{port}"}, {"Host": f"evil.example:{port}"}):
        with pytest.raises(HTTPClientError) as refused:
            KernelSocket(hub, clerk_a, "clerk-a", kernel["id"], headers=headers).__enter__()
        assert refused.value.code == 403, headers
    with KernelSocket(hub, clerk_a, "clerk-a", kernel["id"], headers={"Origin": hub.url}) as ws:  # the page's own origin: allowed
        sent = ws.send(message("kernel_info_request", {}))
        assert ws.until("kernel_info_reply", sent, 60)[0] is not None


def test_a_closed_tab_leaves_no_kernel_behind(hub: Hub, browser: Any) -> None:
    page = browser_login(browser, hub, "clerk-b")
    session = hub.sessions.get("clerk-b") or hub.login("clerk-b")
    before = {k["id"] for k in kernels(hub, session, "clerk-b")}
    page.click("text=打开填写表单")
    page.wait_for_selector(".kit-form .kit-open", timeout=UI_TIMEOUT * 2)
    opened = {k["id"] for k in kernels(hub, session, "clerk-b")} - before
    assert len(opened) == 1
    page.close(run_before_unload=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and opened & {k["id"] for k in kernels(hub, session, "clerk-b")}:
        time.sleep(1)
    assert not opened & {k["id"] for k in kernels(hub, session, "clerk-b")}
    page.context.close()


# ---------------------------------------------------------------------------------------------
# the yearly cycle through the pages, each step recorded with the login


def _row(page: Any, ref: BodyRef) -> Any:
    return page.locator(f'.kit-board .kit-row[data-body="{ref}"][data-year="2022"]')


def _submit_in_form(page: Any) -> None:
    from playwright.sync_api import expect

    page.locator(".kit-form button.kit-submit").click()
    expect(page.locator(".kit-form")).to_contain_text("已提交审核：", timeout=UI_TIMEOUT)


def test_submit_return_fix_resubmit_approve_publish(hub: Hub, browser: Any) -> None:
    from playwright.sync_api import expect

    from kit.cycle import State, record_of
    from kit.server.scope import saves_of

    clerk = browser_login(browser, hub, "clerk-a")
    expect(clerk.locator("button.kit-submit")).to_have_count(0)  # 提交审核 is one button, in the form; 我的报告 links to it
    _row(clerk, A).locator("a.kit-submit-in-form").click()
    clerk.wait_for_selector(".kit-form .kit-open", timeout=UI_TIMEOUT * 2)
    clerk.click(".kit-open")
    _submit_in_form(clerk)
    clerk.goto(clerk.url.split("/voila/")[0] + "/kit/")
    expect(_row(clerk, A).locator(".kit-state")).to_have_text(State.SUBMITTED.value)

    reviewer = browser_login(browser, hub, "rev")
    expect(_row(reviewer, A).locator(".kit-state")).to_have_text(State.SUBMITTED.value)
    _row(reviewer, A).locator("textarea[name=reason]").fill("表三合计请再核对")
    _row(reviewer, A).locator("button.kit-return").click()
    expect(reviewer.locator(".say")).to_contain_text("已退回修改")

    clerk.goto(clerk.url.split("/kit/")[0] + "/kit/")
    expect(_row(clerk, A).locator(".kit-state")).to_have_text(State.RETURNED.value)
    expect(_row(clerk, A).locator(".kit-note")).to_have_text("表三合计请再核对")

    # the fix, in the form: a prose change saved through the clerk's own form
    clerk.click("text=打开填写表单")
    clerk.wait_for_selector(".kit-form .kit-open", timeout=UI_TIMEOUT * 2)
    clerk.click(".kit-open")
    box = clerk.locator(".kit-form textarea").first
    box.fill("本年度概述已按审核意见修改。")
    box.blur()
    clerk.locator("button", has_text="保存").first.click()
    expect(clerk.locator(".kit-form")).to_contain_text("已保存", timeout=UI_TIMEOUT)
    store = Store(hub.parameters)
    assert saves_of(store, A, 2022)[-1]["by"] == "clerk-a"

    _submit_in_form(clerk)  # where the fix was saved
    clerk.goto(clerk.url.split("/voila/")[0] + "/kit/")
    expect(_row(clerk, A).locator(".kit-state")).to_have_text(State.SUBMITTED.value)

    reviewer.goto(reviewer.url.split("/kit/")[0] + "/kit/")
    _row(reviewer, A).locator("button.kit-approve").click()
    expect(_row(reviewer, A).locator(".kit-state")).to_have_text(State.APPROVED.value)
    _row(reviewer, A).locator("button.kit-publish").click()
    expect(_row(reviewer, A).locator(".kit-state")).to_have_text(State.PUBLISHED.value, timeout=UI_TIMEOUT * 2)

    record = record_of(store, A, 2022)
    assert [(e.action.value, e.by) for e in record.events] == [
        ("submit", "clerk-a"),
        ("return", "rev"),
        ("submit", "clerk-a"),
        ("approve", "rev"),
        ("publish", "rev"),
    ]
    assert record.events[1].reason == "表三合计请再核对"
    assert record.events[-1].files  # the published files, kept with their hashes
    for ctx in (clerk.context, reviewer.context):
        ctx.close()
