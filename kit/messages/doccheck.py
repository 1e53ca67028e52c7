"""What checking a published report says (kit.doccheck): its findings, and how it names the places of a report.

The readers' texts (which file, which type, downloads) are in kit.messages.reading. Left in
kit.doccheck are only the words it looks for in a report (patterns, Chinese numerals), which are
data to match, not messages.
"""

from __future__ import annotations

from collections.abc import Sequence

from kit.messages import rules as _rules
from kit.messages import store as _store

FILL_EVERY_CELL = "：表中每一格都应填数字，没有发生的填 0，不能留空或填“/”；本工具不把空白或“/”当作 0"


def not_a_docx(name: str, why: str, renamed_doc: bool = False) -> str:
    hint = "；如是旧版 .doc 改了扩展名，请用 Word 另存为 .docx" if renamed_doc else ""
    return f"{name} 不是有效的 .docx 文件（{why}）{hint}"


# --- tables as printed (kit.doccheck.table_reading) -----------------------------------------------


def _read_as(printed: str, expected: str) -> str:
    return f"印的是“{printed}”，格式规定为“{expected}”；已按“{expected}”读取，请按格式更正"


def row_label_deviates(printed: str, expected: str) -> str:
    return "行名" + _read_as(printed, expected)


def header_deviates(position: int, printed: str, expected: str) -> str:
    return f"表头第{position}列" + _read_as(printed, expected)


def yuan_in_wan_yuan_column(column: str, printed: str, value: str) -> str:
    return f"{column}印的是“{printed}”：此栏单位是万元，按 {value} 万元读取；表中应只填以万元为单位的数字"


UNIT_YUAN = "元"
UNIT_WAN_YUAN = "万元"


def table_unreadable(tables: str) -> str:
    return (
        f"{tables}：只读到表格的行名和列名，几乎没有数字（逐格复制网页时，空白格随之消失），无法确定各数属于哪一格，表格未读取；"
        "请提供原文件，或按格式在每一格填数字（没有发生的填 0）"
    )


# --- years and dates (kit.doccheck.years) ---------------------------------------------------------


def glued_date(said: str, text: str, suggestion: str | None) -> str:
    hint = f"，应为“{suggestion}”？" if suggestion else ""
    return f"“{said}”中的“{text}”不是规范的日期：缺少“年”“月”“日”等字{hint}"


def ymd(year: str | int, month: int, day: int | None = None) -> str:
    return f"{year}年{month}月" + (f"{day}日" if day is not None else "")


def md(month: int, day: int) -> str:
    return f"{month}月{day}日"


def signed_before_year_end(signed: str, year: int) -> str:
    return f"报告落款日期“{signed}”早于{year}年年底：年度报告总结的是全年的情况，应在{year}年结束后编制（次年1月31日前公布）；请核对日期"


def own_title_other_year(said: str, printed_year: str, year: int) -> str:
    return f"“{said}”是本报告的标题，其中的年份是{printed_year}年，而这是{year}年度的报告；是否沿用了往年报告的标题？"


# --- the format notice (kit.doccheck.citation) ------------------------------------------------------


def notice_name_and_number_differ(said: str, named: str, number: str, numbered: str, year: int, want: str | None) -> str:
    tail = f"；{year}年度报告应写作{want}" if want else ""
    return f"“{said}”是{named}的名称，后面的文号“{number}”却是{numbered}的通知：名称与文号不是同一份通知{tail}"


def notice_name_of_other_edition(said: str, named: str, year: int, want: str) -> str:
    return f"“{said}”是{named}的通知；{year}年度报告应依据{want}"


NO_FORMAT_YET = "2008年《条例》（该年度没有统一格式）"


def notice_name_without_number(said: str, number: str) -> str:
    return f"“{said}”：只写了格式通知的名称，没有写文号；应写明“{number}”"


# --- the report as a whole (kit.doccheck.structure) -----------------------------------------------

WHOLE_REPORT = "全文"


def parts_announced_for_format(said: str, announced: int, edition: str, count: int, titles: str) -> str:
    return f"开头说“{said}”，即{announced}个部分，而{edition}规定{count}个部分：{titles}"


def parts_announced_vs_present(said: str, announced: int, present: int, titles: str) -> str:
    return f"开头说“{said}”，即{announced}个部分，而正文中有{present}个部分（{titles}）；请核对"


def legacy_topic_missing(what: str) -> str:
    return f"2008年《条例》第三十二条要求年度报告写明“{what}”，本报告中没有找到这一内容（没有发生的也应写明）"


# --- "共N……其中" (kit.doccheck.claims) --------------------------------------------------------------

APPROXIMATELY = "余"


def or_with_the_one_before(first: str, whole: str) -> str:
    return f"{first}（或与前一项合计 {whole}）"


CHECK_WHICH_TOTAL = "请核对各项所属的总数"
CATCH_ALL_LISTED = "列出了“其他”一项，各项应合计为总数，请补齐或更正"


def table_named(printed: str) -> str:
    """表二、主动公开政府信息情况: a table as a reader names it."""
    return f"表{printed}"


TOTAL_LEFT_BLANK = "（表中这一格印的是空白，按同一行各列之和计）"


# --- places in a published report, as findings name them ------------------------------------------

TITLE = _rules.TITLE
OPENING = _store.OPENING
SIGNATURE = "落款"
PROSE = "正文"
TABLES = "表格"
TABLES_EDITION = "表格格式"
BLANK = "空白"  # a cell printed empty
NO_FIGURES = "无数字"  # a row with no figure at all
DOCUMENTS = "文档"  # the county and body of a document that names neither
BODY = _store.BODY
PRINTED_IN_REPORT = "报告中印的是"  # validation's "文件中填写的是", for a printed report


def paragraph_at(where: str, paragraph: int) -> str:
    return f"{where} 第{paragraph}段"


def sum_in_table(table: str, what: str) -> str:
    return f"表{table}中“{what}”（相应各项之和）"


def own_report_of(year: int | None, file: str | None = None) -> str:
    """The body's own report of an earlier year, as a similarity finding names it."""
    return f"本单位{year}年的报告" + (f"（{file}）" if file else "")


def report_of(body: str, file: str) -> str:
    return f"{body}的报告（{file}）"


def body_report_of_year(body: str, year: int) -> str:
    return f"{body}{year}年的报告"


# --- the document as a whole (kit.doccheck.documents) ---------------------------------------------

NO_REPORT_YEAR = "无法确定报告年度：标题、统计期限和文件名中都没有年份；请用 --year 指定"


def title_year_differs(title: str, printed_year: str, year: int) -> str:
    return f"标题“{title}”中的年份是{printed_year}年，而这是{year}年度的报告"


def tables_missing(year: int, edition: str, notice: str | None, titles: str) -> str:
    return f"没有找到表格：{year}年度报告应按{edition}（{notice}）用表格列出{titles}"


def table_not_read(printed: str) -> str:
    return f"没有找到或读不出表{printed}（表格的行名、列名应与格式一致）"


def edition_evidence(labels: Sequence[str]) -> str:
    """The printed labels that give the edition away, four at most."""
    return f"（表中有“{'”“'.join(labels[:4])}”等）" if labels else ""


def tables_before_any_format(edition: str, notice: str | None, evidence: str, year: int) -> str:
    return f"表格使用的是{edition}（{notice}）{evidence}，而{year}年度还没有统一的表格格式"


def tables_of_other_edition(edition: str, notice: str | None, evidence: str, year: int, want: str, want_notice: str | None) -> str:
    return (
        f"表格使用的是{edition}（{notice}）{evidence}；{year}年度报告应使用{want}（{want_notice}）。"
        "用错格式（如2021年以后仍用2019年试行格式的表格）是常见错误"
    )


# --- citing the format notice (kit.doccheck.citation) ---------------------------------------------


def notice_not_cited(notice: str) -> str:
    return f"没有找到格式通知的文号{notice}：开头段落应写明本报告依据该通知编制"


def no_such_notice_number(said: str, year: int, want: str) -> str:
    return f"“{said}”：没有这个文号；{year}年度报告的格式通知是{want}"


def notice_of_other_edition(said: str, named: str, year: int, notice: str, edition: str) -> str:
    return notice_name_of_other_edition(said, named, year, f"{notice}（{edition}）")


def notice_not_in_force(said: str, named: str, year: int) -> str:
    return f"“{said}”（{named}）在{year}年度还没有施行；{year}年度报告按2008年《条例》自由撰写"


def notice_issuer_wrong(said: str, right: str, issuer: str, printed: str) -> str:
    return f"“{said}”：发文字号写错了，应为“{right}”（{issuer}，不是{printed}）"


def notice_brackets(said: str, brackets: str, right: str) -> str:
    return f"“{said}”：文号中的年份应使用六角括号{brackets}，写作“{right}”"


def notice_with_di(said: str, right: str) -> str:
    return f"“{said}”：文号中不加“第”字，应写作“{right}”"


# --- parts and totals in the prose (kit.doccheck.claims) ------------------------------------------


def part_exceeds_total(said: str, part: str, total: str) -> str:
    return f"“{said}”：其中一项（{part}）大于总数 {total}"


def parts_exceed_total(said: str, listed: str, whole: str, total: str) -> str:
    return f"“{said}”：各项（{listed}）之和为 {whole}，大于总数 {total}。"


CHANNELS_OVERLAP = "如同一条信息在多个渠道发布（渠道重叠），请在文中说明；否则请更正"


def parts_differ_from_total(said: str, listed: str, whole: str, total: str) -> str:
    return f"“{said}”：各项（{listed}）之和为 {whole}，与总数 {total} 不符"


def parts_short_of_total(said: str, listed: str, whole: str, total: str) -> str:
    return f"“{said}”：各项（{listed}）之和为 {whole}，小于总数 {total}；"


ADD_DENG = "如只列举了一部分，请加“等”字，否则请补齐或更正"


def percent_differs(said: str, part: str, total: str, actual: str, printed: str) -> str:
    return f"“{said}”：{part}/{total} 约为 {actual}%，文中写的是 {printed}%"


def percents_over_100(shown: Sequence[str], whole: str) -> str:
    return f"各项百分比（{'、'.join(x + '%' for x in shown)}）之和为 {whole}%，超过 100%"


def rate_over_100(said: str) -> str:
    return f"“{said}”：比例不能超过 100%"


# --- figures in the prose (kit.doccheck.figures_in_prose) -----------------------------------------


def prose_says_zero(said: str, what: str, where: str, expected: str) -> str:
    return f"正文说“{said}”，即{what}为 0，但{where}为 {expected}"


def prose_figure_differs(said: str, figure: str, where: str, expected: str) -> str:
    return f"正文“{said}”中的 {figure} 与{where}（{expected}）不一致"


QUOTED_FROM_PARAMETERS = "（该数字引用自参数文件，请核对所引用的名称是否正确）"


def quote_the_figure(name: str) -> str:
    return f"；正文中的数字请写成 ${{{name}}}，由系统从表格或数字中取值，不要手打"


QUOTE_THE_FIGURES = "；正文中的数字请用 ${...} 引用表格中的数，不要手打"


# --- left from a template or another body's report (kit.doccheck.leftovers) -----------------------


def template_leftover(said: str, what: str) -> str:
    return f"“{said}”：{what}，请改为实际内容"


def other_body_named(said: str, name: str) -> str:
    return f"“{said}”：出现了其他单位“{name}”的名称，是否照抄了该单位的报告而没有改？"


# --- the sections (kit.doccheck.sections) ---------------------------------------------------------


def not_a_section(printed: str, edition: str, sections: str) -> str:
    return f"“{printed}”不是{edition}规定的部分；正文各部分应为：{sections}"


def section_out_of_order(printed: str, after: str, numbers: str) -> str:
    return f"“{printed}”排在“{after}”之后；各部分应按{numbers}的顺序排列"


def section_numbered(number: str, want: str, printed: str) -> str:
    return f"编号应为“{number}”（{want}），实为“{printed}”"


def section_titled(want: str, source: str, printed: str) -> str:
    return f"标题应为“{want}”（{source}规定的标题），实为“{printed}”"


def section_missing(section: str, edition: str, count: int) -> str:
    return f"缺少“{section}”这一部分（{edition}规定的{count}个部分缺一不可，有关情况没有发生的也要写明）"


def numbers_from_to(first: str, last: str) -> str:
    return f"{first}至{last}"


# --- copied text (kit.doccheck.similarity) --------------------------------------------------------


def similar_overall(label: str, similarity: float, threshold: float, sections: Sequence[tuple[str, float]], shown: str) -> str:
    listed = "、".join(f"{where}（{share:.0%}）" for where, share in sections)
    return (
        f"正文与{label}的相似度约为 {similarity:.0%}（已去除开头段落、标题和固定说法，数字和年份不计差别），"
        f"超过 {threshold:.0%}；"
        + (f"雷同较多的部分：{listed}；" if listed else "")
        + f"重合的文字例如 {shown}。请按本年实际情况撰写，避免内容雷同"
    )


def similar_section(label: str, share: float, similarity: float, shown: str) -> str:
    return f"这一部分与{label}的文字相似度约为 {share:.0%}（全文约 {similarity:.0%}）；重合的文字例如 {shown}。请按本年实际情况撰写"


# --- reading the tables (kit.doccheck.table_reading) ----------------------------------------------


def row_not_recognised(labels: str, figures: str) -> str:
    return f"认不出这一行：“{labels}”（{figures}）；请核对行名是否与格式一致"


def row_twice(figures: str) -> str:
    return f"这一行出现了两次（第二次：{figures}），只读取了第一次"


def figures_counted(expected: int, read: int, figures: str) -> str:
    return f"应有 {expected} 个数，读到 {read} 个（{figures}）"


def row_not_fitted(expected: int, read: int, figures: str) -> str:
    return figures_counted(expected, read, figures) + "；无法确定各数属于哪一列，本行未读取（空格不能表示 0，没有发生请填 0）"


def table_not_fitted(expected: int, read: int, figures: str) -> str:
    return figures_counted(expected, read, figures) + "；无法确定各数属于哪一列，本表未读取"


def cell_printed(column: str, printed: str) -> str:
    return f"{column}为{printed}"


def row_without_figures(cells: str) -> str:
    return "整行没有数字（" + cells + "）"


ROW_MISSING = "表中找不到这一行（或这一行没有数字）；格式规定的行不能删减"


def subtotal_not_a_number(what: str, printed: str) -> str:
    return cell_printed(what, printed) + "：应填数字"


def subtotal_differs(what: str, expected: str, parts: str, printed: str) -> str:
    return f"{what}应为 {expected}（{parts}之和），印的是 {printed}"


def subtotal_row(table: str, label: str, word: str) -> str:
    return f"{table} › {label}（{word}行）"


def subtotal_row_differs(column: str, word: str, expected: str, members: int, printed: str) -> str:
    return f"{column}：{word}应为 {expected}（本组 {members} 项之和），印的是 {printed}"


# --- years and dates, continued (kit.doccheck.years) ----------------------------------------------


def year_typo(said: str, digits: str, guess: str) -> str:
    return f"“{said}”中的“{digits}年”不是有效的年份（多打了数字），应为“{guess}年”？"


def no_such_month(month: int) -> str:
    return f"没有{month}月"


def month_has_days(year: int, month: int, days: int) -> str:
    return f"{year}年{month}月只有{days}天"


def month_has_no_day(month: int, day: int) -> str:
    return f"{month}月没有{day}日"


def impossible_date(said: str, problem: str) -> str:
    return f"“{said}”不是有效的日期：{problem}"


def later_year_mentioned(said: str, mentioned: int, year: int) -> str:
    return f"“{said}”：提到了{mentioned}年，而这是{year}年度的报告；请核对年份"


def earlier_year_mentioned(said: str, mentioned: int, year: int) -> str:
    return f"“{said}”：提到了{mentioned}年，而这是{year}年度的报告（上一年是{year - 1}年）；是否沿用了往年报告的文字？"


def statistics_period(said: str, year: int) -> str:
    return f"“{said}”：{year}年度报告的统计期限应为{year}年1月1日至{year}年12月31日"


def figures_as_of_last_year(said: str, year: int) -> str:
    return f"“{said}”：{year}年度报告的数字应截至{year}年12月31日；这句话是否沿用了上一年报告的文字？"


# --- the checker's own phrase file (kit/doccheck/phrases.yaml, read by kit.doccheck.vocabulary) ----


def phrases_bad_pattern(file: object, where: str, why: object) -> str:
    return f"文件 {file} 的 {where} 不是有效的正则表达式：{why}"


def phrases_bad_severity(file: object, where: str) -> str:
    return f"文件 {file} 的 {where}.severity 应为 error 或 warning"


def phrases_malformed(file: object, what: object) -> str:
    return f"文件 {file} 缺少或写错了 {what}"
