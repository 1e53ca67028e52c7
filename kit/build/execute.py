"""Executing the report notebook for one (body, year) with papermill, inside this process.

Measured on these machines (see DESIGN.md): the papermill CLI costs ≈1.7 s per call in imports,
so the kit calls `papermill.execute_notebook` in-process. Each run gets its own kernel over IPC
sockets in a fresh temporary folder (TCP ports collide when runs are parallel), is shut down
immediately (graceful shutdown stalled at random for 4 s), and has an execution timeout (a
stuck cell must not hang a batch). A kernel is never reused across reports: state leaks.

A cell that raises keeps the partial notebook, with its error, under exports/_failed/, and the
error raised here names the body, year, cell and error, without the traceback.

papermill's own engine writes the whole notebook (validated, as indented JSON with the charts'
base64) at the start and end of every cell: 19 writes a report, ≈ 64 % of papermill's CPU in a
batch worker (profiled, 2025). The kit reads the notebook papermill returns, and the file only
when the run fails, so its engine ("kit", `SaveAtEnd`) writes it once when execution ends —
finished, failed, timed out or with a dead kernel alike — and papermill writes it once more.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import re
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit import paths
from kit.build.import_speed import skip_unused_iri_grammar
from kit.errors import KitError, NotebookFailed
from kit.messages import build as say
from kit.yamlio import write_bytes_atomic

KERNEL_NAME = "python3"
REPORT_NOTEBOOK = paths.NOTEBOOKS / "annual_report.ipynb"
EXECUTION_TIMEOUT = 300  # seconds per cell; KIT_CELL_TIMEOUT overrides it (a stuck cell must not hold a batch)
START_TIMEOUT = 60


@dataclass
class Timings:
    """Seconds spent in each step of one build (filled in as the steps run)."""

    steps: dict[str, float] = field(default_factory=dict)

    @contextlib.contextmanager
    def step(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.steps[name] = self.steps.get(name, 0.0) + time.perf_counter() - start

    def describe(self) -> str:
        return "，".join(say.step_took(name, seconds) for name, seconds in self.steps.items())


def plain(value: Any) -> Any:
    """Parameters as plain Python values: papermill writes them as literals (np.bool_ would become a string)."""
    if isinstance(value, bool) or value is None or isinstance(value, (int, float, str)):
        return type(value)(value) if value is not None else None
    if hasattr(value, "item"):  # numpy scalars
        return plain(value.item())
    if isinstance(value, Path):
        return str(value)
    raise TypeError(say.not_a_parameter(value))


def execute_report(
    parameters: Mapping[str, Any],
    *,
    label: str,
    failed_path: Path,
    notebook: Path = REPORT_NOTEBOOK,
    timeout: int | None = None,
    timings: Timings | None = None,
    kernel_manager_class: type | None = None,
) -> Any:
    """Run `notebook` with `parameters`; returns the executed notebook (a NotebookNode).

    `label` names the report in messages ("微山县/驩城镇 2018年度报告"); on failure the partial
    notebook is written to `failed_path` and NotebookFailed is raised. `kernel_manager_class`
    replaces jupyter_client's (kit batch passes kit.batch.forked_kernels.ForkedKernelManager).
    """
    if not notebook.is_file():
        raise KitError(say.no_notebook(notebook))
    skip_unused_iri_grammar()
    import papermill
    from papermill.exceptions import PapermillExecutionError
    from traitlets.config import Config

    timeout = timeout or int(os.environ.get("KIT_CELL_TIMEOUT") or EXECUTION_TIMEOUT)
    timings = timings if timings is not None else Timings()
    params = {k: plain(v) for k, v in parameters.items()}
    with tempfile.TemporaryDirectory(prefix="kit-run-") as tmp:
        output = Path(tmp) / "executed.ipynb"
        config = Config()
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = str(Path(tmp) / "kernel")  # unique absolute socket path per run
        started = time.perf_counter()
        first_cell: list[float] = []

        def on_cell_start(**_: Any) -> None:
            if not first_cell:
                first_cell.append(time.perf_counter())

        try:
            nb = _with_closed_loop(
                papermill.execute_notebook,
                str(notebook),
                str(output),
                engine_name=_engine(),
                parameters=params,
                kernel_name=KERNEL_NAME,
                progress_bar=False,
                log_output=False,
                start_timeout=START_TIMEOUT,
                execution_timeout=timeout,
                shutdown_kernel="immediate",
                on_cell_start=on_cell_start,
                config=config,
                **({"kernel_manager_class": kernel_manager_class} if kernel_manager_class else {}),
            )
        except PapermillExecutionError as exc:
            saved = _keep(output, failed_path)
            raise NotebookFailed(_cell_message(label, exc, saved, notebook), saved) from None
        except Exception as exc:  # kernel died, timed out, could not start
            saved = _keep(output, failed_path)
            raise NotebookFailed(say.notebook_failed(label, _kernel_problem(exc), saved), saved) from None
        finished = time.perf_counter()
    kernel_ready = first_cell[0] if first_cell else finished
    timings.steps[say.STEP_KERNEL] = kernel_ready - started
    timings.steps[say.STEP_NOTEBOOK] = finished - kernel_ready
    return nb


ENGINE = "kit"


@functools.cache
def _engine() -> str:
    """papermill's nbclient engine, saving the notebook once at the end (see the module), registered once."""
    from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

    class SaveAtEnd(NotebookExecutionManager):  # type: ignore[misc]
        final = False

        def save(self, **kwargs: Any) -> None:
            if self.final:
                super().save(**kwargs)

        def notebook_complete(self, **kwargs: Any) -> None:  # called however execution ended
            self.final = True
            super().notebook_complete(**kwargs)

    class KitEngine(NBClientEngine):  # type: ignore[misc]
        @classmethod
        def execute_notebook(
            cls, nb: Any, kernel_name: str, output_path: str | None = None, progress_bar: bool = True, log_output: bool = False, autosave_cell_every: int = 30, **kwargs: Any
        ) -> Any:
            manager = SaveAtEnd(nb, output_path=output_path, progress_bar=progress_bar, log_output=log_output, autosave_cell_every=autosave_cell_every)
            manager.notebook_start()
            try:
                cls.execute_managed_notebook(manager, kernel_name, log_output=log_output, **kwargs)
            finally:
                manager.cleanup_pbar()
                manager.notebook_complete()
            return manager.nb

    papermill_engines.register(ENGINE, KitEngine)
    return ENGINE


def _with_closed_loop(run: Any, *args: Any, **kwargs: Any) -> Any:
    """Call `run`, then close the event loop nbclient made for this thread.

    nbclient runs its coroutines on an event loop that jupyter_core creates per thread (kept in
    the private ContextVar ``jupyter_core.utils._loop``) and never closes: every worker thread of
    a batch would leak a loop and its sockets (ResourceWarning at garbage collection). A loop that
    is running belongs to someone else (e.g. a Jupyter kernel) and is left alone; if jupyter_core
    renames its variable, nothing is closed and nothing breaks.
    """
    try:
        return run(*args, **kwargs)
    finally:
        from jupyter_core import utils

        var = getattr(utils, "_loop", None)
        loop = var.get() if var is not None else None
        if isinstance(loop, asyncio.AbstractEventLoop) and not loop.is_running() and not loop.is_closed():
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()


def _keep(output: Path, failed_path: Path) -> Path | None:
    if not output.is_file():
        return None
    write_bytes_atomic(failed_path, output.read_bytes())
    return failed_path


def _cell_message(label: str, exc: Any, saved: Path | None, notebook: Path) -> str:
    code = _failing_line(exc)
    number = _cell_number(notebook, exc.source) or exc.cell_index + 1
    error = f"{exc.ename}: {exc.evalue}" if exc.evalue else exc.ename
    return say.cell_failed(label, notebook.name, number, exc.exec_count, error, code.strip(), saved)


ANSI = re.compile(r"\x1b\[[0-9;]*m")
ARROW = re.compile(r"^-*> *\d+ (.*)$")  # IPython marks the line that raised: "----> 3 1/0"


def _failing_line(exc: Any) -> str:
    """The cell's line that raised, from IPython's traceback; else the cell's first line of code."""
    for frame in exc.traceback or []:
        for line in ANSI.sub("", frame).splitlines():
            if match := ARROW.match(line.strip()):
                return match.group(1)
    source = (exc.source or "").splitlines()
    return next((line for line in source if line.strip() and not line.lstrip().startswith("#")), "")


def _cell_number(notebook: Path, source: str | None) -> int | None:
    """The failing cell's position (1-based) in the notebook as written, before papermill injected parameters."""
    import nbformat

    try:
        cells = nbformat.read(notebook, as_version=4).cells
    except Exception:  # the number is a courtesy: never hide the real error behind a second one
        return None
    return next((i for i, c in enumerate(cells, start=1) if c.source == source), None)


def _kernel_problem(exc: Exception) -> str:
    name = type(exc).__name__
    if name == "CellTimeoutError":
        return say.CELL_TIMED_OUT
    if name == "DeadKernelError":
        return say.KERNEL_DIED
    return f"{name}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
