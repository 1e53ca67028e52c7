"""Fresh kernels forked from a warm factory process, for batches (kit.batch.zygote; the socket protocol in kit.batch.zygote_protocol).

`ForkedKernelManager` is a jupyter_client kernel manager that papermill uses like the default
one; only the launch differs: instead of starting a new interpreter that imports ipykernel,
IPython and matplotlib again (≈1.5 CPU-seconds per report), it asks the zygote to fork a child
that already has them imported. Each kernel is still new and used for one report only.

Everything else is jupyter_client's: the connection file over IPC sockets, the signals to the
kernel's process group (interrupt, kill), the immediate shutdown. When the zygote cannot be
started (no Unix sockets, no fork, its imports fail), kernels are launched the ordinary way.
Set KIT_FORK_KERNELS=0 to always launch them the ordinary way.

The kernel's command comes from its kernelspec, and ipykernel writes interpreter options into
it (``python -Xfrozen_modules=off -m ipykernel_launcher -f …``): the zygote is started with the
same options, so a forked kernel runs under exactly the interpreter flags an ordinary one would.
(Until this was handled, every kernel of every batch was silently launched the ordinary way.)

`stop()` refuses new kernels and kills every kernel this process still has running: a batch
interrupted with Ctrl-C (or a worker whose driver died) calls it, so no kernel outlives it.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner

from kit import paths
from kit.batch import zygote_protocol
from kit.build.execute import KERNEL_NAME

READY_TIMEOUT = 60.0
_lock = threading.Lock()
_zygotes: dict[str, Zygote | Attached | None] = {}  # python executable -> its zygote (None: could not start)
_folders: list[str] = []  # of zygotes started with start_zygote_soon, removed by close_zygotes()
_launched: weakref.WeakSet[ForkProvisioner] = weakref.WeakSet()  # every kernel launched through ForkedKernelManager
_starting: set[subprocess.Popen[bytes]] = set()  # zygotes not yet ready (close_zygotes kills them)


def enabled() -> bool:
    return os.environ.get("KIT_FORK_KERNELS", "1") != "0" and hasattr(os, "fork") and hasattr(socket, "AF_UNIX")


class Zygote:
    """The factory process, owned by this process: it exits when this process closes its stdin or dies."""

    def __init__(self, python: str, path: str | None = None, options: Sequence[str] = ()) -> None:
        self.options = tuple(options)
        self.path = path or str(Path(tempfile.mkdtemp(prefix="kit-zygote-")) / "z.sock")
        self.folder = str(Path(self.path).parent)
        env = dict(os.environ)
        root = str(paths.CHECKOUT)  # the zygote imports this very kit
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        self.process = subprocess.Popen(
            [python, *self.options, "-m", "kit.batch.zygote", self.path],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            start_new_session=True,  # Ctrl-C in the terminal is for the batch to handle, not for the zygote
        )
        assert self.process.stdout is not None
        _starting.add(self.process)
        try:
            ready, _, _ = select.select([self.process.stdout], [], [], READY_TIMEOUT)
            line = self.process.stdout.readline() if ready else b""
        finally:
            _starting.discard(self.process)
        if line.strip() != b"ready":
            self.close()
            raise OSError("kernel zygote did not start")

    def alive(self) -> bool:
        return self.process.poll() is None

    def spawn(self, args: list[str], env: dict[str, str], cwd: str | None) -> int:
        return _spawn(self.path, args, env, cwd)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            if self.process.stdin:
                self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class Attached:
    """Another process's zygote (the batch driver's), used by a worker process through its socket."""

    def __init__(self, path: str, options: Sequence[str] = ()) -> None:
        self.path = path
        self.options = tuple(options)
        self.failed = False

    def alive(self) -> bool:
        return not self.failed

    def spawn(self, args: list[str], env: dict[str, str], cwd: str | None) -> int:
        deadline = time.monotonic() + READY_TIMEOUT
        while not os.path.exists(self.path):  # the driver may still be starting it
            if os.path.exists(self.path + FAILED) or time.monotonic() > deadline:
                self.failed = True
                raise OSError("kernel zygote unavailable")
            time.sleep(0.05)
        return _spawn(self.path, args, env, cwd)

    def close(self) -> None:
        pass


FAILED = ".failed"


def _spawn(path: str, args: list[str], env: dict[str, str], cwd: str | None) -> int:
    request = {"args": args, "env": env, "cwd": cwd, "owner": os.getpid()}
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(READY_TIMEOUT)
        conn.connect(path)
        zygote_protocol.send(conn, request)
        reply = zygote_protocol.receive(conn)
    return int(reply["pid"])


def zygote_for(python: str, options: Sequence[str] = ()) -> Zygote | Attached | None:
    """This process's zygote for `python` with interpreter `options` (started on first use), or
    None when it cannot run (or this process's zygote runs with other options)."""
    with _lock:
        z = _zygotes.get(python, False)
        if z is None:
            return None  # failed before: don't try again in this process
        if isinstance(z, (Zygote, Attached)) and z.alive():
            return z if z.options == tuple(options) else None
        try:
            _zygotes[python] = Zygote(python, options=options)
        except OSError:
            _zygotes[python] = None
        return _zygotes[python]


def kernel_options(kernel_name: str = KERNEL_NAME) -> tuple[str, ...]:
    """The interpreter options the kernelspec's command gives (``-Xfrozen_modules=off``), so that
    the zygote runs as that kernel would; none when the kernelspec is not this interpreter's ipykernel."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        argv = KernelSpecManager().get_kernel_spec(kernel_name).argv
    except (NoSuchKernel, OSError, ValueError):
        return ()
    parsed = ipykernel_command(argv)
    return parsed[0] if parsed is not None else ()


def start_zygote_soon(options: Sequence[str] | None = None) -> tuple[str, tuple[str, ...]]:
    """Start this process's zygote in the background; returns at once its socket path and
    interpreter options (those of the report kernel's kernelspec unless given), for worker
    processes to attach() to (they wait for it; a failure is marked beside the path)."""
    path = str(Path(tempfile.mkdtemp(prefix="kit-zygote-")) / "z.sock")
    _folders.append(str(Path(path).parent))
    chosen = tuple(kernel_options() if options is None else options)

    def start() -> None:
        with _lock:
            try:
                _zygotes[sys.executable] = Zygote(sys.executable, path, chosen)
            except OSError:
                _zygotes[sys.executable] = None
                with contextlib.suppress(OSError):  # its folder is gone when close_zygotes stopped it
                    Path(path + FAILED).touch()

    threading.Thread(target=start, name="kit-zygote-start", daemon=True).start()
    return path, chosen


def attach(path: str, options: Sequence[str] = ()) -> None:
    """Use another process's zygote (see start_zygote_soon) for this process's kernels."""
    with _lock:
        _zygotes[sys.executable] = Attached(path, options)


def close_zygotes() -> None:
    """Stop this process's zygotes; one still importing is killed at once (a batch interrupted in
    its first seconds stops then, not when the zygote would have been ready)."""
    for process in list(_starting):
        with contextlib.suppress(OSError):
            process.kill()
    with _lock:
        for z in _zygotes.values():
            if z is not None:
                z.close()
        _zygotes.clear()
        while _folders:
            shutil.rmtree(_folders.pop(), ignore_errors=True)


class Stopped(RuntimeError):
    """No kernel is launched once stop() was called (the batch is being interrupted)."""


_stopping = threading.Event()


def accept() -> None:
    """Launch kernels again (a new batch starts)."""
    _stopping.clear()


def stop() -> None:
    """Refuse new kernels, and kill the running ones: their notebooks end with a dead kernel."""
    _stopping.set()
    kill_all()


def kill_all() -> None:
    """Kill every kernel this process launched through ForkedKernelManager and that still runs (Ctrl-C of a batch).

    Each kernel leads its own process group (forked: it called setsid; launched: start_new_session),
    so the group is killed, with anything the kernel started."""
    for provisioner in list(_launched):
        process, pgid = provisioner.process, provisioner.pgid
        if process is not None and pgid and process.poll() is None:
            with contextlib.suppress(OSError):
                os.killpg(pgid, signal.SIGKILL)


class ForkedProcess:
    """What jupyter_client expects of a Popen, for a kernel that is the zygote's child, not ours."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None
        try:
            self._fd: int | None = os.pidfd_open(pid)
        except (AttributeError, OSError):
            self._fd = None

    def _gone(self) -> None:
        self.returncode = 0 if self.returncode is None else self.returncode
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    def __del__(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)

    def poll(self) -> int | None:
        if self.returncode is not None:
            return self.returncode
        if self._fd is not None:
            readable, _, _ = select.select([self._fd], [], [], 0)
            if readable:
                self._gone()
        else:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self._gone()
            except PermissionError:
                pass
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.02)
        return self.returncode or 0

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signum)  # the child made itself a group leader before replying

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class ForkProvisioner(LocalProvisioner):  # type: ignore[misc]
    """Launches the kernel command by forking it from the zygote when it is the standard ipykernel one."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
        if _stopping.is_set():
            raise Stopped("kernel not started: the batch is stopping")
        _launched.add(self)
        parsed = ipykernel_command(cmd) if os.path.abspath(cmd[0]) == os.path.abspath(sys.executable) else None
        zygote = zygote_for(cmd[0], parsed[0]) if parsed is not None and enabled() else None
        if zygote is None or parsed is None:
            return await super().launch_kernel(cmd, **kwargs)
        args = parsed[1]
        env = {str(k): str(v) for k, v in (kwargs.get("env") or os.environ).items()}
        cwd = kwargs.get("cwd")
        try:
            pid = zygote.spawn(args or [], env, str(cwd) if cwd else None)
        except (OSError, ValueError):
            return await super().launch_kernel(cmd, **kwargs)
        process = ForkedProcess(pid)
        if _stopping.is_set():  # stop() ran while the zygote was forking: this one too
            process.kill()
        self.process = process  # type: ignore[assignment]  # Popen's interface, not its class
        self.pid = pid
        self.pgid = pid
        self.cwd = cwd or Path.cwd()
        return self.connection_info


def ipykernel_command(cmd: Sequence[str]) -> tuple[tuple[str, ...], list[str]] | None:
    """`python [-X option …] -m ipykernel_launcher ARGS` as (its -X options, ARGS); None for any other command.

    >>> ipykernel_command(["/usr/bin/python3", "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "k.json"])
    (('-Xfrozen_modules=off',), ['-f', 'k.json'])
    >>> ipykernel_command(["python", "-c", "print()", "-m", "ipykernel_launcher"]) is None
    True
    """
    options: list[str] = []
    i = 1
    while i < len(cmd) and cmd[i] != "-m":
        if cmd[i] == "-X" and i + 1 < len(cmd):
            options += cmd[i : i + 2]
            i += 2
        elif cmd[i].startswith("-X") and len(cmd[i]) > 2:
            options.append(cmd[i])
            i += 1
        else:
            return None  # another interpreter option: launched the ordinary way
    if list(cmd[i : i + 2]) != ["-m", "ipykernel_launcher"]:
        return None
    return tuple(options), list(cmd[i + 2 :])


class ForkedKernelManager(AsyncKernelManager):  # type: ignore[misc]
    """papermill's kernel manager (`kernel_manager_class=`), launching through ForkProvisioner."""

    async def _async_pre_start_kernel(self, **kw: Any) -> Any:
        self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
        if self.provisioner is None:
            self.provisioner = ForkProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
        return await super()._async_pre_start_kernel(**kw)
