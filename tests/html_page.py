"""Reading a report page back in tests: a small element tree (stdlib html.parser) and table grids.

Tests assert on structure (which cell spans what, which th has which scope), not on markup
strings, so a harmless change of attribute order or whitespace does not break them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"meta", "img", "col", "br", "wbr", "link", "hr", "input"}
TEXT_BLOCKS = {"h1", "h2", "h3", "p"}


@dataclass(eq=False)  # compared by identity: a spanning cell is one node in many grid positions
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self, tag: str | None = None):
        if tag is None or self.tag == tag:
            yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter(tag)

    def find(self, tag: str, **attrs: str) -> Node:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag} {attrs}>"
        return found[0]

    def find_all(self, tag: str, **attrs: str) -> list[Node]:
        return [n for n in self.iter(tag) if all(n.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())]

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.declarations: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.declarations.append(decl)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    assert len(builder.stack) == 1, f"unclosed: {[n.tag for n in builder.stack[1:]]}"
    builder.root.attrs["doctype"] = " ".join(builder.declarations)
    return builder.root


def table_grid(table: Node) -> list[list[Node]]:
    """The table as a full grid: each position holds the cell covering it. Fails on overlaps and ragged rows."""
    rows = [tr for tr in table.iter("tr")]
    grid: list[list[Node | None]] = [[] for _ in rows]
    for r, tr in enumerate(rows):
        c = 0
        for cell in (n for n in tr.children if isinstance(n, Node) and n.tag in ("th", "td")):
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            rowspan, colspan = int(cell.attrs.get("rowspan", 1)), int(cell.attrs.get("colspan", 1))
            for dr in range(rowspan):
                assert r + dr < len(rows), f"{cell.text()!r} spans below the table"
                line = grid[r + dr]
                while len(line) < c + colspan:
                    line.append(None)
                for dc in range(colspan):
                    assert line[c + dc] is None, f"{cell.text()!r} overlaps another cell"
                    line[c + dc] = cell
            c += colspan
    widths = {len(line) for line in grid}
    assert len(widths) == 1, f"ragged rows: widths {sorted(widths)}"
    assert all(cell is not None for line in grid for cell in line), "a hole in the table"
    return grid  # type: ignore[return-value]


def report_text(page: Node) -> str:
    """The report's own text, one line per title, heading or paragraph, as the seed text file has it
    (the signature block, the draft mark and appendix, tables and figures left out)."""
    article = page.find("article")
    lines: list[str] = []

    def walk(node: Node) -> None:
        for child in node.children:
            if not isinstance(child, Node):
                continue
            if child.classes & {"signature", "draft-appendix", "draft-banner", "draft-mark"} or child.tag in ("table", "figure"):
                continue
            if child.tag in TEXT_BLOCKS:
                lines.append(child.text())
            else:
                walk(child)

    walk(article)
    return "\n".join(lines)
