"""The `kit` command. Exit codes: 0 fine, 1 errors found or a step failed, 2 wrong usage.

Start-up stays light: subcommands import what they need when they run, so `kit check` never
loads Jupyter machinery. A user's mistake prints a message in Chinese, never a traceback
(set KIT_DEBUG=1 to see one for a bug).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from kit.errors import KitError, UsageError

DEFAULT_PARAMETERS = Path("parameters")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"用法错误：{message}\n{self.format_usage()}")


def _cmd_check(args: argparse.Namespace) -> int:
    if args.document:
        return _check_documents(args)
    from kit.checking import check_paths
    from kit.report_findings import print_checked

    results = check_paths(args.paths or [args.parameters])
    if args.json:
        from kit.report_findings import checked_json

        print(json.dumps(checked_json(results), ensure_ascii=False, indent=2))
    else:
        print_checked(results, verbose=args.verbose)
    return 1 if any(r.errors for r in results) else 0


def _check_documents(args: argparse.Namespace) -> int:
    """`kit check --document`: published reports (.txt/.docx/.html), not parameter files."""
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
    from kit.parameters import BodyRef, Store

    store = Store(args.parameters)
    ref = BodyRef.parse(args.body)
    report = store.new_year(ref, args.year)
    carried = [k for k in report.cells]
    print(f"已生成 {report.file}（{report.spec.name}）" + (f"，从{args.year - 1}年带入 {len(carried)} 项（上年结转等）" if carried else ""))
    return 0


COMMANDS: dict[str, tuple[str, Callable[[argparse.Namespace], int]]] = {
    "check": ("检查参数文件：表格勾稽关系、未填写、结转等", _cmd_check),
    "new": ("生成某主体某年的空白参数文件（带入上年结转）", _cmd_new),
}
ARGUMENTS: dict[str, Callable[[argparse.ArgumentParser], object]] = {
    "check": lambda p: (
        p.add_argument("paths", nargs="*", type=Path, help="参数文件、主体文件夹、县文件夹或整个 parameters/（默认）"),
        p.add_argument("--json", action="store_true", help="以 JSON 输出"),
        p.add_argument("-v", "--verbose", action="store_true", help="也列出已确认的提示"),
        p.add_argument("--document", nargs="+", type=Path, metavar="文件或文件夹", help="检查已发布的年度报告（.txt、.docx、.html），而不是参数文件"),
        p.add_argument("--year", type=int, help="与 --document 同用：报告年度（默认从标题推断）"),
    ),
    "new": lambda p: (
        p.add_argument("body", help="县/主体，例如 微山县/驩城镇"),
        p.add_argument("year", type=int, help="年度，例如 2025"),
    ),
}


def register(name: str, help_text: str, arguments: Callable[[argparse.ArgumentParser], None], run: Callable[[argparse.Namespace], int]) -> None:
    """Other modules (build, batch, summary, serve) add their subcommands here."""
    COMMANDS[name] = (help_text, run)
    ARGUMENTS[name] = arguments


def _load_plugins() -> None:
    """Each area of the kit adds its subcommands in a module kit/commands_<area>.py."""
    import importlib

    for path in sorted(Path(__file__).parent.glob("commands_*.py")):
        importlib.import_module(f"kit.{path.stem}")


def parser() -> argparse.ArgumentParser:
    _load_plugins()
    p = _Parser(prog="kit", description="政府信息公开工作年度报告工具")
    p.add_argument("--parameters", type=Path, default=Path(os.environ.get("KIT_PARAMETERS", DEFAULT_PARAMETERS)), help="参数文件夹（默认 parameters/）")
    sub = p.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    for name, (help_text, _) in COMMANDS.items():
        ARGUMENTS[name](sub.add_parser(name, help=help_text, description=help_text))
    return p


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
        if not args.command:
            parser().print_help()
            return 2
        return COMMANDS[args.command][1](args)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    except KitError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except Exception:
        if os.environ.get("KIT_DEBUG"):
            traceback.print_exc()
        else:
            print("内部错误：这是工具本身的问题，不是您的数据的问题。请设置 KIT_DEBUG=1 重新运行并把输出报告给维护者。", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
