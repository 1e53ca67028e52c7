"""Printing `kit check` results, of parameter files and of published documents: readable, or as JSON.

Both read alike: a heading per body (or document), a line per result (HasFindings.verdict), its
findings (Finding.describe) and the tally last (kit.findings.Tally, counted as results come, so a
province is never held in memory).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any, TextIO

from kit.checking import Checked
from kit.doccheck.documents import DocumentChecked
from kit.findings import Finding, Tally
from kit.messages import render as msg
from kit.spec import load_spec


class CheckedPrinter:
    """Prints outcomes as they come (grouped by body, as `kit check` lists them) and the closing count."""

    def __init__(self, *, verbose: bool = False, out: TextIO | None = None) -> None:
        self.verbose = verbose
        self.out = out or sys.stdout  # looked up when called, so a redirected stdout is honoured
        self.last_ref: object = None
        self.tally = Tally()

    def add(self, r: Checked) -> None:
        out = self.out
        if r.ref != self.last_ref:
            print(f"■ {r.ref}", file=out)
            self.last_ref = r.ref
        label = msg.year_label(r.year) if r.year is not None else msg.BODY_FILE_LABEL
        edition = f"（{load_spec(r.edition).name}）" if r.edition else ""
        print(f"  {label}{edition}：{r.verdict()}", file=out)
        print_findings(r.listed(verbose=self.verbose), out=out)
        self.tally.add(r)

    def close(self) -> None:
        print(self.tally.line(), file=self.out)


def print_checked(results: Iterable[Checked], *, verbose: bool = False, out: TextIO | None = None) -> None:
    printer = CheckedPrinter(verbose=verbose, out=out)
    for r in results:
        printer.add(r)
    printer.close()


def print_documents(results: list[DocumentChecked], *, verbose: bool = False, out: TextIO | None = None) -> None:
    """`kit check --document`: grouped per document like `kit check`; each finding without the file that heads its group."""
    out = out or sys.stdout
    tally = Tally()
    for r in results:
        print(f"■ {r.shown}", file=out)
        label = "".join(x for x in (r.body, f" {msg.year_label(r.year)}" if r.year else "") if x) or msg.DOCUMENT_UNREADABLE
        edition = f"（{load_spec(r.edition).name}）" if r.edition else ""
        print(f"  {label}{edition}：{r.verdict()}", file=out)
        print_findings(r.listed(verbose=verbose), out=out, source=False)
        tally.add(r)
    print(tally.line(), file=out)


def print_findings(findings: Iterable[Finding], *, out: TextIO, **describe: Any) -> None:
    """A result's findings under its line, indented, one a line (`describe`: Finding.describe's options)."""
    for f in findings:
        print(f"    {f.describe(**describe)}", file=out)


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


def documents_json(results: list[DocumentChecked]) -> list[dict[str, Any]]:
    return [
        {
            "file": str(r.file) if r.url is None else None,
            "url": r.url,
            "title": r.title,
            "body": r.body,
            "year": r.year,
            "edition": r.edition,
            "expected_edition": r.expected,
            "errors": len(r.errors),
            "warnings": len(r.warnings),
            "findings": [f.as_json() for f in r.findings],
        }
        for r in results
    ]
