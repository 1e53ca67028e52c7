"""What a published report is read into: paragraphs and grids of cell texts, in printed order.

The shared shape of every reader (.txt, .docx, .html) and of everything that checks or imports
what was read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Para:
    """One paragraph (a line of a text file) as printed."""

    text: str
    number: int  # 1-based among the document's paragraphs and tables
    line: int | None = None  # line in a text file


@dataclass(frozen=True)
class Grid:
    """A table as rows of cell texts; merged cells appear once across and repeat down."""

    rows: tuple[tuple[str, ...], ...]
    number: int
    line: int | None = None
    origin: str = "word"  # word | html | text


Item = Para | Grid


@dataclass(frozen=True)
class ReadDocument:
    path: Path
    items: tuple[Item, ...]

    @property
    def paragraphs(self) -> list[Para]:
        return [i for i in self.items if isinstance(i, Para)]
