"""Reading the three tables of a published report into the spec's cells, in both shapes of table 三."""

from __future__ import annotations

from pathlib import Path

import doccheck_samples as samples
import pytest

from kit.doccheck.documents import check_documents
from kit.doccheck.items import Grid
from kit.doccheck.reading import read_document
from kit.doccheck.table_reading import assign_rows, read_tables
from kit.spec import load_spec


def read(path: Path, edition: str):
    doc = read_document(path)
    specs = [load_spec("gov2021"), load_spec("gov2019")]
    rows = assign_rows([(g.rows, None) for g in doc.items if isinstance(g, Grid)], specs)
    return read_tables(rows, load_spec(edition))


def expected_numbers(edition: str) -> dict[str, object]:
    from kit.doccheck.normalize import read_figure
    from kit.doccheck.vocabulary import vocabulary

    return {k: read_figure(v, vocabulary().tables.not_numbers).value for k, v in samples.values(edition).items()}


WRITERS = {
    "docx": lambda p, r, t: samples.write_docx(p.with_suffix(".docx"), r, t),
    "html": lambda p, r, t: samples.write_html(p.with_suffix(".html"), r, t),
    "tabs": lambda p, r, t: samples.write_text(p.with_suffix(".txt"), r, t, "tabs"),
    "cells": lambda p, r, t: samples.write_text(p.with_suffix(".txt"), r, t, "cells"),
    "spaces": lambda p, r, t: samples.write_text(p.with_suffix(".txt"), r, t, "spaces"),
    "pipes": lambda p, r, t: samples.write_text(p.with_suffix(".txt"), r, t, "pipes"),
}


@pytest.mark.parametrize("shape", ["official", "subtotals"])
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_every_cell_is_read_as_printed(tmp_path: Path, writer: str, shape: str) -> None:
    tables = samples.Tables("gov2021", samples.values("gov2021"), subtotals=shape == "subtotals")
    path = WRITERS[writer](tmp_path / "r", samples.blocks(2023), tables)
    got = read(path, "gov2021")
    assert got.findings() == []
    assert got.values() == expected_numbers("gov2021")
    assert got.tables["applications"].subtotal_shape is (shape == "subtotals")


def test_gov2019_tables_fit_the_2019_spec_better(tmp_path: Path) -> None:
    path = samples.write_docx(tmp_path / "r.docx", samples.blocks(2020), samples.Tables("gov2019", samples.values("gov2019")))
    old, new = read(path, "gov2019"), read(path, "gov2021")
    assert old.fit > new.fit
    assert old.values() == expected_numbers("gov2019")
    assert old.findings() == []


def test_a_slash_or_a_blank_is_reported_and_never_read_as_zero(tmp_path: Path) -> None:
    printed = samples.values("gov2021", {"applications.disclosed.research": "/", "applications.partial.legal": ""})
    path = samples.write_html(tmp_path / "r.html", samples.blocks(2023), samples.Tables("gov2021", printed))
    got = read(path, "gov2021")
    values = got.values()
    assert "applications.disclosed.research" not in values and "applications.partial.legal" not in values
    messages = [f.message for f in got.findings() if f.rule == "table_cell"]
    assert any("科研机构为“/”" in m and "不把空白或“/”当作 0" in m for m in messages), messages
    assert any("法律服务机构为空白" in m for m in messages), messages


def test_a_row_with_too_few_figures_is_left_unread(tmp_path: Path) -> None:
    """With runs of spaces a blank cell is invisible: 6 figures for 7 columns cannot be placed."""
    printed = samples.values("gov2021", {"applications.partial.legal": ""})
    path = samples.write_text(tmp_path / "r.txt", samples.blocks(2023), samples.Tables("gov2021", printed), "spaces")
    got = read(path, "gov2021")
    assert not any(k.startswith("applications.partial.") for k in got.values())
    (finding,) = [f for f in got.findings() if f.rule == "table_row"]
    assert "应有 7 个数，读到 6 个" in finding.message and "部分公开" in (finding.printed or "")


def test_wrong_subtotal_column_and_row_in_the_eight_column_shape(tmp_path: Path) -> None:
    tables = samples.Tables("gov2021", samples.values("gov2021"), subtotals=True)
    rows = tables.rows("applications")
    # break the 小计 of 一、本年新收 (should be 商业企业2 + 法律服务机构1 = 3) and the subtotal row of （四）
    for row in rows:
        texts = [t for t, _, _ in row]
        if "一、本年新收政府信息公开申请数量" in texts:
            i = texts.index("一、本年新收政府信息公开申请数量") + 7  # natural + 5 organisations + 小计
            row[i] = ("4", 1, 1)
        if "（四）无法提供" in texts:
            i = texts.index("小计") + 2  # natural, then 商业企业
            row[i] = ("0", 1, 1)
    tables.rows = lambda table_id, _rows=rows, _orig=tables.rows: _rows if table_id == "applications" else _orig(table_id)  # type: ignore[method-assign]
    path = samples.write_docx(tmp_path / "r.docx", samples.blocks(2023), tables)
    got = read(path, "gov2021")
    messages = {f.message for f in got.findings()}
    assert "“法人或其他组织小计”应为 3（商业企业、科研机构、社会公益组织、法律服务机构、其他之和），印的是 4" in messages, messages
    assert "商业企业：小计应为 1（本组 3 项之和），印的是 0" in messages, messages
    # the subtotals are checked and left out: the spec's cells are still read right
    assert got.values() == expected_numbers("gov2021")


def test_unknown_row_and_missing_row(tmp_path: Path) -> None:
    rows = samples.Tables("gov2021", samples.values("gov2021")).rows("applications")
    rows = [[("（八）其他情形" if t == "（七）总计" else t, rs, cs) for t, rs, cs in row] for row in rows]
    tables = samples.Tables("gov2021", samples.values("gov2021"))
    tables.rows = lambda table_id, _orig=tables.rows: rows if table_id == "applications" else _orig(table_id)  # type: ignore[method-assign]
    path = samples.write_html(tmp_path / "r.html", samples.blocks(2023), tables)
    got = read(path, "gov2021")
    messages = [f"{f.printed}：{f.message}" for f in got.findings()]
    assert any("认不出这一行：" in m and "（八）其他情形”（5、2、0、0、1、0、8）" in m for m in messages), messages
    assert any("（七）总计：表中找不到这一行" in m for m in messages), messages


def test_review_table_needs_all_fifteen_figures(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    samples.write_text(path, samples.blocks(2023), samples.Tables("gov2021", samples.values("gov2021")), "tabs")
    text = path.read_text(encoding="utf-8").replace("1\t0\t0\t0\t1\t0\t1\t0\t0\t1\t0\t0\t0\t0\t0", "1\t0\t0\t0\t1\t0\t1\t0\t0\t1\t0\t0\t0\t0")
    path.write_text(text, encoding="utf-8")
    got = read(path, "gov2021")
    assert not got.tables["review_litigation"].read
    assert any("应有 15 个数，读到 14 个" in f.message for f in got.findings())


def test_end_to_end_the_core_rules_run_on_what_was_read(tmp_path: Path) -> None:
    """Table arithmetic comes from kit.validation: a printed total that is not the sum of its parts."""
    printed = samples.values("gov2021", {"applications.new.total": "9", "review_litigation.cases.review_total": "2"})
    path = samples.write_docx(tmp_path / "r.docx", samples.blocks(2023), samples.Tables("gov2021", printed))
    (result,) = check_documents([path])
    found = {f.rule: f for f in result.findings}
    assert "applicant_total" in found and "review_total" in found
    assert found["applicant_total"].message.startswith("应为 8（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他之和），报告中印的是 9")
    assert "可删去此项" not in found["applicant_total"].message  # advice for parameter files, not for a printed report
    assert found["applicant_total"].printed.startswith("表三、收到和处理政府信息公开申请情况")


def test_unbalanced_applications_table_is_an_error(tmp_path: Path) -> None:
    """一 + 二 = 三（七） + 四, per column: 结转下年度 printed 0 where it should be 1."""
    printed = samples.values("gov2021", {"applications.carry_forward.natural": "0", "applications.carry_forward.total": "0"})
    path = samples.write_text(tmp_path / "r.txt", samples.blocks(2023), samples.Tables("gov2021", printed), "cells")
    (result,) = check_documents([path])
    balance = [f for f in result.findings if f.rule == "balance"]
    assert len(balance) == 1 and "自然人" in (balance[0].printed or "")


def test_town_reporting_rules_is_an_error(tmp_path: Path) -> None:
    """Rule 10: a town cannot make 规章 (level guessed from the name in the title)."""
    printed = samples.values("gov2021", {"proactive.rules.made": "2", "proactive.rules.in_force": "2"})
    path = samples.write_text(tmp_path / "r.txt", samples.blocks(2023), samples.Tables("gov2021", printed), "tabs")
    (result,) = check_documents([path])
    rules = [f for f in result.findings if f.rule == "rules_by_level"]
    assert rules and "镇不能制定规章" in rules[0].message
