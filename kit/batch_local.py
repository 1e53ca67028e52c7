"""The batch's local workers: a few long-lived processes, each building one report at a time.

Why processes and not threads: the kernels already run in processes of their own, but the PDF
(WeasyPrint, ≈1 CPU-second a report) is rendered where build_report runs; in threads all PDFs
would share one interpreter lock and, with kernels forked from the zygote (≈0.9 CPU-second a
report), the PDFs would become the bottleneck on two cores. Each worker is forked from
multiprocessing's fork server after it imported papermill, nbconvert and WeasyPrint once, so a
worker starts in milliseconds with those imports done, and this process (the driver) imports
none of them: its memory stays small and flat however long the batch.

A worker gets a job (kit.batch_worker.payload), returns the result (kit.batch_worker.run_job);
the driver alone writes into exports/. A worker that dies (a crash in a native library, the
OOM killer) fails only the report it was building, named, and is replaced. Workers ignore
Ctrl-C: the driver stops them (SIGTERM: each kills its kernel and exits), and each exits by
itself when the driver is gone (a SIGKILL of the driver leaves no worker and no kernel behind).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import select
import signal
import threading
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any

from kit.batch_plan import Job

# Imported once by the fork server; every worker forked from it starts with them (see the module).
PRELOAD = ["kit.batch_preload"]
STOP_WAIT = 3.0  # seconds the driver gives stopped workers before killing them


def worker_main(conn: Connection, driver: int, zygote: str | None) -> None:
    """A worker process: jobs in, results out, until the driver closes the pipe or goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the driver's to handle
    signal.signal(signal.SIGTERM, _stop_now)
    _exit_with(driver)
    from kit import forked_kernels
    from kit.batch_worker import run_job

    if zygote:
        forked_kernels.attach(zygote)
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
    forked_kernels.stop()
    os._exit(0)


def _stop_now(signum: int, frame: Any) -> None:
    from kit import forked_kernels

    forked_kernels.stop()
    os._exit(128 + signum)


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
            while os.getppid() != 1:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(driver, 0)
                    time.sleep(0.5)
                    continue
                break
        from kit import forked_kernels

        forked_kernels.stop()
        os._exit(1)

    threading.Thread(target=watch, name="kit-driver-watch", daemon=True).start()


class _Worker:
    def __init__(self, ctx: Any, zygote: str | None) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=worker_main, args=(child, os.getpid(), zygote), name="kit-batch-worker", daemon=True)
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

    def execute(self, jobs: Sequence[Job], make_payload: Callable[[Job], dict[str, Any]], deliver: Callable[[Job, dict[str, Any]], None]) -> None:
        from kit import forked_kernels

        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        zygote = forked_kernels.start_zygote_soon() if forked_kernels.enabled() else None
        todo = list(jobs)[::-1]
        workers: list[_Worker] = []
        try:
            for _ in range(min(self.count, len(todo))):
                workers.append(_Worker(ctx, zygote))
            idle = list(workers)
            while todo or any(w.job for w in workers):
                while idle and todo:
                    worker, job = idle.pop(), todo.pop()
                    try:
                        worker.give(job, make_payload(job))
                    except Exception as exc:  # inputs unreadable since planning: this job only
                        worker.job = None
                        idle.append(worker)
                        deliver(job, {"ok": False, "message": f"{job.ref} {job.year}年度报告：读取参数文件失败（{type(exc).__name__}: {exc}）"})
                busy = [w for w in workers if w.job is not None]
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
                    if result is None:  # the worker died with the job
                        worker.process.join(1)
                        code = worker.process.exitcode
                        worker.conn.close()
                        workers.remove(worker)
                        replacement = _Worker(ctx, zygote)
                        workers.append(replacement)
                        idle.append(replacement)
                        deliver(done, {"ok": False, "message": f"{done.ref} {done.year}年度报告：工作进程意外退出（退出码 {code}），该报告未生成"})
                        continue
                    result["digest"] = worker.digest
                    idle.append(worker)
                    deliver(done, result)
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
            forked_kernels.close_zygotes()
