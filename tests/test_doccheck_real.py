"""`kit check --document` on excerpts of real published reports (tests/data/real_reports/cases.yaml).

Every fault a careful reviewer finds there is found, quoted in the finding, and a report without
faults gets no error; the figures per rule are printed by benchmarks/bench_doccheck.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from real_reports import load_cases, run_case, score

from kit.findings import Severity

CASES = load_cases()
# Faults the kit does not find yet (case id -> rule): kept here so that a new miss fails a test.
KNOWN_MISSES: dict[str, set[str]] = {}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_real_report_gets_what_a_reviewer_finds(case, tmp_path: Path) -> None:
    outcome = run_case(case, tmp_path)
    missed = {f.rule for f in outcome.missed}
    assert missed <= KNOWN_MISSES.get(case.id, set()), [f"{f.rule}: {f.quote}" for f in outcome.missed]
    false_errors = [f.describe() for f in outcome.false_alarms if f.severity is Severity.ERROR]
    assert false_errors == []


def test_the_set_covers_every_edition_and_kind_of_body(tmp_path: Path) -> None:
    texts = " ".join(c.text for c in CASES)
    for word in ("镇", "乡", "街道", "局", "开发区", "新区", "本年新制作数量", "本年制发件数"):
        assert word in texts
    assert sum(c.clean for c in CASES) >= 12
    assert any(c.year and c.year <= 2018 for c in CASES) or "2017年" in texts


def test_no_clean_report_gets_an_error(tmp_path: Path) -> None:
    per = score(run_case(c, tmp_path) for c in CASES if c.clean)
    assert sum(s.false_errors for s in per.values()) == 0
