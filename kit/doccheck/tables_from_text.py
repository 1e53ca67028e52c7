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
_ONLY_BARS = re.compile(r"^[\s|│┃]+$")  # "| ||": an empty cell and a merged cell's leftovers, not a rule
_SPLIT_SPACES = re.compile(r"(?:\s{2,}|\u3000+)")
def _figure_like(cell: str, words: frozenset[str]) -> bool:
    """A figure, or a number typed with its unit ("3件", "152790元"; table_reading reads the unit
    against its column's)."""
    return read_figure(cell, words).kind in ("number", "mark") or bool(vocabulary().tables.unit_suffix.match(cell.replace(" ", "")))


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


_SENTENCE = re.compile(r"[。，；！？,;!?]")


def short_text(cell: str) -> bool:
    """A cell that may be an unknown header word or a misprinted label ("本年新", "本年处理绝对数量",
    "制作数量"), not a sentence: short, no sentence punctuation, not numbered like a heading."""
    text = cell.strip()
    return 0 < len(text) <= 16 and not _SENTENCE.search(text) and not vocabulary().tables.heading.match(text)


def _kind(cells: list[str], strong: bool) -> str:
    """row | cell | rule | text, for one line."""
    words = vocabulary().tables.not_numbers
    figures = [c for c in cells if _figure_like(c, words)]
    labels = [c for c in cells if is_label(c)]
    if len(cells) >= 2:
        others = [c for c in cells if c and c not in figures and c not in labels]
        if figures and not others and (labels or len(figures) >= 2 or strong):
            return "row"
        if len(labels) >= 2 and not others:
            return "row"  # a header row: known labels only
        if figures and labels and len(others) <= 1 and len(figures) + len(labels) >= 3:
            return "row"
        if strong and (figures or labels) and all(short_text(c) for c in others):
            return "row"  # tabs or bars: an unknown header word or a misprinted label stays in its table
        return "text"
    if len(cells) == 1 and (figures or labels):
        return "cell"
    if len(cells) == 1 and strong and not cells[0]:
        return "cell"  # a lone "|" in a copy with one cell a line: an empty cell, kept blank
    return "text"


def find_text_tables(lines: list[tuple[int, str]]) -> list[Item]:
    """Paragraphs and grids from numbered text lines, in order."""
    items: list[Item] = []
    kinds: list[tuple[str, int, str, list[str], bool]] = []  # (kind, line number, text, cells, tab/bar separated)
    for number, text in lines:
        if not text.strip():
            kinds.append(("blank", number, text, [], False))
            continue
        if _RULE.match(text) and len(text.strip()) >= 3 and not _ONLY_BARS.match(text):
            kinds.append(("rule", number, text, [], False))
            continue
        cells, strong = _cells(text)
        kinds.append((_kind(cells, strong), number, text, cells, strong))
    kinds = _short_cells_inside(_bar_separators(kinds))
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


def _bar_separators(kinds: list[tuple[str, int, str, list[str], bool]]) -> list[tuple[str, int, str, list[str], bool]]:
    """A copy with one cell a line and "|" on a line of its own after every cell: there the bars are
    separators, not empty cells (no content line carries a bar). Two bars in a row still hold one
    empty cell between them, which stays a blank."""
    lone = [k for k in kinds if k[0] == "cell" and k[4] and not k[3][0]]
    if not lone or any(k[4] and k[2].strip() not in ("|", "│", "┃") and _BARS.search(k[2]) and k[0] in ("cell", "row") for k in kinds):
        return kinds
    out: list[tuple[str, int, str, list[str], bool]] = []
    previous_bar = False
    for k in kinds:
        is_bar = k[0] == "cell" and k[4] and not k[3][0]
        if is_bar and not previous_bar:
            out.append(("blank", k[1], k[2], [], False))
        else:
            out.append(k)
        previous_bar = is_bar if k[0] != "blank" else previous_bar
    return out


def _short_cells_inside(kinds: list[tuple[str, int, str, list[str], bool]]) -> list[tuple[str, int, str, list[str], bool]]:
    """A short line that is neither a known label nor a figure, between table lines ("本年新" then
    "制作数量": a header broken over two lines, a misprinted label) is a cell of that table: it must
    not cut the table in two, and the header check reports it."""
    out = list(kinds)
    tableish = ("row", "cell")

    def neighbour(i: int, step: int) -> str:
        j = i + step
        while 0 <= j < len(kinds) and kinds[j][0] == "blank":
            j += step
        return kinds[j][0] if 0 <= j < len(kinds) else ""

    for i, (kind, number, text, cells, strong) in enumerate(kinds):
        if kind == "text" and len(cells) == 1 and short_text(cells[0]) and neighbour(i, -1) in tableish and neighbour(i, 1) in tableish:
            out[i] = ("cell", number, text, cells, strong)
    return out


def _is_table(run: list[tuple[str, int, str, list[str], bool]]) -> bool:
    words = vocabulary().tables.not_numbers
    figures = sum(
        1 for k in run for c in (k[3] if k[0] != "cell" else k[3][:1]) if _figure_like(c, words) or (k[0] == "cell" and k[4] and not c)
    )
    labels = sum(1 for k in run for c in k[3] if is_label(c))
    return figures >= 3 and labels >= 1


def _rows(run: list[tuple[str, int, str, list[str], bool]]) -> tuple[tuple[str, ...], ...]:
    words = vocabulary().tables.not_numbers
    rows: list[tuple[str, ...]] = []
    current: list[str] = []

    def has_figures(cells: list[str]) -> bool:
        """Figures, or empty cells kept from lone bars (a row of blanks is still a row)."""
        return any((read_figure(c, words).is_figure or _figure_like(c, words)) and not is_label(c) for c in cells)

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
