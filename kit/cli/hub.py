"""`kit hub`: the county server (JupyterHub, kit/server/), and `kit hub --set-password USER`."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from kit.cli.command import Command
from kit.errors import KitError, UsageError
from kit.form.page import CULL_AFTER as KERNEL_IDLE
from kit.messages import cli as cli_says
from kit.messages import server as say
from kit.messages import store as store_says

IDLE_AT_LEAST = 20  # s: the culler looks every max(5, timeout / 4) s; below this a server would stop between two clicks
KERNEL_IDLE_AT_LEAST = 5  # s: the form's kernel is culled only without a connection; shorter loses the page's reconnects


def _settings(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from kit.server.accounts import state_dir
    from kit.server.hubconfig import HubSettings
    from kit.server.roster import check_roster

    # usage first: a mistyped option is named before any file is looked at
    if not 1 <= args.port <= 65535:
        raise UsageError(cli_says.bad_port(args.port))
    for option, seconds, least in (("--idle-timeout", args.idle_timeout, IDLE_AT_LEAST), ("--kernel-idle", args.kernel_idle, KERNEL_IDLE_AT_LEAST)):
        if seconds < least:
            raise UsageError(say.too_short(option, seconds, least))
    roster = Path(args.roster).resolve()
    parameters = Path(args.parameters).resolve()
    if not parameters.is_dir():
        raise KitError(store_says.no_parameters_folder(parameters))
    errors = [f.describe() for f in check_roster(roster, parameters) if f.is_error]
    if errors:
        print(say.roster_has_errors(roster, errors), file=sys.stderr)
    return HubSettings(
        roster=roster,
        parameters=parameters,
        exports=Path(args.exports).resolve(),
        state=state_dir(args.state),
        port=args.port,
        public_hosts=tuple(args.public_host),
        idle_timeout=args.idle_timeout,
        kernel_idle=args.kernel_idle,
        extra_config=Path(args.hub_config).resolve() if args.hub_config else None,
    )


def _read_password(username: str) -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(say.password_prompt(username))
    if getpass.getpass(say.PASSWORD_AGAIN) != first:
        raise KitError(say.PASSWORDS_DIFFER)
    return first


def _cmd_hub(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.set_password:
        from kit.server.accounts import set_password

        print(set_password(settings, args.set_password, _read_password(args.set_password)))
        return 0
    from kit.server.voila import check_port

    check_port("127.0.0.1", settings.port, "kit hub")
    try:
        from kit.server.hubapp import run_hub
    except ImportError as exc:
        raise KitError(say.hub_not_installed(exc.name)) from None
    print(say.hub_started(settings.port, settings.roster, settings.state), flush=True)
    os.environ["KIT_PARAMETERS"] = str(settings.parameters)
    run_hub(settings)
    return 0


def _hub_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, default=8000, help=say.HUB_PORT_HELP)
    p.add_argument("--roster", type=Path, default=Path("roster.yaml"), help=say.HUB_ROSTER_HELP)
    p.add_argument("--state", type=Path, default=None, help=say.HUB_STATE_HELP)
    p.add_argument("--exports", type=Path, default=Path(os.environ.get("KIT_EXPORTS", "exports")), help=say.HUB_EXPORTS_HELP)
    p.add_argument("--public-host", action="append", default=[], metavar=say.HOST_NAME, help=say.PUBLIC_HOST_HELP)
    p.add_argument("--idle-timeout", type=int, default=1800, help=say.HUB_IDLE_HELP)
    p.add_argument("--kernel-idle", type=int, default=KERNEL_IDLE, help=say.HUB_KERNEL_IDLE_HELP)
    p.add_argument("--hub-config", type=Path, default=None, help=say.HUB_CONFIG_HELP)
    p.add_argument("--set-password", metavar=say.LOGIN_NAME, help=say.HUB_SET_PASSWORD_HELP)


COMMANDS = [
    Command("hub", say.HUB_HELP, _hub_arguments, _cmd_hub),
]
