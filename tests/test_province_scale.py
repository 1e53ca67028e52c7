"""What was made fast for a province still finds what it found (benchmarks/bench_province.py
measures the speed; these tests only the results, without kernels).

- rule 19 across bodies: similar_pairs.Group picks the pairs to compare in full from every pair's
  coverage counted at once; it must pick exactly the pairs a full comparison finds;
- rule 18 in a county of many bodies looks sibling names up by their first characters;
- batch planning validates in processes and without rule 19, and refuses what it refused.
"""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest
from conftest import Builder
from doccheck_samples import LONG
from doccheck_samples import kit_body as body
from doccheck_samples import kit_report as report

from kit.batch.plan import Plan, plan
from kit.checking import check_paths
from kit.doccheck import leftovers
from kit.doccheck.prose import reading_of_report
from kit.doccheck.similar_pairs import Group
from kit.doccheck.similarity import prepare, similarity_findings
from kit.report import BodyRef
from kit.store import Store

OTHER = {  # prose of another body, as long as LONG's and sharing none of its sentences
    "overview_management": "建立信息发布协调机制，重要信息发布前与县直部门会商，确保口径一致。全年组织业务培训三次，覆盖各村（社区）信息员，培训内容包括公开范围、保密要求和答复时限等，参训人员均通过了考核。",
    "overview_platforms": "镇政府网站专栏设置机构职能、法规文件、规划计划、财政资金等栏目，栏目内容按月核查，过期链接及时清理。便民服务中心设置查阅点两处，配备专人指导群众查询，全年接待查阅群众一百余人次。",
    "problems": "存在的问题主要是部分栏目更新不够及时，个别信息员业务不熟。下一步将建立栏目更新台账，实行每月通报，同时开展以案代训，提高信息员依法答复的能力，确保公开工作规范有序开展。",
}


def _prepared(reports):
    readings = [reading_of_report(r) for r in reports]
    names = tuple(r.body.ref.body for r in reports)
    return readings, [prepare(reading, names) for reading in readings]


def test_the_pairs_picked_are_exactly_those_a_full_comparison_finds() -> None:
    towns = ["柳塘镇", "禾丰镇", "芦花乡", "石桥镇", "云溪镇", "鹭洲镇"]
    prose = [
        LONG,  # 柳塘镇
        {k: v.replace("柳塘", "禾丰") for k, v in LONG.items()},  # 禾丰镇: a copy under its own name (over 50% in all)
        {**OTHER, "overview_management": LONG["overview_management"]},  # 芦花乡: one section copied (over 80% there only)
        OTHER,  # 石桥镇: nothing in common with 柳塘镇
        {"problems": "本年无。"},  # 云溪镇: too short to be compared
        {k: v[: len(v) // 2] + OTHER[k][len(OTHER[k]) // 2 :] for k, v in LONG.items()},  # 鹭洲镇: half of each
    ]
    reports = [report(body(t, "乡" if t.endswith("乡") else "镇"), 2023, p) for t, p in zip(towns, prose, strict=True)]
    readings, prepared = _prepared(reports)
    over = Group(prepared).over()
    expected = [
        {j for j in range(len(reports)) if j != i and similarity_findings(readings[i], prepared[i], prepared[j], "similar_other_body", "x")}
        for i in range(len(reports))
    ]
    assert over == expected
    assert 1 in over[0] and 0 in over[1]  # the copy, both ways
    assert 0 in over[2] and 3 not in over[0]  # the section copied; the unrelated body is not compared
    assert over[4] == set()  # too short


def test_a_county_check_still_finds_the_copied_section(tmp_path: Path) -> None:
    store = Store(tmp_path / "parameters")
    a = report(body("柳塘镇"), 2023, LONG)
    b = report(body("芦花乡", "乡"), 2023, {**OTHER, "overview_management": LONG["overview_management"]})
    c = report(body("石桥镇"), 2023, OTHER | {"problems": LONG["problems"][:20]})
    for r in (a, b, c):
        store.save_body(r.body, None)
        store.save_year(r)
    found = {c.ref.body: [f for f in c.findings if f.rule == "similar_other_body"] for c in check_paths([store.root])}
    management = "一、总体情况 › （三）政府信息管理"
    (copied,) = [f for f in found["芦花乡"] if "柳塘镇" in f.message]  # 芦花乡's management section is 柳塘镇's
    assert copied.printed == management and copied.message.startswith("这一部分与青禾县柳塘镇人民政府2023年的报告的文字相似度约为 100%")
    ((back),) = found["柳塘镇"]  # and the other way round; 柳塘镇 and 石桥镇 share nothing
    assert back.printed == management and "芦花乡" in back.message
    assert all("柳塘镇" not in f.message for f in found["石桥镇"])


def test_sibling_names_in_a_county_of_many_bodies_are_found_as_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    towns = [f"{a}{b}镇" for a, b in itertools.islice(itertools.product("东西南北中上下前后左", "山河湖溪岭桥塘"), 60)]
    text = {"overview_platforms": f"本镇政务公开专栏参照{towns[41]}做法改版，与{towns[7]}、{towns[7]}联合开展培训；东山路、西河村不是单位名称。"}
    r = report(body("柳塘镇"), 2023, text)
    reading = reading_of_report(r, tuple(towns))
    assert len(towns) > leftovers.MANY_NAMES
    many = leftovers.check_leftovers(reading)
    monkeypatch.setattr(leftovers, "MANY_NAMES", 10_000)  # every name searched in every paragraph, as before
    one_by_one = leftovers.check_leftovers(reading)
    assert [f.message for f in many] == [f.message for f in one_by_one]
    named = [f.message.split("出现了其他单位“")[1].split("”")[0] for f in many if "出现了其他单位" in f.message]
    assert sorted(named) == sorted([towns[41], towns[7], towns[7]])


def _plan_outcome(p: Plan) -> tuple:
    return (
        [(j.body, j.year, j.digest) for j in p.build],
        [(j.body, j.year) for j in p.unchanged],
        [(i.body, i.year, [dataclasses.replace(f, file=None).describe() for f in i.findings]) for i in p.invalid],
    )


def test_planning_in_processes_refuses_what_it_refused(builder: Builder, tmp_path: Path) -> None:
    for county in ("甲县", "乙县"):
        town = builder.body(county=county, name="甲镇")
        builder.chain(town, [2021, 2022])
        office = builder.body(county=county, name="乙局", level="县级部门")
        builder.year(office, 2022, cells={"applications.new.natural": 9, "proactive.rules.made": 2})  # two errors
    store = builder.store
    (store.root / "乙县" / "甲镇" / "2021.yaml").write_text("edition: gov2021\ntables: [\n", encoding="utf-8")  # unreadable
    (store.root / "甲县" / "丙镇").mkdir()
    (store.root / "甲县" / "丙镇" / "body.yaml").write_text("name: [\n", encoding="utf-8")  # body.yaml unreadable
    (store.root / "甲县" / "丙镇" / "2022.yaml").write_bytes((store.root / "甲县" / "甲镇" / "2022.yaml").read_bytes())
    one = plan(store, tmp_path / "exports")
    two = plan(store, tmp_path / "exports", jobs=2)
    assert _plan_outcome(two) == _plan_outcome(one)
    refused = {(i.body, i.year) for i in two.invalid}
    assert {("甲县/乙局", 2022), ("乙县/乙局", 2022), ("乙县/甲镇", 2021), ("甲县/丙镇", None)} <= refused
    assert ("甲县/甲镇", 2022) in {(j.body, j.year) for j in two.build}
    assert all(i.errors for i in two.invalid)


def test_planning_leaves_out_only_the_similarity_warnings(tmp_path: Path) -> None:
    store = Store(tmp_path / "parameters")
    for r in (report(body("柳塘镇"), 2022, LONG), report(body("柳塘镇"), 2023, LONG)):
        if not (store.body_dir(r.body.ref) / "body.yaml").exists():
            store.save_body(r.body, None)
        store.save_year(r)
    from kit.checking import check_body

    full, lean = check_body(store, BodyRef("青禾县", "柳塘镇")), check_body(store, BodyRef("青禾县", "柳塘镇"), similarity=False)
    assert [f.rule for f in full[1].findings if f.rule.startswith("similar")] == ["similar_previous_year"]
    assert [f for f in full[1].findings if not f.rule.startswith("similar")] == lean[1].findings
    assert {(j.body, j.year) for j in plan(store, tmp_path / "exports", jobs=2).build} == {("青禾县/柳塘镇", 2022), ("青禾县/柳塘镇", 2023)}
