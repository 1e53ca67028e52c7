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
    p.add_argument("year", type=int, help="年度，例如 2018")
    p.add_argument("--to", metavar="格式", help=say.TO_HELP)
    p.add_argument("--draft", action="store_true", help="有错误也生成：带“草稿”标记，文末附问题清单")
    # SUPPRESS: `kit --parameters X build …` keeps X unless the option is repeated here
    p.add_argument("--parameters", type=Path, default=argparse.SUPPRESS, help="参数文件夹（默认 parameters/）")
    p.add_argument("--exports", type=Path, default=Path(os.environ.get("KIT_EXPORTS", DEFAULT_EXPORTS)), help="输出文件夹（默认 exports/）")
    p.add_argument("--notebook", type=Path, default=None, help=argparse.SUPPRESS)  # for tests and notebook development
    p.add_argument("--timings", action="store_true", help="列出各步骤用时")


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
    kind = "草稿" if args.draft else "报告"
    print(f"已生成 {built.ref} {built.year}年度{kind}：")
    for path in built.files.values():
        print(f"  {path}")
    if args.timings:
        print(f"用时：{built.timings.describe()}")
    return 0


def _cmd_doctor(args: argparse.Namespace) -> int:
    from kit.build.prerequisites import check_fonts, check_kernel, check_pdf_engine

    checks = [check_kernel(), check_fonts(), check_pdf_engine()]
    for check in checks:
        print(check.describe())
    missing = [c for c in checks if not c.ok]
    print("可以生成报告。" if not missing else f"有 {len(missing)} 项不可用，请按上面的解决办法处理后再运行 kit doctor。")
    return 1 if missing else 0


COMMANDS = [
    Command("build", "生成某主体某年度的报告（HTML、PDF、Word）", _build_arguments, _cmd_build),
    Command("doctor", "检查本机能否生成报告：Jupyter 内核、中文字体、PDF 引擎", lambda p: None, _cmd_doctor),
]
