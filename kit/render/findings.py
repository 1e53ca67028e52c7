"""Printing check results: readable, grouped by body and year, or as JSON."""

from __future__ import annotations

import sys
from itertools import groupby
from typing import Any, TextIO

from kit.checking import Checked


def print_checked(results: list[Checked], *, verbose: bool = False, out: TextIO | None = None) -> None:
    out = out or sys.stdout  # looked up when called, so a redirected stdout is honoured
    for ref, group in groupby(results, key=lambda r: r.ref):
        print(f"■ {ref}", file=out)
        for r in group:
            acknowledged = [f for f in r.warnings if f.acknowledged]
            open_warnings = [f for f in r.warnings if not f.acknowledged]
            label = f"{r.year}年" if r.year is not None else "主体信息 body.yaml"
            edition = f"（{r.report.spec.name}）" if r.report else ""
            status = "通过" if not r.errors else f"{len(r.errors)} 个错误"
            extra = []
            if open_warnings:
                extra.append(f"{len(open_warnings)} 条提示")
            if acknowledged:
                extra.append(f"{len(acknowledged)} 条已确认")
            print(f"  {label}{edition}：{status}" + (f"，{'，'.join(extra)}" if extra else ""), file=out)
            for f in r.findings:
                if f.acknowledged and not verbose:
                    continue
                print(f"    {f.describe()}", file=out)
    reports = len(results)
    failed = sum(1 for r in results if r.errors)
    errors = sum(len(r.errors) for r in results)
    warnings = sum(1 for r in results for f in r.warnings if not f.acknowledged)
    print(f"共检查 {reports} 份：{reports - failed} 份通过，{failed} 份有错误（共 {errors} 个错误，{warnings} 条未确认的提示）。", file=out)


def checked_json(results: list[Checked]) -> list[dict[str, Any]]:
    return [
        {
            "body": str(r.ref),
            "year": r.year,
            "file": str(r.file),
            "edition": r.report.edition if r.report else None,
            "errors": len(r.errors),
            "warnings": len(r.warnings),
            "findings": [f.as_json() for f in r.findings],
        }
        for r in results
    ]
