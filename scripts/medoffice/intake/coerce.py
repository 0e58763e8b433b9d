"""Turn one raw cell into a typed value, the way DESIGN §3 "Reading any input sheet" says.

Each parser takes the raw value and returns (value, None) or (None, hint) where the
hint finishes the sentence "<value> in <column> ..." and says what to type instead.
Blank cells never reach a parser.

Types produced: text/id/choice/email -> str; date -> datetime.date; time -> datetime.time;
hours, money, number, percent -> Decimal (exact; floats from Excel are read through their
shortest 15-digit form so 0.1 stays 0.1); integer -> int; weekdays -> tuple of names.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from ..schemas.base import Column, normalize_choice
from ..schemas.settings import WEEKDAYS
from .model import CellError

EXCEL_EPOCH = dt.datetime(1899, 12, 30)
FIRST_SERIAL = 61  # 1900-03-01, the first Excel day number that EXCEL_EPOCH maps right
_MONTHS = {m.lower(): i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def is_blank(value) -> bool:
    """True for an empty cell or one holding only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def to_decimal(value: float | int) -> Decimal:
    """A number as Excel shows it: floats through 15 significant digits, so no float noise."""
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(format(value, ".15g"))


# --- text-like ------------------------------------------------------------------------

def parse_text(value, column: Column, day_first: bool):
    if isinstance(value, float) and value.is_integer():
        return str(int(value)), None
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat(), None
    return str(value).strip(), None


def parse_id(value, column: Column, day_first: bool):
    if isinstance(value, bool):
        return None, "is TRUE/FALSE, not an ID. Type the ID itself"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value)), None
        return None, "is not a whole-number ID. Type the ID exactly as on the roster"
    if isinstance(value, int):
        return str(value), None
    text = str(value).strip()
    if re.fullmatch(r"[0-9]+\.0+", text):
        text = text.split(".")[0]
    return text, None


_EMAIL = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[^@\s;,]+$")


def parse_email(value, column: Column, day_first: bool):
    parts = [p.strip() for p in re.split(r"[;,]", str(value)) if p.strip()]
    bad = [p for p in parts if not _EMAIL.match(p)]
    if bad:
        return None, (f"is not an email address ({bad[0]}). Type an address such as "
                      "name@example.com; separate several with ;")
    return "; ".join(parts), None


def parse_choice(value, column: Column, day_first: bool):
    choice = column.canonical_choice(value)
    if choice is None:
        return None, "is not one of the allowed values: " + ", ".join(column.choices)
    return choice, None


def parse_weekdays(value, column: Column, day_first: bool):
    names = {normalize_choice(d)[:3]: d for d in WEEKDAYS}
    out = []
    for part in re.split(r"[;,/]|\s+and\s+", str(value)):
        key = normalize_choice(part)
        if not key:
            continue
        if key in ("holiday", "holidays"):
            out.append("Holidays")
        elif key[:3] in names and names[key[:3]].lower().startswith(key):
            out.append(names[key[:3]])
        elif key in ("weekdays", "weekday"):
            out.extend(WEEKDAYS[1:6])
        elif key in ("weekends", "weekend"):
            out.extend((WEEKDAYS[6], WEEKDAYS[0]))
        else:
            return None, ("is not a list of weekdays. Type days such as Mon, Tue or Sat, Sun "
                          "or Holidays, separated by commas")
    return tuple(dict.fromkeys(out)), None


# --- numbers --------------------------------------------------------------------------

def _number_from_text(text: str) -> Decimal | None:
    # Spaces may pad a sign or a currency symbol ("$ 12", "45.00 -"), never split digits:
    # "4 5" is a typo, not 45.
    t = re.sub(r"\s+(?!\d)|(?<!\d)\s+", "", text.replace("\u00a0", " ").strip())
    negative = False
    if t.startswith("(") and t.endswith(")"):
        negative, t = True, t[1:-1]
    if t.endswith("-") and len(t) > 1:
        negative, t = True, t[:-1]
    if t.startswith("-"):
        negative, t = not negative, t[1:]
    t = t.lstrip("$€£").replace("USD", "")
    if t.startswith("-"):
        negative, t = not negative, t[1:]
    if not re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?|[0-9]*\.?[0-9]+|[0-9]+\.", t):
        return None
    try:
        number = Decimal(t.replace(",", ""))
    except InvalidOperation:
        return None
    return -number if negative else number


def _plain_number(value, hint: str):
    if isinstance(value, bool):
        return None, hint
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            return None, hint
        return to_decimal(value), None
    if isinstance(value, str):
        number = _number_from_text(value)
        if number is not None:
            return number, None
    return None, hint


def parse_money(value, column: Column, day_first: bool):
    return _plain_number(value, "is not an amount of money. Type a number such as 1234.50 "
                                "(a $ sign and commas are fine; (45.00) means -45)")


def parse_number(value, column: Column, day_first: bool):
    return _plain_number(value, "is not a number. Type digits only, such as 12 or 2.5")


def parse_integer(value, column: Column, day_first: bool):
    number, hint = _plain_number(value, "is not a whole number. Type digits only, such as 30")
    if number is None:
        return None, hint
    if number != number.to_integral_value():
        return None, "is not a whole number. Type a whole number such as 30"
    return int(number), None


def parse_percent(value, column: Column, day_first: bool):
    if isinstance(value, str) and value.strip().endswith("%"):
        value = value.strip()[:-1]
    return _plain_number(value, "is not a percentage. Type a number such as 7.65 (meaning 7.65%)")


def parse_hours(value, column: Column, day_first: bool):
    hint = "is not a number of hours. Type hours such as 7.5 or 7:30"
    if isinstance(value, dt.timedelta):
        return Decimal(int(round(value.total_seconds()))) / Decimal(3600), None
    if isinstance(value, dt.time):
        seconds = value.hour * 3600 + value.minute * 60 + value.second
        return Decimal(seconds) / Decimal(3600), None
    if isinstance(value, str):
        m = re.fullmatch(r"\s*([0-9]{1,3}):([0-5][0-9])(?::([0-5][0-9]))?\s*", value)
        if m:
            h, mi, s = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
            return (Decimal(h * 3600 + mi * 60 + s)) / Decimal(3600), None
    return _plain_number(value, hint)


# --- dates and times ------------------------------------------------------------------

def parse_date(value, column: Column, day_first: bool):
    hint = ("is not a date. Type a date such as 2026-11-03"
            + (" or 3/11/2026 (day first)" if day_first else " or 11/3/2026"))
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, bool):
        return None, hint
    if isinstance(value, (int, float)):
        # Excel serial day numbers from 1900-03-01 (61; below it Excel's phantom 1900-02-29
        # shifts every date, and a small number is a typed day or count, not a date) up
        # to 9999-12-31.
        if FIRST_SERIAL <= value < 2958466:
            return (EXCEL_EPOCH + dt.timedelta(days=int(value))).date(), None
        return None, hint
    if isinstance(value, str):
        parsed = _date_from_text(value.strip(), day_first)
        if parsed is not None:
            return parsed, None
    return None, hint


def _make_date(y: int, m: int, d: int) -> dt.date | None:
    if y < 100:
        y += 2000 if y < 70 else 1900
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def date_from_text(text: str, day_first: bool = False) -> dt.date | None:
    """A date typed as text (2026-11-03, 11/3/2026, 11/3/26, Nov 3, 2026), else None."""
    return _date_from_text(text, day_first)


def _date_from_text(text: str, day_first: bool) -> dt.date | None:
    text = re.sub(r"\s+", " ", text)
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?", text)
    if m:
        return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})", text)
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return _make_date(y, b, a) if day_first else _make_date(y, a, b)
    m = re.fullmatch(r"([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})", text)
    if m and m.group(1).lower()[:3] in _MONTHS:
        return _make_date(int(m.group(3)), _MONTHS[m.group(1).lower()[:3]], int(m.group(2)))
    m = re.fullmatch(r"(\d{1,2}) ([A-Za-z]{3,9})\.?,? (\d{4})", text)
    if m and m.group(2).lower()[:3] in _MONTHS:
        return _make_date(int(m.group(3)), _MONTHS[m.group(2).lower()[:3]], int(m.group(1)))
    return None


_TIME_TEXT = re.compile(
    r"(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([ap]\.?m?\.?)?", re.I)


def parse_time(value, column: Column, day_first: bool):
    hint = "is not a time of day. Type a time such as 8:30, 8:30 AM or 17:05"
    if isinstance(value, dt.datetime):
        return _round_time(value.time()), None
    if isinstance(value, dt.time):
        return _round_time(value), None
    if isinstance(value, dt.timedelta):
        seconds = int(round(value.total_seconds()))
        if 0 <= seconds < 86400:
            return _from_seconds(seconds), None
        return None, hint
    if isinstance(value, bool):
        return None, hint
    if isinstance(value, (int, float)):
        if 0 <= value < 1:
            return _from_seconds(int(round(value * 86400)) % 86400), None
        return None, hint
    m = _TIME_TEXT.fullmatch(str(value).strip())
    if not m or (m.group(2) is None and m.group(4) is None):
        return None, hint
    h, mi, s = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    meridiem = (m.group(4) or "").lower()[:1]
    if meridiem:
        if not 1 <= h <= 12:
            return None, hint
        h = h % 12 + (12 if meridiem == "p" else 0)
    if h > 23 or mi > 59 or s > 59:
        return None, hint
    return dt.time(h, mi, s), None


def _from_seconds(seconds: int) -> dt.time:
    return dt.time(seconds // 3600, seconds // 60 % 60, seconds % 60)


def _round_time(t: dt.time) -> dt.time:
    seconds = t.hour * 3600 + t.minute * 60 + t.second + (1 if t.microsecond >= 500000 else 0)
    return _from_seconds(min(seconds, 86399))


PARSERS = {
    "text": parse_text,
    "id": parse_id,
    "email": parse_email,
    "choice": parse_choice,
    "weekdays": parse_weekdays,
    "money": parse_money,
    "number": parse_number,
    "integer": parse_integer,
    "percent": parse_percent,
    "hours": parse_hours,
    "date": parse_date,
    "time": parse_time,
}


def parse_cell(value, column: Column, day_first: bool = False):
    """Parse one non-blank raw cell for a column: (typed value, None) or (None, hint)."""
    if isinstance(value, CellError):
        if value.unsaved:
            return None, ("is a formula whose result was never saved (the workbook was written "
                          "by a program, not by Excel), so there is no value to read. Open "
                          "the workbook in Excel, save it, and run again")
        return None, f"holds the Excel error {value.code}. Fix the formula or type the value"
    return PARSERS[column.kind](value, column, day_first)


def parse_default(column: Column, day_first: bool = False):
    """The typed default of a column (declared as text or a typed value)."""
    if column.default is None or column.default == "":
        return column.default if column.kind in ("text", "email") else None
    if column.kind in ("date", "time") and not isinstance(column.default, str):
        return column.default
    value, hint = parse_cell(column.default, column, day_first)
    if hint:
        raise ValueError(f"default of {column.name} {hint}")
    return value
