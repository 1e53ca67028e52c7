"""Figures in prose as a clerk sees them: 〔本年主动公开政府信息总数〕, never ``${figures.proactive_total}``.

The year's file keeps kit.placeholders' ``${...}`` names (the report expands them); the form shows
each known one as its printed label in tortoise-shell brackets and turns the labels back into
names when the text comes back. A clerk may also type a bracketed label (or insert it with the
插入数字 button) and it becomes a figure the report fills in; a name the kit does not know stays
as written, so nothing typed is ever lost. Writing the number itself is fine too: the reviewer's
checks compare the numbers in the prose with the tables.
"""

from __future__ import annotations

import re

from kit.messages import form as msg
from kit.placeholders import PATTERN
from kit.report import BODY_FIELDS
from kit.spec import Spec

OPEN, CLOSE = "〔", "〕"
_MARK = re.compile(f"{OPEN}([^{OPEN}{CLOSE}\\n]{{1,60}}){CLOSE}")


_CACHE: dict[int, tuple[Spec, dict[str, str], dict[str, str]]] = {}


def _labels(spec: Spec) -> tuple[dict[str, str], dict[str, str]]:
    """name -> label and label -> name, for every name a clerk may quote (per spec, built once)."""
    cached = _CACHE.get(id(spec))
    if cached is not None and cached[0] is spec:
        return cached[1], cached[2]
    names = dict(msg.YEAR_NAMES)
    names |= {f"body.{k}": v for k, v in BODY_FIELDS.items()}
    names |= {f"figures.{f.id}": f.label for f in spec.figures}
    for cell in spec.cells():
        names.setdefault(f"tables.{cell.key}", cell.printed)
    back: dict[str, str] = {}
    for name, label in names.items():
        back.setdefault(label, name)
    _CACHE[id(spec)] = (spec, names, back)
    return names, back


def figure_choices(spec: Spec) -> list[tuple[str, str]]:
    """(label, name) of the figures a clerk usually quotes, for the 插入数字 list."""
    return [(f.label, f"figures.{f.id}") for f in spec.figures] + [(label, name) for name, label in msg.YEAR_NAMES.items()]


def mark(spec: Spec, name: str) -> str:
    """The bracketed label shown for `name`."""
    return f"{OPEN}{_labels(spec)[0].get(name, name)}{CLOSE}"


def to_display(spec: Spec, text: str) -> str:
    names, _ = _labels(spec)

    def show(match: re.Match[str]) -> str:
        if match.group(0) == "$${":
            return match.group(0)
        name = match.group(1).strip()
        return f"{OPEN}{names[name]}{CLOSE}" if name in names else match.group(0)

    return PATTERN.sub(show, text)


def from_display(spec: Spec, text: str) -> str:
    _, back = _labels(spec)

    def name(match: re.Match[str]) -> str:
        found = back.get(match.group(1).strip())
        return f"${{{found}}}" if found else match.group(0)

    return _MARK.sub(name, text)
