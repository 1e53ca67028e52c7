"""A published report's prose, with its figures quoted again: "收到申请6件" -> "收到申请${tables.applications.new.total}件".

In the kit a figure is typed once and the prose quotes it with ${...}; a published report has
the figure typed into the sentence. On the way in, each number that a known phrase names
(the reviewer's phrases in kit/doccheck/phrases.yaml, and kit/imports/phrases.yaml for the
figures only the prose carries) is turned back into a quotation:

- when the phrase names a table cell and the number equals the cell, it becomes ${tables…}
  (a number that disagrees stays as printed: the check will say so);
- when it names a figure kept outside the tables (本年主动公开政府信息总数, 收取信息处理费 …),
  the number is that figure's value, and becomes ${figures…};
- a phrase that says "none" ("未收取信息处理费") gives that figure 0;
- the channels or kinds listed after the proactive total ("工作动态65条、通知公告37条") become
  the breakdown, quoted whole or item by item as printed.

Only numbers a phrase names are touched, so the printed text of the report is the same before
and after; what is quoted can no longer drift from the table. A "${" printed in the report is
written "$${", so text from a published report is never taken for a quotation.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from kit.doccheck.normalize import clause_start, parse_number
from kit.doccheck.vocabulary import NUMBER, vocabulary
from kit.report import BreakdownItem
from kit.spec import load_spec
from kit.values import Number
from kit.yamlio import load_yaml_text

PHRASES = Path(__file__).with_name("phrases.yaml")


@dataclass(frozen=True)
class _Phrase:
    what: str
    patterns: tuple[re.Pattern[str], ...]
    value: dict[str, tuple[str, ...]]
    zero: bool
    not_after: tuple[str, ...]
    bare: bool


@dataclass(frozen=True)
class _Breakdown:
    figure: str
    lead: re.Pattern[str]
    item: re.Pattern[str]
    separators: re.Pattern[str]
    unit: str = ""  # the edition's unit of the breakdown (条), as the kit prints it


@functools.cache
def _phrases() -> tuple[tuple[_Phrase, ...], _Breakdown]:
    mine = load_yaml_text(PHRASES.read_text(encoding="utf-8"), PHRASES)
    out = [_Phrase(p.what, p.patterns, dict(p.value), p.zero, p.not_after, p.bare) for p in vocabulary().prose_figures]
    for item in mine["prose_figures"]:
        value: dict[str, tuple[str, ...]] = {str(k): (str(v),) for k, v in item["value"].items()}
        patterns = tuple(re.compile(p.replace("{N}", NUMBER)) for p in item["patterns"])
        out.append(_Phrase(str(item["what"]), patterns, value, bool(item.get("zero")), tuple(item.get("not_after") or ()), bool(item.get("bare"))))
    b = mine["breakdown"]
    breakdown = _Breakdown(str(b["figure"]), re.compile(b["lead"]), re.compile(b["item"]), re.compile(b["separators"]))
    return tuple(out), breakdown


@dataclass
class Quoted:
    prose: dict[str, str] = field(default_factory=dict)
    figures: dict[str, Number | list[BreakdownItem]] = field(default_factory=dict)
    quoted: int = 0  # numbers turned into ${...}


def quote_prose(prose: dict[str, str], edition: str, cells: dict[str, Number | None], figure_kinds: dict[str, str], year: int) -> Quoted:
    """`prose` by section as printed; `cells` every table value (computed totals included);
    `figure_kinds`: the edition's figures (id -> count | money | breakdown)."""
    phrases, breakdown = _phrases()
    if breakdown.figure in figure_kinds:
        breakdown = dataclasses.replace(breakdown, unit=load_spec(edition).figure(breakdown.figure).unit)
    out = Quoted()
    for section, printed in prose.items():
        text = printed.replace("${", "$${")  # "${" printed in a report is text, never a quotation
        out.prose[section] = "\n".join(_quote_paragraph(line, edition, cells, figure_kinds, phrases, breakdown, out) for line in text.split("\n"))
    if breakdown.figure in figure_kinds and breakdown.figure not in out.figures and "proactive_total" in out.figures:
        # the kinds listed in a sentence of their own ("按内容统计，工作动态65条、通知公告37条")
        for section, text in out.prose.items():
            lines = text.split("\n")
            for i, line in enumerate(lines):
                found = _listed(line, breakdown, out)
                if found:
                    lines[i] = _apply(line, found, out)
                    out.prose[section] = "\n".join(lines)
                    break
            if breakdown.figure in out.figures:
                break
    for section, text in out.prose.items():
        out.prose[section] = "\n".join(_quote_years(line, year, out) for line in text.split("\n"))
    return out


_AFTER = re.compile(r"[，,：:；;。（(]")


def _listed(text: str, b: _Breakdown, out: Quoted) -> dict[tuple[int, int], str]:
    """The first list of two or more kinds joined by 、 (as the kit prints a breakdown), after a comma or colon."""
    for m in _AFTER.finditer(text):
        items = _items(text, m.end(), len(text), b, joined_by="、")
        if len(items) >= 2:
            return _take(text, items, b, out)
    return {}


def _apply(text: str, replacements: dict[tuple[int, int], str], out: Quoted) -> str:
    for (start, end), quote in sorted(replacements.items(), reverse=True):
        text = text[:start] + quote + text[end:]
        out.quoted += 1
    return text


def _quote_years(text: str, year: int, out: Quoted) -> str:
    """The report's year, and the years either side, as ${year}, ${next_year}, ${prev_year}."""
    names = {year: "year", year + 1: "next_year", year - 1: "prev_year"}

    def swap(m: re.Match[str]) -> str:
        out.quoted += 1
        return "${" + names[int(m.group(1))] + "}"

    return re.sub(rf"(?<![\d$]|\{{)({year - 1}|{year}|{year + 1})(?=\s*年)", swap, text)


def _quote_paragraph(
    text: str,
    edition: str,
    cells: dict[str, Number | None],
    kinds: dict[str, str],
    phrases: tuple[_Phrase, ...],
    breakdown: _Breakdown,
    out: Quoted,
) -> str:
    replacements: dict[tuple[int, int], str] = {}  # (start, end) of a number -> ${name}

    def free(start: int, end: int) -> bool:
        return not any(a < end and start < b for a, b in replacements)

    for phrase in phrases:
        names = phrase.value.get(edition)
        if not names or len(names) != 1:
            continue  # a sum of cells is not one quotation
        name = names[0]
        for pattern in phrase.patterns:
            for m in pattern.finditer(text):
                clause = text[clause_start(text, m.start()) : m.start()]
                if any(w in clause for w in phrase.not_after):
                    continue
                if phrase.zero:
                    if name.startswith("figures.") and name[8:] in kinds and name[8:] not in out.figures:
                        out.figures[name[8:]] = 0
                    continue
                said = parse_number(m.group("n"))
                if said is None or not re.fullmatch(r"\d+(?:\.\d+)?", m.group("n")) or not free(m.start("n"), m.end("n")):
                    continue  # a number in Chinese numerals is left as printed
                if name.startswith("tables."):
                    if cells.get(name[len("tables.") :]) != said:
                        continue
                elif name.startswith("figures."):
                    fid = name[len("figures.") :]
                    if fid not in kinds:
                        continue
                    known = out.figures.get(fid)
                    if known is None or (known == 0 and not isinstance(known, list)):
                        out.figures[fid] = said
                    elif known != said:
                        continue  # the prose gives this figure twice, differently: leave the second as printed
                else:
                    continue
                replacements[(m.start("n"), m.end("n"))] = "${" + name + "}"
                if name == "figures.proactive_total" and breakdown.figure in kinds:
                    replacements.update(_breakdown(text, m.end(), breakdown, out))
    return _apply(text, replacements, out)


def _sentence_end(text: str, start: int) -> int:
    ends = [i for i in (text.find(mark, start) for mark in "。；;") if i >= 0]
    return min(ends, default=len(text))


def _items(text: str, pos: int, end: int, b: _Breakdown, joined_by: str | None = None) -> list[tuple[re.Match[str], str]]:
    items: list[tuple[re.Match[str], str]] = []
    while pos < end:
        m = b.item.match(text, pos)
        if m is None:
            break
        sep = b.separators.match(text, m.end())
        if sep and joined_by is not None and sep.group(0) != joined_by:
            sep = None
        items.append((m, sep.group(0) if sep else ""))
        if not sep:
            break
        pos = sep.end()
    return items


def _breakdown(text: str, after: int, b: _Breakdown, out: Quoted) -> dict[tuple[int, int], str]:
    """The kinds listed after the total, in the same sentence: quoted whole when printed as the kit
    prints a breakdown (A65条、B37条), else item by item."""
    end = _sentence_end(text, after)
    if text.startswith("其中", end + 1):  # "……28条。其中公示公告28条，微信公众号2条。"
        end = _sentence_end(text, end + 1)
    if b.figure in out.figures:
        return {}
    items: list[tuple[re.Match[str], str]] = []
    for lead in b.lead.finditer(text, after, end):
        items = _items(text, lead.end(), end, b)
        if len(items) >= 2:
            break
    if len(items) < 2:
        return {}
    return _take(text, items, b, out)


def _take(text: str, items: list[tuple[re.Match[str], str]], b: _Breakdown, out: Quoted) -> dict[tuple[int, int], str]:
    names = [m.group("name") for m, _ in items]
    if len(set(names)) != len(names):
        return {}
    out.figures[b.figure] = [BreakdownItem(m.group("name"), int(m.group("n"))) for m, _ in items]
    whole = "、".join(f"{m.group('name')}{m.group('n')}{b.unit}" for m, _ in items)
    first, last = items[0][0], items[-1][0]
    if text[first.start() : last.end()] == whole:
        return {(first.start(), last.end()): "${figures." + b.figure + "}"}
    return {(m.start("n"), m.end("n")): "${figures." + b.figure + "." + m.group("name") + "}" for m, _ in items}

