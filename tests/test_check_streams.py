"""`kit check` over a tree streams county by county: what it holds does not grow with the tree."""

from __future__ import annotations

import json

import pytest
from conftest import Builder

import kit.checking
from kit.checking import iter_checked
from kit.cli.main import main


@pytest.fixture
def two_counties(builder: Builder):
    for county in ("甲县", "乙县"):
        body = builder.body(county=county)
        builder.year(body, 2021)
    return builder.store.root


def test_a_county_is_yielded_before_the_next_is_read(two_counties, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real = kit.checking.check_body

    def recording(store, ref, years=None, **options):
        seen.append(ref.county)
        return real(store, ref, years, **options)

    monkeypatch.setattr(kit.checking, "check_body", recording)
    results = iter_checked([two_counties])
    first = next(results)
    assert seen == [first.ref.county]  # the other county is not read yet
    rest = list(results)
    assert sorted({first.ref.county, *(r.ref.county for r in rest)}) == ["乙县", "甲县"]


def test_json_output_is_one_list_written_as_it_goes(two_counties, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json", str(two_counties)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert sorted(d["body"] for d in data) == ["乙县/甲镇", "甲县/甲镇"] and all(d["errors"] == 0 for d in data)


def test_counties_in_processes_give_the_same_outcomes(two_counties) -> None:
    serial = [(str(c.ref), c.year, c.edition, [f.as_json() for f in c.findings]) for c in iter_checked([two_counties])]
    parallel = list(iter_checked([two_counties], jobs=2))
    assert [(str(c.ref), c.year, c.edition, [f.as_json() for f in c.findings]) for c in parallel] == serial
    assert all(c.report is None for c in parallel)  # the reports stay in the workers


def test_kit_check_jobs_option(two_counties, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--jobs", "2", str(two_counties)]) == 0
    out = capsys.readouterr().out
    assert "共检查 2 份：2 份通过" in out and "（2021年版格式）" in out
