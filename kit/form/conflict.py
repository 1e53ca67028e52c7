"""Someone saved the same report meanwhile: what differs, item by item, and the clerk's choice.

A save refused for a conflict (kit.yamlio: the file's bytes changed since it was read) used to
leave one way on, re-reading the file, which threw this tab's work away. Instead the file as it
is now ("theirs") is opened beside the form ("mine"), and every cell, figure, paragraph, list and
profile field where the two differ is listed. Knowing what the form was opened with (the base),
each item says who changed it and starts with the sensible choice: an item only they changed
takes theirs, anything the clerk changed keeps the clerk's. The result is theirs with the
clerk's chosen items put in, saved over their version (its digest is the one on disk now), so
the other person's work on everything else is kept too. Or the clerk's whole version is kept
as a copy among the saved versions and the form goes on with theirs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kit import yamlio
from kit.form.model import Difference, FormModel
from kit.store.history import STAMP_FORMAT
from kit.store.yearfile import dump_year


@dataclass(frozen=True)
class Item:
    difference: Difference  # old = theirs (on disk now), new = mine (this form)
    mine_changed: bool
    theirs_changed: bool

    @property
    def keep_mine(self) -> bool:
        """The choice offered first: theirs only where they alone changed it."""
        return not (self.theirs_changed and not self.mine_changed)


@dataclass
class Conflict:
    mine: FormModel
    theirs: FormModel
    items: list[Item]

    def resolve(self, keep_mine: set[str]) -> FormModel:
        """Theirs, with the clerk's value put in for every item key in `keep_mine`; unsaved."""
        self.theirs.apply_draft(self.mine.draft(), only=keep_mine)
        return self.theirs


def open_conflict(mine: FormModel) -> Conflict:
    """The file as saved by the other person, and every item where it differs from this form."""
    theirs = mine.reopen()
    for key, value in mine.profile.items():  # body.yaml is saved apart, conflict-checked on its own: the clerk's profile goes on
        if theirs.profile.get(key) != value:
            theirs.set_profile(key, value)
    mine_changed = {d.key for d in mine.differences(mine.base)}
    theirs_changed = {d.key for d in theirs.differences(mine.base)}
    items = []
    for d in theirs.differences(mine.draft()):
        section = d.key.partition("#")[0]
        items.append(Item(d, d.key in mine_changed or section in mine_changed, d.key in theirs_changed or section in theirs_changed))
    return Conflict(mine, theirs, items)


def save_mine_as_copy(mine: FormModel) -> None:
    """Keep the clerk's whole version among the saved versions of the year (restorable like any)."""
    file = mine.report.file
    assert file is not None
    stamp = dt.datetime.now().strftime(STAMP_FORMAT)
    yamlio.write_bytes_atomic(yamlio.history_dir(file) / f"{stamp}{file.suffix}", dump_year(mine.report).encode("utf-8"))
