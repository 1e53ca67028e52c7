"""The document rules one by one (official-format.md 12–19), each passing and failing, on realistic prose."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import doccheck_samples as samples
import pytest

from kit.doccheck.citation import check_citations
from kit.doccheck.claims import check_claims
from kit.doccheck.figures_in_prose import check_prose_figures
from kit.doccheck.leftovers import check_leftovers
from kit.doccheck.prose import Passage, Reading
from kit.doccheck.reading import read_document
from kit.doccheck.sections import check_sections, find_layout
from kit.doccheck.similarity import compare_readings
from kit.doccheck.years import check_years
from kit.findings import Finding
from kit.spec import edition_for_year, load_spec

SECTION = "一、总体情况 › （二）依申请公开"


def reading(
    *paragraphs: str, year: int = 2023, values: dict | None = None, where: str = SECTION, others: Sequence[str] = (), body: str = "青禾县柳塘镇人民政府"
) -> Reading:
    """A published report's prose, as the checks see it; table values as read (numbers only)."""
    spec = load_spec(edition_for_year(year))
    if values is None:
        values = {k: int(v) for k, v in samples.values(spec.id).items() if v.isdigit()} if spec.tables else {}
    passages = [Passage(p, where, paragraph=i, kind="prose") for i, p in enumerate(paragraphs, 1)]
    return Reading(spec=spec, year=year, body_name=body, body_names=(body, "柳塘镇"), passages=passages, values=values, figures={}, other_names=tuple(others))


def messages(findings: list[Finding], rule: str | None = None) -> list[str]:
    return [f"{f.severity.value}:{f.message}" for f in findings if rule is None or f.rule == rule]


# ---------------------------------------------------------------------------------------------
# rule 12: prose figures against the tables (表三: 新收8, 结转1, 予以公开4, 部分公开1, 不予公开1, 无法提供1, 不予处理1)


@pytest.mark.parametrize(
    "text",
    [
        "本年度共收到政府信息公开申请8件，上年结转1件。",
        "全年共受理政府信息公开申请9件（含上年结转1件）。",  # new + carried is accepted too
        "其中予以公开4件，部分公开1件，不予公开1件，无法提供1件，不予处理1件，结转下年度继续办理1件。",
        "予以公开四件。",  # Chinese numerals
        "因本机关不掌握相关政府信息无法提供1件，属于重复申请不予处理1件。",  # one reason each: parts, not the group
        "本机关不掌握相关信息、无法提供1件。",  # qualified: one kind of 无法提供
        "本年度因政府信息公开被申请行政复议1件，被提起行政诉讼1件。",
    ],
)
def test_prose_figures_that_agree(text: str) -> None:
    assert check_prose_figures(reading(text)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "本年度共收到政府信息公开申请7件，均已按时答复。",
            "正文“本年度共收到政府信息公开申请7件，均已按时答复。”中的 7 与表三、收到和处理政府信息公开申请情况 › 一、本年新收政府信息公开申请数量 › 申请人情况 总计（8）不一致",
        ),
        (
            "本年度未收到政府信息公开申请。",
            "即本年新收政府信息公开申请数为 0，但表三、收到和处理政府信息公开申请情况 › 一、本年新收政府信息公开申请数量 › 申请人情况 总计为 8",
        ),
        ("其中予以公开3件。", "中的 3 与表三、收到和处理政府信息公开申请情况 › 三、本年度办理结果 （一）予以公开 › 申请人情况 总计（4）不一致"),
        ("不予公开2件。", "中的 2 与表三、收到和处理政府信息公开申请情况中“不予公开的件数”（相应各项之和）（1）不一致"),
        ("被提起行政诉讼2件。", "与表四、政府信息公开行政复议、行政诉讼情况中“政府信息公开行政诉讼案件数”（相应各项之和）（1）不一致"),
        ("本年度无行政复议案件。", "即政府信息公开行政复议案件数为 0"),
    ],
)
def test_prose_figures_that_disagree_are_errors(text: str, expected: str) -> None:
    found = check_prose_figures(reading(text))
    assert len(found) == 1, messages(found)
    assert found[0].is_error and found[0].rule == "prose_figure"
    assert expected in found[0].message, found[0].message
    assert found[0].printed == f"{SECTION} 第1段"


def test_unknown_table_figures_are_not_compared() -> None:
    """A blank or unreadable cell is unknown: no finding can claim the prose disagrees with it."""
    assert check_prose_figures(reading("本年度共收到政府信息公开申请7件。", values={})) == []


def test_legacy_reports_have_no_tables_to_compare_with() -> None:
    assert check_prose_figures(reading("2018年接到公民提出的需要获取公开政府信息的申请1条。", year=2018)) == []


# ---------------------------------------------------------------------------------------------
# rule 13: "共N……其中a、b、c"


def test_the_seeds_overlapping_channels_are_a_warning() -> None:
    text = "截止2018年12月31日，全镇各站办所主动公开政府信息28条。其中公示公告28条，微信公众号2条。"
    (found,) = check_claims(reading(text, year=2018))
    assert not found.is_error and found.rule == "claim_parts"
    assert "各项（公示公告28条、微信公众号2条）之和为 30条，大于总数 28条" in found.message
    assert "渠道重叠" in found.message


@pytest.mark.parametrize(
    "text",
    [
        "主动公开政府信息120条，其中工作动态60条、通知公告40条、政策文件20条。",
        "主动公开政府信息120条，其中工作动态60条、通知公告40条等。",  # only some listed, and says so
        "共收到申请5件，其中自然人申请3件。",  # one part named
        "本年度新收申请8件，上年结转1件。其中予以公开4件，部分公开1件，不予公开1件，无法提供1件，不予处理1件，结转1件。",  # 其中 of which?
        "共收到申请10件，均已按时答复，其中自然人6件，占60%，法人4件，占40%。",
        "政务新媒体粉丝数同比增长150%。",
    ],
)
def test_claims_that_hold(text: str) -> None:
    assert check_claims(reading(text)) == []


@pytest.mark.parametrize(
    ("text", "severity", "expected"),
    [
        ("共收到申请5件，其中自然人3件、法人或其他组织3件。", "error", "各项（自然人3件、法人或其他组织3件）之和为 6件，与总数 5件 不符"),
        ("主动公开政府信息10条，其中工作动态12条。", "error", "其中一项（12条）大于总数 10条"),
        ("主动公开政府信息120条，其中工作动态60条、通知公告40条。", "warning", "之和为 100条，小于总数 120条；如只列举了一部分，请加“等”字"),
        ("通过政府网站发布信息100条，其中政府网站80条、微信公众号50条。", "warning", "渠道重叠"),
    ],
)
def test_claims_that_do_not_add_up(text: str, severity: str, expected: str) -> None:
    found = check_claims(reading(text))
    assert len(found) == 1, messages(found)
    assert found[0].severity.value == severity and found[0].rule == "claim_parts"
    assert expected in found[0].message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("共收到申请10件，其中自然人6件，占60%，法人4件，占50%。", "4/10 约为 40.0%，文中写的是 50%"),
        ("依申请公开按时办结率达120%。", "比例不能超过 100%"),
    ],
)
def test_percentages(text: str, expected: str) -> None:
    found = [f for f in check_claims(reading(text)) if f.rule == "claim_percent"]
    assert len(found) == 1 and expected in found[0].message, messages(found)


# ---------------------------------------------------------------------------------------------
# rule 14: years


@pytest.mark.parametrize(
    "text",
    [
        "2023年，我镇主动公开政府信息120条。",
        "对2022年度报告查找出的问题逐项整改。",  # last year: fine
        "2024年，镇政府将丰富图解、视频等解读形式。",  # next year, in plans
        "自2019年以来，我镇持续推进基层政务公开标准化规范化。",
        "认真学习2019年修订的《条例》。",
        "贯彻《青禾县2020年政务公开工作要点》。",
        "围绕“十四五”规划（2021—2025年）开展解读。",
        "2024年1月18日",
        "统计期限自2023年1月1日起至2023年12月31日止。",
    ],
)
def test_years_that_fit(text: str) -> None:
    assert check_years(reading(text)) == []


@pytest.mark.parametrize(
    ("text", "rule", "severity", "expected"),
    [
        ("202020年，我镇主动公开政府信息120条。", "year_mention", "error", "“202020年”不是有效的年份（多打了数字），应为“2020年”？"),
        ("202320年，我镇主动公开政府信息120条。", "year_mention", "error", "应为“2023年”？"),
        ("截至上年底，现行有效规范性文件12件。", "year_mention", "warning", "2023年度报告的数字应截至2023年12月31日"),
        ("截至2022年12月31日，现行有效规范性文件12件。", "year_mention", "warning", "是否沿用了上一年报告的文字"),
        ("2021年，我镇主动公开政府信息120条。", "year_mention", "warning", "提到了2021年，而这是2023年度的报告（上一年是2022年）"),
        ("2026年，我镇主动公开政府信息120条。", "year_mention", "warning", "提到了2026年"),
        ("于2023年2月30日召开专题会议。", "impossible_date", "error", "不是有效的日期：2023年2月只有28天"),
        ("于2023年13月召开专题会议。", "impossible_date", "error", "没有13月"),
        ("报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。", "statistics_period", "error", "统计期限应为2023年1月1日至2023年12月31日"),
    ],
)
def test_years_that_do_not(text: str, rule: str, severity: str, expected: str) -> None:
    found = check_years(reading(text))
    assert len(found) == 1, messages(found)
    assert (found[0].rule, found[0].severity.value) == (rule, severity)
    assert expected in found[0].message, found[0].message


def test_leap_day_is_a_real_date_in_a_leap_year() -> None:
    assert check_years(reading("于2024年2月29日召开会议。", year=2024)) == []
    assert len(check_years(reading("于2023年2月29日召开会议。"))) == 1


# ---------------------------------------------------------------------------------------------
# rule 17: the format notice


OPENING = "本报告根据《中华人民共和国政府信息公开条例》和{title}（{number}）要求编制。"
TITLE_2021 = "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
TITLE_2019 = "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式（试行）〉的通知》"


def opening(number: str, title: str = TITLE_2021, year: int = 2023) -> Reading:
    r = reading(OPENING.format(title=title, number=number), year=year, where="开头段落")
    r.passages = [Passage(p.text, "开头段落", paragraph=1, kind="opening") for p in r.passages]
    return r


def test_notice_cited_right() -> None:
    assert check_citations(opening("国办公开办函〔2021〕30号"), require=True) == []
    assert check_citations(opening("国办公开办函〔2019〕60号", TITLE_2019, year=2020), require=True) == []


@pytest.mark.parametrize(
    ("number", "title", "year", "severity", "expected"),
    [
        ("国办发〔2021〕30号", TITLE_2021, 2023, "error", "发文字号写错了，应为“国办公开办函〔2021〕30号”（国办公开办函，不是国办发）"),
        ("国办函〔2021〕30号", TITLE_2021, 2023, "error", "应为“国办公开办函〔2021〕30号”"),
        ("国办公开办函〔2021〕3号", TITLE_2021, 2023, "error", "没有这个文号；2023年度报告的格式通知是国办公开办函〔2021〕30号"),
        ("国办公开办函〔2019〕60号", TITLE_2021, 2023, "error", "是2019年试行格式的通知；2023年度报告应依据国办公开办函〔2021〕30号（2021年版格式）"),
        ("国办公开办函〔2021〕30号", TITLE_2019, 2023, "error", "是2019年试行格式的名称，后面的文号“国办公开办函〔2021〕30号”却是2021年版格式的通知：名称与文号不是同一份通知"),
        ("国办公开办函〔2019〕60号", TITLE_2021, 2020, "error", "是2021年版格式的名称，后面的文号“国办公开办函〔2019〕60号”却是2019年试行格式的通知"),
        ("国办公开办函〔2021〕30号", TITLE_2021, 2020, "error", "是2021年版格式的通知；2020年度报告应依据国办公开办函〔2019〕60号"),
        ("国办公开办函[2021]30号", TITLE_2021, 2023, "warning", "文号中的年份应使用六角括号〔〕"),
        ("国办公开办函（2021）30号", TITLE_2021, 2023, "warning", "六角括号"),
        ("国办公开办函〔2021〕第30号", TITLE_2021, 2023, "warning", "文号中不加“第”字"),
    ],
)
def test_notice_cited_wrong(number: str, title: str, year: int, severity: str, expected: str) -> None:
    found = check_citations(opening(number, title, year), require=True)
    assert len(found) == 1, messages(found)
    assert (found[0].rule, found[0].severity.value) == ("notice_citation", severity)
    assert expected in found[0].message, found[0].message


@pytest.mark.parametrize(
    ("text", "year", "severity", "expected"),
    [
        ("国务院办公厅政府信息与政务公开办公室《关于政府信息公开工作年度报告有关事项的通知》要求", 2021, "error", "是2019年试行格式的通知；2021年度报告应依据"),
        ("按照中华人民共和国政府信息公开年度报告格式(试行),由本镇编制", 2020, "warning", "只写了格式通知的名称，没有写文号；应写明“国办公开办函〔2019〕60号”"),
        ("和《中华人民共和国政府信息公开工作年度报告格式》规定编制本报告", 2023, "warning", "没有写文号；应写明“国办公开办函〔2021〕30号”"),
    ],
)
def test_notice_named_without_its_number(text: str, year: int, severity: str, expected: str) -> None:
    r = reading("根据《中华人民共和国政府信息公开条例》" + text + "。", year=year, where="开头段落")
    r.passages = [Passage(p.text, "开头段落", paragraph=1, kind="opening") for p in r.passages]
    found = check_citations(r, require=True)
    assert [(f.severity.value, expected in f.message) for f in found] == [(severity, True)], messages(found)


def test_notice_not_cited_at_all() -> None:
    (found,) = check_citations(reading("本报告根据《条例》要求编制。"), require=True)
    assert "没有找到格式通知的文号国办公开办函〔2021〕30号" in found.message and not found.is_error
    assert check_citations(reading("本报告根据《条例》要求编制。", year=2018), require=True) == []  # no notice before 2019


# ---------------------------------------------------------------------------------------------
# rule 18: template leftovers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本报告电子版可在青禾县人民政府网站（具体网址）查阅或下载。", "“具体网址”"),
        ("本报告电子版可在青禾县人民政府网站(具体网址)查阅或下载。", "“具体网址”"),
        ("XX镇人民政府高度重视政务公开工作。", "“XX”"),
        ("全年主动公开政府信息××条。", "占位符"),
        ("根据贵办要求，现将我镇政府信息公开工作情况报告如下。", "“贵办”"),
        ("本报告电子版可在（）查阅。", "空括号"),
        ("联系电话：________。", "下划线"),
        ("请与柳塘镇党政办公室联系（地址：（此处填写地址））。", "填写说明"),
    ],
)
def test_template_leftovers(text: str, expected: str) -> None:
    found = check_leftovers(reading(text))
    assert found and all(f.rule == "template_leftover" and f.is_error for f in found)
    assert any(expected in f.message for f in found), messages(found)


def test_another_bodys_name_is_a_warning_and_ones_own_is_not() -> None:
    text = "如对本报告有疑问，请与禾丰镇党政办公室联系。柳塘镇人民政府将持续做好公开工作。"
    (found,) = check_leftovers(reading(text, others=("禾丰镇", "青禾县禾丰镇人民政府", "柳塘镇")))
    assert not found.is_error and "出现了其他单位“禾丰镇”的名称" in found.message


def test_clean_prose_has_no_leftovers() -> None:
    text = "本报告电子版可在青禾县人民政府网站（http://www.qinghe.example/）查阅或下载（地址：人民路1号）。"
    assert check_leftovers(reading(text, others=("禾丰镇",))) == []


# ---------------------------------------------------------------------------------------------
# rule 19: similarity


LAST_YEAR = [
    "2022年，柳塘镇通过政府信息公开专栏、“柳塘发布”微信公众号和村（居）务公开栏主动公开政府信息98条，其中工作动态50条、通知公告30条、政策文件18条。围绕高标准农田建设、耕地地力保护补贴等惠农政策，在资金发放前逐村公示发放对象和标准，接受群众监督。",
    "严格落实公开前保密审查制度，信息发布前由经办人初审、党政办公室复审、分管负责同志审签。对照基层政务公开标准目录，逐项梳理公开事项、公开时限和公开方式。",
    "本年度工作中仍存在一些不足：一是政策解读形式较为单一；二是线下查阅点利用率不高。2023年，镇政府将丰富图解、视频等解读形式，加强查阅点宣传。",
]


def test_a_near_copy_of_last_year_is_flagged_with_the_passages() -> None:
    this_year = [p.replace("2022", "2023").replace("98条", "120条").replace("2023年，镇政府", "2024年，镇政府") for p in LAST_YEAR]
    (found,) = compare_readings(reading(*this_year), reading(*LAST_YEAR, year=2022), "similar_previous_year", "本单位2022年的报告")
    assert found.rule == "similar_previous_year" and not found.is_error
    assert "正文与本单位2022年的报告的相似度约为 100%" in found.message
    assert "重合的文字例如" in found.message and "柳塘镇通过政府信息公开专栏" in found.message


def test_a_rewritten_report_is_not_flagged() -> None:
    this_year = [
        "本年度我镇以惠农政策公开为重点，全年在专栏发布信息120条。对耕地保护补贴、农机购置补贴等资金，坚持先公示后发放，公示期内未收到异议。",
        "信息公开前的保密审查改为双人复核，全年审查拟公开信息120条，未发生泄密事件。新建的标准目录已覆盖全部站所。",
        "突出的不足是政策解读偏重文字。下一步，将联合县融媒体中心制作短视频解读，并在村级查阅点配备讲解员。",
    ]
    assert compare_readings(reading(*this_year), reading(*LAST_YEAR, year=2022), "similar_previous_year", "本单位2022年的报告") == []


def test_one_section_copied_while_the_rest_is_new() -> None:
    new = reading(
        "本年度我镇以惠农政策公开为重点，全年在专栏发布信息120条。对耕地保护补贴、农机购置补贴等资金，坚持先公示后发放，公示期内未收到异议。",
        "信息公开前的保密审查改为双人复核，全年审查拟公开信息120条，未发生泄密事件。新建的标准目录已覆盖全部站所，各村公开栏统一了版式。",
    )
    problems = [LAST_YEAR[2], "对上年度报告查找出的问题，柳塘镇制定了整改清单：针对栏目更新不及时的问题，建立了月度巡查机制，对长期未更新的栏目进行了归并。"]
    new.passages += [Passage(p.replace("2023年，", "2024年，"), "五、存在的主要问题及改进情况", paragraph=i, kind="prose") for i, p in enumerate(problems, 1)]
    old = reading(*LAST_YEAR[:2], year=2022)
    old.passages += [Passage(p, "五、存在的主要问题及改进情况", paragraph=i, kind="prose") for i, p in enumerate(problems, 1)]
    found = compare_readings(new, old, "similar_previous_year", "本单位2022年的报告")
    assert len(found) == 1 and found[0].printed == "五、存在的主要问题及改进情况"
    assert "这一部分与本单位2022年的报告的文字相似度约为 100%" in found[0].message


def test_other_bodies_names_do_not_hide_a_copy() -> None:
    mine = reading(*[p.replace("柳塘", "禾丰") for p in LAST_YEAR], year=2022, body="青禾县禾丰镇人民政府")
    mine.body_names = ("青禾县禾丰镇人民政府", "禾丰镇")
    (found,) = compare_readings(mine, reading(*LAST_YEAR, year=2022), "similar_other_body", "青禾县柳塘镇人民政府的报告")
    assert found.rule == "similar_other_body"
    assert int(re.search(r"相似度约为 (\d+)%", found.message).group(1)) >= 90


def test_short_prose_is_not_compared() -> None:
    assert compare_readings(reading("维护政府网站。"), reading("维护政府网站。"), "similar_previous_year", "x") == []


# ---------------------------------------------------------------------------------------------
# rule 15: sections


def layout_of(tmp_path: Path, report: list, year: int = 2023):
    path = samples.write_text(tmp_path / "r.txt", report, samples.Tables("gov2021", samples.values("gov2021")))
    spec = load_spec(edition_for_year(year))
    return find_layout(read_document(path), spec, year), spec


def test_all_six_sections_in_order(tmp_path: Path) -> None:
    layout, spec = layout_of(tmp_path, samples.blocks(2023))
    assert check_sections(layout, spec, 2023) == []


def test_missing_section(tmp_path: Path) -> None:
    report = [b for b in samples.blocks(2023) if b != ("heading", "五、存在的主要问题及改进情况")]
    layout, spec = layout_of(tmp_path, report)
    (found,) = check_sections(layout, spec, 2023)
    assert found.rule == "section_missing" and "缺少“五、存在的主要问题及改进情况”这一部分" in found.message


def test_sections_out_of_order(tmp_path: Path) -> None:
    report = samples.blocks(2023)
    i = report.index(("heading", "五、存在的主要问题及改进情况"))
    j = report.index(("heading", "六、其他需要报告的事项"))
    report[i], report[j] = ("heading", "六、其他需要报告的事项"), ("heading", "五、存在的主要问题及改进情况")
    layout, spec = layout_of(tmp_path, report)
    found = check_sections(layout, spec, 2023)
    assert any(f.rule == "section_order" and "“五、存在的主要问题及改进情况”排在“六、其他需要报告的事项”之后" in f.message for f in found), messages(found)


def test_renumbered_and_retitled_sections(tmp_path: Path) -> None:
    report = samples.edit(samples.blocks(2023), "四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议及行政诉讼情况")
    report = [b for b in report if b != ("heading", "五、存在的主要问题及改进情况")]
    report = samples.edit(report, "六、其他需要报告的事项", "五、其他需要报告的事项")
    layout, spec = layout_of(tmp_path, report)
    found = {f.rule: f for f in check_sections(layout, spec, 2023)}
    assert "标题应为“四、政府信息公开行政复议、行政诉讼情况”" in found["section_title"].message
    assert found["section_title"].severity.value == "warning"
    assert "编号应为“六、”" in found["section_order"].message
    assert "section_missing" in found


def test_free_form_reports_have_no_fixed_sections() -> None:
    doc = read_document(Path(__file__).with_name("data") / "seed_2018_huancheng.txt")
    layout = find_layout(doc, load_spec("legacy2008"), 2018)
    assert [h.printed for h in layout.headings if h.level == 1] == ["一、政府信息公开情况", "二、存在的主要问题", "三、2019年工作思路"]
    assert [h.title for h in layout.headings if h.level == 2][:2] == ["主动公开情况", "依申请公开情况"]
    assert check_sections(layout, load_spec("legacy2008"), 2018) == []
