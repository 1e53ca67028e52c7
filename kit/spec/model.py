"""The report editions' model: tables, blocks, rows, columns, cells, sections, figures and rules.

A spec is data: tables with their rows and columns exactly as printed, the sections and their
titles, the figures quoted in prose, and rule instances. Everything that reads a report (the
validator, the document builder, the form, blank parameter files) reads it from here, so no
row label appears in Python code. The objects are frozen; kit.spec.loading builds them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

EDITIONS = ("gov2021", "gov2019", "legacy2008")


class CellKind(StrEnum):
    """What a table cell holds: a count (件/条), an amount of money (万元) or a signed change (增/减)."""

    COUNT = "count"
    MONEY = "money"
    DELTA = "delta"


class FigureKind(StrEnum):
    """What a figure quoted in prose holds: a count, an amount, or a list of named counts."""

    COUNT = "count"
    MONEY = "money"
    BREAKDOWN = "breakdown"


CELL_KINDS = tuple(k.value for k in CellKind)
FIGURE_KINDS = tuple(k.value for k in FigureKind)


def edition_for_year(year: int) -> str:
    """≤2018 legacy2008, 2019–2020 gov2019, ≥2021 gov2021.

    >>> [edition_for_year(y) for y in (2018, 2020, 2021)]
    ['legacy2008', 'gov2019', 'gov2021']
    """
    if year <= 2018:
        return "legacy2008"
    if year <= 2020:
        return "gov2019"
    return "gov2021"


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    path: tuple[str, ...]  # header labels from the top row down to this column's own label
    unit: str
    kind: str  # count | money | delta


@dataclass(frozen=True)
class Row:
    id: str
    label: str
    path: tuple[str, ...]  # row-header labels from the outermost group down to this row

    @property
    def printed(self) -> str:
        return " ".join(self.path)


@dataclass(frozen=True)
class Block:
    id: str
    label: str | None  # e.g. 第二十条第（一）项; None for a table with a single block
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    @property
    def header_depth(self) -> int:
        return max(len(c.path) for c in self.columns)

    @property
    def row_depth(self) -> int:
        return max(len(r.path) for r in self.rows)


@dataclass(frozen=True)
class Cell:
    """One fillable cell; `key` is its YAML key below ``tables:`` (``applications.new.total``)."""

    table: Table
    block: Block
    row: Row
    column: Column
    computed: bool

    @property
    def key(self) -> str:
        return f"{self.table.id}.{self.row.id}.{self.column.id}"

    @property
    def printed(self) -> str:
        """The cell as a reader finds it on paper: table, row and column labels as printed."""
        return f"{_row_place(self.table, self.block, self.row, with_table=True)} › {' '.join(self.column.path)}"


@dataclass(frozen=True)
class Table:
    id: str
    number: str
    title: str
    corner: str | None
    row_header: str | None
    row_labels: bool
    blocks: tuple[Block, ...]
    computed: frozenset[tuple[str, str]] = field(default=frozenset())  # (row id, column id)

    @property
    def printed(self) -> str:
        return f"{self.number}{self.title}"

    def cells(self) -> Iterator[Cell]:
        for block in self.blocks:
            for row in block.rows:
                for column in block.columns:
                    yield Cell(self, block, row, column, (row.id, column.id) in self.computed)

    def row(self, row_id: str) -> Row:
        for block in self.blocks:
            for row in block.rows:
                if row.id == row_id:
                    return row
        raise KeyError(row_id)

    def row_printed(self, row_id: str, *, with_table: bool = True) -> str:
        """Where a row stands on paper: the table, its block (第二十条第（一）项) and the row's own
        labels where the table prints any, joined by ›. `with_table=False` for a place under the
        table's heading (the year file's comments). One definition for validation, the year
        file and the reading of published tables, so a row is named the same in each.
        """
        block = self.block_of(row_id)
        return _row_place(self, block, self.row(row_id), with_table=with_table)

    def block_of(self, row_id: str) -> Block:
        for block in self.blocks:
            if any(r.id == row_id for r in block.rows):
                return block
        raise KeyError(row_id)


def _row_place(table: Table, block: Block, row: Row, *, with_table: bool) -> str:
    parts = [table.printed] if with_table else []
    parts += [x for x in (block.label, row.printed if table.row_labels else None) if x]
    return " › ".join(parts)


@dataclass(frozen=True)
class Section:
    id: str
    number: str
    title: str
    table: str | None = None
    guidance: str | None = None
    optional: bool = False
    subsections: tuple[Section, ...] = ()

    @property
    def is_prose(self) -> bool:
        return self.table is None and not self.subsections


@dataclass(frozen=True)
class Figure:
    id: str
    label: str
    unit: str
    kind: str  # count | money | breakdown
    total: str | None = None
    optional: bool = False


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    ref: str
    params: Mapping[str, Any]


@dataclass(frozen=True)
class Level:
    id: str
    can_make_rules: bool
    fee_warning: float


@dataclass(frozen=True)
class Spec:
    """One report edition: its sections, figures, tables (rows × columns, labels as printed) and rules.

    >>> from kit.spec import load_spec
    >>> spec = load_spec("gov2019")
    >>> spec.name, spec.covers(2020), spec.covers(2021)
    ('2019年试行格式', True, False)
    """

    id: str
    name: str
    first_year: int | None
    last_year: int | None
    notice: str | None
    notice_title: str | None
    title: str
    opening: str
    free_form: bool
    sections: tuple[Section, ...]
    figures: tuple[Figure, ...]
    tables: tuple[Table, ...]
    rules: tuple[Rule, ...]
    path: Path
    formulas: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # computed cell -> parts

    def table(self, table_id: str) -> Table:
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(table_id)

    def figure(self, figure_id: str) -> Figure:
        for f in self.figures:
            if f.id == figure_id:
                return f
        raise KeyError(figure_id)

    def cells(self) -> Iterator[Cell]:
        for t in self.tables:
            yield from t.cells()

    @functools.cached_property
    def cell_index(self) -> dict[str, Cell]:
        return {c.key: c for c in self.cells()}

    @functools.cached_property
    def formula_order(self) -> tuple[str, ...]:
        """The computed cells, each after the cells it is computed from (so one pass resolves all)."""
        order: list[str] = []
        done: set[str] = set()

        def visit(key: str) -> None:
            if key in done or key not in self.formulas:
                return
            done.add(key)
            for part in self.formulas[key]:
                visit(part)
            order.append(key)

        for key in self.formulas:
            visit(key)
        return tuple(order)

    def prose_sections(self) -> Iterator[Section]:
        """Every section that holds prose, in printed order (subsections flattened)."""
        for s in self.sections:
            if s.subsections:
                yield from s.subsections
            elif s.is_prose:
                yield s

    def covers(self, year: int) -> bool:
        return (self.first_year is None or year >= self.first_year) and (
            self.last_year is None or year <= self.last_year
        )


