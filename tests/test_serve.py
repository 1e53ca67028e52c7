"""`kit serve` without starting a server: what it runs, what it prints, what it refuses.

The server itself, in a real browser, is tested in test_form_browser.py.
"""

from __future__ import annotations

import socket
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, Builder, run_kit

from kit.errors import KitError
from kit.server.voila import NOTEBOOK, check_port, is_loopback, serve_note, voila_argv
from kit.store import Store


def test_serves_the_fill_in_notebook_on_loopback_without_code() -> None:
    argv = voila_argv(NOTEBOOK, "127.0.0.1", 8866, None, open_browser=False)
    assert argv[0] == str(ROOT / "notebooks" / "fill_in.ipynb")
    assert "--Voila.ip=127.0.0.1" in argv and "--port=8866" in argv and "--no-browser" in argv
    assert "--strip_sources=True" in argv and "--show_tracebacks=False" in argv
    assert "--Voila.port_retries=0" in argv  # the URL printed is the one served
    assert "--MappingKernelManager.cull_idle_timeout=120" in argv  # kernels of closed tabs do not pile up (kit.form.page)
    assert "--template=kit" in argv  # the form's page: nothing fetched from another host


def test_note_on_loopback_says_how_to_share_safely() -> None:
    note = serve_note("127.0.0.1", 8866, None)
    assert "http://127.0.0.1:8866/" in note
    assert "ssh -L 8866:127.0.0.1:8866" in note and "反向代理" in note


def test_other_addresses_get_a_token() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    argv = voila_argv(NOTEBOOK, "0.0.0.0", 8866, "secret", open_browser=True)
    assert "--Voila.token=secret" in argv and "--no-browser" not in argv
    assert "?token=secret" in serve_note("0.0.0.0", 8866, "secret")


def test_port_in_use_is_explained() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(KitError, match=f"kit serve --port {port + 1}"):
            check_port("127.0.0.1", port)


def test_serve_refuses_a_missing_parameters_folder(tmp_path: Path) -> None:
    result = run_kit("--parameters", tmp_path / "missing", "serve", "--no-browser")
    assert result.returncode == 1
    assert "找不到参数文件夹" in result.stderr


def test_serve_is_listed_in_help() -> None:
    result = run_kit("--help")
    assert "serve" in result.stdout


@pytest.mark.slow
def test_fill_in_notebook_runs_in_a_kernel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The notebook as JupyterLab runs it: the form cell displays a widget, nothing fails."""
    from nbclient import NotebookClient

    store = Store(tmp_path / "parameters")
    builder = Builder(store)
    builder.year(builder.body(), 2022)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    monkeypatch.setenv("KIT_PARAMETERS", str(store.root))  # the kernel inherits it, as under kit serve
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
