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


# --------------------------------------------------------------------------- inventory

# The supply room is counted on INVENTORY_AS_OF (run: inventory.py --as-of 2026-11-27);
# the usage log covers the 90 days up to the last clinic day before it (2026-08-28 to
# 2026-11-25; Thanksgiving closed the clinic on 2026-11-26). What the example shows:
#
# - Expired lots: TK-COVID CV-2609 (2026-11-20), VAC-COVID CVX-118 (2026-11-18),
#   RX-CEFTR CF-2203 (2026-10-31), WIP-DIS WP-2 (2026-10-15).
# - Expiring on the as-of day itself (still usable): VAC-PPSV PN-2210; the next day:
#   ALC-PREP AP-1128. Expiring before a delivery could arrive: TK-FLU FL2611 (2 days
#   left, Bayview delivers in 3), TB-PPD TB-44 (4 days, Pinecrest takes 7).
# - On order: VAC-COVID (10 doses) keeps it off the reorder list.
# - Summit Office Products' order ($178.00 of toner) is below its $200 minimum.
# - Things to check: TK-HGB has no unit cost; RX-LIDO lot LD-3401 has no expiry date;
#   RX-KETOR's lots disagree on unit cost; ELA-BAND names "Bayview Surgical Supply";
#   the usage log mistypes GLV-M as GLV-MED; SPL-FING, ICE-PK, OFF-CLIP and OFF-SNOTE
#   have no par level (untracked).
# - Equipment: the autoclave, crash cart, spirometer and exam table 2 (out of service)
#   are overdue; both AEDs, the vaccine refrigerator and the adult scale are due soon.

INVENTORY_AS_OF = dt.date(2026, 11, 27)
USAGE_FIRST = dt.date(2026, 8, 28)
USAGE_LAST = dt.date(2026, 11, 25)
CLOSED = {d for d, _name in HOLIDAY_ROWS}

NORTHSTAR = "Northstar Medical Supply"
BAYVIEW = "Bayview Surgical"
PINECREST = "Pinecrest Pharma & Vaccines"
SUMMIT = "Summit Office Products"

# Vendor, email, phone, lead time (days), minimum order.
VENDOR_ROWS = (
    (NORTHSTAR, "orders@northstar-medical.example", "(555) 201-4400", 5, 250),
    (BAYVIEW, "sales@bayview-surgical.example", "(555) 338-1920", 3, 150),
    (PINECREST, "vaccines@pinecrest-pharma.example", "(555) 412-7700", 7, 500),
    (SUMMIT, "service@summit-office.example", "(555) 640-2288", 2, 200),
)

SUPPLY_COLUMNS = [
    ("Item ID", "text", 11), ("Item", "text", 38), ("Category", "text", 16),
    ("Unit", "text", 9), ("Pack size", "number", 6), ("On hand", "number", 8),
    ("On order", "number", 8), ("Par level", "number", 6), ("Reorder point", "number", 8),
    ("Unit cost", "money", 9), ("Vendor", "text", 26), ("Location", "text", 20),
    ("Lot", "text", 10), ("Expires", "date", 11),
]


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# Item ID, item, category, unit, pack size, par level, reorder point, unit cost, vendor,
# on order, use per clinic day, lots: (lot, on hand, expires, location or None for the
# item's usual place). None in par level means the item is not tracked.
SUPPLY_ITEMS = (
    ("GLV-S", "Nitrile exam gloves, small (box of 100)", "PPE", "box", 10, 20, 8, 8.95,
     NORTHSTAR, None, 0.8, [("", 9, None, None)]),
    ("GLV-M", "Nitrile exam gloves, medium (box of 100)", "PPE", "box", 10, 40, 15, 8.95,
     NORTHSTAR, None, 2.6, [("", 9, None, None), ("", 3, None, "Exam room 1")]),
    ("GLV-L", "Nitrile exam gloves, large (box of 100)", "PPE", "box", 10, 30, 12, 8.95,
     NORTHSTAR, 10, 1.5, [("", 10, None, None)]),
    ("GLV-XL", "Nitrile exam gloves, x-large (box of 100)", "PPE", "box", 10, 10, 4, 9.40,
     NORTHSTAR, None, 0.3, [("", 6, None, None)]),
    ("GLV-STR7", "Sterile surgical gloves, size 7 (pair)", "PPE", "pair", 50, 50, 20, 1.10,
     NORTHSTAR, None, 0.6, [("SG2803", 44, "2028-03-31", None)]),
    ("MSK-PRO", "Procedure masks, ear loop (box of 50)", "PPE", "box", 10, 30, 10, 6.40,
     NORTHSTAR, None, 1.2, [("", 18, None, None)]),
    ("MSK-N95", "N95 respirators (box of 20)", "PPE", "box", 6, 12, 4, 24.50, NORTHSTAR,
     None, 0.2, [("", 10, None, None)]),
    ("GWN-ISO", "Isolation gowns, yellow", "PPE", "each", 50, 100, 40, 0.85, NORTHSTAR,
     None, 4.0, [("", 30, None, None)]),
    ("FS-01", "Face shields", "PPE", "each", 24, 24, 8, 1.20, NORTHSTAR, None, 0.1,
     [("", 20, None, None)]),
    ("PPR-EXAM", "Exam table paper, 21 in. smooth (roll)", "Exam room", "roll", 12, 36, 12,
     4.25, NORTHSTAR, None, 1.5, [("", 11, None, None)]),
    ("GWN-PT", "Patient gowns, disposable", "Exam room", "each", 50, 100, 30, 0.62, NORTHSTAR,
     None, 3.0, [("", 120, None, None)]),
    ("DRP-01", "Drape sheets, 40 x 48 in.", "Exam room", "each", 100, 100, 40, 0.28,
     NORTHSTAR, None, 2.5, [("", 60, None, None)]),
    ("TPC-01", "Tongue depressors (box of 500)", "Exam room", "box", 10, 4, 1, 5.10,
     NORTHSTAR, None, 0.05, [("", 3, None, None)]),
    ("SPC-OTO", "Otoscope specula, 4 mm (box of 500)", "Exam room", "box", 10, 4, 1, 12.40,
     NORTHSTAR, None, 0.03, [("", 2, None, None)]),
    ("THM-COV", "Thermometer probe covers (box of 200)", "Exam room", "box", 10, 8, 3, 9.80,
     NORTHSTAR, None, 0.2, [("", 3, None, None)]),
    ("SYR-3", "Syringe 3 mL luer-lock (box of 100)", "Syringes and needles", "box", 8, 10,
     4, 14.20, NORTHSTAR, None, 0.35, [("SY2901", 5, "2029-01-31", None)]),
    ("SYR-1TB", "Tuberculin syringe 1 mL (box of 100)", "Syringes and needles", "box", 8, 8,
     3, 15.60, NORTHSTAR, None, 0.25, [("TB2806", 2, "2028-06-30", None)]),
    ("SYR-SAF", "Safety syringe 3 mL with 25G needle (box of 100)", "Syringes and needles",
     "box", 4, 8, 3, 28.50, NORTHSTAR, None, 0.4, [("SF2811", 1, "2028-11-30", None)]),
    ("NDL-25G", "Needle 25G x 1 in. (box of 100)", "Syringes and needles", "box", 10, 10, 4,
     7.80, NORTHSTAR, None, 0.3, [("N25-29", 6, "2029-05-31", None)]),
    ("NDL-22G", "Needle 22G x 1.5 in. (box of 100)", "Syringes and needles", "box", 10, 6,
     2, 7.80, NORTHSTAR, None, 0.1, [("N22-29", 5, "2029-02-28", None)]),
    ("SHP-CONT", "Sharps container, 2 gallon", "Syringes and needles", "each", 20, 20, 8,
     4.60, NORTHSTAR, None, 0.25, [("", 9, None, None)]),
    ("WIP-DIS", "Disinfectant wipes, canister of 160", "Cleaning", "canister", 12, 24, 10,
     9.25, NORTHSTAR, None, 0.9, [("WP2712", 8, "2027-12-31", None),
                                  ("WP2610", 2, "2026-10-15", "Exam room 2")]),
    ("HND-SAN", "Hand sanitizer, 16 oz pump", "Cleaning", "bottle", 12, 24, 8, 4.10,
     NORTHSTAR, None, 0.3, [("HS2809", 20, "2028-09-30", None)]),
    ("SRF-DIS", "Surface disinfectant spray, 32 oz", "Cleaning", "bottle", 6, 12, 4, 7.60,
     NORTHSTAR, None, 0.1, [("SD2804", 7, "2028-04-30", None)]),
    ("BND-ADH", "Adhesive bandages, 1 x 3 in. (box of 100)", "Wound care", "box", 12, 12, 4,
     3.20, BAYVIEW, None, 0.4, [("", 4, None, None)]),
    ("GAU-2X2", "Gauze sponges 2 x 2 in., sterile (box of 50)", "Wound care", "box", 30, 30,
     10, 3.90, BAYVIEW, None, 0.6, [("GZ2805", 22, "2028-05-31", None)]),
    ("GAU-4X4", "Gauze sponges 4 x 4 in., sterile (box of 50)", "Wound care", "box", 24, 20,
     8, 5.40, BAYVIEW, None, 0.4, [("GZ2807", 7, "2028-07-31", None)]),
    ("TAPE-PAP", "Paper tape, 1 in. (roll)", "Wound care", "roll", 12, 24, 8, 0.95, BAYVIEW,
     None, 0.3, [("", 15, None, None)]),
    ("ALC-PREP", "Alcohol prep pads (box of 200)", "Wound care", "box", 20, 20, 6, 2.75,
     BAYVIEW, None, 0.7, [("AP2708", 10, "2027-08-31", None),
                          ("AP-1128", 2, "2026-11-28", "Exam room 1")]),
    ("SUT-KIT", "Suture removal kit", "Wound care", "each", 50, 50, 15, 1.35, BAYVIEW, None,
     0.2, [("SK2802", 38, "2028-02-29", None)]),
    ("LAC-TRAY", "Laceration tray", "Wound care", "each", 20, 10, 4, 6.75, BAYVIEW, None, 0.1,
     [("LT2709", 6, "2027-09-30", None)]),
    ("SPL-FING", "Finger splints, foam-backed aluminum", "Wound care", "each", 12, None, None,
     1.10, BAYVIEW, None, 0.05, [("", 7, None, None)]),
    ("ICE-PK", "Instant cold packs", "Wound care", "each", 24, None, None, 0.90, BAYVIEW,
     None, 0.2, [("", 15, None, None)]),
    ("ELA-BAND", "Elastic bandage, 3 in.", "Wound care", "each", 10, 20, 6, 1.45,
     "Bayview Surgical Supply", None, 0.15, [("", 9, None, None)]),
    ("STR-POUCH", "Sterilization pouches, 3.5 x 9 in. (box of 200)", "Sterilization", "box",
     10, 6, 2, 11.50, BAYVIEW, None, 0.15, [("", 4, None, "Sterilization room")]),
    ("AUT-IND", "Autoclave indicator strips (box of 250)", "Sterilization", "box", 1, 4, 1,
     18.00, BAYVIEW, None, 0.02, [("CI2705", 1, "2027-05-31", "Sterilization room")]),
    ("TK-STREP", "Rapid strep A test", "Test kits", "test", 25, 75, 30, 2.10, BAYVIEW, None,
     2.5, [("ST2612", 20, "2026-12-20", None), ("ST2704", 25, "2027-04-30", None)]),
    ("TK-FLU", "Rapid influenza A/B test", "Test kits", "test", 25, 100, 40, 6.80, BAYVIEW,
     None, 4.0, [("FL2611", 15, "2026-11-29", None), ("FL2702", 25, "2027-02-28", None)]),
    ("TK-COVID", "COVID-19 antigen test", "Test kits", "test", 25, 50, 20, 5.25, BAYVIEW,
     None, 1.5, [("CV2609", 10, "2026-11-20", None), ("CV2704", 18, "2027-04-15", None)]),
    ("TK-UA", "Urinalysis reagent strips (bottle of 100)", "Test kits", "bottle", 4, 6, 2,
     24.00, BAYVIEW, None, 0.1, [("UA2701", 2, "2027-01-10", None),
                                 ("UA2708", 3, "2027-08-31", None)]),
    ("TK-PREG", "Urine pregnancy test", "Test kits", "test", 50, 50, 15, 0.55, BAYVIEW, None,
     0.3, [("PG2709", 32, "2027-09-30", None)]),
    ("TK-GLU", "Glucose test strips", "Test kits", "strip", 50, 100, 40, 0.38, BAYVIEW, None,
     2.0, [("GL2612", 35, "2026-12-31", None), ("GL2706", 50, "2027-06-30", None)]),
    ("TK-HGB", "Hemoglobin cuvettes", "Test kits", "cuvette", 50, 50, 20, None, BAYVIEW, None,
     0.5, [("HB2703", 12, "2027-03-31", None)]),
    ("TK-MONO", "Mononucleosis rapid test", "Test kits", "test", 20, 20, 5, 3.40, BAYVIEW,
     None, 0.05, [("MN2612", 8, "2026-12-05", None)]),
    ("VAC-FLU", "Influenza vaccine 2026-27, prefilled syringe", "Vaccines", "dose", 10, 60,
     25, 18.40, PINECREST, None, 6.0, [("FLU-A261", 14, "2027-06-30", None),
                                       ("FLU-B262", 10, "2027-06-30", "Flu clinic cart")]),
    ("VAC-TDAP", "Tdap vaccine, prefilled syringe", "Vaccines", "dose", 10, 20, 8, 42.75,
     PINECREST, None, 0.4, [("TD5512", 4, "2026-12-12", None),
                            ("TD5620", 10, "2027-09-30", None)]),
    ("VAC-HEPB", "Hepatitis B vaccine, adult", "Vaccines", "dose", 10, 10, 4, 58.20,
     PINECREST, None, 0.1, [("HB771", 6, "2027-03-15", None)]),
    ("VAC-PPSV", "Pneumococcal polysaccharide vaccine (PPSV23)", "Vaccines", "dose", 5, 10, 4,
     112.00, PINECREST, None, 0.15, [("PN2210", 2, "2026-11-27", None),
                                     ("PN2301", 3, "2027-05-31", None)]),
    ("VAC-MMR", "MMR vaccine", "Vaccines", "dose", 10, 10, 3, 86.50, PINECREST, None, 0.08,
     [("MR09", 5, "2027-02-14", None)]),
    ("VAC-COVID", "COVID-19 vaccine 2026-27", "Vaccines", "dose", 10, 20, 8, 120.00,
     PINECREST, 10, 1.0, [("CVX118", 3, "2026-11-18", None), ("CVX204", 6, "2027-01-31", None)]),
    ("TB-PPD", "Tuberculin PPD, 10-test vial", "Vaccines", "vial", 1, 4, 2, 96.00, PINECREST,
     None, 0.05, [("TB44", 3, "2026-12-01", None)]),
    ("RX-LIDO", "Lidocaine 1%, 20 mL vial", "Drugs", "vial", 25, 25, 10, 2.85, PINECREST,
     None, 0.3, [("LD3318", 8, "2027-10-31", None), ("LD3401", 6, None, None)]),
    ("RX-EPI", "Epinephrine 1 mg/mL ampule", "Drugs", "ampule", 10, 10, 5, 14.90, PINECREST,
     None, 0.02, [("EP552", 4, "2026-12-28", "Crash cart"), ("EP610", 6, "2027-12-31", None)]),
    ("RX-EPIPEN", "Epinephrine auto-injector 0.3 mg", "Drugs", "each", 2, 4, 2, 310.00,
     PINECREST, None, 0.0, [("AJ90", 2, "2026-12-15", "Crash cart")]),
    ("RX-CEFTR", "Ceftriaxone 500 mg vial", "Drugs", "vial", 10, 10, 4, 3.95, PINECREST, None,
     0.1, [("CF2203", 3, "2026-10-31", None), ("CF2310", 5, "2027-07-31", None)]),
    ("RX-KETOR", "Ketorolac 30 mg/mL vial", "Drugs", "vial", 25, 25, 10, 1.60, PINECREST,
     None, 0.25, [("KT2703", 9, "2027-03-31", None), ("KT2709", 6, "2027-09-30", None)]),
    ("RX-ONDAN", "Ondansetron ODT 4 mg", "Drugs", "tablet", 30, 30, 10, 0.42, PINECREST, None,
     0.2, [("ON2705", 22, "2027-05-31", None)]),
    ("RX-ALB", "Albuterol 2.5 mg/3 mL nebule", "Drugs", "nebule", 25, 50, 20, 0.48, PINECREST,
     None, 0.9, [("AL44", 12, "2026-12-08", None), ("AL51", 6, "2027-06-30", None)]),
    ("IV-NS", "Sodium chloride 0.9%, 1000 mL bag", "IV fluids", "bag", 12, 12, 4, 2.95,
     PINECREST, None, 0.05, [("NS8812", 5, "2027-01-31", None),
                             ("NS9020", 4, "2027-11-30", None)]),
    ("IV-FLUSH", "Saline flush syringe, 10 mL", "IV fluids", "syringe", 30, 60, 20, 0.32,
     PINECREST, None, 0.8, [("SF311", 25, "2027-02-15", None)]),
    ("OFF-PPR", "Copy paper, letter (ream)", "Office", "ream", 10, 30, 10, 5.20, SUMMIT, None,
     1.2, [("", 14, None, None)]),
    ("OFF-TON", "Toner cartridge, front desk printer", "Office", "each", 1, 3, 1, 89.00,
     SUMMIT, None, 0.02, [("", 1, None, None)]),
    ("OFF-LBL", "Specimen labels (roll)", "Office", "roll", 6, 12, 4, 6.50, SUMMIT, None,
     0.1, [("", 5, None, None)]),
    ("OFF-PEN", "Pens, black (box of 12)", "Office", "box", 1, 6, 2, 4.80, SUMMIT, None,
     0.05, [("", 4, None, None)]),
    ("OFF-ENV", "Envelopes #10 (box of 500)", "Office", "box", 1, 4, 1, 15.99, SUMMIT, None,
     0.02, [("", 3, None, None)]),
    ("OFF-CLIP", "Clipboards", "Office", "each", 1, None, None, 2.10, SUMMIT, None, 0.0,
     [("", 14, None, None)]),
    ("OFF-SNOTE", "Sticky notes, 3 x 3 in. (pad)", "Office", "pad", 12, None, None, 0.75,
     SUMMIT, None, 0.1, [("", 18, None, None)]),
)

# Where each category is usually kept.
SUPPLY_LOCATIONS = {
    "PPE": "Supply room", "Exam room": "Supply room", "Syringes and needles": "Supply room",
    "Cleaning": "Supply room", "Wound care": "Supply room", "Sterilization": "Supply room",
    "Test kits": "Lab", "Vaccines": "Vaccine refrigerator", "Drugs": "Medication cabinet",
    "IV fluids": "Medication cabinet", "Office": "Front office",
}
# Lots whose unit cost differs from the item's (bought at another price).
LOT_COSTS = {("RX-KETOR", "KT2709"): 1.75}
# Items used more in flu season, by month.
FLU_SEASON = {"VAC-FLU": {9: 0.5, 10: 1.4, 11: 1.1}, "TK-FLU": {9: 0.4, 10: 1.0, 11: 1.5}}
# A mistyped Item ID in the usage log (GLV-M), on these days of November 2026.
MISTYPED_USAGE = (("GLV-MED", 3, 2), ("GLV-MED", 4, 1), ("GLV-MED", 5, 2))

# Asset ID, equipment, location, serial number, last service, service every (days),
# next service (when the certificate gives it), status.
EQUIPMENT_ROWS = (
    ("EQ-01", "Autoclave (steam sterilizer)", "Sterilization room", "AC-77120",
     "2026-05-20", 180, None, None),
    ("EQ-02", "AED, front hallway", "Front hallway", "AED-5531", "2026-10-30", 30, None, None),
    ("EQ-03", "AED, exam wing", "Exam wing", "AED-5532", "2026-11-20", 30, None, None),
    ("EQ-04", "ECG machine, 12-lead", "Procedure room", "ECG-2219", "2026-03-02", 365, None,
     None),
    ("EQ-05", "Vaccine refrigerator (calibration)", "Vaccine room", "VR-880", "2025-12-10",
     365, None, None),
    ("EQ-06", "Vaccine refrigerator data logger", "Vaccine room", "DL-3390", "2025-01-15",
     None, "2027-01-15", None),
    ("EQ-07", "Scale, adult (calibration)", "Exam room 1", "SC-4410", "2026-06-01", 180,
     None, None),
    ("EQ-08", "Scale, infant (calibration)", "Exam room 3", "SC-4471", "2026-01-15", 365,
     None, None),
    ("EQ-09", "Exam table 1, power", "Exam room 1", "ET-1001", "2026-02-10", 365, None, None),
    ("EQ-10", "Exam table 2, power", "Exam room 2", "ET-1002", "2025-10-01", 365, None,
     "Out of service"),
    ("EQ-11", "Emergency crash cart check", "Procedure room", None, "2026-10-15", 30, None,
     None),
    ("EQ-12", "Spirometer (calibration)", "Procedure room", "SP-661", "2026-05-20", None,
     "2026-11-20", None),
)
EQUIPMENT_COLUMNS = [
    ("Asset ID", "text", 9), ("Equipment", "text", 36), ("Location", "text", 18),
    ("Serial number", "text", 12), ("Last service", "date", 12),
    ("Service every (days)", "number", 10), ("Next service", "date", 12),
    ("Status", "text", 14),
]


def supply_rows() -> list[tuple]:
    """Every row of the example Supplies sheet: one per lot, item facts on every row."""
    rows = []
    for (item_id, name, category, unit, pack, par, point, cost, vendor, on_order, _use,
         lots) in SUPPLY_ITEMS:
        for lot, on_hand, expires, location in lots:
            rows.append((item_id, name, category, unit, pack, on_hand, on_order, par, point,
                         LOT_COSTS.get((item_id, lot), cost), vendor,
                         location or SUPPLY_LOCATIONS[category], lot or None,
                         _d(expires) if expires else None))
    return rows


def _noise(seed: int) -> float:
    """A fixed pseudo-random number in [0, 1) for a seed, the same on every machine
    (the splitmix64 mixing function)."""
    x = (seed * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) % 2**64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) % 2**64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) % 2**64
    return (x ^ (x >> 31)) / 2**64


def clinic_days() -> list[dt.date]:
    """Weekdays from USAGE_FIRST to USAGE_LAST on which the clinic was open."""
    days, day = [], USAGE_FIRST
    while day <= USAGE_LAST:
        if day.weekday() < 5 and day not in CLOSED:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def usage_rows() -> list[tuple]:
    """The example usage log: one row per item per clinic day it was used."""
    rows = []
    for n, item in enumerate(SUPPLY_ITEMS):
        item_id, use = item[0], item[10]
        for k, day in enumerate(clinic_days()):
            rate = use * FLU_SEASON.get(item_id, {}).get(day.month, 1.0)
            swing = 0.5 + _noise(n * 1000 + k)  # 0.5 to 1.5 times the usual use
            used = int(rate * swing + _noise(n * 1000 + k + 500_000))
            if used:
                rows.append((day, item_id, used))
    rows += [(dt.date(2026, 11, day), item_id, used) for item_id, day, used in MISTYPED_USAGE]
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows


def make_inventory(folder: Path = HERE) -> Path:
    """Write ``inventory.xlsx``: Supplies (one row per lot, under a title), Usage,
    Equipment and Vendors, counted on 2026-11-27."""
    path = Path(folder) / "inventory.xlsx"
    wb, formats = _open(path)
    ws = wb.add_worksheet("Supplies")
    ws.write_string(0, 0, f"{OFFICE} — Supply count {INVENTORY_AS_OF.isoformat()}",
                    formats["title"])
    _write_table(ws, formats, SUPPLY_COLUMNS, supply_rows(), first_row=2)
    ws = wb.add_worksheet("Usage")
    _write_table(ws, formats, [("Date", "date", 12), ("Item ID", "text", 11),
                               ("Quantity used", "number", 10)], usage_rows())
    ws = wb.add_worksheet("Equipment")
    _write_table(ws, formats, EQUIPMENT_COLUMNS,
                 [(a, e, loc, sn, _d(last), every, _d(due) if due else None, status)
                  for a, e, loc, sn, last, every, due, status in EQUIPMENT_ROWS])
    ws = wb.add_worksheet("Vendors")
    _write_table(ws, formats, [("Vendor", "text", 28), ("Email", "text", 36),
                               ("Phone", "text", 16), ("Lead time (days)", "number", 10),
                               ("Minimum order", "money", 12)], VENDOR_ROWS)
    wb.close()
    return path


# --------------------------------------------------------------------------- budget

# The practice's 2026 operating budget (budget.xlsx, sheet Budget: whole dollars by
# month, Annual = SUM of the months) and its accounting package's general ledger export
# for January to October 2026 (ledger.xlsx, sheet "General Ledger": a title block, account
# names with numbers written "6100 · Medical Supplies", a Class column for departments
# and a Total row). Run: budget.py (as of 2026-10-31, the end of the last month posted).
# What the example shows:
#
# - Salaries and wages are budgeted by department (Physicians, Nursing, Front office,
#   Billing) and posted every other Friday (21 pay dates to October: July has three);
#   nursing overtime in the flu months runs over.
# - Over budget: medical supplies (glove and swab prices), lab fees (more send-outs),
#   IT and EHR (a server replacement in June); commercial insurance revenue runs under.
# - Things to check: Marketing's Annual (12,500) is not the sum of its months (12,000);
#   6960 · Meals and Entertainment has no budget; a Northstar credit memo on medical
#   supplies (a negative expense); a voided check with a zero amount.

BUDGET_YEAR = 2026
LEDGER_THROUGH = dt.date(2026, 10, 31)
FLU = (1.12, 1.08, 1.0, 0.95, 0.92, 0.9, 0.88, 0.92, 1.02, 1.08, 1.06, 1.07)  # Jan..Dec

# Account, type, department, annual budget (whole dollars), monthly pattern: "flat",
# "flu" (winter-heavy), a 12-tuple of weights, or a dict {month: dollars}.
BUDGET_LINES = (
    ("4000 Patient revenue - Medicare", "Revenue", None, 540_000, "flu"),
    ("4010 Patient revenue - Medicaid", "Revenue", None, 210_000, "flu"),
    ("4020 Patient revenue - Commercial insurance", "Revenue", None, 1_150_000, "flu"),
    ("4030 Patient revenue - Self-pay", "Revenue", None, 72_000, "flat"),
    ("4100 Care management fees", "Revenue", None, 96_000, "flat"),
    ("4200 Lab and ancillary revenue", "Revenue", None, 60_000, "flu"),
    ("5000 Salaries and wages", "Expense", "Physicians", 477_000, "flat"),
    ("5000 Salaries and wages", "Expense", "Nursing", 330_000, "flat"),
    ("5000 Salaries and wages", "Expense", "Front office", 131_000, "flat"),
    ("5000 Salaries and wages", "Expense", "Billing", 106_000, "flat"),
    ("5100 Payroll taxes", "Expense", None, 80_000, "flat"),
    ("5110 Employee benefits", "Expense", None, 97_200, "flat"),
    ("5120 Retirement plan contributions", "Expense", None, 31_300, "flat"),
    ("6000 Rent", "Expense", None, 84_000, "flat"),
    ("6010 Utilities", "Expense", None, 14_400,
     (1.3, 1.25, 1.0, 0.8, 0.75, 0.9, 1.15, 1.2, 0.9, 0.75, 0.9, 1.1)),
    ("6020 Cleaning and janitorial", "Expense", None, 18_000, "flat"),
    ("6030 Repairs and maintenance", "Expense", None, 9_000, "flat"),
    ("6100 Medical supplies", "Expense", None, 66_000, "flu"),
    ("6110 Vaccines and injectables", "Expense", None, 48_000,
     (0.6, 0.5, 0.5, 0.5, 0.6, 0.6, 0.7, 1.0, 2.2, 2.4, 1.3, 0.6)),
    ("6120 Office supplies", "Expense", None, 7_200, "flat"),
    ("6200 Lab fees", "Expense", None, 30_000, "flu"),
    ("6300 Malpractice insurance", "Expense", None, 42_000,
     {1: 10_500, 4: 10_500, 7: 10_500, 10: 10_500}),
    ("6310 General liability insurance", "Expense", None, 4_800, {3: 4_800}),
    ("6400 IT and EHR", "Expense", None, 36_000, "flat"),
    ("6410 Telephone and internet", "Expense", None, 6_600, "flat"),
    ("6500 Billing and clearinghouse fees", "Expense", None, 21_000, "flat"),
    ("6510 Bank and card processing fees", "Expense", None, 8_400, "flat"),
    ("6600 Continuing education", "Expense", None, 9_000,
     {3: 3_000, 5: 1_500, 9: 3_000, 11: 1_500}),
    ("6610 Licenses, dues and subscriptions", "Expense", None, 6_600,
     {1: 4_400, 4: 550, 7: 550, 10: 1_100}),
    ("6700 Marketing", "Expense", None, 12_000, "flat"),
    ("6800 Professional fees", "Expense", None, 15_000,
     {1: 1_500, 3: 6_000, 4: 1_500, 7: 1_500, 10: 1_500, 12: 3_000}),
    ("6900 Equipment lease", "Expense", None, 10_800, "flat"),
)
WRONG_ANNUAL = {"6700 Marketing": 12_500}  # typed over the SUM formula: a check-these item


def budget_months(annual: int, pattern) -> list[int]:
    """Twelve whole-dollar months adding up to ``annual`` (the remainder in December)."""
    if isinstance(pattern, dict):
        months = [pattern.get(m, 0) for m in range(1, 13)]
    else:
        weights = (1,) * 12 if pattern == "flat" else FLU if pattern == "flu" else pattern
        months = [int(annual * w / sum(weights)) for w in weights]
    months[11] += annual - sum(months)
    return months


def budget_rows() -> list[tuple]:
    """(account, type, department, 12 months, annual) for each line of the budget."""
    rows = []
    for account, kind, dept, annual, pattern in BUDGET_LINES:
        months = budget_months(annual, pattern)
        rows.append((account, kind, dept, months, WRONG_ANNUAL.get(account, annual)))
    return rows


def make_budget(folder: Path = HERE) -> Path:
    """Write ``budget.xlsx``: the 2026 operating budget under a title block."""
    path = Path(folder) / "budget.xlsx"
    wb, formats = _open(path)
    ws = wb.add_worksheet("Budget")
    ws.write_string(0, 0, f"{OFFICE}", formats["title"])
    ws.write_string(1, 0, f"Operating budget, fiscal year {BUDGET_YEAR}")
    header = 3
    columns = [("Account", "text", 40), ("Type", "text", 9), ("Department", "text", 13),
               *[(m, "annual", 10) for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")],
               ("Annual", "annual", 12)]
    rows = budget_rows()
    _write_table(ws, formats, columns,
                 [(a, k, d, *months, None) for a, k, d, months, _annual in rows],
                 first_row=header)
    for r, (account, _kind, _dept, months, annual) in enumerate(rows, start=header + 1):
        if account in WRONG_ANNUAL:
            ws.write_number(r, 15, annual, formats["annual"])
        else:
            ws.write_formula(r, 15, f"=SUM(D{r + 1}:O{r + 1})", formats["annual"], sum(months))
    wb.close()
    return path


# Ledger accounts as the accounting package writes them: number · Title Case name.
def ledger_account(account: str) -> str:
    """``6100 Medical supplies`` -> ``6100 · Medical Supplies``."""
    number, name = account.split(" ", 1)
    small = {"and", "of", "-", "or"}
    words = [w if w in small or w.isupper() else w[0].upper() + w[1:] for w in name.split()]
    return f"{number} · {' '.join(words)}"


def pay_dates() -> list[dt.date]:
    """Every other Friday, six days after each biweekly period ends, in Jan..Oct 2026."""
    day, dates = PAY_PERIOD_ANCHOR + dt.timedelta(days=-14 + 13 + 6), []
    while day <= LEDGER_THROUGH:
        if day.year == BUDGET_YEAR:
            dates.append(day)
        day += dt.timedelta(days=14)
    return dates


# Biweekly gross pay by department, and the flu-season overtime nursing adds to it.
PAY_PER_PERIOD = {"Physicians": 18_346.16, "Nursing": 12_900.00, "Front office": 4_954.00,
                  "Billing": 4_020.00}
NURSING_OVERTIME = {1: 1_650.0, 2: 1_320.0, 3: 420.0, 9: 610.0, 10: 1_480.0}

# Account, vendor, description, (day of month, base amount) per posting, monthly factor
# of over/under spending (1.0 = as budgeted; revenue uses its budget share instead).
MONTHLY_BILLS = (
    ("6000 Rent", "Riverside Commons LLC", "Monthly rent, suite 200", ((1, 7_000.00),)),
    ("6020 Cleaning and janitorial", "BrightPath Commercial Cleaning", "Nightly cleaning",
     ((5, 1_500.00),)),
    ("6400 IT and EHR", "Meridian EHR Systems", "EHR subscription, 4 providers",
     ((3, 2_380.00),)),
    ("6400 IT and EHR", "Lakeside IT Partners", "Managed IT services", ((15, 620.00),)),
    ("6410 Telephone and internet", "Crestline Business Communications", "Phones and fiber",
     ((18, 549.90),)),
    ("6510 Bank and card processing fees", "First Riverside Bank", "Merchant fees",
     ((28, 690.00),)),
    ("6700 Marketing", "Riverside Gazette", "Print and web listing", ((10, 1_000.00),)),
    ("6900 Equipment lease", "Keystone Equipment Finance", "Lease: X-ray and ECG",
     ((1, 900.00),)),
)
# Accounts spent through varying purchases: account, vendors, descriptions, purchases per
# month, and spending against budget (1.14 = 14% over).
PURCHASES = (
    ("6100 Medical supplies", ("Northstar Medical Supply", "Bayview Surgical"),
     "Supply order", 4, 1.14),
    ("6110 Vaccines and injectables", ("Pinecrest Pharma & Vaccines",), "Vaccine order", 2, 0.97),
    ("6120 Office supplies", ("Summit Office Products",), "Office supplies", 2, 0.93),
    ("6200 Lab fees", ("Quest Diagnostics", "Tri-County Reference Lab"), "Reference lab",
     2, 1.21),
    ("6010 Utilities", ("Riverside Power & Light", "City of Riverside Water"),
     "Utility bill", 2, 1.02),
    ("6030 Repairs and maintenance", ("Handy Facilities Co.",), "Repairs", 1, 0.85),
    ("6500 Billing and clearinghouse fees", ("ClearClaim Clearinghouse",),
     "Claims and eligibility", 1, 1.03),
    ("5110 Employee benefits", ("BlueRiver Health Plan",), "Group health premium", 1, 1.01),
)
LUMPY = {  # budgeted in lumps: paid as budgeted, on these days
    "6300 Malpractice insurance": ("Keystone Medical Protective", "Quarterly premium", 12),
    "6310 General liability insurance": ("Harbor Mutual Insurance", "Annual premium", 20),
    "6600 Continuing education": ("State Academy of Family Physicians",
                                  "CME and training", 9),
    "6610 Licenses, dues and subscriptions": ("State Board and associations",
                                              "Licenses and dues", 14),
    "6800 Professional fees": ("Hartley & Cole CPAs", "Accounting and legal", 25),
}
# Revenue: account, payer, actual share of budget (0.93 = 7% under).
DEPOSITS = (
    ("4000 Patient revenue - Medicare", "Medicare Part B (Novitas)", 1.05),
    ("4010 Patient revenue - Medicaid", "State Medicaid", 0.98),
    ("4020 Patient revenue - Commercial insurance", "Commercial payers (ERA)", 0.93),
    ("4030 Patient revenue - Self-pay", "Patient payments", 0.87),
    ("4100 Care management fees", "Riverside Health ACO", 1.0),
    ("4200 Lab and ancillary revenue", "Commercial payers (ERA)", 1.04),
)
EXTRA_ROWS = (  # one-offs: date, account, class, vendor, memo, amount
    (dt.date(2026, 6, 16), "6400 IT and EHR", None, "Lakeside IT Partners",
     "Server replacement and migration", 4_850.00),
    (dt.date(2026, 8, 19), "6100 Medical supplies", None, "Northstar Medical Supply",
     "Credit memo: returned exam gloves (damaged cases)", -312.40),
    (dt.date(2026, 5, 6), "6120 Office supplies", None, "Summit Office Products",
     "VOID: check 10482", 0.0),
    (dt.date(2026, 3, 27), "6960 Meals and entertainment", None, "Lucia's Trattoria",
     "Staff lunch, flu season thank-you", 486.25),
    (dt.date(2026, 7, 2), "6960 Meals and entertainment", None, "Riverside Bakery",
     "Holiday breakfast for staff", 164.80),
    (dt.date(2026, 10, 30), "6960 Meals and entertainment", None, "Lucia's Trattoria",
     "Lunch with visiting residents", 231.40),
    (dt.date(2026, 4, 14), "4030 Patient revenue - Self-pay", None, "Patient refunds",
     "Refund of overpayments", -418.00),
)


def _budget_of(account: str) -> list[int]:
    """The budget months of an office-wide line."""
    for name, _kind, dept, annual, pattern in BUDGET_LINES:
        if name == account and dept is None:
            return budget_months(annual, pattern)
    raise KeyError(account)


def ledger_rows() -> list[tuple]:
    """(date, type, num, vendor, memo, account, class, amount) of the example ledger,
    sorted by account and date as the general ledger report lists them."""
    import random

    rand = random.Random(20261031)
    rows = []

    def add(day, kind, vendor, memo, account, dept, amount):
        rows.append((day, kind, vendor, memo, ledger_account(account), dept,
                     round(amount, 2)))

    for day in pay_dates():
        gross = 0.0
        for dept, pay in PAY_PER_PERIOD.items():
            amount = pay + (NURSING_OVERTIME.get(day.month, 0.0) if dept == "Nursing" else 0)
            amount = round(amount * (1 if dept == "Physicians" else rand.uniform(0.985, 1.02)), 2)
            gross += amount
            add(day, "Payroll", "Payroll", f"Payroll paid {day.isoformat()}",
                "5000 Salaries and wages", dept, amount)
        add(day, "Payroll", "Payroll", "Employer FICA and Medicare", "5100 Payroll taxes",
            None, gross * 0.0765)
        add(day, "Payroll", "Riverside 401(k) Plan", "Employer 3% contribution",
            "5120 Retirement plan contributions", None, gross * 0.03)
    for month in range(1, LEDGER_THROUGH.month + 1):
        for account, vendor, memo, postings in MONTHLY_BILLS:
            for day, amount in postings:
                add(dt.date(BUDGET_YEAR, month, day), "Bill", vendor, memo, account, None,
                    amount)
        for account, vendors, memo, per_month, factor in PURCHASES:
            budget = _budget_of(account)[month - 1] * factor
            weights = [rand.uniform(0.6, 1.4) for _ in range(per_month)]
            for k, weight in enumerate(weights):
                day = dt.date(BUDGET_YEAR, month, 3 + k * (24 // per_month))
                add(day, "Bill", vendors[k % len(vendors)], memo, account, None,
                    budget * weight / sum(weights))
        for account, (vendor, memo, day) in LUMPY.items():
            amount = _budget_of(account)[month - 1]
            if amount:
                add(dt.date(BUDGET_YEAR, month, day), "Bill", vendor, memo, account, None,
                    amount * rand.uniform(0.96, 1.02))
        for account, payer, share in DEPOSITS:
            budget = _budget_of(account)[month - 1] * share
            for week, weight in enumerate((0.24, 0.26, 0.25, 0.25)):
                day = dt.date(BUDGET_YEAR, month, 6 + 7 * week)
                add(day, "Deposit", payer, "Remittance deposit", account, None,
                    budget * weight * rand.uniform(0.9, 1.1))
    for day, account, dept, vendor, memo, amount in EXTRA_ROWS:
        add(day, "Credit" if amount < 0 else "Check" if amount == 0 else "Bill", vendor,
            memo, account, dept, amount)
    rows.sort(key=lambda r: (r[0], r[4], r[5] or "", r[2]))  # numbered in date order
    numbered = [(day, kind, str(10001 + n), vendor, memo, account, dept, amount)
                for n, (day, kind, vendor, memo, account, dept, amount) in enumerate(rows)]
    return sorted(numbered, key=lambda r: (r[5], r[0], r[2]))


LEDGER_COLUMNS = [
    ("Date", "date", 11), ("Transaction Type", "text", 11), ("Num", "text", 7),
    ("Name", "text", 32), ("Memo/Description", "text", 44), ("Account", "text", 44),
    ("Class", "text", 13), ("Amount", "money", 13),
]


def make_ledger(folder: Path = HERE) -> Path:
    """Write ``ledger.xlsx``: the general ledger export for January to October 2026, as an
    accounting package writes it (title block, numbered accounts, a Total row)."""
    path = Path(folder) / "ledger.xlsx"
    wb, formats = _open(path)
    ws = wb.add_worksheet("General Ledger")
    ws.write_string(0, 0, OFFICE, formats["title"])
    ws.write_string(1, 0, "General Ledger")
    ws.write_string(2, 0, f"January 1 - October 31, {BUDGET_YEAR}")
    header = 4
    rows = ledger_rows()
    _write_table(ws, formats, LEDGER_COLUMNS, rows, first_row=header)
    total_row = header + len(rows) + 1
    ws.write_string(total_row, 0, "TOTAL", formats["header"])
    total = round(sum(r[-1] for r in rows), 2)
    ws.write_formula(total_row, 7, f"=ROUND(SUM(H{header + 2}:H{total_row}),2)",
                     formats["money"], total)
    wb.close()
    return path


# --------------------------------------------------------------------------- main

# Every example workbook, in the order main() writes them. Add new generators here.
MAKERS = (make_settings, make_staff, make_timesheet, make_inventory, make_budget,
          make_ledger)


def main(folder: Path = HERE) -> list[Path]:
    """Write every example workbook into ``folder`` (default: next to this script)."""
    paths = [make(folder) for make in MAKERS]
    for path in paths:
        print(f"wrote {path}")
    return paths


if __name__ == "__main__":
    main()
