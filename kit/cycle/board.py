"""The county's board: every body's state for a year, who did what when, open findings, deadline.

`board()` reads; `format_board()` prints it for `kit status`; `Board.as_json()` is what
`kit status --json`, the county summary and the review page read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from kit.checking import check_body
from kit.cycle.deadlines import Standing, standing
from kit.errors import KitError
from kit.messages import cycle as msg
from kit.report import BodyRef
from kit.store import Store
from kit.store.record import Event, State, read_record


@dataclass(frozen=True)
class BoardRow:
    ref: BodyRef
    level: str
    state: State
    has_file: bool
    last: Event | None = None
    reason: str | None = None  # the return's reason, while 退回修改
    errors: int = 0
    warnings: int = 0  # open (not acknowledged) warnings
    standing: Standing | None = None
    problem: str | None = None  # why the body or its record could not be read

    @property
    def approved(self) -> bool:
        return self.state in (State.APPROVED, State.PUBLISHED)

    def as_json(self) -> dict[str, Any]:
        last = self.last
        return {
            "body": str(self.ref),
            "name": self.ref.body,
            "level": self.level,
            "state": self.state.value,
            "has_file": self.has_file,
            "by": last.by if last else None,
            "at": last.at.isoformat(timespec="seconds") if last else None,
            "action": last.action.value if last else None,
            "reason": self.reason,
            "errors": self.errors,
            "warnings": self.warnings,
            "approved": self.approved,
            "deadline": self.standing.as_json() if self.standing else None,
            "problem": self.problem,
        }


@dataclass(frozen=True)
class Board:
    county: str
    year: int
    today: dt.date
    rows: tuple[BoardRow, ...] = field(default=())

    def counts(self) -> dict[State, int]:
        return {s: sum(1 for r in self.rows if r.state is s) for s in State}

    def approved(self) -> list[BoardRow]:
        return [r for r in self.rows if r.approved]

    def overdue(self) -> list[BoardRow]:
        return [r for r in self.rows if r.standing is not None and r.standing.overdue]

    def as_json(self) -> dict[str, Any]:
        return {
            "county": self.county,
            "year": self.year,
            "today": self.today.isoformat(),
            "counts": {s.value: n for s, n in self.counts().items()},
            "approved": [r.ref.body for r in self.approved()],
            "overdue": [r.ref.body for r in self.overdue()],
            "bodies": [r.as_json() for r in self.rows],
        }


Counts = dict[BodyRef, tuple[int, int]]  # body -> (errors, open warnings), when the caller has checked already


def row_for(store: Store, ref: BodyRef, year: int, today: dt.date, counts: Counts | None = None) -> BoardRow:
    try:
        body = store.load_body(ref)
    except KitError as exc:
        return BoardRow(ref, "", State.DRAFT, False, problem=str(exc).split("\n")[0])
    try:
        record = read_record(store, ref, year)
    except KitError as exc:
        return BoardRow(ref, body.level, State.DRAFT, False, problem=str(exc))
    has_file = store.year_file(ref, year).is_file()
    errors = warnings = 0
    if counts is not None:
        errors, warnings = counts.get(ref, (0, 0))
    elif has_file:
        for checked in check_body(store, ref, [year]):
            errors += len(checked.errors)
            warnings += sum(1 for f in checked.warnings if not f.acknowledged)
    last = record.last
    reason = last.reason if last is not None and record.state is State.RETURNED else None
    try:
        where = standing(store, record, body.level, today)
    except KitError as exc:
        return BoardRow(ref, body.level, record.state, has_file, last, reason, errors, warnings, None, str(exc))
    return BoardRow(ref, body.level, record.state, has_file, last, reason, errors, warnings, where)


def board(store: Store, county: str, year: int, today: dt.date, counts: Counts | None = None) -> Board:
    """Every body of `county` for `year`, as of `today` (passed in: the board never reads the clock).

    The findings are counted by checking each year as `kit check` does, unless `counts` gives
    them (the county summary has just validated every report)."""
    return Board(county, int(year), today, tuple(row_for(store, ref, year, today, counts) for ref in store.bodies(county)))


def format_board(b: Board, *, overdue_only: bool = False) -> str:
    rows = b.overdue() if overdue_only else list(b.rows)
    out = [msg.BOARD_TITLE.format(county=b.county, year=b.year, today=b.today.isoformat())]
    if not b.rows:
        return msg.BOARD_EMPTY.format(county=b.county)
    out.append("  ".join(msg.BOARD_COLUMNS))
    for r in rows:
        state = r.state.value if r.has_file or r.last else msg.NO_FILE
        by = r.last.by if r.last else "—"
        at = r.last.describe_time() if r.last else "—"
        due = r.standing.deadline.due.isoformat() if r.standing else "—"
        left = r.standing.describe() if r.standing else (r.problem or "—")
        out.append("  ".join([r.ref.body, r.level or "—", state, by, at, str(r.errors), str(r.warnings), due, left]))
        if r.reason:
            out.append(msg.BOARD_RETURN_REASON.format(reason=r.reason))
        if r.problem and r.standing:
            out.append(f"    {r.problem}")
    counts = "，".join(f"{s.value} {n}" for s, n in b.counts().items() if n)
    out.append(msg.BOARD_TOTALS.format(total=len(b.rows), counts=counts))
    approved = b.approved()
    out.append(msg.BOARD_APPROVED.format(n=len(approved), names="、".join(r.ref.body for r in approved)) if approved else msg.BOARD_NONE_APPROVED)
    late = b.overdue()
    out.append(msg.BOARD_OVERDUE.format(n=len(late), names="、".join(r.ref.body for r in late)) if late else msg.BOARD_NONE_OVERDUE)
    return "\n".join(out)
