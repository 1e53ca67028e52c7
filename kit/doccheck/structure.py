"""Rule 15 for the report as a whole: the parts its opening announces, and what a free-form report
of 2018 and earlier must contain.

"本报告由……等五部分组成" in a report printed with six parts, or "四个部分" in a 2020 report whose
format has six, is what a reviewer reads first and marks. Reports of 2018 and earlier have no
fixed outline, but 2008 条例 第三十二条 lists what they must report on (主动公开; 依申请公开和不予公开;
收费及减免; 行政复议和行政诉讼; 主要问题及改进); a report that leaves one out is incomplete even
though no section title is prescribed. The words that show each topic are data (phrases.yaml).
"""

from __future__ import annotations

from kit.doccheck.normalize import chinese_number, quote, sentences
from kit.doccheck.prose import Passage, Reading
from kit.doccheck.sections import Layout, section_titles
from kit.doccheck.vocabulary import vocabulary
from kit.findings import Finding, RuleId
from kit.messages import doccheck as say
from kit.spec import Spec


def check_structure(reading: Reading, layout: Layout, spec: Spec) -> list[Finding]:
    out = _announced_parts(reading, layout, spec)
    if spec.free_form:
        out += _legacy_contents(reading)
    return out


def _opening_passages(reading: Reading) -> list[Passage]:
    """The opening paragraph and the first paragraphs after it, where reports say what they contain."""
    return [p for p in reading.passages if p.kind in ("opening", "prose")][:3]


def _announced_parts(reading: Reading, layout: Layout, spec: Spec) -> list[Finding]:
    words = vocabulary().structure
    present = [h for h in layout.headings if h.level == 1]
    for passage in _opening_passages(reading):
        for offset, sentence in sentences(passage.text):
            if not any(w in sentence for w in words.report_words):
                continue
            m = words.announced_parts.search(sentence)
            if m is None:
                continue
            n = chinese_number(m.group("n")) if not m.group("n").isdigit() else int(m.group("n"))
            if not n:
                continue
            said = quote(passage.text, offset + m.start("n"), offset + m.end(), around=16)
            if not spec.free_form:
                if n != len(spec.sections):
                    titles = "、".join(f"{s.number}{t}" for s, t in section_titles(spec, reading.year))
                    return [reading.finding("error", RuleId.SECTION_COUNT, say.parts_announced_for_format(said, n, spec.name, len(spec.sections), titles), passage)]
                return []
            if len(present) >= 2 and n != len(present):
                # a warning: a free-form report's headings are recognised by their numbering only
                printed = "、".join(h.printed for h in present)
                return [reading.finding("warning", RuleId.SECTION_COUNT, say.parts_announced_vs_present(said, n, len(present), printed), passage)]
            return []
    return []


def _legacy_contents(reading: Reading) -> list[Finding]:
    text = "\n".join(p.text for p in reading.passages if p.kind in ("opening", "prose", "heading"))
    out = []
    for topic in vocabulary().structure.legacy_contents:
        if not any(w in text for w in topic.words):
            out.append(reading.finding("error", RuleId.LEGACY_CONTENTS, say.legacy_topic_missing(topic.what), printed=say.WHOLE_REPORT))
    return out
