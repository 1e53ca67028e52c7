"""Reading published reports: .txt, .docx, .html into paragraphs and grids; tables laid out as text."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import doccheck_samples as samples
import pytest

from kit.doccheck.items import Grid, Para
from kit.doccheck.normalize import chinese_number, label_key, parse_number, read_figure
from kit.doccheck.reading import read_document
from kit.doccheck.tables_from_text import find_text_tables, is_label
from kit.doccheck.vocabulary import vocabulary
from kit.errors import UnreadableDocument

SEED = Path(__file__).with_name("data") / "seed_2018_huancheng.txt"  # the seed: 微山县驩城镇2018年度报告
NOT_NUMBERS = vocabulary().tables.not_numbers


def grids(items) -> list[Grid]:
    return [i for i in items if isinstance(i, Grid)]


# ---------------------------------------------------------------------------------------------
# figures: 0, blank and "/" are three different things


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("0", "number", 0),
        ("12", "number", 12),
        ("１２", "number", 12),  # full-width digits from a Chinese input method
        ("0.35", "number", Decimal("0.35")),
        ("+3", "number", 3),
        ("-2", "number", -2),
        ("", "blank", None),
        ("\u3000", "blank", None),
        ("/", "mark", None),
        ("／", "mark", None),
        ("—", "mark", None),
        ("无", "mark", None),
        ("行政许可", "text", None),
    ],
)
def test_read_figure_keeps_zero_blank_and_slash_apart(text: str, kind: str, value) -> None:
    fig = read_figure(text, NOT_NUMBERS)
    assert fig.kind == kind
    assert fig.value == value


def test_numbers_in_prose() -> None:
    assert parse_number("12") == 12
    assert parse_number("三") == 3
    assert parse_number("十二") == 12
    assert parse_number("二十") == 20
    assert parse_number("一百零五") == 105
    assert chinese_number("两") == 2
    assert parse_number("十来") is None


def test_labels_compare_across_bracket_and_numbering_styles() -> None:
    assert label_key("（一）予以公开") == label_key("(一) 予以公开")
    assert label_key("1.属于国家秘密") == label_key("1、属于国家秘密") == label_key("1．属于国家秘密")
    assert label_key("3.危及“三安全一稳定”") == label_key('3.危及"三安全一稳定"')
    assert is_label("（二）部分公开")  # abridged: the remark in brackets left out
    assert is_label("三、本年度办理结果 （一）予以公开")  # a row path printed in one cell
    assert not is_label("一、总体情况")


# ---------------------------------------------------------------------------------------------
# text


def test_seed_reads_as_paragraphs_without_word_artefacts() -> None:
    doc = read_document(SEED)
    assert not grids(doc.items)
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "2018年度驩城镇政府信息公开年度报告"
    assert not any("bookmark" in t for t in texts)
    assert any(t.startswith("一是加强领导") for t in texts)
    assert doc.paragraphs[0].line == 1


@pytest.mark.parametrize("layout", ["tabs", "cells", "spaces", "pipes"])
def test_tables_laid_out_as_text_become_grids(tmp_path: Path, layout: str) -> None:
    path = samples.write_text(tmp_path / "r.txt", samples.blocks(2023), samples.Tables("gov2021", samples.values("gov2021")), layout)
    doc = read_document(path)
    found = grids(doc.items)
    assert found, layout
    text = "\n".join(" ".join(r) for g in found for r in g.rows)
    assert "1.属于国家秘密" in text and "结果维持" in text
    # the section headings stay paragraphs, even next to table rows that look like headings
    headings = [p.text for p in doc.paragraphs if p.text[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")]
    assert headings == [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ]


def test_two_tabs_are_an_empty_cell_not_nothing() -> None:
    items = find_text_tables([(1, "（一）予以公开\t2\t\t0\t0\t1\t0\t3"), (2, "（二）部分公开\t1\t0\t0\t0\t0\t0\t1"), (3, "（三）不予公开")])
    (grid,) = grids(items)
    assert grid.rows[0] == ("（一）予以公开", "2", "", "0", "0", "1", "0", "3")


def test_one_cell_a_line_rebuilds_rows() -> None:
    lines = ["一、本年新收政府信息公开申请数量", "3", "0", "0", "0", "0", "0", "3", "二、上年结转政府信息公开申请数量", "0", "0", "0", "0", "0", "0", "0"]
    (grid,) = grids(find_text_tables(list(enumerate(lines, 1))))
    assert grid.rows == (
        ("一、本年新收政府信息公开申请数量", "3", "0", "0", "0", "0", "0", "3"),
        ("二、上年结转政府信息公开申请数量", "0", "0", "0", "0", "0", "0", "0"),
    )


def test_label_then_figures_on_the_next_line() -> None:
    lines = ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "1  0  0  0  0  0  1", "（三）不予公开", "1.属于国家秘密  0  0  0  0  0  0  0"]
    (grid,) = grids(find_text_tables(list(enumerate(lines, 1))))
    assert grid.rows[0] == ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "1", "0", "0", "0", "0", "0", "1")


def test_prose_with_numbers_is_not_a_table() -> None:
    lines = ["全年主动公开政府信息  114条", "电话：0537-8611001    邮编 272193", "2023年1月1日至12月31日"]
    assert not grids(find_text_tables(list(enumerate(lines, 1))))


def test_gbk_text_is_read(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("驩城镇2018年政府信息公开年度报告\n一、政府信息公开情况\n".encode("gb18030"))
    assert read_document(path).paragraphs[0].text == "驩城镇2018年政府信息公开年度报告"


# ---------------------------------------------------------------------------------------------
# Word and HTML


def test_docx_tables_keep_merged_cells_once_across_and_repeat_down(tmp_path: Path) -> None:
    path = samples.write_docx(tmp_path / "r.docx", samples.blocks(2023), samples.Tables("gov2021", samples.values("gov2021")))
    doc = read_document(path)
    assert [p.text for p in doc.paragraphs][:1] == ["青禾县柳塘镇人民政府2023年政府信息公开工作年度报告"]
    two, three, four = grids(doc.items)
    assert two.rows[0] == ("第二十条第（一）项",)  # a block label across the table: one cell
    assert three.rows[0][1] == "申请人情况"
    secret = next(r for r in three.rows if "1.属于国家秘密" in r)
    assert secret[:3] == ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密")  # group labels repeat down
    assert len(four.rows[-1]) == 15


def test_html_rowspan_and_colspan(tmp_path: Path) -> None:
    path = samples.write_html(tmp_path / "r.html", samples.blocks(2023), samples.Tables("gov2021", samples.values("gov2021")))
    doc = read_document(path)
    _two, three, _four = grids(doc.items)
    secret = next(r for r in three.rows if "1.属于国家秘密" in r)
    assert secret[:3] == ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密")
    assert len(secret) == 3 + 7
    assert doc.paragraphs[0].text.endswith("年度报告")


def test_html_page_laid_out_with_a_table(tmp_path: Path) -> None:
    """Older sites put the whole article in a layout table: its prose stays prose, its tables stay tables."""
    path = samples.write_html(tmp_path / "r.html", samples.blocks(2023), samples.Tables("gov2021", samples.values("gov2021")), page=True, layout_table=True)
    doc = read_document(path)
    assert len(grids(doc.items)) == 3
    texts = [p.text for p in doc.paragraphs]
    assert "一、总体情况" in texts and any(t.startswith("本报告根据《中华人民共和国政府信息公开条例》") for t in texts)


def test_html_in_gbk_with_a_declared_charset(tmp_path: Path) -> None:
    path = samples.write_html(tmp_path / "r.htm", samples.blocks(2023), samples.Tables("gov2021", samples.values("gov2021")), encoding="gbk")
    assert read_document(path).paragraphs[0].text == "青禾县柳塘镇人民政府2023年政府信息公开工作年度报告"


def test_html_blank_cell_stays_blank(tmp_path: Path) -> None:
    printed = samples.values("gov2021", {"applications.disclosed.research": ""})
    path = samples.write_html(tmp_path / "r.html", samples.blocks(2023), samples.Tables("gov2021", printed))
    row = next(r for g in grids(read_document(path).items) for r in g.rows if "（一）予以公开" in r)
    assert row[-7:] == ("2", "1", "", "0", "1", "0", "4")


@pytest.mark.parametrize(("name", "words"), [("r.doc", "Word 97-2003"), ("r.pdf", "PDF"), ("r.odt", "OpenDocument"), ("r.xyz", "不支持")])
def test_unsupported_files_say_what_to_do(tmp_path: Path, name: str, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"x")
    with pytest.raises(UnreadableDocument, match=words):
        read_document(path)


def test_a_broken_docx_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(UnreadableDocument, match=r"不是有效的 \.docx"):
        read_document(path)


def test_paragraph_items_are_numbered_in_order(tmp_path: Path) -> None:
    path = samples.write_text(tmp_path / "r.txt", samples.blocks(2023), samples.Tables("gov2021", samples.values("gov2021")))
    items = read_document(path).items
    assert [i.number for i in items] == list(range(1, len(items) + 1))
    assert all(isinstance(i, (Para, Grid)) for i in items)
