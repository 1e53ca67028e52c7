"""Imported by the batch's fork server (kit.batch.local) before it forks the worker processes.

Importing this module does work on purpose: it imports, once, everything a worker needs to
build a report (papermill, nbclient, nbconvert, WeasyPrint, the kit's build modules), and pays
the first-use costs once — nbconvert compiling the kit's template, WeasyPrint loading fontconfig
and the CJK fonts, the PDF prerequisites check — so each worker forked afterwards starts warm
instead of spending ≈1.5 CPU-seconds on its first report (measured). nbformat's unused IRI
grammar is skipped first (kit.build.import_speed), as `kit build` does. Nothing else imports this
module (Dask workers may: `dask worker --preload kit.batch.preload`).
"""

from __future__ import annotations

import contextlib
import gc

from kit.build.import_speed import skip_unused_iri_grammar

skip_unused_iri_grammar()

import jupyter_client.manager  # noqa: E402, F401
import nbclient  # noqa: E402, F401
import nbconvert.exporters  # noqa: E402, F401
import nbformat  # noqa: E402
import papermill  # noqa: E402
import papermill.engines  # noqa: E402, F401
import weasyprint  # noqa: E402, F401

import kit.batch.forked_kernels  # noqa: E402
import kit.batch.worker  # noqa: E402
import kit.build.execute  # noqa: E402
import kit.build.export  # noqa: E402
import kit.build.report  # noqa: E402

WARM_UP_PAGE = (
    '<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">'
    '<style>body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif } h1 { font-family: "Noto Sans CJK SC", sans-serif }</style>'
    "</head><body><h1>政府信息公开工作年度报告</h1><p>预热：<b>2025</b>年</p>"
    "<table><tr><th>项目</th><td>1</td></tr></table></body></html>"
)


def warm_up() -> None:
    """Build the exporter and render one tiny page to PDF (results dropped: only the caches count)."""
    cell = nbformat.v4.new_code_cell(source="", metadata={"tags": ["report"]})
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": WARM_UP_PAGE, "text/plain": ""})]
    html = kit.build.export.notebook_html(nbformat.v4.new_notebook(cells=[cell]))
    kit.build.export.html_pdf(html)


with contextlib.suppress(Exception):  # a machine that cannot render fails on the first real report, with the remedy
    warm_up()

# Workers are forked from here: what exists now is left out of their garbage collections.
gc.collect()
gc.freeze()
