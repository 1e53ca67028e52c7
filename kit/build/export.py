"""An executed report notebook -> HTML (the kit's own nbconvert template) -> PDF (WeasyPrint).

nbconvert runs in-process (the CLI costs ≈1.6 s of imports per call) with the template in
kit/templates/annual_report, which emits the page the notebook's `report` cell displayed and
nothing else: no code, no stock lab CSS (≈270 KB), no require.js or MathJax from a CDN.
WeasyPrint, not nbconvert's webpdf (US Letter, Type 3 CJK fonts), turns that page into an A4
PDF with embedded, subset Noto CJK fonts.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from kit import paths
from kit.build.execute import Timings
from kit.build.import_speed import skip_unused_iri_grammar
from kit.build.prerequisites import require_pdf
from kit.errors import KitError
from kit.messages import build as say
from kit.yamlio import write_bytes_atomic

TEMPLATES = paths.TEMPLATES
TEMPLATE_NAME = "annual_report"
UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


@functools.cache
def _exporter() -> Any:
    skip_unused_iri_grammar()
    from nbconvert.exporters import TemplateExporter

    # TemplateExporter, not HTMLExporter: the latter re-serialises the page through BeautifulSoup
    # (slower, and it rewrites the markup the renderer made); the page needs no HTML post-processing.
    class ReportExporter(TemplateExporter):
        output_mimetype = "text/html"

    return ReportExporter(template_name=TEMPLATE_NAME, extra_template_basedirs=[str(TEMPLATES)], file_extension=".html")


def notebook_html(nb: Any) -> str:
    """The report page of an executed notebook, through the kit's template."""
    body, _ = _exporter().from_notebook_node(nb)
    if "<html" not in body:
        raise KitError(say.NO_REPORT_PAGE)
    return body


def html_pdf(html: str) -> bytes:
    """A4 PDF of a report page. Refuses first, with the remedy, when fonts or WeasyPrint are missing."""
    require_pdf()
    import weasyprint

    # WeasyPrint logs every CSS property it ignores; the user cannot act on those lines.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return weasyprint.HTML(string=html, base_url=str(TEMPLATES)).write_pdf()


def file_stem(title: str, draft: bool) -> str:
    """A file name a person recognises: the report's title (草稿 marked), without characters file systems refuse."""
    stem = UNSAFE_IN_FILE_NAMES.sub("_", title).strip(" .") or say.UNTITLED
    return say.draft_stem(stem[:120]) if draft else stem[:120]


def write_exports(
    html: str,
    formats: Sequence[str],
    folder: Path,
    stem: str,
    timings: Timings,
    *,
    more: Mapping[str, Callable[[], bytes]] | None = None,
) -> dict[str, Path]:
    """The page as each asked-for format (html, pdf, then `more`: e.g. docx), written as folder/stem.<format>.

    Every file is made before any is written, so a failing PDF leaves the previous set of files
    as it was; each is written under a temporary name and renamed (kit.yamlio.write_bytes_atomic),
    so a crash never leaves half a file. Each format but the page itself is timed as 生成<FORMAT>.
    """
    makers: dict[str, Callable[[], bytes]] = {"html": lambda: html.encode("utf-8"), "pdf": lambda: html_pdf(html), **(more or {})}
    outputs: dict[str, bytes] = {}
    for fmt, make in makers.items():
        if fmt not in formats:
            continue
        if fmt == "html":
            outputs[fmt] = make()
        else:
            with timings.step(say.making(fmt)):
                outputs[fmt] = make()
    written: dict[str, Path] = {}
    for fmt, data in outputs.items():
        path = Path(folder) / f"{stem}.{fmt}"
        write_bytes_atomic(path, data)
        written[fmt] = path
    return written
