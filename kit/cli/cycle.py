"""The yearly cycle from the command line: kit status, submit, return, approve, publish, reopen, verify.

Who does a step is `--by`, else the OS user; `--today` (status) and `--at` (the steps) exist so
a county can replay a day and tests need no clock.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import shutil
from pathlib import Path

from kit.cli.command import Command
from kit.errors import UsageError


def _parameters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--parameters", type=Path, default=argparse.SUPPRESS, help="参数文件夹（默认 parameters/）")


def _step_arguments(p: argparse.ArgumentParser, *, reason: bool = False) -> None:
    p.add_argument("body", help="县/主体，例如 青禾县/云溪镇")
    p.add_argument("year", type=int, help="年度，例如 2025")
    if reason:
        p.add_argument("--reason", required=True, help="原因（记入审核流程记录，并显示给填报人）")
    p.add_argument("--by", default=None, help="经办人（默认当前系统用户）")
    p.add_argument("--at", default=None, help=argparse.SUPPRESS)  # ISO time of the step, for replaying and tests
    _parameters(p)


def _who(args: argparse.Namespace) -> str:
    if args.by:
        return str(args.by)
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        raise UsageError("无法确定经办人：请用 --by 写明用户名") from None


def _at(args: argparse.Namespace) -> dt.datetime | None:
    if not getattr(args, "at", None):
        return None
    try:
        return dt.datetime.fromisoformat(args.at)
    except ValueError:
        raise UsageError(f"--at “{args.at}” 不是 ISO 时间（例如 2026-01-20T09:30）") from None


def _step(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from kit.report import BodyRef
    from kit.store import Store

    return Store(args.parameters), BodyRef.parse(args.body)


def _done(record, what: str) -> int:  # type: ignore[no-untyped-def]
    last = record.last
    print(f"{record.ref} {record.year}年度报告{what}，当前状态：{record.state.value}（{last.by}，{last.describe_time()}）")
    return 0


def _cmd_submit(args: argparse.Namespace) -> int:
    from kit.cycle import submit

    store, ref = _step(args)
    return _done(submit(store, ref, args.year, by=_who(args), at=_at(args)), "已提交审核")


def _cmd_return(args: argparse.Namespace) -> int:
    from kit.cycle import return_report

    store, ref = _step(args)
    return _done(return_report(store, ref, args.year, by=_who(args), reason=args.reason, at=_at(args)), "已退回修改")


def _cmd_approve(args: argparse.Namespace) -> int:
    from kit.cycle import approve

    store, ref = _step(args)
    return _done(approve(store, ref, args.year, by=_who(args), at=_at(args)), "已审核通过")


def _cmd_reopen(args: argparse.Namespace) -> int:
    from kit.cycle import reopen

    store, ref = _step(args)
    return _done(reopen(store, ref, args.year, by=_who(args), reason=args.reason, at=_at(args)), "已重新打开（已发布的版本保留）")


def _publish_arguments(p: argparse.ArgumentParser) -> None:
    _step_arguments(p)
    p.add_argument("--url", default=None, help="发布在网站上的网址")
    p.add_argument("--date", default=None, help="报告落款的日期 YYYY-MM-DD（默认参数文件中的 date，否则今天）")
    p.add_argument("--to", metavar="格式", help="html,pdf,docx 中的一项或几项（默认全部）")


def _cmd_publish(args: argparse.Namespace) -> int:
    from kit.build.report import build_report, parse_formats
    from kit.cycle import parse_date, publish
    from kit.messages import cycle as msg
    from kit.report import YearReport

    store, ref = _step(args)
    formats = parse_formats(args.to)

    def build(report: YearReport, folder: Path) -> list[Path]:
        scratch = folder / ".build"
        built = build_report(store.root, report.body.ref, report.year, exports=scratch, formats=formats)
        out = []
        for path in built.files.values():
            target = folder / path.name
            path.replace(target)
            out.append(target)
        shutil.rmtree(scratch, ignore_errors=True)
        return out

    record = publish(store, ref, args.year, by=_who(args), build=build, url=args.url, date=parse_date(args.date), at=_at(args))
    event = record.last
    assert event is not None and event.date is not None
    folder = store.body_dir(ref) / (event.folder or "")
    print(msg.PUBLISHED_AT.format(ref=ref, year=args.year, version=event.version, date=event.date.isoformat(), folder=folder))
    for f in event.files:
        print(f"  {f.name}  sha256 {f.sha256}")
    return 0


def _status_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("county", nargs="?", help="县，例如 青禾县（默认参数文件夹中的每个县）")
    p.add_argument("--year", type=int, default=None, help="年度（默认上一年）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--overdue", action="store_true", help="只列出逾期未完成的主体")
    p.add_argument("--today", default=None, help=argparse.SUPPRESS)  # the day the board is as of (tests, replay)
    _parameters(p)


def _today(args: argparse.Namespace) -> dt.date:
    if not args.today:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(args.today)
    except ValueError:
        raise UsageError(f"--today “{args.today}” 不是日期（YYYY-MM-DD）") from None


def _counties(args: argparse.Namespace) -> tuple[object, list[str]]:
    from kit.report import check_name
    from kit.store import Store

    store = Store(args.parameters)
    counties = [check_name(args.county, "县")] if args.county else store.counties()
    for c in counties:
        if not (store.root / c).is_dir():
            raise UsageError(f"参数文件夹 {store.root} 中没有县 “{c}”")
    return store, counties


def _cmd_status(args: argparse.Namespace) -> int:
    from kit.cycle import board, format_board

    store, counties = _counties(args)
    today = _today(args)
    year = args.year or today.year - 1
    boards = [board(store, c, year, today) for c in counties]  # type: ignore[arg-type]
    if args.json:
        payload = [b.as_json() for b in boards]
        if args.overdue:
            for item in payload:
                item["bodies"] = [r for r in item["bodies"] if r["deadline"] and r["deadline"]["overdue"]]
        print(json.dumps(payload[0] if args.county else payload, ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(format_board(b, overdue_only=args.overdue) for b in boards))
    return 1 if args.overdue and any(b.overdue() for b in boards) else 0


def _verify_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("county", help="县，例如 青禾县")
    p.add_argument("--year", type=int, default=None, help="年度（默认上一年）")
    _parameters(p)


def _cmd_verify(args: argparse.Namespace) -> int:
    from kit.cycle import FileState, format_verify, verify

    store, counties = _counties(args)
    year = args.year or dt.date.today().year - 1
    checks = verify(store, counties[0], year)  # type: ignore[arg-type]
    print(format_verify(counties[0], year, checks))
    return 1 if any(c.state is not FileState.OK for c in checks) else 0


COMMANDS = [
    Command("status", "审核进度：每个主体的状态、经办人和时间、错误和提示、期限和剩余天数", _status_arguments, _cmd_status),
    Command("submit", "提交某主体某年度的报告，等待县里审核（有错误时不能提交）", _step_arguments, _cmd_submit),
    Command("return", "退回某主体某年度的报告，写明原因（--reason）", lambda p: _step_arguments(p, reason=True), _cmd_return),
    Command("approve", "审核通过某主体某年度的报告（须与提交时的内容一致）", _step_arguments, _cmd_approve),
    Command("publish", "发布审核通过的报告：生成正式文件（落款日期）、保存发布版本并记录哈希", _publish_arguments, _cmd_publish),
    Command("reopen", "重新打开已发布的报告以便更正（--reason），已发布的版本保留", lambda p: _step_arguments(p, reason=True), _cmd_reopen),
    Command("verify", "核对已发布的文件是否在发布后被改动或缺失", _verify_arguments, _cmd_verify),
]
