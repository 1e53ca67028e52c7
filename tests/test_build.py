"""`kit build`: refusals and atomic writes (no kernel), then real papermill runs (marked slow).

Every test builds into tmp_path (--exports) from a copy of the parameters; nothing is written
into the repository's parameters/ or exports/.
"""

from __future__ import annotations

import shutil
import threading
from io import BytesIO
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, run_kit
from html_page import parse, report_text, table_grid
from test_export import executed_like
from test_seed import SEED, seed_lines

from kit.build import report as build_module
from kit.cli.main import main
from kit.errors import KitError
from kit.notebook import report as report_notebook
from kit.report import BodyRef
from kit.store import Store

SEED_REF = BodyRef("微山县", "驩城镇")
SEED_TITLE = "2018年度驩城镇政府信息公开年度报告"


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def build(parameters: Path, body: str, year: int, exports: Path, *extra: str) -> int:
    return main(["--parameters", str(parameters), "build", body, str(year), "--exports", str(exports), *extra])


# ---------------------------------------------------------------------------------------------
# no kernel


def test_report_with_errors_is_refused_with_the_list_and_no_kernel_starts(builder, town, parameters, tmp_path, monkeypatch, capsys) -> None:
    builder.year(town, 2021, cells={"applications.new.natural": 9, "proactive.rules.made": 2})

    def no_kernel(*args, **kwargs):
        raise AssertionError("a refused report must not start a kernel")

    monkeypatch.setattr(build_module, "execute_report", no_kernel)
    exports = tmp_path / "exports"
    assert build(parameters, "示例县/甲镇", 2021, exports) == 1
    err = capsys.readouterr().err
    assert "示例县/甲镇 2021年度报告有 2 个错误，未生成" in err and "--draft" in err
    assert "一、本年新收政府信息公开申请数量" in err and "规章" in err  # each error, where it is
    assert "Traceback" not in err
    assert not exports.exists()


def test_unknown_format_is_a_usage_error(parameters, tmp_path, capsys) -> None:
    assert build(parameters, "示例县/甲镇", 2021, tmp_path, "--to", "html,odt") == 2
    assert "--to" in capsys.readouterr().err


def test_missing_report_is_named(parameters, tmp_path, capsys) -> None:
    (parameters / "示例县").mkdir()
    assert build(parameters, "示例县/乙镇", 2021, tmp_path) == 1
    assert "乙镇" in capsys.readouterr().err


def _fake_run(monkeypatch, store: Store, ref: BodyRef, year: int) -> None:
    """Replace the kernel run by the notebook a real run would leave (same page)."""
    report, findings = report_notebook.load_checked(store.root, str(ref), year)
    page = report_notebook.page(report_notebook.document(report, findings, False))
    monkeypatch.setattr(build_module, "execute_report", lambda *a, **k: executed_like(page))


def test_outputs_are_replaced_whole_or_not_at_all(seed_store: Store, tmp_path, monkeypatch) -> None:
    _fake_run(monkeypatch, seed_store, SEED_REF, 2018)
    exports = tmp_path / "exports"
    assert build(seed_store.root, str(SEED_REF), 2018, exports, "--to", "html") == 0
    folder = exports / "微山县" / "驩城镇" / "2018"
    assert files_under(exports) == [f"微山县/驩城镇/2018/{SEED_TITLE}.html"]
    before = (folder / f"{SEED_TITLE}.html").read_bytes()

    from kit.build import export

    def crash(html: str) -> bytes:
        raise KitError("PDF 引擎崩溃（测试）")

    monkeypatch.setattr(export, "html_pdf", crash)
    assert build(seed_store.root, str(SEED_REF), 2018, exports, "--to", "html,pdf") == 1
    # the crash came after the HTML was made: nothing was half-replaced, no temporary file is left
    assert files_under(exports) == [f"微山县/驩城镇/2018/{SEED_TITLE}.html"]
    assert (folder / f"{SEED_TITLE}.html").read_bytes() == before


def test_an_interrupted_write_leaves_the_old_file(seed_store: Store, tmp_path, monkeypatch) -> None:
    _fake_run(monkeypatch, seed_store, SEED_REF, 2018)
    exports = tmp_path / "exports"
    assert build(seed_store.root, str(SEED_REF), 2018, exports, "--to", "html") == 0
    target = exports / "微山县" / "驩城镇" / "2018" / f"{SEED_TITLE}.html"
    before = target.read_bytes()
    import os

    def killed(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", killed)
    assert build(seed_store.root, str(SEED_REF), 2018, exports, "--to", "html") == 130
    monkeypatch.undo()
    assert target.read_bytes() == before
    assert files_under(exports) == [f"微山县/驩城镇/2018/{SEED_TITLE}.html"]


# ---------------------------------------------------------------------------------------------
# real kernels


def demo_or_sample(tmp_path: Path, builder) -> tuple[Path, BodyRef, int]:
    """A gov2021 year of the demo county (copied, with its history) if parameters/ has one, else a sample."""
    real = Store(ROOT / "parameters")
    for ref in real.bodies():
        if ref == SEED_REF:
            continue
        years = [y for y in real.years(ref) if y >= 2021]
        if years:
            target = tmp_path / "demo" / ref.county / ref.body
            shutil.copytree(real.body_dir(ref), target, ignore=shutil.ignore_patterns(".*"))
            return tmp_path / "demo", ref, years[-1]
    body = builder.body()
    builder.chain(body, range(2019, 2023))
    return builder.store.root, body.ref, 2022


@pytest.mark.slow
def test_seed_is_rebuilt_by_kit_build(seed_store: Store, tmp_path) -> None:
    exports = tmp_path / "exports"
    run = run_kit("--parameters", seed_store.root, "build", "微山县/驩城镇", "2018", "--exports", exports)
    assert run.returncode == 0, run.stderr
    folder = exports / "微山县" / "驩城镇" / "2018"
    assert files_under(folder) == [f"{SEED_TITLE}.{ext}" for ext in ("docx", "html", "pdf")]
    html = (folder / f"{SEED_TITLE}.html").read_text(encoding="utf-8")
    expected = [line for line in seed_lines(SEED.read_text(encoding="utf-8")) if line]
    assert [line for line in seed_lines(report_text(parse(html))) if line] == expected
    assert len(html.encode("utf-8")) < 100_000

    from docx import Document as Word
    from pypdf import PdfReader

    pdf = PdfReader(BytesIO((folder / f"{SEED_TITLE}.pdf").read_bytes()))
    assert SEED_TITLE in "".join(pdf.pages[0].extract_text().split())
    word = Word(str(folder / f"{SEED_TITLE}.docx"))
    assert SEED_TITLE in [p.text for p in word.paragraphs]


@pytest.mark.slow
def test_gov2021_report_is_built_from_the_kernels_page(tmp_path, builder) -> None:
    parameters, ref, year = demo_or_sample(tmp_path, builder)
    exports = tmp_path / "exports"
    built = build_module.build_report(parameters, ref, year, exports=exports, formats=["html", "pdf", "docx"])
    charts_written = {k for k in built.files if k.startswith("image:")}
    assert set(built.files) - charts_written == {"html", "pdf", "docx"}
    html = built.files["html"].read_text(encoding="utf-8")
    # the kernel's page is the in-process page: the notebook only calls the kit
    report, findings = report_notebook.load_checked(parameters, str(ref), year)
    doc = report_notebook.document(report, findings, False)
    charts = report_notebook.charts(doc, report_notebook.history(parameters, report))
    from kit.build.export import publishable

    web, images = publishable(report_notebook.page(doc, charts), doc.title)
    assert html == web  # the published copy links its charts as files beside it
    assert {f"image:{name}" for name in images} == charts_written and all(built.files[f"image:{n}"].read_bytes() == b for n, b in images.items())
    assert built.files["html"].name == f"{doc.title}.html"
    page = parse(html)
    assert len(page.find_all("table")) == 3
    table_grid(page.find("table", id="table-applications"))
    assert len(page.find_all("figure")) == len(charts)
    assert {"启动内核", "执行笔记本", "导出HTML", "生成PDF"} <= set(built.timings.steps)

    from docx import Document as Word

    word = Word(str(built.files["docx"]))
    assert len(word.tables) == 3
    assert len(word.inline_shapes) == len(charts)  # the kernel's charts, carried into Word


@pytest.mark.slow
def test_a_failing_cell_keeps_the_partial_notebook_and_names_the_cell(seed_store: Store, tmp_path, capsys) -> None:
    nb = nbformat.read(ROOT / "notebooks" / "annual_report.ipynb", as_version=4)
    index = next(i for i, c in enumerate(nb.cells) if c.get("id") == "document")
    nb.cells[index].source += "\n1/0"
    broken = tmp_path / "broken.ipynb"
    nbformat.write(nb, broken)
    exports = tmp_path / "exports"
    assert build(seed_store.root, str(SEED_REF), 2018, exports, "--notebook", str(broken)) == 1
    err = capsys.readouterr().err
    assert "微山县/驩城镇 2018年度报告" in err
    assert f"第{index + 1}个单元格" in err and "ZeroDivisionError: division by zero" in err and "1/0" in err
    assert "Traceback" not in err
    failed = exports / "_failed" / "微山县" / "驩城镇" / "2018.ipynb"
    assert str(failed) in err
    kept = nbformat.read(failed, as_version=4)
    errors = [o for c in kept.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert [e.ename for e in errors] == ["ZeroDivisionError"]
    assert files_under(exports) == ["_failed/微山县/驩城镇/2018.ipynb"]  # no half-made report

    # a later successful build supersedes the failed run
    assert build(seed_store.root, str(SEED_REF), 2018, exports, "--to", "html") == 0
    assert files_under(exports) == [f"微山县/驩城镇/2018/{SEED_TITLE}.html"]


@pytest.mark.slow
def test_draft_of_a_report_with_errors_is_built_and_marked(builder, town, parameters, tmp_path) -> None:
    builder.year(town, 2021, cells={"applications.new.natural": 9})
    exports = tmp_path / "exports"
    assert build(parameters, "示例县/甲镇", 2021, exports, "--draft", "--to", "html") == 0
    (path,) = (exports / "示例县" / "甲镇" / "2021").iterdir()
    assert path.name == "示例县甲镇人民政府2021年政府信息公开工作年度报告（草稿）.html"
    page = parse(path.read_text(encoding="utf-8"))
    assert page.find("div", class_="draft-mark").text() == "草稿"
    assert "应相等" in page.find("section", class_="draft-appendix").text()


@pytest.mark.slow
def test_parallel_builds_do_not_collide(seed_store: Store, tmp_path, builder) -> None:
    parameters, ref, year = demo_or_sample(tmp_path, builder)
    results: dict[str, object] = {}

    def run(name: str, root: Path, ref: BodyRef, year: int) -> None:
        try:
            results[name] = build_module.build_report(root, ref, year, exports=tmp_path / name, formats=["html"])
        except Exception as exc:  # reported below
            results[name] = exc

    threads = [
        threading.Thread(target=run, args=("seed", seed_store.root, SEED_REF, 2018)),
        threading.Thread(target=run, args=("other", parameters, ref, year)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert all(isinstance(r, build_module.Built) for r in results.values()), results
    assert len(results) == 2
