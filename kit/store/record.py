"""The record of a year report's cycle: ``<主体>/<年>.cycle.yaml`` beside ``<年>.yaml``.

Why here, below kit.cycle: the store itself must read the state, to refuse a clerk's save of a
report that is in review, approved or published (`check_editable`), and the store may not
import kit.cycle. So the file format, its reading and its one writer live here; what may
follow what (the transitions) lives in kit.cycle.

The record is a list of events, oldest first, each saying what was done (action), the state it
led to, who, when, why (reason) and what was submitted, approved or published (the digest of
the year file, the publication's files and their hashes). The current state is the last
event's; no event means 填报中. The file is apart from the year file so `kit restore` (which
rewrites only the year file) never touches it, and it is written only by appending: `append`
rewrites the file through yamlio.save_text (atomic, conflict-checked against the digest read)
with the events read plus one, after checking that the events on disk are still exactly those.

Each event is one line of JSON inside the YAML (YAML 1.2 reads JSON), so the file reads line by
line and a hand edit shows in a diff.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from kit import yamlio
from kit.errors import KitError, LockedError
from kit.messages import cycle as msg
from kit.report import BodyRef


class Store(Protocol):
    """What the record needs of kit.store.Store (named here so store.py can import this module without a cycle)."""

    def year_file(self, ref: BodyRef, year: int) -> Path: ...

RECORD_SUFFIX = ".cycle.yaml"


class State(enum.StrEnum):
    """A year report's state, as the county office names it."""

    DRAFT = msg.DRAFT
    SUBMITTED = msg.SUBMITTED
    RETURNED = msg.RETURNED
    APPROVED = msg.APPROVED
    PUBLISHED = msg.PUBLISHED

    @property
    def editable(self) -> bool:
        """May the clerk save the year file? Only while filling it in or after a return."""
        return self in (State.DRAFT, State.RETURNED)


class Action(enum.StrEnum):
    SUBMIT = "submit"
    RETURN = "return"
    APPROVE = "approve"
    PUBLISH = "publish"
    REOPEN = "reopen"


@dataclass(frozen=True)
class PublishedFile:
    name: str  # the file's name inside the publication's folder
    sha256: str


@dataclass(frozen=True)
class Event:
    """One step of the cycle. `at` is timezone-aware; `digest` is the year file's sha256 then."""

    action: Action
    state: State  # the state this step led to
    by: str
    at: dt.datetime
    reason: str | None = None
    digest: str | None = None
    url: str | None = None  # publish: where it was put on the website
    date: dt.date | None = None  # publish: the report's date, as printed in the signature
    version: int | None = None  # publish: 1, 2, … (reopen starts the next)
    folder: str | None = None  # publish: the published files' folder, relative to the body's folder
    files: tuple[PublishedFile, ...] = ()

    def describe_time(self) -> str:
        return self.at.strftime("%Y-%m-%d %H:%M")  # in the offset it was recorded with

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"action": self.action.value, "state": self.state.value, "by": self.by, "at": self.at.isoformat(timespec="seconds")}
        for key in ("reason", "digest", "url", "version", "folder"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.date is not None:
            out["date"] = self.date.isoformat()
        if self.files:
            out["files"] = {f.name: f.sha256 for f in self.files}
        return out


@dataclass(frozen=True)
class Record:
    """Every event of one body's year, oldest first, and the digest of the file as read."""

    ref: BodyRef
    year: int
    file: Path
    events: tuple[Event, ...] = ()
    digest: str | None = None  # None: the file does not exist yet

    @property
    def state(self) -> State:
        return self.events[-1].state if self.events else State.DRAFT

    @property
    def last(self) -> Event | None:
        return self.events[-1] if self.events else None

    def last_of(self, action: Action) -> Event | None:
        return next((e for e in reversed(self.events) if e.action is action), None)

    def publications(self) -> list[Event]:
        return [e for e in self.events if e.action is Action.PUBLISH]

    def with_event(self, event: Event) -> Record:
        return replace(self, events=(*self.events, event))


def record_file(store: Store, ref: BodyRef, year: int) -> Path:
    year_file = store.year_file(ref, year)
    return year_file.with_name(f"{int(year)}{RECORD_SUFFIX}")


# ---------------------------------------------------------------------------------------------
# reading


def read_record(store: Store, ref: BodyRef, year: int) -> Record:
    """The record of a body's year (no file: no events, state 填报中)."""
    file = record_file(store, ref, year)
    if not file.is_file():
        return Record(ref, int(year), file)
    text, digest = yamlio.read_text(file)
    data = yamlio.load_yaml_text(text, file)
    if data is None:
        return Record(ref, int(year), file, (), digest)
    if not isinstance(data, Mapping) or not isinstance(data.get("events", []), list):
        raise KitError(msg.record_unreadable(file, msg.RECORD_NOT_A_LIST))
    events = tuple(_event(raw, i, file) for i, raw in enumerate(data.get("events") or [], 1))
    return Record(ref, int(year), file, events, digest)


def _event(raw: Any, number: int, file: Path) -> Event:
    if not isinstance(raw, Mapping):
        raise KitError(msg.record_bad_event(file, number, msg.EVENT_NOT_A_MAPPING))

    def text(key: str, required: bool = False) -> str | None:
        value = raw.get(key)
        if value is None:
            if required:
                raise KitError(msg.record_bad_event(file, number, msg.event_missing(key)))
            return None
        if not isinstance(value, str):
            raise KitError(msg.record_bad_event(file, number, msg.event_not_text(key)))
        return value

    try:
        action = Action(text("action", True) or "")
        state = State(text("state", True) or "")
        at = dt.datetime.fromisoformat(text("at", True) or "")
        date_text = text("date")
        date = dt.date.fromisoformat(date_text) if date_text else None
    except ValueError as exc:
        raise KitError(msg.record_bad_event(file, number, msg.event_bad_value(exc))) from None
    if at.tzinfo is None:
        at = at.astimezone()
    version = raw.get("version")
    if version is not None and (not isinstance(version, int) or isinstance(version, bool)):
        raise KitError(msg.record_bad_event(file, number, msg.EVENT_VERSION_NOT_INT))
    files_raw = raw.get("files") or {}
    if not isinstance(files_raw, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in files_raw.items()):
        raise KitError(msg.record_bad_event(file, number, msg.EVENT_FILES_NOT_A_MAPPING))
    return Event(
        action=action,
        state=state,
        by=text("by", True) or "",
        at=at,
        reason=text("reason"),
        digest=text("digest"),
        url=text("url"),
        date=date,
        version=version,
        folder=text("folder"),
        files=tuple(PublishedFile(k, v) for k, v in files_raw.items()),
    )


# ---------------------------------------------------------------------------------------------
# writing: only by appending


def dump_record(record: Record) -> str:
    lines = [msg.record_header(str(record.ref), record.year), "events:"]
    lines += [f"  - {json.dumps(e.as_json(), ensure_ascii=False)}" for e in record.events]
    if not record.events:
        lines[-1] = "events: []"
    return "\n".join(lines) + "\n"


def append(store: Store, record: Record, event: Event) -> Record:
    """Write `record` plus `event`; refused (ConflictError) if the file changed since `record` was read."""
    on_disk = read_record(store, record.ref, record.year)
    if on_disk.digest != record.digest or on_disk.events != record.events:
        raise KitError(msg.record_rewritten(record.file))
    new = record.with_event(event)
    digest = yamlio.save_text(record.file, dump_record(new), record.digest, keep_history=False)
    return replace(new, digest=digest)


# ---------------------------------------------------------------------------------------------
# the store's guard


@dataclass(frozen=True)
class Editable:
    """Whether a clerk may save a body's year now, and if not, why and what to do."""

    state: State
    allowed: bool
    message: str = ""
    last: Event | None = field(default=None, compare=False)


def editable(store: Store, ref: BodyRef, year: int) -> Editable:
    record = read_record(store, ref, year)
    state, last = record.state, record.last
    if state.editable or last is None:
        return Editable(state, True, "", last)
    args = (str(ref), int(year), last.by, last.describe_time())
    text = {
        State.SUBMITTED: msg.save_refused_submitted,
        State.APPROVED: msg.save_refused_approved,
        State.PUBLISHED: msg.save_refused_published,
    }[state](*args)
    return Editable(state, False, text, last)


def check_editable(store: Store, ref: BodyRef, year: int) -> None:
    """Raise LockedError, saying why and what to do, when the report may not be saved now."""
    verdict = editable(store, ref, year)
    if not verdict.allowed:
        raise LockedError(verdict.message)
