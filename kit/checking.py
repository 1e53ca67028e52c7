"""`kit check`: find the reports under some paths, validate each, group the findings.

Used by the CLI and by batch planning. Loading problems (a malformed file, an unknown key, a
text in a count cell) become findings of that report like any other, so one bad file never
stops the check of the rest.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kit.doccheck.own_reports import Prose, clear_cache, compare_county, other_bodies, own_rules, similar_to_previous
from kit.errors import KitError, ParameterError, PathError, UsageError
from kit.findings import Finding, HasFindings, RuleId, error, warning
from kit.messages import checking as say
from kit.report import BodyRef, YearReport
from kit.store import Store, verdicts
from kit.store.yearfile import BODY_FILE, YEAR_FILE
from kit.validation import validate


@dataclass
class Checked(HasFindings):
    """One report's outcome: its findings, or why it could not be read."""

    ref: BodyRef
    year: int | None  # None when the body's own file failed
    file: Path
    findings: list[Finding] = field(default_factory=list)
    report: YearReport | None = None
    edition: str | None = None  # the report's edition, kept when the report itself is not (parallel checks)

    def __post_init__(self) -> None:
        if self.report is not None and self.edition is None:
            self.edition = self.report.edition


def locate(path: Path) -> tuple[Store, list[tuple[BodyRef, int | None]]]:
    """The store a path belongs to, and the (body, year) pairs it selects (year None = all)."""
    path = Path(path).resolve()
    if path.is_file():
        m = YEAR_FILE.match(path.name)
        if m is None:
            raise PathError(say.not_a_year_file(path))
        return Store(path.parent.parent.parent), [(BodyRef(path.parent.parent.name, path.parent.name), int(m.group(1)))]
    if not path.is_dir():
        raise UsageError(say.nothing_at(path))
    if (path / BODY_FILE).is_file():
        return Store(path.parent.parent), [(BodyRef(path.parent.name, path.name), None)]
    if any((p / BODY_FILE).is_file() for p in path.iterdir() if p.is_dir()):
        store = Store(path.parent)
        return store, [(ref, None) for ref in store.bodies(path.name)]
    store = Store(path)
    return store, [(ref, None) for ref in store.bodies()]


def check_paths(paths: Iterable[Path]) -> list[Checked]:
    """`kit check` over files, body folders, county folders or a whole parameters folder.

    >>> from kit import paths as kit_paths
    >>> results = check_paths([kit_paths.CHECKOUT / "parameters" / "微山县"])
    >>> [(str(r.ref), r.year, len(r.errors)) for r in results]
    [('微山县/驩城镇', 2018, 0)]
    """
    return list(iter_checked(paths))


def iter_checked(paths: Iterable[Path], *, jobs: int = 1) -> Iterator[Checked]:
    """`check_paths` one county at a time: a county's outcomes are yielded once its bodies have been
    compared with each other (rule 19), and nothing of it is kept afterwards, so checking a
    province holds one county in memory, not the tree (benchmarks/bench_province.py).

    With `jobs` > 1 and several counties, counties are checked in that many processes (they are
    independent: rule 19 compares within a county); outcomes come back in the same order, without
    the loaded report (`edition` says which edition it was)."""
    for path in paths:
        store, selected = locate(path)
        by_county: dict[str, list[tuple[BodyRef, int | None]]] = {}
        for ref, year in selected:
            by_county.setdefault(ref.county, []).append((ref, year))
        if jobs > 1 and len(by_county) > 1:
            yield from _in_processes(store.root, list(by_county.values()), jobs)
            continue
        for chosen in by_county.values():
            yield from check_county(store, chosen)


def check_county(store: Store, chosen: list[tuple[BodyRef, int | None]]) -> list[Checked]:
    """The selected bodies (and years) of one county, compared with each other (rule 19)."""
    found: list[Checked] = []
    prose = Prose()  # each report read and prepared once, for its rules and both comparisons
    for ref, year in chosen:
        checked = check_body(store, ref, [year] if year is not None else None, prose=prose)
        prose.forget((c.report for c in checked if c.report is not None), keep_own=True)  # the readings stay, for rule 19 across bodies
        found += checked
    compare_county(store, found, prose)  # rule 19 across the county's bodies
    clear_cache()  # the other bodies' reports loaded for the comparison
    return found


def _check_county_lean(root: Path, chosen: list[tuple[BodyRef, int | None]]) -> list[Checked]:
    """check_county in a worker process; the reports stay there (only findings travel back)."""
    return [dataclasses.replace(c, report=None) for c in check_county(Store(root), chosen)]


def _in_processes(root: Path, counties: list[list[tuple[BodyRef, int | None]]], jobs: int) -> Iterator[Checked]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")  # `kit check` is single-threaded here; fork starts workers at once
    with ProcessPoolExecutor(max_workers=min(jobs, len(counties)), mp_context=context) as pool:
        for found in pool.map(_check_county_lean, [root] * len(counties), counties):
            yield from found


def check_bodies(store: Store, wanted: Sequence[tuple[BodyRef, list[int]]], *, jobs: int = 1, similarity: bool = True) -> Iterator[list[Checked]]:
    """check_body for each (body, years) of `wanted`, in order; with `jobs` > 1 in that many
    processes (forked: the caller must not be running threads), the outcomes without their reports.

    Batch planning validates every report it has to build; a province's 10,000 reports one after
    another on one core took 246 s (benchmarks/bench_province.py)."""
    if jobs <= 1 or len(wanted) < 2:
        for ref, years in wanted:
            yield check_body(store, ref, years, similarity=similarity)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunks = [list(wanted[i : i + _BODIES_A_TASK]) for i in range(0, len(wanted), _BODIES_A_TASK)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks)), mp_context=context) as pool:
        for done in pool.map(_check_bodies_lean, [store.root] * len(chunks), chunks, [similarity] * len(chunks)):
            yield from done


_BODIES_A_TASK = 12  # a county's worth: few enough tasks to keep the pipe quiet, enough to share the cores


def _check_bodies_lean(root: Path, wanted: list[tuple[BodyRef, list[int]]], similarity: bool) -> list[list[Checked]]:
    store = Store(root)
    return [[dataclasses.replace(c, report=None) for c in check_body(store, ref, years, similarity=similarity)] for ref, years in wanted]


def check_body(store: Store, ref: BodyRef, years: list[int] | None = None, *, prose: Prose | None = None, similarity: bool = True) -> list[Checked]:
    """The selected years of one body (all when `years` is None), each validated and read by the
    document rules. `similarity=False` leaves out rule 19 (warnings only; batch planning, which
    refuses on errors, does not need it).

    A report's own rules (1–18) are answered from the cache of verdicts (kit.store.verdicts) when
    none of their inputs changed since they were last found: batch planning then does not even
    load the report; `kit check` still loads it for rule 19, which is always computed."""
    prose = prose or Prose()
    try:
        folder = store.body_dir(ref)
    except PathError as exc:  # e.g. a link that leads out of the parameters folder: this entry's problem only
        file = store.root / ref.county / ref.body / BODY_FILE
        return [Checked(ref, None, file, [error(RuleId.LOAD, str(exc), file=file)])]
    try:
        body = store.load_body(ref)
    except ParameterError as exc:
        return [Checked(ref, None, folder / BODY_FILE, exc.findings)]
    except KitError as exc:
        return [Checked(ref, None, folder / BODY_FILE, [error(RuleId.LOAD, str(exc), file=folder / BODY_FILE)])]
    out = []
    loaded: dict[int, YearReport | None] = {}

    def load(year: int) -> YearReport | None:
        if year not in loaded:
            try:
                loaded[year] = store.load_year(ref, year, body) if store.year_file(ref, year).is_file() else None
            except KitError:
                loaded[year] = None
        return loaded[year]

    book = verdicts.Book(folder)
    digests: dict[Path, str | None] = {}  # each file hashed once (last year's is this year's previous)
    for year in years if years is not None else store.years(ref):
        file = store.year_file(ref, year)
        key = _verdict_key(store, ref, year, folder, digests)
        verdict = book.get(key) if key is not None else None
        if verdict is not None and (not similarity or verdict.edition is None):
            out.append(Checked(ref, year, file, list(verdict.findings), edition=verdict.edition))
            continue
        try:
            report = store.load_year(ref, year, body)
        except ParameterError as exc:
            out.append(Checked(ref, year, file, exc.findings))
            _keep(book, key, year, None, exc.findings)
            continue
        except KitError as exc:
            out.append(Checked(ref, year, file, [error(RuleId.LOAD, str(exc), file=file)]))
            _keep(book, key, year, None, out[-1].findings)
            continue
        loaded[year] = report
        previous = load(year - 1)
        if verdict is not None and verdict.edition == report.edition:
            findings = list(verdict.findings)
            prose.reading(report, other_bodies(store, ref))  # read as the prose rules would have read it
        else:
            findings = validate(report, previous)
            if previous is None and store.year_file(ref, year - 1).is_file():
                findings.append(
                    warning(
                        RuleId.PREVIOUS_UNREADABLE,
                        say.previous_unreadable(year - 1),
                        key="edition",
                        printed=say.ACROSS_YEARS,
                        file=file,
                    )
                )
            findings += own_rules(store, report, prose)  # document-level rules 12–18
            _keep(book, key, year, report.edition, findings)
        if similarity:
            findings += similar_to_previous(report, load(year - 1), prose)  # rule 19 against last year
        out.append(Checked(ref, year, file, findings, report))
    if book.changed and _changed_since(digests):
        book.changed = False  # a file was saved while it was checked: its findings are not kept under the digest read before
    book.save()
    return out


def _changed_since(digests: dict[Path, str | None]) -> bool:
    try:
        return any(verdicts.file_digest(path) != sha for path, sha in digests.items())
    except OSError:
        return True


def _verdict_key(store: Store, ref: BodyRef, year: int, folder: Path, digests: dict[Path, str | None]) -> str | None:
    """The key of the report's verdict (kit.store.verdicts), or None when the cache is off or an
    input cannot be read (the report is then checked as usual, which says what is wrong)."""
    if verdicts.disabled() or not 1990 < int(year) <= 2100:  # last year's file must be one Store.year_file allows
        return None

    def sha(path: Path) -> str | None:
        if path not in digests:
            digests[path] = verdicts.file_digest(path)
        return digests[path]

    try:
        body_sha, year_sha = sha(folder / BODY_FILE), sha(folder / f"{int(year)}.yaml")  # the paths of Store.year_file, without resolving again
        if body_sha is None or year_sha is None:
            return None
        return verdicts.key(folder / f"{int(year)}.yaml", year_sha, body_sha, sha(folder / f"{int(year) - 1}.yaml"), other_bodies(store, ref))
    except OSError:
        return None


def _keep(book: verdicts.Book, key: str | None, year: int, edition: str | None, findings: Sequence[Finding]) -> None:
    if key is not None:
        book.put(key, year, verdicts.Verdict(edition, tuple(findings)))
