"""The parameter files: round trips, `kit new`, the catalogue of bad input, and path escapes."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SEED, Builder, full_report, input_keys, make_body
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kit import yamlio
from kit.errors import KitError, ParameterError, PathError
from kit.report import BodyRef, BreakdownItem, YearReport, check_name
from kit.spec import load_spec
from kit.store import Store
from kit.store.yearfile import dump_body, dump_year, parse_body, parse_year
from kit.validation import validate
from kit.values import MAX_COUNT

# ---------------------------------------------------------------------------------------------
# round trips


def reparse(report: YearReport, text: str | None = None) -> YearReport:
    text = dump_year(report) if text is None else text
    data = yamlio.load_yaml_text(text, "round-trip.yaml")
    return parse_year(report.body, report.year, data, Path("round-trip.yaml"))


def same(a: YearReport, b: YearReport) -> None:
    assert b.edition == a.edition
    assert {k: v for k, v in b.cells.items() if v is not None} == {k: v for k, v in a.cells.items() if v is not None}
    assert b.figures == a.figures
    assert {k: v for k, v in b.prose.items() if v is not None} == {k: v for k, v in a.prose.items() if v is not None}
    assert b.titles == a.titles
    assert b.run_in == a.run_in
    assert b.acknowledged == a.acknowledged


@pytest.mark.parametrize("year", [2018, 2019, 2020, 2021, 2025])
def test_round_trip_complete_report(year: int) -> None:
    report = full_report(make_body(), year)
    again = reparse(report)
    same(report, again)
    assert dump_year(again) == dump_year(report), "dumping is stable"


def test_round_trip_is_byte_identical_for_the_seed(seed_store: Store) -> None:
    ref = BodyRef("微山县", "驩城镇")
    report = seed_store.load_year(ref, 2018)
    assert dump_year(report) == (SEED / "2018.yaml").read_text(encoding="utf-8")
    assert dump_body(report.body) == (SEED / "body.yaml").read_text(encoding="utf-8")
    assert report.titles["tasks"].startswith("《微山县人民政府办公室关于分解2018年政务公开工作任务的通知》")
    assert report.run_in == ["proactive"]


def test_files_are_commented_and_leave_totals_out() -> None:
    text = dump_year(full_report(make_body(), 2021))
    assert "      natural: 5  # 申请人情况 › 自然人（件）" in text
    assert "    withheld_security:  # 三、本年度办理结果 （三）不予公开 3.危及“三安全一稳定”" in text
    assert "  fee_collected: 0  # 实际收取信息处理费总金额（元）" in text
    assert not re.search(r"^\s+(total|review_total|direct_total|after_total):", text, re.M), "computed totals are not written"

    def keys(node) -> list[str]:
        if isinstance(node, dict):
            return [str(k) for k in node] + [k for v in node.values() for k in keys(v)]
        return [k for v in node for k in keys(v)] if isinstance(node, list) else []

    data = yamlio.load_yaml_text(text, "x.yaml")
    assert len(keys(data)) > 150
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", k) for k in keys(data) if k not in {"name", "count"}), "stable ASCII keys"
    comments = [line for line in text.split("\n") if re.match(r"^\s+[a-z_]+:.*  # ", line)]
    assert len(comments) > 150, "every key carries a Chinese comment"
    body = dump_body(make_body())
    assert "full_name: 示例县甲镇人民政府  # 全称（与公章一致）" in body
    assert 'postcode: "000000"  # 邮编' in body


def test_body_round_trip(tmp_path: Path) -> None:
    body = make_body(renamed_in=(2020, 2022), note="由原两镇合并: 2020年", email=None)
    data = yamlio.load_yaml_text(dump_body(body), "body.yaml")
    assert parse_body(body.ref, data, tmp_path / "body.yaml") == body


TRICKY = [
        "",
        " leading space",
        "trailing space ",
        "\n\nleading newlines",
        "line one\nline two\n",
        "  indented\n  block",
        "${year}年 ${figures.proactive_total} $${literal}",
        "{{ jinja }} {% raw %}",
        "<script>alert('x')</script> & &amp;",
        '"quoted" \'single\' `back`',
        "key: value # not a comment",
        "- not a list",
        "? not a key",
        "null",
        "~",
        "true",
        "no",
        "0x1F",
        "1_000",
        "+.inf",
        "-.inf",
        ".nan",
        "0o17",
        "2021-01-01",
        "2021-01-01 12:00:00",
        "1e5",
        "010",
        "@at",
        "%percent",
        "!tag",
        "&anchor",
        "*alias",
        "|literal",
        ">folded",
        "#hash",
        "tab\there",
        "cr\rlf\r\n",
        "nul\x00bell\x07esc\x1b",
        "nel\x85ls\u2028ps\u2029bom\ufeff",
        "non-BMP 𠀀𝕏🙂",
        "全角　空格",
        "...",
        "---",
        "a:\n b",
]
PROSE_TEXT = st.text(max_size=200) | st.sampled_from(TRICKY)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prose=st.dictionaries(st.sampled_from(["proactive", "requests", "problems", "plans", "opening"]), PROSE_TEXT | st.none()))
def test_round_trip_any_prose(prose: dict[str, str | None]) -> None:
    """Prose is written the same way in every edition; the free-form one keeps the file short."""
    report = full_report(make_body(), 2018)
    report.prose.update(prose)
    same(report, reparse(report))


@pytest.mark.parametrize("text", TRICKY)
def test_round_trip_prose_gov2021(text: str) -> None:
    report = full_report(make_body(), 2021)
    report.prose["problems"] = text
    report.prose["other"] = text + "\n" + text
    same(report, reparse(report))


@settings(max_examples=100, deadline=None)
@given(
    title=PROSE_TEXT.map(str.strip).filter(bool),
    reason=PROSE_TEXT.map(str.strip).filter(bool),
    ack_id=PROSE_TEXT.filter(lambda s: s.strip() == s and s),
    opening=PROSE_TEXT,
    name=PROSE_TEXT.map(str.strip).filter(bool),
)
def test_round_trip_free_form_titles_and_acknowledgements(title: str, reason: str, ack_id: str, opening: str, name: str) -> None:
    report = full_report(make_body(), 2018)
    report.titles["tasks"] = title
    report.prose["opening"] = opening
    report.acknowledged[ack_id] = reason
    report.figures["proactive_breakdown"] = [BreakdownItem(name, 3), BreakdownItem("其他", None)]
    same(report, reparse(report))


COUNT = st.integers(0, MAX_COUNT) | st.none()
MONEY = st.decimals(0, MAX_COUNT, places=4, allow_nan=False, allow_infinity=False) | st.integers(0, MAX_COUNT) | st.none()
DELTA = st.integers(-MAX_COUNT, MAX_COUNT) | st.none()


@st.composite
def cells(draw, edition: str) -> dict:
    spec = load_spec(edition)
    kinds = {c.key: c.column.kind for c in spec.cells() if not c.computed}
    strategy = {"count": COUNT, "money": MONEY, "delta": DELTA}
    return {k: draw(strategy[kind]) for k, kind in kinds.items()}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), edition=st.sampled_from(["gov2021", "gov2019"]))
def test_round_trip_any_cell_values(data, edition: str) -> None:
    year = 2021 if edition == "gov2021" else 2019
    report = full_report(make_body(), year)
    report.cells = data.draw(cells(edition))
    report.figures["proactive_total"] = data.draw(COUNT)
    report.figures["fee_notified"] = data.draw(MONEY)
    again = reparse(report)
    same(report, again)
    assert set(again.cells) == set(report.cells), "blank cells are written as blank keys, not dropped"
    validate(again)  # never raises, whatever the values


# ---------------------------------------------------------------------------------------------
# kit new: a blank file from the spec, carrying last year forward


def test_new_first_year_is_blank(builder: Builder, town) -> None:
    report = builder.store.new_year(town.ref, 2021)
    assert report.file == builder.store.year_file(town.ref, 2021)
    loaded = builder.store.load_year(town.ref, 2021)
    assert loaded.edition == "gov2021"
    assert set(loaded.cells) == set(input_keys(loaded.spec))
    assert all(v is None for v in loaded.cells.values()), "the kit never fills in zeros"
    text = loaded.file.read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert "edition: gov2021  # 格式版本：2021年版格式" in text
    assert "      natural:  # 申请人情况 › 自然人（件）" in text
    findings = validate(loaded)
    assert findings and {f.rule for f in findings} <= {"blank"}
    assert any(f.message == "整行未填写（没有发生请填 0）" and f.key == "tables.applications.new" for f in findings)


def test_new_carries_last_years_carry_forward(builder: Builder, town) -> None:
    builder.year(town, 2021, cells={"applications.carry_forward.business": 2, "applications.new.business": 4})
    builder.store.new_year(town.ref, 2022)
    new = builder.store.load_year(town.ref, 2022)
    carried = {k: v for k, v in new.cells.items() if v is not None}
    assert carried == {
        "applications.carried.natural": 1,
        "applications.carried.business": 2,
        "applications.carried.research": 0,
        "applications.carried.nonprofit": 0,
        "applications.carried.legal": 0,
        "applications.carried.other": 0,
    }
    assert "carry_over" not in {f.rule for f in validate(new, builder.store.load_year(town.ref, 2021))}


def test_new_gov2019_carries_item_counts(builder: Builder, town) -> None:
    builder.year(town, 2019)
    builder.store.new_year(town.ref, 2020)
    new = builder.store.load_year(town.ref, 2020)
    assert new.edition == "gov2019"
    filled = {k: v for k, v in new.cells.items() if v is not None}
    assert filled["proactive.licensing.items_last_year"] == 21
    assert filled["proactive.penalty.items_last_year"] == 7
    assert filled["proactive.fees.items_last_year"] == 2
    assert filled["applications.carried.natural"] == 1
    assert "proactive.licensing.items_change" not in filled and "proactive.licensing.decisions" not in filled


def test_new_across_editions(builder: Builder, town) -> None:
    builder.chain(town, [2018, 2019, 2020])
    builder.store.new_year(town.ref, 2021)
    new = builder.store.load_year(town.ref, 2021)
    assert new.edition == "gov2021"
    assert {k for k, v in new.cells.items() if v is not None} == {f"applications.carried.{c}" for c in ("natural", "business", "research", "nonprofit", "legal", "other")}
    (builder.store.year_file(town.ref, 2019)).unlink()
    builder.store.new_year(town.ref, 2019)
    assert all(v is None for v in builder.store.load_year(town.ref, 2019).cells.values()), "nothing carries from a free-form year"


def test_new_skips_blank_carry_forward(builder: Builder, town) -> None:
    builder.year(town, 2021, cells={"applications.carry_forward.legal": None})
    builder.store.new_year(town.ref, 2022)
    new = builder.store.load_year(town.ref, 2022)
    assert new.cells["applications.carried.legal"] is None
    assert new.cells["applications.carried.natural"] == 1


def test_new_refuses_to_overwrite(builder: Builder, town, gov2021: YearReport) -> None:
    before = gov2021.file.read_bytes()  # type: ignore[union-attr]
    with pytest.raises(KitError, match="已存在，不会覆盖"):
        builder.store.new_year(town.ref, 2021)
    assert gov2021.file.read_bytes() == before  # type: ignore[union-attr]


def test_new_for_an_unknown_body(store: Store) -> None:
    with pytest.raises(PathError, match=r"找不到文件 .*示例县/无此镇/body\.yaml"):
        store.new_year(BodyRef("示例县", "无此镇"), 2021)
    with pytest.raises(PathError, match="年份 1800 不合理"):
        store.year_file(BodyRef("示例县", "无此镇"), 1800)


# ---------------------------------------------------------------------------------------------
# the catalogue of bad input: each meets a clear error naming file, key, line and value


NEW_NATURAL = "      natural: 5  # 申请人情况 › 自然人（件）"  # the first occurrence is under tables.applications.new


def write_variant(report: YearReport, old: str, new: str, *, count: int = 1) -> Path:
    assert report.file is not None
    text = report.file.read_text(encoding="utf-8")
    assert old in text, old
    report.file.write_text(text.replace(old, new, count), encoding="utf-8")
    return report.file


def load_error(store: Store, report: YearReport) -> ParameterError:
    file = report.file
    assert file is not None
    before = file.read_bytes()
    with pytest.raises(ParameterError) as exc:
        store.load_year(report.body.ref, report.year)
    assert file.read_bytes() == before, "loading never changes the file"
    return exc.value


def line_number(file: Path, needle: str) -> int:
    return next(i for i, line in enumerate(file.read_text(encoding="utf-8").split("\n"), 1) if needle in line)


CELL = "三、收到和处理政府信息公开申请情况 › 一、本年新收政府信息公开申请数量 › 申请人情况 自然人"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-1", f"{CELL}：不能为负数，实为 -1"),
        ("2.5", f"{CELL}：应为整数（件数不能有小数），实为 2.5"),
        ("1000000000", f"{CELL}：数值过大（1000000000），请核对是否多写了位数"),  # a 件 cell: no 元/万元 hint
        ("五", f"{CELL}：应为数字，实为 “五”"),
        ("5件", f"{CELL}：应为数字，实为 “5件”"),
        ("/", f"{CELL}：不能填写 “/”：没有发生请填 0，不要留空或填“/”"),
        ('"/"', f"{CELL}：不能填写 “/”"),
        ("true", f"{CELL}：应为数字，实为 True"),
        ("[5]", f"{CELL}：应为数字，实为列表 [5]"),
        ("{a: 5}", f"{CELL}：应为数字，实为 “键: 值” 形式的内容 {{'a': 5}}"),
        ("2021-01-01", f"{CELL}：应为数字，实为 date"),
    ],
)
def test_bad_cell_values(store: Store, gov2021: YearReport, typed: str, message: str) -> None:
    file = write_variant(gov2021, NEW_NATURAL, f"      natural: {typed}  # 申请人情况 › 自然人（件）")
    exc = load_error(store, gov2021)
    (f,) = exc.findings
    assert f.message.startswith(message), f.message
    assert f.key == "tables.applications.new.natural"
    assert f.file == file
    assert f.line == line_number(file, f"natural: {typed}")
    text = str(exc)
    assert text.startswith(f"参数文件 {file} 有问题，未能读取：")
    assert f"（文件 {file} 第{f.line}行，键 tables.applications.new.natural）" in text


def test_money_cell_accepts_decimals_and_refuses_too_many(store: Store, gov2021: YearReport) -> None:
    write_variant(gov2021, "      amount: 0.35", "      amount: 0.12345")
    (f,) = load_error(store, gov2021).findings
    assert f.message == "二、主动公开政府信息情况 › 第二十条第（八）项 › 行政事业性收费 › 本年收费金额（单位：万元）：小数位数过多（0.12345），最多保留4位"
    assert f.key == "tables.proactive.fees.amount"


def test_negative_delta_is_fine(store: Store, gov2019: YearReport) -> None:
    assert gov2019.cells["proactive.penalty.items_change"] == -1
    write_variant(gov2019, "      items_change: -1", "      items_change: －2")
    assert store.load_year(gov2019.body.ref, 2019).cells["proactive.penalty.items_change"] == -2


def test_huge_number_beyond_python_limits(store: Store, gov2021: YearReport) -> None:
    file = write_variant(gov2021, NEW_NATURAL, "      natural: " + "9" * 5000)
    before = file.read_bytes()
    with pytest.raises(KitError) as exc:
        store.load_year(gov2021.body.ref, 2021)
    assert str(exc.value) == f"文件 {file} 第{line_number(file, '9' * 100)}行中有无法读取的值（数字位数过多），请核对后重试"
    assert file.read_bytes() == before


def test_full_width_digits_accepted_and_written_back_ascii(store: Store, gov2021: YearReport) -> None:
    write_variant(gov2021, NEW_NATURAL, "      natural: １２")
    write_variant(gov2021, "      legal: 1", "      legal: ＋１")
    report = store.load_year(gov2021.body.ref, 2021)
    assert report.cells["applications.new.natural"] == 12
    assert report.cells["applications.new.legal"] == 1
    store.save_year(report)
    text = report.file.read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert "      natural: 12  # 申请人情况 › 自然人（件）" in text
    assert "１" not in text and "＋" not in text


def test_unknown_keys_with_did_you_mean(store: Store, gov2021: YearReport) -> None:
    file = write_variant(gov2021, NEW_NATURAL, "      natual: 5")
    write_variant(gov2021, "    carried:  #", "    carryed:  #")
    write_variant(gov2021, "tables:\n", "tabels:\n")
    exc = load_error(store, gov2021)
    assert [(f.key, f.message) for f in exc.findings] == [("tabels", "不认识的顶层键 “tabels”，您是不是要写 “tables”？")]
    write_variant(gov2021, "tabels:\n", "tables:\n")
    exc = load_error(store, gov2021)
    assert [(f.key, f.message, f.line) for f in exc.findings] == [
        ("tables.applications.new.natual", "不认识的“一、本年新收政府信息公开申请数量”的列 “natual”，您是不是要写 “natural”？", line_number(file, "natual:")),
        ("tables.applications.carryed", "不认识的三、收到和处理政府信息公开申请情况的行 “carryed”，您是不是要写 “carried”？", line_number(file, "carryed:")),
    ]


def test_unknown_figure_prose_and_table(store: Store, gov2021: YearReport) -> None:
    write_variant(gov2021, "  proactive_total: 120", "  proactive_totl: 120")
    write_variant(gov2021, "  problems: |-", "  problem: |-")
    write_variant(gov2021, "  review_litigation:  #", "  review_litigaton:  #")
    messages = [f.message for f in load_error(store, gov2021).findings]
    assert messages == [
        "不认识的数字 “proactive_totl”，您是不是要写 “proactive_total”？",
        "不认识的表格 “review_litigaton”，您是不是要写 “review_litigation”？",
        "不认识的正文部分 “problem”，您是不是要写 “problems”？",
    ]


def test_unknown_key_without_a_close_match_lists_the_known(store: Store, gov2021: YearReport) -> None:
    write_variant(gov2021, "edition: gov2021", "edition: gov2021\nzzz: 1")
    (f,) = load_error(store, gov2021).findings
    assert f.message == "不认识的顶层键 “zzz”；可用的顶层键：edition、date、figures、tables、prose、titles、run_in、acknowledged"


def test_edition_missing_or_wrong(store: Store, gov2021: YearReport) -> None:
    write_variant(gov2021, "edition: gov2021", "edition: gov2012")
    (f,) = load_error(store, gov2021).findings
    assert (f.key, f.message) == ("edition", "不认识的格式版本 “gov2012”，您是不是要写 “gov2021”？")
    write_variant(gov2021, "edition: gov2012", "edition:")
    (f,) = load_error(store, gov2021).findings
    assert f.message == "缺少 edition（格式版本）（2021年应为 gov2021）"


@pytest.mark.parametrize(
    ("old", "new", "key", "message"),
    [
        ("    new:  # 一、本年新收政府信息公开申请数量\n", "    new: 5\n    nothing:\n", "tables.applications.new", "应为 “键: 值” 的形式，实为 5"),
        ("  proactive_total: 120", "  proactive_total: [120]", "figures.proactive_total", "本年主动公开政府信息总数：应为数字，实为列表 [120]"),
        ("  other: 本年度", "  other:\n    a: 本年度", "prose.other", "应为文字，实为"),
        ("  problems: |-", "  problems: 2021\n  x: |-", "prose.problems", "应为文字，实为 2021"),
        ('    - {name: "工作动态", count: 60}', '    - {name: "工作动态", count: 六十}', "figures.proactive_breakdown[0]", "“工作动态”：应为数字，实为 “六十”"),
        ('    - {name: "工作动态", count: 60}', "    - 工作动态60条", "figures.proactive_breakdown[0]", "应写作 {name: 类别, count: 条数}，实为 '工作动态60条'"),
        ("acknowledged:", "acknowledged: 已确认 #", "acknowledged", "应为列表，每项写作 {id: 提示编号, reason: 理由}"),
        ("acknowledged:", "acknowledged:\n  - id: breakdown_total@figures.proactive_breakdown\n    reason: ' '\n#", "acknowledged[0]", "每项应写作 {id: 提示编号, reason: 理由}，理由不能为空"),
        ("edition: gov2021", "edition: gov2021\ntitles: {overview: 概况}", "titles", "2021年版格式的标题是统一规定的，不能修改"),
    ],
)
def test_wrong_types(store: Store, gov2021: YearReport, old: str, new: str, key: str, message: str) -> None:
    write_variant(gov2021, old, new)
    findings = load_error(store, gov2021).findings
    f = next(f for f in findings if f.key == key)
    assert f.message.startswith(message), f.message
    assert f.file == gov2021.file


def test_every_problem_reported_at_once(store: Store, gov2021: YearReport) -> None:
    write_variant(gov2021, NEW_NATURAL, "      natural: -5")
    write_variant(gov2021, "      legal: 1", "      legal: 1.5")
    write_variant(gov2021, "  proactive_total: 120", "  proactive_total: 许多")
    write_variant(gov2021, "      review_upheld: 1", "      review_uphold: 1")
    keys = [f.key for f in load_error(store, gov2021).findings]
    assert keys == ["figures.proactive_total", "tables.applications.new.natural", "tables.applications.new.legal", "tables.review_litigation.cases.review_uphold"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "是空的：至少要写明 edition（格式版本）"),
        (b"# only a comment\n", "是空的：至少要写明 edition（格式版本）"),
        (b"- a\n- b\n", "的内容应为 “键: 值” 的形式，实为列表"),
        (b"just text\n", "的内容应为 “键: 值” 的形式，实为“just text”"),
        (b"edition: gov2021\ntables: {applications: {new: {natural: [5}}}\n", "第2行第"),
        (b"edition: gov2021\nprose:\n  other: a\n  other: b\n", "第4行第3列不是有效的 YAML：键重复（同一个键写了两次）"),
        (b"edition: gov2021\n  bad indent: 1\n", "不是有效的 YAML"),
        (b"edition: gov2021\nprose:\n  other: \x07\n", "不是有效的 YAML"),
        ("edition: gov2021\nprose:\n  other: 本年度未收取信息处理费\n".encode("gbk"), "不是 UTF-8 编码"),
    ],
)
def test_unreadable_files(store: Store, gov2021: YearReport, content: bytes, message: str) -> None:
    file = gov2021.file
    assert file is not None
    file.write_bytes(content)
    with pytest.raises(KitError) as exc:
        store.load_year(gov2021.body.ref, 2021)
    assert str(exc.value).startswith(f"文件 {file} "), str(exc.value)
    assert message in str(exc.value)
    assert file.read_bytes() == content, "nothing lost"


def test_byte_order_mark_is_fine(store: Store, gov2021: YearReport) -> None:
    file = gov2021.file
    assert file is not None
    file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes())
    report = store.load_year(gov2021.body.ref, 2021)
    same(gov2021, report)
    assert report.lines["tables.applications.new.natural"] == gov2021.lines["tables.applications.new.natural"]


def test_blank_cell_loads_as_a_draft(store: Store, gov2021: YearReport) -> None:
    write_variant(gov2021, NEW_NATURAL, "      natural:  # 申请人情况 › 自然人（件）")
    write_variant(gov2021, "      legal: 1", "      legal: ''")
    report = store.load_year(gov2021.body.ref, 2021)
    assert report.cells["applications.new.natural"] is None and report.cells["applications.new.legal"] is None
    assert [f.key for f in validate(report) if f.rule == "blank"] == ["tables.applications.new.natural", "tables.applications.new.legal"]


# body.yaml


def write_body(store: Store, ref: BodyRef, text: str) -> Path:
    file = store.body_dir(ref) / "body.yaml"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


def test_body_problems(store: Store) -> None:
    ref = BodyRef("示例县", "戊镇")
    file = write_body(store, ref, "name: 戊镇\nful_name: 示例县戊镇人民政府\nlevel: 镇政府\ncounty: 别的县\nfictional: 是\nrenamed_in: 2021年\n")
    with pytest.raises(ParameterError) as exc:
        store.load_body(ref)
    assert [(f.key, f.message, f.line) for f in exc.value.findings] == [
        ("ful_name", "不认识的字段 “ful_name”，您是不是要写 “full_name”？", 2),
        ("fictional", "应为 true 或 false，实为 '是'", 5),
        ("renamed_in", "应为年份列表，例如 [2021]，实为 '2021年'", 6),
        ("full_name", "缺少全称（与公章一致）（full_name）", None),
        ("level", "不认识的层级 “镇政府”，您是不是要写 “镇”？", 3),
        ("county", "所属县 “别的县” 应与上级文件夹名 “示例县” 一致", 4),
    ]
    assert str(exc.value).startswith(f"主体信息文件 {file} 有问题，未能读取：")


def test_body_name_must_match_folder(store: Store) -> None:
    ref = BodyRef("示例县", "戊镇")
    write_body(store, ref, "name: 己镇\nfull_name: 示例县己镇人民政府\nlevel: 镇\ncounty: 示例县\n")
    with pytest.raises(ParameterError, match="简称 “己镇” 应与文件夹名 “戊镇” 一致"):
        store.load_body(ref)


# ---------------------------------------------------------------------------------------------
# paths never leave parameters/


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("../etc", "不可用"),
        ("微山县/..", "不可用"),
        ("../../x", "应写作 “县/主体”"),
        ("微山县/../../etc", "应写作 “县/主体”"),
        ("/etc/passwd", "不能是绝对路径"),
        ("//etc/passwd", "不能是绝对路径"),
        ("~/x", "不能是绝对路径"),
        ("C:/Windows", "不能是绝对路径"),
        ("\\\\server\\share", "不能是绝对路径"),
        ("微山县/驩城\x00镇", "不可用"),
        ("微山县/驩城\\镇", "不可用"),
        ("微山县/.hidden", "不可用"),
        ("微山县/驩城镇/2018", "应写作 “县/主体”"),
        ("微山县", "应写作 “县/主体”"),
        ("微山县//驩城镇", "应写作 “县/主体”"),
        ("/", "不能是绝对路径"),
        ("", "应写作 “县/主体”"),
        ("微山县/驩城镇\n", None),
        ("微山县/驩城\n镇", "不可用"),
        ("微山县/ 驩城镇", "不可用"),
        ("微山县/" + "长" * 61, "不能超过60个字"),
    ],
)
def test_body_ref_refuses_escapes(text: str, message: str | None) -> None:
    if message is None:
        assert BodyRef.parse(text) == BodyRef("微山县", "驩城镇")
        return
    with pytest.raises(PathError) as exc:
        BodyRef.parse(text)
    assert message in str(exc.value)


@pytest.mark.parametrize("name", ["..", ".", "a/b", "a\\b", "a\x00b", "a\x7fb", ".git", " x", "x ", "", "  "])
def test_check_name_refuses(name: str) -> None:
    with pytest.raises(PathError):
        check_name(name, "主体")


def test_store_body_dir_refuses_escapes_even_without_parse(store: Store, tmp_path: Path) -> None:
    with pytest.raises(PathError, match="超出了参数文件夹"):
        store.body_dir(BodyRef("..", "outside"))
    with pytest.raises(PathError, match="超出了参数文件夹"):
        store.body_dir(BodyRef("示例县", "../../outside"))
    with pytest.raises(PathError, match="超出了参数文件夹"):
        store.body_dir(BodyRef("/tmp", "x"))
    outside = tmp_path / "outside"
    outside.mkdir()
    (store.root / "示例县").mkdir()
    (store.root / "示例县" / "链接").symlink_to(outside)
    with pytest.raises(PathError, match="超出了参数文件夹"):
        store.body_dir(BodyRef("示例县", "链接"))
    assert list(outside.iterdir()) == []


def test_a_report_never_saves_outside(store: Store, tmp_path: Path) -> None:
    body = dataclasses.replace(make_body(), ref=BodyRef("..", "escaped"))
    with pytest.raises(PathError):
        store.save_year(full_report(body, 2021))
    assert not (tmp_path / "escaped").exists()


def test_listing_ignores_hidden_and_stray_files(builder: Builder, town, gov2021: YearReport) -> None:
    store = builder.store
    (store.body_dir(town.ref) / "notes.txt").write_text("x", encoding="utf-8")
    (store.body_dir(town.ref) / "2021.yaml.bak").write_text("x", encoding="utf-8")
    (store.root / ".history").mkdir()
    assert store.years(town.ref) == [2021]
    assert store.counties() == ["示例县"]
    assert store.bodies() == [town.ref]
    assert store.bodies("示例县") == [town.ref]
    store.save_year(store.load_year(town.ref, 2021))  # leaves .history/ and .lock beside it
    assert store.years(town.ref) == [2021]


def test_decimal_and_int_money_compare_equal_after_round_trip() -> None:
    report = full_report(make_body(), 2019)
    report.cells["proactive.procurement.amount"] = Decimal("12")
    again = reparse(report)
    assert again.cells["proactive.procurement.amount"] == 12


# ---------------------------------------------------------------------------------------------
# the parse cache: a file read before comes back identical, without parsing


def fields(report: YearReport) -> dict:
    return {f.name: getattr(report, f.name) for f in dataclasses.fields(report)}


def test_cached_load_is_identical(store: Store, gov2021: YearReport, monkeypatch) -> None:
    ref = gov2021.body.ref
    fresh = store.load_year(ref, 2021)  # the fixture's load filled the cache already
    calls: list[str] = []
    real = yamlio.load_yaml_text
    monkeypatch.setattr(yamlio, "load_yaml_text", lambda *a, **k: calls.append("parsed") or real(*a, **k))
    cached = store.load_year(ref, 2021)
    assert calls == [], "answered from the cache"
    assert fields(cached) == fields(fresh)
    assert cached.lines == fresh.lines and len(cached.lines) > 100
    assert validate(cached) == validate(fresh) == []
    assert store.load_body(ref) == fresh.body
    assert store.load_body(ref).fictional is True, "booleans stay booleans"


def test_cache_follows_edits_and_survives_damage(store: Store, gov2021: YearReport, monkeypatch) -> None:
    write_variant(gov2021, NEW_NATURAL, "      natural: 6")
    assert store.load_year(gov2021.body.ref, 2021).cells["applications.new.natural"] == 6
    folder = yamlio.cache_dir()
    assert folder is not None
    for entry in folder.rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    assert store.load_year(gov2021.body.ref, 2021).cells["applications.new.natural"] == 6
    write_variant(gov2021, "      natural: 6", "      natural: -6")
    (f,) = load_error(store, gov2021).findings
    assert f.message.endswith("不能为负数，实为 -6") and f.line == line_number(gov2021.file, "natural: -6")  # type: ignore[arg-type]
    (f,) = load_error(store, gov2021).findings  # the second time from the cache: the same finding
    assert f.message.endswith("不能为负数，实为 -6") and f.line == line_number(gov2021.file, "natural: -6")  # type: ignore[arg-type]


def test_cache_off_or_unwritable(store: Store, gov2021: YearReport, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KIT_CACHE_DIR", "")
    assert yamlio.cache_dir() is None
    assert store.load_year(gov2021.body.ref, 2021).cells["applications.new.natural"] == 5
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("KIT_CACHE_DIR", str(blocked))
    assert store.load_year(gov2021.body.ref, 2021).cells["applications.new.natural"] == 5


def test_documents_that_are_not_plain_data_are_parsed_each_time(store: Store, gov2021: YearReport, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KIT_CACHE_DIR", str(tmp_path / "cache"))
    write_variant(gov2021, NEW_NATURAL, "      natural: 2021-01-01")
    for _ in range(2):
        (f,) = load_error(store, gov2021).findings
        assert f.message.endswith("应为数字，实为 date")
    year_digest = yamlio.digest(gov2021.file.read_bytes())  # type: ignore[union-attr]
    cached = [p.stem for p in (tmp_path / "cache").rglob("*.json")]
    assert cached and year_digest not in cached, "body.yaml is cached, the year's file is not"


def test_unquoted_postcode_and_phone_keep_their_leading_zeros(store: Store) -> None:
    ref = BodyRef("示例县", "戊镇")
    text = "name: 戊镇\nfull_name: 示例县戊镇人民政府\nlevel: 镇\ncounty: 示例县\npostcode: 010020\nphone: 05378611001\naddress: 2021\n"
    write_body(store, ref, text)
    for _ in range(2):  # parsed, then from the cache
        body = store.load_body(ref)
        assert (body.postcode, body.phone, body.address) == ("010020", "05378611001", "2021")
