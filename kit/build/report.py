"""One report, from its parameter file to finished files: exports/<county>/<body>/<year>/<title>.html/.pdf/.docx.

Everything that can be checked is checked before a kernel starts: the report loads, it has no
validation errors (unless it is a draft), and the PDF engine and fonts are there when a PDF is
asked for. Then the notebook runs (kit.build.execute), its page is exported (kit.build.export), and each
file is written under a temporary name and renamed, so a crash never leaves half a report.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kit.build.execute import REPORT_NOTEBOOK, Timings, execute_report
from kit.build.formats import DEFAULT_FORMATS, FORMATS, parse_formats  # noqa: F401 - re-exported for kit build
from kit.messages import build as say
from kit.notebook import report as report_notebook
from kit.report import BodyRef, YearReport
from kit.store import Store

FAILED_DIR = "_failed"


@dataclass
class Built:
    ref: BodyRef
    year: int
    files: dict[str, Path] = field(default_factory=dict)  # format -> written file
    timings: Timings = field(default_factory=Timings)


def report_folder(exports: Path, ref: BodyRef, year: int) -> Path:
    return exports / ref.county / ref.body / str(year)


def failed_notebook(exports: Path, ref: BodyRef, year: int) -> Path:
    return exports / FAILED_DIR / ref.county / ref.body / f"{year}.ipynb"


def build_report(
    parameters: Path,
    ref: BodyRef,
    year: int,
    *,
    exports: Path,
    formats: Sequence[str] = DEFAULT_FORMATS,
    draft: bool = False,
    notebook: Path = REPORT_NOTEBOOK,
    kernel_manager_class: type | None = None,
) -> Built:
    """Build one report (the notebook in a fresh kernel, then HTML/PDF/DOCX) into exports/<县>/<主体>/<年>/.

    A report with errors is refused (ValidationFailed) unless `draft`; a failing cell keeps the
    partial notebook under exports/_failed/ (NotebookFailed).

    >>> import tempfile
    >>> from pathlib import Path
    >>> from kit import paths
    >>> exports = Path(tempfile.mkdtemp())
    >>> built = build_report(paths.CHECKOUT / "parameters", BodyRef("微山县", "驩城镇"), 2018, exports=exports, formats=("html",))
    >>> sorted(built.files), built.files["html"].parent.relative_to(exports).as_posix()
    (['html'], '微山县/驩城镇/2018')
    """
    from kit.build.export import file_stem, notebook_html, write_exports

    built = Built(ref, year)
    t = built.timings
    root = Store(parameters).root
    with t.step(say.STEP_VALIDATE):
        report, findings = report_notebook.load_checked(root, str(ref), year)
        report_notebook.refuse_unless_draft(report, findings, draft)
    if "pdf" in formats:
        from kit.build.prerequisites import require_pdf

        require_pdf()
    label = say.report_label(ref, year)
    failed = failed_notebook(exports, ref, year)
    nb = execute_report(
        {"body": str(ref), "year": int(year), "parameters_root": str(root), "draft": bool(draft)},
        label=label,
        failed_path=failed,
        notebook=notebook,
        timings=t,
        kernel_manager_class=kernel_manager_class,
    )
    with t.step(say.STEP_HTML):
        html = notebook_html(nb)
    doc = report_notebook.document(report, findings, draft)
    folder = report_folder(exports, ref, year)
    stem = file_stem(doc.title, draft)

    def docx() -> bytes:
        from kit.render.docx import render_docx

        charts = report_notebook.charts_from_notebook(nb)
        if charts is None:  # a notebook that does not publish its charts: draw them here
            charts = report_notebook.charts(doc, report_notebook.history(root, report))
        return render_docx(doc, charts)

    built.files.update(write_exports(html, formats, folder, stem, t, more={"docx": docx}, web_copies=True))
    if failed.exists():  # an earlier failed run of this report is superseded
        failed.unlink()
    return built


def publication_builder(parameters: Path, formats: Sequence[str] = FORMATS) -> Callable[[YearReport, Path], list[Path]]:
    """What kit.cycle.publish builds with: the final (not draft) files of a report, straight into
    the folder it gives (the publication's, renamed into place by publish). One builder for
    `kit publish` and the county server, so both publish the same files the same way."""

    def build(report: YearReport, folder: Path) -> list[Path]:
        scratch = folder / ".build"
        built = build_report(parameters, report.body.ref, report.year, exports=scratch, formats=formats)
        out = []
        for path in built.files.values():
            target = folder / path.name
            path.replace(target)
            out.append(target)
        shutil.rmtree(scratch, ignore_errors=True)
        return out

    return build
