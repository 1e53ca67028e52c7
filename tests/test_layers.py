"""The kit's layers: every import goes down (or stays within its layer), and no module imports itself back.

Every import of every module under kit/ is read with ``ast`` — at the top of the file and inside
functions alike — and checked against the table of layers below (the one ARCHITECTURE.md draws).
There is no list of exceptions. The core also stays plain Python: importing it, or running
`kit check`, loads no Jupyter machinery.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KIT = ROOT / "kit"

# lowest first; a module may import modules of its own layer or of any layer below it
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("foundations", ("kit.errors", "kit.paths", "kit.version", "kit.values", "kit.findings", "kit.messages", "kit.yamlio")),
    ("spec", ("kit.spec",)),
    ("model", ("kit.report", "kit.placeholders")),
    ("figures and rules", ("kit.figures", "kit.rules")),
    ("store, validation, document", ("kit.store", "kit.validation", "kit.document")),
    ("checking", ("kit.doccheck", "kit.checking", "kit.cycle", "kit.imports")),
    ("data", ("kit.data",)),
    ("render", ("kit.render",)),
    ("notebook", ("kit.notebook",)),
    ("build", ("kit.build",)),
    ("batch", ("kit.batch",)),
    ("front ends", ("kit.cli", "kit.form", "kit.server")),
    ("package", ("kit", "kit.__main__")),
]

HEAVY = ("ipywidgets", "papermill", "nbconvert", "nbformat", "pandas", "nbclient", "jupyter_client", "IPython", "ipykernel", "matplotlib", "weasyprint", "docx")
CORE = ("kit.spec", "kit.report", "kit.store", "kit.validation", "kit.checking", "kit.cli.main", "kit.document")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(KIT.rglob("*.py"))}


def layer_of(module: str) -> int:
    best, depth = None, -1
    for i, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and prefix.count(".") > depth and not (prefix == "kit" and module != "kit"):
                best, depth = i, prefix.count(".")
    if best is None:
        raise AssertionError(f"{module} belongs to no layer: add it to LAYERS (and to ARCHITECTURE.md)")
    return best


def imports_of(module: str) -> set[str]:
    """The kit modules `module` imports, anywhere in its file (``from kit.x import y`` counts kit.x.y when it is a module)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        else:
            continue
        for name in names:
            if name == "kit" or name.startswith("kit."):
                while name not in MODULES and "." in name:
                    name = name.rpartition(".")[0]
                if name != module:
                    out.add(name)
    return out


GRAPH = {m: imports_of(m) for m in MODULES}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down(module: str) -> None:
    mine = layer_of(module)
    upward = {m: LAYERS[layer_of(m)][0] for m in GRAPH[module] if layer_of(m) > mine}
    assert not upward, f"{module} ({LAYERS[mine][0]}) imports from a higher layer: {upward}"


def test_no_import_cycles() -> None:
    """Tarjan's strongly connected components over the whole import graph: every one has one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(GRAPH[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    sys.setrecursionlimit(10000)
    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    assert not cycles, f"import cycles: {cycles}"


def test_the_layer_check_would_notice() -> None:
    """The readers work: an upward import and a function-level import are both seen."""
    assert "kit.cli.main" in GRAPH["kit.__main__"]
    assert layer_of("kit.render.html") > layer_of("kit.document")
    assert any(layer_of(m) < layer_of("kit.cli.build") for m in GRAPH["kit.cli.build"])
    assert "kit.build.report" in GRAPH["kit.cli.build"]  # imported inside a function


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
    assert loaded_after("\n".join(f"import {m}" for m in CORE) + "\nimport kit") == []


def test_kit_check_runs_without_jupyter_machinery(gov2021) -> None:
    """The whole `kit check` path (parser with every subcommand registered, checking, printing)."""
    code = f"""
        import contextlib, io
        from kit.cli.main import main
        with contextlib.redirect_stdout(io.StringIO()) as out:
            code = main(["check", {str(gov2021.file)!r}])
        assert code == 0, out.getvalue()
        assert "共检查 1 份：1 份通过" in out.getvalue(), out.getvalue()
    """
    assert loaded_after(code) == []


def test_the_probe_would_notice() -> None:
    """The check itself works: a module that does import pandas is reported."""
    assert "pandas" in loaded_after("import pandas")
