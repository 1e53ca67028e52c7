"""Every error of kit/errors.py pickles and unpickles with its message and fields (Dask and the batch's
worker processes send them between processes: an error that loses its fields there, or fails to
unpickle, turns a clear refusal into a crash of the driver)."""

from __future__ import annotations

import inspect
import pickle
from pathlib import Path

import pytest

from kit import errors
from kit.findings import Finding, RuleId, error, warning

FINDINGS = [
    error(RuleId.BLANK, "未填写（没有发生请填 0）", key="tables.applications.new.total", printed="三、… › 总计", file=Path("示例县/甲镇/2021.yaml"), line=7),
    warning("balance", "两者应相等", key="tables.applications.*.natural", acknowledged="已核实"),
]


def error_classes() -> list[type[errors.KitError]]:
    """Every error class the module defines (the private base included): a new one is tested without being listed."""
    return [c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, errors.KitError) and c.__module__ == errors.__name__]


def example(cls: type[errors.KitError]) -> errors.KitError:
    """An instance with every field set, from the constructor's own parameters."""
    values = {"message": f"{cls.__name__}：参数文件 示例县/甲镇/2021.yaml 第3行出错", "saved": Path("/tmp/kit-job/_failed/2021.ipynb"), "findings": FINDINGS}
    parameters = [p for p in inspect.signature(cls.__init__).parameters.values() if p.name != "self"]
    if any(p.kind is p.VAR_POSITIONAL for p in parameters):  # Exception's own (*args)
        return cls(values["message"])
    return cls(*(values[p.name] for p in parameters))


def test_the_tree_is_complete() -> None:
    names = {c.__name__ for c in error_classes()}
    assert {"KitError", "SpecError", "ParameterError", "PathError", "ConflictError", "ValidationFailed", "NotebookFailed", "UnreadableDocument", "UsageError"} <= names


@pytest.mark.parametrize("cls", error_classes(), ids=lambda c: c.__name__)
def test_pickles_with_its_message_and_fields(cls: type[errors.KitError]) -> None:
    original = example(cls)
    copy = pickle.loads(pickle.dumps(original))
    assert type(copy) is cls and isinstance(copy, errors.KitError)
    assert str(copy) == str(original) and copy.args == original.args
    fields = {k: v for k, v in vars(original).items() if not k.startswith("__")}
    assert {k: v for k, v in vars(copy).items() if not k.startswith("__")} == fields
    if isinstance(original, errors.NotebookFailed):
        assert copy.saved == Path("/tmp/kit-job/_failed/2021.ipynb")
    if hasattr(original, "findings"):
        assert copy.findings == FINDINGS and all(isinstance(f, Finding) for f in copy.findings)
        assert copy.findings[0].rule is RuleId.BLANK and "第7行" in str(copy)
