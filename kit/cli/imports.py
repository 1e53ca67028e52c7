"""`kit import`: published reports into parameter files."""

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


def _import_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("sources", nargs="+", metavar="报告", help="已发布的报告（.html .docx .txt .pdf .doc .wps）、网址、文件夹、清单文件（.list）")
    p.add_argument("--body", help="县/主体，例如 青禾县/云溪镇（默认从标题推断）")
    p.add_argument("--county", help="批量导入时，主体所属的县（标题中没有县名时）")
    p.add_argument("--year", type=int, help="报告年度（默认从标题推断）")
    p.add_argument("--dry-run", action="store_true", help="只显示将写入的内容，不写入")
    p.add_argument("--force", action="store_true", help="覆盖已有的年度文件（原文件保存在 .history/ 中）")
    p.add_argument("--yes", action="store_true", help="批量导入时不再询问确认（用于脚本）")


COMMANDS = [
    Command("import", "导入已发布的报告或填好的 Excel 填报表，生成参数文件", _import_arguments, _cmd_import),
]
