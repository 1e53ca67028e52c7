"""The county summary as one self-contained HTML page (the source of its PDF).

Same look and care as the annual reports: it carries the reports' own print CSS
(kit.render.html.report_css) plus a few rules for data tables (templates/county_summary), the
county totals are printed with the reports' own table renderer (kit.render.html.table_html),
charts are PNG data: URIs with alt texts. lang="zh", a charset, no script, nothing fetched.
Tables have captions, <th scope>, and a <tfoot> for the county total. Every text from a
parameter file is escaped. The wording is in TEXT, from kit.messages.render and kit.messages.cycle (and in
kit.data.summary.TEXT / STATUS_TEXT).
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Sequence
from html import escape

from kit import paths
from kit.data.key_figures import KeyFigure
from kit.data.summary import BodyStatus, CountySummary, Status, findings_by_body
from kit.document import TableBlock
from kit.messages import cycle as cycle_say
from kit.messages import render as msg
from kit.render.html import FIGURE_CAPTION, IMAGE_STYLE, Chart, page_html, report_css, table_html
from kit.values import Number, format_figure

CSS_FILE = paths.TEMPLATES / "county_summary" / "summary.css"
TABLE_CAPTION = msg.TABLE_CAPTION
BLANK = "—"
STATUS_HEAD = msg.STATUS_HEAD
BOARD_HEAD = cycle_say.SUMMARY_BOARD_HEAD

TEXT = {**cycle_say.SUMMARY_TEXT, **msg.SUMMARY_PAGE_TEXT}


@functools.cache
def summary_css() -> str:
    return CSS_FILE.read_text(encoding="utf-8")


def render_summary(summary: CountySummary, charts: Sequence[Chart] = ()) -> str:
    """The complete page: the reports' CSS, the summary's additions, the article."""
    return page_html(summary.title, f"{report_css()}\n{summary_css()}", summary_article(summary, charts))


class _Numbers:
    """Running numbers of tables and figures, so captions read 表1 … and 图1 … in page order."""

    def __init__(self) -> None:
        self.table = 0
        self.figure = 0

    def next_table(self, title: str) -> str:
        self.table += 1
        return TABLE_CAPTION.format(number=self.table, title=title)

    def next_figure(self, title: str) -> str:
        self.figure += 1
        return FIGURE_CAPTION.format(number=self.figure, title=title)


def summary_article(summary: CountySummary, charts: Sequence[Chart] = ()) -> str:
    n = _Numbers()
    spec = summary.spec
    date = summary.generated
    subtitle = TEXT["subtitle"].format(edition=spec.name, notice=spec.notice or spec.name, date=cycle_say.signature_date(date.year, date.month, date.day))
    out = [
        '<article class="gov-report county-summary">',
        f'<h1 class="title">{escape(summary.title)}</h1>',
        f'<p class="subtitle">{escape(subtitle)}</p>',
        _board_section(summary, n),
        _status_section(summary, n),
        _figures_section(summary, n),
        _totals_section(summary, n),
        _charts_section(charts, n),
        _findings_section(summary),
        "</article>",
    ]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# 一、审核进度 (the yearly cycle's board, kit.cycle)


def board_sentence(summary: CountySummary) -> str:
    b = summary.board
    if b is None:
        return ""
    names = {s.ref: s.name for s in summary.bodies}
    counts = "，".join(TEXT["board_count"].format(state=state.value, n=n) for state, n in b.counts().items() if n)
    approved, late = b.approved(), b.overdue()
    return TEXT["board_sentence"].format(
        total=len(b.rows),
        counts=counts,
        approved=TEXT["board_approved"].format(n=len(approved), names="、".join(names.get(r.ref, r.ref.body) for r in approved)) if approved else TEXT["board_none_approved"],
        overdue=TEXT["board_overdue"].format(n=len(late), names="、".join(names.get(r.ref, r.ref.body) for r in late)) if late else TEXT["board_none_overdue"],
    )


def _board_section(summary: CountySummary, n: _Numbers) -> str:
    b = summary.board
    out = ['<section class="board">', f"<h2>{escape(TEXT['board'])}</h2>"]
    if b is None:
        return "\n".join([*out, "</section>"])
    names = {s.ref: s.name for s in summary.bodies}
    out.append(f"<p>{escape(board_sentence(summary))}</p>")
    out.append('<table class="summary-table board-table">')
    date = b.today
    out.append(f"<caption>{escape(n.next_table(TEXT['board_caption'].format(date=cycle_say.signature_date(date.year, date.month, date.day))))}</caption>")
    out.append("<thead><tr>" + "".join(f'<th scope="col">{escape(h)}</th>' for h in BOARD_HEAD) + "</tr></thead>")
    out.append("<tbody>")
    for i, r in enumerate(b.rows):
        late = r.standing is not None and r.standing.late
        state = escape(r.state.value)
        if r.reason:
            state += f'<p class="more">{escape(TEXT["board_reason"].format(reason=r.reason))}</p>'
        out.append(
            f'<tr class="state-{escape(r.state.name.lower())}{" late" if late else ""}">'
            f'<td class="num">{i + 1}</td>'
            f'<th scope="row">{escape(names.get(r.ref, r.ref.body))}</th>'
            f'<td class="level">{escape(r.level)}</td>'
            f'<td class="status">{state}</td>'
            f"<td>{escape(r.last.by) if r.last else BLANK}</td>"
            f"<td>{escape(r.last.describe_time()) if r.last else BLANK}</td>"
            f"<td>{escape(r.standing.deadline.due.isoformat()) if r.standing else BLANK}</td>"
            f"<td>{escape(r.standing.describe() if r.standing else (r.problem or BLANK))}</td>"
            "</tr>"
        )
    out += ["</tbody>", "</table>", "</section>"]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# 二、报送情况


def status_sentence(summary: CountySummary) -> str:
    counts = summary.counts()
    missing = summary.by_status(Status.MISSING)
    unreadable = counts[Status.UNREADABLE]
    return TEXT["status_sentence"].format(
        expected=len(summary.expected),
        filed=len(summary.filed),
        missing=len(missing),
        missing_names=f"（{'、'.join(b.name for b in missing)}）" if missing else "",
        passed=counts[Status.PASSED],
        warnings=counts[Status.WARNINGS],
        errors=counts[Status.ERRORS],
        unreadable=TEXT["unreadable_part"].format(n=unreadable) if unreadable else "",
    )


def _status_section(summary: CountySummary, n: _Numbers) -> str:
    out = ['<section class="status">', f"<h2>{escape(TEXT['status'])}</h2>", f"<p>{escape(status_sentence(summary))}</p>"]
    not_due = summary.by_status(Status.NOT_DUE)
    if not_due:
        out.append(f"<p>{escape(TEXT['not_due_sentence'].format(n=len(not_due), names='、'.join(b.name for b in not_due)))}</p>")
    out.append('<table class="summary-table status-table">')
    out.append(f"<caption>{escape(n.next_table(TEXT['status_caption']))}</caption>")
    out.append(
        '<colgroup><col class="c-no"><col class="c-name"><col class="c-level"><col class="c-status"><col class="c-count"><col class="c-count"><col></colgroup>'
    )
    out.append("<thead><tr>" + "".join(f'<th scope="col">{escape(h)}</th>' for h in STATUS_HEAD) + "</tr></thead>")
    out.append("<tbody>")
    for i, b in enumerate(s for s in summary.bodies if s.status.expected):
        out.append(
            f'<tr class="status-{b.status.value}">'
            f'<td class="num">{i + 1}</td>'
            f'<th scope="row">{escape(b.name)}</th>'
            f'<td class="level">{escape(b.level)}</td>'
            f'<td class="status"><span class="badge">{escape(b.status.printed)}</span></td>'
            f'<td class="num">{_count(b, "errors")}</td>'
            f'<td class="num">{_count(b, "warnings")}</td>'
            f'<td class="first-findings">{_first_findings(b)}</td>'
            "</tr>"
        )
    out += ["</tbody>", "</table>", "</section>"]
    return "\n".join(out)


def _count(b: BodyStatus, what: str) -> str:
    if not b.status.filed:
        return ""
    return str(len(b.errors) if what == "errors" else len(b.open_warnings))


def _first_findings(b: BodyStatus) -> str:
    if b.status is Status.MISSING:
        return escape(b.note or "")
    first = b.first_findings()
    if not first:
        return escape(b.note or TEXT["none"])
    items = "".join(f"<li>{escape(f.describe(source=False, line=False))}</li>" for f in first)
    rest = len(b.errors) + len(b.open_warnings) - len(first)
    more = f'<p class="more">{escape(TEXT["more"].format(n=rest))}</p>' if rest > 0 else ""
    note = f'<p class="more">{escape(b.note)}</p>' if b.note and b.status is not Status.UNREADABLE else ""
    return f"<ol>{items}</ol>{more}{note}"


# ---------------------------------------------------------------------------------------------
# 三、各单位主要数据


def _table_groups(summary: CountySummary) -> list[list[str]]:
    """Which key-figure groups share a table: the small ones (主动公开, 信息处理费) go together."""
    groups: list[str] = []
    for b in summary.with_figures:
        for k in b.key:
            if k.group not in groups:
                groups.append(k.group)
    small = [g for g in groups if g in ("proactive", "fees")]
    out = [small] if small else []
    out += [[g] for g in groups if g not in small]
    return out


def _head(k: KeyFigure) -> str:
    return f"{k.short}（{k.unit}）" if k.kind == "money" and k.unit not in k.short else k.short


def _value(value: Number | None) -> str:
    return BLANK if value is None else escape(format_figure(value))


def _figures_section(summary: CountySummary, n: _Numbers) -> str:
    bodies = [b for b in summary.with_figures if b.key]
    out = ['<section class="figures wide-page">', f"<h2>{escape(TEXT['figures'])}</h2>"]
    if not bodies:
        out += [f"<p>{escape(TEXT['no_total'])}</p>", "</section>"]
        return "\n".join(out)
    out.append(f'<p class="note">{escape(TEXT["figures_note"])}</p>')
    total = {k.key: k.value for k in summary.total.key} if summary.total else {}
    template = max(bodies, key=lambda b: b.report is not None and b.report.edition == summary.spec.id).key
    for groups in _table_groups(summary):
        keys = [k for k in template if k.group in groups]
        if not keys:
            continue
        heads = [(g, [k for k in keys if k.group == g]) for g in groups]
        heads = [(g, ks) for g, ks in heads if ks]
        title = "、".join(_group_title(ks[0]) for _, ks in heads)
        out.append('<table class="summary-table side-by-side">')
        out.append(f"<caption>{escape(n.next_table(title))}</caption>")
        out.append("<thead>")
        if len(heads) > 1:
            out.append(
                f'<tr><th scope="col" rowspan="2">{escape(TEXT["body_head"])}</th>'
                + "".join(f'<th scope="colgroup" colspan="{len(ks)}">{escape(_group_title(ks[0]))}</th>' for _, ks in heads)
                + "</tr>"
            )
            out.append("<tr>" + "".join(f'<th scope="col">{escape(_head(k))}</th>' for k in keys) + "</tr>")
        else:
            out.append(f'<tr><th scope="col">{escape(TEXT["body_head"])}</th>' + "".join(f'<th scope="col">{escape(_head(k))}</th>' for k in keys) + "</tr>")
        out.append("</thead>")
        out.append("<tbody>")
        for b in bodies:
            mark = f'<span class="mark" title="{escape(msg.HAS_ERRORS_TITLE)}">{TEXT["has_errors_mark"]}</span>' if b.status is Status.ERRORS else ""
            cells = "".join(f'<td class="num{" blank" if b.value(k.key) is None else ""}">{_value(b.value(k.key))}</td>' for k in keys)
            out.append(f'<tr><th scope="row">{escape(b.ref.body)}{mark}</th>{cells}</tr>')
        out.append("</tbody>")
        if total:
            cells = "".join(f'<td class="num">{_value(total.get(k.key))}</td>' for k in keys)
            out.append(f'<tfoot><tr><th scope="row">{escape(TEXT["total_row"])}</th>{cells}</tr></tfoot>')
        out.append("</table>")
    out.append("</section>")
    return "\n".join(out)


def _group_title(k: KeyFigure) -> str:
    return TEXT["fees_group"] if k.group == "fees" else k.group_label


# ---------------------------------------------------------------------------------------------
# 四、全县合计


def _totals_section(summary: CountySummary, n: _Numbers) -> str:
    out = ['<section class="totals">', f"<h2>{escape(TEXT['totals'])}</h2>"]
    total = summary.total
    if total is None:
        out += [f"<p>{escape(TEXT['no_total'])}</p>", "</section>"]
        return "\n".join(out)
    names = {b.ref: b.name for b in summary.bodies}
    out.append(f"<p>{escape(TEXT['included'].format(n=len(total.included), names='、'.join(names[r] for r in total.included)))}</p>")
    if total.excluded:
        items = "；".join(f"{names[r]}（{why}）" for r, why in total.excluded)
        out.append(f"<p>{escape(TEXT['excluded'].format(items=items))}</p>")
    if summary.board is not None:
        approved = summary.approved()
        yes = [names[r] for r in total.included if r in approved]
        no = [names[r] for r in total.included if r not in approved]
        if not no:
            out.append(f"<p>{escape(TEXT['approved_all'])}</p>")
        elif not yes:
            out.append(f"<p>{escape(TEXT['approved_none'])}</p>")
        else:
            out.append(f"<p>{escape(TEXT['approved_part'].format(n=len(yes), names='、'.join(yes), m=len(no), others='、'.join(no)))}</p>")
    erroneous = [b.name for b in summary.bodies if b.ref in total.included and b.status is Status.ERRORS]
    if erroneous:
        out.append(f"<p>{escape(TEXT['with_errors'].format(names='、'.join(erroneous)))}</p>")
    if total.findings:
        out.append(f"<p>{escape(TEXT['total_check_bad'])}</p>")
        out.append('<ol class="findings">' + "".join(f"<li>{escape(f.describe(source=False, line=False))}</li>" for f in total.findings) + "</ol>")
    else:
        out.append(f"<p>{escape(TEXT['total_check_ok'])}</p>")
    if total.previous_note:
        out.append(f'<p class="note">{escape(total.previous_note)}</p>')
    for table in summary.spec.tables:
        caption = n.next_table(f"{TEXT['total_row']}：{table.number}{table.title}")
        out.append(table_html(TableBlock(table, total.values, caption)))
    out.append("</section>")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# 五、图表; 六、问题清单


def chart_html(chart: Chart, caption: str) -> str:
    data = base64.b64encode(chart.png).decode("ascii")
    return f'<figure class="chart"><img src="data:image/png;base64,{data}" alt="{escape(chart.alt)}" style="{IMAGE_STYLE}"><figcaption>{escape(caption)}</figcaption></figure>'


def _charts_section(charts: Sequence[Chart], n: _Numbers) -> str:
    out = ['<section class="charts">', f"<h2>{escape(TEXT['charts'])}</h2>"]
    if not charts:
        out.append(f"<p>{escape(TEXT['no_charts'])}</p>")
    else:
        out.append(f'<p class="note">{escape(TEXT["charts_note"])}</p>')
        out += [chart_html(c, n.next_figure(c.title)) for c in charts]
    out.append("</section>")
    return "\n".join(out)


def _findings_section(summary: CountySummary) -> str:
    out = ['<section class="findings-list">', f"<h2>{escape(TEXT['findings'])}</h2>", f'<p class="note">{escape(TEXT["findings_note"])}</p>']
    listed = findings_by_body(summary)
    if not listed:
        out.append(f"<p>{escape(TEXT['no_findings'])}</p>")
    for b, findings in listed:
        out.append(f'<section class="body-findings status-{b.status.value}">')
        out.append(f"<h3>{escape(b.name)}（{escape(b.status.printed)}）</h3>")
        if not findings:
            out.append(f"<p>{escape(b.note or b.status.printed)}</p>")
        else:
            out.append('<ol class="findings">')
            out += [f'<li class="{f.severity.value}">{escape(f.describe(root=summary.root))}</li>' for f in findings]
            out.append("</ol>")
        out.append("</section>")
    out.append("</section>")
    return "\n".join(out)
