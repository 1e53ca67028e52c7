"""The hub process: JupyterHub with the kit's configuration and the Host/Origin check.

JupyterHub's own checks stop cross-site form posts (XSRF) but, like most servers, answer any Host
header; `KitHub` puts the kit's DNS-rebinding check (hosts.py) in front of every hub route. The
configuration comes only from `hubconfig.hub_config` — a stray jupyterhub_config.py in the
working folder is never read.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from jupyterhub.app import JupyterHub
from tornado.ioloop import IOLoop

from kit.server.hosts import HostCheck, guard
from kit.server.hubconfig import HubSettings, hub_config


class KitHub(JupyterHub):  # type: ignore[misc]
    host_check: HostCheck | None = None

    def load_config_file(self, *args: Any, **kwargs: Any) -> None:
        """The kit's configuration is complete; no config file is read."""

    def init_tornado_application(self) -> None:
        super().init_tornado_application()
        if self.host_check is not None:
            guard(self.tornado_application, self.host_check)


def run_hub(settings: HubSettings) -> None:
    """Run the hub until interrupted (Ctrl+C or SIGTERM stop the proxy and every user's server)."""
    app = KitHub.instance(config=hub_config(settings))
    app.host_check = HostCheck.for_listening("127.0.0.1", settings.public_hosts)
    app._init_asyncio_patch()
    loop = IOLoop(make_current=False)
    try:
        loop.run_sync(partial(app.launch_instance_async, []))
    except Exception:
        loop.close()
        raise
    try:
        loop.start()
    except KeyboardInterrupt:
        pass
    finally:
        loop.stop()
        loop.close()
