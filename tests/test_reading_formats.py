"""The formats reports are published in: text PDFs, .doc and .wps, URLs — read into the same items.

PDFs are made by WeasyPrint from the sample reports' HTML (ruled tables, tables without lines,
the eight-column table 三, a table that runs over a page) and read back with pdfplumber; .doc and
.wps are made and read by LibreOffice headless; URLs are served by a real http.server on
127.0.0.1. Each reads back to the same figures the sample printed, through `kit check --document`.
"""

from __future__ import annotations

import contextlib
import http.server
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import doccheck_samples as samples
import pytest

from kit.doccheck import fetching, reading_office
from kit.doccheck.documents import check_documents
from kit.doccheck.items import Grid
from kit.doccheck.reading import read_document
from kit.doccheck.sources import collect_sources
from kit.errors import UnreadableDocument

KIT = Path(sys.executable).parent / "kit"
EXPECTED = samples.values("gov2021")


def run_kit(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(KIT), *map(str, args)], capture_output=True, text=True, timeout=300)


def sample_html(tmp_path: Path, name: str = "r.html", **kw) -> Path:
    return samples.write_html(tmp_path / name, samples.blocks(2023), samples.Tables("gov2021", EXPECTED, **kw))


def to_pdf(html: Path, css: str) -> Path:
    import weasyprint

    pdf = html.with_suffix(".pdf")
    pdf.write_bytes(weasyprint.HTML(filename=str(html)).write_pdf(stylesheets=[weasyprint.CSS(string=css)]))
    return pdf


RULED = "@page { size: A4; margin: 25mm } body { font-family: 'Noto Serif CJK SC'; font-size: 12pt } table { border-collapse: collapse } td { border: 0.75pt solid black; padding: 2pt }"
UNRULED = "@page { size: A4 landscape; margin: 15mm } body { font-family: 'Noto Serif CJK SC'; font-size: 10pt } table { border-collapse: collapse } td { border: none; padding: 2pt 8pt }"


def grids(items) -> list[Grid]:
    return [i for i in items if isinstance(i, Grid)]


def clean(result) -> list[str]:
    return [f.describe() for f in result.findings if f.rule != "similar_other_body"]


# ---------------------------------------------------------------------------------------------
# PDF


@pytest.mark.slow
def test_a_text_pdf_with_ruled_tables_reads_back_clean(tmp_path: Path) -> None:
    pdf = to_pdf(sample_html(tmp_path), RULED)
    (result,) = check_documents([pdf])
    assert result.year == 2023 and result.edition == "gov2021"
    assert clean(result) == []
    reference = check_documents([sample_html(tmp_path, "ref.html")])[0]
    assert result.report.cells == reference.report.cells
    assert len(result.report.cells) > 100


@pytest.mark.slow
def test_a_table_over_two_pages_is_one_table(tmp_path: Path) -> None:
    """At 12 pt on A4, table 三 cannot fit one page: its two halves are joined."""
    pdf = to_pdf(sample_html(tmp_path), RULED)
    import pdfplumber

    with pdfplumber.open(str(pdf)) as document:
        pages_with_tables = [n for n, page in enumerate(document.pages) if page.find_tables()]
    assert len(pages_with_tables) >= 3  # 二, 三 (two pages at least), 四
    three = next(g for g in grids(read_document(pdf).items) if any("一、本年新收政府信息公开申请数量" in c for r in g.rows for c in r))
    labels = [c for r in three.rows for c in r]
    assert any("四、结转下年度继续办理" in c for c in labels)
    assert sum(1 for c in labels if c == "申请人情况") == 1  # the header repeated on the next page is dropped


@pytest.mark.slow
def test_a_pdf_whose_tables_have_no_lines(tmp_path: Path) -> None:
    pdf = to_pdf(sample_html(tmp_path), UNRULED)
    (result,) = check_documents([pdf])
    reference = check_documents([sample_html(tmp_path, "ref.html")])[0]
    read = result.report.cells
    assert read, clean(result)
    # every figure the text layout lets be placed is the printed one; nothing is shifted
    assert all(reference.report.cells[k] == v for k, v in read.items())


@pytest.mark.slow
def test_the_eight_column_table_three_in_a_pdf(tmp_path: Path) -> None:
    pdf = to_pdf(sample_html(tmp_path, subtotals=True), RULED)
    (result,) = check_documents([pdf])
    assert clean(result) == []
    reference = check_documents([sample_html(tmp_path, "ref.html")])[0]
    assert result.report.cells == reference.report.cells


@pytest.mark.slow
def test_a_scanned_pdf_has_no_text_layer(tmp_path: Path) -> None:
    from PIL import Image

    scan = tmp_path / "扫描件.pdf"
    Image.new("RGB", (600, 800), "white").save(scan, "PDF", resolution=72)
    with pytest.raises(UnreadableDocument, match="没有文字层"):
        read_document(scan)
    done = run_kit("check", "--document", scan)
    assert done.returncode == 1
    assert "扫描件.pdf 没有文字层（共 1 页" in done.stdout and "不从图像中猜测" in done.stdout


def test_a_broken_pdf_is_a_message(tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(b"%PDF-1.4\n garbage that is not a pdf")
    with pytest.raises(UnreadableDocument, match="不是有效的 PDF"):
        read_document(path)


# ---------------------------------------------------------------------------------------------
# .doc and .wps through LibreOffice


@pytest.fixture(scope="module")
def word97(tmp_path_factory) -> Path:
    if reading_office.soffice() is None:
        pytest.fail("LibreOffice is not installed: scripts/install.sh installs libreoffice-writer-nogui")
    folder = tmp_path_factory.mktemp("doc")
    docx = samples.write_docx(folder / "r.docx", samples.blocks(2023), samples.Tables("gov2021", EXPECTED))
    return reading_office.convert(docx, "doc", folder)


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_word97_and_wps_read_like_the_docx(word97: Path, tmp_path: Path, suffix: str) -> None:
    assert word97.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # a real Word 97 binary file
    path = tmp_path / f"报告{suffix}"
    path.write_bytes(word97.read_bytes())
    (result,) = check_documents([path])
    assert result.edition == "gov2021" and clean(result) == []
    reference = check_documents([samples.write_docx(tmp_path / "ref.docx", samples.blocks(2023), samples.Tables("gov2021", EXPECTED))])[0]
    assert result.report.cells == reference.report.cells
    assert [p.text for p in result.doc.paragraphs] == [p.text for p in reference.doc.paragraphs]


def test_a_doc_that_is_not_one(tmp_path: Path) -> None:
    path = tmp_path / "r.doc"
    path.write_bytes(b"x")
    with pytest.raises(UnreadableDocument, match="不是有效的Word 97-2003 文档"):
        read_document(path)


@pytest.mark.slow
def test_a_damaged_doc_is_refused_not_read_as_text(tmp_path: Path) -> None:
    """LibreOffice would open it as plain text; with the filter named, it refuses."""
    path = tmp_path / "r.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    with pytest.raises(UnreadableDocument, match=r"LibreOffice 没能把它转换成 \.docx"):
        read_document(path)


def test_a_web_page_saved_as_doc_is_read_as_the_page(tmp_path: Path) -> None:
    html = sample_html(tmp_path)
    doc = tmp_path / "r.doc"
    doc.write_bytes(html.read_bytes())
    assert read_document(doc).items == read_document(html).items


def test_without_libreoffice_the_message_says_what_to_install(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(reading_office, "soffice", lambda: None)
    path = tmp_path / "r.wps"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(4096))
    with pytest.raises(UnreadableDocument, match=r"需要 LibreOffice.*libreoffice-writer-nogui"):
        read_document(path)


# ---------------------------------------------------------------------------------------------
# URLs, from a real server on 127.0.0.1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw) -> None:
            super().__init__(*a, directory=str(folder), **kw)

        def log_message(self, *a) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    folder = tmp_path / "site"
    folder.mkdir()
    sample_html(folder, "report.html")
    samples.write_docx(folder / "2023年度报告.docx", samples.blocks(2023), samples.Tables("gov2021", EXPECTED))
    (folder / "article.html").write_text(
        '<html><head><meta charset="utf-8"><title>柳塘镇2023年政府信息公开工作年度报告</title></head><body>'
        '<p>发布时间：2024-01-20</p><p>附件：<a href="2023%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.docx">柳塘镇2023年政府信息公开工作年度报告.docx</a></p>'
        "</body></html>",
        encoding="utf-8",
    )
    with serving(folder) as url:
        yield url, tmp_path


def test_a_report_page_by_url(site) -> None:
    url, tmp = site
    (result,) = check_documents([f"{url}/report.html"])
    assert result.url == f"{url}/report.html" and result.edition == "gov2021"
    assert clean(result) == []
    reference = check_documents([sample_html(tmp, "ref.html")])[0]
    assert result.report.cells == reference.report.cells


def test_an_attached_file_and_a_page_that_links_to_it(site) -> None:
    url, _tmp = site
    direct, via_page = check_documents([f"{url}/2023%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.docx", f"{url}/article.html"])
    assert direct.file.suffix == ".docx" and via_page.file.suffix == ".docx"
    assert direct.report.cells == via_page.report.cells and len(direct.report.cells) > 100
    assert clean(direct) == []


def test_kit_check_document_with_a_url(site) -> None:
    url, _tmp = site
    done = run_kit("check", "--document", f"{url}/report.html")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[0] == f"■ {url}/report.html"
    assert done.stdout.splitlines()[1] == "  青禾县柳塘镇人民政府 2023年（2021年版格式）：通过"


def test_a_missing_page_and_a_server_that_is_down(site) -> None:
    url, _tmp = site
    missing, down = check_documents([f"{url}/nothing.html", f"http://127.0.0.1:{free_port()}/r.html"])
    assert "服务器返回 HTTP 404（页面不存在）" in missing.findings[0].message
    assert "对方拒绝连接" in down.findings[0].message and "请检查网络连接" in down.findings[0].message


def test_a_server_that_never_answers_times_out(monkeypatch) -> None:
    monkeypatch.setattr(fetching, "TIMEOUT", 0.5)
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)  # accepts the connection, never answers
        port = listener.getsockname()[1]
        (result,) = check_documents([f"http://127.0.0.1:{port}/r.html"])
    assert "0.5 秒内没有下载完成" in result.findings[0].message


def test_only_web_addresses_are_fetched(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocument, match="只支持 http"):
        fetching.download("file:///etc/passwd", tmp_path)
    assert not fetching.is_url("ftp://example.org/r.pdf")


def test_a_list_of_files_and_urls(site) -> None:
    url, tmp = site
    listing = tmp / "reports.list"
    sample_html(tmp, "local.html")
    listing.write_text(f"# 本县2023年度报告\nlocal.html\n{url}/report.html\n", encoding="utf-8")
    sources = collect_sources([listing], tmp / "downloads")
    assert [s.url for s in sources] == [None, f"{url}/report.html"]
    assert sources[0].path == tmp / "local.html" and sources[1].path.is_file()


def test_a_redirect_to_a_local_file_is_not_followed(tmp_path: Path) -> None:
    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()

        def log_message(self, *a) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Redirect)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with pytest.raises(UnreadableDocument, match="HTTP 302"):
            fetching.download(f"http://127.0.0.1:{server.server_address[1]}/r.html", tmp_path)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    assert not any(tmp_path.iterdir())


def test_an_address_with_chinese_in_it() -> None:
    assert fetching.as_uri("http://127.0.0.1:8000/附件/2023年报告.docx?名=1") == (
        "http://127.0.0.1:8000/%E9%99%84%E4%BB%B6/2023%E5%B9%B4%E6%8A%A5%E5%91%8A.docx?%E5%90%8D=1"
    )
