"""The JupyterHub a county runs, configured from the kit's settings and the roster.

Choices, and why:

- **Accounts**: jupyterhub-nativeauthenticator (bcrypt-hashed passwords in the hub's SQLite), with
  sign-up turned off: the county office creates each account with `kit hub --set-password USER`,
  so nobody can claim a clerk's name first. Who may log in and who is an administrator is read
  from the roster at every login (`KitAuthenticator`), so removing someone from the roster locks
  them out at once. LDAP (jupyterhub-ldapauthenticator) or OAuth (oauthenticator) replace it
  with one line of config; README says how.
- **Servers**: one single-user server per logged-in person, a process started by `KitSpawner`
  under the hub's own (service) account. This holds as a boundary only because those servers run
  no code the browser sends (singleuser.py): the kernels execute the kit's own notebook, Voila
  lets only widget messages through, and the REST API for kernels, files and terminals is closed.
  SECURITY.md explains; one OS user per account is the stronger option for a larger site.
- **Proxy**: configurable-http-proxy from npm, installed by scripts/install.sh into .node/.
- **State**: SQLite, cookie secret and proxy pid in the state folder (.hub/ by default).
- **Resources**: jupyterhub-idle-culler stops servers idle for `idle_timeout`; inside each server
  a kernel idle for `kernel_idle` is shut down, and Voila shuts a page's kernel when its tab closes.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit import paths
from kit.errors import KitError
from kit.form import page as form_page
from kit.messages import server as say
from kit.server.roster import Member, load_roster

PROXY = paths.CHECKOUT / ".node" / "node_modules" / ".bin" / "configurable-http-proxy"
IDLE_TIMEOUT = 1800  # s: a server idle this long is stopped (its state is all in parameters/)
KERNEL_IDLE = form_page.CULL_AFTER  # s: a form kernel with no activity this long is shut down (the form autosaves typed work)


@dataclass(frozen=True)
class HubSettings:
    roster: Path
    parameters: Path
    exports: Path
    state: Path
    port: int = 8000
    public_hosts: tuple[str, ...] = ()
    idle_timeout: int = IDLE_TIMEOUT
    kernel_idle: int = KERNEL_IDLE
    proxy: Path = PROXY
    extra_config: Path | None = None  # a JupyterHub config file merged last (LDAP or OAuth instead of local accounts)
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def activity_interval(self) -> int:
        """How often (s) the hub reads the proxy's activity and each server reports its own: a few
        times per idle timeout, or a server in use can look idle to the culler (JupyterHub's 300 s
        default against a short timeout would cull a clerk while typing)."""
        return max(5, min(300, self.idle_timeout // 4))

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.state / 'jupyterhub.sqlite'}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def role_folder(state: Path, member: Member) -> Path:
    """The root folder of a member's server: the clerk's holds only the form notebook, the others nothing.

    Voila renders any notebook under its root, so the root must hold nothing else (not the
    report notebook, which would run with another body's parameters).
    """
    folder = state / "pages" / ("clerk" if member.is_clerk else "empty")
    folder.mkdir(parents=True, exist_ok=True)
    if member.is_clerk:
        target = folder / "fill_in.ipynb"
        source = paths.NOTEBOOKS / "fill_in.ipynb"
        if not target.exists() or target.read_bytes() != source.read_bytes():
            tmp = folder / ".fill_in.ipynb.tmp"
            shutil.copyfile(source, tmp)
            os.replace(tmp, target)
    return folder


def default_url(member: Member) -> str:
    return "/kit/" if not member.is_admin else "/kit/roster"


def hub_config(settings: HubSettings) -> Any:
    """The traitlets Config of the hub process."""
    from traitlets.config import Config

    if not settings.proxy.exists():
        raise KitError(say.proxy_missing(settings.proxy))
    settings.state.mkdir(parents=True, exist_ok=True)
    os.chmod(settings.state, 0o700)
    c = Config()
    hub = c.JupyterHub
    hub.ip = "127.0.0.1"
    hub.port = settings.port
    hub.hub_ip = "127.0.0.1"
    hub.hub_port = free_port()
    hub.db_url = settings.db_url
    hub.cookie_secret_file = str(settings.state / "jupyterhub_cookie_secret")
    hub.pid_file = str(settings.state / "jupyterhub.pid")
    hub.cleanup_servers = True
    hub.last_activity_interval = settings.activity_interval
    hub.authenticator_class = "kit.server.hubconfig.KitAuthenticator"
    hub.spawner_class = "kit.server.hubconfig.KitSpawner"
    hub.admin_access = False  # administrators manage the roster and accounts, not other people's forms
    hub.allow_named_servers = False
    hub.redirect_to_server = True
    hub.tornado_settings = {"headers": {"Content-Security-Policy": "frame-ancestors 'none'"}}
    c.ConfigurableHTTPProxy.command = [str(settings.proxy)]
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{free_port()}"
    c.ConfigurableHTTPProxy.pid_file = str(settings.state / "proxy.pid")
    c.ConfigurableHTTPProxy.debug = False

    auth = c.KitAuthenticator
    auth.roster_file = str(settings.roster)
    auth.parameters = str(settings.parameters)
    auth.enable_signup = False  # accounts are made by the county office (kit hub --set-password)
    auth.minimum_password_length = 8
    auth.check_common_password = True
    auth.allowed_failed_logins = 5
    auth.seconds_before_next_try = 60
    auth.any_allow_config = True  # check_allowed reads the roster

    sp = c.KitSpawner
    sp.cmd = [sys.executable, "-m", "kit.server.singleuser"]
    sp.home_dir_template = str(settings.state / "users" / "{username}")
    sp.state_dir = str(settings.state)
    sp.http_timeout = 180  # s: a loaded 2-core machine starts a server slowly (measured: > 60 s at load ≈ 12)
    sp.start_timeout = 240
    env = {
        "KIT_HUB": "1",
        "KIT_ROSTER": str(settings.roster),
        "KIT_PARAMETERS": str(settings.parameters),
        "KIT_EXPORTS": str(settings.exports),
        "KIT_PUBLIC_HOSTS": ",".join(settings.public_hosts),
        "KIT_KERNEL_IDLE": str(settings.kernel_idle),
        "JUPYTERHUB_ACTIVITY_INTERVAL": str(settings.activity_interval),
        "JUPYTERHUB_DISABLE_USER_CONFIG": "1",
        "JUPYTER_CONFIG_DIR": str(settings.state / "jupyter-config"),  # no user's ~/.jupyter
        "JUPYTER_PATH": form_page.jupyter_path(),  # the form's page template (kit.form.page)
    }
    env.update(settings.extra_env)
    sp.base_environment = env
    sp.environment = env
    sp.roster_file = str(settings.roster)
    sp.parameters = str(settings.parameters)
    sp.env_keep = ["PATH", "PYTHONPATH", "LANG", "LC_ALL", "KIT_CACHE_DIR", "KIT_FORK_KERNELS", "VIRTUAL_ENV"]

    hub.services = [
        {
            "name": "idle-culler",
            "command": [
                sys.executable,
                "-m",
                "jupyterhub_idle_culler",
                f"--timeout={settings.idle_timeout}",
                f"--cull-every={max(5, settings.activity_interval)}",
            ],
        }
    ]
    hub.load_roles = [
        {
            "name": "idle-culler",
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
            "services": ["idle-culler"],
        }
    ]
    if settings.extra_config is not None:
        from traitlets.config.loader import PyFileConfigLoader

        c.merge(PyFileConfigLoader(settings.extra_config.name, path=str(settings.extra_config.parent)).load_config())
    return c


# ---------------------------------------------------------------------------------------------
# the classes the hub process loads by name (only it imports jupyterhub)

try:
    from jupyterhub.spawner import LocalProcessSpawner
    from nativeauthenticator import NativeAuthenticator
    from traitlets import Dict, Unicode
except ImportError:  # kit hub not installed: the command says so before anything loads these
    pass
else:

    class KitAuthenticator(NativeAuthenticator):  # type: ignore[misc]
        """nativeauthenticator's accounts; who may log in, and who is an administrator, from the roster."""

        roster_file = Unicode(config=True)
        parameters = Unicode(config=True)

        def _member(self, username: str) -> Member | None:
            try:
                return load_roster(Path(self.roster_file), Path(self.parameters)).member(username)
            except KitError:
                return None

        def check_allowed(self, username: str, authentication: Any = None) -> bool:
            return self._member(username) is not None

        def is_admin(self, handler: Any, authentication: Any) -> bool:
            member = self._member(authentication["name"])
            return bool(member and member.is_admin)

    class KitSpawner(LocalProcessSpawner):  # type: ignore[misc]
        """A single-user server process under the hub's account, rooted at the member's role folder.

        LocalProcessSpawner without the switch to an OS user per account (as jupyterhub's
        SimpleLocalProcessSpawner): safe here only because the server runs no user code.
        """

        home_dir_template = Unicode(config=True)
        state_dir = Unicode(config=True)
        roster_file = Unicode(config=True)
        parameters = Unicode(config=True)
        base_environment: Dict[str, str] = Dict(config=True)

        def make_preexec_fn(self, name: str) -> Any:
            home = self.home_dir_template.format(username=self.user.name)

            def preexec() -> None:
                os.makedirs(home, 0o700, exist_ok=True)
                os.chdir(home)

            return preexec

        def user_env(self, env: dict[str, str]) -> dict[str, str]:
            env["USER"] = self.user.name
            env["HOME"] = self.home_dir_template.format(username=self.user.name)
            return env

        async def start(self) -> Any:
            member = load_roster(Path(self.roster_file), Path(self.parameters)).member(self.user.name)
            if member is None:
                raise KitError(say.user_not_in_roster(self.user.name, self.roster_file))
            self.notebook_dir = str(role_folder(Path(self.state_dir), member))
            self.default_url = default_url(member)
            self.environment = {**self.base_environment, "KIT_ROLE": member.role}
            return await super().start()
