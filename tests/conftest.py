"""Shared fixtures: complete, valid reports built programmatically in a temporary parameters folder.

Nothing here writes into the repository's parameters/: every store lives under tmp_path.

    full_report(body, year, edition=None, previous=None) -> YearReport   every input cell filled,
        consistent (table 三 balanced, 上年结转 = last year's 结转, 现行有效 and 上一年项目数量 chained)
    make_body(...) -> Body;  Builder(store).body(...) / .year(...) / .chain(...)   write them to disk
    insert_cell(file, table, row, column, value)   type a key by hand (e.g. a total) into a file
    run_kit(*args)                                 the installed `kit`, in a subprocess
    fixtures: parameters, store, builder, town, gov2021 (one 2021 report), gov2019 (one 2019 report),
              chain (a town's 2019–2022), seed_store (微山县/驩城镇 copied)
    The session's parse cache is a temporary folder (KIT_CACHE_DIR), never the user's.
"""

from __future__ import annotations

import atexit
import gc
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from kit.figures import resolve_cells
from kit.report import Body, BodyRef, BreakdownItem, YearReport
from kit.spec import edition_for_year, load_spec
from kit.store import Store

# The parse cache (kit/yamlio.py) of this test session, also for the `kit` subprocesses: never the user's.
_CACHE = tempfile.mkdtemp(prefix="kit-test-cache-")
os.environ["KIT_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "parameters" / "微山县" / "驩城镇"
BIN = Path(sys.executable).parent
KIT = BIN / "kit"

COUNTY = "示例县"  # fictional
TOWN = "甲镇"

# ---------------------------------------------------------------------------------------------
# one consistent year, per edition

# Table 三, per applicant column: 一 + 二 = 三（七） + 四.
#   自然人: 5 + 1 = (2 + 1 + 1 + 1) + 1;  商业企业: 2 + 0 = (1 + 1) + 0;  法律服务机构: 1 = 1.
APPLICATIONS = {
    "new": {"natural": 5, "business": 2, "legal": 1},
    "carried": {"natural": 1},
    "disclosed": {"natural": 2, "business": 1, "legal": 1},
    "partial": {"natural": 1},
    "withheld_third_party": {"natural": 1},
    "unable_not_held": {"business": 1},
    "rejected_repeat": {"natural": 1},
    "carry_forward": {"natural": 1},
}

PROACTIVE = {
    "gov2021": {
        "rules": {"made": 0, "repealed": 0, "in_force": 0},
        "normative_docs": {"made": 3, "repealed": 1, "in_force": 12},
        "licensing": {"decisions": 120},
        "penalty": {"decisions": 15},
        "enforcement": {"decisions": 2},
        "fees": {"amount": Decimal("0.35")},
    },
    "gov2019": {
        "rules": {"produced": 0, "published": 0, "public_total": 0},
        "normative_docs": {"produced": 2, "published": 2, "public_total": 10},
        "licensing": {"items_last_year": 20, "items_change": 1, "decisions": 100},
        "other_services": {"items_last_year": 5, "items_change": 0, "decisions": 30},
        "penalty": {"items_last_year": 8, "items_change": -1, "decisions": 12},
        "enforcement": {"items_last_year": 3, "items_change": 0, "decisions": 1},
        "fees": {"items_last_year": 2, "items_change": 0},
        "procurement": {"projects": 4, "amount": Decimal("35.5")},
    },
}

REVIEW = {"review_upheld": 1, "direct_corrected": 1}

# Short on purpose: under the 120 characters from which `kit check` compares prose between years
# and bodies (rule 19), so fixtures that share their wording are not flagged as 内容雷同.
PROSE = {
    # gov2021 / gov2019
    "overview_proactive": "主动公开信息${figures.proactive_total}条，其中${figures.proactive_breakdown}。",
    "overview_requests": "新收申请${tables.applications.new.total}件。",
    "overview_management": "落实保密审查。",
    "overview_platforms": "维护政府网站。",
    "overview_oversight": "纳入年度考核。",
    "problems": "时效有待提升。\n将加强培训。",
    "other": "本年度未收取信息处理费。",
    # legacy2008
    "proactive": "主动公开信息${figures.proactive_total}条。",
    "requests": "收到申请${figures.requests_received}条。",
    "review": "无行政复议和行政诉讼。",
    "fees": "未收取费用。",
    "tasks": "落实了工作任务。",
    "plans": "${next_year}年继续做好公开工作。",
}

FIGURES = {
    "proactive_total": 120,
    "proactive_breakdown": [("工作动态", 60), ("通知公告", 40), ("政策文件", 20)],
    "fee_notices": 0,
    "fee_notified": 0,
    "fee_collected": 0,
    "requests_received": 1,
    "review_cases": 0,
    "litigation_cases": 0,
    "fees_collected": 0,
}


def input_keys(spec) -> list[str]:
    """Every cell a clerk types (computed totals excluded), as 'table.row.column'."""
    return [c.key for c in spec.cells() if not c.computed]


def computed_keys(spec) -> set[str]:
    return {c.key for c in spec.cells() if c.computed}


def full_cells(edition: str) -> dict[str, int | Decimal | None]:
    """Every input cell of `edition` filled in, consistently; zeros where nothing happened."""
    spec = load_spec(edition)
    cells: dict[str, int | Decimal | None] = dict.fromkeys(input_keys(spec), 0)
    if spec.tables:
        for row, cols in APPLICATIONS.items():
            for col, v in cols.items():
                cells[f"applications.{row}.{col}"] = v
        for row, cols in PROACTIVE[edition].items():
            for col, v in cols.items():
                cells[f"proactive.{row}.{col}"] = v
        for col, v in REVIEW.items():
            cells[f"review_litigation.cases.{col}"] = v
    assert set(cells) == set(input_keys(spec)), set(cells) ^ set(input_keys(spec))
    return cells


def full_report(body: Body, year: int, *, edition: str | None = None, previous: YearReport | None = None) -> YearReport:
    """A complete, valid report; with `previous`, carry-over and running counts follow it."""
    edition = edition or edition_for_year(year)
    spec = load_spec(edition)
    cells = full_cells(edition)
    if previous is not None:
        last = resolve_cells(previous.spec, previous)
        for col in ("natural", "business", "research", "nonprofit", "legal", "other"):
            carried = last.get(f"applications.carry_forward.{col}")
            if carried is not None and f"applications.carried.{col}" in cells:
                delta = carried - (cells[f"applications.carried.{col}"] or 0)
                cells[f"applications.carried.{col}"] = carried
                cells[f"applications.carry_forward.{col}"] = (cells[f"applications.carry_forward.{col}"] or 0) + delta
        for row in ("rules", "normative_docs"):
            prev = last.get(f"proactive.{row}.in_force")
            if prev is not None and f"proactive.{row}.in_force" in cells:
                cells[f"proactive.{row}.in_force"] = prev + cells[f"proactive.{row}.made"] - cells[f"proactive.{row}.repealed"]  # type: ignore[operator]
        for row in ("licensing", "other_services", "penalty", "enforcement", "fees"):
            k_last, k_change = f"proactive.{row}.items_last_year", f"proactive.{row}.items_change"
            if k_last in cells and last.get(k_last) is not None and last.get(k_change) is not None:
                cells[k_last] = last[k_last] + last[k_change]  # type: ignore[operator]
    figures: dict = {}
    for fig in spec.figures:
        raw = FIGURES[fig.id]
        figures[fig.id] = [BreakdownItem(n, c) for n, c in raw] if fig.kind == "breakdown" else raw
    prose = {s.id: PROSE[s.id] for s in spec.prose_sections()}
    return YearReport(body=body, year=year, edition=edition, cells=cells, figures=figures, prose=prose)


def make_body(county: str = COUNTY, name: str = TOWN, level: str = "镇", **extra) -> Body:
    fields = {
        "full_name": f"{county}{name}人民政府",
        "address": f"{county}{name}人民路1号",
        "postcode": "000000",
        "phone": "0000-1234567",
        "website": "http://example.invalid/",
        "website_name": f"{county}人民政府网站",
        "contact_office": f"{name}党政办公室",
        "fictional": True,
    }
    fields.update(extra)
    return Body(ref=BodyRef(county, name), name=name, level=level, county=county, **fields)


@dataclass
class Builder:
    """Writes bodies and years into one store, through the kit's own writer."""

    store: Store

    def body(self, county: str = COUNTY, name: str = TOWN, level: str = "镇", **extra) -> Body:
        body = make_body(county, name, level, **extra)
        self.store.save_body(body, None)
        return body

    def year(
        self,
        body: Body,
        year: int,
        *,
        edition: str | None = None,
        previous: YearReport | None = None,
        cells: dict | None = None,
        figures: dict | None = None,
        prose: dict | None = None,
    ) -> YearReport:
        """Write a complete report, with `cells` / `figures` / `prose` changed, and load it back."""
        report = full_report(body, year, edition=edition, previous=previous)
        report.cells.update(cells or {})
        report.figures.update(figures or {})
        report.prose.update(prose or {})
        self.store.save_year(report)
        return self.store.load_year(body.ref, year)

    def chain(self, body: Body, years: range | list[int]) -> dict[int, YearReport]:
        out: dict[int, YearReport] = {}
        previous = None
        for y in years:
            previous = out[y] = self.year(body, y, previous=previous)
        return out


@pytest.fixture(autouse=True)
def _leaks_reported_by_their_own_test(request: pytest.FixtureRequest):
    """After each slow test (servers, kernels, browsers), collect the garbage, so that a socket the test left
    open is reported (as an unraisable ResourceWarning, an error under our filterwarnings) by that test, not
    by whichever later test the collector happens to run in (CI once failed the hub's first test for a socket
    some earlier test had left)."""
    yield
    if request.node.get_closest_marker("slow") is not None:
        gc.collect()


@pytest.fixture(autouse=True)
def _verdicts_of_this_test_only():
    """The cache of verdicts (kit/store/verdicts.py) is keyed by the kit's files, not by what a test
    monkeypatches in the process: each test starts without the verdicts of the ones before."""
    yield
    shutil.rmtree(Path(_CACHE) / "verdicts-1", ignore_errors=True)


@pytest.fixture
def parameters(tmp_path: Path) -> Path:
    root = tmp_path / "parameters"
    root.mkdir()
    return root


@pytest.fixture
def store(parameters: Path) -> Store:
    return Store(parameters)


@pytest.fixture
def builder(store: Store) -> Builder:
    return Builder(store)


@pytest.fixture
def town(builder: Builder) -> Body:
    return builder.body()


@pytest.fixture
def gov2021(builder: Builder, town: Body) -> YearReport:
    """A complete, valid 2021 report of a town, on disk and loaded back."""
    return builder.year(town, 2021)


@pytest.fixture
def gov2019(builder: Builder, town: Body) -> YearReport:
    """A complete, valid 2019 report (trial format) of a town, on disk and loaded back."""
    return builder.year(town, 2019)


@pytest.fixture
def chain(builder: Builder, town: Body) -> dict[int, YearReport]:
    """2019–2022 of one town: two gov2019 years, then two gov2021 years, all carried over."""
    return builder.chain(town, range(2019, 2023))


@pytest.fixture
def seed_store(tmp_path: Path) -> Store:
    """The shipped seed body (微山县/驩城镇) copied into a temporary parameters folder."""
    root = tmp_path / "seed-parameters"
    shutil.copytree(SEED, root / "微山县" / "驩城镇")
    return Store(root)


def insert_cell(file: Path, table: str, row: str, column: str, value: str) -> None:
    """Add a key by hand under tables.<table>.<row> (as an import of figures would, e.g. a total)."""
    lines = file.read_text(encoding="utf-8").split("\n")
    t = lines.index(next(x for x in lines if x.startswith(f"  {table}:")))
    r = next(i for i in range(t + 1, len(lines)) if lines[i].startswith(f"    {row}:"))
    lines.insert(r + 1, f"      {column}: {value}")
    file.write_text("\n".join(lines), encoding="utf-8")


def only(findings: list, rule: str) -> list:
    """The findings of one rule id."""
    return [f for f in findings if f.rule == rule]


def run_kit(*args: str | Path, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    """The installed console script, as a user runs it."""
    return subprocess.run([str(KIT), *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env, timeout=120)
