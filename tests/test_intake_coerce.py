"""Reading any input sheet (DESIGN §3): every accepted form of every kind of cell.

Each test builds a real workbook (or CSV) the way Excel or a person would fill it in,
reads it through intake exactly as a command does, and checks the typed values and the
problems, naming their cells. Forms that only Excel produces (real dates and times,
durations, formulas with cached results, error values) are written as such.
"""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from medoffice.intake import classify, load_inputs, read_files
from medoffice.intake.coerce import parse_cell
from medoffice.problems import sort_key
from medoffice.schemas import ACTUALS, BONUSES, HOLIDAYS, STAFF, TEMPLATES, TIME
from medoffice.settings import load_settings
from workbook_builder import Formatted, Formula, write_workbook

REPO = Path(__file__).resolve().parents[1]
NOV3 = dt.date(2026, 11, 3)
NOV3_SERIAL = 46329  # Excel's day number of 2026-11-03 (days since 1899-12-30)


# --- building real workbooks --------------------------------------------------------

def read(path: Path, *schemas, day_first: bool = False):
    """Read one or more files through intake, as a command does."""
    paths = path if isinstance(path, list) else [path]
    return load_inputs(paths, schemas or (TIME,), day_first=day_first)


def lines(inputs) -> list[str]:
    """Every problem as its console line, in the console's order (reading order)."""
    return [p.line() for p in sorted(inputs.problems, key=sort_key)]


def column(inputs, sheet: str, name: str) -> list:
    """One typed column of a sheet kind, in row order."""
    return list(inputs.records(sheet).data[name])


# --- dates ---------------------------------------------------------------------------

def test_dates_in_every_accepted_form_read_as_the_same_day(tmp_path):
    path = write_workbook(tmp_path / "time.xlsx", {"Time": [
        ["Employee ID", "Date", "Hours"],
        ["1001", NOV3, 8],                                      # a real Excel date
        ["1001", dt.datetime(2026, 11, 3, 8, 30), 8],           # a date with a time of day
        ["1001", Formatted(NOV3_SERIAL, "General"), 8],         # the day number, unformatted
        ["1001", Formula("=DATE(2026,11,3)", NOV3_SERIAL, "yyyy-mm-dd"), 8],
        ["1001", "2026-11-03", 8],
        ["1001", "11/3/2026", 8],
        ["1001", "11/3/26", 8],
        ["1001", "Nov 3, 2026", 8],
        ["1001", "November 3, 2026", 8],
        ["1001", " 3 Nov 2026 ", 8],
        ["1001", "2026/11/03", 8],
    ]})
    inputs = read(path)
    assert lines(inputs) == []
    assert column(inputs, "Time", "Date") == [NOV3] * 11


def test_day_first_date_order_setting_reads_text_dates_day_first(tmp_path):
    settings_path = write_workbook(tmp_path / "settings.xlsx", {"Settings": [
        ["Setting", "Value"],
        ["Pay period start", "4/1/2026"],   # before the Date order row: still day first
        ["Date order", "Day first"],
    ]})
    settings, problems = load_settings(settings_path)
    assert problems == []
    assert settings.day_first
    assert settings.pay_period_start == dt.date(2026, 1, 4)
    path = write_workbook(tmp_path / "time.xlsx", {"Time": [
        ["Employee ID", "Date", "Hours"],
        ["1001", "3/11/2026", 8],
        ["1001", "03/11/26", 8],
        ["1001", "3.11.2026", 8],
        ["1001", "2026-11-03", 8],   # ISO is year-month-day whatever the order
        ["1001", NOV3, 8],           # real dates need no order at all
    ]})
    assert column(read(path, day_first=True), "Time", "Date") == [NOV3] * 5
    # The same text month first (the default) is the 11th of March.
    assert column(read(path), "Time", "Date")[:3] == [dt.date(2026, 3, 11)] * 3


@pytest.mark.parametrize("typed, day_first, expected_hint", [
    ("13/3/2026", False, "or 11/3/2026"),          # no 13th month
    ("3/13/2026", True, "or 3/11/2026 (day first)"),
    ("Nov 31, 2026", False, "or 11/3/2026"),        # no 31st of November
    ("someday", False, "or 11/3/2026"),
    (5, False, "or 11/3/2026"),                     # a small number is not a date
])
def test_text_that_is_not_a_date_is_an_error_at_its_cell(tmp_path, typed, day_first,
                                                         expected_hint):
    path = write_workbook(tmp_path / "time.xlsx", {"Time": [
        ["Employee ID", "Date", "Hours"], ["1001", NOV3, 8], ["1002", typed, 8]]})
    inputs = read(path, day_first=day_first)
    assert lines(inputs) == [
        f'time.xlsx: Time!B3: error: "{typed}" in Date is not a date. Type a date such as '
        f"2026-11-03 {expected_hint}."]
    assert inputs.problems[0].code == "cell-type"


# --- times and hours -------------------------------------------------------------------

def test_times_in_every_accepted_form(tmp_path):
    path = write_workbook(tmp_path / "time.xlsx", {"Time": [
        ["Employee ID", "Date", "In", "Out"],
        ["1001", NOV3, dt.time(8, 30), dt.time(17, 5)],                       # Excel times
        ["1001", NOV3, dt.datetime(2026, 11, 3, 8, 30), dt.datetime(2026, 11, 3, 17, 5)],
        ["1001", NOV3, "8:30", "17:05"],
        ["1001", NOV3, "08:30", "17:05:00"],
        ["1001", NOV3, "8:30 AM", "5:05pm"],
        ["1001", NOV3, "8:30am", "5:05 P.M."],
        ["1001", NOV3, Formula("=TIME(8,30,0)", 8.5 / 24, "hh:mm"),
         Formula("=TIME(17,5,0)", (17 + 5 / 60) / 24, "hh:mm")],
        ["1001", NOV3, Formatted(8.5 / 24, "General"), Formatted((17 + 5 / 60) / 24, "0.000")],
    ]})
    inputs = read(path)
    assert lines(inputs) == []
    assert column(inputs, "Time", "In") == [dt.time(8, 30)] * 8
    assert column(inputs, "Time", "Out") == [dt.time(17, 5)] * 8


def test_noon_and_midnight_with_am_pm(tmp_path):
    path = write_workbook(tmp_path / "time.xlsx", {"Time": [
        ["Employee ID", "Date", "In", "Out"],
        ["1001", NOV3, "12:00 AM", "12:30 PM"],
        ["1001", NOV3, "12 pm", "11:59 PM"],
    ]})
    inputs = read(path)
    assert lines(inputs) == []
    assert column(inputs, "Time", "In") == [dt.time(0, 0), dt.time(12, 0)]
    assert column(inputs, "Time", "Out") == [dt.time(12, 30), dt.time(23, 59)]


@pytest.mark.parametrize("typed", ["8:3O", "25:00", "13:00 PM", "8:75", "eight", "830", 1.5])
def test_text_that_is_not_a_time_is_an_error_at_its_cell(tmp_path, typed):
    path = write_workbook(tmp_path / "time.xlsx", {"Time": [
        ["Employee ID", "Date", "In", "Out"], ["1001", NOV3, typed, "17:00"]]})
    shown = "1.5" if typed == 1.5 else typed
    assert lines(read(path)) == [
        f'time.xlsx: Time!C2: error: "{shown}" in In is not a time of day. Type a time such '
        "as 8:30, 8:30 AM or 17:05."]


def test_hours_as_numbers_text_and_durations_are_exact(tmp_path):
    path = write_workbook(tmp_path / "time.xlsx", {"Time": [
        ["Employee ID", "Date", "Hours"],
        ["1001", NOV3, 7.5],
        ["1001", NOV3, "7.5"],
        ["1001", NOV3, "7:30"],                                               # 7 h 30 min
        ["1001", NOV3, Formatted(dt.timedelta(hours=7, minutes=30), "[h]:mm")],  # a duration
        ["1001", NOV3, Formatted(dt.time(7, 30), "h:mm")],                    # a time of day
        ["1001", NOV3, Formula("=15/2", 7.5)],
        ["1001", NOV3, 0.1],   # a float that is not exact in binary stays 0.1
        ["1001", NOV3, "7:20"],  # 7 + 20/60 = 7.3333... exactly as a fraction of 3600 s
    ]})
    inputs = read(path)
    assert lines(inputs) == []
    hours = column(inputs, "Time", "Hours")
    assert hours[:6] == [Decimal("7.5")] * 6
    assert all(isinstance(h, Decimal) for h in hours)
    assert hours[6] == Decimal("0.1")
    assert hours[7] == Decimal(7 * 3600 + 20 * 60) / Decimal(3600)


def test_negative_or_wordy_hours_are_errors(tmp_path):
    path = write_workbook(tmp_path / "time.xlsx", {"Time": [
        ["Employee ID", "Date", "Hours"],
        ["1001", NOV3, -3], ["1001", NOV3, "lots"], ["1001", NOV3, 25]]})
    assert lines(read(path)) == [
        'time.xlsx: Time!C2: error: "-3" in Hours is negative; it must be 0 or more.',
        'time.xlsx: Time!C3: error: "lots" in Hours is not a number of hours. Type hours such '
        "as 7.5 or 7:30.",
        'time.xlsx: Time!C4: error: "25" in Hours is above the largest allowed value, 24.']


# --- money ---------------------------------------------------------------------------

def test_money_in_every_accepted_form_is_exact(tmp_path):
    path = write_workbook(tmp_path / "ledger.xlsx", {"Actuals": [
        ["Date", "Account", "Amount"],
        [NOV3, "6100 Medical supplies", 1234.5],
        [NOV3, "6100 Medical supplies", "$1,234.50"],
        [NOV3, "6100 Medical supplies", "1234.50"],
        [NOV3, "6100 Medical supplies", " $ 1,234.5 "],
        [NOV3, "6100 Medical supplies", Formatted(1234.5, "$#,##0.00")],
        [NOV3, "6100 Medical supplies", Formula("=1000+234.5", 1234.5, "$#,##0.00")],
        [NOV3, "6100 Medical supplies", "(45.00)"],      # accountants' negative
        [NOV3, "6100 Medical supplies", "-$45.00"],
        [NOV3, "6100 Medical supplies", "$-45"],
        [NOV3, "6100 Medical supplies", "45.00-"],       # some ledgers put the sign last
        [NOV3, "6100 Medical supplies", -45],
        [NOV3, "6100 Medical supplies", 0.1],
    ]})
    inputs = read(path, ACTUALS)
    assert lines(inputs) == []
    amounts = column(inputs, "Actuals", "Amount")
    assert amounts[:6] == [Decimal("1234.5")] * 6
    assert amounts[6:11] == [Decimal("-45")] * 5
    assert amounts[11] == Decimal("0.1")


@pytest.mark.parametrize("typed", ["1.234,50", "12 dollars", "$", "1,23", "4 5"])
def test_text_that_is_not_money_is_an_error(tmp_path, typed):
    path = write_workbook(tmp_path / "ledger.xlsx", {"Actuals": [
        ["Date", "Account", "Amount"], [NOV3, "Rent", typed]]})
    assert lines(read(path, ACTUALS)) == [
        f'ledger.xlsx: Actuals!C2: error: "{typed}" in Amount is not an amount of money. Type '
        "a number such as 1234.50 (a $ sign and commas are fine; (45.00) means -45)."]


def test_a_negative_pay_rate_is_out_of_range(tmp_path):
    path = write_workbook(tmp_path / "time.xlsx", {"Time": [
        ["Employee ID", "Date", "Hours", "Rate"], ["1001", NOV3, 8, "(45.00)"]]})
    inputs = read(path)
    assert lines(inputs) == [
        'time.xlsx: Time!D2: error: "(45.00)" in Rate is negative; it must be 0 or more.']
    assert inputs.problems[0].code == "cell-range"


# --- IDs -----------------------------------------------------------------------------

def test_ids_are_text_the_same_however_typed_and_keep_leading_zeros(tmp_path):
    path = write_workbook(tmp_path / "time.xlsx", {"Time": [
        ["Employee ID", "Date", "Hours"],
        [1001, NOV3, 8],               # a number
        [1001.0, NOV3, 8],             # a number Excel shows as 1001.0
        ["1001", NOV3, 8],             # text
        ["1001.0", NOV3, 8],           # text pasted from a system that adds .0
        [" 1001 ", NOV3, 8],           # with stray spaces
        [Formula('="10"&"01"', "1001"), NOV3, 8],
        ["007", NOV3, 8],              # zeros kept: 007 is not 7
        ["E-17", NOV3, 8],
    ]})
    inputs = read(path)
    assert lines(inputs) == []
    assert column(inputs, "Time", "Employee ID") == ["1001"] * 6 + ["007", "E-17"]


def test_the_same_id_typed_two_ways_on_the_roster_is_a_duplicate(tmp_path):
    path = write_workbook(tmp_path / "staff.xlsx", {"Staff": [
        ["Employee ID", "Name", "Role", "Pay type", "Rate"],
        [1001, "Ann Lee", "RN", "Hourly", 40],
        [" 1001 ", "Bob Ray", "MA", "Hourly", 20],
        ["007", "Cal Poe", "MA", "Hourly", 20],
        [7, "Dee Fox", "MA", "Hourly", 20],   # 7 is not 007
    ]})
    inputs = read(path, STAFF)
    assert lines(inputs) == [
        "staff.xlsx: Staff!A3: error: Employee ID 1001 appears more than once (first at A2). "
        "Each Employee ID must be unique: fix or remove the repeat."]
    assert inputs.problems[0].code == "cell-duplicate"


def test_a_fractional_number_is_not_an_id(tmp_path):
    path = write_workbook(tmp_path / "time.xlsx", {"Time": [
        ["Employee ID", "Date", "Hours"], [1001.5, NOV3, 8]]})
    assert lines(read(path)) == [
        'time.xlsx: Time!A2: error: "1001.5" in Employee ID is not a whole-number ID. Type the '
        "ID exactly as on the roster."]


# --- choices -------------------------------------------------------------------------

def test_choices_match_case_and_spacing_insensitively(tmp_path):
    path = write_workbook(tmp_path / "time.xlsx", {"Time": [
        ["Employee ID", "Date", "Hours", "Pay code"],
        ["1001", NOV3, 8, "pto"], ["1001", NOV3, 8, " Jury Duty "], ["1001", NOV3, 8, "jury-duty"],
        ["1001", NOV3, 8, None]]})   # blank: the default, Work
    inputs = read(path)
    assert lines(inputs) == []
    assert column(inputs, "Time", "Pay code") == ["PTO", "Jury duty", "Jury duty", "Work"]


# --- formulas ------------------------------------------------------------------------

def test_formulas_give_their_cached_values(tmp_path):
    path = write_workbook(tmp_path / "time.xlsx", {"Time": [
        ["Employee ID", "Date", "In", "Out", "Hours", "Note"],
        [Formula("=TEXT(1001,\"0\")", "1001"), Formula("=DATE(2026,11,3)", NOV3_SERIAL,
                                                       "yyyy-mm-dd"),
         None, None, Formula("=8-0.5", 7.5), Formula('="on "&"call"', "on call")],
    ]})
    inputs = read(path)
    assert lines(inputs) == []
    row = inputs.records("Time").data.iloc[0]
    assert (row["Employee ID"], row["Date"], row["Hours"], row["Note"]) == (
        "1001", NOV3, Decimal("7.5"), "on call")


def test_excel_error_values_are_problems_at_their_cells(tmp_path):
    path = write_workbook(tmp_path / "time.xlsx", {"Time": [
        ["Employee ID", "Date", "Hours", "Note"],
        ["1001", NOV3, Formula("=A1/0", "#DIV/0!"), None],
        ["1001", Formula("=#REF!+1", "#REF!"), 8, None],
        ["1001", NOV3, 8, Formula("=VLOOKUP(A4,Z:Z,2,0)", "#N/A")],
    ]})
    inputs = read(path)
    assert lines(inputs) == [
        'time.xlsx: Time!C2: error: "#DIV/0!" in Hours holds the Excel error #DIV/0!. Fix the '
        "formula or type the value.",
        'time.xlsx: Time!B3: error: "#REF!" in Date holds the Excel error #REF!. Fix the '
        "formula or type the value.",
        'time.xlsx: Time!D4: error: "#N/A" in Note holds the Excel error #N/A. Fix the formula '
        "or type the value."]
    assert {p.code for p in inputs.problems} == {"cell-error"}


def test_a_formula_never_calculated_is_a_problem_not_a_blank(tmp_path):
    # openpyxl saves formulas without a result (Excel would have saved one): reading such a
    # cell as blank would silently drop this row's Rate override and pay the base rate.
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Time"
    ws.append(["Employee ID", "Date", "Hours", "Rate"])
    ws.append(["1001", NOV3, 8, "=40*1.1"])
    book.save(tmp_path / "time.xlsx")
    inputs = read(tmp_path / "time.xlsx")
    assert lines(inputs) == [
        'time.xlsx: Time!D2: error: "=40*1.1" in Rate is a formula whose result was never '
        "saved (the workbook was written by a program, not by Excel), so there is no value to "
        "read. Open the workbook in Excel, save it, and run again."]
    assert inputs.problems[0].code == "cell-error"


# --- headers -------------------------------------------------------------------------

def test_header_in_row_5_under_a_title_and_cells_keep_their_excel_rows(tmp_path):
    path = write_workbook(tmp_path / "time.xlsx", {"Time": [
        ["Riverside Family Practice — Timesheet"],
        ["Pay period 2026-11-01 to 2026-11-14"],
        [],
        ["Prepared by: front office", None, None, "Printed 2026-11-15"],
        ["Employee ID", "Date", "Hours"],
        ["1001", NOV3, 8],
        ["1002", NOV3, "eight"],
    ]})
    inputs = read(path)
    assert list(inputs.records("Time").data["_row"]) == [6, 7]
    assert inputs.tables["Time"][0].header_row == 4
    assert lines(inputs) == [
        'time.xlsx: Time!C7: error: "eight" in Hours is not a number of hours. Type hours '
        "such as 7.5 or 7:30."]


@pytest.mark.parametrize("header", ["Employee ID", "Emp #", "employee_id", "EmployeeID",
                                    "EMPLOYEE ID", " Employee  Id ", "Emp No", "Staff ID"])
def test_header_synonyms_and_spellings_name_the_same_column(tmp_path, header):
    path = write_workbook(tmp_path / "time.xlsx", {"Time": [
        [header, "Work date", "Hrs", "Unpaid break (minutes)"],
        ["1001", NOV3, 8, 30]]})
    inputs = read(path)
    assert lines(inputs) == []
    row = inputs.records("Time").data.iloc[0]
    assert (row["Employee ID"], row["Date"], row["Hours"], row["Unpaid break (min)"]) == (
        "1001", NOV3, Decimal(8), Decimal(30))


def test_unknown_extra_columns_are_kept_aside_and_ignored(tmp_path):
    path = write_workbook(tmp_path / "time.xlsx", {"Time": [
        ["Supervisor", "Employee ID", "Date", "Mileage", "Hours", "Approved?"],
        ["Dr. Marsh", "1001", NOV3, "=not a number", 8, "yes"],
        ["Dr. Marsh", "1002", NOV3, 12.5, 7, "#REF!"]]})
    inputs = read(path)
    assert lines(inputs) == []  # nothing in the extra columns is checked
    table = inputs.tables["Time"][0]
    assert table.extra == {"Supervisor": 0, "Mileage": 3, "Approved?": 5}
    assert table.letters["Hours"] == 4
    data = inputs.records("Time").data
    assert list(data["Employee ID"]) == ["1001", "1002"]
    assert list(data["Hours"]) == [Decimal(8), Decimal(7)]
    assert "Supervisor" not in data.columns


def test_blank_rows_and_rows_of_spaces_are_skipped(tmp_path):
    path = write_workbook(tmp_path / "time.xlsx", {"Time": [
        ["Employee ID", "Date", "Hours"],
        ["1001", NOV3, 8],
        [],
        ["   ", " ", None],
        ["1002", NOV3, 6],
        [], [],
    ]})
    inputs = read(path)
    assert lines(inputs) == []
    assert list(inputs.records("Time").data["_row"]) == [2, 5]


@pytest.mark.parametrize("label", ["Total", "TOTALS", "Grand total", "Total hours"])
def test_a_trailing_total_row_is_skipped_with_a_warning(tmp_path, label):
    path = write_workbook(tmp_path / "time.xlsx", {"Time": [
        ["Employee ID", "Date", "Hours"],
        ["1001", NOV3, 8],
        ["1002", NOV3, 6],
        [],
        [label, None, Formula("=SUM(C2:C3)", 14)],
        [],
    ]})
    inputs = read(path)
    assert lines(inputs) == [
        "time.xlsx: Time!A5: warning: row 5 looks like a total row and was skipped. Totals are "
        "worked out for you; remove the row if it holds data."]
    assert inputs.problems[0].code == "total-row"
    assert list(inputs.records("Time").data["Hours"]) == [Decimal(8), Decimal(6)]


def test_text_forms_read_from_a_csv_file(tmp_path):
    path = tmp_path / "time.csv"
    path.write_text("Emp #,Date,In,Out,Hours,Rate\n"
                    "1001,11/3/2026,8:30 AM,5:05pm,,\"$1,234.50\"\n"
                    "1001.0,Nov 3 2026,08:30,17:05,,\n"
                    "007,2026-11-03,,,7:30,\n", encoding="utf-8")
    inputs = read(path)
    assert lines(inputs) == []
    data = inputs.records("Time").data
    assert list(data["Employee ID"]) == ["1001", "1001", "007"]
    assert list(data["Date"]) == [NOV3] * 3
    assert list(data["In"])[:2] == [dt.time(8, 30)] * 2
    assert list(data["Hours"])[2] == Decimal("7.5")
    assert list(data["Rate"])[0] == Decimal("1234.50")


def test_rows_with_values_only_in_ignored_columns_are_not_data(tmp_path):
    # A helper column filled down with a formula showing 0 (and a remark) far below the
    # data must not turn 30 empty rows into "Employee ID is blank" errors, nor stop the
    # Total row from being recognised as the last row.
    rows = [["Employee ID", "Date", "Hours", "Week total"],
            ["1001", NOV3, 8, Formula("=C2", 8)],
            ["1002", NOV3, 6, Formula("=C3", 6)],
            ["Total", None, Formula("=SUM(C2:C3)", 14), None]]
    rows += [[None, None, None, Formula(f"=C{r}", 0)] for r in range(5, 35)]
    rows += [[None, None, None, "checked by PR"]]
    inputs = read(write_workbook(tmp_path / "time.xlsx", {"Time": rows}))
    assert [(p.code, p.cell) for p in inputs.problems] == [("total-row", "A4")]
    assert list(inputs.records("Time").data["_row"]) == [2, 3]


@pytest.mark.parametrize("encoding, data", ids=["utf-8-bom", "cp1252", "utf-16"], argvalues=[
    ("utf-8 with Excel's BOM", "\ufeffEmployee ID,Name\n1001,Zoë Renée\n".encode()),
    ("Windows-1252", "Employee ID,Name\n1001,Zoë Renée\n".encode("cp1252")),
    ("UTF-16 (Excel's Unicode text)", "Employee ID\tName\n1001\tZoë Renée\n"
     .encode("utf-16")),
])
def test_csv_files_in_the_encodings_excel_saves(tmp_path, encoding, data):
    path = tmp_path / "names.csv"
    path.write_bytes(data)
    files, refused = read_files([path])
    assert refused == []
    assert files[0].sheets["names"].rows == [["Employee ID", "Name"], ["1001", "Zoë Renée"]]


def test_a_csv_byte_no_encoding_knows_is_read_not_a_crash(tmp_path):
    # 0x81 is undefined in Windows-1252 and invalid UTF-8; Latin-1 reads it.
    path = tmp_path / "names.csv"
    path.write_bytes(b"Employee ID,Name\n1001,Ren\x81e\n")
    files, refused = read_files([path])
    assert refused == []
    assert files[0].sheets["names"].rows[1] == ["1001", "Ren\x81e"]


# --- the same forms, for any value (property tests on the cell parser) -------------------

@given(st.decimals(min_value=-10**7, max_value=10**7, places=2))
def test_any_amount_typed_with_dollar_commas_and_parentheses_reads_back(amount):
    text = f"${abs(amount):,.2f}"
    typed = f"({text})" if amount < 0 else text
    assert parse_cell(typed, ACTUALS.column("Amount")) == (amount, None)


@given(st.integers(0, 23), st.integers(0, 59))
def test_any_time_typed_24_hour_or_am_pm_reads_back(hour, minute):
    h12, half = hour % 12 or 12, "AM" if hour < 12 else "PM"
    for typed in (f"{hour}:{minute:02d}", f"{hour:02d}:{minute:02d}",
                  f"{h12}:{minute:02d} {half}", f"{h12}:{minute:02d}{half.lower()}"):
        assert parse_cell(typed, TIME.column("In")) == (dt.time(hour, minute), None), typed


@given(st.dates(dt.date(1970, 1, 1), dt.date(2069, 12, 31)))
def test_any_date_typed_any_accepted_way_reads_back(day):
    column = TIME.column("Date")
    serial = (day - dt.date(1899, 12, 30)).days
    for typed in (day.isoformat(), f"{day.month}/{day.day}/{day.year}",
                  f"{day.month}/{day.day}/{day.year % 100:02d}", day.strftime("%b %d, %Y"),
                  day.strftime("%B %d, %Y"), float(serial)):
        assert parse_cell(typed, column, False) == (day, None), typed
    assert parse_cell(f"{day.day}/{day.month}/{day.year}", column, True) == (day, None)


@given(st.integers(0, 10**12))
def test_any_id_typed_as_a_number_or_text_is_one_id(number):
    column = STAFF.column("Employee ID")
    for typed in (number, float(number), str(number), f"{number}.0", f" {number} "):
        assert parse_cell(typed, column) == (str(number), None), typed


@given(st.integers(0, 23), st.integers(0, 59))
def test_any_hours_typed_as_h_mm_are_exact(hours, minutes):
    expected = Decimal(hours * 3600 + minutes * 60) / Decimal(3600)
    assert parse_cell(f"{hours}:{minutes:02d}", TIME.column("Hours")) == (expected, None)


# --- templates: the example row and the Instructions sheet -------------------------------

def _example_row(schema) -> list:
    """The template's grey example row of a sheet, as typed values."""
    return [c.example for c in schema.columns]


def test_the_templates_example_row_is_skipped_with_a_warning(tmp_path):
    header = [c.name for c in TIME.columns]
    note = header.index("Note")
    real = ["1002", NOV3, dt.time(9), dt.time(17), 30] + [None] * (len(header) - 5)
    kept = _example_row(TIME)
    kept[note] = "really worked this shift"  # a real row that happens to match: kept
    path = write_workbook(tmp_path / "time.xlsx",
                          {"Time": [header, _example_row(TIME), real, kept]})
    inputs = read(path)
    assert lines(inputs) == [
        "time.xlsx: Time!A2: warning: row 2 is the grey example row of the template (Employee "
        "ID 1001, Date 2026-11-02, In 08:00, ...) and was skipped. Delete it from the sheet. If "
        "it is a real row, fill in its Note so it is read."]
    assert inputs.problems[0].code == "example-row"
    assert list(inputs.records("Time").data["_row"]) == [3, 4]


def test_a_staff_example_row_is_not_a_duplicate_of_a_real_1001(tmp_path):
    header = [c.name for c in STAFF.columns]
    real = ["1001", "Elena Marsh", "Physician", None, None, "Salary", 245000] + \
        [None] * (len(header) - 7)
    path = write_workbook(tmp_path / "staff.xlsx", {"Staff": [header, _example_row(STAFF), real]})
    inputs = read(path, STAFF)
    assert [p.code for p in inputs.problems] == ["example-row"]
    assert list(inputs.records("Staff").data["Name"]) == ["Elena Marsh"]


def test_a_shipped_template_reads_as_no_rows_and_its_instructions_are_not_data(tmp_path):
    for book in ("timesheet", "staff"):
        shutil.copy(REPO / "templates" / f"{book}.xlsx", tmp_path / f"{book}.xlsx")
    inputs = read([tmp_path / "timesheet.xlsx", tmp_path / "staff.xlsx"], STAFF, TIME, BONUSES)
    assert sorted((p.file, p.sheet, p.cell, p.code) for p in inputs.problems) == [
        ("staff.xlsx", "Staff", "A2", "example-row"),
        ("timesheet.xlsx", "Bonuses", "A2", "example-row"),
        ("timesheet.xlsx", "Time", "A2", "example-row")]
    found = {name: [(s.file, s.name) for s in sheets] for name, sheets in inputs.found.items()}
    assert found == {"Staff": [("staff.xlsx", "Staff")], "Time": [("timesheet.xlsx", "Time")],
                     "Bonuses": [("timesheet.xlsx", "Bonuses")]}
    assert all(len(inputs.records(n)) == 0 for n in ("Staff", "Time", "Bonuses"))


def test_an_instructions_sheet_is_never_data_even_with_a_perfect_header(tmp_path):
    rows = [["Employee ID", "Date", "Hours"], ["1001", NOV3, 8]]
    path = write_workbook(tmp_path / "time.xlsx", {"Instructions": rows, "Read me": rows,
                                               "Hours": rows})
    files, _ = read_files([path])
    found = classify(files, (STAFF, TIME, BONUSES))
    assert [s.name for s in found["Time"]] == ["Hours"]


def test_every_template_sheet_is_recognised_as_itself_and_instructions_as_nothing():
    files, refused = read_files([REPO / "templates" / f"{t.name}.xlsx" for t in TEMPLATES])
    assert refused == []
    schemas = tuple(s for t in TEMPLATES for s in t.sheets if s.kind == "table")
    found = classify(files, schemas)
    for schema in schemas:
        assert [s.name for s in found[schema.name]] == [schema.name]


def test_holidays_keep_their_example_row_because_it_is_a_real_holiday(tmp_path):
    header = [c.name for c in HOLIDAYS.columns]
    path = write_workbook(tmp_path / "settings.xlsx", {"Holidays": [
        header, _example_row(HOLIDAYS), [dt.date(2026, 12, 25), "Christmas Day", 8]]})
    settings, problems = load_settings(path)
    assert problems == []
    assert [h.date for h in settings.holidays] == [dt.date(2026, 11, 26), dt.date(2026, 12, 25)]
