"""Bringing what already exists into the kit: published reports and the county's Excel forms.

    kit.imports.reports    one checked document -> a year file (and a new body's body.yaml)
    kit.imports.sections   the prose split into the edition's sections
    kit.imports.quoting    figures in the prose quoted again with ${...}; figures only the prose carries
    kit.imports.preamble   a new body's profile from the title and opening paragraph
    kit.imports.run        the plan (source -> body/year, or why not) and the all-or-nothing writes
    kit.imports.workbook   the Excel form: written laid out like the printed tables, read back

Reading and checking are kit.doccheck's (`kit check --document`): one reading path for both.
"""

from __future__ import annotations
