"""The repository is self-contained: nothing in kit/, tests/, notebooks/, scripts/ or benchmarks/ reads
a folder beside the checkout (the project was started from a seed kept outside it)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# the checkout's root is ROOT in tests/benchmarks/scripts and CHECKOUT in kit.paths: nothing goes above it
OUTSIDE = re.compile(r"""\b(ROOT|CHECKOUT)\.parent\b|\.\./(shared|seed)\b|/work/shared|parent / ["']shared["']""")


def test_no_code_reads_beside_the_checkout() -> None:
    offenders = []
    for folder in ("kit", "tests", "notebooks", "scripts", "benchmarks"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in (".py", ".ipynb") or path == Path(__file__):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if OUTSIDE.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "reads outside the repository:\n" + "\n".join(offenders)


def test_the_probe_would_notice() -> None:
    assert OUTSIDE.search('SEED = ROOT.parent / "shared" / "seed" / "x.txt"')
    assert OUTSIDE.search("open('../shared/seed/x.txt')")
    assert not OUTSIDE.search('SEED = ROOT / "tests" / "data" / "seed.txt"')
