"""Keeping `kit build` start-up short: one measured, targeted shortcut.

nbformat validates notebooks with jsonschema, and jsonschema imports ``rfc3987_syntax`` (it
builds a Lark grammar at import: ≈1.5 s on these machines) only to check the "iri" string
format, which the notebook schema never uses. Marking the module as absent before nbformat is
imported makes jsonschema skip that one format checker (it guards the import with
``suppress(ImportError)``) and saves that time on every build. Nothing else changes: if the
module was already imported, it is left alone.
"""

from __future__ import annotations

import sys


def skip_unused_iri_grammar() -> None:
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
