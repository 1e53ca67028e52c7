"""`kit publish` for real: the installed command, papermill, WeasyPrint and python-docx (slow).

The whole cycle runs from the command line on a copy of the demo county; the published HTML,
PDF (read back with pdfplumber) and Word file carry the report's date in the signature, a draft
built afterwards does not, and `kit verify` notices a published file edited afterwards.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, run_kit

from kit.report import BodyRef
from kit.store import Store
from kit.store.record import Action, State, read_record

DEMO = ROOT / "parameters" / "青禾县"
TOWN = BodyRef("青禾县", "云溪镇")


@pytest.mark.slow
def test_the_whole_cycle_with_a_real_publication(tmp_path: Path) -> None:
    parameters = tmp_path / "parameters"
    shutil.copytree(DEMO, parameters / "青禾县")
    exports = tmp_path / "exports"

    def kit(*args: str) -> str:
        done = run_kit("--parameters", parameters, *args)
        assert done.returncode == 0, done.stderr + done.stdout
        return done.stdout

    kit("submit", str(TOWN), "2025", "--by", "张三")
    kit("return", str(TOWN), "2025", "--by", "李四", "--reason", "请补充联系方式")
    kit("submit", str(TOWN), "2025", "--by", "张三")
    refused = run_kit("--parameters", parameters, "publish", str(TOWN), "2025", "--by", "李四")
    assert refused.returncode == 1 and "不能发布：已提交，但还没有审核通过" in refused.stderr
    kit("approve", str(TOWN), "2025", "--by", "李四")
    out = kit("publish", str(TOWN), "2025", "--by", "李四", "--url", "https://www.qinghe.example/yx/2025.html", "--date", "2026-01-20")
    assert "已发布：青禾县/云溪镇 2025年度报告第1版，发布日期 2026-01-20" in out

    store = Store(parameters)
    record = read_record(store, TOWN, 2025)
    assert record.state is State.PUBLISHED
    event = record.last
    assert event is not None and event.action is Action.PUBLISH
    folder = store.body_dir(TOWN) / "已发布" / "2025" / "第1版"
    published = sorted(folder.iterdir())
    files = {p.suffix: p for p in published if p.suffix != ".png"}
    assert set(files) == {".html", ".pdf", ".docx"}
    assert all("-图" in p.name for p in published if p.suffix == ".png")  # the web copy's charts, beside the page
    assert {f.name for f in event.files} == {p.name for p in published}  # every published file is hashed, charts too

    html = files[".html"].read_text(encoding="utf-8")
    assert '<p class="date">2026年1月20日</p>' in html and "草稿" not in html
    import pdfplumber

    with pdfplumber.open(files[".pdf"]) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "2026年1月20日" in text and "青禾县云溪镇人民政府" in text
    with zipfile.ZipFile(files[".docx"]) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    assert "2026年1月20日" in xml

    # a draft of the same report leaves the date blank for the stamped copy
    kit("build", str(TOWN), "2025", "--to", "html", "--draft", "--exports", str(exports))
    draft = next((exports / "青禾县" / "云溪镇" / "2025").glob("*.html")).read_text(encoding="utf-8")
    assert "2026年1月20日" not in draft and '<p class="date">    年  月  日</p>' in draft

    assert f"{len(published)} 个未改动，0 个被改动，0 个缺失" in kit("verify", "青禾县", "--year", "2025")
    files[".html"].write_text(html.replace("2026年1月20日", "2026年1月21日"), encoding="utf-8")
    changed = run_kit("--parameters", parameters, "verify", "青禾县", "--year", "2025")
    assert changed.returncode == 1
    assert f"{files['.html'].name}：发布后被改动（与发布时记录的哈希不同）" in changed.stdout

    status = kit("status", "青禾县", "--year", "2025", "--today", "2026-01-22")
    assert "云溪镇  镇  已发布  李四" in status
    assert "已审核或已发布的 1 个：云溪镇。" in status
