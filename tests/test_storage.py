"""Saving: atomic, the previous version kept, conflicts refused, unwritable folders reported."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from conftest import Builder

from kit import yamlio
from kit.errors import ConflictError, KitError
from kit.report import YearReport
from kit.store import Store

# ---------------------------------------------------------------------------------------------
# history


def test_previous_version_is_kept(builder: Builder, town, gov2021: YearReport) -> None:
    file = gov2021.file
    assert file is not None
    first = file.read_bytes()
    gov2021.prose["problems"] = "第二版：问题已整改。"
    builder.store.save_year(gov2021)
    second = file.read_bytes()
    assert "第二版：问题已整改。" in second.decode("utf-8")
    history = yamlio.history_dir(file)
    assert history == file.parent / ".history" / "2021"
    kept = sorted(history.iterdir())
    assert [p.read_bytes() for p in kept] == [first]
    assert kept[0].suffix == ".yaml"
    gov2021.prose["problems"] = "第三版。"
    builder.store.save_year(gov2021)
    assert [p.read_bytes() for p in sorted(history.iterdir())] == [first, second]
    assert builder.store.years(town.ref) == [2021], "history files are not years"


def test_first_save_has_no_history(builder: Builder, town, gov2021: YearReport) -> None:
    assert gov2021.file is not None
    assert not yamlio.history_dir(gov2021.file).exists()


def test_save_returns_the_new_digest_and_allows_a_second_save(builder: Builder, gov2021: YearReport) -> None:
    assert gov2021.file is not None
    before = gov2021.digest
    gov2021.prose["other"] = "本年度未收取信息处理费。改。"
    builder.store.save_year(gov2021)
    assert gov2021.digest == yamlio.digest(gov2021.file.read_bytes()) != before
    gov2021.prose["other"] = "本年度未收取信息处理费。再改。"
    builder.store.save_year(gov2021)  # no conflict with its own previous save
    assert "再改" in gov2021.file.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# conflicts


def test_file_changed_on_disk_is_not_overwritten(builder: Builder, town, gov2021: YearReport) -> None:
    file = gov2021.file
    assert file is not None
    other = file.read_text(encoding="utf-8").replace("natural: 5", "natural: 6", 1)
    file.write_text(other, encoding="utf-8")  # another window saved meanwhile
    gov2021.prose["problems"] = "我的修改"
    with pytest.raises(ConflictError) as exc:
        builder.store.save_year(gov2021)
    assert str(exc.value) == (
        f"文件 {file} 在您打开之后已被修改（可能有人在另一个窗口或另一台电脑上保存过）。"
        "为避免覆盖他人的修改，本次未保存；请重新打开该文件，核对后再保存。"
    )
    assert file.read_text(encoding="utf-8") == other, "the other writer's content is kept"
    assert not yamlio.history_dir(file).exists()
    fresh = builder.store.load_year(town.ref, 2021)
    assert fresh.cells["applications.new.natural"] == 6


def test_file_deleted_or_created_meanwhile(builder: Builder, town, gov2021: YearReport) -> None:
    file = gov2021.file
    assert file is not None
    file.unlink()
    with pytest.raises(ConflictError, match="已被删除"):
        builder.store.save_year(gov2021)
    assert not file.exists()
    other = file.with_name("2022.yaml")
    other.write_text("mine", encoding="utf-8")  # created by someone else after we started a new file
    with pytest.raises(ConflictError, match="已存在"):
        yamlio.save_text(other, "x", None)
    assert other.read_text(encoding="utf-8") == "mine"


def test_conflict_is_checked_under_a_lock_across_processes(builder: Builder, gov2021: YearReport) -> None:
    """Two processes save from the same version: exactly one wins, the other gets ConflictError."""
    file = gov2021.file
    assert file is not None and gov2021.digest is not None
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from kit import yamlio
        from kit.errors import ConflictError
        try:
            yamlio.save_text(Path({str(file)!r}), sys.argv[1] * 20000, {gov2021.digest!r})
            print("saved")
        except ConflictError:
            print("conflict")
        """
    )
    procs = [subprocess.Popen([sys.executable, "-c", script, tag], stdout=subprocess.PIPE, text=True) for tag in ("A", "B", "C")]
    outcomes = sorted(p.communicate(timeout=60)[0].strip() for p in procs)
    assert outcomes == ["conflict", "conflict", "saved"]
    assert file.read_text(encoding="utf-8") in {t * 20000 for t in "ABC"}


# ---------------------------------------------------------------------------------------------
# atomicity: a save killed mid-write leaves the old or the new file

KILLER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from kit import yamlio
    path = Path(sys.argv[1])
    versions = [Path(p).read_text(encoding="utf-8") for p in sys.argv[2:]]
    digest = yamlio.digest(path.read_bytes())
    i = 0
    print("ready", flush=True)
    while True:
        i += 1
        digest = yamlio.save_text(path, versions[i % len(versions)], digest, keep_history=i % 3 == 0)
    """
)


def test_save_killed_mid_write_leaves_old_or_new(builder: Builder, town, gov2021: YearReport, tmp_path: Path) -> None:
    file = gov2021.file
    assert file is not None
    old = file.read_text(encoding="utf-8")
    new = old.replace("本年度未收取信息处理费", "本年度未收取信息处理费" + "（长文本）" * 30000)  # ~0.5 MB, so kills land mid-write
    versions = [tmp_path / "old.txt", tmp_path / "new.txt"]
    versions[0].write_text(old, encoding="utf-8")
    versions[1].write_text(new, encoding="utf-8")
    rng = random.Random(20240601)
    seen: set[str] = set()
    for _ in range(30):
        proc = subprocess.Popen([sys.executable, "-c", KILLER, str(file), *map(str, versions)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.08))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        assert proc.returncode == -signal.SIGKILL
        text = file.read_text(encoding="utf-8")
        assert text in (old, new), "a truncated or mixed file"
        seen.add("old" if text == old else "new")
        report = builder.store.load_year(town.ref, 2021)  # parses
        assert report.cells["applications.new.natural"] == 5
    assert builder.store.years(town.ref) == [2021], "temporary files never look like years"
    leftovers = [p for p in file.parent.iterdir() if p.name.endswith(".tmp")]
    for p in leftovers:  # a kill between mkstemp and rename may leave a hidden temporary file
        assert p.name.startswith(".2021.yaml.")
    for kept in yamlio.history_dir(file).iterdir():
        if not kept.name.startswith("."):
            assert kept.read_text(encoding="utf-8") in (old, new), "history copies are atomic too"


# ---------------------------------------------------------------------------------------------
# a folder that cannot be written


def test_unwritable_folder_gives_a_clear_error_and_keeps_the_old_file(builder: Builder, town, gov2021: YearReport, monkeypatch) -> None:
    """Simulated in-process (root may write anywhere): the temporary file cannot be created."""
    file = gov2021.file
    assert file is not None
    before = file.read_bytes()

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    gov2021.prose["problems"] = "改了"
    with pytest.raises(KitError) as exc:
        builder.store.save_year(gov2021)
    assert type(exc.value) is KitError
    assert str(exc.value) == f"无法保存文件 {file}：Permission denied。原文件未改动。"
    assert file.read_bytes() == before


def test_read_only_folder_for_real(tmp_path: Path) -> None:
    """A real read-only folder, written by an unprivileged user (as root, permissions are not enforced)."""
    base = Path(tempfile.mkdtemp(prefix="kit-ro-"))
    try:
        os.chmod(base, 0o755)
        store = Store(base / "parameters")
        b = Builder(store)
        body = b.body()
        report = b.year(body, 2021)
        folder = store.body_dir(body.ref)
        for p in [store.root, folder.parent, folder, *folder.rglob("*")]:
            os.chmod(p, 0o755 if p.is_dir() else 0o644)
        before = (folder / "2021.yaml").read_bytes()
        os.chmod(folder, 0o555)
        script = textwrap.dedent(
            f"""
            import os
            from kit.errors import KitError
            from kit.report import BodyRef
            from kit.store import Store
            from kit.store.yearfile import dump_year
            store = Store({str(store.root)!r})
            report = store.load_year(BodyRef("示例县", "甲镇"), 2021)
            report.prose["problems"] = "改了"
            dump_year(report)  # imports what saving needs while the files of Python are still readable
            if os.geteuid() == 0:  # root ignores permissions: act as nobody from here on
                os.setegid(65534)
                os.seteuid(65534)
            try:
                store.save_year(report)
            except KitError as exc:
                print(type(exc).__name__, exc)
            """
        )
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(f"KitError 无法保存文件 {folder / '2021.yaml'}：Permission denied。原文件未改动。"), done.stdout
        assert (folder / "2021.yaml").read_bytes() == before
        assert report.file is not None
    finally:
        for p in base.rglob("*"):
            if p.is_dir():
                os.chmod(p, 0o755)
        import shutil

        shutil.rmtree(base)


def test_write_bytes_atomic_creates_folders(tmp_path: Path) -> None:
    target = tmp_path / "exports" / "a" / "report.html"
    yamlio.write_bytes_atomic(target, b"<p>x</p>")
    assert target.read_bytes() == b"<p>x</p>"
    yamlio.write_bytes_atomic(target, b"<p>y</p>")
    assert target.read_bytes() == b"<p>y</p>"
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.html"]


def test_written_files_are_readable_by_others_and_keep_their_mode(tmp_path: Path) -> None:
    """mkstemp makes private files; an export or a parameter file must stay publishable."""
    from kit.yamlio import save_text, write_bytes_atomic

    report = tmp_path / "报告.html"
    write_bytes_atomic(report, b"<html></html>")
    assert report.stat().st_mode & 0o777 == 0o644
    shared = tmp_path / "2024.yaml"
    shared.write_text("edition: gov2021\n", encoding="utf-8")
    os.chmod(shared, 0o664)
    from kit.yamlio import digest

    save_text(shared, "edition: gov2021\n# 修改\n", digest(shared.read_bytes()))
    assert shared.stat().st_mode & 0o777 == 0o664
