"""`kit check` and `kit new` as a user runs them: the installed console script, in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, Builder, insert_cell, run_kit

from kit.report import BreakdownItem
from kit.store import Store

OK_2021 = "  2021年（2021年版格式）：通过"


def no_traceback(done) -> None:
    assert "Traceback" not in done.stderr, done.stderr
    assert "Traceback" not in done.stdout


@pytest.fixture(scope="module")
def county_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three bodies of a fictional county, 2020–2022, all consistent (built once per module)."""
    builder = Builder(Store(tmp_path_factory.mktemp("county") / "parameters"))
    for name, level in (("甲镇", "镇"), ("乙街道", "街道"), ("丙局", "县级部门")):
        body = builder.body(name=name, level=level)
        builder.chain(body, [2020, 2021, 2022])
    return builder.store.root


@pytest.fixture
def county(county_template: Path, parameters: Path) -> Store:
    """A fresh copy of the county for each test, in the test's own parameters folder."""
    shutil.copytree(county_template, parameters, dirs_exist_ok=True)
    return Store(parameters)


def test_check_one_file(county: Store) -> None:
    file = county.root / "示例县" / "甲镇" / "2021.yaml"
    done = run_kit("check", file)
    no_traceback(done)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "■ 示例县/甲镇\n" + OK_2021 + "\n共检查 1 份：1 份通过，0 份有错误（共 0 个错误，0 条未确认的提示）。\n"
    assert done.stderr == ""


def test_check_body_county_and_tree(county: Store) -> None:
    body = run_kit("check", county.root / "示例县" / "乙街道")
    assert body.returncode == 0
    assert body.stdout.splitlines() == [
        "■ 示例县/乙街道",
        "  2020年（2019年试行格式）：通过",
        "  2021年（2021年版格式）：通过",
        "  2022年（2021年版格式）：通过",
        "共检查 3 份：3 份通过，0 份有错误（共 0 个错误，0 条未确认的提示）。",
    ]
    whole_county = run_kit("check", county.root / "示例县")
    tree = run_kit("check", county.root)
    assert whole_county.returncode == tree.returncode == 0
    assert whole_county.stdout == tree.stdout
    heads = [line for line in tree.stdout.splitlines() if line.startswith("■")]
    assert heads == ["■ 示例县/丙局", "■ 示例县/乙街道", "■ 示例县/甲镇"], "grouped by body, each once"
    assert tree.stdout.endswith("共检查 9 份：9 份通过，0 份有错误（共 0 个错误，0 条未确认的提示）。\n")


def test_check_defaults_to_parameters_folder(county: Store) -> None:
    done = run_kit("check", cwd=county.root.parent)
    assert done.returncode == 0 and "共检查 9 份" in done.stdout
    env = {**os.environ, "KIT_PARAMETERS": str(county.root)}
    done = run_kit("check", cwd=ROOT / "kit", env=env)
    assert done.returncode == 0 and "共检查 9 份" in done.stdout
    done = run_kit("--parameters", county.root, "check", cwd="/")
    assert done.returncode == 0 and "共检查 9 份" in done.stdout


def test_several_paths(county: Store) -> None:
    a = county.root / "示例县" / "甲镇" / "2020.yaml"
    b = county.root / "示例县" / "丙局"
    done = run_kit("check", a, b)
    assert done.returncode == 0
    assert [line for line in done.stdout.splitlines() if line.startswith("■")] == ["■ 示例县/甲镇", "■ 示例县/丙局"]
    assert "共检查 4 份" in done.stdout


def test_flawed_copy_fails_pointing_at_the_cells(county: Store, tmp_path: Path) -> None:
    """Copy a good body, break its 2022 figures the way clerks do, and read what kit check says."""
    copy = tmp_path / "flawed" / "示例县"
    shutil.copytree(county.root / "示例县" / "甲镇", copy / "甲镇")
    file = copy / "甲镇" / "2022.yaml"
    text = file.read_text(encoding="utf-8")
    text = text.replace("    carried:  # 二、上年结转政府信息公开申请数量\n      natural: 1", "    carried:  # 二、上年结转政府信息公开申请数量\n      natural: 3", 1)
    text = text.replace("      made: 0  # 本年制发件数（件）", "      made: 2  # 本年制发件数（件）", 1)
    text = text.replace("      legal: 0  # 申请人情况 › 法人或其他组织 › 法律服务机构（件）", "      legal:  # 申请人情况 › 法人或其他组织 › 法律服务机构（件）", 1)
    file.write_text(text, encoding="utf-8")
    insert_cell(file, "review_litigation", "cases", "review_total", "4")
    lines = file.read_text(encoding="utf-8").split("\n")

    def line_of(needle: str) -> int:
        return next(i for i, x in enumerate(lines, 1) if needle in x)

    done = run_kit("check", file)
    no_traceback(done)
    assert done.returncode == 1
    out = done.stdout
    assert out.startswith("■ 示例县/甲镇\n  2022年（2021年版格式）：5 个错误，1 条提示\n"), out
    carried = line_of("natural: 3")
    expected = [
        f"    [错误] 三、收到和处理政府信息公开申请情况 › 二、上年结转政府信息公开申请数量 › 申请人情况 法人或其他组织 法律服务机构：未填写（没有发生请填 0）（文件 {file} 第{carried + 4}行，键 tables.applications.carried.legal）",
        "    [错误] 三、收到和处理政府信息公开申请情况 › 申请人情况 自然人：“一、本年新收政府信息公开申请数量” 5 + “二、上年结转政府信息公开申请数量” 3 = 8，"
        "而 “（七）总计” 5 + “四、结转下年度继续办理” 1 = 6；按表中勾稽关系（第一项加第二项之和，等于第三项加第四项之和），两者应相等"
        f"（文件 {file}，键 tables.applications.*.natural）",
        f"    [错误] 三、收到和处理政府信息公开申请情况 › 二、上年结转政府信息公开申请数量 › 申请人情况 自然人：应等于2021年报告的“四、结转下年度继续办理”（1），实为 3（文件 {file} 第{carried}行，键 tables.applications.carried.natural）",
        f"    [错误] 四、政府信息公开行政复议、行政诉讼情况 › 行政复议 总计：应为 1（结果维持、结果纠正、其他结果、尚未审结之和），文件中填写的是 4；合计由系统计算，可删去此项（文件 {file} 第{line_of('review_total: 4')}行，键 tables.review_litigation.cases.review_total）",
    ]
    for line in expected:
        assert line in out.splitlines(), f"{line}\n---\n{out}"
    made = [x for x in out.splitlines() if "规章 › 本年制发件数：镇不能制定规章，此处应为 0，实为 2。" in x]
    assert len(made) == 1 and f"第{line_of('made: 2')}行，键 tables.proactive.rules.made）" in made[0]
    assert "内部规章制度" in made[0]
    assert out.endswith("共检查 1 份：0 份通过，1 份有错误（共 5 个错误，1 条未确认的提示）。\n")
    (warn,) = [x for x in out.splitlines() if x.startswith("    [提示]")]
    assert "规章 › 现行有效件数：现行有效 0 件，而上年现行有效 0 + 本年制发 2 − 本年废止 0 = 2" in warn


def test_json_output(county: Store, builder: Builder) -> None:
    body = builder.body(name="丁镇")
    report = builder.year(body, 2021, figures={"proactive_breakdown": [BreakdownItem("网站", 100), BreakdownItem("公开栏", 40)]}, cells={"proactive.rules.made": 1})
    report.acknowledged["breakdown_total@figures.proactive_breakdown"] = "渠道重叠"
    builder.store.save_year(report)
    done = run_kit("check", "--json", county.root / "示例县" / "甲镇", county.root / "示例县" / "丁镇")
    no_traceback(done)
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert [(r["body"], r["year"], r["edition"], r["errors"], r["warnings"]) for r in data] == [
        ("示例县/甲镇", 2020, "gov2019", 0, 0),
        ("示例县/甲镇", 2021, "gov2021", 0, 0),
        ("示例县/甲镇", 2022, "gov2021", 0, 0),
        ("示例县/丁镇", 2021, "gov2021", 1, 1),
    ]
    last = data[-1]
    assert last["file"] == str(report.file)
    error, warning = last["findings"]
    assert error["severity"] == "error" and error["rule"] == "rules_by_level" and error["id"] == "rules_by_level@tables.proactive.rules.made"
    assert error["where"] == "二、主动公开政府信息情况 › 第二十条第（一）项 › 规章 › 本年制发件数"
    assert error["key"] == "tables.proactive.rules.made" and error["file"] == str(report.file) and isinstance(error["line"], int)
    assert error["message"].startswith("镇不能制定规章")
    assert warning["severity"] == "warning" and warning["acknowledged"] == "渠道重叠"
    assert set(error) == {"severity", "rule", "id", "message", "where", "key", "file", "line", "acknowledged"}


def test_acknowledged_warnings_are_not_counted_as_new(seed_store: Store) -> None:
    done = run_kit("check", seed_store.root)
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        "■ 微山县/驩城镇",
        "  2018年（2008年条例自由格式）：通过，1 条已确认",
        "共检查 1 份：1 份通过，0 份有错误（共 0 个错误，0 条未确认的提示）。",
    ]
    verbose = run_kit("check", "-v", seed_store.root)
    (line,) = [x for x in verbose.stdout.splitlines() if x.startswith("    ")]
    assert line.startswith("    [提示][已确认：公示公告和微信公众号是两个发布渠道")
    assert "各项（公示公告28、微信公众号2）之和为 30条，大于主动公开政府信息总数 28条" in line
    (seed_store.root / "微山县" / "驩城镇" / "2018.yaml").write_text(
        (ROOT / "parameters" / "微山县" / "驩城镇" / "2018.yaml").read_text(encoding="utf-8").split("acknowledged:")[0], encoding="utf-8"
    )
    done = run_kit("check", seed_store.root)
    assert done.returncode == 0, "a warning is not an error"
    assert "  2018年（2008年条例自由格式）：通过，1 条提示" in done.stdout
    assert "（共 0 个错误，1 条未确认的提示）" in done.stdout


def test_a_broken_file_does_not_stop_the_others(county: Store) -> None:
    bad = county.root / "示例县" / "乙街道" / "2021.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("      natural: 5", "      natual: 5", 1), encoding="utf-8")
    empty = county.root / "示例县" / "丙局" / "2022.yaml"
    empty.write_text("", encoding="utf-8")
    huge = county.root / "示例县" / "甲镇" / "2022.yaml"
    huge.write_text(huge.read_text(encoding="utf-8").replace("      natural: 5", "      natural: " + "9" * 5000, 1), encoding="utf-8")
    done = run_kit("check", county.root)
    no_traceback(done)
    assert done.returncode == 1
    out = done.stdout
    assert "不认识的“一、本年新收政府信息公开申请数量”的列 “natual”，您是不是要写 “natural”？" in out
    assert f"文件 {empty} 是空的：至少要写明 edition（格式版本）" in out
    assert f"文件 {huge} 第" in out and "中有无法读取的值（数字位数过多）" in out
    assert "共检查 9 份：6 份通过，3 份有错误" in out
    data = json.loads(run_kit("check", "--json", county.root).stdout)
    assert len(data) == 9 and sum(1 for r in data if r["errors"]) == 3
    broken = next(r for r in data if r["file"] == str(bad))
    assert broken["edition"] is None and broken["findings"][0]["key"] == "tables.applications.new.natual"
    assert broken["findings"][0]["rule"] == "load" and broken["findings"][0]["line"] is not None


def test_a_broken_body_file(county: Store) -> None:
    body = county.root / "示例县" / "丙局" / "body.yaml"
    body.write_text(body.read_text(encoding="utf-8").replace("level: 县级部门", "level: 县部门"), encoding="utf-8")
    done = run_kit("check", county.root / "示例县" / "丙局")
    no_traceback(done)
    assert done.returncode == 1
    assert done.stdout.splitlines()[:3] == [
        "■ 示例县/丙局",
        "  主体信息 body.yaml：1 个错误",
        f"    [错误] 不认识的层级 “县部门”，您是不是要写 “县级部门”？（文件 {body} 第4行，键 level）",
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("check", "--nope"), 2, "用法错误：unrecognized arguments: --nope"),
        (("frobnicate",), 2, "用法错误："),
        ((), 2, "政府信息公开工作年度报告工具"),
        (("new", "示例县/甲镇"), 2, "用法错误："),
        (("new", "示例县/甲镇", "明年"), 2, "invalid int value: '明年'"),
        (("check", "/nonexistent/place"), 2, "找不到 /nonexistent/place"),
        (("check", "README.md"), 1, "不是年度参数文件（应为 “年份.yaml”，如 2021.yaml）"),
        (("new", "../../etc", "2025"), 1, "错误：报告主体应写作 “县/主体”，例如 “微山县/驩城镇”，实为 '../../etc'"),
        (("new", "../etc", "2025"), 1, "错误：县名称 '..' 不可用"),
        (("new", "/etc/passwd", "2025"), 1, "不能是绝对路径"),
        (("new", "示例县/无此镇", "2025"), 1, "找不到文件"),
        (("new", "示例县/甲镇", "1800"), 1, "年份 1800 不合理"),
        (("new", "示例县/甲镇", "2021"), 1, "已存在，不会覆盖"),
        (("check", "--jobs", "0"), 2, "用法错误：--jobs 至少为 1"),
        (("check", "--jobs", "-3"), 2, "用法错误：--jobs 至少为 1"),
        (("hub", "--idle-timeout", "0"), 2, "用法错误：--idle-timeout 至少为 20 秒，实为 0"),
        (("hub", "--kernel-idle", "-1"), 2, "用法错误：--kernel-idle 至少为 5 秒，实为 -1"),
    ],
)
def test_user_mistakes_never_print_a_traceback(county: Store, args: tuple, code: int, message: str) -> None:
    done = run_kit("--parameters", county.root, *args, cwd=ROOT)
    no_traceback(done)
    assert done.returncode == code, (done.stdout, done.stderr)
    assert message in done.stdout + done.stderr


def test_new(county: Store) -> None:
    done = run_kit("--parameters", county.root, "new", "示例县/甲镇", "2023")
    no_traceback(done)
    file = county.root / "示例县" / "甲镇" / "2023.yaml"
    assert done.returncode == 0
    assert done.stdout == f"已生成 {file}（2021年版格式），从2022年的报告带入 6 项（上年结转等）\n"
    text = file.read_text(encoding="utf-8")
    assert "    carried:  # 二、上年结转政府信息公开申请数量\n      natural: 1  # 申请人情况 › 自然人（件）\n      business: 0" in text
    check = run_kit("check", file)
    assert check.returncode == 1, "a blank report is a draft with 未填写 errors"
    assert "整行未填写（没有发生请填 0）" in check.stdout and "上年结转" not in check.stdout.split("整行未填写")[0].split("\n")[-1]
    first = run_kit("--parameters", county.root, "new", "示例县/甲镇", "2019")
    assert first.returncode == 0
    assert first.stdout == f"已生成 {county.root / '示例县' / '甲镇' / '2019.yaml'}（2019年试行格式）\n"


def test_new_gov2019_carries_items(county: Store) -> None:
    (county.root / "示例县" / "乙街道" / "2021.yaml").unlink()
    (county.root / "示例县" / "乙街道" / "2022.yaml").unlink()
    done = run_kit("--parameters", county.root, "new", "示例县/乙街道", "2021")
    assert done.returncode == 0 and "带入 6 项" in done.stdout
    shutil.move(county.root / "示例县" / "乙街道" / "2020.yaml", county.root / "示例县" / "乙街道" / "2019.yaml")
    (county.root / "示例县" / "乙街道" / "2021.yaml").unlink()
    done = run_kit("--parameters", county.root, "new", "示例县/乙街道", "2020")
    assert done.returncode == 0 and "（2019年试行格式），从2019年的报告带入 11 项" in done.stdout
    text = (county.root / "示例县" / "乙街道" / "2020.yaml").read_text(encoding="utf-8")
    assert "      items_last_year: 21  # 上一年项目数量（项）" in text


def test_internal_error_is_reported_without_traceback(capsys, monkeypatch, county: Store) -> None:
    import kit.checking
    from kit.cli.main import main

    def boom(paths, **options):
        raise RuntimeError("bug")

    monkeypatch.setattr(kit.checking, "iter_checked", boom)
    assert main(["check", str(county.root)]) == 1
    err = capsys.readouterr().err
    assert "内部错误：这是工具本身的问题，不是您的数据的问题。请设置 KIT_DEBUG=1 重新运行" in err
    assert "Traceback" not in err
    monkeypatch.setenv("KIT_DEBUG", "1")
    assert main(["check", str(county.root)]) == 1
    assert "RuntimeError: bug" in capsys.readouterr().err


def test_shipped_parameters_pass() -> None:
    """The repository's own parameters/ (the seed and the demo county) check clean."""
    done = run_kit("check", ROOT / "parameters")
    no_traceback(done)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "■ 微山县/驩城镇" in done.stdout
