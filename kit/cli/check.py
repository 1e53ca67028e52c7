"""`kit check` (parameter files, or published reports with --document) and `kit new` (a blank year)."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from kit.cli.command import Command
from kit.errors import UsageError
from kit.messages import cli as say


def _cmd_check(args: argparse.Namespace) -> int:
    if args.document:
        return _check_documents(args)
    from kit.checking import iter_checked
    from kit.render.findings import CheckedPrinter, write_checked_json

    jobs = args.jobs or len(os.sched_getaffinity(0))
    results = iter_checked(args.paths or [args.parameters], jobs=jobs)  # streamed: a province is never held in memory
    if args.json:
        return 1 if write_checked_json(results) else 0
    printer = CheckedPrinter(verbose=args.verbose)
    for r in results:
        printer.add(r)
    printer.close()
    return 1 if printer.failed else 0


def _check_documents(args: argparse.Namespace) -> int:
    """`kit check --document`: published reports (files, folders, URLs), not parameter files."""
    from kit.doccheck.documents import check_documents
    from kit.doccheck.printing import documents_json, print_documents

    if args.paths:
        raise UsageError(f"用法错误：--document 之后列出要检查的报告文件或文件夹，不能同时检查参数文件（{args.paths[0]}）")
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
    print(f"已生成 {report.file}（{report.spec.name}）" + (f"，从{args.year - 1}年带入 {len(carried)} 项（上年结转等）" if carried else ""))
    return 0


def _check_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", type=Path, help="参数文件、主体文件夹、县文件夹或整个 parameters/（默认）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("-v", "--verbose", action="store_true", help="也列出已确认的提示")
    p.add_argument(
        "--document", nargs="+", metavar="文件、文件夹或网址", help="检查已发布的年度报告（.txt、.docx、.html、.pdf、.doc、.wps，或 http(s):// 网址），而不是参数文件"
    )
    p.add_argument("--year", type=int, help="与 --document 同用：报告年度（默认从标题推断）")
    p.add_argument("--jobs", type=int, default=None, metavar="N", help=say.CHECK_JOBS_HELP)


def _new_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("body", help=say.BODY_HELP)
    p.add_argument("year", type=int, help="年度，例如 2025")


COMMANDS = [
    Command("check", "检查参数文件：表格勾稽关系、未填写、结转等", _check_arguments, _cmd_check),
    Command("new", "生成某主体某年的空白参数文件（带入上年结转）", _new_arguments, _cmd_new),
]
