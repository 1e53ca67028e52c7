"""`kit import`: published reports back into parameter files — round trips, refusals, batches.

Round trips: a demo report's year file is laid out as the kit publishes it (kit.document +
kit.render: HTML and Word), imported into an empty parameters folder, and must give back the same
table figures, the same printed text (title, opening, every section, word for word) and every
figure the prose prints. The slow variants do this for every report of the demo county, and
through kit.build's real notebook for one.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import doccheck_samples as samples
import pytest

from kit.doccheck.sources import Source
from kit.document import build_document
from kit.imports.run import plan_imports, write_plan
from kit.render.text import render_text
from kit.report import BodyRef, YearReport
from kit.store import Store

ROOT = Path(__file__).resolve().parents[1]
DEMO = Store(ROOT / "parameters")
KIT = Path(sys.executable).parent / "kit"
QUOTED_FIGURE = re.compile(r"\$\{figures\.([a-z_]+)")


def run_kit(*args: object, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(KIT), *map(str, args)], capture_output=True, text=True, timeout=300, input=stdin)


def publish(report: YearReport, folder: Path, fmt: str) -> Path:
    from kit.render.docx import render_docx
    from kit.render.html import render_html

    doc = build_document(report)
    path = folder / f"{report.body.ref.body}{report.year}.{fmt}"
    if fmt == "html":
        path.write_text(render_html(doc), encoding="utf-8")
    else:
        path.write_bytes(render_docx(doc))
    return path


def import_into(root: Path, source: Path, ref: BodyRef | None = None, **kw):
    store = Store(root)
    plan = plan_imports(store, [Source(source)], body=ref, **kw)
    lines = write_plan(store, plan)
    return store, plan, lines


def printed_figures(report: YearReport) -> set[str]:
    return {m for text in report.prose.values() if text for m in QUOTED_FIGURE.findall(text)}


def assert_same_report(original: YearReport, back: YearReport) -> None:
    filled = {k: v for k, v in original.cells.items() if v is not None}
    assert {k: v for k, v in back.cells.items() if v is not None} == filled
    assert render_text(build_document(back)) == render_text(build_document(original))
    for fid in printed_figures(original):
        assert back.figures.get(fid) == original.figures.get(fid), fid
    assert back.edition == original.edition


ONE_PER_EDITION = [("微山县/驩城镇", 2018), ("青禾县/云溪镇", 2020), ("青禾县/云溪镇", 2025), ("青禾县/县教育局", 2023)]


@pytest.mark.parametrize("fmt", ["html", "docx"])
@pytest.mark.parametrize(("body", "year"), ONE_PER_EDITION)
def test_a_published_report_comes_back_whole(tmp_path: Path, body: str, year: int, fmt: str) -> None:
    ref = BodyRef.parse(body)
    original = DEMO.load_year(ref, year)
    source = publish(original, tmp_path, fmt)
    store, plan, _lines = import_into(tmp_path / "parameters", source, ref)
    (item,) = plan.items
    assert item.action == "write", item.imported.refused
    back = store.load_year(ref, year)
    assert_same_report(original, back)
    profile = store.load_body(ref)
    printed = ("address", "postcode", "phone") + (("contact_office", "website", "website_name") if year > 2018 else ())  # what the opening prints
    for key in printed:
        assert profile.field(key) == original.body.field(key), key
    assert profile.level == original.body.level


def test_the_seeds_figures_are_quoted_again(tmp_path: Path) -> None:
    """What was typed into the sentences comes back as ${...}: figures are not typed twice."""
    ref = BodyRef("微山县", "驩城镇")
    original = DEMO.load_year(ref, 2018)
    store, _plan, _ = import_into(tmp_path / "p", publish(original, tmp_path, "docx"), ref)
    back = store.load_year(ref, 2018)
    assert back.prose["proactive"] == original.prose["proactive"]
    assert back.prose["requests"] == original.prose["requests"]
    assert back.titles == original.titles and back.run_in == original.run_in
    assert [(i.name, i.count) for i in back.figures["proactive_breakdown"]] == [("公示公告", 28), ("微信公众号", 2)]


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_every_report_of_the_demo_county_comes_back(tmp_path: Path, fmt: str) -> None:
    failures = []
    for ref in DEMO.bodies():
        for year in DEMO.years(ref):
            original = DEMO.load_year(ref, year)
            folder = tmp_path / f"{ref.county}-{ref.body}-{year}"
            folder.mkdir()
            store, plan, _ = import_into(folder / "parameters", publish(original, folder, fmt), ref)
            if plan.items[0].action != "write":
                failures.append((str(ref), year, plan.items[0].imported.refused))
                continue
            try:
                assert_same_report(original, store.load_year(ref, year))
            except AssertionError as exc:
                failures.append((str(ref), year, str(exc)[:300]))
    assert failures == []


@pytest.mark.slow
def test_a_report_built_by_kit_build_comes_back(tmp_path: Path) -> None:
    """The real pipeline: papermill runs the report notebook, nbconvert exports it."""
    from kit.build.report import build_report

    ref = BodyRef("青禾县", "柳塘镇")
    built = build_report(ROOT / "parameters", ref, 2024, exports=tmp_path / "exports", formats=("html", "docx"))
    original = DEMO.load_year(ref, 2024)
    for fmt in ("html", "docx"):  # the charts' PNG files beside the page are not reports
        path = built.files[fmt]
        store, plan, _ = import_into(tmp_path / f"p-{fmt}", path, ref)
        assert plan.items[0].action == "write", plan.items[0].imported.refused
        assert_same_report(original, store.load_year(ref, 2024))


# ---------------------------------------------------------------------------------------------
# what is printed is what is written: blanks, "/", and refusals


def sample(tmp_path: Path, name: str = "r.html", changes: dict[str, str] | None = None, report=None) -> Path:
    printed = samples.values("gov2021", changes)
    return samples.write_html(tmp_path / name, report or samples.blocks(2023), samples.Tables("gov2021", printed))


def test_a_blank_stays_blank_and_a_slash_is_kept_apart(tmp_path: Path) -> None:
    path = sample(tmp_path, changes={"applications.disclosed.research": "", "applications.partial.business": "/"})
    ref = BodyRef("青禾县", "柳塘镇")
    store, plan, _ = import_into(tmp_path / "p", path, ref)
    assert plan.items[0].action == "write"
    back = store.load_year(ref, 2023)
    assert back.cells["applications.disclosed.research"] is None
    assert back.cells["applications.partial.business"] is None
    assert back.cells["applications.partial.natural"] == 1
    notes = [f.message for f in plan.items[0].imported.notes]
    assert any("（二）部分公开" in n and "印的是“/”，导入为空白（未填写），不当作 0" in n for n in notes), notes
    text = (tmp_path / "p" / "青禾县" / "柳塘镇" / "2023.yaml").read_text(encoding="utf-8")
    assert re.search(r"^\s+business:\s+#", text, re.MULTILINE)  # written blank, not 0


def test_text_in_a_cell_refuses_the_report_and_writes_nothing(tmp_path: Path) -> None:
    path = sample(tmp_path, changes={"applications.new.natural": "五件"})
    done = run_kit("--parameters", tmp_path / "p", "import", path, "--body", "青禾县/柳塘镇")
    assert done.returncode == 1
    assert "未导入" in done.stdout or "✗" in done.stdout
    assert "一、本年新收政府信息公开申请数量" in done.stdout and "五件" in done.stdout
    assert not (tmp_path / "p").exists() or not any((tmp_path / "p").rglob("*.yaml"))


def test_a_table_cut_off_refuses_the_report_and_writes_nothing(tmp_path: Path) -> None:
    path = sample(tmp_path)
    html = path.read_text(encoding="utf-8")
    cut = html.index("<tr><td>（五）不予处理") if "<tr><td>（五）不予处理" in html else html.index("1.信访举报投诉类申请")
    end = html.index("</table>", cut)
    path.write_text(html[: html.rindex("<tr", 0, cut)] + html[end:], encoding="utf-8")
    done = run_kit("--parameters", tmp_path / "p", "import", path, "--body", "青禾县/柳塘镇")
    assert done.returncode == 1
    assert "表中找不到这一行" in done.stdout and "（五）不予处理" in done.stdout
    assert not any((tmp_path / "p").rglob("*.yaml")) if (tmp_path / "p").exists() else True


def test_an_existing_year_is_kept_unless_forced_and_then_kept_in_history(tmp_path: Path) -> None:
    path = sample(tmp_path)
    root = tmp_path / "p"
    assert run_kit("--parameters", root, "import", path, "--body", "青禾县/柳塘镇").returncode == 0
    year_file = root / "青禾县" / "柳塘镇" / "2023.yaml"
    first = year_file.read_text(encoding="utf-8")
    year_file.write_text(first.replace("natural: 5", "natural: 6", 1), encoding="utf-8")  # a clerk's edit
    edited = year_file.read_text(encoding="utf-8")
    again = run_kit("--parameters", root, "import", path, "--body", "青禾县/柳塘镇")
    assert "已存在，未覆盖" in again.stdout and year_file.read_text(encoding="utf-8") == edited
    forced = run_kit("--parameters", root, "import", path, "--body", "青禾县/柳塘镇", "--force")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert year_file.read_text(encoding="utf-8") == first
    kept = list((root / "青禾县" / "柳塘镇" / ".history" / "2023").iterdir())
    assert [p.read_text(encoding="utf-8") for p in kept] == [edited]


def test_dry_run_shows_the_file_and_writes_nothing(tmp_path: Path) -> None:
    done = run_kit("--parameters", tmp_path / "p", "import", sample(tmp_path), "--body", "青禾县/柳塘镇", "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "（--dry-run：未写入）" in done.stdout
    assert "edition: gov2021" in done.stdout and "prose:" in done.stdout
    assert not (tmp_path / "p").exists()


# ---------------------------------------------------------------------------------------------
# batches: body and year guessed from the title, a plan, a confirmation


@pytest.fixture
def received(tmp_path: Path) -> Path:
    folder = tmp_path / "收到的报告"
    folder.mkdir()
    for ref, year in [(BodyRef("青禾县", "云溪镇"), 2024), (BodyRef("青禾县", "云溪镇"), 2025), (BodyRef("青禾县", "县人民政府"), 2025)]:
        publish(DEMO.load_year(ref, year), folder, "html")
    (folder / "不知是谁.txt").write_text("工作总结\n今年做了很多工作。\n", encoding="utf-8")
    return folder


def test_a_batch_shows_its_plan_and_asks_first(tmp_path: Path, received: Path) -> None:
    root = tmp_path / "p"
    done = run_kit("--parameters", root, "import", received, stdin="n\n")
    assert done.returncode == 1
    out = done.stdout
    assert f"{received / '云溪镇2024.html'} → {root / '青禾县' / '云溪镇' / '2024.yaml'}" in out
    assert f"{received / '县人民政府2025.html'} → {root / '青禾县' / '县人民政府' / '2025.yaml'}" in out
    assert "不知是谁.txt ✗" in out
    assert "请加 --yes" in done.stderr or "需要确认" in done.stderr
    assert not root.exists()


def test_a_batch_with_yes_writes_each_body_and_year(tmp_path: Path, received: Path) -> None:
    root = tmp_path / "p"
    done = run_kit("--parameters", root, "import", received, "--yes")
    assert done.returncode == 1  # one source could not be imported, the others were
    store = Store(root)
    assert store.bodies() == [BodyRef("青禾县", "云溪镇"), BodyRef("青禾县", "县人民政府")]
    assert store.years(BodyRef("青禾县", "云溪镇")) == [2024, 2025]
    assert store.load_body(BodyRef("青禾县", "县人民政府")).level == "县级人民政府"
    for ref, year in [(BodyRef("青禾县", "云溪镇"), 2024), (BodyRef("青禾县", "云溪镇"), 2025)]:
        assert_same_report(DEMO.load_year(ref, year), store.load_year(ref, year))
    assert "导入完成：写入 3 份，跳过 0 份，未导入 1 份。" in done.stdout
    # and the kit's own check reads what was written
    assert run_kit("--parameters", root, "check").returncode in (0, 1)


def test_a_body_already_in_the_folder_is_found_by_its_full_name(tmp_path: Path, received: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(ROOT / "parameters" / "青禾县" / "县人民政府", root / "青禾县" / "县人民政府", ignore=shutil.ignore_patterns("20*.yaml"))
    plan = plan_imports(Store(root), [Source(received / "县人民政府2025.html")])
    assert plan.items[0].imported.ref == BodyRef("青禾县", "县人民政府")
    assert plan.items[0].imported.body is None  # the body's profile is kept, not re-made


# ---------------------------------------------------------------------------------------------
# hostile reports


def test_a_quotation_printed_in_a_report_stays_text(tmp_path: Path) -> None:
    """A published report that prints "${tables…}" does not get it expanded from the year file."""
    report = samples.edit(samples.blocks(2023), "本年度未收取信息处理费", "本年度未收取${tables.applications.new.total}信息处理费")
    ref = BodyRef("青禾县", "柳塘镇")
    store, plan, _ = import_into(tmp_path / "p", sample(tmp_path, report=report), ref)
    assert plan.items[0].action == "write", plan.items[0].imported.refused
    back = store.load_year(ref, 2023)
    assert "未收取${tables.applications.new.total}信息处理费" in render_text(build_document(back))


@pytest.mark.parametrize("title", ["../../etc/passwd2023年政府信息公开工作年度报告", "青禾县/../../x镇2023年政府信息公开工作年度报告", ".hidden县2023年政府信息公开工作年度报告"])
def test_a_title_cannot_lead_outside_the_parameters_folder(tmp_path: Path, title: str) -> None:
    report = samples.edit(samples.blocks(2023), "青禾县柳塘镇人民政府2023年政府信息公开工作年度报告", title)
    root = tmp_path / "p"
    plan = plan_imports(Store(root), [Source(sample(tmp_path, report=report))])
    for item in plan.items:
        assert item.path is None or root.resolve() in item.path.resolve().parents
    write_plan(Store(root), plan)
    assert all(root.resolve() in p.resolve().parents for p in tmp_path.rglob("*.yaml"))


def test_kit_import_a_url(tmp_path: Path) -> None:
    from test_reading_formats import serving

    site = tmp_path / "site"
    site.mkdir()
    publish(DEMO.load_year(BodyRef("青禾县", "云溪镇"), 2025), site, "html")
    with serving(site) as url:
        done = run_kit("--parameters", tmp_path / "p", "import", f"{url}/云溪镇2025.html", "--body", "青禾县/云溪镇")
        offline = run_kit("--parameters", tmp_path / "q", "import", "http://127.0.0.1:9/r.html", "--body", "青禾县/云溪镇")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{url}/云溪镇2025.html → {tmp_path / 'p' / '青禾县' / '云溪镇' / '2025.yaml'}" in done.stdout
    assert_same_report(DEMO.load_year(BodyRef("青禾县", "云溪镇"), 2025), Store(tmp_path / "p").load_year(BodyRef("青禾县", "云溪镇"), 2025))
    assert offline.returncode == 1 and "无法下载 http://127.0.0.1:9/r.html" in offline.stdout
    assert not (tmp_path / "q").exists()
