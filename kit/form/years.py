"""Starting a year, once; removing one that was started by mistake, restorably.

A double click on 从上年开始新的一年 used to write two years (the second click found the next
year proposed and started it too). Now the form asks first and names the year; the year is
checked here: at most next year (a report is written about a year that has begun), not before
the kit's editions, and never over an existing file (that year is opened instead).

Removing moves the year's file into its saved versions (the same folder `kit history` lists), so
it leaves the list of years but nothing is deleted; restoring brings the latest kept version back
through the store's atomic, conflict-checked save.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os

from kit import yamlio
from kit.errors import KitError
from kit.form.autosave import autosave_path
from kit.messages import form as msg
from kit.report import BodyRef
from kit.store import Store, saves
from kit.store.history import STAMP_FORMAT, restore, versions
from kit.store.record import check_editable

EARLIEST = 2008  # the oldest edition the kit reads (legacy2008)


def latest_new_year(today: dt.date | None = None) -> int:
    return (today or dt.date.today()).year + 1


def check_new_year(year: int, today: dt.date | None = None) -> None:
    """Refuse, in Chinese, a year that cannot be started."""
    if year > latest_new_year(today):
        raise KitError(msg.year_too_late(year, latest_new_year(today)))
    if year < EARLIEST:
        raise KitError(msg.year_too_early(year))


def remove_year(store: Store, ref: BodyRef, year: int) -> None:
    """Move the year's file into its saved versions; it can be restored with restore_year.

    Refused, like a save, while the report is in review, approved or published (the record decides,
    not the button), and under `kit hub` the removal is logged with the login (kit.store.saves)."""
    check_editable(store, ref, year)
    file = store.year_file(ref, year)
    data = file.read_bytes()
    stamp = dt.datetime.now().strftime(STAMP_FORMAT)
    yamlio.write_bytes_atomic(yamlio.history_dir(file) / f"{stamp}{file.suffix}", data)
    if file.read_bytes() != data:  # saved by someone meanwhile: keep theirs, refuse
        raise KitError(msg.CONFLICT)
    os.unlink(file)
    store.note_save(file, None, saves.REMOVED)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(autosave_path(file))


def removed_years(store: Store, ref: BodyRef) -> list[int]:
    """Years with saved versions but no current file: removed, restorable."""
    folder = store.body_dir(ref) / yamlio.HISTORY_DIR
    if not folder.is_dir():
        return []
    present = set(store.years(ref))
    out = []
    for p in folder.iterdir():
        if p.is_dir() and p.name.isdigit() and len(p.name) == 4 and int(p.name) not in present and versions(store, ref, int(p.name)):
            out.append(int(p.name))
    return sorted(out, reverse=True)


def restore_year(store: Store, ref: BodyRef, year: int) -> None:
    if year not in removed_years(store, ref):
        raise KitError(msg.NOTHING_TO_RESTORE)
    restore(store, ref, year)
