"""Errors the kit raises.

    KitError                      anything the kit refuses, with a message for the user
    ├── SpecError                 an edition spec is malformed (a bug in the kit, names the path)
    ├── ParameterError            a parameter file cannot be loaded; carries every finding at once
    ├── PathError                 a body or year that would leave parameters/ or does not exist
    ├── ConflictError             the file changed on disk since it was read
    ├── LockedError               the report is in review, approved or published: a save is refused
    ├── TransitionRefused         a step of the yearly cycle that makes no sense now (kit.cycle)
    ├── ValidationFailed          a report with errors was asked to be built (not as a draft)
    ├── NotebookFailed            the report notebook stopped with an error; the partial notebook is kept
    ├── UnreadableDocument        a published report cannot be read (format, encoding, no text layer)
    └── UsageError                a command was called wrongly (exit code 2)

Every error pickles and unpickles with its message and fields (Dask sends them between processes;
tests/test_errors.py holds it).

Bad *data* never raises from validation: it becomes findings (see findings.py). These errors
are for the moments the kit must refuse to go on.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kit.findings import Finding


class KitError(Exception):
    """Base of every error the kit raises on purpose; `str()` is a message for the user.

    >>> from kit.report import BodyRef
    >>> try:
    ...     BodyRef.parse("只有一段")
    ... except KitError as exc:
    ...     print(exc)
    报告主体应写作 “县/主体”，例如 “微山县/驩城镇”，实为 '只有一段'
    """


class SpecError(KitError):
    """A spec file is malformed; the message names the file and the path inside it."""


class PathError(KitError):
    """A body or year path that is unsafe or unknown."""


class ConflictError(KitError):
    """Refusing to overwrite a file that changed on disk since it was read."""


class LockedError(KitError):
    """A save refused because of the report's state in the yearly cycle (kit.store.record); says what to do."""


class TransitionRefused(KitError):
    """A step of the yearly cycle refused (publish before approval, submit with errors, …); says why."""


class UsageError(KitError):
    """The command line was wrong."""


class UnreadableDocument(KitError):
    """The file cannot be read as a report; the message says why and what to do."""


class NotebookFailed(KitError):
    """The report notebook stopped with an error; `saved` is where the partial notebook was kept."""

    def __init__(self, message: str, saved: Path | None) -> None:
        super().__init__(message)
        self.saved = saved

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self), self.saved))


class _WithFindings(KitError):
    def __init__(self, message: str, findings: Sequence[Finding]) -> None:
        self.message = message
        self.findings = list(findings)
        lines = [message] + [f"  - {f.describe()}" for f in self.findings]
        super().__init__("\n".join(lines))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message, self.findings))


class ParameterError(_WithFindings):
    """A parameter file could not be loaded; `findings` lists every problem found."""


class ValidationFailed(_WithFindings):
    """A report has validation errors and was not built as a draft."""
