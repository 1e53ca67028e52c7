"""The yearly cycle from the command line: kit status, submit, return, approve, publish, reopen, verify.

Who does a step is `--by`, else the OS user; `--today` (status) and `--at` (the steps) exist so
a county can replay a day and tests need no clock.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
from pathlib import Path
from typing import TYPE_CHECKING

from kit.cli.command import Command
from kit.errors import UsageError
from kit.messages import cli as cli_say
from kit.messages import cycle as say
from kit.messages import store as store_say

if TYPE_CHECKING:
    from kit.store import Store


def _parameters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--parameters", type=Path, default=argparse.SUPPRESS, help=say.ARG_PARAMETERS)


def _step_arguments(p: argparse.ArgumentParser, *, reason: bool = False) -> None:
    p.add_argument("body", help=say.ARG_BODY)
    p.add_argument("year", type=int, help=say.ARG_YEAR)
    if reason:
        p.add_argument("--reason", required=True, help=say.ARG_REASON)
    p.add_argument("--by", default=None, help=say.ARG_BY)
    p.add_argument("--at", default=None, help=argparse.SUPPRESS)  # ISO time of the step, for replaying and tests
    _parameters(p)


def _who(args: argparse.Namespace) -> str:
    if args.by:
        return str(args.by)
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        raise UsageError(say.WHO_UNKNOWN) from None


def _at(args: argparse.Namespace) -> dt.datetime | None:
    if not getattr(args, "at", None):
        return None
    try:
        return dt.datetime.fromisoformat(args.at)
    except ValueError:
        raise UsageError(say.bad_time(args.at)) from None


def _step(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from kit.report import BodyRef
    from kit.store import Store

    return Store(args.parameters), BodyRef.parse(args.body)


def _done(record, what: str) -> int:  # type: ignore[no-untyped-def]
    last = record.last
    print(say.step_done(record.ref, record.year, what, record.state.value, last.by, last.describe_time()))
    return 0


def _cmd_submit(args: argparse.Namespace) -> int:
    from kit.cycle import submit

    store, ref = _step(args)
    return _done(submit(store, ref, args.year, by=_who(args), at=_at(args)), say.DONE_SUBMIT)


def _cmd_return(args: argparse.Namespace) -> int:
    from kit.cycle import return_report

    store, ref = _step(args)
    return _done(return_report(store, ref, args.year, by=_who(args), reason=args.reason, at=_at(args)), say.DONE_RETURN)


def _cmd_approve(args: argparse.Namespace) -> int:
    from kit.cycle import approve

    store, ref = _step(args)
    return _done(approve(store, ref, args.year, by=_who(args), at=_at(args)), say.DONE_APPROVE)


def _cmd_reopen(args: argparse.Namespace) -> int:
    from kit.cycle import reopen

    store, ref = _step(args)
    return _done(reopen(store, ref, args.year, by=_who(args), reason=args.reason, at=_at(args)), say.DONE_REOPEN)


def _publish_arguments(p: argparse.ArgumentParser) -> None:
    _step_arguments(p)
    p.add_argument("--url", default=None, help=say.ARG_URL)
    p.add_argument("--date", default=None, help=say.ARG_DATE)
    p.add_argument("--to", metavar=say.FORMAT_METAVAR, help=cli_say.TO_HELP)


def _cmd_publish(args: argparse.Namespace) -> int:
    from kit.build.report import parse_formats, publication_builder
    from kit.cycle import parse_date, publish

    store, ref = _step(args)
    build = publication_builder(store.root, parse_formats(args.to))
    record = publish(store, ref, args.year, by=_who(args), build=build, url=args.url, date=parse_date(args.date), at=_at(args))
    event = record.last
    assert event is not None and event.date is not None
    folder = store.body_dir(ref) / (event.folder or "")
    print(say.PUBLISHED_AT.format(ref=ref, year=args.year, version=event.version, date=event.date.isoformat(), folder=folder))
    for f in event.files:
        print(f"  {f.name}  sha256 {f.sha256}")
    return 0


def _status_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("county", nargs="?", help=say.ARG_COUNTY_ALL)
    p.add_argument("--year", type=int, default=None, help=say.ARG_YEAR_DEFAULT)
    p.add_argument("--json", action="store_true", help=say.ARG_JSON)
    p.add_argument("--overdue", action="store_true", help=say.ARG_OVERDUE)
    p.add_argument("--today", default=None, help=argparse.SUPPRESS)  # the day the board is as of (tests, replay)
    _parameters(p)


def _today(args: argparse.Namespace) -> dt.date:
    if not args.today:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(args.today)
    except ValueError:
        raise UsageError(say.bad_today(args.today)) from None


def _counties(args: argparse.Namespace) -> tuple[Store, list[str]]:
    from kit.report import check_name
    from kit.store import Store

    store = Store(args.parameters)
    counties = [check_name(args.county, store_say.COUNTY)] if args.county else store.counties()
    for c in counties:
        if not (store.root / c).is_dir():
            raise UsageError(say.no_such_county(store.root, c))
    return store, counties


def _cmd_status(args: argparse.Namespace) -> int:
    from kit.cycle import board, format_board

    store, counties = _counties(args)
    today = _today(args)
    year = args.year or today.year - 1
    boards = [board(store, c, year, today) for c in counties]
    if args.json:
        payload = [b.as_json() for b in boards]
        if args.overdue:
            for item in payload:
                item["bodies"] = [r for r in item["bodies"] if r["deadline"] and r["deadline"]["overdue"]]
        print(json.dumps(payload[0] if args.county else payload, ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(format_board(b, overdue_only=args.overdue) for b in boards))
    return 1 if args.overdue and any(b.overdue() for b in boards) else 0


def _verify_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("county", help=say.ARG_COUNTY)
    p.add_argument("--year", type=int, default=None, help=say.ARG_YEAR_DEFAULT)
    p.add_argument("--online", action="store_true", help=say.ARG_ONLINE)
    _parameters(p)


def _cmd_verify(args: argparse.Namespace) -> int:
    from kit.cycle import FileState, format_verify, verify

    store, counties = _counties(args)
    county = counties[0]
    year = args.year or dt.date.today().year - 1
    checks = verify(store, county, year)
    print(format_verify(county, year, checks))
    failed = any(c.state is not FileState.OK for c in checks)
    if args.online:
        import tempfile

        from kit.cycle.online import format_online, verify_online

        with tempfile.TemporaryDirectory(prefix="kit-verify-") as downloads:
            online = verify_online(store, county, year, Path(downloads))
        print()
        print(format_online(county, year, online))
        failed = failed or not all(c.same for c in online)
    return 1 if failed else 0


COMMANDS = [
    Command("status", say.HELP_STATUS, _status_arguments, _cmd_status),
    Command("submit", say.HELP_SUBMIT, _step_arguments, _cmd_submit),
    Command("return", say.HELP_RETURN, lambda p: _step_arguments(p, reason=True), _cmd_return),
    Command("approve", say.HELP_APPROVE, _step_arguments, _cmd_approve),
    Command("publish", say.HELP_PUBLISH, _publish_arguments, _cmd_publish),
    Command("reopen", say.HELP_REOPEN, lambda p: _step_arguments(p, reason=True), _cmd_reopen),
    Command("verify", say.HELP_VERIFY, _verify_arguments, _cmd_verify),
]
