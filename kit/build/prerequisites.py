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

KERNEL_NAME = "python3"
# Families the print CSS names; any one of them is enough for Chinese text (Noto is Debian's).
CJK_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC", "仿宋", "FangSong", "宋体", "SimSun", "方正小标宋简体")
FONT_REMEDY = "请安装中文字体：sudo apt-get install fonts-noto-cjk（安装后无需重启）"
PDF_REMEDY = "请安装 PDF 引擎：pip install weasyprint（若提示缺少 Pango 库，再运行 sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0）"
KERNEL_REMEDY = "请在本工具所在的 Python 环境中运行：pip install ipykernel && python -m ipykernel install --sys-prefix --name python3"


@dataclass(frozen=True)
class Check:
    name: str  # what was checked, in Chinese
    ok: bool
    detail: str  # what was found
    remedy: str = ""  # what to do when not ok

    def describe(self) -> str:
        mark = "✓" if self.ok else "✗"
        return f"{mark} {self.name}：{self.detail}" + ("" if self.ok else f"\n    解决办法：{self.remedy}")


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
    name = "中文字体"
    if shutil.which("fc-list") is None:
        return Check(name, False, "找不到 fc-list（fontconfig 未安装），无法确认中文字体", "sudo apt-get install fontconfig fonts-noto-cjk")
    usable = [f for f in CJK_FAMILIES if f in cjk_font_families()]
    if not usable:
        return Check(name, False, "未找到报告所用的中文字体（如 Noto Serif CJK SC），PDF 中的汉字会显示为方框", FONT_REMEDY)
    return Check(name, True, "、".join(usable))


def check_pdf_engine() -> Check:
    name = "PDF 引擎（WeasyPrint）"
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: the package is there but Pango is not
        return Check(name, False, f"无法加载（{type(exc).__name__}: {exc}）", PDF_REMEDY)
    return Check(name, True, f"WeasyPrint {weasyprint.__version__}")


def check_kernel() -> Check:
    """The python3 kernel exists and its Python can import the kit (the notebook calls it)."""
    name = f"Jupyter 内核（{KERNEL_NAME}）"
    try:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    except ImportError as exc:
        return Check(name, False, f"jupyter_client 未安装（{exc}）", "pip install jupyter_client ipykernel papermill nbconvert")
    try:
        spec = KernelSpecManager().get_kernel_spec(KERNEL_NAME)
    except NoSuchKernel:
        return Check(name, False, "找不到该内核", KERNEL_REMEDY)
    executable = spec.argv[0] if spec.argv else ""
    if executable in ("python", f"python{sys.version_info[0]}", f"python{sys.version_info[0]}.{sys.version_info[1]}"):
        executable = sys.executable  # jupyter_client runs such kernels with the current interpreter
    try:
        run = subprocess.run([executable, "-c", "import ipykernel, kit"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return Check(name, False, f"无法启动 {executable}（{exc}）", KERNEL_REMEDY)
    if run.returncode != 0:
        last = (run.stderr.strip().splitlines() or ["未知错误"])[-1]
        return Check(name, False, f"内核的 Python（{executable}）无法导入 ipykernel 或 kit：{last}", f"在该 Python 环境中运行 pip install -e .（本工具目录）和 pip install ipykernel；{KERNEL_REMEDY}")
    for module in ("papermill", "nbconvert"):
        try:
            importlib_import(module)
        except ImportError as exc:
            return Check(name, False, f"{module} 未安装（{exc}）", f"pip install {module}")
    return Check(name, True, f"{executable}")


def importlib_import(module: str) -> None:
    import importlib

    importlib.import_module(module)


def require_pdf() -> None:
    """Refuse a PDF build up front when fonts or the engine are missing (one message, with remedies)."""
    failed = [c for c in (check_pdf_engine(), check_fonts()) if not c.ok]
    if failed:
        lines = ["无法生成 PDF："] + [f"  - {c.name}：{c.detail}。{c.remedy}" for c in failed]
        raise KitError("\n".join(lines))
