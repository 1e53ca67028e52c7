"""The form as a clerk uses it: `kit serve` (Voila) in Debian's chromium, driven by Playwright.

Never a downloaded browser: Playwright drives /usr/bin/chromium. The server runs on a free
localhost port over a copy of the seed body (微山县/驩城镇) in tmp_path, given a complete 2021
report through the kit's own writer, so nothing here touches the real parameters/ or exports/.
Screenshots of the key steps are kept in test-artifacts/form/ (git-ignored).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import KIT, ROOT, SEED, Builder

from kit.report import BodyRef
from kit.store import Store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts" / "form"
REF = BodyRef("微山县", "驩城镇")
START_TIMEOUT = 90  # seconds: a loaded CI machine starts Voila and a kernel slowly
UI_TIMEOUT = 60_000  # milliseconds, for Playwright

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium (/usr/bin/chromium) is not installed: apt-get install chromium"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"kit serve exited early ({process.returncode}):\n{log.read_text(encoding='utf-8', errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"kit serve did not answer on {url} within {timeout} s:\n{log.read_text(encoding='utf-8', errors='replace')}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """`kit serve` over a tmp copy of the seed body with a complete 2021 report: (url, parameters, exports)."""
    parameters, exports = tmp_path / "parameters", tmp_path / "exports"
    shutil.copytree(SEED, parameters / REF.county / REF.body)
    store = Store(parameters)
    Builder(store).year(store.load_body(REF), 2021)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(KIT), "--parameters", str(parameters), "serve", "--port", str(port), "--no-browser", "--exports", str(exports)],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url, process, log, START_TIMEOUT)
        yield url, parameters, exports
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def page(served: tuple[str, Path, Path]):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1500, "height": 1000}, locale="zh-CN")
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.set_default_timeout(UI_TIMEOUT)
        try:
            yield page
        finally:
            browser.close()


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def cell(page, key: str):
    """The input of a field, found by its spec key (kit.form.widgets.css_key), never by label or position."""
    from kit.form.widgets import css_key

    return page.locator(f".{css_key(key)} input, .{css_key(key)} textarea").first


def total(page, key: str):
    from kit.form.widgets import css_key

    return page.locator(f".{css_key('tables.' + key)}")


def test_fill_check_save_export_in_a_real_browser(page, served: tuple[str, Path, Path]) -> None:
    from playwright.sync_api import expect

    url, parameters, exports = served
    page.goto(url)
    page.wait_for_selector(".kit-form .kit-open")
    shot(page, "01-chooser")

    # pick the body and the year
    page.select_option(".kit-county select", label=REF.county)
    page.select_option(".kit-body select", label=REF.body)
    page.select_option(".kit-year select", label="2021年")
    page.click(".kit-open")
    new = cell(page, "tables.applications.new.natural")
    expect(new).to_have_value("5")
    expect(total(page, "applications.new.total")).to_have_text("8")
    expect(page.locator(".kit-status")).to_contain_text("已保存")
    shot(page, "02-opened")

    # type a figure: the total changes and the 勾稽关系 error appears, naming the column
    new.fill("6")
    expect(total(page, "applications.new.total")).to_have_text("9")
    findings = page.locator(".kit-findings")
    expect(findings).to_contain_text("第一项加第二项之和，等于第三项加第四项之和")
    expect(findings).to_contain_text("申请人情况 自然人")
    expect(page.locator(".kit-k-tables-applications-new-natural.kit-mark-error")).to_have_count(1)
    expect(page.locator(".kit-status")).to_contain_text("有未保存的修改")
    shot(page, "03-error")

    # a refused entry stays as typed, with the reason next to the cell
    business = cell(page, "tables.applications.new.business")
    business.fill("abc")
    expect(page.locator(".kit-note", has_text="应为数字")).to_have_count(1)
    expect(business).to_have_value("abc")
    expect(new).to_have_value("6")
    business.fill("２")  # full-width, as a Chinese input method types it
    expect(page.locator(".kit-note", has_text="应为数字")).to_have_count(0)

    # fix it by pasting a row copied from a spreadsheet into 四、结转下年度继续办理
    page.evaluate("text => navigator.clipboard.writeText(text)", "2\t0\t0\t0\t0\t0\t2\r\n")
    cell(page, "tables.applications.carry_forward.natural").click()
    page.keyboard.press("Control+V")
    expect(cell(page, "tables.applications.carry_forward.natural")).to_have_value("2")
    expect(total(page, "applications.carry_forward.total")).to_have_text("2")
    expect(findings).not_to_contain_text("第一项加第二项之和")
    shot(page, "04-fixed")

    # the opening paragraph needs the body's website and office: fill them in the profile
    for key, value in (("website_name", "微山县人民政府网站"), ("website", "http://www.weishan.gov.cn/"), ("contact_office", "驩城镇党政办公室")):
        cell(page, f"body.{key}").fill(value)
    expect(findings).to_contain_text("没有发现问题")

    # save, and find the values in the YAML on disk
    page.click(".kit-save")
    expect(page.locator(".kit-status")).to_contain_text("已保存")
    year_file = parameters / REF.county / REF.body / "2021.yaml"
    text = year_file.read_text(encoding="utf-8")
    assert re.search(r"  new:.*\n      natural: 6\b", text), text[:2000]
    assert re.search(r"  new:.*\n(      .*\n)?      business: 2\b", text)
    assert re.search(r"  carry_forward:.*\n      natural: 2\b", text)
    assert "website: http://www.weishan.gov.cn/" in (parameters / REF.county / REF.body / "body.yaml").read_text(encoding="utf-8")
    assert list((year_file.parent / ".history" / "2021").iterdir())  # the previous version is kept
    shot(page, "05-saved")

    # preview inside the page
    page.click(".kit-preview-button")
    frame = page.frame_locator(".kit-preview iframe")
    expect(frame.locator("h1")).to_contain_text("微山县驩城镇人民政府2021年政府信息公开工作年度报告")
    shot(page, "06-preview")

    # export: progress, then links, and the PDF on disk
    page.click(".kit-export")
    expect(page.locator("a.kit-download", has_text=".pdf")).to_have_count(1, timeout=180_000)
    pdfs = list((exports / REF.county / REF.body / "2021").glob("*.pdf"))
    assert len(pdfs) == 1 and pdfs[0].read_bytes().startswith(b"%PDF")
    assert "草稿" not in pdfs[0].name
    shot(page, "07-exported")


def test_new_year_from_last_year_in_the_browser(page, served: tuple[str, Path, Path]) -> None:
    from playwright.sync_api import expect

    url, parameters, _ = served
    page.goto(url)
    page.wait_for_selector(".kit-form .kit-new-year")
    page.fill(".kit-new-year-text input", "2022")
    page.click(".kit-new-year")
    expect(page.locator(".kit-choose-message")).to_contain_text("带入")
    carried = cell(page, "tables.applications.carried.natural")
    expect(carried).to_have_value("1")  # 2021's 四、结转下年度继续办理 for 自然人
    expect(cell(page, "tables.applications.new.natural")).to_have_value("")
    expect(page.locator(".kit-findings")).to_contain_text("未填写")
    assert (parameters / REF.county / REF.body / "2022.yaml").is_file()
    shot(page, "08-new-year")
