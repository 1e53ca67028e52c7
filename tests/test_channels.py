"""Every channel a report is published on, checked the way a program can check it.

- The website's CMS: the page stripped of <head> and <style> (what an editor keeps) still draws
  every table cell's border in Chromium, and the fragment pasted into a real rich-text editor
  (TinyMCE, installed by scripts/install.sh into .node/) keeps its tables' borders.
- A phone: at 375 px the page does not scroll sideways (a long URL and a 3000-character word
  included); table 三 scrolls in its own box, and no label cell's text runs over its neighbour.
- Paper: fonts embedded (pdffonts), 28 characters a line, no heading as the last line of a page,
  table 三 on one page, no half-empty page before a chart, metadata and tags.

Screenshots and the PDF's pages as PNGs (pdftoppm) are kept under test-artifacts/ for a person to
look at; nothing here passes because of them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from io import BytesIO
from pathlib import Path

import pytest
from conftest import full_report, make_body

from kit.build.export import fragment, html_pdf, publishable
from kit.document import Document, Heading, build_document
from kit.render.charts import ALL_CHARTS, make_charts
from kit.render.html import render_html
from kit.report import YearReport
from kit.store import Store

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts" / "channels"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TINYMCE = ROOT / ".node" / "node_modules" / "tinymce" / "tinymce.min.js"
LONG_URL = "https://www.qinghe.example/zfxxgk/yunxi/2025/zhengfuxinxigongkai/niandubaogao/index_20250131_000123456789.html"
LONG_WORD = "x" * 3000
MM = 72 / 25.4
TOP, BOTTOM = 37 * MM, (297 - 35) * MM  # the type area's top and bottom, in PDF points from the top

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, tuple[Document, str]]:
    """A 2019 and a 2022 report of one town (with history, so they have charts; the 2022 one
    quotes a long URL and a 3000-character word), as (document, page with data: charts)."""
    store = Store(tmp_path_factory.mktemp("parameters"))
    body = make_body()
    store.save_body(body, None)
    previous: YearReport | None = None
    for year in range(2019, 2023):
        report = full_report(body, year, previous=previous)
        if year == 2022:
            report.prose["overview_platforms"] = f"本镇政府信息公开专栏地址为{LONG_URL}，欢迎查阅。另有一段未断开的文字：{LONG_WORD}。"
        store.save_year(report)
        previous = store.load_year(body.ref, year)
    out: dict[str, tuple[Document, str]] = {}
    history = [store.load_year(body.ref, y) for y in range(2019, 2023)]
    for year in (2019, 2022):
        doc = build_document(store.load_year(body.ref, year))
        out[str(year)] = doc, render_html(doc, make_charts(doc, [r for r in history if r.year <= year], ALL_CHARTS))
    return out


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name


def strip_head_and_style(html: str) -> str:
    return re.sub(r"<style\b.*?</style>", "", re.sub(r"<head>.*?</head>", "", html, flags=re.DOTALL), flags=re.DOTALL)


# ---------------------------------------------------------------------------------------------
# the browser


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium (/usr/bin/chromium) is not installed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def web_copy(tmp_path: Path, html: str, name: str) -> Path:
    """The published page and its chart files in a folder, as a website serves them."""
    web, images = publishable(html, "报告")
    for image, data in images.items():
        (tmp_path / image).write_bytes(data)
    path = tmp_path / name
    path.write_text(web, encoding="utf-8")
    return path


CELL_BORDERS = """() => [...document.querySelectorAll('td, th')].map(c => {
    const s = getComputedStyle(c);
    return [s.borderTopWidth, s.borderLeftWidth, s.borderTopStyle, c.textContent.slice(0, 20)];
})"""
OVERFLOWING_CELLS = """() => [...document.querySelectorAll('th, td')]
    .filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent.slice(0, 20))"""


def test_stripped_page_keeps_every_cell_border_and_shows_no_hidden_caption(reports, browser, tmp_path) -> None:
    _, html = reports["2022"]
    page = browser.new_page(viewport={"width": 1000, "height": 1200})
    page.goto(web_copy(tmp_path, strip_head_and_style(html), "cms.html").as_uri())
    borders = page.evaluate(CELL_BORDERS)
    assert len(borders) > 200
    assert all(top == "1px" and left == "1px" and style == "solid" for top, left, style, _ in borders), [b for b in borders if b[0] != "1px"][:5]
    assert page.locator("caption").count() == 0
    headings = page.locator("h2").all_inner_texts()
    assert len(headings) == len(set(headings)) == 6  # no table title printed a second time
    images = page.evaluate("() => [...document.images].map(i => [i.naturalWidth, i.getAttribute('src')])")
    assert images and all(width > 0 and not src.startswith("data:") for width, src in images)  # the files beside the page load
    page.screenshot(path=artifact("cms-stripped.png"), full_page=True)
    page.close()


@pytest.mark.parametrize("stripped", [False, True], ids=["page", "stripped-by-a-cms"])
def test_phone_width_has_no_sideways_scroll_and_table_three_scrolls_in_its_box(reports, browser, tmp_path, stripped) -> None:
    _, html = reports["2022"]
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(web_copy(tmp_path, strip_head_and_style(html) if stripped else html, "phone.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    box = page.locator("#table-applications").locator("xpath=..")
    assert box.evaluate("e => getComputedStyle(e).overflowX") == "auto"
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")  # the table is wider than the phone: it scrolls inside
    assert page.evaluate(OVERFLOWING_CELLS) == []  # （三）…（六） fit their cells: nothing runs into a neighbour
    box.scroll_into_view_if_needed()
    page.screenshot(path=artifact(f"phone-375-{'stripped' if stripped else 'page'}.png"))
    page.close()


TINYMCE_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<script src="{script}"></script></head><body><textarea id="editor"></textarea>
<script>
tinymce.init({{selector: '#editor', plugins: 'table code', height: 900, promotion: false, branding: false,
  setup: ed => ed.on('init', () => {{ window.editorReady = true; }})}});
</script></body></html>"""


def test_fragment_pasted_into_a_rich_text_editor_keeps_its_table_borders(reports, browser, tmp_path) -> None:
    if not TINYMCE.is_file():
        pytest.skip("TinyMCE is not installed: run scripts/install.sh (npm install --prefix .node tinymce@6)")
    _, html = reports["2022"]
    web, _ = publishable(html, "报告")
    part = fragment(web)
    editor_page = tmp_path / "editor.html"
    editor_page.write_text(TINYMCE_PAGE.format(script=TINYMCE.as_uri()), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 1000})
    page.goto(editor_page.as_uri())
    page.wait_for_function("window.editorReady === true")
    # the editor's source view sets the content exactly like this (plugin "code")
    page.evaluate("html => tinymce.activeEditor.setContent(html)", part)
    kept = page.evaluate("() => tinymce.activeEditor.getContent()")
    assert kept.count("<table") == 3 and "<caption" not in kept
    frame = page.frame_locator("iframe").locator("body")
    borders = frame.evaluate(CELL_BORDERS.replace("() =>", "b =>").replace("document.", "b.ownerDocument."))
    assert len(borders) > 200 and all(top == "1px" and style == "solid" for top, _, style, _ in borders), borders[:3]
    page.frame_locator("iframe").locator("#table-applications").scroll_into_view_if_needed()
    page.screenshot(path=artifact("tinymce-pasted.png"))
    page.close()


# ---------------------------------------------------------------------------------------------
# paper


@pytest.fixture(scope="module")
def pdfs(reports) -> dict[str, tuple[Document, bytes]]:
    out = {}
    for name, (doc, html) in reports.items():
        data = html_pdf(html)
        artifact(f"report-{name}.pdf").write_bytes(data)
        out[name] = doc, data
    return out


def body_lines(page) -> list[dict]:
    """The page's text lines inside the type area (the page number is below it)."""
    return [line for line in page.extract_text_lines() if line["bottom"] <= BOTTOM + 2]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", ["2019", "2022"])
def test_no_heading_is_the_last_line_of_a_page_and_table_three_is_on_one_page(pdfs, name) -> None:
    import pdfplumber

    doc, data = pdfs[name]
    headings = {squeeze(b.text) for b in doc.blocks if isinstance(b, Heading)}
    with pdfplumber.open(BytesIO(data)) as pdf:
        pages = [body_lines(p) for p in pdf.pages]
        texts = [squeeze(p.extract_text()) for p in pdf.pages]
    for number, lines in enumerate(pages[:-1], start=1):
        assert squeeze(lines[-1]["text"]) not in headings, f"page {number} ends with its heading"
    first = [i for i, t in enumerate(texts) if "申请人情况" in t]
    last = [i for i, t in enumerate(texts) if "四、结转下年度继续办理" in t]
    assert first and first == last, (first, last)


@pytest.mark.parametrize("name", ["2019", "2022"])
def test_no_half_empty_page_before_a_chart(pdfs, name) -> None:
    import pdfplumber

    _, data = pdfs[name]
    with pdfplumber.open(BytesIO(data)) as pdf:
        pages = list(pdf.pages)
        starts_with_image = [i for i, p in enumerate(pages) if p.images and body_lines(p) and min(im["top"] for im in p.images) < body_lines(p)[0]["top"]]
        for i in starts_with_image:
            if i == 0:
                continue
            filled = (body_lines(pages[i - 1])[-1]["bottom"] - TOP) / (BOTTOM - TOP)
            assert filled > 0.5, f"page {i} is {filled:.0%} full: the chart on page {i + 1} did not fit"


def test_body_lines_hold_28_characters_and_long_words_stay_on_the_page(pdfs) -> None:
    """GB/T 9704: 28 characters a line. A line of Chinese text that reaches the right edge of the
    type area holds 28 (one may hold 27 where a closing mark cannot start the next line)."""
    import pdfplumber

    _, data = pdfs["2022"]
    full: Counter[int] = Counter()
    right_edge = (210 - 26) * MM
    with pdfplumber.open(BytesIO(data)) as pdf:
        for page in pdf.pages:
            assert all(c["x1"] <= right_edge + 1 for c in page.chars), "text runs into the right margin"
            rows: dict[int, list[dict]] = {}
            for c in page.chars:
                if abs(c["size"] - 16) < 0.2 and c["top"] < BOTTOM:
                    rows.setdefault(round(c["top"]), []).append(c)
            for chars in rows.values():
                text = "".join(c["text"] for c in chars)
                if all(ord(ch) >= 0x2E80 for ch in text) and chars[-1]["x1"] > right_edge - 4:
                    full[len(text) + (2 if chars[0]["x0"] > 28 * MM + 16 else 0)] += 1  # a first line counts its indent
    assert full and max(full) == 28 and full[28] >= 0.8 * sum(full.values()), full


def test_pdf_embeds_the_kai_face_and_carries_title_author_language_and_tags(pdfs) -> None:
    from pypdf import PdfReader

    doc, data = pdfs["2022"]
    path = artifact("report-2022.pdf")
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Type 3" not in fonts
    assert re.search(r"AR-PL-KaitiM-GB|ARPLKaitiMGB|LXGW", fonts), fonts  # （一） headings in 楷体
    assert "Noto-Sans-CJK-SC" in fonts and "Noto-Serif-CJK-SC" in fonts  # 黑体 headings; 仿宋's stand-in
    reader = PdfReader(BytesIO(data))
    assert reader.metadata.title == doc.title and reader.metadata.author == doc.body.full_name
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "zh-CN"
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root


def test_pages_rendered_as_png_for_a_person_to_look_at(pdfs) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed: apt-get install poppler-utils (scripts/install.sh does)")
    for name in pdfs:
        pdf = artifact(f"report-{name}.pdf")
        subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(artifact(f"report-{name}-page"))], check=True)
        pngs = sorted(ARTIFACTS.glob(f"report-{name}-page-*.png"))
        assert pngs and all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)


# ---------------------------------------------------------------------------------------------
# the Word file, laid out by LibreOffice (headless, its own profile)


@pytest.fixture(scope="module")
def docx_pdfs(reports, tmp_path_factory) -> dict[str, tuple[Document, bytes]]:
    from kit.render.docx import render_docx

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer)")
    folder = tmp_path_factory.mktemp("docx")
    out = {}
    for name, (doc, _) in reports.items():
        source = folder / f"report-{name}.docx"
        source.write_bytes(render_docx(doc))
        subprocess.run(
            [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)],
            check=True,
            capture_output=True,
            timeout=300,
        )
        data = (folder / f"report-{name}.pdf").read_bytes()
        artifact(f"word-{name}.pdf").write_bytes(data)
        out[name] = doc, data
    return out


@pytest.mark.parametrize("name", ["2019", "2022"])
def test_word_file_keeps_headings_with_what_follows_and_table_three_on_one_page(docx_pdfs, name) -> None:
    import pdfplumber

    doc, data = docx_pdfs[name]
    headings = {squeeze(b.text) for b in doc.blocks if isinstance(b, Heading)}
    with pdfplumber.open(BytesIO(data)) as pdf:
        pages = [body_lines(p) for p in pdf.pages]
        texts = [squeeze(p.extract_text()) for p in pdf.pages]
    for number, lines in enumerate(pages[:-1], start=1):
        assert squeeze(lines[-1]["text"]) not in headings, f"page {number} of the Word file ends with its heading"
    first = [i for i, t in enumerate(texts) if "申请人情况" in t]
    last = [i for i, t in enumerate(texts) if "四、结转下年度继续办理" in t]
    assert first and first == last, (first, last)


def test_word_file_sets_28_characters_a_line(docx_pdfs) -> None:
    import pdfplumber

    _, data = docx_pdfs["2022"]
    full: Counter[int] = Counter()
    right_edge = (210 - 26) * MM
    with pdfplumber.open(BytesIO(data)) as pdf:
        for page in pdf.pages:
            for line in body_lines(page):
                chars = [c for c in line["chars"] if abs(c["size"] - 16) < 0.3]
                text = "".join(c["text"] for c in chars)
                starts = chars and (abs(chars[0]["x0"] - 28 * MM) < 3 or abs(chars[0]["x0"] - 28 * MM - 32) < 3)  # the margin or a first-line indent
                # LibreOffice ignores w:wordWrap (Word and WPS break a URL inside it): the line before
                # a long Latin word is stretched there; such a line (pitch above 16pt) is not counted
                stretched = chars and (chars[-1]["x1"] - chars[0]["x0"]) / len(chars) > 16.2
                if starts and not stretched and len(chars) == len(line["chars"]) and all(ord(ch) >= 0x2E80 for ch in text) and chars[-1]["x1"] > right_edge - 4:
                    full[len(text) + (2 if chars[0]["x0"] > 28 * MM + 16 else 0)] += 1
    assert full and max(full) == 28 and full[28] >= 0.8 * sum(full.values()), full


def test_county_summary_has_no_caption_alone_at_a_page_bottom() -> None:
    import pdfplumber

    from kit.data.summary import build_summary
    from kit.render.summary_page import render_summary

    data = html_pdf(render_summary(build_summary(Store(ROOT / "parameters"), "青禾县", 2025)))  # read only
    artifact("summary-2025.pdf").write_bytes(data)
    with pdfplumber.open(BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages[:-1], start=1):
            last = body_lines(page)[-1]["text"]
            assert not re.match(r"表\d+\s", last), f"page {number} ends with the caption {last}"
