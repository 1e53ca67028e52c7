"""A published report's prose, split into the edition's sections as the kit's year file holds it.

The document check has already found the title, the headings (matched to the edition's top-level
sections by title) and the paragraphs under each (kit.doccheck.sections and documents). Here the
level-two headings are matched to the section's subsections — by title, else by their number
（一）（二）… — and each paragraph goes to the subsection it sits in (a chart's caption, "图1 …", is not prose). A free-form report (2018
and earlier) keeps its own titles where they differ from the outline, and headings printed with
their text run in ("（一）主动公开情况。按照…"). Text that belongs to no section of the
edition (prose printed inside a table section, say) is named in a finding, never dropped silently.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from kit.doccheck.documents import DocumentChecked
from kit.doccheck.items import Para
from kit.doccheck.sections import MATCH, Heading, title_likeness
from kit.findings import Finding, RuleId, warning
from kit.messages import imports as msg
from kit.spec import Section, Spec


@dataclass
class Prose:
    prose: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    run_in: list[str] = field(default_factory=list)
    opening: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def _sub_section(top: Section, heading: Heading, year: int) -> Section | None:
    subs = list(top.subsections)
    if not subs:
        return None
    best = max(subs, key=lambda s: title_likeness(heading.title, _title(s, year)))
    if title_likeness(heading.title, _title(best, year)) >= MATCH:
        return best
    if 1 <= heading.numeral <= len(subs):
        return subs[heading.numeral - 1]
    return None


def _title(section: Section, year: int) -> str:
    return section.title.replace("${next_year}", str(year + 1)).replace("${year}", str(year)).replace("${prev_year}", str(year - 1))


def split_prose(checked: DocumentChecked, spec: Spec, year: int) -> Prose:
    out = Prose()
    doc, layout = checked.doc, checked.layout
    if doc is None or layout is None:
        return out
    prose_ids = {s.id for s in spec.prose_sections()}
    top: Section | None = None
    current: Section | None = None
    first = layout.title_items[0] if layout.title_items else 0
    last_top = max((h.index for h in layout.headings if h.level == 1), default=len(doc.items))
    signature = next(
        (i for i, item in enumerate(doc.items) if i > last_top and isinstance(item, Para) and _is_signature(item.text)),
        len(doc.items),
    )
    if signature < len(doc.items) and signature > 0:
        signer = doc.items[signature - 1]
        if isinstance(signer, Para) and len(signer.text) <= 30 and "。" not in signer.text and layout.heading_at(signature - 1) is None:
            signature -= 1  # the body's name above the date signs the report; it is not prose
    unplaced: list[str] = []

    def add(text: str) -> None:
        if current is None:
            if top is None:
                out.opening.append(text)
            else:
                unplaced.append(f"{top.number}{top.title}：{text[:30]}")
            return
        if current.id not in prose_ids:
            unplaced.append(f"{current.number}{current.title}：{text[:30]}")
            return
        out.prose[current.id] = "\n".join(x for x in (out.prose.get(current.id), text) if x)

    for index, item in enumerate(doc.items):
        if index < first or index in layout.title_items or index >= signature:
            continue
        heading = layout.heading_at(index)
        if heading is not None:
            if heading.level == 1:
                top = heading.section
                current = top if top is not None and (top.is_prose or top.table) else None
                if top is None:
                    unplaced.append(heading.printed)
            elif top is not None:
                current = _sub_section(top, heading, year) or current
            section = current
            if spec.free_form and section is not None and isinstance(item, Para):
                printed = _printed_title(item.text, heading)
                if printed != _title(section, year):
                    out.titles[section.id] = printed
            if heading.run_in:
                if section is not None and section.id not in out.run_in:
                    out.run_in.append(section.id)
                add(heading.run_in)
            continue
        if isinstance(item, Para) and not _caption().match(item.text):
            add(item.text)
    if unplaced:
        out.findings.append(warning(RuleId.IMPORT_PROSE, msg.prose_unplaced(unplaced), printed=msg.PROSE))
    return out


@functools.cache
def _caption() -> re.Pattern[str]:
    """A chart's caption (kit/imports/phrases.yaml): the chart's, not the section's prose."""
    from kit.imports.quoting import PHRASES
    from kit.yamlio import load_yaml_text

    return re.compile(str(load_yaml_text(PHRASES.read_text(encoding="utf-8"), PHRASES)["caption"]))


def _printed_title(text: str, heading: Heading) -> str:
    """The title as printed, with the mark that ends it when text runs in after it ("主动公开情况。")."""
    rest = text.strip()[len(heading.number) :].strip() if text.strip().startswith(heading.number) else text.strip()
    if heading.run_in and rest.endswith(heading.run_in):
        rest = rest[: -len(heading.run_in)]
    return rest.strip()


def _is_signature(text: str) -> bool:
    return bool(re.match(r"^\s*(?:(?:19|20)\d{2}|\s)*年\s*(?:\d{1,2})?\s*月\s*(?:\d{1,2})?\s*日\s*$", text))
