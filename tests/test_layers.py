"""The core stays plain Python: importing it, or running `kit check`, loads no Jupyter machinery."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

HEAVY = ("ipywidgets", "papermill", "nbconvert", "nbformat", "pandas", "nbclient", "jupyter_client", "IPython", "ipykernel", "matplotlib", "weasyprint", "docx")
CORE = ("kit.spec", "kit.parameters", "kit.validation", "kit.checking", "kit.cli", "kit.document")


def loaded_after(code: str) -> list[str]:
    script = textwrap.dedent(code) + textwrap.dedent(
        f"""
        import json, sys
        heavy = {HEAVY!r}
        print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in heavy)))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_no_jupyter_machinery(module: str) -> None:
    assert loaded_after(f"import {module}") == []


def test_all_core_modules_together() -> None:
    assert loaded_after("\n".join(f"import {m}" for m in CORE)) == []


def test_kit_check_runs_without_jupyter_machinery(gov2021) -> None:
    """The whole `kit check` path (parser with every subcommand registered, checking, printing)."""
    code = f"""
        import contextlib, io
        from kit.cli import main
        with contextlib.redirect_stdout(io.StringIO()) as out:
            code = main(["check", {str(gov2021.file)!r}])
        assert code == 0, out.getvalue()
        assert "共检查 1 份：1 份通过" in out.getvalue(), out.getvalue()
    """
    assert loaded_after(code) == []


def test_the_probe_would_notice() -> None:
    """The check itself works: a module that does import pandas is reported."""
    assert "pandas" in loaded_after("import pandas")
