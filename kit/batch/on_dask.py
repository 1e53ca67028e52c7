"""The batch on an existing Dask distributed cluster (`kit batch --scheduler tcp://HOST:PORT`).

Results come back to the client: each task gets the bytes of the files its report reads (plain
dicts, see kit.batch.worker.payload), builds the report in a temporary folder on the worker and
returns the files' bytes; the client writes them into exports/ and records the manifest. The
workers therefore share no folder with the client; they need the kit installed, the same
version (checked: a worker whose kit differs is refused), and the Chinese fonts for PDFs.

Only a bounded number of tasks is in flight (twice the cluster's threads), so the client's
memory does not grow with the size of the batch. Dask does not stop a running task: a stuck
cell is ended by papermill's execution timeout; after Ctrl-C the tasks not yet started are
cancelled and the running ones finish on their workers, their results ignored.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from kit.batch.plan import Job, code_digest
from kit.batch.result import JobResult
from kit.errors import KitError
from kit.messages import build as build_says

CONNECT_TIMEOUT = "20s"


class DaskWorkers:
    def __init__(self, address: str) -> None:
        self.address = address

    def execute(self, jobs: Sequence[Job], make_payload: Callable[[Job], dict[str, Any]], deliver: Callable[[Job, JobResult], None]) -> None:
        try:
            from distributed import Client, as_completed
        except ImportError:
            raise KitError(build_says.NEEDS_DASK) from None
        from kit.batch.worker import identity, run_job

        try:
            client = Client(self.address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise KitError(build_says.no_scheduler(self.address, exc)) from None
        try:
            self._check_workers(client, identity)
            threads = sum(client.nthreads().values()) or 1
            window = max(2, 2 * threads)
            todo = iter(jobs)
            running: dict[Any, tuple[Job, str]] = {}

            def submit_next() -> Any:
                for job in todo:
                    try:
                        payload = make_payload(job)
                    except Exception as exc:  # inputs unreadable since planning: this job only
                        deliver(job, JobResult.failure(build_says.inputs_unreadable(job.ref, job.year, exc)))
                        continue
                    future = client.submit(run_job, payload, pure=False, key=f"kit-report-{uuid.uuid4().hex}")
                    running[future] = (job, payload["digest"])
                    return future
                return None

            first = [f for f in (submit_next() for _ in range(window)) if f is not None]
            if not first:
                return
            done = as_completed(first, loop=client.loop)
            try:
                for future in done:
                    job, digest = running.pop(future)
                    try:
                        result = future.result()
                    except Exception as exc:  # the worker died twice (KilledWorker), the task was lost, ...
                        result = JobResult.failure(build_says.dask_job_failed(job.ref, job.year, exc))
                    else:
                        result = replace(result, digest=digest)
                    future.release()
                    deliver(job, result)
                    if (future := submit_next()) is not None:
                        done.add(future)
            except BaseException:
                with contextlib.suppress(Exception):
                    client.cancel(list(running))
                raise
        finally:
            with contextlib.suppress(Exception):
                client.close(timeout=5)

    def _check_workers(self, client: Any, identity: Any) -> None:
        from kit.version import VERSION

        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except (TimeoutError, OSError):
            raise KitError(build_says.no_dask_workers(self.address)) from None
        mine = (VERSION, code_digest())
        try:
            theirs = client.run(identity)
        except Exception as exc:
            raise KitError(build_says.workers_cannot_run_kit(exc)) from None
        differ = sorted(addr for addr, who in theirs.items() if tuple(who) != mine)
        if differ:
            versions = "；".join(f"{addr}：kit {theirs[addr][0]}" for addr in differ)
            raise KitError(build_says.workers_differ(VERSION, versions))
