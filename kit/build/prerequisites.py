"""What building a report needs from the machine: a Python kernel, Chinese fonts, a PDF engine.

Each check returns a Check with one Chinese sentence and the remedy, so `kit doctor` can list
them and `kit build` can refuse *before* it runs anything ("check everything first") with one
clear message instead of a PDF full of empty boxes or a traceback from deep inside WeasyPrint.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
from dataclasses import dataclass

from kit.errors import KitError
from kit.messages import build as say

KERNEL_NAME = "python3"
# Families the print CSS names; any one of them is enough for Chinese text (Noto is Debian's).
CJK_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC", "仿宋", "FangSong", "宋体", "SimSun", "方正小标宋简体")
FONT_REMEDY, PDF_REMEDY, KERNEL_REMEDY = say.FONT_REMEDY, say.PDF_REMEDY, say.KERNEL_REMEDY


@dataclass(frozen=True)
class Check:
    name: str  # what was checked, in Chinese
    ok: bool
    detail: str  # what was found
    remedy: str = ""  # what to do when not ok

    def describe(self) -> str:
        return say.check_line(self.ok, self.name, self.detail, self.remedy)


@functools.cache
def cjk_font_families() -> tuple[str, ...]:
    """Installed font families that cover Chinese (fontconfig's view, as WeasyPrint sees it)."""
    if shutil.which("fc-list") is None:
        return ()
    try:
        run = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return ()
    families = {name.strip() for line in run.stdout.splitlines() for name in line.split(",") if name.strip()}
    return tuple(sorted(families))


def check_fonts() -> Check:
    name = say.FONTS
    if shutil.which("fc-list") is None:
        return Check(name, False, say.NO_FC_LIST, "sudo apt-get install fontconfig fonts-noto-cjk")
    usable = [f for f in CJK_FAMILIES if f in cjk_font_families()]
    if not usable:
        return Check(name, False, say.NO_CJK_FONT, FONT_REMEDY)
    return Check(name, True, "、".join(usable))


def check_pdf_engine() -> Check:
    name = say.PDF_ENGINE
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: the package is there but Pango is not
        return Check(name, False, say.cannot_load(exc), PDF_REMEDY)
    return Check(name, True, f"WeasyPrint {weasyprint.__version__}")


def check_kernel() -> Check:
    """The python3 kernel exists and its Python can import the kit (the notebook calls it)."""
    name = say.kernel(KERNEL_NAME)
    try:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    except ImportError as exc:
        return Check(name, False, say.not_installed("jupyter_client", exc), "pip install jupyter_client ipykernel papermill nbconvert")
    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        return Check(name, False, say.NO_SUCH_KERNEL, KERNEL_REMEDY)
    executable = spec.argv[0] if spec.argv else ""
    if executable in ("python", f"python{sys.version_info[0]}", f"python{sys.version_info[0]}.{sys.version_info[1]}"):
        executable = sys.executable  # jupyter_client runs such kernels with the current interpreter
    try:
        run = subprocess.run([executable, "-c", "import ipykernel, kit"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return Check(name, False, say.cannot_start(executable, exc), KERNEL_REMEDY)
    if run.returncode != 0:
        last = (run.stderr.strip().splitlines() or [say.UNKNOWN_ERROR])[-1]
        return Check(name, False, say.kernel_cannot_import(executable, last), say.install_kit_in_kernel())
    for module in ("papermill", "nbconvert"):
        try:
            importlib_import(module)
        except ImportError as exc:
            return Check(name, False, say.not_installed(module, exc), f"pip install {module}")
    return Check(name, True, f"{executable}")


def importlib_import(module: str) -> None:
    import importlib

    importlib.import_module(module)


def require_pdf() -> None:
    """Refuse a PDF build up front when fonts or the engine are missing (one message, with remedies)."""
    failed = [c for c in (check_pdf_engine(), check_fonts()) if not c.ok]
    if failed:
        lines = [say.CANNOT_BUILD_PDF] + [say.missing_for_pdf(c.name, c.detail, c.remedy) for c in failed]
        raise KitError("\n".join(lines))
