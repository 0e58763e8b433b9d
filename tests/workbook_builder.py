"""Build real input workbooks in tests, from plain Python rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter


@dataclass(frozen=True)
class Formula:
    """A formula cell with the result Excel saved with it (None: never calculated)."""

    text: str
    cached: object = 0
    num_format: str | None = None


@dataclass(frozen=True)
class Formatted:
    """A number written with a number format, e.g. a duration 7:30 as [h]:mm."""

    value: object
    num_format: str


def write_workbook(path: Path, sheets: dict[str, list[list]],
                   merged: dict[str, list[tuple[str, str]]] | None = None) -> Path:
    """Write an .xlsx with one sheet per entry; rows are lists of cell values.

    Dates and datetimes become real Excel dates, times real Excel times, numbers numbers,
    bools booleans, None a blank cell, and strings stay strings (even ones starting with
    '='). Formula and Formatted cells are written as Excel writes them; `merged` maps a
    sheet name to (range, text) merged cells.
    """
    book = xlsxwriter.Workbook(path, {"strings_to_formulas": False, "strings_to_urls": False,
                                      "strings_to_numbers": False})
    formats = {}

    def fmt(spec):
        if spec not in formats:
            formats[spec] = book.add_format({"num_format": spec})
        return formats[spec]

    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                _write(sheet, r, c, value, fmt)
        for span, text in (merged or {}).get(name, []):
            sheet.merge_range(span, text)
    book.close()
    return path


def _write(sheet, r: int, c: int, value, fmt) -> None:
    if value is None:
        return
    if isinstance(value, Formula):
        form = fmt(value.num_format) if value.num_format else None
        sheet.write_formula(r, c, value.text, form, value.cached)
    elif isinstance(value, Formatted):
        if isinstance(value.value, (dt.date, dt.time, dt.timedelta)):
            sheet.write_datetime(r, c, value.value, fmt(value.num_format))
        else:
            sheet.write_number(r, c, value.value, fmt(value.num_format))
    elif isinstance(value, dt.datetime):
        if value.time() == dt.time():
            sheet.write_datetime(r, c, value, fmt("yyyy-mm-dd"))
        else:
            sheet.write_datetime(r, c, value, fmt("yyyy-mm-dd hh:mm"))
    elif isinstance(value, dt.date):
        sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), fmt("yyyy-mm-dd"))
    elif isinstance(value, dt.time):
        sheet.write_datetime(r, c, value, fmt("hh:mm"))
    elif isinstance(value, str):
        sheet.write_string(r, c, value)
    elif isinstance(value, bool):
        sheet.write_boolean(r, c, value)
    else:
        sheet.write_number(r, c, value)
