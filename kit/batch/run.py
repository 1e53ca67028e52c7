"""Running a planned batch (kit.batch.plan): every report built, locally or on a Dask cluster.

Locally, a few long-lived worker processes (kit.batch.local) take the jobs one at a time; each
job runs kit.batch.worker.run_job — kit.build.report.build_report in a temporary folder, with a fresh
kernel forked from a warm zygote (kit.batch.forked_kernels) — and hands back the files' bytes. With a
scheduler address, the same function runs on Dask workers (kit.batch.on_dask). Either way only the
driver's main thread writes into exports/: each report's files atomically, then its manifest,
last. So an interrupted batch (Ctrl-C, a killed process, a crashed worker or kernel) leaves
every report either finished and recorded, or not recorded and rebuilt on the next run — never
half a file under a final name.

A failed report is isolated and named (body, year, cell, error, the partial notebook kept
under exports/_failed/); the others go on. Ctrl-C kills the running kernels at once, prints the
summary and exits with 130.

Worker processes are forked from multiprocessing's fork server, which imports the script that
started the batch as a module: a script calling run() needs `if __name__ == "__main__":`
(the `kit` command has it).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from kit.batch.plan import MANIFEST, NOTEBOOK, Invalid, Job, Plan, code_digest, read_manifest
from kit.batch.result import JobResult
from kit.errors import KitError
from kit.messages import build as say
from kit.report import BodyRef
from kit.store import Store
from kit.version import VERSION
from kit.yamlio import write_bytes_atomic

FAILED_DIR = "_failed"
LOCK = ".kit-batch.lock"


@dataclass(frozen=True)
class Failure:
    job: Job
    message: str  # names the body, year, cell and error, and where the partial notebook is
    partial: Path | None = None


@dataclass
class Summary:
    built: list[Job] = field(default_factory=list)
    unchanged: list[Job] = field(default_factory=list)
    invalid: list[Invalid] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    not_run: list[Job] = field(default_factory=list)  # left when the batch was interrupted
    interrupted: bool = False
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        return 1 if self.failed or self.invalid else 0


def default_jobs() -> int:
    """Worker processes for this machine: a worker waits while its kernel runs (in a process of
    its own), so one more worker than cores keeps the cores busy."""
    return (os.cpu_count() or 1) + 1


def run(
    plan: Plan,
    *,
    store: Store,
    exports: Path,
    notebook: Path = NOTEBOOK,
    jobs: int | None = None,
    scheduler: str | None = None,
    stream: TextIO | None = None,
) -> Summary:
    """Build plan.build; returns the summary (also when interrupted: Ctrl-C is caught here)."""
    started = time.perf_counter()
    summary = Summary(unchanged=list(plan.unchanged), invalid=list(plan.invalid))
    exports = Path(exports)
    progress = Progress(len(plan.build), stream or sys.stderr)
    finished: set[tuple[str, int]] = set()
    stack = contextlib.ExitStack()

    def make_payload(job: Job) -> dict[str, Any]:
        from kit.batch.worker import payload

        return payload(job, store, notebook)

    def deliver(job: Job, result: JobResult) -> None:
        failure = commit(job, result, exports=exports, parameters=store.root, remote=scheduler is not None)
        finished.add((job.body, job.year))
        if failure is None:
            summary.built.append(job)
        else:
            summary.failed.append(failure)
        progress.done(job, failure, result.seconds)

    try:
        if plan.build:
            stack.enter_context(exports_lock(exports))
            if scheduler:
                from kit.batch.on_dask import DaskWorkers

                DaskWorkers(scheduler).execute(plan.build, make_payload, deliver)
            else:
                from kit.batch.local import LocalWorkers

                LocalWorkers(jobs or default_jobs()).execute(plan.build, make_payload, deliver)
    except KeyboardInterrupt:
        summary.interrupted = True
        summary.not_run = [j for j in plan.build if (j.body, j.year) not in finished]
    finally:
        progress.close()
        stack.close()
        summary.seconds = time.perf_counter() - started
    return summary


@contextlib.contextmanager
def exports_lock(exports: Path) -> Iterator[None]:
    """One batch at a time writes into an exports folder (a second one is refused, named)."""
    try:
        import fcntl
    except ImportError:  # not on Unix: no lock
        yield
        return
    exports.mkdir(parents=True, exist_ok=True)
    with open(exports / LOCK, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            other = handle.read().strip() or "?"
            raise KitError(say.another_batch(other, exports)) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# ---------------------------------------------------------------------------------------------
# writing a result into exports/


def failed_notebook(exports: Path, ref: BodyRef, year: int) -> Path:
    return Path(exports) / FAILED_DIR / ref.county / ref.body / f"{year}.ipynb"


def commit(job: Job, result: JobResult, *, exports: Path, parameters: Path, remote: bool = False) -> Failure | None:
    """Write one job's result. Success: the files (each atomically), then the manifest; a stale
    partial notebook of the report is removed. Failure: the partial notebook under _failed/."""
    ref = job.ref
    kept = failed_notebook(exports, ref, job.year)
    if result.ok and remote and result.code != code_digest():
        return Failure(
            job,
            say.worker_kit_differs(ref, job.year, result.worker or "?", VERSION),
        )
    if not result.ok:
        partial = None
        if result.partial is not None:
            write_bytes_atomic(kept, result.partial)
            partial = kept
        return Failure(job, _local_paths(result.message or say.failed_for_no_known_reason(ref, job.year), result, parameters, kept), partial)
    folder = Path(job.out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(folder)
    old = read_manifest(folder) or {}
    with contextlib.suppress(FileNotFoundError):
        (folder / MANIFEST).unlink()  # from here until the new manifest, the folder counts as unbuilt
    names = []
    for _fmt, (name, data) in result.files.items():
        if Path(name).name != name or name.startswith("."):
            return Failure(job, say.bad_file_name(ref, job.year, name))
        write_bytes_atomic(folder / name, data)
        names.append(name)
    for name in old.get("files", []):
        if isinstance(name, str) and name not in names and Path(name).name == name:
            with contextlib.suppress(OSError):
                (folder / name).unlink()  # an earlier build's file under another name (title changed, draft)
    record = {
        "kit": VERSION,
        "digest": result.digest or job.digest,
        "body": job.body,
        "year": job.year,
        "formats": list(job.formats),
        "draft": job.draft,
        "files": names,
        "built": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(result.seconds, 2),
        "worker": result.worker,
    }
    write_bytes_atomic(folder / MANIFEST, json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"))
    with contextlib.suppress(FileNotFoundError):
        kept.unlink()
    return None


def _remove_stale_temporaries(folder: Path) -> None:
    """Temporary files of an atomic write that a killed batch left behind (never a final name)."""
    for path in folder.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            path.unlink()


def _local_paths(message: str, result: JobResult, parameters: Path, kept: Path) -> str:
    """The worker's temporary paths in a message, replaced by the ones the user knows."""
    if result.saved:
        message = message.replace(result.saved, str(kept))
    if result.tmp:
        message = message.replace(str(Path(result.tmp) / "parameters"), str(parameters))
    return message


# ---------------------------------------------------------------------------------------------
# progress on stderr


class Progress:
    """A bar with ETA on a terminal (tqdm); one line per finished report otherwise (logs, CI)."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.stream = stream
        self.count = 0
        self.started = time.perf_counter()
        self.bar: Any = None
        if total and _isatty(stream):
            try:
                from tqdm import tqdm
            except ImportError:
                tqdm = None
            if tqdm is not None:
                self.bar = tqdm(
                    total=total,
                    file=stream,
                    unit=say.REPORTS_UNIT,
                    desc=say.PROGRESS_TITLE,
                    dynamic_ncols=True,
                    bar_format=say.PROGRESS_BAR,
                )

    def done(self, job: Job, failure: Failure | None, seconds: float) -> None:
        self.count += 1
        if self.bar is not None:
            if failure is not None:
                self.bar.write(f"✗ {failure.message}", file=self.stream)
            self.bar.set_postfix_str(say.just_done(job.name), refresh=False)
            self.bar.update(1)
            return
        elapsed = time.perf_counter() - self.started
        remaining = elapsed / self.count * (self.total - self.count)
        mark = "✓" if failure is None else "✗"
        line = say.progress_line(self.count, self.total, mark, job.name, seconds, _clock(elapsed), _clock(remaining))
        if failure is not None:
            line += "\n" + "\n".join(f"    {x}" for x in failure.message.splitlines())
        print(line, file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _clock(seconds: float) -> str:
    seconds = round(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 else f"{seconds // 60}:{seconds % 60:02d}"


def describe_years(years: Iterable[int]) -> str:
    """2019, 2020, 2021, 2023 → '2019–2021、2023年'."""
    ys = sorted(set(years))
    parts: list[str] = []
    i = 0
    while i < len(ys):
        j = i
        while j + 1 < len(ys) and ys[j + 1] == ys[j] + 1:
            j += 1
        parts.append(f"{ys[i]}–{ys[j]}" if j > i + 1 else "、".join(str(y) for y in ys[i : j + 1]))
        i = j + 1
    return say.years_listed(parts)
