"""Saved versions of a year's file: list them (`kit history`) and bring one back (`kit restore`).

Every save (yamlio.save_text) first copies the version it replaces into
``<主体>/.history/<year>/<时间>.yaml``. Here those copies are listed oldest first, numbered from 1,
with their time, size and which keys differ from the version that followed them; and one is
restored by saving its text over the current file through the same atomic, conflict-checked
save, so the current version is itself kept in .history/ and nothing is lost by restoring.

A version is named by its number or its time stamp as listed; the name is matched against the
listing, never joined into a path, so no argument can reach outside the body's folder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kit import yamlio
from kit.errors import KitError
from kit.messages import store as say
from kit.report import BodyRef
from kit.store import Store, saves
from kit.store.record import check_editable

STAMP_FORMAT = "%Y%m%dT%H%M%S%f"


@dataclass(frozen=True)
class Version:
    number: int  # 1 = the oldest kept
    stamp: str  # the file's stem, e.g. 20261125T150851123456
    path: Path
    size: int

    @property
    def time(self) -> dt.datetime | None:
        try:
            return dt.datetime.strptime(self.stamp, STAMP_FORMAT)
        except ValueError:
            return None

    def describe_time(self) -> str:
        t = self.time
        return t.strftime("%Y-%m-%d %H:%M:%S") if t else self.stamp


def versions(store: Store, ref: BodyRef, year: int) -> list[Version]:
    """The kept versions of a year's file, oldest first."""
    folder = yamlio.history_dir(store.year_file(ref, year))
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix == ".yaml" and not p.name.startswith("."))
    return [Version(i, p.stem, p, p.stat().st_size) for i, p in enumerate(files, 1)]


def find_version(store: Store, ref: BodyRef, year: int, name: str | None) -> Version:
    """The version named by its number or stamp; the latest kept one when `name` is None."""
    kept = versions(store, ref, year)
    if not kept:
        raise KitError(say.no_history(ref, year))
    if name is None:
        return kept[-1]
    text = str(name).strip()
    for v in kept:
        if text == str(v.number) or text == v.stamp or text == v.path.name:
            return v
    listed = "、".join(f"{v.number}（{v.describe_time()}）" for v in kept[-5:])
    raise KitError(say.no_such_version(ref, year, text, listed, more=len(kept) > 5))


# ---------------------------------------------------------------------------------------------
# differences


def _flatten(node: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(node, Mapping):
        out: dict[str, Any] = {}
        for key, value in node.items():
            out.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(node, list):
        return {prefix: repr([_flatten(v) for v in node])}
    return {prefix: node}


def _keys_of(text: str, path: Path) -> dict[str, Any] | None:
    try:
        return _flatten(yamlio.load_yaml_text(text, path, strict=True))
    except KitError:
        return None


def changed_keys(old: str, new: str, path: Path = Path("?")) -> list[str] | None:
    """The dotted keys whose value differs between two texts of a file; None if either is not YAML."""
    a, b = _keys_of(old, path), _keys_of(new, path)
    if a is None or b is None:
        return None
    return sorted(k for k in a.keys() | b.keys() if a.get(k, _MISSING) != b.get(k, _MISSING))


_MISSING = object()


def describe_change(old: str, new: str, path: Path = Path("?"), limit: int = 5) -> str:
    keys = changed_keys(old, new, path)
    if keys is None:
        return say.NOT_COMPARABLE
    if not keys:
        return say.SAME_CONTENT if old == new else say.FORMAT_ONLY
    shown = "、".join(keys[:limit])
    return say.changes_summary(len(keys), shown, more=len(keys) > limit)


@dataclass(frozen=True)
class HistoryLine:
    version: Version | None  # None: the current file
    size: int
    time: str
    change: str  # what the next version (or the current file) changed relative to this one
    by: str = ""  # who saved this version, when it was saved through `kit hub` (kit.store.saves)


def history(store: Store, ref: BodyRef, year: int) -> list[HistoryLine]:
    """Each kept version, then the current file, with what changed after it."""
    file = store.year_file(ref, year)
    kept = versions(store, ref, year)
    current = file.read_text(encoding="utf-8") if file.is_file() else None
    if not kept and current is None:
        raise KitError(say.nothing_to_list(ref, year, file))
    data = [v.path.read_bytes() for v in kept]
    texts = [d.decode("utf-8", errors="replace") for d in data]
    who = saves.savers(file)
    lines = []
    for i, v in enumerate(kept):
        following = texts[i + 1] if i + 1 < len(texts) else current
        change = describe_change(texts[i], following, file) if following is not None else say.CURRENT_DELETED
        lines.append(HistoryLine(v, v.size, v.describe_time(), change, who.get(yamlio.digest(data[i]), "")))
    if current is not None:
        stat = file.stat()
        when = dt.datetime.fromtimestamp(stat.st_mtime).strftime("%Y-%m-%d %H:%M:%S")
        lines.append(HistoryLine(None, stat.st_size, when, "", who.get(yamlio.digest(file.read_bytes()), "")))
    return lines


def format_history(ref: BodyRef, year: int, lines: list[HistoryLine]) -> str:
    out = [say.versions_heading(ref, year)]
    for line in lines:
        label = f"{line.version.number:>3}  {line.version.stamp}" if line.version else say.CURRENT + "  " + " " * 21
        out.append(say.version_line(label, line.time, line.size, line.change, line.by))
    if not any(line.version for line in lines):
        out.append(say.NO_VERSIONS_YET)
    else:
        out.append(say.how_to_restore(ref, year))
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# restoring


def restore(store: Store, ref: BodyRef, year: int, name: str | None = None) -> Version:
    """Save the text of a kept version over the year's file (atomic; the current file is kept in .history/)."""
    version = find_version(store, ref, year, name)
    check_editable(store, ref, year)  # restoring is a save: not while in review, approved or published
    file = store.year_file(ref, year)
    data = version.path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise KitError(say.version_not_utf8(version.path)) from None
    expected = yamlio.digest(file.read_bytes()) if file.exists() else None
    store.note_save(file, yamlio.save_text(file, text, expected))
    return version
