"""Write a table's data cells a column at a time, for speed on large tables.

Each column is converted once by its kind (numbers to floats, dates and times to Excel
serial numbers, text checked for a formula-like start), measured for its width in one
pass, then written in a tight loop with formats looked up once. The cells are those
`cells.write_typed` writes one at a time, with one difference: a blank data cell is left
empty instead of being written as a formatted blank (it looks the same, and a large
table with optional columns would otherwise carry hundreds of thousands of them).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
from xlsxwriter.worksheet import Worksheet

from .cells import (
    DATE_KINDS,
    FORMULA_START,
    NEVER_BLANK,
    NUMERIC_KINDS,
    as_text,
    check,
    display_width,
    is_blank,
    to_float,
)
from .styles import TEXT_KINDS, HouseStyle

TIME_KINDS = ("time", "duration")
# Display width of a number as its kind shows it (as cells.display_width computes it).
_NUMBER_SHOWN = {"money": "${:,.2f}", "rate": "${:,.2f}", "hours": "{:.2f}",
                 "integer": "{:.0f}"}


class CellTypeError(TypeError):
    """A value of the wrong type for its column, at data row `index` (0-based)."""

    def __init__(self, index: int, cause: TypeError):
        super().__init__(str(cause))
        self.index = index


def prepare_column(values: list, kind: str, ws: Worksheet) -> list:
    """The values as they will be written: str for text, float for numbers, an Excel
    serial number for dates and times; None for a blank. CellTypeError names the first
    value of the wrong type, as write_typed would."""
    if kind in TEXT_KINDS:
        convert = _text
    elif kind in NUMERIC_KINDS:
        convert = _number
    elif kind in DATE_KINDS or kind in TIME_KINDS:
        convert = _serial_converter(kind, ws)
    else:
        raise ValueError(f"unknown column kind {kind!r}")
    out = []
    append = out.append
    for index, value in enumerate(values):
        cls = value.__class__
        if value is None or (cls is str and value == "") or (cls is float and value != value):
            append(None)
        elif cls is Decimal and value.is_nan():
            append(None)
        elif cls is str or cls is Decimal or cls in NEVER_BLANK or not is_blank(value):
            try:
                append(convert(value))
            except TypeError as exc:
                raise CellTypeError(index, exc) from exc
        else:
            append(None)
    return out


def _text(value) -> str:
    return value if value.__class__ is str else as_text(value)


def _number(value) -> float:
    cls = value.__class__
    if cls is float:
        return value
    if cls is Decimal or cls is int:
        return float(value)
    return to_float(value)


def _serial_converter(kind: str, ws: Worksheet):
    """Dates/times to the serial number write_datetime would store, once per distinct value."""
    wanted = (dt.date,) if kind in DATE_KINDS else (dt.time, dt.timedelta)
    label = "a date" if kind in DATE_KINDS else "a time"
    seen: dict = {}

    def convert(value) -> float:
        try:
            return seen[value]
        except (KeyError, TypeError):  # not seen yet, or not even hashable
            pass
        if not isinstance(value, wanted):
            raise TypeError(f"expected {label}, got {value!r}")
        plain = value
        if isinstance(value, pd.Timestamp):
            plain = value.to_pydatetime()
        elif isinstance(value, pd.Timedelta):
            plain = value.to_pytimedelta()
        # The worksheet's own conversion, so the stored number is exactly the one
        # write_datetime stores (1900 or 1904 date system, its time zone rule).
        number = seen[value] = ws._convert_date_time(plain)
        return number

    return convert


def column_width(cells: list, kind: str, style: HouseStyle) -> int:
    """The widest display width of a prepared column (cells.display_width per value)."""
    present = [v for v in cells if v is not None]
    if not present:
        return 0
    if kind in TEXT_KINDS:
        return max(len(t) if t.isprintable() else display_width(t, kind, style)
                   for t in present)
    if kind in _NUMBER_SHOWN:
        return max(map(len, map(_NUMBER_SHOWN[kind].format, present)))
    if kind == "percent":
        return max(len(f"{v * 100:.1f}%") for v in present)
    if kind == "number":
        return max(min(len(f"{v:.10g}"), 11) for v in present)
    return len(style.num_formats[kind])  # dates and times: as wide as their format


def write_column(ws: Worksheet, col: int, cells: list, kind: str, style: HouseStyle,
                 wrap: bool, first_row: int = 1) -> None:
    """Write a prepared column from `first_row` down; blanks are left empty."""
    if kind in TEXT_KINDS:
        plain = style.cell(kind, wrap=wrap)
        quoted = style.cell(kind, quote=True, wrap=wrap)
        write = ws.write_string
        for row, text in enumerate(cells, first_row):
            if text is not None:
                code = write(row, col, text, quoted if text.startswith(FORMULA_START) else plain)
                if code:
                    check(code, f"text at row {row + 1}, column {col + 1}")
        return
    fmt = style.cell(kind)
    write = ws.write_number
    for row, number in enumerate(cells, first_row):
        if number is not None:
            code = write(row, col, number, fmt)
            if code:
                check(code, f"row {row + 1}, column {col + 1}")
