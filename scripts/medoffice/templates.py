"""Blank input workbooks, generated from the schemas so they always match what we read.

Each template has an Instructions sheet first, then one sheet per input sheet with
the canonical headers, dropdowns, input messages, number formats and a grey example
row. The output is deterministic (fixed creation date, fixed zip timestamps), so a
regenerated template is byte-identical and `make_templates.py --check` can compare.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from collections.abc import Callable
from pathlib import Path

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from .docs import PERCENT_NOTE, allowed_values, column_notes, format_value, kind_label
from .schemas import SETTING_KEYS, TEMPLATES, Column, SheetSchema, WorkbookSchema

# A fixed creation date: the only clock-dependent part of an xlsx file.
CREATED = dt.datetime(2026, 1, 1, 0, 0, 0)
WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True}
LAST_ROW = 999  # zero-based: dropdowns, messages and filters cover rows 2..1000
EXCEL_MESSAGE_LIMIT = 255
EXCEL_TITLE_LIMIT = 32
MAX_WIDTH = 45
LINE_HEIGHT = 15  # points per line of 11-point text

NUM_FORMATS = {
    "money": "$#,##0.00",
    "hours": "0.00",
    "date": "yyyy-mm-dd",
    "time": "hh:mm",
    "id": "@",
    "integer": "0",
}
KIND_WIDTHS = {"date": 12, "time": 8, "money": 12, "hours": 8, "id": 12, "email": 28,
               "weekdays": 24, "percent": 10, "number": 10, "integer": 10}
NUMERIC_KINDS = ("money", "hours", "number", "integer", "percent")

REQUIRED_COLOUR = "#1F4E79"
REQUIRED_FILL = "#DDEBF7"
OPTIONAL_FILL = "#F2F2F2"
EXAMPLE_COLOUR = "#808080"

INSTRUCTION_COLUMNS = (("Column", 24), ("Required", 10), ("Kind", 13),
                       ("Allowed values", 30), ("Help", 70))

Formats = dict[str, Format]


def _check(code: int | None, what: str) -> None:
    """xlsxwriter reports bad writes by return code; a template must never lose them."""
    if code is not None and code < 0:
        raise RuntimeError(f"xlsxwriter could not {what} (code {code})")


def _add_formats(book: xlsxwriter.Workbook) -> Formats:
    """Every format a template uses, created once and named."""
    border = {"bottom": 1, "valign": "top"}
    fmts = {
        "title": book.add_format({"bold": True, "font_size": 16}),
        "heading": book.add_format({"bold": True, "font_size": 13}),
        "text": book.add_format({"valign": "top"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
        "wrap_bold": book.add_format({"text_wrap": True, "valign": "top", "bold": True}),
        "table_head": book.add_format({"bold": True, "bg_color": OPTIONAL_FILL, **border}),
        "required": book.add_format({"bold": True, "font_color": REQUIRED_COLOUR,
                                     "bg_color": REQUIRED_FILL, **border}),
        "optional": book.add_format({"bg_color": OPTIONAL_FILL, **border}),
    }
    for kind in ("text", *NUM_FORMATS):
        num = {"num_format": NUM_FORMATS[kind]} if kind in NUM_FORMATS else {}
        fmts[f"data:{kind}"] = book.add_format({"valign": "top", **num})
        fmts[f"example:{kind}"] = book.add_format(
            {"italic": True, "font_color": EXAMPLE_COLOUR, "valign": "top", **num})
    return fmts


def _kind_format(fmts: Formats, role: str, col: Column) -> Format:
    """The data or example format of a column's kind (plain text for kinds without one)."""
    return fmts.get(f"{role}:{col.kind}", fmts[f"{role}:text"])


def input_message(col: Column) -> str:
    """The message Excel shows when a cell of this column is selected, within 255 characters."""
    text = column_notes(col, with_choices=True)
    if len(text) > EXCEL_MESSAGE_LIMIT:
        text = text[: EXCEL_MESSAGE_LIMIT - 1].rstrip() + "…"
    return text


def _validation(col: Column) -> dict | None:
    """Data validation for a column's cells: a dropdown for choices, else just its message."""
    message = input_message(col)
    if col.kind == "choice":
        rule = {"validate": "list", "source": list(col.choices), "error_type": "warning",
                "error_title": col.name[:EXCEL_TITLE_LIMIT],
                "error_message": f"Choose one of: {', '.join(col.choices)}."[
                    :EXCEL_MESSAGE_LIMIT]}
    elif message:
        rule = {"validate": "any"}
    else:
        return None
    if message:
        rule |= {"input_title": col.name[:EXCEL_TITLE_LIMIT], "input_message": message}
    return rule


def _width(col: Column) -> int:
    """Column width in characters: room for the header, its filter button and the example."""
    widths = [len(col.name) + 4, KIND_WIDTHS.get(col.kind, 16),
              len(format_value(col.example)) + 2]
    widths += [len(c) + 3 for c in col.choices]
    return min(max(widths), MAX_WIDTH)


def _lines_needed(text: str, width: int) -> int:
    """Estimated wrapped lines of text in a column `width` characters wide."""
    per_line = max(int(width * 1.1), 1)
    return max(1, sum(math.ceil(max(len(part), 1) / per_line) for part in text.split("\n")))


def _print_setup(sheet: Worksheet, repeat_header: bool) -> None:
    """Landscape, one page wide, header row on every page, page numbers."""
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.set_paper(1)  # Letter; Excel falls back to the local default where unavailable
    sheet.set_footer("&L&A&RPage &P of &N")
    if repeat_header:
        sheet.repeat_rows(0)


def _write_value(sheet: Worksheet, row: int, col_no: int, value: object, fmt: Format) -> None:
    """Write a typed value (date, time, number or text); never a formula."""
    if value is None or value == "":
        code = sheet.write_blank(row, col_no, None, fmt)
    elif isinstance(value, (dt.date, dt.time)):
        code = sheet.write_datetime(row, col_no, value, fmt)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        code = sheet.write_number(row, col_no, value, fmt)
    else:
        code = sheet.write_string(row, col_no, str(value), fmt)
    _check(code, f"write {value!r} at row {row + 1}")


def _write_headers(sheet: Worksheet, headers: list[tuple[str, bool]], fmts: Formats) -> None:
    """Row 1: the canonical headers, required ones bold and blue."""
    for col_no, (name, required) in enumerate(headers):
        fmt = fmts["required"] if required else fmts["optional"]
        _check(sheet.write_string(0, col_no, name, fmt), f"write header {name!r}")
    sheet.freeze_panes(1, 0)


def _write_table_sheet(sheet: Worksheet, schema: SheetSchema, fmts: Formats) -> None:
    """A table sheet: headers, formats by kind, dropdowns, messages and the example row."""
    _write_headers(sheet, [(c.name, c.required) for c in schema.columns], fmts)
    for col_no, col in enumerate(schema.columns):
        _check(sheet.set_column(col_no, col_no, _width(col), _kind_format(fmts, "data", col)),
               f"size column {col.name!r}")
        _write_value(sheet, 1, col_no, col.example, _kind_format(fmts, "example", col))
        rule = _validation(col)
        if rule:
            _check(sheet.data_validation(1, col_no, LAST_ROW, col_no, rule),
                   f"add validation to {col.name!r}")
    _check(sheet.autofilter(0, 0, LAST_ROW, len(schema.columns) - 1), "add autofilter")
    _print_setup(sheet, repeat_header=True)


def setting_value(key: Column) -> object:
    """A setting's default as the typed value for its cell (numbers as numbers)."""
    value = key.default
    if isinstance(value, str) and key.kind in NUMERIC_KINDS and value.strip():
        number = float(value)
        return int(number) if number.is_integer() else number
    return value


def _write_settings_sheet(sheet: Worksheet, schema: SheetSchema, fmts: Formats) -> None:
    """The key-value Settings sheet: one row per setting with its default and notes."""
    _write_headers(sheet, [(c.name, c.required) for c in schema.columns], fmts)
    widths = (24, 24, 80)
    for col_no, width in enumerate(widths):
        sheet.set_column(col_no, col_no, width, fmts["wrap"] if col_no == 2 else fmts["text"])
    for row, key in enumerate(SETTING_KEYS, start=1):
        notes = column_notes(key, with_choices=True)
        sheet.set_row(row, LINE_HEIGHT * _lines_needed(notes, widths[2]))
        _check(sheet.write_string(row, 0, key.name, fmts["text"]), f"write {key.name!r}")
        _write_value(sheet, row, 1, setting_value(key), _kind_format(fmts, "data", key))
        _check(sheet.write_string(row, 2, notes, fmts["wrap"]), f"write notes of {key.name!r}")
        rule = _validation(key)
        if rule:
            _check(sheet.data_validation(row, 1, row, 1, rule), f"add validation to {key.name!r}")
    _print_setup(sheet, repeat_header=True)


def _instruction_lines(schema: WorkbookSchema) -> list[str]:
    """The general how-to lines at the top of the Instructions sheet."""
    lines = list(schema.instructions)
    lines += [
        "Each sheet keeps its column headers in row 1; keep them as they are. "
        "Extra columns of your own are fine: they are ignored.",
        "Row 2 of each table sheet is a grey example row: delete it or type over it "
        "before you use the workbook.",
        "Click any cell to see what goes in it. Columns with a dropdown take one of the "
        "listed choices.",
    ]
    if any(c.kind == "percent" for s in schema.sheets for c in s.columns):
        lines.append(f"Percent columns take a plain number: {PERCENT_NOTE}")
    if any(s.kind == "keyvalue" for s in schema.sheets):
        lines.append("The Settings sheet lists every setting with its default value; "
                     "change a Value, or clear it to use the default.")
    return lines


def _write_legend(sheet: Worksheet, row: int, fmts: Formats) -> int:
    """The key to header colours and the example row; returns the next free row."""
    legend = (
        ("Required", fmts["required"], "Bold blue header: a required column; "
                                       "every row needs a value."),
        ("Optional", fmts["optional"], "Plain grey header: an optional column."),
        ("Example", fmts["example:text"], "Grey italic row 2: an example; "
                                          "delete or overwrite the grey example row."),
    )
    _check(sheet.write_string(row, 0, "Legend", fmts["heading"]), "write legend")
    for offset, (label, fmt, meaning) in enumerate(legend, start=1):
        sheet.write_string(row + offset, 0, label, fmt)
        sheet.write_string(row + offset, 1, meaning, fmts["text"])
    return row + len(legend) + 2


def _column_row(col: Column) -> tuple[str, ...]:
    return (col.name, "Yes" if col.required else "", kind_label(col), allowed_values(col),
            column_notes(col))


def _write_column_table(sheet: Worksheet, row: int, schema: SheetSchema,
                        fmts: Formats) -> int:
    """One sheet's heading, help and column table; returns the next free row."""
    sheet.write_string(row, 0, f"Sheet: {schema.name}", fmts["heading"])
    row += 1
    if schema.help:
        sheet.write_string(row, 0, schema.help, fmts["text"])
        row += 1
    for col_no, (name, _) in enumerate(INSTRUCTION_COLUMNS):
        sheet.write_string(row, col_no, name, fmts["table_head"])
    row += 1
    for col in schema.columns:
        cells = _column_row(col)
        lines = max(_lines_needed(text, width)
                    for text, (_, width) in zip(cells, INSTRUCTION_COLUMNS, strict=True))
        sheet.set_row(row, LINE_HEIGHT * lines)
        for col_no, text in enumerate(cells):
            fmt = fmts["wrap_bold"] if col_no == 0 and col.required else fmts["wrap"]
            _check(sheet.write_string(row, col_no, text, fmt), f"describe {col.name!r}")
        row += 1
    return row + 1


def _write_instructions(sheet: Worksheet, schema: WorkbookSchema, fmts: Formats) -> None:
    """The Instructions sheet: title, help, legend, and a column table for every sheet."""
    for col_no, (_, width) in enumerate(INSTRUCTION_COLUMNS):
        sheet.set_column(col_no, col_no, width)
    sheet.write_string(0, 0, schema.title, fmts["title"])
    row = 1
    if schema.help:
        sheet.write_string(row, 0, schema.help, fmts["text"])
        row += 1
    for line in _instruction_lines(schema):
        row += 1
        sheet.write_string(row, 0, line, fmts["text"])
    row = _write_legend(sheet, row + 2, fmts)
    for sheet_schema in schema.sheets:
        row = _write_column_table(sheet, row, sheet_schema, fmts)
    _print_setup(sheet, repeat_header=False)


def _sheet_writer(schema: SheetSchema) -> Callable[[Worksheet, SheetSchema, Formats], None]:
    return _write_settings_sheet if schema.kind == "keyvalue" else _write_table_sheet


def template_bytes(schema: WorkbookSchema) -> bytes:
    """The blank template of a workbook as xlsx bytes; the same schema gives the same bytes."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, WORKBOOK_OPTIONS)
    book.set_properties({
        "title": schema.title, "subject": "Blank input workbook", "author": "medoffice",
        "comments": "Generated from the schemas by scripts/make_templates.py.",
        "created": CREATED,
    })
    fmts = _add_formats(book)
    _write_instructions(book.add_worksheet("Instructions"), schema, fmts)
    for sheet_schema in schema.sheets:
        _sheet_writer(sheet_schema)(book.add_worksheet(sheet_schema.name), sheet_schema, fmts)
    book.close()
    return buffer.getvalue()


def xlsx_parts(data: bytes) -> dict[str, bytes]:
    """The uncompressed parts of an xlsx file by name.

    Comparing parts rather than zip bytes keeps `--check` strict without depending on
    the zlib build that compressed them.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def is_current(schema: WorkbookSchema, path: Path) -> bool:
    """True when the template at `path` holds exactly what the schema generates now."""
    if not path.is_file():
        return False
    try:
        return xlsx_parts(path.read_bytes()) == xlsx_parts(template_bytes(schema))
    except zipfile.BadZipFile:
        return False


def template_path(folder: Path, schema: WorkbookSchema) -> Path:
    """Where a workbook's template lives in a folder: <name>.xlsx."""
    return folder / f"{schema.name}.xlsx"


def write_template(schema: WorkbookSchema, path: Path) -> None:
    """Write one blank template to `path` (its folder must exist), replacing any old one."""
    data = template_bytes(schema)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def write_all_templates(folder: Path) -> list[Path]:
    """Write every template workbook into `folder` (created if needed); returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for schema in TEMPLATES:
        path = template_path(folder, schema)
        write_template(schema, path)
        paths.append(path)
    return paths
