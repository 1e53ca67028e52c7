"""How well `kit check --document` reads real published reports: recall and false alarms per rule.

    .venv/bin/python benchmarks/bench_doccheck.py [--cases] [--json]

Runs every case of tests/data/real_reports/cases.yaml (excerpts of real reports, each marked with
the faults a careful reviewer finds, or clean) through the document check, and prints per rule:
the faults expected, how many were found (recall), and the findings raised where a reviewer finds
nothing (false errors and false warnings). `--cases` lists each missed fault and false alarm.
A script, not a test: it prints figures and never fails on them (tests/test_doccheck_real.py
holds the floor).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", action="store_true", help="list every missed fault and false alarm")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    from real_reports import load_cases, run_all, score

    cases = load_cases()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        outcomes = run_all(Path(tmp), cases)
    elapsed = time.perf_counter() - started
    groups = {"all": outcomes, "held_out": [o for o in outcomes if o.case.held_out]}
    report = {}
    for name, group in groups.items():
        per = score(group)
        clean = [o for o in group if o.case.clean]
        expected = sum(s.expected for s in per.values())
        found = sum(s.found for s in per.values())
        report[name] = {
            "totals": {
                "cases": len(group),
                "clean_cases": len(clean),
                "faults": expected,
                "found": found,
                "recall": round(found / expected, 3) if expected else None,
                "false_errors": sum(s.false_errors for s in per.values()),
                "false_warnings": sum(s.false_warnings for s in per.values()),
                "clean_cases_with_a_false_error": sum(1 for o in clean if any(f.is_error for f in o.false_alarms)),
                "seconds": round(elapsed, 2),
            },
            "rules": {k: vars(v) for k, v in per.items()},
        }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for name, title in (("all", "all real reports"), ("held_out", "held out (gathered after the checks were written)")):
        totals, rules = report[name]["totals"], report[name]["rules"]
        print(f"{title}: {totals['cases']} reports ({totals['clean_cases']} clean), {totals['faults']} known faults; checked in {elapsed:.1f} s\n")
        print(f"{'rule':<20} {'faults':>6} {'found':>6} {'recall':>7} {'false err':>10} {'false warn':>11}")
        for rule, r in rules.items():
            recall = f"{r['found'] / r['expected']:.0%}" if r["expected"] else "—"
            print(f"{rule:<20} {r['expected']:>6} {r['found']:>6} {recall:>7} {r['false_errors']:>10} {r['false_warnings']:>11}")
        recall_all = f"{totals['recall']:.0%}" if totals["recall"] is not None else "—"
        print(f"{'all':<20} {totals['faults']:>6} {totals['found']:>6} {recall_all:>7} {totals['false_errors']:>10} {totals['false_warnings']:>11}")
        print(f"\nclean reports with a false error: {totals['clean_cases_with_a_false_error']} of {totals['clean_cases']}\n")
    if args.cases:
        for o in outcomes:
            if not o.missed and not o.false_alarms:
                continue
            print(f"\n■ {o.case.id}  ({o.case.source})")
            for fault in o.missed:
                print(f"  missed   {fault.rule}: {fault.quote}")
            for f in o.false_alarms:
                print(f"  false    [{f.severity.value}] {f.rule}: {f.printed or ''} {f.message}")


if __name__ == "__main__":
    main()
