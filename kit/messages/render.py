"""The wording the renderers add to a report (kit.render.html and kit.render.docx print the same)."""

from __future__ import annotations

DATE_LINE = "    年  月  日"  # as on the stamped paper copy: the date is written by hand
DRAFT_WORD = "草稿"  # across a draft page, behind the text
DRAFT_MARK = "草稿　未经审核，不得印发"
APPENDIX_TITLE = "附：校验发现的问题"
APPENDIX_NOTE = "本附录只在草稿中出现。正式印发前，请逐条改正错误，并核对或确认每条提示。"
NO_FINDINGS = "校验未发现问题。"
FIGURE_CAPTION = "图{number}　{title}"
SUBJECT = "政府信息公开工作年度报告"

# the report's charts (kit.render.charts)
MISSING_FONT = (
    "生成图表需要中文字体，但 matplotlib 找不到可用的中文字体（{families}），图中的汉字会显示成方框。"
    "请安装 Noto CJK 字体：sudo apt-get install fonts-noto-cjk，然后删除 matplotlib 的字体缓存"
    "（~/.cache/matplotlib）后重试。"
)
OUTCOME_TITLE = "{year}年政府信息公开申请办理结果"
OUTCOME_AXIS = "申请数（{unit}）"
OUTCOME_ALT = "条形图：{year}年共办理政府信息公开申请{total}{unit}，其中{parts}。"
TREND_TITLE = "{first}—{last}年主动公开和依申请公开情况"
TREND_PROACTIVE = "主动公开政府信息（{unit}）"
TREND_REQUESTS = "新收政府信息公开申请（{unit}）"
TREND_ALT = "柱状图：{first}—{last}年，主动公开政府信息数依次为{proactive}；新收政府信息公开申请数依次为{requests}。"
TREND_ALT_ONE = "柱状图：{first}—{last}年，{what}依次为{values}。"  # the trend chart with one panel (the other mostly zero)
UNIT_NOTE = "（单位：{unit}）"  # after a money column's label that does not name its unit (2019: 采购总金额)

# ---------------------------------------------------------------------------------------------
# the Word file (kit.render.docx): names Word shows, and a programmer's mistake

STYLE_NAMES = {  # shown in Word's style list, by the styles' ids
    "ReportBody": "报告正文",
    "ReportTableText": "报告表格文字",
    "ReportFigure": "报告插图",
    "ReportFigureCaption": "报告图题",
    "ReportSignature": "报告署名",
    "ReportFindings": "校验问题",
}
FIGURE_NAME = "图{number}"  # a picture's name in Word's selection pane


def unknown_block(kind: str) -> str:
    return f"render_docx 不认识的块类型 {kind}"


# ---------------------------------------------------------------------------------------------
# `kit check` as printed (kit.render.findings)

BODY_FILE_LABEL = "主体信息 body.yaml"  # the line of a body's own file, where a year's line names the year
DOCUMENT_UNREADABLE = "（未能读取）"  # a document whose body and year could not be read


def year_label(year: int) -> str:
    return f"{year}年"


# ---------------------------------------------------------------------------------------------
# the year-over-year appendix (kit.render.year_over_year)

YEAR_OVER_YEAR_TEXT = {
    "title": "附：主要数据与上年对比",
    "caption": "{year}年主要数据与{prev}年对比",
    "item": "项目",
    "year": "{year}年",
    "change": "增减",
    "note": "本表不属于年度报告格式规定的内容，供对照参考；“—”表示上年格式中没有此项或未填写。",
    "blank": "—",
}

# ---------------------------------------------------------------------------------------------
# the county summary's charts (kit.render.summary_charts): titles and alt texts

SUMMARY_CHARTS_TEXT = {
    "proactive_by_body": "各单位主动公开政府信息数量（条）",
    "applications_by_body": "各单位政府信息公开申请数量（件）",
    "outcomes_by_body": "各单位申请办理结果（件）",
    "proactive_trend": "全县历年主动公开政府信息数量（条）",
    "applications_trend": "全县历年新收政府信息公开申请数量（件）",
    "outcomes_trend": "全县历年申请办理结果（件）",
    "alt_bars": "条形图，{what}：{items}。",
    "alt_stacked": "堆积条形图，{what}，依次为{parts}：{items}。",
    "alt_trend": "柱状图，{what}：{items}。",
}

# ---------------------------------------------------------------------------------------------
# the county summary page (kit.render.summary_page; its 一、审核进度 is in kit.messages.cycle)

TABLE_CAPTION = "表{number}　{title}"
STATUS_HEAD = ("序号", "单位", "层级", "报送情况", "错误", "待确认提示", "需先处理的问题")
HAS_ERRORS_TITLE = "报告尚有错误"  # the tooltip of the ※ after a body's name
SUMMARY_PAGE_TEXT = {
    "status": "二、报送情况",
    "figures": "三、各单位主要数据",
    "totals": "四、全县合计",
    "charts": "五、图表",
    "findings": "六、各单位问题清单",
    "subtitle": "{edition}（{notice}）　汇总日期：{date}",
    "status_sentence": "全县应报送{expected}个单位，已报送{filed}个，未报送{missing}个{missing_names}。已报送的报告中，检查通过{passed}份，有待确认提示{warnings}份，有错误{errors}份{unreadable}。",
    "unreadable_part": "，文件无法读取{n}份",
    "not_due_sentence": "另有{n}个单位首份报告晚于本年，不在本年报送范围：{names}。",
    "status_caption": "各单位报送情况",
    "more": "另有{n}条，见“六、各单位问题清单”。",
    "none": "无",
    "figures_note": "下列各表按各单位参数文件中的数字列出，未报送和文件无法读取的单位不列出；“—”表示未填写或无法计算；单位名称后标有“※”的，报告尚有错误，数字可能还会变化。最后一行为全县合计（计算方法见第四部分）。",
    "body_head": "单位",
    "total_row": "全县合计",
    "has_errors_mark": "※",
    "fees_group": "信息处理费",
    "included": "全县合计为下列{n}个单位的数字之和：{names}。合计表中的合计栏（总计列、（七）总计等）按各项之和计算。",
    "excluded": "未计入合计：{items}。",
    "with_errors": "其中{names}的报告尚有错误，改正后合计会随之变化。",
    "total_check_ok": "按年度报告的勾稽关系和填写规则检查全县合计，未发现问题。",
    "total_check_bad": "按年度报告的勾稽关系和填写规则检查全县合计，发现以下问题（合计的问题源自有关单位的报告，请按第六部分逐单位改正）：",
    "no_total": "本年尚无可以合计的报告。",
    "charts_note": "图中数字取自各单位参数文件；“未填写”表示该单位未填写此项。",
    "no_charts": "本年尚无可以作图的数据。",
    "findings_note": "以下列出检查各单位参数文件发现的全部问题。“错误”须改正后报告方可发布；“提示”须逐条核对，确属实情的，可在参数文件中确认并写明理由（已确认的提示也列在这里，注明理由）。",
    "no_findings": "各单位均未发现问题。",
}
