"""Errors the kit raises.

    KitError                      anything the kit refuses, with a message for the user
    ├── SpecError                 an edition spec is malformed (a bug in the kit, names the path)
    ├── ParameterError            a parameter file cannot be loaded; carries every finding at once
    ├── PathError                 a body or year that would leave parameters/ or does not exist
    ├── ConflictError             the file changed on disk since it was read
    ├── ValidationFailed          a report with errors was asked to be built (not as a draft)
    └── UsageError                a command was called wrongly (exit code 2)

Bad *data* never raises from validation: it becomes findings (see findings.py). These errors
are for the moments the kit must refuse to go on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kit.findings import Finding


class KitError(Exception):
    """Base of every error the kit raises on purpose; `str()` is a message for the user."""


class SpecError(KitError):
    """A spec file is malformed; the message names the file and the path inside it."""


class PathError(KitError):
    """A body or year path that is unsafe or unknown."""


class ConflictError(KitError):
    """Refusing to overwrite a file that changed on disk since it was read."""


class UsageError(KitError):
    """The command line was wrong."""


class _WithFindings(KitError):
    def __init__(self, message: str, findings: Sequence[Finding]) -> None:
        self.findings = list(findings)
        lines = [message] + [f"  - {f.describe()}" for f in self.findings]
        super().__init__("\n".join(lines))


class ParameterError(_WithFindings):
    """A parameter file could not be loaded; `findings` lists every problem found."""


class ValidationFailed(_WithFindings):
    """A report has validation errors and was not built as a draft."""
