"""The fill-in form as ipywidgets: the only module of the kit that imports them.

Everything shown is generated from the edition's spec (tables laid out by kit.form.grid, prose
sections with their guidance, the figures) and everything done is done by kit.form.model; this
module maps field keys to widgets and back. The same form runs in JupyterLab
(notebooks/fill_in.ipynb) and as a web page (`kit serve`, Voila).

Numbers are typed into Text widgets, not IntText: an IntText silently turns "1２" or "3.5" into
something else, and the clerk must see what they typed, refused or not, until they fix it.

Every widget a test or a browser needs carries a CSS class naming its field (`kit-k-…`, see
`css_key`), so tests find cells by the spec's keys, never by position or label.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import html
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle

from kit import paths
from kit.errors import ConflictError, KitError
from kit.form.actions import FORMATS, export, preview_html
from kit.form.grid import Grid, table_grid
from kit.form.model import PROFILE_FIELDS, Check, FormModel
from kit.report import BODY_FIELDS, BodyRef
from kit.spec import Section, Table, load_levels
from kit.store import Store
from kit.values import format_figure

CSS_FILE = paths.TEMPLATES / "form" / "form.css"
MARKS = ("error", "blank", "warning")
esc = html.escape


def css_key(key: str) -> str:
    """A field key as a CSS class: tables.applications.new.natural -> kit-k-tables-applications-new-natural."""
    return "kit-k-" + key.replace(".", "-").replace("[", "-").replace("]", "")


def default_parameters() -> Path:
    """KIT_PARAMETERS (set by `kit serve`), else parameters/ beside notebooks/ in the project."""
    env = os.environ.get("KIT_PARAMETERS")
    return Path(env) if env else paths.CHECKOUT / "parameters"


def open_form(parameters: str | Path | None = None, body: str | None = None, year: int | None = None) -> FillInForm:
    """The form for the notebook: pick a body and a year (or give them here to open one directly).

    >>> from kit import paths
    >>> form = open_form(paths.CHECKOUT / "parameters")  # the chooser: county, body, year
    >>> type(form).__name__
    'FillInForm'
    """
    return FillInForm(Store(parameters or default_parameters()), body=body, year=year)


@functools.cache
def _css() -> str:
    return f"<style>{CSS_FILE.read_text(encoding='utf-8')}</style>"


class _Shared:
    """Layouts and styles shared by many widgets: one model each instead of one per widget."""

    def __init__(self) -> None:
        self._layouts: dict[tuple[Any, ...], w.Layout] = {}
        self.text_style = TextStyle()
        self.html_style = HTMLStyle()

    def span(self, rowspan: int, colspan: int) -> w.Layout:
        """A grid item's span, as `grid-area` only: ipywidgets applies layout traits one by one and
        clears `grid-area` (a shorthand) after setting `grid-row`/`grid-column`, wiping them."""
        if rowspan == colspan == 1:
            return self.layout()
        return self.layout(grid_area=f"auto / auto / span {rowspan} / span {colspan}")

    def layout(self, **kwargs: str) -> w.Layout:
        key = tuple(sorted(kwargs.items()))
        if key not in self._layouts:
            self._layouts[key] = w.Layout(**kwargs)
        return self._layouts[key]

    def html(self, value: str, *classes: str, layout: w.Layout | None = None) -> w.HTML:
        widget = w.HTML(value, layout=layout or self.layout(), style=self.html_style)
        for c in classes:
            widget.add_class(c)
        return widget


def _set_mark(widget: w.DOMWidget, mark: str | None) -> None:
    for m in MARKS:
        cls = f"kit-mark-{m}"
        if m == mark and cls not in widget._dom_classes:
            widget.add_class(cls)
        elif m != mark and cls in widget._dom_classes:
            widget.remove_class(cls)


def _set(widget: w.Widget, name: str, value: Any) -> None:
    """Assign only when different: every assignment is a message to the browser."""
    if getattr(widget, name) != value:
        setattr(widget, name, value)


# ---------------------------------------------------------------------------------------------
# the whole page: choose a body and a year, then edit


class FillInForm(w.VBox):
    """Chooser on top, the editor of the open report below."""

    def __init__(self, store: Store, body: str | None = None, year: int | None = None) -> None:
        self.store = store
        self.editor: ReportEditor | None = None
        self.chooser = Chooser(store, self.show, lambda: self.editor is not None and self.editor.model.dirty)
        self.slot = w.VBox()
        super().__init__([w.HTML(_css()), self.chooser.box, self.slot])
        self.add_class("kit-form")
        if body:
            self.chooser.select(BodyRef.parse(body), year)
            if year is not None:
                self.chooser.open_clicked()

    def show(self, model: FormModel) -> None:
        self.editor = ReportEditor(model, reopen=self.show)
        self.slot.children = [self.editor]


class Chooser:
    """County, body and year; or a new year started from last year (上年结转 carried)."""

    def __init__(self, store: Store, on_open: Callable[[FormModel], None], dirty: Callable[[], bool]) -> None:
        self.store = store
        self.on_open = on_open
        self.dirty = dirty
        self._confirm: str | None = None  # the action waiting for a second click (unsaved changes)
        counties = store.counties()
        self.county = w.Dropdown(description="县（市、区）", options=counties, value=counties[0] if counties else None)
        self.body = w.Dropdown(description="报告主体")
        self.year = w.Dropdown(description="年度")
        self.open_button = w.Button(description="打开", button_style="primary", icon="folder-open")
        self.open_button.add_class("kit-open")
        self.new_year = w.Text(description="新的年度", layout=w.Layout(width="190px"))
        self.new_button = w.Button(description="从上年开始新的一年", icon="plus", layout=w.Layout(width="auto"))
        self.new_button.add_class("kit-new-year")
        self.message = w.HTML()
        self.message.add_class("kit-choose-message")
        for widget, css in ((self.county, "kit-county"), (self.body, "kit-body"), (self.year, "kit-year"), (self.new_year, "kit-new-year-text")):
            widget.style.description_width = "initial"
            widget.add_class(css)
        self.county.observe(lambda _: self._fill_bodies(), "value")
        self.body.observe(lambda _: self._fill_years(), "value")
        self.open_button.on_click(lambda _: self.open_clicked())
        self.new_button.on_click(lambda _: self.new_clicked())
        self.box = w.VBox(
            [w.HBox([self.county, self.body, self.year, self.open_button]), w.HBox([self.new_year, self.new_button]), self.message],
            layout=w.Layout(border="1px solid #e5e7eb", padding="6px", margin="4px 0 8px"),
        )
        self._fill_bodies()
        if not counties:
            self._say(f"参数文件夹 {esc(str(store.root))} 中还没有报告主体（应为 县/主体/body.yaml）。", bad=True)

    def _say(self, text: str, bad: bool = False) -> None:
        self.message.value = f'<span class="{"kit-bad" if bad else "kit-ok"}">{text}</span>'

    def _fill_bodies(self) -> None:
        bodies = [ref.body for ref in self.store.bodies(self.county.value)] if self.county.value else []
        self.body.options = bodies
        self.body.value = bodies[0] if bodies else None
        self._fill_years()

    def _fill_years(self) -> None:
        ref = self.ref
        years = sorted(self.store.years(ref), reverse=True) if ref else []
        self.year.options = [(f"{y}年", y) for y in years]
        self.year.value = years[0] if years else None
        self.new_year.value = str((years[0] + 1) if years else dt.date.today().year - 1)
        self._confirm = None

    @property
    def ref(self) -> BodyRef | None:
        return BodyRef(self.county.value, self.body.value) if self.county.value and self.body.value else None

    def select(self, ref: BodyRef, year: int | None) -> None:
        self.county.value = ref.county
        self.body.value = ref.body
        if year is not None and year in [v for _, v in self.year.options]:
            self.year.value = year

    def _guard(self, action: str) -> bool:
        """With unsaved changes, the first click only warns; a second click goes ahead."""
        if self.dirty() and self._confirm != action:
            self._confirm = action
            self._say("当前报告有未保存的修改。请先点“保存”；如确定放弃这些修改，请再点一次。", bad=True)
            return False
        self._confirm = None
        return True

    def open_clicked(self) -> None:
        ref, year = self.ref, self.year.value
        if ref is None or year is None:
            self._say("请先选择报告主体和年度；还没有年度时，请用“从上年开始新的一年”。", bad=True)
            return
        if self._guard("open"):
            self._run(lambda: FormModel.open(self.store, ref, int(year)), "已打开")

    def new_clicked(self) -> None:
        ref, text = self.ref, self.new_year.value.strip()
        if ref is None:
            self._say("请先选择报告主体。", bad=True)
            return
        if not (text.isascii() and text.isdigit() and len(text) == 4):
            self._say(f"年度应为四位数字，例如 2025，实为“{esc(text)}”", bad=True)
            return
        if self._guard("new"):
            self._run(lambda: FormModel.start_year(self.store, ref, int(text)), "已新建")

    def _run(self, load: Callable[[], FormModel], done: str) -> None:
        try:
            model = load()
        except KitError as exc:
            self._say(esc(str(exc)).replace("\n", "<br>"), bad=True)
            return
        year = model.report.year
        if year not in [v for _, v in self.year.options]:
            self._fill_years()
        self.year.value = year
        message = f"{done} {esc(model.title)}"
        if done == "已新建":
            carried = sum(v is not None for v in model.report.cells.values())
            if model.previous is None:
                message += f"（没有找到{year - 1}年的报告，上年结转请自行填写）"
            else:
                message += f"，从{year - 1}年的报告带入 {carried} 项（上年结转等）"
        self._say(message)
        self.on_open(model)


# ---------------------------------------------------------------------------------------------
# one report


class ReportEditor(w.VBox):
    """Toolbar, the report's parts in printed order, and the live findings panel."""

    def __init__(self, model: FormModel, reopen: Callable[[FormModel], None] | None = None) -> None:
        self.model = model
        self.reopen = reopen
        self.shared = _Shared()
        self.inputs: dict[str, w.Text] = {}  # every typed number: table cells and figures
        self.computed: dict[str, w.HTML] = {}  # computed totals, read-only
        self.notes: dict[str, w.HTML] = {}  # "table.row" (grid rows) or a figure key -> refused message
        self.table_notes: dict[str, w.HTML] = {}
        self.prose: dict[str, w.Textarea] = {}
        self.profile: dict[str, w.Widget] = {}
        self.breakdowns: dict[str, BreakdownEditor] = {}
        self._marked: dict[str, str | None] = {}
        self._quiet = False
        self._toolbar()
        parts = [self._profile_part(), self._figures_part()]
        if model.spec.free_form:
            parts.append(self._prose_box("opening", "开头段落", None, model.report.prose.get("opening")))
        for section in model.spec.sections:
            parts += self._section(section)
        self.findings = w.HTML()
        self.findings.add_class("kit-findings")
        side = w.VBox([w.HTML("<b>检查结果</b>"), self.findings, self._ack_box()], layout=w.Layout(flex="0 0 330px", width="330px"))
        side.add_class("kit-side")
        main = w.VBox(parts, layout=w.Layout(flex="1 1 auto", min_width="0"))
        super().__init__([self.bar, w.HBox([main, side], layout=w.Layout(align_items="flex-start"))])
        self.add_class("kit-editor")
        self.refresh()

    # toolbar --------------------------------------------------------------------------------

    def _toolbar(self) -> None:
        self.status = w.HTML()
        self.status.add_class("kit-status")
        self.save_button = w.Button(description="保存", button_style="success", icon="save")
        self.save_button.add_class("kit-save")
        self.preview_button = w.Button(description="预览", icon="eye")
        self.preview_button.add_class("kit-preview-button")
        self.export_button = w.Button(description="导出", icon="download")
        self.export_button.add_class("kit-export")
        self.formats = {
            f: w.Checkbox(value=True, description=label, indent=False, layout=w.Layout(width="auto")) for f, label in FORMATS.items()
        }
        self.progress = w.FloatProgress(min=0, max=1, layout=w.Layout(width="160px", visibility="hidden"))
        self.message = w.HTML()
        self.reload_button = w.Button(description="重新读取文件（放弃本页修改）", button_style="warning", layout=w.Layout(width="auto", display="none"))
        self.reload_button.add_class("kit-reload")
        self.preview = w.HTML(layout=w.Layout(display="none"))
        self.preview.add_class("kit-preview")
        self.close_preview = w.Button(description="关闭预览", icon="times", layout=w.Layout(display="none"))
        self.save_button.on_click(lambda _: self.save())
        self.preview_button.on_click(lambda _: self.show_preview())
        self.export_button.on_click(lambda _: self.export())
        self.reload_button.on_click(lambda _: self.reload())
        self.close_preview.on_click(lambda _: self._hide_preview())
        title = w.HTML(f"<b>{esc(self.model.title)}</b>　<span class='kit-hint'>{esc(str(self.model.report.file or ''))}</span>")
        self.bar = w.VBox(
            [
                w.HBox([title, self.status], layout=w.Layout(justify_content="space-between")),
                w.HBox([self.save_button, self.preview_button, self.export_button, *self.formats.values(), self.progress]),
                self.message,
                self.reload_button,
                self.close_preview,
                self.preview,
            ]
        )
        self.bar.add_class("kit-toolbar")

    def _say(self, text: str, bad: bool = False) -> None:
        self.message.value = f'<span class="{"kit-bad" if bad else "kit-ok"}">{text}</span>'

    # parts ----------------------------------------------------------------------------------

    def _heading(self, text: str, level: int = 2) -> w.HTML:
        return self.shared.html(esc(text), f"kit-h{level}")

    def _profile_part(self) -> w.Widget:
        rows = []
        for key in PROFILE_FIELDS:
            value = self.model.profile[key]
            if key == "level":
                widget: w.Widget = w.Dropdown(options=list(load_levels()), value=value or None, description=BODY_FIELDS[key])
            else:
                widget = w.Text(value=value, description=BODY_FIELDS[key], layout=w.Layout(width="560px"))
            widget.style.description_width = "12em"
            widget.add_class(css_key(f"body.{key}"))
            widget.observe(functools.partial(self._on_profile, key), "value")
            self.profile[key] = widget
            note = self.shared.html("", "kit-field-note")
            self.notes[f"body.{key}"] = note
            rows.append(w.HBox([widget, note]))
        hint = self.shared.html("这些信息写在 body.yaml 中，本主体各年度的报告共用（开头段落中的网址、地址、电话等取自这里）。", "kit-hint")
        box = w.Accordion([w.VBox([hint, *rows])], titles=(f"主体信息：{self.model.report.body.full_name}",))
        needed = any(f.key and f.key.startswith("body.") for f in self.model.check().findings)
        box.selected_index = 0 if needed else None  # open it when the report needs something from it
        return box

    def _figures_part(self) -> w.Widget:
        spec = self.model.spec
        children: list[w.Widget] = [self._heading("报告正文中引用的数字")]
        names = "　".join(f"${{figures.{f.id}}}（{f.label}）" for f in spec.figures)
        children.append(self.shared.html(esc(f"正文中引用这些数字时请写占位符，生成报告时自动换成数字，不必重复输入：{names}"), "kit-hint"))
        for fig in spec.figures:
            key = f"figures.{fig.id}"
            if fig.kind == "breakdown":
                editor = BreakdownEditor(self, fig.id, fig.label, fig.unit)
                self.breakdowns[fig.id] = editor
                children.append(editor.box)
                continue
            text = w.Text(value=self.model.texts[key], description=fig.label, layout=w.Layout(width="420px"))
            text.style.description_width = "16em"
            text.add_class(css_key(key))
            text.observe(functools.partial(self._on_input, key), "value")
            self.inputs[key] = text
            note = self.shared.html("", "kit-field-note")
            self.notes[key] = note
            box = w.HBox([text, self.shared.html(esc(fig.unit)), note])
            box.add_class("kit-figure")
            children.append(box)
        return w.VBox(children)

    def _section(self, section: Section) -> list[w.Widget]:
        report = self.model.report
        title = report.titles.get(section.id) or section.title
        out: list[w.Widget] = [self._heading(f"{section.number}{title}")]
        for sub in section.subsections:
            out.append(self._prose_box(sub.id, f"{sub.number}{report.titles.get(sub.id) or sub.title}", sub.guidance, report.prose.get(sub.id)))
        if section.table:
            out.append(self._table(self.model.spec.table(section.table)))
        if section.is_prose:
            out.append(self._prose_box(section.id, None, section.guidance, report.prose.get(section.id)))
        return out

    def _prose_box(self, section_id: str, heading: str | None, guidance: str | None, text: str | None) -> w.Widget:
        area = w.Textarea(value=text or "", placeholder=guidance or "", rows=max(4, min(18, len(text or "") // 60 + 2)), layout=w.Layout(width="100%"))
        area.add_class("kit-prose")
        area.add_class(css_key(f"prose.{section_id}"))
        area.observe(functools.partial(self._on_prose, section_id), "value")
        self.prose[section_id] = area
        children: list[w.Widget] = [self._heading(heading, 3)] if heading else []
        if guidance:
            children.append(self.shared.html(f"填写提示：{esc(guidance)}", "kit-hint"))
        return w.VBox([*children, area])

    def _table(self, table: Table) -> w.Widget:
        grid = table_grid(table)
        children = [self._piece_widget(table, p) for p in grid.pieces]
        template = self._template(grid)
        box = w.GridBox(children, layout=w.Layout(grid_template_columns=template))
        box.add_class("kit-grid")
        box.add_class(f"kit-table-{table.id}")
        note = self.shared.html("", "kit-hint")
        self.table_notes[table.id] = note
        hint = self.shared.html("灰色格为合计，由系统计算。可从 Excel/WPS 复制一行或整块数字，粘贴到起始格。", "kit-hint")
        return w.VBox([hint, box, note], _dom_classes=("kit-grid-wrap",))

    @staticmethod
    def _template(grid: Grid) -> str:
        labels = ["minmax(3.5em, 8em)"] * max(0, grid.label_columns - 1) + (["minmax(9em, 22em)"] if grid.label_columns else [])
        values = grid.columns - grid.label_columns - 1
        per = "minmax(3.8em, 6.5em)" if values <= 8 else "minmax(3.8em, 5em)"
        return " ".join([*labels, *([per] * values), "minmax(6em, 16em)"])

    def _piece_widget(self, table: Table, piece: Any) -> w.Widget:
        layout = self.shared.span(piece.rowspan, piece.colspan)
        if piece.role == "input":
            key = f"tables.{piece.key}"
            text = w.Text(value=self.model.texts[key], layout=layout, style=self.shared.text_style, tooltip=self.model.fields[key].printed)
            text.add_class("kit-cell")
            text.add_class(css_key(key))
            text.observe(functools.partial(self._on_input, key), "value")
            self.inputs[key] = text
            return text
        if piece.role == "computed":
            cell = self.shared.html("", "kit-computed", css_key(f"tables.{piece.key}"), layout=layout)
            cell.tooltip = "合计，由系统计算"
            self.computed[piece.key] = cell
            return cell
        if piece.role == "note":
            note = self.shared.html("", "kit-note", layout=layout)
            if piece.key:
                self.notes[piece.key] = note
            return note
        css = {"block": "kit-block", "corner": "kit-corner", "column": "kit-head", "row": "kit-rowhead"}[piece.role]
        return self.shared.html(esc(piece.text), css, layout=layout)

    def _ack_box(self) -> w.Widget:
        self.ack_choice = w.Dropdown(description="提示", layout=w.Layout(width="100%"))
        self.ack_reason = w.Text(placeholder="确认的理由，例如：两个发布渠道有重叠", layout=w.Layout(width="100%"))
        self.ack_button = w.Button(description="确认此提示", icon="check")
        self.ack_button.add_class("kit-ack")
        self.unack_button = w.Button(description="撤销确认", icon="undo")
        self.unack_button.add_class("kit-unack")
        self.ack_message = w.HTML()
        self.ack_choice.style.description_width = "3em"
        self.ack_choice.observe(lambda _: self._ack_selected(), "value")
        self.ack_button.on_click(lambda _: self.acknowledge())
        self.unack_button.on_click(lambda _: self.unacknowledge())
        intro = self.shared.html("“提示”不一定是错误：核实无误后，可写明理由予以确认，理由保存在本年度文件中。", "kit-hint")
        self.ack = w.VBox([w.HTML("<b>确认提示</b>"), intro, self.ack_choice, self.ack_reason, w.HBox([self.ack_button, self.unack_button]), self.ack_message])
        return self.ack

    # reacting to the clerk ----------------------------------------------------------------------

    def _on_input(self, key: str, change: dict[str, Any]) -> None:
        if self._quiet:
            return
        edit = self.model.set_text(key, change["new"])
        if edit.changed:
            self._quiet = True
            try:
                for other, text in edit.changed.items():
                    _set(self.inputs[other], "value", text)
            finally:
                self._quiet = False
            self.table_notes[key.split(".")[1]].value = f'<span class="kit-ok">{esc(edit.note or "")}</span>'
        self.refresh()

    def _on_prose(self, section: str, change: dict[str, Any]) -> None:
        self.model.set_prose(section, change["new"])
        self.refresh()

    def _on_profile(self, key: str, change: dict[str, Any]) -> None:
        self.model.set_profile(key, change["new"] or "")
        self.refresh()

    def refresh(self) -> Check:
        """Totals, marks, notes, findings and the unsaved state, after any change (only what changed is sent)."""
        check = self.model.check()
        for key, cell in self.computed.items():
            value = check.values.get(key)
            if value is None and check.partial.get(key):
                _set(cell, "value", f'<span class="kit-partial" title="还有格子未填写，这是已填部分之和">{format_figure(check.partial[key])}…</span>')
            else:
                _set(cell, "value", format_figure(value))
        for key, widget in [*self.inputs.items(), *(("tables." + k, v) for k, v in self.computed.items()), *self._prose_items(), *self._profile_items()]:
            mark = check.marks.get(key)
            if self._marked.get(key) != mark:
                _set_mark(widget, mark)
                self._marked[key] = mark
        self._notes()
        for editor in self.breakdowns.values():
            editor.refresh(check)
        self._findings(check)
        dirty = self.model.dirty
        _set(self.status, "value", '<span class="kit-dirty">● 有未保存的修改</span>' if dirty else '<span class="kit-clean">✓ 已保存，没有未保存的修改</span>')
        return check

    def _prose_items(self) -> list[tuple[str, w.Widget]]:
        return [(f"prose.{k}", v) for k, v in self.prose.items()]

    def _profile_items(self) -> list[tuple[str, w.Widget]]:
        return [(f"body.{k}", v) for k, v in self.profile.items()]

    def _notes(self) -> None:
        by_place: dict[str, list[str]] = {}
        for key, message in self.model.refused.items():
            head, _, rest = key.partition(".")
            if head == "tables":
                table, row, column = rest.split(".")
                label = next(c.label for c in self.model.spec.table(table).block_of(row).columns if c.id == column)
                by_place.setdefault(f"{table}.{row}", []).append(f"{label}：{message}")
            else:
                by_place.setdefault(key, []).append(message)
        for place, note in self.notes.items():
            _set(note, "value", "<br>".join(f"✗ {esc(m)}" for m in by_place.get(place, [])))

    def _findings(self, check: Check) -> None:
        errors = [f for f in check.errors if f.rule != "blank"]
        blanks = [f for f in check.errors if f.rule == "blank"]
        warnings = check.open_warnings
        acked = [f for f in check.findings if f.acknowledged]
        if not check.findings:
            summary = '<div class="kit-summary kit-ok">✓ 没有发现问题</div>'
        else:
            counts = [f"{len(errors)} 个错误", f"{len(blanks)} 处未填写", f"{len(warnings)} 条提示"] + ([f"{len(acked)} 条已确认"] if acked else [])
            summary = f'<div class="kit-summary">{" · ".join(counts)}</div>'

        def items(findings: list, css: str, label: str) -> str:
            return "".join(
                f'<li class="{css}"><b>{label}</b> <span class="where">{esc(f.printed or "")}</span>：{esc(f.message)}'
                + (f"<br><i>确认理由：{esc(f.acknowledged)}</i>" if f.acknowledged else "")
                + "</li>"
                for f in findings
            )

        parts = [summary, "<ol>", items(errors, "kit-f-error", "错误"), items(warnings, "kit-f-warning", "提示"), "</ol>"]
        if blanks:
            parts.append(
                f"<details{' open' if len(blanks) <= 8 else ''}><summary>未填写（{len(blanks)} 处，没有发生的请填 0）</summary><ol>{items(blanks, 'kit-f-error', '未填写')}</ol></details>"
            )
        if acked:
            parts.append(f"<details><summary>已确认的提示（{len(acked)} 条）</summary><ol>{items(acked, 'kit-f-ack', '已确认')}</ol></details>")
        _set(self.findings, "value", "".join(parts))
        options = [(f"{'[已确认] ' if f.acknowledged else ''}{f.printed or ''}：{f.message}"[:120], f.id) for f in check.findings if not f.is_error]
        if tuple(options) != tuple(self.ack_choice.options):
            current = self.ack_choice.value
            self.ack_choice.options = options
            self.ack_choice.value = current if current in [v for _, v in options] else (options[0][1] if options else None)
        _set(self.ack.layout, "display", "flex" if options else "none")

    # acknowledging ------------------------------------------------------------------------------

    def _ack_selected(self) -> None:
        self.ack_reason.value = self.model.report.acknowledged.get(self.ack_choice.value or "", "")

    def acknowledge(self) -> None:
        try:
            self.model.acknowledge(self.ack_choice.value or "", self.ack_reason.value)
        except KitError as exc:
            self.ack_message.value = f'<span class="kit-bad">{esc(str(exc))}</span>'
            return
        self.ack_message.value = '<span class="kit-ok">已确认（保存后写入本年度文件）</span>'
        self.refresh()

    def unacknowledge(self) -> None:
        self.model.unacknowledge(self.ack_choice.value or "")
        self.ack_reason.value = ""
        self.ack_message.value = '<span class="kit-ok">已撤销确认</span>'
        self.refresh()

    # save, preview, export ----------------------------------------------------------------------

    def save(self) -> None:
        try:
            message = self.model.save()
        except ConflictError as exc:
            self._say(esc(str(exc)), bad=True)
            self.reload_button.layout.display = "flex"
            return
        except KitError as exc:
            self._say(esc(str(exc)), bad=True)
            return
        self._say(esc(message), bad="不是有效数字" in message)
        self.refresh()

    def reload(self) -> None:
        """After a conflict: the file as it is on disk now, this page's changes dropped."""
        try:
            model = self.model.reopen()
        except KitError as exc:
            self._say(esc(str(exc)), bad=True)
            return
        if self.reopen:
            self.reopen(model)

    def show_preview(self) -> None:
        try:
            page = preview_html(self.model)
        except KitError as exc:
            self._say(esc(str(exc)), bad=True)
            return
        self.preview.value = f'<iframe srcdoc="{esc(page, quote=True)}" style="width:100%;height:70vh;border:0;background:#fff" title="报告预览"></iframe>'
        self.preview.layout.display = "block"
        self.close_preview.layout.display = "flex"
        draft = "（尚有错误，按草稿显示，错误列在文末）" if self.model.check().errors else ""
        self._say(f"预览已生成{draft}。")

    def _hide_preview(self) -> None:
        self.preview.value = ""
        self.preview.layout.display = "none"
        self.close_preview.layout.display = "none"

    def export(self, out_dir: Path | None = None) -> list[Path]:
        formats = [f for f, box in self.formats.items() if box.value]
        self.progress.value = 0
        self.progress.layout.visibility = "visible"

        def progress(what: str, done: float) -> None:
            self.progress.value = max(0.0, min(1.0, done))
            self._say(esc(what))

        try:
            result = export(self.model, formats, progress, out_dir)
        except KitError as exc:
            self._say(esc(str(exc)).replace("\n", "<br>"), bad=True)
            return []
        finally:
            self.progress.layout.visibility = "hidden"
        links = "　".join(_download_link(p) for p in result.files)
        draft = "（尚有错误，已按草稿导出，带“草稿”标记）" if result.draft else ""
        self._say(f"已导出{draft}：{links}")
        return result.files


def _download_link(path: Path) -> str:
    """A link that downloads the file from the page itself (works in JupyterLab and Voila alike),
    with the path on disk beside it for whoever looks for it in the exports folder."""
    types = {".pdf": "application/pdf", ".html": "text/html", ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    mime = types.get(path.suffix, "application/octet-stream")
    return f'<a class="kit-download" download="{esc(path.name)}" href="data:{mime};base64,{data}">{esc(path.name)}</a> <span class="kit-hint">{esc(str(path))}</span>'


class BreakdownEditor:
    """A breakdown figure (items by category or channel) as an editable list, its sum shown live."""

    def __init__(self, editor: ReportEditor, figure: str, label: str, unit: str) -> None:
        self.editor = editor
        self.figure = figure
        self.unit = unit
        self.rows: list[tuple[w.Text, w.Text, w.HTML]] = []
        self.list = w.VBox()
        self.sum = editor.shared.html("", "kit-hint")
        add = w.Button(description="添加一项", icon="plus")
        add.on_click(lambda _: self._add())
        self.box = w.VBox([w.HTML(f"<b>{esc(label)}</b>（{esc(unit)}，可不填；各项可以重叠，如按渠道统计）"), self.list, w.HBox([add, self.sum])])
        self.box.add_class(css_key(f"figures.{figure}"))
        for row in editor.model.breakdowns.get(figure, []):
            self._row(row.name, row.text)
        self._show()

    def _row(self, name: str, text: str) -> None:
        name_w = w.Text(value=name, placeholder="类别或渠道，如 政府网站", layout=w.Layout(width="220px"))
        count_w = w.Text(value=text, placeholder=self.unit, layout=w.Layout(width="110px"))
        note = w.HTML()
        note.add_class("kit-field-note")
        for widget in (name_w, count_w):
            widget.observe(lambda _: self._changed(), "value")
        self.rows.append((name_w, count_w, note))

    def _show(self) -> None:
        children = []
        for i, (name_w, count_w, note) in enumerate(self.rows):
            remove = w.Button(description="删除", icon="trash", layout=w.Layout(width="auto"))
            remove.on_click(functools.partial(lambda i, _: self._remove(i), i))
            count_w.add_class(css_key(f"figures.{self.figure}[{i}]"))
            children.append(w.HBox([name_w, count_w, remove, note]))
        self.list.children = children

    def _add(self) -> None:
        self._row("", "")
        self._show()
        self._changed()

    def _remove(self, index: int) -> None:
        del self.rows[index]
        for _, count_w, _ in self.rows:  # keys follow positions: _show sets them again
            for cls in [c for c in count_w._dom_classes if c.startswith(css_key(f"figures.{self.figure}["))]:
                count_w.remove_class(cls)
        self._show()
        self._changed()

    def _changed(self) -> None:
        self.editor.model.set_breakdown(self.figure, [(n.value, c.value) for n, c, _ in self.rows])
        self.editor.refresh()

    def refresh(self, check: Check) -> None:
        model_rows = self.editor.model.breakdowns.get(self.figure, [])
        for (_, _, note), row in zip(self.rows, model_rows, strict=False):
            _set(note, "value", f"✗ {esc(row.refused)}" if row.refused else "")
        items = self.editor.model.report.figures.get(self.figure) or []
        if items:
            total = sum(i.count for i in items if i.count is not None)
            _set(self.sum, "value", f"各项合计 {format_figure(total)}{esc(self.unit)}")
        else:
            _set(self.sum, "value", "")
        mark = check.marks.get(f"figures.{self.figure}")
        for i, (_, count_w, _) in enumerate(self.rows):
            _set_mark(count_w, check.marks.get(f"figures.{self.figure}[{i}]") or mark)
