"""Charts: drawn with a CJK font, from the spec's row groups, small, deterministic, skipped when empty."""

from __future__ import annotations

import io
import warnings

import matplotlib
import pytest
from matplotlib import font_manager
from PIL import Image

from kit.document import build_document
from kit.errors import KitError
from kit.render import charts
from kit.render.charts import ALL_CHARTS, Chart, make_charts, mostly_zero, outcome_chart, outcomes, require_cjk_font, short_label, trend_chart
from kit.report import BodyRef, YearReport
from kit.spec import load_spec
from kit.store import Store

MAX_PNG_BYTES = 80_000


def open_png(chart: Chart) -> Image.Image:
    image = Image.open(io.BytesIO(chart.png))
    image.load()
    assert image.format == "PNG"
    return image


def test_cjk_font_resolves_to_a_noto_cjk_file() -> None:
    family = require_cjk_font()
    path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    assert "CJK" in family and ("NotoSansCJK" in path or "NotoSerifCJK" in path), path


def test_missing_cjk_font_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "CJK_FAMILIES", ("没有这种字体",))
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [])
    with pytest.raises(KitError, match="apt-get install fonts-noto-cjk"):
        require_cjk_font()


def test_outcome_groups_come_from_the_spec(gov2021: YearReport) -> None:
    found = outcomes(gov2021.spec, gov2021)
    assert found is not None
    items, unit = found
    assert unit == "件"
    assert [(i.label, i.count) for i in items] == [("予以公开", 4), ("部分公开", 1), ("不予公开", 1), ("无法提供", 1), ("不予处理", 1), ("其他处理", 0)]


def test_gov2019_groups_include_its_single_other_row(gov2019: YearReport) -> None:
    found = outcomes(gov2019.spec, gov2019)
    assert found is not None
    assert [i.label for i in found[0]][-1] == "其他处理"


def test_short_label_drops_numbering_and_notes() -> None:
    spec = load_spec("gov2021")
    labels = [short_label(r.path[1]) for r in spec.table("applications").blocks[0].rows if len(r.path) > 1]
    assert "部分公开" in labels and all("（" not in x for x in labels)


def test_outcome_chart(gov2021: YearReport) -> None:
    chart = next(c for c in make_charts(build_document(gov2021), [gov2021], ALL_CHARTS) if c.id == "outcomes")
    assert chart.title == "2021年政府信息公开申请办理结果"
    assert chart.alt == "条形图：2021年共办理政府信息公开申请8件，其中予以公开4件，部分公开1件，不予公开1件，无法提供1件，不予处理1件，其他处理0件。"
    assert chart.section == "applications"
    image = open_png(chart)
    assert image.size == (960, 510)
    assert round(image.info["dpi"][0]) == 150
    assert len(chart.png) < MAX_PNG_BYTES
    assert b"Software" not in chart.png and b"Creation Time" not in chart.png  # no tool or time stamp


def test_no_applications_no_outcome_chart(builder, town) -> None:
    zeros = {k: 0 for k in load_spec("gov2021").cell_index if k.startswith("applications.") and not k.endswith(".total")}
    report = builder.year(town, 2021, cells=zeros)
    assert make_charts(build_document(report), [report], ALL_CHARTS) == []


def test_blank_figures_no_outcome_chart(gov2021: YearReport) -> None:
    gov2021.cells["applications.disclosed.natural"] = None
    assert outcomes(gov2021.spec, gov2021) is None


def test_trend_across_editions(builder, town, chain: dict[int, YearReport]) -> None:
    legacy = builder.year(town, 2018)  # legacy2008: 收到申请 is a quoted figure
    history = [legacy, *chain.values()]
    doc = build_document(chain[2022])
    trend = next(c for c in make_charts(doc, history) if c.id == "trend")
    assert trend.title == "2018—2022年主动公开和依申请公开情况"
    assert "依次为120条、120条、120条、120条、120条" in trend.alt
    assert "依次为1件、8件、8件、8件、8件" in trend.alt
    assert trend.section == "overview"
    assert len(trend.png) < MAX_PNG_BYTES
    open_png(trend)


def test_trend_ignores_later_years_and_uses_this_years_doc(chain: dict[int, YearReport]) -> None:
    report = chain[2021]
    report.figures["proactive_total"] = 77  # edited after loading: the doc is what counts
    trend = next(c for c in make_charts(build_document(report), list(chain.values())) if c.id == "trend")
    assert trend.title == "2019—2021年主动公开和依申请公开情况"
    assert "120条、120条、77条；" in trend.alt


def test_trend_needs_two_years(gov2021: YearReport) -> None:
    assert [c.id for c in make_charts(build_document(gov2021), [gov2021], ALL_CHARTS)] == ["outcomes"]


def test_published_report_carries_the_trend_not_the_outcomes_table_three_already_prints(chain: dict[int, YearReport]) -> None:
    doc = build_document(chain[2022])
    assert [c.id for c in make_charts(doc, list(chain.values()))] == ["trend"]
    assert [c.id for c in make_charts(doc, list(chain.values()), ALL_CHARTS)] == ["outcomes", "trend"]


def drawn_axes(monkeypatch: pytest.MonkeyPatch) -> list:
    """The axes a chart function draws, from the real matplotlib figure it renders."""
    from matplotlib.figure import Figure

    drawn: list = []
    real = charts.render_png

    def keep(draw, size, **options):
        def record(fig: Figure) -> None:
            draw(fig)
            drawn.extend(fig.axes)

        return real(record, size, **options)

    monkeypatch.setattr(charts, "render_png", keep)
    return drawn


def drawn_texts(ax) -> list:
    """The texts of `ax` the rendered figure shows: title, tick labels in view, bar labels."""
    low, high = ax.get_ylim()
    y_labels = [label for tick, label in zip(ax.get_yticks(), ax.get_yticklabels(), strict=True) if low <= tick <= high]
    return [t for t in (ax.title, *ax.get_xticklabels(), *y_labels, *ax.texts) if t.get_visible() and t.get_text()]


@pytest.mark.parametrize("largest", [4, 98_765, 2_345_678])
def test_trend_labels_are_inside_the_figure_and_clear_of_the_other_panel(chain: dict[int, YearReport], monkeypatch: pytest.MonkeyPatch, largest: int) -> None:
    """The trend chart places its panels itself (charts.side_by_side, not constrained layout):
    every title, tick label and bar label inside the image and off the other panel, for narrow
    and wide y tick labels; counts of millions as whole numbers (no 1e6 above the axis)."""
    for year, report in chain.items():
        report.figures["proactive_total"] = largest - (2022 - year)
    axes = drawn_axes(monkeypatch)
    assert trend_chart(build_document(chain[2022]), list(chain.values())) is not None
    assert len(axes) == 2
    fig = axes[0].get_figure()
    renderer = fig.canvas.get_renderer()
    frame = fig.bbox
    boxes = [[t.get_window_extent(renderer) for t in drawn_texts(ax)] for ax in axes]
    for box in (b for panel in boxes for b in panel):
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, (box, frame)
    assert max(b.x1 for b in boxes[0]) < min(b.x0 for b in boxes[1])
    assert str(largest) in [t.get_text() for t in axes[0].texts]
    shown = [t.get_text() for t in axes[0].get_yticklabels()]
    assert all(text.isdigit() for text in shown) and not axes[0].yaxis.offsetText.get_text(), shown


def test_counts_are_on_integer_ticks(builder, town, monkeypatch: pytest.MonkeyPatch) -> None:
    # 3 applications, 予以公开 2 and 部分公开 1: matplotlib's own ticks would be 0, 0.5, 1, 1.5, 2
    cells = {k: 0 for k in load_spec("gov2021").cell_index if k.startswith("applications.") and not k.endswith(".total")}
    cells |= {"applications.new.natural": 3, "applications.disclosed.natural": 1, "applications.partial.natural": 1, "applications.unable_not_held.natural": 1}
    report = builder.year(town, 2021, cells=cells)
    axes = drawn_axes(monkeypatch)
    assert outcome_chart(build_document(report)) is not None
    ticks = [t for ax in axes for t in ax.get_xticks()]
    assert ticks and all(float(t).is_integer() for t in ticks), ticks


def test_trend_ticks_are_integers_for_small_counts(builder, town, chain: dict[int, YearReport], monkeypatch: pytest.MonkeyPatch) -> None:
    for year, report in chain.items():
        report.figures["proactive_total"] = year - 2019 + 1  # 1, 2, 3, 4 条
    axes = drawn_axes(monkeypatch)
    assert trend_chart(build_document(chain[2022]), list(chain.values())) is not None
    ticks = [t for ax in axes for t in ax.get_yticks()]
    assert ticks and all(float(t).is_integer() for t in ticks), ticks


def test_mostly_zero() -> None:
    assert mostly_zero([4, 0, 0, 0, 0, 1]) and mostly_zero([None, None, 3])
    assert not mostly_zero([4, 1, 1, 0, 0, 0]) and not mostly_zero([1, 2])


def test_outcomes_mostly_zero_no_chart(builder, town) -> None:
    # a town with 4 applications, all 予以公开 but one 不予处理: 4 of 6 bars would be 0
    cells = {k: 0 for k in load_spec("gov2021").cell_index if k.startswith("applications.") and not k.endswith(".total")}
    cells |= {"applications.new.natural": 4, "applications.disclosed.natural": 3, "applications.rejected_repeat.natural": 1}
    report = builder.year(town, 2021, cells=cells)
    found = outcomes(report.spec, report)
    assert found is not None and sum(1 for i in found[0] if i.count == 0) >= 4
    assert outcome_chart(build_document(report)) is None


def test_trend_panel_of_mostly_zero_requests_is_left_out(chain: dict[int, YearReport], monkeypatch: pytest.MonkeyPatch) -> None:
    zero = {k: 0 for k in load_spec("gov2021").cell_index if k.startswith("applications.") and not k.endswith(".total")}
    for report in chain.values():
        if report.spec.id != "legacy2008":
            report.cells.update({k: v for k, v in zero.items() if k in report.spec.cell_index})
    axes = drawn_axes(monkeypatch)
    trend = trend_chart(build_document(chain[2022]), list(chain.values()))
    assert trend is not None
    assert len(axes) == 1 and "主动公开" in axes[0].get_title()
    assert "申请" not in trend.alt


def test_seed_has_no_charts(seed_store: Store) -> None:
    seed = seed_store.load_year(BodyRef("微山县", "驩城镇"), 2018)
    assert make_charts(build_document(seed), [seed]) == []


def test_same_data_same_png(chain: dict[int, YearReport]) -> None:
    doc = build_document(chain[2022])
    first = make_charts(doc, list(chain.values()))
    second = make_charts(doc, list(chain.values()))
    assert [c.png for c in first] == [c.png for c in second]


def test_no_missing_glyphs_and_global_settings_untouched(chain: dict[int, YearReport]) -> None:
    before = (list(matplotlib.rcParams["font.family"]), matplotlib.rcParams["axes.unicode_minus"], matplotlib.get_backend())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        made = make_charts(build_document(chain[2022]), list(chain.values()), ALL_CHARTS)
    assert len(made) == 2
    assert not [w for w in caught if "Glyph" in str(w.message) or "missing from font" in str(w.message)]
    assert (list(matplotlib.rcParams["font.family"]), matplotlib.rcParams["axes.unicode_minus"], matplotlib.get_backend()) == before


def test_one_placement_for_every_renderer(gov2021: YearReport) -> None:
    """Document.chart_slots: after the last block of the section, numbered in printed order; no section -> the end."""
    from kit.document import Heading

    doc = build_document(gov2021)
    sections = [s.id for s in doc.report.spec.sections]
    applications = next(s.id for s in doc.report.spec.sections if s.table == "applications")
    first = Chart("first", "第一节", b"", "", sections[0])
    table = Chart("table", "申请", b"", "", applications)
    loose = Chart("loose", "无所属", b"", "", None)
    unknown = Chart("unknown", "节不存在", b"", "", "no_such_section")
    slots = doc.chart_slots([loose, table, first, unknown])
    placed = [(slot, number, chart.id) for slot, pairs in slots.items() for number, chart in pairs]
    assert [(number, id_) for _, number, id_ in placed] == [(1, "first"), (2, "table"), (3, "loose"), (4, "unknown")]
    assert placed[2][0] is None and placed[3][0] is None
    for slot, _, id_ in placed[:2]:
        section = sections[0] if id_ == "first" else applications
        following = doc.blocks[slot + 1]
        assert isinstance(following, Heading) and following.level == 1  # the next section starts right after
        heading = next(b for b in reversed(doc.blocks[: slot + 1]) if isinstance(b, Heading) and b.level == 1)
        assert heading.section == section


def test_one_word_for_a_blank_in_every_chart() -> None:
    """The report's charts, the summary's and the rule messages print a blank the same way (未填写)."""
    from decimal import Decimal

    from kit.messages import rules as rule_messages
    from kit.messages.store import BLANK_FIGURE

    assert charts.figure_or_blank(None) == charts.figure_or_blank(None, "件") == BLANK_FIGURE == "未填写"
    assert rule_messages.figure(None) == f"（{BLANK_FIGURE}）"
    assert charts.figure_or_blank(12, "件") == "12件" and charts.figure_or_blank(Decimal("0.350"), "万元") == "0.35万元"
    assert charts.figure_or_blank(120.0) == "120" and charts.figure_or_blank(2.5) == "2.5"  # the summary's figures come as floats


def test_summary_charts_use_only_the_public_chart_renderer() -> None:
    """kit.render.summary_charts draws through kit.render.charts' public functions, none of its private ones."""
    import ast
    from pathlib import Path

    import kit.render.summary_charts as summary_charts

    tree = ast.parse(Path(summary_charts.__file__).read_text(encoding="utf-8"))
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module == "kit.render.charts" for a in n.names}
    attributes = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "charts"}
    assert imported and not [name for name in imported | attributes if name.startswith("_")]
    assert not any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "getattr" for n in ast.walk(tree))
