"""Tables laid out as text lines, turned back into grids.

A report copied out of a web page or a PDF keeps its tables as text, in three common shapes:

    cells separated by tabs, by "|" (or box-drawing lines), or by runs of spaces, one row a line;
    one cell a line (what a browser's copy of an HTML table gives), row label then its figures;
    a row label on one line and its figures on the next.

A line belongs to a table when it is made of known table labels (read from the specs, never
written here) and figures. Rows are rebuilt by starting a new row at each label that follows a
figure. Tabs keep empty cells (a blank stays blank); runs of spaces cannot show an empty cell,
so a row with too few figures is reported later, not padded with zeros.
"""

from __future__ import annotations

import functools
import re

from kit.doccheck.items import Grid, Item, Para
from kit.doccheck.normalize import label_key, read_figure, without_remark
from kit.doccheck.vocabulary import vocabulary
from kit.spec import Table

_RULE = re.compile(r"^[\s|│┃┆┊+\-=—─━┼┽┾┿╋├┤┬┴┌┐└┘╔╗╚╝═║:：]+$")
_BARS = re.compile(r"[|│┃]")
_SPLIT_SPACES = re.compile(r"(?:\s{2,}|\u3000+)")


def printed_labels(table: Table) -> set[str]:
    """The label keys a table prints inside it: corner, row header, block, column and row labels."""
    out: set[str] = set()
    for text in (table.corner, table.row_header):
        if text:
            out.add(label_key(text))
    for block in table.blocks:
        if block.label:
            out.add(label_key(block.label))
        for column in block.columns:
            out.update(label_key(x) for x in column.path)
        for row in block.rows:
            out.update(label_key(x) for x in row.path)
            out.update(without_remark(label_key(x)) for x in row.path)
    return out


@functools.cache
def known_labels() -> frozenset[str]:
    """Every label printed in any edition's tables, as label keys, plus the usual header words."""
    from kit.spec import EDITIONS, load_spec

    out: set[str] = set()
    for edition in EDITIONS:
        for table in load_spec(edition).tables:
            out |= printed_labels(table)
    words = vocabulary().tables
    out.update(label_key(w) for w in words.header_words)
    out.add(label_key(words.subtotal_word))
    return frozenset(x for x in out if x)


def _known(piece: str) -> bool:
    key = label_key(piece)
    return bool(key) and (key in known_labels() or without_remark(key) in known_labels())


def label_pieces(cell: str) -> list[str]:
    """A cell holding several labels ("三、本年度办理结果 （一）予以公开", a header path) as its labels."""
    pieces = cell.split()
    if len(pieces) > 1 and all(_known(p) for p in pieces):
        return pieces
    return [cell]


def is_label(cell: str) -> bool:
    return _known(cell) or len(label_pieces(cell)) > 1


def _cells(line: str) -> tuple[list[str], bool]:
    """The cells of a line, and whether they were separated by tabs or bars (empty cells kept:
    two tabs in a row are an empty cell, which must stay a blank, not vanish)."""
    text = line.strip(" \u3000\r\n")
    if "\t" in text:
        return [c.strip() for c in text.split("\t")], True
    if _BARS.search(text):
        return [c.strip() for c in _BARS.split(text.strip().strip("|│┃"))], True
    return [c.strip() for c in _SPLIT_SPACES.split(text.strip()) if c.strip()], False


def _kind(cells: list[str], strong: bool) -> str:
    """row | cell | rule | text, for one line."""
    words = vocabulary().tables.not_numbers
    figures = [c for c in cells if read_figure(c, words).kind in ("number", "mark")]
    labels = [c for c in cells if is_label(c)]
    if len(cells) >= 2:
        others = [c for c in cells if c and c not in figures and c not in labels]
        if figures and not others and (labels or len(figures) >= 2 or strong):
            return "row"
        if len(labels) >= 2 and not others:
            return "row"  # a header row: known labels only
        if figures and labels and len(others) <= 1 and len(figures) + len(labels) >= 3:
            return "row"
        return "text"
    if len(cells) == 1 and (figures or labels):
        return "cell"
    return "text"


def find_text_tables(lines: list[tuple[int, str]]) -> list[Item]:
    """Paragraphs and grids from numbered text lines, in order."""
    items: list[Item] = []
    kinds: list[tuple[str, int, str, list[str], bool]] = []  # (kind, line number, text, cells, tab/bar separated)
    for number, text in lines:
        if not text.strip():
            kinds.append(("blank", number, text, [], False))
            continue
        if _RULE.match(text) and len(text.strip()) >= 3:
            kinds.append(("rule", number, text, [], False))
            continue
        cells, strong = _cells(text)
        kinds.append((_kind(cells, strong), number, text, cells, strong))
    i = 0
    while i < len(kinds):
        kind = kinds[i][0]
        if kind in ("row", "cell", "rule"):
            j = i
            while j < len(kinds) and kinds[j][0] in ("row", "cell", "rule", "blank"):
                j += 1
            while j > i and kinds[j - 1][0] == "blank":
                j -= 1
            run = kinds[i:j]
            if _is_table(run):
                items.append(Grid(_rows(run), len(items) + 1, line=run[0][1], origin="text"))
                i = j
                continue
        if kind != "blank" and kind != "rule":
            items.append(Para(kinds[i][2].strip(), len(items) + 1, line=kinds[i][1]))
        i += 1
    return items


def _is_table(run: list[tuple[str, int, str, list[str], bool]]) -> bool:
    words = vocabulary().tables.not_numbers
    figures = sum(1 for k in run for c in (k[3] if k[0] != "cell" else k[3][:1]) if read_figure(c, words).kind in ("number", "mark"))
    labels = sum(1 for k in run for c in k[3] if is_label(c))
    return figures >= 3 and labels >= 1


def _rows(run: list[tuple[str, int, str, list[str], bool]]) -> tuple[tuple[str, ...], ...]:
    words = vocabulary().tables.not_numbers
    rows: list[tuple[str, ...]] = []
    current: list[str] = []

    def has_figures(cells: list[str]) -> bool:
        return any(read_figure(c, words).is_figure and c != "" and not is_label(c) for c in cells)

    def flush() -> None:
        nonlocal current
        if current:
            rows.append(tuple(current))
        current = []

    for kind, _number, _text, cells, _strong in run:
        if kind in ("blank", "rule"):
            continue
        all_figures = all(read_figure(c, words).is_figure for c in cells)
        if kind == "row":
            if all_figures and current and not has_figures(current):
                current += cells  # a label on one line, its figures on the next
                flush()
            else:
                flush()
                rows.append(tuple(cells))
            continue
        cell = cells[0]
        if is_label(cell) and has_figures(current):
            flush()
        current.append(cell)
    flush()
    return tuple(rows)
