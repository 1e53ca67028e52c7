"""`kit history` (the saved versions of a year's file) and `kit restore` (bring one back)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kit.cli.command import Command
from kit.messages import cli as say


def _history_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("body", help=say.BODY_HELP)
    p.add_argument("year", type=int, help=say.YEAR_HELP)
    p.add_argument("--parameters", type=Path, default=argparse.SUPPRESS, help=say.PARAMETERS_HELP)


def _restore_arguments(p: argparse.ArgumentParser) -> None:
    _history_arguments(p)
    p.add_argument("version", nargs="?", help=say.VERSION_HELP)


def _cmd_history(args: argparse.Namespace) -> int:
    from kit.report import BodyRef
    from kit.store import Store
    from kit.store.history import format_history, history

    ref = BodyRef.parse(args.body)
    print(format_history(ref, args.year, history(Store(args.parameters), ref, args.year)))
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from kit.report import BodyRef
    from kit.store import Store
    from kit.store.history import restore

    ref = BodyRef.parse(args.body)
    store = Store(args.parameters)
    version = restore(store, ref, args.year, args.version)
    print(say.restored(store.year_file(ref, args.year), version.number, version.describe_time(), ref, args.year))
    return 0


COMMANDS = [
    Command("history", say.HISTORY, _history_arguments, _cmd_history),
    Command("restore", say.RESTORE, _restore_arguments, _cmd_restore),
]
