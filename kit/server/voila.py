"""`kit serve`'s server: Voila on notebooks/fill_in.ipynb, for staff who should never see code.

The page shows the form only (no code cells, no tracebacks), each browser tab gets its own kernel
(Voila lets only widget messages reach it, never code), and saves go through the same conflict
check as everywhere else. It listens on 127.0.0.1 unless told otherwise; the form reads and
writes the parameter files, so anyone who can open the page can change reports: listening on any
other address therefore always requires a token. Requests whose Host or Origin is not one of the
server's own addresses are refused (hosts.py), which closes DNS rebinding.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kit import paths
from kit.errors import KitError
from kit.form import page as form_page
from kit.messages import cli as cli_says
from kit.messages import server as msg
from kit.server.hosts import HostCheck, guard, is_loopback

NOTEBOOK = paths.NOTEBOOKS / "fill_in.ipynb"
DEFAULT_PORT = 8866
DEFAULT_HOST = "127.0.0.1"
CULL_AFTER = form_page.CULL_AFTER  # seconds; the form's page settings: kit.form.page

__all__ = ["CULL_AFTER", "DEFAULT_HOST", "DEFAULT_PORT", "NOTEBOOK", "check_port", "is_loopback", "run_voila", "serve_note", "voila_argv"]


def check_port(host: str, port: int, command: str = "kit serve") -> None:
    """Refuse at once, in Chinese, when the port is taken (usually: kit serve is already running)."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        raise KitError(msg.port_taken(host, port, exc.strerror or exc, command)) from None


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
    lines = [*cli_says.serving(url), cli_says.local_only(port) + msg.USE_THE_HUB if is_loopback(host) else cli_says.listening_on_network(host)]
    return "\n".join(lines)


def run_voila(host: str, port: int, token: str | None, open_browser: bool, public_hosts: Iterable[str] = ()) -> None:
    """Run Voila on the form until stopped; refuses requests for any other Host or Origin."""
    from kit.build.import_speed import skip_unused_iri_grammar

    skip_unused_iri_grammar()  # jupyter_events imports jsonschema: ≈1.5–3 s saved on every start
    from voila.app import Voila  # deferred: Jupyter's server stack is only needed here

    check = HostCheck.for_listening(host, public_hosts)
    os.environ["JUPYTER_PATH"] = form_page.jupyter_path(os.environ.get("JUPYTER_PATH"))  # the form's page template

    class GuardedVoila(Voila):  # type: ignore[misc]
        def listen(self) -> Any:
            guard(self.app, check)
            return super().listen()

    GuardedVoila.launch_instance(argv=voila_argv(NOTEBOOK, host, port, token, open_browser))
