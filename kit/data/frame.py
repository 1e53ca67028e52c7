"""The figures as data: every cell and figure of any bodies and years in one tidy pandas frame.

    >>> from kit.data.frame import load_frame
    >>> df = load_frame("parameters", ["微山县"], years=range(2019, 2026))
    >>> df[(df.table == "applications") & (df.row == "new") & (df.column == "total")].groupby("year").value.sum()

One row per cell or figure of each report (blanks included, as NaN), with the keys (``table``,
``row``, ``column``, and ``key``, the name a ``${...}`` placeholder uses) and the labels as
printed (``table_label``, ``block_label``, ``row_label``, ``column_label``). Computed totals
(the 总计 column, （七）总计, …) are included with ``computed`` True, so sums over a frame must
filter them out (``df[~df.computed]``) or pick them alone. Figures quoted in prose are table
``figures``: row = figure id, column ``value`` (or, for a breakdown, one row per item with the
item's name as column).

``value`` is float64: counts are whole numbers, money (万元 / 元) has at most four decimals, and
both are below 10^8, so every value survives the float exactly (``repr`` gives it back), which
is what `values_from_frame` relies on to turn a frame back into the parameters it came from.

The frame is built from the parameter files only; reading it needs no kernel. Columns are
pandas' default string dtype (pandas 3), ``year`` int64, ``computed`` bool.
"""

from __future__ import annotations

import difflib
import io
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from kit.errors import KitError, PathError
from kit.figures import resolve_cells
from kit.messages import data as msg
from kit.report import BodyRef, BreakdownItem, YearReport, check_name
from kit.spec import load_spec
from kit.store import Store
from kit.store.yearfile import YEAR_KEYS
from kit.values import Number, Refused, parse_figure

if TYPE_CHECKING:
    import pandas as pd

FIGURES_TABLE = "figures"
SCALAR_COLUMN = "value"
COLUMNS = (
    "body",
    "full_name",
    "county",
    "level",
    "year",
    "edition",
    "table",
    "row",
    "column",
    "key",
    "value",
    "unit",
    "computed",
    "table_label",
    "block_label",
    "row_label",
    "column_label",
)
COLUMN_NOTES = msg.COLUMN_NOTES  # explained in the Excel file's second sheet and in `kit export-data --help`
FIGURE_VALUE_LABEL = msg.FIGURE_VALUE_LABEL

Selection = str | BodyRef | Iterable[str | BodyRef] | None
Years = int | str | Iterable[int] | None


# ---------------------------------------------------------------------------------------------
# choosing bodies and years


def parse_years(text: str) -> list[int]:
    """ "2019-2025", "2021", "2019,2021-2022" -> sorted years; refuses anything else in Chinese."""
    years: set[int] = set()
    for part in re.split(r"[,，、\s]+", str(text).strip()):
        if not part:
            continue
        m = re.fullmatch(r"(\d{4})(?:\s*[-–~至]\s*(\d{4}))?", part)
        if m is None:
            raise KitError(msg.years_malformed(part))
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        if last < first:
            raise KitError(msg.years_reversed(part))
        years.update(range(first, last + 1))
    if not years:
        raise KitError(msg.NO_YEARS)
    return sorted(years)


def _years(years: Years) -> set[int] | None:
    if years is None:
        return None
    if isinstance(years, str):
        return set(parse_years(years))
    if isinstance(years, int):
        return {int(years)}
    return {int(y) for y in years}


def select_bodies(store: Store, selection: Selection = None) -> list[BodyRef]:
    """The bodies named by `selection`: None (all), a county, "县/主体", a BodyRef, or a list of these."""
    if selection is None:
        return store.bodies()
    items = [selection] if isinstance(selection, (str, BodyRef)) else list(selection)
    out: list[BodyRef] = []
    for item in items:
        for ref in _select_one(store, item):
            if ref not in out:
                out.append(ref)
    return out


def _select_one(store: Store, item: str | BodyRef) -> list[BodyRef]:
    if isinstance(item, BodyRef) or "/" in str(item).strip().strip("/"):
        ref = item if isinstance(item, BodyRef) else BodyRef.parse(str(item))
        known = store.bodies(ref.county) if (store.root / ref.county).is_dir() else []
        if ref not in known:
            raise PathError(msg.no_such_body(store.root, ref) + _hint(ref.body, [r.body for r in known], msg.BODY))
        return [ref]
    county = check_name(str(item).strip(), msg.COUNTY)
    if county not in store.counties():
        raise PathError(msg.no_such_county(store.root, county) + _hint(county, store.counties(), msg.COUNTY))
    return store.bodies(county)


def _hint(name: str, known: list[str], what: str) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    if close:
        return msg.did_you_mean(close[0])
    return msg.known_ones(what, known) if known else ""


def _store(store_or_root: Store | Path | str) -> Store:
    return store_or_root if isinstance(store_or_root, Store) else Store(store_or_root)


@dataclass
class Loaded:
    """The reports a selection names, and the files that could not be read (with why)."""

    reports: list[YearReport] = field(default_factory=list)
    failures: list[tuple[Path, str]] = field(default_factory=list)


def load_reports(store_or_root: Store | Path | str, selection: Selection = None, years: Years = None) -> Loaded:
    """Every readable report of the selection, body by body, in year order."""
    store = _store(store_or_root)
    wanted = _years(years)
    out = Loaded()
    for ref in select_bodies(store, selection):
        try:
            body = store.load_body(ref)
        except KitError as exc:  # unreadable, or a link out of the parameters folder
            out.failures.append((store.root / ref.county / ref.body / "body.yaml", str(exc)))
            continue
        for year in store.years(ref):
            if wanted is not None and year not in wanted:
                continue
            try:
                out.reports.append(store.load_year(ref, year, body))
            except KitError as exc:
                out.failures.append((store.year_file(ref, year), str(exc)))
    return out


# ---------------------------------------------------------------------------------------------
# reports -> rows


def report_rows(report: YearReport) -> Iterator[dict[str, Any]]:
    """The frame's rows for one report, in spec order: tables first, then figures."""
    spec = report.spec
    body = report.body
    base = {
        "body": body.ref.body,
        "full_name": body.full_name,
        "county": body.ref.county,
        "level": body.level,
        "year": report.year,
        "edition": report.edition,
    }
    values = resolve_cells(spec, report)
    for cell in spec.cells():
        yield base | {
            "table": cell.table.id,
            "row": cell.row.id,
            "column": cell.column.id,
            "key": f"tables.{cell.key}",
            "value": _float(values.get(cell.key)),
            "unit": cell.column.unit,
            "computed": cell.computed,
            "table_label": cell.table.printed,
            "block_label": cell.block.label or "",
            "row_label": cell.row.printed,
            "column_label": " ".join(cell.column.path),
        }
    figure_base = base | {"table": FIGURES_TABLE, "computed": False, "table_label": YEAR_KEYS["figures"], "block_label": ""}
    for fig in spec.figures:
        common = figure_base | {"row": fig.id, "unit": fig.unit, "row_label": fig.label}
        raw = report.figures.get(fig.id)
        if fig.kind == "breakdown":
            for item in raw or []:
                yield common | {"column": item.name, "key": f"figures.{fig.id}.{item.name}", "value": _float(item.count), "column_label": item.name}
        else:
            yield common | {"column": SCALAR_COLUMN, "key": f"figures.{fig.id}", "value": _float(raw), "column_label": FIGURE_VALUE_LABEL}


def _float(value: Number | None) -> float:
    return math.nan if value is None else float(value)


def frame_of(reports: Iterable[YearReport]) -> pd.DataFrame:
    """The tidy frame of some reports already loaded (see module docstring for the columns)."""
    import pandas as pd

    rows = [row for report in reports for row in report_rows(report)]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    frame["computed"] = frame["computed"].astype("bool")
    for name in COLUMNS:
        if name not in ("year", "value", "computed"):
            frame[name] = frame[name].astype("str")
    return frame


def load_frame(
    store_or_root: Store | Path | str,
    selection: Selection = None,
    years: Years = None,
    *,
    errors: Literal["raise", "skip"] = "raise",
) -> pd.DataFrame:
    """Every cell and figure of the selected bodies and years, one row each.

    >>> from kit import paths
    >>> frame = load_frame(paths.CHECKOUT / "parameters", "青禾县/云溪镇", years=2025)
    >>> frame[["body", "year", "table", "row", "column", "value"]].iloc[0].to_dict()["table"]
    'proactive'

    selection: None for every body in the store, a county ("微山县"), a body ("微山县/驩城镇" or a
    BodyRef), or a list of these. years: None for all, a year, an iterable, or text "2019-2025".
    A file that cannot be read raises one KitError naming every such file (errors="raise"), or is
    left out and listed in ``frame.attrs["skipped"]`` as (file, reason) (errors="skip").
    """
    loaded = load_reports(store_or_root, selection, years)
    if loaded.failures and errors == "raise":
        raise KitError(msg.files_unreadable(len(loaded.failures), [reason for _, reason in loaded.failures]))
    frame = frame_of(loaded.reports)
    frame.attrs["skipped"] = [(str(path), reason) for path, reason in loaded.failures]
    return frame


# ---------------------------------------------------------------------------------------------
# the frame -> parameters (round trip)


@dataclass
class FrameValues:
    """What one report's rows of a frame hold: typed cells and figures, as YearReport keeps them."""

    edition: str
    cells: dict[str, Number | None] = field(default_factory=dict)  # input cells only, "table.row.column"
    figures: dict[str, Any] = field(default_factory=dict)


def _number(value: Any, kind: str, where: str) -> Number | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        import pandas as pd

        if value is pd.NA:
            return None
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    if isinstance(value, float) and kind != "money" and value.is_integer():
        value = int(value)
    elif hasattr(value, "item"):  # numpy scalars
        value = value.item()
    try:
        return parse_figure(value, kind)
    except Refused as exc:
        raise KitError(f"{where}：{exc}") from None


def values_from_frame(frame: pd.DataFrame) -> dict[tuple[BodyRef, int], FrameValues]:
    """Turn a frame (from load_frame, or read back from its CSV/Excel) into each report's values.

    Computed totals are skipped: they follow from the cells. Blanks come back as None. A value
    that cannot be a figure of its cell (a fraction in a count, a negative) raises KitError.
    """
    out: dict[tuple[BodyRef, int], FrameValues] = {}
    for record in frame.to_dict("records"):
        ref = BodyRef(str(record["county"]), str(record["body"]))
        year = int(record["year"])
        edition = str(record["edition"])
        spec = load_spec(edition)
        entry = out.setdefault((ref, year), FrameValues(edition))
        if entry.edition != edition:
            raise KitError(msg.editions_differ(ref, year, entry.edition, edition))
        where = msg.where_in_frame(ref, year, record["key"])
        if record["table"] == FIGURES_TABLE:
            fig = spec.figure(str(record["row"]))
            if fig.kind == "breakdown":
                entry.figures.setdefault(fig.id, []).append(BreakdownItem(str(record["column"]), _number(record["value"], "count", where)))
            else:
                entry.figures[fig.id] = _number(record["value"], fig.kind, where)
            continue
        if _truthy(record["computed"]):
            continue
        key = f"{record['table']}.{record['row']}.{record['column']}"
        cell = spec.cell_index.get(key)
        if cell is None:
            raise KitError(msg.no_such_cell(where, spec.name))
        entry.cells[key] = _number(record["value"], cell.column.kind, where)
    for entry in out.values():
        for fig in load_spec(entry.edition).figures:
            if fig.kind == "breakdown":
                entry.figures.setdefault(fig.id, [])
    return out


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


def apply_values(report: YearReport, values: FrameValues) -> YearReport:
    """A copy of `report` whose cells and figures are those of the frame (prose etc. kept)."""
    import dataclasses

    if values.edition != report.edition:
        raise KitError(msg.edition_of_data_differs(report.body.ref, report.year, values.edition, report.edition))
    return dataclasses.replace(report, cells=dict(values.cells), figures=dict(values.figures))


# ---------------------------------------------------------------------------------------------
# key figures as a frame (for trends and the county summary)


def key_frame(reports: Iterable[YearReport]) -> pd.DataFrame:
    """One row per key figure (see key_figures.py) of each report: body, year, key, label, value."""
    import pandas as pd

    from kit.data.key_figures import key_figures

    rows = []
    for report in reports:
        for k in key_figures(report):
            rows.append(
                {
                    "body": report.body.ref.body,
                    "county": report.body.ref.county,
                    "level": report.body.level,
                    "year": report.year,
                    "edition": report.edition,
                    "key": k.key,
                    "group": k.group,
                    "label": k.label,
                    "short": k.short,
                    "unit": k.unit,
                    "value": _float(k.value),
                }
            )
    columns = ["body", "county", "level", "year", "edition", "key", "group", "label", "short", "unit", "value"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    return frame


# ---------------------------------------------------------------------------------------------
# writing CSV and Excel


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens the Chinese correctly; values printed exactly."""
    out = frame.copy()
    out["value"] = [format_value(v) for v in frame["value"]]
    return out.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def format_value(value: Any) -> str:
    """12, 0.35, blank: how a value prints in the CSV (never 12.0)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if float(value).is_integer():
        return str(int(value))
    return format(Decimal(repr(float(value))).normalize(), "f")


def xlsx_bytes(frame: pd.DataFrame) -> bytes:
    """An Excel workbook: sheet 数据 (the frame, header frozen, filters on) and sheet 字段说明."""
    import pandas as pd

    buffer = io.BytesIO()
    notes = pd.DataFrame({msg.NOTES_HEADERS[0]: list(COLUMN_NOTES), msg.NOTES_HEADERS[1]: list(COLUMN_NOTES.values())})
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=msg.DATA_SHEET, index=False)
        notes.to_excel(writer, sheet_name=msg.NOTES_SHEET, index=False)
        sheet = writer.sheets[msg.DATA_SHEET]
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        widths = {"full_name": 24, "table_label": 30, "row_label": 40, "column_label": 28, "key": 36, "block_label": 18}
        for i, name in enumerate(frame.columns, start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=i).column_letter].width = widths.get(name, 12)
        writer.sheets[msg.NOTES_SHEET].column_dimensions["A"].width = 16
        writer.sheets[msg.NOTES_SHEET].column_dimensions["B"].width = 48
    return buffer.getvalue()


WRITERS = {"csv": csv_bytes, "xlsx": xlsx_bytes}


def export_name(selection: Selection, years: Years, frame: pd.DataFrame) -> str:
    """A file name that says what is inside: 微山县_2019-2025, 微山县-驩城镇_2021, 全部_2018-2025."""
    if selection is None:
        what = msg.EVERYTHING
    else:
        items = [selection] if isinstance(selection, (str, BodyRef)) else list(selection)
        what = "+".join(str(i).strip().strip("/").replace("/", "-") for i in items) or msg.EVERYTHING
    found = sorted(set(int(y) for y in frame["year"])) if len(frame) else sorted(_years(years) or [])
    span = "" if not found else (f"{found[0]}" if found[0] == found[-1] else f"{found[0]}-{found[-1]}")
    name = f"{what}_{span}" if span else what
    return re.sub(r"[\\/:*?\"<>|\0]", "_", name)[:120]


def write_exports(frame: pd.DataFrame, out_dir: Path, name: str, formats: Iterable[str]) -> list[Path]:
    """Write the frame as each format, atomically (a reader never sees half a file)."""
    from kit.yamlio import write_bytes_atomic

    written = []
    for fmt in formats:
        if fmt not in WRITERS:
            raise KitError(msg.unknown_format(fmt, WRITERS))
        path = Path(out_dir) / f"{name}.{fmt}"
        write_bytes_atomic(path, WRITERS[fmt](frame))
        written.append(path)
    return written
