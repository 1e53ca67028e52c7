"""The wording the renderers add to a report (kit.render.html and kit.render.docx print the same)."""

from __future__ import annotations

DATE_LINE = "    年  月  日"  # as on the stamped paper copy: the date is written by hand
DRAFT_MARK = "草稿　未经审核，不得印发"
APPENDIX_TITLE = "附：校验发现的问题"
APPENDIX_NOTE = "本附录只在草稿中出现。正式印发前，请逐条改正错误，并核对或确认每条提示。"
NO_FINDINGS = "校验未发现问题。"
FIGURE_CAPTION = "图{number}　{title}"
SUBJECT = "政府信息公开工作年度报告"
TREND_ALT_ONE = "柱状图：{first}—{last}年，{what}依次为{values}。"  # the trend chart with one panel (the other mostly zero)
UNIT_NOTE = "（单位：{unit}）"  # after a money column's label that does not name its unit (2019: 采购总金额)
