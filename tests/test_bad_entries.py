"""One bad entry in a tree is that entry's problem: the rest is still checked, planned, summed and exported.

A body folder that is a link out of the parameters folder (a mistake when copying, or an attempt to
make the kit read elsewhere) is refused — never read — and reported against its own name, while
`kit check`, `kit batch`, the county summary and the data frame go on with every other body.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import Builder

from kit.batch.plan import plan
from kit.checking import check_paths
from kit.cli.main import main
from kit.data.frame import load_frame
from kit.data.summary import Status, build_summary


@pytest.fixture
def tree(builder: Builder, tmp_path: Path) -> Path:
    """示例县 with a good town (2021) and 外镇, a link to a body folder outside parameters/."""
    town = builder.body()
    builder.year(town, 2021)
    outside = tmp_path / "elsewhere" / "外镇"
    outside.mkdir(parents=True)
    body_yaml = builder.store.body_dir(town.ref) / "body.yaml"
    outside.joinpath("body.yaml").write_text(body_yaml.read_text(encoding="utf-8").replace(town.name, "外镇"), encoding="utf-8")
    outside.joinpath("2021.yaml").write_text("edition: gov2021\n", encoding="utf-8")
    (builder.store.root / town.ref.county / "外镇").symlink_to(outside, target_is_directory=True)
    return builder.store.root


def test_kit_check_reports_the_link_and_checks_the_rest(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = check_paths([tree])
    by_body = {str(r.ref): r for r in results}
    assert by_body["示例县/外镇"].errors and "超出了参数文件夹" in by_body["示例县/外镇"].errors[0].message
    assert by_body["示例县/甲镇"].year == 2021 and not by_body["示例县/甲镇"].errors
    assert main(["check", str(tree)]) == 1
    out = capsys.readouterr().out
    assert "■ 示例县/外镇" in out and "■ 示例县/甲镇" in out and "共检查 2 份" in out


def test_batch_plans_the_rest(tree: Path, tmp_path: Path) -> None:
    from kit.store import Store

    p = plan(Store(tree), tmp_path / "exports", ["示例县"])
    assert [(j.body, j.year) for j in p.build] == [("示例县/甲镇", 2021)]
    assert [(i.body, i.year) for i in p.invalid] == [("示例县/外镇", None)]


def test_summary_and_frame_leave_it_out_and_say_so(tree: Path) -> None:
    summary = build_summary(tree, "示例县", 2021, today=dt.date(2022, 3, 1))
    status = {str(b.ref): b.status for b in summary.bodies}
    assert status == {"示例县/外镇": Status.UNREADABLE, "示例县/甲镇": status["示例县/甲镇"]} and status["示例县/甲镇"] != Status.UNREADABLE
    frame = load_frame(tree, "示例县", errors="skip")
    assert set(frame["body"]) == {"甲镇"}
    assert [Path(f).parent.name for f, _ in frame.attrs["skipped"]] == ["外镇"]


def test_nothing_outside_was_read(tree: Path, tmp_path: Path) -> None:
    """The linked folder's files are never opened: its broken 2021.yaml yields no finding of its own."""
    results = [r for r in check_paths([tree]) if str(r.ref) == "示例县/外镇"]
    assert len(results) == 1 and results[0].year is None
