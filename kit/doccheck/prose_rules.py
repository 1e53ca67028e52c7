"""The document-level rules that read prose, in the order a reviewer applies them (rules 12–14, 17, 18).

Shared by the kit's own reports and by published documents: both arrive as a `Reading`.
Similarity (rule 19) needs a second report and sections (15) and editions (16) need a document's
layout, so those are run by the callers that have them.
"""

from __future__ import annotations

from kit.doccheck.citation import check_citations
from kit.doccheck.claims import check_claims
from kit.doccheck.figures_in_prose import check_prose_figures
from kit.doccheck.leftovers import check_leftovers
from kit.doccheck.prose import Reading
from kit.doccheck.years import check_years
from kit.findings import Finding


def check_prose(reading: Reading, *, require_citation: bool = False) -> list[Finding]:
    findings: list[Finding] = []
    findings += check_prose_figures(reading)
    findings += check_claims(reading)
    findings += check_years(reading)
    findings += check_citations(reading, require=require_citation)
    findings += check_leftovers(reading)
    return findings
