"""`kit verify`: are the published files still what was published?

Reviewers count "edited after publication" and "different copies on different platforms" as
faults. Each publication records the sha256 of its files (kit.cycle.transitions.publish); here
every kept version's files are hashed again and named as unchanged, changed or missing.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from kit.cycle.transitions import sha256_of
from kit.messages import cycle as msg
from kit.report import BodyRef
from kit.store import Store
from kit.store.record import read_record


class FileState(enum.StrEnum):
    OK = msg.VERIFY_OK
    CHANGED = msg.VERIFY_CHANGED
    MISSING = msg.VERIFY_MISSING


@dataclass(frozen=True)
class FileCheck:
    ref: BodyRef
    year: int
    version: int
    path: Path
    state: FileState


def verify(store: Store, county: str, year: int) -> list[FileCheck]:
    """Every file of every published version of `county`'s bodies for `year`."""
    out = []
    for ref in store.bodies(county):
        record = read_record(store, ref, year)
        folder = store.body_dir(ref)
        for event in record.publications():
            base = (folder / (event.folder or "")).resolve()
            for f in event.files:
                path = (base / Path(f.name).name).resolve()
                if folder not in path.parents or not path.is_file():
                    state = FileState.MISSING
                else:
                    state = FileState.OK if sha256_of(path) == f.sha256 else FileState.CHANGED
                out.append(FileCheck(ref, int(year), event.version or 0, path, state))
    return out


def format_verify(county: str, year: int, checks: list[FileCheck]) -> str:
    if not checks:
        return msg.VERIFY_NOTHING.format(county=county, year=year)
    out = [msg.verify_line(c.ref, c.year, c.version, c.path.name, c.state.value, c.path) for c in checks]
    count = {s: sum(1 for c in checks if c.state is s) for s in FileState}
    out.append(msg.VERIFY_SUMMARY.format(files=len(checks), ok=count[FileState.OK], changed=count[FileState.CHANGED], missing=count[FileState.MISSING]))
    return "\n".join(out)
