"""Host and Origin checks against DNS rebinding, for `kit serve`, the hub and each user's server.

A page on a domain the attacker controls can make that name resolve to 127.0.0.1; the browser
then sends the kit's server requests with ``Host: evil.example:8866`` and, for a websocket,
``Origin: http://evil.example:8866`` — the same on both sides, so the usual Origin-equals-Host
test passes. The defence is to know our own names: a request is served only when its Host is one
of the addresses the server was started for (loopback names, plus the names the county gives it),
and an Origin, when the browser sends one, names one of those too. Anything else gets 403 with
a message, before any handler runs.

The check is one tornado routing rule put in front of every other (`guard`), so it covers the
handlers of Voila, Jupyter Server and JupyterHub alike without touching them.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from kit.messages import server as msg

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


def _strip_port(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].partition("]")[0]
    if host.count(":") == 1:
        return host.partition(":")[0]
    return host


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def machine_names() -> set[str]:
    """This machine's own names and addresses, for a server listening on every interface."""
    names = {socket.gethostname().lower(), socket.getfqdn().lower()}
    for name in list(names):
        try:
            names |= {str(info[4][0]).lower() for info in socket.getaddrinfo(name, None)}
        except OSError:
            pass
    return names


@dataclass(frozen=True)
class HostCheck:
    """The names (without port) under which this server may be reached."""

    names: frozenset[str]

    @classmethod
    def for_listening(cls, listen: str, extra: Iterable[str] = ()) -> HostCheck:
        names = set(LOOPBACK_NAMES)
        listen = listen.strip("[]").lower()
        if listen in ("0.0.0.0", "::", ""):
            names |= machine_names()
        elif not is_loopback(listen):
            names.add(listen)
        names |= {_strip_port(e) for e in extra if e.strip()}
        return cls(frozenset(names))

    def host_ok(self, host: str | None) -> bool:
        return bool(host) and _strip_port(host or "") in self.names

    def origin_ok(self, origin: str | None) -> bool:
        """No Origin (scripts, same-origin GETs in some browsers) is fine; "null" or a foreign one is not."""
        if origin is None:
            return True
        parts = urlsplit(origin.strip())
        return parts.scheme in ("http", "https") and (parts.hostname or "") in self.names

    def refusal(self, host: str | None, origin: str | None) -> str | None:
        if not self.host_ok(host):
            return msg.HOST_REFUSED
        if not self.origin_ok(origin):
            return msg.ORIGIN_REFUSED
        return None


def guard(app: Any, check: HostCheck) -> None:
    """Put the check in front of every route of a tornado Application."""
    from tornado import web
    from tornado.routing import Matcher, Rule

    class Refuse(web.RequestHandler):
        def prepare(self) -> None:
            self.set_status(403)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(check.refusal(self.request.headers.get("Host"), self.request.headers.get("Origin")) or "")

    class Refused(Matcher):
        def match(self, request: Any) -> dict[str, Any] | None:
            return {} if check.refusal(request.headers.get("Host"), request.headers.get("Origin")) else None

    app.default_router.rules.insert(0, Rule(Refused(), Refuse))
