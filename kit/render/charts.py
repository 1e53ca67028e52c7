"""Charts for a report: how this year's applications were handled, and the body's trend.

Static PNGs (150 dpi, a few tens of KB) so the same bytes go into the web page, the PDF and
the Word file, and rebuilding an unchanged report gives identical files (no timestamps in the
PNG metadata). The title is not drawn in the image: every renderer prints it as the caption.
Drawn with matplotlib's Agg canvas on a private Figure, never pyplot, so a notebook's own
backend and rcParams are left alone.

The trend chart is drawn in every report's kernel, so its CPU counts in every batch: measured in
a forked batch kernel (2026-12-01), ≈ 0.45–0.6 CPU-s with constrained layout, a titled axes
placed "automatically" and Pillow's optimize pass; ≈ 0.2 s now that side_by_side places the
panels from the few texts that decide the margins, the titles sit at the axes' top and the PNG
is written at zlib's default level (the same pixels as with optimize, ≈ 4 % more bytes).

Chinese text needs a CJK font: matplotlib's default (DejaVu Sans) draws tofu boxes. The kit
uses Noto CJK (Debian fonts-noto-cjk) and refuses with a clear message when no CJK face is
installed, rather than producing boxes nobody notices until the report is published.

Every label comes from the spec: the outcome groups are the rows of the outcome total's sum
rule, grouped by Row.path (（一）予以公开 … （六）其他处理); only ids appear here.

Which charts a report carries (PUBLISHED): a chart only where it says more than the table beside
it. The trend chart shows the years before this one, which no table of the report holds, so it is
drawn. The outcome chart repeats the 总计 column of table 三 that is printed right above it, so
it is not drawn by default (make_charts(..., kinds=ALL_CHARTS) still draws it). Counts are on
integer ticks (no 0.5 件), and a chart or panel whose bars are mostly zero is left out: in a town
with 4 applications, 4 of 6 outcome bars at 0 say less than the table's one line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING, Any, Literal

from kit.document import Document
from kit.errors import KitError
from kit.figures import resolve_cells
from kit.messages import render as render_says
from kit.messages.store import BLANK_FIGURE
from kit.report import YearReport
from kit.spec import Spec, Table
from kit.values import Number, format_figure

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "Source Han Serif SC", "Noto Sans SC")
DPI = 150
OUTCOME_SIZE = (6.4, 3.4)  # inches: 960 × 510 px at 150 dpi
TREND_SIZE = (6.4, 3.0)
# one palette for the report's and the summary's charts: the first two are the report's bars
PALETTE = ("#3a6ea5", "#c0504d", "#548235", "#bf9000", "#7030a0", "#4bacc6", "#a5a5a5", "#7f6000")
BAR_COLOR, SECOND_COLOR = PALETTE[0], PALETTE[1]

# ids in the spec (identifiers, not labels): the applications table and the figures charted
APPLICATIONS_TABLE = "applications"
NEW_ROW = "new"
PROACTIVE_FIGURE = "proactive_total"
LEGACY_REQUESTS_FIGURE = "requests_received"

# user-facing text (kit.messages.render)
MISSING_FONT = render_says.MISSING_FONT
OUTCOME_TITLE, OUTCOME_AXIS, OUTCOME_ALT = render_says.OUTCOME_TITLE, render_says.OUTCOME_AXIS, render_says.OUTCOME_ALT
TREND_TITLE, TREND_PROACTIVE, TREND_REQUESTS, TREND_ALT = render_says.TREND_TITLE, render_says.TREND_PROACTIVE, render_says.TREND_REQUESTS, render_says.TREND_ALT
NOT_FILLED = BLANK_FIGURE  # printed at a bar whose figure is blank, and in the alt text

OUTCOMES, TREND = "outcomes", "trend"
PUBLISHED = (TREND,)  # see the module's docstring, and ARCHITECTURE.md
ALL_CHARTS = (OUTCOMES, TREND)


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    png: bytes
    alt: str  # what the chart shows, in words, for screen readers and the Word alt text
    section: str | None = None  # the section it illustrates: renderers place it after that section


def make_charts(doc: Document, history: Sequence[YearReport], kinds: Sequence[str] = PUBLISHED) -> list[Chart]:
    """The charts of `kinds` this report has data for (none for a report without history).

    `history` is the body's reports of every year up to this one, any edition; this year's
    figures are taken from `doc`, whatever `history` holds for its year.
    """
    made = (outcome_chart(doc) if OUTCOMES in kinds else None, trend_chart(doc, history) if TREND in kinds else None)
    return [chart for chart in made if chart is not None]


def mostly_zero(values: Sequence[Number | None]) -> bool:
    """More than half the bars at zero (or not filled): such a chart says less than its table."""
    return sum(1 for v in values if not v) * 2 > len(values)


def require_cjk_font() -> str:
    """The CJK font family matplotlib will use; a KitError with the remedy when there is none.

    Fonts installed after matplotlib built its font cache are not in the cache: those are
    added from the system font folders before giving up.
    """
    from matplotlib import font_manager

    family = _known_family(font_manager)
    if family is None:
        for path in font_manager.findSystemFonts():
            if re.search(r"CJK|SourceHan|NotoSans(Serif)?SC", path, re.IGNORECASE):
                font_manager.fontManager.addfont(path)
        family = _known_family(font_manager)
    if family is None:
        raise KitError(MISSING_FONT.format(families="、".join(CJK_FAMILIES)))
    return family


def _known_family(font_manager: Any) -> str | None:
    names = {entry.name for entry in font_manager.fontManager.ttflist}
    return next((f for f in CJK_FAMILIES if f in names), None)


# ---------------------------------------------------------------------------------------------
# (a) this year's outcomes


@dataclass(frozen=True)
class Outcome:
    label: str  # short: 予以公开
    count: Number


def outcomes(spec: Spec, report: YearReport) -> tuple[list[Outcome], str] | None:
    """The outcome groups of table 三 and their totals, and the unit; None when not applicable
    (no such table, a blank cell) or when no application was handled."""
    try:
        table = spec.table(APPLICATIONS_TABLE)
    except KeyError:
        return None
    rule = next((r for r in spec.rules if r.kind == "sum_down" and r.params.get("table") == table.id), None)
    across = next((r for r in spec.rules if r.kind == "sum_across" and r.params.get("table") == table.id), None)
    if rule is None or across is None:
        return None
    column = str(across.params["total"])
    values = resolve_cells(spec, report)
    groups: dict[tuple[str, ...], Number] = {}
    rows = [table.row(row_id) for row_id in rule.params["parts"]]
    depth = _common_prefix(r.path for r in rows) + 1
    for row in rows:
        value = values.get(f"{table.id}.{row.id}.{column}")
        if value is None:
            return None
        key = row.path[:depth]
        groups[key] = groups.get(key, 0) + value
    if not any(groups.values()):
        return None
    return [Outcome(short_label(key[-1]), count) for key, count in groups.items()], _unit(table, column)


def short_label(label: str) -> str:
    """（二）部分公开（区分处理的，只计这一情形，不计其他情形） -> 部分公开: numbering and notes go."""
    label = re.sub(r"^（[一二三四五六七八九十]+）|^[0-9一二三四五六七八九十]+[、.．]", "", label)
    return re.sub(r"（[^（）]*）$", "", label).strip() or label


def _common_prefix(paths: Iterable[tuple[str, ...]]) -> int:
    """How many leading labels all paths share (the outcome rows share 三、本年度办理结果)."""
    paths = list(paths)
    n = 0
    while all(len(p) > n + 1 and p[n] == paths[0][n] for p in paths):
        n += 1
    return n


def _unit(table: Table, column_id: str) -> str:
    return next(c.unit for b in table.blocks for c in b.columns if c.id == column_id)


def outcome_chart(doc: Document) -> Chart | None:
    report = doc.report
    found = outcomes(report.spec, report)
    if found is None or mostly_zero([i.count for i in found[0]]):
        return None
    items, unit = found
    total = sum((i.count for i in items), start=0)
    title = OUTCOME_TITLE.format(year=doc.year)
    parts = "，".join(f"{i.label}{format_figure(i.count)}{unit}" for i in items)
    alt = OUTCOME_ALT.format(year=doc.year, total=format_figure(total), unit=unit, parts=parts)

    def draw(fig: Figure) -> None:
        ax = fig.add_subplot()
        labels = [i.label for i in items]
        counts = [float(i.count) for i in items]
        bars = ax.barh(range(len(items)), counts, color=BAR_COLOR, height=0.6)
        ax.set_yticks(range(len(items)), labels)
        ax.invert_yaxis()  # the spec's order, top down
        ax.bar_label(bars, labels=[format_figure(i.count) for i in items], padding=3)
        ax.set_xlim(0, max(counts) * 1.15 + 0.5)
        ax.xaxis.set_major_locator(_integer_ticks())
        ax.set_xlabel(OUTCOME_AXIS.format(unit=unit))
        plain_axes(ax)

    section = _section_of_table(report.spec, APPLICATIONS_TABLE)
    return Chart(OUTCOMES, title, render_png(draw, OUTCOME_SIZE), alt, section)


# ---------------------------------------------------------------------------------------------
# (b) the trend over the years


@dataclass(frozen=True)
class YearPoint:
    year: int
    proactive: Number | None
    requests: Number | None


def year_point(report: YearReport) -> YearPoint:
    """主动公开 and 新收申请 of one year, whatever the edition (legacy reports quote a figure)."""
    spec = report.spec
    proactive = report.figures.get(PROACTIVE_FIGURE)
    if any(f.id == LEGACY_REQUESTS_FIGURE for f in spec.figures):
        requests = report.figures.get(LEGACY_REQUESTS_FIGURE)
    elif any(t.id == APPLICATIONS_TABLE for t in spec.tables):
        column = _applicant_total_column(spec)
        requests = resolve_cells(spec, report).get(f"{APPLICATIONS_TABLE}.{NEW_ROW}.{column}") if column else None
    else:
        requests = None
    return YearPoint(report.year, proactive, requests)


def _applicant_total_column(spec: Spec) -> str | None:
    rule = next((r for r in spec.rules if r.kind == "sum_across" and r.params.get("table") == APPLICATIONS_TABLE), None)
    return str(rule.params["total"]) if rule else None


def trend_points(doc: Document, history: Sequence[YearReport]) -> list[YearPoint]:
    """One point per year up to this one, this year's from `doc`; years with no figure skipped."""
    reports = {r.year: r for r in history if r.year < doc.year}
    reports[doc.year] = doc.report
    points = [year_point(reports[y]) for y in sorted(reports)]
    return [p for p in points if p.proactive is not None or p.requests is not None]


def trend_chart(doc: Document, history: Sequence[YearReport]) -> Chart | None:
    points = trend_points(doc, history)
    if len(points) < 2:
        return None
    spec = doc.report.spec
    proactive_unit = spec.figure(PROACTIVE_FIGURE).unit
    requests_unit = _requests_unit(spec)
    first, last = points[0].year, points[-1].year
    title = TREND_TITLE.format(first=first, last=last)
    alt = TREND_ALT.format(
        first=first,
        last=last,
        proactive="、".join(figure_or_blank(p.proactive, proactive_unit) for p in points),
        requests="、".join(figure_or_blank(p.requests, requests_unit) for p in points),
    )

    panels = [
        (values, label, color)
        for values, label, color in (
            ([p.proactive for p in points], TREND_PROACTIVE.format(unit=proactive_unit), BAR_COLOR),
            ([p.requests for p in points], TREND_REQUESTS.format(unit=requests_unit), SECOND_COLOR),
        )
        if not mostly_zero(values)
    ]
    if not panels:
        return None
    if len(panels) == 1:  # the alt text names only what is drawn
        alt = render_says.TREND_ALT_ONE.format(first=first, last=last, what=panels[0][1], values="、".join(figure_or_blank(v) for v in panels[0][0]))

    def draw(fig: Figure) -> None:
        axes = [fig.add_subplot(1, len(panels), i + 1) for i in range(len(panels))]
        for ax, (values, label, color) in zip(axes, panels, strict=True):
            _year_bars(ax, points, values, label, color)
        side_by_side(fig, axes)

    return Chart(TREND, title, render_png(draw, TREND_SIZE, layout=None), alt, spec.sections[0].id if spec.sections else None)


def _requests_unit(spec: Spec) -> str:
    if any(f.id == LEGACY_REQUESTS_FIGURE for f in spec.figures):
        return spec.figure(LEGACY_REQUESTS_FIGURE).unit
    column = _applicant_total_column(spec)
    return _unit(spec.table(APPLICATIONS_TABLE), column) if column else ""


def figure_or_blank(value: Number | float | None, unit: str = "") -> str:
    """A value as a chart prints it (12, 0.35, with its unit); a blank as 未填写, never as 0.

    Floats (the summary's figures come through pandas) print without a trailing .0.
    """
    if value is None:
        return NOT_FILLED
    if isinstance(value, float):
        return (format_figure(int(value)) if value.is_integer() else f"{value:g}") + unit
    return f"{format_figure(value)}{unit}"


def _year_bars(ax: Axes, points: list[YearPoint], values: list[Number | None], title: str, color: str) -> None:
    xs = range(len(points))
    heights = [float(v) if v is not None else 0.0 for v in values]
    bars = ax.bar(xs, heights, color=color, width=0.6)
    ax.bar_label(bars, labels=[figure_or_blank(v) for v in values], padding=2)
    ax.set_xticks(xs, [str(p.year) for p in points])
    ax.set_ylim(0, max(heights) * 1.2 + 1)
    ax.yaxis.set_major_locator(_integer_ticks())
    ax.ticklabel_format(axis="y", style="plain", useOffset=False)  # whole counts, never 1e6 above the axis
    # At the top of the axes (no ticks are there): placing it "automatically" measures every tick
    # label of the figure again, ≈ 0.1 CPU-s a report.
    ax.set_title(title, fontsize="medium", y=1.0)
    plain_axes(ax)


# ---------------------------------------------------------------------------------------------
# drawing


def _integer_ticks() -> Any:
    """Ticks on whole numbers only: counts of 条 and 件 have no halves."""
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True, min_n_ticks=1)


def plain_axes(ax: Axes, *, grid: Literal["x", "y"] | None = None, labelsize: float | None = None) -> None:
    """The kit's chart style: no top or right frame, no tick marks; optionally light grid lines
    along `grid` behind the bars, and smaller tick labels (the summary's many bodies)."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    if labelsize is not None:
        ax.tick_params(labelsize=labelsize)
    if grid:
        ax.grid(axis=grid, color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)


# what the margins of side_by_side leave around each text, in points (matplotlib's own defaults:
# constrained layout's pad, the tick labels' and the title's distance from the axes)
PAD_PT, TICK_PAD_PT, TITLE_PAD_PT = 3.0, 3.5, 6.0


def side_by_side(fig: Figure, axes: Sequence[Axes]) -> None:
    """Place one row of axes (each with a title, x tick labels below and y tick labels on its
    left) so that every label is inside the figure and the axes are equally wide.

    Why not constrained layout: it finds the margins by measuring every artist of the figure in
    an extra, undrawn rendering pass and then a second layout pass; for the trend chart that was
    ≈ 60 % of the chart's CPU (≈ 0.2–0.3 CPU-s a report in the kernel). Here only the texts that
    decide the margins are measured — the titles, the widest y tick label, the x tick labels —
    with the same renderer and fonts the figure is drawn with, then the axes are placed once."""
    import matplotlib

    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    dpi = fig.dpi
    width, height = fig.get_size_inches() * dpi

    def extent(texts: Iterable[Any]) -> tuple[float, float]:
        sizes = [t.get_window_extent(renderer) for t in texts if t.get_text()]
        return max((b.width for b in sizes), default=0.0), max((b.height for b in sizes), default=0.0)

    def points(pt: float) -> float:
        return pt * dpi / 72

    lefts, top, bottom = [], 0.0, 0.0
    for ax in axes:
        locator, formatter = ax.yaxis.get_major_locator(), ax.yaxis.get_major_formatter()
        low, high = ax.get_ylim()
        ticks = [t for t in locator.tick_values(low, high) if low <= t <= high]
        widest = max(formatter.format_ticks(ticks), key=len, default="")
        probe = ax.text(0, 0, widest, fontsize=matplotlib.rcParams["ytick.labelsize"])
        lefts.append(extent([probe])[0] + points(TICK_PAD_PT))
        probe.remove()
        top = max(top, extent([ax.title])[1] + points(TITLE_PAD_PT))
        bottom = max(bottom, extent(ax.xaxis.get_ticklabels())[1] + points(TICK_PAD_PT))
    pad = points(PAD_PT)
    inner = (width - sum(lefts) - 2 * pad * len(axes)) / len(axes)
    x = 0.0
    for ax, left in zip(axes, lefts, strict=True):
        x += pad + left
        ax.set_position((x / width, (pad + bottom) / height, inner / width, (height - 2 * pad - top - bottom) / height))
        x += inner + pad


def _section_of_table(spec: Spec, table_id: str) -> str | None:
    for section in spec.sections:
        for s in (section, *section.subsections):
            if s.table == table_id:
                return section.id
    return None


def render_png(draw: Callable[[Figure], None], size: tuple[float, float], *, layout: Literal["constrained"] | None = "constrained") -> bytes:
    """PNG bytes of a figure drawn by `draw`, with the CJK font, on a private Agg canvas.

    Every chart of the kit (the report's and the summary's) is drawn through here. `layout=None`
    when `draw` places its axes itself (the trend chart: side_by_side)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    family = require_cjk_font()
    with matplotlib.rc_context({"font.family": [family], "axes.unicode_minus": False, "font.size": 10}):
        fig = Figure(figsize=size, dpi=DPI, layout=layout)
        FigureCanvasAgg(fig)
        draw(fig)
        out = BytesIO()
        fig.savefig(out, format="png", dpi=DPI, metadata={"Software": None}, pil_kwargs={"optimize": False})
    return out.getvalue()
