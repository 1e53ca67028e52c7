"""`kit check` (parameter files, or published reports with --document) and `kit new` (a blank year)."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from kit.cli.command import Command
from kit.errors import UsageError
from kit.messages import cli as say
from kit.messages import store as store_says


def _cmd_check(args: argparse.Namespace) -> int:
    if args.document:
        return _check_documents(args)
    from kit.checking import iter_checked
    from kit.render.findings import CheckedPrinter, write_checked_json

    rosters = [p for p in args.paths if _is_roster(p)]
    if rosters:
        return _check_rosters(args, rosters)
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(say.JOBS_AT_LEAST_ONE)
    jobs = args.jobs or len(os.sched_getaffinity(0))
    results = iter_checked(args.paths or [args.parameters], jobs=jobs)  # streamed: a province is never held in memory
    if args.json:
        return 1 if write_checked_json(results) else 0
    printer = CheckedPrinter(verbose=args.verbose)
    for r in results:
        printer.add(r)
    printer.close()
    return 1 if printer.tally.failed else 0


def _is_roster(path: Path) -> bool:
    from kit.server.roster import is_roster_file

    return is_roster_file(path)


def _check_rosters(args: argparse.Namespace, rosters: list[Path]) -> int:
    """`kit check roster.yaml`: the hub's roster (users, roles, bodies that exist under --parameters)."""
    from kit.messages import server as server_says
    from kit.server.roster import check_roster

    others = [p for p in args.paths if not _is_roster(p)]
    if others:
        raise UsageError(server_says.roster_alone(rosters[0], others[0]))
    findings = [f for r in rosters for f in check_roster(r, Path(args.parameters))]
    if args.json:
        print(json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=2))
    else:
        for f in findings:
            print(f.describe())
        errors = sum(f.is_error for f in findings)
        print(server_says.roster_checked(errors, len(findings) - errors))
    return 1 if any(f.is_error for f in findings) else 0


def _check_documents(args: argparse.Namespace) -> int:
    """`kit check --document`: published reports (files, folders, URLs), not parameter files."""
    from kit.doccheck.documents import check_documents
    from kit.render.findings import documents_json, print_documents

    if args.paths:
        raise UsageError(say.document_and_parameters(args.paths[0]))
    results = check_documents(args.document, year=args.year)
    if args.json:
        print(json.dumps(documents_json(results), ensure_ascii=False, indent=2))
    else:
        print_documents(results, verbose=args.verbose)
    return 1 if any(r.errors for r in results) else 0


def _cmd_new(args: argparse.Namespace) -> int:
    from kit.report import BodyRef
    from kit.store import Store

    store = Store(args.parameters)
    ref = BodyRef.parse(args.body)
    report = store.new_year(ref, args.year)
    carried = [k for k in report.cells]
    print(say.new_year_written(report.file, report.spec.name, store_says.carried_from(args.year - 1, len(carried)) if carried else ""))
    return 0


def _check_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", type=Path, help=say.PATHS_HELP)
    p.add_argument("--json", action="store_true", help=say.JSON_HELP)
    p.add_argument("-v", "--verbose", action="store_true", help=say.VERBOSE_HELP)
    p.add_argument("--document", nargs="+", metavar=say.DOCUMENT_METAVAR, help=say.DOCUMENT_HELP)
    p.add_argument("--year", type=int, help=say.DOCUMENT_YEAR_HELP)
    p.add_argument("--jobs", type=int, default=None, metavar="N", help=say.CHECK_JOBS_HELP)


def _new_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("body", help=say.BODY_HELP)
    p.add_argument("year", type=int, help=say.YEAR_HELP)


COMMANDS = [
    Command("check", say.CHECK, _check_arguments, _cmd_check),
    Command("new", say.NEW, _new_arguments, _cmd_new),
]
