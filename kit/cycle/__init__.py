"""The county's yearly cycle of a body's report: states, steps, the record, deadlines, the board.

States (kit.store.record.State, values as the county office names them)::

    填报中 → 已提交 → 已审核 → 已发布
               ↓  ↑      ↓          ↓ reopen (a correction: a new version, the published one kept)
             退回修改 ←──┘       填报中

The API, for the command line (kit/cli/cycle.py), the form and the county server; every step
takes who does it (`by`, a user name: the server's login, or `--by` / the OS user) and when
(`at`, default now), checks, appends one event to the record and returns the new Record; a step
that makes no sense raises TransitionRefused, whose message (Chinese) says why and what to do::

    from kit.cycle import submit, return_report, approve, publish, reopen, record_of, board
    record = submit(store, ref, 2025, by="张三")                 # refused while the year has errors
    record = return_report(store, ref, 2025, by="李四", reason="表三合计有误")
    record = approve(store, ref, 2025, by="李四")                # refused if changed since submitted
    record = publish(store, ref, 2025, by="李四", build=fn, url="https://…", date=dt.date(2026, 1, 20))
    record = reopen(store, ref, 2025, by="李四", reason="更正表二")
    record_of(store, ref, 2025).state / .events / .last          # read only
    editable(store, ref, 2025)  # Editable(state, allowed, message): may the clerk save now, and why not
    board(store, "青禾县", 2025, today=dt.date(2026, 1, 20)).as_json()   # every body, state, findings, deadline
    verify(store, "青禾县", 2025)                                 # published files unchanged / changed / missing

The record is ``<主体>/<年>.cycle.yaml`` beside the year file (format in kit.store.record: the
store reads it to refuse saves of reports in review, approved or published, with LockedError);
`kit restore` rewrites only the year file, so the record survives it. Deadlines come from
kit/cycle/deadlines.yaml (条例 第四十九条) and ``parameters/<县>/county.yaml`` (town_deadline).
Nothing here reads the clock for a decision: `today` and `at` are passed in (default now only
for `at`).
"""

from __future__ import annotations

from kit.cycle.board import Board, BoardRow, board, format_board
from kit.cycle.deadlines import Deadline, Standing, deadline_for, standing
from kit.cycle.transitions import PUBLISHED_DIR, Builder, approve, parse_date, publish, record_of, reopen, return_report, state_of, submit
from kit.cycle.verify import FileCheck, FileState, format_verify, verify
from kit.store.record import Action, Editable, Event, PublishedFile, Record, State, editable

__all__ = [
    "PUBLISHED_DIR",
    "Action",
    "Board",
    "BoardRow",
    "Builder",
    "Deadline",
    "Editable",
    "Event",
    "FileCheck",
    "FileState",
    "PublishedFile",
    "Record",
    "Standing",
    "State",
    "approve",
    "board",
    "deadline_for",
    "editable",
    "format_board",
    "format_verify",
    "parse_date",
    "publish",
    "record_of",
    "reopen",
    "return_report",
    "standing",
    "state_of",
    "submit",
    "verify",
]
