"""`kit hub` under load: 10 simulated clerks editing at once; edit → findings latency and memory per user.

A real hub on 127.0.0.1 (free ports), one town per clerk. Each clerk logs in, opens the form page
(Voila starts its kernel), opens the town's report and then edits one cell of table 三 again and
again over the page's own websocket — exactly the widget messages a browser sends — timing each
edit until the kernel's update of the findings panel comes back. The baseline, in the same run,
is one clerk editing alone; the load is all clerks editing at the same time. Memory is the unique
set size (USS, what a user's processes add to the machine) of each clerk's server and kernel.

Bounded: 10 clerks × 20 edits, 127.0.0.1 only, a temporary folder. Not a timed test: figures to
read as ratios (this machine is shared).

Run: .venv/bin/python benchmarks/bench_hub.py [--clerks 10] [--edits 20]
"""

from __future__ import annotations

import argparse
import signal
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from hub_harness import Hub, KernelSocket, kernels, message, running_hub  # noqa: E402

from kit.form.widgets import css_key  # noqa: E402

CELL = css_key("tables.applications.new.natural")  # 一、本年新收政府信息公开申请数量 / 自然人


def open_report(hub: Hub, user: str) -> tuple[Any, KernelSocket, dict[str, Any]]:
    """Log in, load the form page, click 打开; returns the session, the socket and the widgets by id."""
    s = hub.login(user)
    r = s.get(f"{hub.url}/user/{user}/voila/render/fill_in.ipynb", timeout=300)
    assert r.status_code == 200
    kernel = kernels(hub, s, user)[-1]
    ws = KernelSocket(hub, s, user, kernel["id"]).__enter__()
    states = widget_states(ws)
    button = next(cid for cid, st in states.items() if "kit-open" in st.get("_dom_classes", []))
    ws.send(message("comm_msg", {"comm_id": button, "data": {"method": "custom", "content": {"event": "click"}}}))
    deadline = time.monotonic() + 300  # a loaded machine builds the editor slowly
    while time.monotonic() < deadline and not any(CELL in st.get("_dom_classes", []) for st in states.values()):
        for m in ws.replies(2):
            if m["header"]["msg_type"] == "comm_open":
                states[m["content"]["comm_id"]] = m["content"]["data"].get("state", {})
    if not any(CELL in st.get("_dom_classes", []) for st in states.values()):
        raise RuntimeError(f"{user}: the report did not open within 300 s")
    return s, ws, states


def widget_states(ws: KernelSocket) -> dict[str, dict[str, Any]]:
    sent = ws.send(message("comm_info_request", {"target_name": "jupyter.widget"}))
    reply, _ = ws.until("comm_info_reply", sent, 60)
    assert reply is not None
    for comm_id in reply["content"]["comms"]:
        ws.send(message("comm_msg", {"comm_id": comm_id, "data": {"method": "request_state"}}))
    states: dict[str, dict[str, Any]] = {}
    for m in ws.replies(10):
        if m["header"]["msg_type"] == "comm_msg" and m["content"]["data"].get("method") == "update":
            states[m["content"]["comm_id"]] = m["content"]["data"]["state"]
    return states


def edit_latencies(ws: KernelSocket, states: dict[str, dict[str, Any]], edits: int) -> list[float]:
    cell = next(cid for cid, st in states.items() if CELL in st.get("_dom_classes", []))
    findings = next(cid for cid, st in states.items() if "kit-findings" in st.get("_dom_classes", []))
    out = []
    for i in range(edits):
        value = "7" if i % 2 == 0 else "5"  # 7 breaks the balance of table 三, 5 restores it: the panel changes each time
        start = time.perf_counter()
        ws.send(message("comm_msg", {"comm_id": cell, "data": {"method": "update", "state": {"value": value}, "buffer_paths": []}}))
        deadline = start + 60
        while time.perf_counter() < deadline:
            batch = ws.replies(0.5)
            if any(m["header"]["msg_type"] == "comm_msg" and m["content"]["comm_id"] == findings for m in batch):
                out.append((time.perf_counter() - start) * 1000)
                break
    return out


def uss_mib(hub: Hub) -> dict[str, float]:
    out = {}
    for user, procs in hub.user_processes().items():
        total = 0
        for p in procs:
            try:
                total += p.memory_full_info().uss
            except Exception:
                continue
        out[user] = total / 2**20
    return out


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--clerks", type=int, default=10)
    p.add_argument("--edits", type=int, default=20)
    args = p.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stopped from outside: still stop the hub and its servers
    clerks = {f"clerk{i:02d}": [f"第{i:02d}镇"] for i in range(args.clerks)}
    n = len(clerks)
    first = next(iter(clerks))
    opened, all_open, alone_done, edited, measured = threading.Barrier(n + 1), threading.Barrier(n + 1), threading.Barrier(n + 1), threading.Barrier(n + 1), threading.Barrier(n + 1)
    alone: list[float] = []
    results: dict[str, list[float]] = {}
    errors: list[BaseException] = []
    with tempfile.TemporaryDirectory(prefix="kit-bench-hub-") as tmp, running_hub(Path(tmp), towns=[b[0] for b in clerks.values()], clerks=clerks) as hub:

        def clerk(user: str) -> None:
            """One clerk, all in one thread (its websocket's event loop lives here)."""
            ws = None
            try:
                _, ws, states = open_report(hub, user)
            except BaseException as exc:  # reported below
                errors.append(exc)
            opened.wait()
            all_open.wait()
            if errors:
                return
            if ws is not None and user == first:
                alone.extend(edit_latencies(ws, states, args.edits))
            alone_done.wait()
            if ws is not None:
                results[user] = edit_latencies(ws, states, args.edits)
            edited.wait()
            measured.wait()
            if ws is not None:
                ws.__exit__(None, None, None)

        t0 = time.perf_counter()
        threads = [threading.Thread(target=clerk, args=(u,)) for u in clerks]
        for t in threads:
            t.start()
        opened.wait()
        if errors:
            all_open.wait()
            raise errors[0]
        print(f"{n} clerks logged in, servers started and reports opened in {time.perf_counter() - t0:.1f} s")
        idle_memory = uss_mib(hub)
        all_open.wait()
        alone_done.wait()
        edited.wait()
        memory = uss_mib(hub)
        measured.wait()
        for t in threads:
            t.join()
        together = [x for v in results.values() for x in v]

    def q(values: list[float], f: float) -> float:
        return sorted(values)[min(len(values) - 1, int(f * len(values)))]

    print(f"edit → findings, one clerk alone:        median {statistics.median(alone):.0f} ms, p95 {q(alone, 0.95):.0f} ms ({len(alone)} edits)")
    print(
        f"edit → findings, {len(clerks)} clerks at once:     median {statistics.median(together):.0f} ms, p95 {q(together, 0.95):.0f} ms "
        f"({len(together)} edits) = {statistics.median(together) / statistics.median(alone):.2f}× alone"
    )
    per_user = list(memory.values())
    print(
        f"memory per logged-in clerk (server + form kernel, USS): median {statistics.median(per_user):.0f} MiB, max {max(per_user):.0f} MiB; "
        f"idle after opening {statistics.median(idle_memory.values()):.0f} MiB; {len(per_user)} clerks ≈ {sum(per_user):.0f} MiB"
    )


if __name__ == "__main__":
    main()
