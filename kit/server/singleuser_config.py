"""Configuration of each user's server under `kit hub` (read by `python -m kit.server.singleuser`).

Only the kit's pages and Voila are loaded: no JupyterLab, notebook UI, terminals or language
server; only widget messages reach a kernel; the Authorizer closes every other Jupyter API.
"""

import os

c = get_config()  # type: ignore[name-defined]  # noqa: F821

c.ServerApp.jpserver_extensions = {
    "voila": True,
    "kit.server.singleuser": True,
    "jupyterlab": False,
    "notebook": False,
    "notebook_shim": False,
    "nbclassic": False,
    "jupyter_lsp": False,
    "jupyter_server_terminals": False,
    "jupyterlab_widgets": False,
}
c.ServerApp.terminals_enabled = False
c.ServerApp.authorizer_class = "kit.server.singleuser.KitAuthorizer"
c.ContentsManager.allow_hidden = False
# Voila's own list: what a page needs to show and drive widgets; never execute_request
c.MappingKernelManager.allowed_message_types = ["comm_open", "comm_close", "comm_msg", "comm_info_request", "kernel_info_request", "shutdown_request"]
kernel_idle = int(os.environ.get("KIT_KERNEL_IDLE", "120"))
c.MappingKernelManager.cull_idle_timeout = kernel_idle
c.MappingKernelManager.cull_interval = max(5, min(60, kernel_idle // 4))
c.MappingKernelManager.cull_connected = False
c.VoilaConfiguration.strip_sources = True
c.VoilaConfiguration.show_tracebacks = False
c.VoilaConfiguration.theme = "light"
c.VoilaConfiguration.template = "kit"  # the form's page template (kit.form.page; JUPYTER_PATH set by the spawner)
c.VoilaConfiguration.file_allowlist = []  # /voila/files/ serves nothing
c.ServerApp.log_level = "WARN"
# the hub's service account runs these servers (root on a test machine); they run no user code
c.ServerApp.allow_root = True
