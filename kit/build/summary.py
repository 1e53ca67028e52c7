"""`kit summary`: the county summary from parameters to exports/<county>/_汇总/<year>/<title>.html/.pdf.

As `kit build` does for one report: check what can be checked before a kernel starts (the
summary builds in-process — an unknown county is refused at once — and the PDF engine and fonts
are there when a PDF is asked for), run the notebook
with papermill in-process (kit.build.execute), export its ``report`` cell through the kit's template
(kit.build.export.notebook_html), make the PDF with WeasyPrint (kit.build.export.html_pdf), and write each
file under a temporary name and rename it (kit.yamlio.write_bytes_atomic). A failing notebook
is kept under exports/_failed/<county>/_汇总/<year>.ipynb with its error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kit.build.execute import REPORT_NOTEBOOK, Timings, execute_report
from kit.build.formats import parse_formats as _parse_formats
from kit.data.summary import TEXT, build_summary
from kit.messages import build as say
from kit.messages import store as store_says
from kit.render.summary_page import status_sentence
from kit.report import check_name
from kit.store import Store

SUMMARY_NOTEBOOK = REPORT_NOTEBOOK.with_name("county_summary.ipynb")
SUMMARY_DIR = say.SUMMARY_FOLDER
FAILED_DIR = "_failed"
FORMATS = ("html", "pdf")


@dataclass
class BuiltSummary:
    county: str
    year: int
    files: dict[str, Path] = field(default_factory=dict)
    timings: Timings = field(default_factory=Timings)
    status: str = ""  # the summary's first sentence: who filed, who has errors


def parse_formats(text: str | None) -> tuple[str, ...]:
    """`--to html,pdf` for a summary: HTML and PDF only."""
    return _parse_formats(text, FORMATS, say.OF_THE_SUMMARY)


def summary_folder(exports: Path, county: str, year: int) -> Path:
    return Path(exports) / county / SUMMARY_DIR / str(year)


def failed_notebook(exports: Path, county: str, year: int) -> Path:
    return Path(exports) / FAILED_DIR / county / SUMMARY_DIR / f"{year}.ipynb"


def build_summary_files(
    parameters: Path | str,
    county: str,
    year: int,
    *,
    exports: Path,
    formats: Sequence[str] = FORMATS,
    notebook: Path = SUMMARY_NOTEBOOK,
) -> BuiltSummary:
    """Build the county summary (notebook, then HTML/PDF) into exports/<县>/_汇总/<年>/.

    >>> import tempfile
    >>> from pathlib import Path
    >>> from kit import paths
    >>> exports = Path(tempfile.mkdtemp())
    >>> built = build_summary_files(paths.CHECKOUT / "parameters", "青禾县", 2025, exports=exports, formats=("html",))
    >>> built.files["html"].parent.relative_to(exports).as_posix()
    '青禾县/_汇总/2025'
    """
    from kit.build.export import file_stem, notebook_html, write_exports

    county = check_name(county, store_says.COUNTY)
    store = Store(parameters)
    built = BuiltSummary(county, int(year))
    t = built.timings
    with t.step(say.STEP_CHECK):
        summary = build_summary(store, county, int(year))  # refuses an unknown county before a kernel starts
        built.status = status_sentence(summary)
        if "pdf" in formats:
            from kit.build.prerequisites import require_pdf

            require_pdf()
    failed = failed_notebook(exports, county, year)
    nb = execute_report(
        {"county": county, "year": int(year), "parameters_root": str(store.root)},
        label=say.summary_label(county, year),
        failed_path=failed,
        notebook=notebook,
        timings=t,
    )
    with t.step(say.STEP_HTML):
        html = notebook_html(nb)
    stem = file_stem(TEXT["title"].format(county=county, year=int(year)), False)
    built.files.update(write_exports(html, formats, summary_folder(exports, county, year), stem, t))
    if failed.exists():  # an earlier failed run is superseded
        failed.unlink()
    return built
