"""One batch job on a worker: parameter files in, report files out, all as plain values.

The same function runs in the batch's worker threads and on Dask workers, so both paths build
reports the same way. A job carries the bytes of everything the report reads (body.yaml and
the body's year files up to the report's year, the notebook); the worker writes them into a
temporary parameters folder, builds the report there with kit.build.report.build_report (a fresh
kernel, forked from the warm zygote when possible), and returns the files' bytes. The client
writes them into exports/ and records the manifest: workers need no shared folder, and what
was built is exactly what was hashed at planning.
"""

from __future__ import annotations

import os
import socket
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

from kit.batch.plan import Job, code_digest, input_files, job_digest
from kit.batch.result import JobResult
from kit.messages import build as say
from kit.report import BodyRef
from kit.store import Store


def payload(job: Job, store: Store, notebook: Path) -> dict[str, Any]:
    """The job with its inputs read now; its digest is recomputed from exactly these bytes
    (a file edited since planning is built as it is now, and recorded as such)."""
    ref = job.ref
    files = {p.name: p.read_bytes() for p in input_files(store, ref, job.year)}
    notebook_bytes = Path(notebook).read_bytes()
    return {
        "body": job.body,
        "year": job.year,
        "formats": list(job.formats),
        "draft": job.draft,
        "files": files,
        "notebook": notebook_bytes,
        "notebook_name": Path(notebook).name,
        "digest": job_digest(dict(files), notebook_bytes, job.formats, job.draft),
    }


def run_job(job: dict[str, Any]) -> JobResult:
    """Build one report from a payload(); never raises for a failed report (the result says why)."""
    from kit.build.report import build_report
    from kit.errors import KitError, NotebookFailed

    started = time.perf_counter()
    ref = BodyRef.parse(job["body"])
    done: dict[str, Any] = {"ok": False, "code": code_digest(), "worker": f"{socket.gethostname()}:{os.getpid()}"}
    with tempfile.TemporaryDirectory(prefix="kit-job-") as tmp:
        root = Path(tmp) / "parameters"
        done["tmp"] = tmp
        try:
            folder = root / ref.county / ref.body
            folder.mkdir(parents=True)
            for name, data in job["files"].items():
                if Path(name).name != name or name.startswith("."):
                    raise ValueError(f"bad file name in job: {name!r}")
                (folder / name).write_bytes(data)
            notebook = Path(tmp) / Path(job.get("notebook_name") or "annual_report.ipynb").name
            notebook.write_bytes(job["notebook"])
            built = build_report(
                root,
                ref,
                int(job["year"]),
                exports=Path(tmp) / "exports",
                formats=list(job["formats"]),
                draft=bool(job["draft"]),
                notebook=notebook,
                kernel_manager_class=_kernel_manager_class(),
            )
        except NotebookFailed as exc:
            done["message"] = str(exc)
            if exc.saved is not None and exc.saved.is_file():
                done["partial"] = exc.saved.read_bytes()
                done["saved"] = str(exc.saved)
        except KitError as exc:
            done["message"] = str(exc)
        except Exception as exc:  # a bug: name it, with where it happened, but keep the batch going
            where = traceback.extract_tb(exc.__traceback__)[-1]
            done["message"] = say.internal_error(ref, job["year"], exc, Path(where.filename).name, where.lineno)
        else:
            done["ok"] = True
            done["files"] = {fmt: (path.name, path.read_bytes()) for fmt, path in built.files.items()}
            done["timings"] = dict(built.timings.steps)
    return JobResult(**done, seconds=time.perf_counter() - started)


def _kernel_manager_class() -> type | None:
    from kit.batch import forked_kernels

    return forked_kernels.ForkedKernelManager if forked_kernels.enabled() else None


def identity() -> tuple[str, str]:
    """What a Dask worker runs (kit version, code digest): the client refuses workers that differ."""
    from kit.version import VERSION

    return VERSION, code_digest()
