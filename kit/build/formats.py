"""The output formats the kit writes, and reading `--to html,pdf` (one place for build, batch, summary)."""

from __future__ import annotations

from collections.abc import Sequence

from kit.errors import UsageError
from kit.messages import build as build_says

# html-fragment: the report's body only (no <head>, no <style>), for a CMS editor's source view;
# written on request, beside the other files, as <title>.fragment.html.
FORMATS = ("html", "pdf", "docx", "html-fragment")
DEFAULT_FORMATS = ("html", "pdf", "docx")
SUFFIXES = {"html": ".html", "pdf": ".pdf", "docx": ".docx", "html-fragment": ".fragment.html"}


def parse_formats(text: str | None, allowed: Sequence[str] = FORMATS, what: str = "", default: Sequence[str] | None = None) -> tuple[str, ...]:
    """`--to pdf,html` → ("html", "pdf") in the kit's order; without --to, the default formats
    (those of `allowed` that are in DEFAULT_FORMATS, unless `default` says otherwise)."""
    if not text:
        return tuple(default if default is not None else [f for f in allowed if f in DEFAULT_FORMATS])
    wanted = [w.strip().lower() for w in text.split(",") if w.strip()]
    unknown = [w for w in wanted if w not in allowed]
    if unknown or not wanted:
        raise UsageError(build_says.formats_refused(allowed, text, what))
    return tuple(f for f in allowed if f in wanted)


def file_name(stem: str, fmt: str) -> str:
    """The file a format is written to: `<stem>.html`, `<stem>.fragment.html` …"""
    return stem + SUFFIXES[fmt]
