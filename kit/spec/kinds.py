"""Rule kinds as declared data: each kind's parameters and whether it makes cells computed.

A spec's rule instances are checked against these declarations when the spec loads (a rule
naming a row that does not exist fails at load with its path), and sum rules derive the spec's
computed cells here. The checks themselves are code in kit.rules, registered per kind; a test
keeps the two lists equal.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from kit.errors import SpecError
from kit.messages import spec as spec_says
from kit.spec.model import Rule, Spec, Table


class RuleKind(StrEnum):
    """The kinds of rule a spec may use (rules.kind in editions/*.yaml)."""

    SUM_ACROSS = "sum_across"
    SUM_DOWN = "sum_down"
    BALANCE = "balance"
    CARRY_OVER = "carry_over"
    FEE_MENTIONED = "fee_mentioned"
    FEE_FIGURES = "fee_figures"
    PENDING_RESOLVED = "pending_resolved"
    IN_FORCE_CONTINUITY = "in_force_continuity"
    ZERO_FOR_LEVELS = "zero_for_levels"
    MONEY_MAGNITUDE = "money_magnitude"
    BREAKDOWN_TOTAL = "breakdown_total"
    ITEMS_CONTINUITY = "items_continuity"
    NOT_BELOW = "not_below"


@dataclass(frozen=True)
class Kind:
    params: Mapping[str, str]  # parameter -> what it names: table | row | rows | column | columns | figure | section | text | groups
    computes: bool = False


KINDS: dict[str, Kind] = {
    RuleKind.SUM_ACROSS: Kind({"table": "table", "total": "column", "parts": "columns"}, computes=True),
    RuleKind.SUM_DOWN: Kind({"table": "table", "total": "row", "parts": "rows"}, computes=True),
    RuleKind.BALANCE: Kind({"table": "table", "left": "rows", "right": "rows"}, computes=False),
    RuleKind.CARRY_OVER: Kind({"table": "table", "row": "row", "from_row": "row"}, computes=False),
    RuleKind.FEE_MENTIONED: Kind({"table": "table", "row": "row", "column": "column", "section": "section", "word": "text"}, computes=False),
    RuleKind.FEE_FIGURES: Kind({"notices": "figure", "notified": "figure", "collected": "figure", "table": "table", "row": "row", "carried_row": "row", "column": "column"}, computes=False),
    RuleKind.PENDING_RESOLVED: Kind({"table": "table", "groups": "groups"}, computes=False),
    RuleKind.IN_FORCE_CONTINUITY: Kind({"table": "table", "rows": "rows", "made": "column", "repealed": "column", "in_force": "column"}, computes=False),
    RuleKind.ZERO_FOR_LEVELS: Kind({"table": "table", "row": "row"}, computes=False),
    RuleKind.MONEY_MAGNITUDE: Kind({"table": "table", "row": "row", "column": "column"}, computes=False),
    RuleKind.BREAKDOWN_TOTAL: Kind({"figure": "figure"}, computes=False),
    RuleKind.ITEMS_CONTINUITY: Kind({"table": "table", "rows": "rows", "last_year": "column", "change": "column"}, computes=False),
    RuleKind.NOT_BELOW: Kind({"table": "table", "rows": "rows", "column": "column", "plus": "columns", "minus": "columns"}, computes=False),
}

Fail = Callable[[str, str], SpecError]


# ---------------------------------------------------------------------------------------------
# binding: check a spec's rule instances and derive its computed cells


def bind_rules(spec: Spec, fail: Fail) -> Spec:
    formulas: dict[str, tuple[str, ...]] = {}
    for i, rule in enumerate(spec.rules):
        where = f"rules[{i}]"
        k = KINDS.get(rule.kind)
        if k is None:
            raise fail(f"{where}.kind", spec_says.unknown_rule_kind(rule.kind, sorted(KINDS)))
        _check_params(spec, rule, k, where, fail)
        if k.computes:
            formulas.update(rule_formulas(spec, rule))
    tables = []
    for t in spec.tables:
        computed = frozenset(tuple(key.split(".")[1:]) for key in formulas if key.startswith(f"{t.id}."))
        tables.append(dataclasses.replace(t, computed=computed))  # type: ignore[arg-type]
    return dataclasses.replace(spec, tables=tuple(tables), formulas=formulas)


def _check_params(spec: Spec, rule: Rule, k: Kind, where: str, fail: Fail) -> None:
    table: Table | None = None
    for name, what in k.params.items():
        if name not in rule.params:
            raise fail(f"{where}.{name}", spec_says.MISSING)
        value = rule.params[name]
        if what == "table":
            try:
                table = spec.table(value)
            except KeyError:
                raise fail(f"{where}.{name}", spec_says.no_such_table(value)) from None
        elif what in ("row", "rows") and table is not None:
            for row in value if what == "rows" else [value]:
                try:
                    table.row(row)
                except KeyError:
                    raise fail(f"{where}.{name}", spec_says.no_such_row(table.id, row)) from None
        elif what in ("column", "columns") and table is not None:
            ids = {c.id for b in table.blocks for c in b.columns}
            for col in value if what == "columns" else [value]:
                if col not in ids:
                    raise fail(f"{where}.{name}", spec_says.no_such_column(table.id, col))
        elif what == "figure":
            try:
                spec.figure(value)
            except KeyError:
                raise fail(f"{where}.{name}", spec_says.no_such_figure(value)) from None
        elif what == "section" and value not in {s.id for s in spec.prose_sections()}:
            raise fail(f"{where}.{name}", spec_says.no_such_section(value))


def rule_formulas(spec: Spec, rule: Rule) -> dict[str, tuple[str, ...]]:
    table = spec.table(rule.params["table"])
    total, parts = rule.params["total"], rule.params["parts"]
    out = {}
    if rule.kind == "sum_across":
        for block in table.blocks:
            if any(c.id == total for c in block.columns):
                for row in block.rows:
                    out[f"{table.id}.{row.id}.{total}"] = tuple(f"{table.id}.{row.id}.{p}" for p in parts)
    else:
        block = table.block_of(total)
        for column in block.columns:
            out[f"{table.id}.{total}.{column.id}"] = tuple(f"{table.id}.{p}.{column.id}" for p in parts)
    return out
