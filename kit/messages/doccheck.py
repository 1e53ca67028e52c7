"""What checking a published report says (kit.doccheck); most of its texts are still in its modules."""

from __future__ import annotations

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
