"""How long one report takes to build, step by step. A script, not a test: it prints figures and never fails on them.

    .venv/bin/python benchmarks/bench_build.py [--runs N]

All in one process, after one warm-up build (imports of papermill, nbconvert, WeasyPrint and
matplotlib are paid once per process, as in a batch):

(a) `build_report(..., formats=[html, pdf])` for the seed (微山县/驩城镇 2018) and a gov2021 report
    (the demo county's, if parameters/ has one; else a sample): its own split into 校验, 启动内核,
    执行笔记本, 导出HTML, 生成PDF, plus the HTML size with and without the embedded charts;
(b) the baseline the issue names: `papermill.execute_notebook` of the same notebook with the same
    parameters (papermill's defaults) plus WeasyPrint of its page, in the same process.

The issue asks (a) to stay within 1.5× of (b). Medians of --runs runs; CPU-bound figures on a
busy machine vary, so the ratio is the figure to read.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
LIMIT = 1.5


def reports(tmp: Path) -> list[tuple[str, Path, object, int]]:
    from kit.report import BodyRef
    from kit.store import Store

    out = []
    seed = BodyRef("微山县", "驩城镇")
    shutil.copytree(ROOT / "parameters" / seed.county / seed.body, tmp / "seed" / seed.county / seed.body)
    out.append(("seed 2018 (legacy2008)", tmp / "seed", seed, 2018))
    real = Store(ROOT / "parameters")
    for ref in real.bodies():
        years = [y for y in real.years(ref) if y >= 2021]
        if ref != seed and years:
            shutil.copytree(real.body_dir(ref), tmp / "demo" / ref.county / ref.body)
            out.append((f"{ref} {years[-1]} (gov2021)", tmp / "demo", ref, years[-1]))
            return out
    from conftest import Builder

    builder = Builder(Store(tmp / "sample"))
    body = builder.body()
    builder.chain(body, range(2019, 2023))
    out.append(("sample 2022 (gov2021)", tmp / "sample", body.ref, 2022))
    return out


def kit_build(parameters: Path, ref: object, year: int, exports: Path) -> tuple[float, dict[str, float], int, int]:
    from kit.build.report import build_report

    start = time.perf_counter()
    built = build_report(parameters, ref, year, exports=exports, formats=["html", "pdf"])  # type: ignore[arg-type]
    total = time.perf_counter() - start
    html = built.files["html"].read_text(encoding="utf-8")
    without_charts = len(re.sub(r'src="data:image/png;base64,[^"]*"', 'src=""', html).encode("utf-8"))
    return total, dict(built.timings.steps), len(html.encode("utf-8")), without_charts


def baseline(parameters: Path, ref: object, year: int, tmp: Path) -> float:
    import papermill

    from kit.build.execute import REPORT_NOTEBOOK
    from kit.build.export import html_pdf, notebook_html

    start = time.perf_counter()
    nb = papermill.execute_notebook(
        str(REPORT_NOTEBOOK),
        str(tmp / "baseline.ipynb"),
        parameters={"body": str(ref), "year": year, "parameters_root": str(parameters), "draft": False},
        kernel_name="python3",
        progress_bar=False,
    )
    html_pdf(notebook_html(nb))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kit-bench-") as name:
        tmp = Path(name)
        cases = reports(tmp)
        kit_build(cases[0][1], cases[0][2], cases[0][3], tmp / "warm")  # imports, font caches
        baseline(cases[0][1], cases[0][2], cases[0][3], tmp)
        for label, parameters, ref, year in cases:
            totals, steps, bases = [], [], []
            size = bare = 0
            for i in range(args.runs):
                total, split, size, bare = kit_build(parameters, ref, year, tmp / f"out{i}")
                totals.append(total)
                steps.append(split)
                bases.append(baseline(parameters, ref, year, tmp))
            median = statistics.median(totals)
            base = statistics.median(bases)
            split_text = "，".join(f"{k} {statistics.median(s[k] for s in steps):.2f}" for k in steps[0])
            print(f"== {label}")
            print(f"  kit build（HTML+PDF）中位数 {median:.2f} 秒：{split_text}")
            print(f"  基线（papermill 默认设置 + WeasyPrint）中位数 {base:.2f} 秒；比值 {median / base:.2f}（要求 ≤ {LIMIT}）")
            print(f"  HTML {size / 1024:.1f} KB，不含图表 {bare / 1024:.1f} KB")


if __name__ == "__main__":
    main()
