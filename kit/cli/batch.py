"""`kit batch`: every report of a selection, planned first, then built in parallel (or on Dask).

    kit batch                         the whole parameters/ tree
    kit batch 青禾县 --years 2019-2025  a county, some years
    kit batch 青禾县/云溪镇 微山县/驩城镇   some bodies

Exit codes: 0 everything built or unchanged; 1 a report failed or was refused for errors (or
the batch was refused whole with --strict); 2 wrong usage; 130 interrupted (run it again to
finish: what was finished is not rebuilt).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from kit.cli.command import Command
from kit.messages import cli as say

if TYPE_CHECKING:
    from kit.batch.plan import Plan
    from kit.batch.run import Summary

DEFAULT_EXPORTS = Path("exports")
SHOWN_BODIES = 30  # longer lists are counted, not listed
SHOWN_ERRORS = 5  # per refused report; `kit check` lists them all


def _arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("selection", nargs="*", metavar=say.SELECTION_METAVAR, help=say.SELECTION_HELP)
    p.add_argument("--years", metavar=say.YEARS_METAVAR, help=say.BATCH_YEARS_HELP)
    p.add_argument("--to", metavar=say.FORMAT_METAVAR, help=say.TO_HELP)
    p.add_argument("--jobs", "-j", type=int, metavar="N", help=say.JOBS_HELP)
    p.add_argument("--scheduler", metavar=say.SCHEDULER_METAVAR, help=say.SCHEDULER_HELP)
    p.add_argument("--draft", action="store_true", help=say.DRAFT_HELP)
    p.add_argument("--strict", action="store_true", help=say.STRICT_HELP)
    p.add_argument("--force", action="store_true", help=say.FORCE_HELP)
    p.add_argument("--dry-run", action="store_true", help=say.DRY_RUN_HELP)
    p.add_argument("--parameters", type=Path, default=argparse.SUPPRESS, help=say.PARAMETERS_HELP)
    p.add_argument("--exports", type=Path, default=Path(os.environ.get("KIT_EXPORTS", DEFAULT_EXPORTS)), help=say.EXPORTS_HELP)
    p.add_argument("--notebook", type=Path, default=None, help=argparse.SUPPRESS)  # for tests and notebook development


def _cmd_batch(args: argparse.Namespace) -> int:
    from kit.batch.plan import NOTEBOOK, parse_formats, parse_years, plan
    from kit.errors import UsageError
    from kit.store import Store

    if args.jobs is not None and args.jobs < 1:
        raise UsageError(say.JOBS_AT_LEAST_ONE)
    notebook = args.notebook or NOTEBOOK
    if not Path(notebook).is_file():
        raise UsageError(say.no_report_notebook(notebook))
    store = Store(args.parameters)
    exports = Path(args.exports)
    the_plan = plan(
        store,
        exports,
        args.selection,
        years=parse_years(args.years),
        formats=parse_formats(args.to),
        draft=args.draft,
        force=args.force,
        notebook=Path(notebook),
        jobs=len(os.sched_getaffinity(0)),  # validation on every core, before any worker or thread starts
    )
    print_plan(the_plan, draft=args.draft)
    if args.strict and the_plan.invalid:
        print(say.strict_refused(len(the_plan.invalid)))
        return 1
    if args.dry_run:
        return 1 if the_plan.invalid else 0
    if not the_plan.build:
        print(_summary_line(len(the_plan.build), len(the_plan.unchanged), len(the_plan.invalid), 0) + say.NOTHING_TO_BUILD)
        return 1 if the_plan.invalid else 0
    from kit.batch.run import run

    with _sigterm_as_interrupt():
        summary = run(the_plan, store=store, exports=exports, notebook=Path(notebook), jobs=args.jobs, scheduler=args.scheduler)
    print_summary(summary, exports)
    return summary.exit_code


def print_plan(p: Plan, *, draft: bool) -> None:
    from kit.batch.run import describe_years

    print(say.plan_line(p.total, len(p.build), len(p.unchanged), len(p.invalid)))
    for title, jobs in ((say.WILL_BUILD, p.build), (say.UNCHANGED, p.unchanged)):
        if not jobs:
            continue
        groups: dict[str, list[int]] = {}
        for job in jobs:
            groups.setdefault(job.body, []).append(job.year)
        print(f"{title}：")
        for body, years in list(groups.items())[:SHOWN_BODIES]:
            print(f"  {body} {describe_years(years)}")
        if len(groups) > SHOWN_BODIES:
            print(say.more_bodies(len(groups) - SHOWN_BODIES))
    if p.invalid:
        print(say.INVALID_NOT_BUILT if not draft else say.UNREADABLE_NOT_BUILT)
        for bad in p.invalid:
            errors = bad.errors or bad.findings
            print(say.errors_of(bad.name, len(errors)))
            for finding in errors[:SHOWN_ERRORS]:
                print(f"    - {finding.describe()}")
            if len(errors) > SHOWN_ERRORS:
                print(say.more_errors(len(errors) - SHOWN_ERRORS))
        if not draft:
            print(say.FIX_OR_DRAFT)


def _summary_line(built: int, unchanged: int, invalid: int, failed: int) -> str:
    return say.batch_counts(built, unchanged, invalid, failed)


def print_summary(s: Summary, exports: Path) -> None:
    if s.failed:
        print(say.FAILED_REPORTS)
        for failure in s.failed:
            lines = failure.message.splitlines() or [failure.job.name]
            print(f"  ✗ {lines[0]}")
            for line in lines[1:]:
                print(f"    {line.strip()}")
    head = say.INTERRUPTED if s.interrupted else say.DONE
    line = f"{head}：" + _summary_line(len(s.built), len(s.unchanged), len(s.invalid), len(s.failed))
    print(line + say.batch_took(s.seconds, f"{exports}{os.sep}"))
    if s.interrupted:
        print(say.not_run_yet(len(s.not_run)))


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """`kill PID` stops a batch the way Ctrl-C does: kernels shut down, summary printed."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (tests calling main() from a thread)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        sys.stdout.flush()


COMMANDS = [
    Command("batch", say.BATCH, _arguments, _cmd_batch),
]
