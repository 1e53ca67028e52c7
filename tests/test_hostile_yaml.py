"""YAML that a mistake or an attacker can write gets a clear message naming the file and line, in seconds.

Each case goes through `kit check` (the command a county office runs over every body's files): the
file is refused, the message is Chinese and names the file, no traceback or 内部错误 appears, and
the other files of the tree are still checked. pytest-timeout ends any case that would hang.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kit import yamlio
from kit.cli.main import main
from kit.errors import KitError
from kit.report import YearReport


@pytest.fixture
def run_check(capsys: pytest.CaptureFixture[str]):
    def run(*paths: Path) -> tuple[int, str]:
        code = main(["check", *map(str, paths)])
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    return run


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    lines = ['a0: &a0 ["哈哈哈哈哈哈哈哈"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(width))}]")
    return "edition: gov2021\n" + "\n".join(lines) + "\n"


CASES = {
    "alias bomb": (alias_bomb(), "第2行用了锚点 &a0"),
    "alias bomb as prose": ('edition: gov2021\nx: &x ["很长的文字很长的文字"]\nprose:\n  problems: *x\n', "第2行用了锚点 &x"),
    "a lone alias": ("edition: gov2021\nprose:\n  problems: *nothing\n", "第3行用了别名 *nothing"),
    "deep flow nesting": ("edition: gov2021\nfigures: " + "[" * 5000 + "]" * 5000 + "\n", "第2行嵌套超过"),
    "deep block nesting": ("edition: gov2021\n" + "".join(" " * i + f"k{i}:\n" for i in range(200)) + " " * 200 + "v: 1\n", "嵌套超过"),
    "a lone surrogate": ('edition: gov2021\nprose:\n  problems: "坏\\ud800字"\n', "第3行含有无效的字符"),
    "a local tag": ("edition: gov2021\nprose:\n  problems: !foo 文字\n", "第3行用了标签 !foo"),
    "a python tag": ("edition: gov2021\nprose:\n  problems: !!python/name:os.system\n", "第3行用了标签 tag:yaml.org,2002:python/name:os.system"),
    "a tagged mapping": ("edition: gov2021\ntables: !!omap\n  - a: 1\n", "第2行用了标签"),
}


@pytest.mark.timeout(30)
@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_year_file_is_refused_with_file_and_line(case: str, gov2021: YearReport, run_check) -> None:
    text, expected = CASES[case]
    assert gov2021.file is not None
    bad = gov2021.file.with_name("2022.yaml")
    bad.write_text(text, encoding="utf-8")
    code, output = run_check(gov2021.file.parent)
    assert code == 1
    assert str(bad) in output and expected in output, output
    assert "内部错误" not in output and "Traceback" not in output
    assert "2021" in output  # the good file beside it was checked too


@pytest.mark.timeout(60)
def test_a_huge_file_of_comments_is_refused_before_parsing(gov2021: YearReport, run_check) -> None:
    assert gov2021.file is not None
    bad = gov2021.file.with_name("2022.yaml")
    line = "# " + "注释" * 40 + "\n"
    with bad.open("w", encoding="utf-8") as f:
        f.write("edition: gov2021\n")
        for _ in range(50 * 1024 * 1024 // len(line.encode("utf-8"))):
            f.write(line)
    code, output = run_check(bad)
    assert code == 1 and "超过参数文件的上限 2 MB" in output and str(bad) in output, output


def test_an_anchor_in_body_yaml_is_refused_too(gov2021: YearReport, run_check) -> None:
    assert gov2021.file is not None
    body = gov2021.file.with_name("body.yaml")
    body.write_text(body.read_text(encoding="utf-8") + "extra: &e 1\nnote: *e\n", encoding="utf-8")
    code, output = run_check(gov2021.file)
    assert code == 1 and "用了锚点 &e" in output and "body.yaml" in output, output


def test_the_kits_own_files_may_still_use_anchors() -> None:
    """Strictness is for files people type: the kit's phrases file shares lists by anchors."""
    assert yamlio.load_yaml_text("a: &x [1]\nb: *x\n", "phrases.yaml") == {"a": [1], "b": [1]}
    with pytest.raises(KitError, match="用了别名"):
        yamlio.load_yaml_text("a: [1]\nb: *x\n", "2021.yaml", strict=True)


def test_ordinary_files_still_load_strictly(gov2021: YearReport, run_check) -> None:
    """Block text, quoted text, full-width digits and dates typed as text are not tags or aliases."""
    data = yamlio.load_yaml_text('a: |\n  多行\n  文字\nb: "引号里的 * 和 &"\nc: ＊号\nd: 2021-01-31\n', "x.yaml", strict=True)
    assert data["a"] == "多行\n文字\n" and data["b"] == "引号里的 * 和 &" and data["c"] == "＊号"
    code, output = run_check(gov2021.file)  # type: ignore[arg-type]
    assert code == 0, output


def test_a_surrogate_never_reaches_the_parse_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIT_CACHE_DIR", str(tmp_path / "cache"))
    with pytest.raises(KitError, match="无效的字符"):
        yamlio.load_yaml_cached('a: "\\udc80"\n', "d" * 64, "x.yaml", strict=True)
