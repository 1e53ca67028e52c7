"""Report editions, loaded from kit/spec/editions/*.yaml into the frozen objects of kit.spec.model.

A malformed spec raises SpecError naming the file and the path inside it
(``tables[1].blocks[0].rows[3].id``). Rule instances are checked against the rule kinds declared
in kit.spec.kinds when a spec loads, so a rule naming a row that does not exist fails at load.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kit import paths
from kit.errors import SpecError
from kit.messages import spec as spec_says
from kit.spec.kinds import bind_rules
from kit.spec.model import (
    CELL_KINDS,
    FIGURE_KINDS,
    Block,
    Column,
    Figure,
    Level,
    Row,
    Rule,
    Section,
    Spec,
    Table,
)
from kit.yamlio import load_yaml_text

SPEC_DIR = paths.EDITIONS


class _Reader:
    """Walks raw YAML data, remembering the path, so every complaint names where it is."""

    def __init__(self, file: Path) -> None:
        self.file = file

    def fail(self, where: str, problem: str) -> SpecError:
        return SpecError(spec_says.in_spec(self.file, where, problem))

    def mapping(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(where, spec_says.NOT_A_MAPPING)
        return value

    def seq(self, value: Any, where: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(where, spec_says.NOT_A_LIST)
        return value

    def text(self, data: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> Any:
        value = data.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}.{key}", spec_says.MISSING_OR_NOT_TEXT)
        return value

    def ident(self, data: Mapping[str, Any], where: str) -> str:
        value = self.text(data, "id", where)
        if not value.isascii() or not value.replace("_", "").isalnum() or not value[0].isalpha():
            raise self.fail(f"{where}.id", spec_says.not_an_identifier(value))
        return str(value)


def _columns(r: _Reader, raw: Any, where: str, parent: tuple[str, ...]) -> list[Column]:
    out: list[Column] = []
    for i, item in enumerate(r.seq(raw, where)):
        w = f"{where}[{i}]"
        item = r.mapping(item, w)
        label = r.text(item, "label", w)
        if "columns" in item:
            out += _columns(r, item["columns"], f"{w}.columns", (*parent, label))
            continue
        kind = item.get("kind", "count")
        if kind not in CELL_KINDS:
            raise r.fail(f"{w}.kind", spec_says.not_one_of(CELL_KINDS, kind))
        out.append(Column(r.ident(item, w), label, (*parent, label), r.text(item, "unit", w), kind))
    return out


def _rows(r: _Reader, raw: Any, where: str, parent: tuple[str, ...]) -> list[Row]:
    out: list[Row] = []
    for i, item in enumerate(r.seq(raw, where)):
        w = f"{where}[{i}]"
        item = r.mapping(item, w)
        label = r.text(item, "label", w)
        if "rows" in item:
            out += _rows(r, item["rows"], f"{w}.rows", (*parent, label))
        else:
            out.append(Row(r.ident(item, w), label, (*parent, label)))
    return out


def _unique(r: _Reader, ids: list[str], where: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise r.fail(where, spec_says.repeated_id(i))
        seen.add(i)


def _table(r: _Reader, raw: Any, where: str) -> Table:
    data = r.mapping(raw, where)
    blocks = []
    for i, b in enumerate(r.seq(data.get("blocks"), f"{where}.blocks")):
        w = f"{where}.blocks[{i}]"
        b = r.mapping(b, w)
        columns = _columns(r, b.get("columns"), f"{w}.columns", ())
        rows = _rows(r, b.get("rows"), f"{w}.rows", ())
        if not columns or not rows:
            raise r.fail(w, spec_says.NO_ROWS_OR_COLUMNS)
        _unique(r, [c.id for c in columns], f"{w}.columns")
        blocks.append(Block(r.ident(b, w), r.text(b, "label", w, required=False), tuple(columns), tuple(rows)))
    if not blocks:
        raise r.fail(f"{where}.blocks", spec_says.EMPTY)
    _unique(r, [row.id for b in blocks for row in b.rows], f"{where}.blocks[*].rows")
    return Table(
        id=r.ident(data, where),
        number=r.text(data, "number", where),
        title=r.text(data, "title", where),
        corner=r.text(data, "corner", where, required=False),
        row_header=r.text(data, "row_header", where, required=False),
        row_labels=bool(data.get("row_labels", True)),
        blocks=tuple(blocks),
    )


def _section(r: _Reader, raw: Any, where: str) -> Section:
    data = r.mapping(raw, where)
    subs = tuple(_section(r, s, f"{where}.subsections[{i}]") for i, s in enumerate(r.seq(data.get("subsections"), where)))
    return Section(
        id=r.ident(data, where),
        number=r.text(data, "number", where),
        title=r.text(data, "title", where),
        table=r.text(data, "table", where, required=False),
        guidance=r.text(data, "guidance", where, required=False),
        optional=bool(data.get("optional", False)),
        subsections=subs,
    )


def _figure(r: _Reader, raw: Any, where: str) -> Figure:
    data = r.mapping(raw, where)
    kind = data.get("kind")
    if kind not in FIGURE_KINDS:
        raise r.fail(f"{where}.kind", spec_says.not_one_of(FIGURE_KINDS, kind))
    return Figure(
        id=r.ident(data, where),
        label=r.text(data, "label", where),
        unit=r.text(data, "unit", where),
        kind=kind,
        total=r.text(data, "total", where, required=False),
        optional=bool(data.get("optional", False)),
    )


def _rule(r: _Reader, raw: Any, where: str) -> Rule:
    data = r.mapping(raw, where)
    params = {k: v for k, v in data.items() if k not in ("id", "kind", "ref")}
    return Rule(r.ident(data, where), r.text(data, "kind", where), str(data.get("ref", "")), params)


def _merge(r: _Reader, parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """A child spec replaces its parent's entries by id, drops those it lists, and adds new ones."""
    merged = dict(parent)
    drop = r.mapping(child.get("drop", {}), "drop")
    for key, value in child.items():
        if key in ("extends", "drop"):
            continue
        if key in ("sections", "figures", "tables", "rules") and isinstance(value, list):
            by_id = {item["id"]: item for item in value}
            base = [by_id.pop(item["id"], item) for item in parent.get(key, [])]
            merged[key] = base + list(by_id.values())
        else:
            merged[key] = value
    for key, ids in drop.items():
        merged[key] = [item for item in merged.get(key, []) if item["id"] not in set(r.seq(ids, f"drop.{key}"))]
    return merged


# Parsing the specs with a pure-Python YAML parser costs ≈0.1 s per edition, more than the rest
# of `kit check` together; their data is cached as JSON beside them (like .pyc files), keyed by
# the bytes of every spec file, and reparsed whenever any of them changes. Validation of the data
# (parse_spec) runs either way, so a cached spec behaves exactly like a freshly read one.
_CACHE_FORMAT = "1"


def _sources_key(spec_dir: Path) -> str:
    h = hashlib.sha256(_CACHE_FORMAT.encode())
    for path in sorted(spec_dir.glob("*.yaml")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _cached(name: str, spec_dir: Path, read: Any) -> Any:
    """`read()`'s JSON-able result, from the cache when the spec files have not changed."""
    cache = spec_dir / "__pycache__" / "specs.json"
    try:
        key = _sources_key(spec_dir)
        stored = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stored = {}
    if not isinstance(stored, dict) or stored.get("key") != key:
        stored = {"key": key, "data": {}}
    if name in stored["data"]:
        return stored["data"][name]
    value = read()
    stored["data"][name] = value
    tmp = cache.with_name(f".{cache.name}.{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(exist_ok=True)
        tmp.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, cache)
    except OSError:  # a read-only installation: no cache, just slower
        with contextlib.suppress(OSError):
            tmp.unlink()
    return value


def _raw(edition: str, spec_dir: Path) -> tuple[Path, dict[str, Any]]:
    path = spec_dir / f"{edition}.yaml"
    return path, _cached(edition, spec_dir, lambda: _raw_uncached(edition, spec_dir)[1])


def _raw_uncached(edition: str, spec_dir: Path) -> tuple[Path, dict[str, Any]]:
    path = spec_dir / f"{edition}.yaml"
    if not path.is_file():
        raise SpecError(spec_says.no_spec_file(edition, path))
    r = _Reader(path)
    data = dict(r.mapping(load_yaml_text(path.read_text(encoding="utf-8"), path, error=SpecError), spec_says.WHOLE_FILE))
    if "extends" in data:
        _, parent = _raw_uncached(str(data["extends"]), spec_dir)
        data = _merge(r, parent, data)
    return path, data


def parse_spec(path: Path, data: Mapping[str, Any]) -> Spec:
    r = _Reader(path)
    years = r.mapping(data.get("years", {}), "years")
    tables = tuple(_table(r, t, f"tables[{i}]") for i, t in enumerate(r.seq(data.get("tables"), "tables")))
    sections = tuple(_section(r, s, f"sections[{i}]") for i, s in enumerate(r.seq(data.get("sections"), "sections")))
    figures = tuple(_figure(r, f, f"figures[{i}]") for i, f in enumerate(r.seq(data.get("figures"), "figures")))
    rules = tuple(_rule(r, x, f"rules[{i}]") for i, x in enumerate(r.seq(data.get("rules"), "rules")))
    table_ids = {t.id for t in tables}
    for i, s in enumerate(sections):
        if s.table and s.table not in table_ids:
            raise r.fail(f"sections[{i}].table", spec_says.no_such_table(s.table))
    _unique(r, [s.id for s in sections] + [x.id for s in sections for x in s.subsections], "sections")
    _unique(r, [t.id for t in tables], "tables")
    _unique(r, [f.id for f in figures], "figures")
    _unique(r, [x.id for x in rules], "rules")
    spec = Spec(
        id=r.ident(data, spec_says.WHOLE_FILE),
        name=r.text(data, "name", spec_says.WHOLE_FILE),
        first_year=years.get("first"),
        last_year=years.get("last"),
        notice=data.get("notice"),
        notice_title=data.get("notice_title"),
        title=r.text(data, "title", spec_says.WHOLE_FILE),
        opening=r.text(data, "opening", spec_says.WHOLE_FILE),
        free_form=bool(data.get("free_form", False)),
        sections=sections,
        figures=figures,
        tables=tables,
        rules=rules,
        path=path,
    )
    return bind_rules(spec, r.fail)


@functools.cache
def load_spec(edition: str, spec_dir: Path = SPEC_DIR) -> Spec:
    """The spec of one edition (cached: specs are immutable).

    >>> from kit.spec import load_spec
    >>> spec = load_spec("gov2021")
    >>> spec.table("applications").row("new").printed
    '一、本年新收政府信息公开申请数量'
    >>> load_spec("gov2021") is spec
    True
    """
    path, data = _raw(edition, spec_dir)
    return parse_spec(path, data)


@functools.cache
def load_levels(spec_dir: Path = SPEC_DIR) -> dict[str, Level]:
    path = spec_dir / "levels.yaml"
    r = _Reader(path)
    data = r.mapping(_cached("levels", spec_dir, lambda: load_yaml_text(path.read_text(encoding="utf-8"), path, error=SpecError)), spec_says.WHOLE_FILE)
    out = {}
    for i, item in enumerate(r.seq(data.get("levels"), "levels")):
        item = r.mapping(item, f"levels[{i}]")
        out[str(item["id"])] = Level(str(item["id"]), bool(item["can_make_rules"]), float(item["fee_warning"]))
    return out


LEVEL_ROLES = ("county_total", "imported_unknown")  # what the code asks levels.yaml for, by use (never a level's name in Python)


@functools.cache
def level_role(role: str, spec_dir: Path = SPEC_DIR) -> str:
    """The level id levels.yaml's `roles` names for `role` (one of LEVEL_ROLES); checked to be a declared level."""
    path = spec_dir / "levels.yaml"
    r = _Reader(path)
    data = r.mapping(_cached("levels", spec_dir, lambda: load_yaml_text(path.read_text(encoding="utf-8"), path, error=SpecError)), spec_says.WHOLE_FILE)
    roles = r.mapping(data.get("roles"), "roles")
    if role not in LEVEL_ROLES:
        raise ValueError(role)  # a programming mistake, not a file's
    level = str(roles.get(role))
    if level not in load_levels(spec_dir):
        raise r.fail(f"roles.{role}", spec_says.not_one_of(load_levels(spec_dir), level))
    return level
