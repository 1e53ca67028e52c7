"""Imported by the batch's fork server (kit.batch_local) before it forks the worker processes.

Importing this module does work on purpose: it imports, once, everything a worker needs to
build a report (papermill, nbclient, nbconvert, WeasyPrint, the kit's build modules), so each
worker forked afterwards starts with them loaded instead of paying ≈1 CPU-second of imports.
nbformat's unused IRI grammar is skipped first (kit.import_speed), as `kit build` does.
Nothing else imports this module.
"""

from __future__ import annotations

from kit.import_speed import skip_unused_iri_grammar

skip_unused_iri_grammar()

import jupyter_client.manager  # noqa: E402, F401
import nbclient  # noqa: E402, F401
import nbconvert.exporters  # noqa: E402, F401
import nbformat  # noqa: E402, F401
import papermill  # noqa: E402
import papermill.engines  # noqa: E402, F401
import weasyprint  # noqa: E402, F401

import kit.batch_worker  # noqa: E402
import kit.build  # noqa: E402
import kit.execute  # noqa: E402
import kit.export  # noqa: E402
import kit.forked_kernels  # noqa: E402, F401
