"""Reading a published report's tables into the spec's cells, without guessing.

Rows are recognised by their printed labels (from the spec, compared after label_key, with a
little tolerance for abridged labels such as "（二）部分公开"); the figures after a row's label
fill the block's columns in order. What is printed is kept as printed: 0 is 0, a blank is a
blank and "/" is "/" — the last two become findings and unknown cells, never zeros. A row whose
figure count does not fit the columns is reported and left unread rather than shifted.

Table 三 is published in two shapes: the official seven columns, and eight, with a 小计 column
after the 法人或其他组织 group and a subtotal row for each group of outcomes （三）–（六）. The
eighth column and the subtotal rows are not in the spec; they are read, checked against their
parts, and left out of the report. Which edition the tables were printed in is decided by how
many printed labels each edition's spec recognises exactly (表二 differs most).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from kit.doccheck.normalize import ReadFigure, label_key, read_figure, without_remark
from kit.doccheck.tables_from_text import label_pieces, printed_labels
from kit.doccheck.vocabulary import TableWords, vocabulary
from kit.findings import Finding, RuleId, error, warning
from kit.messages import doccheck as doccheck_says
from kit.spec import Block, Column, Spec, Table
from kit.values import Number, format_figure

Row = tuple[str, ...]


@dataclass
class TableRead:
    """One spec table as read from the printed rows."""

    table: Table
    cells: dict[str, ReadFigure] = field(default_factory=dict)  # "table.row.column" -> as printed
    findings: list[Finding] = field(default_factory=list)
    fit: int = 0  # printed labels this edition recognises exactly
    subtotal_shape: bool = False
    rows_read: int = 0

    @property
    def read(self) -> bool:
        return bool(self.cells)


@dataclass
class TablesRead:
    spec: Spec
    tables: dict[str, TableRead]

    @property
    def fit(self) -> int:
        return sum(t.fit for t in self.tables.values())

    @property
    def any_read(self) -> bool:
        return any(t.read for t in self.tables.values())

    def values(self) -> dict[str, Number | None]:
        """Cells that hold a number; blanks, marks and unreadable text are left out (unknown)."""
        return {k: f.value for t in self.tables.values() for k, f in t.cells.items() if f.is_number}

    def findings(self) -> list[Finding]:
        return [f for t in self.tables.values() for f in t.findings]


# ---------------------------------------------------------------------------------------------
# which table a printed row belongs to


def _table_labels(table: Table) -> set[str]:
    return {label_key(table.title), label_key(table.printed)} | printed_labels(table)


def unique_labels(specs: Sequence[Spec]) -> dict[str, set[str]]:
    """Per table id, the labels that only that table prints (in any of `specs`)."""
    per: dict[str, set[str]] = {}
    for spec in specs:
        for table in spec.tables:
            per.setdefault(table.id, set()).update(_table_labels(table))
    out = {}
    for tid, labels in per.items():
        others = set().union(*(v for k, v in per.items() if k != tid)) if len(per) > 1 else set()
        out[tid] = labels - others
    return out


def assign_rows(grids: Sequence[tuple[Sequence[Row], str | None]], specs: Sequence[Spec]) -> dict[str, list[Row]]:
    """Rows per table id. Each row goes where its labels are unique; rows without telling labels
    (figures only, "总计") follow the row before them, or the table of the section they sit in."""
    unique = unique_labels(specs)
    out: dict[str, list[Row]] = {}
    for rows, default in grids:
        current = default
        for row in rows:
            keys = [label_key(p) for c in row if c for p in label_pieces(c)]
            scores = {tid: sum(1 for k in keys if k in labels) for tid, labels in unique.items()}
            best = max(scores, key=lambda t: scores[t]) if scores else None
            if best is not None and scores[best] > 0:
                current = best
            if current is not None:
                out.setdefault(current, []).append(tuple(row))
    return out


# ---------------------------------------------------------------------------------------------
# reading one table


class _RowIndex:
    """Printed label -> spec row, group or block of one table."""

    def __init__(self, table: Table) -> None:
        self.rows: dict[str, str] = {}
        self.groups: dict[str, tuple[str, list[str], bool]] = {}  # key -> (label, leaf row ids, only leaves)
        self.blocks: dict[str, str] = {}
        for block in table.blocks:
            if block.label:
                self.blocks[label_key(block.label)] = block.id
            for row in block.rows:
                for key in (label_key(row.label), without_remark(label_key(row.label))):
                    self.rows.setdefault(key, row.id)
                for depth, group in enumerate(row.path[:-1]):
                    key = label_key(group)
                    label, members, leaves = self.groups.get(key, (group, [], True))
                    members.append(row.id)
                    self.groups[key] = (label, members, leaves and len(row.path) == depth + 2)
        self.columns = {label_key(x) for b in table.blocks for c in b.columns for x in c.path}
        if table.corner:
            self.columns.add(label_key(table.corner))
        if table.row_header:
            self.columns.add(label_key(table.row_header))
        self._all = list(self.rows) + list(self.groups)
        words = vocabulary().tables
        self.fillers = {label_key(words.subtotal_word), *(label_key(w) for w in words.header_words)}

    def exact(self, key: str) -> bool:
        return key in self.rows or key in self.groups or key in self.blocks or key in self.columns

    def match(self, labels: Sequence[str]) -> tuple[str, str] | None:
        """("row", id) or ("group", key) for a printed row's label cells, most specific first."""
        found = self.match_printed(labels)
        return found[:2] if found is not None else None

    def match_printed(self, labels: Sequence[str]) -> tuple[str, str, str | None] | None:
        """Like `match`, and the label as printed when it deviates from the format's (a misprint or a
        word left out: "行政事业型收费", "二、上年结转政府信息公开数量"), else None."""
        keys = [label_key(p) for c in labels if c for p in label_pieces(c)]
        keys = [k for k in keys if k not in self.fillers]
        if not keys:
            return None
        key = keys[-1]  # the row's own label; the cells before it are the groups it sits in
        printed = next(p for c in reversed(labels) if c for p in reversed(label_pieces(c)) if label_key(p) == key)
        if key in self.rows:
            return "row", self.rows[key], None
        if key in self.groups:
            return "group", key, None
        if len(key) >= 3:
            ends = [c for c in self.rows if len(c) >= 4 and key.endswith(c)]
            if ends:  # "（三）不予公开1.属于国家秘密" printed in one cell
                return "row", self.rows[max(ends, key=len)], None
            starts = [c for c in self._all if len(c) >= 4 and ((c.startswith(key) and len(key) >= 5) or key.startswith(c))]
            if starts:  # an abridged label, or one with a remark added
                cand = max(starts, key=len)
                return ("row", self.rows[cand], None) if cand in self.rows else ("group", cand, None)
            close = difflib.get_close_matches(key, self._all, n=1, cutoff=0.8)
            if close:
                return ("row", self.rows[close[0]], printed) if close[0] in self.rows else ("group", close[0], printed)
        return None


def _figure(text: str, words: TableWords) -> ReadFigure:
    """A cell as a figure; a number typed with its unit ("3件", "43.788万元") is still a number
    (which unit it was typed in is looked at once its column is known, in `_in_unit`)."""
    fig = read_figure(text, words.not_numbers)
    if fig.kind == "text":
        m = words.unit_suffix.match(fig.text.replace(" ", ""))
        if m:
            inner = read_figure(m.group(1), words.not_numbers)
            return ReadFigure(fig.text, inner.kind, inner.value)
    return fig


def _in_unit(column: Column, fig: ReadFigure, place: str) -> tuple[ReadFigure, Finding | None]:
    """A figure typed with a unit other than its column's: "152790元" in a 万元 column is 15.279 万元,
    read so and said, never 152790 万元."""
    m = vocabulary().tables.unit_suffix.match(fig.text.replace(" ", "")) if fig.is_number else None
    if m is None or fig.value is None or m.group(2) == column.unit:
        return fig, None
    if m.group(2) == doccheck_says.UNIT_YUAN and column.unit == doccheck_says.UNIT_WAN_YUAN:
        exact = Decimal(fig.value) / 10000
        value: Number = int(exact) if exact == exact.to_integral_value() else exact.normalize()
        what = doccheck_says.yuan_in_wan_yuan_column(" ".join(column.path[-1:]), fig.text, format_figure(value))
        return ReadFigure(fig.text, "number", value), warning(RuleId.TABLE_UNIT, what, printed=place)
    return fig, None


def _split(row: Row, words: TableWords) -> tuple[list[str], list[ReadFigure]]:
    """(label cells, figure cells): labels run up to the last cell that is not a figure."""
    figs = [_figure(c, words) for c in row]
    last_label = -1
    for i, f in enumerate(figs):
        if f.kind == "text":
            last_label = i
    labels = [c for c in row[: last_label + 1] if c]
    values = figs[last_label + 1 :]
    return labels, values


def _subtotal_group(block: Block) -> tuple[str, list[Column]] | None:
    """The column group a published 小计 column sums (法人或其他组织): the deepest group of 2+ columns."""
    groups: dict[tuple[str, ...], list[Column]] = {}
    for c in block.columns:
        if len(c.path) >= 3:
            groups.setdefault(c.path[:-1], []).append(c)
    best = max(groups.items(), key=lambda kv: (len(kv[0]), len(kv[1])), default=None)
    if best is None or len(best[1]) < 2:
        return None
    return best[0][-1], best[1]


def read_table(table: Table, rows: Sequence[Row], words: TableWords | None = None) -> TableRead:
    words = words or vocabulary().tables
    if not table.row_labels:
        return _read_unlabelled(table, rows, words)
    out = TableRead(table)
    index = _RowIndex(table)
    sub_key = label_key(words.subtotal_word)
    parsed = [(row, *_split(row, words)) for row in rows]
    for _row, labels, values in parsed:
        if not any(v.kind in ("number", "mark") for v in values):
            for c in labels:
                for piece in label_pieces(c):
                    key = label_key(piece)
                    if index.exact(key):
                        out.fit += 1
                    if sub_key and sub_key in key:
                        out.subtotal_shape = True
    out.findings += _header_deviations(table, index, parsed)
    subtotal_rows: dict[str, list[ReadFigure]] = {}
    seen: set[str] = set()
    for _row, labels, values in parsed:
        blank_row = bool(values) and all(v.kind == "blank" for v in values)
        if not any(v.kind in ("number", "mark") for v in values) and not blank_row:
            continue
        found = index.match_printed(labels)
        if found is None or (blank_row and found[0] != "row"):
            if labels and not blank_row:
                out.findings.append(
                    error(RuleId.TABLE_ROW, doccheck_says.row_not_recognised(' '.join(labels), _show(values)), printed=table.printed)
                )
            continue
        kind, ident, misprinted = found
        if misprinted is not None:
            expected = table.row(ident).label if kind == "row" else index.groups[ident][0]
            out.findings.append(
                warning(RuleId.TABLE_LABEL, doccheck_says.row_label_deviates(misprinted, expected), printed=table.printed)
            )
        out.fit += sum(1 for c in labels for p in label_pieces(c) if index.exact(label_key(p)))
        if kind == "group":
            subtotal_rows[ident] = values
            continue
        block = table.block_of(ident)
        place = table.row_printed(ident)
        if ident in seen:
            out.findings.append(error(RuleId.TABLE_ROW, doccheck_says.row_twice(_show(values)), printed=place))
            continue
        seen.add(ident)
        fitted = _fit(block, values, out)
        if fitted is None:
            out.findings.append(
                error(
                    RuleId.TABLE_ROW,
                    doccheck_says.row_not_fitted(len(block.columns), len(values), _show(values)),
                    printed=place,
                )
            )
            continue
        columns, subtotal = fitted
        out.rows_read += 1
        for i, (column, fig) in enumerate(zip(block.columns, columns, strict=True)):
            fig, said = _in_unit(column, fig, place)
            columns[i] = fig
            if said is not None:
                out.findings.append(said)
            out.cells[f"{table.id}.{ident}.{column.id}"] = fig
        if subtotal is not None:
            out.findings += _check_subtotal_column(table, block, ident, columns, subtotal, words, place)
        bad = [(c, f) for c, f in zip(block.columns, columns, strict=True) if not f.is_number]
        if bad:
            what = "、".join(doccheck_says.cell_printed(" ".join(c.path[-1:]), f.printed) for c, f in bad)
            allmarks = len(bad) == len(block.columns)
            out.findings.append(
                error(
                    RuleId.TABLE_CELL,
                    (doccheck_says.row_without_figures(what) if allmarks else what)
                    + doccheck_says.FILL_EVERY_CELL,
                    printed=place,
                )
            )
    out.findings += _check_subtotal_rows(table, index, subtotal_rows, out, words)
    for block in table.blocks:
        for row in block.rows:
            if row.id not in seen and not all(f"{table.id}.{row.id}.{c.id}" in out.cells for c in block.columns):
                place = table.row_printed(row.id)
                if out.rows_read:
                    out.findings.append(error(RuleId.TABLE_ROW, doccheck_says.ROW_MISSING, printed=place))
    return out


def _header_deviations(table: Table, index: _RowIndex, parsed: Sequence[tuple[Row, list[str], list[ReadFigure]]]) -> list[Finding]:
    """Column headers printed otherwise than the format prints them (表二: "本年新" for 本年新制作数量,
    "本年处理绝对数量", a header repeated in the next column). A header row follows its block's label
    (第二十条第（一）项) and starts with the row header (信息内容); its cells are compared with the
    block's columns in order. Two cells that together make a label ("本年新" "制作数量", a header
    broken over two lines by a copy) are one header. The table is still read by its row labels."""
    if not table.row_header:
        return []
    head_key = label_key(table.row_header)
    out: list[Finding] = []
    block: Block | None = None
    for _row, labels, _values in parsed:
        keys = [label_key(c) for c in labels]
        for i, key in enumerate(keys):
            if key in index.blocks:
                block = next(b for b in table.blocks if b.id == index.blocks[key])
            if key != head_key or block is None:
                continue
            header = [c for c, k in zip(labels[i + 1 :], keys[i + 1 :], strict=True) if k and k not in index.rows and k not in index.blocks]
            out += _compare_header(table, block, header)
    return out


def _compare_header(table: Table, block: Block, printed: list[str]) -> list[Finding]:
    out: list[Finding] = []
    p = 0
    for position, column in enumerate(block.columns, 1):
        if p >= len(printed):
            break
        want = column.path[-1]
        key, wkey = label_key(printed[p]), label_key(want)
        if key in (wkey, without_remark(wkey)) or without_remark(key) == wkey:
            p += 1
            continue
        if p + 1 < len(printed) and label_key(printed[p] + printed[p + 1]) == wkey:
            p += 2
            continue
        similar = wkey.startswith(key) or difflib.SequenceMatcher(None, key, wkey).ratio() >= 0.6
        if similar:
            where = f"{table.printed} › {block.label}" if block.label else table.printed
            out.append(warning(RuleId.TABLE_LABEL, doccheck_says.header_deviates(position, printed[p], want), printed=where))
        p += 1
    return out


def _show(values: Sequence[ReadFigure]) -> str:
    return "、".join(v.text if v.kind != "blank" else doccheck_says.BLANK for v in values) or doccheck_says.NO_FIGURES


def _fit(block: Block, values: list[ReadFigure], out: TableRead) -> tuple[list[ReadFigure], ReadFigure | None] | None:
    """The row's figures per column, and the 小计 figure of an eight-column table 三."""
    n = len(block.columns)
    values = list(values)
    group = _subtotal_group(block)
    while len(values) > n and values[-1].kind == "blank":
        values.pop()  # empty cells after a figure spanning several columns, a web copy's trailing "||"
    while len(values) > n + (1 if group else 0) and values[0].kind == "blank":
        values.pop(0)  # an empty cell under a label spanning two columns
    if len(values) == n:
        return values, None
    if group and len(values) == n + 1:
        out.subtotal_shape = True
        after = block.columns.index(group[1][-1]) + 1
        return values[:after] + values[after + 1 :], values[after]
    return None


def _check_subtotal_column(
    table: Table, block: Block, row_id: str, columns: list[ReadFigure], subtotal: ReadFigure, words: TableWords, place: str
) -> list[Finding]:
    group = _subtotal_group(block)
    if group is None:
        return []
    label, members = group
    by_id = {c.id: f for c, f in zip(block.columns, columns, strict=True)}
    parts = [by_id[c.id] for c in members]
    what = f"“{label}{words.subtotal_word}”"
    if not subtotal.is_number:
        return [error(RuleId.TABLE_SUBTOTAL, doccheck_says.subtotal_not_a_number(what, subtotal.printed), printed=place)]
    if not all(p.is_number for p in parts):
        return []
    expected = sum(p.value for p in parts)  # type: ignore[misc]
    if expected == subtotal.value:
        return []
    names = "、".join(c.label for c in members)
    return [error(RuleId.TABLE_SUBTOTAL, doccheck_says.subtotal_differs(what, format_figure(expected), names, format_figure(subtotal.value)), printed=place)]


def _check_subtotal_rows(table: Table, index: _RowIndex, subtotals: dict[str, list[ReadFigure]], out: TableRead, words: TableWords) -> list[Finding]:
    findings: list[Finding] = []
    for key, values in subtotals.items():
        label, members, leaves = index.groups[key]
        if not leaves:
            continue  # a group of groups (三、本年度办理结果): its figures, if any, are not checked here
        block = table.block_of(members[0])
        n = len(block.columns)
        group = _subtotal_group(block)
        if len(values) == n + 1 and group:
            after = block.columns.index(group[1][-1]) + 1
            values = values[:after] + values[after + 1 :]
        place = doccheck_says.subtotal_row(table.printed, label, words.subtotal_word)
        if len(values) != n:
            findings.append(error(RuleId.TABLE_SUBTOTAL, doccheck_says.figures_counted(n, len(values), _show(values)), printed=place))
            continue
        out.subtotal_shape = True
        for column, fig in zip(block.columns, values, strict=True):
            parts = [out.cells.get(f"{table.id}.{m}.{column.id}") for m in members]
            if not fig.is_number or any(p is None or not p.is_number for p in parts):
                continue
            expected = sum(p.value for p in parts)  # type: ignore[union-attr,misc]
            if expected != fig.value:
                findings.append(
                    error(
                        RuleId.TABLE_SUBTOTAL,
                        doccheck_says.subtotal_row_differs(" ".join(column.path[-1:]), words.subtotal_word, format_figure(expected), len(members), format_figure(fig.value)),
                        printed=place,
                    )
                )
    return findings


def _read_unlabelled(table: Table, rows: Sequence[Row], words: TableWords) -> TableRead:
    """A table without row labels (四): one row of figures under a multi-row header."""
    out = TableRead(table)
    index = _RowIndex(table)
    block = table.blocks[0]
    values: list[ReadFigure] = []
    for row in rows:
        labels, figs = _split(row, words)
        out.fit += sum(1 for c in labels for p in label_pieces(c) if label_key(p) in index.columns)
        if any(f.kind in ("number", "mark") for f in figs):
            values += figs
    if not values:
        return out
    n = len(block.columns)
    place = table.printed
    if len(values) != n:
        out.findings.append(error(RuleId.TABLE_ROW, doccheck_says.table_not_fitted(n, len(values), _show(values)), printed=place))
        return out
    out.rows_read = 1
    only = block.rows[0]
    for column, fig in zip(block.columns, values, strict=True):
        out.cells[f"{table.id}.{only.id}.{column.id}"] = fig
    bad = [(c, f) for c, f in zip(block.columns, values, strict=True) if not f.is_number]
    if bad:
        what = "、".join(doccheck_says.cell_printed(" ".join(c.path[-2:]), f.printed) for c, f in bad)
        out.findings.append(error(RuleId.TABLE_CELL, what + doccheck_says.FILL_EVERY_CELL, printed=place))
    return out


def read_tables(rows_by_table: dict[str, list[Row]], spec: Spec) -> TablesRead:
    words = vocabulary().tables
    return TablesRead(spec, {t.id: read_table(t, rows_by_table.get(t.id, []), words) for t in spec.tables})
