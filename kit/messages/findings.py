"""How a finding reads when printed (kit.findings): its severity and where it was found; and how
kit check sums up its results (parameter files and documents alike)."""

from __future__ import annotations

from pathlib import Path

SEVERITY = {"error": "错误", "warning": "提示"}


def acknowledged(reason: str) -> str:
    return f"[已确认：{reason}]"


def in_file(file: Path, line: int | None) -> str:
    return f"文件 {file}" + (f" 第{line}行" if line else "")


def at_line(line: int) -> str:
    """Where a finding stands in a file that its group already names."""
    return f"第{line}行"


def at_key(key: str) -> str:
    return f"键 {key}"


def status(errors: int, open_warnings: int, acknowledged: int) -> str:
    """One report's (or document's) result in a line: 通过, or how many errors; then the warnings."""
    parts = ["通过" if not errors else f"{errors} 个错误"]
    if open_warnings:
        parts.append(f"{open_warnings} 条提示")
    if acknowledged:
        parts.append(f"{acknowledged} 条已确认")
    return "，".join(parts)


def tally(checked: int, failed: int, errors: int, open_warnings: int) -> str:
    """The last line of kit check (parameter files or documents)."""
    return f"共检查 {checked} 份：{checked - failed} 份通过，{failed} 份有错误（共 {errors} 个错误，{open_warnings} 条未确认的提示）。"
