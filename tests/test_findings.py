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
