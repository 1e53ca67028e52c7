"""`kit import` (published reports and filled Excel forms into parameter files) and `kit template` (the Excel form)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kit.cli.command import Command
from kit.errors import UsageError


def _cmd_import(args: argparse.Namespace) -> int:
    import tempfile

    from kit.doccheck.printing import describe
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
            raise UsageError("用法错误：Excel 填报表与报告文件请分开导入")
        from kit.imports.workbook import import_workbooks

        return import_workbooks(store, [Path(w) for w in workbooks], dry_run=args.dry_run, force=args.force)
    with tempfile.TemporaryDirectory(prefix="kit-download-") as downloads:
        sources = collect_sources(args.sources, Path(downloads))
        if not sources:
            raise UsageError("用法错误：没有找到要导入的报告文件")
        batch = len(sources) > 1 or any(Path(str(s)).is_dir() for s in args.sources)
        plan = plan_imports(store, sources, body=body, county=args.county, year=args.year, force=args.force)
    for p in plan.items:
        imp = p.imported
        if p.action == "refused":
            print(msg.plan_refused(imp.source, "；".join(imp.refused[:3]) + ("等" if len(imp.refused) > 3 else "")))
        else:
            status = "" if p.action == "write" else "（" + msg.exists(str(p.path)) + "）"
            print(msg.plan_line(imp.source, f"{p.path}{status}"))
        shown = [f for f in imp.findings if not (f.is_error and p.action == "refused")] + imp.notes
        for f in shown:
            print(f"    {describe(f)}")
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
        if answer not in ("y", "yes", "是"):
            print(msg.NOT_CONFIRMED)
            return 1
    for line in write_plan(store, plan):
        print(line)
    print(msg.summary(len(plan.to_write), len(plan.skipped), len(plan.refused)))
    return 1 if plan.refused else 0


def _cmd_template(args: argparse.Namespace) -> int:
    from kit.imports.workbook import write_templates

    if args.to != "xlsx":
        raise UsageError(f"用法错误：--to 目前只支持 xlsx，实为 {args.to}")
    return write_templates(args.parameters, args.target, args.year, Path(args.output) if args.output else None)


def _import_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("sources", nargs="+", metavar="报告", help="已发布的报告（.html .docx .txt .pdf .doc .wps）、网址、文件夹、清单文件（.list），或填好的 Excel 填报表（.xlsx）")
    p.add_argument("--body", help="县/主体，例如 青禾县/云溪镇（默认从标题推断）")
    p.add_argument("--county", help="批量导入时，主体所属的县（标题中没有县名时）")
    p.add_argument("--year", type=int, help="报告年度（默认从标题推断）")
    p.add_argument("--dry-run", action="store_true", help="只显示将写入的内容，不写入")
    p.add_argument("--force", action="store_true", help="覆盖已有的年度文件（原文件保存在 .history/ 中）")
    p.add_argument("--yes", action="store_true", help="批量导入时不再询问确认（用于脚本）")


def _template_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("target", help="县/主体（一个主体的填报表），或县（每个主体一个填报表）")
    p.add_argument("year", type=int, help="年度，例如 2026")
    p.add_argument("--to", default="xlsx", help="格式：xlsx（默认）")
    p.add_argument("--output", "-o", help="输出文件（一个主体）或文件夹（一个县），默认 exports/填报表/<县>/")


COMMANDS = [
    Command("import", "导入已发布的报告或填好的 Excel 填报表，生成参数文件", _import_arguments, _cmd_import),
    Command("template", "生成 Excel 填报表（与报告中的表格一致，带上年结转）", _template_arguments, _cmd_template),
]
