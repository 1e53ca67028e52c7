"""Each logged-in person's server under `kit hub`: the kit's pages and, for clerks, the Voila form.

It is JupyterHub's single-user server (Jupyter Server 2 with the hub's login) loaded with only
Voila and the kit's own extension (singleuser_config.py). What closes it to everything else:

- `KitAuthorizer` allows a short list of (resource, action) pairs: reading and driving a kernel
  (the page's websocket), reading kernel specs and config, and the kit's pages. Contents, files,
  sessions, terminals, nbconvert, starting or restarting kernels, events and the API are refused
  (403), whatever the URL.
- The kernel manager lets only widget and kernel-info messages through (Voila's own list): an
  `execute_request` sent down the websocket never reaches the kernel.
- The server's root folder holds only the form notebook (clerks) or nothing (the others), so Voila
  can render nothing else.
- Every store a kernel or page opens is scoped to the logged-in member (scope.py).
- Host and Origin are checked before any handler (hosts.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from kit.server.hosts import HostCheck, guard

CONFIG = Path(__file__).with_name("singleuser_config.py")

# (resource, action) pairs a user's server allows; everything else is refused
ALLOWED: dict[str, frozenset[str]] = {
    "kernels": frozenset({"read", "execute"}),  # the page's own kernel: GET and the websocket
    "kernelspecs": frozenset({"read"}),
    "config": frozenset({"read"}),
    "kit": frozenset({"read", "write"}),
}


def allowed(resource: str, action: str) -> bool:
    return action in ALLOWED.get(resource, frozenset())


try:
    from jupyterhub.singleuser.extension import JupyterHubAuthorizer
except ImportError:  # kit hub not installed
    pass
else:

    class KitAuthorizer(JupyterHubAuthorizer):  # type: ignore[misc]
        def is_authorized(self, handler: Any, user: Any, action: str, resource: str) -> bool:
            if not allowed(resource, action):
                self.log.warning("kit: refused %s on %s for %s (%s)", action, resource, getattr(user, "username", "?"), handler.request.path)
                return False
            return bool(super().is_authorized(handler, user, action, resource))


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "kit.server.singleuser"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    from kit.server import handlers

    extra = [h for h in os.environ.get("KIT_PUBLIC_HOSTS", "").split(",") if h]
    handlers.install(serverapp.web_app)
    guard(serverapp.web_app, HostCheck.for_listening("127.0.0.1", extra))


def main() -> None:
    from jupyterhub.singleuser.extension import main as singleuser_main

    sys.argv = [sys.argv[0], f"--config={CONFIG}", *sys.argv[1:]]
    singleuser_main()


if __name__ == "__main__":
    main()
