"""The form's part of the yearly cycle, headless: the state, a return's reason, 提交审核.

Widgets are driven from Python (ipywidgets 8 fires observers and Button.click() runs handlers).
The stores live under tmp_path (conftest.py's chain: a town's 2019–2022).
"""

from __future__ import annotations

import datetime as dt

from kit.cycle import State, approve, record_of, return_report
from kit.form.widgets import FillInForm, ReportEditor
from kit.store import Store

NEW = "tables.applications.new.natural"
AT = dt.datetime(2023, 1, 10, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def open_editor(store: Store, chain) -> ReportEditor:
    form = FillInForm(store, body=str(chain[2022].body.ref), year=2022)
    assert form.editor is not None
    return form.editor


def test_submit_from_the_form_then_a_return_shows_its_reason(store: Store, chain, monkeypatch) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "zhangsan")
    editor = open_editor(store, chain)
    ref = chain[2022].body.ref
    assert editor.cycle_note.value.startswith("<span>审核状态：填报中</span>")
    assert not editor.submit_button.disabled and editor.submit_button.description == "提交审核"

    editor.submit_button.click()
    assert "已提交审核" in editor.message.value
    record = record_of(store, ref, 2022)
    assert record.state is State.SUBMITTED and record.last is not None and record.last.by == "zhangsan"
    assert "审核状态：已提交（zhangsan，" in editor.cycle_note.value
    assert "审核期间不能保存修改" in editor.cycle_note.value
    assert editor.save_button.disabled and editor.submit_button.disabled

    # a save forced anyway (a second tab, an old page) is refused by the store, saying why
    editor.save_button.disabled = False
    editor.inputs[NEW].value = "7"
    editor.save_button.click()
    assert "审核期间不能修改，本次未保存" in editor.message.value
    assert store.load_year(ref, 2022).cells["applications.new.natural"] == 5

    return_report(store, ref, 2022, by="lisi", reason="表三的“本年新收”与正文不符", at=AT)
    editor = open_editor(store, chain)
    assert "审核状态：退回修改（lisi，2023-01-10 09:30）" in editor.cycle_note.value
    assert "退回原因：表三的“本年新收”与正文不符。请按原因修改，保存后再次提交审核。" in editor.cycle_note.value
    assert not editor.save_button.disabled

    editor.inputs[NEW].value = "5 "
    editor.inputs[NEW].value = "6"
    editor.submit_button.click()  # unsaved changes: what is submitted must be the file
    assert "有尚未保存的修改：请先保存，再提交审核。" in editor.message.value
    assert record_of(store, ref, 2022).state is State.RETURNED


def test_submit_with_errors_is_refused_in_the_form(store: Store, chain) -> None:
    editor = open_editor(store, chain)
    editor.inputs[NEW].value = "9"  # table 三 no longer balances
    editor.save_button.click()
    editor.submit_button.click()
    assert "个错误，不能提交审核" in editor.message.value
    assert record_of(store, chain[2022].body.ref, 2022).state is State.DRAFT


def test_an_approved_report_opens_read_only_with_its_state(store: Store, chain) -> None:
    ref = chain[2022].body.ref
    editor = open_editor(store, chain)
    editor.submit_button.click()
    approve(store, ref, 2022, by="lisi", at=AT)
    editor = open_editor(store, chain)
    assert "审核状态：已审核（lisi，2023-01-10 09:30）" in editor.cycle_note.value
    assert "已审核通过，等待发布，不能保存修改。" in editor.cycle_note.value
    assert editor.save_button.disabled and editor.submit_button.disabled
