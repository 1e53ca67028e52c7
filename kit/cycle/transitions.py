"""The steps of a year report's cycle, each checked, then appended to the record.

    填报中 ──submit──▶ 已提交 ──approve──▶ 已审核 ──publish──▶ 已发布
      ▲                 │  ▲                  │                   │
      │              return │ submit          return              reopen
      │                 ▼  │                  ▼                   │
      └───────────── 退回修改 ◀──────────────────┘                   │
      ◀────────────────────────────────────────────────────────────┘ (a new version; the published one is kept)

Every step takes who does it (`by`: the server's login, or `--by` / the OS user on the command
line) and when (`at`, default now); a step that makes no sense raises TransitionRefused with a
message saying why and what to do. Nothing reaches 已发布 without an 已审核 before it, and what
is approved is exactly what was submitted: `submit` records the sha256 of the year file, and
`approve` refuses if the file differs, `publish` if it differs from what was approved.

Publishing needs the build (a layer above this one), so `publish` takes it as a function that
writes the final files of a report into a folder (kit/cli/cycle.py passes kit.build's).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from kit import yamlio
from kit.checking import check_body
from kit.errors import KitError, TransitionRefused
from kit.messages import cycle as msg
from kit.report import BodyRef, YearReport
from kit.store import Store
from kit.store.record import Action, Event, PublishedFile, Record, State, append, read_record

PUBLISHED_DIR = msg.PUBLISHED_DIR  # <主体>/已发布/<年>/第N版/: the files as published, kept for good

# builds the final (not draft) files of `report` into `folder`, returns their paths
Builder = Callable[[YearReport, Path], list[Path]]


def now() -> dt.datetime:
    return dt.datetime.now().astimezone()


def _when(at: dt.datetime | None) -> dt.datetime:
    if at is None:
        return now()
    return at if at.tzinfo else at.astimezone()


def _who(by: str) -> str:
    by = str(by or "").strip()
    if not by:
        raise TransitionRefused(msg.WHO_REQUIRED)
    return by


def _reason(reason: str | None, action: str) -> str:
    text = str(reason or "").strip()
    if not text:
        raise TransitionRefused(msg.reason_required(action))
    return text


def year_digest(store: Store, ref: BodyRef, year: int) -> str | None:
    file = store.year_file(ref, year)
    return yamlio.digest(file.read_bytes()) if file.is_file() else None


def errors_of(store: Store, ref: BodyRef, year: int) -> list[str]:
    """The year's open errors as `kit check` prints them (loading problems included)."""
    checked = check_body(store, ref, [year])
    return [f.describe() for c in checked for f in c.errors]


def record_of(store: Store, ref: BodyRef, year: int) -> Record:
    """The record of a body's year: its events and current state (`.state`)."""
    return read_record(store, ref, int(year))


def state_of(store: Store, ref: BodyRef, year: int) -> State:
    return record_of(store, ref, year).state


# ---------------------------------------------------------------------------------------------
# the steps


def submit(store: Store, ref: BodyRef, year: int, *, by: str, at: dt.datetime | None = None) -> Record:
    """填报中 / 退回修改 → 已提交; refused while the year has errors."""
    record = record_of(store, ref, year)
    if not record.state.editable:
        raise TransitionRefused(msg.submit_refused_state(str(ref), year, record.state))
    digest = year_digest(store, ref, year)
    if digest is None:
        raise TransitionRefused(msg.submit_refused_missing(str(ref), year, store.year_file(ref, year)))
    errors = errors_of(store, ref, year)
    if errors:
        raise TransitionRefused(msg.submit_refused_errors(str(ref), year, len(errors), errors[:5]))
    return append(store, record, Event(Action.SUBMIT, State.SUBMITTED, _who(by), _when(at), digest=digest))


def return_report(store: Store, ref: BodyRef, year: int, *, by: str, reason: str, at: dt.datetime | None = None) -> Record:
    """已提交 / 已审核 → 退回修改, with the reviewer's reason (shown to the clerk)."""
    record = record_of(store, ref, year)
    if record.state not in (State.SUBMITTED, State.APPROVED):
        raise TransitionRefused(msg.return_refused_state(str(ref), year, record.state))
    text = _reason(reason, msg.ACTION_RETURN)
    return append(store, record, Event(Action.RETURN, State.RETURNED, _who(by), _when(at), reason=text, digest=year_digest(store, ref, year)))


def approve(store: Store, ref: BodyRef, year: int, *, by: str, at: dt.datetime | None = None) -> Record:
    """已提交 → 已审核; refused if the year file changed since it was submitted, or has errors now."""
    record = record_of(store, ref, year)
    if record.state is not State.SUBMITTED:
        raise TransitionRefused(msg.approve_refused_state(str(ref), year, record.state))
    submitted = record.last_of(Action.SUBMIT)
    digest = year_digest(store, ref, year)
    if submitted is None or digest != submitted.digest:
        raise TransitionRefused(msg.approve_refused_changed(str(ref), year, submitted.describe_time() if submitted else "?"))
    errors = errors_of(store, ref, year)
    if errors:
        raise TransitionRefused(msg.approve_refused_errors(str(ref), year, len(errors)))
    return append(store, record, Event(Action.APPROVE, State.APPROVED, _who(by), _when(at), digest=digest))


def reopen(store: Store, ref: BodyRef, year: int, *, by: str, reason: str, at: dt.datetime | None = None) -> Record:
    """已发布 → 填报中 for a correction: the published version's files and record are kept."""
    record = record_of(store, ref, year)
    if record.state is not State.PUBLISHED:
        raise TransitionRefused(msg.reopen_refused_state(str(ref), year, record.state))
    text = _reason(reason, msg.ACTION_REOPEN)
    return append(store, record, Event(Action.REOPEN, State.DRAFT, _who(by), _when(at), reason=text, digest=year_digest(store, ref, year)))


def parse_date(text: str | None) -> dt.date | None:
    if text is None or not str(text).strip():
        return None
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise TransitionRefused(msg.publish_bad_date(str(text))) from None


def publish(
    store: Store,
    ref: BodyRef,
    year: int,
    *,
    by: str,
    build: Builder,
    url: str | None = None,
    date: dt.date | None = None,
    at: dt.datetime | None = None,
) -> Record:
    """已审核 → 已发布: the report's date written into the year file, the final files built and kept
    under <主体>/已发布/<年>/第N版/, and the sha256 of each recorded.

    The date is `date`, else the one typed in the year file (unless it was a previous
    publication's), else the day of `at`. If the build fails, the year file is put back as it
    was approved and nothing is recorded.
    """
    record = record_of(store, ref, year)
    if record.state is not State.APPROVED:
        raise TransitionRefused(msg.publish_refused_state(str(ref), year, record.state))
    approved = record.last_of(Action.APPROVE)
    assert approved is not None  # the state is 已审核
    if year_digest(store, ref, year) != approved.digest:
        raise TransitionRefused(msg.publish_refused_changed(str(ref), year, approved.describe_time()))
    if url is not None and not str(url).strip().lower().startswith(("http://", "https://")):
        raise TransitionRefused(msg.publish_bad_url(str(url)))
    when = _when(at)
    who = _who(by)
    report = store.load_year(ref, year)
    earlier = {e.date for e in record.publications()}
    chosen = date or (report.date if report.date not in earlier else None) or when.date()
    if chosen.year <= int(year):
        raise TransitionRefused(msg.publish_date_too_early(chosen.isoformat(), year))

    file = store.year_file(ref, year)
    approved_text = file.read_text(encoding="utf-8")
    if report.date != chosen:
        report.date = chosen
        store.save_year(report, by_cycle=True)
    version = len(record.publications()) + 1
    body_dir = store.body_dir(ref)
    final = body_dir / PUBLISHED_DIR / str(int(year)) / msg.version_folder(version)
    try:
        files = _build_into(final, report, build)
    except BaseException:
        yamlio.save_text(file, approved_text, yamlio.digest(file.read_bytes()))  # back to what was approved
        raise
    event = Event(
        Action.PUBLISH,
        State.PUBLISHED,
        who,
        when,
        digest=year_digest(store, ref, year),
        url=str(url).strip() if url else None,
        date=chosen,
        version=version,
        folder=final.relative_to(body_dir).as_posix(),
        files=tuple(PublishedFile(p.name, sha256_of(p)) for p in files),
    )
    return append(store, record, event)


def _build_into(final: Path, report: YearReport, build: Builder) -> list[Path]:
    """Build into a temporary folder beside `final`, then rename it: a published version is whole or absent."""
    if final.exists():
        raise KitError(msg.version_folder_exists(final))
    final.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=final.parent))
    try:
        built = build(report, scratch)
        names = sorted({Path(p).name for p in built})
        if not names:
            raise KitError(msg.nothing_built(report.body.ref, report.year))
        os.replace(scratch, final)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return [final / n for n in names]


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
