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
import re
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle

from kit import paths
from kit.errors import ConflictError, KitError
from kit.findings import Finding, RuleId
from kit.form import autosave, conflict, years
from kit.form.actions import FORMATS, export, preview_html
from kit.form.bridge import Bridge
from kit.form.grid import Grid, Piece, table_grid
from kit.form.model import PROFILE_FIELDS, Check, Difference, FormModel
from kit.form.project import default_parameters
from kit.form.prose_marks import figure_choices, from_display, mark, to_display
from kit.messages import cycle as cycle_say
from kit.messages import form as msg
from kit.report import BODY_FIELDS, BodyRef
from kit.server.scope import store_for
from kit.spec import Section, Table, load_levels
from kit.store import Store
from kit.values import format_figure

CSS_FILE = paths.TEMPLATES / "form" / "form.css"
MARKS = ("error", "blank", "warning")
esc = html.escape


def css_key(key: str) -> str:
    """A field key as a CSS class: tables.applications.new.natural -> kit-k-tables-applications-new-natural."""
    return "kit-k-" + key.replace(".", "-").replace("[", "-").replace("]", "")


def open_form(parameters: str | Path | None = None, body: str | None = None, year: int | None = None) -> FillInForm:
    """The form for the notebook: pick a body and a year (or give them here to open one directly).

    `parameters=None` is the project the notebook was opened in (kit.form.project), never the
    kit's installed checkout.

    >>> from kit import paths
    >>> form = open_form(paths.CHECKOUT / "parameters")  # the chooser: county, body, year
    >>> type(form).__name__
    'FillInForm'
    """
    return FillInForm(store_for(parameters or default_parameters()), body=body, year=year)


@functools.cache
def _css() -> str:
    return f"<style>{CSS_FILE.read_text(encoding='utf-8')}</style>"


_PROGRAMMER = re.compile(r"（[A-Za-z_][A-Za-z0-9_.\[\]]*）|\(?body\.yaml\)?|\$\{[^}]*\}")


def plain_message(text: str) -> str:
    """A finding's message without what only a programmer reads: （website_name）, （body.yaml）, ${…}."""
    return _PROGRAMMER.sub("", text)


def cell_name(table: Table, key: str) -> str:
    """A cell's accessible name as a clerk reads the printed table: its row · its column, e.g.
    "（一）予以公开 · 自然人" (a row's outer group and a column header shared by every column of
    the block are left out: they name the whole table, not the cell)."""
    _, row_id, column_id = key.split(".")
    block = table.block_of(row_id)
    row = next(r for r in block.rows if r.id == row_id)
    column = next(c for c in block.columns if c.id == column_id)
    row_path = row.path[1:] if len(row.path) > 1 else row.path
    shared = len({c.path[0] for c in block.columns}) == 1 and len(column.path) > 1
    column_path = column.path[1:] if shared else column.path
    return f"{' '.join(row_path)} · {' '.join(column_path)}"


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
    """Chooser on top, the editor of the open report below; the browser side (Bridge) beside them."""

    def __init__(self, store: Store, body: str | None = None, year: int | None = None) -> None:
        self.store = store
        self.editor: ReportEditor | None = None
        self.bridge = Bridge()
        self.chooser = Chooser(store, self.show, lambda: self.editor is not None and self.editor.model.dirty)
        self.slot = w.VBox()
        super().__init__([w.HTML(_css()), self.bridge, self.chooser.box, self.slot])
        self.add_class("kit-form")
        if body:
            self.chooser.select(BodyRef.parse(body), year)
            if year is not None:
                self.chooser.open_clicked()

    def show(self, model: FormModel | None) -> ReportEditor | None:
        """Edit `model` (None: the open year was removed)."""
        self.editor = ReportEditor(model, reopen=self.show, bridge=self.bridge) if model else None
        self.slot.children = [self.editor] if self.editor else []
        self.bridge.dirty = bool(model and model.dirty)
        return self.editor


class Chooser:
    """County, body and year; a new year started from last year (上年结转 carried), asked first;
    a year removed (kept among the saved versions) and restored."""

    def __init__(self, store: Store, on_open: Callable[[FormModel | None], object], dirty: Callable[[], bool]) -> None:
        self.store = store
        self.on_open = on_open
        self.dirty = dirty
        self._confirm: str | None = None  # the action waiting for a second click (unsaved changes)
        self._pending_year: int | None = None  # the year the confirmation button will start
        counties = store.counties()
        self.county = w.Dropdown(description=msg.COUNTY_LABEL, options=counties, value=counties[0] if counties else None)
        self.body = w.Dropdown(description=msg.BODY_LABEL)
        self.year = w.Dropdown(description=msg.YEAR_LABEL)
        self.open_button = w.Button(description=msg.OPEN_BUTTON, button_style="primary")
        self.open_button.add_class("kit-open")
        self.new_year = w.Text(description=msg.NEW_YEAR_LABEL, layout=w.Layout(width="190px"))
        self.new_button = w.Button(description=msg.NEW_YEAR_BUTTON, layout=w.Layout(width="auto"))
        self.new_button.add_class("kit-new-year")
        self.confirm_button = w.Button(description="", button_style="primary", layout=w.Layout(width="auto", display="none"))
        self.confirm_button.add_class("kit-new-year-confirm")
        self.cancel_button = w.Button(description=msg.CANCEL, layout=w.Layout(width="auto", display="none"))
        self.cancel_button.add_class("kit-cancel")
        self.remove_button = w.Button(description=msg.REMOVE_YEAR_BUTTON, layout=w.Layout(width="auto"))
        self.remove_button.add_class("kit-remove-year")
        self.removed = w.Dropdown(description=msg.removed_years_label(), layout=w.Layout(width="auto", display="none"))
        self.removed.add_class("kit-removed-years")
        self.restore_button = w.Button(description=msg.RESTORE_YEAR_BUTTON, layout=w.Layout(width="auto", display="none"))
        self.restore_button.add_class("kit-restore-year")
        self.message = w.HTML()
        self.message.add_class("kit-choose-message")
        for widget, css in ((self.county, "kit-county"), (self.body, "kit-body"), (self.year, "kit-year"), (self.new_year, "kit-new-year-text")):
            widget.style.description_width = "initial"
            widget.add_class(css)
        self.removed.style.description_width = "initial"
        self.county.observe(lambda _: self._fill_bodies(), "value")
        self.body.observe(lambda _: self._fill_years(), "value")
        self.open_button.on_click(lambda _: self.open_clicked())
        self.new_button.on_click(lambda _: self.new_clicked())
        self.confirm_button.on_click(lambda _: self.confirm_clicked())
        self.cancel_button.on_click(lambda _: self._ask(None))
        self.remove_button.on_click(lambda _: self.remove_clicked())
        self.restore_button.on_click(lambda _: self.restore_clicked())
        self.box = w.VBox(
            [
                w.HBox([self.county, self.body, self.year, self.open_button, self.remove_button]),
                w.HBox([self.new_year, self.new_button, self.removed, self.restore_button]),
                self.message,
                w.HBox([self.confirm_button, self.cancel_button]),
            ],
            layout=w.Layout(border="1px solid #d1d5db", padding="6px", margin="4px 0 8px"),
        )
        self.box.add_class("kit-chooser")
        self._fill_bodies()
        if not counties:
            self._say(msg.NO_BODIES, bad=True)

    def _say(self, text: str, bad: bool = False) -> None:
        self.message.value = f'<span class="{"kit-bad" if bad else "kit-ok"}" role="status">{text}</span>'

    def _fill_bodies(self) -> None:
        bodies = [ref.body for ref in self.store.bodies(self.county.value)] if self.county.value else []
        self.body.options = bodies
        self.body.value = bodies[0] if bodies else None
        self._fill_years()

    def _fill_years(self) -> None:
        ref = self.ref
        found = sorted(self.store.years(ref), reverse=True) if ref else []
        self.year.options = [(msg.year_choice(y), y) for y in found]
        self.year.value = found[0] if found else None
        self.new_year.value = str(min((found[0] + 1) if found else dt.date.today().year - 1, years.latest_new_year()))
        removed = years.removed_years(self.store, ref) if ref else []
        self.removed.options = [(msg.year_choice(y), y) for y in removed]
        self.removed.value = removed[0] if removed else None
        for widget in (self.removed, self.restore_button):
            widget.layout.display = "flex" if removed else "none"
        self._confirm = None
        self._ask(None)

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
            self._say(msg.UNSAVED_GUARD, bad=True)
            return False
        self._confirm = None
        return True

    def _ask(self, action: str | None, year: int | None = None, label: str = "") -> None:
        """Show (or hide, with None) the confirmation buttons for `action` on `year`."""
        self._asking = action
        self._pending_year = year
        self.confirm_button.description = label
        self.confirm_button.layout.display = "flex" if action else "none"
        self.cancel_button.layout.display = "flex" if action else "none"

    def open_clicked(self) -> None:
        ref, year = self.ref, self.year.value
        if ref is None or year is None:
            self._say(msg.CHOOSE_FIRST, bad=True)
            return
        if self._guard("open"):
            self._run(lambda: FormModel.open(self.store, ref, int(year)), msg.opened)

    def new_clicked(self) -> None:
        """First step: check the year and ask. A second click only asks again (one-shot)."""
        ref, text = self.ref, self.new_year.value.strip()
        if ref is None:
            self._say(msg.CHOOSE_BODY, bad=True)
            return
        text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789")).removesuffix("年")
        if not (text.isascii() and text.isdigit() and len(text) == 4):
            self._say(esc(msg.year_not_digits(text)), bad=True)
            return
        year = int(text)
        try:
            years.check_new_year(year)
        except KitError as exc:
            self._say(esc(str(exc)), bad=True)
            return
        if not self._guard("new"):
            return
        if year in self.store.years(ref):
            self._ask(None)
            self.year.value = year
            self._run(lambda: FormModel.open(self.store, ref, year), lambda _: msg.year_exists(year))
            return
        previous = year - 1 if (year - 1) in self.store.years(ref) else None
        self._say(esc(msg.confirm_new_year(year, previous)))
        self._ask("new", year, msg.confirm_new_button(year))

    def confirm_clicked(self) -> None:
        action, year, ref = self._asking, self._pending_year, self.ref
        self._ask(None)  # one-shot: a second click finds nothing to confirm
        if action is None or year is None or ref is None:
            return
        if action == "new":
            if year in self.store.years(ref):
                self._say(esc(msg.year_exists(year)))
                return
            self._run(lambda: FormModel.start_year(self.store, ref, year), None)
        elif action == "remove":
            try:
                years.remove_year(self.store, ref, year)
            except KitError as exc:
                self._say(esc(str(exc)), bad=True)
                return
            self._fill_years()
            self._say(esc(msg.removed_year(year)))
            self.on_open(None)

    def remove_clicked(self) -> None:
        ref, year = self.ref, self.year.value
        if ref is None or year is None:
            self._say(msg.CHOOSE_FIRST, bad=True)
            return
        if not self._guard("remove"):
            return
        self._say(esc(msg.confirm_remove_year(int(year))), bad=True)
        self._ask("remove", int(year), msg.confirm_remove_button(int(year)))

    def restore_clicked(self) -> None:
        ref, year = self.ref, self.removed.value
        if ref is None or year is None:
            self._say(msg.NOTHING_TO_RESTORE, bad=True)
            return
        try:
            years.restore_year(self.store, ref, int(year))
        except KitError as exc:
            self._say(esc(str(exc)), bad=True)
            return
        self._fill_years()
        self.year.value = int(year)
        self._say(esc(msg.restored_year(int(year))))

    def _run(self, load: Callable[[], FormModel], done: Callable[[str], str] | None) -> None:
        try:
            model = load()
        except KitError as exc:
            self._say(esc(str(exc)).replace("\n", "<br>"), bad=True)
            return
        year = model.report.year
        if year not in [v for _, v in self.year.options]:
            self._fill_years()
        self.year.value = year
        if done is None:
            carried = sum(v is not None for v in model.report.cells.values()) if model.previous is not None else None
            self._say(esc(msg.created_year(model.title, year, carried)))
        else:
            self._say(esc(done(model.title)))
        self.on_open(model)


# ---------------------------------------------------------------------------------------------
# one report


class ReportEditor(w.VBox):
    """Toolbar, the report's parts in printed order, and the live findings panel."""

    def __init__(self, model: FormModel, reopen: Callable[[FormModel | None], ReportEditor | None] | None = None, bridge: Bridge | None = None) -> None:
        self.model = model
        self.reopen = reopen
        self.bridge = bridge
        self.conflict: conflict.Conflict | None = None
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
        self._stale_message = False  # the toolbar's message is about a state that the next edit changes
        self._toolbar()
        parts = [self._profile_part(), self._figures_part()]
        if model.spec.free_form:
            parts.append(self._prose_box("opening", msg.OPENING, None, model.report.prose.get("opening")))
        for section in model.spec.sections:
            parts += self._section(section)
        self.findings = w.HTML()
        self.findings.add_class("kit-findings")
        side = w.VBox([w.HTML(f"<b>{esc(msg.CHECK_RESULTS)}</b>"), self.findings, self._ack_box()], layout=w.Layout(flex="0 0 330px", width="330px"))
        side.add_class("kit-side")
        main = w.VBox(parts, layout=w.Layout(flex="1 1 auto", min_width="0"))
        super().__init__([self.bar, w.HBox([main, side], layout=w.Layout(align_items="flex-start"))])
        self.add_class("kit-editor")
        self.refresh()
        self._offer_draft()

    # toolbar --------------------------------------------------------------------------------

    def _toolbar(self) -> None:
        self.status = w.HTML()
        self.status.add_class("kit-status")
        self.save_button = w.Button(description=msg.SAVE_BUTTON, button_style="success")
        self.save_button.add_class("kit-save")
        self.submit_button = w.Button(description=cycle_say.FORM_SUBMIT)
        self.submit_button.add_class("kit-submit")
        self.cycle_note = w.HTML()
        self.cycle_note.add_class("kit-cycle")
        self.preview_button = w.Button(description=msg.PREVIEW_BUTTON)
        self.preview_button.add_class("kit-preview-button")
        self.export_button = w.Button(description=msg.EXPORT_BUTTON)
        self.export_button.add_class("kit-export")
        self.formats = {f: w.Checkbox(value=True, description=label, indent=False, layout=w.Layout(width="auto")) for f, label in FORMATS.items()}
        self.progress = w.FloatProgress(min=0, max=1, layout=w.Layout(width="160px", visibility="hidden"))
        self.message = w.HTML()
        self.panel = w.VBox(layout=w.Layout(display="none"))  # the autosave offer or a conflict's items
        self.panel.add_class("kit-panel")
        self.preview = w.HTML(layout=w.Layout(display="none"))
        self.preview.add_class("kit-preview")
        self.close_preview = w.Button(description=msg.CLOSE_PREVIEW, layout=w.Layout(display="none"))
        self.save_button.on_click(lambda _: self.save())
        self.submit_button.on_click(lambda _: self.submit())
        self.preview_button.on_click(lambda _: self.show_preview())
        self.export_button.on_click(lambda _: self.export())
        self.close_preview.on_click(lambda _: self._hide_preview())
        title = w.HTML(f"<b>{esc(self.model.title)}</b>")
        self.bar = w.VBox(
            [
                w.HBox([title, self.status], layout=w.Layout(justify_content="space-between")),
                w.HBox([self.save_button, self.submit_button, self.preview_button, self.export_button, *self.formats.values(), self.progress]),
                self.cycle_note,
                self.message,
                self.panel,
                self.close_preview,
                self.preview,
            ]
        )
        self.bar.add_class("kit-toolbar")
        self.show_cycle()

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
        hint = self.shared.html(esc(msg.PROFILE_HINT), "kit-hint")
        box = w.Accordion([w.VBox([hint, *rows])], titles=(msg.profile_title(self.model.report.body.full_name),))
        needed = any(f.key and f.key.startswith("body.") for f in self.model.check().findings)
        box.selected_index = 0 if needed else None  # open it when the report needs something from it
        return box

    def _figures_part(self) -> w.Widget:
        spec = self.model.spec
        children: list[w.Widget] = [self._heading(msg.FIGURES_HEADING)]
        children.append(self.shared.html(esc(msg.INSERT_FIGURE_HINT), "kit-hint"))
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
        shown = to_display(self.model.spec, text or "")
        area = w.Textarea(value=shown, placeholder=guidance or "", rows=max(4, min(18, len(shown) // 60 + 2)), layout=w.Layout(width="100%"))
        area.add_class("kit-prose")
        area.add_class(css_key(f"prose.{section_id}"))
        area.observe(functools.partial(self._on_prose, section_id), "value")
        self.prose[section_id] = area
        children: list[w.Widget] = [self._heading(heading, 3)] if heading else []
        if guidance:
            children.append(self.shared.html(esc(msg.guidance(guidance)), "kit-hint"))
        choice = w.Dropdown(options=figure_choices(self.model.spec), layout=w.Layout(width="auto"), tooltip=msg.INSERT_FIGURE_CHOICE)
        choice.add_class("kit-figure-choice")
        insert = w.Button(description=msg.INSERT_FIGURE, layout=w.Layout(width="auto"))
        insert.add_class("kit-insert-figure")
        insert.on_click(lambda _: self._insert_figure(section_id, str(choice.value)))
        return w.VBox([*children, area, w.HBox([choice, insert])])

    def _insert_figure(self, section_id: str, name: str) -> None:
        """Append the figure's bracketed label to the section (the report prints the figure there)."""
        area = self.prose[section_id]
        area.value = area.value + mark(self.model.spec, name)

    def _table(self, table: Table) -> w.Widget:
        grid = table_grid(table)
        children = [self._piece_widget(table, p) for p in grid.pieces]
        template = self._template(grid)
        box = w.GridBox(children, layout=w.Layout(grid_template_columns=template))
        box.add_class("kit-grid")
        box.add_class(f"kit-table-{table.id}")
        if len(table.blocks) == 1:  # one band of column headers: it stays visible while scrolling (several bands would pile up)
            box.add_class("kit-one-band")
        note = self.shared.html("", "kit-hint")
        self.table_notes[table.id] = note
        hint = self.shared.html(esc(msg.TABLE_HINT), "kit-hint")
        return w.VBox([hint, box, note], _dom_classes=("kit-grid-wrap",))

    @staticmethod
    def _template(grid: Grid) -> str:
        labels = ["minmax(3.5em, 8em)"] * max(0, grid.label_columns - 1) + (["minmax(9em, 22em)"] if grid.label_columns else [])
        values = grid.columns - grid.label_columns - 1
        per = "minmax(3.8em, 6.5em)" if values <= 8 else "minmax(3.8em, 5em)"
        return " ".join([*labels, *([per] * values), "minmax(6em, 16em)"])

    def _piece_widget(self, table: Table, piece: Piece) -> w.Widget:
        layout = self.shared.span(piece.rowspan, piece.colspan)
        widget = self._piece(table, piece, layout)
        widget.add_class(f"kit-gr-{piece.row}")  # for the browser: which printed row (ARIA rows), spans
        if piece.rowspan > 1:
            widget.add_class(f"kit-rs-{piece.rowspan}")
        if piece.colspan > 1:
            widget.add_class(f"kit-cs-{piece.colspan}")
        return widget

    def _piece(self, table: Table, piece: Piece, layout: w.Layout) -> w.Widget:
        if piece.role == "input":
            assert piece.key is not None
            key = f"tables.{piece.key}"
            text = w.Text(value=self.model.texts[key], layout=layout, style=self.shared.text_style, tooltip=cell_name(table, piece.key))
            text.add_class("kit-cell")
            text.add_class(css_key(key))
            text.observe(functools.partial(self._on_input, key), "value")
            self.inputs[key] = text
            return text
        if piece.role == "computed":
            assert piece.key is not None
            cell = self.shared.html("", "kit-computed", css_key(f"tables.{piece.key}"), layout=layout)
            cell.tooltip = msg.computed_tooltip(cell_name(table, piece.key))
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
        self.ack_choice = w.Dropdown(description=msg.WARNING, layout=w.Layout(width="100%"))
        self.ack_reason = w.Text(placeholder=msg.ACK_REASON_PLACEHOLDER, layout=w.Layout(width="100%"))
        self.ack_button = w.Button(description=msg.ACK_BUTTON)
        self.ack_button.add_class("kit-ack")
        self.unack_button = w.Button(description=msg.UNACK_BUTTON)
        self.unack_button.add_class("kit-unack")
        self.ack_message = w.HTML()
        self.ack_choice.style.description_width = "3em"
        self.ack_choice.observe(lambda _: self._ack_selected(), "value")
        self.ack_button.on_click(lambda _: self.acknowledge())
        self.unack_button.on_click(lambda _: self.unacknowledge())
        intro = self.shared.html(esc(msg.ACK_INTRO), "kit-hint")
        self.ack = w.VBox([w.HTML(f"<b>{esc(msg.ACK_HEADING)}</b>"), intro, self.ack_choice, self.ack_reason, w.HBox([self.ack_button, self.unack_button]), self.ack_message])
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
        else:
            for note in self.table_notes.values():
                _set(note, "value", "")  # an old paste note goes once the clerk types on
        self._changed()

    def _on_prose(self, section: str, change: dict[str, Any]) -> None:
        self.model.set_prose(section, from_display(self.model.spec, change["new"]))
        self._changed()

    def _on_profile(self, key: str, change: dict[str, Any]) -> None:
        self.model.set_profile(key, change["new"] or "")
        self._changed()

    def _changed(self) -> None:
        """After any change by the clerk: recheck, autosave within a second, clear a stale message."""
        if self._stale_message:
            self.message.value = ""
            self._stale_message = False
        self.refresh()
        self.model.changed()

    def refresh(self) -> Check:
        """Totals, marks, notes, findings and the unsaved state, after any change (only what changed is sent)."""
        check = self.model.check()
        for key, cell in self.computed.items():
            value = check.values.get(key)
            if value is None and check.partial.get(key):
                _set(cell, "value", f'<span class="kit-partial" title="{esc(msg.PARTIAL_TITLE)}">{format_figure(check.partial[key])}…</span>')
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
        refused = len(self.model.refused_places())
        if dirty:
            status = f'<span class="kit-dirty">{esc(msg.STATUS_DIRTY)}</span>'
        elif refused:
            status = f'<span class="kit-dirty">{esc(msg.status_refused(refused))}</span>'
        else:
            status = f'<span class="kit-clean">{esc(msg.STATUS_CLEAN)}</span>'
        _set(self.status, "value", status)
        if self.bridge is not None:
            _set(self.bridge, "dirty", dirty)
        return check

    def _has_widget(self, key: str) -> bool:
        head, _, rest = key.partition(".")
        if head == "tables":
            return key in self.inputs or rest in self.computed
        if head == "prose":
            return rest in self.prose
        if head == "body":
            return rest in self.profile
        return key in self.inputs or key.split("[")[0].removeprefix("figures.") in self.breakdowns

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
        errors = [f for f in check.errors if f.rule != RuleId.BLANK]
        blanks = [f for f in check.errors if f.rule == RuleId.BLANK]
        warnings = check.open_warnings
        acked = [f for f in check.findings if f.acknowledged]
        if not check.findings:
            summary = f'<div class="kit-summary kit-ok">{esc(msg.NO_PROBLEMS)}</div>'
        else:
            summary = f'<div class="kit-summary">{esc(msg.findings_counts(len(errors), len(blanks), len(warnings), len(acked)))}</div>'

        def where(f: Finding) -> str:
            fields = [k for k in self.model.fields_of(f) if self._has_widget(k)]
            if not fields:
                return f'<span class="where">{esc(f.printed or "")}</span>'
            return f'<a href="#" class="kit-goto where" data-target="{css_key(fields[0])}">{esc(f.printed or "")}</a>'

        def items(findings: list[Finding], css: str, label: str) -> str:
            return "".join(
                f'<li class="{css}"><b>{label}</b> {where(f)}：{esc(plain_message(f.message))}'
                + (f"<br><i>{esc(msg.ACK_REASON_SHOWN)}{esc(f.acknowledged)}</i>" if f.acknowledged else "")
                + "</li>"
                for f in findings
            )

        parts = [summary, "<ol>", items(errors, "kit-f-error", esc(msg.ERROR)), items(warnings, "kit-f-warning", esc(msg.WARNING)), "</ol>"]
        if blanks:
            parts.append(
                f"<details{' open' if len(blanks) <= 8 else ''}><summary>{esc(msg.blanks_summary(len(blanks)))}</summary><ol>{items(blanks, 'kit-f-error', esc(msg.BLANK))}</ol></details>"
            )
        if acked:
            parts.append(f"<details><summary>{esc(msg.acknowledged_summary(len(acked)))}</summary><ol>{items(acked, 'kit-f-ack', esc(msg.ACKED))}</ol></details>")
        _set(self.findings, "value", "".join(parts))
        options = [(f"{msg.ACKED_MARK if f.acknowledged else ''}{f.printed or ''}：{f.message}"[:120], f.id) for f in check.findings if not f.is_error]
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
        self.ack_message.value = f'<span class="kit-ok">{esc(msg.ACK_DONE)}</span>'
        self.refresh()

    def unacknowledge(self) -> None:
        self.model.unacknowledge(self.ack_choice.value or "")
        self.ack_reason.value = ""
        self.ack_message.value = f'<span class="kit-ok">{esc(msg.UNACK_DONE)}</span>'
        self.refresh()

    # save, preview, export ----------------------------------------------------------------------

    def save(self) -> None:
        """Save; never silently: a conflict opens the side-by-side choice, any failure is said in Chinese."""
        try:
            message = self.model.save()
        except ConflictError:
            self._show_conflict()
            return
        except KitError as exc:
            self._say(esc(msg.save_failed(self._plain(str(exc)))), bad=True)
            return
        except Exception:  # a bug must not look like a save: say so, keep everything on screen
            traceback.print_exc()
            self._say(esc(msg.SAVE_FAILED_UNKNOWN), bad=True)
            return
        refused = bool(self.model.refused_places())
        self._say(esc(message), bad=refused)
        self._stale_message = True
        self.refresh()

    # the yearly cycle (kit.cycle) ----------------------------------------------------------------

    def show_cycle(self) -> None:
        """The state (who, when) and a return's reason; 保存 and 提交审核 only when the state allows."""
        try:
            state, note = self.model.cycle_note()
            allowed = self.model.cycle().allowed
        except KitError as exc:
            self.cycle_note.value = f'<span class="kit-bad">{esc(str(exc))}</span>'
            return
        extra = f'<br><span class="kit-bad">{esc(note)}</span>' if note else ""
        self.cycle_note.value = f"<span>{esc(state)}</span>{extra}"
        self.save_button.disabled = not allowed
        self.submit_button.disabled = not allowed

    def submit(self) -> None:
        try:
            message = self.model.submit()
        except KitError as exc:
            self._say(esc(str(exc)), bad=True)
            return
        self._say(esc(message))
        self.show_cycle()

    def _plain(self, text: str) -> str:
        """A message without the file system: the report's file and folders are "本报告"."""
        file = self.model.report.file
        for path in [str(file)] if file else []:
            text = text.replace(path, msg.THIS_REPORT)
        return text.replace(str(self.model.store.root), "").replace(*msg.FILE_WORDS)

    # the autosave copy -------------------------------------------------------------------------

    def _offer_draft(self) -> None:
        """Reopening a year with an autosave copy: say what differs and offer to restore it."""
        draft = self.model.saved_draft()
        if draft is None:
            return
        differences = self.model.differences(draft)
        intro = msg.autosave_offer(autosave.describe_time(draft), len(differences))
        if draft.get("base") != self.model.report.digest:
            intro += msg.AUTOSAVE_BASE_CHANGED
        restore = w.Button(description=msg.AUTOSAVE_RESTORE, button_style="primary", layout=w.Layout(width="auto"))
        restore.add_class("kit-restore-draft")
        discard = w.Button(description=msg.AUTOSAVE_DISCARD, layout=w.Layout(width="auto"))
        discard.add_class("kit-discard-draft")
        restore.on_click(lambda _: self._restore_draft(draft))
        discard.on_click(lambda _: self._discard_draft())
        table = self._differences_table(differences, msg.SAVED_VALUE, msg.DRAFT_VALUE)
        self.panel.children = [w.HTML(f'<p class="kit-bad" role="alert">{esc(intro)}</p>{table}'), w.HBox([restore, discard])]
        self.panel.layout.display = "flex"
        self.panel.add_class("kit-draft-offer")

    def _differences_table(self, differences: list[Difference], old: str, new: str, limit: int = 40) -> str:
        def shown(d: Difference, text: str) -> str:
            text = to_display(self.model.spec, text) if d.key.startswith("prose.") else text
            return esc(text) if text else f'<span class="kit-hint">{esc(msg.EMPTY)}</span>'

        rows = "".join(f"<tr><th scope='row'>{esc(d.label)}</th><td>{shown(d, d.old)}</td><td>{shown(d, d.new)}</td></tr>" for d in differences[:limit])
        more = f"<p>{esc(msg.more_differences(len(differences) - limit))}</p>" if len(differences) > limit else ""
        return f'<table class="kit-diff"><thead><tr><th scope="col">{esc(msg.DIFFERENCE_ITEM)}</th><th scope="col">{esc(old)}</th><th scope="col">{esc(new)}</th></tr></thead><tbody>{rows}</tbody></table>{more}'

    def _restore_draft(self, draft: dict[str, Any]) -> None:
        self.model.apply_draft(draft)
        self.model.changed()
        editor = self.reopen(self.model) if self.reopen else None
        target = editor or self
        target._say(esc(msg.AUTOSAVE_RESTORED))
        target._stale_message = True

    def _discard_draft(self) -> None:
        self.model.discard_draft()
        self._hide_panel()
        self._say(esc(msg.AUTOSAVE_DISCARDED))
        self._stale_message = True

    def _hide_panel(self) -> None:
        self.panel.children = []
        self.panel.layout.display = "none"
        for cls in ("kit-draft-offer", "kit-conflict"):
            if cls in self.panel._dom_classes:
                self.panel.remove_class(cls)

    # a conflict ------------------------------------------------------------------------------

    def _show_conflict(self) -> None:
        try:
            self.conflict = found = conflict.open_conflict(self.model)
        except KitError as exc:
            self._say(esc(msg.save_failed(self._plain(str(exc)))), bad=True)
            return
        if not found.items:  # the same content: nothing to choose, save over theirs
            self.model.report.digest = found.theirs.report.digest
            self.save()
            return
        choices: dict[str, w.ToggleButtons] = {}
        rows: list[w.Widget] = [w.HTML(f'<p class="kit-bad" role="alert">{esc(msg.CONFLICT)}</p><p>{esc(msg.conflict_summary(len(found.items)))}</p>')]
        for item in found.items:
            d = item.difference
            who = (
                msg.CONFLICT_BOTH
                if item.mine_changed and item.theirs_changed
                else (msg.CONFLICT_THEIRS_ONLY if item.theirs_changed else msg.CONFLICT_MINE_ONLY)
            )
            mine = to_display(self.model.spec, d.new) if d.key.startswith("prose.") else d.new
            theirs = to_display(self.model.spec, d.old) if d.key.startswith("prose.") else d.old
            label = w.HTML(
                f'<div class="kit-conflict-item"><b>{esc(d.label)}</b>（{esc(who)}）<br>{esc(msg.MINE)}：{esc(mine) or esc(msg.EMPTY)}'
                f"<br>{esc(msg.THEIRS)}：{esc(theirs) or esc(msg.EMPTY)}</div>"
            )
            toggle = w.ToggleButtons(options=[(msg.CONFLICT_MINE, "mine"), (msg.CONFLICT_THEIRS, "theirs")], value="mine" if item.keep_mine else "theirs")
            toggle.add_class("kit-conflict-choice")
            toggle.add_class(css_key(f"conflict.{d.key}").replace("kit-k-", "kit-c-"))
            choices[d.key] = toggle
            rows.append(w.VBox([label, toggle]))
        save = w.Button(description=msg.CONFLICT_SAVE, button_style="primary", layout=w.Layout(width="auto"))
        save.add_class("kit-conflict-save")
        copy = w.Button(description=msg.CONFLICT_COPY, layout=w.Layout(width="auto"))
        copy.add_class("kit-conflict-copy")
        save.on_click(lambda _: self._resolve({k for k, t in choices.items() if t.value == "mine"}))
        copy.on_click(lambda _: self._save_as_copy())
        rows.append(w.HBox([save, copy]))
        self.panel.children = rows
        self.panel.layout.display = "flex"
        self.panel.add_class("kit-conflict")
        self._say("")

    def _resolve(self, keep_mine: set[str]) -> None:
        assert self.conflict is not None
        merged = self.conflict.resolve(keep_mine)
        self.model.discard_draft()  # the merged version replaces this tab's draft (no stale restore offer)
        editor = self.reopen(merged) if self.reopen else None
        merged.changed()  # kept again until the save below succeeds
        (editor or self).save()

    def _save_as_copy(self) -> None:
        assert self.conflict is not None
        try:
            conflict.save_mine_as_copy(self.model)
        except (KitError, OSError) as exc:
            self._say(esc(msg.save_failed(self._plain(str(exc)))), bad=True)
            return
        self.model.discard_draft()
        theirs = self.conflict.theirs.reopen()
        editor = self.reopen(theirs) if self.reopen else None
        (editor or self)._say(esc(msg.CONFLICT_COPY_DONE))

    def show_preview(self) -> None:
        try:
            page = preview_html(self.model)
        except KitError as exc:
            self._say(esc(str(exc)), bad=True)
            return
        self.preview.value = f'<iframe srcdoc="{esc(page, quote=True)}" style="width:100%;height:70vh;border:0;background:#fff" title="{esc(msg.PREVIEW_TITLE)}"></iframe>'
        self.preview.layout.display = "block"
        self.close_preview.layout.display = "flex"
        self._say(esc(msg.preview_made(bool(self.model.check().errors))))

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
        links = " ".join(_download_link(p, self.model.report_title) for p in result.files)
        self._say(msg.exported(result.draft, links))
        return result.files


def _download_link(path: Path, title: str) -> str:
    """A button that downloads the file from the page itself (works in JupyterLab and Voila alike),
    named after the report and its format, never after a file or folder."""
    types = {".pdf": "application/pdf", ".html": "text/html", ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
    formats = {f".{f}": label for f, label in FORMATS.items()}
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    mime = types.get(path.suffix, "application/octet-stream")
    label = msg.download(title, formats.get(path.suffix, path.suffix.lstrip(".")))
    return f'<a class="kit-download" role="button" download="{esc(path.name)}" href="data:{mime};base64,{data}">{esc(label)}</a>'


class BreakdownEditor:
    """A breakdown figure (items by category or channel) as an editable list, its sum shown live."""

    def __init__(self, editor: ReportEditor, figure: str, label: str, unit: str) -> None:
        self.editor = editor
        self.figure = figure
        self.unit = unit
        self.rows: list[tuple[w.Text, w.Text, w.HTML]] = []
        self.list = w.VBox()
        self.sum = editor.shared.html("", "kit-hint")
        add = w.Button(description=msg.ADD_ITEM)
        add.on_click(lambda _: self._add())
        self.box = w.VBox([w.HTML(f"<b>{esc(label)}</b>{esc(msg.breakdown_note(unit))}"), self.list, w.HBox([add, self.sum])])
        self.box.add_class(css_key(f"figures.{figure}"))
        for row in editor.model.breakdowns.get(figure, []):
            self._row(row.name, row.text)
        self._show()

    def _row(self, name: str, text: str) -> None:
        name_w = w.Text(value=name, placeholder=msg.ITEM_PLACEHOLDER, layout=w.Layout(width="220px"))
        count_w = w.Text(value=text, placeholder=self.unit, layout=w.Layout(width="110px"))
        note = w.HTML()
        note.add_class("kit-field-note")
        for widget in (name_w, count_w):
            widget.observe(lambda _: self._changed(), "value")
        self.rows.append((name_w, count_w, note))

    def _show(self) -> None:
        children = []
        for i, (name_w, count_w, note) in enumerate(self.rows):
            remove = w.Button(description=msg.REMOVE_ITEM, layout=w.Layout(width="auto"))
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
            _set(self.sum, "value", esc(msg.breakdown_total(format_figure(total), self.unit)))
        else:
            _set(self.sum, "value", "")
        mark = check.marks.get(f"figures.{self.figure}")
        for i, (_, count_w, _) in enumerate(self.rows):
            _set_mark(count_w, check.marks.get(f"figures.{self.figure}[{i}]") or mark)
