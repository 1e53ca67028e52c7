"""The form as a clerk uses it: `kit serve` (Voila) in Debian's chromium, driven by Playwright.

Never a downloaded browser: Playwright drives /usr/bin/chromium, at a laptop's 1366×768. The
server runs on a free localhost port over a copy of the seed body (微山县/驩城镇) in tmp_path,
given a complete 2021 report through the kit's own writer, so nothing here touches the real
parameters/ or exports/. Screenshots of the key steps are kept in test-artifacts/form/
(git-ignored). The accessibility check injects axe-core from .node/ (scripts/install.sh).
"""

from __future__ import annotations

import json
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
from conftest import BIN as BIN_DIR
from conftest import KIT, ROOT, SEED, Builder

from kit.report import BodyRef
from kit.store import Store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts" / "form"
REF = BodyRef("微山县", "驩城镇")
START_TIMEOUT = 90  # seconds: a loaded CI machine starts Voila and a kernel slowly
UI_TIMEOUT = 60_000  # milliseconds, for Playwright
VIEWPORT = {"width": 1366, "height": 768}
AXE = ROOT / ".node" / "node_modules" / "axe-core" / "axe.min.js"
SERVERS: dict[str, subprocess.Popen[bytes]] = {}  # url -> the `kit serve` process behind it

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
def cull_after() -> int | None:
    """Seconds after which a closed tab's kernel is shut down (None: the default); overridden by a test."""
    return None


@pytest.fixture
def served(tmp_path: Path, cull_after: int | None) -> Iterator[tuple[str, Path, Path]]:
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
            env={**os.environ, **({"KIT_FORM_CULL_AFTER": str(cull_after)} if cull_after else {})},
        )
    url = f"http://127.0.0.1:{port}/"
    SERVERS[url] = process
    try:
        wait_for(url + "voila/static/voila.js", process, log, START_TIMEOUT)  # a static file: starts no kernel
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
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=UI_TIMEOUT)  # a loaded machine builds the form's 1000 widgets slowly

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
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
    expect(page.locator("a.kit-download", has_text="下载 微山县驩城镇人民政府2021年政府信息公开工作年度报告（PDF）")).to_have_count(1, timeout=180_000)
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
    page.dblclick(".kit-new-year")  # a double click only asks
    expect(page.locator(".kit-choose-message")).to_contain_text("将新建 2022 年的报告")
    page.locator(".kit-new-year-confirm").dblclick()  # and a double click on the confirmation starts one year
    expect(page.locator(".kit-choose-message")).to_contain_text("带入")
    carried = cell(page, "tables.applications.carried.natural")
    expect(carried).to_have_value("1")  # 2021's 四、结转下年度继续办理 for 自然人
    expect(cell(page, "tables.applications.new.natural")).to_have_value("")
    expect(page.locator(".kit-findings")).to_contain_text("未填写")
    assert (parameters / REF.county / REF.body / "2022.yaml").is_file()
    shot(page, "08-new-year")
    page.wait_for_timeout(1500)  # a late second click would have started 2023 by now
    assert sorted(p.name for p in (parameters / REF.county / REF.body).glob("20*.yaml")) == ["2018.yaml", "2021.yaml", "2022.yaml"]

    # a year started by mistake is removed (kept among the saved versions) and restored
    page.click(".kit-remove-year")
    expect(page.locator(".kit-choose-message")).to_contain_text("确定删除 2022 年的报告吗")
    page.click(".kit-new-year-confirm")
    expect(page.locator(".kit-choose-message")).to_contain_text("已删除 2022 年")
    assert not (parameters / REF.county / REF.body / "2022.yaml").exists()
    page.click(".kit-restore-year")
    expect(page.locator(".kit-choose-message")).to_contain_text("已恢复 2022 年")
    assert (parameters / REF.county / REF.body / "2022.yaml").is_file()


# ---------------------------------------------------------------------------------------------
# never losing typed work


def open_report(page, url: str, year: str = "2021年") -> None:
    page.goto(url)
    page.wait_for_selector(".kit-form .kit-open")
    page.select_option(".kit-year select", label=year)
    page.click(".kit-open")
    page.wait_for_selector(".kit-table-applications[role=grid]", timeout=2 * UI_TIMEOUT)  # bridge.js has described the grid


def wait_for_file(path: Path, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert path.exists(), f"{path} was not written within {timeout} s"


def test_autosave_asks_before_leaving_and_brings_values_back(page, served: tuple[str, Path, Path]) -> None:
    from playwright.sync_api import expect

    url, parameters, _ = served
    year_file = parameters / REF.county / REF.body / "2021.yaml"
    autosave = year_file.with_name("2021.autosave.json")
    saved = year_file.read_bytes()
    open_report(page, url)
    cell(page, "tables.applications.new.natural").fill("7")
    cell(page, "prose.problems").fill("本年度存在的主要问题：培训不足。")
    wait_for_file(autosave)  # kept on the server within a couple of seconds
    assert year_file.read_bytes() == saved  # never over the saved file
    assert json.loads(autosave.read_text(encoding="utf-8"))["texts"]["tables.applications.new.natural"] == "7"

    asked: list[str] = []

    def answer(dialog) -> None:
        asked.append(dialog.type)
        dialog.accept()

    page.on("dialog", answer)
    page.reload()  # leaving with unsaved changes asks first
    assert asked == ["beforeunload"]
    page.wait_for_selector(".kit-form .kit-open")
    page.select_option(".kit-year select", label="2021年")
    page.click(".kit-open")
    offer = page.locator(".kit-draft-offer")
    expect(offer).to_contain_text("2 处内容还没有保存")
    expect(offer).to_contain_text("申请人情况 自然人")
    expect(offer).to_contain_text("培训不足")
    shot(page, "09-autosave-offer")
    page.click(".kit-restore-draft")
    expect(cell(page, "tables.applications.new.natural")).to_have_value("7")
    expect(cell(page, "prose.problems")).to_have_value("本年度存在的主要问题：培训不足。")
    expect(page.locator(".kit-status")).to_contain_text("有未保存的修改")
    page.click(".kit-save")
    expect(page.locator(".kit-status")).to_contain_text("已保存")
    assert not autosave.exists()
    assert "natural: 7" in year_file.read_text(encoding="utf-8")


def kernel_processes(server: subprocess.Popen[bytes]) -> list:
    import psutil

    return [p for p in psutil.Process(server.pid).children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]


def test_a_dead_kernel_is_said_in_chinese_and_save_does_not_fail_silently(page, served: tuple[str, Path, Path]) -> None:
    from playwright.sync_api import expect

    url, parameters, _ = served
    autosave = parameters / REF.county / REF.body / "2021.autosave.json"
    open_report(page, url)
    cell(page, "tables.applications.new.business").fill("3")
    wait_for_file(autosave)
    for kernel in kernel_processes(SERVERS[url]):
        kernel.kill()  # as a crash, an out-of-memory kill or a server restart would
    notice = page.locator(".kit-disconnected")
    expect(notice).to_be_visible(timeout=30_000)
    expect(notice).to_contain_text("连接已断开")
    shot(page, "10-disconnected")
    page.locator(".kit-save").click()
    expect(notice).to_contain_text("未能保存")
    page.on("dialog", lambda d: d.accept())
    page.locator(".kit-disconnected button").click()  # 刷新页面
    page.wait_for_selector(".kit-form .kit-open")
    page.select_option(".kit-year select", label="2021年")
    page.click(".kit-open")
    page.click(".kit-restore-draft")
    expect(cell(page, "tables.applications.new.business")).to_have_value("3")


def test_a_conflict_between_two_tabs_is_resolved_item_by_item(page, served: tuple[str, Path, Path]) -> None:
    from playwright.sync_api import expect

    url, parameters, _ = served
    other = page.context.new_page()
    open_report(page, url)
    open_report(other, url)
    cell(other, "tables.applications.new.legal").fill("4")  # the other tab changes one cell and saves
    other.click(".kit-save")
    expect(other.locator(".kit-status")).to_contain_text("已保存")
    cell(page, "tables.applications.new.business").fill("3")  # this tab changed another and saves: a conflict
    cell(page, "tables.applications.new.natural").fill("8")
    page.click(".kit-save")
    panel = page.locator(".kit-conflict")
    expect(panel).to_contain_text("别人在您打开之后也保存了这份报告")
    expect(panel).to_contain_text("只有对方改过")
    shot(page, "11-conflict")
    # take theirs for 自然人 too (the default keeps mine, as only this tab changed it)
    page.locator(".kit-c-conflict-tables-applications-new-natural button", has_text="采用对方的").click()
    page.click(".kit-conflict-save")
    expect(page.locator(".kit-status")).to_contain_text("已保存")
    text = (parameters / REF.county / REF.body / "2021.yaml").read_text(encoding="utf-8")
    assert re.search(r"  new:.*\n      natural: 5\b", text)  # theirs (unchanged by them: the file's)
    assert re.search(r"\n      business: 3\b", text)  # mine
    assert re.search(r"\n      legal: 4\b", text)  # theirs
    expect(cell(page, "tables.applications.new.legal")).to_have_value("4")


def test_saving_with_refused_entries_says_so_and_old_messages_clear(page, served: tuple[str, Path, Path]) -> None:
    from playwright.sync_api import expect

    url, _, _ = served
    open_report(page, url)
    cell(page, "tables.applications.new.business").fill("abc")
    page.click(".kit-save")
    expect(page.locator(".kit-toolbar")).to_contain_text("已保存，但有 1 处输入未被接受")
    expect(page.locator(".kit-status")).to_contain_text("已保存，但有 1 处输入未被接受")
    cell(page, "tables.applications.new.business").fill("2")  # fixed: the old message goes
    expect(page.locator(".kit-toolbar")).not_to_contain_text("未被接受")


# ---------------------------------------------------------------------------------------------
# moving through table 三


def test_keys_sticky_headers_and_findings_that_lead_to_their_cell(page, served: tuple[str, Path, Path]) -> None:
    from playwright.sync_api import expect

    url, _, _ = served
    open_report(page, url)
    first = cell(page, "tables.applications.new.natural")
    first.click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")  # down, as in a spreadsheet
    assert page.evaluate("document.activeElement.closest('.kit-k-tables-applications-carried-natural') !== null")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('.kit-k-tables-applications-disclosed-natural') !== null")
    page.keyboard.press("End")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.closest('.kit-k-tables-applications-disclosed-business') !== null")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.closest('.kit-k-tables-applications-carried-business') !== null")

    # scrolled to the bottom of table 三: its column headers stay in sight, below the toolbar
    page.locator(".kit-k-tables-applications-carry_forward-natural input").scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, 200)")
    page.wait_for_timeout(300)
    bar = page.locator(".kit-toolbar").bounding_box()
    head = page.locator(".kit-table-applications .kit-head", has_text="自然人").bounding_box()
    table_top = page.locator(".kit-table-applications").bounding_box()
    assert bar and head and table_top
    assert table_top["y"] < 0  # the table's top has scrolled away...
    assert bar["y"] + bar["height"] - 2 <= head["y"] <= VIEWPORT["height"]  # ...its headers have not
    side = page.locator(".kit-side").bounding_box()
    assert side and side["y"] >= bar["y"] + bar["height"] - 2  # the panel is never under the toolbar
    shot(page, "12-sticky")

    # a finding in the panel is a link: it scrolls to its cell and focuses it
    page.evaluate("window.scrollTo(0, 0)")
    cell(page, "tables.applications.new.natural").fill("6")
    link = page.locator(".kit-findings a.kit-goto", has_text="申请人情况 自然人").first
    expect(link).to_be_visible()
    link.click()
    page.wait_for_function("document.activeElement && document.activeElement.closest('.kit-table-applications') !== null")
    focused = page.evaluate("document.activeElement.getBoundingClientRect().top")
    assert bar["height"] <= focused <= VIEWPORT["height"]


# ---------------------------------------------------------------------------------------------
# words and requests, accessibility


def test_page_requests_nothing_outside_and_speaks_chinese(page, served: tuple[str, Path, Path]) -> None:
    url, _, _ = served
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url)
    # read in one step: the loading text is removed as soon as the page is ready
    loading = page.evaluate("(document.getElementById('loading_text') || {}).innerText || ''")
    assert "Running" not in loading and "Executing" not in loading
    open_report(page, url)
    page.wait_for_timeout(1000)
    outside = [r for r in requests if not r.startswith(url) and not r.startswith(("data:", "blob:"))]
    assert outside == []
    assert page.title() == "政府信息公开工作年度报告 · 填写"
    shown = page.locator(".kit-form").inner_text()
    for word in ("${", "body.yaml", ".history", "/parameters", "Running", "Executing", "fill_in", "website_name"):
        assert word not in shown, word
    assert "万元" not in (page.locator(".kit-table-applications").inner_text())


def test_accessibility_names_roles_and_axe(page, served: tuple[str, Path, Path]) -> None:
    assert AXE.is_file(), f"axe-core is missing ({AXE}): run scripts/install.sh"
    url, _, _ = served
    open_report(page, url)
    page.wait_for_timeout(1000)
    disclosed = page.locator(".kit-k-tables-applications-disclosed-natural input")
    assert disclosed.get_attribute("aria-label") == "（一）予以公开 · 自然人"
    grid = page.locator(".kit-table-applications")
    assert grid.get_attribute("role") == "grid"
    assert grid.locator(":scope > [role=row]").count() == 28  # the printed rows of table 三, headers included
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document.querySelector('.kit-form'), {resultTypes: ['violations']})")
    violations = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]]
    print(f"axe-core violations on the form: {len(violations)} rules, {sum(n for *_, n in violations)} elements: {violations}")
    (ARTIFACTS / "axe.json").write_text(json.dumps(result["violations"], ensure_ascii=False, indent=1), encoding="utf-8")
    assert violations == []


# ---------------------------------------------------------------------------------------------
# kernels of closed tabs


@pytest.mark.parametrize("cull_after", [6])
def test_a_closed_tab_does_not_leave_its_kernel_running(page, served: tuple[str, Path, Path], cull_after: int) -> None:
    from playwright.sync_api import expect

    url, _, _ = served
    open_report(page, url)
    server = SERVERS[url]
    assert len(kernel_processes(server)) == 1
    page.wait_for_timeout(cull_after * 3 * 1000)  # an open tab keeps its kernel, however long
    cell(page, "tables.applications.new.natural").fill("6")
    expect(page.locator(".kit-findings")).to_contain_text("第一项加第二项之和")
    page.close()
    deadline = time.monotonic() + cull_after * 10 + 30
    while kernel_processes(server) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert kernel_processes(server) == []


# ---------------------------------------------------------------------------------------------
# JupyterLab: the notebook works on the project it is opened in


def test_in_jupyterlab_the_form_edits_the_project_jupyterlab_was_started_in(tmp_path: Path) -> None:
    """A training copy opened in JupyterLab lists its own bodies, not the installed checkout's."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect, sync_playwright

    copy = tmp_path / "培训副本"
    (copy / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / "fill_in.ipynb", copy / "notebooks" / "fill_in.ipynb")
    shutil.copytree(SEED, copy / "parameters" / "培训县" / REF.body)
    port, token = free_port(), "t0ken"
    log = tmp_path / "lab.log"
    with log.open("wb") as out:
        lab = subprocess.Popen(
            [
                str(BIN_DIR / "jupyter"),
                "lab",
                "--no-browser",
                "--allow-root",
                f"--port={port}",
                f"--IdentityProvider.token={token}",
                "--ServerApp.ip=127.0.0.1",
                f"--ServerApp.root_dir={copy}",
                f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}",
                f"--LabApp.user_settings_dir={tmp_path / 'settings'}",
            ],
            cwd=copy,
            env={**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "JUPYTER_CONFIG_DIR": str(tmp_path / "config")},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for(f"http://127.0.0.1:{port}/api/status?token={token}", lab, log, START_TIMEOUT)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_context(viewport=VIEWPORT, locale="zh-CN").new_page()
            page.set_default_timeout(2 * UI_TIMEOUT)
            page.goto(f"http://127.0.0.1:{port}/lab/tree/notebooks/fill_in.ipynb?token={token}")
            page.wait_for_selector(".jp-Notebook .jp-Cell")
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", state="attached")
            # each cell run in the kernel just started, as a clerk does with Shift+Enter: "Restart the kernel and run all
            # cells" half a second after the page connected raced JupyterLab's websocket handshake in CI (the server
            # then misread the client's first message, struct.error in deserialize_binary_message, and nothing ran)
            # JupyterLab may also start a second kernel at page load and shut the first (seen in its log): keys typed
            # meanwhile are lost, so the cells are run once more if no form came of the first try.
            cells = page.locator(".jp-Notebook .jp-Cell")
            county = page.locator(".kit-form .kit-county select")
            for attempt in range(2):
                page.get_by_text("| Idle").first.wait_for()  # the status bar: the notebook's kernel is up and idle
                cells.first.click()
                page.keyboard.press("Escape")  # command mode: Shift+Enter runs the cell and selects the next
                for _ in range(cells.count()):
                    page.keyboard.press("Shift+Enter")
                try:
                    county.wait_for(state="attached", timeout=UI_TIMEOUT)
                    break
                except PlaywrightTimeout:
                    if attempt:
                        raise
            expect(county).to_be_attached()
            assert county.locator("option").all_inner_texts() == ["培训县"]  # the copy's, not the checkout's 微山县
            browser.close()
    finally:
        lab.send_signal(signal.SIGINT)
        try:
            lab.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(lab.pid, signal.SIGKILL)
            lab.wait()
