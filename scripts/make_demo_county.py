"""Generate the fictional demo county 青禾县 under parameters/ (twelve bodies, 2019–2025).

青禾县 and everything in it are invented: names, addresses, telephone numbers, websites
(under the reserved top-level domain ``.example``) and every figure. Each body.yaml
says so (``fictional: true`` and a note). The data exist so that the kit's form, validator,
renderer and county summaries have something realistic to show: town, street and 乡 reports,
three county departments and the county government, in the 2019 trial format for 2019–2020 and
the 2021 format for 2021–2025.

The script is deterministic (every random draw comes from a ``random.Random`` seeded with a
string naming the body and the year) and re-runnable: it replaces the county folder wholesale,
but only after checking that every body in it is marked fictional. Files are written through
``kit.store.yearfile.dump_body`` / ``dump_year`` so they are in the kit's canonical commented format.

The script is the generator's logic; its data — the phrase banks the prose is drafted from — are
in demo_county_phrases.yaml beside it, and the prose-similarity measure it drafts against is the
kit's own (kit.doccheck.similarity), not a copy.

What is chained from year to year, as a real clerk's ledger would be:
- 表三 “上年结转” of year N is exactly year N−1's “结转下年度继续办理”, column by column;
- 表二 现行有效 (2022–2025) = last year's + 本年制发 − 本年废止; in 2019–2020 the
  上一年项目数量 of 2020 = 2019's 上一年项目数量 + 本年增/减, and 对外公开总数量 accumulates;
- 表四 cases 尚未审结 are decided the next year;
- section 五 reports how last year's problems (as written in last year's report) were fixed.

Prose quotes no figure by hand: every number comes from the data through ``${...}``. It is
composed from phrase banks and measured as it is drafted, so that no section is much like the
same body's last year or another body's same year (see `Drafts`; `--similarity` prints the
figures).

    .venv/bin/python scripts/make_demo_county.py               # write parameters/青禾县/
    .venv/bin/python scripts/make_demo_county.py --similarity  # also print prose-overlap stats
"""

from __future__ import annotations

import argparse
import difflib
import random
import re
import shutil
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kit.report import Body, BodyRef, BreakdownItem, YearReport  # noqa: E402
from kit.spec import edition_for_year, load_spec  # noqa: E402
from kit.store.yearfile import dump_body, dump_year  # noqa: E402
from kit.yamlio import load_yaml_text  # noqa: E402


def _tuples(value: Any) -> Any:
    """YAML sequences as tuples, as the generator's choices expect (hashable, concatenable)."""
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    if isinstance(value, dict):
        return {k: _tuples(v) for k, v in value.items()}
    return value


PHRASES_FILE = Path(__file__).with_name("demo_county_phrases.yaml")
PHRASES: dict[str, Any] = _tuples(dict(load_yaml_text(PHRASES_FILE.read_text(encoding="utf-8"), PHRASES_FILE)))

COUNTY = "青禾县"
SEED = "qinghe-demo-1"
YEARS = range(2019, 2026)
SITE = "https://www.qinghe.example"  # .example is reserved (RFC 2606): no real site can answer
PORTAL = "青禾县政府门户网站"
NOTE = "虚构的示例数据：青禾县及其所属主体均为虚构，名称、地址、电话、网址和全部数字均由 scripts/make_demo_county.py 生成，仅供演示，与任何真实机关无关。"
COLUMNS = ("natural", "business", "research", "nonprofit", "legal", "other")
OVERLAP_ACK = "breakdown_total@figures.proactive_breakdown"

# =============================================================================================
# the bodies
#
# kind: town (镇) | street (街道) | township (乡) | dept (县级部门) | county (县级人民政府).
# Scales are per-body means; each year draws around them. Towns get a handful of applications a
# year, streets with land acquisition more, departments dozens, the county government the most.


@dataclass(frozen=True)
class Plan:
    name: str  # folder name and short name used in prose
    kind: str
    full_name: str
    slug: str  # path on the county portal, e-mail user
    address: str
    postcode: str
    phone: str
    contact_office: str
    wechat: str  # name of the body's WeChat official account
    local: str  # towns: what the place is known for (quoted); departments: their field, which picks their phrase banks
    units: str = ""  # villages / communities (grassroots bodies)
    applications: float = 3.0  # mean new applications a year
    proactive: int = 120  # typical items proactively published a year
    licensing: int = 20  # 行政许可 decisions a year
    penalty: int = 10  # 行政处罚 decisions a year (towns: once 综合执法 powers arrive, 2021+)
    enforcement: int = 1
    norms_in_force: int = 0  # 行政规范性文件 in force at the start of 2021
    norms_made: float = 0.0  # mean made per year
    fees_wan: float = 0.0  # 行政事业性收费 a year, 万元
    procurement: tuple[int, float] = (5, 200.0)  # 政府集中采购: projects, 万元 (2019–2020)
    litigation: float = 0.0  # mean review + litigation cases a year
    carried_2019: int = 0  # applications carried over from 2018 (natural persons)
    channels_until: int = 0  # breakdown by overlapping channels up to this year (0: never)


BODIES: tuple[Plan, ...] = (
    Plan("云溪镇", "town", "青禾县云溪镇人民政府", "yunxi", "青禾县云溪镇云溪大道88号", "419301", "0749-6201001",
         "云溪镇党政办公室", "云溪发布", "高山茶叶种植加工", units="十六个行政村、两个社区",
         applications=5, proactive=160, licensing=45, penalty=25, enforcement=2, norms_in_force=3, norms_made=0.4,
         procurement=(8, 420.0), litigation=0.15),
    Plan("石桥镇", "town", "青禾县石桥镇人民政府", "shiqiao", "青禾县石桥镇人民路16号", "419302", "0749-6311002",
         "石桥镇党政综合办公室", "石桥之声", "稻虾共养和优质稻生产", units="二十一个行政村",
         applications=3, proactive=120, licensing=60, penalty=18, enforcement=1, procurement=(6, 310.0)),
    Plan("禾丰镇", "town", "青禾县禾丰镇人民政府", "hefeng", "青禾县禾丰镇丰收路2号", "419303", "0749-6421003",
         "禾丰镇党政办公室", "禾丰镇人民政府", "粮食生产和高标准农田建设", units="十八个行政村、一个社区",
         applications=2, proactive=95, licensing=38, penalty=12, enforcement=1, norms_in_force=2, norms_made=0.3,
         procurement=(5, 260.0)),
    Plan("柳塘镇", "town", "青禾县柳塘镇人民政府", "liutang", "青禾县柳塘镇柳荫街9号", "419304", "0749-6531004",
         "柳塘镇党政办公室", "柳塘微讯", "苗木花卉和乡村旅游", units="十二个行政村",
         applications=1.5, proactive=70, licensing=25, penalty=10, procurement=(4, 150.0), channels_until=2020),
    Plan("鹭洲镇", "town", "青禾县鹭洲镇人民政府", "luzhou", "青禾县鹭洲镇滨湖路51号", "419305", "0749-6641005",
         "鹭洲镇党政办公室", "鹭洲发布", "湿地生态保护和渔业转型", units="十个行政村、三个社区",
         applications=4, proactive=130, licensing=30, penalty=30, enforcement=2, procurement=(7, 380.0),
         litigation=0.1),
    Plan("东湖街道", "street", "青禾县人民政府东湖街道办事处", "donghu", "青禾县东湖街道湖滨东路101号", "419300",
         "0749-6102006", "东湖街道党政办公室", "东湖街道", "老旧小区改造和城市社区治理", units="九个社区、三个行政村",
         applications=8, proactive=140, licensing=2, penalty=35, enforcement=3, procurement=(6, 290.0),
         litigation=0.2),
    Plan("南苑街道", "street", "青禾县人民政府南苑街道办事处", "nanyuan", "青禾县南苑街道园区大道300号", "419300",
         "0749-6103007", "南苑街道党政办公室", "南苑发布", "产业园区服务和征地拆迁安置", units="七个社区",
         applications=10, proactive=110, licensing=3, penalty=28, enforcement=2, procurement=(5, 240.0),
         litigation=0.35, carried_2019=1),
    Plan("芦花乡", "township", "青禾县芦花乡人民政府", "luhua", "青禾县芦花乡芦花街1号", "419306", "0749-6751008",
         "芦花乡党政办公室", "芦花乡", "中药材种植和生态林业", units="八个行政村",
         applications=0.7, proactive=45, licensing=12, penalty=5, procurement=(3, 90.0), channels_until=2025),
    Plan("县教育局", "dept", "青禾县教育局", "jyj", "青禾县文昌路20号", "419300", "0749-6102310",
         "青禾县教育局办公室", "青禾教育", "教育", applications=6, proactive=230, licensing=420, penalty=2,
         enforcement=0, norms_in_force=12, norms_made=1.5, procurement=(28, 2650.0), litigation=0.15),
    Plan("县自然资源局", "dept", "青禾县自然资源局", "zrzyj", "青禾县建设北路66号", "419300", "0749-6102520",
         "青禾县自然资源局办公室", "青禾自然资源", "自然资源", applications=24, proactive=260, licensing=240,
         penalty=38, enforcement=3, norms_in_force=9, norms_made=1.2, fees_wan=58.6, procurement=(11, 760.0),
         litigation=2.2, carried_2019=1),
    Plan("县市场监管局", "dept", "青禾县市场监督管理局", "scjgj", "青禾县商贸路18号", "419300", "0749-6102730",
         "青禾县市场监督管理局办公室", "青禾市场监管", "市场监管", applications=16, proactive=310, licensing=2300,
         penalty=240, enforcement=22, norms_in_force=6, norms_made=0.8, fees_wan=3.2, procurement=(8, 330.0),
         litigation=0.9),
    Plan("县人民政府", "county", "青禾县人民政府", "zfb", "青禾县人民路1号", "419300", "0749-6101000",
         "青禾县人民政府办公室", "青禾发布", "县政府", applications=46, proactive=1050, licensing=18500,
         penalty=2100, enforcement=180, norms_in_force=58, norms_made=6.0, fees_wan=3120.0,
         procurement=(180, 36800.0), litigation=1.6, carried_2019=2),
)

LEVELS = {"town": "镇", "street": "街道", "township": "乡", "dept": "县级部门", "county": "县级人民政府"}


def body_of(plan: Plan) -> Body:
    """The body.yaml contents: a profile as on the body's seal and website, marked fictional."""
    return Body(
        ref=BodyRef(COUNTY, plan.name),
        name=plan.name,
        full_name=plan.full_name,
        level=LEVELS[plan.kind],
        county=COUNTY,
        address=plan.address,
        postcode=plan.postcode,
        phone=plan.phone,
        website=f"{SITE}/" if plan.kind == "county" else f"{SITE}/zfxxgk/{plan.slug}/",  # towns etc.: a column of the portal
        website_name=f"{PORTAL}{plan.name}政府信息公开专栏" if plan.kind != "county" else "青禾县人民政府门户网站",
        contact_office=plan.contact_office,
        email=f"{plan.slug}@qinghe.example",
        fictional=True,
        note=NOTE,
    )


# =============================================================================================
# random helpers (all draws go through a Random seeded per body and year)


def rng_for(plan: Plan, year: int, topic: str = "") -> random.Random:
    return random.Random(f"{SEED}/{plan.name}/{year}/{topic}")  # str seeds are stable across runs


def poisson(rng: random.Random, mean: float) -> int:
    """Knuth's method: fine for the small means used here."""
    if mean <= 0:
        return 0
    limit, k, p = pow(2.718281828459045, -mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def around(rng: random.Random, value: float, spread: float = 0.15) -> float:
    return value * rng.uniform(1 - spread, 1 + spread)


def split(rng: random.Random, total: int, weights: Sequence[float], minimum: int = 0) -> list[int]:
    """`total` split in proportion to noisy weights (largest remainder), each part ≥ minimum."""
    noisy = [w * rng.uniform(0.7, 1.3) for w in weights]
    free = total - minimum * len(weights)
    shares = [free * w / sum(noisy) for w in noisy]
    parts = [int(s) for s in shares]
    order = sorted(range(len(shares)), key=lambda i: shares[i] - parts[i], reverse=True)
    for i in order[: free - sum(parts)]:
        parts[i] += 1
    return [p + minimum for p in parts]


def money(value: float) -> Decimal:
    return Decimal(f"{value:.2f}").normalize()


# Year effects: applications rose with land acquisition and the pandemic years, then settled;
# publishing grew with 政务公开标准化规范化 from 2020 on.
APPLICATION_TREND = {2019: 0.85, 2020: 1.0, 2021: 1.15, 2022: 1.0, 2023: 0.95, 2024: 1.05, 2025: 1.0}
PUBLISHING_TREND = {2019: 0.82, 2020: 1.0, 2021: 0.97, 2022: 1.04, 2023: 1.0, 2024: 1.06, 2025: 1.1}


# =============================================================================================
# state carried from one year to the next


@dataclass
class State:
    carry: dict[str, int] = field(default_factory=dict)  # 结转下年度继续办理, per column
    norms_in_force: int = 0
    norms_public_total: int = 0  # gov2019 对外公开总数量 (cumulative)
    items: dict[str, tuple[int, int]] = field(default_factory=dict)  # gov2019: (上一年项目数量, 本年增/减)
    pending: dict[str, int] = field(default_factory=dict)  # 表四 尚未审结, per group
    problems: tuple[str, ...] = ()  # problem ids written in last year's section 五


# =============================================================================================
# 表三 收到和处理政府信息公开申请情况

# Who applies: mostly natural persons; companies (land, permits, market cases), law firms on
# behalf of clients in land-acquisition disputes, now and then a village committee (其他).
APPLICANTS = {
    "town": {"natural": 0.93, "business": 0.04, "legal": 0.01, "other": 0.02},
    "street": {"natural": 0.9, "business": 0.05, "legal": 0.04, "other": 0.01},
    "township": {"natural": 0.97, "other": 0.03},
    "dept": {"natural": 0.84, "business": 0.1, "legal": 0.05, "nonprofit": 0.01},
    "county": {"natural": 0.85, "business": 0.07, "legal": 0.05, "research": 0.01, "nonprofit": 0.01, "other": 0.01},
}

# How applications end, by kind of body. Grassroots bodies mostly disclose or do not hold the
# information (it is the county's); the market regulator gets many complaint-type requests from
# professional claimants (信访举报投诉类); land and planning requests are often partly disclosed.
OUTCOMES = {
    "grassroots": {
        "disclosed": 45, "partial": 7, "withheld_third_party": 3, "withheld_process": 3, "withheld_internal": 2,
        "unable_not_held": 22, "unable_needs_creation": 5, "unable_unclear": 2, "rejected_petition": 5,
        "rejected_repeat": 3, "other_no_correction": 3,
    },
    "教育": {
        "disclosed": 55, "partial": 8, "withheld_process": 4, "withheld_internal": 3, "unable_not_held": 15,
        "unable_needs_creation": 6, "rejected_petition": 5, "other_no_correction": 4,
    },
    "自然资源": {
        "disclosed": 35, "partial": 12, "withheld_third_party": 4, "withheld_process": 6, "withheld_enforcement": 2,
        "withheld_inquiry": 3, "unable_not_held": 20, "unable_needs_creation": 4, "unable_unclear": 2,
        "rejected_petition": 4, "rejected_repeat": 3, "other_no_correction": 3, "other_misc": 2,
    },
    "市场监管": {
        "disclosed": 25, "partial": 8, "withheld_enforcement": 6, "withheld_third_party": 5, "withheld_inquiry": 4,
        "unable_not_held": 12, "rejected_petition": 22, "rejected_repeat": 6, "rejected_excessive": 3,
        "rejected_confirmation": 2, "other_no_correction": 5, "other_misc": 2,
    },
    "县政府": {
        "disclosed": 38, "partial": 10, "withheld_secret": 1, "withheld_law": 1, "withheld_security": 1,
        "withheld_third_party": 3, "withheld_internal": 3, "withheld_process": 5, "unable_not_held": 18,
        "unable_needs_creation": 4, "unable_unclear": 2, "rejected_petition": 5, "rejected_repeat": 3,
        "rejected_publication": 1, "rejected_excessive": 1, "rejected_confirmation": 1, "other_no_correction": 2,
        "other_misc": 1,
    },
}
OUTCOME_ROWS = tuple(next(r for r in load_spec("gov2021").rules if r.id == "outcome_total").params["parts"])  # （一）予以公开 … （六）3.其他, in printed order
OTHER_ROWS_2021 = ("other_no_correction", "other_unpaid_fee", "other_misc")  # one row, other_handling, in gov2019


@dataclass(frozen=True)
class FeeCase:
    """A year in which a fee notice (国办函〔2020〕109号) was sent: rare, so it is scripted."""

    notices: int
    notified: int  # 元
    collected: int  # 元
    unpaid: int  # applications dropped because the fee was not paid (（六）2)


# 31–100 pages are charged 10元 a page above 30 (按量计收): 45 pages → 150元; the applicant
# never paid. At the county government, one heavy applicant paid 200元 and another did not pay.
FEE_CASES = {("县自然资源局", 2022): FeeCase(1, 150, 0, 1), ("县人民政府", 2024): FeeCase(2, 350, 200, 1)}


def outcome_weights(plan: Plan) -> dict[str, int]:
    return OUTCOMES["grassroots"] if plan.kind in ("town", "street", "township") else OUTCOMES[plan.local]


def applications(plan: Plan, year: int, state: State, fee: FeeCase | None) -> dict[str, int]:
    """Table 三 as typed: rows × columns, balanced, carried over exactly from last year."""
    rng = rng_for(plan, year, "applications")
    new = dict.fromkeys(COLUMNS, 0)
    count = poisson(rng, plan.applications * APPLICATION_TREND[year])
    if fee:
        count = max(count, fee.notices + 1)
    shares = APPLICANTS[plan.kind]
    for _ in range(count):
        new[rng.choices(list(shares), list(shares.values()))[0]] += 1
    if fee:
        new["natural"] = max(new["natural"], fee.notices)
    carried = state.carry or {c: (plan.carried_2019 if c == "natural" else 0) for c in COLUMNS}

    # Applications received in the last weeks of December are answered in January: carried.
    late = 0.1 if plan.kind in ("dept", "county") else 0.06
    forward = {c: sum(rng.random() < late for _ in range(new[c])) for c in COLUMNS}
    if fee:
        forward["natural"] = min(forward["natural"], new["natural"] - fee.notices)

    weights = outcome_weights(plan)
    rows = {r: dict.fromkeys(COLUMNS, 0) for r in OUTCOME_ROWS}
    for c in COLUMNS:
        todo = new[c] + carried[c] - forward[c]
        if fee and c == "natural":
            rows["other_unpaid_fee"][c] += fee.unpaid  # notified, never paid: no longer handled
            rows["disclosed"][c] += fee.notices - fee.unpaid  # paid, then disclosed
            todo -= fee.notices
        for _ in range(todo):
            rows[rng.choices(list(weights), list(weights.values()))[0]][c] += 1

    cells = {f"applications.new.{c}": new[c] for c in COLUMNS}
    cells |= {f"applications.carried.{c}": carried[c] for c in COLUMNS}
    gov2019 = edition_for_year(year) == "gov2019"
    for row, by_column in rows.items():
        if gov2019 and row in OTHER_ROWS_2021:
            continue
        cells |= {f"applications.{row}.{c}": v for c, v in by_column.items()}
    if gov2019:
        cells |= {f"applications.other_handling.{c}": sum(rows[r][c] for r in OTHER_ROWS_2021) for c in COLUMNS}
    cells |= {f"applications.carry_forward.{c}": forward[c] for c in COLUMNS}
    state.carry = forward
    return cells


# =============================================================================================
# 表四 行政复议、行政诉讼

GROUPS = ("review", "direct", "after")


def review_litigation(plan: Plan, year: int, state: State) -> dict[str, int]:
    """New cases split into the three groups; last year's 尚未审结 are decided this year.

    Most reviews uphold the answer; a few correct it (e.g. the search was not thorough);
    其他结果 are withdrawals and dismissals. Cases filed late in the year stay pending.
    """
    rng = rng_for(plan, year, "review")
    cells = {}
    total_new = poisson(rng, plan.litigation)
    shares = {"review": 0.6, "direct": 0.25, "after": 0.15}
    new = dict.fromkeys(GROUPS, 0)
    for _ in range(total_new):
        new[rng.choices(list(shares), list(shares.values()))[0]] += 1
    for g in GROUPS:
        decided = Counter()
        pending = 0
        for _ in range(state.pending.get(g, 0)):
            decided[rng.choices(("upheld", "corrected", "other"), (75, 15, 10))[0]] += 1
        for _ in range(new[g]):
            if rng.random() < 0.25:
                pending += 1
            else:
                decided[rng.choices(("upheld", "corrected", "other"), (70, 18, 12))[0]] += 1
        for result in ("upheld", "corrected", "other"):
            cells[f"review_litigation.cases.{g}_{result}"] = decided[result]
        cells[f"review_litigation.cases.{g}_pending"] = pending
        state.pending[g] = pending
    return cells


# =============================================================================================
# 表二 主动公开政府信息情况


def proactive_2021(plan: Plan, year: int, state: State) -> dict[str, Any]:
    """gov2021: 规章 always 0 (these levels cannot make 规章); 现行有效 chained from 2021's start."""
    rng = rng_for(plan, year, "proactive")
    cells: dict[str, Any] = {"proactive.rules.made": 0, "proactive.rules.repealed": 0, "proactive.rules.in_force": 0}
    if year == 2021:
        state.norms_in_force = plan.norms_in_force
        made = poisson(rng, plan.norms_made)
        # 2021 opens the new format: the in-force count is whatever the clean-up left.
        repealed = min(poisson(rng, plan.norms_made * 0.6), state.norms_in_force)
        in_force = state.norms_in_force
    else:
        made = poisson(rng, plan.norms_made)
        repealed = min(poisson(rng, plan.norms_made * 0.6), state.norms_in_force + made)
        in_force = state.norms_in_force + made - repealed
    state.norms_in_force = in_force
    cells |= {"proactive.normative_docs.made": made, "proactive.normative_docs.repealed": repealed,
              "proactive.normative_docs.in_force": in_force}
    cells["proactive.licensing.decisions"] = round(around(rng, plan.licensing, 0.25))
    cells["proactive.penalty.decisions"] = round(around(rng, penalty_mean(plan, year), 0.3))
    cells["proactive.enforcement.decisions"] = poisson(rng, plan.enforcement)
    cells["proactive.fees.amount"] = money(around(rng, plan.fees_wan, 0.2)) if plan.fees_wan else 0
    return cells


def penalty_mean(plan: Plan, year: int) -> float:
    """Towns and streets got 综合行政执法 powers around 2021: few penalties before, more after."""
    if plan.kind in ("town", "street", "township"):
        return plan.penalty * (0.25 if year < 2021 else 1 + 0.12 * (year - 2021))
    return plan.penalty


# gov2019 counts items (事项) in 上一年项目数量 / 本年增/减 — the lists of powers — not decisions.
ITEMS_2019 = {
    "town": {"licensing": 6, "other_services": 28, "penalty": 8, "enforcement": 2, "fees": 0},
    "street": {"licensing": 1, "other_services": 22, "penalty": 5, "enforcement": 1, "fees": 0},
    "township": {"licensing": 4, "other_services": 18, "penalty": 4, "enforcement": 1, "fees": 0},
    "教育": {"licensing": 9, "other_services": 24, "penalty": 31, "enforcement": 2, "fees": 4},
    "自然资源": {"licensing": 17, "other_services": 35, "penalty": 286, "enforcement": 6, "fees": 5},
    "市场监管": {"licensing": 42, "other_services": 58, "penalty": 1230, "enforcement": 21, "fees": 2},
    "县政府": {"licensing": 268, "other_services": 310, "penalty": 4120, "enforcement": 196, "fees": 38},
}
OTHER_SERVICES = {"town": 900, "street": 1600, "township": 380, "dept": 2500, "county": 26000}


def proactive_2019(plan: Plan, year: int, state: State) -> dict[str, Any]:
    """gov2019: 新制作/新公开/对外公开总数量, item counts that chain, and 政府集中采购."""
    rng = rng_for(plan, year, "proactive")
    cells: dict[str, Any] = {"proactive.rules.produced": 0, "proactive.rules.published": 0, "proactive.rules.public_total": 0}
    produced = poisson(rng, plan.norms_made * 1.2)
    if year == 2019:
        state.norms_public_total = plan.norms_in_force * 2 + (3 if plan.norms_in_force else 0)
    state.norms_public_total += produced
    cells |= {"proactive.normative_docs.produced": produced, "proactive.normative_docs.published": produced,
              "proactive.normative_docs.public_total": state.norms_public_total}
    base = ITEMS_2019[plan.kind if plan.kind in ITEMS_2019 else plan.local]
    decisions = {
        "licensing": round(around(rng, plan.licensing, 0.25)),
        "other_services": round(around(rng, OTHER_SERVICES[plan.kind], 0.35)),
        "penalty": round(around(rng, penalty_mean(plan, year), 0.3)),
        "enforcement": poisson(rng, plan.enforcement * (0.5 if plan.kind in ("town", "street", "township") else 1)),
    }
    for row, start in base.items():
        if year == 2019:
            last = start
        else:
            last = sum(state.items[row])  # 2020's 上一年项目数量 = 2019's + 本年增/减
        change = item_change(rng, row, last, plan, year)
        state.items[row] = (last, change)
        cells[f"proactive.{row}.items_last_year"] = last
        cells[f"proactive.{row}.items_change"] = change
        if row in decisions:
            cells[f"proactive.{row}.decisions"] = decisions[row]
    projects, amount = plan.procurement
    cells["proactive.procurement.projects"] = max(1, round(around(rng, projects, 0.3)))
    cells["proactive.procurement.amount"] = money(around(rng, amount, 0.3))
    return cells


def item_change(rng: random.Random, row: str, last: int, plan: Plan, year: int) -> int:
    """Lists of powers moved with 放管服: a few items added or cancelled, fees mostly cut."""
    if row == "fees":
        return -min(last, rng.choice((0, 0, 1, 2))) if last else 0
    if row == "penalty" and plan.kind in ("town", "street") and year == 2020:
        return rng.randint(12, 40)  # 综合行政执法 powers delegated to towns and streets
    step = max(1, last // 15)
    return max(-last, rng.randint(-step, step + 1))


# =============================================================================================
# 主动公开 figures: the total and its breakdown

CATEGORIES = {kind: list(names) for kind, names in PHRASES["CATEGORIES"].items()}  # lists: a pool is extended
SEASONAL = PHRASES["SEASONAL"]
CHANNELS = PHRASES["CHANNELS"]


def proactive_figures(plan: Plan, year: int, state: State) -> tuple[int, list[BreakdownItem], bool]:
    """(total, breakdown, by_channel). Categories add up to the total; channels overlap."""
    rng = rng_for(plan, year, "figures")
    total = round(around(rng, plan.proactive * PUBLISHING_TREND[year], 0.12))
    if year <= plan.channels_until:
        shares = {"政府网站": rng.uniform(0.85, 1.0), "微信公众号": rng.uniform(0.45, 0.75), "村务公开栏": rng.uniform(0.3, 0.55)}
        items = [BreakdownItem(ch, round(total * shares[ch])) for ch in CHANNELS[plan.kind]]
        return total, items, True
    pool = CATEGORIES[plan.kind if plan.kind in CATEGORIES else plan.local]
    # A clerk keeps the same categories year after year (good for charts); grassroots bodies add
    # the campaigns of the day (脱贫攻坚, 疫情防控, 乡村振兴) while they last.
    pick = rng_for(plan, 0, "categories")
    names = pool[:2] + sorted(pick.sample(pool[2:], k=min(len(pool) - 2, pick.randint(2, 4))), key=pool.index)
    if plan.kind in ("town", "township", "street"):
        names += [s for s, (a, b) in SEASONAL.items() if a <= year <= b and not (plan.kind == "street" and s != "疫情防控")]
    weights = [3.0 if n == "工作动态" else 1.6 if n == "通知公告" else 1.0 for n in names]
    counts = split(rng, total, weights, minimum=1)
    return total, [BreakdownItem(n, c) for n, c in zip(names, counts, strict=True)], False


# =============================================================================================
# prose
#
# Sections are composed from phrase banks: per topic, per kind of body and per year. A phrase
# may hold three kinds of marks:
#   [a|b|c]  one of the alternatives, drawn at random (an empty one makes a word optional);
#   {name}   filled from the body's profile (its short name, service hall, WeChat account …);
#   $[name]  becomes a kit placeholder ${name}; short aliases (below) stand for long keys.
# Figures are only ever quoted through $[…], so prose and tables cannot disagree; a sentence
# about something that did not happen ("未收到申请") is chosen only when the data say so.
#
# 内容雷同 — a report copied from last year's, or from a neighbour's — is what reviewers flag,
# so each section is drawn, measured against the same body's last year and against the bodies
# already written this year, and drawn again while it is too close (see `Drafts`).

ALIASES = {
    "total": "figures.proactive_total",
    "bd": "figures.proactive_breakdown",
    "new": "tables.applications.new.total",
    "carried": "tables.applications.carried.total",
    "cf": "tables.applications.carry_forward.total",
    "fee_notices": "figures.fee_notices",
    "fee_notified": "figures.fee_notified",
    "fee_collected": "figures.fee_collected",
}
GRASSROOTS = ("town", "street", "township")

# --- who is speaking: words that differ by kind of body ----------------------------------------

SELF = PHRASES["SELF"]
WORDS = PHRASES["WORDS"]
OFFICE = PHRASES["OFFICE"]
EXTRA_CHANNEL = PHRASES["EXTRA_CHANNEL"]
STAFF = PHRASES["STAFF"]

SPECIALS = PHRASES["SPECIALS"]


def group_of(plan: Plan) -> str:
    """Which phrase banks a body uses: rural (镇/乡), street, or its department / 县政府."""
    if plan.kind in ("town", "township"):
        return "rural"
    return "street" if plan.kind == "street" else plan.local


ALTERNATIVES = re.compile(r"(?<!\$)\[([^\[\]]*\|[^\[\]]*)\]")


class Context(dict):
    """Format fields for one body; {self} varies between 我镇 / 镇政府 / 云溪镇 per use."""

    def __init__(self, plan: Plan, rng: random.Random) -> None:
        words = dict(WORDS[plan.kind if plan.kind in WORDS else plan.local])
        # Villages, communities or both: 村务公开 / 居务公开 / 村（居）务公开, 各村 / 各社区 / 各村（社区）.
        has_village, has_community = "村" in plan.units, "社区" in plan.units
        affairs = "村（居）务公开" if has_village and has_community else "居务公开" if has_community else "村务公开"
        villages = "各村（社区）" if has_village and has_community else "各社区" if has_community else "各村"
        words["sub_units"] = words["sub_units"].replace("{villages}", villages)
        super().__init__(org=plan.name, units=plan.units, board=affairs + "栏", affairs=affairs, villages=villages,
                         wechat=plan.wechat, local=plan.local, office=OFFICE.get(plan.kind, plan.contact_office.removeprefix(COUNTY)),
                         channel=EXTRA_CHANNEL[plan.name], **words)
        self.plan, self.rng = plan, rng

    def __missing__(self, key: str) -> str:
        if key == "self":
            return self.rng.choice(SELF[self.plan.kind]).format(org=self.plan.name)
        if key == "staff":
            return self.rng.choice(STAFF[self.plan.kind])
        raise KeyError(f"phrase field {{{key}}} is not defined")


PLACEHOLDER = re.compile(r"\$\[([^\[\]|]+)\]")


def render(template: str, ctx: Context, **extra: str) -> str:
    """[a|b] → one of them; {fields} from the profile (their own [a|b] too); $[x] → ${x}."""
    pick = lambda m: ctx.rng.choice(m.group(1).split("|"))  # noqa: E731
    hide = lambda text: PLACEHOLDER.sub(lambda m: f"\0{m.group(1)}\1", text)  # noqa: E731
    text = ALTERNATIVES.sub(pick, hide(template))
    text = ALTERNATIVES.sub(pick, hide(text.format_map(_Merged(ctx, extra))))
    text = re.sub("\0([^\1]*)\1", lambda m: "${" + ALIASES.get(m.group(1), m.group(1)) + "}", text)
    if re.search(r"[\[\]|{}\0\1]", text.replace("${", "").replace("}", "")):
        raise ValueError(f"unexpanded mark in phrase: {text}")
    return text


class _Merged(dict):
    def __init__(self, ctx: Context, extra: dict[str, str]) -> None:
        super().__init__(extra)
        self.ctx = ctx

    def __missing__(self, key: str) -> str:
        return self.ctx[key]


class Chooser:
    """Picks phrase variants: never one this body used in the last two years, and preferring (by
    weight) the variants fewest bodies have used this year. `mark`/`undo` take back a rejected draft's picks."""

    def __init__(self) -> None:
        self.history: dict[tuple[str, str], list[set[str]]] = {}
        self.usage: Counter[tuple[int, str, str]] = Counter()
        self.log: list[tuple[tuple[str, str], tuple[int, str, str], ...]] = []

    def pick(self, rng: random.Random, plan: Plan, year: int, slot: str, bank: Sequence[str], k: int = 1) -> list[str]:
        key = (plan.name, slot)
        past = self.history.setdefault(key, [])
        recent = set().union(*past[-2:]) if past else set()
        chosen: list[str] = []
        for _ in range(min(k, len(bank))):
            free = [x for x in bank if x not in recent and x not in chosen] or [x for x in bank if x not in chosen]
            weights = [1 / (1 + self.usage[(year, slot, x)]) ** 2 for x in free]  # rarely used this year: likelier
            x = rng.choices(free, weights)[0]
            self.usage[(year, slot, x)] += 1
            chosen.append(x)
        past.append(set(chosen))
        self.log.append((key, *((year, slot, x) for x in chosen)))
        return chosen

    def mark(self) -> int:
        return len(self.log)

    def undo(self, mark: int) -> None:
        while len(self.log) > mark:
            key, *used = self.log.pop()
            self.history[key].pop()
            for u in used:
                self.usage[u] -= 1


# --- 一（一）主动公开 ---------------------------------------------------------------------------

LEAD_CATEGORIES = PHRASES["LEAD_CATEGORIES"]
LEAD_CHANNELS = PHRASES["LEAD_CHANNELS"]
SWITCHED_TO_CATEGORIES = PHRASES["SWITCHED_TO_CATEGORIES"]

THEMES: dict[str, dict[int, tuple[str, ...]]] = PHRASES["THEMES"]

STANDING: dict[str, tuple[str, ...]] = PHRASES["STANDING"]
KEY_AREAS_GRASSROOTS = PHRASES["KEY_AREAS_GRASSROOTS"]
FARM_SUBSIDY = PHRASES["FARM_SUBSIDY"]
INTERPRETATION = PHRASES["INTERPRETATION"]
ENFORCEMENT_LEAD = PHRASES["ENFORCEMENT_LEAD"]
ENFORCEMENT_ITEMS = PHRASES["ENFORCEMENT_ITEMS"]


# --- 一（二）依申请公开 -----------------------------------------------------------------------

REQUESTS_LEAD = PHRASES["REQUESTS_LEAD"]
REQUESTS_NO_CARRIED = PHRASES["REQUESTS_NO_CARRIED"]
REQUESTS_NONE = PHRASES["REQUESTS_NONE"]
REQUESTS_ONLY_CARRIED = PHRASES["REQUESTS_ONLY_CARRIED"]
APPLICANT_LEAD = PHRASES["APPLICANT_LEAD"]
APPLICANT_LABELS = PHRASES["APPLICANT_LABELS"]
OUTCOME_LEAD = PHRASES["OUTCOME_LEAD"]
OUTCOME_PHRASES = PHRASES["OUTCOME_PHRASES"]
MOSTLY_DISCLOSED = PHRASES["MOSTLY_DISCLOSED"]
REASONS = PHRASES["REASONS"]
MAIN_REASON = PHRASES["MAIN_REASON"]
OUTCOMES_REST = PHRASES["OUTCOMES_REST"]
REQUEST_TOPICS = PHRASES["REQUEST_TOPICS"]
TOPICS_LEAD = PHRASES["TOPICS_LEAD"]
FORWARD = PHRASES["FORWARD"]
PROCESS = PHRASES["PROCESS"]
PROCESS_IF = PHRASES["PROCESS_IF"]
RECEIVING = PHRASES["RECEIVING"]
PROCESS_NONE = PHRASES["PROCESS_NONE"]


# --- 一（三）政府信息管理 ---------------------------------------------------------------------

REVIEW = PHRASES["REVIEW"]
UPKEEP = PHRASES["UPKEEP"]
CATALOGUE_GRASSROOTS = PHRASES["CATALOGUE_GRASSROOTS"]
NORMS_2021 = PHRASES["NORMS_2021"]
NORMS_2021_KEPT = PHRASES["NORMS_2021_KEPT"]
NORMS_2021_NONE = PHRASES["NORMS_2021_NONE"]
NORMS_2019 = PHRASES["NORMS_2019"]
NORMS_2019_KEPT = PHRASES["NORMS_2019_KEPT"]
NORMS_2019_NONE = PHRASES["NORMS_2019_NONE"]
ARCHIVES = PHRASES["ARCHIVES"]
MANAGEMENT_YEAR = PHRASES["MANAGEMENT_YEAR"]


# --- 一（四）政府信息公开平台建设 -------------------------------------------------------------

WEBSITE = PHRASES["WEBSITE"]
WEBSITE_COUNTY = PHRASES["WEBSITE_COUNTY"]
NEW_MEDIA = PHRASES["NEW_MEDIA"]
OFFLINE = PHRASES["OFFLINE"]
PLATFORM_UPKEEP = PHRASES["PLATFORM_UPKEEP"]
PLATFORM_YEAR = PHRASES["PLATFORM_YEAR"]


# --- 一（五）监督保障 -------------------------------------------------------------------------

LEADERSHIP = PHRASES["LEADERSHIP"]
TRAINING = PHRASES["TRAINING"]
ASSESSMENT = PHRASES["ASSESSMENT"]
ASSESSMENT_COUNTY = PHRASES["ASSESSMENT_COUNTY"]
CASES_NONE = PHRASES["CASES_NONE"]
CASES_LEAD = PHRASES["CASES_LEAD"]
CASES_CORRECTED = PHRASES["CASES_CORRECTED"]
CASES_PENDING = PHRASES["CASES_PENDING"]


# --- 五、存在的主要问题及改进情况 ----------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    id: str
    kinds: tuple[str, ...]  # which kinds of body can have it
    problem: str  # as named in the year it was found
    fix: str  # what was done about it the year after
    plan: str  # what the body says it will do


ALL = ("town", "street", "township", "dept", "county")
PROBLEMS = (
    Problem("update", ALL, "部分栏目信息更新不够及时", "建立了栏目更新提醒和[月度|季度]巡查机制，对长期未更新的栏目进行了归并", "建立栏目更新责任清单，明确每个栏目的更新频次和责任人"),
    Problem("interpret", ALL, "政策解读形式较为单一", "增加了图解、短视频、问答等解读形式，重要政策均配发通俗易懂的解读材料", "丰富解读形式，探索由政策起草人员直接解读"),
    Problem("skills", ALL, "兼职工作人员业务能力有待提高", "组织工作人员参加业务培训和跟班学习，编印了工作手册", "加强业务培训，保持信息公开工作人员相对稳定"),
    Problem("replies", ALL, "依申请公开答复文书不够规范", "对照参考范本修订了答复模板，并请法律顾问审核疑难答复", "推行答复文书法律审核，确保答复依据准确、救济途径告知完整"),
    Problem("catalogue", GRASSROOTS, "基层政务公开标准目录梳理不够细", "对照各领域标准指引，逐项细化了公开事项的内容、时限和方式", "对照最新标准指引动态调整公开事项目录"),
    Problem("newmedia", ALL, "政务新媒体互动回应不够", "明确了留言办理时限，对群众留言做到按期回复", "完善政务新媒体留言办理机制，提高回应质量"),
    Problem("demand", ALL, "公开内容与群众需求结合不够紧密", "通过[问卷和座谈|入户走访和问卷]了解群众需求，加大了民生资金、惠民政策等信息的公开力度", "围绕群众关心关注的问题，持续拓展公开的深度和广度"),
    Problem("board", ("town", "township"), "部分{board}内容更新不及时", "对{units}的公开栏开展集中检查，统一了公开栏式样和更新时间", "将{board}更新情况纳入{villages}的年度考核"),
    Problem("privacy", ALL, "信息发布审查把关不够严", "完善了发布前审查程序，对公示材料中的个人信息一律作去标识化处理", "把个人信息保护作为发布审查的必查内容"),
    Problem("scattered", ("dept", "county"), "部分信息分散在不同栏目发布", "将分散发布的信息归并到专栏相应栏目，实现集中发布", "推进专栏栏目规范化，减少信息重复和分散"),
    Problem("ledger", GRASSROOTS, "公开台账记录不够完整", "建立了主动公开和依申请公开两本台账，做到逐条登记", "规范台账管理，做到公开一条、登记一条、归档一条"),
    Problem("norms", ("dept", "county"), "行政规范性文件效力状态标注不及时", "开展规范性文件专项清理，对失效、废止文件逐件作了标注", "建立规范性文件动态清理机制，做到效力状态及时更新"),
    Problem("participation", ("dept", "county"), "决策公开征求意见的反馈不够", "对公开征求意见的事项，同步公开了意见采纳情况和理由", "扩大公众参与，规范意见征集和反馈"),
    Problem("enforcement", ("dept",), "个别行政处罚决定公开滞后", "明确执法决定作出后七个工作日内公开的时限，并每月核查", "加强执法信息公开的日常监督，确保按时公开"),
    Problem("budget", GRASSROOTS, "预决算公开的说明不够通俗", "在预决算公开中增加了通俗易懂的说明和图表", "进一步细化预决算说明，提高可读性"),
    Problem("access", ALL, "线下查阅点利用率不高", "在{hall}醒目位置设置查阅点指示牌，并通过{channel}宣传查阅渠道", "加强查阅点宣传，方便不常上网的群众获取信息"),
)
FIXED_LEAD = PHRASES["FIXED_LEAD"]
FIXED_2019 = PHRASES["FIXED_2019"]
OPEN_PROBLEMS = PHRASES["OPEN_PROBLEMS"]


# --- 六、其他需要报告的事项 -------------------------------------------------------------------

FEES_2021 = PHRASES["FEES_2021"]
FEE_CHARGED = PHRASES["FEE_CHARGED"]
FEE_UNPAID = PHRASES["FEE_UNPAID"]
FEE_PAID_TO_TREASURY = PHRASES["FEE_PAID_TO_TREASURY"]
FEES_2019 = PHRASES["FEES_2019"]
FEES_2020_NOTE = PHRASES["FEES_2020_NOTE"]
OTHER_MATTERS = PHRASES["OTHER_MATTERS"]
OTHER_MATTERS_YEAR = PHRASES["OTHER_MATTERS_YEAR"]
WORK_POINTS = PHRASES["WORK_POINTS"]
WORK_POINTS_COUNTY = PHRASES["WORK_POINTS_COUNTY"]
YEAR_TASKS = PHRASES["YEAR_TASKS"]
PROPOSALS = PHRASES["PROPOSALS"]


# --- composing the sections ---------------------------------------------------------------------


@dataclass
class Writer:
    """Writes one body's prose for one year from the banks above."""

    plan: Plan
    year: int
    cells: dict[str, Any]
    chooser: Chooser
    rng: random.Random = field(init=False)
    ctx: Context = field(init=False)
    new_problems: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.reseed("")

    def reseed(self, topic: str) -> None:
        """Each draft of a section has its own seed, so a chosen draft can be written again."""
        self.rng = rng_for(self.plan, self.year, f"prose/{topic}")
        self.ctx = Context(self.plan, self.rng)

    @property
    def group(self) -> str:
        return group_of(self.plan)

    @property
    def grassroots(self) -> bool:
        return self.plan.kind in GRASSROOTS

    def some(self, slot: str, bank: Sequence[str], k: int = 1, **extra: str) -> list[str]:
        return [render(t, self.ctx, **extra) for t in self.chooser.pick(self.rng, self.plan, self.year, slot, bank, k)]

    def one(self, slot: str, bank: Sequence[str], **extra: str) -> str:
        return self.some(slot, bank, 1, **extra)[0]

    def maybe(self, chance: float, slot: str, bank: Sequence[str], **extra: str) -> list[str]:
        return self.some(slot, bank, 1, **extra) if self.rng.random() < chance else []

    def row(self, table: str, row: str) -> int:
        """A row's total over the applicant columns (table 三) or over its count cells."""
        if table == "applications":
            return sum(self.cells.get(f"applications.{row}.{c}", 0) for c in COLUMNS)
        return sum(v for k, v in self.cells.items() if k.startswith(f"{table}.{row}.") and isinstance(v, int))


def paragraphs(*groups: list[str]) -> str:
    return "\n".join("".join(g) for g in groups if g)


def cap(w: Writer, sentences: list[str], most: int) -> list[str]:
    """At most `most` sentences, dropping random ones but keeping their order (sections stay short)."""
    keep = sorted(w.rng.sample(range(len(sentences)), k=most)) if len(sentences) > most else range(len(sentences))
    return [sentences[i] for i in keep]


def write_proactive(w: Writer, by_channel: bool, switched: bool) -> str:
    first = [w.one("lead", LEAD_CHANNELS if by_channel else LEAD_CATEGORIES)]
    if switched:
        first.append(SWITCHED_TO_CATEGORIES)
    first += w.some(f"themes/{w.group}", THEMES[w.group][w.year], k=w.rng.choice((1, 2)))
    second = w.some("specials", SPECIALS[w.plan.name], k=w.rng.choice((1, 2)))
    second += w.some(f"standing/{w.group}", STANDING[w.group], k=w.rng.choice((0, 1) if w.grassroots else (1, 2)))
    if w.grassroots:
        second += w.maybe(0.5, "key_areas", KEY_AREAS_GRASSROOTS)
        if w.plan.kind != "street" and w.rng.random() < 0.2:
            second.append(FARM_SUBSIDY)
    decided = [(label, key) for key, label in ENFORCEMENT_ITEMS if w.cells.get(f"proactive.{key}.decisions")]
    if decided and w.rng.random() < (0.45 if w.grassroots else 0.65):
        listed = "、".join(f"{label}$[tables.proactive.{key}.decisions]件" for label, key in decided)
        if w.plan.kind == "county":
            listed = "全县" + listed
        second.append(w.one("enforcement", ENFORCEMENT_LEAD, list=listed))
    second += w.maybe(0.6, "interpretation", INTERPRETATION)
    return paragraphs(first, cap(w, second, 4))


def write_requests(w: Writer) -> str:
    new, carried, forward = w.row("applications", "new"), w.row("applications", "carried"), w.row("applications", "carry_forward")
    if new == 0 and carried == 0:
        quiet = [w.one("requests_none", REQUESTS_NONE), *w.some("process_none", PROCESS_NONE, k=w.rng.choice((1, 2)))]
        return paragraphs(quiet + w.maybe(0.6, "receiving", RECEIVING))
    lead = REQUESTS_ONLY_CARRIED if not new else REQUESTS_LEAD + (REQUESTS_NO_CARRIED if not carried else ())
    first = [w.one("requests_lead", lead)]
    organisations = [(col, label) for col, label in APPLICANT_LABELS if w.cells[f"applications.new.{col}"]]
    if organisations and w.rng.random() < 0.7:
        listed = "、".join(f"{label}$[tables.applications.new.{col}]件" for col, label in organisations)
        first.append(w.one("applicants", APPLICANT_LEAD, list=listed))
    if new:
        topics = w.rng.sample(REQUEST_TOPICS[w.group], k=min(new, w.rng.choice((2, 3))))
        first.append(w.one("topics", TOPICS_LEAD, topics="、".join(topics)))
    rows = [row for row in OUTCOME_PHRASES if f"applications.{row}.natural" in w.cells and w.row("applications", row)]
    handled = sum(w.row("applications", r) for r in rows)
    if handled >= 3 and w.rng.random() < 0.35:
        first += describe_outcomes(w, rows, handled)
        rows = []
    if len(rows) > 4:  # a long list reads like the table itself: name the main results, point to 表三
        main = sorted(rows, key=lambda r: -w.row("applications", r))[: w.rng.choice((2, 3, 4))]
        rows = [r for r in rows if r in main]
    if rows:
        listed = "，".join(OUTCOME_PHRASES[r].format(n=f"$[tables.applications.{r}.total]") for r in rows)
        first.append(w.one("outcomes", OUTCOME_LEAD, list=listed))
        if len(rows) < sum(1 for r in OUTCOME_PHRASES if w.row("applications", r)):
            first.append(w.one("outcomes_rest", OUTCOMES_REST))
    if forward:
        first.append(w.one("forward", FORWARD))
    second = [render(text, w.ctx) for row, text in PROCESS_IF.items() if w.row("applications", row)]
    second = w.rng.sample(second, k=min(len(second), 1))
    second += w.some("process", PROCESS, k=w.rng.choice((1, 2)))
    second += w.maybe(0.5, "receiving", RECEIVING)
    second = cap(w, second, 2)
    return paragraphs(first, second) if new >= 8 else paragraphs(first + second)


def describe_outcomes(w: Writer, rows: list[str], handled: int) -> list[str]:
    """Outcomes in words: 'most were disclosed', 'the main reason for not disclosing was …'."""
    said = []
    if (w.row("applications", "disclosed") + w.row("applications", "partial")) * 2 > handled:
        said.append(w.one("mostly_disclosed", MOSTLY_DISCLOSED))
    refused = sorted((r for r in rows if r in REASONS), key=lambda r: -w.row("applications", r))
    if refused:
        said.append(w.one("main_reason", MAIN_REASON, reason=REASONS[refused[0]]))
    return said or [w.one("outcomes_rest", OUTCOMES_REST)]


def write_management(w: Writer) -> str:
    first = [w.one("review", REVIEW)]
    first += w.some("upkeep", UPKEEP, k=w.rng.choice((1, 1, 2)))
    first += w.maybe(0.4, "archives", ARCHIVES)
    if w.grassroots and w.year >= 2020:
        first += w.maybe(0.5, "catalogue", CATALOGUE_GRASSROOTS)
    second = []
    gov2021 = edition_for_year(w.year) == "gov2021"
    made = w.cells["proactive.normative_docs.made" if gov2021 else "proactive.normative_docs.produced"]
    if made and (w.grassroots or w.rng.random() < 0.8):
        second.append(w.one("norms", NORMS_2021 if gov2021 else NORMS_2019))
    elif not made and w.row("proactive", "normative_docs") and w.rng.random() < 0.7:
        second.append(w.one("norms_kept", NORMS_2021_KEPT if gov2021 else NORMS_2019_KEPT))
    elif not w.row("proactive", "normative_docs") and w.rng.random() < 0.6:
        second.append(w.one("norms_none", NORMS_2021_NONE if gov2021 else NORMS_2019_NONE))
    if w.rng.random() < 0.35:
        second.append(MANAGEMENT_YEAR[w.year])
    return paragraphs(first, second)


def write_platforms(w: Writer) -> str:
    first = [w.one("website", WEBSITE_COUNTY if w.plan.kind == "county" else WEBSITE)]
    first += w.some("new_media", NEW_MEDIA)
    offline = OFFLINE["grassroots" if w.grassroots else w.plan.kind]
    second = w.some(f"offline/{w.plan.kind}", offline)
    second += w.maybe(0.6, "platform_year", PLATFORM_YEAR[w.year])
    second += w.maybe(0.5, "platform_upkeep", PLATFORM_UPKEEP)
    return paragraphs(first, second)


def write_oversight(w: Writer) -> str:
    first = [w.one("leadership", LEADERSHIP)]
    first += w.maybe(0.7, "training", TRAINING)
    first.append(w.one("assessment", ASSESSMENT_COUNTY if w.plan.kind == "county" else ASSESSMENT))
    groups = [("review", "行政复议"), ("direct", "未经复议直接提起的行政诉讼"), ("after", "复议后提起的行政诉讼")]
    cases = [(g, label) for g, label in groups
             if any(w.cells[f"review_litigation.cases.{g}_{r}"] for r in ("upheld", "corrected", "other", "pending"))]
    if not cases:
        return paragraphs([*first, w.one("cases_none", CASES_NONE)])
    listed = "、".join(f"{label}$[tables.review_litigation.cases.{g}_total]件" for g, label in cases)
    second = [w.one("cases", CASES_LEAD, list=listed)]
    if any(w.cells[f"review_litigation.cases.{g}_corrected"] for g in GROUPS):
        second.append(w.one("corrected", CASES_CORRECTED))
    if any(w.cells[f"review_litigation.cases.{g}_pending"] for g in GROUPS):
        second.append(w.one("pending", CASES_PENDING))
    return paragraphs(first, second)


def write_problems(w: Writer, state: State) -> str:
    """Last year's problems (as named in last year's report) and their fixes, then this year's."""
    mine = [p for p in PROBLEMS if w.plan.kind in p.kinds]
    by_id = {p.id: p for p in mine}
    if w.year == YEARS[0]:
        before = w.rng.sample(mine, 2)  # what the 2018 report (not part of the demo) had found
        fixed = w.one("fixed_2019", FIXED_2019, **_problem_fields(w, before, "p", "f"))
    else:
        before = [by_id[i] for i in state.problems]
        fixed = w.one("fixed", FIXED_LEAD, **_problem_fields(w, before, "p", "f"))
    now_ids = w.chooser.pick(w.rng, w.plan, w.year, "problems", [p.id for p in mine if p not in before], k=2)
    w.new_problems = tuple(now_ids)
    still = w.one("open", OPEN_PROBLEMS, **_problem_fields(w, [by_id[i] for i in now_ids], "q", "a"))
    return paragraphs([fixed], [still])


def _problem_fields(w: Writer, problems: list[Problem], name: str, action: str) -> dict[str, str]:
    fields = {}
    for i, p in enumerate(problems, start=1):
        fields[f"{name}{i}"] = render(p.problem, w.ctx)
        fields[f"{action}{i}"] = render(p.fix if action == "f" else p.plan, w.ctx)
    return fields


def write_other(w: Writer, fee: FeeCase | None) -> str:
    if edition_for_year(w.year) == "gov2019":
        first = [w.one("fees_2019", FEES_2019)]
        if w.year == 2020 and w.rng.random() < 0.5:
            first.append(render(FEES_2020_NOTE, w.ctx))
    elif fee:
        charged = [FEE_CHARGED] + [FEE_UNPAID] * bool(fee.unpaid) + [FEE_PAID_TO_TREASURY] * bool(fee.collected)
        first = [render(t, w.ctx) for t in charged]
    else:
        first = [w.one("fees", FEES_2021)]
    task = w.rng.choice(YEAR_TASKS[w.year])
    points = WORK_POINTS_COUNTY if w.plan.kind == "county" else WORK_POINTS
    second = [w.one("work_points", points, task=task)]
    second.append(w.one("proposals", PROPOSALS["grassroots" if w.grassroots else "office"]))
    matters = OTHER_MATTERS["all"] + OTHER_MATTERS["grassroots" if w.grassroots else "office"]
    second += w.some("matters", matters, k=w.rng.choice((0, 1, 1, 2)))
    if w.year in OTHER_MATTERS_YEAR and w.rng.random() < 0.4:
        second.append(render(OTHER_MATTERS_YEAR[w.year], w.ctx))
    w.rng.shuffle(second)
    return paragraphs(first, cap(w, second, 3))


# =============================================================================================
# drafting against what is already written


def ratio(a: str, b: str) -> float:
    """SequenceMatcher's ratio, both ways round (it is not symmetric), the larger."""
    return max(difflib.SequenceMatcher(None, a, b, autojunk=False).ratio(), difflib.SequenceMatcher(None, b, a, autojunk=False).ratio())


def expander(report: YearReport) -> Any:
    """Prose as printed (placeholders filled in) for one report."""
    from kit import placeholders
    from kit.figures import resolve_cells, resolver

    resolve = resolver(report, resolve_cells(report.spec, report))
    return lambda text: placeholders.expand(text, resolve)[0]


# Two measures, each with a limit a draft must stay under (the closest limit decides):
# - difflib's SequenceMatcher ratio between a section and the same body's section last year
#   ("last") or another body's same section this year ("same"), on the text as printed and as
#   stored. Stored text is held to a looser limit: its long placeholders
#   (${tables.applications.disclosed.total}) are the same wherever the same figure is quoted.
# - the kit's own rule 19 (kit/doccheck/similarity.py): the share of a section's characters, as
#   normalised by the kit, that lie in a 10-character run found anywhere in the other report.
#   `kit check` warns above 80% for a section (50% for a whole report); we aim well below.
LIMITS = {("last", "printed"): 0.47, ("last", "stored"): 0.5, ("same", "printed"): 0.5, ("same", "stored"): 0.62}
COVERAGE_LIMITS = {"last": 0.45, "same": 0.55}
ATTEMPTS = 40
NAMES = tuple(n for p in BODIES for n in (p.full_name, p.name))


def normalised(printed: str) -> list[str]:
    """A section's paragraphs as kit/doccheck compares them (digits as 0, names and punctuation out)."""
    from kit.doccheck.prose import Passage
    from kit.doccheck.similarity import normalised as kit_normalised

    return [kit_normalised(Passage(p, ""), NAMES).chars for p in printed.split("\n") if p.strip()]


def shingles(paragraphs: list[str]) -> set[str]:
    from kit.doccheck.similarity import shingles_of

    return shingles_of(paragraphs)


def coverage(paragraphs: list[str], theirs: set[str]) -> float:
    """The kit's own rule-19 measure (kit.doccheck.similarity.coverage); 0 for a section too short
    for the kit to judge on its own."""
    from kit.doccheck.similarity import coverage as kit_coverage
    from kit.doccheck.vocabulary import vocabulary

    if sum(len(p) for p in paragraphs) < vocabulary().similarity.section_min_chars:
        return 0.0
    return kit_coverage(paragraphs, theirs)


@dataclass
class Drafts:
    """Every section written so far: stored and printed text, and as the kit normalises it."""

    texts: dict[tuple[str, int, str], tuple[str, str]] = field(default_factory=dict)
    by_year: dict[tuple[int, str], list[tuple[str, str]]] = field(default_factory=dict)
    normal: dict[tuple[str, int], dict[str, list[str]]] = field(default_factory=dict)  # (body, year) -> section -> paragraphs
    grams: dict[tuple[str, int], set[str]] = field(default_factory=dict)  # (body, year) -> shingles of the report so far

    def excess(self, body: str, year: int, section: str, stored: str, printed: str) -> float:
        """How far the draft is over the closest limit (≤ 0: within all limits)."""
        worst = -1.0
        last = self.texts.get((body, year - 1, section))
        if last:
            worst = max(ratio(stored, last[0]) - LIMITS[("last", "stored")], ratio(printed, last[1]) - LIMITS[("last", "printed")])
        for s, p in self.by_year.get((year, section), []):
            worst = max(worst, ratio(stored, s) - LIMITS[("same", "stored")], ratio(printed, p) - LIMITS[("same", "printed")])
        mine = normalised(printed)
        if (body, year - 1) in self.grams:
            worst = max(worst, coverage(mine, self.grams[(body, year - 1)]) - COVERAGE_LIMITS["last"])
        with_draft = self.grams.get((body, year), set()) | shingles(mine)
        for (other, y), theirs in self.grams.items():
            if y == year and other != body:  # both ways: the kit checks each report against the other
                worst = max(worst, coverage(mine, theirs) - COVERAGE_LIMITS["same"])
                for paragraphs in self.normal[(other, y)].values():
                    worst = max(worst, coverage(paragraphs, with_draft) - COVERAGE_LIMITS["same"])
        return worst

    def keep(self, body: str, year: int, section: str, stored: str, printed: str) -> None:
        self.texts[(body, year, section)] = (stored, printed)
        self.by_year.setdefault((year, section), []).append((stored, printed))
        paragraphs = normalised(printed)
        self.normal.setdefault((body, year), {})[section] = paragraphs
        self.grams.setdefault((body, year), set()).update(shingles(paragraphs))

    def write(self, w: Writer, section: str, compose: Any, printed: Any) -> str:
        """Draft until the section is far enough from last year's and from the neighbours'."""
        best: tuple[float, int] | None = None
        for attempt in range(ATTEMPTS):
            mark = w.chooser.mark()
            w.reseed(f"{section}/{attempt}")
            text = compose(w)
            excess = self.excess(w.plan.name, w.year, section, text, printed(text))
            w.chooser.undo(mark)
            if best is None or excess < best[0]:
                best = (excess, attempt)
            if excess <= 0:
                break
        assert best is not None
        w.reseed(f"{section}/{best[1]}")
        text = compose(w)
        self.keep(w.plan.name, w.year, section, text, printed(text))
        return text


# =============================================================================================
# one report, all reports, writing

def overlap_reason(breakdown: list[BreakdownItem]) -> str:
    channels = "、".join(item.name for item in breakdown)
    return f"{channels}是不同的发布渠道，同一条信息往往在几个渠道同步发布，按渠道分别计数，所以各项之和大于总数"


def build_year(plan: Plan, body: Body, year: int, state: State, chooser: Chooser, drafts: Drafts) -> YearReport:
    edition = edition_for_year(year)
    fee = FEE_CASES.get((plan.name, year))
    cells: dict[str, Any] = {}
    cells |= (proactive_2021 if edition == "gov2021" else proactive_2019)(plan, year, state)
    cells |= applications(plan, year, state, fee)
    cells |= review_litigation(plan, year, state)
    total, breakdown, by_channel = proactive_figures(plan, year, state)
    figures: dict[str, Any] = {
        "proactive_total": total,
        "proactive_breakdown": breakdown,
        "fee_notices": fee.notices if fee else 0,
        "fee_notified": fee.notified if fee else 0,
        "fee_collected": fee.collected if fee else 0,
    }
    report = YearReport(body=body, year=year, edition=edition, cells=cells, figures=figures)
    if by_channel:
        report.acknowledged[OVERLAP_ACK] = overlap_reason(breakdown)
    switched = bool(plan.channels_until) and year == plan.channels_until + 1
    sections = {
        "overview_proactive": lambda w: write_proactive(w, by_channel, switched),
        "overview_requests": write_requests,
        "overview_management": write_management,
        "overview_platforms": write_platforms,
        "overview_oversight": write_oversight,
        "problems": lambda w: write_problems(w, state),
        "other": lambda w: write_other(w, fee),
    }
    writer, printed = Writer(plan, year, cells, chooser), expander(report)
    for section, compose in sections.items():
        report.prose[section] = drafts.write(writer, section, compose, printed)
    state.problems = writer.new_problems
    return report


def build_all() -> tuple[dict[str, Body], list[YearReport]]:
    """Year by year over all bodies, so each year's bodies are drafted against one another."""
    bodies = {p.name: body_of(p) for p in BODIES}
    states = {p.name: State() for p in BODIES}
    chooser, drafts = Chooser(), Drafts()
    reports = []
    for year in YEARS:
        for plan in BODIES:
            reports.append(build_year(plan, bodies[plan.name], year, states[plan.name], chooser, drafts))
    return bodies, reports


def clear_county(folder: Path) -> None:
    """Remove the previous run's output, refusing if any body there is not marked fictional."""
    if not folder.exists():
        return
    for body_file in folder.glob("*/body.yaml"):
        if "\nfictional: true" not in body_file.read_text(encoding="utf-8"):
            raise SystemExit(f"{body_file} 不是虚构示例数据（没有 fictional: true），不会删除 {folder}")
    shutil.rmtree(folder)


def write_all(parameters: Path, bodies: dict[str, Body], reports: list[YearReport]) -> None:
    folder = parameters / COUNTY
    clear_county(folder)
    for body in bodies.values():
        (folder / body.name).mkdir(parents=True)
        (folder / body.name / "body.yaml").write_text(dump_body(body), encoding="utf-8")
    for report in reports:
        (folder / report.body.name / f"{report.year}.yaml").write_text(dump_year(report), encoding="utf-8")
    # the county's own deadline for its towns and streets (kit/cycle/deadlines.py reads it)
    (folder / "county.yaml").write_text(COUNTY_SETTINGS, encoding="utf-8")


COUNTY_SETTINGS = """\
# 青禾县（虚构的示例县）的设定：本县规定的年度报告报送期限
town_deadline: 2月20日  # 乡镇、街道向县政务公开办报送上一年度报告的期限（次年）；县级部门和县政府按条例第四十九条
"""


def similarity(reports: list[YearReport]) -> int:
    """Print how alike the prose sections are (the drafting limits are targets, so a few stored-text
    pairs may stay just above); returns the number of pairs over the limits."""
    printed = {(r.body.name, r.year): expander(r) for r in reports}
    pairs = []  # (kind, year, section, body, other body, stored text a, b, printed a, b)
    for r in reports:
        for o in reports:
            kind = "last" if (o.body.name, o.year) == (r.body.name, r.year - 1) else "same" if o.year == r.year and o.body.name > r.body.name else None
            if kind is None:
                continue
            for section, text in r.prose.items():
                other = o.prose[section]
                pairs.append((kind, r.year, section, r.body.name, o.body.name, ratio(text, other),
                              ratio(printed[(r.body.name, r.year)](text), printed[(o.body.name, o.year)](other))))
    over = 0
    for kind, label in (("last", "与本主体上年"), ("same", "与同年其他主体")):
        mine = [x for x in pairs if x[0] == kind]
        for i, form in ((5, "stored"), (6, "printed")):
            limit = LIMITS[(kind, form)]
            n = sum(1 for x in mine if x[i] > limit)
            over += n
            print(f"{label}（{'存储文本' if form == 'stored' else '印出文本'}）：{len(mine)} 对，最大 {max(x[i] for x in mine):.2f}，"
                  f"平均 {sum(x[i] for x in mine) / len(mine):.2f}，超过 {limit} 的 {n} 对")
    worst = sorted(pairs, key=lambda x: max(x[5] - LIMITS[(x[0], "stored")], x[6] - LIMITS[(x[0], "printed")]), reverse=True)
    for kind, year, section, a, b, stored, shown in worst[:6]:
        print(f"  {year} {section} {a} / {b}（{kind}）：存储 {stored:.2f}，印出 {shown:.2f}")
    return over


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成虚构的示例县（青禾县）参数文件")
    parser.add_argument("--parameters", type=Path, default=ROOT / "parameters", help="参数文件夹（默认 parameters/）")
    parser.add_argument("--similarity", action="store_true", help="另外统计各部分正文与上年、与同年其他主体的相似度")
    args = parser.parse_args(argv)
    bodies, reports = build_all()
    write_all(args.parameters, bodies, reports)
    print(f"已写入 {args.parameters / COUNTY}：{len(bodies)} 个主体，{len(reports)} 份年度参数文件（{YEARS[0]}–{YEARS[-1]}）")
    if args.similarity:
        similarity(reports)
    return 0


if __name__ == "__main__":
    sys.exit(main())
