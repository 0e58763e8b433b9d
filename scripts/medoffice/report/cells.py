"""Typed cell writes and the chrome every output sheet shares.

Numbers go out as numbers, dates as dates, text with write_string (never a formula)
and a quote prefix when it starts like one; blanks stay blank, never 0. Every
xlsxwriter return code is checked, so a silent truncation or off-sheet write fails
loudly instead of producing a wrong workbook.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from decimal import Decimal

import pandas as pd
from xlsxwriter.worksheet import Worksheet

from .styles import HouseStyle

NUMERIC_KINDS = ("money", "rate", "hours", "number", "integer", "percent")
DATE_KINDS = ("date", "datetime")
FORMULA_START = ("=", "+", "-", "@")
MIN_WIDTH = 8
MAX_WIDTH = 50
WIDE_TABLE = 6  # a table with more columns than this prints landscape
FILTER_BUTTON = 2  # characters the autofilter arrow covers in a header cell
PADDING = 2
ROW_HEIGHT = 15  # points, Excel's default row height
HEADER_FOOTER_MAX = 255  # Excel's limit on a print header or footer
FOOTER = "&LPrinted &D&RPage &P of &N"
LETTER_PAPER = 1
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
# Types whose values are never blank cells (checked by exact type, fast).
NEVER_BLANK = (int, bool, dt.date, dt.datetime, dt.time, dt.timedelta)


class WriteError(RuntimeError):
    """xlsxwriter refused a write (off the sheet, string too long, ...)."""


def check(code: int | None, what: str) -> None:
    """Raise when an xlsxwriter call reports failure with a negative return code."""
    if code is not None and code < 0:
        raise WriteError(f"{what}: xlsxwriter returned {code}")


def is_blank(value: object) -> bool:
    """None, NaN, NaT, pd.NA and '' are all blank cells (never written as 0)."""
    cls = type(value)
    if value is None or (cls is str and value == ""):
        return True
    if cls is Decimal:
        return value.is_nan()
    if cls is float:
        return value != value  # NaN
    if cls in NEVER_BLANK or isinstance(value, (str, bytes, list, tuple, dict)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def to_float(value: object) -> float:
    """A number for write_number: Decimal and numpy numbers convert here, at the write.
    Anything else (text, bool) in a number column is a programming error."""
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, Decimal)):
        raise TypeError(f"expected a number, got {value!r}")
    return float(value)


def as_text(value: object) -> str:
    """Text for a text/id cell; a whole float such as 1001.0 reads as 1001."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def needs_quote(text: str) -> bool:
    """Text Excel would take for a formula if retyped gets a quote prefix."""
    return text.startswith(FORMULA_START)


def write_text(ws: Worksheet, row: int, col: int, text: str, style: HouseStyle, *,
               level: str | None = None, wrap: bool = False, kind: str = "text") -> None:
    """Write text with write_string, quote-prefixed when it starts with = + - @."""
    fmt = style.cell(kind, level=level, quote=needs_quote(text), wrap=wrap)
    code = ws.write_string(row, col, text, fmt)
    if code:  # the message is built only when a write fails
        check(code, f"text at row {row + 1}, column {col + 1}")


def write_typed(ws: Worksheet, row: int, col: int, value: object, kind: str,
                style: HouseStyle, *, level: str | None = None, wrap: bool = False) -> None:
    """Write one value of a declared column kind with the matching typed write."""
    if is_blank(value):
        blank_kind = kind if kind in style.num_formats else "text"
        code = ws.write_blank(row, col, None, style.cell(blank_kind, level=level))
    elif kind in ("text", "id"):
        write_text(ws, row, col, as_text(value), style, level=level, wrap=wrap, kind=kind)
        return
    elif kind in NUMERIC_KINDS:
        code = ws.write_number(row, col, to_float(value), style.cell(kind, level=level))
    elif kind in DATE_KINDS:
        if not isinstance(value, dt.date):
            raise TypeError(f"expected a date, got {value!r}")
        code = ws.write_datetime(row, col, _plain_datetime(value), style.cell(kind, level=level))
    elif kind in ("time", "duration"):
        if not isinstance(value, (dt.time, dt.timedelta)):
            raise TypeError(f"expected a time, got {value!r}")
        code = ws.write_datetime(row, col, _plain_datetime(value), style.cell(kind, level=level))
    else:
        raise ValueError(f"unknown column kind {kind!r}")
    if code:  # the message is built only when a write fails
        check(code, f"row {row + 1}, column {col + 1}")


def kind_of(value: object) -> str:
    """The kind a value of unknown origin is written as (cells copied as read)."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (numbers.Real, Decimal)):
        return "number"
    if isinstance(value, dt.datetime):
        return "date" if value.time() == dt.time(0) else "datetime"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, dt.time):
        return "time"
    if isinstance(value, dt.timedelta):
        return "duration"
    return "text"


def write_any(ws: Worksheet, row: int, col: int, value: object, style: HouseStyle, *,
              level: str | None = None) -> None:
    """Write a value as read from an input (any type) faithfully: numbers as numbers,
    dates as dates, booleans as booleans, anything else (CellError too) as text."""
    kind = "text" if is_blank(value) else kind_of(value)
    if kind == "bool":
        fmt = style.cell("text", level=level)
        check(ws.write_boolean(row, col, value, fmt), f"row {row + 1}, column {col + 1}")
    else:
        write_typed(ws, row, col, value, kind, style, level=level)


def display_width(value: object, kind: str, style: HouseStyle) -> int:
    """Roughly how many characters a value shows as, to fit column widths."""
    if is_blank(value):
        return 0
    if kind in ("money", "rate"):
        return len(f"${to_float(value):,.2f}")
    if kind == "hours":
        return len(f"{to_float(value):.2f}")
    if kind == "percent":
        return len(f"{to_float(value) * 100:.1f}%")
    if kind == "integer":
        return len(f"{to_float(value):.0f}")
    if kind == "number":
        return min(len(f"{to_float(value):.10g}"), 11)
    if kind in ("date", "datetime", "time", "duration"):
        return len(style.num_formats[kind])
    return max((len(line) for line in as_text(value).splitlines()), default=0)


def fit_width(header: str, widths: list[int]) -> float:
    """Column width from the header (on one line, beside its filter button) and the
    values' display widths, between MIN_WIDTH and MAX_WIDTH."""
    content = max([len(header) + FILTER_BUTTON if header else 0, *widths])
    return float(min(max(content + PADDING, MIN_WIDTH), MAX_WIDTH))


def set_widths(ws: Worksheet, headers: list[str], widths: list[float]) -> None:
    """Apply column widths; a header too long for its capped column wraps, and the
    header row is made tall enough (not every viewer grows rows by itself)."""
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    lines = max((math.ceil((len(h) + FILTER_BUTTON) / w) for h, w in zip(headers, widths,
                                                                         strict=True)),
                default=1)
    if lines > 1:
        ws.set_row(0, ROW_HEIGHT * lines)


def write_header(ws: Worksheet, headers: list[str], style: HouseStyle, row: int = 0) -> None:
    """The header row of a table (bold, filled, wrapped)."""
    for col, header in enumerate(headers):
        check(ws.write_string(row, col, header, style.header), f"header {header!r}")


def table_chrome(ws: Worksheet, n_cols: int, n_rows: int) -> None:
    """Header row 1 frozen, autofilter over the header and data rows (not the total)."""
    ws.freeze_panes(1, 0)
    if n_cols:
        check(ws.autofilter(0, 0, max(n_rows, 0), n_cols - 1), "autofilter")


def print_setup(ws: Worksheet, *, office: str, title: str, sheet: str, landscape: bool,
                repeat_header: bool, scale: int | None = None) -> None:
    """Letter paper, one page wide, header row repeated, office/title/sheet in the page
    header and print date and page numbers in the footer. With `scale` the sheet prints
    at that percentage instead of "fit to one page wide", which keeps manual page breaks
    (Excel ignores them when fitting to pages)."""
    ws.set_paper(LETTER_PAPER)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    if scale is None:
        ws.fit_to_pages(1, 0)
    else:
        ws.set_print_scale(scale)
    if repeat_header:
        check(ws.repeat_rows(0), "repeat_rows")
    ws.set_header(page_header(office, title, sheet))
    ws.set_footer(FOOTER)


def page_header(office: str, title: str, sheet: str) -> str:
    """`&L<office>&C<title>&R<sheet>`, with user text escaped and kept within Excel's limit."""
    parts = [" ".join(str(p).split()) for p in (office, title, sheet)]
    while len(_compose_header(parts)) > HEADER_FOOTER_MAX:
        longest = max(range(3), key=lambda i: len(parts[i]))
        parts[longest] = parts[longest][:-10]
    return _compose_header(parts)


def escape_header(text: str) -> str:
    """Print headers treat & as a code (&P page, &D date...); && is a literal &."""
    return " ".join(str(text).split()).replace("&", "&&")


class SheetNames:
    """The sheet names given out so far in one workbook, kept with their lower-case forms
    so that safe_sheet_name checks a name in constant time: a book of one sheet per
    employee would otherwise compare every name with every earlier one."""

    def __init__(self, names=()):
        self.names: set[str] = set()
        self.lowered: set[str] = set()
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        """Record a name as taken."""
        self.names.add(name)
        self.lowered.add(name.lower())

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __iter__(self):
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def safe_sheet_name(name: str, taken: set[str] | SheetNames) -> str:
    """A valid, unique sheet name like `name`: no []:*?/\\, at most 31 characters, and
    ` (2)`, ` (3)`... when taken (compared case-insensitively, as Excel does). Pass a
    SheetNames when naming many sheets."""
    base = _BAD_SHEET_CHARS.sub("_", str(name)).strip("'").strip() or "Sheet"
    lowered = taken.lowered if isinstance(taken, SheetNames) else {t.lower() for t in taken}
    candidate, n = base[:31], 1
    while candidate.lower() in lowered:
        n += 1
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)] + suffix
    taken.add(candidate)
    return candidate


def internal_link(sheet: str, cell: str) -> str:
    """An xlsxwriter internal hyperlink target to a cell on another sheet."""
    return "internal:'" + sheet.replace("'", "''") + "'!" + cell


def _compose_header(parts: list[str]) -> str:
    office, title, sheet = (escape_header(p) for p in parts)
    return f"&L{office}&C{title}&R{sheet}"


def _plain_datetime(value):
    """pandas Timestamps become plain datetimes (xlsxwriter expects the stdlib types)."""
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, pd.Timedelta):
        return value.to_pytimedelta()
    return value
