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
    for passage in reading.passages:
        if passage.kind == "boilerplate":
            continue
        text = passage.text
        for leftover in vocabulary().leftovers:
            for m in leftover.pattern.finditer(text):
                out.append(reading.finding("error", RuleId.TEMPLATE_LEFTOVER, say.template_leftover(quote(text, m.start(), m.end()), leftover.what), passage))
        found: list[tuple[int, int]] = []
        for name in others:
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


def _part_of_own(text: str, start: int, end: int, own: list[str]) -> bool:
    """ "驩城" inside "驩城镇人民政府" is the body itself, not a sibling."""
    for name in own:
        i = text.find(name, max(0, start - len(name)))
        while 0 <= i <= end:
            if i <= start and end <= i + len(name):
                return True
            i = text.find(name, i + 1)
    return False
