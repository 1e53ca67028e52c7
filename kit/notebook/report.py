"""The steps of notebooks/annual_report.ipynb, as functions the notebook and `kit build` share.

The notebook stays thin (it calls these), and `kit build` runs the same checks in-process
before it starts a kernel, so a report that would be refused is refused at once, with the
list of errors, without executing anything. No papermill, no widgets here.
"""

from __future__ import annotations

import base64
import importlib
import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kit.document import Document, build_document
from kit.errors import KitError, ValidationFailed
from kit.findings import Finding, open_findings
from kit.messages import build as build_says
from kit.render.html import Chart, render_html
from kit.report import BodyRef, YearReport
from kit.store import Store
from kit.validation import validate


def find_parameters(parameters_root: str | Path) -> Path:
    """A relative folder is looked for in the current folder, then in its parents: the notebook opened
    in JupyterLab runs in notebooks/, and its default ``parameters`` means the project's folder."""
    root = Path(parameters_root)
    if root.is_absolute() or root.is_dir():
        return root
    for folder in Path.cwd().parents:
        if (folder / root).is_dir():
            return folder / root
    return root


def load_checked(parameters_root: str | Path, body: str, year: int) -> tuple[YearReport, list[Finding]]:
    """The year's report and every finding of its validation (last year's report, if any, included)
    and of the document-level checks `kit check` makes (rules 12–19: "（具体网址）", "202020年" …),
    so `kit build` refuses what `kit check` calls an error, not only the tables' arithmetic."""
    from kit.doccheck.own_reports import check_stored_report

    store = Store(find_parameters(parameters_root))
    report = store.load_year(BodyRef.parse(body), int(year))
    previous = store.previous(report)
    return report, validate(report, previous) + check_stored_report(store, report, previous)


def refuse_unless_draft(report: YearReport, findings: Sequence[Finding], draft: bool) -> None:
    """A report with errors is not published; as a draft it is built, marked, with the errors appended."""
    errors = [f for f in findings if f.is_error]
    if errors and not draft:
        raise ValidationFailed(
            build_says.has_errors(report.body.ref, report.year, len(errors)),
            errors,
        )


def document(report: YearReport, findings: Sequence[Finding], draft: bool) -> Document:
    return build_document(report, draft=bool(draft), findings=open_findings(list(findings)))


def history(parameters_root: str | Path, report: YearReport) -> list[YearReport]:
    """Every year of the body up to the report's, oldest first, for trend charts; unreadable years are left out."""
    store = Store(find_parameters(parameters_root))
    out = [report]
    for year in store.years(report.body.ref):
        if year >= report.year:
            continue
        try:
            out.append(store.load_year(report.body.ref, year, report.body))
        except KitError:
            continue
    return sorted(out, key=lambda r: r.year)


def charts(doc: Document, years: list[YearReport]) -> list[Any]:
    """The report's charts, when the kit has its chart module (kit.render.charts, matplotlib); else none."""
    if importlib.util.find_spec("kit.render.charts") is None:
        return []
    module = importlib.import_module("kit.render.charts")
    return list(module.make_charts(doc, years))


CHARTS_MIMETYPE = "application/vnd.kit.charts+json"


def chart_bundle(chart_list: Sequence[Any]) -> dict[str, Any]:
    """The charts as a notebook output, so `kit build` puts the same images into the Word file
    without drawing them again (matplotlib costs ≈1.5 s per process). Displayed with raw=True."""
    items = [
        {"id": c.id, "title": c.title, "alt": c.alt, "section": c.section, "png": base64.b64encode(c.png).decode("ascii")}
        for c in chart_list
    ]
    return {CHARTS_MIMETYPE: {"charts": items}, "text/plain": build_says.charts_count(len(items))}


def charts_from_notebook(nb: Any) -> list[Any] | None:
    """The charts an executed report notebook published (see chart_bundle); None if it published none."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            bundle = output.get("data", {}).get(CHARTS_MIMETYPE)
            if bundle is None:
                continue
            from kit.render.charts import Chart

            return [
                Chart(id=c["id"], title=c["title"], png=base64.b64decode(c["png"]), alt=c["alt"], section=c.get("section"))
                for c in bundle["charts"]
            ]
    return None


def page(doc: Document, chart_list: Sequence[Chart] = (), parameters_root: str | Path | None = None) -> str:
    """The finished HTML page; the notebook displays it and the nbconvert template emits it.

    A draft — the copy a county office reviews — also carries the comparison with last year.
    The published report keeps to the six sections of the official format.
    """
    appendix = comparison(parameters_root, doc.report) if doc.draft and parameters_root is not None else ""
    return render_html(doc, chart_list, appendix=appendix)


def comparison(parameters_root: str | Path, report: YearReport) -> str:
    """附：主要数据与上年对比, as HTML; empty when the body has no report for last year."""
    from kit.render.year_over_year import year_over_year_html

    return year_over_year_html(report, Store(find_parameters(parameters_root)).previous(report))
