"""Findings: what validation reports, as values.

Validation never raises for bad data; it returns a list of Finding, all collected at once. A
finding names its place twice: as printed on paper (table, row and column labels) for the
clerk, and as file + YAML key (+ line) for whoever edits the file by hand.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kit.messages import findings as say


class Severity(enum.StrEnum):
    """错误 blocks a build; 提示 asks the clerk to look (and can be acknowledged with a reason).

    >>> Severity.WARNING.printed
    '提示'
    """

    ERROR = "error"
    WARNING = "warning"

    @property
    def printed(self) -> str:
        return say.SEVERITY[self.value]


class RuleId(enum.StrEnum):
    """The ids of the kit's own checks, as Finding.rule (validation, checking, the document checks).

    A spec's rules (balance, sum_down, …) keep the ids their edition gives them (editions/*.yaml);
    these are the checks written in code. The values are what files and JSON output carry (an
    acknowledged warning's id in a year file, ``kit check --json``), so they never change.

    >>> RuleId.BLANK == "blank", f"{RuleId.LOAD}@body.yaml"
    (True, 'load@body.yaml')
    """

    BLANK = "blank"  # a cell, figure or prose section left blank (validation)
    CLAIM_PARTS = "claim_parts"
    CLAIM_PERCENT = "claim_percent"
    DATE_FORMAT = "date_format"
    EDITION_YEAR = "edition_year"  # the edition does not match the report's year
    IMPORT = "import"  # a published report or workbook that cannot be imported (kit import)
    IMPORT_BODY = "import_body"
    IMPORT_CELL = "import_cell"
    IMPORT_FIGURES = "import_figures"
    IMPORT_PROSE = "import_prose"
    IMPOSSIBLE_DATE = "impossible_date"
    LEGACY_CONTENTS = "legacy_contents"
    LOAD = "load"  # a file that cannot be read (store, checking, batch, documents)
    NOTICE_CITATION = "notice_citation"
    PLACEHOLDER = "placeholder"  # a ${...} that names nothing or a blank figure
    PREVIOUS_UNREADABLE = "previous_unreadable"  # last year's file cannot be read: cross-year checks skipped
    PROSE_FIGURE = "prose_figure"
    REFUSED = "refused"  # a value the form refused to save
    REPORT_DATE = "report_date"
    SECTION_COUNT = "section_count"
    SECTION_MISSING = "section_missing"
    SECTION_ORDER = "section_order"
    SECTION_TITLE = "section_title"
    SIMILAR_OTHER_BODY = "similar_other_body"
    SIMILAR_PREVIOUS_YEAR = "similar_previous_year"
    STATISTICS_PERIOD = "statistics_period"
    TABLE_CELL = "table_cell"
    TABLE_LABEL = "table_label"
    TABLE_MISSING = "table_missing"
    TABLE_ROW = "table_row"
    TABLE_SUBTOTAL = "table_subtotal"
    TABLE_UNIT = "table_unit"
    TABLE_UNREADABLE = "table_unreadable"
    TEMPLATE_LEFTOVER = "template_leftover"
    TITLE_YEAR = "title_year"
    YEAR_MENTION = "year_mention"


@dataclass(frozen=True)
class Finding:
    """One problem, named twice: as printed (table, row, column) and as file + YAML key + line.

    >>> from kit.findings import error
    >>> f = error("balance", "应为 5（各项之和），实为 4", key="tables.applications.total.natural", printed="（七）总计 / 自然人")
    >>> f.severity.printed, f.printed
    ('错误', '（七）总计 / 自然人')
    """

    severity: Severity
    rule: str  # a RuleId (the kit's own checks) or a spec rule's id from its edition, e.g. "balance"
    message: str  # Chinese: what was found and what was expected
    key: str | None = None  # YAML key path, e.g. "tables.applications.new.total"
    printed: str | None = None  # the place as printed, e.g. "三、收到和处理… › 一、本年新收… › 总计"
    file: Path | None = None
    line: int | None = None
    acknowledged: str | None = None  # the reason, when a warning was acknowledged

    @property
    def id(self) -> str:
        """Stable identity, used to acknowledge a warning in the year's file."""
        return f"{self.rule}@{self.key or ''}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def with_file(self, file: Path | None, line: int | None = None) -> Finding:
        return replace(self, file=file if self.file is None else self.file, line=line if self.line is None else self.line)

    def describe(self, *, source: bool = True, line: bool = True, root: Path | None = None) -> str:
        """The finding in one line, as kit check, the draft's appendix and the summary print it:
        ``[错误][已确认：…] place：message（文件 F 第N行，键 K）``.

        `source=False` leaves out the file and the YAML key (where a heading already names the
        file, or for a reader who never edits it); `line=False` the line number too; `root` prints
        the file relative to that folder.

        >>> f = error("blank", "未填写", key="figures.x", printed="主动公开", file=Path("甲镇/2021.yaml"), line=3)
        >>> f.describe()
        '[错误] 主动公开：未填写（文件 甲镇/2021.yaml 第3行，键 figures.x）'
        >>> f.describe(source=False), f.describe(source=False, line=False), f.describe(root=Path("甲镇"))
        ('[错误] 主动公开：未填写（第3行）', '[错误] 主动公开：未填写', '[错误] 主动公开：未填写（文件 2021.yaml 第3行，键 figures.x）')
        """
        head = f"[{self.severity.printed}]"
        if self.acknowledged:
            head += say.acknowledged(self.acknowledged)
        where = f"{self.printed}：" if self.printed else ""
        number = self.line if line else None
        tail = []
        if source and self.file:
            tail.append(say.in_file(_relative(self.file, root), number))
        elif number:
            tail.append(say.at_line(number))
        if source and self.key:
            tail.append(say.at_key(self.key))
        suffix = f"（{'，'.join(tail)}）" if tail else ""
        return f"{head} {where}{self.message}{suffix}"

    def as_json(self) -> dict[str, Any]:
        return {
            "severity": self.severity.value,
            "rule": self.rule,
            "id": self.id,
            "message": self.message,
            "where": self.printed,
            "key": self.key,
            "file": str(self.file) if self.file else None,
            "line": self.line,
            "acknowledged": self.acknowledged,
        }


class HasFindings:
    """What every outcome that carries findings offers: a checked report or document, the form's
    check, a body of the county summary, a report a batch refused. One definition of which of
    its findings are errors, warnings, open or acknowledged, instead of one per outcome.

    A subclass (a dataclass) holds them, in order, in its field `findings`.

    >>> from dataclasses import dataclass
    >>> @dataclass
    ... class Outcome(HasFindings):
    ...     findings: list[Finding]
    >>> done = Outcome([error("blank", "未填写"), warning("renamed", "名称改变", acknowledged="已核实"), warning("items", "条数减少")])
    >>> len(done.errors), len(done.warnings), [f.rule for f in done.open_warnings], [f.rule for f in done.acknowledged]
    (1, 2, ['items'], ['renamed'])
    """

    findings: Sequence[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        """Every warning, the acknowledged ones included."""
        return [f for f in self.findings if not f.is_error]

    @property
    def open_warnings(self) -> list[Finding]:
        """Warnings not acknowledged yet: what still asks the clerk to look."""
        return [f for f in self.findings if not f.is_error and not f.acknowledged]

    @property
    def acknowledged(self) -> list[Finding]:
        """Warnings the clerk acknowledged, with a reason (only a warning can be)."""
        return [f for f in self.findings if f.acknowledged]

    def verdict(self) -> str:
        """This outcome in a line, as kit check prints it: 通过 (or N 个错误), N 条提示, N 条已确认."""
        return say.status(len(self.errors), len(self.open_warnings), len(self.acknowledged))

    def listed(self, *, verbose: bool = False) -> list[Finding]:
        """The findings kit check lists: all with --verbose, else without the acknowledged warnings."""
        return list(self.findings) if verbose else [f for f in self.findings if not f.acknowledged]


@dataclass
class Tally:
    """kit check's last line, counted as the outcomes come (parameter files or documents alike)."""

    checked: int = 0
    failed: int = 0
    errors: int = 0
    open_warnings: int = 0

    def add(self, outcome: HasFindings) -> None:
        self.checked += 1
        self.failed += bool(outcome.errors)
        self.errors += len(outcome.errors)
        self.open_warnings += len(outcome.open_warnings)

    def line(self) -> str:
        return say.tally(self.checked, self.failed, self.errors, self.open_warnings)


def tally(outcomes: Sequence[HasFindings]) -> str:
    """The last line of kit check over `outcomes`: checked, passed, failed; errors and open warnings."""
    counted = Tally()
    for outcome in outcomes:
        counted.add(outcome)
    return counted.line()


def error(rule: str, message: str, **where: Any) -> Finding:
    return Finding(Severity.ERROR, rule, message, **where)


def warning(rule: str, message: str, **where: Any) -> Finding:
    return Finding(Severity.WARNING, rule, message, **where)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.is_error for f in findings)


def _relative(path: Path, root: Path | None) -> Path:
    if root is not None:
        try:
            return Path(path).relative_to(root)
        except ValueError:
            pass
    return path


def open_findings(findings: list[Finding]) -> list[Finding]:
    """Errors and warnings not yet acknowledged: what still needs the clerk's attention."""
    return [f for f in findings if not f.acknowledged]
