"""Printing `kit check --document` results: grouped per file like `kit check`, or as JSON."""

from __future__ import annotations

import sys
from typing import Any, TextIO

from kit.doccheck.documents import DocumentChecked
from kit.findings import Finding


def _edition_name(edition: str | None) -> str:
    if not edition:
        return ""
    from kit.spec import load_spec

    return load_spec(edition).name


def print_documents(results: list[DocumentChecked], *, verbose: bool = False, out: TextIO | None = None) -> None:
    out = out or sys.stdout  # looked up when called, so a redirected stdout is honoured
    for r in results:
        print(f"■ {r.shown}", file=out)
        label = "".join(x for x in (r.body, f" {r.year}年" if r.year else "") if x) or "（未能读取）"
        edition = f"（{_edition_name(r.edition)}）" if r.edition else ""
        status = "通过" if not r.errors else f"{len(r.errors)} 个错误"
        open_warnings = [f for f in r.warnings if not f.acknowledged]
        extra = f"，{len(open_warnings)} 条提示" if open_warnings else ""
        print(f"  {label}{edition}：{status}{extra}", file=out)
        for f in r.findings:
            if f.acknowledged and not verbose:
                continue
            print(f"    {describe(f)}", file=out)
    n = len(results)
    failed = sum(1 for r in results if r.errors)
    errors = sum(len(r.errors) for r in results)
    warnings = sum(1 for r in results for f in r.warnings if not f.acknowledged)
    print(f"共检查 {n} 份：{n - failed} 份通过，{failed} 份有错误（共 {errors} 个错误，{warnings} 条未确认的提示）。", file=out)


def describe(f: Finding) -> str:
    """Like Finding.describe, without repeating the file the group is headed by."""
    head = f"[{f.severity.printed}]"
    where = f"{f.printed}：" if f.printed else ""
    line = f"（第{f.line}行）" if f.line else ""
    return f"{head} {where}{f.message}{line}"


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
