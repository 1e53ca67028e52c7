"""The county's roster: who may log in to `kit hub`, and what each person may do.

A YAML file kept by the county office (checked by `kit check roster.yaml`):

    county: 青禾县            # the county this hub serves
    users:
      zhangsan:               # the login name (JupyterHub normalises names to lower case)
        name: 张三
        role: 填报人           # 填报人 (clerk) / 审核人 (reviewer) / 管理员 (administrator)
        bodies: [云溪镇, 青禾县/石桥镇]

The roster is the one place scope comes from: the hub lets only its users in, the spawner gives
each server its role, and every kernel and page reads the roster again by the logged-in name, so
removing a body from a clerk takes effect at their next page load. A member with any error is
left out entirely (fail closed): a typo never widens what someone may see.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit import yamlio
from kit.errors import KitError, PathError
from kit.findings import Finding, error, warning
from kit.messages import server as msg
from kit.messages import store as store_says
from kit.report import BodyRef, check_name

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,31}$")
TOP_KEYS = ("county", "users")
MEMBER_KEYS = ("name", "role", "bodies", "county")
BODY_FILE = "body.yaml"


@dataclass(frozen=True)
class Member:
    username: str
    name: str
    role: str  # one of messages.server.ROLES
    bodies: tuple[BodyRef, ...] = ()  # a clerk's bodies
    county: str | None = None  # a reviewer's county

    @property
    def is_clerk(self) -> bool:
        return self.role == msg.CLERK

    @property
    def is_reviewer(self) -> bool:
        return self.role == msg.REVIEWER

    @property
    def is_admin(self) -> bool:
        return self.role == msg.ADMIN

    def may_fill(self, ref: BodyRef) -> bool:
        return self.is_clerk and ref in self.bodies

    def may_review(self, ref: BodyRef) -> bool:
        return self.is_reviewer and ref.county == self.county


@dataclass(frozen=True)
class Roster:
    file: Path
    county: str | None
    members: Mapping[str, Member] = field(default_factory=dict)

    def member(self, username: str | None) -> Member | None:
        return self.members.get((username or "").lower())

    def by_role(self, role: str) -> list[Member]:
        return [m for m in self.members.values() if m.role == role]


def is_roster_file(path: Path) -> bool:
    """`kit check` treats roster.yaml and *.roster.yaml as rosters, not parameter files."""
    return path.suffix == ".yaml" and (path.name == "roster.yaml" or path.name.endswith(".roster.yaml") or path.name == "roster.example.yaml")


def _line(mapping: Any, key: Any) -> int | None:
    try:
        return int(mapping.lc.key(key)[0]) + 1
    except (AttributeError, KeyError, TypeError):
        return None


def read_roster(path: Path, parameters: Path | None = None) -> tuple[Roster, list[Finding]]:
    """The roster and every problem in it; bodies are checked against `parameters` when given."""
    path = Path(path)
    try:
        text, _ = yamlio.read_text(path)
    except FileNotFoundError:
        raise KitError(msg.roster_missing(path)) from None
    data = yamlio.load_yaml_text(text, path)
    findings: list[Finding] = []

    def bad(message: str, key: str | None = None, line: int | None = None, warn: bool = False) -> None:
        findings.append((warning if warn else error)("roster", message, key=key, file=path, line=line))

    if not isinstance(data, Mapping):
        bad(msg.roster_not_mapping(msg.ROSTER))
        return Roster(path, None), findings
    for key in data:
        if key not in TOP_KEYS:
            bad(msg.roster_unknown_key(str(key), "、".join(TOP_KEYS)), key=str(key), line=_line(data, key))
    county = data.get("county")
    if county is not None:
        try:
            county = check_name(str(county), store_says.COUNTY)
        except PathError as exc:
            bad(str(exc), key="county", line=_line(data, "county"))
            county = None
    users = data.get("users") or {}
    if not isinstance(users, Mapping):
        bad(msg.roster_not_mapping("users"), key="users", line=_line(data, "users"))
        users = {}
    members: dict[str, Member] = {}
    for username, raw in users.items():
        before = len(findings)
        member = _member(str(username), raw, county, parameters, users, bad)
        if member is not None and len(findings) == before:
            members[member.username] = member
    if not any(m.is_admin for m in members.values()):
        bad(msg.roster_no_admin(), key="users", line=_line(data, "users"), warn=True)
    return Roster(path, county, members), findings


def _member(username: str, raw: Any, county: str | None, parameters: Path | None, parent: Any, bad: Any) -> Member | None:
    where = f"users.{username}"
    line = _line(parent, username)
    if not USERNAME.match(username):
        bad(msg.roster_bad_username(username), key=where, line=line)
        return None
    if not isinstance(raw, Mapping):
        bad(msg.roster_not_mapping(where), key=where, line=line)
        return None
    for key in raw:
        if key not in MEMBER_KEYS:
            bad(msg.roster_unknown_key(str(key), "、".join(MEMBER_KEYS)), key=f"{where}.{key}", line=_line(raw, key))
    name = raw.get("name", username)
    if not isinstance(name, str):
        bad(msg.roster_bad_text(username, "name"), key=f"{where}.name", line=_line(raw, "name"))
    role = raw.get("role")
    if role not in msg.ROLES:
        bad(msg.roster_bad_role(username, role), key=f"{where}.role", line=_line(raw, "role") or line)
        return None
    bodies: list[BodyRef] = []
    raw_bodies = raw.get("bodies")
    if role != msg.CLERK and raw_bodies:
        bad(msg.roster_bodies_not_for_role(username, role), key=f"{where}.bodies", line=_line(raw, "bodies"))
    if role == msg.CLERK:
        if isinstance(raw_bodies, str):
            raw_bodies = [raw_bodies]
        if not raw_bodies or not isinstance(raw_bodies, list):
            bad(msg.roster_clerk_without_bodies(username), key=f"{where}.bodies", line=_line(raw, "bodies") or line)
            return None
        for i, text in enumerate(raw_bodies):
            key, item_line = f"{where}.bodies[{i}]", _line(raw, "bodies")
            try:
                text = str(text)
                ref = BodyRef.parse(text) if "/" in text else BodyRef(check_name(str(county or ""), store_says.COUNTY), check_name(text, msg.BODY))
            except PathError as exc:
                bad(msg.roster_bad_body(username, str(exc)), key=key, line=item_line)
                continue
            if parameters is not None and not (Path(parameters) / ref.county / ref.body / BODY_FILE).is_file():
                bad(msg.roster_unknown_body(username, str(ref)), key=key, line=item_line)
                continue
            bodies.append(ref)
    member_county = raw.get("county", county if role == msg.REVIEWER else None)
    if role == msg.REVIEWER:
        try:
            member_county = check_name(str(member_county or ""), store_says.COUNTY)
        except PathError:
            bad(msg.roster_no_county(username), key=f"{where}.county", line=_line(raw, "county") or line)
            return None
    return Member(username, str(name), str(role), tuple(bodies), member_county if role == msg.REVIEWER else None)


def load_roster(path: Path, parameters: Path | None = None) -> Roster:
    """The roster for serving: members with errors are left out (they cannot log in)."""
    roster, _ = read_roster(path, parameters)
    return roster


def check_roster(path: Path, parameters: Path | None = None) -> list[Finding]:
    return read_roster(path, parameters)[1]
