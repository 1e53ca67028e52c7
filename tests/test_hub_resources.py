"""`kit hub`'s resources (issue #13, point 4): idle servers are culled, a lost tab's kernel goes.

A real hub on 127.0.0.1 started as a county would start it, only with short timeouts given on
the command line (`kit hub --idle-timeout 40 --kernel-idle 10`): the idle culler runs as the
hub's service (jupyterhub-idle-culler) and each server's kernel manager culls idle kernels.

- A clerk saves a figure through the form, and the page's connection then drops without a goodbye
  (a laptop lid closed, a network lost: no beforeunload, so Voila cannot shut its kernel; the tab
  closed normally is tests/test_hub.py::test_a_closed_tab_leaves_no_kernel_behind). The kernel is
  seen going through the Jupyter REST API (GET /api/kernels) while the server is still up.
- Left alone, the clerk's server is stopped by the culler; logging in again starts a new one and
  the saved figure is there, saved by the clerk.

No timed assertions: each wait has a generous deadline and asserts only that the event happened.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hub_harness import PROXY, Hub, click, kernels, open_form, running_hub, set_value, track, widget_of

from kit.form.widgets import css_key
from kit.messages import form as form_msg
from kit.report import BodyRef
from kit.server.hubconfig import HubSettings, hub_config
from kit.server.scope import saves_of
from kit.store import Store

IDLE_TIMEOUT = 40  # s, `kit hub --idle-timeout`: the culler stops a server idle this long
KERNEL_IDLE = 10  # s, `kit hub --kernel-idle`: a kernel without a connection and idle this long is shut down
DEADLINE = 600  # s: generous, for a loaded 2-core machine; only that the event happens is asserted
KEY = "tables.applications.new.natural"
TOWN = BodyRef("示例县", "甲镇")


def test_the_culler_and_the_activity_reports_follow_the_idle_timeout(tmp_path: Path) -> None:
    """A short timeout gets activity reports a few times within it, or a clerk typing would look idle."""
    if not PROXY.exists():
        pytest.skip("configurable-http-proxy is not installed: run scripts/install.sh")
    for timeout, interval in ((1800, 300), (40, 10), (8, 5)):
        settings = HubSettings(roster=tmp_path / "r.yaml", parameters=tmp_path, exports=tmp_path, state=tmp_path / "s", idle_timeout=timeout)
        c = hub_config(settings)
        assert c.JupyterHub.last_activity_interval == interval
        assert c.KitSpawner.environment["JUPYTERHUB_ACTIVITY_INTERVAL"] == str(interval)
        (culler,) = c.JupyterHub.services
        assert f"--timeout={timeout}" in culler["command"] and f"--cull-every={interval}" in culler["command"]


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    if not PROXY.exists():
        pytest.skip("configurable-http-proxy is not installed: run scripts/install.sh")
    folder = tmp_path_factory.mktemp("hub-resources")
    extra = ["--idle-timeout", str(IDLE_TIMEOUT), "--kernel-idle", str(KERNEL_IDLE)]
    with running_hub(folder, towns=[TOWN.body], clerks={"clerk-a": [TOWN.body]}, extra=extra) as h:
        yield h


def _eventually(happened: object, seconds: float = DEADLINE, every: float = 2) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if happened():  # type: ignore[operator]
            return True
        time.sleep(every)
    return bool(happened())  # type: ignore[operator]


@pytest.mark.slow
def test_a_lost_tabs_kernel_goes_and_an_idle_server_is_culled_with_the_work_kept(hub: Hub) -> None:
    cell = css_key(KEY)
    s = hub.login("clerk-a")
    ws, states = open_form(hub, s, "clerk-a", waiting_for=(cell, "kit-save"))
    try:
        kernel = {k["id"] for k in kernels(hub, s, "clerk-a")}
        assert len(kernel) == 1
        set_value(ws, widget_of(states, cell), "4321")  # type: ignore[arg-type]
        track(states, ws.replies(3))
        click(ws, widget_of(states, "kit-save"))  # type: ignore[arg-type]
        assert _eventually(lambda: (track(states, ws.replies(1)), any(form_msg.SAVED in str(st.get("value", "")) for st in states.values()))[1], every=0)
    finally:
        ws.__exit__(None, None, None)  # the connection drops: no shutdown_request, no beforeunload
    store = Store(hub.parameters)
    assert store.load_year(TOWN, 2022).cells["applications.new.natural"] == 4321
    assert saves_of(store, TOWN, 2022)[-1]["by"] == "clerk-a"

    # the kernel goes after --kernel-idle, seen through the REST API while the server is up (polling it keeps the server active)
    assert _eventually(lambda: not kernel & {k["id"] for k in kernels(hub, s, "clerk-a")})
    assert "clerk-a" in hub.user_processes()

    # left alone (no request at all), the culler stops the server
    assert _eventually(lambda: "clerk-a" not in hub.user_processes(), every=5)
    assert "Culling server clerk-a" in hub.text_of_log()
    gone = s.get(f"{hub.url}/user/clerk-a/kit/", allow_redirects=False, timeout=60)
    assert gone.status_code != 200 or "<header>" not in gone.text

    # the clerk logs in again: a new server, and the saved figure is in the form. The hub may still
    # be finishing the stop (routes, database) when the process is gone: its login then answers 424
    again = None
    deadline = time.monotonic() + DEADLINE
    while again is None:
        try:
            again = hub.login("clerk-a")
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(5)
    ws, states = open_form(hub, again, "clerk-a", waiting_for=(cell,))
    try:
        assert states[widget_of(states, cell)]["value"] == "4321"  # type: ignore[index]
    finally:
        ws.__exit__(None, None, None)
