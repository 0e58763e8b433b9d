"""Build real input workbooks in tests, from plain Python rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter


def write_workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    """Write an .xlsx with one sheet per entry; rows are lists of cell values.

    Dates and datetimes become real Excel dates, times real Excel times, numbers numbers,
    None a blank cell, and strings stay strings (even ones starting with '=').
    """
    book = xlsxwriter.Workbook(path, {"strings_to_formulas": False, "strings_to_urls": False,
                                      "strings_to_numbers": False})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    time_format = book.add_format({"num_format": "hh:mm"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, dt.datetime):
                    sheet.write_datetime(r, c, value, date_format)
                elif isinstance(value, dt.date):
                    sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()),
                                         date_format)
                elif isinstance(value, dt.time):
                    sheet.write_datetime(r, c, value, time_format)
                elif isinstance(value, str):
                    sheet.write_string(r, c, value)
                else:
                    sheet.write(r, c, value)
    book.close()
    return path
