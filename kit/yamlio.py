"""YAML in and out, and atomic, versioned, conflict-checked saves.

YAML 1.2 (ruamel), so ``no`` stays a string and ``010`` a number; a byte-order mark is dropped;
a syntax error or a duplicate key becomes one message with the file and line.

Saving (`save_text`) writes a temporary file in the same folder, fsyncs it and renames it over
the old one, so a crash or a kill leaves the old file or the new one, never a truncated file.
The version being replaced is copied first into ``.history/`` beside it, and a save refuses to
overwrite a file whose bytes changed since they were read (`expected_digest`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import functools
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from glob import escape as glob_escape
from pathlib import Path
from typing import Any

from kit.errors import ConflictError, KitError
from kit.messages import store as say

HISTORY_DIR = ".history"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# A parameter file is plain data a clerk types: a few hundred lines, four levels deep, no anchors,
# aliases or tags. Anything beyond is a mistake or an attack (an alias bomb of 1 KB expands to
# gigabytes; 5000-deep nesting exhausts the stack; a tag such as !!python/name: asks for code),
# and is refused with the file and line before anything walks it.
MAX_PARAMETER_BYTES = 2 * 1024 * 1024
MAX_PARAMETER_DEPTH = 24
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Refused(Exception):
    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark


def _strict_composer() -> Any:
    """A composer that refuses anchors, aliases, explicit tags and lone surrogates as it meets them."""
    from ruamel.yaml.composer import Composer
    from ruamel.yaml.events import AliasEvent, ScalarEvent

    class StrictComposer(Composer):  # type: ignore[misc]
        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.parser.peek_event()
            if isinstance(event, AliasEvent):
                raise _Refused(say.alias_used(event.anchor), event.start_mark)
            if event.anchor is not None:
                raise _Refused(say.anchor_used(event.anchor), event.start_mark)
            tag = getattr(event, "tag", None)
            if tag is not None and str(tag) not in ("!", ""):
                raise _Refused(say.tag_used(tag), event.start_mark)
            if isinstance(event, ScalarEvent) and _SURROGATE.search(event.value or ""):
                raise _Refused(say.LONE_SURROGATE, event.start_mark)
            return super().compose_node(parent, index)

    return StrictComposer


def _yaml(strict: bool = False) -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt", pure=True)
    y.allow_duplicate_keys = False
    if strict:
        y.Composer = _strict_composer()
        y.max_depth = MAX_PARAMETER_DEPTH
    return y


def _too_large(text: str, path: Path | str) -> str | None:
    size = len(text.encode("utf-8", "surrogatepass"))
    if size <= MAX_PARAMETER_BYTES:
        return None
    return say.too_large_file(path, size, MAX_PARAMETER_BYTES)


def load_yaml_text(text: str, path: Path | str, error: type[KitError] = KitError, *, strict: bool = False) -> Any:
    """Parse YAML text; any syntax problem raises `error` with the file and line named.

    `strict` is for files people type (parameter files): a size and depth cap, and no anchors,
    aliases or tags — each refused with the file and line, in well under a second.
    """
    from ruamel.yaml.composer import MaxDepthExceededError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    text = text.removeprefix("\ufeff")
    if strict and (message := _too_large(text, path)):
        raise error(message)
    try:
        return _yaml(strict).load(text)
    except _Refused as exc:
        line = say.line_no(exc.mark.line + 1) if exc.mark is not None else ""
        raise error(say.refused_in_file(path, line, exc.message)) from None
    except MaxDepthExceededError as exc:
        mark = exc.problem_mark
        line = say.line_no(mark.line + 1) if mark is not None else ""
        raise error(say.too_deep(path, line, MAX_PARAMETER_DEPTH)) from None
    except RecursionError:
        raise error(say.too_deep(path, "", MAX_PARAMETER_DEPTH)) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = say.line_and_column(mark.line + 1, mark.column + 1) if mark else ""
        problem = (exc.problem or "").strip()
        if "duplicate key" in str(exc) or "found duplicate key" in problem:
            problem = say.DUPLICATE_KEY
        raise error(say.not_yaml(path, line, problem)) from None
    except YAMLError as exc:
        raise error(say.not_yaml(path, "", exc)) from None
    except ValueError as exc:  # a scalar YAML resolves but Python cannot build (a 5000-digit number, 2021-13-45)
        line = ""
        if "digits" in str(exc):
            what = say.TOO_MANY_DIGITS
            line = next((say.line_no(i) for i, t in enumerate(text.split("\n"), 1) if re.search(r"\d{1000}", t)), "")
        else:
            what = str(exc)
        raise error(say.unreadable_value(path, line, what)) from None


# ---------------------------------------------------------------------------------------------
# a cache of parsed files
#
# The pure-Python YAML 1.2 parser takes ≈45 ms for a year's file, most of `kit check`'s time; and
# `kit check` reads last year's file too. A parsed file is kept as JSON in the user's cache folder
# (KIT_CACHE_DIR, else $XDG_CACHE_HOME/kit or ~/.cache/kit; KIT_CACHE_DIR="" turns it off), named
# by the digest of the file's bytes, so an edited file is simply parsed again. Only documents of
# plain mappings, lists, text, numbers, booleans and blanks are kept, with each key's line; they
# come back as `LineMap`s that answer ``.lc.key(k)`` like ruamel's maps, which is all the kit
# asks of them. Anything else (dates, tags, complex keys) is parsed every time.

_CACHE_FORMAT = "1"


class _KeyLines:
    __slots__ = ("_lines",)

    def __init__(self, lines: dict[Any, int | None]) -> None:
        self._lines = lines

    def key(self, key: Any) -> tuple[int, int]:
        line = self._lines[key]
        if line is None:
            raise KeyError(key)
        return line, 0


class LineMap(dict):  # type: ignore[type-arg]
    """A mapping read from the cache, with the line of each key (``.lc.key(k)[0]``, 0-based)."""

    __slots__ = ("lc",)
    lc: _KeyLines


def cache_dir() -> Path | None:
    configured = os.environ.get("KIT_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kit"


@functools.cache
def parser_stamp() -> str:
    """Changes when the YAML library does (a new version could read a file differently). Once a
    process: it was a module look-up and a stat for every file read (≈2 % of a tree's check)."""
    import importlib.util

    spec = importlib.util.find_spec("ruamel.yaml")
    origin = spec.origin if spec else None
    if not origin:
        return "unknown"
    st = os.stat(origin)
    return f"{st.st_size}-{st.st_mtime_ns}"


_PLAIN = (bool, str, int, float, type(None))


def _encode(node: Any) -> Any:
    """JSON for a parsed document, or raise TypeError when it holds anything but plain data."""
    from collections.abc import Mapping

    if isinstance(node, Mapping):
        items = []
        for key, value in node.items():
            if not isinstance(key, _PLAIN):
                raise TypeError(key)
            try:
                line = int(node.lc.key(key)[0])  # type: ignore[attr-defined]
            except (AttributeError, KeyError, TypeError):
                line = None
            items.append([_scalar(key), line, _encode(value)])
        return {"m": items}
    if isinstance(node, list):
        return [_encode(v) for v in node]
    return _scalar(node)


def _scalar(value: Any) -> Any:
    width = getattr(value, "_width", None)
    if isinstance(value, int) and width and width > len(str(abs(value))):
        raise TypeError(value)  # written with leading zeros (010020): the profile keeps them, see parameters._as_typed
    if value is None or isinstance(value, bool):
        return value
    for kind in (str, int, float):  # ruamel's ScalarFloat, LiteralScalarString, ... read and print as the plain type
        if isinstance(value, kind):
            return kind(value)
    raise TypeError(value)


def _decode(node: Any) -> Any:
    if isinstance(node, dict):
        out = LineMap()
        lines = {}
        for key, line, value in node["m"]:
            out[key] = _decode(value)
            lines[key] = line
        out.lc = _KeyLines(lines)
        return out
    if isinstance(node, list):
        return [_decode(v) for v in node]
    return node


def load_yaml_cached(text: str, text_digest: str, path: Path | str, error: type[KitError] = KitError, *, strict: bool = False) -> Any:
    """`load_yaml_text`, answered from the cache when a file with the same bytes was parsed before."""
    import json

    if strict and (message := _too_large(text, path)):
        raise error(message)
    folder = cache_dir()
    if folder is None:
        return load_yaml_text(text, path, error, strict=strict)
    entry = folder / f"yaml-{_CACHE_FORMAT}-{parser_stamp()}" / f"{text_digest}.json"
    try:
        return _decode(json.loads(entry.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    data = load_yaml_text(text, path, error, strict=strict)
    from collections.abc import Mapping

    if isinstance(data, Mapping):
        try:
            encoded = json.dumps(_encode(data), ensure_ascii=False)
        except (TypeError, ValueError, RecursionError):
            return data
        with contextlib.suppress(OSError, UnicodeError):
            write_cache_entry(entry, encoded)
            prune(entry.parent)
    return data


def write_cache_entry(entry: Path, text: str) -> None:
    """Write a derived cache file whole or not at all (renamed into place; no fsync: losing it costs only time).
    Raises OSError or UnicodeError; the caches suppress them (a failure only loses the entry)."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    tmp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, entry)


def prune(folder: Path, keep: int = 2000) -> None:
    """Forget the oldest entries once the folder holds more than `keep` of them."""
    entries = list(os.scandir(folder))
    if len(entries) <= keep:
        return
    entries.sort(key=lambda e: e.stat().st_mtime_ns)
    for e in entries[: len(entries) - keep // 2]:
        with contextlib.suppress(OSError):
            os.unlink(e.path)


def read_text(path: Path) -> tuple[str, str]:
    """The file's text and the digest of its bytes (to detect changes before saving)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KitError(say.not_utf8(path, exc.start)) from None
    return text, digest(data)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One writer at a time per folder, across processes on this machine."""
    with open(folder / ".lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def history_dir(path: Path) -> Path:
    return path.parent / HISTORY_DIR / path.stem


def save_text(path: Path, text: str, expected_digest: str | None, *, keep_history: bool = True) -> str:
    """Atomically replace `path` with `text`; returns the new digest.

    `expected_digest` is the digest of the file as it was read (None for a file that must not
    exist yet). If the file on disk differs, nothing is written and ConflictError is raised.
    """
    data = text.encode("utf-8")
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with _locked(folder):
            current = path.read_bytes() if path.exists() else None
            if (digest(current) if current is not None else None) != expected_digest:
                raise ConflictError(say.changed_since_opened(path, deleted=current is None, created=expected_digest is None))
            _remove_leftovers(path)
            kept: Path | None = None
            if current is not None and keep_history:
                stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
                kept = history_dir(path) / f"{stamp}{path.suffix}"
                _write_atomic(kept, current)
            try:
                _write_atomic(path, data)
            except BaseException:
                if kept is not None:  # the file is unchanged: a history copy of it would only be a duplicate
                    with contextlib.suppress(OSError):
                        kept.unlink()
                raise
    except OSError as exc:
        reason = _REASONS.get(exc.errno or 0)
        what = f"{reason}（{exc.strerror}）" if reason else (exc.strerror or str(exc))
        raise KitError(say.cannot_save(path, what)) from None
    return digest(data)


# errors a user can act on, said in Chinese (the system's wording follows in brackets)
_REASONS = {
    errno.ENOSPC: say.DISK_FULL,
    errno.EDQUOT: say.QUOTA_EXCEEDED,
    errno.EROFS: say.READ_ONLY_DISK,
}


def _remove_leftovers(path: Path) -> None:
    """Temporary files of saves of `path` that were killed half-way (`.2021.yaml.x8f2k.tmp`, and the
    same in its history folder). Called under the folder's lock, so no save is writing them now."""
    for folder, prefix in ((path.parent, f".{path.name}."), (history_dir(path), ".")):
        with contextlib.suppress(OSError):
            for leftover in folder.glob(f"{glob_escape(prefix)}*.tmp"):
                with contextlib.suppress(OSError):
                    leftover.unlink()


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); a report or parameter file keeps the mode of
        # the file it replaces, else the usual 0644, so it can be published or shared.
        try:
            mode = path.stat().st_mode & 0o777
        except OSError:
            mode = 0o644
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Atomic write without history or conflict check (for generated exports)."""
    _write_atomic(path, data)
