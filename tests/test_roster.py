"""The hub's roster (kit/server/roster.py), the scope it gives (kit/server/scope.py) and `kit check roster.yaml`."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import COUNTY, ROOT, Builder, run_kit

from kit.errors import KitError
from kit.form.model import FormModel
from kit.report import BodyRef
from kit.server.roster import check_roster, is_roster_file, load_roster, read_roster
from kit.server.scope import OutOfScope, ScopedStore, saves_of, store_for
from kit.store import Store

GOOD = f"""\
county: {COUNTY}
users:
  boss:
    name: 管理员
    role: 管理员
  rev:
    name: 审核员
    role: 审核人
  clerk-a:
    name: 甲镇填报员
    role: 填报人
    bodies: [甲镇]
  clerk.b:
    name: 乙镇填报员
    role: 填报人
    bodies: [{COUNTY}/乙镇]
"""


@pytest.fixture
def two_towns(store: Store) -> Store:
    builder = Builder(store)
    for name in ("甲镇", "乙镇"):
        builder.year(builder.body(name=name), 2022)
    Builder(store).body(county="别县", name="丙镇")
    return store


def write(tmp_path: Path, text: str, name: str = "roster.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_roster_maps_users_to_roles_and_bodies(tmp_path: Path, two_towns: Store) -> None:
    roster, findings = read_roster(write(tmp_path, GOOD), two_towns.root)
    assert findings == []
    assert roster.member("clerk-a").bodies == (BodyRef(COUNTY, "甲镇"),)
    assert roster.member("CLERK.B").bodies == (BodyRef(COUNTY, "乙镇"),)  # JupyterHub lower-cases names
    assert roster.member("rev").county == COUNTY and roster.member("rev").is_reviewer
    assert roster.member("boss").is_admin and roster.member("nobody") is None


def test_the_example_roster_of_the_demo_county_is_valid() -> None:
    assert check_roster(ROOT / "roster.example.yaml", ROOT / "parameters") == []


@pytest.mark.parametrize(
    ("text", "expected", "line"),
    [
        ("users:\n  Zhang San:\n    role: 填报人\n    bodies: [甲镇]\n", "登录名 'Zhang San' 不可用", 2),
        (f"county: {COUNTY}\nusers:\n  a:\n    role: 审核员\n", "角色 '审核员' 不是 填报人 / 审核人 / 管理员 之一", 4),
        (f"county: {COUNTY}\nusers:\n  a:\n    role: 填报人\n", "填报人 a 没有列出负责的报告主体", 3),
        (f"county: {COUNTY}\nusers:\n  a:\n    role: 填报人\n    bodies: [丁镇]\n", f"报告主体 “{COUNTY}/丁镇” 在参数文件夹中不存在", 5),
        (f"county: {COUNTY}\nusers:\n  a:\n    role: 填报人\n    bodies: [../甲镇]\n", "报告主体写法有误", 5),
        ("users:\n  a:\n    role: 审核人\n", "审核人 a 没有指定审核的县", 2),
        (f"county: {COUNTY}\nusers:\n  a:\n    role: 管理员\n    bodies: [甲镇]\n", "不需要 bodies", 5),
        (f"county: {COUNTY}\nusers:\n  a:\n    role: 管理员\n    passwrd: x\n", "未知的键 “passwrd”", 5),
        (f"county: {COUNTY}\nusers:\n  a:\n    role: 管理员\n  a:\n    role: 填报人\n", "键重复", None),
    ],
)
def test_mistakes_are_named_with_file_and_line(tmp_path: Path, two_towns: Store, text: str, expected: str, line: int | None) -> None:
    path = write(tmp_path, text)
    try:
        findings = check_roster(path, two_towns.root)
    except KitError as exc:  # a YAML syntax problem (duplicate key) refuses the whole file, with the line
        assert expected in str(exc) and str(path) in str(exc)
        return
    errors = [f for f in findings if f.is_error]
    assert len(errors) == 1, findings
    assert expected in errors[0].message
    assert errors[0].file == path and errors[0].line == line


def test_a_member_with_a_mistake_is_left_out_entirely(tmp_path: Path, two_towns: Store) -> None:
    """Fail closed: a clerk with one unknown body gets no body at all (and cannot log in)."""
    text = f"county: {COUNTY}\nusers:\n  a:\n    role: 填报人\n    bodies: [甲镇, 丁镇]\n"
    assert load_roster(write(tmp_path, text), two_towns.root).member("a") is None


def test_a_roster_without_an_administrator_gets_a_warning(tmp_path: Path, two_towns: Store) -> None:
    text = f"county: {COUNTY}\nusers:\n  a:\n    role: 填报人\n    bodies: [甲镇]\n"
    (finding,) = check_roster(write(tmp_path, text), two_towns.root)
    assert not finding.is_error and "没有管理员" in finding.message


def test_kit_check_reads_a_roster(tmp_path: Path, two_towns: Store) -> None:
    good = write(tmp_path, GOOD)
    result = run_kit("--parameters", two_towns.root, "check", good)
    assert result.returncode == 0 and "没有发现问题" in result.stdout
    bad = write(tmp_path, f"county: {COUNTY}\nusers:\n  a:\n    role: 填报人\n    bodies: [丁镇]\n", "county.roster.yaml")
    result = run_kit("--parameters", two_towns.root, "check", bad)
    assert result.returncode == 1
    assert f"文件 {bad} 第5行" in result.stdout and "丁镇" in result.stdout
    assert is_roster_file(Path("roster.yaml")) and not is_roster_file(Path("2022.yaml"))


# ---------------------------------------------------------------------------------------------
# scope: every path goes through Store.body_dir


def test_a_clerks_store_reaches_only_their_bodies(tmp_path: Path, two_towns: Store) -> None:
    member = load_roster(write(tmp_path, GOOD), two_towns.root).member("clerk-a")
    store = ScopedStore(two_towns.root, member)
    assert store.counties() == [COUNTY]
    assert store.bodies() == [BodyRef(COUNTY, "甲镇")] and store.bodies(COUNTY) == [BodyRef(COUNTY, "甲镇")]
    other = BodyRef(COUNTY, "乙镇")
    for attempt in (
        lambda: store.load_body(other),
        lambda: store.load_year(other, 2022),
        lambda: store.years(other),
        lambda: store.year_file(other, 2022),
        lambda: store.new_year(other, 2023),
        lambda: FormModel.open(store, other, 2022),
        lambda: FormModel.start_year(store, other, 2023),
        lambda: store.load_year(BodyRef("别县", "丙镇"), 2022),
    ):
        with pytest.raises(OutOfScope, match="不在您负责的范围内"):
            attempt()
    report = store.load_year(BodyRef(COUNTY, "甲镇"), 2022)
    with pytest.raises(OutOfScope):  # a report object pointed at another body cannot be saved either
        report.body = two_towns.load_body(other)
        store.save_year(report)


def test_a_reviewer_reaches_their_county_and_nothing_else(tmp_path: Path, two_towns: Store) -> None:
    store = ScopedStore(two_towns.root, load_roster(write(tmp_path, GOOD), two_towns.root).member("rev"))
    assert store.bodies() == [BodyRef(COUNTY, "乙镇"), BodyRef(COUNTY, "甲镇")] or set(store.bodies()) == {BodyRef(COUNTY, "乙镇"), BodyRef(COUNTY, "甲镇")}
    with pytest.raises(OutOfScope):
        store.load_body(BodyRef("别县", "丙镇"))
    assert ScopedStore(two_towns.root, None).bodies() == []  # no member: nothing at all


def test_saves_through_the_hub_record_who(tmp_path: Path, two_towns: Store) -> None:
    store = ScopedStore(two_towns.root, load_roster(write(tmp_path, GOOD), two_towns.root).member("clerk-a"))
    model = FormModel.open(store, BodyRef(COUNTY, "甲镇"), 2022)
    model.set_prose(next(iter(model.report.spec.sections)).id, "改过的概述")
    model.save()
    (entry,) = saves_of(store, BodyRef(COUNTY, "甲镇"), 2022)
    assert entry["by"] == "clerk-a" and entry["sha256"] == model.report.digest


def test_every_save_through_the_hub_names_the_login_in_kit_history(tmp_path: Path, two_towns: Store) -> None:
    """The year, the body's profile and a restore: each recorded with the login; `kit history` names who saved each version."""
    from kit.store.history import restore
    from kit.store.saves import saves

    ref = BodyRef(COUNTY, "甲镇")
    roster = load_roster(write(tmp_path, GOOD), two_towns.root)
    store = ScopedStore(two_towns.root, roster.member("clerk-a"))
    model = FormModel.open(store, ref, 2022)
    section = next(s.id for s in model.report.spec.sections if s.is_prose)
    model.set_prose(section, "第一次修改")
    model.save()
    model.set_prose(section, "第二次修改")
    model.set_profile("website_name", "甲镇人民政府网")
    model.save()
    assert [s["by"] for s in saves(store.body_dir(ref) / "body.yaml")] == ["clerk-a"]
    restore(store, ref, 2022)  # the first edit back: a save too
    assert [s["by"] for s in saves_of(store, ref, 2022)] == ["clerk-a", "clerk-a", "clerk-a"]

    listing = run_kit("--parameters", str(two_towns.root), "history", str(ref), "2022")
    assert listing.returncode == 0, listing.stderr
    lines = [line for line in listing.stdout.splitlines() if "字节" in line]
    assert len(lines) == 4  # the built file, two saves, the restore (current)
    assert "clerk-a 保存" not in lines[0]  # written before the hub, by nobody it knows
    assert all("clerk-a 保存" in line for line in lines[1:])
    plain = Store(two_towns.root)  # kit serve, JupyterLab, the command line: no login to record
    plain.save_year(plain.load_year(ref, 2022))
    assert len(saves_of(plain, ref, 2022)) == 3


def test_removing_a_year_through_the_hub_names_the_login_and_restoring_too(tmp_path: Path, two_towns: Store) -> None:
    from kit.form import years
    from kit.store.saves import REMOVED

    ref = BodyRef(COUNTY, "甲镇")
    store = ScopedStore(two_towns.root, load_roster(write(tmp_path, GOOD), two_towns.root).member("clerk-a"))
    years.remove_year(store, ref, 2022)
    (entry,) = saves_of(store, ref, 2022)
    assert entry["by"] == "clerk-a" and entry["action"] == REMOVED and "sha256" not in entry
    years.restore_year(store, ref, 2022)
    assert [(s["by"], s.get("action")) for s in saves_of(store, ref, 2022)] == [("clerk-a", REMOVED), ("clerk-a", None)]


def test_under_the_hub_the_form_gets_a_scoped_store(tmp_path: Path, two_towns: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    roster = write(tmp_path, GOOD)
    assert type(store_for(two_towns.root)) is Store  # kit serve, JupyterLab
    monkeypatch.setenv("KIT_HUB", "1")
    monkeypatch.setenv("KIT_ROSTER", str(roster))
    monkeypatch.setenv("KIT_PARAMETERS", str(two_towns.root))
    monkeypatch.setenv("JUPYTERHUB_USER", "clerk.b")
    assert store_for(two_towns.root).bodies() == [BodyRef(COUNTY, "乙镇")]
    monkeypatch.setenv("JUPYTERHUB_USER", "stranger")
    assert store_for(two_towns.root).bodies() == []  # not in the roster: an empty scope, never the whole tree
    monkeypatch.setenv("KIT_ROSTER", str(tmp_path / "missing.yaml"))
    assert store_for(two_towns.root).bodies() == []
