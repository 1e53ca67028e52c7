"""`kit import` (published reports and filled Excel forms into parameter files) and `kit template` (the Excel form)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kit.cli.command import Command
from kit.errors import UsageError
from kit.messages import cli as say


def _cmd_import(args: argparse.Namespace) -> int:
    import tempfile

    from kit.doccheck.sources import collect_sources
    from kit.imports.run import plan_imports, write_plan
    from kit.messages import imports as msg
    from kit.report import BodyRef
    from kit.store import Store

    store = Store(args.parameters)
    body = BodyRef.parse(args.body) if args.body else None
    workbooks = [s for s in args.sources if str(s).lower().endswith((".xlsx", ".xlsm"))]
    if workbooks:
        if len(workbooks) != len(args.sources):
            raise UsageError(say.WORKBOOKS_APART)
        from kit.imports.workbook import import_workbooks

        return import_workbooks(store, [Path(w) for w in workbooks], dry_run=args.dry_run, force=args.force)
    with tempfile.TemporaryDirectory(prefix="kit-download-") as downloads:
        sources = collect_sources(args.sources, Path(downloads))
        if not sources:
            raise UsageError(say.NOTHING_TO_IMPORT)
        batch = len(sources) > 1 or any(Path(str(s)).is_dir() for s in args.sources)
        plan = plan_imports(store, sources, body=body, county=args.county, year=args.year, force=args.force)
    for p in plan.items:
        imp = p.imported
        if p.action == "refused":
            print(msg.plan_refused(imp.source, "；".join(imp.refused[:3]) + (say.AND_MORE if len(imp.refused) > 3 else "")))
        else:
            status = "" if p.action == "write" else "（" + msg.exists(str(p.path)) + "）"
            print(msg.plan_line(imp.source, f"{p.path}{status}"))
        shown = [f for f in imp.findings if not (f.is_error and p.action == "refused")] + imp.notes
        for f in shown:
            print(f"    {f.describe(source=False)}")
    print(msg.plan_summary(len(plan.to_write), len(plan.skipped), len(plan.refused)))
    if args.dry_run:
        for p in plan.to_write:
            print()
            print(msg.would_write(str(p.path)))
            print(p.year_text, end="")
            if p.body_text:
                print(msg.would_write(str(p.body_path)))
                print(p.body_text, end="")
        return 1 if plan.refused else 0
    if plan.to_write and batch and not args.yes:
        if not sys.stdin.isatty():
            print(msg.NEEDS_YES, file=sys.stderr)
            return 1
        answer = input(msg.CONFIRM).strip().lower()
        if answer not in say.YES_ANSWERS:
            print(msg.NOT_CONFIRMED)
            return 1
    for line in write_plan(store, plan):
        print(line)
    print(msg.summary(len(plan.to_write), len(plan.skipped), len(plan.refused)))
    return 1 if plan.refused else 0


def _cmd_template(args: argparse.Namespace) -> int:
    from kit.imports.workbook import write_templates

    if args.to != "xlsx":
        raise UsageError(say.template_format_refused(args.to))
    return write_templates(args.parameters, args.target, args.year, Path(args.output) if args.output else None)


def _import_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("sources", nargs="+", metavar=say.SOURCES_METAVAR, help=say.SOURCES_HELP)
    p.add_argument("--body", help=say.IMPORT_BODY_HELP)
    p.add_argument("--county", help=say.IMPORT_COUNTY_HELP)
    p.add_argument("--year", type=int, help=say.IMPORT_YEAR_HELP)
    p.add_argument("--dry-run", action="store_true", help=say.IMPORT_DRY_RUN_HELP)
    p.add_argument("--force", action="store_true", help=say.IMPORT_FORCE_HELP)
    p.add_argument("--yes", action="store_true", help=say.IMPORT_YES_HELP)


def _template_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("target", help=say.TEMPLATE_TARGET_HELP)
    p.add_argument("year", type=int, help=say.YEAR_HELP)
    p.add_argument("--to", default="xlsx", help=say.TEMPLATE_TO_HELP)
    p.add_argument("--output", "-o", help=say.TEMPLATE_OUTPUT_HELP)


COMMANDS = [
    Command("import", say.IMPORT, _import_arguments, _cmd_import),
    Command("template", say.TEMPLATE, _template_arguments, _cmd_template),
]
