"""Planning a batch: which reports to build, which are unchanged, which are refused.

Everything is checked before anything runs. Each report's inputs — its year file, every
earlier year of the body (carry-over and trend charts read them), body.yaml, the report
notebook, the export templates, the kit's own code and specs, the formats and the draft flag
— are hashed; the hash is stored beside the outputs (exports/<县>/<主体>/<年度>/.kit-build.json)
once they are all written. A report whose stored hash matches and whose files exist is
unchanged and skipped, which is what makes an interrupted batch resumable: run it again.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import kit
from kit.checking import Checked, check_body
from kit.errors import PathError, UsageError
from kit.findings import Finding
from kit.parameters import BODY_FILE, BodyRef, Store

KIT_DIR = Path(kit.__file__).resolve().parent
NOTEBOOK = KIT_DIR.parent / "notebooks" / "annual_report.ipynb"
MANIFEST = ".kit-build.json"
FORMATS = ("html", "pdf", "docx")


@dataclass(frozen=True)
class Job:
    """One report to build: plain values only, so it can travel to a Dask worker."""

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
        return f"{self.body} {self.year}年"


@dataclass
class Plan:
    build: list[Job] = field(default_factory=list)
    unchanged: list[Job] = field(default_factory=list)
    invalid: list[tuple[str, int | None, list[Finding]]] = field(default_factory=list)

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
            first, _, last = part.strip().partition("-")
            years.update(range(int(first), int(last or first) + 1))
    except ValueError:
        raise UsageError(f"年份范围 “{text}” 看不懂，请写成 2019-2025 或 2021,2023") from None
    return years


def parse_formats(text: str) -> tuple[str, ...]:
    formats = tuple(f.strip().lower() for f in text.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UsageError(f"不认识的输出格式 {'、'.join(unknown) or '（空）'}；可用：{'、'.join(FORMATS)}")
    return formats


def select(store: Store, selection: Sequence[str]) -> list[BodyRef]:
    """Selections: nothing (the whole tree), a county ("青禾县"), or bodies ("青禾县/云溪镇")."""
    if not selection:
        return store.bodies()
    out: list[BodyRef] = []
    for item in selection:
        item = item.strip().strip("/")
        refs = [BodyRef.parse(item)] if "/" in item else store.bodies(item)
        for ref in refs:
            if not (store.body_dir(ref) / BODY_FILE).is_file():
                raise PathError(f"找不到报告主体 {ref}（{store.body_dir(ref)}）")
        if not refs:
            raise PathError(f"参数文件夹 {store.root} 中没有 “{item}” 的报告主体")
        out += [r for r in refs if r not in out]
    return out


@functools.cache
def _code_digest() -> str:
    """The kit's code, specs, templates and the report notebook: any change rebuilds everything."""
    h = hashlib.sha256(kit.__version__.encode())
    files = sorted(p for p in KIT_DIR.rglob("*") if p.is_file() and p.suffix in (".py", ".yaml", ".j2", ".css", ".json") and "__pycache__" not in p.parts)
    for path in [*files, NOTEBOOK]:
        if path.is_file():
            h.update(str(path.relative_to(KIT_DIR.parent)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def inputs_digest(store: Store, ref: BodyRef, year: int, formats: Iterable[str], draft: bool) -> str:
    h = hashlib.sha256(_code_digest().encode())
    h.update(json.dumps([sorted(formats), draft]).encode())
    folder = store.body_dir(ref)
    for path in [folder / BODY_FILE, *(store.year_file(ref, y) for y in store.years(ref) if y <= year)]:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def output_dir(exports: Path, ref: BodyRef, year: int) -> Path:
    return Path(exports) / ref.county / ref.body / str(year)


def is_unchanged(job: Job) -> bool:
    manifest = Path(job.out_dir) / MANIFEST
    try:
        record = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    files = record.get("files", [])
    return record.get("digest") == job.digest and bool(files) and all((Path(job.out_dir) / f).is_file() for f in files)


def plan(
    store: Store,
    exports: Path,
    selection: Sequence[str] = (),
    years: set[int] | None = None,
    formats: Sequence[str] = ("html", "pdf"),
    draft: bool = False,
    force: bool = False,
) -> Plan:
    result = Plan()
    for ref in select(store, selection):
        chosen = [y for y in store.years(ref) if years is None or y in years]
        checked: list[Checked] = check_body(store, ref, chosen) if chosen else []
        for c in checked:
            if c.year is None or c.report is None:  # body.yaml or the year's file could not be read
                result.invalid.append((str(ref), c.year, c.findings))
                continue
            if c.errors and not draft:
                result.invalid.append((str(ref), c.year, c.errors))
                continue
            job = Job(
                body=str(ref),
                year=c.year,
                formats=tuple(formats),
                draft=draft,
                digest=inputs_digest(store, ref, c.year, formats, draft),
                out_dir=str(output_dir(exports, ref, c.year)),
            )
            (result.unchanged if not force and is_unchanged(job) else result.build).append(job)
    return result
