"""Rule 13: "共N……其中a、b、c" — the parts add up to the total, and percentages fit.

The total is the last "N条/件…" before 其中 (in the same or the previous sentence); the parts are
the figures with the same unit after it, up to the end of the sentence — or on into the next
sentences when they complete the total ("其中自然人8件。另有法人2件。", see `_continued`). Parts larger than the
total are an error, unless they are publication channels or categories of published items,
which overlap (one notice on the website and on WeChat counts in both): then a warning, as in
the seed's "主动公开28条。其中公示公告28条，微信公众号2条". Parts that fall short are a
warning unless the sentence says it lists only some ("等", "主要包括").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from kit.doccheck.normalize import parse_number, quote
from kit.doccheck.prose import Passage, Reading
from kit.doccheck.vocabulary import NUMBER, Claims, vocabulary
from kit.findings import Finding, RuleId
from kit.messages import doccheck as say
from kit.values import Number, format_figure

_PAREN = re.compile(r"[（(][^（）()]*[）)]")
_PERCENT_AFTER = re.compile(r"^[，,（(]?\s*[^，、；。\d]{0,6}?(?:占|占比|比例为|比重为|为)?\s*(\d+(?:\.\d+)?)\s*[%％]")
_RATE = re.compile(r"(率|占比|比例|比重|占)\s*(?:达到|达|为|是)?\s*(\d+(?:\.\d+)?)\s*[%％]")
_PERCENTS = re.compile(r"\d+(?:\.\d+)?\s*[%％]")


@dataclass(frozen=True)
class Amount:
    value: Number
    unit: str
    start: int
    end: int
    number_end: int
    approximate: bool = False  # "100余条", "20多件": more than the number


def _amounts(text: str, claims: Claims, offset: int = 0) -> list[Amount]:
    units = "|".join(sorted(map(re.escape, claims.units), key=len, reverse=True))
    out = []
    for m in re.finditer(f"{NUMBER}\\s*(?P<about>{claims.approximate})?\\s*(?P<unit>{units})(?![%％])", text):
        value = parse_number(m.group("n"))
        before = text[max(0, m.start() - 1) : m.start()]
        if value is None or before.isdigit() or before in ".．":
            continue
        unit = claims.same_unit.get(m.group("unit"), m.group("unit"))
        out.append(Amount(value, unit, offset + m.start(), offset + m.end(), offset + m.end("n"), bool(m.group("about"))))
    return out


def _masked(text: str) -> str:
    """The text with parenthesised asides blanked out (same length), so nested figures are skipped."""
    prev = None
    while prev != text:
        prev = text
        text = _PAREN.sub(lambda m: "　" * len(m.group(0)), text)
    return text


def check_claims(reading: Reading) -> list[Finding]:
    claims = vocabulary().claims
    out: list[Finding] = []
    for passage in reading.prose():
        out += _check_passage(reading, passage, claims)
        out += _check_rates(reading, passage)
    return out


def _check_passage(reading: Reading, passage: Passage, claims: Claims) -> list[Finding]:
    text = passage.text
    masked = _masked(text)
    out: list[Finding] = []
    dividers = list(claims.dividers.finditer(masked))
    for i, m in enumerate(dividers):
        k = m.start()
        sentence_start = max(masked.rfind(c, 0, k) for c in "。！？") + 1
        nested = any(sentence_start <= d.start() < k for d in dividers[:i])
        totals = _totals_before(masked, k, claims)
        if not totals:
            continue
        end = _sentence_end(masked, m.end())
        if nested:
            semi = [j for j in (masked.find(c, m.end(), end) for c in "；;") if j >= 0]
            end = min(semi) if semi else end
        parts = [a for a in _parts(masked, m.end(), end, claims) if a.unit == totals[0].unit]
        if not parts:
            continue
        more, end, spread = _continued(masked, end, min(t.value for t in totals), parts, claims)
        parts += more
        if reading.own_report and _from_breakdown(reading, passage, [totals[0], *parts]):
            continue  # a quoted breakdown: validation's breakdown_total covers it (and its acknowledgement)
        out += _judge(reading, passage, totals, parts, m.end(), end, claims, spread)
        out += _percentages(reading, passage, totals[0], parts, masked)
    return out


def _parts(text: str, start: int, end: int, claims: Claims) -> list[Amount]:
    """The parts listed after a divider, up to `end`. A part followed by its own list ("机构类信息20条，
    内有领导成员10条……；工作类信息11条，其中……") counts once, its list is its own claim; a clause after
    "；" that starts a new statement ("；发布法定主动公开内容1条，包括……") ends the list."""
    out: list[Amount] = []
    pos = start
    for n, chunk in enumerate(re.split(r"(?<=[；;])", text[start:end])):
        chunk_start, pos = pos, pos + len(chunk)
        amounts = _amounts(chunk, claims, chunk_start)
        if not amounts:
            continue
        lead = text[chunk_start : amounts[0].start]
        if n > 0 and any(w in lead for w in claims.new_statement):
            break
        inner = claims.dividers.search(text, amounts[0].end, pos)
        out += [a for a in amounts if inner is None or a.start < inner.start()]
    return out


def _continued(text: str, end: int, total: Number, parts: list[Amount], claims: Claims) -> tuple[list[Amount], int, bool]:
    """Parts that go on in the next sentences ("共收到申请10件。其中自然人8件。另有法人2件。").
    They are joined only when that makes the parts add up to the total exactly, or — after a word
    that continues the list (另有, 此外 …) — when they then exceed it; a sentence of other figures
    of the same unit is never read as parts, and a shortfall stays the first sentence's. Stops at
    a sentence with its own total or divider, and after three sentences. Returns the parts joined,
    where they end, and whether they exceed the total (a 此外 may also mean "besides the total":
    that is a question for the reviewer, not an error)."""
    whole = sum((p.value for p in parts), start=0)
    pending: list[Amount] = []
    continued = False
    pos = end
    for _ in range(3):
        if pos >= len(text) or text[pos] != "。":
            break
        start, stop = pos + 1, _sentence_end(text, pos + 1)
        sentence = text[start:stop]
        opening = sentence.lstrip("，, 　")
        amounts = [a for a in _amounts(sentence, claims, start) if a.unit == parts[0].unit]
        if not amounts or claims.dividers.search(sentence) or opening.startswith(claims.totals + claims.new_statement):
            break
        pending += amounts
        continued = continued or opening.startswith(claims.continued)
        whole += sum((a.value for a in amounts), start=0)
        pos = stop
        if whole == total:
            return pending, stop, False
        if whole > total:
            return (pending, stop, True) if continued else ([], end, False)
    return [], end, False


def _totals_before(text: str, k: int, claims: Claims) -> list[Amount]:
    """What a divider divides: the amount just before it, and — when the clause before it names two
    amounts of the same unit ("收到申请59件，上年度结转办理2件，其中……", "行政复议案件6件和行政诉讼案件3件，
    其中……") — also their sum. Empty when the amount before it is not close enough to be its total."""
    window_start = max(0, k - 120)
    amounts = _amounts(text[window_start:k], claims, window_start)
    if not amounts:
        return []
    total = amounts[-1]
    between = text[total.end : k]
    if re.search(r"\d", _PERCENTS.sub("", between)) or "；" in between:
        return []
    sentence_end = between.find("。")
    if sentence_end >= 0 and between[sentence_end + 1 :].strip(" 　"):
        return []  # "……28条。其中……" only when 其中 opens the next sentence
    if len(between.strip("，,。:： 　")) > 30:
        return []  # "共收到申请5件，均已按时答复，其中……" is still the 5; a longer aside is not
    segment_start = max(text.rfind(c, 0, total.start) for c in "。；！？;") + 1
    same = [a for a in amounts if a.start >= segment_start and a.unit == total.unit]
    if len(same) > 1:
        whole = sum((a.value for a in same), start=0)
        return [total, Amount(whole, total.unit, same[0].start, total.end, total.number_end, any(a.approximate for a in same))]
    return [total]


def _sentence_end(text: str, start: int) -> int:
    ends = [i for i in (text.find(c, start) for c in "。！？") if i >= 0]
    return min(ends) if ends else len(text)


def _names(text: str, parts: list[Amount], start: int) -> list[str]:
    names, pos = [], start
    for p in parts:
        chunk = re.split(r"[，、；,;：:]", text[pos : p.start])[-1]
        names.append(chunk.strip().removeprefix("其中").strip("为是有共计"))
        pos = p.end
    return names


def _from_breakdown(reading: Reading, passage: Passage, amounts: list[Amount]) -> bool:
    spans = [passage.span_at(a.start, a.number_end) for a in amounts]
    return all(s is not None and s[2].startswith("figures.") for s in spans)


def _judge(
    reading: Reading, passage: Passage, totals: list[Amount], parts: list[Amount], start: int, end: int, claims: Claims, spread: bool = False
) -> list[Finding]:
    text = passage.text
    names = _names(text, parts, start)
    whole = sum((p.value for p in parts), start=0)
    if any(whole == t.value and not t.approximate for t in totals):
        return []
    total = max(totals, key=lambda t: t.value)
    listed = "、".join(f"{n}{format_figure(p.value)}{p.unit}" for n, p in zip(names, parts, strict=True))
    said = quote(text, totals[0].start, parts[-1].end, around=6)
    t = f"{format_figure(total.value)}{say.APPROXIMATELY if total.approximate else ''}{total.unit}"
    if len(totals) > 1:
        t = say.or_with_the_one_before(f"{format_figure(totals[0].value)}{totals[0].unit}", f"{format_figure(total.value)}{total.unit}")
    total_clause = text[max(0, totals[0].start - 30) : totals[0].end]
    overlap = any(c in n for n in names for c in claims.channels) or any(w in total_clause for w in claims.overlapping_topics)
    ambiguous = len(totals) > 1 or spread
    biggest = max(parts, key=lambda p: p.value)
    if biggest.value > total.value and not total.approximate:  # even overlapping channels: no part can be larger than the whole
        return [reading.finding("error", RuleId.CLAIM_PARTS, say.part_exceeds_total(said, f"{format_figure(biggest.value)}{biggest.unit}", t), passage)]
    if whole > total.value and not total.approximate:
        if overlap or ambiguous:
            return [
                reading.finding(
                    "warning",
                    RuleId.CLAIM_PARTS,
                    say.parts_exceed_total(said, listed, f"{format_figure(whole)}{total.unit}", t)
                    + (say.CHANNELS_OVERLAP if overlap else say.CHECK_WHICH_TOTAL),
                    passage,
                )
            ]
        return [reading.finding("error", RuleId.CLAIM_PARTS, say.parts_differ_from_total(said, listed, f"{format_figure(whole)}{total.unit}", t), passage)]
    smallest = min(totals, key=lambda t: t.value)
    if whole < smallest.value and len(parts) > 1 and not any(p.approximate for p in parts):
        tail = text[parts[-1].end : min(end + 1, len(text))]
        head = text[start : parts[0].start]
        divider = text[max(0, start - 4) : start]
        catch_all = any(w in n for n in names for w in claims.catch_all)
        listed_some = any(w in tail[:4] for w in claims.partial_words) or (
            not catch_all and (any(w in head for w in claims.partial_words) or any(w in divider for w in claims.partial_words))
        )
        if listed_some:
            return []
        return [
            reading.finding(
                "warning",
                RuleId.CLAIM_PARTS,
                say.parts_short_of_total(said, listed, f"{format_figure(whole)}{smallest.unit}", f"{format_figure(smallest.value)}{smallest.unit}")
                + (say.CATCH_ALL_LISTED if catch_all else say.ADD_DENG),
                passage,
            )
        ]
    return []


def _percentages(reading: Reading, passage: Passage, total: Amount, parts: list[Amount], masked: str) -> list[Finding]:
    """A part followed by "占X%": X should be part / total."""
    out = []
    shown = []
    for p in parts:
        m = _PERCENT_AFTER.match(masked[p.end : p.end + 14])
        if not m or not total.value:
            continue
        said = Decimal(m.group(1))
        shown.append(said)
        actual = Decimal(p.value) * 100 / Decimal(total.value)
        if abs(actual - said) > Decimal("1"):
            out.append(
                reading.finding(
                    "warning",
                    RuleId.CLAIM_PERCENT,
                    say.percent_differs(quote(passage.text, p.start, p.end + m.end(), around=4), format_figure(p.value), format_figure(total.value), f"{actual:.1f}", format_figure(said)),
                    passage,
                )
            )
    if len(shown) >= 2 and sum(shown) > Decimal("100.5") and not out:
        out.append(
            reading.finding(
                "warning",
                RuleId.CLAIM_PERCENT,
                say.percents_over_100([format_figure(x) for x in shown], format_figure(sum(shown))),
                passage,
            )
        )
    return out


def _check_rates(reading: Reading, passage: Passage) -> list[Finding]:
    """A share or rate above 100% (办结率120%) — growth rates excepted."""
    out = []
    for m in _RATE.finditer(passage.text):
        value = Decimal(m.group(2))
        before = passage.text[max(0, m.start() - 8) : m.start()]
        if value > 100 and not any(g in before for g in vocabulary().claims.growth_words):
            out.append(reading.finding("warning", RuleId.CLAIM_PERCENT, say.rate_over_100(quote(passage.text, m.start(), m.end())), passage))
    return out
