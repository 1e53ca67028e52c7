"""Preview and Export for the form: the rendered report, built from the form's state in-process.

The form never renders a report itself: Preview asks kit.render.html for the page the export
would publish (a draft, marked as such, while errors remain), Export runs `kit build`'s pipeline
(kit.build.report) on the saved file. Both are imported when first used, so opening the form stays fast and the form keeps
working (with a clear message) where the export pipeline is not installed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kit.errors import KitError
from kit.form.model import FormModel
from kit.form.project import default_exports
from kit.messages import form as msg

FORMATS = msg.FORMATS
Progress = Callable[[str, float], None]  # (what is happening, fraction done 0..1)
EXPECTED_SECONDS = 6.0  # a typical build on these machines, for the progress bar


@dataclass(frozen=True)
class Exported:
    files: list[Path]
    draft: bool


def preview_html(model: FormModel) -> str:
    """The report page as it would be published; a draft with the open findings appended while errors remain."""
    from kit.notebook.report import document, page

    check = model.check()
    return page(document(model.report, check.findings, draft=bool(check.errors)))


def export(model: FormModel, formats: Sequence[str], progress: Progress, exports: Path | None = None) -> Exported:
    """Build the saved year through `kit build`'s pipeline (kit.build.report): the same notebook, template
    and PDF engine as every published report. A draft, marked as such, while errors remain.

    The build reads the file, so unsaved changes are refused first: what is exported is what is
    on disk. It runs in a worker thread while this one reports the time spent (a build takes a
    few seconds: a kernel runs the report notebook, then WeasyPrint prints the PDF).
    """
    try:
        from kit.build.report import build_report
    except ImportError:
        raise KitError(msg.EXPORT_NOT_INSTALLED) from None
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise KitError(msg.choose_a_format(list(FORMATS.values())))
    if model.dirty:
        raise KitError(msg.EXPORT_UNSAVED)
    draft = bool(model.check().errors)
    report = model.report
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["built"] = build_report(
                model.store.root, report.body.ref, report.year, exports=exports or default_exports(), formats=list(formats), draft=draft
            )
        except BaseException as exc:  # handed to the waiting thread, which raises it
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="kit-export", daemon=True)
    start = time.perf_counter()
    worker.start()
    names = "、".join(FORMATS[f] for f in formats)
    while worker.is_alive():
        worker.join(0.25)
        elapsed = time.perf_counter() - start
        progress(msg.exporting(names, draft, elapsed), min(0.95, elapsed / EXPECTED_SECONDS))
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    built = outcome["built"]
    progress(msg.exported_in(time.perf_counter() - start), 1.0)
    return Exported([Path(p) for p in built.files.values()], draft)  # type: ignore[attr-defined]
