"""Scoring `kit check --document` against excerpts of real published reports (tests/data/real_reports).

Each case is written to a text file exactly as its page was copied and checked as a county office
checks it. A fault counts as found when a finding of its rule quotes its text (in the message or
the place as printed); every other finding, except those the case tolerates (the excerpt ends
mid-table), is a false alarm. Shared by tests/test_doccheck_real.py and benchmarks/bench_doccheck.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit.doccheck.documents import check_documents
from kit.findings import Finding
from kit.yamlio import load_yaml_text

CASES = Path(__file__).with_name("data") / "real_reports" / "cases.yaml"


@dataclass(frozen=True)
class Fault:
    rule: str
    quote: str


@dataclass(frozen=True)
class Case:
    id: str
    source: str
    text: str
    faults: tuple[Fault, ...]
    tolerate: frozenset[str]
    year: int | None = None
    held_out: bool = False  # gathered after the checks were written: how the kit does on reports it was not tuned on

    @property
    def clean(self) -> bool:
        return not self.faults


@dataclass
class Outcome:
    case: Case
    findings: list[Finding]
    found: list[Fault] = field(default_factory=list)
    missed: list[Fault] = field(default_factory=list)
    false_alarms: list[Finding] = field(default_factory=list)


def load_cases(path: Path = CASES) -> list[Case]:
    data: Any = load_yaml_text(path.read_text(encoding="utf-8"), path)
    out = []
    for raw in data["cases"]:
        out.append(
            Case(
                id=str(raw["id"]),
                source=str(raw["source"]),
                text=str(raw["text"]),
                faults=tuple(Fault(str(f["rule"]), str(f["quote"])) for f in raw.get("faults") or ()),
                tolerate=frozenset(str(r) for r in raw.get("tolerate") or ()),
                year=int(raw["year"]) if raw.get("year") else None,
                held_out=bool(raw.get("held_out", False)),
            )
        )
    return out


def _quotes(finding: Finding, fault: Fault) -> bool:
    return finding.rule == fault.rule and (fault.quote in finding.message or fault.quote in (finding.printed or ""))


def run_case(case: Case, folder: Path) -> Outcome:
    path = folder / f"{case.id}.txt"
    path.write_text(case.text, encoding="utf-8")
    (checked,) = check_documents([path], year=case.year)
    outcome = Outcome(case, list(checked.findings))
    for fault in case.faults:
        (outcome.found if any(_quotes(f, fault) for f in checked.findings) else outcome.missed).append(fault)
    for f in checked.findings:
        if f.rule in case.tolerate or any(_quotes(f, fault) for fault in case.faults):
            continue
        if any(f.rule == fault.rule for fault in case.faults) and not f.is_error:
            continue  # a second warning about a fault already expected (its other cells)
        outcome.false_alarms.append(f)
    return outcome


def run_all(folder: Path, cases: Iterable[Case] | None = None) -> list[Outcome]:
    return [run_case(c, folder) for c in (cases if cases is not None else load_cases())]


@dataclass
class RuleScore:
    expected: int = 0
    found: int = 0
    false_errors: int = 0
    false_warnings: int = 0


def score(outcomes: Iterable[Outcome]) -> dict[str, RuleScore]:
    per: dict[str, RuleScore] = defaultdict(RuleScore)
    for o in outcomes:
        for fault in o.case.faults:
            per[fault.rule].expected += 1
        for fault in o.found:
            per[fault.rule].found += 1
        for f in o.false_alarms:
            if f.is_error:
                per[f.rule].false_errors += 1
            else:
                per[f.rule].false_warnings += 1
    return dict(sorted(per.items()))
