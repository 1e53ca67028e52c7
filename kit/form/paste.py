"""Reading a block pasted from Excel/WPS into one cell of the form.

A spreadsheet copies a range as tab-separated lines (``1\\t2\\t3\\r\\n4\\t5\\t6\\r\\n``). A browser's
single-line text box never keeps the line breaks: Chromium turns each one into a space and drops
the last (measured: ``1\\t2\\t3 4\\t5\\t6``; a copied column arrives as ``1 2 3``). So a value is a
paste when it holds a tab or a line break, or when it is several numbers separated by spaces;
in a paste a space ends a row, since no figure contains one. A single value (``12``, ``１２``, or
``abc``) is not a paste: it goes to parse_figure like anything typed.
"""

from __future__ import annotations

import re
import unicodedata

_ROW_BREAK = re.compile(r"\r\n|\r|\n| +")
_NUMBERISH = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


def _numberish(field: str) -> bool:
    return bool(_NUMBERISH.fullmatch(unicodedata.normalize("NFKC", field).strip()))


def is_paste(text: str) -> bool:
    """True when `text` is a range copied from a spreadsheet rather than one typed value."""
    if "\t" in text or "\n" in text or "\r" in text:
        return True
    tokens = text.split()
    return len(tokens) > 1 and all(_numberish(t) for t in tokens)


def split_paste(text: str) -> list[list[str]]:
    """The pasted range as rows of fields; a trailing line break (as Excel copies) adds no row.

    When every row starts with text that is not a figure (the row labels were copied along with
    the numbers) that first column is dropped, so copying a whole printed table works.
    """
    text = text.replace("\u3000", " ").rstrip("\r\n ")
    rows = [line.split("\t") for line in _ROW_BREAK.split(text)]
    if rows and all(len(r) > 1 and r[0].strip() and not _numberish(r[0]) for r in rows):
        rows = [r[1:] for r in rows]
    return rows
