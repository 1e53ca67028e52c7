"""Planning a batch: which reports to build, which are unchanged, which are refused.

Everything is checked before anything runs. Each report's inputs — its year file, every
earlier year of the body (carry-over and trend charts read them), body.yaml, the report
notebook, the kit's own code, specs and export templates, its version and the versions of the
rendering packages, the formats and the draft flag — are hashed; the hash is stored beside the
outputs (exports/<县>/<主体>/<年度>/.kit-build.json) once they are all written. A report whose
stored hash matches and whose files exist is unchanged and skipped without being validated
again (the hash covers everything validation reads), which is what makes an interrupted batch
resumable — run it again — and a batch with nothing to do finish at once.

This module stays light: it imports neither papermill nor nbconvert nor matplotlib, and the
validators only when some report has to be built.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kit import paths
from kit.build.formats import FORMATS, parse_formats  # noqa: F401 - re-exported for commands_batch
from kit.errors import PathError, UsageError
from kit.findings import Finding, HasFindings, RuleId
from kit.messages import build as build_says
from kit.messages import store as store_says
from kit.report import BodyRef
from kit.store import Store
from kit.store.yearfile import BODY_FILE
from kit.version import VERSION, code_files

if TYPE_CHECKING:
    from kit.checking import Checked

KIT_DIR = paths.KIT_DIR
NOTEBOOK = KIT_DIR.parent / "notebooks" / "annual_report.ipynb"
MANIFEST = ".kit-build.json"
# A new version of one of these changes the files they make.
RENDERING_PACKAGES = ("weasyprint", "matplotlib", "nbconvert", "python-docx")


@dataclass(frozen=True)
class Job:
    """One report to build: plain values only."""

    body: str  # "<县>/<主体>"
    year: int
    formats: tuple[str, ...]
    draft: bool
    digest: str
    out_dir: str  # exports/<县>/<主体>/<年度>

    @property
    def ref(self) -> BodyRef:
        return BodyRef.parse(self.body)

    @property
    def name(self) -> str:
        return build_says.job_name(self.body, self.year)


@dataclass(frozen=True)
class Invalid(HasFindings):
    """A report refused at planning: it cannot be read, or it has errors (and is not a draft)."""

    body: str
    year: int | None  # None: the body's own file (body.yaml) could not be read
    findings: list[Finding]

    @property
    def name(self) -> str:
        return build_says.job_name(self.body, self.year) if self.year is not None else build_says.body_file_name(self.body, BODY_FILE)


@dataclass
class Plan:
    build: list[Job] = field(default_factory=list)
    unchanged: list[Job] = field(default_factory=list)
    invalid: list[Invalid] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.build) + len(self.unchanged) + len(self.invalid)


def parse_years(text: str | None) -> set[int] | None:
    """'2019-2025', '2021,2023' or '2024' → a set of years; None means every year."""
    if not text:
        return None
    years: set[int] = set()
    try:
        for part in text.split(","):
            first, dash, last = part.strip().partition("-")
            low, high = int(first), int(last if dash else first)
            if high < low or high - low > 200:
                raise ValueError
            years.update(range(low, high + 1))
    except ValueError:
        raise UsageError(build_says.years_not_understood(text)) from None
    return years


def select(store: Store, selection: Sequence[str]) -> list[BodyRef]:
    """Selections: nothing (the whole tree), a county ("青禾县"), or bodies ("青禾县/云溪镇")."""
    if not store.root.is_dir():
        raise PathError(store_says.no_parameters_folder(store.root))
    if not selection:
        return store.bodies()
    out: list[BodyRef] = []
    for item in selection:
        item = item.strip().strip("/")
        refs = [BodyRef.parse(item)] if "/" in item else store.bodies(item) if (store.root / item).is_dir() else []
        if "/" in item:  # a body named on the command line must exist (a county's bodies were found by their body.yaml)
            for ref in refs:
                if not (store.body_dir(ref) / BODY_FILE).is_file():
                    raise PathError(build_says.no_such_body(ref, store.body_dir(ref) / BODY_FILE))
        if not refs:
            raise PathError(build_says.no_such_selection(store.root, item))
        out += [r for r in refs if r not in out]
    return out


@functools.cache
def code_digest() -> str:
    """The kit's version, code, specs, templates and report notebook, and the rendering packages' versions."""
    from importlib import metadata

    h = hashlib.sha256(VERSION.encode())
    for name in RENDERING_PACKAGES:
        try:
            h.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=none".encode())
    for path in [*code_files(KIT_DIR), NOTEBOOK]:
        if path.is_file():
            h.update(str(path.relative_to(KIT_DIR.parent)).encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def job_digest(files: Mapping[str, bytes | str], notebook: bytes | str, formats: Sequence[str], draft: bool) -> str:
    """The digest of one report from its inputs: `files` maps body.yaml and each year file (≤ the
    report's year) to its bytes or their sha256; `notebook` likewise."""
    h = hashlib.sha256(code_digest().encode())
    h.update(json.dumps([sorted(formats), bool(draft)]).encode())
    h.update(_sha(notebook).encode())
    for name in sorted(files):
        h.update(name.encode())
        h.update(_sha(files[name]).encode())
    return h.hexdigest()


def _sha(data: bytes | str) -> str:
    return data if isinstance(data, str) else hashlib.sha256(data).hexdigest()


def input_files(store: Store, ref: BodyRef, year: int) -> list[Path]:
    """What one report reads: body.yaml and the body's year files up to its year."""
    return [store.body_dir(ref) / BODY_FILE, *(store.year_file(ref, y) for y in store.years(ref) if y <= year)]


def output_dir(exports: Path, ref: BodyRef, year: int) -> Path:
    return Path(exports) / ref.county / ref.body / str(year)


def read_manifest(folder: Path) -> dict | None:
    try:
        record = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def is_unchanged(job: Job) -> bool:
    record = read_manifest(Path(job.out_dir))
    if record is None:
        return False
    files = record.get("files", [])
    return record.get("digest") == job.digest and bool(files) and all((Path(job.out_dir) / f).is_file() for f in files)


class _Hashes:
    """sha256 of each file, read once per plan (a body's year files count for every later year)."""

    def __init__(self) -> None:
        self.known: dict[Path, str] = {}

    def __call__(self, path: Path) -> str:
        if path not in self.known:
            self.known[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        return self.known[path]


def plan(
    store: Store,
    exports: Path,
    selection: Sequence[str] = (),
    years: set[int] | None = None,
    formats: Sequence[str] = ("html", "pdf"),
    draft: bool = False,
    force: bool = False,
    notebook: Path = NOTEBOOK,
    jobs: int = 1,
) -> Plan:
    """Sort every selected report into build / unchanged / invalid. Reports to build are validated
    (as `kit check` does: a report with errors is invalid unless `draft`), in `jobs` processes
    (forked: call it before starting threads); unchanged ones are not."""
    result = Plan()
    sha = _Hashes()
    notebook_sha = sha(Path(notebook))
    formats = tuple(formats)
    planned: list[tuple[BodyRef, list[Invalid], dict[int, Job]]] = []  # per body: refused before validation, to validate
    for ref in select(store, selection):
        refused: list[Invalid] = []
        pending: dict[int, Job] = {}
        planned.append((ref, refused, pending))
        try:
            chosen = [y for y in store.years(ref) if years is None or y in years]
        except PathError as exc:  # e.g. a link out of the parameters folder: that body is skipped, the rest go on
            from kit.findings import error

            refused.append(Invalid(str(ref), None, [error(RuleId.LOAD, str(exc))]))
            continue
        for year in chosen:
            try:
                files = {p.name: sha(p) for p in input_files(store, ref, year)}
            except OSError as exc:
                from kit.findings import error

                refused.append(Invalid(str(ref), year, [error(RuleId.LOAD, build_says.inputs_unreadable_at_planning(exc), file=Path(exc.filename) if exc.filename else None)]))
                continue
            job = Job(
                body=str(ref),
                year=year,
                formats=formats,
                draft=draft,
                digest=job_digest(files, notebook_sha, formats, draft),
                out_dir=str(output_dir(exports, ref, year)),
            )
            if not force and is_unchanged(job):
                result.unchanged.append(job)
            else:
                pending[year] = job
    wanted = [(ref, sorted(pending)) for ref, _, pending in planned if pending]
    with contextlib.closing(_validate(store, wanted, jobs)) as validated:  # streamed: the reports are not all held
        for ref, refused, pending in planned:  # in the order of the bodies, as they were listed
            result.invalid += refused
            if pending:
                _sort(ref, pending, next(validated), draft, result)
    return result


def _validate(store: Store, wanted: list[tuple[BodyRef, list[int]]], jobs: int) -> Generator[list[Checked], None, None]:
    """The reports to build, validated as `kit check` does but for rule 19 (similarity: warnings
    only, never a reason to refuse), in `jobs` processes."""
    if wanted:
        from kit.checking import check_bodies  # the validators: only when something is to be built

        yield from check_bodies(store, wanted, jobs=jobs, similarity=False)


def _sort(ref: BodyRef, pending: dict[int, Job], checked: list[Checked], draft: bool, result: Plan) -> None:
    for c in checked:
        if c.year is None or c.edition is None:  # body.yaml or the year's file could not be read (a read report has its edition)
            result.invalid.append(Invalid(str(ref), c.year, c.findings))
        elif c.errors and not draft:
            result.invalid.append(Invalid(str(ref), c.year, c.errors))
        else:
            result.build.append(pending[c.year])
