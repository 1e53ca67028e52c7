"""An executed report notebook -> HTML (the kit's own nbconvert template) -> PDF (WeasyPrint).

nbconvert runs in-process (the CLI costs ≈1.6 s of imports per call) with the template in
kit/templates/annual_report, which emits the page the notebook's `report` cell displayed and
nothing else: no code, no stock lab CSS (≈270 KB), no require.js or MathJax from a CDN.
WeasyPrint, not nbconvert's webpdf (US Letter, Type 3 CJK fonts), turns that page into an A4
PDF with embedded, subset CJK fonts, tagged (PDF/UA structure: headings, tables, figures with
their alt text), with the page's title, author and language as the PDF's metadata.

The page the notebook made carries its charts as data: URIs (WeasyPrint needs nothing else);
the copies for the website move them into PNG files beside the page, linked relatively
(`publishable`), because many CMS editors refuse or strip data: images (87 KB of a 105 KB page
were charts), and `fragment` is that page's body only, for the editor's source view.
"""

from __future__ import annotations

import base64
import functools
import logging
import os
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from html import unescape as html_unescape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from kit import paths
from kit.build.execute import Timings
from kit.build.formats import file_name
from kit.build.import_speed import skip_unused_iri_grammar
from kit.build.prerequisites import require_pdf
from kit.errors import KitError
from kit.messages import build as say
from kit.yamlio import write_bytes_atomic

TEMPLATES = paths.TEMPLATES
TEMPLATE_NAME = "annual_report"
UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
# The kit's own markup (kit.render.html._chart_html, kit.render.summary_page): never a user's text.
EMBEDDED_PNG = re.compile(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"')
CHART_FILE = say.CHART_FILE
ARTICLE = re.compile(r"<article\b.*</article>", re.DOTALL)


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
    return weasyprint.HTML(string=shared_styles(html), base_url=str(TEMPLATES)).write_pdf(pdf_tags=True, font_config=font_config())


_FONT_CONFIGS = threading.local()


def font_config() -> Any:
    """This thread's WeasyPrint FontConfiguration, made once and used for every PDF it renders.

    Why: by default each document gets a FontConfiguration of its own, so every PDF set up a new
    Pango font map and opened, measured and shaped with the same CJK faces (≈20–27 MB .ttc
    files) from scratch. Shared, the faces and Pango's shaping caches stay warm: measured on a
    gov2021 report in a warm process, ≈0.15 CPU-s (≈10 %) less a PDF, the same PDF to the byte
    (tests/test_export.py). The kit's pages declare no @font-face, so nothing accumulates in
    it. One per thread (Pango's objects are not thread-safe) and per process: a process forked
    from one that already rendered (the batch's fork server warms up) makes its own, so no
    font file handle is shared across a fork."""
    from weasyprint.text.fonts import FontConfiguration

    made = getattr(_FONT_CONFIGS, "made", None)
    if made is None or made[0] != os.getpid():
        made = _FONT_CONFIGS.made = (os.getpid(), FontConfiguration())
    return made[1]


# The style="" attributes of the kit's own markup (kit.render.html: tables carry their borders
# inline for CMS editors). Values with quotes, brackets, escapes or !important are left inline.
INLINE_STYLE = re.compile(r' style="([^"<>()\\\'!{}]*)"')
STYLE_KEY = "data-kit-style"


def shared_styles(html: str) -> str:
    """The page with each distinct inline style moved into one rule of its own, for WeasyPrint.

    Why: WeasyPrint parses every style attribute on its own and gives each element that has one
    a computed style of its own; a report's ≈330 attributes (≈200 of them one and the same cell
    style) made a third of the PDF's CPU time. As `[data-kit-style="sN"] { … !important }` the
    declarations are parsed once and elements share their computed styles. An author !important
    declaration outranks every normal one, as an inline style does (the kit's stylesheets have no
    !important), so the cascade gives the same values: measured on a gov2021 report, the same
    PDF to the byte (tests/test_export.py) with 27 % less CPU (1.23 s against 1.68 s at load ≈ 7)."""
    rules: dict[str, str] = {}

    def move(match: re.Match[str]) -> str:
        key = rules.setdefault(match.group(1), f"s{len(rules)}")
        return f' {STYLE_KEY}="{key}"'

    head_end = html.find("</head>")
    if head_end < 0 or STYLE_KEY in html:
        return html
    body = INLINE_STYLE.sub(move, html[head_end:])
    css = "".join(
        f'[{STYLE_KEY}="{key}"]{{{";".join(d.strip() + " !important" for d in html_unescape(value).split(";") if d.strip())}}}'
        for value, key in rules.items()
    )
    return f"{html[:head_end]}<style>{css}</style>{body}"


def publishable(html: str, stem: str) -> tuple[str, dict[str, bytes]]:
    """The page for the website: each embedded chart moved into `<stem>-图N.png`, linked by a
    relative (percent-encoded) address, so the page and its images are uploaded side by side."""
    images: dict[str, bytes] = {}

    def move(match: re.Match[str]) -> str:
        name = CHART_FILE.format(stem=stem, number=len(images) + 1)
        images[name] = base64.b64decode(match.group(1))
        return f'<img src="{quote(name)}"'

    return EMBEDDED_PNG.sub(move, html), images


def fragment(html: str) -> str:
    """The report's body only (its <article>), for a CMS editor's source view: no <head>, no
    <style>; the tables carry their borders inline (kit.render.html)."""
    found = ARTICLE.search(html)
    if found is None:
        raise KitError(say.NO_ARTICLE)
    return found.group(0) + "\n"


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
    web_copies: bool = False,
) -> dict[str, Path]:
    """The page as each asked-for format (html, html-fragment, pdf, then `more`: e.g. docx), written
    as folder/stem.<format> (kit.build.formats.file_name); the result maps each format to its file.

    With `web_copies` (a report: published on a website), the HTML page and fragment link their
    charts as PNG files beside them (`publishable`), listed as ``image:<name>``; the PDF is made
    from the page with the charts embedded. Every file is made before any is written, so a failing
    PDF leaves the previous set of files as it was; each is written under a temporary name and
    renamed (kit.yamlio.write_bytes_atomic), so a crash never leaves half a file. Each format but
    the page itself is timed as 生成<FORMAT>.
    """
    web, images = publishable(html, stem) if web_copies and ("html" in formats or "html-fragment" in formats) else (html, {})
    makers: dict[str, Callable[[], bytes]] = {
        "html": lambda: web.encode("utf-8"),
        "html-fragment": lambda: fragment(web).encode("utf-8"),
        "pdf": lambda: html_pdf(html),
        **(more or {}),
    }
    outputs: dict[str, bytes] = {}
    for fmt, make in makers.items():
        if fmt not in formats:
            continue
        if fmt in ("html", "html-fragment"):
            outputs[fmt] = make()
        else:
            with timings.step(say.making(fmt)):
                outputs[fmt] = make()
    written: dict[str, Path] = {}
    for name, data in images.items():  # before the pages that link them
        write_bytes_atomic(Path(folder) / name, data)
        written[f"image:{name}"] = Path(folder) / name
    for fmt, data in outputs.items():
        path = Path(folder) / file_name(stem, fmt)
        write_bytes_atomic(path, data)
        written[fmt] = path
    return written
