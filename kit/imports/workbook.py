"""The county's Excel form: a year written as a workbook laid out like the printed tables, and read back.

`kit template BODY YEAR --to xlsx` writes one sheet per table (表二, 表三, 表四), laid out as the
report prints it: block labels across, header cells merged from the spec's label paths (申请人情况
› 法人或其他组织 › 商业企业), row-group labels merged down. Labels and computed totals are locked
(the sheet is protected without a password, so a clerk cannot overwrite them by accident);
totals are formulas that stay blank until all their parts are filled, as the kit computes them;
every input cell accepts only what the year file accepts (data validation: whole numbers ≥ 0,
amounts ≥ 0, changes as whole numbers). Blank cells stay blank. Last year's carry-over (上年结转,
上一年项目数量) is filled in. The prose sections are on a sheet of their own (正文), and the
figures only the prose quotes (本年主动公开总数, 信息处理费 …) on another (正文数字).

`kit import filled.xlsx` finds the body and year on the 说明 sheet, recomputes the same layout,
checks that every label is where it was put (a row inserted or a header retyped is named, with
the label expected), reads every input cell through the year file's own parser (values.py: text,
"/", negative and fractional counts refused) and then through validate(), and names each problem
by sheet and cell (表三!D12) and by the printed row and column. A workbook with a problem in any
cell writes nothing. Workbooks saved again by WPS or LibreOffice read the same (the layout is
found from the cells, not from anything only openpyxl writes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit.errors import KitError, PathError, UsageError
from kit.findings import Finding, RuleId, error
from kit.messages import imports as msg
from kit.report import BodyRef, BreakdownItem, YearReport
from kit.spec import Block, Spec, Table, load_spec
from kit.store import Store, dump_year
from kit.store.new_year import blank_year
from kit.values import Number, Refused, parse_figure

BREAKDOWN_ROWS = 12
_INFO_KEYS = {label: key for key, label in msg.INFO_LABELS.items()}


# ---------------------------------------------------------------------------------------------
# layout: the same function places the cells when writing and finds them when reading


@dataclass
class SheetLayout:
    name: str
    labels: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) -> label text
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1
    cells: dict[str, tuple[int, int]] = field(default_factory=dict)  # "table.row.column" -> (row, column)
    width: int = 0
    height: int = 0


def sheet_name(table: Table) -> str:
    return msg.table_named(table.number.rstrip("、"))


def table_layout(table: Table) -> SheetLayout:
    out = SheetLayout(sheet_name(table))
    out.labels[(1, 1)] = f"{table.number}{table.title}"
    r = 3
    total_width = 0
    for block in table.blocks:
        r, width = _block_layout(table, block, r, out)
        total_width = max(total_width, width)
        r += 1
    out.merges.append((1, 1, 1, max(total_width, 1)))
    out.width, out.height = total_width, r
    return out


def _runs(paths: Sequence[tuple[str, ...]], level: int) -> list[tuple[int, int]]:
    """Consecutive positions whose paths agree up to `level` (and reach it): (first, last)."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, p in enumerate(paths):
        if len(p) <= level:
            if start is not None:
                runs.append((start, i - 1))
            start = None
            continue
        if start is not None and paths[start][: level + 1] == p[: level + 1]:
            continue
        if start is not None:
            runs.append((start, i - 1))
        start = i
    if start is not None:
        runs.append((start, len(paths) - 1))
    return runs


def _block_layout(table: Table, block: Block, r: int, out: SheetLayout) -> tuple[int, int]:
    columns = [c.path for c in block.columns]
    rows = [row.path for row in block.rows] if table.row_labels else []
    height = max(len(p) for p in columns)
    left = max((len(p) for p in rows), default=0)
    width = left + len(columns)
    if block.label:
        out.labels[(r, 1)] = block.label
        out.merges.append((r, 1, r, width))
        r += 1
    if left:
        corner = table.row_header if block.label or not table.corner else table.corner
        out.labels[(r, 1)] = corner or ""
        if height > 1 or left > 1:
            out.merges.append((r, 1, r + height - 1, left))
    for level in range(height):
        for a, b in _runs(columns, level):
            out.labels[(r + level, left + 1 + a)] = columns[a][level]
            last_level = all(len(columns[i]) == level + 1 for i in range(a, b + 1))
            bottom = r + height - 1 if last_level else r + level
            if b > a or bottom > r + level:
                out.merges.append((r + level, left + 1 + a, bottom, left + 1 + b))
    r += height
    for level in range(left):
        for a, b in _runs(rows, level):
            out.labels[(r + a, level + 1)] = rows[a][level]
            if b > a:
                out.merges.append((r + a, level + 1, r + b, level + 1))
            elif len(rows[a]) == level + 1 and left > level + 1:
                out.merges.append((r + a, level + 1, r + a, left))
    for i, row in enumerate(block.rows if table.row_labels else block.rows[:1]):
        for j, column in enumerate(block.columns):
            out.cells[f"{table.id}.{row.id}.{column.id}"] = (r + i, left + 1 + j)
    return r + max(len(block.rows) if table.row_labels else 1, 1), width


# ---------------------------------------------------------------------------------------------
# writing


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    thin = Side(style="thin", color="000000")
    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "label_fill": PatternFill("solid", fgColor="E7E6E6"),
        "total_fill": PatternFill("solid", fgColor="D9D9D9"),
        "wrap": Alignment(wrap_text=True, vertical="center", horizontal="center"),
        "left": Alignment(wrap_text=True, vertical="center", horizontal="left"),
        "bold": Font(bold=True),
        "unlocked": Protection(locked=False),
    }


def _validation(kind: str) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    if kind == "money":
        v = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        v.error, v.prompt = msg.MONEY_ERROR, msg.MONEY_PROMPT
    elif kind == "delta":
        v = DataValidation(type="whole", operator="between", formula1="-100000000", formula2="100000000", allow_blank=True)
        v.error, v.prompt = msg.DELTA_ERROR, msg.DELTA_PROMPT
    else:
        v = DataValidation(type="whole", operator="between", formula1="0", formula2="100000000", allow_blank=True)
        v.error, v.prompt = msg.NUMBER_ERROR, msg.NUMBER_PROMPT
    v.errorTitle, v.promptTitle = msg.NUMBER_PROMPT_TITLE, msg.NUMBER_PROMPT_TITLE
    v.showErrorMessage = v.showInputMessage = True
    return v


def workbook_bytes(report: YearReport) -> bytes:
    """The form for `report` (its filled cells, carry-over included, written in)."""
    import io

    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    spec = report.spec
    st = _styles()
    wb = Workbook()
    info = wb.active
    info.title = msg.INFO_SHEET
    for i, line in enumerate(msg.info_lines(report.body.full_name, report.year, spec.name), start=1):
        cell = info.cell(i, 1, line)
        if i == 1:
            cell.font = st["bold"]
    base = len(msg.info_lines("", 0, "")) + 2
    info_values = {"body": str(report.body.ref), "year": report.year, "edition": spec.id}
    for i, (label, value) in enumerate(((msg.INFO_LABELS[k], v) for k, v in info_values.items()), start=base):
        info.cell(i, 1, label)
        info.cell(i, 2, value)
    info.column_dimensions["A"].width = 100
    info.protection.sheet = True
    for table in spec.tables:
        layout = table_layout(table)
        ws = wb.create_sheet(layout.name)
        for (r, c), text in layout.labels.items():
            cell = ws.cell(r, c, text)
            cell.alignment, cell.fill, cell.border = (st["left"] if c == 1 else st["wrap"]), st["label_fill"], st["border"]
        for r0, c0, r1, c1 in layout.merges:
            for rr in range(r0, r1 + 1):
                for cc in range(c0, c1 + 1):
                    ws.cell(rr, cc).border = st["border"]
                    ws.cell(rr, cc).fill = st["label_fill"]
            ws.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
        ws.cell(1, 1).font = st["bold"]
        validations: dict[str, Any] = {}
        for key, (r, c) in layout.cells.items():
            cell = ws.cell(r, c)
            cell.border, cell.alignment = st["border"], st["wrap"]
            parts = spec.formulas.get(key)
            if parts is not None:
                refs = [_ref(layout.cells[p]) for p in parts]
                cell.value = f'=IF(COUNT({",".join(refs)})={len(refs)},SUM({",".join(refs)}),"")'
                cell.fill = st["total_fill"]
                continue
            column = spec.cell_index[key].column
            value = report.cells.get(key)
            cell.value = _excel_value(value)
            cell.protection = st["unlocked"]
            if column.kind == "money":
                cell.number_format = "0.####"
            v = validations.get(column.kind)
            if v is None:
                v = validations[column.kind] = _validation(column.kind)
                ws.add_data_validation(v)
            v.add(cell)
        for c in range(1, layout.width + 1):
            ws.column_dimensions[get_column_letter(c)].width = 14 if c > 3 or not table.row_labels else 22
        ws.column_dimensions["A"].width = 26 if table.row_labels else 14
        ws.protection.sheet = True
    _figures_sheet(wb, report, st)
    _prose_sheet(wb, report, st)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _ref(position: tuple[int, int]) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(position[1])}{position[0]}"


def _excel_value(value: Number | None) -> Any:
    if value is None:
        return None
    return value if isinstance(value, int) else float(value)


def figures_layout(spec: Spec) -> tuple[dict[str, int], int | None]:
    """Rows of the 正文数字 sheet: figure id -> row (value in column C); the breakdown's first row."""
    rows: dict[str, int] = {}
    r = 2
    breakdown_start = None
    for fig in spec.figures:
        if fig.kind == "breakdown":
            continue
        rows[fig.id] = r
        r += 1
    if any(f.kind == "breakdown" for f in spec.figures):
        breakdown_start = r + 2
    return rows, breakdown_start


def _figures_sheet(wb: Any, report: YearReport, st: dict[str, Any]) -> None:
    spec = report.spec
    ws = wb.create_sheet(msg.FIGURES_SHEET)
    for c, text in enumerate(msg.FIGURES_HEADERS, start=1):
        ws.cell(1, c, text).fill = st["label_fill"]
    rows, start = figures_layout(spec)
    for fig in spec.figures:
        if fig.kind == "breakdown":
            continue
        r = rows[fig.id]
        ws.cell(r, 1, fig.label)
        ws.cell(r, 2, fig.unit)
        cell = ws.cell(r, 3, _excel_value(report.figures.get(fig.id)))  # type: ignore[arg-type]
        cell.protection, cell.border = st["unlocked"], st["border"]
        v = _validation(fig.kind)
        ws.add_data_validation(v)
        v.add(cell)
    if start is not None:
        fig = next(f for f in spec.figures if f.kind == "breakdown")
        ws.cell(start - 1, 1, f"{fig.label}（{fig.unit}）").font = st["bold"]
        for c, text in enumerate(msg.BREAKDOWN_HEADERS, start=1):
            ws.cell(start, c, text).fill = st["label_fill"]
        items = report.figures.get(fig.id) or []
        v = _validation("count")
        ws.add_data_validation(v)
        for i in range(BREAKDOWN_ROWS):
            item = items[i] if i < len(items) else None
            name = ws.cell(start + 1 + i, 1, item.name if item else None)
            count = ws.cell(start + 1 + i, 2, _excel_value(item.count) if item else None)
            for cell in (name, count):
                cell.protection, cell.border = st["unlocked"], st["border"]
            v.add(count)
    ws.column_dimensions["A"].width = 40
    ws.protection.sheet = True


def _prose_sheet(wb: Any, report: YearReport, st: dict[str, Any]) -> None:
    spec = report.spec
    ws = wb.create_sheet(msg.PROSE_SHEET)
    for c, text in enumerate(msg.PROSE_HEADERS, start=1):
        ws.cell(1, c, text).fill = st["label_fill"]
    for r, section in enumerate(spec.prose_sections(), start=2):
        ws.cell(r, 1, _section_label(spec, section.id)).alignment = st["left"]
        cell = ws.cell(r, 2, report.prose.get(section.id))
        cell.alignment, cell.protection, cell.border = st["left"], st["unlocked"], st["border"]
        ws.cell(r, 3, section.id)
        ws.row_dimensions[r].height = 120
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 100
    ws.column_dimensions["C"].hidden = True
    ws.protection.sheet = True


def _section_label(spec: Spec, section_id: str) -> str:
    for s in spec.sections:
        for sub in (s, *s.subsections):
            if sub.id == section_id:
                return f"{s.number}{s.title}" + (f" › {sub.number}{sub.title}" if sub is not s else "")
    return section_id


def write_templates(parameters: Path, target: str, year: int, output: Path | None) -> int:
    store = Store(parameters)
    if "/" in target:
        refs = [BodyRef.parse(target)]
    else:
        refs = store.bodies(target)
        if not refs:
            raise PathError(msg.not_in_parameters(store.root, target))
    folder = output if output is not None and len(refs) > 1 else (output.parent if output is not None else Path("exports") / msg.TEMPLATES_FOLDER)
    for ref in refs:
        report = _report_for(store, ref, year)
        path = output if output is not None and len(refs) == 1 else folder / ref.county / msg.template_file(ref.body, year)
        from kit.yamlio import write_bytes_atomic

        write_bytes_atomic(path, workbook_bytes(report))
        print(msg.template_written(str(path), 3 + len(report.spec.tables)))
    return 0


def _report_for(store: Store, ref: BodyRef, year: int) -> YearReport:
    body = store.load_body(ref)
    if store.year_file(ref, year).is_file():
        return store.load_year(ref, year, body)
    return blank_year(body, year, store.previous(blank_year(body, year, None)))


# ---------------------------------------------------------------------------------------------
# reading


@dataclass
class WorkbookRead:
    path: Path
    report: YearReport | None = None
    problems: list[str] = field(default_factory=list)  # each names sheet!cell and the printed place
    findings: list[Finding] = field(default_factory=list)  # validate(), with sheet!cell added


def read_workbook(store: Store, path: Path) -> WorkbookRead:
    from openpyxl import load_workbook

    out = WorkbookRead(path)
    try:
        wb = load_workbook(str(path), data_only=True)
    except (OSError, KeyError, ValueError) as exc:
        out.problems.append(msg.workbook_unreadable(path.name, str(exc) or type(exc).__name__))
        return out
    except Exception as exc:  # zipfile.BadZipFile, XML errors from a damaged file
        out.problems.append(msg.workbook_unreadable(path.name, type(exc).__name__))
        return out
    info = _info(wb)
    if info is None:
        out.problems.append(msg.not_a_template(path.name))
        return out
    try:
        ref, year, edition = BodyRef.parse(str(info["body"])), int(str(info["year"])), str(info["edition"])
        spec = load_spec(edition)
    except (KitError, ValueError):
        out.problems.append(msg.not_a_template(path.name))
        return out
    body = store.load_body(ref) if (store.body_dir(ref) / "body.yaml").is_file() else None
    if body is None:
        out.problems.append(msg.body_not_in_parameters(ref))
        return out
    report = YearReport(body=body, year=year, edition=spec.id)
    for table in spec.tables:
        layout = table_layout(table)
        if layout.name not in wb.sheetnames:
            out.problems.append(msg.sheet_missing(path.name, layout.name))
            continue
        ws = wb[layout.name]
        for (r, c), text in layout.labels.items():
            found = ws.cell(r, c).value
            if _norm(found) != _norm(text):
                out.problems.append(msg.label_changed(layout.name, _ref((r, c)), text, "" if found is None else str(found)))
        for key, (r, c) in layout.cells.items():
            if key in spec.formulas:
                continue
            column = spec.cell_index[key].column
            raw = ws.cell(r, c).value
            try:
                report.cells[key] = parse_figure(raw.strip() if isinstance(raw, str) else raw, column.kind)
            except Refused as exc:
                out.problems.append(msg.cell_problem(layout.name, _ref((r, c)), msg.table_named(spec.cell_index[key].printed), str(exc)))
    _read_figures(wb, spec, report, out)
    _read_prose(wb, spec, report, out)
    out.report = report
    if not out.problems:
        from kit.validation import validate

        previous = store.previous(report)
        out.findings = [_with_cell(f, spec) for f in validate(report, previous)]
    return out


def _norm(value: Any) -> str:
    return "".join(str(value or "").split())


def _info(wb: Any) -> dict[str, Any] | None:
    if msg.INFO_SHEET not in wb.sheetnames:
        return None
    ws = wb[msg.INFO_SHEET]
    found: dict[str, Any] = {}
    for row in ws.iter_rows(min_row=1, max_row=40, max_col=2, values_only=True):
        if row and row[0] in _INFO_KEYS and row[1] is not None:
            found[_INFO_KEYS[row[0]]] = row[1]
    return found if len(found) == len(_INFO_KEYS) else None


def _read_figures(wb: Any, spec: Spec, report: YearReport, out: WorkbookRead) -> None:
    if msg.FIGURES_SHEET not in wb.sheetnames:
        out.problems.append(msg.sheet_missing(out.path.name, msg.FIGURES_SHEET))
        return
    ws = wb[msg.FIGURES_SHEET]
    rows, start = figures_layout(spec)
    for fig in spec.figures:
        if fig.kind == "breakdown":
            continue
        r = rows[fig.id]
        if _norm(ws.cell(r, 1).value) != _norm(fig.label):
            out.problems.append(msg.label_changed(msg.FIGURES_SHEET, _ref((r, 1)), fig.label, str(ws.cell(r, 1).value or "")))
            continue
        raw = ws.cell(r, 3).value
        try:
            report.figures[fig.id] = parse_figure(raw.strip() if isinstance(raw, str) else raw, fig.kind)
        except Refused as exc:
            out.problems.append(msg.cell_problem(msg.FIGURES_SHEET, _ref((r, 3)), fig.label, str(exc)))
    if start is not None:
        fig = next(f for f in spec.figures if f.kind == "breakdown")
        items = []
        for i in range(BREAKDOWN_ROWS):
            r = start + 1 + i
            name, raw = ws.cell(r, 1).value, ws.cell(r, 2).value
            if name in (None, "") and raw in (None, ""):
                continue
            try:
                count = parse_figure(raw.strip() if isinstance(raw, str) else raw, "count")
            except Refused as exc:
                out.problems.append(msg.cell_problem(msg.FIGURES_SHEET, _ref((r, 2)), f"{fig.label} › {name or ''}", str(exc)))
                continue
            if name in (None, ""):
                out.problems.append(msg.cell_problem(msg.FIGURES_SHEET, _ref((r, 1)), fig.label, msg.BREAKDOWN_WITHOUT_NAME))
                continue
            items.append(BreakdownItem(str(name).strip(), count))
        if items:
            report.figures[fig.id] = items


def _read_prose(wb: Any, spec: Spec, report: YearReport, out: WorkbookRead) -> None:
    if msg.PROSE_SHEET not in wb.sheetnames:
        out.problems.append(msg.sheet_missing(out.path.name, msg.PROSE_SHEET))
        return
    ws = wb[msg.PROSE_SHEET]
    known = {s.id for s in spec.prose_sections()}
    for r in range(2, 2 + len(known) + 5):
        section = ws.cell(r, 3).value
        if section is None:
            continue
        if section not in known:
            out.problems.append(msg.label_changed(msg.PROSE_SHEET, _ref((r, 3)), msg.PROSE_SECTION_ID, str(section)))
            continue
        text = ws.cell(r, 2).value
        if text is not None and str(text).strip():
            report.prose[str(section)] = "\n".join(line.rstrip() for line in str(text).replace("\r\n", "\n").strip().split("\n"))


def _with_cell(f: Finding, spec: Spec) -> Finding:
    """A validation finding, placed on its sheet and cell too: 表三!D12（三、… › 自然人）."""
    import dataclasses

    if not f.key or not f.key.startswith("tables."):
        return f
    key = f.key[len("tables.") :]
    try:
        layout = table_layout(spec.table(key.split(".", 1)[0]))
    except KeyError:
        return f
    from fnmatch import fnmatchcase

    positions = [p for k, p in layout.cells.items() if fnmatchcase(k, key) or fnmatchcase(k, key + ".*")]
    if not positions:
        return f
    first, last = min(positions), max(positions)
    where = f"{layout.name}!{_ref(first)}" + (f":{_ref(last)}" if last != first else "")
    return dataclasses.replace(f, printed=f"{where}（{f.printed}）" if f.printed else where)


def import_workbooks(store: Store, paths: Sequence[Path], *, dry_run: bool = False, force: bool = False) -> int:
    from kit import yamlio

    failed = 0
    for path in paths:
        if not path.is_file():
            raise UsageError(msg.not_found(path))
        read = read_workbook(store, path)
        print(f"■ {path}")
        if read.problems or read.report is None:
            failed += 1
            for p in read.problems:
                print("    " + msg.problem_line(p))
            print("    " + msg.refused(str(path), [msg.problems(len(read.problems))]))
            continue
        report = read.report
        for f in read.findings:
            print(f"    {f.describe(source=False)}")
        target = store.year_file(report.body.ref, report.year)
        text = dump_year(report)
        if dry_run:
            print(msg.would_write(str(target)))
            print(text, end="")
            continue
        expected = None
        if target.exists():
            if not force:
                print("    " + msg.exists(str(target)))
                failed += 1
                continue
            expected = yamlio.digest(target.read_bytes())
        yamlio.save_text(target, text, expected)
        print("    " + msg.written(str(target), report.spec.name, sum(1 for v in report.cells.values() if v is not None), 0))
    return 1 if failed else 0


def problems_as_findings(read: WorkbookRead) -> list[Finding]:
    return [error(RuleId.IMPORT, p) for p in read.problems]
