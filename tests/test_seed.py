"""The seed: the kit rebuilds the 2018 report of 微山县驩城镇 word for word from its parameters."""

from __future__ import annotations

from pathlib import Path

from kit.document import Heading, Paragraph, build_document
from kit.render.text import render_text
from kit.report import BodyRef
from kit.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "seed_2018_huancheng.txt"  # the repository's own copy of the seed
ARTEFACT = "[bookmark: _GoBack]"  # a word-processor bookmark, not content


def seed_lines(text: str) -> list[str]:
    """Lines of a report with layout whitespace (indents, trailing blanks) set aside."""
    return [line.strip() for line in text.replace(ARTEFACT, "").strip().split("\n")]


def rebuilt():
    report = Store(ROOT / "parameters").load_year(BodyRef.parse("微山县/驩城镇"), 2018)
    return build_document(report)


def test_seed_rebuilt_word_for_word() -> None:
    assert SEED.is_file(), f"seed missing: {SEED}"
    assert seed_lines(render_text(rebuilt())) == seed_lines(SEED.read_text(encoding="utf-8"))


def test_seed_is_generated_from_structure_not_pasted() -> None:
    doc = rebuilt()
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert headings[0] == "一、政府信息公开情况"
    assert "三、2019年工作思路" in headings  # the title is the spec's ${next_year}年工作思路
    report = doc.report
    assert report.edition == "legacy2008"
    assert "${figures.proactive_total}" in (report.prose["proactive"] or "")
    # change a figure: the rebuilt text follows the data, not a stored copy
    report.figures["proactive_total"] = 31
    text = render_text(build_document(report))
    assert "主动公开政府信息31条" in text and "主动公开政府信息28条" not in text
    lead = [b for b in doc.blocks if isinstance(b, Paragraph) and b.lead]
    assert [b.lead for b in lead] == ["（一）主动公开情况。"]
