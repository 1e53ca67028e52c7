"""What the spec loader says when an edition file is malformed (kit.spec; a bug in the kit, named by path)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any


def no_such_table(value: Any) -> str:
    return f"引用了不存在的表格 {value!r}"


WHOLE_FILE = "(文件)"  # the place of a problem with the file as a whole
NOT_A_MAPPING = "应为映射（键: 值）"
NOT_A_LIST = "应为列表"
MISSING_OR_NOT_TEXT = "缺失或不是文字"
MISSING = "缺失"
NO_ROWS_OR_COLUMNS = "至少需要一行一列"
EMPTY = "不能为空"


def in_spec(file: Path, where: str, problem: str) -> str:
    return f"规格文件 {file} 的 {where} {problem}"


def not_an_identifier(value: Any) -> str:
    return f"应为 ASCII 标识符，实为 {value!r}"


def not_one_of(allowed: Iterable[str], value: Any) -> str:
    return f"应为 {'/'.join(allowed)} 之一，实为 {value!r}"


def repeated_id(value: Any) -> str:
    return f"中的 id {value!r} 重复"


def no_spec_file(edition: str, path: Path) -> str:
    return f"找不到格式版本 {edition!r} 的规格文件 {path}"


def unknown_rule_kind(kind: Any, known: Iterable[str]) -> str:
    return f"是未知的规则类型 {kind!r}；可用：{'、'.join(known)}"


def no_such_row(table: str, row: Any) -> str:
    return f"引用了表格 {table} 中不存在的行 {row!r}"


def no_such_column(table: str, column: Any) -> str:
    return f"引用了表格 {table} 中不存在的列 {column!r}"


def no_such_figure(value: Any) -> str:
    return f"引用了不存在的数字 {value!r}"


def no_such_section(value: Any) -> str:
    return f"引用了不存在的正文部分 {value!r}"
