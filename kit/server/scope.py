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

import os
from pathlib import Path

from kit.errors import KitError, PathError
from kit.messages import server as msg
from kit.report import BodyRef
from kit.server.roster import Member, load_roster
from kit.store import Store, saves


class OutOfScope(PathError):
    """A body the logged-in user may not reach."""


class ScopedStore(Store):
    """A store that reaches only the bodies `allowed` returns True for."""

    def __init__(self, root: Path | str, member: Member | None) -> None:
        super().__init__(root, saved_by=member.username if member else "?")  # every save records the login (kit.store.saves)
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

    def counties(self) -> list[str]:
        everything = [ref for county in super().counties() for ref in Store.bodies(self, county)]
        return sorted({r.county for r in everything if self.allowed(r)})

    def bodies(self, county: str | None = None) -> list[BodyRef]:
        return [r for r in super().bodies(county) if self.allowed(r)]


def saves_of(store: Store, ref: BodyRef, year: int) -> list[dict[str, str]]:
    """Who saved a year's file through the hub, oldest first."""
    return saves.saves(store.year_file(ref, year))


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
