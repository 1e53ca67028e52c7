"""The repository is self-contained: nothing in kit/, tests/, notebooks/, scripts/ or benchmarks/ reads
a folder beside the checkout (the project was started from a seed kept outside it)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# the checkout's root is ROOT in tests/benchmarks/scripts and CHECKOUT in kit.paths: nothing goes above it
_BESIDE = "sha" + "red"  # the folder beside the checkout, spelled in parts so this file does not name it
OUTSIDE = re.compile(rf"""\b(ROOT|CHECKOUT)\.parent\b|\.\./({_BESIDE}|seed)\b|/work/{_BESIDE}|parent / ["']{_BESIDE}["']""")


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
    assert OUTSIDE.search(f'SEED = ROOT.parent / "{_BESIDE}" / "seed" / "x.txt"')
    assert OUTSIDE.search(f"open('../{_BESIDE}/seed/x.txt')")
    assert not OUTSIDE.search('SEED = ROOT / "tests" / "data" / "seed.txt"')
