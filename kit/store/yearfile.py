"""The year-file format: parameters/<county>/<body>/body.yaml and <year>.yaml, read and written.

Files are meant to be edited by hand too: ASCII keys, a Chinese comment on each naming the
field as printed, figures only where a person types them (computed totals are left out; a file
that carries them, e.g. imported figures, has them checked, not trusted).

Loading collects every problem of a file into one ParameterError (file, key, line, value and
a "did you mean" for unknown keys); it never guesses a zero for a blank.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from kit import yamlio
from kit.errors import KitError, ParameterError, PathError
from kit.findings import Finding, RuleId, error
from kit.messages import store as say
from kit.report import BODY_FIELDS, REQUIRED_BODY_FIELDS, Body, BodyRef, BreakdownItem, YearReport
from kit.spec import EDITIONS, Spec, edition_for_year, load_levels, load_spec
from kit.values import Refused, format_figure, parse_figure

BODY_FILE = "body.yaml"
YEAR_FILE = re.compile(r"^(\d{4})\.yaml$")
YEAR_KEYS = say.TOP_LEVEL_KEYS



# ---------------------------------------------------------------------------------------------
# loading


class _Problems:
    def __init__(self, file: Path) -> None:
        self.file = file
        self.items: list[Finding] = []

    def add(self, key: str, message: str, line: int | None = None) -> None:
        self.items.append(error(RuleId.LOAD, message, key=key, file=self.file, line=line))

    def unknown(self, key: str, name: str, known: Iterable[str], line: int | None, what: str) -> None:
        known = list(known)
        close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.5)
        self.add(key, say.unknown_name(what, name, close[0] if close else None, known), line)

    def raise_if_any(self, message: str) -> None:
        if self.items:
            raise ParameterError(message, self.items)


def _line(mapping: Any, key: Any) -> int | None:
    try:
        return int(mapping.lc.key(key)[0]) + 1
    except (AttributeError, KeyError, TypeError):
        return None


def read_mapping(path: Path) -> tuple[Any, str]:
    try:
        text, digest = yamlio.read_text(path)
    except FileNotFoundError:
        raise PathError(say.no_such_file(path)) from None
    data = yamlio.load_yaml_cached(text, digest, path, error=KitError, strict=True)
    if data is None:
        raise KitError(say.empty_file(path))
    if not isinstance(data, Mapping):
        raise KitError(say.not_a_mapping(path, data))
    return data, digest


def _as_typed(raw: Any) -> str:
    """A profile field as typed: YAML reads an unquoted 010020 (a postcode, a phone number) as the
    number 10020; ruamel remembers the width, so the leading zeros are put back."""
    width = getattr(raw, "_width", None)
    if isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0 and width and not getattr(raw, "_underscore", None):
        return str(int(raw)).zfill(width)
    return str(raw)


def parse_body(ref: BodyRef, data: Mapping[str, Any], file: Path) -> Body:
    p = _Problems(file)
    values: dict[str, Any] = {}
    for key, raw in data.items():
        line = _line(data, key)
        if key not in BODY_FIELDS:
            p.unknown(str(key), key, BODY_FIELDS, line, say.A_FIELD)
            continue
        if key == "fictional":
            if not isinstance(raw, bool):
                p.add(key, say.not_true_or_false(raw), line)
            values[key] = bool(raw)
        elif key == "renamed_in":
            years = raw if isinstance(raw, list) else [raw]
            if not all(isinstance(y, int) and not isinstance(y, bool) for y in years):
                p.add(key, say.not_years(raw), line)
            else:
                values[key] = tuple(years)
        elif raw is not None:
            if isinstance(raw, (Mapping, list)):
                p.add(key, say.not_text(raw), line)
            else:
                values[key] = _as_typed(raw).strip()
    for key in REQUIRED_BODY_FIELDS:
        if not values.get(key):
            p.add(key, say.missing_field(BODY_FIELDS[key], key))
    levels = load_levels()
    if values.get("level") and values["level"] not in levels:
        p.unknown("level", values["level"], levels, _line(data, "level"), say.A_LEVEL)
    if values.get("name") and values["name"] != ref.body:
        p.add("name", say.name_differs_from_folder(values["name"], ref.body), _line(data, "name"))
    if values.get("county") and values["county"] != ref.county:
        p.add("county", say.county_differs_from_folder(values["county"], ref.county), _line(data, "county"))
    p.raise_if_any(say.body_file_unreadable(file))
    return Body(ref=ref, **values)


def parse_year(body: Body, year: int, data: Mapping[str, Any], file: Path) -> YearReport:
    p = _Problems(file)
    for key in data:
        if key not in YEAR_KEYS:
            p.unknown(str(key), key, YEAR_KEYS, _line(data, key), say.A_TOP_LEVEL_KEY)
    edition = data.get("edition")
    if edition not in EDITIONS:
        if edition is None:
            p.add("edition", say.missing_edition(year, edition_for_year(year)), _line(data, "edition"))
        else:
            p.unknown("edition", edition, EDITIONS, _line(data, "edition"), say.AN_EDITION)
        p.raise_if_any(say.year_file_unreadable(file))
    spec = load_spec(str(edition))
    report = YearReport(body=body, year=year, edition=str(edition), file=file)
    report.lines["edition"] = _line(data, "edition") or 0
    _parse_date(data, report, p)
    _parse_figures(spec, data.get("figures"), report, p, data)
    _parse_tables(spec, data.get("tables"), report, p, data)
    _parse_prose(spec, data, report, p)
    _parse_acknowledged(data.get("acknowledged"), report, p, data)
    p.raise_if_any(say.year_file_unreadable(file))
    return report


def _parse_date(data: Mapping[str, Any], report: YearReport, p: _Problems) -> None:
    """The report's date (落款), typed as 2026-01-20 (quoted or not) or written by `kit publish`."""
    raw = data.get("date")
    if raw is None:
        return
    line = _line(data, "date")
    report.lines["date"] = line or 0
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        report.date = raw
        return
    text = str(raw).strip()
    m = re.fullmatch(r"(\d{4})\s*[-./\u5e74]\s*(\d{1,2})\s*[-./\u6708]\s*(\d{1,2})\s*\u65e5?", text)
    try:
        if m is None:
            raise ValueError(text)
        report.date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        p.add("date", say.date_unreadable(text), line)
        return
    if report.date.year <= report.year:
        p.add("date", say.date_too_early(report.date.isoformat(), report.year), line)


def _mapping_or_none(raw: Any, key: str, parent: Any, p: _Problems) -> Mapping[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        p.add(key, say.not_key_value(raw), _line(parent, key.rsplit(".", 1)[-1]))
        return {}
    return raw


def _parse_figures(spec: Spec, raw: Any, report: YearReport, p: _Problems, parent: Any) -> None:
    figures = _mapping_or_none(raw, "figures", parent, p)
    known = {f.id: f for f in spec.figures}
    for key, value in figures.items():
        line = _line(figures, key)
        k = f"figures.{key}"
        report.lines[k] = line or 0
        fig = known.get(str(key))
        if fig is None:
            p.unknown(k, key, known, line, say.A_FIGURE)
            continue
        if fig.kind == "breakdown":
            report.figures[fig.id] = _parse_breakdown(value, k, line, p)
            continue
        try:
            report.figures[fig.id] = parse_figure(value, fig.kind)
        except Refused as exc:
            p.add(k, say.refused_at(fig.label, exc), line)


def _parse_breakdown(value: Any, key: str, line: int | None, p: _Problems) -> list[BreakdownItem]:
    if value is None:
        return []
    if not isinstance(value, list):
        p.add(key, say.BREAKDOWN_NOT_A_LIST, line)
        return []
    items = []
    for i, item in enumerate(value):
        k = f"{key}[{i}]"
        if not isinstance(item, Mapping) or set(item) - {"name", "count"} or not isinstance(item.get("name"), str):
            p.add(k, say.breakdown_item(item), line)
            continue
        try:
            items.append(BreakdownItem(item["name"].strip(), parse_figure(item.get("count"), "count")))
        except Refused as exc:
            p.add(k, say.refused_item(item["name"], exc), line)
    return items


def _parse_tables(spec: Spec, raw: Any, report: YearReport, p: _Problems, parent: Any) -> None:
    tables = _mapping_or_none(raw, "tables", parent, p)
    for table_id, rows in tables.items():
        try:
            table = spec.table(str(table_id))
        except KeyError:
            p.unknown(f"tables.{table_id}", table_id, [t.id for t in spec.tables], _line(tables, table_id), say.A_TABLE)
            continue
        rows = _mapping_or_none(rows, f"tables.{table_id}", tables, p)
        row_ids = [r.id for b in table.blocks for r in b.rows]
        for row_id, cols in rows.items():
            rk = f"tables.{table_id}.{row_id}"
            if row_id not in row_ids:
                p.unknown(rk, row_id, row_ids, _line(rows, row_id), say.a_row_of(table.printed))
                continue
            row = table.row(str(row_id))
            block = table.block_of(str(row_id))
            cols = _mapping_or_none(cols, rk, rows, p)
            by_id = {c.id: c for c in block.columns}
            for col_id, value in cols.items():
                ck = f"{rk}.{col_id}"
                line = _line(cols, col_id)
                column = by_id.get(str(col_id))
                if column is None:
                    p.unknown(ck, col_id, by_id, line, say.a_column_of(row.label))
                    continue
                report.lines[ck] = line or 0
                try:
                    report.cells[f"{table_id}.{row_id}.{col_id}"] = parse_figure(value, column.kind)
                except Refused as exc:
                    p.add(ck, say.refused_at(spec.cell_index[f"{table_id}.{row_id}.{col_id}"].printed, exc), line)


def _parse_prose(spec: Spec, data: Mapping[str, Any], report: YearReport, p: _Problems) -> None:
    sections = {s.id: s for s in spec.prose_sections()}
    all_sections = {s.id for s in spec.sections} | set(sections)
    prose = _mapping_or_none(data.get("prose"), "prose", data, p)
    for key, value in prose.items():
        k = f"prose.{key}"
        line = _line(prose, key)
        report.lines[k] = line or 0
        if key not in sections and not (key == "opening" and spec.free_form):
            p.unknown(k, key, sections, line, say.A_PROSE_SECTION)
        elif value is not None and not isinstance(value, str):
            p.add(k, say.not_text(value), line)
        else:
            report.prose[str(key)] = value
    titles = _mapping_or_none(data.get("titles"), "titles", data, p)
    if titles and not spec.free_form:
        p.add("titles", say.titles_fixed(spec.name), _line(data, "titles"))
    for key, value in titles.items():
        if key not in all_sections:
            p.unknown(f"titles.{key}", key, all_sections, _line(titles, key), say.A_SECTION)
        elif not isinstance(value, str) or not value.strip():
            p.add(f"titles.{key}", say.not_text(value), _line(titles, key))
        else:
            report.titles[str(key)] = value.strip()
    run_in = data.get("run_in") or []
    if not isinstance(run_in, list) or any(k not in all_sections for k in run_in):
        p.add("run_in", say.not_section_ids(sorted(all_sections)), _line(data, "run_in"))
    else:
        report.run_in = [str(k) for k in run_in]


def _parse_acknowledged(raw: Any, report: YearReport, p: _Problems, parent: Any) -> None:
    if raw is None:
        return
    if not isinstance(raw, list):
        p.add("acknowledged", say.ACKNOWLEDGED_NOT_A_LIST, _line(parent, "acknowledged"))
        return
    for i, item in enumerate(raw):
        if not isinstance(item, Mapping) or not isinstance(item.get("id"), str) or not str(item.get("reason") or "").strip():
            p.add(f"acknowledged[{i}]", say.ACKNOWLEDGED_ITEM, _line(parent, "acknowledged"))
            continue
        report.acknowledged[item["id"]] = str(item["reason"]).strip()


# ---------------------------------------------------------------------------------------------
# writing


def _quote(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly `text`."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif not ch.isprintable() or ch in "\u2028\u2029\u0085\ufeff":
            out.append(f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


_NOT_PLAIN = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`~=]|: |\s#|:$|^(true|false|null|yes|no|on|off|[-+]?[\d.]+([eE][-+]?\d+)?|0x.*|0o.*|\.(inf|nan))$", re.IGNORECASE)


def _resolves_to_str(text: str) -> bool:
    """Whether YAML reads this plain scalar as a string (not 1_000, 2021-01-01, +.inf, <<, ...)."""
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    return bool(VersionedResolver().resolve(ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str")


def _scalar(text: str) -> str:
    """Plain when that reads back as the same string (most Chinese text), else double-quoted."""
    plain = text == text.strip() and text and all(c.isprintable() for c in text) and not _NOT_PLAIN.search(text)
    return text if plain and "\ufeff" not in text and _resolves_to_str(text) else _quote(text)


def _block_ok(text: str) -> bool:
    if not text or text != text.strip("\n") or "\r" in text:
        return False
    lines = text.split("\n")
    return all(
        line == line.rstrip(" \t") and all((c.isprintable() or c == "\t") and c not in "\u2028\u2029\u0085\ufeff" for c in line)
        for line in lines
    ) and not lines[0].startswith((" ", "\t"))


def _text_value(text: str | None, comment: str, indent: str) -> str:
    if text is None:
        return f"  # {comment}"
    if "\n" in text and _block_ok(text):
        body = "\n".join(f"{indent}  {line}" if line else "" for line in text.split("\n"))
        return f" |-  # {comment}\n{body}"
    return f" {_scalar(text)}  # {comment}"


def dump_body(body: Body) -> str:
    lines = [say.body_file_heading(body.full_name)]
    for key, label in BODY_FIELDS.items():
        value = getattr(body, key)
        if key == "renamed_in":
            if value:
                lines.append(f"{key}: [{', '.join(str(v) for v in value)}]  # {label}")
            continue
        if key == "fictional":
            if value:
                lines.append(f"{key}: true  # {label}")
            continue
        lines.append(f"{key}:{_text_value(value, label, '')}")
    return "\n".join(lines) + "\n"


def dump_year(report: YearReport) -> str:
    """The year's file as text: spec order, a Chinese comment on every key, no computed totals."""
    spec = report.spec
    out = [
        *say.year_file_heading(report.year, report.body.full_name),
        f"edition: {spec.id}  # {say.edition_comment(spec.name)}",
        *([f'date: "{report.date.isoformat()}"  # {say.DATE_COMMENT}'] if report.date else []),
        "",
        f"figures:  # {say.FIGURES_COMMENT}",
    ]
    for fig in spec.figures:
        value = report.figures.get(fig.id)
        comment = f"{fig.label}（{fig.unit}）"
        if fig.kind == "breakdown":
            out.append(f"  {fig.id}:  # {comment}{say.BREAKDOWN_COMMENT}")
            for item in value or []:
                out.append(f"    - {{name: {_quote(item.name)}, count: {format_figure(item.count) or '~'}}}")
        else:
            out.append(f"  {fig.id}: {format_figure(value)}  # {comment}".replace(":   #", ":  #"))
    if spec.tables:
        out += ["", "tables:"]
    for table in spec.tables:
        out.append(f"  {table.id}:  # {table.printed}")
        for block in table.blocks:
            for row in block.rows:
                where = table.row_printed(row.id, with_table=False)
                out.append(f"    {row.id}:  # {where or row.label}")
                for column in block.columns:
                    if (row.id, column.id) in table.computed:
                        continue
                    value = format_figure(report.cells.get(f"{table.id}.{row.id}.{column.id}"))
                    out.append(f"      {column.id}: {value}  # {' › '.join(column.path)}{say.unit_of(column.label, column.unit)}".replace(":   #", ":  #"))
    out += ["", f"prose:  # {say.PROSE_COMMENT}"]
    prose_keys = ["opening"] if spec.free_form and "opening" in report.prose else []
    for section in [*prose_keys, *(s.id for s in spec.prose_sections())]:
        label = _section_label(spec, section)
        out.append(f"  {section}:{_text_value(report.prose.get(section), label, '  ')}")
    if report.titles:
        out += ["", f"titles:  # {say.TITLES_COMMENT}"]
        out += [f"  {k}: {_scalar(v)}" for k, v in report.titles.items()]
    if report.run_in:
        out += ["", f"run_in: [{', '.join(report.run_in)}]  # {say.RUN_IN_COMMENT}"]
    out += ["", ("acknowledged: []" if not report.acknowledged else "acknowledged:") + f"  # {say.ACKNOWLEDGED_COMMENT}"]
    for fid, reason in report.acknowledged.items():
        out.append(f"  - id: {_scalar(fid)}\n    reason: {_scalar(reason)}")
    return "\n".join(out) + "\n"


def _section_label(spec: Spec, section_id: str) -> str:
    if section_id == "opening":
        return say.OPENING
    for s in spec.sections:
        for sub in (s, *s.subsections):
            if sub.id == section_id:
                return f"{s.number}{s.title}" + (f" › {sub.number}{sub.title}" if sub is not s else "")
    return section_id


# ---------------------------------------------------------------------------------------------
# the store
