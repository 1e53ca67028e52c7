"""Charts of the county summary: what a county office puts in front of its leaders.

- 各单位主动公开政府信息数量, 各单位政府信息公开申请数量 (新收 and 上年结转), 各单位申请办理结果
  (by kind): one horizontal bar per body, values printed at the bars;
- 全县历年 主动公开 and 新收申请, and the outcomes by kind per year: the trend.

Every label comes from the spec through kit.data.key_figures (short printed labels), never from here;
titles are in TEXT (from kit.messages.render). Each chart is a kit.render.charts.Chart: a PNG drawn
by the kit's chart renderer (CJK font checked, a private Agg canvas, no pyplot state touched, no
timestamp in the file) with an alt text that states the data, for screen readers and anyone who
cannot see the picture.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kit.data.key_figures import KeyFigure, outcome_total_keys
from kit.messages import render as msg
from kit.render.charts import NOT_FILLED, PALETTE, Chart, figure_or_blank, plain_axes, render_png, short_label

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from kit.data.summary import CountySummary

WIDTH_IN = 6.3  # the text width of an A4 page with the summary's margins (≈160 mm)
NEW_KEY = "tables.applications.new.total"
CARRIED_KEY = "tables.applications.carried.total"
PROACTIVE_KEY = "figures.proactive_total"

TEXT = msg.SUMMARY_CHARTS_TEXT


def _num(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


# ---------------------------------------------------------------------------------------------
# by body


def bars(id_: str, title: str, names: Sequence[str], values: Sequence[float | None]) -> Chart:
    """One horizontal bar per body, top down in summary order, its value printed at the end."""
    numbers = [v or 0.0 for v in values]
    top = max([*numbers, 1.0])

    def draw(fig: Figure) -> None:
        ax = fig.add_subplot()
        ys = range(len(names))
        ax.barh(ys, numbers, color=PALETTE[0], height=0.6)
        for y, v in zip(ys, values, strict=True):
            ax.text((v or 0) + top * 0.01, y, figure_or_blank(v), va="center", fontsize=8, color="#333333" if v is not None else "#c00000")
        ax.set_yticks(ys, list(names))
        ax.invert_yaxis()
        ax.set_xlim(0, top * 1.12)
        plain_axes(ax, grid="x", labelsize=9)

    items = "；".join(f"{n} {figure_or_blank(v)}" for n, v in zip(names, values, strict=True))
    return Chart(id_, title, render_png(draw, (WIDTH_IN, 0.7 + 0.24 * len(names))), TEXT["alt_bars"].format(what=title, items=items))


def stacked(id_: str, title: str, names: Sequence[str], parts: Sequence[str], matrix: Sequence[Sequence[float | None]]) -> Chart:
    """Horizontal stacked bars: one per body, one segment per part; the row total printed at the end."""
    totals = [sum(v or 0.0 for v in row) for row in matrix]
    top = max([*totals, 1.0])

    def draw(fig: Figure) -> None:
        ax = fig.add_subplot()
        ys = range(len(names))
        left = [0.0] * len(names)
        for j, part in enumerate(parts):
            widths = [row[j] or 0.0 for row in matrix]
            ax.barh(ys, widths, left=left, color=PALETTE[j % len(PALETTE)], height=0.6, label=part)
            left = [a + b for a, b in zip(left, widths, strict=True)]
        for y, row, total in zip(ys, matrix, totals, strict=True):
            blank = any(v is None for v in row)
            ax.text(total + top * 0.01, y, NOT_FILLED if blank else figure_or_blank(total), va="center", fontsize=8, color="#c00000" if blank else "#333333")
        ax.set_yticks(ys, list(names))
        ax.invert_yaxis()
        ax.set_xlim(0, top * 1.12)
        fig.legend(loc="outside lower center", ncol=min(len(parts), 4), fontsize=8, frameon=False)
        plain_axes(ax, grid="x", labelsize=9)

    items = "；".join(f"{n} " + "、".join(figure_or_blank(v) for v in row) for n, row in zip(names, matrix, strict=True))
    png = render_png(draw, (WIDTH_IN, 1.0 + 0.24 * len(names) + 0.2 * math.ceil(len(parts) / 4)))
    return Chart(id_, title, png, TEXT["alt_stacked"].format(what=title, parts="、".join(parts), items=items))


def columns(id_: str, title: str, years: Sequence[int], values: Sequence[float | None]) -> Chart:
    """One column per year, value on top: a trend the eye reads at once."""
    numbers = [v or 0.0 for v in values]
    top = max([*numbers, 1.0])

    def draw(fig: Figure) -> None:
        ax = fig.add_subplot()
        xs = range(len(years))
        ax.bar(xs, numbers, color=PALETTE[0], width=0.6)
        for x, v in zip(xs, values, strict=True):
            ax.text(x, (v or 0) + top * 0.02, figure_or_blank(v), ha="center", fontsize=8)
        ax.set_xticks(xs, [msg.year_label(y) for y in years])
        ax.set_ylim(0, top * 1.15)
        plain_axes(ax, grid="y", labelsize=9)

    items = "；".join(f"{msg.year_label(y)} {figure_or_blank(v)}" for y, v in zip(years, values, strict=True))
    return Chart(id_, title, render_png(draw, (WIDTH_IN, 2.6)), TEXT["alt_trend"].format(what=title, items=items))


def stacked_columns(id_: str, title: str, years: Sequence[int], parts: Sequence[str], matrix: Sequence[Sequence[float | None]]) -> Chart:
    """One stacked column per year, one segment per part, the total on top."""
    totals = [sum(v or 0.0 for v in row) for row in matrix]
    top = max([*totals, 1.0])

    def draw(fig: Figure) -> None:
        ax = fig.add_subplot()
        xs = range(len(years))
        bottom = [0.0] * len(years)
        for j, part in enumerate(parts):
            heights = [row[j] or 0.0 for row in matrix]
            ax.bar(xs, heights, bottom=bottom, color=PALETTE[j % len(PALETTE)], width=0.6, label=part)
            bottom = [a + b for a, b in zip(bottom, heights, strict=True)]
        for x, total in zip(xs, totals, strict=True):
            ax.text(x, total + top * 0.02, figure_or_blank(total), ha="center", fontsize=8)
        ax.set_xticks(xs, [msg.year_label(y) for y in years])
        ax.set_ylim(0, top * 1.15)
        fig.legend(loc="outside lower center", ncol=min(len(parts), 4), fontsize=8, frameon=False)
        plain_axes(ax, grid="y", labelsize=9)

    items = "；".join(msg.year_label(y) + " " + "、".join(figure_or_blank(v) for v in row) for y, row in zip(years, matrix, strict=True))
    return Chart(id_, title, render_png(draw, (WIDTH_IN, 3.2)), TEXT["alt_stacked"].format(what=title, parts="、".join(parts), items=items))


# ---------------------------------------------------------------------------------------------
# the summary's charts


def _outcome_parts(key: Sequence[KeyFigure]) -> list[KeyFigure]:
    """The outcome kinds without （七）总计 (the sum of the others)."""
    return [k for k in key if k.key.startswith("outcome:") and k.key not in outcome_total_keys()]


def summary_charts(summary: CountySummary) -> list[Chart]:
    """The charts of the county summary, in order; none for what no body reported."""
    out: list[Chart] = []
    bodies = [b for b in summary.with_figures if b.key]
    names = [b.ref.body for b in bodies]
    have = {k.key: k for b in bodies for k in b.key}
    if PROACTIVE_KEY in have:
        out.append(bars("proactive_by_body", TEXT["proactive_by_body"], names, [_num(b.value(PROACTIVE_KEY)) for b in bodies]))
    if NEW_KEY in have and CARRIED_KEY in have:
        parts = [short_label(have[NEW_KEY].short), short_label(have[CARRIED_KEY].short)]
        matrix = [[_num(b.value(NEW_KEY)), _num(b.value(CARRIED_KEY))] for b in bodies]
        out.append(stacked("applications_by_body", TEXT["applications_by_body"], names, parts, matrix))
    kinds = _outcome_parts(list(have.values()))
    if kinds:
        matrix = [[_num(b.value(k.key)) for k in kinds] for b in bodies]
        out.append(stacked("outcomes_by_body", TEXT["outcomes_by_body"], names, [short_label(k.short) for k in kinds], matrix))
    out += _trend_charts(summary)
    return out


def _trend_charts(summary: CountySummary) -> list[Chart]:
    totals = summary.trend_totals()
    if totals.empty or len(totals.index) < 2:
        return []
    out = []
    if PROACTIVE_KEY in totals.columns:
        years = [int(y) for y in totals.index]
        out.append(columns("proactive_trend", TEXT["proactive_trend"], years, [_num(v) for v in totals[PROACTIVE_KEY]]))
    if NEW_KEY not in totals.columns:
        return out
    have = totals[totals[NEW_KEY].notna()]
    if len(have.index) < 2:
        return out
    years = [int(y) for y in have.index]
    out.append(columns("applications_trend", TEXT["applications_trend"], years, [_num(v) for v in have[NEW_KEY]]))
    frame = summary.trend
    kinds = frame[frame["key"].str.startswith("outcome:")][["key", "short"]].drop_duplicates("key")
    parts = [(k, s) for k, s in zip(kinds["key"], kinds["short"], strict=True) if k in have.columns and k not in outcome_total_keys()]
    if parts:
        matrix = [[_num(have.loc[y, k]) for k, _ in parts] for y in have.index]
        out.append(stacked_columns("outcomes_trend", TEXT["outcomes_trend"], years, [short_label(s) for _, s in parts], matrix))
    return out
