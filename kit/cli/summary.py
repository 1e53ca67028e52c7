"""`kit summary` (a county's 汇总 of one year) and `kit export-data` (the figures as CSV / Excel)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from kit.cli.command import Command
from kit.messages import build as build_says

DEFAULT_EXPORTS = Path("exports")
DATA_DIR = "_数据"


def _exports_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--parameters", type=Path, default=argparse.SUPPRESS, help="参数文件夹（默认 parameters/）")
    p.add_argument("--exports", type=Path, default=Path(os.environ.get("KIT_EXPORTS", DEFAULT_EXPORTS)), help="输出文件夹（默认 exports/）")


def _summary_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("county", help="县（市、区），例如 青禾县")
    p.add_argument("year", type=int, help="年度，例如 2025")
    p.add_argument("--to", metavar="格式", help="html,pdf 中的一项或两项，用逗号分隔（默认两项）")
    _exports_option(p)
    p.add_argument("--notebook", type=Path, default=None, help=argparse.SUPPRESS)  # for tests and notebook development
    p.add_argument("--timings", action="store_true", help="列出各步骤用时")


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
    print(f"已生成 {built.county} {built.year}年汇总：")
    for path in built.files.values():
        print(f"  {path}")
    if built.status:
        print(built.status)
    if args.timings:
        print(f"用时：{built.timings.describe()}")
    return 0


def _export_data_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("selection", nargs="*", metavar="范围", help="县（如 青禾县）或 县/主体（如 青禾县/云溪镇），可写多个；不写则为全部")
    p.add_argument("--years", metavar="年份", help="如 2019-2025、2021 或 2019,2021-2022（默认全部年份）")
    p.add_argument("--to", metavar="格式", default="csv,xlsx", help="csv,xlsx 中的一项或两项（默认两项）")
    p.add_argument("--out", type=Path, default=None, help=f"输出文件夹（默认 exports/{DATA_DIR}/）")
    p.add_argument("--name", default=None, help="文件名（不含扩展名；默认按范围和年份命名）")
    p.add_argument("--skip-unreadable", action="store_true", help="跳过无法读取的参数文件（默认报错并列出它们）")
    p.add_argument("--parameters", type=Path, default=argparse.SUPPRESS, help="参数文件夹（默认 parameters/）")


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
        print("所选范围内没有年度参数文件，未导出。")
        return 1
    out = args.out or Path(os.environ.get("KIT_EXPORTS", DEFAULT_EXPORTS)) / DATA_DIR
    name = args.name or export_name(selection, years, frame)
    written = write_exports(frame, out, name, formats)
    reports = frame[["county", "body", "year"]].drop_duplicates()
    print(f"已导出 {reports['body'].nunique()} 个主体、{len(reports)} 份年度报告的 {len(frame)} 行数据：")
    for path in written:
        print(f"  {path}")
    for path, reason in frame.attrs.get("skipped", []):
        print(f"  已跳过 {path}：{reason.splitlines()[0]}")
    return 0


COMMANDS = [
    Command("summary", "生成某县某年度的汇总：报送情况、各单位主要数据、全县合计、图表、问题清单（HTML、PDF）", _summary_arguments, _cmd_summary),
    Command("export-data", "把各主体各年度的数字导出为 CSV 和 Excel（每行一个数字，附印出的名称）", _export_data_arguments, _cmd_export_data),
]
