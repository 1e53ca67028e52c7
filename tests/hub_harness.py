"""A real `kit hub` on 127.0.0.1 for tests and the load benchmark: a county of towns, a roster, accounts.

    with running_hub(folder, towns=["甲镇", "乙镇"], clerks={"clerk-a": ["甲镇"], ...}) as hub:
        session = hub.login("clerk-a")        # a requests session whose server is up
        kernel_socket(hub, session, "clerk-a", kernel_id)   # the page kernel's websocket

Ports are free ports chosen when the hub starts (other people run tests on the same machine).
The hub is stopped with SIGTERM (JupyterHub then stops every user's server and the proxy); anything
left after that is killed by process id.
"""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import requests
from conftest import KIT, Builder

from kit.paths import CHECKOUT
from kit.spec import edition_for_year, load_spec
from kit.store import Store

COUNTY = "示例县"
PROXY = CHECKOUT / ".node" / "node_modules" / ".bin" / "configurable-http-proxy"
START_TIMEOUT = 240  # s: a loaded 2-core machine starts a hub and a user's server slowly


def password(user: str) -> str:
    return f"Kit-{user}-Passw0rd-2026"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Hub:
    url: str
    folder: Path
    parameters: Path
    exports: Path
    process: subprocess.Popen[bytes]
    log: Path
    sessions: dict[str, requests.Session] = field(default_factory=dict)

    def text_of_log(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def login(self, user: str, wait: bool = True) -> requests.Session:
        """Log in through the hub's form; with `wait`, until the user's server answers its /kit/ page."""
        s = requests.Session()
        s.get(f"{self.url}/hub/login", timeout=60)
        r = s.post(f"{self.url}/hub/login?next=", data={"username": user, "password": password(user), "_xsrf": s.cookies.get("_xsrf", "")}, timeout=120)
        assert r.status_code == 200 and "jupyterhub-hub-login" in s.cookies, f"login of {user} failed: {r.status_code}"
        if wait:
            self.wait_for_server(s, user)
        earlier = self.sessions.pop(user, None)
        if earlier is not None:  # a second login of the same user: the first session's sockets are closed, not left to the collector
            earlier.close()
        self.sessions[user] = s
        return s

    def wait_for_server(self, s: requests.Session, user: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            r = s.get(f"{self.url}/user/{user}/kit/", timeout=120)
            if r.status_code == 200 and "<header>" in r.text:
                return
            if self.process.poll() is not None:
                break
            time.sleep(1)
        raise AssertionError(f"the server of {user} did not come up:\n{self.text_of_log()[-6000:]}")

    def xsrf(self, s: requests.Session, user: str) -> str:
        """The XSRF token of the user's own server (the hub has one of its own, on /hub/)."""
        return s.cookies.get("_xsrf", path=f"/user/{user}/") or ""

    def user_processes(self) -> dict[str, list[psutil.Process]]:
        """Each user's single-user server and its kernels, by user name (from the server's environment)."""
        out: dict[str, list[psutil.Process]] = {}
        for child in psutil.Process(self.process.pid).children(recursive=True):
            try:
                if "kit.server.singleuser" in " ".join(child.cmdline()):
                    user = child.environ().get("JUPYTERHUB_USER", "?")
                    out[user] = [child, *child.children(recursive=True)]
            except psutil.Error:
                continue
        return out


def make_county(folder: Path, towns: list[str], secret: dict[str, str] | None = None) -> Path:
    """Towns of 示例县 with a complete, valid 2022 report each; `secret` puts a marker text in a town's prose."""
    parameters = folder / "parameters"
    store = Store(parameters)
    builder = Builder(store)
    for name in towns:
        body = builder.body(county=COUNTY, name=name)
        if secret and name in secret:
            section = load_spec(edition_for_year(2022)).sections[0].id
            builder.year(body, 2022, prose={section: secret[name]})
        else:
            builder.year(body, 2022)
    return parameters


def write_roster(folder: Path, clerks: dict[str, list[str]], reviewers: list[str], admins: list[str]) -> Path:
    lines = [f"county: {COUNTY}", "users:"]
    for user, bodies in clerks.items():
        lines += [f"  {user}:", f"    name: {user}", "    role: 填报人", f"    bodies: [{', '.join(bodies)}]"]
    for user in reviewers:
        lines += [f"  {user}:", f"    name: {user}", "    role: 审核人"]
    for user in admins:
        lines += [f"  {user}:", f"    name: {user}", "    role: 管理员"]
    path = folder / "roster.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@contextmanager
def running_hub(
    folder: Path,
    towns: list[str],
    clerks: dict[str, list[str]],
    reviewers: list[str] = (),  # type: ignore[assignment]
    admins: list[str] = (),  # type: ignore[assignment]
    secret: dict[str, str] | None = None,
    extra: list[str] = (),  # type: ignore[assignment]
) -> Iterator[Hub]:
    parameters = make_county(folder, towns, secret)
    roster = write_roster(folder, clerks, list(reviewers), list(admins))
    state, exports = folder / "state", folder / "exports"
    base = [str(KIT), "--parameters", str(parameters), "hub", "--roster", str(roster), "--state", str(state), "--exports", str(exports)]
    for user in [*clerks, *reviewers, *admins]:
        done = subprocess.run([*base, "--set-password", user], input=password(user) + "\n", capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    port = free_port()
    log = folder / "hub.log"
    with log.open("wb") as out:
        process = subprocess.Popen([*base, "--port", str(port), *extra], stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    hub = Hub(f"http://127.0.0.1:{port}", folder, parameters, exports, process, log)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                if requests.get(f"{hub.url}/hub/login", timeout=10).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"kit hub did not start:\n{hub.text_of_log()[-6000:]}")
            time.sleep(1)
        yield hub
    finally:
        for session in hub.sessions.values():
            session.close()
        stop(process)


def stop(process: subprocess.Popen[bytes]) -> None:
    try:
        family = psutil.Process(process.pid).children(recursive=True)
    except psutil.Error:
        family = []
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    for p in family:  # the proxy and users' servers run in their own sessions: end them by id
        try:
            p.kill()
        except psutil.Error:
            pass


# ---------------------------------------------------------------------------------------------
# the kernel websocket, as an attacker would use it


def kernels(hub: Hub, s: requests.Session, user: str) -> list[dict[str, Any]]:
    r = s.get(f"{hub.url}/user/{user}/api/kernels", timeout=60)
    assert r.status_code == 200, r.text
    return list(r.json())


def message(msg_type: str, content: dict[str, Any], channel: str = "shell") -> dict[str, Any]:
    return {
        "header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "attacker", "session": uuid.uuid4().hex, "date": "", "version": "5.3"},
        "parent_header": {},
        "metadata": {},
        "content": content,
        "channel": channel,
        "buffers": [],
    }


class KernelSocket:
    """A websocket to a kernel of a user's server, with the user's cookies (what the page's own script holds).

    Its event loop runs in a thread of its own, so it works from any thread (and beside Playwright's).
    """

    def __init__(self, hub: Hub, s: requests.Session, user: str, kernel_id: str, headers: dict[str, str] | None = None) -> None:
        self.url = f"{hub.url.replace('http', 'ws', 1)}/user/{user}/api/kernels/{kernel_id}/channels"
        self.headers = {"Cookie": "; ".join(f"{c.name}={c.value}" for c in s.cookies), **(headers or {})}
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.conn: Any = None

    def _run(self, coro: Any, timeout: float = 300) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def __enter__(self) -> KernelSocket:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        self.thread.start()

        async def connect() -> Any:
            return await websocket_connect(HTTPRequest(self.url, headers=self.headers, connect_timeout=60, request_timeout=60))

        try:
            self.conn = self._run(connect())
        except BaseException:
            self.loop.call_soon_threadsafe(self.loop.stop)
            raise
        return self

    def __exit__(self, *exc: Any) -> None:
        async def close() -> None:
            self.conn.close()

        self._run(close())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)

    def send(self, msg: dict[str, Any]) -> str:
        async def write() -> None:
            await self.conn.write_message(json.dumps(msg))

        self._run(write())
        return str(msg["header"]["msg_id"])

    def replies(self, seconds: float) -> list[dict[str, Any]]:
        """Every message the kernel sends within `seconds`."""
        return self.first(lambda m: False, seconds)[1]

    def first(self, wanted: Callable[[dict[str, Any]], bool], seconds: float) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        """Read until the first message `wanted` accepts (returned at once, with all read before it) or `seconds` pass."""

        async def collect() -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
            seen: list[dict[str, Any]] = []
            end = self.loop.time() + seconds
            while (left := end - self.loop.time()) > 0:
                try:
                    raw = await asyncio.wait_for(self.conn.read_message(), left)
                except TimeoutError:
                    break
                if raw is None:
                    break
                if isinstance(raw, str):
                    m = json.loads(raw)
                    seen.append(m)
                    if wanted(m):
                        return m, seen
            return None, seen

        return tuple(self._run(collect(), seconds + 60))  # type: ignore[return-value]

    def until(self, msg_type: str, parent: str, seconds: float) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        seen: list[dict[str, Any]] = []
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            batch = self.replies(min(2.0, end - time.monotonic()))
            seen += batch
            for m in batch:
                if m["header"]["msg_type"] == msg_type and m["parent_header"].get("msg_id") == parent:
                    return m, seen
        return None, seen


# ---------------------------------------------------------------------------------------------
# the form page's widgets, driven over the kernel's websocket as the page's own script does

FORM_PAGE = "voila/render/fill_in.ipynb"
OPEN_TIMEOUT = 300  # s: a loaded machine builds the editor slowly


def track(states: dict[str, dict[str, Any]], messages: list[dict[str, Any]]) -> None:
    """Keep each widget's state as the page does: its comm_open, then every update that follows.

    ipywidgets opens a widget's comm when it is constructed, before `add_class` runs: a widget's
    CSS classes (how it is found, kit.form.widgets.css_key) arrive in a later `update`, not in
    the comm_open.
    """
    for m in messages:
        kind, content = m["header"]["msg_type"], m["content"]
        if kind == "comm_open":
            states[content["comm_id"]] = dict(content["data"].get("state", {}))
        elif kind == "comm_msg" and content["data"].get("method") in ("update", "echo_update"):
            states.setdefault(content["comm_id"], {}).update(content["data"].get("state", {}))


def widget_of(states: dict[str, dict[str, Any]], css: str) -> str | None:
    """The comm id of the (first) widget with the CSS class `css`."""
    return next((cid for cid, st in states.items() if css in st.get("_dom_classes", [])), None)


def widget_states(ws: KernelSocket) -> dict[str, dict[str, Any]]:
    """Every widget of the page's kernel with its state (what the page asks for when it loads)."""
    sent = ws.send(message("comm_info_request", {"target_name": "jupyter.widget"}))
    reply, _ = ws.until("comm_info_reply", sent, 60)
    assert reply is not None
    for comm_id in reply["content"]["comms"]:
        ws.send(message("comm_msg", {"comm_id": comm_id, "data": {"method": "request_state"}}))
    states: dict[str, dict[str, Any]] = {}
    track(states, ws.replies(10))
    return states


def click(ws: KernelSocket, comm_id: str) -> None:
    ws.send(message("comm_msg", {"comm_id": comm_id, "data": {"method": "custom", "content": {"event": "click"}}}))


def set_value(ws: KernelSocket, comm_id: str, value: Any) -> None:
    ws.send(message("comm_msg", {"comm_id": comm_id, "data": {"method": "update", "state": {"value": value}, "buffer_paths": []}}))


def open_form(hub: Hub, s: requests.Session, user: str, waiting_for: tuple[str, ...] = ("kit-findings",)) -> tuple[KernelSocket, dict[str, dict[str, Any]]]:
    """Load the form page (Voila starts its kernel), connect to that kernel, click 打开 and wait
    until widgets with the classes `waiting_for` exist. The socket is open: close it with __exit__."""
    before = {k["id"] for k in kernels(hub, s, user)}
    r = s.get(f"{hub.url}/user/{user}/{FORM_PAGE}", timeout=OPEN_TIMEOUT)
    assert r.status_code == 200, r.status_code
    new = [k for k in kernels(hub, s, user) if k["id"] not in before]
    assert len(new) == 1, new
    ws = KernelSocket(hub, s, user, new[0]["id"]).__enter__()
    states = widget_states(ws)
    button = widget_of(states, "kit-open")
    assert button is not None, "no 打开 button on the form page"
    click(ws, button)
    deadline = time.monotonic() + OPEN_TIMEOUT
    while time.monotonic() < deadline and not all(widget_of(states, css) for css in waiting_for):
        track(states, ws.replies(2))
    if not all(widget_of(states, css) for css in waiting_for):
        ws.__exit__(None, None, None)
        raise AssertionError(f"{user}: the report did not open within {OPEN_TIMEOUT} s")
    return ws, states
