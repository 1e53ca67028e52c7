"""Where each label and value of a spec table sits on a printed grid, and which cells merge.

A printed table of the official format has a multi-row header: equal adjacent prefixes of
Column.path share one cell across (申请人情况 over seven columns), a column whose path is
shorter than the header is deep reaches down to the last header row (自然人, 总计), and row
paths do the same sideways (三、本年度办理结果 runs down beside its outcomes; 一、本年新收… fills
every row-label column). Table 二 stacks several blocks, each with a full-width label row
(第二十条第（一）项) and its own header; a block narrower than the widest one stretches its
last column to the table's width, as the official template prints it.

Two views of the same computation: `column_header_rows` / `row_header_cells` give the label
spans of one axis (the HTML renderer walks them), `layout` places every label and value of a
table on one merged grid (the Word renderer and the form use it). Computed here, once, from
the spec alone, so every renderer merges the same way and none names a label. Pure: no I/O,
no rendering library.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kit.messages import render as render_says
from kit.spec import Block, Column, Table

Path = tuple[str, ...]


@dataclass(frozen=True)
class Span:
    """One label cell of a header, along one axis.

    For column headers `first`/`breadth` count columns and `depth` counts header rows; for row
    headers `first`/`breadth` count rows and `depth` counts row-label columns. A leaf (the
    column's or row's own label) reaches down (or across) to the last level.
    """

    label: str
    level: int
    first: int
    breadth: int
    depth: int
    leaf: bool


def spans(paths: Sequence[Path], levels: int | None = None) -> list[Span]:
    """Every label span of a header of `levels` levels (default: the longest path), level by level.

    At each level, neighbours whose paths agree up to that level share one cell; a path that
    ends at that level is a leaf, and its cell reaches to the last level. A leaf never merges
    with a neighbour that goes on deeper, even if their labels are equal.
    """
    levels = max(len(p) for p in paths) if levels is None else levels
    out = []
    for level in range(levels):
        i = 0
        while i < len(paths):
            path = paths[i]
            if len(path) <= level:
                i += 1  # covered by this path's leaf cell from a level above
                continue
            leaf = len(path) == level + 1
            j = i + 1
            while j < len(paths) and len(paths[j]) > level and paths[j][: level + 1] == path[: level + 1] and (len(paths[j]) == level + 1) == leaf:
                j += 1
            out.append(Span(path[level], level, i, j - i, levels - level if leaf else 1, leaf))
            i = j
    return out


def column_header_rows(paths: Sequence[Path]) -> list[list[Span]]:
    """The header rows of a block, top down: in each, the spans that start on that row."""
    rows: list[list[Span]] = [[] for _ in range(max(len(p) for p in paths))]
    for span in spans(paths):
        rows[span.level].append(span)
    return rows


def row_header_cells(paths: Sequence[Path]) -> list[list[Span]]:
    """For each body row, the row-label spans that start on it, outermost first."""
    rows: list[list[Span]] = [[] for _ in paths]
    for span in spans(paths):
        rows[span.first].append(span)
    return rows


class Role(enum.StrEnum):
    CORNER = "corner"  # top-left of a header: the table's corner note or its row-header title
    BLOCK_LABEL = "block_label"  # a full-width row naming a block (第二十条第（一）项)
    COLUMN_HEADER = "column_header"
    ROW_HEADER = "row_header"
    VALUE = "value"


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    role: Role
    text: str = ""
    key: str | None = None  # for VALUE cells: "table.row.column", the key of Document values


@dataclass(frozen=True)
class Grid:
    """A table as merged cells on an n_rows × n_cols grid."""

    n_rows: int
    n_cols: int
    row_header_cols: int  # leading columns that hold row labels (0 when row_labels is false)
    header_rows: int  # leading rows a page break should repeat (0 when blocks have own headers)
    header_row_set: frozenset[int]  # every row that is a label or header row, in any block
    cells: tuple[GridCell, ...]


def layout(table: Table) -> Grid:
    """The merged grid of `table`, blocks stacked top to bottom in spec order."""
    row_cols = max(b.row_depth for b in table.blocks) if table.row_labels else 0
    width = max(len(b.columns) for b in table.blocks)
    cells: list[GridCell] = []
    header_rows: set[int] = set()
    top = 0
    for block in table.blocks:
        cells += _block(table, block, top, row_cols, width)
        depth = block.header_depth + (1 if block.label else 0)
        header_rows.update(range(top, top + depth))
        top += depth + len(block.rows)
    first = table.blocks[0]
    repeat = first.header_depth + (1 if first.label else 0) if len(table.blocks) == 1 else 0
    return Grid(top, row_cols + width, row_cols, repeat, frozenset(header_rows), tuple(cells))


def _block(table: Table, block: Block, top: int, row_cols: int, width: int) -> Iterator[GridCell]:
    n = len(block.columns)

    def across(first: int, breadth: int) -> int:
        """A narrower block's last column stretches to the table's width."""
        return breadth + (width - n if first + breadth == n else 0)

    if block.label:
        yield GridCell(top, 0, 1, row_cols + width, Role.BLOCK_LABEL, block.label)
        top += 1
    depth = block.header_depth
    if row_cols:
        yield GridCell(top, 0, depth, row_cols, Role.CORNER, table.corner or table.row_header or "")
    for s in spans([c.path for c in block.columns]):
        yield GridCell(top + s.level, row_cols + s.first, s.depth, across(s.first, s.breadth), Role.COLUMN_HEADER, _with_unit(s, block, depth))
    body = top + depth
    if row_cols:
        for s in spans([r.path for r in block.rows], row_cols):
            yield GridCell(body + s.first, s.level, s.breadth, s.depth, Role.ROW_HEADER, s.label)
    for i, row in enumerate(block.rows):
        for j, column in enumerate(block.columns):
            yield GridCell(body + i, row_cols + j, 1, across(j, 1), Role.VALUE, key=f"{table.id}.{row.id}.{column.id}")


def _with_unit(span: Span, block: Block, depth: int) -> str:
    """A column's own label (the leaf of its header) as printed: see own_label."""
    if span.breadth != 1 or span.level + span.depth != depth:
        return span.label
    return own_label(block.columns[span.first], span.label)


def own_label(column: Column, label: str | None = None) -> str:
    """A money column's own label with its unit when the label does not say it: the 2019 format
    prints 采购总金额 without one, and 504.47 could be 元 or 万元 (the kit's figures are 万元)."""
    label = column.path[-1] if label is None else label
    if column.kind == "money" and column.unit and column.unit not in label:
        return label + render_says.UNIT_NOTE.format(unit=column.unit)
    return label
