"""The output formats the kit writes, and reading `--to html,pdf` (one place for build, batch, summary)."""

from __future__ import annotations

from collections.abc import Sequence

from kit.errors import UsageError
from kit.messages import build as build_says

FORMATS = ("html", "pdf", "docx")


def parse_formats(text: str | None, allowed: Sequence[str] = FORMATS, what: str = "") -> tuple[str, ...]:
    """`--to pdf,html` → ("html", "pdf") in the kit's order; without --to, every allowed format."""
    if not text:
        return tuple(allowed)
    wanted = [w.strip().lower() for w in text.split(",") if w.strip()]
    unknown = [w for w in wanted if w not in allowed]
    if unknown or not wanted:
        raise UsageError(build_says.formats_refused(allowed, text, what))
    return tuple(f for f in allowed if f in wanted)
