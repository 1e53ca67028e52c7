"""The Excel form: `kit template` lays a year out like the printed tables; `kit import` reads it back.

Filled with openpyxl the way a clerk fills it in Excel (values typed into the unlocked cells),
and — slow — recalculated and saved again by LibreOffice headless, as a workbook comes back from
WPS or LibreOffice. Filling the form and importing it gives the same year file as typing the
figures into the kit.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import full_report
from openpyxl import load_workbook

from kit.imports.workbook import figures_layout, read_workbook, table_layout, workbook_bytes
from kit.report import Body, YearReport
from kit.spec import load_spec
from kit.store import Store, dump_year
from kit.store.new_year import blank_year

KIT = Path(sys.executable).parent / "kit"


def run_kit(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(KIT), *map(str, args)], capture_output=True, text=True, timeout=300)


def fill(path: Path, report: YearReport) -> None:
    """Type the report's figures and prose into the form, cell by cell, as a clerk would."""
    wb = load_workbook(str(path))
    spec = report.spec
    for table in spec.tables:
        layout = table_layout(table)
        ws = wb[layout.name]
        for key, (r, c) in layout.cells.items():
            if key in spec.formulas:
                continue
            value = report.cells.get(key)
            ws.cell(r, c).value = None if value is None else (value if isinstance(value, int) else float(value))
    ws = wb["正文数字"]
    rows, start = figures_layout(spec)
    for fig in spec.figures:
        if fig.kind == "breakdown":
            for i, item in enumerate(report.figures.get(fig.id) or []):
                ws.cell(start + 1 + i, 1).value = item.name
                ws.cell(start + 1 + i, 2).value = item.count
        else:
            value = report.figures.get(fig.id)
            ws.cell(rows[fig.id], 3).value = value if isinstance(value, int) or value is None else float(value)
    ws = wb["正文"]
    for r in range(2, 40):
        section = ws.cell(r, 3).value
        if section:
            ws.cell(r, 2).value = report.prose.get(section)
    wb.save(str(path))


def template_for(store: Store, body: Body, year: int, folder: Path) -> Path:
    out = folder / f"{body.name}{year}.xlsx"
    done = run_kit("--parameters", store.root, "template", str(body.ref), year, "-o", out)
    assert done.returncode == 0, done.stdout + done.stderr
    assert out.is_file()
    return out


@pytest.mark.parametrize("year", [2019, 2021])
def test_template_fill_import_equals_typing_the_figures(store: Store, town: Body, tmp_path: Path, year: int) -> None:
    typed = full_report(town, year)
    path = template_for(store, town, year, tmp_path)
    fill(path, typed)
    done = run_kit("--parameters", store.root, "import", path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "已写入" in done.stdout
    back = store.load_year(town.ref, year)
    typed.file = back.file
    assert dump_year(back) == dump_year(typed)


def test_the_form_looks_like_the_printed_tables(store: Store, builder, town: Body) -> None:
    """Merged headers from the label paths, labels locked, totals as formulas, validation, carry-over."""
    last = builder.year(town, 2024)
    wb = load_workbook(__import__("io").BytesIO(workbook_bytes(blank_year(town, 2025, last))))
    assert wb.sheetnames == ["说明", "表二", "表三", "表四", "正文数字", "正文"]
    ws = wb["表三"]
    spec = load_spec("gov2021")
    layout = table_layout(spec.table("applications"))
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert ws["D3"].value == "申请人情况" and "D3:J3" in merged  # 申请人情况 over its seven columns
    assert ws["E4"].value == "法人或其他组织" and "E4:I4" in merged
    assert ws["D4"].value == "自然人" and "D4:D5" in merged  # a short path reaches down
    assert ws["A3"].value.startswith("（本列数据的勾稽关系为") and "A3:C5" in merged
    r, c = layout.cells["applications.disclosed.natural"]
    assert ws.cell(r, 1).value == "三、本年度办理结果" and ws.cell(r, 2).value == "（一）予以公开"
    assert ws.protection.sheet and ws["A3"].protection.locked
    assert not ws.cell(r, c).protection.locked
    tr, tc = layout.cells["applications.new.total"]
    assert ws.cell(tr, tc).value.startswith("=IF(COUNT(") and ws.cell(tr, tc).protection.locked
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert kinds == {"whole"} and all(dv.formula1 == "0" for dv in ws.data_validations.dataValidation)
    cr, cc = layout.cells["applications.carried.natural"]
    assert ws.cell(cr, cc).value == last.cells["applications.carry_forward.natural"]  # last year's carry-over
    nr, nc = layout.cells["applications.new.natural"]
    assert ws.cell(nr, nc).value is None  # blank stays blank
    assert {dv.type for dv in wb["表二"].data_validations.dataValidation} == {"whole", "decimal"}


def test_problems_are_named_by_sheet_cell_and_printed_place(store: Store, town: Body, tmp_path: Path) -> None:
    typed = full_report(town, 2021)
    path = template_for(store, town, 2021, tmp_path)
    fill(path, typed)
    wb = load_workbook(str(path))
    layout = table_layout(typed.spec.table("applications"))
    r, c = layout.cells["applications.new.natural"]
    wb["表三"].cell(r, c).value = "五件"
    wb["表三"].cell(r + 1, c).value = "/"
    wb["表二"]["A1"].value = "二、主动公开"
    wb.save(str(path))
    done = run_kit("--parameters", store.root, "import", path)
    assert done.returncode == 1
    out = done.stdout
    ref = f"{chr(64 + c)}{r}"
    assert f"表三!{ref}（表三、收到和处理政府信息公开申请情况 › 一、本年新收政府信息公开申请数量 › 申请人情况 自然人）：应为数字，实为 “五件”" in out
    assert f"表三!{chr(64 + c)}{r + 1}" in out and "不能填写 “/”" in out
    assert "表二!A1：标签应为“二、主动公开政府信息情况”" in out
    assert not store.year_file(town.ref, 2021).exists()  # nothing half-done


def test_what_does_not_add_up_is_named_with_its_cell(store: Store, town: Body, tmp_path: Path) -> None:
    typed = full_report(town, 2021)
    typed.cells["applications.carry_forward.natural"] = 7
    path = template_for(store, town, 2021, tmp_path)
    fill(path, typed)
    read = read_workbook(store, path)
    assert not read.problems
    balance = [f for f in read.findings if f.rule == "balance"]
    assert balance and balance[0].printed.startswith("表三!")


def test_not_a_form(store: Store, tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "别的表.xlsx"
    Workbook().save(str(path))
    done = run_kit("--parameters", store.root, "import", path)
    assert done.returncode == 1 and "不是本工具生成的填报表" in done.stdout
    broken = tmp_path / "坏的.xlsx"
    broken.write_bytes(b"not a zip")
    done = run_kit("--parameters", store.root, "import", broken)
    assert done.returncode == 1 and "无法读取 Excel 文件 坏的.xlsx" in done.stdout


def test_one_workbook_per_body_of_a_county(store: Store, builder, tmp_path: Path) -> None:
    builder.body(name="甲镇")
    builder.body(name="乙乡", level="乡")
    done = run_kit("--parameters", store.root, "template", "示例县", 2025, "-o", tmp_path / "forms")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "forms" / "示例县").iterdir()) == ["乙乡2025年填报表.xlsx", "甲镇2025年填报表.xlsx"]


@pytest.mark.slow
def test_a_workbook_saved_again_by_libreoffice(store: Store, town: Body, tmp_path: Path) -> None:
    """Recalculated and saved by LibreOffice headless (as WPS or LibreOffice would hand it back)."""
    from kit.doccheck.reading_office import convert

    typed = full_report(town, 2021)
    path = template_for(store, town, 2021, tmp_path)
    fill(path, typed)
    saved = convert(path, "xlsx:Calc MS Excel 2007 XML", tmp_path / "again")
    wb = load_workbook(str(saved), data_only=True)
    tr, tc = table_layout(typed.spec.table("applications")).cells["applications.new.total"]
    assert wb["表三"].cell(tr, tc).value == 8  # LibreOffice computed the formula
    read = read_workbook(store, saved)
    assert read.problems == []
    assert read.report is not None and dump_year(read.report) == dump_year(typed)
