"""What building and batches say (kit.build, kit.batch)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def inputs_unreadable(ref: Any, year: int, exc: BaseException) -> str:
    """A job whose parameter files stopped being readable between planning and running."""
    return f"{ref} {year}年度报告：读取参数文件失败（{type(exc).__name__}: {exc}）"


def formats_refused(allowed: Sequence[str], text: str, what: str = "") -> str:
    """--to named a format the command does not make; `what` names the command's outputs when several parse --to."""
    return f"用法错误：{what}--to 只能是 {','.join(allowed)} 中的一项或几项（用逗号分隔），实为 {text!r}"


def making(fmt: str) -> str:
    """The timed step that makes one export format (kit build --timings): 生成PDF, 生成DOCX."""
    return f"生成{fmt.upper()}"
