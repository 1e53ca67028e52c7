"""Deadlines by level, from data (kit/cycle/deadlines.yaml, 条例 第四十九条), and the county's own.

A county may set an earlier deadline for its towns and streets in ``parameters/<县>/county.yaml``
(``town_deadline: 2月20日``). Whether a body is late is decided on a day passed in (`today`),
never on the clock inside, so tests and the board say the same on any day.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kit import paths, yamlio
from kit.errors import KitError, SpecError
from kit.messages import cycle as msg
from kit.store import Store
from kit.store.record import Action, Record, State

DEADLINES_FILE = paths.KIT_DIR / "cycle" / "deadlines.yaml"
COUNTY_FILE = "county.yaml"
_ORDER = [State.DRAFT, State.RETURNED, State.SUBMITTED, State.APPROVED, State.PUBLISHED]


@dataclass(frozen=True)
class Rule:
    level: str
    month: int
    day: int
    met_by: State  # the state that meets the deadline (已提交: sent to the county; 已发布: made public)
    basis: str
    county_setting: str | None = None


@dataclass(frozen=True)
class Deadline:
    due: dt.date
    met_by: State
    basis: str

    def days_left(self, today: dt.date) -> int:
        return (self.due - today).days


@dataclass(frozen=True)
class Standing:
    """Where a body stands against its deadline on `today`."""

    deadline: Deadline
    met_on: dt.date | None  # the day the deadline's state was first reached, if it was
    today: dt.date

    @property
    def overdue(self) -> bool:
        """Late and still not done (what `kit status --overdue` lists)."""
        return self.met_on is None and self.today > self.deadline.due

    @property
    def late(self) -> bool:
        """Done late, or not done and past the deadline."""
        return self.overdue or (self.met_on is not None and self.met_on > self.deadline.due)

    def describe(self) -> str:
        if self.met_on is not None:
            days = (self.met_on - self.deadline.due).days
            return msg.met_late(days) if days > 0 else msg.met_on_time()
        left = self.deadline.days_left(self.today)
        return msg.days_overdue(-left) if left < 0 else msg.days_left(left)

    def as_json(self) -> dict[str, Any]:
        return {
            "due": self.deadline.due.isoformat(),
            "met_by": self.deadline.met_by.value,
            "basis": self.deadline.basis,
            "met_on": self.met_on.isoformat() if self.met_on else None,
            "days_left": self.deadline.days_left(self.today),
            "overdue": self.overdue,
            "late": self.late,
            "text": self.describe(),
        }


def _month_day(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*(\d{1,2})\s*(?:-|\u6708)\s*(\d{1,2})\s*\u65e5?\s*", str(text))  # 2月20日 or 02-20
    if not m:
        raise ValueError(text)
    month, day = int(m.group(1)), int(m.group(2))
    dt.date(2001, month, day)  # raises ValueError for 2月30日; 2月29日 is not accepted either (2001)
    return month, day


@functools.cache
def rules(file: Path = DEADLINES_FILE) -> dict[str, Rule]:
    data = yamlio.load_yaml_text(file.read_text(encoding="utf-8"), file, error=SpecError)
    out = {}
    for level, item in (data.get("levels") or {}).items():
        try:
            month, day = _month_day(item["due"])
            out[str(level)] = Rule(str(level), month, day, State(item["met_by"]), str(item["basis"]), item.get("county_setting"))
        except (KeyError, ValueError, TypeError) as exc:
            raise SpecError(msg.deadlines_file_bad(file, str(level), exc)) from None
    return out


def county_settings(store: Store, county: str) -> Mapping[str, Any]:
    file = store.root / county / COUNTY_FILE
    if not file.is_file():
        return {}
    text, _ = yamlio.read_text(file)
    data = yamlio.load_yaml_text(text, file)
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise KitError(msg.county_file_not_a_mapping(file))
    return data


def deadline_for(store: Store, county: str, level: str, year: int) -> Deadline:
    """The deadline of a body's report for `year` (due in the next year)."""
    rule = rules().get(level)
    if rule is None:
        raise KitError(msg.deadline_unknown_level(level))
    month, day, basis = rule.month, rule.day, rule.basis
    if rule.county_setting:
        setting = county_settings(store, county).get(rule.county_setting)
        if setting is not None:
            try:
                month, day = _month_day(str(setting))
            except ValueError:
                raise KitError(msg.deadline_config_bad(store.root / county / COUNTY_FILE, msg.not_a_date(setting))) from None
            basis = msg.county_rule(county, COUNTY_FILE, rule.county_setting)
    return Deadline(dt.date(int(year) + 1, month, day), rule.met_by, basis)


_REACHES = {Action.SUBMIT: State.SUBMITTED, Action.APPROVE: State.APPROVED, Action.PUBLISH: State.PUBLISHED}


def met_on(record: Record, state: State) -> dt.date | None:
    """The first day the record reached `state` (or a later one), in the time zone it was recorded in."""
    for event in record.events:
        reached = _REACHES.get(event.action)
        if reached is not None and _ORDER.index(reached) >= _ORDER.index(state):
            return event.at.date()
    return None


def standing(store: Store, record: Record, level: str, today: dt.date) -> Standing:
    deadline = deadline_for(store, record.ref.county, level, record.year)
    return Standing(deadline, met_on(record, deadline.met_by), today)
