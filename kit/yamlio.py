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
import fcntl
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kit.errors import ConflictError, KitError

HISTORY_DIR = ".history"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _yaml() -> Any:
    from ruamel.yaml import YAML

    y = YAML(typ="rt", pure=True)
    y.allow_duplicate_keys = False
    return y


def load_yaml_text(text: str, path: Path | str, error: type[KitError] = KitError) -> Any:
    """Parse YAML text; any syntax problem raises `error` with the file and line named."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    text = text.removeprefix("\ufeff")
    try:
        return _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f"第{mark.line + 1}行第{mark.column + 1}列" if mark else ""
        problem = (exc.problem or "").strip()
        if "duplicate key" in str(exc) or "found duplicate key" in problem:
            problem = "键重复（同一个键写了两次）"
        raise error(f"文件 {path} {line}不是有效的 YAML：{problem}") from None
    except YAMLError as exc:
        raise error(f"文件 {path} 不是有效的 YAML：{exc}") from None
    except ValueError as exc:  # a scalar YAML resolves but Python cannot build (a 5000-digit number, 2021-13-45)
        line = ""
        if "digits" in str(exc):
            what = "数字位数过多"
            line = next((f"第{i}行" for i, t in enumerate(text.split("\n"), 1) if re.search(r"\d{1000}", t)), "")
        else:
            what = str(exc)
        raise error(f"文件 {path} {line}中有无法读取的值（{what}），请核对后重试") from None


def read_text(path: Path) -> tuple[str, str]:
    """The file's text and the digest of its bytes (to detect changes before saving)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KitError(f"文件 {path} 不是 UTF-8 编码（第{exc.start}字节附近），请另存为 UTF-8 后重试") from None
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
                what = "已被删除" if current is None else ("已存在" if expected_digest is None else "已被修改")
                raise ConflictError(
                    f"文件 {path} 在您打开之后{what}（可能有人在另一个窗口或另一台电脑上保存过）。"
                    "为避免覆盖他人的修改，本次未保存；请重新打开该文件，核对后再保存。"
                )
            if current is not None and keep_history:
                stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
                _write_atomic(history_dir(path) / f"{stamp}{path.suffix}", current)
            _write_atomic(path, data)
    except OSError as exc:
        raise KitError(f"无法保存文件 {path}：{exc.strerror or exc}。原文件未改动。") from None
    return digest(data)


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
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
