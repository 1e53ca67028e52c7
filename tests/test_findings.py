"""Findings as values: one collection type (kit.findings.HasFindings) for every outcome that carries them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kit.batch.plan import Invalid
from kit.checking import Checked
from kit.data.summary import BodyStatus, CountyTotal
from kit.doccheck.documents import DocumentChecked
from kit.findings import Finding, HasFindings, error, warning
from kit.form.model import Check

OUTCOMES = (Checked, DocumentChecked, Check, BodyStatus, CountyTotal, Invalid)


@dataclass
class Outcome(HasFindings):
    findings: list[Finding]


def test_errors_warnings_open_and_acknowledged() -> None:
    blank = error("blank", "未填写", key="tables.a.b.c")
    renamed = warning("renamed", "名称改变", acknowledged="已核实")
    fewer = warning("items", "条数减少")
    done = Outcome([blank, renamed, fewer])
    assert done.errors == [blank]
    assert done.warnings == [renamed, fewer]
    assert done.open_warnings == [fewer]
    assert done.acknowledged == [renamed]
    assert Outcome([]).errors == Outcome([]).warnings == []


@pytest.mark.parametrize("outcome", OUTCOMES, ids=lambda c: c.__name__)
def test_every_outcome_uses_the_one_collection(outcome: type) -> None:
    """None of them defines errors/warnings again (the properties once existed four times)."""
    assert issubclass(outcome, HasFindings)
    assert not {"errors", "warnings", "open_warnings", "acknowledged"} & set(vars(outcome))


def test_one_description_of_a_finding_for_every_printer() -> None:
    """Finding.describe serves kit check (full), --document (the file heads the group) and the summary page (short, relative)."""
    from pathlib import Path

    f = error("blank", "未填写", key="figures.x", printed="主动公开", file=Path("/p/示例县/甲镇/2021.yaml"), line=3)
    assert f.describe() == "[错误] 主动公开：未填写（文件 /p/示例县/甲镇/2021.yaml 第3行，键 figures.x）"
    assert f.describe(source=False) == "[错误] 主动公开：未填写（第3行）"
    assert f.describe(source=False, line=False) == "[错误] 主动公开：未填写"
    assert f.describe(root=Path("/p")) == "[错误] 主动公开：未填写（文件 示例县/甲镇/2021.yaml 第3行，键 figures.x）"
    assert f.describe(root=Path("/elsewhere")).startswith("[错误] 主动公开：未填写（文件 /p/示例县/甲镇/2021.yaml")
    acked = warning("renamed", "名称改变", acknowledged="已核实")
    assert acked.describe() == "[提示][已确认：已核实] 名称改变"


def test_a_verdict_and_a_tally_for_every_kind_of_check() -> None:
    from kit.findings import tally

    passed = Outcome([warning("renamed", "名称改变", acknowledged="已核实")])
    failed = Outcome([error("blank", "未填写"), error("load", "无法读取"), warning("items", "条数减少")])
    assert passed.verdict() == "通过，1 条已确认"
    assert failed.verdict() == "2 个错误，1 条提示"
    assert passed.listed() == [] and passed.listed(verbose=True) == passed.findings
    assert tally([passed, failed]) == "共检查 2 份：1 份通过，1 份有错误（共 2 个错误，1 条未确认的提示）。"


def test_the_kits_own_rule_ids_are_an_enum_with_the_same_strings() -> None:
    """RuleId members are the strings files and JSON carry: an acknowledged id, kit check --json."""
    import json

    from kit.findings import RuleId

    f = warning(RuleId.BLANK, "未填写", key="figures.x")
    assert f.id == "blank@figures.x" and f.rule == "blank"
    assert json.loads(json.dumps(f.as_json(), ensure_ascii=False))["rule"] == "blank"
    assert {r.value for r in RuleId} >= {"blank", "load", "placeholder", "edition_year", "table_row", "notice_citation"}


def test_no_check_in_code_names_its_rule_with_a_free_string() -> None:
    """error()/warning()/reading.finding()/Finding() in kit/ take a RuleId (or a spec rule's id), never a literal."""
    import ast
    from pathlib import Path

    kit = Path(__file__).resolve().parents[1] / "kit"
    literal = []
    for path in sorted(kit.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            position = {"error": 0, "warning": 0, "finding": 1, "Finding": 1}.get(name)
            if position is None or len(node.args) <= position or len(node.args) < 2:
                continue
            rule = node.args[position]
            if isinstance(rule, ast.Constant) and isinstance(rule.value, str) and rule.value.isidentifier() and rule.value.isascii():
                literal.append(f"{path.relative_to(kit)}:{node.lineno} {rule.value}")
    assert not literal, literal
