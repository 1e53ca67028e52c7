"""A document as plain text: one line per heading or paragraph, tables as tab-separated rows.

This is how the kit compares a rebuilt report with a published one (the seed test) and how
later document checks read reports.
"""

from __future__ import annotations

from kit.document import Document, Heading, Paragraph, TableBlock
from kit.render.table_layout import own_label
from kit.values import format_figure


def render_text(doc: Document) -> str:
    """The report as plain text, one paragraph a line (the seed test compares this with the original).

    >>> from kit import paths
    >>> from kit.document import build_document
    >>> from kit.report import BodyRef
    >>> from kit.store import Store
    >>> report = Store(paths.CHECKOUT / "parameters").load_year(BodyRef("微山县", "驩城镇"), 2018)
    >>> render_text(build_document(report)).splitlines()[0]
    '2018年度驩城镇政府信息公开年度报告'
    """
    lines = [doc.title, "", doc.opening]
    for block in doc.blocks:
        if isinstance(block, Heading):
            lines.append(block.text)
        elif isinstance(block, Paragraph):
            lines.append((block.lead or "") + block.text)
        elif isinstance(block, TableBlock):
            lines += _table(block)
    return "\n".join(lines) + "\n"


def _table(block: TableBlock) -> list[str]:
    out = []
    t = block.table
    for b in t.blocks:
        if b.label:
            out.append(b.label)
        headers = [" ".join((*c.path[:-1], own_label(c))) for c in b.columns]
        out.append("\t".join([t.row_header or "", *headers]) if t.row_labels else "\t".join(headers))
        for row in b.rows:
            cells = [format_figure(block.values.get(f"{t.id}.{row.id}.{c.id}")) for c in b.columns]
            out.append("\t".join([row.printed, *cells] if t.row_labels else cells))
    return out
