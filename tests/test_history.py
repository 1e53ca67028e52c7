"""`kit history` and `kit restore`: the versions kept in .history/, listed and brought back."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import Builder, run_kit

from kit import yamlio
from kit.cli.main import main
from kit.errors import ConflictError, KitError
from kit.report import YearReport
from kit.store import Store
from kit.store.history import changed_keys, describe_change, find_version, history, restore, versions


def _save(store: Store, report: YearReport, **prose: str) -> bytes:
    report.prose.update(prose)
    time.sleep(0.002)  # distinct time stamps
    store.save_year(report)
    assert report.file is not None
    return report.file.read_bytes()


@pytest.fixture
def three(builder: Builder, gov2021: YearReport) -> list[bytes]:
    """The same 2021 file saved three times: versions 1 and 2 kept, the third current."""
    assert gov2021.file is not None
    first = gov2021.file.read_bytes()
    second = _save(builder.store, gov2021, problems="第二版：问题已整改。")
    third = _save(builder.store, gov2021, problems="第三版。", other="其他也改了。")
    return [first, second, third]


def test_versions_are_listed_oldest_first_with_size_and_time(store: Store, town, three: list[bytes]) -> None:
    kept = versions(store, town.ref, 2021)
    assert [v.number for v in kept] == [1, 2]
    assert [v.path.read_bytes() for v in kept] == three[:2]
    assert [v.size for v in kept] == [len(three[0]), len(three[1])]
    assert all(v.time is not None for v in kept) and kept[0].time <= kept[1].time  # type: ignore[operator]


def test_history_says_which_keys_changed(store: Store, town, three: list[bytes]) -> None:
    lines = history(store, town.ref, 2021)
    assert [line.version.number if line.version else None for line in lines] == [1, 2, None]
    assert lines[0].change == "改动 1 项：prose.problems"
    assert lines[1].change == "改动 2 项：prose.other、prose.problems"
    assert lines[2].size == len(three[2])


def test_changed_keys_of_tables_and_invalid_yaml() -> None:
    assert changed_keys("tables:\n  a:\n    b: 1\n", "tables:\n  a:\n    b: 2\n    c: 3\n") == ["tables.a.b", "tables.a.c"]
    assert changed_keys("a: 1\n", "a: [1\n") is None
    assert describe_change("a: 1 # x\n", "a: 1\n") == "仅格式或注释不同"
    assert describe_change("a: 1\n", "a: 1\n") == "内容相同"
    many = "\n".join(f"k{i}: {i}" for i in range(8))
    assert describe_change("", many).endswith("等")


def test_kit_history_prints_the_versions(parameters: Path, town, three: list[bytes], capsys) -> None:
    assert main(["--parameters", str(parameters), "history", str(town.ref), "2021"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{town.ref} 2021年度参数文件的版本（旧→新）：")
    assert "之后改动 1 项：prose.problems" in out and "之后改动 2 项：prose.other、prose.problems" in out
    assert f"{len(three[2]):>7} 字节" in out
    assert f"kit restore {town.ref} 2021 编号" in out


def test_history_of_a_file_never_saved_twice(parameters: Path, town, gov2021: YearReport, capsys) -> None:
    assert main(["--parameters", str(parameters), "history", str(town.ref), "2021"]) == 0
    assert "还没有历史版本" in capsys.readouterr().out


def test_history_of_a_missing_year_is_a_clear_error(parameters: Path, town, capsys) -> None:
    assert main(["--parameters", str(parameters), "history", str(town.ref), "2020"]) == 1
    assert "找不到" in capsys.readouterr().err


def test_restore_brings_back_a_version_and_keeps_the_current_one(store: Store, town, three: list[bytes]) -> None:
    file = store.year_file(town.ref, 2021)
    version = restore(store, town.ref, 2021, "1")
    assert version.number == 1
    assert file.read_bytes() == three[0]
    kept = versions(store, town.ref, 2021)
    assert [v.path.read_bytes() for v in kept] == three, "the version replaced by restoring is kept too"
    assert store.load_year(town.ref, 2021).prose["problems"] != "第三版。"
    restore(store, town.ref, 2021, kept[-1].stamp)  # undo the restore, by time stamp
    assert file.read_bytes() == three[2]


def test_restore_without_a_version_takes_the_latest_kept(store: Store, town, three: list[bytes]) -> None:
    restore(store, town.ref, 2021)
    assert store.year_file(town.ref, 2021).read_bytes() == three[1]


def test_restore_of_a_deleted_file(store: Store, town, three: list[bytes]) -> None:
    file = store.year_file(town.ref, 2021)
    file.unlink()
    restore(store, town.ref, 2021, "2")
    assert file.read_bytes() == three[1]


@pytest.mark.parametrize("name", ["9", "0", "-1", "../2021", "../../body", "/etc/passwd", "20990101T000000000000", ""])
def test_restore_refuses_an_unknown_version_in_chinese(store: Store, town, three: list[bytes], name: str) -> None:
    file = store.year_file(town.ref, 2021)
    with pytest.raises(KitError) as exc:
        restore(store, town.ref, 2021, name)
    assert f"没有版本 “{name.strip()}”" in str(exc.value) and "kit history" in str(exc.value)
    assert file.read_bytes() == three[2]
    assert len(versions(store, town.ref, 2021)) == 2


def test_restore_without_any_history_is_refused(store: Store, town, gov2021: YearReport) -> None:
    with pytest.raises(KitError, match="没有保存过的历史版本"):
        find_version(store, town.ref, 2021, None)


def test_restore_is_conflict_checked_and_atomic(store: Store, town, three: list[bytes], monkeypatch) -> None:
    """Restoring goes through the kit's one save: a file changed between reading and writing is not overwritten."""
    file = store.year_file(town.ref, 2021)
    real = yamlio.save_text

    def meanwhile(path, text, expected):
        path.write_text("someone else", encoding="utf-8")
        return real(path, text, expected)

    monkeypatch.setattr(yamlio, "save_text", meanwhile)
    with pytest.raises(ConflictError):
        restore(store, town.ref, 2021, "1")
    assert file.read_text(encoding="utf-8") == "someone else"


def test_kit_restore_command(parameters: Path, town, three: list[bytes], capsys) -> None:
    assert main(["--parameters", str(parameters), "restore", str(town.ref), "2021", "1"]) == 0
    out = capsys.readouterr().out
    assert "已将" in out and "恢复为版本 1" in out and "恢复前的内容已存入历史版本" in out
    assert main(["--parameters", str(parameters), "restore", str(town.ref), "2021", "7"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "没有版本 “7”" in err and "Traceback" not in err


def test_restore_refuses_a_body_outside_parameters(parameters: Path, capsys) -> None:
    assert main(["--parameters", str(parameters), "restore", "../x", "2021"]) == 1
    assert "不可用" in capsys.readouterr().err


def test_commands_are_listed_in_help() -> None:
    done = run_kit("--help")
    assert "history" in done.stdout and "restore" in done.stdout
