"""Who saved which version of a file: one JSON line per save in ``.history/<stem>/saves.jsonl``.

Under `kit hub` each save through the scoped store (kit.server.scope) appends the login, the time
and the digest of the bytes saved; `kit history` then names who saved each kept version (a kept
version's bytes have the digest recorded when it was saved). The log lives beside the kept
versions, so a backup of `parameters/` carries it. Lines that do not parse are skipped: the log
names people, it decides nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from kit import yamlio

SAVES_LOG = "saves.jsonl"


def log_of(file: Path) -> Path:
    return yamlio.history_dir(file) / SAVES_LOG


REMOVED = "removed"  # the `action` of a line written when the form removed the year (restorably)


def record_save(file: Path, digest: str | None, by: str, action: str | None = None) -> None:
    """Append who saved (or, with action=REMOVED and no digest, removed) the file, and when."""
    folder = yamlio.history_dir(file)
    folder.mkdir(parents=True, exist_ok=True)
    item: dict[str, str | None] = {"at": dt.datetime.now().astimezone().isoformat(timespec="seconds"), "by": by, "sha256": digest}
    if action is not None:
        item["action"] = action
    line = json.dumps(item, ensure_ascii=False)
    with open(folder / SAVES_LOG, "a", encoding="utf-8") as log:  # one short write: appends do not interleave
        log.write(line + "\n")


def saves(file: Path) -> list[dict[str, str]]:
    """Who saved `file` through the hub, oldest first."""
    log = log_of(file)
    if not log.is_file():
        return []
    out = []
    for text in log.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            item = json.loads(text)
        except ValueError:
            continue
        if isinstance(item, dict):
            out.append({k: str(v) for k, v in item.items() if v is not None})  # a removal has no digest
    return out


def savers(file: Path) -> dict[str, str]:
    """Digest of the bytes saved -> who saved them (the last to save those bytes)."""
    return {s["sha256"]: s.get("by", "") for s in saves(file) if s.get("sha256")}
