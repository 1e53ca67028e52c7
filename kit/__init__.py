"""The kit: 政府信息公开工作年度报告 (government information disclosure annual reports), authored in Jupyter.

The public API is the names in ``__all__``; each is imported the first time it is used, so
``import kit`` stays light (no pandas, no Jupyter machinery). A tour, on the sample data in the
checkout's parameters/:

>>> import kit
>>> spec = kit.load_spec("gov2021")
>>> [t.id for t in spec.tables]
['proactive', 'applications', 'review_litigation']
>>> store = kit.Store(kit.paths.CHECKOUT / "parameters")
>>> report = store.load_year(kit.BodyRef.parse("微山县/驩城镇"), 2018)
>>> report.body.full_name, report.edition
('微山县驩城镇人民政府', 'legacy2008')
>>> [f.rule for f in kit.validate(report)]
['breakdown_total']
>>> kit.build_document(report).title
'2018年度驩城镇政府信息公开年度报告'

The layers under these names are drawn in ARCHITECTURE.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from kit import paths
from kit.version import VERSION

__version__ = VERSION

# name -> the module that defines it (imported on first use)
_API: dict[str, str] = {
    "load_spec": "kit.spec",
    "edition_for_year": "kit.spec",
    "Spec": "kit.spec",
    "BodyRef": "kit.report",
    "Body": "kit.report",
    "YearReport": "kit.report",
    "Store": "kit.store",
    "validate": "kit.validation",
    "Finding": "kit.findings",
    "Severity": "kit.findings",
    "check_paths": "kit.checking",
    "check_documents": "kit.doccheck.documents",
    "build_document": "kit.document",
    "render_text": "kit.render.text",
    "load_frame": "kit.data.frame",
    "build_summary": "kit.data.summary",
    "build_report": "kit.build.report",
    "build_summary_files": "kit.build.summary",
    "open_form": "kit.form.widgets",
    "KitError": "kit.errors",
}

__all__ = [
    "Body",
    "BodyRef",
    "Finding",
    "KitError",
    "Severity",
    "Spec",
    "Store",
    "YearReport",
    "__version__",
    "build_document",
    "build_report",
    "build_summary",
    "build_summary_files",
    "check_documents",
    "check_paths",
    "edition_for_year",
    "load_frame",
    "load_spec",
    "open_form",
    "paths",
    "render_text",
    "validate",
]  # fmt: skip

if TYPE_CHECKING:  # for type checkers and editors; at run time the names load lazily
    from kit.build.report import build_report
    from kit.build.summary import build_summary_files
    from kit.checking import check_paths
    from kit.data.frame import load_frame
    from kit.data.summary import build_summary
    from kit.doccheck.documents import check_documents
    from kit.document import build_document
    from kit.errors import KitError
    from kit.findings import Finding, Severity
    from kit.form.widgets import open_form
    from kit.render.text import render_text
    from kit.report import Body, BodyRef, YearReport
    from kit.spec import Spec, edition_for_year, load_spec
    from kit.store import Store
    from kit.validation import validate


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'kit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
