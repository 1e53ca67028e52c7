"""How fast the core answers. A script, not a test: it prints figures and never fails on them.

    .venv/bin/python benchmarks/bench_check.py [--runs N] [--repeat M]

(a) validate() of one full gov2021 report, with last year's report, in-process: median of many
    runs (target < 2 ms).
(b) `kit check <one file>` as a user runs it, in a subprocess: median wall time of several runs
    (target < 0.3 s), beside the same interpreter doing nothing (`python -c pass`), so the figure
    can be read on a slow or busy machine; CPU time (user + system) is printed too, being less
    sensitive to other load.

The report checked is built like the tests' fixtures (tests/conftest.py) in a temporary folder:
a town's 2021 and 2022 reports, complete and consistent; `kit check` reads 2022 and, for the
carry-over rules, 2021.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

TARGET_VALIDATE_MS = 2.0
TARGET_CHECK_S = 0.3


def build(root: Path) -> Path:
    from conftest import Builder  # the tests' report builder

    from kit.store import Store

    builder = Builder(Store(root))
    body = builder.body()
    builder.chain(body, [2021, 2022])
    return builder.store.year_file(body.ref, 2022)


def bench_validate(file: Path, runs: int) -> list[float]:
    from kit.report import BodyRef
    from kit.store import Store
    from kit.validation import validate

    store = Store(file.parents[2])
    ref = BodyRef(file.parent.parent.name, file.parent.name)
    report = store.load_year(ref, 2022)
    previous = store.load_year(ref, 2021)
    assert validate(report, previous) == [], "the benchmark report must be valid"
    for _ in range(20):  # warm up
        validate(report, previous)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        validate(report, previous)
        times.append(time.perf_counter() - t)
    return times


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one subprocess."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bench_subprocess(file: Path, repeat: int, env: dict[str, str]) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    kit = Path(sys.executable).with_name("kit")
    baseline = [sys.executable, "-c", "pass"]
    check = [str(kit), "check", str(file)]
    run(check, env)  # first run fills caches (bytecode where allowed, the spec cache)
    base_times, check_times = [], []
    for _ in range(repeat):  # interleaved, so a burst of load hits both alike
        base_times.append(run(baseline, env))
        check_times.append(run(check, env))
    return base_times, check_times


PHASES = """
import contextlib, io, json, sys, time
from pathlib import Path
t = [time.perf_counter()]
from kit.cli.main import parser
parser()  # every subcommand registered, as `kit` does
t.append(time.perf_counter())
from kit import checking
from kit.render import findings as report_findings
t.append(time.perf_counter())
from kit.report import BodyRef
from kit.store import Store
from kit.spec import load_levels, load_spec
load_spec("gov2021"); load_levels()
t.append(time.perf_counter())
file = Path(sys.argv[1])
store = Store(file.parents[2]); ref = BodyRef(file.parent.parent.name, file.parent.name)
body = store.load_body(ref); report = store.load_year(ref, 2022, body); previous = store.load_year(ref, 2021, body)
t.append(time.perf_counter())
from kit.validation import validate
validate(report, previous)
t.append(time.perf_counter())
extra = getattr(checking, "check_stored_report", None)  # document-level rules, where `kit check` runs them
if extra is not None:
    extra(store, report, previous)
t.append(time.perf_counter())
print(json.dumps([b - a for a, b in zip(t, t[1:])]))
"""
PHASE_NAMES = [
    "import kit.cli.main, register subcommands",
    "import kit.checking (+ what it imports)",
    "load specs and levels",
    "read body.yaml, 2022.yaml, 2021.yaml",
    "validate()",
    "document-level rules (kit.doccheck)",
]


def bench_phases(file: Path, repeat: int, env: dict[str, str]) -> list[float]:
    runs = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", PHASES, str(file)], capture_output=True, text=True, env=env, check=True)
        runs.append(json.loads(done.stdout))
    return [median([r[i] for r in runs]) for i in range(len(PHASE_NAMES))]


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=1000, help="validate() runs (default 1000)")
    parser.add_argument("--repeat", type=int, default=15, help="subprocess runs of each command (default 15)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kit-bench-") as tmp:
        file = build(Path(tmp) / "parameters")
        print(f"machine: {os.cpu_count()} CPUs, load average {', '.join(f'{x:.2f}' for x in os.getloadavg())}; Python {sys.version.split()[0]}")
        print(f"report: {file.name} of a town (gov2021, with its 2021 report as last year)\n")

        times = bench_validate(file, args.runs)
        ms = [t * 1000 for t in times]
        print(f"(a) validate(), in-process, {args.runs} runs")
        print(f"    median {median(ms):.3f} ms   p10 {statistics.quantiles(ms, n=10)[0]:.3f} ms   p90 {statistics.quantiles(ms, n=10)[-1]:.3f} ms")
        print(f"    target < {TARGET_VALIDATE_MS} ms: {'met' if median(ms) < TARGET_VALIDATE_MS else 'MISSED'} (median / target = {median(ms) / TARGET_VALIDATE_MS:.2f})\n")

        variants = [("as this environment runs it", dict(os.environ))]
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            # This environment sets PYTHONDONTWRITEBYTECODE, so every run recompiles kit/*.py; a
            # user's machine keeps bytecode. Show both.
            variants.append(("with bytecode caching (a user's default)", {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}))
        for label, env in variants:
            base, check = bench_subprocess(file, args.repeat, env)
            bw, bc = median([w for w, _ in base]), median([c for _, c in base])
            cw, cc = median([w for w, _ in check]), median([c for _, c in check])
            print(f"(b) `kit check {file.name}` in a subprocess, {label}, median of {args.repeat}")
            print(f"    python -c pass   wall {bw * 1000:6.1f} ms   cpu {bc * 1000:6.1f} ms")
            print(f"    kit check        wall {cw * 1000:6.1f} ms   cpu {cc * 1000:6.1f} ms")
            print(f"    kit check / python -c pass: wall ×{cw / bw:.1f}, cpu ×{cc / bc:.1f}; kit's own share {1000 * (cw - bw):.1f} ms wall")
            print(f"    target < {TARGET_CHECK_S * 1000:.0f} ms wall: {'met' if cw < TARGET_CHECK_S else 'MISSED'} (median / target = {cw / TARGET_CHECK_S:.2f})\n")

        env = variants[-1][1]
        phases = bench_phases(file, max(5, args.repeat // 2), env)
        print(f"(c) where one `kit check` spends its time (fresh process, {variants[-1][0]}, medians)")
        for name, seconds in zip(PHASE_NAMES, phases, strict=True):
            print(f"    {name:42s} {seconds * 1000:7.1f} ms")
        print(f"    {'total after interpreter start-up':42s} {sum(phases) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
