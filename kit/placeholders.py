"""Figures quoted in prose: ``${figures.proactive_total}`` instead of a number typed twice.

Prose and the spec's templates (title, opening paragraph) name figures with ``${...}``:

    ${year} ${next_year} ${prev_year}            the report year and its neighbours
    ${body.full_name} ${body.phone} ...          the body's profile (body.yaml)
    ${figures.proactive_total}                   a figure quoted in prose
    ${figures.proactive_breakdown}               a breakdown, printed 工作动态53条、通知公告26条
    ${figures.proactive_breakdown.工作动态}       one item of a breakdown
    ${tables.applications.new.total}             a table cell, computed totals included

``$${`` prints a literal ``${``. Nothing else in the text is special: braces, Jinja, HTML and
Markdown are plain characters here and are escaped by each renderer.
"""

from __future__ import annotations

import re
from collections.abc import Callable

PATTERN = re.compile(r"\$\$\{|\$\{([^{}\n]{0,200})\}")


def references(text: str) -> list[str]:
    """Every name referenced in `text`, in order."""
    return [m.group(1).strip() for m in PATTERN.finditer(text) if m.group(0) != "$${"]


def expand(text: str, resolve: Callable[[str], str | None]) -> tuple[str, list[str]]:
    """Replace references with their values; returns the text and the names that did not resolve.

    An unresolved name is left in the text as written, so a draft shows where it is.
    """
    missing: list[str] = []

    def substitute(match: re.Match[str]) -> str:
        if match.group(0) == "$${":
            return "${"
        name = match.group(1).strip()
        value = resolve(name)
        if value is None:
            missing.append(name)
            return match.group(0)
        return value

    return PATTERN.sub(substitute, text), missing
