"""`kit serve`: the fill-in form as a web page, for staff who should never see code.

Runs Voila on notebooks/fill_in.ipynb: the page shows the form only (no code cells, no
tracebacks), each browser tab gets its own kernel, and saves go through the same conflict check
as everywhere else, so two clerks cannot silently overwrite each other. It listens on 127.0.0.1
unless told otherwise; the form reads and writes the parameter files, so anyone who can open
the page can change reports. Listening on any other address therefore always requires a token.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import secrets
import socket
from pathlib import Path

from kit import paths
from kit.cli.command import Command
from kit.errors import KitError, UsageError
from kit.form import page as form_page
from kit.messages import cli as say
from kit.messages import store as store_says

NOTEBOOK = paths.NOTEBOOKS / "fill_in.ipynb"
DEFAULT_PORT = 8866
DEFAULT_HOST = "127.0.0.1"
CULL_AFTER = form_page.CULL_AFTER  # seconds; the form's page settings: kit.form.page


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_port(host: str, port: int) -> None:
    """Refuse at once, in Chinese, when the port is taken (usually: kit serve is already running)."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        raise KitError(say.port_taken(host, port, exc.strerror or exc)) from None


def voila_argv(notebook: Path, host: str, port: int, token: str | None, open_browser: bool, cull_after: int | None = None) -> list[str]:
    argv = [
        str(notebook),
        f"--port={port}",
        f"--Voila.ip={host}",
        "--Voila.port_retries=0",  # the URL printed must be the one served
        "--theme=light",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--Voila.log_level=WARN",
        # the page template and kernel culling (a closed tab's kernel goes after form_page.cull_after() s)
        *form_page.voila_arguments(cull_after),
    ]
    argv.append(f"--Voila.token={token}" if token else "--Voila.token=")
    if not open_browser:
        argv.append("--no-browser")
    return argv


def serve_note(host: str, port: int, token: str | None) -> str:
    url = f"http://{host if ':' not in host else f'[{host}]'}:{port}/" + (f"?token={token}" if token else "")
    lines = say.serving(url)
    if is_loopback(host):
        lines.append(say.local_only(port))
    else:
        lines.append(say.listening_on_network(host))
    return "\n".join(lines)


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
    os.environ["JUPYTER_PATH"] = form_page.jupyter_path(os.environ.get("JUPYTER_PATH"))  # the form's page template
    print(serve_note(args.host, args.port, token), flush=True)
    from kit.build.import_speed import skip_unused_iri_grammar

    skip_unused_iri_grammar()  # jupyter_events imports jsonschema: ≈1.5–3 s saved on every start
    from voila.app import Voila  # deferred: Jupyter's server stack is only needed here

    Voila.launch_instance(argv=voila_argv(NOTEBOOK, args.host, args.port, token, not args.no_browser))
    return 0


def _serve_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=say.port_help(DEFAULT_PORT))
    p.add_argument("--host", default=DEFAULT_HOST, help=say.host_help(DEFAULT_HOST))
    p.add_argument("--no-browser", action="store_true", help=say.NO_BROWSER_HELP)
    p.add_argument("--exports", type=Path, default=Path(os.environ.get("KIT_EXPORTS", "exports")), help=say.SERVE_EXPORTS_HELP)


COMMANDS = [
    Command("serve", say.SERVE, _serve_arguments, _cmd_serve),
]
