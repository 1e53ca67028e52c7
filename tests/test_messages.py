"""User-facing Chinese text is written once, in kit/messages/<area>.py.

Two checks over every module of the kit, read with ``ast`` (docstrings do not count; comments are
not in the tree):

1. No sentence is written twice: a string literal with 8 or more Chinese characters appears in
   one place only in the whole kit, kit/messages included. A second copy is how two wordings of
   one message start.
2. An area that has moved its texts into kit/messages does not grow new literals back: every
   module outside kit/messages may hold at most the Chinese literals its allowance below says
   (0 when it is not listed). The table lists the modules not converted yet; it only shrinks.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KIT = ROOT / "kit"
CJK = re.compile(r"[\u4e00-\u9fff]")
SENTENCE = 8  # Chinese characters from which a literal counts as a sentence that must not be repeated

# Chinese literals (each constant part of an f-string counts) still written in these modules;
# converted areas are absent (so 0): rules, validation, store, yamlio, values, errors, cli, build, batch,
# report, findings, checking, spec, notebook, doccheck, imports, data, render, form.
# Chinese that is not a message, in converted areas: names the machine matches, not sentences for people.
NOT_MESSAGES: dict[str, int] = {
    "kit/build/prerequisites.py": 3,  # the CJK font families a PDF may use (仿宋, 宋体, 方正小标宋简体)
    "kit/batch/preload.py": 1,  # a warm-up page whose characters load the CJK fonts before the first report
    # what kit.doccheck looks for in a report: patterns of years, dates, page numbers, headings and percentages,
    # Chinese numerals, and the few words a title or a list is recognised by
    "kit/doccheck/claims.py": 4,  # percentages after a part and rates; 其中 and 为是有共计 stripped from a part's name
    "kit/doccheck/documents.py": 4,  # the year in a title, a signing date; 关于的 stripped from a body's name
    "kit/doccheck/fetching.py": 2,  # a page holding a report (一、…) or linking one (报告)
    "kit/doccheck/normalize.py": 14,  # Chinese numerals: 零 … 九, 十 百 千
    "kit/doccheck/reading.py": 1,  # a page title holding 报告
    "kit/doccheck/reading_pdf.py": 1,  # a page number line (第1页 共3页)
    "kit/doccheck/sections.py": 7,  # headings numbered 一、 and （一）, and their numerals
    "kit/doccheck/vocabulary.py": 1,  # a number written in digits or Chinese numerals
    "kit/doccheck/years.py": 10,  # years, dates, ranges (2021—2025年), 截至…年底
    # what kit import looks for in a published report
    "kit/imports/preamble.py": 6,  # the opening paragraph's website, contact office, address, postcode, phone, e-mail
    "kit/imports/quoting.py": 2,  # a year before 年; a breakdown continuing in a sentence of its own (其中…)
    "kit/imports/run.py": 1,  # the county at the head of a body's name (…县, …自治旗, …区)
    "kit/imports/sections.py": 1,  # the signing date
    "kit/data/frame.py": 1,  # a year range as typed (2019-2025, 2019至2025)
    "kit/data/summary.py": 1,  # the level the county total is checked as: an id of kit/spec/editions/levels.yaml
    "kit/form/widgets.py": 1,  # 年 after a year as typed (2025年), dropped before the digits are read
    "kit/render/charts.py": 1,  # the numbering a chart's short label drops (（二）, 3、, 一.)
    "kit/render/docx.py": 8,  # the fonts a Word file names (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体) and their substitutes
}
ALLOWANCE: dict[str, int] = {}  # every area is converted: a new module starts at 0


def _modules() -> list[Path]:
    return [p for p in sorted(KIT.rglob("*.py")) if p.relative_to(KIT).parts[0] != "messages"]


def chinese_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string constant holding Chinese, docstrings left out."""
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings and CJK.search(node.value)
    ]


LITERALS = {str(p.relative_to(ROOT)): chinese_literals(p.read_text(encoding="utf-8")) for p in _modules()}
CATALOGUE = {str(p.relative_to(ROOT)): chinese_literals(p.read_text(encoding="utf-8")) for p in sorted((KIT / "messages").glob("*.py"))}


def test_no_sentence_is_written_twice() -> None:
    places: dict[str, list[str]] = defaultdict(list)
    for module, literals in (LITERALS | CATALOGUE).items():
        for line, text in literals:
            if len(CJK.findall(text)) >= SENTENCE:
                places[text].append(f"{module}:{line}")
    twice = {text: where for text, where in places.items() if len(where) > 1}
    assert not twice, f"the same text written in several places; write it once in kit/messages/<area>.py and use it from there: {twice}"


@pytest.mark.parametrize("module", sorted(LITERALS))
def test_converted_areas_stay_converted(module: str) -> None:
    allowed = ALLOWANCE.get(module, 0) + NOT_MESSAGES.get(module, 0)
    found = LITERALS[module]
    assert len(found) <= allowed, (
        f"{module} holds {len(found)} Chinese literals, {allowed} allowed: user-facing text goes into kit/messages/<area>.py "
        f"(a constant, or a function returning the finished sentence); found: {found}"
    )


def test_the_allowance_names_modules_that_exist() -> None:
    """A module moved or converted leaves the table, so the table shrinks instead of going stale."""
    assert not (set(ALLOWANCE) | set(NOT_MESSAGES)) - set(LITERALS), sorted((set(ALLOWANCE) | set(NOT_MESSAGES)) - set(LITERALS))


def test_the_readers_would_notice() -> None:
    """The reader sees f-string parts and skips docstrings: a check that cannot fail is no check."""
    source = 'def f(x):\n    """说明文字不算。"""\n    return f"应为数字，实为 {x}"\n'
    assert chinese_literals(source) == [(3, "应为数字，实为 ")]


def test_messages_import_nothing_above_the_foundations() -> None:
    """kit.messages sits in the foundations layer: it may use the value types, nothing that reads specs or files."""
    allowed = {"kit.values", "kit.findings", "kit.messages"}
    for path in sorted((KIT / "messages").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kit"):
                assert node.module in allowed or node.module.startswith("kit.messages."), f"{path.name} imports {node.module}"
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("kit") for a in node.names), f"{path.name} imports {[a.name for a in node.names]}"
