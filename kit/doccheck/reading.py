"""A published report as paragraphs and tables, whatever it was saved as.

Reviewers get reports as Word files, web pages, PDFs, old .doc/WPS attachments, or text copied
out of any of them. All are reduced to one shape — paragraphs and grids of cell texts, in
printed order — so everything after this module (`kit check --document`, `kit import`) reads
one thing, read one way. Merged cells keep their text once across (a block label spanning four
columns is one cell) and repeat down (a row-group label sits beside each of its rows), which is
how a reader sees them.

    .txt                 text lines; tables laid out as text are found by tables_from_text
    .docx                python-docx
    .html/.htm           lxml
    .pdf                 pdfplumber (reading_pdf); a scan without a text layer is refused, never guessed
    .doc/.wps/.rtf/.odt  converted to .docx by LibreOffice headless (reading_office), then as .docx
    http(s)://…          downloaded (fetching), then by its type

The heavy readers (python-docx, pdfplumber, LibreOffice) are loaded only when such a file is
read, so `kit check` on parameter files never pays for them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kit.doccheck.items import Grid, Item, Para, ReadDocument
from kit.doccheck.normalize import squeeze
from kit.doccheck.reading_office import CONVERTED
from kit.doccheck.tables_from_text import find_text_tables
from kit.errors import UnreadableDocument
from kit.messages import doccheck as doccheck_says
from kit.messages import reading as msg

SUFFIXES = (".txt", ".docx", ".html", ".htm", ".pdf", ".doc", ".wps", ".rtf", ".odt")
UNSUPPORTED: dict[str, str] = {}  # file types recognised as reports but not read (none left)
# Word-processor artefacts that are not content (the seed has "[bookmark: _GoBack]").
_ARTEFACTS = re.compile(r"\[bookmark:[^\]]*\]|\[(?:image|picture):[^\]]*\]", re.IGNORECASE)


def read_document(path: Path) -> ReadDocument:
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED:
        raise UnreadableDocument(msg.cannot_read_kind(UNSUPPORTED[suffix], path.name))
    if suffix not in SUFFIXES:
        raise UnreadableDocument(msg.unsupported_type(path.suffix, path.name))
    try:
        if suffix == ".docx":
            items = _read_docx(path)
        elif suffix == ".pdf":
            from kit.doccheck.reading_pdf import read_pdf

            items = read_pdf(path)
        elif suffix in CONVERTED:
            items = _read_converted(path)
        elif suffix in (".html", ".htm"):
            items = _read_html(path)
        else:
            items = _read_text(path)
    except UnreadableDocument:
        raise
    except OSError as exc:
        raise UnreadableDocument(msg.unreadable_file(path, str(exc.strerror or exc))) from None
    return ReadDocument(path, tuple(items))


def decode(data: bytes, declared: str | None = None) -> str:
    """UTF-8 first (with or without BOM), then the declared charset, then GB18030 (GBK's superset)."""
    for encoding in ("utf-8-sig", declared, "gb18030"):
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise UnreadableDocument(msg.UNKNOWN_ENCODING)


def _clean(text: str) -> str:
    return _ARTEFACTS.sub("", text)


# ---------------------------------------------------------------------------------------------
# text


def _read_text(path: Path) -> list[Item]:

    lines = decode(path.read_bytes()).splitlines()
    return find_text_tables([(i + 1, _clean(line)) for i, line in enumerate(lines)])


# ---------------------------------------------------------------------------------------------
# Word


def _read_converted(path: Path) -> list[Item]:
    """A .doc/.wps/.rtf/.odt file: LibreOffice makes a .docx of it, read by the one Word reader."""
    import tempfile

    from kit.doccheck.reading_office import convert

    head = path.read_bytes()[:2048]
    suffix = path.suffix.lower()
    if head.startswith(b"PK") and suffix != ".odt":
        return _read_docx(path)  # a .docx renamed .doc
    if b"<html" in head.lower() or b"<!doctype html" in head.lower():
        return _read_html(path)  # a web page saved as .doc ("Word HTML"), as some CMSs publish
    expected = {".doc": b"\xd0\xcf\x11\xe0", ".wps": b"\xd0\xcf\x11\xe0", ".rtf": b"{\\rtf", ".odt": b"PK"}[suffix]
    if not head.startswith(expected) or (expected.startswith(b"\xd0") and path.stat().st_size < 1536):  # header + two sectors at least
        raise UnreadableDocument(msg.content_not_kind(path.name, CONVERTED[suffix]))
    with tempfile.TemporaryDirectory(prefix="kit-doc-") as folder:
        return _read_docx(convert(path, "docx", Path(folder)))


def _read_docx(path: Path) -> list[Item]:
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
        from docx.oxml.ns import qn
    except ImportError:  # pragma: no cover - python-docx is a dependency of the kit
        raise UnreadableDocument(msg.NEEDS_PYTHON_DOCX) from None
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise UnreadableDocument(doccheck_says.not_a_docx(path.name, str(exc), renamed_doc=True)) from None
    except Exception as exc:  # zipfile.BadZipFile and lxml errors
        raise UnreadableDocument(doccheck_says.not_a_docx(path.name, type(exc).__name__)) from None
    items: list[Item] = []

    def walk(parent: Any) -> None:
        for child in parent.iterchildren():
            if child.tag == qn("w:p"):
                text = _clean("".join(_paragraph_text(child, qn)))
                for piece in text.split("\n"):
                    items.append(Para(squeeze(piece), len(items) + 1))
            elif child.tag == qn("w:tbl"):
                items.append(Grid(_docx_grid(child, qn), len(items) + 1, origin="word"))
            elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
                walk(child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child)

    walk(document.element.body)
    return [i for i in items if not (isinstance(i, Para) and not i.text)]


def _paragraph_text(p: Any, qn: Any) -> list[str]:
    out = []
    for node in p.iter():
        if node.tag == qn("w:t"):
            out.append(node.text or "")
        elif node.tag == qn("w:tab"):
            out.append("\t")
        elif node.tag in (qn("w:br"), qn("w:cr")):
            out.append("\n")
    return out


def _docx_grid(tbl: Any, qn: Any) -> tuple[tuple[str, ...], ...]:
    """Rows of cell texts: a cell spanning columns once, a cell continuing a vertical merge repeats."""
    rows: list[tuple[str, ...]] = []
    above: dict[int, str] = {}  # grid column -> text of the cell there in the previous row
    for tr in tbl.iterchildren(qn("w:tr")):
        cells: list[str] = []
        col = 0
        current: dict[int, str] = {}
        for tc in tr.iterchildren(qn("w:tc")):
            props = tc.find(qn("w:tcPr"))
            span, vmerge = 1, None
            if props is not None:
                gs = props.find(qn("w:gridSpan"))
                if gs is not None:
                    span = int(gs.get(qn("w:val")) or 1)
                vm = props.find(qn("w:vMerge"))
                if vm is not None:
                    vmerge = vm.get(qn("w:val")) or "continue"
            paragraphs = ["".join(_paragraph_text(p, qn)) for p in tc.iterchildren(qn("w:p"))]
            text = squeeze(_clean(" ".join(paragraphs)))
            if vmerge == "continue":
                text = above.get(col, "")
            cells.append(text)
            current[col] = text
            col += span
        above = current
        rows.append(tuple(cells))
    return tuple(rows)


# ---------------------------------------------------------------------------------------------
# HTML


_BLOCKS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "section",
    "article",
    "header",
    "blockquote",
    "pre",
    "center",
    "dt",
    "dd",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "tbody",
    "thead",
}
_SKIP = {"script", "style", "head", "noscript", "template", "nav", "footer", "aside", "form", "select", "button", "iframe", "title"}


def _is_layout(table: Any) -> bool:  # an lxml element
    """A table used to lay out the page (old government sites do), not a table of figures:
    it holds other tables, or whole sentences of prose in its cells."""
    if table.xpath(".//table"):
        return True
    return any(len(text) > 80 and "。" in text for text in (c.text_content() for c in table.xpath(".//td|.//th")))


def _cell_text(cell: Any) -> str:
    for br in cell.xpath(".//br"):
        br.tail = " " + (br.tail or "")
    return " ".join(t for t in cell.itertext())


class _HtmlWalker:
    """The page's text in reading order: paragraphs at block boundaries, data tables as grids."""

    def __init__(self) -> None:
        self.items: list[Item] = []
        self.buffer: list[str] = []

    def flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        for piece in text.split("\n"):
            piece = squeeze(_clean(piece))
            if piece:
                self.items.append(Para(piece, len(self.items) + 1))

    def walk(self, el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP or not tag:
            return
        if tag == "table" and not _is_layout(el):
            self.flush()
            rows = []
            for tr in el.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
                rows.append([(_cell_text(c), _int(c.get("rowspan")), _int(c.get("colspan"))) for c in tr.xpath("./td|./th")])
            self.items.append(Grid(_html_grid(rows), len(self.items) + 1, origin="html"))
            return
        block = tag in _BLOCKS or tag == "br"
        if block:
            self.buffer.append("\n")
        if el.text:
            self.buffer.append(el.text.replace("\n", " ").replace("\r", " "))
        for child in el:
            self.walk(child)
            if child.tail:
                self.buffer.append(child.tail.replace("\n", " ").replace("\r", " "))
        if block:
            self.buffer.append("\n")


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip()), 200))
    except (TypeError, ValueError):
        return 1


def _html_grid(rows: list[list[tuple[str, int, int]]]) -> tuple[tuple[str, ...], ...]:
    """Expand rowspans downwards (the text repeats beside each spanned row); a colspan counts once."""
    pending: dict[int, tuple[str | None, int]] = {}  # column -> (text, or None inside a colspan; rows left)
    out: list[tuple[str, ...]] = []
    for row in rows:
        cells: list[str] = []
        col = 0
        queue = list(row)
        while queue or any(c >= col for c in pending):
            if col in pending:
                text, left = pending[col]
                if text is not None:
                    cells.append(text)
                if left > 1:
                    pending[col] = (text, left - 1)
                else:
                    del pending[col]
                col += 1
                continue
            if not queue:
                col += 1
                continue
            raw, rowspan, colspan = queue.pop(0)
            text = squeeze(_clean(raw))
            cells.append(text)
            if rowspan > 1:
                pending[col] = (text, rowspan - 1)
                for extra in range(1, colspan):
                    pending[col + extra] = (None, rowspan - 1)
            col += colspan
        out.append(tuple(cells))
    return tuple(out)


def _read_html(path: Path) -> list[Item]:
    from lxml import etree
    from lxml import html as lhtml

    data = path.read_bytes()
    head = data[:4096].decode("ascii", errors="ignore")
    m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", head, re.IGNORECASE)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", decode(data, m.group(1) if m else None))
    try:
        root = lhtml.document_fromstring(text or "<html></html>")
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableDocument(msg.not_a_web_page(path.name, str(exc))) from None
    walker = _HtmlWalker()
    body = root.find("body")
    walker.walk(body if body is not None else root)
    walker.flush()
    items = walker.items
    title = squeeze(" ".join(root.xpath("//title//text()")))
    if title and not any(isinstance(i, Para) and "报告" in i.text for i in items[:3]):
        items.insert(0, Para(title.split("-")[0].split("_")[0].strip(), 0))
    return items
