"""`kit verify --online`: the website's copy of a published report against the published version.

The "website" is a real http.server on 127.0.0.1 serving pages from a temporary folder: the
published page inside a site's own navigation and footer (the same report), an older draft with
other figures, a copy whose paragraph was edited in the CMS, and a page that is not there. The
published version is made by the cycle's publish step with the kit's renderer (no kernel).
"""

from __future__ import annotations

import dataclasses
import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_cycle import TOWN, YEAR, county, html_builder, kit

from kit.cycle import approve, publish, submit
from kit.cycle.online import format_online, verify_online
from kit.document import build_document
from kit.render.html import render_html
from kit.store import Store
from kit.store.record import read_record

__all__ = ["county"]  # the demo county fixture, shared with test_cycle

CELL = "applications.new.natural"  # 表三 一、本年新收政府信息公开申请数量 / 自然人


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A web server on 127.0.0.1 serving `folder`; yields its address and the folder."""
    folder = tmp_path / "site"
    folder.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", folder
    finally:
        server.shutdown()
        server.server_close()


def in_site_chrome(html: str) -> str:
    """The report pasted into a government site's page: its own header, navigation and footer."""
    body = html.split("<body", 1)[1].split(">", 1)[1].rsplit("</body>", 1)[0]
    return (
        '<html><head><meta charset="utf-8"><title>青禾县人民政府门户网站</title></head><body>'
        "<div class='nav'><p>首页</p><p>政务公开</p><p>政府信息公开年报</p></div>"
        f"<div class='article'>{body}</div>"
        "<div class='footer'><p>主办：青禾县人民政府办公室　网站标识码 0000000000</p></div></body></html>"
    )


def published(store: Store, url: str | None) -> Path:
    submit(store, TOWN, YEAR, by="张三")
    approve(store, TOWN, YEAR, by="李四")
    publish(store, TOWN, YEAR, by="李四", build=html_builder, url=url)
    event = read_record(store, TOWN, YEAR).publications()[-1]
    (f,) = event.files
    return store.body_dir(TOWN) / (event.folder or "") / f.name


def test_the_same_report_inside_the_sites_own_page_is_the_same(county: Store, site: tuple[str, Path], tmp_path: Path) -> None:
    address, folder = site
    kept = published(county, f"{address}/nianbao/2025.html")
    (folder / "nianbao").mkdir()
    (folder / "nianbao" / "2025.html").write_text(in_site_chrome(kept.read_text(encoding="utf-8")), encoding="utf-8")
    (check,) = verify_online(county, "青禾县", YEAR, tmp_path / "downloads")
    assert check.same, check
    code, out, _ = kit(county, "verify", "青禾县", "--year", "2025", "--online")
    assert code == 0, out
    assert "青禾县/云溪镇 2025年度 第1版：网站上的版本与发布版本一致" in out
    assert "1 份与发布版本一致，0 份不一致，0 份未能核对" in out


def test_an_older_draft_on_the_website_names_every_cell_that_differs(county: Store, site: tuple[str, Path], tmp_path: Path) -> None:
    address, folder = site
    published(county, f"{address}/a.html")
    report = county.load_year(TOWN, YEAR)
    old = report.cells[CELL] or 0
    draft = dataclasses.replace(report, cells={**report.cells, CELL: old + 3})
    (folder / "a.html").write_text(in_site_chrome(render_html(build_document(draft))), encoding="utf-8")
    (check,) = verify_online(county, "青禾县", YEAR, tmp_path / "downloads")
    assert not check.same and check.problem is None
    said = "\n".join(check.differences)
    assert "表三" in said and "自然人" in said and f"发布版本为“{old}”，网站上为“{old + 3}”" in said, said
    # the totals the kit computes from it differ too, and each is named once
    assert len(check.differences) == len(set(check.differences))
    code, out, _ = kit(county, "verify", "青禾县", "--year", "2025", "--online")
    assert code == 1 and "网站上的版本与发布版本有" in out and "0 份与发布版本一致，1 份不一致" in out


def test_a_paragraph_edited_in_the_cms_is_quoted(county: Store, site: tuple[str, Path], tmp_path: Path) -> None:
    address, folder = site
    kept = published(county, f"{address}/a.html")
    html = kept.read_text(encoding="utf-8")
    paragraph = next(m.group(1) for m in re.finditer(r"<p[^>]*>([^<]{30,})</p>", html))  # the first paragraph of prose
    changed = paragraph.replace(paragraph[5:15], "（此处经网站编辑修改）", 1)
    assert paragraph in html
    (folder / "a.html").write_text(in_site_chrome(html.replace(paragraph, changed, 1)), encoding="utf-8")
    (check,) = verify_online(county, "青禾县", YEAR, tmp_path / "downloads")
    (difference,) = check.differences
    assert "在网站上被改成了" in difference and "此处经网站编辑修改" in difference, difference


def test_a_missing_page_or_no_address_is_said_not_guessed(county: Store, site: tuple[str, Path], tmp_path: Path) -> None:
    address, _ = site
    published(county, f"{address}/gone.html")
    (check,) = verify_online(county, "青禾县", YEAR, tmp_path / "downloads")
    assert not check.same and check.problem and "404" in check.problem, check
    assert "未能核对网站上的版本" in format_online("青禾县", YEAR, [check])
    code, _, _ = kit(county, "verify", "青禾县", "--year", "2025", "--online")
    assert code == 1


def test_a_publication_without_an_address_cannot_be_compared(county: Store, tmp_path: Path) -> None:
    published(county, None)
    (check,) = verify_online(county, "青禾县", YEAR, tmp_path / "downloads")
    assert check.problem and "kit publish --url" in check.problem
