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
from typing import Any

from kit import paths
from kit.build.import_speed import skip_unused_iri_grammar
from kit.build.prerequisites import require_pdf
from kit.errors import KitError

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
        raise KitError("报告笔记本没有输出报告页面：标记为 report 的单元格没有 HTML 输出（笔记本是否被改动过？）")
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
    stem = UNSAFE_IN_FILE_NAMES.sub("_", title).strip(" .") or "年度报告"
    return f"{stem[:120]}（草稿）" if draft else stem[:120]
