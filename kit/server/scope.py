"""What a logged-in person may reach, enforced where paths are made: the store.

Under `kit hub` every kernel and page of a user's server runs with KIT_HUB=1, the roster's path
(KIT_ROSTER) and the login name (JUPYTERHUB_USER), all set by the hub's spawner; a clerk cannot
change them, because their server runs no code they send (see singleuser.py). `store_for` then
returns a `ScopedStore`: every path the kit builds from a county and body goes through
`Store.body_dir`, so refusing there refuses every read and write — whether the name came from a
dropdown, a crafted widget value or anything else — and the listings show only what is in scope.
Outside the hub (`kit serve`, JupyterLab, tests) the plain store is used.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from kit import yamlio
from kit.errors import KitError, PathError
from kit.messages import server as msg
from kit.report import BodyRef, YearReport
from kit.server.roster import Member, load_roster
from kit.store import Store

SAVES_LOG = "saves.jsonl"  # in .history/<year>/ beside the kept versions: who saved which version, when


class OutOfScope(PathError):
    """A body the logged-in user may not reach."""


class ScopedStore(Store):
    """A store that reaches only the bodies `allowed` returns True for."""

    def __init__(self, root: Path | str, member: Member | None) -> None:
        super().__init__(root)
        self.member = member

    @property
    def user(self) -> str | None:
        return self.member.username if self.member else None

    def allowed(self, ref: BodyRef) -> bool:
        m = self.member
        return m is not None and (m.may_fill(ref) or m.may_review(ref))

    def body_dir(self, ref: BodyRef) -> Path:
        if not self.allowed(ref):
            raise OutOfScope(f"{msg.OUT_OF_SCOPE}（{ref}）")
        return super().body_dir(ref)

    def save_year(self, report: YearReport, **kwargs: object) -> None:
        """Save, then record who saved it (the hub's login) and the digest saved, one JSON line per save."""
        super().save_year(report, **kwargs)  # type: ignore[arg-type]
        record_save(report, self.user or "?")

    def counties(self) -> list[str]:
        everything = [ref for county in super().counties() for ref in Store.bodies(self, county)]
        return sorted({r.county for r in everything if self.allowed(r)})

    def bodies(self, county: str | None = None) -> list[BodyRef]:
        return [r for r in super().bodies(county) if self.allowed(r)]


def record_save(report: YearReport, by: str) -> None:
    if report.file is None:
        return
    folder = yamlio.history_dir(report.file)
    folder.mkdir(parents=True, exist_ok=True)
    line = json.dumps({"at": dt.datetime.now().astimezone().isoformat(timespec="seconds"), "by": by, "sha256": report.digest}, ensure_ascii=False)
    with open(folder / SAVES_LOG, "a", encoding="utf-8") as log:  # one short write: appends do not interleave
        log.write(line + "\n")


def saves_of(store: Store, ref: BodyRef, year: int) -> list[dict[str, str]]:
    """Who saved a year's file through the hub, oldest first."""
    log = yamlio.history_dir(store.year_file(ref, year)) / SAVES_LOG
    if not log.is_file():
        return []
    out = []
    for text in log.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            item = json.loads(text)
        except ValueError:
            continue
        if isinstance(item, dict):
            out.append({k: str(v) for k, v in item.items()})
    return out


def hub_member() -> Member | None:
    """The logged-in member under the hub (None when the roster is unreadable or lacks them)."""
    roster = os.environ.get("KIT_ROSTER")
    if not roster:
        return None
    try:
        return load_roster(Path(roster), Path(os.environ.get("KIT_PARAMETERS", "parameters"))).member(os.environ.get("JUPYTERHUB_USER"))
    except KitError:
        return None


def under_hub() -> bool:
    return os.environ.get("KIT_HUB") == "1"


def store_for(parameters: Path | str) -> Store:
    """The store a form or page should use: scoped to the logged-in member under the hub."""
    if under_hub():
        return ScopedStore(parameters, hub_member())  # no member: an empty scope, never the whole tree
    return Store(parameters)
