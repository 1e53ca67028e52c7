"""Document-level checks (official-format.md rules 12–19): what a careful reviewer reads for.

    prose figures against the tables (12), "共N…其中" claims and percentages (13), years (14),
    sections present and in order (15), the edition for the year (16), the format notice cited
    right (17), template leftovers (18), and copies of last year's or another body's report (19).

Two entry points:

    own_reports.check_report(report, previous, others)   the kit's own reports (`kit check`, the form)
    documents.check_documents(paths)                      published .txt/.docx/.html (`kit check --document`)

Both turn a report into a `prose.Reading` and run the same rules on it. Only `documents` reads
files; python-docx is imported only when a .docx is read.
"""

from __future__ import annotations
