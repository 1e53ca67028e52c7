"""The fill-in form, headless: widgets driven from Python as a browser would drive them.

ipywidgets 8 works without a front end: setting `.value` fires the observers and
`Button.click()` runs the handlers, so everything but layout and the browser's own paste
behaviour is tested here. Every store lives under tmp_path (fixtures in conftest.py).
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from kit.errors import KitError
from kit.form.grid import table_grid
from kit.form.model import FormModel
from kit.form.paste import is_paste, split_paste
from kit.form.widgets import FillInForm, ReportEditor, css_key
from kit.report import BodyRef
from kit.spec import EDITIONS, load_spec
from kit.store import Store

ROOT = Path(__file__).resolve().parents[1]
NEW = "tables.applications.new.natural"
NEW_TOTAL = "applications.new.total"


@pytest.fixture
def editor(store: Store, chain) -> ReportEditor:
    """The complete, valid 2022 report (gov2021) of a town whose 2019–2021 exist too."""
    form = FillInForm(store, body=str(chain[2022].body.ref), year=2022)
    assert form.editor is not None
    return form.editor


def findings_text(editor: ReportEditor) -> str:
    return editor.findings.value


def marks(widget) -> set[str]:
    return {c for c in widget._dom_classes if c.startswith("kit-mark-")}


# ---------------------------------------------------------------------------------------------
# typing: totals, findings, refused input


def test_opens_complete_report_clean(editor: ReportEditor) -> None:
    assert editor.inputs[NEW].value == "5"
    assert editor.computed[NEW_TOTAL].value == "8"
    assert "没有发现问题" in findings_text(editor)
    assert "已保存" in editor.status.value and not editor.model.dirty


def test_typing_updates_total_and_unsaved_state(editor: ReportEditor) -> None:
    editor.inputs[NEW].value = "7"
    assert editor.computed[NEW_TOTAL].value == "10"
    assert editor.computed["applications.outcome_total.natural"].value == "5"  # untouched column
    assert "有未保存的修改" in editor.status.value
    editor.inputs[NEW].value = "5"  # typed back: nothing differs from the file any more
    assert "已保存" in editor.status.value


def test_finding_appears_names_its_cell_and_clears(editor: ReportEditor) -> None:
    editor.inputs[NEW].value = "6"  # 一 + 二 no longer equals 三（七）+ 四 for 自然人
    text = findings_text(editor)
    assert "1 个错误" in text
    assert "三、收到和处理政府信息公开申请情况 › 申请人情况 自然人" in text
    assert "第一项加第二项之和，等于第三项加第四项之和" in text
    assert marks(editor.inputs[NEW]) == {"kit-mark-error"}
    assert marks(editor.inputs["tables.applications.carry_forward.natural"]) == {"kit-mark-error"}
    assert marks(editor.inputs["tables.applications.new.business"]) == set()  # other columns not blamed
    editor.inputs["tables.applications.carry_forward.natural"].value = "2"  # fixed: 6 + 1 = 5 + 2
    assert "没有发现问题" in findings_text(editor)
    assert marks(editor.inputs[NEW]) == set()


@pytest.mark.parametrize(
    ("typed", "message"),
    [("abc", "应为数字"), ("-1", "不能为负数"), ("2.5", "应为整数"), ("/", "没有发生请填 0")],
)
def test_refused_entry_stays_as_typed_and_others_are_kept(editor: ReportEditor, typed: str, message: str) -> None:
    editor.inputs["tables.applications.new.business"].value = "3"
    editor.inputs[NEW].value = typed
    assert editor.inputs[NEW].value == typed  # never coerced or cleared
    assert editor.inputs["tables.applications.new.business"].value == "3"
    note = editor.notes["applications.new"].value  # beside the cell, in the same row
    assert "自然人" in note and message in note
    assert marks(editor.inputs[NEW]) == {"kit-mark-error"}
    assert message in findings_text(editor)
    assert editor.model.report.cells["applications.new.business"] == 3
    assert editor.model.report.cells["applications.new.natural"] is None
    editor.inputs[NEW].value = "5"
    assert editor.notes["applications.new"].value == ""


def test_full_width_digits_are_read_as_the_core_reads_them(editor: ReportEditor) -> None:
    editor.inputs[NEW].value = "１２"
    assert editor.inputs[NEW].value == "１２"
    assert editor.model.report.cells["applications.new.natural"] == 12
    assert editor.computed[NEW_TOTAL].value == "15"


def test_partly_filled_row_shows_partial_sum(editor: ReportEditor) -> None:
    editor.inputs["tables.applications.new.legal"].value = ""
    assert "7…" in editor.computed[NEW_TOTAL].value
    assert "未填写" in findings_text(editor)
    assert marks(editor.inputs["tables.applications.new.legal"]) == {"kit-mark-blank"}


def test_money_cell_takes_decimals_count_cell_does_not(editor: ReportEditor) -> None:
    editor.inputs["tables.proactive.fees.amount"].value = "0.5"
    assert editor.model.report.cells["proactive.fees.amount"] == pytest.approx(0.5)
    editor.inputs["tables.proactive.licensing.decisions"].value = "0.5"
    assert "应为整数" in editor.notes["proactive.licensing"].value


# ---------------------------------------------------------------------------------------------
# saving


def test_save_then_load_gives_the_same_data(editor: ReportEditor, store: Store) -> None:
    editor.inputs[NEW].value = "6"
    editor.inputs["tables.applications.carry_forward.natural"].value = "2"
    editor.prose["problems"].value = "培训不足。\n下一步加强培训。"
    editor.inputs["figures.proactive_total"].value = "130"
    editor.save_button.click()
    assert "已保存" in editor.message.value and "已保存" in editor.status.value
    model = editor.model
    again = store.load_year(model.report.body.ref, 2022)
    assert again.cells == {k: v for k, v in model.report.cells.items()}
    assert again.prose == model.report.prose
    assert again.figures["proactive_total"] == 130
    history = list((model.report.file.parent / ".history" / "2022").iterdir())  # type: ignore[union-attr]
    assert len(history) == 1  # the version replaced is kept


def test_save_with_refused_entry_keeps_it_in_the_form(editor: ReportEditor, store: Store) -> None:
    editor.inputs[NEW].value = "abc"
    editor.save_button.click()
    assert "已保存，但有 1 处输入未被接受" in editor.message.value
    assert "已保存，但有 1 处输入未被接受" in editor.status.value  # not "✓ 已保存" while "abc" is on screen
    assert editor.inputs[NEW].value == "abc"
    assert store.load_year(editor.model.report.body.ref, 2022).cells["applications.new.natural"] is None


def _edited_elsewhere(file: Path) -> str:
    """Someone else's save: 一、本年新收 for 自然人 5 -> 9."""
    text = file.read_text(encoding="utf-8").replace("      natural: 5", "      natural: 9", 1)
    file.write_text(text, encoding="utf-8")
    return text


def test_conflict_lists_each_difference_and_overwrites_nothing(store: Store, chain) -> None:
    form = FillInForm(store, body=str(chain[2022].body.ref), year=2022)
    editor = form.editor
    assert editor is not None
    theirs = _edited_elsewhere(chain[2022].file)
    editor.inputs["figures.proactive_total"].value = "121"
    editor.save_button.click()
    assert chain[2022].file.read_text(encoding="utf-8") == theirs  # nothing overwritten
    assert editor.inputs["figures.proactive_total"].value == "121"  # and nothing lost in the form
    assert "kit-conflict" in editor.panel._dom_classes
    items = {i.difference.key: i for i in editor.conflict.items}  # type: ignore[union-attr]
    assert set(items) == {NEW, "figures.proactive_total"}
    assert items[NEW].difference.label == "三、收到和处理政府信息公开申请情况 › 一、本年新收政府信息公开申请数量 › 申请人情况 自然人"
    assert not items[NEW].keep_mine  # only they changed it: theirs offered first
    assert items["figures.proactive_total"].keep_mine  # only I changed it: mine offered first
    text = "".join(getattr(c, "value", "") for box in editor.panel.children for c in getattr(box, "children", [box]))
    assert "别人在您打开之后也保存了这份报告" in text and "只有对方改过" in text


def test_conflict_resolved_keeps_both_sides_work(store: Store, chain) -> None:
    form = FillInForm(store, body=str(chain[2022].body.ref), year=2022)
    _edited_elsewhere(chain[2022].file)
    form.editor.inputs["figures.proactive_total"].value = "121"  # type: ignore[union-attr]
    form.editor.save_button.click()  # type: ignore[union-attr]
    form.editor.panel.children[-1].children[0].click()  # type: ignore[union-attr]  # 按所选内容保存
    saved = store.load_year(chain[2022].body.ref, 2022)
    assert saved.cells["applications.new.natural"] == 9  # theirs
    assert saved.figures["proactive_total"] == 121  # mine
    assert not form.editor.model.dirty  # type: ignore[union-attr]
    assert form.editor.inputs[NEW].value == "9"  # type: ignore[union-attr]


def test_conflict_take_theirs_per_item_or_keep_mine_as_a_copy(store: Store, chain) -> None:
    form = FillInForm(store, body=str(chain[2022].body.ref), year=2022)
    file = chain[2022].file
    theirs = _edited_elsewhere(file)
    form.editor.inputs[NEW].value = "7"  # type: ignore[union-attr]  # both changed this cell
    form.editor.save_button.click()  # type: ignore[union-attr]
    items = {i.difference.key: i for i in form.editor.conflict.items}  # type: ignore[union-attr]
    assert items[NEW].mine_changed and items[NEW].theirs_changed and items[NEW].keep_mine
    form.editor.panel.children[-1].children[1].click()  # type: ignore[union-attr]  # 另存为副本，改用对方的版本
    assert file.read_text(encoding="utf-8") == theirs
    assert form.editor.inputs[NEW].value == "9"  # type: ignore[union-attr]
    assert "另存为一个历史版本" in form.editor.message.value  # type: ignore[union-attr]
    copies = [p.read_text(encoding="utf-8") for p in (file.parent / ".history" / "2022").iterdir()]
    assert any("      natural: 7" in c for c in copies)


def test_profile_edit_is_saved_to_body_file(editor: ReportEditor, store: Store) -> None:
    editor.profile["phone"].value = "0537-1234567"
    editor.save_button.click()
    assert store.load_body(editor.model.report.body.ref).phone == "0537-1234567"
    editor.profile["full_name"].value = ""
    assert "不能为空" in editor.notes["body.full_name"].value


# ---------------------------------------------------------------------------------------------
# pasting from a spreadsheet


def test_paste_block_fills_grid_from_that_cell(editor: ReportEditor) -> None:
    copied = "1\t2\t0\t0\t0\t0\t3\r\n4\t5\t0\t0\t0\t0\t9\r\n"  # as Excel copies two rows, 总计 included
    editor.inputs["tables.applications.disclosed.natural"].value = copied
    assert editor.inputs["tables.applications.disclosed.natural"].value == "1"
    assert editor.inputs["tables.applications.disclosed.business"].value == "2"
    assert editor.inputs["tables.applications.partial.natural"].value == "4"
    assert editor.inputs["tables.applications.partial.business"].value == "5"
    assert editor.computed["applications.partial.total"].value == "9"
    assert "粘贴 2 行" in editor.table_notes["applications"].value
    assert "合计格由系统计算" in editor.table_notes["applications"].value


def test_paste_as_a_browser_delivers_it(editor: ReportEditor) -> None:
    """Chromium turns the line breaks of a paste into spaces in a one-line text box (measured)."""
    editor.inputs["tables.applications.disclosed.natural"].value = "1\t2\t0\t0\t0\t0\t3 4\t5\t0\t0\t0\t0\t9"
    assert editor.inputs["tables.applications.partial.business"].value == "5"
    editor.inputs["tables.applications.disclosed.natural"].value = "7 8 9"  # a copied column
    assert [editor.inputs[f"tables.applications.{r}.natural"].value for r in ("disclosed", "partial", "withheld_secret")] == ["7", "8", "9"]


def test_paste_with_row_labels_and_bad_value(editor: ReportEditor) -> None:
    copied = "一、本年新收政府信息公开申请数量\t5\tx\t0\t0\t1\t0\n二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\n"
    editor.inputs[NEW].value = copied
    assert editor.inputs[NEW].value == "5"
    assert editor.inputs["tables.applications.new.business"].value == "x"  # refused, kept as typed
    assert "应为数字" in editor.notes["applications.new"].value
    assert editor.inputs["tables.applications.carried.natural"].value == "1"


def test_paste_beyond_the_table_is_reported(editor: ReportEditor) -> None:
    editor.inputs["tables.review_litigation.cases.after_pending"].value = "1\t2\t3"
    assert editor.inputs["tables.review_litigation.cases.after_pending"].value == "1"
    assert "超出表格范围" in editor.table_notes["review_litigation"].value


def test_paste_parsing() -> None:
    assert not is_paste("12") and not is_paste("１２") and not is_paste("abc") and not is_paste("1 a")
    assert is_paste("1\t2") and is_paste("1\n2") and is_paste("1 2")
    assert split_paste("1\t\t\r\n2\t3\t4\r\n") == [["1", "", ""], ["2", "3", "4"]]
    assert split_paste("\t1\t2 \t3\t4") == [["", "1", "2"], ["", "3", "4"]]


# ---------------------------------------------------------------------------------------------
# acknowledging warnings


def test_acknowledge_warning_with_reason(editor: ReportEditor, store: Store) -> None:
    breakdown = editor.breakdowns["proactive_breakdown"]
    _, count, _ = breakdown.rows[0]
    count.value = "100"  # 工作动态 100 + 40 + 20 > 主动公开 120: a warning (channels may overlap)
    assert "1 条提示" in findings_text(editor)
    finding_id = "breakdown_total@figures.proactive_breakdown"
    assert editor.ack_choice.value == finding_id
    editor.ack_reason.value = ""
    editor.ack_button.click()
    assert "请写明确认的理由" in editor.ack_message.value
    editor.ack_reason.value = "政府网站和公开栏两个渠道有重叠"
    editor.ack_button.click()
    assert "1 条已确认" in findings_text(editor) and "0 条提示" in findings_text(editor)
    editor.save_button.click()
    again = store.load_year(editor.model.report.body.ref, 2022)
    assert again.acknowledged == {finding_id: "政府网站和公开栏两个渠道有重叠"}
    editor.unack_button.click()
    assert "1 条提示" in findings_text(editor)


def test_errors_cannot_be_acknowledged(editor: ReportEditor) -> None:
    editor.inputs[NEW].value = "6"
    with pytest.raises(KitError, match="错误不能确认"):
        editor.model.acknowledge("balance@tables.applications.*.natural", "理由")


def test_breakdown_add_and_remove(editor: ReportEditor) -> None:
    breakdown = editor.breakdowns["proactive_breakdown"]
    assert "各项合计 120条" in breakdown.sum.value
    breakdown._add()
    name, count, note = breakdown.rows[-1]
    name.value, count.value = "公开栏", "ab"
    assert "应为数字" in note.value
    count.value = "5"
    assert "各项合计 125条" in breakdown.sum.value
    breakdown._remove(len(breakdown.rows) - 1)
    assert "各项合计 120条" in breakdown.sum.value
    assert [i.name for i in editor.model.report.figures["proactive_breakdown"]] == ["工作动态", "通知公告", "政策文件"]


# ---------------------------------------------------------------------------------------------
# choosing, new years, preview, export


def test_new_year_from_last_year_carries_over(store: Store, chain) -> None:
    form = FillInForm(store)
    assert form.chooser.county.value == "示例县" and form.chooser.year.value == 2022
    assert form.chooser.new_year.value == "2023"
    form.chooser.new_button.click()
    assert form.editor is None and not (store.root / "示例县" / "甲镇" / "2023.yaml").exists()  # asked first
    assert "将新建 2023 年的报告" in form.chooser.message.value
    assert form.chooser.confirm_button.description == "确定新建 2023 年"
    form.chooser.confirm_button.click()
    editor = form.editor
    assert editor is not None and editor.model.report.year == 2023
    assert "带入" in form.chooser.message.value
    last = chain[2022].cells
    assert editor.inputs["tables.applications.carried.natural"].value == str(last["applications.carry_forward.natural"])
    assert editor.inputs[NEW].value == ""
    assert (store.root / "示例县" / "甲镇" / "2023.yaml").is_file()


def test_double_clicks_start_one_year_only(store: Store, chain) -> None:
    form = FillInForm(store)
    form.chooser.new_button.click()
    form.chooser.new_button.click()  # a double click only asks again
    form.chooser.confirm_button.click()
    form.chooser.confirm_button.click()  # a double click on the confirmation: nothing left to confirm
    form.chooser.new_button.click()  # the proposal is now 2024: asked, not written
    assert store.years(chain[2022].body.ref) == [2019, 2020, 2021, 2022, 2023]


def test_years_after_next_year_are_refused(store: Store, chain) -> None:
    import datetime as dt

    form = FillInForm(store)
    form.chooser.new_year.value = str(dt.date.today().year + 2)
    form.chooser.new_button.click()
    assert "最晚只能新建" in form.chooser.message.value
    assert form.chooser.confirm_button.layout.display == "none"


def test_an_existing_year_is_opened_not_started_again(store: Store, chain) -> None:
    form = FillInForm(store)
    form.chooser.new_year.value = "２０２１年"  # full-width, as an input method types it
    form.chooser.new_button.click()
    assert form.editor is not None and form.editor.model.report.year == 2021
    assert "已经存在" in form.chooser.message.value


def test_a_year_removed_by_mistake_is_restored(store: Store, chain) -> None:
    ref = chain[2022].body.ref
    form = FillInForm(store)
    form.chooser.new_button.click()
    form.chooser.confirm_button.click()
    assert 2023 in store.years(ref)
    form.chooser.year.value = 2023
    form.chooser.remove_button.click()
    assert 2023 in store.years(ref)  # asked first
    form.chooser.confirm_button.click()
    assert 2023 not in store.years(ref) and form.editor is None
    assert "已删除 2023 年" in form.chooser.message.value
    assert form.chooser.removed.options == ((("2023年", 2023)),)
    form.chooser.restore_button.click()
    assert 2023 in store.years(ref) and "已恢复" in form.chooser.message.value


def test_switching_with_unsaved_changes_asks_first(store: Store, chain) -> None:
    form = FillInForm(store, body="示例县/甲镇", year=2022)
    first = form.editor
    first.inputs[NEW].value = "9"  # type: ignore[union-attr]
    form.chooser.year.value = 2021
    form.chooser.open_button.click()
    assert form.editor is first and "未保存的修改" in form.chooser.message.value
    form.chooser.open_button.click()  # second click: the clerk means it
    assert form.editor is not first and form.editor.model.report.year == 2021  # type: ignore[union-attr]


# ---------------------------------------------------------------------------------------------
# autosave: typed work kept beside the year's file, offered back on reopening


def test_autosave_copy_beside_the_file_never_over_it(store: Store, chain) -> None:
    from kit.form.autosave import autosave_path

    form = FillInForm(store, body="示例县/甲镇", year=2022)
    file = chain[2022].file
    before = file.read_bytes()
    form.editor.inputs[NEW].value = "abc"  # type: ignore[union-attr]  # refused text is kept too
    form.editor.prose["problems"].value = "新的段落"  # type: ignore[union-attr]
    form.editor.model.autosaver.flush()  # type: ignore[union-attr]  # (the timer does this within a second)
    assert file.read_bytes() == before
    copy = json.loads(autosave_path(file).read_text(encoding="utf-8"))
    assert copy["texts"][NEW] == "abc" and copy["prose"]["problems"] == "新的段落"
    form.editor.save_button.click()  # type: ignore[union-attr]
    assert not autosave_path(file).exists()


def test_autosave_is_written_by_its_timer(store: Store, chain) -> None:
    import time

    from kit.form.autosave import autosave_path

    form = FillInForm(store, body="示例县/甲镇", year=2022)
    form.editor.model.autosaver.delay = 0.05  # type: ignore[union-attr]
    form.editor.inputs[NEW].value = "8"  # type: ignore[union-attr]
    deadline = time.monotonic() + 10
    while not autosave_path(chain[2022].file).exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert autosave_path(chain[2022].file).exists()


def test_reopening_offers_the_unsaved_values_and_restores_them(store: Store, chain) -> None:
    form = FillInForm(store, body="示例县/甲镇", year=2022)
    form.editor.inputs[NEW].value = "8"  # type: ignore[union-attr]
    form.editor.model.autosaver.flush()  # type: ignore[union-attr]
    again = FillInForm(store, body="示例县/甲镇", year=2022)  # a reload: a new kernel, a new form
    editor = again.editor
    assert editor is not None and editor.inputs[NEW].value == "5" and "kit-draft-offer" in editor.panel._dom_classes
    offer = editor.panel.children[0].value
    assert "1 处内容还没有保存" in offer and "申请人情况 自然人" in offer and ">5<" in offer and ">8<" in offer
    editor.panel.children[1].children[0].click()  # 恢复这些内容
    assert again.editor.inputs[NEW].value == "8" and again.editor.model.dirty  # type: ignore[union-attr]
    assert "已恢复" in again.editor.message.value  # type: ignore[union-attr]


def test_discarding_the_autosave_copy(store: Store, chain) -> None:
    from kit.form.autosave import autosave_path

    form = FillInForm(store, body="示例县/甲镇", year=2022)
    form.editor.inputs[NEW].value = "8"  # type: ignore[union-attr]
    form.editor.model.autosaver.flush()  # type: ignore[union-attr]
    again = FillInForm(store, body="示例县/甲镇", year=2022)
    again.editor.panel.children[1].children[1].click()  # type: ignore[union-attr]  # 不恢复，丢弃
    assert not autosave_path(chain[2022].file).exists()
    assert FillInForm(store, body="示例县/甲镇", year=2022).editor.panel.layout.display == "none"  # type: ignore[union-attr]


def test_prose_shows_figures_by_their_label_and_keeps_the_names(store: Store, chain) -> None:
    form = FillInForm(store, body="示例县/甲镇", year=2022)
    editor = form.editor
    assert editor is not None
    editor.prose["problems"].value = "本年主动公开〔本年主动公开政府信息总数〕条。"
    assert editor.model.report.prose["problems"] == "本年主动公开${figures.proactive_total}条。"
    editor.prose["other"].value = ""
    editor.save_button.click()
    again = FillInForm(store, body="示例县/甲镇", year=2022).editor
    assert again is not None and "${" not in again.prose["problems"].value and "〔本年主动公开政府信息总数〕" in again.prose["problems"].value


def test_the_project_is_where_jupyterlab_was_started(tmp_path: Path) -> None:
    from kit.form.project import project_root

    (tmp_path / "copy" / "parameters").mkdir(parents=True)
    (tmp_path / "copy" / "notebooks").mkdir()
    assert project_root(tmp_path / "copy" / "notebooks", "notebooks/fill_in.ipynb") == tmp_path / "copy"
    assert project_root(tmp_path / "copy" / "notebooks", "") == tmp_path / "copy"  # no session name: nearest parameters/ upwards
    assert project_root(tmp_path / "copy", "fill_in.ipynb") == tmp_path / "copy"


def test_no_programmer_words_in_the_form(editor: ReportEditor) -> None:
    import re

    def texts(widget) -> list[str]:
        import ipywidgets as w

        shown = ("description", "placeholder", "tooltip") + (("_options_labels",) if isinstance(widget, w.Dropdown) else ("value",))
        out = [str(getattr(widget, a, "")) for a in shown if isinstance(getattr(widget, a, None), str | tuple)]
        for child in getattr(widget, "children", ()):
            out += texts(child)
        return out

    shown = "\n".join(t for t in texts(editor) if not t.startswith("<style"))
    for word in ("${", "body.yaml", ".history", ".yaml", "/tmp", str(editor.model.store.root), "Running", "gov2021"):
        assert word not in shown, word
    plain = re.sub(r"<[^>]*>|&[a-z]+;|https?://\S+|[\w.-]+@[\w.-]+", "", shown)
    assert not re.findall(r"[A-Za-z]{4,}", plain.replace("Word", "").replace("Excel", "")), re.findall(r".{20}[A-Za-z]{4,}.{20}", plain)[:5]


def test_malformed_file_is_explained_not_opened(store: Store, chain) -> None:
    file = chain[2022].file
    file.write_text(file.read_text(encoding="utf-8").replace("      natural: 5", "      natural: 五", 1), encoding="utf-8")
    form = FillInForm(store, body="示例县/甲镇", year=2022)
    assert form.editor is None
    assert "应为数字" in form.chooser.message.value and "natural" in form.chooser.message.value


def test_preview_shows_the_rendered_report(editor: ReportEditor) -> None:
    editor.preview_button.click()
    assert editor.preview.value.startswith("<iframe srcdoc=")
    assert "示例县甲镇人民政府2022年政府信息公开工作年度报告" in editor.preview.value
    assert editor.preview.layout.display == "block"
    editor.inputs[NEW].value = "6"
    editor.preview_button.click()
    assert "草稿" in editor.message.value


def test_export_refuses_unsaved_changes(editor: ReportEditor, tmp_path: Path) -> None:
    editor.inputs[NEW].value = "6"
    assert editor.export(tmp_path / "exports") == []
    assert "请先点“保存”" in editor.message.value
    assert not (tmp_path / "exports").exists()


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_edition_gets_a_widget_for_every_field(store: Store, builder, town, edition: str) -> None:
    year = {"gov2021": 2022, "gov2019": 2019, "legacy2008": 2018}[edition]
    builder.year(town, year)
    editor = FillInForm(store, body=str(town.ref), year=year).editor
    assert editor is not None
    spec = load_spec(edition)
    assert set(editor.inputs) == set(editor.model.fields)
    assert set(editor.computed) == {c.key for c in spec.cells() if c.computed}
    assert set(editor.prose) == {s.id for s in spec.prose_sections()} | ({"opening"} if spec.free_form else set())
    assert "没有发现问题" in editor.findings.value


def test_seed_report_opens_with_its_acknowledged_warning(seed_store: Store) -> None:
    editor = FillInForm(seed_store, body="微山县/驩城镇", year=2018).editor
    assert editor is not None
    assert "1 条已确认" in editor.findings.value and "渠道" in editor.findings.value
    assert editor.inputs["figures.proactive_total"].value == "28"


# ---------------------------------------------------------------------------------------------
# layout and layering


@pytest.mark.parametrize("edition", ["gov2021", "gov2019"])
def test_grid_pieces_auto_place_exactly_where_printed(edition: str) -> None:
    """The widget layer relies on CSS grid auto-placement (no position per widget): replaying the
    algorithm over the pieces, in order, must put each one at its own row and column."""
    for table in load_spec(edition).tables:
        grid = table_grid(table)
        taken: set[tuple[int, int]] = set()
        cursor = (0, 0)
        for piece in grid.pieces:
            row, col = cursor
            while True:
                cells = {(r, c) for r in range(row, row + piece.rowspan) for c in range(col, col + piece.colspan)}
                if col + piece.colspan <= grid.columns and not cells & taken:
                    break
                col += 1
                if col >= grid.columns:
                    row, col = row + 1, 0
            assert (row, col) == (piece.row, piece.column), piece
            taken |= cells
            cursor = (row, col + piece.colspan)
        assert len(taken) == grid.rows * grid.columns


def test_applications_header_merges_as_printed() -> None:
    grid = table_grid(load_spec("gov2021").table("applications"))
    heads = {p.text: p for p in grid.pieces if p.role == "column"}
    assert heads["申请人情况"].colspan == 7
    assert heads["法人或其他组织"].colspan == 5
    assert heads["自然人"].rowspan == 2 and heads["总计"].rowspan == 2
    rows = {p.text: p for p in grid.pieces if p.role == "row"}
    assert rows["三、本年度办理结果"].rowspan == 22
    assert rows["一、本年新收政府信息公开申请数量"].colspan == 3


def _spec_labels() -> set[str]:
    labels: set[str] = set()
    for edition in EDITIONS:
        spec = load_spec(edition)
        for table in spec.tables:
            labels |= {table.title} | {b.label for b in table.blocks if b.label}
            for block in table.blocks:
                labels |= {r.label for r in block.rows} | {part for r in block.rows for part in r.path}
                labels |= {c.label for c in block.columns} | {part for c in block.columns for part in c.path}
        labels |= {s.title for s in spec.sections} | {x.title for s in spec.sections for x in s.subsections}
        labels |= {f.label for f in spec.figures}
    return {label for label in labels if len(label) >= 3}


FORM_MODULES = ["form/widgets.py", "form/model.py", "form/grid.py", "form/paste.py", "form/actions.py", "cli/serve.py"]


def _strings(path: Path) -> list[str]:
    """String literals of a module, docstrings left out (they may quote labels as examples)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body and isinstance(node.body[0], ast.Expr)
    }
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


@pytest.mark.parametrize("module", FORM_MODULES)
def test_no_spec_label_in_form_code(module: str) -> None:
    strings = _strings(ROOT / "kit" / module)
    found = {label for label in _spec_labels() for s in strings if label in s}
    assert not found, f"{module} names labels that belong in the spec: {found}"


def test_only_form_imports_ipywidgets() -> None:
    importers = [
        p.name
        for p in (ROOT / "kit").rglob("*.py")
        if any(isinstance(n, (ast.Import, ast.ImportFrom)) and "ipywidgets" in ast.unparse(n) for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))))
    ]
    assert importers == ["widgets.py"]


def test_fill_in_notebook_is_thin_and_clean() -> None:
    nb = json.loads((ROOT / "notebooks" / "fill_in.ipynb").read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c["outputs"] and c["execution_count"] is None for c in code)
    assert "from kit.form.widgets import open_form" in "".join(code[-1]["source"])
    assert sum(len(c["source"]) for c in code) <= 6


def test_css_key_is_a_plain_class_name() -> None:
    assert css_key("figures.proactive_breakdown[2]") == "kit-k-figures-proactive_breakdown-2"
    assert css_key(NEW) == "kit-k-tables-applications-new-natural"


def test_model_without_widgets(store: Store, chain) -> None:
    model = FormModel.open(store, BodyRef("示例县", "甲镇"), 2022)
    edit = model.set_text(NEW, "3\t1")
    assert edit.changed == {NEW: "3", "tables.applications.new.business": "1"}
    check = model.check()
    assert check.values[NEW_TOTAL] == 5 and check.errors


def test_cells_are_named_by_their_printed_row_and_column() -> None:
    from kit.form.widgets import cell_name

    spec = load_spec("gov2021")
    assert cell_name(spec.table("applications"), "applications.disclosed.natural") == "（一）予以公开 · 自然人"
    assert cell_name(spec.table("applications"), "applications.withheld_third_party.business") == "（三）不予公开 4.保护第三方合法权益 · 法人或其他组织 商业企业"
    assert cell_name(spec.table("proactive"), "proactive.rules.made") == "规章 · 本年制发件数"


def test_prose_marks_round_trip_and_keep_unknown_names() -> None:
    from kit.form.prose_marks import from_display, to_display

    spec = load_spec("gov2021")
    text = "共${figures.proactive_total}条，${year}年，$${literal}，${no.such.name}，〔不是数字〕"
    shown = to_display(spec, text)
    assert shown == "共〔本年主动公开政府信息总数〕条，〔本年度〕年，$${literal}，${no.such.name}，〔不是数字〕"
    assert from_display(spec, shown) == text


def test_finding_texts_lose_programmer_words() -> None:
    from kit.form.widgets import plain_message

    assert plain_message("主体信息（body.yaml）缺少网站名称（website_name），开头段落要用到它") == "主体信息缺少网站名称，开头段落要用到它"


def test_the_page_settings_for_voila() -> None:
    from kit.form import page

    args = page.voila_arguments()
    assert "--template=kit" in args and "--MappingKernelManager.cull_idle_timeout=120" in args
    assert (page.TEMPLATE_ROOT / "voila" / "templates" / "kit" / "index.html.j2").is_file()
    template = (page.TEMPLATE_ROOT / "voila" / "templates" / "kit" / "index.html.j2").read_text(encoding="utf-8")
    assert "https://" not in template and "http://" not in template  # nothing linked from another host


def test_a_year_in_review_cannot_be_removed(store: Store, chain) -> None:
    """The remove button is the form's; the refusal is the store's: a submitted report stays where the reviewer reads it."""
    from kit.cycle.transitions import submit
    from kit.errors import LockedError
    from kit.form import years

    ref = chain[2022].body.ref
    submit(store, ref, 2022, by="clerk")
    with pytest.raises(LockedError, match="审核"):
        years.remove_year(store, ref, 2022)
    assert 2022 in store.years(ref) and years.removed_years(store, ref) == []


def test_a_removed_year_leaves_no_file_and_comes_back(store: Store, chain) -> None:
    from kit.form import years

    ref = chain[2022].body.ref
    text = chain[2022].file.read_text(encoding="utf-8")
    years.remove_year(store, ref, 2022)
    assert 2022 not in store.years(ref) and years.removed_years(store, ref) == [2022]
    years.restore_year(store, ref, 2022)
    assert chain[2022].file.read_text(encoding="utf-8") == text and years.removed_years(store, ref) == []
    with pytest.raises(KitError, match="没有可以恢复"):
        years.restore_year(store, ref, 2022)
