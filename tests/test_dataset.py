"""The figures as a pandas frame: shape, dtypes, values, labels as printed, round trip, CSV/Excel.

Stores are built in tmp_path (conftest.Builder); the demo county is copied into tmp_path before
it is read. Nothing here needs a kernel.
"""

from __future__ import annotations

import io
import math
import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from conftest import COUNTY, ROOT, Builder, run_kit

from kit.cli.main import main
from kit.data.frame import COLUMNS, FIGURES_TABLE, csv_bytes, load_frame, parse_years, values_from_frame, xlsx_bytes
from kit.errors import KitError, PathError
from kit.figures import resolve_cells
from kit.report import BodyRef, YearReport
from kit.spec import load_spec
from kit.store import Store

DEMO = ROOT / "parameters" / "青禾县"


def expected_rows(report: YearReport) -> int:
    """One row per cell of the spec, one per scalar figure, one per breakdown item."""
    spec = report.spec
    scalar = sum(1 for f in spec.figures if f.kind != "breakdown")
    items = sum(len(report.figures.get(f.id) or []) for f in spec.figures if f.kind == "breakdown")
    return len(list(spec.cells())) + scalar + items


def typed(report: YearReport) -> dict:
    """The cells as the file holds them (a key absent and a key left blank are the same: None)."""
    return {k: v for k, v in report.cells.items() if v is not None}


@pytest.fixture
def county(builder: Builder) -> dict[str, dict[int, YearReport]]:
    """甲镇 2019–2022 (both editions, chained) and 乙街道 2021–2022."""
    town = builder.body()
    street = builder.body(name="乙街道", level="街道")
    return {"甲镇": builder.chain(town, range(2019, 2023)), "乙街道": builder.chain(street, range(2021, 2023))}


def all_reports(county: dict[str, dict[int, YearReport]]) -> list[YearReport]:
    return [r for years in county.values() for r in years.values()]


# ---------------------------------------------------------------------------------------------
# shape, dtypes, values


def test_frame_has_the_documented_columns_and_dtypes(store: Store, county) -> None:
    frame = load_frame(store)
    assert tuple(frame.columns) == COLUMNS
    assert frame["year"].dtype == "int64"
    assert frame["value"].dtype == "float64"
    assert frame["computed"].dtype == "bool"
    for name in ("body", "county", "level", "edition", "table", "row", "column", "key", "table_label", "row_label", "column_label"):
        assert pd.api.types.is_string_dtype(frame[name]), name


def test_frame_has_one_row_per_cell_and_figure(store: Store, county) -> None:
    frame = load_frame(store)
    reports = all_reports(county)
    assert len(frame) == sum(expected_rows(r) for r in reports)
    per_report = frame.groupby(["body", "year"]).size()
    for r in reports:
        assert per_report[(r.body.ref.body, r.year)] == expected_rows(r)
    assert set(frame["body"]) == {"甲镇", "乙街道"}
    assert set(frame["county"]) == {COUNTY}
    assert sorted(set(frame["year"])) == [2019, 2020, 2021, 2022]
    assert set(frame[frame.year <= 2020]["edition"]) == {"gov2019"}
    assert set(frame[frame.year >= 2021]["edition"]) == {"gov2021"}


def test_frame_values_equal_the_parameters_and_computed_totals(store: Store, county) -> None:
    frame = load_frame(store)
    for r in all_reports(county):
        mine = frame[(frame.body == r.body.ref.body) & (frame.year == r.year)]
        values = resolve_cells(r.spec, r)
        cells = mine[mine.table != FIGURES_TABLE]
        assert dict(zip(cells["table"] + "." + cells["row"] + "." + cells["column"], cells["value"], strict=True)) == {k: float(v) for k, v in values.items()}
        computed = set(cells[cells.computed]["key"])
        assert computed == {f"tables.{c.key}" for c in r.spec.cells() if c.computed}
        figures = mine[(mine.table == FIGURES_TABLE) & (mine.column == "value")]
        assert dict(zip(figures["row"], figures["value"], strict=True)) == {f.id: float(r.figures[f.id]) for f in r.spec.figures if f.kind != "breakdown"}


def test_a_county_total_is_one_filter_and_a_sum(store: Store, county) -> None:
    frame = load_frame(store)
    new = frame[(frame.table == "applications") & (frame.row == "new") & (frame.column == "total")]
    by_year = new.groupby("year")["value"].sum()
    for year in (2021, 2022):
        assert by_year[year] == sum(float(resolve_cells(y[year].spec, y[year])["applications.new.total"]) for y in county.values())


def test_labels_are_printed_as_in_the_format(store: Store, county) -> None:
    frame = load_frame(store, "示例县/甲镇", 2021).set_index("key")
    row = frame.loc["tables.applications.withheld_secret.business"]
    assert row["table_label"] == "三、收到和处理政府信息公开申请情况"
    assert row["row_label"] == "三、本年度办理结果 （三）不予公开 1.属于国家秘密"
    assert row["column_label"] == "申请人情况 法人或其他组织 商业企业"
    assert row["unit"] == "件"
    fees = frame.loc["tables.proactive.fees.amount"]
    assert (fees["block_label"], fees["row_label"], fees["unit"]) == ("第二十条第（八）项", "行政事业性收费", "万元")
    assert frame.loc["tables.applications.outcome_total.total", "computed"]
    assert frame.loc["figures.proactive_total", "row_label"] == "本年主动公开政府信息总数"
    assert frame.loc["figures.proactive_breakdown.工作动态", "value"] == 60
    # every label comes from the spec
    spec = load_spec("gov2021")
    for cell in spec.cells():
        assert frame.loc[f"tables.{cell.key}", "row_label"] == cell.row.printed
        assert frame.loc[f"tables.{cell.key}", "column_label"] == " ".join(cell.column.path)


def test_a_blank_is_nan_not_zero_and_its_total_is_unknown(builder: Builder) -> None:
    town = builder.body()
    builder.year(town, 2021, cells={"applications.new.natural": None})
    frame = load_frame(builder.store).set_index("key")
    assert math.isnan(frame.loc["tables.applications.new.natural", "value"])
    assert math.isnan(frame.loc["tables.applications.new.total", "value"])
    assert frame.loc["tables.applications.new.business", "value"] == 2


def test_money_keeps_its_decimals(builder: Builder) -> None:
    town = builder.body()
    builder.year(town, 2021, cells={"proactive.fees.amount": Decimal("12.3456")}, figures={"fee_collected": Decimal("0.5")})
    frame = load_frame(builder.store)
    values = values_from_frame(frame)[(BodyRef(COUNTY, "甲镇"), 2021)]
    assert values.cells["proactive.fees.amount"] == Decimal("12.3456")
    assert values.figures["fee_collected"] == Decimal("0.5")
    assert "12.3456" in csv_bytes(frame).decode("utf-8-sig")


def test_legacy_reports_are_figures_only(seed_store: Store) -> None:
    frame = load_frame(seed_store)
    assert set(frame["table"]) == {FIGURES_TABLE}
    assert set(frame["edition"]) == {"legacy2008"}
    items = frame[frame.row == "proactive_breakdown"]
    assert list(items["column"]) == ["公示公告", "微信公众号"]
    assert list(items["value"]) == [28, 2]


# ---------------------------------------------------------------------------------------------
# round trip


def test_round_trip_the_frame_equals_the_parameters(store: Store, county) -> None:
    values = values_from_frame(load_frame(store))
    reports = all_reports(county)
    assert set(values) == {(r.body.ref, r.year) for r in reports}
    for r in reports:
        got = values[(r.body.ref, r.year)]
        assert got.edition == r.edition
        assert typed_values(got.cells) == typed(r)
        assert got.figures == r.figures


def typed_values(cells: dict) -> dict:
    return {k: v for k, v in cells.items() if v is not None}


def test_round_trip_through_csv_and_excel(store: Store, county) -> None:
    frame = load_frame(store)
    expected = values_from_frame(frame)
    data = csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")  # utf-8-sig: Excel opens the Chinese correctly
    assert values_from_frame(pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")) == expected
    assert values_from_frame(pd.read_excel(io.BytesIO(xlsx_bytes(frame)), sheet_name="数据")) == expected


def test_round_trip_refuses_a_value_its_cell_cannot_hold(store: Store, county) -> None:
    frame = load_frame(store, "示例县/甲镇", 2021)
    frame.loc[frame.key == "tables.applications.new.natural", "value"] = 2.5
    with pytest.raises(KitError, match=r"示例县/甲镇 2021年 tables.applications.new.natural：应为整数"):
        values_from_frame(frame)


def test_round_trip_of_the_seed(seed_store: Store) -> None:
    report = seed_store.load_year(BodyRef.parse("微山县/驩城镇"), 2018)
    got = values_from_frame(load_frame(seed_store))[(report.body.ref, 2018)]
    assert got.figures == report.figures
    assert got.cells == {}


# ---------------------------------------------------------------------------------------------
# selecting bodies and years


def test_selection_by_county_body_and_years(store: Store, county) -> None:
    only_town = load_frame(store, "示例县/甲镇", years="2020-2021")
    assert set(only_town["body"]) == {"甲镇"} and sorted(set(only_town["year"])) == [2020, 2021]
    both = load_frame(store, [COUNTY], years=[2022])
    assert set(both["body"]) == {"甲镇", "乙街道"} and set(both["year"]) == {2022}
    assert len(load_frame(store.root, BodyRef(COUNTY, "乙街道"))) == len(load_frame(store, "示例县/乙街道"))
    assert load_frame(store, years=2030).empty


def test_unknown_names_are_refused_with_a_hint(store: Store, county) -> None:
    with pytest.raises(PathError, match="您是不是要写 “甲镇”"):
        load_frame(store, "示例县/甲真")
    with pytest.raises(PathError, match="没有 “某县”"):
        load_frame(store, "某县")


def test_parse_years() -> None:
    assert parse_years("2019-2021") == [2019, 2020, 2021]
    assert parse_years("2018, 2020-2021") == [2018, 2020, 2021]
    assert parse_years("2021") == [2021]
    with pytest.raises(KitError, match="年份写法不对"):
        parse_years("21年")
    with pytest.raises(KitError, match="前大后小"):
        parse_years("2022-2019")


def test_an_unreadable_file_is_named_or_skipped(store: Store, county) -> None:
    bad = store.year_file(BodyRef(COUNTY, "乙街道"), 2022)
    bad.write_text("edition: gov2021\ntables:\n  applications:\n    new: {natural: 很多}\n", encoding="utf-8")
    with pytest.raises(KitError, match=r"1 个文件未能读取(.|\n)*乙街道(.|\n)*很多"):
        load_frame(store)
    frame = load_frame(store, errors="skip")
    assert not ((frame.body == "乙街道") & (frame.year == 2022)).any()
    assert [Path(p).name for p, _ in frame.attrs["skipped"]] == ["2022.yaml"]


# ---------------------------------------------------------------------------------------------
# kit export-data


def test_export_data_writes_csv_and_excel(store: Store, county, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    code = main(["--parameters", str(store.root), "export-data", COUNTY, "--years", "2019-2022", "--to", "csv,xlsx", "--out", str(out)])
    assert code == 0, capsys.readouterr()
    printed = capsys.readouterr().out
    csv, xlsx = out / f"{COUNTY}_2019-2022.csv", out / f"{COUNTY}_2019-2022.xlsx"
    assert csv.is_file() and xlsx.is_file()
    assert "2 个主体、6 份年度报告" in printed
    frame = load_frame(store)
    assert csv.read_bytes() == csv_bytes(frame)
    header = csv.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == ",".join(COLUMNS)
    from openpyxl import load_workbook

    book = load_workbook(xlsx, read_only=True)
    assert book.sheetnames == ["数据", "字段说明"]
    assert [c.value for c in next(book["数据"].iter_rows(max_row=1))] == list(COLUMNS)
    assert not list(out.glob(".*.tmp"))  # atomic writes leave no temporary files


def test_export_data_usage_errors(store: Store, county, tmp_path: Path, capsys) -> None:
    assert main(["--parameters", str(store.root), "export-data", "--to", "pdf", "--out", str(tmp_path)]) == 2
    assert "--to 只能是 csv,xlsx" in capsys.readouterr().err
    assert main(["--parameters", str(store.root), "export-data", "无此县", "--out", str(tmp_path)]) == 1
    assert "没有 “无此县”" in capsys.readouterr().err
    assert main(["--parameters", str(store.root), "export-data", "--years", "二〇二一", "--out", str(tmp_path)]) == 1
    assert "年份写法不对" in capsys.readouterr().err


def test_export_data_console_script(store: Store, county, tmp_path: Path) -> None:
    run = run_kit("--parameters", store.root, "export-data", "示例县/甲镇", "--to", "csv", "--out", tmp_path / "o", "--name", "甲镇")
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "o" / "甲镇.csv").is_file()
    assert not (tmp_path / "o" / "甲镇.xlsx").exists()


# ---------------------------------------------------------------------------------------------
# the demo county


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Store:
    if not DEMO.is_dir():
        pytest.skip("the demo county (parameters/青禾县) is not there")
    root = tmp_path_factory.mktemp("demo") / "parameters"
    shutil.copytree(DEMO, root / DEMO.name)
    return Store(root)


def test_demo_county_loads_in_one_call(demo: Store) -> None:
    frame = load_frame(demo, "青禾县", years="2019-2025")
    refs = demo.bodies("青禾县")
    assert len(refs) == 12
    assert frame.groupby("year")["body"].nunique().to_dict() == dict.fromkeys(range(2019, 2026), 12)
    assert frame.shape == (len(frame), len(COLUMNS))
    # rows: every cell of the edition's spec, every scalar figure, every breakdown item of each report
    spec_rows = {e: len(list(load_spec(e).cells())) + sum(1 for f in load_spec(e).figures if f.kind != "breakdown") for e in ("gov2019", "gov2021")}
    per_report = frame.groupby(["body", "year", "edition"]).size()
    items = frame[frame.row == "proactive_breakdown"].groupby(["body", "year", "edition"]).size()
    for (body, year, edition), n in per_report.items():
        assert n == spec_rows[edition] + items.get((body, year, edition), 0), (body, year)
    # values: the first and last year of every body, read independently, equal the frame's
    values = values_from_frame(frame)
    for ref in refs:
        for year in (2019, 2025):
            report = demo.load_year(ref, year)
            assert typed_values(values[(ref, year)].cells) == typed(report)
            assert values[(ref, year)].figures == report.figures
