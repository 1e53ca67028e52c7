"""A cache of verdicts: a report's own findings, kept under the digest of everything they depend on.

Validating a report and reading its prose (rules 1–18) is most of what `kit check` and batch
planning spend on it, and a province's tree hardly changes between two runs. So each report's
outcome — its edition (None when it could not be read) and its findings, rule 19 (similarity)
left out — is kept in the user's cache folder (beside the parse cache, kit.yamlio.cache_dir;
KIT_CACHE_DIR="" turns both off) under a key made of every input of that outcome:

- the year file's path (findings name it) and bytes, body.yaml's bytes;
- last year's file: its bytes, or that there is none (the cross-year rules and the carried-over
  checks read it);
- the names of the county's other bodies (the prose rules look for a neighbour's name left in);
- the kit's code, specs and phrase lists (kit.version.source_digest), the YAML library and the
  Python version.

Change any of them and the key changes: the report is validated again. Nothing else is read by
these rules (no clock, no environment, no other file: tests/test_verdicts.py changes each input
in turn and shows the report checked again). Rule 19 is never cached: it compares the prose with
last year's and with the other bodies' reports, and is always computed (kit.checking).

One file per body folder (named by the digest of its path) holds the verdicts of its years, so a
province of 10,000 reports is ≈1,400 small JSON files, read once per body. A damaged or foreign
entry is ignored (the report is checked as if there were none). Written atomically; two runs at
once write the same values for the same keys, so whichever write lands last is right.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kit import yamlio
from kit.findings import Finding, RuleId, Severity
from kit.version import source_digest

FORMAT = "1"
_pruned: set[Path] = set()


@dataclass(frozen=True)
class Verdict:
    edition: str | None  # None: the year's file could not be read
    findings: tuple[Finding, ...]


def disabled() -> bool:
    """KIT_CACHE_DIR="" turns the cache off (as it does the parse cache)."""
    return _folder() is None


def _folder() -> Path | None:
    base = yamlio.cache_dir()
    return None if base is None else base / f"verdicts-{FORMAT}"


@functools.cache
def _stamp() -> str:
    """What every key starts with: the cache's format, the kit's code, the YAML library, Python."""
    return json.dumps([FORMAT, source_digest(), yamlio.parser_stamp(), sys.version])


def file_digest(path: Path) -> str | None:
    """The sha256 of a file's bytes; None when it is not a file (a missing last year, a folder)."""
    if not path.is_file():
        return None
    return yamlio.digest(path.read_bytes())


def key(year_file: Path, year_sha: str, body_sha: str, previous_sha: str | None, other_bodies: Sequence[str]) -> str:
    """The key of one report's verdict: the digest of every input of its rules 1–18."""
    parts = [_stamp(), str(year_file), year_sha, body_sha, previous_sha, list(other_bodies)]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


def _finding_json(f: Finding) -> list[Any]:
    return [f.severity.value, str(f.rule), f.message, f.key, f.printed, str(f.file) if f.file is not None else None, f.line, f.acknowledged]


_RULE_IDS = {r.value: r for r in RuleId}


def _finding(row: Any) -> Finding:
    severity, rule, message, key_, printed, file, line, acknowledged = row
    for text in (rule, message):
        if not isinstance(text, str):
            raise TypeError(text)
    for optional in (key_, printed, file, acknowledged):
        if optional is not None and not isinstance(optional, str):
            raise TypeError(optional)
    if line is not None and (not isinstance(line, int) or isinstance(line, bool)):
        raise TypeError(line)
    return Finding(Severity(severity), _RULE_IDS.get(rule, rule), message, key_, printed, Path(file) if file is not None else None, line, acknowledged)


class Book:
    """The verdicts of one body's years: read once, looked up by key, written back once if new
    ones were made (`save`), without the entries they replace."""

    def __init__(self, body_folder: Path) -> None:
        folder = _folder()
        self.file = None if folder is None else folder / f"{hashlib.sha256(str(body_folder).encode()).hexdigest()}.json"
        self.entries: dict[str, Any] = {}
        self.changed = False
        if self.file is not None:
            with contextlib.suppress(OSError, ValueError):
                data = json.loads(self.file.read_text(encoding="utf-8"))
                if isinstance(data, dict) and isinstance(data.get("reports"), dict):
                    self.entries = data["reports"]

    def get(self, report_key: str) -> Verdict | None:
        entry = self.entries.get(report_key)
        if not isinstance(entry, dict):
            return None
        try:
            edition = entry["edition"]
            if edition is not None and not isinstance(edition, str):
                return None
            return Verdict(edition, tuple(_finding(row) for row in entry["findings"]))
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, report_key: str, year: int, verdict: Verdict) -> None:
        """Keep `verdict` under `report_key`, replacing the entry of the same year made from other inputs."""
        for stale in [k for k, e in self.entries.items() if isinstance(e, dict) and e.get("year") == year and k != report_key]:
            del self.entries[stale]
        self.entries[report_key] = {"year": year, "edition": verdict.edition, "findings": [_finding_json(f) for f in verdict.findings]}
        self.changed = True

    def save(self) -> None:
        """Write the body's verdicts if any are new (atomically; a failure only loses the cache)."""
        if self.file is None or not self.changed:
            return
        with contextlib.suppress(OSError, UnicodeError, ValueError):
            yamlio.write_cache_entry(self.file, json.dumps({"reports": self.entries}, ensure_ascii=False))
            if self.file.parent not in _pruned:  # once a process: listing 1,400 entries at each write would cost more than it saves
                _pruned.add(self.file.parent)
                yamlio.prune(self.file.parent, keep=50_000)
        self.changed = False
