"""Rule 19: prose that is largely the same as last year's report, or as another body's.

Reviewers find reports 90% identical to the previous year's and identical across neighbouring
towns; 内容雷同 is named as an accountability ground in the 2021 notice, and some provinces'
evaluations deduct points above 50% similarity to last year. So the prose is compared with
what every report must carry taken out first — the opening paragraph, the titles, the fixed
sentences listed in phrases.yaml — and with figures and years made equal (a copy with this
year's numbers typed in is still a copy) and the bodies' names removed.

The measure is coverage: the share of this report's characters that lie in a run of at least
`shingle` characters also found in the other report. It is quick (each report is prepared once
into a set of character runs; comparing is set look-ups, no quadratic alignment) and it points
at the passages: the longest covered runs are quoted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from kit.doccheck.prose import Passage, Reading
from kit.doccheck.vocabulary import vocabulary
from kit.findings import Finding
from kit.messages import doccheck as say

_RUN = re.compile(r"\d+|[^\W\d_]+")  # a run of digits (one 0), or of letters and characters kept as they are
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


@dataclass(frozen=True)
class Text:
    """Normalised prose of one passage and, per normalised character, where it was in the original."""

    passage: Passage
    chars: str
    origin: tuple[int, ...]
    shingles: tuple[str, ...] = ()  # the runs of `shingle` characters, by start position


@dataclass(frozen=True)
class Prepared:
    """A report's prose, normalised once, with its set of character runs."""

    texts: tuple[Text, ...]
    shingles: frozenset[str]
    chars: int

Places = dict[str, list[tuple[int, int]]]


def places_of(prepared: Prepared) -> Places:
    """Each run of a report → where it starts: (text's index, position), in reading order. Made
    once per report for all its comparisons, and not kept with it (it is as large as the text)."""
    out: Places = {}
    for n, t in enumerate(prepared.texts):
        for i, piece in enumerate(t.shingles):
            out.setdefault(piece, []).append((n, i))
    return out


@dataclass(frozen=True)
class Comparison:
    similarity: float  # 0..1, share of this report's prose also found in the other
    sections: tuple[tuple[str, float, int], ...]  # (section as printed, similarity, characters)
    passages: tuple[tuple[str, str, str], ...]  # (section, place, overlapping text), longest first
    chars: int


def normalised(passage: Passage, names: Iterable[str], k: int | None = None) -> Text:
    """Digits as one 0, names and fixed sentences blanked, punctuation and spaces dropped."""
    text = passage.text.translate(_FULLWIDTH)
    for blank in [*vocabulary().similarity.boilerplate, *sorted((n for n in names if n), key=len, reverse=True)]:
        if blank in text:
            text = text.replace(blank, "\0" * len(blank))
    chars: list[str] = []
    origin: list[int] = []
    for m in _RUN.finditer(text):
        run = m.group(0)
        if run[0].isdigit():
            chars.append("0")
            origin.append(m.start())
        else:
            chars.append(run)
            origin.extend(range(m.start(), m.end()))
    joined = "".join(chars)
    k = k or vocabulary().similarity.shingle
    return Text(passage, joined, tuple(origin), tuple(joined[i : i + k] for i in range(len(joined) - k + 1)))


def prepare(reading: Reading, names: Iterable[str] = ()) -> Prepared:
    """The prose to compare — no title, opening paragraph, headings or tables — ready for `compare`."""
    all_names = [*reading.body_names, *names]
    texts = tuple(t for p in reading.passages if p.kind == "prose" and (t := normalised(p, all_names)).chars)
    shingles = frozenset(s for t in texts for s in t.shingles)
    return Prepared(texts, shingles, sum(len(t.chars) for t in texts))


def prepare_without(reading: Reading, prepared: Prepared, names: Iterable[str]) -> Prepared:
    """`prepare(reading, names)` from `prepared` = `prepare(reading)`, the same value: only the
    passages in which one of `names` occurs are normalised again. Blanking a name that does not
    occur changes nothing (the blanks put in for other names are NUL characters, which no name
    holds, so they cannot make one appear), so every other passage's text is reused as it is.

    A report is prepared twice in `kit check` — against last year (its own names blanked) and
    against the county's other bodies (every name blanked) — and a body's prose rarely names a
    neighbour: measured on the province benchmark's 1,008 reports, this halved the normalising
    (24,840 passages normalised before, ≈12,500 after; 5.6 of 36 profiled CPU-s before)."""
    extra = [n for n in names if n and n not in reading.body_names]
    if not extra:
        return prepared
    mine = {id(t.passage): t for t in prepared.texts}
    all_names = [*reading.body_names, *names]
    texts: list[Text] = []
    changed = False
    for p in reading.passages:
        if p.kind != "prose":
            continue
        plain = p.text.translate(_FULLWIDTH)
        if any(n in plain for n in extra):
            t = normalised(p, all_names)
            changed = True
        elif (kept := mine.get(id(p))) is not None:
            t = kept
        else:  # its own normalisation was empty, and blanking more leaves it empty
            continue
        if t.chars:
            texts.append(t)
    if not changed:
        return prepared
    return Prepared(tuple(texts), frozenset(s for t in texts for s in t.shingles), sum(len(t.chars) for t in texts))


def shingles_of(texts: Iterable[str], k: int | None = None) -> set[str]:
    """Every run of `k` characters (the configured shingle length) in some normalised texts."""
    k = k or vocabulary().similarity.shingle
    return {s[i : i + k] for s in texts for i in range(len(s) - k + 1)}


def covered_runs(shingles: Sequence[str], found: AbstractSet[str], k: int) -> list[tuple[int, int]]:
    """The [start, end) runs of a text's characters lying in a k-character run found in `found`, merged."""
    merged: list[list[int]] = []
    if found:
        for i, piece in enumerate(shingles):
            if piece not in found:
                continue
            if merged and i <= merged[-1][1]:
                merged[-1][1] = i + k
            else:
                merged.append([i, i + k])
    return [(a, b) for a, b in merged]


def coverage(texts: Sequence[str], found: AbstractSet[str], k: int | None = None) -> float:
    """Rule 19's measure on normalised texts: the share of their characters in runs also in `found`."""
    k = k or vocabulary().similarity.shingle
    total = sum(len(s) for s in texts)
    covered = sum(b - a for s in texts for a, b in covered_runs([s[i : i + k] for i in range(len(s) - k + 1)], found, k))
    return covered / total if total else 0.0


def _merged(starts: Sequence[int], k: int) -> list[tuple[int, int]]:
    """covered_runs from the (ascending) starts of the runs found: the same runs, without reading the others."""
    merged: list[list[int]] = []
    for i in starts:
        if merged and i <= merged[-1][1]:
            merged[-1][1] = i + k
        else:
            merged.append([i, i + k])
    return [(a, b) for a, b in merged]


def compare(this: Prepared, other: Prepared, places: Places | None = None, found: Sequence[Sequence[int]] | None = None) -> Comparison:
    """Rule 19's measure of `this` against `other`. `found`: for each of this report's texts, the
    ascending positions whose run `other` has too (similar_pairs.Group.found counts them with
    numpy for a county); else, with `places` (places_of) only the places of the runs both share are
    visited; else each run of this report is looked up in the other's set."""
    k = vocabulary().similarity.shingle
    if found is not None:
        starts = [list(f) for f in found]
    elif places is not None:
        starts = [[] for _ in this.texts]
        for piece in this.shingles & other.shingles:
            for n, i in places[piece]:
                starts[n].append(i)
    else:
        theirs = other.shingles
        starts = [[i for i, piece in enumerate(t.shingles) if piece in theirs] for t in this.texts]
    covered_total = 0
    per_section: dict[str, list[int]] = {}
    runs: list[tuple[int, str, str, str]] = []
    for t, at in zip(this.texts, starts, strict=True):
        s = t.chars
        at.sort()
        merged = _merged(at, k)
        n = sum(b - a for a, b in merged)
        covered_total += n
        counts = per_section.setdefault(t.passage.where, [0, 0])
        counts[0] += n
        counts[1] += len(s)
        for a, b in merged:
            runs.append((b - a, t.passage.where, t.passage.place, t.passage.text[t.origin[a] : t.origin[b - 1] + 1]))
    runs.sort(key=lambda r: -r[0])
    return Comparison(
        similarity=covered_total / this.chars if this.chars else 0.0,
        sections=tuple((where, c / n if n else 0.0, n) for where, (c, n) in per_section.items()),
        passages=tuple((where, place, text) for _, where, place, text in runs[:30]),
        chars=this.chars,
    )


def _clip(text: str, limit: int = 60) -> str:
    text = re.sub(r"\s+", "", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _shown(passages: Sequence[tuple[str, str, str]], n: int = 3) -> str:
    return "；".join(f"{place}“{_clip(text)}”" for _where, place, text in passages[:n])


def similarity_findings(
    reading: Reading, this: Prepared, other: Prepared, rule: str, label: str, places: Places | None = None, found: Sequence[Sequence[int]] | None = None
) -> list[Finding]:
    """Findings for `reading` (prepared as `this`) compared with another report (label names it in messages)."""
    conf = vocabulary().similarity
    if this.chars < conf.min_chars or not other.chars:
        return []
    result = compare(this, other, places, found)
    big = [(w, r, n) for w, r, n in result.sections if n >= conf.section_min_chars and r > conf.section_threshold]
    if result.similarity <= conf.threshold and not big:
        return []
    if result.similarity > conf.threshold:
        sections = [(w, r) for w, r, n in sorted(result.sections, key=lambda x: -x[1]) if n >= conf.section_min_chars and r > conf.threshold]
        message = say.similar_overall(label, result.similarity, conf.threshold, sections, _shown(result.passages))
        return [reading.finding("warning", rule, message, printed=say.PROSE, key="prose" if reading.own_report else None)]
    out = []
    for where, r, _n in big:
        shown = _shown([x for x in result.passages if x[0] == where])
        message = say.similar_section(label, r, result.similarity, shown)
        passage = next(p for p in reading.passages if p.where == where and p.kind == "prose")
        out.append(reading.finding("warning", rule, message, passage, printed=where))
    return out


def compare_readings(reading: Reading, other: Reading, rule: str, label: str) -> list[Finding]:
    """One comparison, both sides prepared here (each without the other's name)."""
    return similarity_findings(reading, prepare(reading, other.body_names), prepare(other, reading.body_names), rule, label)

