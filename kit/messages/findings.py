"""How a finding reads when printed (kit.findings): its severity and where it was found."""

from __future__ import annotations

from pathlib import Path

SEVERITY = {"error": "错误", "warning": "提示"}


def acknowledged(reason: str) -> str:
    return f"[已确认：{reason}]"


def in_file(file: Path, line: int | None) -> str:
    return f"文件 {file}" + (f" 第{line}行" if line else "")


def at_key(key: str) -> str:
    return f"键 {key}"
