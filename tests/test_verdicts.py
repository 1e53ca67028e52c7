"""The cache of verdicts (kit/store/verdicts.py) answers exactly what checking again would.

A report's own findings (rules 1–18) are kept under the digest of their inputs. These tests check
a copy of the demo county with the cache off, cold and warm and compare every outcome; then
change each input in turn — the year's file, last year's file, body.yaml, the county's bodies,
the kit's code — and show that the reports it affects are validated again (and only those), with
the findings a check without any cache gives. A damaged cache is ignored. Batch planning, which
skips loading a report whose verdict is cached, refuses a report made wrong since.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kit.checking
from kit.batch.plan import plan
from kit.checking import check_bodies, iter_checked
from kit.doccheck.own_reports import Prose
from kit.doccheck.similarity import prepare, prepare_without
from kit.report import BodyRef
from kit.store import Store, verdicts

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "parameters" / "青禾县"
TOWN = "云溪镇"


@pytest.fixture
def county(tmp_path: Path) -> Path:
    root = tmp_path / "parameters"
    for body in ("云溪镇", "柳塘镇", "禾丰镇"):  # three bodies: rule 19 across bodies and the neighbours' names still count
        shutil.copytree(DEMO / body, root / "青禾县" / body, ignore=shutil.ignore_patterns(".*"))
    return root


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("KIT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def validated(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Every report validated (not answered from the cache), as (body, year)."""
    seen: list[tuple[str, int]] = []
    real = kit.checking.validate

    def counting(report, previous=None):
        seen.append((report.body.ref.body, report.year))
        return real(report, previous)

    monkeypatch.setattr(kit.checking, "validate", counting)
    return seen


def outcomes(root: Path) -> list[tuple[str, int | None, str | None, list[dict]]]:
    return [(str(c.ref), c.year, c.edition, [f.as_json() for f in c.findings]) for c in iter_checked([root])]


def uncached(root: Path, monkeypatch: pytest.MonkeyPatch) -> list:
    with monkeypatch.context() as m:
        m.setenv("KIT_CACHE_DIR", "")
        return outcomes(root)


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, (file, old)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_outcomes_are_the_same_without_the_cache_cold_and_warm(county: Path, cache: Path, validated: list, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = uncached(county, monkeypatch)
    assert len(validated) == 21 and any(f for *_, f in expected)  # 3 bodies × 7 years, with findings to compare
    validated.clear()
    assert outcomes(county) == expected  # cold: validated, verdicts written
    assert len(validated) == 21 and len(list((cache / "verdicts-1").glob("*.json"))) == 3  # one file a body
    validated.clear()
    assert outcomes(county) == expected  # warm: rule 19 computed, rules 1–18 from the cache
    assert validated == []


def test_planning_is_the_same_and_loads_nothing_when_every_verdict_is_cached(county: Path, cache: Path, validated: list, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(county)
    with monkeypatch.context() as m:
        m.setenv("KIT_CACHE_DIR", "")
        expected = plan(store, tmp_path / "exports")
    assert plan(store, tmp_path / "exports") == expected  # verdicts written
    validated.clear()
    loads: list[int] = []
    real_load = Store.load_year
    monkeypatch.setattr(Store, "load_year", lambda self, ref, year, body=None: loads.append(year) or real_load(self, ref, year, body))
    assert plan(store, tmp_path / "exports") == expected
    assert validated == [] and loads == []


def test_verdicts_written_by_worker_processes_are_read_back(county: Path, cache: Path, validated: list, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(county)
    wanted = [(ref, store.years(ref)) for ref in store.bodies()]
    with monkeypatch.context() as m:
        m.setenv("KIT_CACHE_DIR", "")
        expected = [[(c.year, c.edition, c.findings) for c in done] for done in check_bodies(store, wanted, similarity=False)]
    assert [[(c.year, c.edition, c.findings) for c in done] for done in check_bodies(store, wanted, jobs=2, similarity=False)] == expected
    validated.clear()
    assert [[(c.year, c.edition, c.findings) for c in done] for done in check_bodies(store, wanted, similarity=False)] == expected
    assert validated == []


def _year_cell(county: Path) -> set[tuple[str, int]]:
    edit(county / "青禾县" / TOWN / "2025.yaml", "      natural: 6  #", "      natural: 7  #")  # 表三 no longer balances
    return {(TOWN, 2025)}


def _previous_year(county: Path) -> set[tuple[str, int]]:
    edit(county / "青禾县" / TOWN / "2024.yaml", "      natural: ", "      natural: 9")  # 2025 carries over from it
    return {(TOWN, 2024), (TOWN, 2025)}


def _previous_removed(county: Path) -> set[tuple[str, int]]:
    (county / "青禾县" / TOWN / "2019.yaml").unlink()
    return {(TOWN, 2020)}


def _body_file(county: Path) -> set[tuple[str, int]]:
    edit(county / "青禾县" / TOWN / "body.yaml", "contact_office: 云溪镇党政办公室", "contact_office: 云溪镇综合办公室")
    return {(TOWN, y) for y in range(2019, 2026)}


def _neighbour_named(county: Path) -> set[tuple[str, int]]:
    """A body added to the county whose name the prose holds (rule 18: a neighbour's name left in)."""
    edit(county / "青禾县" / TOWN / "2025.yaml", "信息公开前由经办人初审", "信息公开前由新桥镇经办人初审")
    shutil.copytree(county / "青禾县" / "柳塘镇", county / "青禾县" / "新桥镇")
    edit(county / "青禾县" / "新桥镇" / "body.yaml", "name: 柳塘镇", "name: 新桥镇")
    everyone = {(b, y) for b in ("云溪镇", "柳塘镇", "禾丰镇", "新桥镇") for y in range(2019, 2026)}
    return everyone  # every report's neighbours changed (and 新桥镇 is new)


@pytest.mark.parametrize("change", [_year_cell, _previous_year, _previous_removed, _body_file, _neighbour_named])
def test_a_changed_input_is_checked_again(change, county: Path, cache: Path, validated: list, monkeypatch: pytest.MonkeyPatch) -> None:
    before = outcomes(county)
    outcomes(county)
    validated.clear()
    affected = change(county)
    expected = uncached(county, monkeypatch)
    validated.clear()
    assert outcomes(county) == expected
    assert expected != before or change is _body_file  # the findings changed too (the body's office is named in no rule)
    assert set(validated) == affected  # those, and only those, validated again


def test_the_neighbours_name_is_found_once_the_neighbour_exists(county: Path, cache: Path) -> None:
    edit(county / "青禾县" / TOWN / "2025.yaml", "信息公开前由经办人初审", "信息公开前由新桥镇经办人初审")
    rules = lambda: [f.rule for c in iter_checked([county]) if (c.ref.body, c.year) == (TOWN, 2025) for f in c.findings]  # noqa: E731
    assert "template_leftover" not in rules() and "template_leftover" not in rules()  # cached without it
    shutil.copytree(county / "青禾县" / "柳塘镇", county / "青禾县" / "新桥镇")
    edit(county / "青禾县" / "新桥镇" / "body.yaml", "name: 柳塘镇", "name: 新桥镇")
    assert "template_leftover" in rules()


def test_another_version_of_the_kit_checks_everything_again(county: Path, cache: Path, validated: list, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = outcomes(county)
    validated.clear()
    monkeypatch.setattr(verdicts, "_stamp", lambda: "another kit")
    assert outcomes(county) == expected
    assert len(validated) == 21


@pytest.mark.parametrize("damage", ["not json", '{"reports": []}', '{"reports": {"%s": {"edition": 5, "findings": []}}}', '{"reports": {"%s": {"year": 2025, "edition": "gov2021", "findings": [["error", 1]]}}}'])
def test_a_damaged_cache_is_ignored(damage: str, county: Path, cache: Path, validated: list, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = uncached(county, monkeypatch)
    outcomes(county)
    for file in (cache / "verdicts-1").glob("*.json"):
        keys = list(__import__("json").loads(file.read_text(encoding="utf-8"))["reports"])
        file.write_text(damage.replace("%s", keys[-1]) if "%s" in damage else damage, encoding="utf-8")
    validated.clear()
    assert outcomes(county) == expected
    assert validated  # checked again, not trusted


def test_the_cache_is_off_with_the_parse_cache(county: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KIT_CACHE_DIR", "")
    outcomes(county)
    assert verdicts.disabled() and not list(tmp_path.rglob("verdicts-*"))


def test_a_plan_refuses_a_report_made_wrong_after_its_verdict_was_cached(county: Path, cache: Path, tmp_path: Path) -> None:
    store = Store(county)
    assert not plan(store, tmp_path / "exports").invalid
    _year_cell(county)
    refused = plan(store, tmp_path / "exports").invalid
    assert [(r.body, r.year) for r in refused] == [(f"青禾县/{TOWN}", 2025)] and refused[0].errors


def test_prepared_without_the_neighbours_is_prepared_with_them(county: Path) -> None:
    """similarity.prepare_without (the comparison across bodies starts from the one with last year) gives prepare's value."""
    edit(county / "青禾县" / TOWN / "2025.yaml", "信息公开前由经办人初审", "信息公开前由柳塘镇经办人初审")
    store = Store(county)
    prose = Prose()
    names = ("云溪镇", "柳塘镇", "禾丰镇")
    for year in (2024, 2025):
        reading = prose.reading(store.load_year(BodyRef("青禾县", TOWN), year))
        own = prepare(reading)
        made = prepare_without(reading, own, names)
        assert made == prepare(reading, names)
        assert (made is own) == (year == 2024)  # reused whole when no neighbour is named


def test_the_three_ways_of_finding_shared_runs_compare_alike(county: Path) -> None:
    """similarity.compare from Group.found (numpy, the county's pairs), from places_of, and by looking
    each run up (last year's report) gives one Comparison, and so the same findings and quotes."""
    from kit.doccheck.similar_pairs import Group
    from kit.doccheck.similarity import compare, places_of, similarity_findings

    shutil.copytree(county / "青禾县" / TOWN, county / "青禾县" / "云溪镇二")  # a copy: similar everywhere
    edit(county / "青禾县" / "云溪镇二" / "body.yaml", "name: 云溪镇", "name: 云溪镇二")
    edit(county / "青禾县" / "云溪镇二" / "2025.yaml", "信息公开前由经办人初审", "信息公开前由柳塘镇经办人初审，再由镇里复核")
    store = Store(county)
    reports = [store.load_year(ref, year) for ref in store.bodies() for year in (2024, 2025)]
    names = tuple(ref.body for ref in store.bodies())
    prose = Prose()
    prepared = [prose.county(r, names) for r in reports]
    pairs = Group(prepared)
    findings = 0
    for i, this in enumerate(prepared):
        places = places_of(this)
        for j, other in enumerate(prepared):
            by_lookup = compare(this, other)
            assert compare(this, other, places) == by_lookup == compare(this, other, found=pairs.found(i, j))
            reading = prose.reading(reports[i])
            found = similarity_findings(reading, this, other, "similar_other_body", "x", found=pairs.found(i, j))
            assert found == similarity_findings(reading, this, other, "similar_other_body", "x", places)
            findings += len(found) if i != j else 0
    assert findings  # the copies were found similar, with their quotes


def test_a_file_saved_while_it_is_checked_leaves_no_verdict(county: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys are digests read before the reports are loaded: when a file of the body changes before its
    verdicts are written, the bytes checked may not be those hashed, so nothing of that body is kept."""
    file = county / "青禾县" / TOWN / "2025.yaml"
    real = kit.checking.validate

    def saved_meanwhile(report, previous=None):
        if report.year == 2025:
            edit(file, "      natural: 6  #", "      natural: 7  #")
        return real(report, previous)

    monkeypatch.setattr(kit.checking, "validate", saved_meanwhile)
    kit.checking.check_body(Store(county), BodyRef("青禾县", TOWN), [2025])
    assert not list((cache / "verdicts-1").glob("*.json"))
