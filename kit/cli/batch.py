"""`kit batch`: every report of a selection, planned first, then built in parallel (or on Dask).

    kit batch                         the whole parameters/ tree
    kit batch 青禾县 --years 2019-2025  a county, some years
    kit batch 青禾县/云溪镇 微山县/驩城镇   some bodies

Exit codes: 0 everything built or unchanged; 1 a report failed or was refused for errors (or
the batch was refused whole with --strict); 2 wrong usage; 130 interrupted (run it again to
finish: what was finished is not rebuilt).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from kit.cli.command import Command
from kit.messages import cli as say

if TYPE_CHECKING:
    from kit.batch.plan import Plan
    from kit.batch.run import Summary

DEFAULT_EXPORTS = Path("exports")
SHOWN_BODIES = 30  # longer lists are counted, not listed
SHOWN_ERRORS = 5  # per refused report; `kit check` lists them all


def _arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("selection", nargs="*", metavar="县或县/主体", help="要生成的县（如 青禾县）或主体（如 青禾县/云溪镇）；不写则为整个参数文件夹")
    p.add_argument("--years", metavar="年份", help="年份范围，如 2019-2025 或 2021,2023（默认所有年份）")
    p.add_argument("--to", metavar="格式", help=say.TO_HELP)
    p.add_argument("--jobs", "-j", type=int, metavar="N", help="本机同时生成的报告数（默认 CPU 核数 + 1；用 --scheduler 时由集群决定）")
    p.add_argument("--scheduler", metavar="地址", help="在已有的 Dask 集群上生成，如 tcp://10.0.0.5:8786（默认在本机生成）")
    p.add_argument("--draft", action="store_true", help="有错误的报告也生成：带“草稿”标记，文末附问题清单")
    p.add_argument("--strict", action="store_true", help="只要有一份报告有错误，整批都不生成")
    p.add_argument("--force", action="store_true", help="未变化的报告也重新生成")
    p.add_argument("--dry-run", action="store_true", help="只列出计划，不生成")
    p.add_argument("--parameters", type=Path, default=argparse.SUPPRESS, help="参数文件夹（默认 parameters/）")
    p.add_argument("--exports", type=Path, default=Path(os.environ.get("KIT_EXPORTS", DEFAULT_EXPORTS)), help="输出文件夹（默认 exports/）")
    p.add_argument("--notebook", type=Path, default=None, help=argparse.SUPPRESS)  # for tests and notebook development


def _cmd_batch(args: argparse.Namespace) -> int:
    from kit.batch.plan import NOTEBOOK, parse_formats, parse_years, plan
    from kit.errors import UsageError
    from kit.store import Store

    if args.jobs is not None and args.jobs < 1:
        raise UsageError("用法错误：--jobs 至少为 1")
    notebook = args.notebook or NOTEBOOK
    if not Path(notebook).is_file():
        raise UsageError(f"用法错误：找不到报告笔记本 {notebook}")
    store = Store(args.parameters)
    exports = Path(args.exports)
    the_plan = plan(
        store,
        exports,
        args.selection,
        years=parse_years(args.years),
        formats=parse_formats(args.to),
        draft=args.draft,
        force=args.force,
        notebook=Path(notebook),
    )
    print_plan(the_plan, draft=args.draft)
    if args.strict and the_plan.invalid:
        print(f"已拒绝整批（--strict）：有 {len(the_plan.invalid)} 份报告有错误，没有生成任何报告。请改正后重试，或去掉 --strict 跳过这些报告、生成其余报告。")
        return 1
    if args.dry_run:
        return 1 if the_plan.invalid else 0
    if not the_plan.build:
        print(_summary_line(len(the_plan.build), len(the_plan.unchanged), len(the_plan.invalid), 0) + "无需生成。")
        return 1 if the_plan.invalid else 0
    from kit.batch.run import run

    with _sigterm_as_interrupt():
        summary = run(the_plan, store=store, exports=exports, notebook=Path(notebook), jobs=args.jobs, scheduler=args.scheduler)
    print_summary(summary, exports)
    return summary.exit_code


def print_plan(p: Plan, *, draft: bool) -> None:
    from kit.batch.run import describe_years

    print(f"计划：共 {p.total} 份报告 —— 生成 {len(p.build)} 份，未变化 {len(p.unchanged)} 份（跳过），有错误 {len(p.invalid)} 份（跳过）。")
    for title, jobs in (("将生成", p.build), ("未变化", p.unchanged)):
        if not jobs:
            continue
        groups: dict[str, list[int]] = {}
        for job in jobs:
            groups.setdefault(job.body, []).append(job.year)
        print(f"{title}：")
        for body, years in list(groups.items())[:SHOWN_BODIES]:
            print(f"  {body} {describe_years(years)}")
        if len(groups) > SHOWN_BODIES:
            print(f"  ……另有 {len(groups) - SHOWN_BODIES} 个主体")
    if p.invalid:
        print("有错误，不生成：" if not draft else "无法读取，不生成：")
        for bad in p.invalid:
            errors = bad.errors or bad.findings
            print(f"  {bad.name}：{len(errors)} 个错误")
            for finding in errors[:SHOWN_ERRORS]:
                print(f"    - {finding.describe()}")
            if len(errors) > SHOWN_ERRORS:
                print(f"    ……另有 {len(errors) - SHOWN_ERRORS} 个，运行 kit check 查看全部")
        if not draft:
            print("  改正后重新运行即可；也可加 --draft 生成带“草稿”标记的稿子。")


def _summary_line(built: int, unchanged: int, invalid: int, failed: int) -> str:
    return f"生成 {built} 份，未变化 {unchanged} 份，有错误未生成 {invalid} 份，失败 {failed} 份。"


def print_summary(s: Summary, exports: Path) -> None:
    if s.failed:
        print("失败的报告：")
        for failure in s.failed:
            lines = failure.message.splitlines() or [failure.job.name]
            print(f"  ✗ {lines[0]}")
            for line in lines[1:]:
                print(f"    {line.strip()}")
    head = "已中断" if s.interrupted else "完成"
    line = f"{head}：" + _summary_line(len(s.built), len(s.unchanged), len(s.invalid), len(s.failed))
    print(f"{line}用时 {s.seconds:.1f} 秒。输出在 {exports}{os.sep}")
    if s.interrupted:
        print(f"还有 {len(s.not_run)} 份未生成：再次运行同一命令即可继续，已完成的报告不会重新生成。")


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """`kill PID` stops a batch the way Ctrl-C does: kernels shut down, summary printed."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (tests calling main() from a thread)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        sys.stdout.flush()


COMMANDS = [
    Command("batch", "批量生成报告：整个参数文件夹、某县或某些主体的各年度报告（可并行、可续跑、可用 Dask 集群）", _arguments, _cmd_batch),
]
