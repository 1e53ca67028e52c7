"""`kit serve`: the fill-in form as a web page (the server itself: kit/server/voila.py)."""

from __future__ import annotations

import argparse
import os
import secrets
from pathlib import Path

from kit.cli.command import Command
from kit.errors import KitError, UsageError
from kit.messages import cli as say
from kit.messages import server as server_says
from kit.messages import store as store_says
from kit.server.voila import DEFAULT_HOST, DEFAULT_PORT, NOTEBOOK, check_port, is_loopback, run_voila, serve_note


def _cmd_serve(args: argparse.Namespace) -> int:
    if not NOTEBOOK.is_file():
        raise KitError(say.no_form_notebook(NOTEBOOK))
    parameters = Path(args.parameters).resolve()
    if not parameters.is_dir():
        raise KitError(store_says.no_parameters_folder(parameters) + say.SAY_WHICH_PARAMETERS)
    if not 1 <= args.port <= 65535:
        raise UsageError(say.bad_port(args.port))
    check_port(args.host, args.port)
    token = None if is_loopback(args.host) else secrets.token_urlsafe(16)
    os.environ["KIT_PARAMETERS"] = str(parameters)  # the form's kernels inherit both (their working folder is notebooks/)
    os.environ["KIT_EXPORTS"] = str(Path(args.exports).resolve())
    print(serve_note(args.host, args.port, token), flush=True)
    run_voila(args.host, args.port, token, not args.no_browser, args.public_host)
    return 0


def _serve_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=say.port_help(DEFAULT_PORT))
    p.add_argument("--host", default=DEFAULT_HOST, help=say.host_help(DEFAULT_HOST))
    p.add_argument("--no-browser", action="store_true", help=say.NO_BROWSER_HELP)
    p.add_argument("--exports", type=Path, default=Path(os.environ.get("KIT_EXPORTS", "exports")), help=say.SERVE_EXPORTS_HELP)
    p.add_argument("--public-host", action="append", default=[], metavar=server_says.HOST_NAME, help=server_says.PUBLIC_HOST_HELP)


COMMANDS = [
    Command("serve", say.SERVE, _serve_arguments, _cmd_serve),
]
