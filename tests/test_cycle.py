"""The yearly cycle (kit.cycle): states, refused steps with their messages, the record, deadlines, verify.

Everything runs on a copy of the demo county (parameters/青禾县) in a temporary folder. Days and
times are passed in (`today`, `at`, `--today`, `--at`): no test reads the clock for a decision.
Publishing here builds the report's HTML with the kit's own renderer (no kernel); the real
`kit publish` with PDF and Word is in tests/test_cycle_publish.py (slow).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest

from kit.cli.main import main
from kit.cycle import (
    Action,
    State,
    approve,
    board,
    deadline_for,
    editable,
    publish,
    record_of,
    reopen,
    return_report,
    submit,
    verify,
)
from kit.cycle.verify import FileState
from kit.document import build_document
from kit.errors import LockedError, TransitionRefused
from kit.render.html import render_html
from kit.report import BodyRef, YearReport
from kit.store import Store
from kit.store.history import restore, versions
from kit.store.record import dump_record, read_record

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "parameters" / "青禾县"
TOWN = BodyRef("青禾县", "云溪镇")
DEPT = BodyRef("青禾县", "县教育局")
GOV = BodyRef("青禾县", "县人民政府")
YEAR = 2025
AT = dt.datetime(2026, 1, 10, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def at(days: int = 0, hours: int = 0) -> dt.datetime:
    return AT + dt.timedelta(days=days, hours=hours)


@pytest.fixture
def county(tmp_path: Path) -> Store:
    """The demo county copied into a temporary parameters folder (never the real one)."""
    root = tmp_path / "parameters"
    shutil.copytree(DEMO, root / "青禾县")
    return Store(root)


def html_builder(report: YearReport, folder: Path) -> list[Path]:
    """The report's published page, laid out by the kit's renderer (no kernel: fast tests)."""
    path = folder / f"{report.body.full_name}{report.year}年政府信息公开工作年度报告.html"
    path.write_text(render_html(build_document(report)), encoding="utf-8")
    return [path]


def kit(store: Store, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--parameters", str(store.root), *args])
    return code, out.getvalue(), err.getvalue()


def edit_year(store: Store, ref: BodyRef, old: str, new: str) -> None:
    file = store.year_file(ref, YEAR)
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def through_approval(store: Store, ref: BodyRef = TOWN) -> None:
    submit(store, ref, YEAR, by="张三", at=at())
    approve(store, ref, YEAR, by="李四", at=at(1))


# ---------------------------------------------------------------------------------------------
# the whole cycle


def test_the_whole_cycle_from_the_command_line(county: Store) -> None:
    ref = str(TOWN)
    assert kit(county, "submit", ref, "2025", "--by", "张三", "--at", "2026-01-10T09:00")[0] == 0
    code, out, _ = kit(county, "return", ref, "2025", "--by", "李四", "--reason", "表三“本年新收”与正文不一致", "--at", "2026-01-11T10:00")
    assert code == 0 and "退回修改" in out
    code, out, _ = kit(county, "status", "青禾县", "--year", "2025", "--today", "2026-01-12")
    assert "云溪镇  镇  退回修改  李四  2026-01-11 10:00" in out
    assert "退回原因：表三“本年新收”与正文不一致" in out
    assert kit(county, "submit", ref, "2025", "--by", "张三", "--at", "2026-01-12T09:00")[0] == 0
    assert kit(county, "approve", ref, "2025", "--by", "李四", "--at", "2026-01-13T09:00")[0] == 0
    code, out, _ = kit(county, "status", "青禾县", "--year", "2025", "--today", "2026-01-14", "--json")
    assert code == 0
    data = json.loads(out)
    row = next(b for b in data["bodies"] if b["name"] == "云溪镇")
    assert (row["state"], row["by"], row["approved"]) == ("已审核", "李四", True)
    assert data["approved"] == ["云溪镇"]
    record = record_of(county, TOWN, YEAR)
    assert [(e.action, e.state, e.by) for e in record.events] == [
        (Action.SUBMIT, State.SUBMITTED, "张三"),
        (Action.RETURN, State.RETURNED, "李四"),
        (Action.SUBMIT, State.SUBMITTED, "张三"),
        (Action.APPROVE, State.APPROVED, "李四"),
    ]
    assert record.events[1].reason == "表三“本年新收”与正文不一致"
    # publish through the API with the renderer's page, then verify and reopen from the command line
    published = publish(county, TOWN, YEAR, by="李四", build=html_builder, url="https://www.qinghe.example/a.html", date=dt.date(2026, 1, 20), at=at(10))
    assert published.state is State.PUBLISHED
    event = published.last
    assert event is not None and event.version == 1 and event.date == dt.date(2026, 1, 20)
    page = county.body_dir(TOWN) / (event.folder or "") / event.files[0].name
    assert "2026年1月20日" in page.read_text(encoding="utf-8")
    code, out, _ = kit(county, "verify", "青禾县", "--year", "2025")
    assert code == 0 and "未改动" in out
    code, out, _ = kit(county, "reopen", ref, "2025", "--by", "李四", "--reason", "更正表二", "--at", "2026-02-01T09:00")
    assert code == 0 and record_of(county, TOWN, YEAR).state is State.DRAFT
    assert page.is_file()  # the published version is kept


def test_the_year_file_carries_the_date_written_at_publication(county: Store) -> None:
    through_approval(county)
    publish(county, TOWN, YEAR, by="李四", build=html_builder, date=dt.date(2026, 1, 20), at=at(5))
    text = county.year_file(TOWN, YEAR).read_text(encoding="utf-8")
    assert 'date: "2026-01-20"' in text
    assert county.load_year(TOWN, YEAR).date == dt.date(2026, 1, 20)


def test_publish_without_a_date_takes_the_typed_one_else_the_day(county: Store) -> None:
    edit_year(county, TOWN, "edition: gov2021", 'edition: gov2021\ndate: 2026年1月18日')
    through_approval(county)
    record = publish(county, TOWN, YEAR, by="李四", build=html_builder, at=at(5))
    assert record.last is not None and record.last.date == dt.date(2026, 1, 18)
    reopen(county, TOWN, YEAR, by="李四", reason="更正", at=at(6))
    through_approval(county)
    record = publish(county, TOWN, YEAR, by="李四", build=html_builder, at=at(30))
    assert record.last is not None and record.last.date == at(30).date() and record.last.version == 2


def test_a_failed_build_records_nothing_and_puts_the_file_back(county: Store) -> None:
    through_approval(county)
    before = county.year_file(TOWN, YEAR).read_bytes()

    def broken(report: YearReport, folder: Path) -> list[Path]:
        (folder / "half.html").write_text("…", encoding="utf-8")
        raise RuntimeError("PDF engine crashed")

    with pytest.raises(RuntimeError):
        publish(county, TOWN, YEAR, by="李四", build=broken, date=dt.date(2026, 1, 20), at=at(5))
    assert county.year_file(TOWN, YEAR).read_bytes() == before
    assert record_of(county, TOWN, YEAR).state is State.APPROVED
    assert not (county.body_dir(TOWN) / "已发布" / "2025" / "第1版").exists()
    publish(county, TOWN, YEAR, by="李四", build=html_builder, date=dt.date(2026, 1, 20), at=at(6))  # and it can be retried


# ---------------------------------------------------------------------------------------------
# refused steps, with their messages


def test_publish_before_approval_is_refused(county: Store) -> None:
    with pytest.raises(TransitionRefused) as refused:
        publish(county, TOWN, YEAR, by="李四", build=html_builder, at=at())
    assert str(refused.value) == (
        "青禾县/云溪镇 2025年度报告当前状态为“填报中”，不能发布：还没有提交审核。未经审核通过的报告不能发布（kit approve 青禾县/云溪镇 2025）。"
    )
    submit(county, TOWN, YEAR, by="张三", at=at())
    code, _, err = kit(county, "publish", str(TOWN), "2025", "--by", "李四")
    assert code == 1
    assert "当前状态为“已提交”，不能发布：已提交，但还没有审核通过。未经审核通过的报告不能发布" in err
    assert not (county.body_dir(TOWN) / "已发布").exists()


def test_submit_with_errors_is_refused(county: Store) -> None:
    # table 三 no longer balances: 一、本年新收 of 自然人 raised by 3
    edit_year(county, TOWN, "    new:  # 一、本年新收政府信息公开申请数量\n      natural: 6", "    new:  # 一、本年新收政府信息公开申请数量\n      natural: 9")
    with pytest.raises(TransitionRefused) as refused:
        submit(county, TOWN, YEAR, by="张三", at=at())
    message = str(refused.value)
    assert message.startswith("青禾县/云溪镇 2025年度报告还有 ")
    assert "个错误，不能提交审核。请先改正（kit check 可列出全部），再提交：\n  - [错误]" in message
    assert record_of(county, TOWN, YEAR).state is State.DRAFT
    # a file that does not even load is refused the same way, its problem named
    edit_year(county, TOWN, "edition: gov2021", "edition: gov2021\nfigurs: {}")
    with pytest.raises(TransitionRefused, match="不认识的顶层键 “figurs”"):
        submit(county, TOWN, YEAR, by="张三", at=at())
    county.year_file(TOWN, YEAR).unlink()
    with pytest.raises(TransitionRefused, match=r"还没有参数文件 .*，不能提交审核；请先填写（kit serve 或 kit new 青禾县/云溪镇 2025）。"):
        submit(county, TOWN, YEAR, by="张三", at=at())


def test_approve_of_a_report_changed_since_it_was_submitted_is_refused(county: Store) -> None:
    submit(county, TOWN, YEAR, by="张三", at=at())
    edit_year(county, TOWN, "prose:", "prose:  # 提交后又改了一个注释")
    with pytest.raises(TransitionRefused) as refused:
        approve(county, TOWN, YEAR, by="李四", at=at(1))
    assert str(refused.value) == (
        "青禾县/云溪镇 2025年度报告在 2026-01-10 09:30 提交之后被改动过（参数文件与提交时的内容不同），不能审核通过："
        "审核的必须是提交的那一版。请退回（kit return 青禾县/云溪镇 2025 --reason “……”），由填报人确认后重新提交。"
    )


def test_publish_of_a_report_changed_since_approval_is_refused(county: Store) -> None:
    through_approval(county)
    edit_year(county, TOWN, "prose:", "prose:  # 审核后改动")
    with pytest.raises(TransitionRefused) as refused:
        publish(county, TOWN, YEAR, by="李四", build=html_builder, at=at(2))
    assert "审核通过之后被改动过（参数文件与审核时的内容不同），不能发布。请退回（kit return 青禾县/云溪镇 2025" in str(refused.value)


@pytest.mark.parametrize(
    ("steps", "attempt", "message"),
    [
        ([], "return", "青禾县/云溪镇 2025年度报告当前状态为“填报中”，不能退回：还没有提交审核，无需退回。"),
        ([], "approve", "青禾县/云溪镇 2025年度报告当前状态为“填报中”，不能审核通过：还没有提交审核。"),
        ([], "reopen", "青禾县/云溪镇 2025年度报告当前状态为“填报中”，还没有发布，无需重新打开；要修改审核中的报告，请退回（kit return）。"),
        (["submit"], "submit", "青禾县/云溪镇 2025年度报告当前状态为“已提交”，不能提交审核：已在审核中，无需再次提交。"),
        (["submit", "return"], "approve", "青禾县/云溪镇 2025年度报告当前状态为“退回修改”，不能审核通过：已退回修改，需填报人改正后重新提交。"),
        (["submit", "return"], "return", "青禾县/云溪镇 2025年度报告当前状态为“退回修改”，不能退回：已经退回，正在修改中。"),
        (["submit", "approve"], "approve", "青禾县/云溪镇 2025年度报告当前状态为“已审核”，不能审核通过：已经审核通过。"),
        (["submit", "approve"], "submit", "青禾县/云溪镇 2025年度报告当前状态为“已审核”，不能提交审核：已审核通过，等待发布。"),
        (["submit", "approve", "publish"], "publish", "青禾县/云溪镇 2025年度报告当前状态为“已发布”，不能发布：已经发布；如需更正，请先运行 kit reopen 青禾县/云溪镇 2025 --reason “更正原因”。"),
        (["submit", "approve", "publish"], "return", "青禾县/云溪镇 2025年度报告当前状态为“已发布”，不能退回：已发布，不能退回；如需更正，请运行 kit reopen 青禾县/云溪镇 2025 --reason “更正原因”。"),
        (["submit", "approve", "publish"], "submit", "青禾县/云溪镇 2025年度报告当前状态为“已发布”，不能提交审核：已发布；如需更正，请先运行 kit reopen 青禾县/云溪镇 2025 --reason “更正原因”。"),
    ],
)
def test_every_step_that_makes_no_sense_is_refused(county: Store, steps: list[str], attempt: str, message: str) -> None:
    run = {
        "submit": lambda i: submit(county, TOWN, YEAR, by="张三", at=at(i)),
        "return": lambda i: return_report(county, TOWN, YEAR, by="李四", reason="有误", at=at(i)),
        "approve": lambda i: approve(county, TOWN, YEAR, by="李四", at=at(i)),
        "publish": lambda i: publish(county, TOWN, YEAR, by="李四", build=html_builder, date=dt.date(2026, 1, 20), at=at(i)),
        "reopen": lambda i: reopen(county, TOWN, YEAR, by="李四", reason="更正", at=at(i)),
    }
    for i, step in enumerate(steps):
        run[step](i)
    before = read_record(county, TOWN, YEAR)
    with pytest.raises(TransitionRefused) as refused:
        run[attempt](len(steps))
    assert str(refused.value) == message
    assert read_record(county, TOWN, YEAR) == before  # nothing recorded


@pytest.mark.parametrize("command", ["return", "reopen"])
def test_a_return_or_reopen_needs_a_reason(county: Store, command: str) -> None:
    submit(county, TOWN, YEAR, by="张三", at=at())
    if command == "reopen":
        approve(county, TOWN, YEAR, by="李四", at=at(1))
        publish(county, TOWN, YEAR, by="李四", build=html_builder, date=dt.date(2026, 1, 20), at=at(2))
    code, _, err = kit(county, command, str(TOWN), "2025", "--by", "李四", "--reason", "  ")
    assert code == 1
    assert "必须写明原因（--reason “……”），原因会记入审核流程记录并显示给填报人。" in err
    code, _, err = kit(county, command, str(TOWN), "2025", "--by", "李四")
    assert code == 2 and "--reason" in err


def test_publish_with_a_date_before_the_year_ended_or_a_bad_url_is_refused(county: Store) -> None:
    through_approval(county)
    with pytest.raises(TransitionRefused) as refused:
        publish(county, TOWN, YEAR, by="李四", build=html_builder, date=dt.date(2025, 12, 1), at=at(2))
    assert str(refused.value) == "发布日期 2025-12-01 早于 2025年度结束，不合理：年度报告应在次年发布。"
    with pytest.raises(TransitionRefused) as refused:
        publish(county, TOWN, YEAR, by="李四", build=html_builder, url="javascript:alert(1)", at=at(2))
    assert str(refused.value) == "发布网址 “javascript:alert(1)” 不是 http:// 或 https:// 开头的网址。"
    code, _, err = kit(county, "publish", str(TOWN), "2025", "--by", "李四", "--date", "2026/13/01")
    assert code == 1 and "发布日期 “2026/13/01” 无法识别：请写作 YYYY-MM-DD，例如 2026-01-20。" in err


# ---------------------------------------------------------------------------------------------
# a save refused while in review, approved or published


def test_a_submitted_report_cannot_be_saved(county: Store) -> None:
    submit(county, TOWN, YEAR, by="张三", at=at())
    report = county.load_year(TOWN, YEAR)
    report.prose["other"] = "改一下"
    with pytest.raises(LockedError) as refused:
        county.save_year(report)
    assert str(refused.value) == (
        "青禾县/云溪镇 2025年度报告已于 2026-01-10 09:30 由 张三 提交审核，审核期间不能修改，本次未保存。"
        "如需修改，请联系县政务公开办退回（kit return 青禾县/云溪镇 2025 --reason “原因”），退回后即可修改并重新提交。"
    )
    assert county.year_file(TOWN, YEAR).read_bytes() == (DEMO / "云溪镇" / "2025.yaml").read_bytes()


def test_an_approved_or_published_report_cannot_be_saved_and_a_returned_one_can(county: Store) -> None:
    through_approval(county)
    report = county.load_year(TOWN, YEAR)
    with pytest.raises(LockedError, match="审核通过，等待发布，不能再修改，本次未保存。如确需修改，请审核人退回"):
        county.save_year(report)
    publish(county, TOWN, YEAR, by="李四", build=html_builder, date=dt.date(2026, 1, 20), at=at(2))
    report = county.load_year(TOWN, YEAR)
    with pytest.raises(LockedError, match="已发布的版本不能修改，本次未保存。如需更正，请先运行 kit reopen 青禾县/云溪镇 2025"):
        county.save_year(report)
    reopen(county, TOWN, YEAR, by="李四", reason="更正", at=at(3))
    county.save_year(report)  # 填报中 again
    submit(county, TOWN, YEAR, by="张三", at=at(4))
    return_report(county, TOWN, YEAR, by="李四", reason="再改", at=at(5))
    verdict = editable(county, TOWN, YEAR)
    assert verdict.allowed and verdict.state is State.RETURNED
    county.save_year(county.load_year(TOWN, YEAR))


def test_restore_is_a_save_and_refused_while_locked(county: Store) -> None:
    report = county.load_year(TOWN, YEAR)
    report.prose["other"] = "第二版"
    county.save_year(report)
    submit(county, TOWN, YEAR, by="张三", at=at())
    with pytest.raises(LockedError):
        restore(county, TOWN, YEAR)
    code, _, err = kit(county, "restore", str(TOWN), "2025")
    assert code == 1 and "审核期间不能修改" in err


# ---------------------------------------------------------------------------------------------
# the record


def test_the_record_survives_restore(county: Store) -> None:
    report = county.load_year(TOWN, YEAR)
    report.prose["other"] = "第二版"
    county.save_year(report)
    submit(county, TOWN, YEAR, by="张三", at=at())
    return_report(county, TOWN, YEAR, by="李四", reason="请恢复上一版", at=at(1))
    before = read_record(county, TOWN, YEAR)
    code, out, _ = kit(county, "restore", str(TOWN), "2025", "1")
    assert code == 0, out
    after = read_record(county, TOWN, YEAR)
    assert after.events == before.events and after.state is State.RETURNED
    assert county.load_year(TOWN, YEAR).prose["other"] != "第二版"
    assert all(".cycle" not in v.path.name for v in versions(county, TOWN, YEAR))
    submit(county, TOWN, YEAR, by="张三", at=at(2))  # the restored version goes on through the cycle
    assert [e.action for e in read_record(county, TOWN, YEAR).events] == [Action.SUBMIT, Action.RETURN, Action.SUBMIT]


def test_the_record_is_only_appended_to(county: Store) -> None:
    submit(county, TOWN, YEAR, by="张三", at=at())
    stale = read_record(county, TOWN, YEAR)
    return_report(county, TOWN, YEAR, by="李四", reason="一", at=at(1))
    file = stale.file
    lines = file.read_text(encoding="utf-8")
    assert lines.count('"action"') == 2 and lines.startswith("# 青禾县/云溪镇 2025年度报告的审核流程记录")
    # a writer holding an older reading does not overwrite what was appended meanwhile
    from kit.store.record import Event, append

    with pytest.raises(Exception, match="在读取之后被改动过"):
        append(county, stale, Event(Action.APPROVE, State.APPROVED, "王五", at(2)))
    assert read_record(county, TOWN, YEAR).state is State.RETURNED
    assert dump_record(read_record(county, TOWN, YEAR)) == file.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("events: [1]", "第1条记录不是 “键: 值” 的形式"),
        ('events: [{"action": "submit", "state": "已批准", "by": "x", "at": "2026-01-01T00:00:00"}]', "第1条记录有无法识别的值"),
        ('events: [{"action": "submit", "state": "已提交", "at": "2026-01-01T00:00:00"}]', "第1条记录缺少 by"),
        ("- a\n- b", "内容应为 events: 记录列表"),
    ],
)
def test_a_damaged_record_is_named_not_a_traceback(county: Store, text: str, what: str) -> None:
    file = county.body_dir(TOWN) / "2025.cycle.yaml"
    file.write_text(text, encoding="utf-8")
    code, _, err = kit(county, "submit", str(TOWN), "2025", "--by", "张三")
    assert code == 1
    assert f"审核流程记录 {file} 无法读取：{what}" in err
    assert "内部错误" not in err and "Traceback" not in err


# ---------------------------------------------------------------------------------------------
# verify


def test_verify_names_a_published_file_edited_afterwards_or_missing(county: Store) -> None:
    through_approval(county)
    through_approval(county, DEPT)
    publish(county, TOWN, YEAR, by="李四", build=html_builder, date=dt.date(2026, 1, 20), at=at(2))
    publish(county, DEPT, YEAR, by="李四", build=html_builder, date=dt.date(2026, 1, 21), at=at(2))
    assert {c.state for c in verify(county, "青禾县", YEAR)} == {FileState.OK}
    town_page = next(iter((county.body_dir(TOWN) / "已发布" / "2025" / "第1版").glob("*.html")))
    town_page.write_text(town_page.read_text(encoding="utf-8").replace("2026年1月20日", "2026年1月19日"), encoding="utf-8")
    next(iter((county.body_dir(DEPT) / "已发布" / "2025" / "第1版").glob("*.html"))).unlink()
    code, out, _ = kit(county, "verify", "青禾县", "--year", "2025")
    assert code == 1
    assert f"青禾县/云溪镇 2025年度 第1版 {town_page.name}：发布后被改动（与发布时记录的哈希不同）" in out
    assert "青禾县/县教育局 2025年度 第1版" in out and "：文件缺失" in out
    assert "共核对 2 个已发布文件：0 个未改动，1 个被改动，1 个缺失。" in out


def test_verify_with_nothing_published(county: Store) -> None:
    code, out, _ = kit(county, "verify", "青禾县", "--year", "2025")
    assert code == 0 and "青禾县 2025年度还没有已发布的报告。" in out


def test_a_reopened_report_keeps_every_published_version(county: Store) -> None:
    through_approval(county)
    publish(county, TOWN, YEAR, by="李四", build=html_builder, date=dt.date(2026, 1, 20), at=at(2))
    reopen(county, TOWN, YEAR, by="李四", reason="更正表二", at=at(3))
    through_approval(county)
    publish(county, TOWN, YEAR, by="李四", build=html_builder, date=dt.date(2026, 2, 3), at=at(4))
    checks = verify(county, "青禾县", YEAR)
    assert [(c.version, c.state) for c in checks] == [(1, FileState.OK), (2, FileState.OK)]
    pages = [c.path.read_text(encoding="utf-8") for c in checks]
    assert "2026年1月20日" in pages[0] and "2026年2月3日" in pages[1]


# ---------------------------------------------------------------------------------------------
# deadlines, on both sides of 1月31日 and 3月31日


@pytest.mark.parametrize(
    ("ref", "today", "text", "overdue"),
    [
        (DEPT, dt.date(2026, 1, 30), "还剩 1 天", False),
        (DEPT, dt.date(2026, 1, 31), "今天到期", False),
        (DEPT, dt.date(2026, 2, 1), "逾期 1 天", True),
        (GOV, dt.date(2026, 3, 30), "还剩 1 天", False),
        (GOV, dt.date(2026, 3, 31), "今天到期", False),
        (GOV, dt.date(2026, 4, 1), "逾期 1 天", True),
    ],
)
def test_deadlines_by_level(county: Store, ref: BodyRef, today: dt.date, text: str, overdue: bool) -> None:
    b = board(county, "青禾县", YEAR, today)
    row = next(r for r in b.rows if r.ref == ref)
    assert row.standing is not None
    assert row.standing.describe() == text and row.standing.overdue is overdue
    assert (ref.body in [r.ref.body for r in b.overdue()]) is overdue


def test_deadlines_come_from_the_statute_and_the_county(county: Store) -> None:
    dept = deadline_for(county, "青禾县", "县级部门", YEAR)
    gov = deadline_for(county, "青禾县", "县级人民政府", YEAR)
    town = deadline_for(county, "青禾县", "镇", YEAR)
    assert (dept.due, dept.met_by, gov.due, gov.met_by) == (dt.date(2026, 1, 31), State.PUBLISHED, dt.date(2026, 3, 31), State.PUBLISHED)
    assert "第四十九条" in dept.basis and "第四十九条" in gov.basis
    assert (town.due, town.met_by) == (dt.date(2026, 2, 20), State.SUBMITTED)  # parameters/青禾县/county.yaml
    (county.root / "青禾县" / "county.yaml").write_text("town_deadline: 01-15\n", encoding="utf-8")
    assert deadline_for(county, "青禾县", "街道", YEAR).due == dt.date(2026, 1, 15)
    (county.root / "青禾县" / "county.yaml").unlink()
    assert deadline_for(county, "青禾县", "乡", YEAR).due == dt.date(2026, 3, 31)
    (county.root / "青禾县" / "county.yaml").write_text("town_deadline: 2月30日\n", encoding="utf-8")
    code, out, _ = kit(county, "status", "青禾县", "--year", "2025", "--today", "2026-01-01")
    assert code == 0  # the board still shows, the bad setting named on the towns' rows
    assert "town_deadline 写得不对：“2月30日” 不是日期" in out


def test_a_deadline_met_late_or_on_time(county: Store) -> None:
    """A department is done when published; a town when it has submitted to the county."""
    submit(county, DEPT, YEAR, by="张三", at=dt.datetime(2026, 1, 20, 9, tzinfo=AT.tzinfo))
    approve(county, DEPT, YEAR, by="李四", at=dt.datetime(2026, 1, 25, 9, tzinfo=AT.tzinfo))
    publish(county, DEPT, YEAR, by="李四", build=html_builder, date=dt.date(2026, 2, 3), at=dt.datetime(2026, 2, 3, 9, tzinfo=AT.tzinfo))
    submit(county, TOWN, YEAR, by="张三", at=dt.datetime(2026, 2, 19, 9, tzinfo=AT.tzinfo))
    b = board(county, "青禾县", YEAR, dt.date(2026, 4, 2))
    rows = {r.ref.body: r for r in b.rows}
    assert rows["县教育局"].standing is not None and rows["县教育局"].standing.describe() == "逾期 3 天完成"
    assert rows["县教育局"].standing.late and not rows["县教育局"].standing.overdue
    assert rows["云溪镇"].standing is not None and rows["云溪镇"].standing.describe() == "按期完成"
    assert rows["县人民政府"].standing is not None and rows["县人民政府"].standing.describe() == "逾期 2 天"


def test_status_overdue_lists_only_the_late_and_exits_1(county: Store) -> None:
    code, out, _ = kit(county, "status", "青禾县", "--year", "2025", "--today", "2026-02-21", "--overdue")
    assert code == 1
    body_lines = [line.split("  ")[0] for line in out.split("\n")[2:] if "逾期" in line and "  " in line]
    assert set(body_lines) == {"县市场监管局", "县教育局", "县自然资源局", "东湖街道", "云溪镇", "南苑街道", "柳塘镇", "石桥镇", "禾丰镇", "芦花乡", "鹭洲镇"}
    assert "县人民政府" not in body_lines
    code, out, _ = kit(county, "status", "青禾县", "--year", "2025", "--today", "2026-01-20", "--overdue", "--json")
    assert code == 0 and json.loads(out)["bodies"] == []


def test_status_of_a_body_without_the_year_and_with_errors(county: Store) -> None:
    county.year_file(TOWN, YEAR).unlink()
    edit_year(county, DEPT, "edition: gov2021", "edition: gov2021\nfigurs: {}")
    data = json.loads(kit(county, "status", "青禾县", "--year", "2025", "--today", "2026-01-20", "--json")[1])
    rows = {r["name"]: r for r in data["bodies"]}
    assert rows["云溪镇"]["has_file"] is False and rows["云溪镇"]["state"] == "填报中"
    assert rows["县教育局"]["errors"] >= 1
    _, out, _ = kit(county, "status", "青禾县", "--year", "2025", "--today", "2026-01-20")
    assert "云溪镇  镇  未建立" in out


# ---------------------------------------------------------------------------------------------
# the county summary: the board first, and the totals say which bodies are approved


def test_the_county_summary_starts_with_the_board_and_names_the_approved(county: Store) -> None:
    from html_page import parse

    from kit.data.summary import build_summary
    from kit.render.summary_page import render_summary

    through_approval(county, DEPT)
    submit(county, TOWN, YEAR, by="张三", at=at())
    return_report(county, TOWN, YEAR, by="李四", reason="请核对表三", at=at(1))
    summary = build_summary(county, "青禾县", YEAR, today=dt.date(2026, 2, 25))
    assert summary.approved() == {DEPT}
    page = parse(render_summary(summary))
    sections = [h.text() for h in page.iter("h2")]
    assert sections[0] == "一、审核进度" and sections[1] == "二、报送情况"
    board_section = page.find("section", class_="board")
    text = board_section.text()
    assert "全县12个单位：填报中10个，退回修改1个，已审核1个。已审核或已发布1个（青禾县教育局）。逾期未完成" in text
    rows = {tr.find("th").text(): [td.text() for td in tr.iter("td")] for tr in board_section.find("tbody").iter("tr")}
    assert rows["青禾县教育局"][2:5] == ["已审核", "李四", "2026-01-11 09:30"]
    assert rows["青禾县云溪镇人民政府"][2].startswith("退回修改") and "退回原因：请核对表三" in rows["青禾县云溪镇人民政府"][2]
    assert rows["青禾县市场监督管理局"][5:] == ["2026-01-31", "逾期 25 天"]
    totals = page.find("section", class_="totals").text()
    assert "其中已审核或已发布的1个：青禾县教育局；尚未审核通过的11个：" in totals
