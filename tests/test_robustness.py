"""Nothing lost, nothing injected, bad input tried systematically (issue 5).

What tests/test_storage.py, test_parameters.py, test_export.py and test_docx.py already cover is
not repeated here: this file adds hostile text in every output and in the papermill parameters,
property-based runs over the loader, validator and renderers, very large and empty inputs, a
county of 500 bodies, and a real full disk.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import re
import subprocess
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import Builder, full_report, make_body
from html_page import parse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kit import yamlio
from kit.checking import check_paths
from kit.document import build_document
from kit.errors import ConflictError, KitError
from kit.render.docx import render_docx
from kit.render.html import render_html
from kit.render.text import render_text
from kit.report import BodyRef, YearReport
from kit.store import Store
from kit.store.yearfile import dump_body, dump_year
from kit.validation import validate

# Every kind of text that has a meaning somewhere: quotes, a newline, Jinja, HTML, a shell
# substitution, backslashes, Markdown, LaTeX. `${...}` is the kit's own placeholder syntax and
# is tried separately (a value is never expanded twice).
HOSTILE = (
    "甲\"乙'丙 {{ 7*191 }} {% for i in range(3) %}Q{% endfor %} {# c #} "
    '<script>alert("x")</script> <b>粗</b> &amp; $(rm -rf ~) `id` C:\\temp\\new \\n '
    "**粗体** # 标题 $\\frac{1}{2}$ \\end{document}"
)
HOSTILE_LINES = HOSTILE + "\n第二行 </p><p>\r\n第三行"

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def hostile_report(builder: Builder, prose: str = HOSTILE) -> YearReport:
    body = builder.body(
        name="丙镇",
        full_name="丙镇" + HOSTILE.replace("\\", "/"),  # written to body.yaml, read back
        address=HOSTILE + " ${body.phone}",
        contact_office="<i>办公室</i>{{ x }}",
    )
    return builder.year(body, 2021, prose={"problems": prose, "other": "地址：${body.address}；机构：${body.contact_office}。"})


# ---------------------------------------------------------------------------------------------
# nothing injected: HTML, text, DOCX, PDF


def test_hostile_profile_and_prose_come_out_literally_in_html(builder: Builder) -> None:
    report = hostile_report(builder)
    assert report.body.address == HOSTILE + " ${body.phone}", "body.yaml keeps the text as typed"
    html = render_html(build_document(report))
    assert "<script" not in html and "<b>" not in html and "<i>" not in html
    paragraphs = [p.text() for p in parse(html).find_all("p")]
    assert HOSTILE in paragraphs
    assert f"地址：{HOSTILE} ${{body.phone}}；机构：<i>办公室</i>{{{{ x }}}}。" in paragraphs, "a profile value is not expanded again"
    assert parse(html).find("title").text().startswith("丙镇" + HOSTILE.replace("\\", "/")[:20])


def test_prose_with_newlines_and_closing_tags_cannot_open_elements(builder: Builder) -> None:
    report = hostile_report(builder, prose=HOSTILE_LINES)
    html = render_html(build_document(report))
    assert "</p><p>\r" not in html and "<script" not in html
    text = " ".join(p.text() for p in parse(html).find_all("p"))
    for line in HOSTILE_LINES.splitlines():
        assert line.strip() in text


def test_hostile_text_in_plain_text_and_docx(builder: Builder) -> None:
    import docx

    report = hostile_report(builder)
    doc = build_document(report)
    assert HOSTILE in render_text(doc)
    word = docx.Document(io.BytesIO(render_docx(doc)))
    paragraphs = [p.text for p in word.paragraphs]
    assert HOSTILE in paragraphs
    assert any(p.startswith("地址：" + HOSTILE) for p in paragraphs)


@pytest.mark.slow
def test_hostile_text_in_the_pdf(builder: Builder) -> None:
    import pypdf

    from kit.build.export import html_pdf

    report = hostile_report(builder)
    pdf = pypdf.PdfReader(io.BytesIO(html_pdf(render_html(build_document(report)))))
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in pdf.pages))
    for piece in ("{{7*191}}", "{%foriinrange(3)%}Q{%endfor%}", '<script>alert("x")</script>', "<b>粗</b>", "$(rm-rf~)", "C:\\temp\\new"):
        assert piece in text, piece
    assert "QQQ" not in text and "1337" not in text


def _executed_notebook(html: str):
    import nbformat

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("display(HTML(page))", metadata={"tags": ["report"]})
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": html})]
    nb.cells = [nbformat.v4.new_markdown_cell("{{ 7*191 }}"), cell]
    return nb


@pytest.mark.slow
def test_jinja_in_prose_is_not_evaluated_by_the_nbconvert_template(builder: Builder) -> None:
    from kit.build.export import notebook_html
    from kit.notebook.report import page

    report = hostile_report(builder)
    html = notebook_html(_executed_notebook(page(build_document(report))))
    assert "{{ 7*191 }}" in html and "{% for i in range(3) %}Q{% endfor %}" in html
    assert "1337" not in html and "QQQ" not in html
    assert "<script" not in html


# ---------------------------------------------------------------------------------------------
# nothing injected: the parameters papermill writes into the notebook


PAPERMILL_VALUES = {
    "body": "示例县/甲\"镇'{{ x }}$(id)",  # quotes, Jinja and $() pass check_name; / \ and newlines do not
    "full_name": HOSTILE_LINES,
    "tricky": "\"\"\"'''\\\n# comment\nimport os; os._exit(3)\n\\",
    "year": 2021,
    "draft": True,
}


@given(value=st.text())
@FAST
def test_papermill_parameters_are_python_literals_of_the_same_value(value: str) -> None:
    """The code papermill injects, run as Python, gives back exactly the values passed (through kit.build.execute.plain)."""
    from papermill.translators import translate_parameters

    from kit.build.execute import plain

    params = {k: plain(v) for k, v in {**PAPERMILL_VALUES, "value": value}.items()}
    code = translate_parameters("python3", "python", params, "Parameters")
    namespace: dict = {}
    exec(compile(code, "<parameters>", "exec"), namespace)  # running the injected code is the point of the test
    assert {k: namespace[k] for k in params} == params


@pytest.mark.slow
def test_executed_parameters_cell_gives_the_same_strings(tmp_path: Path) -> None:
    """A real kernel, through the kit's own execute_report: the values arrive unchanged and no injected code runs."""
    import nbformat

    from kit.build.execute import execute_report

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell('body = "x"\nfull_name = "x"\ntricky = "x"\nyear = 0\ndraft = False', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("import json\nprint(json.dumps([body, full_name, tricky, year, draft]))"),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Python 3"}
    nb.metadata["language_info"] = {"name": "python"}
    notebook = tmp_path / "tiny.ipynb"
    nbformat.write(nb, notebook)
    executed = execute_report(PAPERMILL_VALUES, label="示例", failed_path=tmp_path / "failed.ipynb", notebook=notebook)
    printed = "".join(o.get("text", "") for o in executed.cells[-1].outputs)
    assert json.loads(printed) == [PAPERMILL_VALUES[k] for k in ("body", "full_name", "tricky", "year", "draft")]
    assert BodyRef.parse(PAPERMILL_VALUES["body"]).body == "甲\"镇'{{ x }}$(id)"


# ---------------------------------------------------------------------------------------------
# bad input, systematically


SCALAR_LINE = re.compile(r"^(\s*[A-Za-z_][\w]*:) (.+)$", re.M)
BASE = dump_year(full_report(make_body(), 2021))
BASE_LINES = [m.start(2) for m in SCALAR_LINE.finditer(BASE)]

YAMLISH = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            "~",
            "[]",
            "{}",
            "-1",
            "1e400",
            "0x10",
            "1_000",
            "9" * 30,
            "'",
            '"',
            "{a: [b",
            "&a *a",
            "!!python/object:os.system ls",
            ".nan",
            "no",
            "2021-13-45",
            "\t",
            "- x\n- y",
            "a: b: c",
        ]
    ),
    st.integers().map(str),
    st.floats().map(str),
)


def _load(tmp: Path, text: str) -> YearReport:
    store = Store(tmp)
    ref = BodyRef("示例县", "甲镇")
    folder = store.body_dir(ref)
    if not (folder / "body.yaml").exists():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "body.yaml").write_text(dump_body(make_body()), encoding="utf-8")
    (folder / "2021.yaml").write_text(text, encoding="utf-8")
    return store.load_year(ref, 2021)


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="kit-robust-") as tmp:
        yield Path(tmp)


@given(data=st.data())
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_loader_loads_or_refuses_with_a_message_and_the_validator_never_raises(scratch: Path, data) -> None:
    """A real year file with values replaced by arbitrary YAML-ish text, or arbitrary text altogether."""
    if data.draw(st.booleans()):
        text = BASE
        for _ in range(data.draw(st.integers(1, 4))):
            starts = [m.start(2) for m in SCALAR_LINE.finditer(text)]
            at = data.draw(st.sampled_from(starts))
            end = text.index("\n", at) if "\n" in text[at:] else len(text)
            text = text[:at] + data.draw(YAMLISH) + text[end:]
    else:
        text = data.draw(st.text(max_size=200) | YAMLISH)
    try:
        report = _load(scratch, text)
    except KitError as exc:
        assert str(exc).strip(), "a refusal says why"
        return
    findings = validate(report)
    assert all(f.message for f in findings)
    doc = build_document(report, draft=True, findings=findings)
    render_text(doc)
    render_html(doc)


PROSE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)


@given(problems=PROSE, other=PROSE, title=st.text(max_size=30), draft=st.booleans())
@settings(max_examples=20, deadline=None)
def test_renderers_never_fail_on_valid_data_with_arbitrary_prose(problems: str, other: str, title: str, draft: bool) -> None:
    body = make_body(full_name="甲镇" + title)
    report = full_report(body, 2021)
    report.prose.update(problems=problems, other=other)
    findings = validate(report)
    doc = build_document(report, draft=draft, findings=findings)
    assert render_text(doc)
    html = render_html(doc)
    assert "<script" not in html.lower()
    assert render_docx(doc)[:2] == b"PK"


def test_very_large_prose_renders(gov2021: YearReport) -> None:
    big = ("本机关依法公开政府信息<b>。" * 10_000)[:100_000] + "结束。"
    assert len(big.encode("utf-8")) > 100_000
    gov2021.prose["problems"] = big
    doc = build_document(gov2021)
    assert big in render_text(doc)
    assert big.replace("<", "&lt;").replace(">", "&gt;") in render_html(doc)
    assert len(render_docx(doc)) > 10_000


def test_very_large_prose_survives_a_save_and_load(builder: Builder, gov2021: YearReport) -> None:
    gov2021.prose["problems"] = "很长的文字。\n" * 20_000
    builder.store.save_year(gov2021)
    again = builder.store.load_year(gov2021.body.ref, 2021)
    assert again.prose["problems"] == gov2021.prose["problems"].strip("\n") or again.prose["problems"] == gov2021.prose["problems"]


@pytest.mark.parametrize("value", ["100000001", "99999999999999999999999", "1" * 5000, "-100000001", "1e30", "1.5e308"])
def test_very_large_numbers_are_refused_with_a_message(store: Store, gov2021: YearReport, value: str) -> None:
    assert gov2021.file is not None
    text = gov2021.file.read_text(encoding="utf-8")
    changed = text.replace("      natural: 5  #", f"      natural: {value}  #", 1)
    assert changed != text
    gov2021.file.write_text(changed, encoding="utf-8")
    with pytest.raises(KitError) as exc:
        store.load_year(gov2021.body.ref, 2021)
    assert str(exc.value) and "Traceback" not in str(exc.value)


def test_empty_report_validates_with_blanks_and_renders_as_a_draft(store: Store, town) -> None:
    file = store.year_file(town.ref, 2021)
    file.write_text("edition: gov2021\n", encoding="utf-8")
    report = store.load_year(town.ref, 2021)
    findings = validate(report)
    assert findings and any("未填写" in f.message for f in findings)
    page = parse(render_html(build_document(report, draft=True, findings=findings)))
    assert page.find("div", class_="draft-mark").text() == "草稿"
    assert "未填写" in page.find("section", class_="draft-appendix").text()
    assert render_docx(build_document(report, draft=True, findings=findings))[:2] == b"PK"


def test_a_county_of_500_bodies_is_checked(tmp_path: Path) -> None:
    root = tmp_path / "parameters"
    year_text = dump_year(full_report(make_body(), 2021))
    for i in range(500):
        name = f"第{i:03d}街道"
        folder = root / "大县" / name
        folder.mkdir(parents=True)
        (folder / "body.yaml").write_text(dump_body(make_body("大县", name, level="街道", full_name=f"大县{name}街道办事处")), encoding="utf-8")
        (folder / "2021.yaml").write_text(year_text, encoding="utf-8")
    results = check_paths([root / "大县"])
    assert len(results) == 500
    assert len({r.ref for r in results}) == 500 and all(r.year == 2021 for r in results)
    assert all(not r.errors for r in results), results[0].errors[:3]


# ---------------------------------------------------------------------------------------------
# data never lost: a full disk, two sessions


@contextlib.contextmanager
def tiny_disk(size: str = "512k") -> Iterator[Path | None]:
    """A real, small tmpfs (needs root and mount); None where it cannot be mounted."""
    folder = Path(tempfile.mkdtemp(prefix="kit-full-"))
    mounted = os.geteuid() == 0 and subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True).returncode == 0
    try:
        yield folder if mounted else None
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], capture_output=True)
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


def _fill(folder: Path) -> None:
    with contextlib.suppress(OSError), open(folder / "filler", "wb") as handle:
        while True:
            handle.write(b"\0" * 4096)
            handle.flush()
            os.fsync(handle.fileno())


def test_full_disk_gives_a_clear_error_and_keeps_the_old_file(monkeypatch) -> None:
    """On a real full file system where root can mount one (tmpfs), else with fsync failing as a full disk does."""
    with tiny_disk() as disk:
        base = disk if disk is not None else Path(tempfile.mkdtemp(prefix="kit-full-sim-"))
        store = Store(base / "parameters")
        b = Builder(store)
        body = b.body()
        report = b.year(body, 2021)
        file = store.year_file(body.ref, 2021)
        before = file.read_bytes()
        history_before = sorted(p.name for p in yamlio.history_dir(file).glob("*")) if yamlio.history_dir(file).is_dir() else []
        if disk is not None:
            _fill(disk)
        else:

            def full(fd: int) -> None:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            monkeypatch.setattr(os, "fsync", full)
        report.prose["problems"] = "新写的很长的内容。" * 2000
        with pytest.raises(KitError) as exc:
            store.save_year(report)
        assert type(exc.value) is KitError
        assert str(exc.value).startswith(f"无法保存文件 {file}：磁盘空间已满，请清理磁盘后再保存（")
        assert str(exc.value).endswith("。原文件未改动。")
        assert file.read_bytes() == before
        leftovers = [p.name for p in file.parent.rglob("*.tmp")]
        assert leftovers == [], "no temporary file is left to fill the disk further"
        history_after = sorted(p.name for p in yamlio.history_dir(file).glob("*")) if yamlio.history_dir(file).is_dir() else []
        assert history_after == history_before, "a failed save keeps no history copy (it would equal the current file)"
        if disk is not None:
            (disk / "filler").unlink()
            store.save_year(report)  # once there is room again, the same edit saves
            assert "新写的很长的内容" in file.read_text(encoding="utf-8")


def test_two_sessions_saving_the_same_year_second_gets_a_conflict(store: Store, town, gov2021: YearReport) -> None:
    """Two YearReports loaded from the same file (two tabs, two machines): the second save is refused."""
    first = store.load_year(town.ref, 2021)
    second = store.load_year(town.ref, 2021)
    first.prose["problems"] = "甲的修改"
    second.prose["problems"] = "乙的修改"
    store.save_year(first)
    saved = store.year_file(town.ref, 2021).read_bytes()
    with pytest.raises(ConflictError, match="已被修改"):
        store.save_year(second)
    assert store.year_file(town.ref, 2021).read_bytes() == saved
    assert store.load_year(town.ref, 2021).prose["problems"] == "甲的修改"
    assert len(list(yamlio.history_dir(store.year_file(town.ref, 2021)).iterdir())) == 1


def test_money_with_many_digits_round_trips_or_is_refused(gov2021: YearReport, store: Store) -> None:
    gov2021.cells["proactive.fees.amount"] = Decimal("99999999.9999")
    store.save_year(gov2021)
    assert store.load_year(gov2021.body.ref, 2021).cells["proactive.fees.amount"] == Decimal("99999999.9999")


@given(title=st.text(max_size=80), draft=st.booleans())
@FAST
def test_export_file_names_from_any_title_stay_in_their_folder(title: str, draft: bool) -> None:
    """The exported files are named after the report's title (user text): the name never leaves exports/<县>/<主体>/<年>/."""
    from kit.build.export import file_stem

    stem = file_stem(title, draft)
    folder = Path("/srv/exports/县/主体/2021")
    assert stem and "/" not in stem and "\\" not in stem and "\0" not in stem and stem not in (".", "..")
    assert (folder / f"{stem}.html").resolve().parent == folder


def test_a_failed_save_keeps_no_duplicate_history_copy(store: Store, gov2021: YearReport, monkeypatch: pytest.MonkeyPatch) -> None:
    """The history copy is written first; when the new file then cannot be written, the copy goes too."""
    assert gov2021.file is not None
    history = yamlio.history_dir(gov2021.file)
    before = sorted(history.glob("*")) if history.is_dir() else []
    real = yamlio._write_atomic

    def fail_on_the_year_file(path: Path, data: bytes) -> None:
        if path == gov2021.file:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path, data)

    monkeypatch.setattr(yamlio, "_write_atomic", fail_on_the_year_file)
    gov2021.prose["problems"] = "改过的内容。"
    with pytest.raises(KitError, match="磁盘空间已满"):
        store.save_year(gov2021)
    assert (sorted(history.glob("*")) if history.is_dir() else []) == before


def test_leftovers_of_killed_saves_are_removed_by_the_next_save(store: Store, gov2021: YearReport) -> None:
    """A save killed between writing its temporary file and renaming it leaves `.2021.yaml.*.tmp` behind
    (tests/test_storage.py kills real saves); the next save of that file, under the folder's lock, removes them."""
    assert gov2021.file is not None
    folder = gov2021.file.parent
    leftovers = [folder / ".2021.yaml.k1ll3d.tmp", yamlio.history_dir(gov2021.file) / ".20250101T000000000000.yaml.abc123.tmp"]
    for leftover in leftovers:
        leftover.parent.mkdir(parents=True, exist_ok=True)
        leftover.write_bytes(b"x" * 1024 * 1024)
    other = folder / ".2022.yaml.k1ll3d.tmp"  # another year's: left to that year's next save
    other.write_bytes(b"y")
    gov2021.prose["problems"] = "又改过的内容。"
    store.save_year(gov2021)
    assert not any(p.exists() for p in leftovers)
    assert other.exists()
    assert "又改过的内容" in gov2021.file.read_text(encoding="utf-8")
