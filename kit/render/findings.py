"""Printing check results: readable, grouped by body and year, or as JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any, TextIO

from kit.checking import Checked
from kit.spec import load_spec


class CheckedPrinter:
    """Prints outcomes as they come (grouped by body, as `kit check` lists them) and the closing count."""

    def __init__(self, *, verbose: bool = False, out: TextIO | None = None) -> None:
        self.verbose = verbose
        self.out = out or sys.stdout  # looked up when called, so a redirected stdout is honoured
        self.last_ref: object = None
        self.reports = self.failed = self.errors = self.warnings = 0

    def add(self, r: Checked) -> None:
        out = self.out
        if r.ref != self.last_ref:
            print(f"■ {r.ref}", file=out)
            self.last_ref = r.ref
        acknowledged = [f for f in r.warnings if f.acknowledged]
        open_warnings = [f for f in r.warnings if not f.acknowledged]
        label = f"{r.year}年" if r.year is not None else "主体信息 body.yaml"
        edition = f"（{load_spec(r.edition).name}）" if r.edition else ""
        status = "通过" if not r.errors else f"{len(r.errors)} 个错误"
        extra = []
        if open_warnings:
            extra.append(f"{len(open_warnings)} 条提示")
        if acknowledged:
            extra.append(f"{len(acknowledged)} 条已确认")
        print(f"  {label}{edition}：{status}" + (f"，{'，'.join(extra)}" if extra else ""), file=out)
        for f in r.findings:
            if f.acknowledged and not self.verbose:
                continue
            print(f"    {f.describe()}", file=out)
        self.reports += 1
        self.failed += bool(r.errors)
        self.errors += len(r.errors)
        self.warnings += len(open_warnings)

    def close(self) -> None:
        print(
            f"共检查 {self.reports} 份：{self.reports - self.failed} 份通过，{self.failed} 份有错误（共 {self.errors} 个错误，{self.warnings} 条未确认的提示）。",
            file=self.out,
        )


def print_checked(results: Iterable[Checked], *, verbose: bool = False, out: TextIO | None = None) -> None:
    printer = CheckedPrinter(verbose=verbose, out=out)
    for r in results:
        printer.add(r)
    printer.close()


def write_checked_json(results: Iterable[Checked], out: TextIO | None = None) -> int:
    """The JSON list of `checked_json`, written item by item; returns how many had errors."""
    out = out or sys.stdout
    failed = 0
    out.write("[")
    for i, r in enumerate(results):
        out.write(("," if i else "") + "\n" + json.dumps(checked_json([r])[0], ensure_ascii=False, indent=2))
        failed += bool(r.errors)
    out.write("\n]\n")
    return failed


def checked_json(results: Iterable[Checked]) -> list[dict[str, Any]]:
    return [
        {
            "body": str(r.ref),
            "year": r.year,
            "file": str(r.file),
            "edition": r.edition,
            "errors": len(r.errors),
            "warnings": len(r.warnings),
            "findings": [f.as_json() for f in r.findings],
        }
        for r in results
    ]
