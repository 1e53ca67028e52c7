"""What checking parameter files says beyond the rules (kit.checking: which files, across years)."""

from __future__ import annotations

from pathlib import Path


def not_a_year_file(path: Path) -> str:
    return f"{path} 不是年度参数文件（应为 “年份.yaml”，如 2021.yaml）"


def nothing_at(path: Path) -> str:
    return f"找不到 {path}：请给出参数文件、主体文件夹、县文件夹或 parameters/ 文件夹"


ACROSS_YEARS = "跨年度检查"


def previous_unreadable(previous_year: int) -> str:
    return f"{previous_year}年的参数文件无法读取，本年的上年结转等跨年度检查未做；请先改正{previous_year}年的文件"
