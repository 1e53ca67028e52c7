"""The store: the parameters folder, bodies under <county>/<body>/, one file per year.

Saving goes through yamlio.save_text: atomic, previous version kept in .history/, refused when
the file changed on disk since it was read (ConflictError) and while the report is in review,
approved or published (LockedError, from the record beside the year file: kit.store.record).
Names that could leave the folder are refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from kit import yamlio
from kit.errors import KitError, PathError
from kit.messages import store as say
from kit.report import Body, BodyRef, YearReport, check_name
from kit.spec import edition_for_year
from kit.store import saves
from kit.store.new_year import blank_year
from kit.store.record import check_editable
from kit.store.yearfile import BODY_FILE, YEAR_FILE, dump_body, dump_year, parse_body, parse_year, read_mapping


class Store:
    """The parameters folder: bodies under <county>/<body>/, one file per year.

    >>> from kit import paths
    >>> from kit.report import BodyRef
    >>> store = Store(paths.CHECKOUT / "parameters")
    >>> [str(ref) for ref in store.bodies("微山县")]
    ['微山县/驩城镇']
    >>> store.load_year(BodyRef("微山县", "驩城镇"), 2018).body.full_name
    '微山县驩城镇人民政府'
    """

    def __init__(self, root: Path | str, saved_by: str | None = None) -> None:
        self.root = Path(root).resolve()
        self.saved_by = saved_by  # a login (kit hub): every save through this store records it (kit.store.saves)

    def note_save(self, file: Path, digest: str | None, action: str | None = None) -> None:
        """After a save (or a removal) of `file` through this store: who did it, if a login was given."""
        if self.saved_by is not None:
            saves.record_save(file, digest, self.saved_by, action)

    def body_dir(self, ref: BodyRef) -> Path:
        path = (self.root / ref.county / ref.body).resolve()
        if self.root not in path.parents:
            raise PathError(say.outside_parameters(ref, self.root))
        return path

    def year_file(self, ref: BodyRef, year: int) -> Path:
        if not 1990 <= int(year) <= 2100:
            raise PathError(say.implausible_year(year))
        return self.body_dir(ref) / f"{int(year)}.yaml"

    def counties(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if p.is_dir() and not p.name.startswith("."))

    def bodies(self, county: str | None = None) -> list[BodyRef]:
        counties = [check_name(county, say.COUNTY)] if county else self.counties()
        out = []
        for c in counties:
            folder = self.root / c
            if folder.is_dir():
                out += [BodyRef(c, p.name) for p in sorted(folder.iterdir()) if (p / BODY_FILE).is_file()]
        return out

    def years(self, ref: BodyRef) -> list[int]:
        folder = self.body_dir(ref)
        if not folder.is_dir():
            return []
        return sorted(int(m.group(1)) for p in folder.iterdir() if (m := YEAR_FILE.match(p.name)))

    def load_body(self, ref: BodyRef) -> Body:
        file = self.body_dir(ref) / BODY_FILE
        data, _ = read_mapping(file)
        return parse_body(ref, data, file)

    def load_year(self, ref: BodyRef, year: int, body: Body | None = None) -> YearReport:
        body = body or self.load_body(ref)
        file = self.year_file(ref, year)
        data, digest = read_mapping(file)
        report = parse_year(body, int(year), data, file)
        report.digest = digest
        return report

    def previous(self, report: YearReport) -> YearReport | None:
        """Last year's report of the same body, if it exists and loads; else None."""
        try:
            file = self.year_file(report.body.ref, report.year - 1)
            if not file.is_file():
                return None
            return self.load_year(report.body.ref, report.year - 1, report.body)
        except KitError:
            return None

    def save_year(self, report: YearReport, *, by_cycle: bool = False) -> None:
        """Atomic save; refuses if the file changed on disk since `report` was read.

        Also refuses (LockedError, saying why and what to do) while the report is submitted,
        approved or published (kit.store.record); only a step of the cycle itself, which writes
        the publication date, passes ``by_cycle=True``.
        """
        file = self.year_file(report.body.ref, report.year)
        if not by_cycle:
            check_editable(self, report.body.ref, report.year)
        report.digest = yamlio.save_text(file, dump_year(report), report.digest)
        report.file = file
        self.note_save(file, report.digest)

    def save_body(self, body: Body, expected_digest: str | None) -> str:
        file = self.body_dir(body.ref) / BODY_FILE
        digest = yamlio.save_text(file, dump_body(body), expected_digest)
        self.note_save(file, digest)
        return digest

    def new_year(self, ref: BodyRef, year: int) -> YearReport:
        """A blank year generated from the spec, with what carries over from last year filled in."""
        body = self.load_body(ref)
        file = self.year_file(ref, year)
        if file.exists():
            raise KitError(say.exists_already(file))
        report = YearReport(body=body, year=year, edition=edition_for_year(year))
        report = blank_year(body, year, self.previous(report))
        self.save_year(report)
        return report


def iter_reports(store: Store, refs: Iterable[BodyRef]) -> Iterator[tuple[BodyRef, int]]:
    for ref in refs:
        for year in store.years(ref):
            yield ref, year
