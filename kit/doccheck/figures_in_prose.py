"""Rule 12: every figure quoted in the prose equals the table ("收到申请3件" against 表三).

The phrases and the figure each one names live in phrases.yaml, per edition. A phrase whose
figure is unknown (a blank cell, a table that could not be read) is not checked: a finding
needs two figures that disagree. In the kit's own reports a number typed by hand, rather than
quoted with ``${...}``, gets a hint to quote it, so it cannot drift from the table again.
"""

from __future__ import annotations

import re

from kit.doccheck.normalize import clause_start, parse_number, quote
from kit.doccheck.prose import Passage, Reading
from kit.doccheck.vocabulary import vocabulary
from kit.findings import Finding, RuleId
from kit.messages import doccheck as say
from kit.values import format_figure


def check_prose_figures(reading: Reading) -> list[Finding]:
    found: list[tuple[int, int, Finding]] = []  # in reading order: passage, position
    edition = reading.spec.id
    passages = list(reading.prose())
    seen: set[tuple[int, int, str]] = set()  # (passage, position, what): two patterns, one mention
    for phrase in vocabulary().prose_figures:
        names = phrase.value.get(edition)
        expected = reading.total(names) if names else None
        if not names or expected is None:
            continue  # not in this edition, or its figure is unknown (blank, unreadable): nothing to compare
        accepted = [expected] + [v for alt in phrase.accept.get(edition, ()) if (v := reading.total(alt)) is not None]
        for number, passage in enumerate(passages):
            text = passage.text
            for pattern in phrase.patterns:
                for m in pattern.finditer(text):
                    if (number, m.start(), phrase.what) in seen:
                        continue
                    seen.add((number, m.start(), phrase.what))
                    clause = text[clause_start(text, m.start()) : m.start()]
                    if any(w in clause for w in phrase.not_after) or (phrase.bare and _qualified(clause)):
                        continue
                    if not phrase.zero and _quotes_a_part(passage, m, names):
                        continue
                    said = 0 if phrase.zero else parse_number(m.group("n"))
                    if said is None or any(said == v for v in accepted):
                        continue
                    where = reading.describe(names, phrase.what)
                    if phrase.zero:
                        message = say.prose_says_zero(quote(text, m.start(), m.end()), phrase.what, where, format_figure(expected))
                    else:
                        message = say.prose_figure_differs(quote(text, m.start(), m.end()), format_figure(said), where, format_figure(expected))
                    if any(n.removeprefix("tables.") in reading.blank for n in names if n.startswith("tables.")):
                        message += say.TOTAL_LEFT_BLANK
                    hint = _hint(reading, passage, m, names)
                    found.append((number, m.start(), reading.finding(phrase.severity, RuleId.PROSE_FIGURE, message + hint, passage)))
    return [f for _n, _pos, f in sorted(found, key=lambda x: (x[0], x[1]))]


def _qualified(clause: str) -> bool:
    """Words before the phrase in its clause, other than 其中/共/已…: it names one kind, not the total."""
    rest = clause.strip()
    for word in sorted(vocabulary().claims.lead_words, key=len, reverse=True):
        rest = rest.replace(word, "")
    return len(rest.strip("、 ")) > 2


def _quotes_a_part(passage: Passage, m: re.Match[str], names: tuple[str, ...]) -> bool:
    """ "因……无法提供${tables.applications.unable_not_held.total}件" quotes one part of a sum, not the sum."""
    span = passage.span_at(m.start("n"), m.end("n"))
    return span is not None and len(names) > 1 and span[2] in names


def _hint(reading: Reading, passage: Passage, m: re.Match[str], names: tuple[str, ...]) -> str:
    """For the kit's reports: a number typed by hand should be quoted with ${...}."""
    if not reading.own_report or "n" not in m.re.groupindex or m.group("n") is None:
        return ""
    if passage.span_at(m.start("n"), m.end("n")) is not None:
        return say.QUOTED_FROM_PARAMETERS
    if len(names) == 1:
        return say.quote_the_figure(names[0])
    return say.QUOTE_THE_FIGURES
