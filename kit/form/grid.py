"""A spec table as the form lays it out: the printed grid, plus a note column, in reading order.

The merged headers come from kit.render.table_layout, the same grid the HTML and Word renderers print
(申请人情况 over seven columns, 自然人 reaching down, 三、本年度办理结果 beside its outcomes), so
the form looks like the paper the clerk copies from. This module adds what only the form needs:
value cells split into typed and computed ones, and one note cell at the end of every data row,
where a refused entry in that row is explained next to the cell.

Pieces come in row-major order and cover every slot of the grid exactly once, so the widget
layer can rely on CSS grid auto-placement: a widget needs only its span, never its position,
and widgets with equal spans share one Layout (hundreds fewer models for the browser to build).
"""

from __future__ import annotations

from dataclasses import dataclass

from kit.render.table_layout import Role, layout
from kit.spec import Table


@dataclass(frozen=True)
class Piece:
    role: str  # block | corner | column | row | input | computed | note
    text: str
    row: int  # 0-based grid row
    column: int  # 0-based grid column
    rowspan: int = 1
    colspan: int = 1
    key: str | None = None  # "table.row.column" for input/computed, "table.row" for a row's note


@dataclass(frozen=True)
class Grid:
    table: Table
    columns: int  # all grid columns, the note column (the last) included
    rows: int
    label_columns: int  # row-label columns at the left (0 when the table prints no row labels)
    pieces: tuple[Piece, ...]

    def inputs(self) -> list[Piece]:
        return [p for p in self.pieces if p.role == "input"]


_ROLES = {Role.CORNER: "corner", Role.BLOCK_LABEL: "block", Role.COLUMN_HEADER: "column", Role.ROW_HEADER: "row"}


def table_grid(table: Table) -> Grid:
    printed = layout(table)
    note = printed.n_cols
    pieces: list[Piece] = []
    block_rows = {c.row for c in printed.cells if c.role is Role.BLOCK_LABEL}
    for cell in printed.cells:
        if cell.role is Role.VALUE:
            assert cell.key is not None
            _, row_id, column_id = cell.key.split(".")
            role = "computed" if (row_id, column_id) in table.computed else "input"
            pieces.append(Piece(role, "", cell.row, cell.col, cell.rowspan, cell.colspan, cell.key))
        else:
            colspan = cell.colspan + (1 if cell.role is Role.BLOCK_LABEL else 0)  # block labels span the note column too
            pieces.append(Piece(_ROLES[cell.role], cell.text, cell.row, cell.col, cell.rowspan, colspan))
    row = 0
    while row < printed.n_rows:
        if row in block_rows:
            row += 1
        elif row in printed.header_row_set:  # one blank note cell beside a whole header
            end = row
            while end + 1 < printed.n_rows and end + 1 in printed.header_row_set and end + 1 not in block_rows:
                end += 1
            pieces.append(Piece("note", "", row, note, rowspan=end - row + 1))
            row = end + 1
        else:
            key = next(p.key for p in pieces if p.row == row and p.key)
            pieces.append(Piece("note", "", row, note, key=key.rsplit(".", 1)[0]))  # type: ignore[union-attr]
            row += 1
    pieces.sort(key=lambda p: (p.row, p.column))
    return Grid(table, printed.n_cols + 1, printed.n_rows, printed.row_header_cols, tuple(pieces))


def paste_range(table: Table, key: str) -> tuple[list[str], list[str]]:
    """From the cell `key` ("table.row.column"): the row ids from its row down and the column ids
    from its column rightwards, within its block — the range a paste starting there can fill.
    Computed cells are in the range (they take a place in the copied spreadsheet too)."""
    _, row_id, column_id = key.split(".")
    block = table.block_of(row_id)
    rows = [r.id for r in block.rows]
    cols = [c.id for c in block.columns]
    return rows[rows.index(row_id) :], cols[cols.index(column_id) :]
