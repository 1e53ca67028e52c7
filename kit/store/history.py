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
from kit.report import BodyRef
from kit.store import Store

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
        raise KitError(f"{ref} {year}年度没有保存过的历史版本（.history/ 中没有），无法恢复")
    if name is None:
        return kept[-1]
    text = str(name).strip()
    for v in kept:
        if text == str(v.number) or text == v.stamp or text == v.path.name:
            return v
    listed = "、".join(f"{v.number}（{v.describe_time()}）" for v in kept[-5:])
    raise KitError(f"{ref} {year}年度没有版本 “{text}”。可用的版本：{listed}{'等' if len(kept) > 5 else ''}；请先运行 kit history {ref} {year} 查看全部版本")


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
        return _flatten(yamlio.load_yaml_text(text, path))
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
        return "（无法比较：有一个版本不是有效的 YAML）"
    if not keys:
        return "内容相同" if old == new else "仅格式或注释不同"
    shown = "、".join(keys[:limit])
    return f"改动 {len(keys)} 项：{shown}{'等' if len(keys) > limit else ''}"


@dataclass(frozen=True)
class HistoryLine:
    version: Version | None  # None: the current file
    size: int
    time: str
    change: str  # what the next version (or the current file) changed relative to this one


def history(store: Store, ref: BodyRef, year: int) -> list[HistoryLine]:
    """Each kept version, then the current file, with what changed after it."""
    file = store.year_file(ref, year)
    kept = versions(store, ref, year)
    current = file.read_text(encoding="utf-8") if file.is_file() else None
    if not kept and current is None:
        raise KitError(f"找不到 {ref} {year}年度的参数文件 {file}，也没有历史版本")
    texts = [v.path.read_text(encoding="utf-8", errors="replace") for v in kept]
    lines = []
    for i, v in enumerate(kept):
        following = texts[i + 1] if i + 1 < len(texts) else current
        change = describe_change(texts[i], following, file) if following is not None else "（当前文件已被删除）"
        lines.append(HistoryLine(v, v.size, v.describe_time(), change))
    if current is not None:
        stat = file.stat()
        when = dt.datetime.fromtimestamp(stat.st_mtime).strftime("%Y-%m-%d %H:%M:%S")
        lines.append(HistoryLine(None, stat.st_size, when, ""))
    return lines


def format_history(ref: BodyRef, year: int, lines: list[HistoryLine]) -> str:
    out = [f"{ref} {year}年度参数文件的版本（旧→新）："]
    for line in lines:
        label = f"{line.version.number:>3}  {line.version.stamp}" if line.version else "当前  " + " " * 21
        after = f"  之后{line.change}" if line.change else ""
        out.append(f"{label}  {line.time}  {line.size:>7} 字节{after}")
    if not any(line.version for line in lines):
        out.append("（还没有历史版本：文件第一次保存后才会有）")
    else:
        out.append(f"恢复某个版本：kit restore {ref} {year} 编号（当前文件会先存入历史版本）")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# restoring


def restore(store: Store, ref: BodyRef, year: int, name: str | None = None) -> Version:
    """Save the text of a kept version over the year's file (atomic; the current file is kept in .history/)."""
    version = find_version(store, ref, year, name)
    file = store.year_file(ref, year)
    data = version.path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise KitError(f"历史版本 {version.path} 不是 UTF-8 编码，无法恢复") from None
    expected = yamlio.digest(file.read_bytes()) if file.exists() else None
    yamlio.save_text(file, text, expected)
    return version
