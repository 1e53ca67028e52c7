"""`kit batch --scheduler` on a real Dask scheduler on 127.0.0.1 with 1, 2 and 4 worker processes.
A script, not a test: it prints figures and never fails on them.

    .venv/bin/python benchmarks/bench_dask.py [--reports 200] [--workers 1,2,4]

The data: copies of the demo county 青禾县 under fictional county names, trimmed to exactly
`--reports` reports that build (HTML + PDF). For each worker count: a `dask scheduler` and a
`dask worker --nworkers N --nthreads 1 --preload kit.batch.preload` (each worker process imports
and warms up once, as the local workers do, and forks its kernels from a zygote of its own) are
started, the bench waits until all N have joined, then times `kit batch --scheduler … --force`
into a fresh exports folder. The CPU time is that of every process of the cluster (workers,
zygotes, kernels: psutil's own and waited-for children's times, summed over the worker's process
tree just before it is stopped, minus the same sum once all workers had joined) plus the client
(`kit batch`, a child of this script).

Printed: wall time, reports a second, the speed-up against 1 worker, CPU-seconds a report on the
cluster and in the client, and what that CPU time predicts for bigger clusters: a batch is CPU
bound, so W cores finish R reports in about R × (CPU a report) ÷ W, as long as the client keeps
up — it spends its own CPU a report writing results, which bounds it at 1 ÷ (client CPU a report)
reports a second however many machines there are.

On a 2-core machine, 4 worker processes cannot beat 2 cores: the floor is computed per core
(cluster CPU a report × reports ÷ cores), not per worker process. Other engineers' jobs share
these 2 cores: the load average is printed before and after, and CPU-seconds (which also grow
under contention, but far less than wall time) are the figure to compare.

Measured 2026-12-01 17:05–17:17 with --reports 100 on the quiet machine (load 0.2 at the start,
4.5 at the end): 1 worker process 273.9 s (2.41 CPU-s a report on the cluster), 2 workers 156.8 s
(2.37; 1.75× one worker), 4 workers 146.4 s (2.73; 1.87×); the client 0.03 CPU-s a report; 1.14×,
1.32× and 1.07× the floor per core. From the CPU a report: a 16-core machine ≈ 6.8 reports a
second, 64 cores ≈ 27; the single client caps any cluster at ≈ 32 reports a second. Earlier, at
load ≈ 8 with --reports 24, more worker processes gave no speed-up: the cores were saturated.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
COUNTY = "青禾县"
COPIES = ("甲禾县", "乙禾县", "丙禾县", "丁禾县")


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process and its live descendants, each with the children it waited for."""
    total = 0.0
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0
    for p in processes:
        try:
            t = p.cpu_times()
        except psutil.Error:
            continue
        total += t.user + t.system + t.children_user + t.children_system
    return total


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_tree(parameters: Path, reports: int) -> int:
    """Copies of the demo county, trimmed (latest years first) to exactly `reports` that build."""
    from kit.batch.plan import plan
    from kit.store import Store

    for name in (COUNTY, *COPIES):
        shutil.copytree(ROOT / "parameters" / COUNTY, parameters / name, ignore=shutil.ignore_patterns(".*"))
        if name != COUNTY:
            for body in (parameters / name).glob("*/body.yaml"):
                body.write_text(body.read_text(encoding="utf-8").replace(COUNTY, name), encoding="utf-8")
    scratch = parameters.parent / "plan-exports"
    build = plan(Store(parameters), scratch, formats=("html", "pdf")).build
    if len(build) < reports:
        sys.exit(f"only {len(build)} buildable reports in {len(COPIES) + 1} copies of {COUNTY}")
    # drop the latest years first (earlier years are read by later ones, never the other way)
    for job in sorted(build, key=lambda j: (-j.year, j.body))[: len(build) - reports]:
        (parameters / job.body / f"{job.year}.yaml").unlink()
    left = len(plan(Store(parameters), scratch, formats=("html", "pdf")).build)
    return left


def cluster(workers: int, tmp: Path) -> tuple[str, subprocess.Popen[bytes], subprocess.Popen[bytes]]:
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT) + (os.pathsep + os.environ["PYTHONPATH"] if os.environ.get("PYTHONPATH") else "")}
    log = (tmp / f"dask-{workers}.log").open("w")
    scheduler = subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"], stdout=log, stderr=log, env=env, cwd=tmp)
    worker = subprocess.Popen(
        [
            str(BIN / "dask"), "worker", address, "--host", "127.0.0.1", "--nworkers", str(workers), "--nthreads", "1",
            "--no-dashboard", "--preload", "kit.batch.preload", "--local-directory", str(tmp / f"dask-{workers}"),
        ],
        stdout=log,
        stderr=log,
        env=env,
        cwd=tmp,
    )
    from distributed import Client

    with Client(address, timeout="60s", set_as_default=False) as client:
        client.wait_for_workers(workers, timeout="300s")
    return address, scheduler, worker


def stop(*processes: subprocess.Popen[bytes]) -> None:
    for p in processes:
        p.terminate()
    for p in processes:
        try:
            p.wait(timeout=60)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--workers", default="1,2,4", help="worker process counts (default 1,2,4)")
    args = parser.parse_args()
    counts = [int(x) for x in args.workers.split(",")]
    cores = os.cpu_count() or 1
    print(f"机器：{cores} 核；负载 {load()}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="kit-bench-dask-") as name:
        tmp = Path(name)
        parameters = tmp / "parameters"
        n = make_tree(parameters, args.reports)
        print(f"数据：{COUNTY} 及 {len(COPIES)} 份副本，共 {n} 份报告（HTML + PDF）")
        for workers in counts:
            address, scheduler, worker = cluster(workers, tmp)
            try:
                before = tree_cpu(worker.pid) + tree_cpu(scheduler.pid)
                exports = tmp / f"exports-{workers}"
                command = [str(BIN / "kit"), "--parameters", str(parameters), "batch", "--to", "html,pdf", "--force", "--scheduler", address, "--exports", str(exports)]
                start, client_before = time.perf_counter(), children_cpu()
                run = subprocess.run(command, capture_output=True, text=True, cwd=tmp, check=False)
                wall, client = time.perf_counter() - start, children_cpu() - client_before
                on_cluster = tree_cpu(worker.pid) + tree_cpu(scheduler.pid) - before
            finally:
                stop(worker, scheduler)
            built = re.search(r"生成 (\d+) 份", run.stdout.splitlines()[-1] if run.stdout else "")
            if run.returncode != 0 or not built or int(built.group(1)) != n:
                sys.exit(f"kit batch on {workers} workers failed ({run.returncode}):\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
            rows.append((workers, wall, on_cluster / n, client / n))
            print(
                f"{workers} 个工作进程：{wall:.1f} 秒，每秒 {n / wall:.2f} 份；集群 CPU 每份 {on_cluster / n:.2f} 秒，客户端 CPU 每份 {client / n:.3f} 秒；负载 {load()}"
            )
    print(f"负载（结束时）：{load()}")
    print()
    base = rows[0][1]
    print("扩展：")
    for workers, wall, cpu, _client in rows:
        floor = cpu * n / min(workers, cores)
        print(f"  {workers} 个工作进程：相对 {rows[0][0]} 个 {base / wall:.2f}×；按核计算的下限 {floor:.1f} 秒（{n} 份 × {cpu:.2f} 秒 ÷ {min(workers, cores)} 核），实测为下限的 {wall / floor:.2f} 倍")
    cpu = min(r[2] for r in rows)
    client = max(r[3] for r in rows)
    print("推算（批量生成受 CPU 限制：W 核约需 份数 × 每份 CPU ÷ W）：")
    for total, what in ((16, "一台 16 核机器"), (64, "多台机器合计 64 核")):
        print(f"  {what}：{n} 份约 {n * cpu / total:.1f} 秒，每秒约 {total / cpu:.1f} 份")
    print(f"  客户端每份 CPU {client:.3f} 秒：无论多少台机器，单个客户端最多约每秒 {1 / client:.0f} 份")


if __name__ == "__main__":
    main()
