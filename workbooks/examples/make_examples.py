"""Generate the example office's workbooks: a small, invented family practice.

Run ``python workbooks/examples/make_examples.py``; it (re)writes the .xlsx files next to
this script. The output is deterministic (fixed document dates, fixed zip timestamps), so
re-running it changes nothing unless the data below changed. ``tests/test_examples.py``
checks that the committed workbooks match this script. Every name, address and number
here is invented.

Riverside Family Practice pays biweekly; its pay periods begin every other Sunday from
2026-01-11 (..., 2026-11-15, 2026-11-29). The example timesheet covers the period
2026-11-15 (Sunday) to 2026-11-28 (Saturday); Thanksgiving (Thursday 2026-11-26) falls in
its second workweek and the clinic is closed that day. Workweeks start on Sunday.

Hours worked per workweek, for checking payroll by hand (Federal rule: overtime is hours
worked over 40 in the workweek; Training counts as hours worked; PTO and Holiday hours are
paid leave and do not). Punches of more than 6 hours carry a 30-minute unpaid break.

=====  =====================  ==========  ========  ========  ==========  ========
ID     Name                   Base rate   Week 1    OT wk 1   Week 2      Leave
=====  =====================  ==========  ========  ========  ==========  ========
1004   Grace Holloway, RN     43.50       48.00     8.00      39.50       Hol 8
1005   Marcus Bell, RN        40.25       39.50     -         32.00       Hol 8
1006   Sofia Delgado, RN      38.75       42.00     2.00      24.00       PTO 8, Hol 8
1007   Tanya Whitaker, MA     22.50       44.00     4.00      32.00       Hol 8
1008   Kevin Tran, MA (PT)    20.75       18.00     -         18.00       -
1009   Lauren Pike            18.75       40.00     -         32.00       Hol 8
1010   Jamal Foster (PRN)     18.25        8.00     -         17.00       -
1011   Hannah Kowalski        25.75       38.00     -         32.00       Hol 8
1012   Oscar Lindqvist        24.50       38.75     -         31.00       Hol 8
=====  =====================  ==========  ========  ========  ==========  ========

Week 1 is 2026-11-15..21, week 2 is 2026-11-22..28. Nobody has overtime in week 2.

- 1004: Mon-Thu 07:00-18:00 (4 x 10.5 h) plus a Saturday flu clinic 08:00-14:00 (6 h).
- 1005: on call overnight Fri 2026-11-20 19:00 to Sat 07:00 (11.5 h; 5 h fall on Friday and
  7 h on Saturday before the break, both in week 1), plus Mon-Wed 8 h and Thu 4 h.
- 1006: Mon-Fri 8 h plus a 2-hour Training row (Wednesday), so the training is overtime.
- 1007: Mon-Fri 8 h at 22.50 plus Saturday 08:00-12:00 covering the front desk at a Rate
  override of 19.00 (charged to Front office): regular rate is the weighted average
  (40 x 22.50 + 4 x 19.00) / 44 = 22.1818...
- 1009: exactly 40 h in week 1 (no overtime).
- Holiday rows (8 h) go to the full-time hourly staff; part-time and PRN staff get none.
- The salaried exempt staff (1001-1003) have no time rows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent

OFFICE = "Riverside Family Practice"
CREATED = dt.datetime(2026, 11, 1, 9, 0, 0)  # fixed document date keeps the files stable
PAY_PERIOD_ANCHOR = dt.date(2026, 1, 11)  # a Sunday on which a pay period began
PERIOD_START = dt.date(2026, 11, 15)
PERIOD_END = dt.date(2026, 11, 28)
THANKSGIVING = dt.date(2026, 11, 26)

assert (PERIOD_START - PAY_PERIOD_ANCHOR).days % 14 == 0, "period must start on a pay date"
assert (PERIOD_END - PERIOD_START).days == 13

NUMBER_FORMATS = {
    "date": "yyyy-mm-dd",
    "time": "hh:mm",
    "money": "$#,##0.00",
    "annual": "$#,##0",
    "hours": "0.00",
    "number": "0",
}


# --------------------------------------------------------------------------- writing


def _open(path: Path) -> tuple[xlsxwriter.Workbook, dict[str, object]]:
    """A new workbook with fixed properties and the formats used by the examples."""
    wb = xlsxwriter.Workbook(str(path), {"in_memory": True, "strings_to_formulas": False,
                                         "strings_to_numbers": False, "strings_to_urls": False})
    wb.set_properties({"title": f"{OFFICE} example", "author": "medoffice examples",
                       "created": CREATED})
    formats: dict[str, object] = {k: wb.add_format({"num_format": v})
                                  for k, v in NUMBER_FORMATS.items()}
    formats["header"] = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "bottom": 1})
    formats["title"] = wb.add_format({"bold": True, "font_size": 14})
    return wb, formats


def _write_table(ws, formats, columns, rows, first_row=0) -> None:
    """Write a header row and data rows; ``columns`` is a list of (header, kind, width).

    Text is written as text, dates and times as real Excel date/time values, numbers as
    numbers; None leaves the cell blank.
    """
    for c, (header, _kind, width) in enumerate(columns):
        ws.write_string(first_row, c, header, formats["header"])
        ws.set_column(c, c, width)
    for r, row in enumerate(rows, start=first_row + 1):
        for c, ((_header, kind, _width), value) in enumerate(zip(columns, row, strict=True)):
            fmt = formats.get(kind)
            if value is None:
                continue
            if isinstance(value, str):
                ws.write_string(r, c, value)
            elif isinstance(value, dt.time):
                ws.write_datetime(r, c, value, formats["time"])
            elif isinstance(value, dt.date):
                ws.write_datetime(r, c, value, formats["date"])
            else:
                ws.write_number(r, c, value, fmt)
    ws.freeze_panes(first_row + 1, 0)
    if rows:
        ws.autofilter(first_row, 0, first_row + len(rows), len(columns) - 1)


# --------------------------------------------------------------------------- settings

SETTINGS_ROWS = (
    ("Office name", OFFICE, "Shown on every report."),
    ("Pay frequency", "Biweekly", "Paid every other Friday."),
    ("Pay period start", PAY_PERIOD_ANCHOR,
     "Pay periods begin every other Sunday from this date (e.g. 2026-11-15)."),
    ("Workweek starts on", "Sunday", ""),
    ("Overtime rule", "Federal", "Overtime after 40 hours worked in the workweek."),
    ("Employer tax rate %", 7.65, "Social Security and Medicare; used for labor cost."),
    ("Minimum wage", 7.25, "Federal minimum wage."),
    ("Fiscal year starts", "January", ""),
    ("Payroll account", "Salaries and wages", "Budget account payroll is booked to."),
    ("SMTP host", None, "Fill in to email reports."),
    ("SMTP port", None, "Blank means 587."),
)

HOLIDAY_ROWS = (
    (dt.date(2026, 1, 1), "New Year's Day"),
    (dt.date(2026, 1, 19), "Martin Luther King Jr. Day"),
    (dt.date(2026, 2, 16), "Washington's Birthday"),
    (dt.date(2026, 5, 25), "Memorial Day"),
    (dt.date(2026, 6, 19), "Juneteenth"),
    (dt.date(2026, 7, 3), "Independence Day (observed)"),
    (dt.date(2026, 9, 7), "Labor Day"),
    (dt.date(2026, 10, 12), "Columbus Day"),
    (dt.date(2026, 11, 11), "Veterans Day"),
    (THANKSGIVING, "Thanksgiving"),
    (dt.date(2026, 12, 25), "Christmas Day"),
)

RECIPIENT_ROWS = (
    ("payroll", "manager@riverside.example", None),
    ("errors", "manager@riverside.example", None),
    ("all", "office@riverside.example", None),
)


def make_settings(folder: Path = HERE) -> Path:
    """Write ``settings.xlsx``: sheets Settings, Holidays (2026 US federal) and Recipients."""
    path = Path(folder) / "settings.xlsx"
    wb, formats = _open(path)
    ws = wb.add_worksheet("Settings")
    rows = []
    for key, value, note in SETTINGS_ROWS:
        rows.append((key, value, note or None))
    _write_table(ws, formats, [("Setting", "text", 22), ("Value", "text", 26),
                               ("Notes", "text", 60)], rows)
    # The Value column mixes kinds; give the numeric settings their formats.
    for r, (key, value, _note) in enumerate(SETTINGS_ROWS, start=1):
        if key == "Minimum wage":
            ws.write_number(r, 1, value, formats["money"])
        elif key == "Employer tax rate %":
            ws.write_number(r, 1, value, wb.add_format({"num_format": "0.00"}))
    ws = wb.add_worksheet("Holidays")
    _write_table(ws, formats, [("Date", "date", 12), ("Holiday", "text", 30),
                               ("Paid hours", "hours", 11)],
                 [(d, name, 8) for d, name in HOLIDAY_ROWS])
    ws = wb.add_worksheet("Recipients")
    _write_table(ws, formats, [("Report", "text", 12), ("To", "text", 32), ("Cc", "text", 32)],
                 RECIPIENT_ROWS)
    wb.close()
    return path


# --------------------------------------------------------------------------- staff

STAFF_COLUMNS = [
    ("Employee ID", "text", 12), ("Name", "text", 20), ("Role", "text", 18),
    ("Department", "text", 13), ("Employment", "text", 12), ("Pay type", "text", 9),
    ("Rate", "money", 12), ("FLSA status", "text", 11), ("Salary basis", "text", 12),
    ("Standard hours", "hours", 9), ("Email", "text", 32), ("Hire date", "date", 11),
    ("Termination date", "date", 11), ("Mentor ID", "text", 9),
]

# ID, name, role, department, employment, pay type, rate, FLSA status, hire date, mentor
STAFF_ROWS = (
    ("1001", "Elena Marsh", "Physician", "Physicians", "Full-time", "Salary", 245000,
     "Exempt", dt.date(2014, 8, 1), None),
    ("1002", "Daniel Okonkwo", "Physician", "Physicians", "Full-time", "Salary", 232000,
     "Exempt", dt.date(2019, 9, 3), None),
    ("1003", "Priya Raman", "Practice manager", "Front office", "Full-time", "Salary", 82000,
     "Exempt", dt.date(2017, 4, 17), None),
    ("1004", "Grace Holloway", "RN", "Nursing", "Full-time", "Hourly", 43.50,
     "Non-exempt", dt.date(2016, 2, 8), None),
    ("1005", "Marcus Bell", "RN", "Nursing", "Full-time", "Hourly", 40.25,
     "Non-exempt", dt.date(2020, 6, 22), None),
    ("1006", "Sofia Delgado", "RN", "Nursing", "Full-time", "Hourly", 38.75,
     "Non-exempt", dt.date(2024, 1, 15), "1004"),
    ("1007", "Tanya Whitaker", "Medical assistant", "Nursing", "Full-time", "Hourly", 22.50,
     "Non-exempt", dt.date(2018, 10, 1), None),
    ("1008", "Kevin Tran", "Medical assistant", "Nursing", "Part-time", "Hourly", 20.75,
     "Non-exempt", dt.date(2025, 3, 10), "1007"),
    ("1009", "Lauren Pike", "Front desk", "Front office", "Full-time", "Hourly", 18.75,
     "Non-exempt", dt.date(2021, 11, 29), None),
    ("1010", "Jamal Foster", "Front desk", "Front office", "PRN", "Hourly", 18.25,
     "Non-exempt", dt.date(2023, 5, 1), None),
    ("1011", "Hannah Kowalski", "Billing specialist", "Billing", "Full-time", "Hourly", 25.75,
     "Non-exempt", dt.date(2015, 7, 13), None),
    ("1012", "Oscar Lindqvist", "Billing specialist", "Billing", "Full-time", "Hourly", 24.50,
     "Non-exempt", dt.date(2022, 8, 29), None),
)


def _email(name: str) -> str:
    """``Grace Holloway`` -> ``grace.holloway@riverside.example``."""
    return name.lower().replace(" ", ".") + "@riverside.example"


def make_staff(folder: Path = HERE) -> Path:
    """Write ``staff.xlsx``: the Staff roster, under a title row as real rosters often are."""
    path = Path(folder) / "staff.xlsx"
    wb, formats = _open(path)
    ws = wb.add_worksheet("Staff")
    ws.write_string(0, 0, f"{OFFICE} — Staff roster", formats["title"])
    rows = []
    for emp_id, name, role, dept, employment, pay_type, rate, flsa, hired, mentor in STAFF_ROWS:
        rows.append((emp_id, name, role, dept, employment, pay_type, rate, flsa, None, None,
                     _email(name), hired, None, mentor))
    _write_table(ws, formats, STAFF_COLUMNS, rows, first_row=2)
    # Annual salaries read better without cents.
    for r, row in enumerate(STAFF_ROWS, start=3):
        if row[5] == "Salary":
            ws.write_number(r, 6, row[6], formats["annual"])
    wb.close()
    return path


# --------------------------------------------------------------------------- timesheet

TIME_COLUMNS = [
    ("Employee ID", "text", 12), ("Date", "date", 11), ("In", "time", 7), ("Out", "time", 7),
    ("Unpaid break (min)", "number", 10), ("Hours", "hours", 7), ("Pay code", "text", 10),
    ("Rate", "money", 9), ("Differential", "text", 12), ("Department", "text", 13),
    ("Note", "text", 40),
]

WEEK1 = (16, 17, 18, 19, 20)  # Monday to Friday, 2026-11-16..20
WEEK2 = (23, 24, 25, 27)      # Monday to Friday, 2026-11-23..27, less Thanksgiving

# Shifts: employee, days of November 2026, in, out, optional extra columns.
SHIFTS = (
    ("1004", (16, 17, 18, 19), "07:00", "18:00", {}),
    ("1004", (21,), "08:00", "14:00", {"Note": "Saturday flu clinic"}),
    ("1004", (23, 24, 25), "07:00", "18:00", {}),
    ("1004", (27,), "08:00", "16:30", {}),
    ("1005", (16, 17, 18), "08:00", "16:30", {}),
    ("1005", (19,), "08:00", "12:00", {"Note": "Left early; on call Friday night"}),
    ("1005", (20,), "19:00", "07:00", {"Note": "On call overnight, ended Saturday 07:00"}),
    ("1005", WEEK2, "08:00", "16:30", {}),
    ("1006", WEEK1, "08:00", "16:30", {}),
    ("1006", (24, 25, 27), "08:00", "16:30", {}),
    ("1007", WEEK1, "08:00", "16:30", {}),
    ("1007", (21,), "08:00", "12:00",
     {"Rate": 19.00, "Department": "Front office", "Note": "Covering front desk"}),
    ("1007", WEEK2, "08:00", "16:30", {}),
    ("1008", (16, 18, 20, 23, 25, 27), "08:00", "14:00", {}),
    ("1009", WEEK1, "07:30", "16:00", {}),
    ("1009", WEEK2, "07:30", "16:00", {}),
    ("1010", (20,), "09:00", "17:30", {}),
    ("1010", (24,), "13:00", "18:00", {}),
    ("1010", (27,), "08:00", "16:30", {}),
    ("1010", (28,), "08:00", "12:00", {"Note": "Saturday flu clinic"}),
    ("1011", (16, 17, 18, 19), "08:30", "17:00", {}),
    ("1011", (20,), "08:30", "15:00", {}),
    ("1011", WEEK2, "08:30", "17:00", {}),
    ("1012", WEEK1, "08:00", "16:15", {}),
    ("1012", WEEK2, "08:00", "16:15", {}),
)

# Rows of hours without punches: employee, day of November 2026, hours, pay code, note.
HOURS_ROWS = (
    ("1006", 18, 2, "Training", "BLS recertification (online course)"),
    ("1006", 23, 8, "PTO", "Vacation day"),
)


def _time(text: str) -> dt.time:
    """``"07:30"`` -> ``time(7, 30)``."""
    hour, minute = text.split(":")
    return dt.time(int(hour), int(minute))


def _break_minutes(start: dt.time, end: dt.time) -> int | None:
    """30 minutes of unpaid break for a punch longer than 6 hours, else none."""
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    if minutes <= 0:
        minutes += 24 * 60  # ends the next day
    return 30 if minutes > 6 * 60 else None


def time_rows() -> list[dict[str, object]]:
    """Every row of the example Time sheet, sorted by date, then employee, then In."""
    rows: list[dict[str, object]] = []
    for emp_id, days, start, end, extra in SHIFTS:
        t_in, t_out = _time(start), _time(end)
        for day in days:
            rows.append({"Employee ID": emp_id, "Date": dt.date(2026, 11, day), "In": t_in,
                         "Out": t_out, "Unpaid break (min)": _break_minutes(t_in, t_out),
                         **extra})
    for emp_id, day, hours, code, note in HOURS_ROWS:
        rows.append({"Employee ID": emp_id, "Date": dt.date(2026, 11, day), "Hours": hours,
                     "Pay code": code, "Note": note})
    working = {r["Employee ID"] for r in rows if r["Date"] == THANKSGIVING}
    for emp_id, _name, _role, _dept, employment, pay_type, *_rest in STAFF_ROWS:
        if employment == "Full-time" and pay_type == "Hourly" and emp_id not in working:
            rows.append({"Employee ID": emp_id, "Date": THANKSGIVING, "Hours": 8,
                         "Pay code": "Holiday", "Note": "Thanksgiving"})
    rows.sort(key=lambda r: (r["Date"], r["Employee ID"], "In" not in r, r.get("In")))
    return rows


def make_timesheet(folder: Path = HERE) -> Path:
    """Write ``timesheet.xlsx``: the Time sheet for the pay period 2026-11-15..2026-11-28."""
    path = Path(folder) / "timesheet.xlsx"
    wb, formats = _open(path)
    ws = wb.add_worksheet("Time")
    rows = [tuple(row.get(header) for header, _kind, _width in TIME_COLUMNS)
            for row in time_rows()]
    _write_table(ws, formats, TIME_COLUMNS, rows)
    wb.close()
    return path


# --------------------------------------------------------------------------- main

# Every example workbook, in the order main() writes them. Add new generators here.
MAKERS = (make_settings, make_staff, make_timesheet)


def main(folder: Path = HERE) -> list[Path]:
    """Write every example workbook into ``folder`` (default: next to this script)."""
    paths = [make(folder) for make in MAKERS]
    for path in paths:
        print(f"wrote {path}")
    return paths


if __name__ == "__main__":
    main()
