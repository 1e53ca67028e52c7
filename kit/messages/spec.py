"""What the spec loader says when an edition file is malformed (kit.spec; a bug in the kit, named by path)."""

from __future__ import annotations

from typing import Any


def no_such_table(value: Any) -> str:
    return f"引用了不存在的表格 {value!r}"
