"""Rule kinds: a pure check and its Chinese messages. Rule *instances* live in the specs.

Each kind registers a parameter check (run when a spec loads, so a rule naming a row that does
not exist fails at load with its path) and a check that yields findings. Sum rules also make
their target cells computed: users never type those, the kit derives them (figures.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from kit.figures import resolve_cells
from kit.findings import Finding, Severity
from kit.messages import rules as say
from kit.report import YearReport
from kit.spec.kinds import RuleKind, rule_formulas
from kit.spec.model import Level, Rule, Spec, Table
from kit.values import Number


@dataclass
class Context:
    """What a check sees: the report, its resolved values, last year's, and the body's level."""

    spec: Spec
    report: YearReport
    values: dict[str, Number | None]
    previous: YearReport | None
    previous_values: dict[str, Number | None] | None
    level: Level | None

    def finding(self, severity: Severity, rule: Rule, message: str, key: str, printed: str | None = None) -> Finding:
        return Finding(severity, rule.id, message, key=key, printed=printed)

    def cell_at(self, table: str, row: str, column: str) -> tuple[str, str]:
        """(YAML key, printed place) of a cell."""
        cell = self.spec.cell_index[f"{table}.{row}.{column}"]
        return f"tables.{cell.key}", cell.printed

    def prev(self, key: str) -> Number | None:
        if self.previous_values is None:
            return None
        return self.previous_values.get(key)


Check = Callable[[Context, Rule], Iterator[Finding]]

CHECKS: dict[str, Check] = {}


def kind(name: RuleKind) -> Callable[[Check], Check]:
    """Register the check of a rule kind declared in kit.spec.kinds."""

    def register(check: Check) -> Check:
        CHECKS[name] = check
        return check

    return register


def _p(rule: Rule, name: str) -> Any:
    return rule.params[name]


def _printed_row(table: Table, row_id: str) -> str:
    return table.row(row_id).printed


def _column_label(table: Table, row_id: str, column_id: str) -> str:
    block = table.block_of(row_id)
    return " ".join(next(c for c in block.columns if c.id == column_id).path)


def _column_own_label(table: Table, row_id: str, column_id: str) -> str:
    return next(c.label for c in table.block_of(row_id).columns if c.id == column_id)


# ---------------------------------------------------------------------------------------------
# the kinds


def _check_typed_totals(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """A total carried in the file (imported figures) is checked against its parts, not trusted."""
    for key, parts in rule_formulas(ctx.spec, rule).items():
        typed = ctx.report.cells.get(key)
        computed = ctx.values.get(key)
        if typed is None or computed is None or typed == computed:
            continue
        table_id, row_id, col_id = key.split(".")
        table = ctx.spec.table(table_id)
        # the total's place is printed beside the message: name the parts without their shared header
        if rule.kind == "sum_down":
            paths = [table.row(p.split(".")[1]).path for p in parts]
            shared = 0
            while len(paths) > 1 and all(len(path) > shared + 1 and path[shared] == paths[0][shared] for path in paths):
                shared += 1
            labels = [" ".join(path[shared:]) for path in paths]
        else:
            labels = [_column_own_label(table, row_id, p.split(".")[2]) for p in parts]
        yaml_key, printed = ctx.cell_at(table_id, row_id, col_id)
        yield ctx.finding(Severity.ERROR, rule, say.typed_total_differs(computed, say.parts_named(labels), typed), yaml_key, printed)


@kind(RuleKind.SUM_ACROSS)
def check_sum_across(ctx: Context, rule: Rule) -> Iterator[Finding]:
    yield from _check_typed_totals(ctx, rule)


@kind(RuleKind.SUM_DOWN)
def check_sum_down(ctx: Context, rule: Rule) -> Iterator[Finding]:
    yield from _check_typed_totals(ctx, rule)


def _input_columns(table: Table, row_id: str) -> list[str]:
    block = table.block_of(row_id)
    return [c.id for c in block.columns if (row_id, c.id) not in table.computed]


@kind(RuleKind.BALANCE)
def check_balance(ctx: Context, rule: Rule) -> Iterator[Finding]:
    table = ctx.spec.table(_p(rule, "table"))
    left, right = _p(rule, "left"), _p(rule, "right")
    for col in _input_columns(table, left[0]):
        lv = [ctx.values.get(f"{table.id}.{r}.{col}") for r in left]
        rv = [ctx.values.get(f"{table.id}.{r}.{col}") for r in right]
        if any(v is None for v in lv + rv) or sum(lv) == sum(rv):  # type: ignore[arg-type]
            continue
        column = _column_label(table, left[0], col)
        yield ctx.finding(
            Severity.ERROR,
            rule,
            say.balance_differs([(table.row(r).label, v) for r, v in zip(left, lv, strict=True)], [(table.row(r).label, v) for r, v in zip(right, rv, strict=True)]),
            f"tables.{table.id}.*.{col}",
            f"{table.printed} › {column}",
        )


@kind(RuleKind.CARRY_OVER)
def check_carry_over(ctx: Context, rule: Rule) -> Iterator[Finding]:
    if ctx.previous is None:
        return
    table = ctx.spec.table(_p(rule, "table"))
    row, from_row = _p(rule, "row"), _p(rule, "from_row")
    renamed = ctx.report.year in ctx.report.body.renamed_in
    for col in _input_columns(table, row):
        this = ctx.values.get(f"{table.id}.{row}.{col}")
        last = ctx.prev(f"{table.id}.{from_row}.{col}")
        if this is None or last is None or this == last:
            continue
        key, printed = ctx.cell_at(table.id, row, col)
        yield ctx.finding(
            Severity.WARNING if renamed else Severity.ERROR,
            rule,
            say.carry_over_differs(ctx.previous.year, table.row(from_row).label, last, this, renamed),
            key,
            printed,
        )


@kind(RuleKind.FEE_MENTIONED)
def check_fee_mentioned(ctx: Context, rule: Rule) -> Iterator[Finding]:
    table = ctx.spec.table(_p(rule, "table"))
    value = ctx.values.get(f"{table.id}.{_p(rule, 'row')}.{_p(rule, 'column')}")
    section = _p(rule, "section")
    word = _p(rule, "word")
    if value and value > 0 and word not in (ctx.report.prose.get(section) or ""):
        title = next(s for s in ctx.spec.sections if s.id == section)
        key, printed = ctx.cell_at(table.id, _p(rule, "row"), _p(rule, "column"))
        yield ctx.finding(
            Severity.ERROR,
            rule,
            say.fee_not_mentioned(value, f"{title.number}{title.title}", word),
            key,
            printed,
        )


@kind(RuleKind.FEE_FIGURES)
def check_fee_figures(ctx: Context, rule: Rule) -> Iterator[Finding]:
    f = ctx.report.figures
    notices, notified, collected = (f.get(_p(rule, k)) for k in ("notices", "notified", "collected"))
    label = {k: ctx.spec.figure(_p(rule, k)).label for k in ("notices", "notified", "collected")}
    key = f"figures.{_p(rule, 'collected')}"
    if collected and notices == 0:
        yield ctx.finding(Severity.ERROR, rule, say.fee_collected_without_notice(label["collected"], collected, label["notices"]), key, label["collected"])
    if collected is not None and notified is not None and collected > notified:
        yield ctx.finding(Severity.ERROR, rule, say.fee_collected_above_notified(label["collected"], collected, label["notified"], notified), key, label["collected"])
    if notified and notices == 0:
        yield ctx.finding(Severity.ERROR, rule, say.fee_notified_without_notice(label["notified"], notified, label["notices"]), f"figures.{_p(rule, 'notified')}", label["notified"])
    received = ctx.values.get(f"{_p(rule, 'table')}.{_p(rule, 'row')}.{_p(rule, 'column')}")
    carried = ctx.values.get(f"{_p(rule, 'table')}.{_p(rule, 'carried_row')}.{_p(rule, 'column')}")
    if notices and received == 0 and not carried:
        yield ctx.finding(
            Severity.ERROR, rule, say.fee_notices_without_requests(label["notices"], notices), f"figures.{_p(rule, 'notices')}", label["notices"]
        )


@kind(RuleKind.PENDING_RESOLVED)
def check_pending_resolved(ctx: Context, rule: Rule) -> Iterator[Finding]:
    if ctx.previous is None:
        return
    table = ctx.spec.table(_p(rule, "table"))
    row = table.blocks[0].rows[0].id
    for group in _p(rule, "groups"):
        last = ctx.prev(f"{table.id}.{row}.{group['pending']}")
        if not last:
            continue
        now = [ctx.values.get(f"{table.id}.{row}.{c}") for c in [*group["resolved"], group["pending"]]]
        if any(v is None for v in now) or sum(now) >= last:  # type: ignore[arg-type]
            continue
        key, printed = ctx.cell_at(table.id, row, group["pending"])
        yield ctx.finding(
            Severity.WARNING,
            rule,
            say.pending_not_resolved(ctx.previous.year, last, now),
            key,
            printed,
        )


@kind(RuleKind.IN_FORCE_CONTINUITY)
def check_in_force(ctx: Context, rule: Rule) -> Iterator[Finding]:
    table = ctx.spec.table(_p(rule, "table"))
    for row in _p(rule, "rows"):
        made, repealed, in_force = (ctx.values.get(f"{table.id}.{row}.{_p(rule, c)}") for c in ("made", "repealed", "in_force"))
        last = ctx.prev(f"{table.id}.{row}.{_p(rule, 'in_force')}")
        if made is None or repealed is None or last is None:
            continue
        label = _printed_row(table, row)
        if repealed > last + made:
            key, printed = ctx.cell_at(table.id, row, _p(rule, "repealed"))
            yield ctx.finding(
                Severity.ERROR, rule, say.repealed_more_than_existed(repealed, last, made, label), key, printed
            )
        elif in_force is not None and in_force != last + made - repealed:
            key, printed = ctx.cell_at(table.id, row, _p(rule, "in_force"))
            yield ctx.finding(
                Severity.WARNING,
                rule,
                say.in_force_differs(in_force, last, made, repealed),
                key,
                printed,
            )


@kind(RuleKind.NOT_BELOW)
def check_not_below(ctx: Context, rule: Rule) -> Iterator[Finding]:
    """Within one year: 现行有效 ≥ 本年制发 − 本年废止 (what was made this year and not repealed is in
    force), and in the 2019 format 对外公开总数量 ≥ 本年新公开数量. Needs no earlier year, so it also
    holds a body's first year in the kit and a published report checked alone."""
    table = ctx.spec.table(_p(rule, "table"))
    barred = {r.params["row"] for r in ctx.spec.rules if r.kind == RuleKind.ZERO_FOR_LEVELS and r.params["table"] == table.id}
    for row in _p(rule, "rows"):
        if row in barred and ctx.level is not None and not ctx.level.can_make_rules:
            continue  # 规章 of a body that cannot make them: zero_for_levels says all there is to say
        value = ctx.values.get(f"{table.id}.{row}.{_p(rule, 'column')}")
        plus = [ctx.values.get(f"{table.id}.{row}.{c}") for c in _p(rule, "plus")]
        minus = [ctx.values.get(f"{table.id}.{row}.{c}") for c in _p(rule, "minus")]
        if value is None or any(v is None for v in plus + minus):
            continue
        floor = sum(plus, start=0) - sum(minus, start=0)  # type: ignore[arg-type]
        if value >= floor:
            continue
        key, printed = ctx.cell_at(table.id, row, _p(rule, "column"))
        yield ctx.finding(
            Severity.ERROR,
            rule,
            say.below_floor(
                _column_own_label(table, row, _p(rule, "column")),
                value,
                [(_column_own_label(table, row, c), v) for c, v in zip(_p(rule, "plus"), plus, strict=True)],
                [(_column_own_label(table, row, c), v) for c, v in zip(_p(rule, "minus"), minus, strict=True)],
                floor,
                _printed_row(table, row),
            ),
            key,
            printed,
        )


@kind(RuleKind.ZERO_FOR_LEVELS)
def check_zero_for_levels(ctx: Context, rule: Rule) -> Iterator[Finding]:
    if ctx.level is None or ctx.level.can_make_rules:
        return
    table = ctx.spec.table(_p(rule, "table"))
    row = _p(rule, "row")
    for col in _input_columns(table, row):
        value = ctx.values.get(f"{table.id}.{row}.{col}")
        if value:
            key, printed = ctx.cell_at(table.id, row, col)
            yield ctx.finding(Severity.ERROR, rule, say.rules_made_by_level(ctx.level.id, value), key, printed)


@kind(RuleKind.MONEY_MAGNITUDE)
def check_money_magnitude(ctx: Context, rule: Rule) -> Iterator[Finding]:
    if ctx.level is None:
        return
    key, printed = ctx.cell_at(_p(rule, "table"), _p(rule, "row"), _p(rule, "column"))
    value = ctx.values.get(key.removeprefix("tables."))
    if value is not None and value >= ctx.level.fee_warning:
        yield ctx.finding(
            Severity.WARNING,
            rule,
            say.money_too_large(value, ctx.level.id),
            key,
            printed,
        )


@kind(RuleKind.BREAKDOWN_TOTAL)
def check_breakdown_total(ctx: Context, rule: Rule) -> Iterator[Finding]:
    fig = ctx.spec.figure(_p(rule, "figure"))
    items = ctx.report.figures.get(fig.id) or []
    total = ctx.report.figures.get(fig.total) if fig.total else None
    if not items or total is None or any(i.count is None for i in items):
        return
    parts = sum(i.count for i in items)
    total_label = ctx.spec.figure(fig.total).label if fig.total else ""
    listed = say.breakdown_listed([(i.name, i.count) for i in items])
    if parts > total:
        message = say.breakdown_above_total(listed, parts, fig.unit, total_label, total)
    elif parts < total:
        message = say.breakdown_below_total(listed, parts, fig.unit, total_label, total)
    else:
        return
    yield ctx.finding(Severity.WARNING, rule, message, f"figures.{fig.id}", fig.label)


@kind(RuleKind.ITEMS_CONTINUITY)
def check_items_continuity(ctx: Context, rule: Rule) -> Iterator[Finding]:
    table = ctx.spec.table(_p(rule, "table"))
    for row in _p(rule, "rows"):
        k_last, k_change = (f"{table.id}.{row}.{_p(rule, c)}" for c in ("last_year", "change"))
        last, change = ctx.values.get(k_last), ctx.values.get(k_change)
        if last is None or change is None:
            continue
        if last + change < 0:
            key, printed = ctx.cell_at(table.id, row, _p(rule, "change"))
            yield ctx.finding(
                Severity.ERROR,
                rule,
                say.items_negative(last, change),
                key,
                printed,
            )
        p_last, p_change = ctx.prev(k_last), ctx.prev(k_change)
        if ctx.previous is not None and p_last is not None and p_change is not None and last != p_last + p_change:
            key, printed = ctx.cell_at(table.id, row, _p(rule, "last_year"))
            yield ctx.finding(
                Severity.WARNING,
                rule,
                say.items_not_continued(ctx.previous.year, p_last, p_change, last),
                key,
                printed,
            )


# ---------------------------------------------------------------------------------------------
# what a new year inherits


def carried_forward(spec: Spec, previous: YearReport) -> dict[str, Number | None]:
    """Cells of a new year that follow from last year: 上年结转 and 上一年项目数量."""
    last = resolve_cells(previous.spec, previous)
    out: dict[str, Number | None] = {}
    for rule in spec.rules:
        if rule.kind == "carry_over":
            table = spec.table(_p(rule, "table"))
            for col in _input_columns(table, _p(rule, "row")):
                value = last.get(f"{table.id}.{_p(rule, 'from_row')}.{col}")
                if value is not None:
                    out[f"{table.id}.{_p(rule, 'row')}.{col}"] = value
        elif rule.kind == "items_continuity":
            table = spec.table(_p(rule, "table"))
            for row in _p(rule, "rows"):
                k_last, k_change = (f"{table.id}.{row}.{_p(rule, c)}" for c in ("last_year", "change"))
                if last.get(k_last) is not None and last.get(k_change) is not None:
                    out[k_last] = last[k_last] + last[k_change]  # type: ignore[operator]
    return out
