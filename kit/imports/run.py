"""`kit import`: plan what each source becomes, then write it all-or-nothing per report.

Planning reads and checks every source together (kit.doccheck.documents.check_sources), so a
body's reports of several years are checked against each other (上年结转 against last year's
结转) exactly as `kit check --document` would, and decides for each: the body and year it goes
to (named with --body, found among the bodies already in the folder by the name in its title, or
made from that name: 青禾县云溪镇人民政府 -> 青禾县/云溪镇), and whether it will be written,
skipped (the year file exists and --force was not given) or refused (and why).

Writing prepares every file's text first and reads it back through the year-file parser; only
then is anything saved, through the store (atomic, the replaced version kept in .history/). A
report that is refused writes nothing; one that is written writes its year file and, for a new
body, its body.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kit.doccheck.documents import body_key, check_sources, same_body
from kit.doccheck.sources import Source
from kit.errors import KitError, PathError
from kit.imports.reports import Imported, import_report
from kit.messages import imports as msg
from kit.messages import store as store_says
from kit.report import Body, BodyRef, check_name
from kit.store import Store, dump_body, dump_year, parse_body, parse_year
from kit.yamlio import digest, load_yaml_text

_COUNTY = re.compile(r"^(.{1,10}?(?:自治县|自治旗|县|旗|市|区))(.+)$")


@dataclass
class Planned:
    imported: Imported
    path: Path | None = None
    action: str = "refused"  # write | exists | refused
    body_path: Path | None = None  # body.yaml to write for a new body
    year_text: str = ""
    body_text: str = ""
    replaces: str | None = None  # digest of the year file --force replaces

    @property
    def target(self) -> str:
        return msg.body_and_year(self.imported.ref, self.imported.year) if self.imported.ref else "?"


@dataclass
class Plan:
    items: list[Planned] = field(default_factory=list)

    @property
    def to_write(self) -> list[Planned]:
        return [p for p in self.items if p.action == "write"]

    @property
    def refused(self) -> list[Planned]:
        return [p for p in self.items if p.action == "refused"]

    @property
    def skipped(self) -> list[Planned]:
        return [p for p in self.items if p.action == "exists"]


def guess_ref(store: Store, name: str | None, county: str | None) -> BodyRef | None:
    """The body a report's title names: one already in the folder, else made from the name."""
    if not name:
        return None
    for ref in store.bodies(county):
        try:
            known = store.load_body(ref)
        except KitError:
            continue
        if same_body(known.full_name, name) or (known.name == body_key(name)):
            return ref
    if county and name.startswith(county):
        county_name, rest = county, name[len(county) :]
    elif county:
        county_name, rest = county, name
    elif m := _COUNTY.match(name):
        county_name, rest = m.group(1), m.group(2)
    else:
        return None
    short = body_key(rest) or f"{county_name[-1]}{rest}"
    try:
        return BodyRef(check_name(county_name, store_says.COUNTY), check_name(short, store_says.BODY))
    except PathError:
        return None  # a name no folder may have (/, .., control characters): the plan says why


def plan_imports(
    store: Store,
    sources: Sequence[Source],
    *,
    body: BodyRef | None = None,
    county: str | None = None,
    year: int | None = None,
    force: bool = False,
) -> Plan:
    plan = Plan()
    checked_all = check_sources(sources, year=year)
    new_bodies: dict[BodyRef, Body] = {}
    order = sorted(range(len(checked_all)), key=lambda i: -(checked_all[i].year or 0))  # the latest year's preamble makes a new body
    planned: dict[int, Planned] = {}
    for i in order:
        checked = checked_all[i]
        ref = body or guess_ref(store, checked.body, county)
        if ref is None:
            imported = Imported(checked.shown, year=checked.year, findings=list(checked.findings))
            imported.refused.append(msg.no_body(checked.shown, checked.body))
            planned[i] = Planned(imported)
            continue
        try:
            existing = _existing_body(store, ref) or new_bodies.get(ref)
            path = store.year_file(ref, checked.year) if checked.year is not None else None
        except KitError as exc:
            imported = Imported(checked.shown, year=checked.year, findings=list(checked.findings))
            imported.refused.append(str(exc))
            planned[i] = Planned(imported)
            continue
        imported = import_report(checked, ref, existing)
        item = Planned(imported)
        planned[i] = item
        if not imported.ok or imported.report is None or imported.year is None or path is None:
            continue
        item.path = path
        if imported.body is not None:
            new_bodies[ref] = imported.body
            item.body_path = store.body_dir(ref) / "body.yaml"
            item.body_text = dump_body(imported.body)
        imported.report.file = item.path
        item.year_text = dump_year(imported.report)
        problems = _reads_back(item, imported)
        if problems:
            imported.refused += problems
            continue
        if item.path.exists():
            if not force:
                item.action = "exists"
                continue
            item.replaces = digest(item.path.read_bytes())
        item.action = "write"
    plan.items = [planned[i] for i in range(len(checked_all))]
    _one_source_a_target(plan)
    return plan


def _existing_body(store: Store, ref: BodyRef) -> Body | None:
    if not (store.body_dir(ref) / "body.yaml").is_file():
        return None
    return store.load_body(ref)


def _reads_back(item: Planned, imported: Imported) -> list[str]:
    """The texts about to be written parse back as a body and a year file: nothing half-valid is saved."""
    assert imported.report is not None and imported.ref is not None and imported.year is not None and item.path is not None
    try:
        body = imported.report.body
        if item.body_text:
            body = parse_body(imported.ref, load_yaml_text(item.body_text, item.body_path or item.path), item.body_path or item.path)
        parse_year(body, imported.year, load_yaml_text(item.year_text, item.path), item.path)
    except KitError as exc:
        return [str(exc)]
    return []


def _one_source_a_target(plan: Plan) -> None:
    by_target: dict[Path, list[Planned]] = {}
    for p in plan.items:
        if p.path is not None and p.action in ("write", "exists"):
            by_target.setdefault(p.path, []).append(p)
    for path, items in by_target.items():
        if len(items) > 1:
            for p in items:
                p.action = "refused"
                p.imported.refused.append(msg.several_bodies_one_target(str(path), [q.imported.source for q in items]))


def write_plan(store: Store, plan: Plan) -> list[str]:
    """Save what the plan says; the lines to print. Body files first, each report whole or not at all."""
    lines: list[str] = []
    done_bodies: set[Path] = set()
    for p in plan.to_write:
        assert p.path is not None
        if p.body_path is not None and p.body_path not in done_bodies and not p.body_path.exists():
            from kit import yamlio

            yamlio.save_text(p.body_path, p.body_text, None)
            done_bodies.add(p.body_path)
            lines.append(msg.body_written(str(p.body_path)))
        from kit import yamlio

        yamlio.save_text(p.path, p.year_text, p.replaces)
        report = p.imported.report
        assert report is not None
        lines.append(msg.written(str(p.path), report.spec.name, sum(1 for v in report.cells.values() if v is not None), p.imported.quoted))
    return lines
