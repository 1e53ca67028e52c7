"""`kit build` (one report to HTML/PDF/DOCX) and `kit doctor` (can this machine build reports?)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from kit.cli.command import Command
from kit.messages import cli as say

DEFAULT_EXPORTS = Path("exports")


def _build_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("body", help=say.BODY_HELP)
    p.add_argument("year", type=int, help=say.YEAR_HELP)
    p.add_argument("--to", metavar=say.FORMAT_METAVAR, help=say.TO_HELP)
    p.add_argument("--draft", action="store_true", help=say.DRAFT_HELP)
    # SUPPRESS: `kit --parameters X build …` keeps X unless the option is repeated here
    p.add_argument("--parameters", type=Path, default=argparse.SUPPRESS, help=say.PARAMETERS_HELP)
    p.add_argument("--exports", type=Path, default=Path(os.environ.get("KIT_EXPORTS", DEFAULT_EXPORTS)), help=say.EXPORTS_HELP)
    p.add_argument("--notebook", type=Path, default=None, help=argparse.SUPPRESS)  # for tests and notebook development
    p.add_argument("--timings", action="store_true", help=say.TIMINGS_HELP)


def _cmd_build(args: argparse.Namespace) -> int:
    from kit.build.execute import REPORT_NOTEBOOK
    from kit.build.report import build_report, parse_formats
    from kit.report import BodyRef

    formats = parse_formats(args.to)
    built = build_report(
        args.parameters,
        BodyRef.parse(args.body),
        args.year,
        exports=args.exports,
        formats=formats,
        draft=args.draft,
        notebook=args.notebook or REPORT_NOTEBOOK,
    )
    print(say.built_heading(built.ref, built.year, say.DRAFT if args.draft else say.REPORT))
    for path in built.files.values():
        print(f"  {path}")
    if args.timings:
        print(say.took(built.timings.describe()))
    return 0


def _cmd_doctor(args: argparse.Namespace) -> int:
    from kit.build.prerequisites import check_fonts, check_kernel, check_pdf_engine

    checks = [check_kernel(), check_fonts(), check_pdf_engine()]
    for check in checks:
        print(check.describe())
    missing = [c for c in checks if not c.ok]
    print(say.READY if not missing else say.not_ready(len(missing)))
    return 1 if missing else 0


COMMANDS = [
    Command("build", say.BUILD, _build_arguments, _cmd_build),
    Command("doctor", say.DOCTOR, lambda p: None, _cmd_doctor),
]
