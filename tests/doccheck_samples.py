"""Published-looking reports for the document-check tests: text, Word and HTML, in every edition.

A report is a list of blocks (title, paragraphs, headings, tables). Tables are laid out the way
the official template prints them — merged header cells, row-group labels spanning their rows,
block labels across table 二 — and then written as a .docx with real merged cells, as HTML with
rowspan/colspan, or as text in the shapes a copy from a web page or PDF takes (tabs, one cell a
line, runs of spaces, "|" bars). Labels come from the specs (as the kit prints them); the prose
is hand-written, the way clerks write it, with flaws injected by the tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from conftest import APPLICATIONS

from kit.report import Body, BodyRef, BreakdownItem, YearReport
from kit.spec import Table, load_spec

Cell = tuple[str, int, int]  # text, rowspan, colspan
Block = tuple[str, str]  # (kind, text): title | para | heading | table (text = table id)

BODY = "青禾县柳塘镇人民政府"
SUBTOTAL = "小计"

# Table 三 is the same consistent year the core's tests use (conftest.APPLICATIONS).
PROACTIVE = {
    "gov2021": {
        "rules": {"made": 0, "repealed": 0, "in_force": 0},
        "normative_docs": {"made": 3, "repealed": 1, "in_force": 12},
        "licensing": {"decisions": 120},
        "penalty": {"decisions": 15},
        "enforcement": {"decisions": 2},
        "fees": {"amount": "0.35"},
    },
    "gov2019": {
        "rules": {"produced": 0, "published": 0, "public_total": 0},
        "normative_docs": {"produced": 3, "published": 3, "public_total": 12},
        "licensing": {"items_last_year": 20, "items_change": "+1", "decisions": 120},
        "other_services": {"items_last_year": 5, "items_change": 0, "decisions": 30},
        "penalty": {"items_last_year": 8, "items_change": -1, "decisions": 15},
        "enforcement": {"items_last_year": 3, "items_change": 0, "decisions": 2},
        "fees": {"items_last_year": 2, "items_change": 0},
        "procurement": {"projects": 4, "amount": "35.5"},
    },
}
REVIEW = {"review_upheld": 1, "direct_corrected": 1}


def values(edition: str, changes: dict[str, str] | None = None) -> dict[str, str]:
    """Every cell of `edition` as printed ("table.row.column" -> text), totals included, consistent."""
    spec = load_spec(edition)
    out: dict[str, str] = {}
    numbers: dict[str, int] = {}
    for cell in spec.cells():
        t, r, c = cell.key.split(".")
        raw = {"applications": APPLICATIONS, "proactive": PROACTIVE[edition], "review_litigation": {"cases": REVIEW}}[t].get(r, {}).get(c, 0)
        numbers[cell.key] = int(raw) if isinstance(raw, int) else 0
        out[cell.key] = str(raw)
    for key, parts in spec.formulas.items():
        out[key] = str(sum(numbers[p] for p in parts))
        numbers[key] = int(out[key])
    out.update(changes or {})
    return out


# ---------------------------------------------------------------------------------------------
# tables as the template prints them


def _header(table: Table, columns, extra: Cell | None = None) -> list[list[Cell]]:
    """Header rows for columns with paths: equal prefixes merge across, short paths reach down."""
    depth = max(len(c.path) for c in columns)
    rows: list[list[Cell]] = [[] for _ in range(depth)]
    for level in range(depth):
        i = 0
        while i < len(columns):
            c = columns[i]
            if len(c.path) <= level:
                i += 1
                continue
            if len(c.path) - 1 == level:
                rows[level].append((c.path[level], depth - level, 1))
                i += 1
                continue
            j = i
            while j < len(columns) and len(columns[j].path) > level + 1 and columns[j].path[: level + 1] == c.path[: level + 1]:
                j += 1
            rows[level].append((c.path[level], 1, j - i))
            i = j
    return rows


def table_rows(edition: str, table_id: str, printed: dict[str, str], *, subtotals: bool = False) -> list[list[Cell]]:
    """The table as merged cells, one list per printed row (cells that start in that row)."""
    spec = load_spec(edition)
    table = spec.table(table_id)
    if table_id == "review_litigation":
        block = table.blocks[0]
        rows = _header(table, block.columns)
        rows.append([(printed[f"{table.id}.{block.rows[0].id}.{c.id}"], 1, 1) for c in block.columns])
        return rows
    if table_id == "proactive":
        width = max(len(b.columns) for b in table.blocks) + 1
        rows = []
        for block in table.blocks:
            rows.append([(block.label or "", 1, width)])
            n = len(block.columns)
            spans = [1] * n
            spans[-1] += width - 1 - n
            rows.append([(table.row_header or "", 1, 1), *((c.label, 1, s) for c, s in zip(block.columns, spans, strict=True))])
            for row in block.rows:
                rows.append([(row.label, 1, 1), *((printed[f"{table.id}.{row.id}.{c.id}"], 1, s) for c, s in zip(block.columns, spans, strict=True))])
        return rows
    # table 三: three label columns, then the applicant columns (8 with a 小计 column)
    block = table.blocks[0]
    columns = list(block.columns)
    header = _header(table, columns)
    group = [c for c in columns if len(c.path) == 3]
    if subtotals:
        after = columns.index(group[-1]) + 1
        header[1] = [(t, rs, cs + 1 if t == group[0].path[1] else cs) for t, rs, cs in header[1]]
        header[2] = [*header[2], (SUBTOTAL, 1, 1)]
    header[0] = [(table.corner or "", len(header), 3), *header[0]]
    rows = header

    def figures(row_id: str) -> list[Cell]:
        cells = [(printed[f"{table.id}.{row_id}.{c.id}"], 1, 1) for c in columns]
        if subtotals:
            sub = sum(int(printed[f"{table.id}.{row_id}.{c.id}"]) for c in group if printed[f"{table.id}.{row_id}.{c.id}"].isdigit())
            cells.insert(after, (str(sub), 1, 1))
        return cells

    spec_rows = list(block.rows)
    under: dict[tuple[str, ...], list[str]] = {}
    for r in spec_rows:
        for d in range(1, len(r.path)):
            under.setdefault(r.path[:d], []).append(r.id)
    started: set[tuple[str, ...]] = set()
    for r in spec_rows:
        cells: list[Cell] = []
        if len(r.path) == 1:
            cells.append((r.label, 1, 3))
        else:
            top = r.path[:1]
            if top not in started:
                started.add(top)
                extra = sum(1 for g in under if len(g) == 2 and g[:1] == top and subtotals)
                cells.append((r.path[0], len(under[top]) + extra, 1))
            if len(r.path) == 2:
                cells.append((r.label, 1, 2))
            else:
                group_path = r.path[:2]
                if group_path not in started:
                    started.add(group_path)
                    if subtotals:
                        rows.append(
                            [
                                *cells,
                                (r.path[1], len(under[group_path]) + 1, 1),
                                (SUBTOTAL, 1, 1),
                                *_subtotal(printed, table.id, under[group_path], columns, group, after),
                            ]
                        )
                        cells = []
                    else:
                        cells.append((r.path[1], len(under[group_path]), 1))
                cells.append((r.label, 1, 1))
        rows.append([*cells, *figures(r.id)])
    return rows


def _subtotal(printed: dict[str, str], table_id: str, members: list[str], columns, group, after: int) -> list[Cell]:
    sums = [sum(int(printed[f"{table_id}.{m}.{c.id}"]) for m in members) for c in columns]
    cells = [(str(v), 1, 1) for v in sums]
    cells.insert(after, (str(sum(sums[columns.index(c)] for c in group)), 1, 1))
    return cells


# ---------------------------------------------------------------------------------------------
# a report


OPENING = (
    "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发"
    "〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。全文包括总体情况、"
    "主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议及行政诉讼情况、存在的主要问题及改进情况、"
    "其他需要报告的事项。报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。本报告电子版可在青禾县人民政府网站"
    "（http://www.qinghe.example/）查阅或下载。如对本报告有疑问，请与柳塘镇党政办公室联系（地址：青禾县柳塘镇人民路1号；"
    "邮编：000000；电话：0000-1234567）。"
)
OPENING_2019 = OPENING.replace("〈中华人民共和国政府信息公开工作年度报告格式〉", "〈中华人民共和国政府信息公开工作年度报告格式（试行）〉").replace(
    "国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号"
)

PROSE = {
    "（一）主动公开": [
        "{year}年，柳塘镇通过政府信息公开专栏、“柳塘发布”微信公众号和村（居）务公开栏主动公开政府信息120条，其中工作动态60条、通知公告40条、政策文件20条。"
        "全年公开行政许可决定120件、行政处罚决定15件、行政强制决定2件，执法信息做到应公开尽公开。",
        "围绕高标准农田建设、耕地地力保护补贴等惠农政策，在资金发放前逐村公示发放对象和标准，接受群众监督。",
    ],
    "（二）依申请公开": [
        "本年度共收到政府信息公开申请8件，上年结转1件。其中予以公开4件，部分公开1件，不予公开1件，无法提供1件，不予处理1件，结转下年度继续办理1件。"
        "所有申请均在法定期限内答复，对不属于本机关掌握的信息，告知申请人负责该信息的机关及联系方式。",
    ],
    "（三）政府信息管理": [
        "严格落实公开前保密审查制度，信息发布前由经办人初审、党政办公室复审、分管负责同志审签。对照基层政务公开标准目录，逐项梳理公开事项、公开时限和公开方式。",
    ],
    "（四）政府信息公开平台建设": [
        "政府信息公开专栏是发布政府信息的第一平台，法定主动公开内容全部在专栏集中发布。“柳塘发布”微信公众号全年保持正常更新，重要信息与专栏同步推送。",
    ],
    "（五）监督保障": [
        "镇政府调整充实政务公开工作领导小组，由镇长任组长，党政办公室负责日常工作。本年度因政府信息公开被申请行政复议1件，被提起行政诉讼1件，均已依法应诉。",
    ],
    "五、存在的主要问题及改进情况": [
        "对上年度报告查找出的问题，柳塘镇制定了整改清单：针对栏目更新不及时的问题，建立了月度巡查机制，对长期未更新的栏目进行了归并。",
        "本年度工作中仍存在一些不足：一是政策解读形式较为单一；二是线下查阅点利用率不高。{next}年，镇政府将丰富图解、视频等解读形式，加强查阅点宣传。",
    ],
    "六、其他需要报告的事项": [
        "本年度未收取信息处理费，发出收费通知0件。按照全县政务公开工作要点，我镇完成了涉农政策的集中公开；涉及柳塘镇的人大代表建议已全部办结并公开答复情况。",
    ],
}
# Another town's own wording, for reports that must not look copied.
PROSE_OTHER = {
    "（一）主动公开": [
        "禾丰镇本年度围绕渔业转型和湿地保护开展公开工作，在专栏发布各类政府信息120条，其中工作动态60条、通知公告40条、政策文件20条。退捕渔民转产补助在发放前逐户公示，公示期内未收到异议。"
    ],
    "（二）依申请公开": ["全年新收政府信息公开申请8件，另有上年结转1件，均在法定期限内作出答复。对申请内容不明确的，一次性告知需要补正的事项。"],
    "（三）政府信息管理": ["今年起实行公开属性源头认定，公文拟制时即标明公开方式；不公开的，在发文稿纸上写明理由，由分管领导签字。"],
    "（四）政府信息公开平台建设": ["镇政府信息公开专栏按全县统一栏目运行，“禾丰之声”广播每周播报一次惠民政策，渔港码头新设电子显示屏。"],
    "（五）监督保障": ["把政务公开纳入村级年度考核，委托县政务公开办组织一次群众满意度测评，测评结果在镇政府门户公布。"],
    "五、存在的主要问题及改进情况": [
        "去年指出的答复文书不规范问题已通过统一范本解决。今年的短板在于渔业政策解读不够通俗，{next}年将请县农业农村局业务骨干录制方言解读音频。"
    ],
    "六、其他需要报告的事项": ["全年没有向申请人收费，未发出收费通知。镇人大代表提出的3件建议均已办结。"],
}


def blocks(year: int, edition: str | None = None, *, body: str = BODY, opening: str | None = None, prose: dict[str, list[str]] | None = None) -> list[Block]:
    """A complete gov2021/gov2019 report as blocks (which tables it prints is up to the writer's `Tables`)."""
    from kit.spec import edition_for_year

    edition = edition or edition_for_year(year)
    texts = {**PROSE, **(prose or {})}
    spec = load_spec(edition)
    out: list[Block] = [("title", f"{body}{year}年政府信息公开工作年度报告")]
    out.append(("para", (opening or (OPENING_2019 if edition == "gov2019" else OPENING)).format(year=year)))
    for section in spec.sections:
        out.append(("heading", f"{section.number}{section.title}"))
        for sub in section.subsections:
            out.append(("heading", f"{sub.number}{sub.title}"))
            out += [("para", p.format(year=year, next=year + 1)) for p in texts[f"{sub.number}{sub.title}"]]
        if section.table:
            out.append(("table", section.table))
        elif not section.subsections:
            out += [("para", p.format(year=year, next=year + 1)) for p in texts[f"{section.number}{section.title}"]]
    out.append(("para", body))
    out.append(("para", f"{year + 1}年1月18日"))
    return out


def edit(report: list[Block], old: str, new: str) -> list[Block]:
    """The report with one phrase changed (a flaw injected); fails loudly if the phrase is absent."""
    assert any(old in text for kind, text in report if kind != "table"), old
    return [(kind, text.replace(old, new) if kind != "table" else text) for kind, text in report]


@dataclass
class Tables:
    edition: str
    printed: dict[str, str]
    subtotals: bool = False

    def rows(self, table_id: str) -> list[list[Cell]]:
        return table_rows(self.edition, table_id, self.printed, subtotals=self.subtotals and table_id == "applications")


# ---------------------------------------------------------------------------------------------
# writers


def write_text(path: Path, report: list[Block], tables: Tables, layout: str = "tabs") -> Path:
    """layout: tabs | cells (one cell a line) | spaces | pipes."""
    lines: list[str] = []
    for kind, text in report:
        if kind != "table":
            lines.append(text)
            continue
        for row in tables.rows(text):
            cells = [t for t, _rs, _cs in row]
            if layout == "cells":
                lines += [c for c in cells if c]
            elif layout == "spaces":
                lines.append("  ".join(c for c in cells if c))
            elif layout == "pipes":
                lines.append("| " + " | ".join(cells) + " |")
            else:
                lines.append("\t".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _placed(rows: list[list[Cell]]) -> tuple[list[tuple[int, int, Cell]], int]:
    """Each cell's (row, column) on the grid, HTML-style, and the grid's width."""
    taken: set[tuple[int, int]] = set()
    out = []
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            _text, rs, cs = cell
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            out.append((r, c, cell))
            c += cs
            width = max(width, c)
    return out, width


def write_docx(path: Path, report: list[Block], tables: Tables) -> Path:
    import docx

    document = docx.Document()
    for kind, text in report:
        if kind == "title":
            document.add_heading(text, level=0)
        elif kind == "heading":
            document.add_paragraph(text)
        elif kind == "para":
            document.add_paragraph(text)
        else:
            rows = tables.rows(text)
            placed, width = _placed(rows)
            grid = document.add_table(rows=len(rows), cols=width)
            for r, c, (t, rs, cs) in placed:
                cell = grid.cell(r, c)
                if rs > 1 or cs > 1:
                    cell = cell.merge(grid.cell(r + rs - 1, c + cs - 1))
                cell.text = t
    document.save(str(path))
    return path


SITE_TOP = """<div class="top"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/zwgk/ndbg/">政府信息公开年度报告</a> <a href="/hdjl/">互动交流</a></div>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年度报告</div>"""
SITE_META = '<div class="info">发布时间：{year}-01-20 来源：柳塘镇人民政府 浏览次数：128</div>'
SITE_BOTTOM = """<div class="tools">【打印本页】【关闭窗口】</div>
<div class="foot"><p>主办：青禾县人民政府办公室</p><p>版权所有©{year} 青禾县人民政府 网站标识码：0000000000</p></div>"""


def write_html(path: Path, report: list[Block], tables: Tables, *, encoding: str = "utf-8", page: bool = False, layout_table: bool = False) -> Path:
    """`page`: the report as a government web page shows it — menus, breadcrumb, publication info, a
    title printed on two lines and a footer around the article (plain divs, as most sites use).
    `layout_table`: the article inside a table that only lays out the page, as older sites do."""
    import re
    from html import escape

    year = int(re.search(r"(\d{4})年", report[0][1]).group(1)) + 1  # type: ignore[union-attr]  # published the next year
    parts = [f'<!DOCTYPE html><html lang="zh"><head><meta charset="{encoding}"><title>{escape(report[0][1])}-青禾县人民政府</title></head><body>']
    if page:
        parts.append(SITE_TOP)
    parts.append('<table width="900" align="center"><tr><td class="article">' if layout_table else '<div class="article">')
    for kind, text in report:
        if kind == "title" and page:
            name, _, rest = text.partition(str(year - 1))
            parts.append(f"<h1>{escape(name)}<br>{escape(str(year - 1) + rest)}</h1>" + SITE_META.format(year=year))
        elif kind == "title":
            parts.append(f"<h1>{escape(text)}</h1>")
        elif kind == "heading":
            parts.append(f"<p><strong>{escape(text)}</strong></p>")
        elif kind == "para":
            parts.append(f'<p style="text-indent:2em">{escape(text)}</p>')
        else:
            parts.append('<table border="1">')
            for row in tables.rows(text):
                cells = "".join(
                    f"<td{f' rowspan={rs}' if rs > 1 else ''}{f' colspan={cs}' if cs > 1 else ''}>{escape(t) or '&nbsp;'}</td>" for t, rs, cs in row
                )
                parts.append(f"<tr>{cells}</tr>")
            parts.append("</table>")
    parts.append("</td></tr></table>" if layout_table else "</div>")
    if page:
        parts.append(SITE_BOTTOM.format(year=year))
    parts.append("</body></html>")
    path.write_bytes("\n".join(parts).encode(encoding))
    return path


def findings_of(results: Iterable, rule: str | None = None) -> list:
    return [f for r in results for f in r.findings if rule is None or f.rule == rule]


# ---------------------------------------------------------------------------------------------
# the kit's own reports (parameters), with the same figures

COUNTY = "青禾县"
KIT_PROSE = {
    "overview_proactive": "${year}年主动公开政府信息${figures.proactive_total}条，其中${figures.proactive_breakdown}。",
    "overview_requests": "本年度新收政府信息公开申请${tables.applications.new.total}件，上年结转${tables.applications.carried.total}件。",
    "overview_management": "落实保密审查。",
    "overview_platforms": "维护政府网站。",
    "overview_oversight": "纳入年度考核。",
    "problems": "时效有待提升。\n${next_year}年将加强培训。",
    "other": "本年度未收取信息处理费。",
}
LONG = {  # long enough (over 120 characters of prose) to be compared between years and bodies
    "overview_management": "严格落实公开前保密审查制度，信息发布前由经办人初审、党政办公室复审、分管负责同志审签。对照基层政务公开标准目录，逐项梳理公开事项、公开时限和公开方式，做到公开事项有登记、有审核、有归档。",
    "overview_platforms": "政府信息公开专栏是发布政府信息的第一平台，法定主动公开内容全部在专栏集中发布。“柳塘发布”微信公众号全年保持正常更新，重要信息与专栏同步推送，村（居）务公开栏定期更新。",
    "problems": "本年度工作中仍存在一些不足：一是政策解读形式较为单一；二是线下查阅点利用率不高。${next_year}年，将丰富图解、视频等解读形式，加强查阅点宣传，方便不常上网的群众获取信息。",
}


def kit_body(name: str = "柳塘镇", level: str = "镇") -> Body:
    """A fictional town of the fictional county, as body.yaml would describe it."""
    return Body(
        ref=BodyRef(COUNTY, name),
        name=name,
        full_name=f"{COUNTY}{name}人民政府",
        level=level,
        county=COUNTY,
        address=f"{COUNTY}{name}人民路1号",
        postcode="000000",
        phone="0000-1234567",
        website="http://www.qinghe.example/",
        website_name="青禾县人民政府网站",
        contact_office=f"{name}党政办公室",
        fictional=True,
    )


def kit_report(b: Body, year: int, prose: dict[str, str] | None = None, acknowledged: dict[str, str] | None = None) -> YearReport:
    """A complete report of the kit (its parameters) with the sample figures and short prose."""
    from kit.spec import edition_for_year

    edition = edition_for_year(year)
    spec = load_spec(edition)
    cells = {}
    for key, text in values(edition).items():
        if not spec.cell_index[key].computed:
            cells[key] = Decimal(text) if "." in text else int(text)
    figures = {
        "proactive_total": 120,
        "proactive_breakdown": [BreakdownItem("工作动态", 60), BreakdownItem("通知公告", 40), BreakdownItem("政策文件", 20)],
        "fee_notices": 0,
        "fee_notified": 0,
        "fee_collected": 0,
    }
    return YearReport(body=b, year=year, edition=edition, cells=cells, figures=figures, prose={**KIT_PROSE, **(prose or {})}, acknowledged=acknowledged or {})
