"""Host and Origin checks against DNS rebinding (kit/server/hosts.py): unit, a real tornado server, and `kit serve`."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import KIT, SEED, Builder

from kit.messages import server as msg
from kit.report import BodyRef
from kit.server.hosts import HostCheck, guard
from kit.store import Store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def test_loopback_names_pass_and_others_do_not() -> None:
    check = HostCheck.for_listening("127.0.0.1")
    for host in ("127.0.0.1:8866", "localhost:8866", "[::1]:8866", "LOCALHOST"):
        assert check.host_ok(host), host
    for host in ("evil.example:8866", "127.0.0.1.evil.example", "", None, "10.0.0.5:8866"):
        assert not check.host_ok(host), host
    assert check.origin_ok(None) and check.origin_ok("http://127.0.0.1:8866")
    for origin in ("http://evil.example:8866", "null", "file://", "http://127.0.0.1.evil.example"):
        assert not check.origin_ok(origin), origin
    assert check.refusal("evil.example", None) == msg.HOST_REFUSED
    assert check.refusal("127.0.0.1", "http://evil.example") == msg.ORIGIN_REFUSED


def test_public_names_and_an_explicit_address_are_added() -> None:
    check = HostCheck.for_listening("192.168.1.5", ["kit.county.example", "kit2.county.example:443"])
    assert check.host_ok("192.168.1.5:8866") and check.host_ok("kit.county.example") and check.host_ok("kit2.county.example")
    assert check.origin_ok("https://kit.county.example") and not check.host_ok("evil.example")


@pytest.fixture
def guarded_server() -> Iterator[str]:
    """A real tornado server on a free port with the guard in front of a page and a websocket."""
    from tornado import web, websocket
    from tornado.ioloop import IOLoop

    class Page(web.RequestHandler):
        def get(self) -> None:
            self.finish("page")

    class Socket(websocket.WebSocketHandler):
        def check_origin(self, origin: str) -> bool:
            return True  # accept any origin: only the guard stands in the way

        def on_message(self, message: str | bytes) -> None:
            self.write_message("echo")

    port = free_port()
    ready = threading.Event()
    loops: list[IOLoop] = []

    def run() -> None:
        asyncio.set_event_loop(asyncio.new_event_loop())
        app = web.Application([("/", Page), ("/ws", Socket)])
        guard(app, HostCheck.for_listening("127.0.0.1"))
        app.listen(port, "127.0.0.1")
        loops.append(IOLoop.current())
        ready.set()
        IOLoop.current().start()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.wait(10)
    yield f"127.0.0.1:{port}"
    loops[0].add_callback(loops[0].stop)
    thread.join(10)


def test_a_guarded_server_refuses_a_rebinding_host_and_a_foreign_origin(guarded_server: str) -> None:
    url = f"http://{guarded_server}/"
    assert get(url, {}) == (200, "page")
    port = guarded_server.rsplit(":", 1)[1]
    assert get(url, {"Host": f"evil.example:{port}"}) == (403, msg.HOST_REFUSED)
    assert get(url, {"Origin": f"http://evil.example:{port}"}) == (403, msg.ORIGIN_REFUSED)
    assert ws_refused(f"ws://{guarded_server}/ws", {"Host": f"evil.example:{port}", "Origin": f"http://evil.example:{port}"})
    assert not ws_refused(f"ws://{guarded_server}/ws", {})  # the same socket answers a proper request


def ws_refused(url: str, headers: dict[str, str]) -> bool:
    """True when the websocket handshake is refused (the attack of issue 18 item 3)."""
    from tornado.httpclient import HTTPClientError, HTTPRequest
    from tornado.websocket import websocket_connect

    async def attempt() -> bool:
        try:
            conn = await websocket_connect(HTTPRequest(url, headers=headers, connect_timeout=20, request_timeout=30))
        except HTTPClientError as exc:
            return exc.code == 403
        conn.write_message("hello")
        reply = await conn.read_message()
        conn.close()
        return reply is None

    return asyncio.run(attempt())


@pytest.mark.slow
def test_kit_serve_refuses_dns_rebinding(tmp_path: Path) -> None:
    """Issue 18 item 3: `kit serve` accepted any Host, and a websocket with a matching Origin."""
    parameters = tmp_path / "parameters"
    ref = BodyRef("微山县", "驩城镇")
    shutil.copytree(SEED, parameters / ref.county / ref.body)
    store = Store(parameters)
    Builder(store).year(store.load_body(ref), 2021)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(KIT), "--parameters", str(parameters), "serve", "--port", str(port), "--no-browser"],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if get(f"http://127.0.0.1:{port}/", {})[0] == 200:
                    break
            except OSError:
                time.sleep(0.5)
        else:
            raise AssertionError(log.read_text(encoding="utf-8", errors="replace"))
        evil = {"Host": f"evil.example:{port}"}
        status, body = get(f"http://127.0.0.1:{port}/", evil)
        assert (status, body) == (403, msg.HOST_REFUSED)
        status, body = get(f"http://127.0.0.1:{port}/api/kernels", {"Origin": f"http://evil.example:{port}"})
        assert (status, body) == (403, msg.ORIGIN_REFUSED)
        kernel = "00000000-0000-0000-0000-000000000000"
        assert ws_refused(f"ws://127.0.0.1:{port}/api/kernels/{kernel}/channels", {**evil, "Origin": f"http://evil.example:{port}"})
        assert get(f"http://localhost:{port}/", {})[0] == 200  # the server's own names still work
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
