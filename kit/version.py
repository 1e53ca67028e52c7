"""The kit's version (one place; kit.__version__ and the batch's code digest read it), and the
digest of its own files (what the batch's code digest and the cache of verdicts are keyed on)."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

VERSION = "0.1.0"

# the kit's code, specs, phrase lists, templates: a change to any of them can change what it finds or makes
CODE_SUFFIXES = (".py", ".yaml", ".j2", ".css", ".json")


def code_files(kit_dir: Path) -> list[Path]:
    """Every file of the kit that can change its results, sorted (no compiled bytecode)."""
    return sorted(p for p in kit_dir.rglob("*") if p.suffix in CODE_SUFFIXES and "__pycache__" not in p.parts and p.is_file())


@functools.cache
def source_digest() -> str:
    """The version and every code file's path and bytes, hashed once per process (≈200 files, a few ms)."""
    from kit import paths

    h = hashlib.sha256(VERSION.encode())
    for path in code_files(paths.KIT_DIR):
        h.update(str(path.relative_to(paths.KIT_DIR.parent)).encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()
