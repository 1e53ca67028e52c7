"""`kit batch`: planning, incremental builds and the manifest (no kernel), then real batches
(marked slow): a few reports of a copy of the demo county, a driver killed half-way and run
again, a failing report among good ones, Ctrl-C, a crashed worker, and a run on a real Dask
scheduler and worker started on 127.0.0.1.

Every test works on copies under tmp_path (--parameters, --exports); nothing is written into
the repository's parameters/ or exports/.
"""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import psutil
import pytest
from conftest import BIN, KIT, ROOT

from kit.batch import plan as batch_plan
from kit.batch import run as batch
from kit.batch import worker as batch_worker
from kit.batch.plan import MANIFEST, NOTEBOOK, Job, parse_years, plan
from kit.batch.result import JobResult
from kit.cli.main import main
from kit.errors import PathError, UsageError
from kit.report import BodyRef
from kit.store import Store

DEMO = "青禾县"


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def kit_batch(parameters: Path, exports: Path, *args: str) -> int:
    return main(["--parameters", str(parameters), "batch", *args, "--exports", str(exports)])


def fake_result(job: Job, payload: dict) -> JobResult:
    """What run_job returns for a built report, without a kernel."""
    page = f"<html><body>{job.body} {job.year} {payload['digest'][:8]}</body></html>"
    files = {"html": (f"{job.year}年度报告.html", page.encode())}
    if "pdf" in job.formats:
        files["pdf"] = (f"{job.year}年度报告.pdf", b"%PDF-1.7 fake\n%%EOF\n")
    return JobResult(ok=True, files=files, digest=payload["digest"], seconds=0.01, code=batch_plan.code_digest(), worker="test")


@pytest.fixture
def no_kernel(monkeypatch) -> list[Job]:
    """Replace the local workers by a loop that returns fake_result: planning, commit and the
    summary run for real, no kernel starts. Returns the jobs that ran."""
    ran: list[Job] = []

    def execute(self, jobs, make_payload, deliver) -> None:
        for job in jobs:
            ran.append(job)
            payload = make_payload(job)
            deliver(job, fake_result(job, payload))

    from kit.batch import local as batch_local

    monkeypatch.setattr(batch_local.LocalWorkers, "execute", execute)
    return ran


@pytest.fixture
def county(builder) -> Store:
    """示例县: 甲镇 2019–2022 and 乙局 2021–2022, complete and valid."""
    a = builder.body()
    builder.chain(a, range(2019, 2023))
    b = builder.body(name="乙局", level="县级部门")
    builder.chain(b, [2021, 2022])
    return builder.store


# ---------------------------------------------------------------------------------------------
# selection and years


def test_years_are_read_as_ranges_and_lists() -> None:
    assert parse_years("2019-2021") == {2019, 2020, 2021}
    assert parse_years("2021,2023") == {2021, 2023}
    assert parse_years("2019-2020, 2024") == {2019, 2020, 2024}
    assert parse_years(None) is None
    for bad in ("2021-2019", "twenty", "2019-"):
        with pytest.raises(UsageError, match="年份范围"):
            parse_years(bad)


def test_wrong_years_or_formats_are_usage_errors(county: Store, tmp_path, capsys) -> None:
    assert kit_batch(county.root, tmp_path / "out", "--years", "2019~2021") == 2
    assert "2019-2025" in capsys.readouterr().err
    assert kit_batch(county.root, tmp_path / "out", "--to", "html,odt") == 2
    assert "--to" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_selection_is_the_tree_a_county_or_bodies(county: Store, builder, tmp_path) -> None:
    other = builder.body(county="另一县", name="丙镇")
    builder.year(other, 2022)
    everything = plan(county, tmp_path, [])
    assert {(j.body, j.year) for j in everything.build} == {
        *(("示例县/甲镇", y) for y in range(2019, 2023)),
        ("示例县/乙局", 2021),
        ("示例县/乙局", 2022),
        ("另一县/丙镇", 2022),
    }
    assert {j.body for j in plan(county, tmp_path, ["示例县"]).build} == {"示例县/甲镇", "示例县/乙局"}
    assert {j.body for j in plan(county, tmp_path, ["示例县/乙局", "另一县/丙镇"]).build} == {"示例县/乙局", "另一县/丙镇"}
    assert [j.year for j in plan(county, tmp_path, ["示例县/甲镇"], years={2020, 2022, 2030}).build] == [2020, 2022]


def test_an_unknown_selection_is_named(county: Store, tmp_path, capsys) -> None:
    with pytest.raises(PathError, match="没有 “某县”"):
        plan(county, tmp_path, ["某县"])
    with pytest.raises(PathError, match="示例县/丁镇"):
        plan(county, tmp_path, ["示例县/丁镇"])
    assert kit_batch(county.root, tmp_path / "out", "示例县/丁镇") == 1
    assert "找不到报告主体 示例县/丁镇" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# invalid reports


@pytest.fixture
def with_errors(county: Store, builder) -> Store:
    """示例县/乙局 2022 gets two errors (table 三 unbalanced; 规章 made in a town's count)."""
    body = county.load_body(BodyRef("示例县", "乙局"))
    county.year_file(body.ref, 2022).unlink()
    builder.year(body, 2022, cells={"applications.new.natural": 9, "proactive.rules.made": 2}, previous=county.load_year(body.ref, 2021))
    return county


def test_invalid_reports_are_listed_with_their_errors_and_skipped(with_errors: Store, tmp_path, no_kernel, capsys) -> None:
    exports = tmp_path / "exports"
    assert kit_batch(with_errors.root, exports, "--to", "html") == 1  # a report was refused
    out = capsys.readouterr().out
    assert "有错误 1 份（跳过）" in out
    assert "示例县/乙局 2022年：" in out and "一、本年新收政府信息公开申请数量" in out
    assert "--draft" in out
    assert "完成：生成 5 份，未变化 0 份，有错误未生成 1 份，失败 0 份" in out
    assert ("示例县/乙局", 2022) not in {(j.body, j.year) for j in no_kernel}
    assert not (exports / "示例县" / "乙局" / "2022").exists()
    assert (exports / "示例县" / "乙局" / "2021" / MANIFEST).is_file()


def test_strict_refuses_the_whole_batch_and_builds_nothing(with_errors: Store, tmp_path, no_kernel, capsys) -> None:
    exports = tmp_path / "exports"
    assert kit_batch(with_errors.root, exports, "--strict") == 1
    out = capsys.readouterr().out
    assert "已拒绝整批（--strict）：有 1 份报告有错误，没有生成任何报告" in out
    assert "示例县/乙局 2022年" in out
    assert no_kernel == [] and not exports.exists()


def test_draft_builds_the_reports_with_errors(with_errors: Store, tmp_path, no_kernel) -> None:
    assert kit_batch(with_errors.root, tmp_path / "exports", "--draft", "--to", "html") == 0
    assert ("示例县/乙局", 2022) in {(j.body, j.year) for j in no_kernel}
    assert all(j.draft for j in no_kernel)


def test_an_unreadable_file_is_an_invalid_report_not_a_crash(county: Store, tmp_path, no_kernel, capsys) -> None:
    (county.root / "示例县" / "甲镇" / "2022.yaml").write_text("edition: gov2021\ntables: [\n", encoding="utf-8")
    assert kit_batch(county.root, tmp_path / "exports", "示例县/甲镇", "--to", "html") == 1
    out = capsys.readouterr().out
    assert "示例县/甲镇 2022年：" in out and "2022.yaml" in out
    assert "生成 3 份" in out


# ---------------------------------------------------------------------------------------------
# digests: what makes a report change


def digests(store: Store, exports: Path, **kw) -> dict[tuple[str, int], str]:
    p = plan(store, exports, **kw)
    return {(j.body, j.year): j.digest for j in p.build + p.unchanged}


def test_the_digest_follows_the_year_its_history_and_the_body(county: Store, tmp_path) -> None:
    before = digests(county, tmp_path)
    folder = county.root / "示例县" / "甲镇"

    (folder / "2020.yaml").write_text((folder / "2020.yaml").read_text(encoding="utf-8") + "\n# 改动\n", encoding="utf-8")
    after = digests(county, tmp_path)
    changed = {k for k in before if before[k] != after[k]}
    # 2020 itself and every later year (carry-over, trend charts); not 2019, not the other body
    assert changed == {("示例县/甲镇", y) for y in (2020, 2021, 2022)}

    (folder / "body.yaml").write_text((folder / "body.yaml").read_text(encoding="utf-8") + "\n# 改动\n", encoding="utf-8")
    again = digests(county, tmp_path)
    assert {k for k in after if after[k] != again[k]} == {("示例县/甲镇", y) for y in range(2019, 2023)}


def test_the_digest_follows_the_notebook_formats_and_draft(county: Store, tmp_path) -> None:
    base = digests(county, tmp_path)
    notebook = tmp_path / "annual_report.ipynb"
    notebook.write_bytes(NOTEBOOK.read_bytes().replace(b"display(HTML(", b"display(HTML(  "))
    assert set(digests(county, tmp_path, notebook=notebook).values()).isdisjoint(base.values())
    assert set(digests(county, tmp_path, formats=("html",)).values()).isdisjoint(base.values())
    assert set(digests(county, tmp_path, draft=True).values()).isdisjoint(base.values())
    assert digests(county, tmp_path) == base  # and nothing else moves it


def test_the_digest_follows_the_kits_code(county: Store, tmp_path, monkeypatch) -> None:
    base = digests(county, tmp_path)
    monkeypatch.setattr(batch_plan, "code_digest", lambda: "another kit")
    assert set(digests(county, tmp_path).values()).isdisjoint(base.values())


def test_the_payload_carries_exactly_what_was_hashed(county: Store, tmp_path) -> None:
    job = next(j for j in plan(county, tmp_path).build if j.body == "示例县/甲镇" and j.year == 2021)
    payload = batch_worker.payload(job, county, NOTEBOOK)
    assert sorted(payload["files"]) == ["2019.yaml", "2020.yaml", "2021.yaml", "body.yaml"]  # not 2022
    assert payload["digest"] == job.digest
    assert json.loads(json.dumps({k: v for k, v in payload.items() if k not in ("files", "notebook")}))  # plain values
    # edited between planning and running: built as it is now, and recorded as such
    (county.root / "示例县" / "甲镇" / "2020.yaml").write_text("edition: gov2019\n", encoding="utf-8")
    assert batch_worker.payload(job, county, NOTEBOOK)["digest"] != job.digest


# ---------------------------------------------------------------------------------------------
# incremental runs and the manifest


def test_a_second_run_skips_what_is_unchanged_without_validating_it(county: Store, tmp_path, no_kernel, monkeypatch, capsys) -> None:
    exports = tmp_path / "exports"
    assert kit_batch(county.root, exports, "--to", "html,pdf") == 0
    assert len(no_kernel) == 6
    manifest = json.loads((exports / "示例县" / "甲镇" / "2021" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["files"] == ["2021年度报告.html", "2021年度报告.pdf"] and manifest["formats"] == ["html", "pdf"]
    capsys.readouterr()

    from kit import checking

    def no_validation(*args, **kwargs):
        raise AssertionError("unchanged reports are not validated again")

    monkeypatch.setattr(checking, "check_body", no_validation)
    no_kernel.clear()
    assert kit_batch(county.root, exports, "--to", "html,pdf") == 0
    assert no_kernel == []
    assert "生成 0 份，未变化 6 份" in capsys.readouterr().out


def test_a_changed_or_incomplete_report_is_rebuilt_and_only_it(county: Store, tmp_path, no_kernel) -> None:
    exports = tmp_path / "exports"
    assert kit_batch(county.root, exports, "--to", "html") == 0
    no_kernel.clear()
    folder = county.root / "示例县" / "甲镇"
    (folder / "2021.yaml").write_text((folder / "2021.yaml").read_text(encoding="utf-8") + "\n# 改动\n", encoding="utf-8")
    (exports / "示例县" / "乙局" / "2021" / "2021年度报告.html").unlink()  # an output removed by hand
    (exports / "示例县" / "乙局" / "2022" / MANIFEST).unlink()  # a build cut short before its manifest
    assert kit_batch(county.root, exports, "--to", "html") == 0
    assert sorted((j.body, j.year) for j in no_kernel) == [("示例县/乙局", 2021), ("示例县/乙局", 2022), ("示例县/甲镇", 2021), ("示例县/甲镇", 2022)]
    no_kernel.clear()
    assert kit_batch(county.root, exports, "--to", "html", "--force", "示例县/乙局") == 0
    assert sorted((j.body, j.year) for j in no_kernel) == [("示例县/乙局", 2021), ("示例县/乙局", 2022)]


def test_commit_replaces_outputs_then_writes_the_manifest_and_drops_stale_files(county: Store, tmp_path) -> None:
    exports = tmp_path / "exports"
    job = next(j for j in plan(county, exports, ["示例县/甲镇"], years={2021}, formats=("html", "pdf")).build)
    folder = Path(job.out_dir)
    folder.mkdir(parents=True)
    (folder / "旧标题.html").write_text("old", encoding="utf-8")
    (folder / ".旧标题.html.abc123.tmp").write_text("half", encoding="utf-8")  # left by a killed run
    (folder / MANIFEST).write_text(json.dumps({"digest": "old", "files": ["旧标题.html"]}), encoding="utf-8")
    (folder / "笔记.txt").write_text("the user's own file", encoding="utf-8")
    kept = batch.failed_notebook(exports, job.ref, job.year)
    kept.parent.mkdir(parents=True)
    kept.write_text("{}", encoding="utf-8")

    assert batch.commit(job, fake_result(job, {"digest": job.digest}), exports=exports, parameters=county.root) is None
    assert sorted(p.name for p in folder.iterdir()) == sorted([MANIFEST, "2021年度报告.html", "2021年度报告.pdf", "笔记.txt"])
    record = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert record["digest"] == job.digest and record["body"] == "示例县/甲镇" and record["year"] == 2021
    assert not kept.exists()  # the partial notebook of an earlier failed run is superseded
    assert batch_plan.is_unchanged(job)


def test_a_failed_report_keeps_its_partial_notebook_under_the_users_paths(county: Store, tmp_path) -> None:
    exports = tmp_path / "exports"
    job = plan(county, exports, ["示例县/甲镇"], years={2021}).build[0]
    tmp = "/tmp/kit-job-xyz"
    result = JobResult(
        ok=False,
        message=f"示例县/甲镇 2021年度报告：报告笔记本在 annual_report.ipynb 的第5个单元格出错：ZeroDivisionError\n"
        f"  参数文件 {tmp}/parameters/示例县/甲镇/2021.yaml\n  未完成的笔记本（含错误信息）已保存在 {tmp}/exports/_failed/x.ipynb",
        partial=b'{"cells": []}',
        saved=f"{tmp}/exports/_failed/x.ipynb",
        tmp=tmp,
    )
    failure = batch.commit(job, result, exports=exports, parameters=county.root)
    assert failure is not None and failure.partial == exports / "_failed" / "示例县" / "甲镇" / "2021.ipynb"
    assert failure.partial.read_bytes() == b'{"cells": []}'
    assert str(failure.partial) in failure.message and tmp not in failure.message
    assert str(county.root / "示例县" / "甲镇" / "2021.yaml") in failure.message
    assert not Path(job.out_dir).exists()  # nothing under a final name


def test_a_result_from_a_worker_with_another_kit_is_refused(county: Store, tmp_path) -> None:
    exports = tmp_path / "exports"
    job = plan(county, exports, ["示例县/甲镇"], years={2021}).build[0]
    result = dataclasses.replace(fake_result(job, {"digest": job.digest}), code="other", worker="node7:123")
    failure = batch.commit(job, result, exports=exports, parameters=county.root, remote=True)
    assert failure is not None and "node7:123" in failure.message and "与本机不同" in failure.message
    assert not Path(job.out_dir).exists()


def test_run_job_reports_a_failure_instead_of_raising(county: Store, tmp_path, monkeypatch) -> None:
    from kit.build import report as build
    from kit.errors import NotebookFailed

    job = plan(county, tmp_path, ["示例县/甲镇"], years={2021}).build[0]

    def failing(parameters, ref, year, *, exports, **kw):
        saved = exports / "_failed" / "x.ipynb"
        saved.parent.mkdir(parents=True)
        saved.write_text("{}", encoding="utf-8")
        assert sorted(p.name for p in (parameters / ref.county / ref.body).iterdir()) == ["2019.yaml", "2020.yaml", "2021.yaml", "body.yaml"]
        raise NotebookFailed(f"{ref} {year}年度报告：第5个单元格出错；已保存在 {saved}", saved)

    monkeypatch.setattr(build, "build_report", failing)
    result = batch_worker.run_job(batch_worker.payload(job, county, NOTEBOOK))
    assert result.ok is False and result.partial == b"{}" and result.saved and result.saved in result.message

    monkeypatch.setattr(build, "build_report", lambda *a, **k: 1 / 0)
    result = batch_worker.run_job(batch_worker.payload(job, county, NOTEBOOK))
    assert result.ok is False and "内部错误 ZeroDivisionError" in result.message and "示例县/甲镇 2021" in result.message
    assert pickle.loads(pickle.dumps(result)) == result  # it crosses a pipe or Dask as it is


def test_nothing_to_do_imports_no_jupyter_machinery(county: Store, tmp_path, no_kernel) -> None:
    exports = tmp_path / "exports"
    assert kit_batch(county.root, exports, "--to", "html,pdf") == 0
    code = (
        "import sys, json\n"
        "from kit.cli.main import main\n"
        f"code = main(['--parameters', {str(county.root)!r}, 'batch', '--to', 'html,pdf', '--exports', {str(exports)!r}])\n"
        "heavy = ('papermill', 'nbconvert', 'nbformat', 'nbclient', 'jupyter_client', 'matplotlib', 'weasyprint', 'IPython', 'distributed', 'kit.checking')\n"
        "print(json.dumps([code, sorted(m for m in sys.modules if m in heavy or m.split('.')[0] in heavy)]))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    code_, loaded = json.loads(run.stdout.strip().splitlines()[-1])
    assert code_ == 0 and loaded == []


def test_a_second_batch_into_the_same_exports_is_refused(county: Store, tmp_path, no_kernel, capsys) -> None:
    exports = tmp_path / "exports"
    with batch.exports_lock(exports):
        assert kit_batch(county.root, exports, "--to", "html") == 1
        assert f"另一个 kit batch（进程 {os.getpid()}）正在向 {exports} 写入报告" in capsys.readouterr().err
    assert no_kernel == []
    assert kit_batch(county.root, exports, "--to", "html") == 0  # once the other one is done


def test_progress_without_a_terminal_is_one_line_per_report(county: Store, tmp_path) -> None:
    stream = StringIO()
    progress = batch.Progress(2, stream)
    jobs = plan(county, tmp_path, ["示例县/乙局"]).build
    progress.done(jobs[0], None, 1.5)
    progress.done(jobs[1], batch.Failure(jobs[1], "示例县/乙局 2022年度报告：出错\n  未完成的笔记本已保存在 x"), 2.0)
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("[1/2] ✓ 示例县/乙局 2021年（1.5 秒）") and "剩余约" in lines[0]
    assert lines[1].startswith("[2/2] ✗ 示例县/乙局 2022年") and "未完成的笔记本已保存在 x" in lines[3]


def test_summary_exit_codes() -> None:
    job = Job("示例县/甲镇", 2021, ("html",), False, "d", "x")
    assert batch.Summary(built=[job]).exit_code == 0
    assert batch.Summary(failed=[batch.Failure(job, "x")]).exit_code == 1
    assert batch.Summary(invalid=[batch_plan.Invalid("示例县/甲镇", 2021, [])]).exit_code == 1
    assert batch.Summary(built=[job], interrupted=True).exit_code == 130
    assert batch.describe_years([2019, 2020, 2021, 2023, 2025, 2026]) == "2019–2021、2023、2025、2026年"


def test_the_zygotes_messages_are_one_json_line_each_way() -> None:
    """kit.batch.zygote_protocol: what the zygote and its clients both speak (no zygote needed)."""
    from kit.batch import zygote_protocol

    left, right = socket.socketpair()
    with left, right:
        zygote_protocol.send(left, {"args": ["-f", "连接.json"], "owner": 1})
        assert zygote_protocol.receive(right) == {"args": ["-f", "连接.json"], "owner": 1}
        right.sendall(b'{"pid": 4')  # a line that never ends: the other side closed mid-message
        right.shutdown(socket.SHUT_WR)
        with pytest.raises(OSError):
            zygote_protocol.receive(left)
    left, right = socket.socketpair()
    with left, right:
        left.sendall(b"[1, 2]\n")
        with pytest.raises(ValueError):
            zygote_protocol.receive(right)


# ---------------------------------------------------------------------------------------------
# real batches (kernels, PDFs, processes)


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """Two bodies of the demo county (all their years: reports read earlier years), copied."""
    root = tmp_path / "parameters"
    for body in ("云溪镇", "柳塘镇"):
        shutil.copytree(ROOT / "parameters" / DEMO / body, root / DEMO / body, ignore=shutil.ignore_patterns(".*"))
    return root


def batch_command(parameters: Path, exports: Path, *args: str) -> list[str]:
    return [str(KIT), "--parameters", str(parameters), "batch", *args, "--exports", str(exports)]


def manifests(exports: Path) -> dict[str, dict]:
    return {str(p.parent.relative_to(exports)): json.loads(p.read_text(encoding="utf-8")) for p in exports.rglob(MANIFEST)}


def assert_whole_files_only(exports: Path) -> None:
    """No half-written file under a final name: every PDF is complete, every page closed."""
    for path in exports.rglob("*"):
        if path.is_dir() or path.name in (MANIFEST, batch.LOCK) or "_failed" in path.parts:
            continue
        assert not path.name.startswith("."), f"temporary file left: {path}"
        data = path.read_bytes()
        if path.suffix == ".pdf":
            assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), path
        elif path.suffix == ".html":
            assert data.rstrip().endswith(b"</html>"), path


def descendants(pid: int) -> list:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def batch_workers(pid: int) -> list:
    """The worker processes of a batch: children of multiprocessing's fork server (a child of the
    driver) that have lived a while (WeasyPrint's import runs short-lived helper programs)."""
    found = []
    for p in descendants(pid):
        try:
            if p.ppid() == pid and "forkserver" in " ".join(p.cmdline()):
                found += [w for w in p.children() if time.time() - w.create_time() > 1.5 and "forkserver" in " ".join(w.cmdline())]
        except psutil.Error:  # gone meanwhile
            continue
    return found


def running_kernels(pid: int) -> list:
    """Kernels of a batch: the children of its kernel zygote (or ipykernel processes, if launched the ordinary way)."""
    found = []
    for p in descendants(pid):
        try:
            parent = p.parent()
            if parent is None:
                continue
            if "kit.batch.zygote" in " ".join(parent.cmdline()) or "ipykernel" in " ".join(p.cmdline()):
                found.append(p)
        except psutil.Error:  # gone meanwhile
            continue
    return found


def wait_gone(processes: list, seconds: float = 10.0) -> list:
    def running(p: psutil.Process) -> bool:
        try:
            return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
        except psutil.Error:
            return False

    deadline = time.monotonic() + seconds
    alive = processes
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if running(p)]
        time.sleep(0.2)
    return alive


@pytest.mark.slow
def test_a_real_batch_builds_every_report_and_a_rerun_skips_them(demo: Path, tmp_path) -> None:
    exports = tmp_path / "exports"
    run = subprocess.run(
        batch_command(demo, exports, DEMO, "--years", "2024-2025", "--to", "html,pdf", "--jobs", "2"), capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "完成：生成 4 份，未变化 0 份，有错误未生成 0 份，失败 0 份" in run.stdout
    assert "[4/4] ✓" in run.stderr  # one line per report without a terminal
    found = manifests(exports)
    assert sorted(found) == [f"{DEMO}/{b}/{y}" for b in ("云溪镇", "柳塘镇") for y in (2024, 2025)]
    for folder, record in found.items():
        names = record["files"]
        assert sorted(Path(f).suffix for f in names if not f.endswith(".png")) == [".html", ".pdf"]
        assert all(re.search(r"-图\d+\.png$", f) for f in names if f.endswith(".png"))  # the web copy's charts beside the page
        assert all((exports / folder / f).is_file() for f in names)
    html = next((exports / DEMO / "云溪镇" / "2025").glob("*.html")).read_text(encoding="utf-8")
    assert "青禾县云溪镇人民政府" in html and "<table" in html
    assert_whole_files_only(exports)

    again = subprocess.run(batch_command(demo, exports, DEMO, "--years", "2024-2025", "--to", "html,pdf"), capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and "生成 0 份，未变化 4 份" in again.stdout
    assert manifests(exports) == found


@pytest.mark.slow
def test_a_batch_kernel_is_forked_from_the_zygote_with_the_kernelspecs_options(county: Store, tmp_path, monkeypatch) -> None:
    """The installed kernelspec runs `python -Xfrozen_modules=off -m ipykernel_launcher …`: such a
    kernel is forked from the zygote (started with the same options), not launched the ordinary
    way. Before this was handled every kernel of every batch silently started from scratch."""
    from jupyter_client.kernelspec import KernelSpecManager

    from kit.batch import forked_kernels

    argv = KernelSpecManager().get_kernel_spec("python3").argv
    parsed = forked_kernels.ipykernel_command(argv)
    assert parsed is not None, argv
    forked: list[int] = []
    real_init = forked_kernels.ForkedProcess.__init__

    def record(self, pid: int) -> None:
        forked.append(pid)
        real_init(self, pid)

    monkeypatch.setattr(forked_kernels.ForkedProcess, "__init__", record)
    job = plan(county, tmp_path / "exports", ["示例县/甲镇"], years={2021}, formats=("html",)).build[0]
    options = forked_kernels.kernel_options()
    assert options == parsed[0]
    try:
        assert forked_kernels.zygote_for(sys.executable, options) is not None
        result = batch_worker.run_job(batch_worker.payload(job, county, NOTEBOOK))
    finally:
        forked_kernels.close_zygotes()
    assert result.ok, result.message
    assert len(forked) == 1, "the report's kernel was launched the ordinary way"
    assert "示例县" in result.files["html"][1].decode("utf-8")


@pytest.mark.slow
def test_a_batch_killed_half_way_is_finished_by_running_it_again(demo: Path, tmp_path) -> None:
    exports = tmp_path / "exports"
    command = batch_command(demo, exports, DEMO, "--years", "2021-2025", "--to", "html,pdf", "--jobs", "2")
    driver = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 400
    while not list(exports.rglob(MANIFEST)) and time.monotonic() < deadline:
        time.sleep(0.2)
    helpers = descendants(driver.pid)
    assert helpers, "the batch started no worker"
    driver.kill()  # SIGKILL: no clean-up code of the driver runs
    driver.communicate(timeout=30)
    assert wait_gone(helpers) == [], "workers, zygote or kernels outlived the killed driver"
    finished = manifests(exports)
    assert 1 <= len(finished) < 10
    assert_whole_files_only(exports)

    run = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"完成：生成 {10 - len(finished)} 份，未变化 {len(finished)} 份" in run.stdout
    after = manifests(exports)
    assert len(after) == 10
    assert all(after[k] == v for k, v in finished.items())  # finished reports were not rebuilt
    assert_whole_files_only(exports)


def notebook_failing_in_2024(tmp_path: Path, code: str) -> Path:
    """A copy of the report notebook whose document cell runs `code` first when year is 2024."""
    notebook = tmp_path / "annual_report.ipynb"
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "report_notebook.document(" in "".join(c["source"]))
    cell["source"] = f"if year == 2024:\n    {code}\n" + "".join(cell["source"])
    notebook.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    return notebook


@pytest.mark.slow
def test_a_failing_report_is_named_and_the_others_are_built(demo: Path, tmp_path) -> None:
    notebook = notebook_failing_in_2024(tmp_path, "raise ValueError('测试用的错误')")
    exports = tmp_path / "exports"
    run = subprocess.run(
        batch_command(demo, exports, f"{DEMO}/云溪镇", "--years", "2023-2025", "--to", "html", "--notebook", str(notebook)),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 1, run.stdout + run.stderr
    out = run.stdout
    partial = exports / "_failed" / DEMO / "云溪镇" / "2024.ipynb"
    assert f"✗ {DEMO}/云溪镇 2024年度报告：报告笔记本在 annual_report.ipynb 的第" in out
    assert "ValueError: 测试用的错误" in out and f"已保存在 {partial}" in out
    assert "完成：生成 2 份，未变化 0 份，有错误未生成 0 份，失败 1 份" in out
    assert partial.is_file() and "测试用的错误" in partial.read_text(encoding="utf-8")
    assert sorted(manifests(exports)) == [f"{DEMO}/云溪镇/2023", f"{DEMO}/云溪镇/2025"]


@pytest.mark.slow
def test_a_hanging_cell_times_out_and_the_others_are_built(demo: Path, tmp_path) -> None:
    """A cell that never returns is ended by the execution timeout and reported against its report."""
    notebook = notebook_failing_in_2024(tmp_path, "import time\n    time.sleep(600)")
    exports = tmp_path / "exports"
    run = subprocess.run(
        batch_command(demo, exports, f"{DEMO}/云溪镇", "--years", "2023-2025", "--to", "html", "--notebook", str(notebook)),
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "KIT_CELL_TIMEOUT": "30"},
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert f"✗ {DEMO}/云溪镇 2024年度报告" in run.stdout and "超时" in run.stdout, run.stdout
    assert "完成：生成 2 份，未变化 0 份，有错误未生成 0 份，失败 1 份" in run.stdout
    assert sorted(manifests(exports)) == [f"{DEMO}/云溪镇/2023", f"{DEMO}/云溪镇/2025"]


def batch_helpers(pid: int) -> list:
    """The processes a cold batch starts first: the fork server and the kernel zygote."""
    found = []
    for p in descendants(pid):
        try:
            line = " ".join(p.cmdline())
        except psutil.Error:
            continue
        if "forkserver" in line or "kit.batch.zygote" in line:
            found.append(p)
    return found


def as_in_a_terminal() -> None:
    """A command typed in a terminal gets Ctrl-C. A test run started in the background by a
    script (as CI starts it: `cmd &` without job control) inherits SIGINT *ignored*, and Python
    keeps an ignored SIGINT ignored — the batch then never hears the Ctrl-C. Give the batch the
    terminal's default, as a clerk's shell would."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.slow
@pytest.mark.parametrize("when", ["starting", "kernels running"])
def test_ctrl_c_stops_the_batch_prints_the_summary_and_exits_130(demo: Path, tmp_path, when: str) -> None:
    """Ctrl-C at any moment: while the fork server and the zygote are still importing (a cold
    start, no kernel has answered yet — once lost, or a traceback of a helper on the screen), and
    while kernels run. Either way: the summary, exit 130, nothing left running, no half file."""
    exports = tmp_path / "exports"
    progress = tmp_path / "progress.txt"
    with progress.open("w", encoding="utf-8") as err_file:
        driver = subprocess.Popen(
            batch_command(demo, exports, DEMO, "--years", "2020-2025", "--to", "html,pdf", "--jobs", "2"),
            stdout=subprocess.PIPE,
            stderr=err_file,
            text=True,
            start_new_session=True,
            preexec_fn=as_in_a_terminal,
        )
    deadline = time.monotonic() + 300
    ready = batch_helpers if when == "starting" else running_kernels
    while not ready(driver.pid) and driver.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ready(driver.pid), f"no {when} process seen"
    if when == "starting":
        assert "[1/12]" not in progress.read_text(encoding="utf-8")
    helpers = descendants(driver.pid)
    os.killpg(driver.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
    try:
        out, _ = driver.communicate(timeout=180)  # generous: a loaded machine stops kernels slowly
    finally:
        if driver.poll() is None:  # a batch that did not stop is the failure; never leave it to the next test
            os.killpg(driver.pid, signal.SIGKILL)
            driver.communicate()
    err = progress.read_text(encoding="utf-8")
    assert driver.returncode == 130, out + err
    assert "已中断：生成" in out and "再次运行同一命令即可继续" in out
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert wait_gone(helpers) == []
    assert_whole_files_only(exports)


@pytest.mark.slow
def test_a_crashed_worker_fails_only_its_report(demo: Path, tmp_path) -> None:
    exports = tmp_path / "exports"
    command = batch_command(demo, exports, f"{DEMO}/云溪镇", "--years", "2022-2025", "--to", "html", "--jobs", "1")
    driver = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    worker = None
    while worker is None and time.monotonic() < deadline:
        worker = next(iter(batch_workers(driver.pid)), None)
        time.sleep(0.1)
    assert worker is not None
    worker.kill()
    out, err = driver.communicate(timeout=600)
    assert driver.returncode == 1, out + err
    assert "工作进程意外退出" in out and "失败 1 份" in out and "生成 3 份" in out
    again = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and "完成：生成 1 份，未变化 3 份" in again.stdout, again.stdout + again.stderr


@pytest.mark.slow
def test_a_crashed_kernel_fails_only_its_report_and_a_rerun_builds_it(demo: Path, tmp_path) -> None:
    exports = tmp_path / "exports"
    command = batch_command(demo, exports, f"{DEMO}/云溪镇", "--years", "2022-2025", "--to", "html", "--jobs", "1")
    driver = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while not (kernels := running_kernels(driver.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert kernels, "no kernel started"
    kernels[0].kill()  # as the OOM killer would (while it starts or runs: both are a failed report)
    out, err = driver.communicate(timeout=600)
    assert driver.returncode == 1, out + err
    assert f"{DEMO}/云溪镇 2022年度报告：执行报告笔记本失败（" in out
    assert "失败 1 份" in out and "生成 3 份" in out
    again = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and "完成：生成 1 份，未变化 3 份" in again.stdout, again.stdout + again.stderr
    assert not (exports / "_failed" / DEMO / "云溪镇" / "2022.ipynb").exists()  # superseded by the good build


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def dask_cluster(tmp_path: Path):
    """A real `dask scheduler` and `dask worker` (the venv's CLI) on 127.0.0.1, stopped afterwards."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = str(BIN / "dask")
    log = (tmp_path / "dask.log").open("w")
    scheduler = subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"], stdout=log, stderr=log, cwd=tmp_path)
    worker = subprocess.Popen(
        [dask, "worker", address, "--host", "127.0.0.1", "--nthreads", "2", "--no-dashboard", "--local-directory", str(tmp_path / "dask-worker")],
        stdout=log,
        stderr=log,
        cwd=tmp_path,
    )
    try:
        yield address
    finally:
        for process in (worker, scheduler):
            process.terminate()
        for process in (worker, scheduler):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


@pytest.mark.slow
def test_a_batch_runs_on_a_dask_cluster_and_results_come_back(demo: Path, tmp_path, dask_cluster: str) -> None:
    exports = tmp_path / "exports"
    run = subprocess.run(
        batch_command(demo, exports, DEMO, "--years", "2025", "--to", "html,pdf", "--scheduler", dask_cluster),
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "完成：生成 2 份" in run.stdout
    found = manifests(exports)
    assert sorted(found) == [f"{DEMO}/云溪镇/2025", f"{DEMO}/柳塘镇/2025"]
    assert all(record["worker"] for record in found.values())
    assert_whole_files_only(exports)
    # the same reports are unchanged for a local run: one manifest, wherever they were built
    local = subprocess.run(batch_command(demo, exports, DEMO, "--years", "2025", "--to", "html,pdf"), capture_output=True, text=True, timeout=120)
    assert local.returncode == 0 and "生成 0 份，未变化 2 份" in local.stdout


def test_a_scheduler_that_is_not_there_is_named(county: Store, tmp_path, capsys, monkeypatch) -> None:
    pytest.importorskip("distributed")
    from kit.batch import on_dask as batch_dask

    monkeypatch.setattr(batch_dask, "CONNECT_TIMEOUT", "1s")
    address = f"tcp://127.0.0.1:{free_port()}"
    assert kit_batch(county.root, tmp_path / "exports", "示例县/乙局", "--to", "html", "--scheduler", address) == 1
    assert f"无法连接 Dask 调度器 {address}" in capsys.readouterr().err
