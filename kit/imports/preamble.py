"""Who published a report, from its title and opening paragraph: a new body's body.yaml.

Every edition's opening names the body's website, the office to contact, its address, postcode
and phone ("本报告电子版可在××（https://…）查阅或下载。如对本报告有疑问，请与××联系（地址：…；
邮编：…；电话：…）"); the title names the body in full. What is printed is taken as printed;
what is not printed is left out (never invented), and the level comes from the name the way
the document checks decide it, with a finding when the name does not tell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kit.doccheck.vocabulary import vocabulary
from kit.findings import Finding, RuleId, warning
from kit.messages import imports as msg
from kit.report import Body, BodyRef
from kit.spec import level_role, load_levels


@dataclass
class FoundBody:
    body: Body
    findings: list[Finding] = field(default_factory=list)


def level_of(name: str) -> str | None:
    for level, pattern in vocabulary().title.levels:
        if pattern.search(name):
            return level
    return None


def body_from_report(ref: BodyRef, full_name: str, opening: str) -> FoundBody:
    """body.yaml for `ref` from the report's title (its full name) and its opening paragraph(s)."""
    found: dict[str, str] = {}
    for key, pattern in vocabulary().contact.items():  # the patterns are in kit/doccheck/phrases.yaml (contact)
        m = pattern.search(opening)
        if m:
            found[key] = m.group(1).strip().rstrip("/") + ("/" if key == "website" and m.group(1).strip().endswith("/") else "")
    findings: list[Finding] = []
    level = level_of(full_name) or level_of(ref.body)
    if level is None or level not in load_levels():
        level = level_role("imported_unknown")
        findings.append(warning(RuleId.IMPORT_BODY, msg.level_guessed(full_name, level), printed=msg.TITLE))
    missing = [label for key, label in msg.BODY_FIELD_NAMES.items() if key not in found]
    if missing:
        findings.append(warning(RuleId.IMPORT_BODY, msg.body_fields_missing(missing), printed=msg.OPENING))
    body = Body(ref=ref, name=ref.body, full_name=full_name or ref.body, level=level, county=ref.county, **found)  # type: ignore[arg-type]
    return FoundBody(body, findings)
