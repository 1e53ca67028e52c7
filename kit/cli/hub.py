"""`kit hub`: the county server (JupyterHub, kit/server/), and `kit hub --set-password USER`."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from kit.cli.command import Command
from kit.errors import KitError, UsageError


def _settings(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from kit.server.accounts import state_dir
    from kit.server.hubconfig import HubSettings
    from kit.server.roster import check_roster

    roster = Path(args.roster).resolve()
    parameters = Path(args.parameters).resolve()
    if not parameters.is_dir():
        raise KitError(f"找不到参数文件夹 {parameters}；请用 --parameters 指定")
    errors = [f for f in check_roster(roster, parameters) if f.is_error]
    if errors:
        lines = "\n".join(f"  - {f.describe()}" for f in errors)
        print(f"提示：花名册 {roster} 有 {len(errors)} 处错误，相关用户暂时不能登录：\n{lines}", file=sys.stderr)
    if not 1 <= args.port <= 65535:
        raise UsageError(f"端口应在 1 到 65535 之间，实为 {args.port}")
    return HubSettings(
        roster=roster,
        parameters=parameters,
        exports=Path(args.exports).resolve(),
        state=state_dir(args.state),
        port=args.port,
        public_hosts=tuple(args.public_host),
        idle_timeout=args.idle_timeout,
        kernel_idle=args.kernel_idle,
    )


def _read_password(username: str) -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(f"{username} 的新密码：")
    if getpass.getpass("再输入一次：") != first:
        raise KitError("两次输入的密码不一致")
    return first


def _cmd_hub(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.set_password:
        from kit.server.accounts import set_password

        print(set_password(settings, args.set_password, _read_password(args.set_password)))
        return 0
    from kit.server.voila import check_port

    check_port("127.0.0.1", settings.port)
    try:
        from kit.server.hubapp import run_hub
    except ImportError as exc:
        raise KitError(f"kit hub 需要 JupyterHub（{exc.name}）：请运行 scripts/install.sh") from None
    print(f"kit hub 已启动：http://127.0.0.1:{settings.port}/ （花名册 {settings.roster}，状态文件夹 {settings.state}）；按 Ctrl+C 停止。", flush=True)
    os.environ["KIT_PARAMETERS"] = str(settings.parameters)
    run_hub(settings)
    return 0


def _hub_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, default=8000, help="端口（默认 8000，只在 127.0.0.1 上监听）")
    p.add_argument("--roster", type=Path, default=Path("roster.yaml"), help="花名册（默认 roster.yaml）")
    p.add_argument("--state", type=Path, default=None, help="数据库、密钥等的文件夹（默认 .hub/）")
    p.add_argument("--exports", type=Path, default=Path(os.environ.get("KIT_EXPORTS", "exports")), help="导出文件夹（默认 exports/）")
    p.add_argument("--public-host", action="append", default=[], metavar="主机名", help="经反向代理访问时浏览器使用的主机名（可重复）")
    p.add_argument("--idle-timeout", type=int, default=1800, help="无人使用多少秒后停止其服务器（默认 1800）")
    p.add_argument("--kernel-idle", type=int, default=600, help="表单内核空闲多少秒后关闭（默认 600）")
    p.add_argument("--set-password", metavar="登录名", help="为花名册中的用户建立账号或修改密码（从终端或标准输入读入密码），然后退出")


COMMANDS = [
    Command("hub", "为全县部署：每人一个账号的 JupyterHub（花名册、角色、范围）", _hub_arguments, _cmd_hub),
]
