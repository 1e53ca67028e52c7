"""Rule 18: what a template or another body's report left behind.

"(具体网址)", "XX镇", "××", "根据贵办……", empty "（）" and underscores are the marks of a
template filled in carelessly; another body's name in the text (a neighbouring town's, from the
report that was copied) is the mark of a copy. The patterns are data (phrases.yaml); sibling
names come from the county (the kit's parameters) or from the other documents checked together.
"""

from __future__ import annotations

from kit.doccheck.normalize import quote
from kit.doccheck.prose import Reading
from kit.doccheck.vocabulary import vocabulary
from kit.findings import Finding, RuleId
from kit.messages import doccheck as say


def check_leftovers(reading: Reading) -> list[Finding]:
    out: list[Finding] = []
    own = [n for n in reading.body_names if n]
    others = sorted(
        {n for n in reading.other_names if len(n) >= 2 and not any(n in o or o in n for o in own)},
        key=len,
        reverse=True,
    )
    by_start = _by_start(others) if len(others) > MANY_NAMES else None
    for passage in reading.passages:
        if passage.kind == "boilerplate":
            continue
        text = passage.text
        for leftover in vocabulary().leftovers:
            for m in leftover.pattern.finditer(text):
                out.append(reading.finding("error", RuleId.TEMPLATE_LEFTOVER, say.template_leftover(quote(text, m.start(), m.end()), leftover.what), passage))
        found: list[tuple[int, int]] = []
        for name in _present(text, others, by_start):
            start = text.find(name)
            while start >= 0:
                end = start + len(name)
                if not any(a <= start and end <= b for a, b in found) and not _part_of_own(text, start, end, own):
                    found.append((start, end))
                    out.append(
                        reading.finding(
                            "warning",
                            RuleId.TEMPLATE_LEFTOVER,
                            say.other_body_named(quote(text, start, end), name),
                            passage,
                        )
                    )
                start = text.find(name, end)
    return out


MANY_NAMES = 32  # above this, names are looked up by their first two characters, not searched one by one


def _by_start(names: list[str]) -> dict[str, list[int]]:
    """Names (by their position in `names`) by their first two characters."""
    out: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        out.setdefault(name[:2], []).append(i)
    return out


def _present(text: str, names: list[str], by_start: dict[str, list[int]] | None) -> list[str]:
    """The names that may occur in `text`, in their order in `names`: all of them when few; for a
    county of hundreds of bodies, only those whose first two characters occur — searching every
    name in every paragraph made the rule quadratic in the county's bodies."""
    if by_start is None:
        return names
    hits = {i for pair in {text[j : j + 2] for j in range(len(text) - 1)} for i in by_start.get(pair, ())}
    return [names[i] for i in sorted(hits)]


def _part_of_own(text: str, start: int, end: int, own: list[str]) -> bool:
    """ "驩城" inside "驩城镇人民政府" is the body itself, not a sibling."""
    for name in own:
        i = text.find(name, max(0, start - len(name)))
        while 0 <= i <= end:
            if i <= start and end <= i + len(name):
                return True
            i = text.find(name, i + 1)
    return False
