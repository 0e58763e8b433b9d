"""Render a Report (spec.py) into one xlsxwriter workbook in the house style.

Sheet order is fixed: Summary, one sheet per Table, "Check these", About. Table sheets
are re-readable data (header in row 1, frozen, autofilter); totals are live SUBTOTAL
formulas carrying their exact computed value, so previews that never recalculate still
show the right figure. Rendering reads no clock: the same Report gives the same cells.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..problems import Problem, cell_ref, column_letter, sort_key
from .cells import (
    MAX_WIDTH,
    NUMERIC_KINDS,
    WIDE_TABLE,
    check,
    display_width,
    fit_width,
    is_blank,
    print_setup,
    set_widths,
    table_chrome,
    to_float,
    write_header,
    write_text,
    write_typed,
)
from .columns import CellTypeError, column_width, prepare_column, write_column
from .spec import Chart, Col, Figure, Highlight, Report, Table
from .styles import LEVEL_NAMES, HouseStyle

SUMMARY = "Summary"
CHECK_THESE = "Check these"
ABOUT = "About"
RESERVED = (SUMMARY, CHECK_THESE, ABOUT)

WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "nan_inf_to_errors": True,
}
# Workbook "created" property when a Report carries no run time: a constant, so two
# renders of the same Report give byte-identical files.
FIXED_CREATED = dt.datetime(2000, 1, 1)
CHART_SIZE = {"width": 720, "height": 360}
CHART_ROWS = 20  # rows a chart and its gap take when charts are stacked
CHECK_HEADERS = ["File", "Sheet", "Cell", "Column", "Value", "Code", "Message"]
DEFAULT_LEGEND = {
    "error": "an error, a shortfall or something overdue",
    "watch": "due soon, or worth watching",
    "good": "on target",
}
CRITERIA = (">", ">=", "<", "<=", "==", "!=")
SUBTOTAL_SUM = 109  # SUM that skips rows hidden by the filter


@dataclass
class PlacedTable:
    """A table as written: where its sheet is and how many data rows it has (for charts)."""

    table: Table
    sheet: Worksheet
    n_rows: int

    def column(self, header: str) -> int:
        """0-based column of a header, with a clear error for a misspelt one."""
        for index, col in enumerate(self.table.columns):
            if col.header == header:
                return index
        raise ValueError(f"table {self.table.name!r} has no column {header!r}")


def render_report(report: Report, path: Path) -> None:
    """Write `report` as an .xlsx workbook at `path` (use delivery.write_output to
    make the write atomic and keep earlier outputs)."""
    _check_sheet_names(report)
    workbook = Workbook(str(path), WORKBOOK_OPTIONS)
    workbook.set_properties(_properties(report))
    style = HouseStyle(workbook, report.date_format)

    summary = workbook.add_worksheet(SUMMARY)
    placed = {}
    for table in report.tables:
        placed[table.name] = write_table(workbook.add_worksheet(table.name), table, report,
                                         style)
    write_check_these(workbook.add_worksheet(CHECK_THESE), report, style)
    write_about(workbook.add_worksheet(ABOUT), report, style)
    charts_row = write_summary(summary, report, style)
    _place_charts(workbook, report, placed, summary, charts_row, style)
    workbook.close()


# --- table sheets -----------------------------------------------------------------


def write_table(ws: Worksheet, table: Table, report: Report, style: HouseStyle) -> PlacedTable:
    """One table on its own sheet: header, typed rows, total row, highlights, print setup."""
    headers = [col.header for col in table.columns]
    columns = _table_columns(table)
    n_rows = len(table.rows)
    cells = _prepared_columns(ws, table, columns)
    widths = _column_widths(table, columns, cells, style)
    wraps = [col.kind == "text" and width >= MAX_WIDTH for col, width in
             zip(table.columns, widths, strict=True)]

    write_header(ws, headers, style)
    for c, col in enumerate(table.columns):
        write_column(ws, c, cells[c], col.kind, style, wraps[c])
    has_total = any(col.total for col in table.columns)
    if has_total:
        _write_total_row(ws, table.columns, columns, n_rows, style, table.total_label)
    _write_footer(ws, table.footer, n_rows + (3 if has_total else 2), style)
    for highlight in table.highlights:
        _add_highlight(ws, table, highlight, n_rows, style)

    table_chrome(ws, len(headers), n_rows)
    set_widths(ws, headers, widths)
    landscape = table.landscape if table.landscape is not None else len(headers) > WIDE_TABLE
    sheet_label = f"{table.name} - {table.note}" if table.note else table.name
    print_setup(ws, office=report.office, title=report.title, sheet=sheet_label,
                landscape=landscape, repeat_header=True)
    return PlacedTable(table, ws, n_rows)


def _table_columns(table: Table) -> list[list]:
    """The table's values, one list per Col in order (Decimal stays Decimal)."""
    headers = [col.header for col in table.columns]
    if len(set(headers)) != len(headers):
        raise ValueError(f"table {table.name!r} names a column twice: {headers}")
    for col in table.columns:
        if col.total and col.kind not in NUMERIC_KINDS:
            raise ValueError(f"table {table.name!r}: column {col.header!r} ({col.kind}) "
                             f"cannot have a total")
    missing = [h for h in headers if h not in table.rows.columns]
    if missing:
        raise ValueError(f"table {table.name!r} has no data for columns {missing}")
    frame = table.rows[headers]
    return [frame.iloc[:, c].tolist() for c in range(len(headers))]


def _prepared_columns(ws: Worksheet, table: Table, columns: list[list]) -> list[list]:
    """Each column's values as they will be written (a column at a time, for speed on
    large tables); a value of the wrong type is named by its output cell."""
    prepared = []
    for c, col in enumerate(table.columns):
        try:
            prepared.append(prepare_column(columns[c], col.kind, ws))
        except CellTypeError as exc:
            raise _located(exc, table.name, exc.index + 1, c, col) from exc
    return prepared


def _located(exc: TypeError, table: str, row: int, col: int, spec: Col) -> TypeError:
    """A wrong-typed value names the output cell and column, so the domain bug is found."""
    return TypeError(f"{table}!{cell_ref(row, col)} ({spec.header}, {spec.kind}): {exc}")


def _column_widths(table: Table, columns: list[list], cells: list[list],
                   style: HouseStyle) -> list[float]:
    """Width per column: the Col's own width, else fitted to header and contents."""
    widths = []
    for c, col in enumerate(table.columns):
        if col.width is not None:
            widths.append(float(col.width))
            continue
        sizes = [column_width(cells[c], col.kind, style)]
        if col.total and columns[c]:
            sizes.append(display_width(_exact_total(columns[c], col.kind), col.kind, style))
        widths.append(fit_width(col.header, sizes))
    return widths


def _write_total_row(ws: Worksheet, columns: list[Col], values: list[list], n_rows: int,
                     style: HouseStyle, label: str = "Total") -> None:
    """`Total` (or the table's label) then a live SUBTOTAL under every total column, its
    exact value cached. `values` holds each column's data values."""
    r = n_rows + 1
    for c, col in enumerate(columns):
        if col.total:
            value = _exact_total(values[c], col.kind)
            formula = total_formula(c, n_rows)
            fmt = style.cell(col.kind, total=True)
            check(ws.write_formula(r, c, formula, fmt, value), f"total of {col.header}")
        elif c == 0:
            check(ws.write_string(r, c, label, style.cell("text", total=True)), "Total")
        else:
            check(ws.write_blank(r, c, None, style.cell("text", total=True)), "total row")


def _write_footer(ws: Worksheet, lines: list[tuple[str, str]], row: int,
                  style: HouseStyle) -> None:
    """Label and text lines under a table (labels bold), from `row` down."""
    for r, (label, text) in enumerate(lines, start=row):
        check(ws.write_string(r, 0, label, style.bold), f"footer {label!r}")
        write_typed(ws, r, 1, text, "text", style)


def total_formula(col: int, n_rows: int) -> str:
    """`=SUBTOTAL(109,D2:D13)` over the data rows; over the header alone (which sums to
    0) when there are none, so the formula never refers to its own cell."""
    letter = column_letter(col)
    last = n_rows + 1 if n_rows else 1
    first = 2 if n_rows else 1
    return f"=SUBTOTAL({SUBTOTAL_SUM},{letter}{first}:{letter}{last})"


def _exact_total(values: list, kind: str) -> float:
    """The sum Excel will compute, added in Decimal so it is exact; money to the cent."""
    total = Decimal(0)
    if all(value.__class__ is Decimal for value in values):
        total = sum(values, total)  # the common case, at C speed; NaN means a blank
    if not all(value.__class__ is Decimal for value in values) or total.is_nan():
        total = Decimal(0)
        for value in values:
            if not is_blank(value):
                total += _as_decimal(value)
    if kind in ("money", "rate"):
        total = total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return float(total)


def _as_decimal(value: object) -> Decimal:
    if isinstance(value, Decimal):
        return value
    number = to_float(value)
    return Decimal(int(number)) if number.is_integer() else Decimal(repr(number))


def _add_highlight(ws: Worksheet, table: Table, highlight: Highlight, n_rows: int,
                   style: HouseStyle) -> None:
    """Conditional formatting over one column's data cells (not header, not total)."""
    col = _column_index(table, highlight.column)
    if n_rows == 0:
        return
    options = conditional_options(highlight)
    options["format"] = style.highlight(highlight.level)
    check(ws.conditional_format(1, col, n_rows, col, options),
          f"highlight on {table.name}!{highlight.column}")


def conditional_options(highlight: Highlight) -> dict:
    """xlsxwriter conditional_format options for a Highlight's condition."""
    when, value = highlight.when, highlight.value
    if when == "blank":
        return {"type": "blanks"}
    if when == "not blank":
        return {"type": "no_blanks"}
    if when == "text":
        return {"type": "cell", "criteria": "==", "value": _excel_string(str(value))}
    if when not in CRITERIA:
        raise ValueError(f"unknown highlight condition {when!r}")
    if isinstance(value, dt.date):
        return {"type": "date", "criteria": when, "value": value}
    if isinstance(value, str):
        return {"type": "cell", "criteria": when, "value": _excel_string(value)}
    number = to_float(value)
    return {"type": "cell", "criteria": when,
            "value": int(number) if number.is_integer() else number}


def _excel_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _column_index(table: Table, header: str) -> int:
    for index, col in enumerate(table.columns):
        if col.header == header:
            return index
    raise ValueError(f"table {table.name!r} has no column {header!r}")


# --- Check these ----------------------------------------------------------------


def write_check_these(ws: Worksheet, report: Report, style: HouseStyle) -> None:
    """Every warning with its source cell, one per row; a plain line when there are none."""
    rows = [_problem_row(p) for p in sorted(report.warnings, key=sort_key)]
    shown = rows or [("Nothing to check.",) + ("",) * (len(CHECK_HEADERS) - 1)]
    widths = [fit_width(h, [len(row[c]) for row in shown]) for c, h in enumerate(CHECK_HEADERS)]

    write_header(ws, CHECK_HEADERS, style)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            write_typed(ws, r, c, value, "text", style, wrap=widths[c] >= MAX_WIDTH)
    if not rows:
        write_text(ws, 1, 0, "Nothing to check.", style)
    table_chrome(ws, len(CHECK_HEADERS), max(len(rows), 1))
    set_widths(ws, CHECK_HEADERS, widths)
    print_setup(ws, office=report.office, title=report.title, sheet=CHECK_THESE,
                landscape=True, repeat_header=True)


def _problem_row(problem: Problem) -> tuple:
    value = "" if problem.value is None else str(problem.value)
    return (problem.file, problem.sheet, problem.cell, problem.column, value, problem.code,
            problem.message)


# --- About ------------------------------------------------------------------------


def write_about(ws: Worksheet, report: Report, style: HouseStyle) -> None:
    """What was read (with fingerprints), the settings used, the program and run time."""
    check(ws.write_string(0, 0, "About this workbook", style.title), "About title")
    facts = [("Report", report.title), ("Office", report.office), ("Period", report.period),
             ("Program", report.program)]
    r = 2
    for label, value in facts:
        write_text(ws, r, 0, label, style)
        write_typed(ws, r, 1, value, "text", style)
        r += 1
    write_text(ws, r, 0, "Ran at", style)
    write_typed(ws, r, 1, _naive(report.ran_at), "datetime", style)

    r += 2
    check(ws.write_string(r, 0, "Inputs read", style.heading), "Inputs read")
    write_header(ws, ["File", "Sheets", "SHA-256", "Size bytes"], style, row=r + 1)
    r += 2
    for record in report.inputs:
        for c, value in enumerate((record.file, record.sheets, record.sha256)):
            write_typed(ws, r, c, value, "text", style)
        write_typed(ws, r, 3, record.size, "integer", style)
        r += 1
    if not report.inputs:
        write_text(ws, r, 0, "No input files.", style)
        r += 1

    r += 1
    check(ws.write_string(r, 0, "Settings used", style.heading), "Settings used")
    write_header(ws, ["Setting", "Value"], style, row=r + 1)
    r += 2
    for setting, value in report.settings:
        write_typed(ws, r, 0, setting, "text", style)
        write_typed(ws, r, 1, value, "text", style)
        r += 1

    _about_widths(ws, report)
    print_setup(ws, office=report.office, title=report.title, sheet=ABOUT, landscape=True,
                repeat_header=False)


def _about_widths(ws: Worksheet, report: Report) -> None:
    first = ["Program", "Settings used", *(i.file for i in report.inputs),
             *(s for s, _ in report.settings)]
    second = [report.title, report.office, report.period, report.program,
              *(i.sheets for i in report.inputs), *(str(v) for _, v in report.settings)]
    ws.set_column(0, 0, fit_width("", [len(t) for t in first]))
    ws.set_column(1, 1, fit_width("", [len(t) for t in second] + [16]))
    ws.set_column(2, 2, 66)  # a SHA-256 is 64 hex characters
    ws.set_column(3, 3, 12)


def _naive(moment: dt.datetime | None) -> dt.datetime | None:
    """Excel has no time zones: show the wall-clock time the run was stamped with."""
    return moment.replace(tzinfo=None) if moment is not None else None


# --- Summary ----------------------------------------------------------------------


def write_summary(ws: Worksheet, report: Report, style: HouseStyle) -> int:
    """Title block, key figures, notes and colour legend; returns the first free row
    (charts go below)."""
    check(ws.write_string(0, 0, report.title, style.title), "title")
    write_text(ws, 1, 0, report.office, style)
    write_text(ws, 2, 0, report.period, style)
    write_text(ws, 3, 0, _warnings_line(report.warnings), style)
    r = 5
    if report.figures:
        r = _write_figures(ws, r, report.figures, style)
    if report.notes:
        r = _write_notes(ws, r, report.notes, style)
    r = _write_legend(ws, r, _legend(report), style)

    labels = [f.label for f in report.figures] + ["Key figures", "Colours"]
    values = [display_width(f.value, f.kind, style) for f in report.figures]
    ws.set_column(0, 0, fit_width("", [len(t) for t in labels] + [14]))
    ws.set_column(1, 1, fit_width("", values + [18]))
    print_setup(ws, office=report.office, title=report.title, sheet=SUMMARY, landscape=False,
                repeat_header=False)
    return r + 1


def _warnings_line(warnings: list[Problem]) -> str:
    if not warnings:
        return "Nothing to check."
    noun = "thing" if len(warnings) == 1 else "things"
    return f"{len(warnings)} {noun} to check: see the Check these sheet."


def _write_figures(ws: Worksheet, r: int, figures: list[Figure], style: HouseStyle) -> int:
    check(ws.write_string(r, 0, "Key figures", style.heading), "Key figures")
    check(ws.write_blank(r, 1, None, style.heading), "Key figures")
    r += 1
    for figure in figures:
        write_text(ws, r, 0, figure.label, style)
        try:
            write_typed(ws, r, 1, figure.value, figure.kind, style, level=figure.level)
        except TypeError as exc:
            raise TypeError(f"key figure {figure.label!r}: {exc}") from exc
        r += 1
    return r + 1


def _write_notes(ws: Worksheet, r: int, notes: list[str], style: HouseStyle) -> int:
    check(ws.write_string(r, 0, "Notes", style.heading), "Notes")
    r += 1
    for note in notes:
        # A note spans the Summary's first six columns and wraps, so long notes don't
        # shrink the printed page; Excel does not size merged rows, so we do.
        check(ws.merge_range(r, 0, r, NOTE_LAST_COLUMN, "", style.wrap), "note")
        write_text(ws, r, 0, note, style, wrap=True)
        lines = max(1, -(-len(note) // NOTE_CHARS_PER_LINE))
        ws.set_row(r, 15 * lines)
        r += 1
    return r + 1


NOTE_LAST_COLUMN = 5
NOTE_CHARS_PER_LINE = 85


def _legend(report: Report) -> list[tuple[str, str]]:
    """The report's own legend, else red and amber always and green when it is used."""
    if report.legend:
        return list(report.legend)
    used = {h.level for t in report.tables for h in t.highlights}
    used |= {f.level for f in report.figures if f.level}
    levels = ["error", "watch"] + (["good"] if "good" in used else [])
    return [(level, DEFAULT_LEGEND[level]) for level in levels]


def _write_legend(ws: Worksheet, r: int, legend: list[tuple[str, str]],
                  style: HouseStyle) -> int:
    check(ws.write_string(r, 0, "Colours", style.heading), "Colours")
    r += 1
    for level, meaning in legend:
        write_text(ws, r, 0, LEVEL_NAMES.get(level, level), style,
                   level=level if level in LEVEL_NAMES else None)
        write_text(ws, r, 1, meaning, style)
        r += 1
    return r


# --- charts -----------------------------------------------------------------------


def _place_charts(workbook: Workbook, report: Report, placed: dict[str, PlacedTable],
                  summary: Worksheet, summary_row: int, style: HouseStyle) -> None:
    """Draw each chart on its sheet (Summary unless anchor_sheet says otherwise),
    stacked downwards; a chart over an empty table is left out."""
    next_row: dict[str, tuple[Worksheet, int, int]] = {SUMMARY: (summary, summary_row, 0)}
    for name, table in placed.items():
        next_row[name] = (table.sheet, 1, len(table.table.columns) + 1)
    for spec in report.charts:
        chart = _build_chart(workbook, spec, placed, style)
        if chart is None:
            continue
        anchor = spec.anchor_sheet or SUMMARY
        if anchor not in next_row:
            raise ValueError(f"chart {spec.title!r}: no sheet {anchor!r} to draw it on")
        ws, row, col = next_row[anchor]
        check(ws.insert_chart(row, col, chart), f"chart {spec.title!r}")
        next_row[anchor] = (ws, row + CHART_ROWS, col)


def _build_chart(workbook: Workbook, spec: Chart, placed: dict[str, PlacedTable],
                 style: HouseStyle):
    if spec.table not in placed:
        raise ValueError(f"chart {spec.title!r}: no table {spec.table!r}")
    if spec.kind not in ("column", "bar", "line"):
        raise ValueError(f"chart {spec.title!r}: unknown kind {spec.kind!r}")
    source = placed[spec.table]
    n = source.n_rows if spec.max_points is None else min(source.n_rows, spec.max_points)
    if n == 0:
        return None
    chart = workbook.add_chart({"type": spec.kind})
    for header in spec.values:
        chart.add_series(_series(source, spec.categories, header, n))
    if spec.line_values:
        _add_line_values(workbook, chart, spec, source, n)
    chart.set_title({"name": spec.title})
    chart.set_size(CHART_SIZE)
    chart.set_legend({"position": "bottom"} if _series_count(spec) > 1 else {"none": True})
    value_axis = _value_axis(spec.y_title, spec.values, source)
    if spec.kind == "bar":
        chart.set_x_axis(value_axis)
        chart.set_y_axis({"reverse": True})  # the table's first row on top, as it reads
    else:
        chart.set_y_axis(value_axis)
    return chart


def _add_line_values(workbook: Workbook, chart, spec: Chart, source: PlacedTable,
                     n: int) -> None:
    """Extra series drawn as lines: combined onto a column chart, or more lines."""
    if spec.kind == "bar":
        raise ValueError(f"chart {spec.title!r}: line_values need a column or line chart")
    target = chart if spec.kind == "line" else workbook.add_chart({"type": "line"})
    # Lines in other units than the columns (hours over dollars) get their own axis.
    if spec.line_axis not in ("auto", "secondary", "primary"):
        raise ValueError(f"chart {spec.title!r}: unknown line_axis {spec.line_axis!r}")
    own_axis = spec.line_axis == "secondary" or (
        spec.line_axis == "auto" and _kinds(source, spec.line_values) != _kinds(source,
                                                                                spec.values))
    for header in spec.line_values:
        series = _series(source, spec.categories, header, n)
        if own_axis:
            series["y2_axis"] = True
        target.add_series(series)
    if target is not chart:
        chart.combine(target)
    if own_axis and spec.kind == "column":
        target.set_y2_axis(_value_axis("", spec.line_values, source))


def _series(source: PlacedTable, categories: str, header: str, n: int) -> dict:
    name = source.table.name
    cat, val = source.column(categories), source.column(header)
    return {
        "name": [name, 0, val],
        "categories": [name, 1, cat, n, cat],
        "values": [name, 1, val, n, val],
    }


def _series_count(spec: Chart) -> int:
    return len(spec.values) + len(spec.line_values)


def _value_axis(title: str, headers: tuple[str, ...], source: PlacedTable) -> dict:
    """A value axis: its title, and whole dollars for money or whole percent."""
    axis = {"name": title} if title else {}
    kinds = _kinds(source, headers)
    if kinds <= {"money", "rate"}:
        axis["num_format"] = "$#,##0"
    elif kinds == {"percent"}:
        axis["num_format"] = "0%"
    return axis


def _kinds(source: PlacedTable, headers: tuple[str, ...]) -> set[str]:
    return {source.table.columns[source.column(h)].kind for h in headers}


# --- workbook ---------------------------------------------------------------------


def _check_sheet_names(report: Report) -> None:
    """Table names must be unique and not Summary / Check these / About (case-blind,
    as Excel compares them)."""
    seen: set[str] = {name.lower() for name in RESERVED}
    for table in report.tables:
        if table.name.lower() in seen:
            raise ValueError(f"sheet name {table.name!r} is used twice or reserved")
        seen.add(table.name.lower())


def _properties(report: Report) -> dict:
    created = _naive(report.ran_at) or FIXED_CREATED
    return {
        "title": report.title,
        "subject": report.period,
        "author": "medoffice",
        "company": report.office,
        "comments": report.program,
        "created": created,
    }
