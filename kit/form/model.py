"""The fill-in form without widgets: what the clerk typed, what it means, and what is wrong.

kit.form.widgets only draws this. Keeping the logic here means every behaviour of the form — refused
entries, pastes, live totals, findings, saving, acknowledging — is tested in plain Python, and
the widget layer stays a thin mapping from field keys to widgets.

Field keys are the YAML keys findings already carry, so a finding finds its widget directly:

    tables.applications.new.natural        a table cell (typed or computed)
    figures.proactive_total                a figure quoted in prose
    figures.proactive_breakdown[0]         the count of one item of a breakdown
    prose.problems                         a prose section (prose.opening for free-form reports)
    body.phone                             a field of the body's profile (body.yaml)

Bad input never loses work: a refused entry keeps its text in `texts`, is reported at its cell,
and counts as blank for the report; every other value stays as typed. Typed text becomes a
figure only through values.parse_figure, so the form accepts exactly what the files accept.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit import yamlio
from kit.errors import KitError
from kit.figures import resolve_cells
from kit.findings import Finding, HasFindings, RuleId, error
from kit.form import autosave
from kit.form.grid import paste_range
from kit.form.paste import is_paste, split_paste
from kit.messages import cycle as cycle_say
from kit.messages import form as msg
from kit.placeholders import expand
from kit.report import BODY_FIELDS, BodyRef, BreakdownItem, YearReport
from kit.spec import Spec
from kit.store import Store
from kit.store.record import Editable, State, editable
from kit.store.yearfile import BODY_FILE
from kit.validation import validate
from kit.values import Number, Refused, format_figure, parse_figure

PROFILE_FIELDS = ("full_name", "level", "address", "postcode", "phone", "website", "website_name", "contact_office", "email")
REQUIRED_PROFILE = ("full_name", "level")
Mark = str  # "error" | "warning" | "blank"


@dataclass(frozen=True)
class Field:
    """One typed number: a table cell or a figure."""

    key: str
    kind: str  # count | money | delta
    printed: str


@dataclass
class Edit:
    """What one change did beyond its own field: other fields a paste filled, and a note."""

    changed: dict[str, str] = field(default_factory=dict)  # field key -> text to show
    note: str | None = None


@dataclass(frozen=True)
class Difference:
    """One item that differs between two versions of the form: a cell, a figure, a paragraph, a list."""

    key: str  # a field key (tables.…, figures.…, body.…), prose.<section>[#<paragraph>], breakdown.<figure>, acknowledged
    label: str  # as printed: the cell's row and column, the section's title and paragraph
    old: str  # shown as text
    new: str


@dataclass
class BreakdownRow:
    name: str
    text: str
    refused: str | None = None


@dataclass(frozen=True)
class Check(HasFindings):
    """The report as it stands: every cell's value (totals computed), findings, and marks per field."""

    values: dict[str, Number | None]
    findings: list[Finding]
    marks: dict[str, Mark]
    partial: dict[str, Number]  # computed totals with blank parts: the sum of the parts filled so far


def spec_fields(spec: Spec) -> dict[str, Field]:
    """Every typed number of an edition, in printed order: figures, then table cells."""
    out = {f"figures.{f.id}": Field(f"figures.{f.id}", f.kind, f.label) for f in spec.figures if f.kind != "breakdown"}
    for cell in spec.cells():
        if not cell.computed:
            out[f"tables.{cell.key}"] = Field(f"tables.{cell.key}", cell.column.kind, cell.printed)
    return out


def current_user() -> str:
    """Who is using the form: the server's login (JupyterHub sets JUPYTERHUB_USER), else the OS user."""
    import getpass
    import os

    try:
        return os.environ.get("JUPYTERHUB_USER") or getpass.getuser()
    except (KeyError, OSError):
        return ""


class FormModel:
    """One body's report for one year, being edited."""

    def __init__(self, store: Store, report: YearReport, previous: YearReport | None = None) -> None:
        self.store = store
        self.report = report
        self.previous = previous
        self.spec = report.spec
        self.fields = spec_fields(self.spec)
        self.texts: dict[str, str] = {}
        self.refused: dict[str, str] = {}  # field key -> why the text is not a figure
        for key in self.fields:
            self.texts[key] = format_figure(self._stored(key))
        self.breakdowns: dict[str, list[BreakdownRow]] = {
            f.id: [BreakdownRow(i.name, format_figure(i.count)) for i in report.figures.get(f.id) or []] for f in self.spec.figures if f.kind == "breakdown"
        }
        self.profile: dict[str, str] = {k: report.body.field(k) or "" for k in PROFILE_FIELDS}
        self.body_digest = _digest(store.body_dir(report.body.ref) / BODY_FILE)
        self._saved = self._snapshot()
        self._saved_profile = dict(self.profile)
        self._base = self.draft()  # as opened or last saved: the common ancestor in a conflict
        self.autosaver = autosave.Autosaver(report.file) if report.file else None

    # -----------------------------------------------------------------------------------------
    # opening

    @classmethod
    def open(cls, store: Store, ref: BodyRef, year: int) -> FormModel:
        report = store.load_year(ref, year)
        return cls(store, report, store.previous(report))

    @classmethod
    def start_year(cls, store: Store, ref: BodyRef, year: int) -> FormModel:
        """A new year's file from the spec, 上年结转 carried from last year's 结转下年度继续办理."""
        store.new_year(ref, year)
        return cls.open(store, ref, year)

    def reopen(self) -> FormModel:
        """The report as it is on disk now (after a conflict: someone else saved meanwhile)."""
        return FormModel.open(self.store, self.report.body.ref, self.report.year)

    @property
    def title(self) -> str:
        return msg.form_title(self.report.body.full_name, self.report.year, self.spec.name)

    @property
    def report_title(self) -> str:
        """The report's title as published, e.g. 微山县驩城镇人民政府2021年政府信息公开工作年度报告."""
        body, year = self.report.body, self.report.year
        known = {"year": str(year), "prev_year": str(year - 1), "next_year": str(year + 1), "body.full_name": body.full_name}
        return expand(self.spec.title, known.get)[0]

    # -----------------------------------------------------------------------------------------
    # typing

    def _stored(self, key: str) -> Any:
        head, _, rest = key.partition(".")
        return self.report.cells.get(rest) if head == "tables" else self.report.figures.get(rest)

    def _store(self, key: str, value: Number | None) -> None:
        head, _, rest = key.partition(".")
        if head == "tables":
            self.report.cells[rest] = value
        else:
            self.report.figures[rest] = value

    def set_text(self, key: str, text: str) -> Edit:
        """The clerk typed `text` into field `key`. A spreadsheet range pasted into a table cell
        fills the grid from that cell; anything else is one value, accepted or refused here."""
        if key.startswith("tables.") and is_paste(text):
            return self._paste(key, text)
        self._type(key, text)
        return Edit()

    def _type(self, key: str, text: str) -> None:
        spec_field = self.fields.get(key)
        if spec_field is None:
            raise KitError(msg.no_such_field(key))
        self.texts[key] = text
        try:
            self._store(key, parse_figure(text, spec_field.kind))
            self.refused.pop(key, None)
        except Refused as exc:
            self._store(key, None)
            self.refused[key] = str(exc)

    def _paste(self, key: str, text: str) -> Edit:
        table_id = key.split(".")[1]
        table = self.spec.table(table_id)
        rows, cols = paste_range(table, key.removeprefix("tables."))
        pasted = split_paste(text)
        edit = Edit()
        skipped = outside = 0
        for i, values in enumerate(pasted):
            for j, value in enumerate(values):
                if i >= len(rows) or j >= len(cols):
                    outside += bool(value.strip())
                    continue
                target = f"tables.{table_id}.{rows[i]}.{cols[j]}"
                if target not in self.fields:  # a computed total: derived, never typed
                    skipped += 1
                    continue
                self._type(target, value.strip())
                edit.changed[target] = value.strip()
        filled = len(edit.changed)
        notes = [msg.pasted(len(pasted), max(len(r) for r in pasted), filled)]
        if skipped:
            notes.append(msg.paste_skipped_totals(skipped))
        if outside:
            notes.append(msg.paste_outside(outside))
        edit.note = "；".join(notes)
        return edit

    def set_prose(self, section: str, text: str) -> None:
        self.report.prose[section] = text if text.strip() else None

    def set_breakdown(self, figure: str, rows: Iterable[tuple[str, str]]) -> None:
        """The whole breakdown list as shown (name, count text) — adding or removing rows included."""
        out = []
        items = []
        for name, text in rows:
            row = BreakdownRow(name, text)
            try:
                count = parse_figure(text, "count")
            except Refused as exc:
                row.refused, count = str(exc), None
            out.append(row)
            if name.strip() or text.strip():
                items.append(BreakdownItem(name.strip(), count))
        self.breakdowns[figure] = out
        self.report.figures[figure] = items

    def set_profile(self, key: str, text: str) -> None:
        """A field of body.yaml (shared by every year of this body); saved with the year."""
        if key not in PROFILE_FIELDS:
            raise KitError(msg.no_such_profile_field(key))
        self.profile[key] = text
        if key in REQUIRED_PROFILE and not text.strip():
            self.refused[f"body.{key}"] = msg.profile_field_empty(BODY_FIELDS[key])
            return
        self.refused.pop(f"body.{key}", None)
        changes: dict[str, Any] = {key: text.strip() or None}
        self.report.body = dataclasses.replace(self.report.body, **changes)

    # -----------------------------------------------------------------------------------------
    # acknowledging warnings

    def acknowledge(self, finding_id: str, reason: str) -> None:
        """Keep a warning with a reason (stored in the year's file, as `kit check` reads it)."""
        if not reason.strip():
            raise KitError(msg.ACK_REASON_REQUIRED)
        found = [f for f in self.check().findings if f.id == finding_id]
        if not found:
            raise KitError(msg.ACK_GONE)
        if found[0].is_error:
            raise KitError(msg.ACK_ERROR)
        self.report.acknowledged[finding_id] = reason.strip()

    def unacknowledge(self, finding_id: str) -> None:
        self.report.acknowledged.pop(finding_id, None)

    # -----------------------------------------------------------------------------------------
    # checking

    def check(self) -> Check:
        """Totals and findings for the report as it stands (a few ms for a full gov2021 report)."""
        values = resolve_cells(self.spec, self.report)
        refused = self._refused_findings()
        hidden = {f.key for f in refused} | {k.rsplit(".", 1)[0] for k in self.refused if k.startswith("tables.")}
        findings = refused + [f for f in validate(self.report, self.previous) if not (f.rule == RuleId.BLANK and f.key in hidden)]
        return Check(values, findings, self._marks(findings), self._partial(values))

    def _partial(self, values: dict[str, Number | None]) -> dict[str, Number]:
        """A total stays unknown until all its parts are filled (figures.resolve_cells); while the
        clerk is filling a row, the form still shows what the filled parts add up to."""
        out: dict[str, Number] = {}

        def part(key: str) -> Number:
            known = values.get(key)
            if known is not None:
                return known
            if key not in self.spec.formulas:
                return 0
            return sum((part(p) for p in self.spec.formulas[key]), start=0)

        for key in self.spec.formulas:
            if values.get(key) is None:
                out[key] = part(key)
        return out

    def _refused_findings(self) -> list[Finding]:
        out = []
        for key, message in self.refused.items():
            printed = self.fields[key].printed if key in self.fields else BODY_FIELDS.get(key.removeprefix("body."), key)
            out.append(error(RuleId.REFUSED, message, key=key, printed=printed))
        for fig, rows in self.breakdowns.items():
            label = self.spec.figure(fig).label
            for i, row in enumerate(rows):
                if row.refused:
                    out.append(error(RuleId.REFUSED, f"“{row.name}”：{row.refused}", key=f"figures.{fig}[{i}]", printed=label))
        return out

    def _marks(self, findings: list[Finding]) -> dict[str, Mark]:
        """The strongest open finding per field: a wrong value before a blank before a warning."""
        rank = {"warning": 1, "blank": 2, "error": 3}
        marks: dict[str, Mark] = {}
        for f in findings:
            if f.acknowledged:
                continue
            mark = "warning" if not f.is_error else ("blank" if f.rule == RuleId.BLANK else "error")
            for key in self.fields_of(f):
                if rank[mark] > rank.get(marks.get(key, ""), 0):
                    marks[key] = mark
        return marks

    def fields_of(self, finding: Finding) -> list[str]:
        """The form fields a finding is about: the cells to highlight."""
        key = finding.key or ""
        head, _, rest = key.partition(".")
        if head != "tables":
            return [key] if head in ("figures", "prose", "body") else []
        parts = rest.split(".")
        try:
            table = self.spec.table(parts[0])
        except KeyError:
            return []
        if len(parts) == 3 and parts[1] != "*":
            return [key]
        if len(parts) == 2:  # a whole row
            block = table.block_of(parts[1])
            return [f"tables.{table.id}.{parts[1]}.{c.id}" for c in block.columns]
        rows = _rule_rows(self.spec, finding.rule) or [r.id for b in table.blocks for r in b.rows if any(c.id == parts[2] for c in b.columns)]
        return [f"tables.{table.id}.{r}.{parts[2]}" for r in rows]

    # -----------------------------------------------------------------------------------------
    # saving

    def _snapshot(self) -> tuple[Any, ...]:
        r = self.report
        figures = {k: tuple((i.name, i.count) for i in v) if isinstance(v, list) else v for k, v in r.figures.items() if v not in (None, [])}
        return (
            {k: v for k, v in r.cells.items() if v is not None},
            figures,
            {k: v for k, v in r.prose.items() if v},
            dict(r.acknowledged),
            dict(self.texts),
            {k: [(b.name, b.text) for b in v] for k, v in self.breakdowns.items()},
            dict(self.profile),
        )

    @property
    def dirty(self) -> bool:
        """True when something differs from the file as last read or saved."""
        return self._snapshot() != self._saved

    def save(self) -> str:
        """Save the year (and the profile, if changed): atomic, the previous version kept.

        Raises ConflictError when the file changed on disk since it was opened; nothing is
        written then and the form keeps every value (kit.form.conflict resolves it). Refused
        entries are saved as blank (a file holds figures only) and the message counts them.
        """
        body = self.report.body
        if self.profile != self._saved_profile and not any(k.startswith("body.") for k in self.refused):
            self.body_digest = self.store.save_body(body, self.body_digest)
            self._saved_profile = dict(self.profile)
        self.store.save_year(self.report)
        self._saved = self._snapshot()
        self._base = self.draft()
        if self.autosaver:
            self.autosaver.cancel()
            autosave.remove_draft(self.autosaver.year_file)
        places = self.refused_places()
        return msg.saved_with_refused(len(places), places) if places else msg.SAVED

    def refused_places(self) -> list[str]:
        """Where typed text was not accepted (saved as blank), as printed."""
        places = [self.fields[k].printed if k in self.fields else BODY_FIELDS.get(k.removeprefix("body."), k) for k in self.refused]
        places += [f"{self.spec.figure(f).label}“{r.name}”" for f, rows in self.breakdowns.items() for r in rows if r.refused]
        return places

    # -----------------------------------------------------------------------------------------
    # drafts: what the form shows, as plain data (the autosave copy, a conflict's sides)

    def draft(self) -> dict[str, Any]:
        """Everything the clerk typed, as shown (refused texts included), as JSON-ready data."""
        return {
            "base": self.report.digest,
            "texts": {k: v for k, v in self.texts.items() if v},
            "prose": {k: v for k, v in self.report.prose.items() if v},
            "breakdowns": {k: [[b.name, b.text] for b in v] for k, v in self.breakdowns.items()},
            "profile": dict(self.profile),
            "acknowledged": dict(self.report.acknowledged),
        }

    def changed(self) -> None:
        """After every change: the autosave copy follows within a second (removed when nothing is unsaved)."""
        if self.autosaver:
            self.autosaver.changed(self.draft() if self.dirty else None)

    def apply_draft(self, draft: dict[str, Any], only: set[str] | None = None) -> None:
        """Put a draft's values into the form (all, or only the difference keys in `only`)."""
        for item in self.differences(draft):
            if only is not None and item.key not in only:
                continue
            self.apply(item.key, draft)

    def apply(self, key: str, draft: dict[str, Any]) -> None:
        """Take one item (a Difference.key) from `draft`."""
        if key in self.fields:
            self._type(key, draft.get("texts", {}).get(key, ""))
        elif key.startswith("body."):
            self.set_profile(key.removeprefix("body."), draft.get("profile", {}).get(key.removeprefix("body."), ""))
        elif key.startswith("breakdown."):
            fig = key.removeprefix("breakdown.")
            self.set_breakdown(fig, [(str(n), str(t)) for n, t in draft.get("breakdowns", {}).get(fig, [])])
        elif key == "acknowledged":
            self.report.acknowledged = dict(draft.get("acknowledged", {}))
        elif key.startswith("prose."):
            section, _, number = key.removeprefix("prose.").partition("#")
            theirs = draft.get("prose", {}).get(section) or ""
            if not number:
                self.set_prose(section, theirs)
            else:
                mine = _paragraphs(self.report.prose.get(section) or "")
                mine[int(number)] = _paragraphs(theirs)[int(number)]
                self.set_prose(section, "\n".join(mine))

    def differences(self, draft: dict[str, Any]) -> list[Difference]:
        """Every item where `draft` differs from the form as it stands, in printed order.

        Prose is compared paragraph by paragraph when both sides have as many paragraphs
        (the usual case: someone corrected a sentence), else section by section.
        """
        mine = self.draft()
        out: list[Difference] = []
        texts, other = mine["texts"], draft.get("texts", {})
        for key, spec_field in self.fields.items():
            if texts.get(key, "") != other.get(key, ""):
                out.append(Difference(key, spec_field.printed, texts.get(key, ""), other.get(key, "")))
        for fig in self.breakdowns:
            rows_a, rows_b = mine["breakdowns"].get(fig, []), [list(r) for r in draft.get("breakdowns", {}).get(fig, [])]
            if rows_a != rows_b:
                out.append(Difference(f"breakdown.{fig}", self.spec.figure(fig).label, _rows_text(rows_a), _rows_text(rows_b)))
        titles = self.section_titles()
        for section, title in titles.items():
            a, b = mine["prose"].get(section) or "", draft.get("prose", {}).get(section) or ""
            if a == b:
                continue
            pa, pb = _paragraphs(a), _paragraphs(b)
            if len(pa) == len(pb) and len(pa) > 1:
                out += [Difference(f"prose.{section}#{i}", msg.paragraph(title, i + 1), x, y) for i, (x, y) in enumerate(zip(pa, pb, strict=True)) if x != y]
            else:
                out.append(Difference(f"prose.{section}", title, a, b))
        for key in PROFILE_FIELDS:
            a, b = mine["profile"].get(key, ""), draft.get("profile", {}).get(key, "")
            if a != b:
                out.append(Difference(f"body.{key}", BODY_FIELDS[key], a, b))
        if mine["acknowledged"] != draft.get("acknowledged", {}):
            out.append(Difference("acknowledged", msg.ACKNOWLEDGED, _acks(mine["acknowledged"]), _acks(draft.get("acknowledged", {}))))
        return out

    def section_titles(self) -> dict[str, str]:
        """Every prose section's id and printed title, in printed order."""
        out = {"opening": msg.OPENING} if self.spec.free_form else {}
        for section in self.spec.sections:
            for sub in section.subsections:
                out[sub.id] = f"{sub.number}{self.report.titles.get(sub.id) or sub.title}"
            if section.is_prose:
                out[section.id] = f"{section.number}{self.report.titles.get(section.id) or section.title}"
        return out

    @property
    def base(self) -> dict[str, Any]:
        """The form as opened or last saved."""
        return self._base

    def saved_draft(self) -> dict[str, Any] | None:
        """The autosave copy of this year, when it holds something this form does not."""
        if not self.report.file:
            return None
        draft = autosave.read_draft(self.report.file)
        if draft is None:
            return None
        if not self.differences(draft):
            autosave.remove_draft(self.report.file)
            return None
        return draft

    def discard_draft(self) -> None:
        if self.report.file:
            if self.autosaver:
                self.autosaver.cancel()
            autosave.remove_draft(self.report.file)


    # -----------------------------------------------------------------------------------------
    # the yearly cycle (kit.cycle): the state, a return's reason, 提交审核

    def cycle(self) -> Editable:
        """The report's state now, and whether it may be saved (read from the record each time)."""
        return editable(self.store, self.report.body.ref, self.report.year)

    def cycle_note(self) -> tuple[str, str | None]:
        """What the form shows of the cycle: the state with who and when, and a return's reason or why it is locked."""
        verdict = self.cycle()
        last = verdict.last
        state = cycle_say.form_state(verdict.state.value, last.by if last else None, last.describe_time() if last else None)
        if verdict.state is State.RETURNED and last is not None and last.reason:
            return state, cycle_say.form_returned(last.reason)
        return state, cycle_say.form_locked_hint(verdict.state.value) or None

    def submit(self, by: str | None = None) -> str:
        """提交审核: refused with unsaved changes (what is submitted is the file), with errors, or in the wrong state."""
        from kit.cycle import submit

        if self.dirty:
            raise KitError(cycle_say.FORM_SAVE_FIRST)
        submit(self.store, self.report.body.ref, self.report.year, by=by or self.store.saved_by or current_user())  # under kit hub: the scoped store's login
        return cycle_say.form_submitted(self.report.body.ref, self.report.year)

def _paragraphs(text: str) -> list[str]:
    return text.split("\n")


def _rows_text(rows: list[list[str]]) -> str:
    return "、".join(f"{n}{t}" for n, t in rows if n or t)


def _acks(acks: dict[str, str]) -> str:
    return msg.acknowledged_count(len(acks)) if acks else msg.NONE


def _rule_rows(spec: Spec, rule_id: str) -> list[str]:
    """Rows named by a rule instance (left + right of a balance) — for findings keyed on a column."""
    for rule in spec.rules:
        if rule.id == rule_id:
            rows: list[str] = []
            for name in ("left", "right", "rows"):
                value = rule.params.get(name)
                if isinstance(value, list):
                    rows += [str(v) for v in value]
            return rows
    return []


def _digest(path: Path) -> str | None:
    try:
        return yamlio.read_text(path)[1]
    except (FileNotFoundError, KitError):
        return None
