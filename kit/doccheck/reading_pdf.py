"""A text PDF read into paragraphs and grids, in printed order (pdfplumber).

A PDF has no paragraphs and no table cells, only characters at positions and the lines drawn
between them, so both are rebuilt here:

- Ruled tables (the usual shape: every cell framed) come from the drawn lines. Their cells are
  placed on the grid of all cell edges, so a merged cell keeps its text once across and repeats
  down, as in the Word and HTML readers. A table that goes on over the next page (with or
  without its header repeated there) is joined into one grid.
- Tables printed without lines come out as text lines whose cells are separated by wide gaps;
  those gaps become runs of spaces and tables_from_text reads them like a table copied as text.
- Paragraphs are lines joined until a line is indented (a new paragraph) or the line before it
  ends short of the right margin (the last line of a paragraph), also across a page break.
  Page numbers ("— 3 —", "第3页 共8页") are not content.
- Characters printed twice on top of each other (a bold face imitated) count once.

A PDF with no characters at all is a scan: it has no text layer, and nothing is guessed from it.
pdfplumber is imported only when a PDF is read.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kit.doccheck.items import Grid, Item
from kit.doccheck.normalize import squeeze
from kit.doccheck.tables_from_text import find_text_tables
from kit.errors import UnreadableDocument
from kit.messages import reading as msg

_PAGE_NUMBER = re.compile(r"^[\s—\-–·•]*(?:第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|[-—–]?\s*\d{1,3}\s*[-—–]?)[\s—\-–·•]*$")
_ENDS = set("。！？；：!?;:）)」”")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int


@dataclass
class _Table:
    rows: list[list[tuple[float, float, str]]]  # per grid row: (left, right, text) of each cell
    top: float
    bottom: float
    page: int
    x0: float
    x1: float
    cut_top: bool = False  # its first row was cut by the page break above (no frame line on top)
    cut_bottom: bool = False


def read_pdf(path: Path) -> list[Item]:
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError:  # pragma: no cover - pdfplumber is a dependency of the kit
        raise UnreadableDocument(msg.NEEDS_PDFPLUMBER) from None
    try:
        pdf = pdfplumber.open(str(path))
    except PDFPasswordIncorrect:
        raise UnreadableDocument(msg.pdf_encrypted(path.name)) from None
    except (PDFSyntaxError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UnreadableDocument(msg.not_a_pdf(path.name, type(exc).__name__)) from None
    except Exception as exc:  # pdfminer raises many kinds for a damaged file
        if isinstance(exc, OSError):
            raise
        raise UnreadableDocument(msg.not_a_pdf(path.name, type(exc).__name__)) from None
    with pdf:
        try:
            pages = [_read_page(page, n) for n, page in enumerate(pdf.pages)]
        except UnreadableDocument:
            raise
        except Exception as exc:  # a damaged page: say so rather than show a traceback
            if isinstance(exc, OSError):
                raise
            raise UnreadableDocument(msg.not_a_pdf(path.name, type(exc).__name__)) from None
    if not pages or not any(lines or tables for lines, tables in pages):
        raise UnreadableDocument(msg.no_text_layer(path.name, len(pages)))
    return _assemble(pages)


# ---------------------------------------------------------------------------------------------
# one page


def _read_page(page: Any, number: int) -> tuple[list[_Line], list[_Table]]:
    page = page.dedupe_chars()  # bold printed by drawing each character twice
    tables = []
    settings, cut_top, cut_bottom = _cut_frames(page)
    found_tables = page.find_tables(settings)
    for found in found_tables:
        rows = _table_rows(page, found)
        if rows:
            x0, top, x1, bottom = found.bbox
            tables.append(_Table(rows, top, bottom, number, x0, x1, cut_top is not None and abs(top - cut_top) < 2, cut_bottom is not None and abs(bottom - cut_bottom) < 2))
    boxes = [t.bbox for t in found_tables] if tables else []

    def outside(o: dict[str, Any]) -> bool:
        if o.get("object_type") != "char":
            return True
        mx, my = (o["x0"] + o["x1"]) / 2, (o["top"] + o["bottom"]) / 2
        return not any(b[0] <= mx <= b[2] and b[1] <= my <= b[3] for b in boxes)

    text_page = page.filter(outside) if boxes else page
    return _lines(text_page, number), tables


def _lines(page: Any, number: int) -> list[_Line]:
    words = page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"])
    rows: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - w["top"]) <= max(2.0, 0.3 * w["size"]):
            rows[-1].append(w)
        else:
            rows.append([w])
    out = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        size = max(w["size"] for w in row)
        text = row[0]["text"]
        for before, w in itertools.pairwise(row):
            gap = w["x0"] - before["x1"]
            if gap >= 1.2 * size:
                text += "  "  # a wide gap: the next cell of a table laid out without lines
            elif not (_CJK.search(before["text"][-1:]) or _CJK.search(w["text"][:1])):
                text += " "
            text += w["text"]
        line = _Line(text, row[0]["x0"], row[-1]["x1"], min(w["top"] for w in row), max(w["bottom"] for w in row), size, number)
        if _PAGE_NUMBER.match(line.text):
            continue
        out.append(line)
    return out


def _cut_frames(page: Any) -> tuple[dict[str, Any], float | None, float | None]:
    """A row that a page break cuts has its side lines but no line on top (or below): draw the
    missing line where the side lines end, so that its cells are framed cells too."""
    vertical = [e for e in page.edges if e.get("orientation") == "v"]
    horizontal = [e for e in page.edges if e.get("orientation") == "h"]
    if not vertical or not horizontal:
        return {}, None, None
    v_top, v_bottom = min(e["top"] for e in vertical), max(e["bottom"] for e in vertical)
    h_top, h_bottom = min(e["top"] for e in horizontal), max(e["bottom"] for e in horizontal)
    lines: list[float] = []
    cut_top = v_top if v_top < h_top - 2 else None
    cut_bottom = v_bottom if v_bottom > h_bottom + 2 else None
    lines += [y for y in (cut_top, cut_bottom) if y is not None]
    if not lines:
        return {}, None, None
    return {"explicit_horizontal_lines": lines}, cut_top, cut_bottom


def _table_rows(page: Any, table: Any) -> list[list[tuple[float, float, str]]]:
    """Rows of cell texts on the grid of all cell edges: a merged cell once across, repeated down."""
    cells = [c for c in table.cells if c is not None]
    if not cells:
        return []
    xs = _edges([c[0] for c in cells] + [c[2] for c in cells])
    ys = _edges([c[1] for c in cells] + [c[3] for c in cells])

    def index(edges: list[float], value: float) -> int:
        return min(range(len(edges)), key=lambda i: abs(edges[i] - value))

    placed = []
    for c in cells:
        c0, c1 = index(xs, c[0]), index(xs, c[2])
        r0, r1 = index(ys, c[1]), index(ys, c[3])
        if c1 <= c0 or r1 <= r0:
            continue
        text = _inside(page, c).extract_text(x_tolerance=1.5) or ""
        placed.append((r0, r1, c0, c1, _join_lines(text)))
    placed += _unframed(page, table.bbox, cells, xs, ys, placed)
    rows = []
    for r in range(len(ys) - 1):
        row = [(xs[c0], xs[c1], text) for r0, r1, c0, c1, text in sorted(placed, key=lambda p: p[2]) if r0 <= r < r1]
        if row:
            rows.append(row)
    return rows


def _unframed(
    page: Any, bbox: tuple[float, float, float, float], cells: list[Any], xs: list[float], ys: list[float], placed: list[tuple[int, int, int, int, str]]
) -> list[tuple[int, int, int, int, str]]:
    """Text inside the table but in no framed cell: a merged cell that a page break cut, so that
    its lower border is on the next page. It becomes a cell from where the frames above it in its
    column end, down to the next framed cell (or the table's end)."""

    def centre(o: dict[str, Any]) -> tuple[float, float]:
        return (o["x0"] + o["x1"]) / 2, (o["top"] + o["bottom"]) / 2

    loose = []
    for o in page.chars:
        mx, my = centre(o)
        if bbox[0] <= mx <= bbox[2] and bbox[1] <= my <= bbox[3] and o["text"].strip():
            if not any(c[0] <= mx <= c[2] and c[1] <= my <= c[3] for c in cells):
                loose.append(o)
    out: list[tuple[int, int, int, int, str]] = []
    for col in range(len(xs) - 1):
        mine = [o for o in loose if xs[col] <= centre(o)[0] <= xs[col + 1]]
        if not mine:
            continue
        top = min(o["top"] for o in mine)
        r0 = max((i for i, y in enumerate(ys) if y <= top + 0.5), default=0)
        r1 = r0 + 1
        while r1 < len(ys) - 1 and not any(p[0] <= r1 < p[1] and p[2] <= col < p[3] for p in placed):
            r1 += 1
        if r0 >= len(ys) - 1:
            continue
        box = (xs[col], min(ys[r0], top), xs[col + 1], max(o["bottom"] for o in mine))
        out.append((r0, r1, col, col + 1, _join_lines(_inside(page, box).extract_text(x_tolerance=1.5) or "")))
    return out


def _inside(page: Any, box: tuple[float, float, float, float]) -> Any:
    """The characters whose centre lies in the cell: one that pokes over a border stays in its own."""
    x0, top, x1, bottom = box

    def within(o: dict[str, Any]) -> bool:
        if o.get("object_type") != "char":
            return False
        mx, my = (o["x0"] + o["x1"]) / 2, (o["top"] + o["bottom"]) / 2
        return bool(x0 <= mx <= x1 and top <= my <= bottom)

    return page.filter(within)


def _edges(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > 1.5:
            out.append(v)
    return out


def _join_lines(text: str) -> str:
    """A cell's wrapped lines joined: no space between Chinese characters, one between words."""
    pieces = [p.strip() for p in text.splitlines() if p.strip()]
    out = ""
    for p in pieces:
        if out and not (_CJK.search(out[-1]) or _CJK.search(p[0])) and not out.endswith(("/", "-")):
            out += " "
        out += p
    return squeeze(out)


# ---------------------------------------------------------------------------------------------
# pages into items


def _assemble(pages: list[tuple[list[_Line], list[_Table]]]) -> list[Item]:
    """Lines into paragraphs and tables in order; a table continued on the next page joined."""
    stream: list[_Line | _Table] = []
    for lines, tables in pages:
        stream += sorted([*lines, *tables], key=lambda x: x.top)
    body_lines = [x for x in stream if isinstance(x, _Line)]
    left = _mode([round(x.x0) for x in body_lines]) if body_lines else 0.0
    right = max((x.x1 for x in body_lines), default=0.0)
    body = _mode([round(x.size) for x in body_lines]) if body_lines else 10.5
    merged: list[_Line | _Table] = []
    for x in stream:
        last = merged[-1] if merged else None
        if isinstance(x, _Table) and isinstance(last, _Table) and x.page == last.page + 1 and _continues(last, x):
            rest = x.rows[_repeated_header(last.rows, x.rows) :]
            if last.cut_bottom and x.cut_top and rest and last.rows:
                last.rows[-1] = _rejoined(last.rows[-1], rest.pop(0))
            last.rows += rest
            last.cut_bottom = x.cut_bottom
            last.page, last.bottom = x.page, x.bottom
            continue
        merged.append(x)
    numbered: list[tuple[int, str]] = []  # (line number, text) for the text reader's table finder
    items: list[Item] = []
    paragraph: list[_Line] = []

    def flush() -> None:
        if paragraph:
            text = ""
            for line in paragraph:
                if text and not (_CJK.search(text[-1]) or _CJK.search(line.text[0])) and not text.endswith(("/", "-")):
                    text += " "
                text += line.text
            numbered.append((len(numbered) + 1, text))
            paragraph.clear()

    def flush_text() -> None:
        flush()
        if numbered:
            for item in find_text_tables(list(numbered)):
                items.append(_renumber(item, len(items) + 1))
            numbered.clear()

    for x in merged:
        if isinstance(x, _Table):
            flush_text()
            items.append(Grid(_texts(_fill_down(x.rows)), len(items) + 1, origin="pdf"))
            continue
        if paragraph and _starts_paragraph(paragraph[-1], x, left, right, body):
            flush()
        paragraph.append(x)
        if "  " in x.text:  # a row of a table laid out without lines is a line of its own
            flush()
    flush_text()
    return items


def _renumber(item: Item, number: int) -> Item:
    from dataclasses import replace

    return replace(item, number=number, line=None)


def _mode(values: list[int]) -> float:
    counts: dict[int, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return float(max(counts, key=lambda v: (counts[v], -v)))


def _starts_paragraph(before: _Line, line: _Line, left: float, right: float, body: float) -> bool:
    size = line.size or 10.5
    if "  " in line.text:
        return True
    centre = (left + right) / 2
    if line.size > body + 0.6 and abs(before.size - line.size) <= 0.6 and line.page == before.page:
        # a title in a larger size, centred, wrapped over two lines
        if abs((before.x0 + before.x1) / 2 - centre) < size and abs((line.x0 + line.x1) / 2 - centre) < size:
            return False
    if line.x0 > left + 1.2 * size:  # indented: the first line of a paragraph (or centred)
        return True
    short = right - before.x1
    if short > 2.5 * size and before.text[-1:] in _ENDS:  # the last line of a paragraph
        return True
    if short > 8 * size:  # a heading, or a paragraph's last line without its full stop
        return True
    if abs(before.size - line.size) > 0.6:  # a heading in another size
        return True
    if line.page == before.page and line.top - before.bottom > 1.2 * size:  # a blank line between
        return True
    return False


def _continues(first: _Table, second: _Table) -> bool:
    """The table on the next page goes on from the one that ends this page: nothing printed between
    them (the caller sees to that), and the same width on the page (or the header repeated)."""
    same_width = abs(first.x0 - second.x0) < 2 and abs(first.x1 - second.x1) < 2
    return same_width or bool(second.rows and _texts(second.rows[:1])[0] in _texts(first.rows[:4]))


def _texts(rows: list[list[tuple[float, float, str]]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(text for _c0, _c1, text in row) for row in rows)


_FIGURE_LIKE = re.compile(r"^[\d.,\s/—-]*$")


def _fill_down(rows: list[list[tuple[float, float, str]]]) -> list[list[tuple[float, float, str]]]:
    """A row-group label whose merged cell was cut by a page break loses its frame on the next
    page, and with it its cell: the rows under it get the label of the row above back, at the
    columns left of their own first label."""
    out: list[list[tuple[float, float, str]]] = []
    for row in rows:
        first = min((c0 for c0, _c1, text in row if text), default=None)
        if out and first is not None:
            lead = [cell for cell in out[-1] if cell[1] <= first + 1 and cell[2] and not _FIGURE_LIKE.match(cell[2])]
            if lead and not [c for c in row if c[0] < first - 1 and c[2]]:
                row = lead + [c for c in row if c[0] >= first - 1]
        out.append(row)
    return out


def _rejoined(upper: list[tuple[float, float, str]], lower: list[tuple[float, float, str]]) -> list[tuple[float, float, str]]:
    """The two halves of a row cut by a page break, cell by cell (matched by their left edges)."""
    out = []
    for x0, x1, text in upper:
        rest = next((t for a, _b, t in lower if abs(a - x0) < 2), "")
        out.append((x0, x1, _join_lines(text + "\n" + rest) if rest else text))
    return out


def _repeated_header(first: list[list[tuple[float, float, str]]], second: list[list[tuple[float, float, str]]]) -> int:
    """How many rows at the top of the continuation repeat the table's first rows (its header)."""
    a, b = _texts(first), _texts(second)
    k = 0
    while k < len(b) and k < len(a) and a[k] == b[k]:
        k += 1
    return k
