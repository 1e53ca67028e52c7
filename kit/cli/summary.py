"""`kit summary` (a county's 汇总 of one year) and `kit export-data` (the figures as CSV / Excel)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from kit.cli.command import Command
from kit.messages import build as build_says
from kit.messages import cli as say

DEFAULT_EXPORTS = Path("exports")
DATA_DIR = say.DATA_FOLDER


def _exports_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--parameters", type=Path, default=argparse.SUPPRESS, help=say.PARAMETERS_HELP)
    p.add_argument("--exports", type=Path, default=Path(os.environ.get("KIT_EXPORTS", DEFAULT_EXPORTS)), help=say.EXPORTS_HELP)


def _summary_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("county", help=say.COUNTY_HELP)
    p.add_argument("year", type=int, help=say.YEAR_HELP)
    p.add_argument("--to", metavar=say.FORMAT_METAVAR, help=say.SUMMARY_TO_HELP)
    _exports_option(p)
    p.add_argument("--notebook", type=Path, default=None, help=argparse.SUPPRESS)  # for tests and notebook development
    p.add_argument("--timings", action="store_true", help=say.TIMINGS_HELP)


def _cmd_summary(args: argparse.Namespace) -> int:
    from kit.build.summary import SUMMARY_NOTEBOOK, build_summary_files, parse_formats

    built = build_summary_files(
        args.parameters,
        args.county,
        args.year,
        exports=args.exports,
        formats=parse_formats(args.to),
        notebook=args.notebook or SUMMARY_NOTEBOOK,
    )
    print(say.summary_heading(built.county, built.year))
    for path in built.files.values():
        print(f"  {path}")
    if built.status:
        print(built.status)
    if args.timings:
        print(say.took(built.timings.describe()))
    return 0


def _export_data_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("selection", nargs="*", metavar=say.RANGE_METAVAR, help=say.RANGE_HELP)
    p.add_argument("--years", metavar=say.YEARS_METAVAR, help=say.EXPORT_YEARS_HELP)
    p.add_argument("--to", metavar=say.FORMAT_METAVAR, default="csv,xlsx", help=say.EXPORT_TO_HELP)
    p.add_argument("--out", type=Path, default=None, help=say.OUT_HELP)
    p.add_argument("--name", default=None, help=say.NAME_HELP)
    p.add_argument("--skip-unreadable", action="store_true", help=say.SKIP_UNREADABLE_HELP)
    p.add_argument("--parameters", type=Path, default=argparse.SUPPRESS, help=say.PARAMETERS_HELP)


def _cmd_export_data(args: argparse.Namespace) -> int:
    from kit.data.frame import WRITERS, export_name, load_frame, parse_years, write_exports
    from kit.errors import UsageError
    from kit.store import Store

    formats = [f.strip().lower() for f in str(args.to).split(",") if f.strip()]
    if not formats or any(f not in WRITERS for f in formats):
        raise UsageError(build_says.formats_refused(list(WRITERS), args.to))
    store = Store(args.parameters)
    selection = args.selection or None
    years = parse_years(args.years) if args.years else None
    frame = load_frame(store, selection, years, errors="skip" if args.skip_unreadable else "raise")
    if frame.empty:
        print(say.NOTHING_TO_EXPORT)
        return 1
    out = args.out or Path(os.environ.get("KIT_EXPORTS", DEFAULT_EXPORTS)) / DATA_DIR
    name = args.name or export_name(selection, years, frame)
    written = write_exports(frame, out, name, formats)
    reports = frame[["county", "body", "year"]].drop_duplicates()
    print(say.exported(reports["body"].nunique(), len(reports), len(frame)))
    for path in written:
        print(f"  {path}")
    for path, reason in frame.attrs.get("skipped", []):
        print(say.skipped(path, reason.splitlines()[0]))
    return 0


COMMANDS = [
    Command("summary", say.SUMMARY, _summary_arguments, _cmd_summary),
    Command("export-data", say.EXPORT_DATA, _export_data_arguments, _cmd_export_data),
]
