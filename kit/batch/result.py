"""What a worker hands back for one batch job: a frozen value, the same from a local worker and from Dask.

It crosses a process boundary (a multiprocessing pipe, or Dask's pickling between machines), so
it holds plain values only: bytes, strings, numbers. The driver alone turns it into files
(kit.batch.run.commit).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class JobResult:
    """One report built (`ok`, with its files), or why not (`message`, and the partial notebook).

    >>> failed = JobResult.failure("示例县/甲镇 2021年度报告：工作进程意外退出")
    >>> failed.ok, failed.files, failed.seconds
    (False, {}, 0.0)
    """

    ok: bool
    message: str = ""  # why it failed: names the body, year, cell and error
    files: Mapping[str, tuple[str, bytes]] = field(default_factory=dict)  # format -> (file name, bytes)
    partial: bytes | None = None  # the failed notebook, kept under exports/_failed/
    saved: str | None = None  # where the worker had saved it (its own path, replaced in the message)
    tmp: str | None = None  # the worker's temporary folder (its paths in the message are replaced)
    code: str | None = None  # the worker's kit code digest: a result from another kit is refused
    worker: str | None = None  # host:pid
    digest: str | None = None  # of the inputs built, recorded in the manifest
    seconds: float = 0.0
    timings: Mapping[str, float] = field(default_factory=dict)  # seconds per build step

    @classmethod
    def failure(cls, message: str) -> JobResult:
        """A job that failed before or around the worker (unreadable inputs, a dead worker or node)."""
        return cls(ok=False, message=message)
