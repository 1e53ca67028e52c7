"""`kit hub` under load: 10 simulated clerks editing at once; edit → findings latency and memory per user.

A real hub on 127.0.0.1 (free ports), one town per clerk. Each clerk logs in, opens the form page
(Voila starts its kernel), opens the town's report and then edits one cell of table 三 again and
again over the page's own websocket — exactly the widget messages a browser sends — timing each
edit until the kernel's update of the findings panel comes back. The baseline, in the same run,
is one clerk editing alone; the load is all clerks editing at the same time. Memory is the unique
set size (USS, what a user's processes add to the machine) of each clerk's server and kernel.

Bounded: 10 clerks × 20 edits, 127.0.0.1 only, a temporary folder; the hub, the proxy and every
server are stopped at the end, also on Ctrl-C or SIGTERM. Not a timed test: figures to read as
ratios (this machine is shared).

Measured (2026-12-01, 2 shared cores, two runs): 10 clerks logged in, servers started and reports
opened in 103–105 s; edit → findings, one clerk alone median 41–42 ms, p90 61–70 ms; 10 clerks at
once median 58–81 ms, p90 98–164 ms (1.4–2.0× alone at the median, 1.6–2.4× at p90); 200 of 200
edits answered in each run; memory per logged-in clerk (server + form kernel, USS) 173–175 MiB,
the same idle and after editing. Load average (1 min): run 1, 7.4 before the hub and 15.4 after
the edits; run 2, 5.3 before the hub, 16.2 as the edits began and 15.1 after them (the 10
servers starting, beside other people's jobs).

Why it once failed ("the report did not open within 300 s"): ipywidgets opens a widget's comm
when the widget is constructed, and the form adds CSS classes (how a cell is found) right after,
so they arrive in an `update` message, never in the comm_open the script was reading.

Run: .venv/bin/python benchmarks/bench_hub.py [--clerks 10] [--edits 20]
"""

from __future__ import annotations

import argparse
import os
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

from hub_harness import Hub, KernelSocket, open_form, running_hub, set_value, widget_of  # noqa: E402

from kit.form.widgets import css_key  # noqa: E402

CELL = css_key("tables.applications.new.natural")  # 一、本年新收政府信息公开申请数量 / 自然人


def edit_latencies(ws: KernelSocket, states: dict[str, dict[str, Any]], edits: int) -> tuple[list[float], int]:
    """Edit the cell `edits` times; each edit timed until the findings panel's update arrives. Returns (ms, lost)."""
    cell, findings = widget_of(states, CELL), widget_of(states, "kit-findings")
    assert cell is not None and findings is not None
    original = str(states[cell].get("value", ""))
    wrong = "7" if original != "7" else "8"  # breaks the balance of table 三; the original restores it: the panel changes each time
    out, lost = [], 0
    for _ in range(edits):
        value = wrong if states[cell].get("value") != wrong else original
        start = time.perf_counter()
        set_value(ws, cell, value)
        states[cell]["value"] = value
        reply, _ = ws.first(lambda m: m["header"]["msg_type"] == "comm_msg" and m["content"]["comm_id"] == findings, 120)
        if reply is None:
            lost += 1
        else:
            out.append((time.perf_counter() - start) * 1000)
        ws.replies(0.2)  # the rest of this edit's updates (marks, totals, status), so the next edit starts clean
    return out, lost


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
    opened, alone_done, edited, measured = (threading.Barrier(n + 1) for _ in range(4))
    alone: list[float] = []
    results: dict[str, list[float]] = {}
    lost: dict[str, int] = {}
    errors: list[BaseException] = []
    load = before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="kit-bench-hub-") as tmp, running_hub(Path(tmp), towns=[b[0] for b in clerks.values()], clerks=clerks) as hub:

        def clerk(user: str) -> None:
            """One clerk, all in one thread; stops at the first broken barrier (Ctrl-C, or another clerk failed)."""
            ws = None
            try:
                try:
                    ws, states = open_form(hub, hub.login(user), user, waiting_for=(CELL, "kit-findings"))
                except Exception as exc:  # reported by the main thread
                    errors.append(exc)
                opened.wait()
                if ws is None or errors:
                    return
                if user == first:
                    alone[:], lost["alone"] = edit_latencies(ws, states, args.edits)
                alone_done.wait()
                results[user], lost[user] = edit_latencies(ws, states, args.edits)
                edited.wait()
                measured.wait()
            except threading.BrokenBarrierError:
                pass
            except Exception as exc:  # a socket closed under it once the run was stopped is not news
                if not opened.broken:
                    errors.append(exc)
                    for b in barriers:
                        b.abort()
            finally:
                if ws is not None:
                    try:
                        ws.__exit__(None, None, None)
                    except Exception:
                        pass

        barriers = (opened, alone_done, edited, measured)
        threads = [threading.Thread(target=clerk, args=(u,), daemon=True) for u in clerks]
        try:
            t0 = time.perf_counter()
            for t in threads:
                t.start()
            opened.wait()
            if errors:
                raise errors[0]
            print(f"{n} clerks logged in, servers started and reports opened in {time.perf_counter() - t0:.1f} s", flush=True)
            idle_memory = uss_mib(hub)
            load = os.getloadavg()  # the machine as the edits begin (10 servers up, idle)
            alone_done.wait()
            edited.wait()
            if errors:
                raise errors[0]
            after = os.getloadavg()
            memory = uss_mib(hub)
            measured.wait()
            for t in threads:
                t.join(120)
        except threading.BrokenBarrierError:
            raise errors[0] if errors else RuntimeError("a clerk stopped") from None
        finally:  # Ctrl-C, SIGTERM or a failure: release every clerk thread; leaving `with` stops the hub and every server
            for b in barriers:
                b.abort()
        together = [x for v in results.values() for x in v]

    def q(values: list[float], f: float) -> float:
        return sorted(values)[min(len(values) - 1, int(f * len(values)))]

    print(
        f"load average (1, 5, 15 min): before the hub {before[0]:.2f} {before[1]:.2f} {before[2]:.2f}; "
        f"as the edits begin {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; after them {after[0]:.2f} {after[1]:.2f} {after[2]:.2f}"
    )
    print(
        f"edit → findings, one clerk alone:      median {statistics.median(alone):.0f} ms, p90 {q(alone, 0.9):.0f} ms ({len(alone)} edits, {lost.get('alone', 0)} without an answer in 120 s)"
    )
    print(
        f"edit → findings, {n} clerks at once:    median {statistics.median(together):.0f} ms, p90 {q(together, 0.9):.0f} ms "
        f"({len(together)} edits, {sum(v for k, v in lost.items() if k != 'alone')} without an answer) = {statistics.median(together) / statistics.median(alone):.2f}× alone (median), "
        f"{q(together, 0.9) / q(alone, 0.9):.2f}× (p90)"
    )
    per_user = list(memory.values())
    print(
        f"memory per logged-in clerk (server + form kernel, USS): median {statistics.median(per_user):.0f} MiB, max {max(per_user):.0f} MiB; "
        f"idle after opening {statistics.median(idle_memory.values()):.0f} MiB; {len(per_user)} clerks ≈ {sum(per_user):.0f} MiB"
    )


if __name__ == "__main__":
    main()
