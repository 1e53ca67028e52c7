"""`kit history` (the saved versions of a year's file) and `kit restore` (bring one back)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kit.cli.command import Command
from kit.messages import cli as say


def _history_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("body", help=say.BODY_HELP)
    p.add_argument("year", type=int, help="年度，例如 2021")
    p.add_argument("--parameters", type=Path, default=argparse.SUPPRESS, help="参数文件夹（默认 parameters/）")


def _restore_arguments(p: argparse.ArgumentParser) -> None:
    _history_arguments(p)
    p.add_argument("version", nargs="?", help="kit history 列出的编号或时间戳（默认最近保存的一个历史版本）")


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
    print(
        f"已将 {store.year_file(ref, args.year)} 恢复为版本 {version.number}（{version.describe_time()}）；"
        f"恢复前的内容已存入历史版本，可用 kit history {ref} {args.year} 查看"
    )
    return 0


COMMANDS = [
    Command("history", "列出某主体某年度参数文件保存过的版本（时间、大小、改动了哪些项）", _history_arguments, _cmd_history),
    Command("restore", "把某主体某年度参数文件恢复为以前保存的版本（当前内容先存入历史版本）", _restore_arguments, _cmd_restore),
]
