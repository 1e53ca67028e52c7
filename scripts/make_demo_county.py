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
``kit.parameters.dump_body`` / ``dump_year`` so they are in the kit's canonical commented format.

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

from kit.report import Body, BodyRef, BreakdownItem, YearReport
from kit.spec import edition_for_year, load_spec  # noqa: E402
from kit.store.yearfile import dump_body, dump_year  # noqa: E402

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

CATEGORIES = {
    "town": ["工作动态", "通知公告", "政策文件", "财政信息", "民生保障", "人事信息", "应急管理"],
    "street": ["工作动态", "通知公告", "政策文件", "财政信息", "社区治理", "民生保障", "应急管理"],
    "township": ["工作动态", "通知公告", "政策文件", "财政信息", "民生保障"],
    "教育": ["工作动态", "通知公告", "政策文件", "政策解读", "招生考试", "学生资助", "财政信息", "人事信息"],
    "自然资源": ["工作动态", "通知公告", "政策文件", "征地信息", "规划信息", "执法信息", "财政信息"],
    "市场监管": ["工作动态", "通知公告", "政策文件", "行政许可", "行政处罚", "抽查检查", "财政信息"],
    "县政府": ["工作动态", "通知公告", "政府文件", "政策解读", "会议信息", "财政信息", "重大项目", "人事信息", "公共资源配置"],
}
SEASONAL = {  # year-bound categories a grassroots body would add
    "脱贫攻坚": (2019, 2020), "疫情防控": (2020, 2022), "乡村振兴": (2021, 2025),
}
CHANNELS = {"township": ("政府网站", "微信公众号", "村务公开栏"), "town": ("政府网站", "微信公众号")}


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

SELF = {
    "town": ("我镇", "镇政府", "{org}"),
    "street": ("我街道", "街道办事处", "{org}"),
    "township": ("我乡", "乡政府", "{org}"),
    "dept": ("我局", "{org}", "局机关"),
    "county": ("县政府", "县政府", "本级政府"),
}
WORDS = {
    "town": {"hall": "镇便民服务中心", "leader": "[镇长|镇党委书记、镇长|镇党委副书记、镇长]", "sub_units": "[各站所和{villages}|镇直各站所和{villages}]", "unit_word": "站所"},
    "street": {"hall": "街道党群服务中心", "leader": "[街道办事处主任|街道党工委副书记、办事处主任]", "sub_units": "[各科室和{villages}|街道各科室和{villages}]", "unit_word": "科室"},
    "township": {"hall": "乡便民服务中心", "leader": "[乡长|乡党委副书记、乡长]", "sub_units": "[各站所和行政村|乡直各站所和各村]", "unit_word": "站所"},
    "教育": {"hall": "局政务服务窗口", "leader": "[局长|局党组书记、局长]", "sub_units": "[各股室和学校|机关各股室和各中小学校]", "unit_word": "股室"},
    "自然资源": {"hall": "不动产登记服务大厅", "leader": "[局长|局党组书记、局长]", "sub_units": "[各股室和自然资源所|机关各股室和各基层所]", "unit_word": "股室"},
    "市场监管": {"hall": "县政务服务中心市场监管窗口", "leader": "[局长|局党组书记、局长]", "sub_units": "[各股室和基层市场监管所|机关各股室和各监管所]", "unit_word": "股室"},
    "县政府": {"hall": "县政务服务中心", "leader": "[常务副县长|分管副县长]", "sub_units": "[各镇（街道）和县直各部门|各镇（街道）、县直各单位]", "unit_word": "部门"},
}
OFFICE = {"county": "县政府办公室"}  # how the body's own report names its disclosure office
# A second channel each body has besides the WeChat account, and who does the work.
EXTRA_CHANNEL = {
    "云溪镇": "“云溪茶乡”视频号", "石桥镇": "镇村应急广播", "禾丰镇": "“禾丰农事”微信群", "柳塘镇": "“柳塘花事”抖音号",
    "鹭洲镇": "湿地保护站电子显示屏", "东湖街道": "“东湖邻里”小程序", "南苑街道": "园区企业服务群", "芦花乡": "村村响广播",
    "县教育局": "“青禾教育”视频号", "县自然资源局": "征地信息公开平台", "县市场监管局": "“青禾市场监管”微博",
    "县人民政府": "“青禾发布”视频号",
}
STAFF = {
    "town": ("一名专职信息员和两名兼职信息员", "两名兼职信息员", "一名专职工作人员"),
    "street": ("一名专职信息员", "两名兼职信息员"),
    "township": ("一名兼职信息员",),
    "dept": ("一名专职工作人员", "两名工作人员", "一名专职工作人员和各股室信息员"),
    "county": ("县政务公开办专职工作人员", "三名专职工作人员"),
}

# Things only this body would publish: they make a town's report read like that town's.
SPECIALS = {
    "云溪镇": ("公开高山茶园提质改造项目的实施范围、补助标准和验收结果，茶农可在{board}查到到户补助明细。",
              "在春茶采摘前发布茶园病虫害绿色防控技术要点和鲜叶收购价格信息。",
              "公开茶叶加工园区标准厂房的租赁条件和入园企业名单。",
              "对茶旅融合示范点建设项目的招标、施工和资金拨付情况分阶段公开。",
              "公开茶叶区域公用品牌授权使用的申请条件和获准企业名单。"),
    "石桥镇": ("公开稻虾共养示范基地建设补助政策和申报结果，补助资金到户情况在各村公示。",
              "汛期前公开圩堤险工险段分布和防汛责任人名单。",
              "公开优质稻订单收购的合作企业、收购价格和结算方式。",
              "公开农村公路提档升级项目的路线、投资和施工单位。",
              "对稻虾田沟坑占比整改情况进行公示，接受群众监督。"),
    "禾丰镇": ("公开高标准农田建设项目的建设内容、中标单位和监理单位，项目区设置公示牌。",
              "公开种粮大户补贴和稻谷补贴的发放对象和金额。",
              "夏收秋收期间发布农机作业服务和秸秆综合利用信息。",
              "公开粮食烘干中心建设项目的选址、投资和运营方式。",
              "公开撂荒地复耕复种的摸排结果和奖补标准。"),
    "柳塘镇": ("公开花木产业园土地流转价格、流转合同范本和纠纷调处渠道。",
              "花木展销会期间发布交通管制、停车引导和安全提示信息。",
              "公开乡村旅游示范村创建标准和民宿登记备案要求。",
              "公开苗木检疫和林业有害生物防治信息。",
              "公开柳塘河生态治理项目的实施进度和资金使用情况。"),
    "鹭洲镇": ("公开湿地生态补偿资金的分配方案和发放名单。",
              "公开退捕渔民转产就业培训和社会保障补助政策的落实情况。",
              "候鸟迁徙季发布湿地保护区管控要求和巡护安排。",
              "公开湖区水环境治理项目的建设内容和水质监测结果。",
              "公开养殖尾水治理的补助标准和验收名单。"),
    "东湖街道": ("公开老旧小区改造项目的改造清单、施工单位和居民意见征集结果。",
               "在各社区公开物业服务企业名单、收费标准和投诉电话。",
               "公开既有住宅加装电梯的申请条件、补助标准和办理流程。",
               "公开湖滨片区停车位规划和收费标准调整情况。",
               "公开社区“微更新”项目的居民投票结果和实施方案。"),
    "南苑街道": ("公开园区征地的批准文件、补偿标准和安置方案，并在被征地村组张贴公告。",
               "公开安置小区的分配规则、摇号结果和交房安排。",
               "公开园区企业用工需求和技能培训信息，帮助失地群众就业。",
               "公开被征地农民养老保险参保政策和办理流程。",
               "公开园区道路、管网等基础设施建设的征迁进度。"),
    "芦花乡": ("公开中药材种植技术培训安排和种苗补助政策。",
              "公开生态公益林补偿资金的发放对象和标准。",
              "森林防火期发布防火禁令和巡查安排。",
              "公开山区饮水安全巩固提升工程的建设进度。",
              "公开易地搬迁安置点后续扶持措施和就业帮扶情况。"),
    "县教育局": ("公开城区学校学位预警和新建学校建设进度。",
               "公开农村义务教育学生营养改善计划的供餐方式和资金使用情况。",
               "公开乡村教师生活补助的发放范围和标准。",
               "公开民办学校年度检查结果和办学许可变更情况。",
               "公开校车运行线路和安全管理责任人。"),
    "县自然资源局": ("公开全县地质灾害隐患点的监测责任人和避险转移路线。",
                 "公开城乡建设用地增减挂钩项目的实施范围和收益分配情况。",
                 "公开不动产登记历史遗留问题化解政策和办理进度。",
                 "公开矿山生态修复项目的实施情况和验收结果。",
                 "公开使用林地审核审批结果。"),
    "县市场监管局": ("公开“明厨亮灶”覆盖情况和餐饮单位量化分级结果。",
                 "公开电梯维保单位名单和电梯安全抽查结果。",
                 "公开计量器具强制检定目录和集贸市场计量检查结果。",
                 "公开经营异常名录列入和移出情况。",
                 "公开价格监测数据和重要节日期间的价格提醒。"),
    "县人民政府": ("公开县城区控制性详细规划修编草案并征求意见。",
                "公开县级预算绩效评价结果和审计查出问题整改情况。",
                "公开县级权责清单和公共服务事项清单的调整情况。",
                "公开全县重点项目建设清单和年度投资计划。",
                "公开政府专项债券项目清单和资金使用情况。",
                "公开县政府法律顾问名单和重大行政决策合法性审查情况。"),
}


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

LEAD_CATEGORIES = (
    "$[year]年，{self}坚持以公开为常态、不公开为例外，[全年|全年共|一年来共]主动公开政府信息$[total]条，其中$[bd]。",
    "本年度{self}通过[各类渠道|政府信息公开专栏和政务新媒体|多种渠道]主动公开政府信息$[total]条。按[信息类别|内容]统计，$[bd]。",
    "[全年|本年度]累计主动公开政府信息$[total]条，其中$[bd]。",
    "{self}按照“谁制作、谁公开，谁保存、谁公开”的原则，[本年度|$[year]年]共主动公开各类政府信息$[total]条，具体为$[bd]。",
    "围绕[中心工作和群众关切|年度重点工作|群众关心关注的事项]，{self}本年主动公开政府信息$[total]条，内容包括$[bd]。",
    "截至$[year]年12月31日，{self}[本年度|当年]主动公开政府信息$[total]条，分类情况为：$[bd]。",
    "[一年来|本年度]，{self}把主动公开作为政务公开的[基础工作|基本功|首要任务]抓紧抓实，共发布政府信息$[total]条，其中$[bd]。",
    "$[year]年{self}主动公开政府信息总量为$[total]条，从内容看，$[bd]。",
    "[本年|$[year]年]{self}[新增|共]公开政府信息$[total]条，按栏目划分，$[bd]。",
)
LEAD_CHANNELS = (
    "本年度{self}主动公开政府信息$[total]条。同一条信息[往往|经常]在多个渠道同步发布，各渠道发布数分别为：$[bd]。",
    "[全年|本年]主动公开政府信息$[total]条，分渠道统计（同一信息在几个渠道发布的分别计数）为$[bd]。",
    "$[year]年{self}共主动公开政府信息$[total]条，通过各渠道发布的情况是：$[bd]，部分信息在多个渠道同时发布。",
    "{self}本年主动公开政府信息$[total]条，按发布渠道统计，$[bd]（渠道之间有重叠）。",
)
SWITCHED_TO_CATEGORIES = "自本年度起，主动公开信息改为按内容类别统计，同一信息不再按发布渠道重复计数。"

THEMES: dict[str, dict[int, tuple[str, ...]]] = {
    "rural": {
        2019: ("认真贯彻新修订的《中华人民共和国政府信息公开条例》，[重新梳理|逐项梳理]主动公开事项，把扶贫项目安排、扶贫资金使用和脱贫退出等信息作为公开重点。",
               "聚焦脱贫攻坚，在{board}[逐村|按村]公示扶贫项目、到户资金和兜底保障对象，接受群众监督。",
               "围绕农村人居环境整治和扫黑除恶专项斗争，[及时|定期]发布工作进展、典型做法和举报渠道。"),
        2020: ("疫情发生后，第一时间通过“{wechat}”发布防控通告、返乡人员登记和复工复产政策，做到权威信息[及时发布|第一时间发布]。",
               "围绕脱贫攻坚收官，集中公开扶贫项目资产、产业奖补和兜底保障政策，[同步|同时]做好第七次全国人口普查的公告宣传。",
               "在防汛救灾和春耕生产期间，[滚动|及时]发布雨情汛情提示、农资供应和技术服务信息。"),
        2021: ("围绕巩固拓展脱贫攻坚成果同乡村振兴有效衔接，公开衔接资金项目和防返贫监测帮扶政策。",
               "村“两委”换届期间，依法公开选举日程、选民名单和选举结果，保障群众的[知情权和参与权|知情权、参与权和监督权]。",
               "[持续|继续]做好常态化疫情防控信息发布，及时公开疫苗接种安排和重点人群管理要求。"),
        2022: ("及时转发稳经济一揽子政策措施，公开农村自建房安全专项整治的排查范围和整治进度。",
               "在疫情防控和防汛抗旱等关键时期，通过“{wechat}”和{board}滚动发布工作提示。",
               "围绕农村人居环境整治提升，公开改厕、垃圾分类和村庄清洁行动的任务安排和验收结果。"),
        2023: ("围绕和美乡村建设，公开村庄规划、项目建设和村级集体经济发展情况。",
               "配合第五次全国经济普查，公开普查工作安排和宣传资料，并公开防汛救灾资金发放情况。",
               "把高标准农田建设、耕地地力保护补贴等惠农信息作为公开重点，做到资金发放前公示。"),
        2024: ("围绕“高效办成一件事”，公开{hall}可办事项清单、办事指南和办理时限，方便群众少跑腿。",
               "重点公开耕地保护、农村集体“三资”管理和民生实事项目推进情况。",
               "及时公开大规模设备更新和消费品以旧换新政策，帮助群众和经营主体享受政策红利。"),
        2025: ("围绕“十四五”规划目标任务收官，公开重点项目建设、民生实事和乡村振兴项目推进情况。",
               "[持续|继续]公开安全生产治本攻坚、防汛救灾和社会救助等信息，及时回应群众关切。",
               "集中公开村级公益事业建设、集体经营性资产收益分配等群众关心的事项。"),
    },
    "street": {
        2019: ("围绕老旧小区改造和背街小巷整治，公开项目计划、实施进度和资金安排。",
               "认真贯彻新修订的《中华人民共和国政府信息公开条例》，重新梳理街道主动公开事项清单。"),
        2020: ("疫情期间，通过“{wechat}”和社区微信群及时发布封控管理、复工复产和居民生活保障信息。",
               "配合第七次全国人口普查，在各社区公告普查登记安排和入户时间，消除居民顾虑。"),
        2021: ("社区“两委”换届期间，依法公开选举程序和当选结果，同步公开疫苗接种点位和接种安排。",
               "围绕城市精细化管理，公开占道经营整治、垃圾分类和物业纠纷调处情况。"),
        2022: ("在疫情防控关键时期，每日发布核酸检测点位和防控要求，及时回应居民关切。",
               "公开城镇自建房安全专项整治排查结果和整改进度，提醒居民注意房屋安全。"),
        2023: ("围绕完整社区建设，公开社区养老、托育等服务设施的建设进度和服务项目。",
               "配合第五次全国经济普查公开普查安排，同时做好稳岗就业政策的宣传公开。"),
        2024: ("围绕“高效办成一件事”，在{hall}公开可办事项清单和办事指南。",
               "公开城中村改造和燃气管道更新改造的实施方案和进度，回应居民关心的问题。"),
        2025: ("围绕“十四五”收官，公开民生实事项目和城市更新项目的完成情况。",
               "持续公开社区网格化管理、安全隐患排查整治等信息，提升基层治理透明度。"),
    },
    "教育": {
        2019: ("及时公开义务教育招生入学政策、划片范围和招生计划，做到阳光招生。",
               "公开学前教育普惠资源扩充和农村学校营养改善计划的实施情况。"),
        2020: ("疫情期间，及时发布延期开学、“停课不停学”和开学复课的工作安排。",
               "公开教育系统疫情防控指南和校园防疫物资保障情况。"),
        2021: ("围绕“双减”工作，公开校外培训机构白名单、黑名单和课后服务实施方案。",
               "公开义务教育学校招生划片和随迁子女入学办法。"),
        2022: ("持续公开“双减”工作进展、课后服务收费和校外培训监管信息。",
               "公开中小学校舍安全隐患排查整治和校园安全工作情况。"),
        2023: ("围绕县域普通高中发展提升，公开高中招生计划、录取规则和分数线。",
               "公开学生资助政策、资助对象和资金发放情况，确保资助精准。"),
        2024: ("公开教师招聘、职称评审和交流轮岗信息，做到过程公开、结果公开。",
               "围绕校园食品安全和膳食经费管理专项整治，公开排查整改情况。"),
        2025: ("围绕县域义务教育优质均衡发展，公开学校布局调整和办学条件改善项目。",
               "公开教育发展“十四五”规划的实施情况和年度重点任务完成情况。"),
    },
    "自然资源": {
        2019: ("严格执行征地信息公开制度，公开征收土地预公告、补偿安置方案和批准文件。",
               "机构改革后，及时调整公开目录，公开新组建机构的职能和内设机构设置。"),
        2020: ("围绕农村乱占耕地建房问题整治，公开排查摸底政策和整治要求。",
               "公开国土空间总体规划编制工作安排，征求社会公众意见。"),
        2021: ("公开国土空间规划编制进展和耕地保护目标责任，接受社会监督。",
               "持续公开土地征收成片开发方案和征地补偿标准。"),
        2022: ("围绕“三区三线”划定，公开划定工作安排和划定成果。",
               "推行田长制，公开各级田长名单和耕地保护责任。"),
        2023: ("公开县国土空间总体规划草案，广泛征求社会各界意见。",
               "公开地质灾害隐患点分布和防治措施，提醒群众做好防范。"),
        2024: ("推进不动产登记便民改革，公开“带押过户”等新举措和办事指南。",
               "公开耕地占补平衡和违法用地查处情况。"),
        2025: ("公开耕地保护督察整改进展和违法用地问题查处结果。",
               "公开国土空间规划实施监测情况和村庄规划编制成果。"),
    },
    "市场监管": {
        2019: ("全面推行“双随机、一公开”监管，抽查计划和抽查结果均按时公开。",
               "机构改革后，及时公开新组建局的职能配置和内设机构。"),
        2020: ("疫情期间，公开口罩等防疫物资价格监测情况和典型违法案件。",
               "公开复工复产期间企业开办、证照延续等便利措施。"),
        2021: ("公开民生领域“铁拳”行动查处的典型案例，震慑违法行为。",
               "公开食品安全监督抽检结果和不合格食品核查处置情况。"),
        2022: ("围绕纾困惠企，公开涉企违规收费专项整治情况和个体工商户扶持政策。",
               "公开特种设备安全专项整治排查结果。"),
        2023: ("公开个体工商户分型分类培育和经营主体信用修复相关政策。",
               "公开电动自行车及充电设施质量安全专项整治情况。"),
        2024: ("公开“高效办成一件事”中企业信息变更等事项的办事指南。",
               "公开燃气用具等重点工业产品质量抽查结果。"),
        2025: ("公开校园食品安全排查整治和农村集体聚餐监管情况。",
               "公开公平竞争审查和妨碍统一市场规则清理情况。"),
    },
    "县政府": {
        2019: ("贯彻新修订的《中华人民共和国政府信息公开条例》，重新编制政府信息公开指南，更新政府信息公开目录。",
               "围绕机构改革，公开县政府工作部门的职能配置、内设机构和人员编制。",
               "公开政府工作报告、年度重点工作任务分解和完成情况。"),
        2020: ("疫情发生后，建立每日信息发布机制，召开疫情防控新闻发布会，及时公开防控措施。",
               "围绕“六稳”“六保”，公开减税降费、援企稳岗和复工复产政策措施。",
               "脱贫攻坚收官之年，集中公开扶贫资金分配结果和扶贫项目实施情况。"),
        2021: ("公开县“十四五”规划纲要和专项规划，让群众了解全县发展蓝图。",
               "围绕乡村振兴，公开衔接资金分配、项目库建设和资金使用情况。",
               "持续公开疫情防控信息，及时发布疫苗接种安排。"),
        2022: ("及时公开稳经济一揽子政策措施的县级配套措施，编制政策问答。",
               "公开政府债务限额、余额和债券资金使用情况。",
               "公开自建房安全专项整治和安全生产大检查工作进展。"),
        2023: ("围绕优化营商环境，公开涉企政策清单和惠企政策兑现情况。",
               "公开重大行政决策事项目录，重大决策草案向社会公开征求意见。",
               "公开县政府常务会议研究的重要事项和决定。"),
        2024: ("围绕“高效办成一件事”，公开全县重点事项清单和办事指南。",
               "公开大规模设备更新和消费品以旧换新县级实施方案。",
               "公开民生实事项目的确定过程和推进情况。"),
        2025: ("围绕“十四五”规划收官，公开规划目标任务完成情况，并就“十五五”规划编制公开征求意见。",
               "公开重点建设项目批准和实施情况。",
               "公开政府工作报告确定的重点任务完成情况。"),
    },
}

# Topics a body returns to every year, in different words.
STANDING: dict[str, tuple[str, ...]] = {
    "rural": ("结合{local}，[及时|主动]公开产业扶持政策和项目申报信息，帮助经营主体用足用好政策。",
              "围绕{local}，发布[技术培训、市场行情|技术指导、用工需求|政策补贴、技术服务]等信息。",
              "把与{local}相关的奖补政策和兑现情况作为公开重点，接受群众监督。",
              "{org}以{local}为特色，本年度公开了相关产业项目的实施主体、资金规模和[带动效果|联农带农情况]。"),
    "street": ("围绕{local}，公开[相关工作方案、实施主体和推进情况|工作计划、责任单位和完成时限]。",
               "结合{local}这一重点工作，及时发布政策依据、办事流程和联系渠道。",
               "对{local}中群众关心的问题，通过{board}和“{wechat}”集中答疑。"),
    "教育": ("公开教育收费项目、收费标准和减免政策，接受社会监督。",
             "在“{wechat}”开设政策问答专栏，解答家长关心的入学、转学问题。",
             "在招生、资助等关键节点，通过新闻发布和短视频同步解读政策。",
             "学校食堂、校服征订等家长关心的事项，督促学校在校务公开栏公开。"),
    "自然资源": ("征地信息在征地信息公开栏目集中发布，做到批前、批中、批后全过程公开。",
                 "公开国有建设用地使用权出让、矿业权出让的公告和结果。",
                 "不动产登记办事指南、收费标准和办理时限在{hall}和网站同步公开。"),
    "市场监管": ("食品安全抽检信息按季度汇总公开。",
                 "通过“{wechat}”发布消费提示和典型案例，引导理性消费。",
                 "企业开办、准入准营等办事指南在{hall}和网站同步公开，做到一次告知。"),
    "县政府": ("政府常务会议和重大决策事项在会后及时公开，重要政策文件同步发布解读。",
               "财政预决算、“三公”经费和政府采购信息在规定时限内全部公开。",
               "重大建设项目从批准、招标投标到竣工验收全流程公开。",
               "公共资源交易、征地补偿、棚户区改造等重点领域信息按要求公开。"),
}
KEY_AREAS_GRASSROOTS = (
    "按时公开本级财政预算、决算和“三公”经费情况，并在{board}公示[低保、特困供养、临时救助|低保、临时救助、残疾人补贴]等民生资金发放情况。",
    "民生领域信息做到应公开尽公开，[低保对象、残疾人两项补贴、高龄津贴|低保、特困人员救助供养、高龄津贴]等信息按[季度|月]更新。",
    "对[重大建设项目|政府投资项目]，从立项、招标投标到竣工验收分阶段公开。",
    "预决算信息在政府信息公开专栏集中公开，并在{board}张贴，方便不常上网的群众查看。",
    "社会救助、就业创业、养老服务等民生信息通过{board}和[网格员入户|{channel}]等方式送到群众身边。",
)
FARM_SUBSIDY = "耕地地力保护补贴等惠农资金在发放前进行公示，公示期满无异议后再发放。"
INTERPRETATION = (
    "对涉及群众切身利益的政策文件，同步制作[图解、问答|图解、短视频|问答、案例]等解读材料。",
    "注重政策解读，采用“一图读懂”、[短视频|动漫|问答]等形式，让政策更易懂、更好办。",
    "坚持政策文件与解读材料同步组织、同步审签、同步发布。",
    "对群众反映集中的问题，及时通过“{wechat}”回应，[澄清误解|释疑解惑]。",
    "组织干部结合[走访|入户走访|“大走访”活动]把政策讲给群众听，把解读送到家门口。",
    "利用{channel}推送政策要点，[扩大政策知晓面|让政策传得更远]。",
)
ENFORCEMENT_LEAD = (
    "按照行政执法公示制度要求，[公开|依法公开]{list}。",
    "行政执法结果在作出决定之日起七个工作日内公开，本年度公开{list}。",
    "[全年|本年度]公开{list}，执法信息做到应公开尽公开。",
    "在“双公示”栏目公开{list}。",
)
ENFORCEMENT_ITEMS = (("licensing", "行政许可决定"), ("penalty", "行政处罚决定"), ("enforcement", "行政强制决定"))


# --- 一（二）依申请公开 -----------------------------------------------------------------------

REQUESTS_LEAD = (
    "本年度{self}[共收到|共受理|收到]政府信息公开申请$[new]件，上年结转$[carried]件。",
    "$[year]年新收政府信息公开申请$[new]件，另有上年结转申请$[carried]件。",
    "依申请公开方面，{self}本年新收申请$[new]件，从上年结转$[carried]件。",
    "[全年|本年度]登记受理政府信息公开申请$[new]件，上年度结转至本年办理的$[carried]件。",
    "{self}本年度办理的政府信息公开申请中，新收$[new]件，上年结转$[carried]件。",
    "截至$[year]年12月31日，{self}本年度新收政府信息公开申请$[new]件，上年结转$[carried]件。",
    "[本年|$[year]年]，公民、法人和其他组织向{self}提出政府信息公开申请$[new]件；上一年度结转$[carried]件。",
)
REQUESTS_NO_CARRIED = (  # only when nothing was carried over from last year
    "本年度{self}[共收到|收到]政府信息公开申请$[new]件，没有上年结转的申请。",
    "$[year]年新收政府信息公开申请$[new]件，上年无结转。",
    "依申请公开方面，{self}本年[新收|受理]申请$[new]件（无上年结转）。",
    "[全年|本年度]登记受理政府信息公开申请$[new]件，均为本年新收。",
)
REQUESTS_NONE = (
    "本年度{self}未收到政府信息公开申请，也没有上年结转的申请。",
    "$[year]年没有公民、法人或其他组织向{self}提出政府信息公开申请（新收申请$[new]件、上年结转$[carried]件）。",
    "[本年度|$[year]年]依申请公开工作量为零：新收申请$[new]件，上年结转$[carried]件。",
    "本年度{self}未发生依申请公开事项，新收申请$[new]件，上年结转$[carried]件。",
    "[全年|本年度]{self}[没有收到|未接到]公民、法人或其他组织的政府信息公开申请，[上年也没有结转的申请|也无上年结转事项]。",
    "{self}本年度依申请公开为“零申请”，[也没有上年结转的申请|上年亦无结转]。",
)
REQUESTS_ONLY_CARRIED = (
    "本年度{self}未新收政府信息公开申请，上年结转的$[carried]件已于年内办结。",
    "$[year]年新收申请$[new]件，办理的均为上年结转申请，共$[carried]件。",
)
APPLICANT_LEAD = (
    "申请人以自然人为主，法人或其他组织提出的申请中，{list}。",
    "从申请人看，自然人申请$[tables.applications.new.natural]件，{list}。",
    "除自然人申请外，另有{list}。",
)
APPLICANT_LABELS = (("business", "商业企业"), ("research", "科研机构"), ("nonprofit", "社会公益组织"), ("legal", "法律服务机构"), ("other", "其他组织"))
OUTCOME_LEAD = ("办理结果为：{list}。", "从办理结果看，{list}。", "已办结的申请中，{list}。", "按答复类型统计，{list}。",
                "各申请均已依法答复，其中{list}。", "[本年办结的|办结的]申请中，{list}。")
OUTCOME_PHRASES = {
    "disclosed": "[予以公开|同意公开|全部公开]{n}件",
    "partial": "[部分公开|区分处理、部分公开]{n}件",
    "withheld_secret": "因属于国家秘密不予公开{n}件",
    "withheld_law": "因其他法律行政法规禁止公开而不予公开{n}件",
    "withheld_security": "因危及“三安全一稳定”不予公开{n}件",
    "withheld_third_party": "[因保护第三方合法权益不予公开|涉及第三方合法权益、不予公开]{n}件",
    "withheld_internal": "[因属于三类内部事务信息不予公开|属于内部事务信息、不予公开]{n}件",
    "withheld_process": "[因属于四类过程性信息不予公开|属于过程性信息、不予公开]{n}件",
    "withheld_enforcement": "[因属于行政执法案卷不予公开|属于行政执法案卷、不予公开]{n}件",
    "withheld_inquiry": "属于行政查询事项、告知通过查询渠道获取{n}件",
    "unable_not_held": "[因本机关不掌握相关政府信息无法提供|本机关不掌握相关信息、无法提供|告知本机关不掌握相关信息]{n}件",
    "unable_needs_creation": "[因没有现成信息需要另行制作无法提供|需要另行制作、无法提供]{n}件",
    "unable_unclear": "补正后申请内容仍不明确无法提供{n}件",
    "rejected_petition": "[属于信访举报投诉类申请不予处理|信访举报投诉类申请、不予处理|以申请形式提出信访投诉、不予处理]{n}件",
    "rejected_repeat": "[属于重复申请不予处理|重复申请、不予处理]{n}件",
    "rejected_publication": "要求提供公开出版物不予处理{n}件",
    "rejected_excessive": "无正当理由大量反复申请不予处理{n}件",
    "rejected_confirmation": "要求确认或重新出具已获取信息不予处理{n}件",
    "other_no_correction": "[申请人逾期不补正、不再处理|申请人逾期未补正、终止处理]{n}件",
    "other_unpaid_fee": "申请人逾期未缴纳信息处理费、不再处理{n}件",
    "other_misc": "[作其他处理|其他处理]{n}件",
    "other_handling": "[作其他处理|其他处理]{n}件",
}
# Said in words instead of figures in some years (the table has the figures): chosen only when true.
MOSTLY_DISCLOSED = ("[多数|大部分]申请[予以公开或部分公开|得到全部或部分公开]，[各项办理结果见表三|具体数字见表三]。",
                    "办结的申请中，[一半以上|多数]予以公开或部分公开。")
REASONS = {
    "unable_not_held": "申请的信息不属于本机关掌握",
    "unable_needs_creation": "申请的信息需要另行制作",
    "rejected_petition": "申请实为信访、投诉举报诉求",
    "rejected_repeat": "同一申请人重复申请",
    "withheld_process": "申请的信息属于过程性信息",
    "withheld_third_party": "公开会损害第三方合法权益",
    "withheld_enforcement": "申请的信息属于行政执法案卷",
    "other_no_correction": "申请人逾期未补正",
}
MAIN_REASON = ("未能公开的[主要|最常见]原因是{reason}。", "[没有公开的申请中，|未予公开的申请，]主要原因是{reason}。")
OUTCOMES_REST = ("其余申请的办理结果详见表三。", "其他办理情况见下文表格。", "各类办理结果的具体数字见第三部分。")
REQUEST_TOPICS = {
    "rural": ("宅基地审批", "土地征收补偿", "低保和临时救助评定", "村集体资金使用", "项目建设资金", "土地承包经营", "危房改造补助", "惠农补贴发放"),
    "street": ("房屋征收补偿", "老旧小区改造", "安置房分配", "低保评定", "物业管理", "违法建设查处", "社区工作者招聘"),
    "教育": ("学校招生划片", "教师招聘和职称评审", "学生资助", "民办学校审批", "校舍建设项目", "教育收费"),
    "自然资源": ("土地征收批复和补偿安置方案", "国土空间规划", "不动产登记资料", "建设用地审批", "违法用地查处", "矿产资源开发"),
    "市场监管": ("投诉举报处理结果", "行政处罚案卷", "企业登记档案", "食品抽检报告", "特种设备检验", "产品质量抽查"),
    "县政府": ("土地征收批复", "房屋征收决定和补偿方案", "重大项目审批", "财政资金使用", "政府会议纪要", "规划调整", "拆迁安置"),
}
TOPICS_LEAD = ("申请内容主要涉及{topics}等方面。", "从申请内容看，主要涉及{topics}等事项。", "申请事项多与{topics}有关。",
               "[群众|申请人]关注的[重点|热点]集中在{topics}等事项。")
FORWARD = (
    "另有$[cf]件因[受理时间临近年底|在12月下旬受理]，结转至$[next_year]年继续办理。",
    "结转下年度继续办理$[cf]件，[均在法定答复期限内|尚在法定答复期限内]。",
    "年末尚在答复期限内的$[cf]件转入下一年度办理。",
)
PROCESS = (
    "所有申请均在法定期限内答复，[未发生逾期答复情况|没有逾期答复]。",
    "严格执行[登记、审核、办理、答复、归档|受理、登记、拟办、审核、答复]的工作流程，答复文书统一加盖公章并告知救济途径。",
    "对申请内容不明确的，一次性告知需要补正的事项，帮助申请人准确描述所需信息。",
    "建立依申请公开工作台账，逐件记录受理、办理和答复情况，实行办结销号。",
    "[疑难申请|较复杂的申请]由{office}会同相关{unit_word}会商，必要时听取法律顾问意见。",
    "答复前与申请人[电话沟通|当面沟通|电话联系]，了解其真实需求，减少因理解偏差引发的争议。",
    "[实行|坚持]“一件一档”，受理登记表、答复书和送达凭证一并归档备查。",
)
PROCESS_IF = {
    "unable_not_held": "对不属于本机关掌握的信息，告知申请人[负责该信息的机关及联系方式|可以向哪个机关申请]。",
    "rejected_petition": "对以申请形式提出的信访、投诉举报诉求，告知申请人通过相应法定渠道反映。",
    "withheld_third_party": "对涉及第三方权益的申请，依法书面征求第三方意见后再作答复。",
}
RECEIVING = (
    "[申请渠道|受理渠道]包括当面提交、信函和[政府信息公开专栏在线申请|网上申请平台]，由{office}统一登记。",
    "当面申请的，{hall}窗口[当场登记|即时登记]并出具回执；网上申请的，[及时|当日]确认受理。",
    "申请表可在{hall}领取，也可在政府信息公开专栏下载，[填写说明一并公开|并附填写示例]。",
    "{office}[每个工作日|每日]查看网上申请平台，[避免漏办、迟办|确保申请不漏登、不延误]。",
    "受理渠道、办理流程和答复时限在政府信息公开指南中[一并公开|写明]，[方便申请人查询|申请人可随时查看]。",
)
PROCESS_NONE = (
    "{self}已在{hall}和政府信息公开专栏公布受理[渠道|地址和电话]，确保群众申请有门。",
    "虽然没有收到申请，仍[明确|安排]专人负责受理，保持当面、邮寄和网络申请渠道畅通。",
    "群众需要的信息主要通过主动公开渠道和{hall}现场咨询得到解决。",
    "本年度[进一步完善了|修订了]依申请公开受理登记表和答复文书模板，做好受理准备。",
    "群众来电咨询的政策问题，均由{office}[当场解答|及时解答]或告知查询途径。",
)


# --- 一（三）政府信息管理 ---------------------------------------------------------------------

REVIEW = (
    "严格落实信息发布保密审查制度，坚持“先审查、后公开”和“一事一审”，全年未发生[泄密或不当公开个人信息|因公开不当引发问题]的情况。",
    "信息公开前由经办人初审、{office}复审、[分管负责同志审签|主要负责同志审定]，确保公开内容准确规范。",
    "加强个人信息保护，对公示材料中的[身份证号码、联系电话|身份证号码、银行账号|家庭住址、联系电话]等信息作去标识化处理。",
    "执行信息发布“三审三校”制度，把好政治关、保密关和文字关。",
    "建立公开属性源头认定机制，公文在拟制时即明确公开方式，不予公开的[说明理由|写明依据]。",
    "对拟公开的信息逐条登记审查结果，做到审查有记录、责任可追溯。",
)
UPKEEP = (
    "[定期|每月]对政府信息公开专栏开展巡查，对过时信息及时更新或归档，对错链断链及时整改。",
    "开展政府信息公开目录和指南的动态调整，确保与机构职能变化相一致。",
    "健全政府信息管理台账，做到公开事项有登记、有审核、有归档。",
    "按年度对已公开的政府信息进行清理，该更新的及时更新，该撤下的按程序撤下。",
    "对{sub_units}报送的信息实行统一编号、统一发布，避免重复公开和漏公开。",
    "[建立|完善]信息发布前[会签|联审]机制，涉及多个{unit_word}的信息由牵头{unit_word}统一发布。",
    "对已公开信息的[准确性|时效性]开展[季度|半年]抽查，发现错误[及时更正|立即纠正]并说明。",
    "由{staff}负责信息的收集、审核和发布，[做到分工明确|确保工作有人抓]。",
)
CATALOGUE_GRASSROOTS = (
    "对照基层政务公开标准目录，逐项梳理公开事项、公开时限和公开方式。",
    "按照基层政务公开标准化规范化要求，将标准目录中的事项落实到{sub_units}。",
    "对照各领域基层政务公开标准指引，补充完善了公开事项清单。",
)
NORMS_2021 = (  # made > 0
    "本年制发行政规范性文件$[tables.proactive.normative_docs.made]件、废止$[tables.proactive.normative_docs.repealed]件，年末现行有效$[tables.proactive.normative_docs.in_force]件，均在政府信息公开专栏集中公开并标注效力状态。",
    "行政规范性文件实行统一登记、统一编号、统一公开，本年度制发$[tables.proactive.normative_docs.made]件，废止$[tables.proactive.normative_docs.repealed]件，现行有效$[tables.proactive.normative_docs.in_force]件。",
    "截至年底，{self}现行有效的行政规范性文件共$[tables.proactive.normative_docs.in_force]件；本年制发$[tables.proactive.normative_docs.made]件、废止$[tables.proactive.normative_docs.repealed]件，[均及时公开|均已在专栏公开]。",
    "[行政规范性文件管理方面|规范性文件方面]，本年度新制发$[tables.proactive.normative_docs.made]件，废止$[tables.proactive.normative_docs.repealed]件，[现行有效|仍然有效]的$[tables.proactive.normative_docs.in_force]件[已在专栏集中展示|在专栏统一公开]。",
)
NORMS_2021_KEPT = (  # nothing made, some in force
    "本年度{self}未制发新的行政规范性文件，废止$[tables.proactive.normative_docs.repealed]件，现行有效的$[tables.proactive.normative_docs.in_force]件均在专栏公开并标注效力状态。",
    "{self}本年没有制发行政规范性文件；经清理，废止$[tables.proactive.normative_docs.repealed]件，现行有效$[tables.proactive.normative_docs.in_force]件。",
)
NORMS_2021_NONE = (
    "本年度{self}未制发行政规范性文件，也没有需要废止的文件。",
    "{self}本年没有制发行政规范性文件，相关工作以执行上级文件为主。",
)
NORMS_2019 = (  # produced > 0
    "本年新制作规范性文件$[tables.proactive.normative_docs.produced]件、新公开$[tables.proactive.normative_docs.published]件，对外公开的规范性文件累计$[tables.proactive.normative_docs.public_total]件。",
    "规范性文件做到制作一件、公开一件，本年新公开$[tables.proactive.normative_docs.published]件，对外公开总数达到$[tables.proactive.normative_docs.public_total]件。",
    "[本年度|$[year]年]{self}制作规范性文件$[tables.proactive.normative_docs.produced]件，[全部|均已]在专栏公开，[累计对外公开|对外公开的规范性文件共]$[tables.proactive.normative_docs.public_total]件。",
)
NORMS_2019_KEPT = (  # nothing produced, some published before
    "本年度{self}未新制作规范性文件，对外公开的规范性文件累计$[tables.proactive.normative_docs.public_total]件。",
    "{self}本年没有新制作规范性文件，以往制作的$[tables.proactive.normative_docs.public_total]件均在专栏公开。",
)
NORMS_2019_NONE = (
    "本年度{self}未制作规范性文件。",
    "{self}本年没有新制作规范性文件。",
)
ARCHIVES = (
    "已公开的政府信息按年度[整理归档|归档保存]，[纸质台账|电子台账]与网站发布内容一一对应。",
    "[严格执行|落实]公文类信息公开属性[标注|认定]制度，[未标注公开属性的公文不得印发|印发前逐件核对公开属性]。",
    "[对涉及群众切身利益的|对需要公开征求意见的]文件，[在起草阶段即公开征求意见|起草时即听取群众意见]，并公开意见采纳情况。",
)
MANAGEMENT_YEAR = {
    2019: "新修订的《条例》施行后，重新编制了政府信息公开指南，明确了受理机构和办理流程。",
    2020: "推进基层政务公开标准化规范化，完成了本级政务公开事项标准目录的编制。",
    2021: "配合开展行政规范性文件专项清理，对已公开文件的效力状态逐件核对。",
    2022: "开展政府网站和政务新媒体信息内容检查，对发现的问题限期整改。",
    2023: "配合政策文件库建设，对历年政策文件进行了梳理和补录。",
    2024: "对照依申请公开答复文书参考文本，修订了本机关的答复模板。",
    2025: "开展政务公开工作“回头看”，对公开事项清单逐项核对。",
}


# --- 一（四）政府信息公开平台建设 -------------------------------------------------------------

WEBSITE = (
    "依托$[body.website_name]，按照全县统一的栏目设置发布政府信息，本年度对栏目进行了[优化调整|梳理完善]。",
    "政府信息公开专栏是发布政府信息的第一平台，法定主动公开内容全部在专栏集中发布。",
    "按照全县政府网站集约化要求，政府信息统一在县政府门户网站发布，不再另建网站。",
    "专栏设置[机构职能、政策文件、财政信息、重点领域信息|机构概况、法规文件、财政资金、民生保障]等栏目，[栏目内容做到及时更新|各栏目均有专人维护]。",
    "专栏内容实行专人维护，信息发布、更新和撤回均履行审核手续。",
)
WEBSITE_COUNTY = (
    "县政府门户网站是全县政府信息公开的第一平台，设置政府信息公开指南、目录、年报和法定主动公开内容等栏目。",
    "县政府门户网站集约化平台统一承载各镇（街道）和县直部门的公开专栏，实现统一标准、统一管理。",
    "门户网站开设政策文件库，按主题、发文机关和成文日期分类展示现行有效文件。",
)
NEW_MEDIA = (
    "“{wechat}”微信公众号作为[政务新媒体|主要的新媒体平台]，全年[保持正常更新|更新正常]，重要信息与专栏同步推送。",
    "加强政务新媒体管理，严格执行信息发布审核制度，做到内容准确、更新及时。",
    "通过“{wechat}”微信公众号推送政策信息和办事提醒，扩大信息覆盖面。",
    "“{wechat}”公众号设置[政策解读、办事服务|政策速递、便民服务|通知公告、办事指南]等菜单，方便群众查询。",
    "在“{wechat}”之外，还利用{channel}发布信息，[覆盖不同人群|方便不同群体获取信息]。",
)
OFFLINE = {
    "grassroots": (
        "在{hall}设置政府信息公开查阅点，配备[查阅设备和资料|电脑和纸质资料]，方便群众查阅。",
        "{board}[定期|按季度]更新，做到公开内容规范、位置醒目。",
        "利用[广播、宣传栏和网格员入户|{channel}、宣传栏]等方式，把政策信息送到群众身边。",
        "{hall}政务公开专区提供政策咨询和办事指引服务。",
    ),
    "dept": (
        "在{hall}设置政府信息公开查阅点，提供政策文件查阅和咨询服务。",
        "通过县融媒体中心和新闻发布会等渠道发布重要信息，扩大公开覆盖面。",
        "在{hall}设置政务公开专区，摆放办事指南和政策解读资料。",
        "{channel}作为补充渠道，及时转发重要信息。",
    ),
    "county": (
        "{hall}、县档案馆和县图书馆设有政府信息公开查阅点，全年正常开放。",
        "通过新闻发布会、县融媒体中心和“{wechat}”同步发布重要政策信息。",
        "{hall}设置政务公开专区，集中提供政策咨询、办事指引和文件查阅服务。",
    ),
}
PLATFORM_UPKEEP = (
    "重要信息在专栏首页[显著位置|醒目位置]展示，[并设置置顶提醒|便于群众第一时间看到]。",
    "[优化|完善]专栏检索功能，群众可按[关键词|发文日期|主题分类]查找信息。",
    "[坚持|落实]网站信息[每日巡检|日常巡查]，[确保|保证]没有错链断链和空白栏目。",
    "政务新媒体与专栏内容同源发布，避免[口径不一|信息不一致]。",
    "[年内|本年度]对专栏[全部栏目|各栏目]逐一检查，对[内容为空|长期未更新]的栏目[作了归并|进行了整改]。",
)
PLATFORM_YEAR = {
    2019: ("配合全县政府网站集约化建设，完成了专栏内容的迁移和栏目调整。", "按照新《条例》要求，在专栏增设政府信息公开指南和年度报告栏目。"),
    2020: ("开展政府网站和政务新媒体季度自查，及时整改发现的问题。", "疫情期间开设防控信息专题，集中发布权威信息。"),
    2021: ("对专栏栏目进行了优化，增设乡村振兴和重点领域信息栏目。", "完成政务新媒体备案信息核查，关停了长期不更新的账号。"),
    2022: ("配合完成网站适老化和无障碍改造，方便老年人和残障人士获取信息。", "对政务新媒体开展常态化监测，确保账号安全、内容合规。"),
    2023: ("对政务新媒体账号进行清理整合，集中力量办好一个主账号。", "专栏增设政策问答栏目，集中回应常见问题。"),
    2024: ("专栏增设“高效办成一件事”专题，集中发布事项清单和办事指南。", "对专栏历史信息进行归档整理，提升检索便利度。"),
    2025: ("对专栏历史栏目进行归并，进一步精简栏目层级。", "加强网站和新媒体的安全防护，全年未发生安全事件。"),
}


# --- 一（五）监督保障 -------------------------------------------------------------------------

LEADERSHIP = (
    "{self}调整充实政务公开工作领导小组，由{leader}任组长，{office}负责日常工作，并明确{staff}负责信息发布。",
    "坚持把政务公开列入[重要议事日程|年度工作要点|班子会议议题]，{leader}[多次|定期]听取工作汇报，研究解决[存在的问题|人员和经费保障问题]。",
    "明确[主要负责同志|{leader}]为政务公开第一责任人，[分管负责同志具体抓|分管领导具体负责]，形成[一级抓一级|层层抓落实]的工作格局。",
    "本年度召开[专题会议|党政联席会议|办公会议]研究部署政务公开工作，将年度任务分解到{sub_units}。",
    "{office}牵头，{sub_units}各有一名信息员，形成上下联动的工作网络。",
    "[本年度|年内]{self}[两次|多次]在[党政班子会|班子会议|办公会]上专题研究政务公开，[解决了人员和设备保障问题|明确了年度重点任务]。",
)
TRAINING = (
    "组织工作人员参加县政务公开业务培训，并在内部开展《条例》专题学习，提升业务能力。",
    "通过[以会代训、跟班学习|集中培训、以案说法]等方式，加强对{sub_units}信息员的业务指导。",
    "邀请县政务公开办工作人员[现场授课|上门辅导]，讲解[依申请公开办理流程和答复文书规范|主动公开标准和依申请公开流程]。",
    "把政务公开纳入[干部学习内容|干部教育培训内容]，新进工作人员上岗前先学习《条例》和[有关规定|本机关政府信息公开指南]。",
    "[结合|针对]上年度[考核|评估]中发现的问题，[组织|开展]了[一次|专题]业务辅导，[重点讲解|集中讲解]主动公开标准和答复文书规范。",
)
ASSESSMENT = (
    "将政务公开工作纳入{sub_units}年度考核，考核结果与评先评优挂钩。",
    "[主动接受社会监督|畅通社会监督渠道]，[公布监督电话|在专栏公布监督电话]$[body.phone]，[本年度未收到涉及政府信息公开的投诉举报|全年没有收到有关政府信息公开的投诉]。",
    "本年度未发生因政府信息公开工作不到位而被追究责任的情况。",
    "对上级检查和第三方评估指出的问题建立整改台账，逐项销号。",
    "[在|通过]{hall}设置意见箱、[在专栏公布|公开]{office}联系电话，[收集|听取]群众对公开工作的意见建议。",
)
ASSESSMENT_COUNTY = (
    "将政务公开纳入全县高质量发展综合绩效考核；委托第三方机构对{sub_units}政务公开工作开展社会评议，评议结果在全县通报；本年度未发生政务公开责任追究情况。",
    "工作考核方面，政务公开在年度绩效考核中单列指标；社会评议方面，组织人大代表、政协委员和群众代表对公开工作进行评议；本年度无责任追究情况。",
    "县政务公开办每季度对{sub_units}公开专栏进行检查并通报结果，年终考核结果作为评先评优依据；本年度未发生因政务公开工作被追责的情况。",
)
CASES_NONE = (
    "本年度未发生政府信息公开行政复议和行政诉讼案件。",
    "全年没有因政府信息公开引发的行政复议和行政诉讼。",
    "本年度政府信息公开工作未被申请行政复议，也未被提起行政诉讼。",
    "[本年|$[year]年]{self}没有涉及政府信息公开的行政复议、行政诉讼案件。",
)
CASES_LEAD = ("本年度因政府信息公开发生{list}。", "全年涉及政府信息公开的{list}。", "本年度{self}涉及政府信息公开的案件有：{list}。")
CASES_CORRECTED = (
    "对被纠正的案件逐件分析原因，完善了答复文书和检索程序。",
    "针对被纠正的答复，组织经办人员复盘，举一反三堵塞漏洞。",
)
CASES_PENDING = ("尚未审结的案件将依法积极应诉、跟踪办理。", "对尚在审理中的案件，积极配合复议机关和人民法院做好审理工作。")


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
FIXED_LEAD = (
    "针对$[prev_year]年度报告中指出的{p1}、{p2}等问题，{self}[逐项整改|认真整改|逐条落实整改]：{f1}；{f2}。",
    "$[prev_year]年度存在的问题主要是{p1}和{p2}。本年度，{self}{f1}；同时{f2}，整改已[基本到位|全部完成]。",
    "对上年度报告查找出的问题，{self}制定整改清单、明确整改时限。一是针对{p1}的问题，{f1}；二是针对{p2}的问题，{f2}。",
    "上年度报告反映的{p1}、{p2}两方面问题已完成整改：{f1}，{f2}。",
    "[关于|对于]上年度存在的{p1}问题，{self}{f1}。[关于|对于]{p2}的问题，{f2}。",
)
FIXED_2019 = (
    "对照上年度工作中查摆的{p1}、{p2}等问题，{self}逐项整改：{f1}；{f2}。",
    "上年度工作中存在{p1}和{p2}的问题。本年度结合贯彻新修订的《条例》，{f1}；{f2}。",
)
OPEN_PROBLEMS = (
    "本年度工作中仍存在一些不足：一是{q1}；二是{q2}。$[next_year]年，{self}将{a1}，同时{a2}，[推动政务公开工作提质增效|不断提升政务公开质量]。",
    "当前存在的主要问题是{q1}，{q2}。下一步，将{a1}；{a2}。",
    "对照上级要求，{self}的政务公开工作还存在{q1}、{q2}等问题。改进措施是：{a1}；{a2}。",
    "客观分析，本年度还存在以下问题：一是{q1}；二是{q2}。下一年度将重点做好两方面工作：一是{a1}；二是{a2}。",
    "[检视|回顾]本年度工作，{q1}、{q2}的问题[依然存在|仍较突出]。$[next_year]年的改进方向是：{a1}，{a2}。",
)


# --- 六、其他需要报告的事项 -------------------------------------------------------------------

FEES_2021 = (
    "本年度发出收费通知$[fee_notices]件，收费通知总金额$[fee_notified]元，实际收取信息处理费$[fee_collected]元。",
    "按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年度{self}未向申请人收取信息处理费：发出收费通知$[fee_notices]件，收取金额$[fee_collected]元。",
    "依申请公开工作[未收取任何费用|不收取费用]。本年度发出收费通知$[fee_notices]件、涉及金额$[fee_notified]元，实际收取信息处理费$[fee_collected]元。",
    "本年度未发生收取信息处理费的情况（发出收费通知$[fee_notices]件，实际收取$[fee_collected]元）。",
    "信息处理费方面，{self}本年度共发出收费通知$[fee_notices]件，实际收费$[fee_collected]元。",
    "申请人[提出的申请数量和频次均在合理范围内|的申请均未超出合理范围]，本年度发出收费通知$[fee_notices]件，收取信息处理费$[fee_collected]元。",
)
FEE_CHARGED = (
    "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年度{self}对超出合理数量范围的申请发出收费通知$[fee_notices]件，"
    "通知金额合计$[fee_notified]元，实际收取信息处理费$[fee_collected]元。"
)
FEE_UNPAID = "另有$[tables.applications.other_unpaid_fee.total]件申请因申请人逾期未缴纳信息处理费，按规定不再处理。"
FEE_PAID_TO_TREASURY = "所收信息处理费已按非税收入管理规定全额缴入国库。"
FEES_2019 = (
    "依据《条例》第四十二条，{self}本年度未收取信息处理费，发出收费通知$[fee_notices]件，收取金额$[fee_collected]元。",
    "本年度依申请提供政府信息[均未收取费用|一律免费]，未发生收取信息处理费的情况（收费通知$[fee_notices]件，收费金额$[fee_collected]元）。",
    "本年度没有向申请人收取检索、复制、邮寄等费用，信息处理费收取金额为$[fee_collected]元。",
    "{self}提供政府信息不收取费用，本年度信息处理费收费通知$[fee_notices]件、收取金额$[fee_collected]元。",
)
FEES_2020_NOTE = "《政府信息公开信息处理费管理办法》印发后，{self}组织学习了收费标准和程序，为下一年度规范执行做好准备。"
OTHER_MATTERS = {
    "all": (
        "[本年度|年内]{self}[组织|开展]了“政务公开日”活动，邀请群众代表走进{hall}，现场了解[办事流程|政策落实情况]。",
        "[本年度|年内]配合县政务公开办完成了政务公开第三方评估的自查和整改。",
        "报告所列数据均来自{self}政府信息公开工作台账，[统计口径与上年度保持一致|如有疑问可向{office}咨询]。",
        "按规定在政府信息公开专栏发布了上年度政府网站和政务新媒体工作年度报表。",
    ),
    "grassroots": (
        "指导{villages}做好{board}的内容更新，重点公开集体资产、惠民资金和[村级工程项目|公益事业项目]。",
        "[把{affairs}与政务公开同步部署|统筹推进政务公开和{affairs}]，做到两者内容衔接、时间同步。",
    ),
    "office": (
        "督促指导所属公共企事业单位做好办事公开工作，[公开服务内容、收费标准和办事流程|公开服务承诺和监督电话]。",
        "对系统内[公共企事业单位|服务窗口]办事公开情况开展抽查，发现的问题已督促整改。",
    ),
}
OTHER_MATTERS_YEAR = {
    2020: "疫情期间坚持“不见面”受理政府信息公开申请，没有因疫情影响申请人正常获取信息。",
    2022: "按要求开展政务新媒体常态化监测，未发现泄密、错敏信息等问题。",
}
WORK_POINTS = (
    "对照县政府办公室印发的$[year]年政务公开工作要点，{self}逐项制定任务清单，明确责任人和完成时限，其中重点推进了{task}，年度任务均已按期完成。",
    "认真落实全县$[year]年政务公开工作要点，重点抓好{task}，各项任务完成情况已报县政务公开办。",
    "按照本年度政务公开重点工作安排，{self}完成了{task}，并对落实情况开展了自查。",
    "$[year]年政务公开工作要点明确的各项任务，{self}均已落实到{sub_units}，{task}取得了实效。",
    "[政务公开工作要点|年度政务公开工作要点]落实方面，{self}把{task}作为[重点|突破口]，[按月调度|按季度调度]进度，年底全部完成。",
)
WORK_POINTS_COUNTY = (
    "根据上级$[year]年政务公开工作要点，县政府办公室印发全县实施方案，把{task}等任务分解到{sub_units}，年底逐项对账销号。",
    "$[year]年政务公开工作要点确定的任务全部落实，其中{task}作为全县重点，由县政务公开办跟踪督办。",
)
YEAR_TASKS = {
    2019: ("政府信息公开指南和目录的更新", "新修订《条例》的贯彻落实"),
    2020: ("基层政务公开标准目录的编制", "疫情防控信息的及时发布"),
    2021: ("基层政务公开标准化规范化工作的巩固提升", "政策文件的集中公开和解读"),
    2022: ("政策解读和回应关切", "政府网站和政务新媒体的规范管理"),
    2023: ("政策文件库的建设与维护", "涉企政策的集中公开"),
    2024: ("“高效办成一件事”相关信息的公开", "政务公开专区的规范化建设"),
    2025: ("政务公开质量的整体提升", "“十四五”规划实施情况的公开"),
}
PROPOSALS = {
    "grassroots": (
        "本年度{self}无主办的人大代表建议和政协提案，协办事项均已按要求向主办单位反馈意见。",
        "涉及{self}的人大代表建议已全部答复代表，答复情况在政府信息公开专栏公开。",
        "本年度{self}未承办人大代表建议和政协提案。",
        "对人大代表、政协委员在视察调研中提出的意见建议，{self}逐条研究落实，并向代表委员反馈落实情况。",
        "人大代表建议和政协提案办理结果公开方面，{self}本年度[没有主办件|无主办件]，[协办件|参与协办的]均按时向主办单位提交了协办意见。",
    ),
    "office": (
        "本年度{self}承办的人大代表建议和政协提案全部在规定时限内办结，办理复文在政府信息公开专栏全文公开（涉及国家秘密等不宜公开的除外）。",
        "建议提案办理结果公开栏目按年度集中发布答复全文，便于社会各界查阅和监督。",
        "{self}对承办的人大代表建议、政协提案实行“一件一档”，办理结果经代表委员同意后向社会公开。",
        "人大代表建议和政协提案办理结果做到应公开尽公开，代表委员对办理结果均表示[满意或基本满意|满意]。",
    ),
}


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
    k = SHINGLE
    return {p[i : i + k] for p in paragraphs for i in range(len(p) - k + 1)}


def coverage(paragraphs: list[str], theirs: set[str]) -> float:
    """Share of the characters in runs also found in `theirs` (as kit/doccheck/similarity.compare);
    0 for a section too short for the kit to judge on its own."""
    k, total, covered = SHINGLE, sum(len(p) for p in paragraphs), 0
    if total < SECTION_MIN_CHARS:
        return 0.0
    for p in paragraphs:
        end = 0
        for i in range(len(p) - k + 1):
            if p[i : i + k] in theirs:
                covered += i + k - max(i, end)
                end = i + k
    return covered / total


def _kit_similarity_settings() -> tuple[int, int]:
    from kit.doccheck.vocabulary import vocabulary

    conf = vocabulary().similarity
    return conf.shingle, conf.section_min_chars


SHINGLE, SECTION_MIN_CHARS = _kit_similarity_settings()


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
