"""The demo county is reproducible: the generator and its phrase banks write exactly the files committed
under parameters/青禾县 (so the phrase banks in YAML and the shared similarity measure changed nothing)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_generator_reproduces_the_committed_demo_county(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_demo_county.py"), "--parameters", str(tmp_path)], capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr
    committed = {p.relative_to(ROOT / "parameters"): p.read_bytes() for p in (ROOT / "parameters" / "青禾县").rglob("*.yaml") if ".history" not in p.parts}
    written = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / "青禾县").rglob("*.yaml")}
    assert sorted(written) == sorted(committed)
    different = [str(k) for k in committed if committed[k] != written[k]]
    assert not different, f"the generator no longer writes these files as committed: {different[:5]}"


def test_phrase_banks_are_data_beside_the_generator() -> None:
    source = (ROOT / "scripts" / "make_demo_county.py").read_text(encoding="utf-8")
    phrases = (ROOT / "scripts" / "demo_county_phrases.yaml").read_text(encoding="utf-8")
    assert 'PHRASES["THEMES"]' in source and "THEMES:" in phrases
    assert "def coverage" in source and "kit_coverage(paragraphs, theirs)" in source  # the kit's measure, not a copy
