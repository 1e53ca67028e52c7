"""The batch's local workers: a few long-lived processes, each building one report at a time.

Why processes and not threads: the kernels already run in processes of their own, but the PDF
(WeasyPrint, ≈1.2 CPU-seconds a report) is rendered where build_report runs; in threads all PDFs
would share one interpreter lock and, with kernels forked from the zygote (≈0.5 CPU-second a
report, measured 2026-12-01), the PDFs would become the bottleneck on two cores. Each worker is forked from
multiprocessing's fork server after it imported papermill, nbconvert and WeasyPrint once, so a
worker starts in milliseconds with those imports done, and this process (the driver) imports
none of them: its memory stays small and flat however long the batch.

A worker gets a job (kit.batch.worker.payload), returns the result (kit.batch.worker.run_job);
the driver alone writes into exports/. A worker that dies (a crash in a native library, the
OOM killer) fails only the report it was building, named, and is replaced. Workers ignore
Ctrl-C: the driver stops them (SIGTERM: each kills its kernel and exits), and each exits by
itself when the driver is gone (a SIGKILL of the driver leaves no worker and no kernel behind).

A Ctrl-C in the terminal goes to the whole process group. The fork server (and multiprocessing's
resource tracker) start with SIGINT ignored, so one pressed while they are still importing —
the first seconds of a cold batch — is the driver's alone, instead of killing them half-way
with a traceback on the screen; the zygote and its kernels run in a session of their own.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import select
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from multiprocessing.connection import Connection, wait
from typing import Any

from kit.batch.plan import Job
from kit.batch.result import JobResult
from kit.messages import build as build_says

# Imported once by the fork server; every worker forked from it starts with them (see the module).
PRELOAD = ["kit.batch.preload"]
STOP_WAIT = 3.0  # seconds the driver gives stopped workers before killing them


_scratch: str | None = None  # this worker's temporary folder, removed however it ends


def worker_main(conn: Connection, driver: int, zygote: tuple[str, tuple[str, ...]] | None, scratch: str) -> None:
    """A worker process: jobs in, results out, until the driver closes the pipe or goes away."""
    global _scratch
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the driver's to handle
    signal.signal(signal.SIGTERM, _stop_now)
    # Every temporary folder of a job (its parameters, the kernel's sockets, the executed notebook)
    # goes under the worker's own: a worker stopped mid-job leaves nothing behind in /tmp.
    _scratch = tempfile.tempdir = scratch
    _exit_with(driver)
    from kit.batch import forked_kernels
    from kit.batch.worker import run_job

    if zygote:
        forked_kernels.attach(*zygote)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            break
        if job is None:
            break
        result = run_job(job)
        try:
            conn.send(result)
        except (BrokenPipeError, OSError):
            break
    _leave(0)


def _leave(code: int) -> None:
    """Kill this worker's kernel, remove its temporary folder, exit (no clean-up of the interpreter)."""
    from kit.batch import forked_kernels

    forked_kernels.stop()
    if _scratch:
        shutil.rmtree(_scratch, ignore_errors=True)
    os._exit(code)


def _stop_now(signum: int, frame: Any) -> None:
    _leave(128 + signum)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def _exit_with(driver: int) -> None:
    """Kill this worker's kernel and exit as soon as the driver process is gone."""

    def watch() -> None:
        try:
            fd = os.pidfd_open(driver)
        except (AttributeError, OSError):
            fd = None
        if fd is not None:
            select.select([fd], [], [])
        else:
            while _alive(driver):
                time.sleep(0.5)
        _leave(1)

    threading.Thread(target=watch, name="kit-driver-watch", daemon=True).start()


def _context() -> Any:
    """Workers forked from a fork server that preloaded the heavy modules; spawned where there is none."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def _start_fork_server(ctx: Any) -> None:
    """Start the fork server with SIGINT ignored (see the module): an ignored signal stays ignored
    across exec, and Python then installs no KeyboardInterrupt handler. (A blocked mask does not
    survive multiprocessing's spawn.) This process ignores Ctrl-C only for the fork and exec."""
    if ctx.get_start_method() != "forkserver" or threading.current_thread() is not threading.main_thread():
        return
    from multiprocessing import forkserver

    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)


class _Worker:
    def __init__(self, ctx: Any, zygote: tuple[str, tuple[str, ...]] | None) -> None:
        self.conn, child = ctx.Pipe()
        self.scratch = tempfile.mkdtemp(prefix="kit-worker-")
        self.process = ctx.Process(target=worker_main, args=(child, os.getpid(), zygote, self.scratch), name="kit-batch-worker", daemon=True)
        self.process.start()
        child.close()
        self.job: Job | None = None
        self.digest = ""

    def give(self, job: Job, payload: dict[str, Any]) -> None:
        self.job, self.digest = job, payload["digest"]
        self.conn.send(payload)

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
            self.conn.close()


class LocalWorkers:
    """`count` worker processes fed one job at a time; results delivered in this (the main) thread."""

    def __init__(self, count: int) -> None:
        self.count = max(1, int(count))

    def execute(self, jobs: Sequence[Job], make_payload: Callable[[Job], dict[str, Any]], deliver: Callable[[Job, JobResult], None]) -> None:
        from kit.batch import forked_kernels

        ctx = _context()
        zygote = forked_kernels.start_zygote_soon() if forked_kernels.enabled() else None
        _start_fork_server(ctx)
        todo = list(jobs)[::-1]
        workers: list[_Worker] = []
        finished: list[tuple[Job, JobResult]] = []

        def feed(worker: _Worker) -> None:
            while todo and worker.job is None:
                job = todo.pop()
                try:
                    worker.give(job, make_payload(job))
                except Exception as exc:  # inputs unreadable since planning: this job only
                    worker.job = None
                    finished.append((job, JobResult.failure(build_says.inputs_unreadable(job.ref, job.year, exc))))

        try:
            for _ in range(min(self.count, len(todo))):
                workers.append(_Worker(ctx, zygote))
                feed(workers[-1])
            while True:
                while finished:
                    deliver(*finished.pop(0))
                busy = [w for w in workers if w.job is not None]
                if not busy:
                    break
                ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=0.5)
                for worker in busy:
                    if worker.conn in ready:
                        try:
                            result = worker.conn.recv()
                        except (EOFError, OSError):
                            result = None
                    elif worker.process.sentinel in ready:
                        result = None
                    else:
                        continue
                    done, worker.job = worker.job, None
                    assert done is not None
                    if result is None:  # the worker died with the job: a new one takes its place
                        worker.process.join(1)
                        code = worker.process.exitcode
                        worker.conn.close()
                        shutil.rmtree(worker.scratch, ignore_errors=True)
                        replacement = _Worker(ctx, zygote)
                        workers[workers.index(worker)] = replacement
                        worker = replacement
                        result = JobResult.failure(build_says.worker_died(done.ref, done.year, code))
                    else:
                        result = replace(result, digest=worker.digest)
                    feed(worker)  # its next job first: the worker builds while the driver writes files
                    finished.append((done, result))
        except BaseException:
            for worker in workers:  # each kills its kernel and exits at once
                with contextlib.suppress(OSError, ValueError):
                    worker.process.terminate()
            raise
        finally:
            for worker in workers:
                worker.stop()
            deadline = time.monotonic() + STOP_WAIT
            for worker in workers:
                worker.process.join(max(0.0, deadline - time.monotonic()))
                if worker.process.is_alive():
                    worker.process.kill()
                    worker.process.join(1)
                shutil.rmtree(worker.scratch, ignore_errors=True)
            forked_kernels.close_zygotes()
