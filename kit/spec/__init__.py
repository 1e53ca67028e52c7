"""The report editions, declared once as data (editions/*.yaml) and loaded into frozen objects.

- kit.spec.model: tables, blocks, rows, columns, cells, sections, figures, rules (the objects);
- kit.spec.kinds: the rule kinds and their parameters (checked when a spec loads);
- kit.spec.loading: reading editions/*.yaml and levels.yaml, with the path of anything malformed.

The names most code needs are re-exported here.
"""

from __future__ import annotations

from kit.spec.kinds import KINDS, RuleKind
from kit.spec.loading import SPEC_DIR, level_role, load_levels, load_spec, parse_spec
from kit.spec.model import (
    CELL_KINDS,
    EDITIONS,
    FIGURE_KINDS,
    Block,
    Cell,
    CellKind,
    Column,
    Figure,
    FigureKind,
    Level,
    Row,
    Rule,
    Section,
    Spec,
    Table,
    edition_for_year,
)

__all__ = [
    "CELL_KINDS",
    "EDITIONS",
    "FIGURE_KINDS",
    "KINDS",
    "SPEC_DIR",
    "Block",
    "Cell",
    "CellKind",
    "Column",
    "Figure",
    "FigureKind",
    "Level",
    "Row",
    "Rule",
    "RuleKind",
    "Section",
    "Spec",
    "Table",
    "edition_for_year",
    "level_role",
    "load_levels",
    "load_spec",
    "parse_spec",
]
