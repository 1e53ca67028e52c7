"""Rule 19 across the bodies of a county: which pairs of reports are over the thresholds.

Every report of a county and year is compared with every other, so a county's comparisons grow
with the square of its bodies, and the demo's bodies (written from shared phrase banks, as real
ones are from shared templates) all share enough runs that no index of runs could set pairs
aside. So the measure itself is made cheap: for a group of reports, each run gets a number, and
the coverage of one report by each of the others — the same measure as similarity.compare: the
characters of this report lying in a run of `shingle` characters also found in the other, in
total and per section — is computed for all the others at once with numpy. Only the pairs over
a threshold are then compared in full (similarity_findings), for their messages and quotes; the
others could not have produced a finding, so the findings are those of comparing every pair.

Measured on the demo county copied 10 times (120 bodies, 840 reports; benchmarks/bench_province.py):
the comparisons across bodies went from ≈30 CPU-s (one full comparison per pair) to a few.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kit.doccheck.similarity import Prepared
from kit.doccheck.vocabulary import vocabulary

if TYPE_CHECKING:
    import numpy as np

CELLS_A_BLOCK = 8_000_000  # booleans of (reports × runs) held at once, ≈8 MB


class Group:
    """The prepared prose of one county and year, numbered for counting coverage."""

    def __init__(self, prepared: Sequence[Prepared]) -> None:
        import numpy as np

        self.prepared = list(prepared)
        ids: dict[str, int] = {}
        self.runs: list[np.ndarray] = []  # each report's runs, by position (texts one after another)
        self.distinct: list[np.ndarray] = []  # each report's distinct runs
        self.offsets: list[list[int]] = []  # where each text's runs start in its report's row of runs
        for p in self.prepared:
            new = p.shingles - ids.keys()  # numbered in C (set difference, zip, map), not one run at a time in Python
            ids.update(zip(new, range(len(ids), len(ids) + len(new)), strict=True))
            lengths = [len(t.shingles) for t in p.texts]
            self.offsets.append([0, *itertools.accumulate(lengths)])
            self.runs.append(np.fromiter(map(ids.__getitem__, itertools.chain.from_iterable(t.shingles for t in p.texts)), dtype=np.int64, count=sum(lengths)))
            self.distinct.append(np.unique(self.runs[-1]))
        self.vocabulary = len(ids)

    def found(self, i: int, j: int) -> list[list[int]]:
        """For each text of report i, the ascending positions of its runs that report j has too
        (similarity.compare's `found`: the same lists it would make by looking each run up)."""
        import numpy as np

        present = np.zeros(self.vocabulary, dtype=bool)
        present[self.distinct[j]] = True
        hits = np.flatnonzero(present[self.runs[i]])
        cuts = np.searchsorted(hits, self.offsets[i])
        return [(hits[a:b] - start).tolist() for a, b, start in zip(cuts[:-1], cuts[1:], self.offsets[i][:-1], strict=True)]

    def over(self) -> list[set[int]]:
        """For each report, the indices of the others that may give a finding (never itself)."""
        import numpy as np

        conf = vocabulary().similarity
        n = len(self.prepared)
        out: list[set[int]] = [set() for _ in range(n)]
        layouts = [_Layout(p, conf.shingle, conf.section_min_chars) if p.chars >= conf.min_chars else None for p in self.prepared]
        block = max(1, CELLS_A_BLOCK // max(1, self.vocabulary))
        for first in range(0, n, block):
            others = range(first, min(n, first + block))
            present = np.zeros((len(others), self.vocabulary + 1), dtype=bool)  # the last column: no run
            for row, j in enumerate(others):
                present[row, self.distinct[j]] = True
            for i, layout in enumerate(layouts):
                if layout is None:
                    continue  # too short to be compared (similarity_findings says nothing)
                found = present[:, self.runs[i]]  # others × this report's positions: is the run there too
                for row in np.flatnonzero(layout.over(found, conf.threshold, conf.section_threshold)).tolist():
                    j = others[row]
                    if j != i and self.prepared[j].chars:
                        out[i].add(j)
        return out


class _Layout:
    """One report's characters in a row: each text, then `shingle` − 1 empty places, so a run
    found at position i covers the characters i … i + shingle − 1 of its own text only."""

    def __init__(self, p: Prepared, k: int, section_min_chars: int) -> None:
        import numpy as np

        starts: list[int] = []
        chars: list[int] = []
        sections: list[int] = []
        where: dict[str, int] = {}
        offset = 0
        for t in p.texts:
            section = where.setdefault(t.passage.where, len(where))
            starts.extend(range(offset, offset + len(t.shingles)))
            chars.extend(range(offset, offset + len(t.chars)))
            sections.extend([section] * len(t.chars))
            offset += len(t.chars) + k - 1
        self.k = k
        self.width = offset
        self.starts = np.array(starts, dtype=np.int64)
        by_section = np.argsort(np.array(sections, dtype=np.int64), kind="stable")  # each section's characters together
        self.chars = np.array(chars, dtype=np.int64)[by_section]
        self.total = p.chars
        self.lengths = np.bincount(np.array(sections, dtype=np.int64), minlength=len(where))
        self.firsts = np.concatenate([[0], np.cumsum(self.lengths)[:-1]]).astype(np.int64)
        self.judged = self.lengths >= section_min_chars

    def over(self, found: np.ndarray, threshold: float, section_threshold: float) -> np.ndarray:
        """For each row of `found` (an other report: which of this report's runs it has too),
        whether the coverage is over `threshold` in all, or over `section_threshold` in a judged
        section — compared as similarity.compare's figures are (covered / characters)."""
        import numpy as np

        rows = found.shape[0]
        marks = np.zeros((rows, self.width + 1), dtype=np.int32)  # column 0: nothing before the first place
        marks[:, self.starts + 1] = found
        running = np.cumsum(marks, axis=1)
        before = np.concatenate([np.zeros((rows, self.k), dtype=running.dtype), running[:, : -self.k]], axis=1)
        covered = ((running - before)[:, self.chars + 1] > 0).astype(np.int64)  # a run starts at one of the k places up to here
        per_section = np.add.reduceat(covered, self.firsts, axis=1)
        total = per_section.sum(axis=1)
        over_all = total / self.total > threshold
        with np.errstate(divide="ignore", invalid="ignore"):
            over_section = ((per_section / self.lengths) > section_threshold) & self.judged
        return over_all | over_section.any(axis=1)
