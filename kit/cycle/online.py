"""`kit verify --online`: is the copy on the website the version that was published?

Reviewers count "different copies on different platforms" as a fault: the office publishes
第N版 and the website shows an older draft, or a copy edited in the CMS. For every body whose
report for the year is published with a URL (`kit publish --url`), the page (or the attachment
it links to) is downloaded with the document check's own fetching, and both it and the kept
published page are read by the same reader (kit.doccheck), so what is compared is what a reader
sees, not bytes: every table cell as printed, and every paragraph of the published page, which
must appear, unchanged, in the website's copy. The website's own navigation and footer around the
report are not differences; a paragraph missing or changed is, quoted.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from kit.doccheck.documents import DocumentChecked, check_sources
from kit.doccheck.sources import Source, collect_sources
from kit.errors import KitError
from kit.messages import cycle as msg
from kit.report import BodyRef
from kit.spec import load_spec
from kit.store import Store
from kit.store.record import Event, read_record

_SPACE = re.compile(r"\s+")
MAX_SHOWN = 8  # differences listed per report; the rest are counted


@dataclass(frozen=True)
class OnlineCheck:
    ref: BodyRef
    year: int
    version: int
    url: str | None
    differences: tuple[str, ...] = ()
    problem: str | None = None  # why the comparison could not be made

    @property
    def same(self) -> bool:
        return self.problem is None and not self.differences


def verify_online(store: Store, county: str, year: int, downloads: Path) -> list[OnlineCheck]:
    """The website's copy of each published report of `county` for `year`, against the version
    in force (the last publication). `downloads` receives the downloaded pages."""
    out: list[OnlineCheck] = []
    for ref in store.bodies(county):
        publications = read_record(store, ref, year).publications()
        if publications:
            out.append(_check_one(store, ref, int(year), publications[-1], downloads / f"{len(out) + 1}"))
    return out


def _check_one(store: Store, ref: BodyRef, year: int, event: Event, downloads: Path) -> OnlineCheck:
    version, url = event.version or 0, event.url
    if not url:
        return OnlineCheck(ref, year, version, None, problem=msg.ONLINE_NO_URL)
    folder = (store.body_dir(ref) / (event.folder or "")).resolve()
    pages = [folder / Path(f.name).name for f in event.files if f.name.lower().endswith((".html", ".htm"))]
    if not pages or not pages[0].is_file():
        return OnlineCheck(ref, year, version, url, problem=msg.ONLINE_NO_PAGE)
    try:
        (source,) = collect_sources([url], downloads)
    except KitError as exc:
        return OnlineCheck(ref, year, version, url, problem=str(exc))
    if source.error is not None:
        return OnlineCheck(ref, year, version, url, problem=msg.online_unreadable(source.error))
    published, online = check_sources([Source(pages[0]), source], years=[year, year])
    if online.doc is None:
        why = "；".join(f.message for f in online.errors) or msg.ONLINE_NOTHING_READ
        return OnlineCheck(ref, year, version, url, problem=msg.online_unreadable(why))
    return OnlineCheck(ref, year, version, url, tuple(differences(published, online)))


def differences(published: DocumentChecked, online: DocumentChecked) -> list[str]:
    """What a reader of the website's copy sees otherwise than in the published version."""
    return _cells(published, online) + _paragraphs(published, online)


def _cells(published: DocumentChecked, online: DocumentChecked) -> list[str]:
    if published.tables is None:
        return []
    if online.tables is None or online.tables.spec.id != published.tables.spec.id:
        return [msg.ONLINE_NO_TABLES]
    spec = load_spec(published.tables.spec.id)
    out = []
    for table_id, mine in published.tables.tables.items():
        theirs = online.tables.tables[table_id]
        for key in sorted(set(mine.cells) | set(theirs.cells), key=list(spec.cell_index).index):
            a, b = mine.cells.get(key), theirs.cells.get(key)
            said_a, said_b = _norm(a.text) if a else "", _norm(b.text) if b else ""
            if said_a != said_b:
                out.append(msg.online_cell(spec.cell_index[key].printed, said_a, said_b))
    return out


def _paragraphs(published: DocumentChecked, online: DocumentChecked) -> list[str]:
    assert published.doc is not None and online.doc is not None
    theirs = [_norm(p.text) for p in online.doc.paragraphs]
    everything = "".join(theirs)
    out = []
    for p in published.doc.paragraphs:
        text = _norm(p.text)
        if not text or text in everything:
            continue
        near = difflib.get_close_matches(text, theirs, n=1, cutoff=0.6)
        out.append(msg.online_paragraph_changed(*_where_they_part(text, near[0])) if near else msg.online_paragraph_missing(_around(text, 0)))
    return out


def _where_they_part(a: str, b: str) -> tuple[str, str]:
    """The two paragraphs quoted around the first place they differ (a long paragraph changed at
    its end would otherwise be quoted identically, cut before the change)."""
    start = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return _around(a, start), _around(b, start)


def _around(text: str, at: int, before: int = 12, after: int = 36) -> str:
    start, end = max(0, at - before), min(len(text), at + after)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _norm(text: str) -> str:
    return _SPACE.sub("", text)


def format_online(county: str, year: int, checks: list[OnlineCheck]) -> str:
    if not checks:
        return msg.VERIFY_NOTHING.format(county=county, year=year)
    out = []
    for c in checks:
        if c.problem is not None:
            out.append(msg.online_not_compared(c.ref, c.year, c.version, c.problem))
        elif c.same:
            out.append(msg.online_same(c.ref, c.year, c.version, c.url))
        else:
            shown = [f"  - {d}" for d in c.differences[:MAX_SHOWN]]
            if len(c.differences) > MAX_SHOWN:
                shown.append(msg.online_more(len(c.differences) - MAX_SHOWN))
            out.append("\n".join([msg.online_differs(c.ref, c.year, c.version, c.url, len(c.differences)), *shown]))
    same = sum(1 for c in checks if c.same)
    differ = sum(1 for c in checks if c.differences)
    out.append(msg.ONLINE_SUMMARY.format(reports=len(checks), same=same, differ=differ, unchecked=len(checks) - same - differ))
    return "\n".join(out)
