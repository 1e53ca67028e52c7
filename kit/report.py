"""The data model of a report: which body (BodyRef, Body) and one body's year (YearReport).

Plain values with no I/O: kit.store reads and writes them as YAML files, the validator, the
document builder, the form and the data frame read them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit.errors import PathError
from kit.messages import store as store_says
from kit.spec import Spec, load_spec
from kit.values import Number

BODY_FIELDS = store_says.BODY_FIELDS
REQUIRED_BODY_FIELDS = ("name", "full_name", "level", "county")



def check_name(name: str, what: str) -> str:
    """A county or body folder name: refuses anything that could leave its folder."""
    if not isinstance(name, str) or not name.strip():
        raise PathError(store_says.empty_name(what))
    bad = [c for c in name if c in "/\\\0" or ord(c) < 32 or ord(c) == 127]
    if bad or name in (".", "..") or name.startswith(".") or name != name.strip() or len(name) > 60:
        raise PathError(store_says.unusable_name(what, name))
    return name


@dataclass(frozen=True)
class BodyRef:
    """Which body: its county folder and its own folder, written "县/主体"; unsafe names are refused.

    >>> BodyRef.parse("微山县/驩城镇")
    BodyRef(county='微山县', body='驩城镇')
    >>> BodyRef.parse("../etc")
    Traceback (most recent call last):
    kit.errors.PathError: 县名称 '..' 不可用：不能含有 / \\ 控制字符，不能以 . 开头，不能超过60个字
    """

    county: str
    body: str

    @classmethod
    def parse(cls, text: str) -> BodyRef:
        text = str(text).strip()
        if text.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:", text):
            raise PathError(store_says.absolute_body(text))
        parts = text.rstrip("/").split("/")
        if len(parts) != 2:
            raise PathError(store_says.not_county_and_body(text))
        return cls(check_name(parts[0], store_says.COUNTY), check_name(parts[1], store_says.BODY))

    def __str__(self) -> str:
        return f"{self.county}/{self.body}"


@dataclass(frozen=True)
class Body:
    """A body's profile (body.yaml): names as printed, level, contact details.

    >>> from kit import paths
    >>> from kit.store import Store
    >>> body = Store(paths.CHECKOUT / "parameters").load_body(BodyRef("微山县", "驩城镇"))
    >>> body.full_name, body.level, body.phone
    ('微山县驩城镇人民政府', '镇', '0537-8611001')
    """

    ref: BodyRef
    name: str
    full_name: str
    level: str
    county: str
    address: str | None = None
    postcode: str | None = None
    phone: str | None = None
    website: str | None = None
    website_name: str | None = None
    contact_office: str | None = None
    email: str | None = None
    fictional: bool = False
    renamed_in: tuple[int, ...] = ()
    note: str | None = None

    def field(self, key: str) -> str | None:
        value = getattr(self, key, None) if key in BODY_FIELDS else None
        return None if value is None else str(value)


@dataclass
class BreakdownItem:
    name: str
    count: Number | None


@dataclass
class YearReport:
    """One body's figures and prose for one year, as typed (blanks are None).

    >>> from kit import paths
    >>> from kit.store import Store
    >>> report = Store(paths.CHECKOUT / "parameters").load_year(BodyRef("青禾县", "云溪镇"), 2025)
    >>> report.spec.name, report.cells["applications.new.natural"]
    ('2021年版格式', 6)
    """

    body: Body
    year: int
    edition: str
    cells: dict[str, Number | None] = field(default_factory=dict)  # "table.row.column"
    figures: dict[str, Any] = field(default_factory=dict)  # count/money, or list[BreakdownItem]
    prose: dict[str, str | None] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    run_in: list[str] = field(default_factory=list)
    acknowledged: dict[str, str] = field(default_factory=dict)  # finding id -> reason
    date: dt.date | None = None  # the date printed in the signature (落款); set when published
    file: Path | None = None
    digest: str | None = None  # of the file's bytes when read, None if never saved
    lines: dict[str, int] = field(default_factory=dict)  # YAML key -> line, for messages

    @property
    def spec(self) -> Spec:
        return load_spec(self.edition)
