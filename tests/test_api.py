"""The public API: `kit.__all__` is pinned, `import kit` stays light, and every name's example runs."""

from __future__ import annotations

import doctest
import importlib

import pytest

import kit

API = [
    "Body", "BodyRef", "Finding", "KitError", "Severity", "Spec", "Store", "YearReport",
    "build_document", "build_report", "build_summary", "build_summary_files", "check_documents",
    "check_paths", "edition_for_year", "load_frame", "load_spec", "open_form", "render_text", "validate",
]  # fmt: skip
HEAVY = {"build_report", "build_summary_files", "open_form", "load_frame", "build_summary"}  # kernels, widgets, pandas


def test_all_is_pinned() -> None:
    assert kit.__all__ == sorted([*API, "__version__", "paths"])
    assert sorted(kit._API) == API  # every name in __all__ loads from somewhere


def test_unknown_names_are_attribute_errors() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        kit.nothing_here  # noqa: B018


def run_examples(obj: object, name: str) -> doctest.TestResults:
    finder = doctest.DocTestFinder(recurse=False)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    module = importlib.import_module(getattr(obj, "__module__", None) or getattr(obj, "__name__"))  # noqa: B009
    tests = [t for t in finder.find(obj, name, globs=dict(vars(module))) if t.examples]
    assert tests, f"{name} has no example in its docstring"
    for test in tests:
        runner.run(test)
    return runner.summarize(verbose=False)


@pytest.mark.parametrize("name", [n for n in API if n not in HEAVY])
def test_example_runs(name: str) -> None:
    assert run_examples(getattr(kit, name), f"kit.{name}").failed == 0


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HEAVY))
def test_heavy_example_runs(name: str) -> None:
    assert run_examples(getattr(kit, name), f"kit.{name}").failed == 0


def test_the_package_tour_runs() -> None:
    assert run_examples(importlib.import_module("kit"), "kit").failed == 0


def test_a_failing_example_is_noticed() -> None:
    def broken() -> None:
        """An example that is wrong.

        >>> 1 + 1
        3
        """

    assert run_examples(broken, "broken").failed == 1
