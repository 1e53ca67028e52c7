"""What checking a published report says (kit.doccheck); most of its texts are still in its modules."""

from __future__ import annotations

FILL_EVERY_CELL = "：表中每一格都应填数字，没有发生的填 0，不能留空或填“/”；本工具不把空白或“/”当作 0"


def not_a_docx(name: str, why: str, renamed_doc: bool = False) -> str:
    hint = "；如是旧版 .doc 改了扩展名，请用 Word 另存为 .docx" if renamed_doc else ""
    return f"{name} 不是有效的 .docx 文件（{why}）{hint}"
