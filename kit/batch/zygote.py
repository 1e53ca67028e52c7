"""A kernel factory process: imports the heavy modules once, then forks one fresh kernel per report.

A report kernel spends most of its CPU before the report's first line runs: the interpreter,
ipykernel, IPython and matplotlib imports cost ≈1.5 CPU-seconds of the ≈2.5 a report takes
(measured on these machines), and on a 2-core machine a batch is bound by CPU, not by waiting.
This process (the "zygote") does those imports once and nothing else — it never runs report
code, opens no zmq context and starts no thread — then, for each request, forks a child that
becomes an ordinary ipykernel with the connection file jupyter_client wrote. The child starts
with no state from any report: a fresh kernel, used once, that skipped the imports.

What a forked kernel still paid before each report, profiled with py-spy over a batch (2025,
load ≈ 7): ipykernel's debugger module imports debugpy/pydevd while the kernel initialises
(≈ 0.26 of a kernel's ≈ 1.1 CPU-seconds), and the report's first cell imports kit.doccheck and
compiles the phrases file's patterns (≈ 0.13 and ≈ 0.07). Those are preloaded too (`warm`:
the kit's own files only — the editions and the phrases — never a report's). Fonts are not
opened here: matplotlib reads a font through a Python file object, whose offset every forked
kernel would share.

Run as ``python -m kit.batch.zygote SOCKET``: it prints ``ready`` on stdout once the imports are
done and it listens on the Unix socket, and exits when its stdin closes (its owner died or
finished). Requests are one JSON line: ``{"args": [...], "env": {...}, "cwd": "...", "owner": pid}``;
the reply, sent by the child once it is in its own session, is ``{"pid": N}``. A child exits
when its owner process disappears, so a killed batch leaves no kernel behind.
"""

from __future__ import annotations

import contextlib
import gc
import os
import select
import signal
import socket
import sys
import threading
import time
from typing import Any

from kit.batch import zygote_protocol

# Imported before the first fork; each entry saves its import time in every kernel.
PRELOAD = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "ipykernel.debugger",  # imports debugpy and pydevd: ≈ a quarter of a forked kernel's CPU when left to each kernel
    "IPython.core.interactiveshell",
    "IPython.display",
    "matplotlib",
    "matplotlib.figure",
    "matplotlib.font_manager",
    "matplotlib.ticker",
    "matplotlib.backends.backend_agg",
    "matplotlib_inline.backend_inline",
    "kit.notebook.report",
    "kit.render.charts",
    "kit.render.year_over_year",
    "kit.doccheck.own_reports",
)


def preload() -> None:
    # What ipykernel itself sets before user code runs (kernelapp.init_gui_pylab).
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    import importlib

    for name in PRELOAD:
        with contextlib.suppress(ImportError):  # a missing optional module only costs its import later
            importlib.import_module(name)
    with contextlib.suppress(Exception):  # a broken file fails in the report's kernel, with its message
        warm()


def warm() -> None:
    """Parse the kit's own data every report reads (its cached editions and phrases), once."""
    from kit.doccheck.vocabulary import vocabulary
    from kit.spec import EDITIONS
    from kit.spec.loading import load_spec

    vocabulary()
    for edition in EDITIONS:
        load_spec(edition)


def watch_owner(owner: int) -> None:
    """Exit at once when `owner` (the process that asked for this kernel) is gone."""

    def wait() -> None:
        try:
            fd = os.pidfd_open(owner)
        except (AttributeError, OSError):
            fd = None
        if fd is not None:
            select.select([fd], [], [])
        else:
            while True:
                try:
                    os.kill(owner, 0)
                except ProcessLookupError:
                    break
                except PermissionError:
                    pass
                time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=wait, name="kit-owner-watch", daemon=True).start()


def run_kernel(conn: socket.socket, request: dict[str, Any]) -> None:
    """In the forked child: become a kernel session of its own, reply with the pid, run ipykernel."""
    os.setsid()  # own session and process group: the manager signals the group, as with Popen(start_new_session=True)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    zygote_protocol.send(conn, {"pid": os.getpid()})
    conn.close()
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    watch_owner(int(request["owner"]))
    os.environ.clear()
    os.environ.update({str(k): str(v) for k, v in request["env"].items()})
    os.environ.pop("JPY_PARENT_PID", None)  # the owner watch replaces ipykernel's parent poller
    if request.get("cwd"):
        os.chdir(request["cwd"])
    sys.argv = ["ipykernel_launcher", *request["args"]]
    code = 0
    try:
        from ipykernel import kernelapp

        kernelapp.launch_new_instance()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
    os._exit(code)


def _reap(signum: int, frame: Any) -> None:
    """Collect exited kernels (waited for, so their CPU time counts in this process's children)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def serve(path: str) -> None:
    preload()
    # Every kernel is forked from here: objects that exist now are moved out of the collector's
    # reach, so a kernel's garbage collections neither walk them nor copy their pages.
    gc.collect()
    gc.freeze()
    signal.signal(signal.SIGCHLD, _reap)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the owner decides when to stop
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(16)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # nobody reads the pipe after "ready": a kernel writing there must not fill it and block
    os.close(devnull)
    stdin = sys.stdin.fileno()
    while True:
        readable, _, _ = select.select([listener, stdin], [], [])
        if stdin in readable and not os.read(stdin, 1024):
            break  # owner closed the pipe or died
        if listener not in readable:
            continue
        conn, _ = listener.accept()
        try:
            request = _read_request(conn)
        except (OSError, ValueError):
            conn.close()
            continue
        pid = os.fork()
        if pid == 0:
            listener.close()
            run_kernel(conn, request)
        conn.close()
    listener.close()
    with contextlib.suppress(OSError):
        os.unlink(path)
        os.rmdir(os.path.dirname(path))  # its owner made the folder for it; gone with the owner, it is left empty


def _read_request(conn: socket.socket) -> dict[str, Any]:
    conn.settimeout(10)
    request = zygote_protocol.receive(conn)
    conn.settimeout(None)
    if not isinstance(request.get("args"), list):
        raise ValueError("bad request")
    return request


if __name__ == "__main__":
    serve(sys.argv[1])
