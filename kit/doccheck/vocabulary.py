"""How reports are worded, loaded once from phrases.yaml into frozen objects.

The row and column labels of the tables are never here (they live in kit/specs/*.yaml); this is
the other half of reading a published report: the phrases people write around the figures
("收到政府信息公开申请3件"), channel names, template leftovers, the notice citation pattern. Keeping
them as data lets a county add a local phrasing without touching the checks.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kit.errors import SpecError
from kit.messages import doccheck as say

PHRASES_FILE = Path(__file__).with_name("phrases.yaml")

# {N} in a pattern: a number in Arabic digits (maybe with decimals) or in Chinese numerals.
NUMBER = r"(?P<n>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)"


@dataclass(frozen=True)
class ProseFigure:
    """One way prose quotes a figure, and which figure (per edition) it must equal."""

    id: str
    what: str
    patterns: tuple[re.Pattern[str], ...]
    value: Mapping[str, tuple[str, ...]]  # edition -> names to add up (see kit/placeholders.py)
    accept: Mapping[str, tuple[tuple[str, ...], ...]]  # edition -> other acceptable sums
    zero: bool
    not_after: tuple[str, ...]
    severity: str
    bare: bool = False  # only when nothing qualifies it in its clause (else it names one part)


@dataclass(frozen=True)
class Claims:
    units: tuple[str, ...]
    totals: tuple[str, ...]
    channels: tuple[str, ...]
    overlapping_topics: tuple[str, ...]
    partial_words: tuple[str, ...]
    lead_words: tuple[str, ...]
    dividers: re.Pattern[str]
    same_unit: Mapping[str, str]
    new_statement: tuple[str, ...]
    catch_all: tuple[str, ...]
    approximate: str
    continued: tuple[str, ...]
    growth_words: tuple[str, ...]


@dataclass(frozen=True)
class Years:
    context_ok: tuple[str, ...]
    plans: tuple[str, ...]
    statistics_period: re.Pattern[str]
    carried_over: tuple[re.Pattern[str], ...]
    glued_month: re.Pattern[str]
    glued_day: re.Pattern[str]
    bare_day: re.Pattern[str]
    signature: re.Pattern[str]
    own_title_words: tuple[str, ...]
    own_title_verbs: tuple[str, ...]


@dataclass(frozen=True)
class LegacyTopic:
    what: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Structure:
    report_words: tuple[str, ...]
    announced_parts: re.Pattern[str]
    legacy_contents: tuple[LegacyTopic, ...]


@dataclass(frozen=True)
class Leftover:
    pattern: re.Pattern[str]
    what: str


@dataclass(frozen=True)
class Similarity:
    shingle: int
    threshold: float
    section_threshold: float
    section_min_chars: int
    min_chars: int
    boilerplate: tuple[str, ...]


@dataclass(frozen=True)
class TitleWords:
    suffixes: tuple[str, ...]
    levels: tuple[tuple[str, re.Pattern[str]], ...]
    preamble_levels: tuple[tuple[str, re.Pattern[str]], ...]
    name_suffixes: tuple[str, ...]
    name_endings: tuple[str, ...]


@dataclass(frozen=True)
class TableWords:
    subtotal_word: str
    not_numbers: frozenset[str]
    header_words: tuple[str, ...]
    unit_suffix: re.Pattern[str]
    heading: re.Pattern[str]


@dataclass(frozen=True)
class Vocabulary:
    prose_figures: tuple[ProseFigure, ...]
    claims: Claims
    years: Years
    citation: re.Pattern[str]
    brackets: str
    notice_titles: tuple[tuple[str, re.Pattern[str]], ...]  # (edition, the notice's or the format's name)
    leftovers: tuple[Leftover, ...]
    similarity: Similarity
    title: TitleWords
    tables: TableWords
    structure: Structure
    contact: dict[str, re.Pattern[str]]  # body.yaml key -> where the opening paragraph prints it (kit.imports.preamble)


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern.replace("{N}", NUMBER))
    except re.error as exc:
        raise SpecError(say.phrases_bad_pattern(PHRASES_FILE, where, exc)) from None


def _names(value: Any) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list) else (str(value),)


def _per_edition(raw: Any) -> dict[str, Any]:
    from kit.spec import EDITIONS

    if isinstance(raw, Mapping):
        return {str(k): v for k, v in raw.items()}
    return dict.fromkeys(EDITIONS, raw)


def _prose_figure(item: Mapping[str, Any], i: int) -> ProseFigure:
    where = f"prose_figures[{i}]"
    value = {ed: _names(v) for ed, v in _per_edition(item["value"]).items()}
    accept = {ed: tuple(_names(x) for x in v) for ed, v in _per_edition(item.get("accept") or {}).items()}
    severity = str(item.get("severity", "error"))
    if severity not in ("error", "warning"):
        raise SpecError(say.phrases_bad_severity(PHRASES_FILE, where))
    return ProseFigure(
        id=str(item["id"]),
        what=str(item["what"]),
        patterns=tuple(_compile(p, f"{where}.patterns[{j}]") for j, p in enumerate(item["patterns"])),
        value=value,
        accept=accept,
        zero=bool(item.get("zero", False)),
        not_after=tuple(item.get("not_after") or ()),
        severity=severity,
        bare=bool(item.get("bare", False)),
    )


@functools.cache
def vocabulary() -> Vocabulary:
    """The phrases file, parsed (cached: it does not change while the kit runs)."""
    from kit.yamlio import digest, load_yaml_cached

    raw = PHRASES_FILE.read_bytes()  # parsed once per version of the file: ruamel costs ≈0.1 s here
    data = load_yaml_cached(raw.decode("utf-8"), digest(raw), PHRASES_FILE, error=SpecError)
    try:
        c, y, s, t, tb, st = data["claims"], data["years"], data["similarity"], data["title"], data["tables"], data["structure"]
        return Vocabulary(
            prose_figures=tuple(_prose_figure(item, i) for i, item in enumerate(data["prose_figures"])),
            claims=Claims(
                units=tuple(c["units"]),
                totals=tuple(c["totals"]),
                channels=tuple(c["channels"]),
                overlapping_topics=tuple(c["overlapping_topics"]),
                partial_words=tuple(c["partial_words"]),
                lead_words=tuple(c["lead_words"]),
                dividers=_compile(c["dividers"], "claims.dividers"),
                same_unit={str(k): str(v) for k, v in c["same_unit"].items()},
                new_statement=tuple(c["new_statement"]),
                catch_all=tuple(c["catch_all"]),
                growth_words=tuple(c["growth_words"]),
                approximate=str(c["approximate"]),
                continued=tuple(c["continued"]),
            ),
            years=Years(
                context_ok=tuple(y["context_ok"]),
                plans=tuple(y["plans"]),
                statistics_period=_compile(y["statistics_period"], "years.statistics_period"),
                carried_over=tuple(_compile(p, "years.carried_over") for p in y["carried_over"]),
                glued_month=_compile(y["glued_month"], "years.glued_month"),
                glued_day=_compile(y["glued_day"], "years.glued_day"),
                bare_day=_compile(y["bare_day"], "years.bare_day"),
                signature=_compile(y["signature"], "years.signature"),
                own_title_words=tuple(y["own_title_words"]),
                own_title_verbs=tuple(y["own_title_verbs"]),
            ),
            citation=_compile(data["citation"]["pattern"], "citation.pattern"),
            brackets=str(data["citation"]["brackets"]),
            notice_titles=tuple((str(x["edition"]), _compile(x["pattern"], "citation.titles")) for x in data["citation"]["titles"]),
            leftovers=tuple(Leftover(_compile(x["pattern"], f"leftovers[{i}]"), str(x["what"])) for i, x in enumerate(data["leftovers"])),
            similarity=Similarity(
                shingle=int(s["shingle"]),
                threshold=float(s["threshold"]),
                section_threshold=float(s["section_threshold"]),
                section_min_chars=int(s["section_min_chars"]),
                min_chars=int(s["min_chars"]),
                boilerplate=tuple(s["boilerplate"]),
            ),
            title=TitleWords(
                suffixes=tuple(t["suffixes"]),
                levels=tuple((str(x["level"]), _compile(x["pattern"], "title.levels")) for x in t["levels"]),
                preamble_levels=tuple((str(x["level"]), _compile(x["pattern"], "title.preamble_levels")) for x in t["preamble_levels"]),
                name_suffixes=tuple(t["name_suffixes"]),
                name_endings=tuple(t["name_endings"]),
            ),
            tables=TableWords(
                str(tb["subtotal_word"]),
                frozenset(str(x) for x in tb["not_numbers"]),
                tuple(tb["header_words"]),
                unit_suffix=_compile(tb["unit_suffix"], "tables.unit_suffix"),
                heading=_compile(tb["heading"], "tables.heading"),
            ),
            structure=Structure(
                report_words=tuple(st["report_words"]),
                announced_parts=_compile(st["announced_parts"], "structure.announced_parts"),
                legacy_contents=tuple(LegacyTopic(str(x["what"]), tuple(x["words"])) for x in st["legacy_contents"]),
            ),
            contact={str(k): _compile(str(v), f"contact.{k}") for k, v in data["contact"].items()},
        )
    except (KeyError, TypeError) as exc:
        raise SpecError(say.phrases_malformed(PHRASES_FILE, exc)) from None
