"""A corpus of bad inputs, each run through the real payroll command.

For every case: the right exit code (1 for input errors, 2 for settings errors), a
message naming the file and cell (exact text for most), no traceback, no result
workbook (only `<input>_problems.xlsx`, whose copy of the sheet has the bad cells filled
red with a comment), and input files byte-identical afterwards. A few cases also run as
a real subprocess, to prove no traceback reaches stderr.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import msoffcrypto.format.ooxml
import openpyxl
import pytest
from libreoffice import needs_libreoffice, soffice_path
from medoffice.cli.payroll import PayrollCommand
from workbook_builder import Formula, write_workbook

REPO = Path(__file__).resolve().parents[1]
ERROR_FILL = "FFFFC7CE"  # the house style's red (Excel's "light red fill")
MON = dt.date(2026, 11, 16)  # a Monday in the default pay period 2026-11-08..21

STAFF_HEADER = ["Employee ID", "Name", "Role", "Department", "Pay type", "Rate"]
STAFF_ROWS = [["1001", "Ann Lee", "RN", "Nursing", "Hourly", 40],
              ["1002", "Bob Ray", "Medical assistant", "Nursing", "Hourly", 20]]
TIME_HEADER = ["Employee ID", "Date", "In", "Out", "Unpaid break (min)", "Hours", "Pay code",
               "Rate", "Note"]


def time_row(emp="1001", day=MON, t_in=dt.time(8), t_out=dt.time(16, 30), brk=30, hours=None,
             code=None, rate=None, note=None) -> list:
    """One Time row in TIME_HEADER order (a punch by default)."""
    return [emp, day, t_in, t_out, brk, hours, code, rate, note]


def hours_row(emp="1002", day=MON, hours=8, **kw) -> list:
    """One Time row of hours without punches."""
    return time_row(emp, day, None, None, None, hours, **kw)


# --- building real files -------------------------------------------------------------

def staff_file(folder: Path, rows=None, name="staff.xlsx") -> Path:
    """A valid staff roster (or one with the given rows)."""
    return write_workbook(folder / name, {"Staff": [STAFF_HEADER, *(rows or STAFF_ROWS)]})


def time_file(folder: Path, rows, name="time.xlsx", header=None) -> Path:
    """A timesheet with the given rows under TIME_HEADER (or another header)."""
    return write_workbook(folder / name, {"Time": [header or TIME_HEADER, *rows]})


def convert(path: Path, fmt: str, out_dir: Path) -> Path:
    """Convert a workbook with headless LibreOffice (fmt "xls" or "ods"), as a user's
    'Save as' would; a private profile keeps parallel runs apart."""
    filters = {"xls": "xls:MS Excel 97", "ods": "ods"}
    with tempfile.TemporaryDirectory(prefix="medoffice-lo-") as profile:
        subprocess.run([soffice_path(), "--headless", "--norestore",
                        f"-env:UserInstallation={Path(profile).as_uri()}",
                        "--convert-to", filters[fmt], "--outdir", str(out_dir), str(path)],
                       capture_output=True, timeout=180, check=True)
    result = out_dir / f"{path.stem}.{fmt}"
    assert result.is_file(), f"LibreOffice did not write {result.name}"
    return result


def encrypt(path: Path, target: Path, password: str = "secret") -> Path:
    """Password-protect a real .xlsx as Excel does (ECMA-376 agile encryption)."""
    with path.open("rb") as plain, target.open("wb") as sealed:
        msoffcrypto.format.ooxml.OOXMLFile(plain).encrypt(password, sealed)
    return target


def with_extra_member(path: Path, target: Path, name: str, data: bytes) -> Path:
    """A copy of an xlsx with one more (deflated) part in its zip."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(target, "w",
                                                       zipfile.ZIP_DEFLATED) as out:
        for item in src.namelist():
            out.writestr(item, src.read(item))
        out.writestr(name, data)
    return target


def lying_zip_bomb(path: Path, target: Path, padding: int) -> Path:
    """A copy of an xlsx whose sheet XML is padded by `padding` spaces but whose zip
    records claim it unpacks to 1,000 bytes: a bomb that passes size checks."""
    part = "xl/worksheets/sheet1.xml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w",
                                                       zipfile.ZIP_DEFLATED) as out:
        for item in src.namelist():
            data = src.read(item)
            if item == part:
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * padding)
            out.writestr(item, data)
    raw = bytearray(buffer.getvalue())
    info = zipfile.ZipFile(io.BytesIO(bytes(raw))).getinfo(part)
    struct.pack_into("<I", raw, info.header_offset + 22, 1000)  # local header size
    at = raw.find(b"PK\x01\x02")
    while at != -1:  # the central directory's copy of the size
        length = struct.unpack_from("<H", raw, at + 28)[0]
        if bytes(raw[at + 46:at + 46 + length]) == part.encode():
            struct.pack_into("<I", raw, at + 24, 1000)
        at = raw.find(b"PK\x01\x02", at + 4)
    target.write_bytes(bytes(raw))
    return target


# --- running and checking ------------------------------------------------------------

def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_payroll(run_command, office, *files: Path, extra: tuple = ()):
    """Run payroll on the files; check what every bad-input run must hold: the inputs
    are byte-identical afterwards, no traceback, and no result workbook or CSV."""
    before = {p: sha256(p) for p in files}
    run = run_command(PayrollCommand, *files, "--out", office.outbox, *extra)
    assert {p: sha256(p) for p in files} == before, "an input file was modified"
    assert "Traceback" not in run.err + run.out
    assert not list(office.outbox.glob("payroll_*")), "a result was written despite errors"
    return run


def error_lines(run) -> list[str]:
    """The problem lines the run printed (errors and warnings), in printed order."""
    return [line for line in run.err.splitlines() if ": error: " in line
            or ": warning: " in line or line.startswith(("error: ", "warning: "))]


def outbox_names(office) -> set[str]:
    return {p.name for p in office.outbox.iterdir()}


def marked_cells(report: Path, sheet: str) -> dict[str, str]:
    """Cells of the report's copy of `sheet` filled red, with their comment text."""
    book = openpyxl.load_workbook(report)
    ws = book[sheet]
    marks = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.fill is not None and cell.fill.fgColor.rgb == ERROR_FILL:
                marks[cell.coordinate] = cell.comment.text if cell.comment else ""
    return marks


def listed_problems(report: Path) -> list[tuple[str, str, str, str]]:
    """(severity, file, sheet, cell) of each row of the report's Problems sheet."""
    ws = openpyxl.load_workbook(report)["Problems"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    return [(r[0], r[1], r[2] or "", r[3] or "") for r in rows if r[0]]


def assert_marked(report: Path, sheet: str, cells: set[str]) -> dict[str, str]:
    """The report marks exactly these cells of the sheet red, each with an Error comment."""
    marks = marked_cells(report, sheet)
    assert set(marks) == cells
    for ref, comment in marks.items():
        assert comment.startswith("Error: "), f"{ref} has no error comment: {comment!r}"
    return marks


# --- sheets and headers ------------------------------------------------------------------

def test_missing_required_column(run_command, office, tmp_path):
    header = [h for h in TIME_HEADER if h != "Date"]
    rows = [[v for h, v in zip(TIME_HEADER, hours_row(), strict=True) if h != "Date"]]
    staff, time = staff_file(tmp_path), time_file(tmp_path, rows, header=header)
    run = run_payroll(run_command, office, staff, time)
    assert run.code == 1
    assert error_lines(run) == [
        "time.xlsx: Time!A1: error: required column Date is missing from the header row (row "
        "1). Add a column headed Date (also accepted: Work date, Day, Shift date)."]
    assert outbox_names(office) == {"time_problems.xlsx"}
    marks = assert_marked(office.outbox / "time_problems.xlsx", "Time", {"A1"})
    assert "required column Date is missing" in marks["A1"]


def test_merged_header_cell_over_two_columns(run_command, office, tmp_path):
    # "Shift" is merged over C1:D1 with In and Out typed in row 2 beneath it: a two-row
    # header. Reading on would take row 2 as data and ignore the punches in column D.
    rows = [["Employee ID", "Date", "Shift", None, "Hours"],
            [None, None, "In", "Out", None],
            ["1001", MON, dt.time(8), dt.time(16), None]]
    staff = staff_file(tmp_path)
    time = write_workbook(tmp_path / "time.xlsx", {"Time": rows},
                      merged={"Time": [("C1:D1", "Shift")]})
    run = run_payroll(run_command, office, staff, time)
    assert run.code == 1
    assert error_lines(run) == [
        "time.xlsx: Time!C1: error: the header cell C1:D1 is merged over several cells: column "
        "D under it has data but no header of its own. Unmerge it and give each column its "
        "own header, all in row 1."]
    assert_marked(office.outbox / "time_problems.xlsx", "Time", {"C1"})


def test_merged_title_over_the_header_is_fine(run_command, office, tmp_path):
    rows = [["Timesheet — November"], [], TIME_HEADER, time_row(), hours_row()]
    staff = staff_file(tmp_path)
    time = write_workbook(tmp_path / "time.xlsx", {"Time": rows},
                      merged={"Time": [("A1:I1", "Timesheet — November")]})
    run = run_command(PayrollCommand, staff, time, "--out", office.outbox)
    assert run.code == 0, run.err


def test_title_rows_above_the_header_shift_every_cell_reference(run_command, office, tmp_path):
    rows = [["Riverside Family Practice"], ["Timesheet, pay period 2026-11-08"], [], [],
            TIME_HEADER, time_row(), hours_row(hours="eight")]
    staff = staff_file(tmp_path)
    time = write_workbook(tmp_path / "time.xlsx", {"Time": rows})
    run = run_payroll(run_command, office, staff, time)
    assert run.code == 1
    assert error_lines(run) == [
        'time.xlsx: Time!F7: error: "eight" in Hours is not a number of hours. Type hours such '
        "as 7.5 or 7:30."]
    assert_marked(office.outbox / "time_problems.xlsx", "Time", {"F7"})


# --- cells ---------------------------------------------------------------------------

def test_wrong_types_in_every_typed_column_all_reported_at_once(run_command, office, tmp_path):
    staff_header = ["Employee ID", "Name", "Role", "Department", "Employment", "Pay type",
                    "Rate", "FLSA status", "Salary basis", "Standard hours", "Email",
                    "Hire date", "Termination date", "Mentor ID"]
    bad_staff = [1001.5, "Ann Lee", "RN", "Nursing", "Casual", "Weekly", "forty", "Maybe",
                 "Flexible", "full", "ann at example", "last spring", "31/31/2026", 2.5]
    staff = write_workbook(tmp_path / "staff.xlsx", {"Staff": [
        staff_header, bad_staff, ["1002", "Bob Ray", "MA", "Nursing", None, "Hourly", 20]]})
    bad_time = [True, "someday", "8:3O", "five", "half hour", "lots", "Vacation", "cheap",
                None]
    time = write_workbook(tmp_path / "time.xlsx", {
        "Time": [TIME_HEADER, bad_time, hours_row()],
        "Bonuses": [["Employee ID", "Date", "Amount", "Type", "Covers from", "Covers to"],
                    ["1002", "yesterday", "a lot", "Surprise", "soon", "later"]]})
    run = run_payroll(run_command, office, staff, time)
    assert run.code == 1
    found = {(p["file"], p["sheet"], p["cell"], p["code"]) for p in _json_problems(
        run_command, office, staff, time)}
    staff_cells = {"A2", "E2", "F2", "G2", "H2", "I2", "J2", "K2", "L2", "M2", "N2"}
    time_cells = {"A2", "B2", "C2", "D2", "E2", "F2", "G2", "H2"}
    bonus_cells = {"B2", "C2", "D2", "E2", "F2"}
    assert {(f, s, c) for f, s, c, _ in found} == (
        {("staff.xlsx", "Staff", c) for c in staff_cells}
        | {("time.xlsx", "Time", c) for c in time_cells}
        | {("time.xlsx", "Bonuses", c) for c in bonus_cells})
    assert {code for *_, code in found} == {"cell-type", "cell-choice"}
    lines = error_lines(run)
    assert len(lines) == len(found)
    for expected in [
        'staff.xlsx: Staff!E2: error: "Casual" in Employment is not one of the allowed values: '
        "Full-time, Part-time, PRN.",
        'staff.xlsx: Staff!G2: error: "forty" in Rate is not an amount of money. Type a number '
        "such as 1234.50 (a $ sign and commas are fine; (45.00) means -45).",
        'staff.xlsx: Staff!K2: error: "ann at example" in Email is not an email address (ann '
        "at example). Type an address such as name@example.com; separate several with ;.",
        'staff.xlsx: Staff!N2: error: "2.5" in Mentor ID is not a whole-number ID. Type the ID '
        "exactly as on the roster.",
        'time.xlsx: Time!A2: error: "True" in Employee ID is TRUE/FALSE, not an ID. Type the '
        "ID itself.",
        'time.xlsx: Time!E2: error: "half hour" in Unpaid break (min) is not a number. Type '
        "digits only, such as 12 or 2.5.",
        'time.xlsx: Bonuses!C2: error: "a lot" in Amount is not an amount of money. Type a '
        "number such as 1234.50 (a $ sign and commas are fine; (45.00) means -45).",
    ]:
        assert expected in lines
    assert outbox_names(office) == {"staff_problems.xlsx", "time_problems.xlsx"}
    assert_marked(office.outbox / "staff_problems.xlsx", "Staff", staff_cells)
    assert_marked(office.outbox / "time_problems.xlsx", "Time", time_cells)
    assert_marked(office.outbox / "time_problems.xlsx", "Bonuses", bonus_cells)
    listed = listed_problems(office.outbox / "time_problems.xlsx")
    assert len(listed) == len(time_cells) + len(bonus_cells)
    assert {severity for severity, *_ in listed} == {"Error"}


def _json_problems(run_command, office, *files) -> list[dict]:
    """The problems a --json run reports (a second run, into a folder of its own)."""
    run = run_command(PayrollCommand, *files, "--out", office.outbox.parent / "json-out",
                      "--json")
    report = json.loads(run.out)
    assert report["status"] == "input-errors" and report["exit_code"] == 1
    return report["problems"]


def test_blank_required_cells(run_command, office, tmp_path):
    staff = staff_file(tmp_path, [["1001", None, "RN", "Nursing", "Hourly", None],
                                  ["1002", "Bob Ray", "MA", "Nursing", "Hourly", 20]])
    time = time_file(tmp_path, [time_row(), hours_row(day=None), hours_row(emp="  ")])
    run = run_payroll(run_command, office, staff, time)
    assert run.code == 1
    assert error_lines(run) == [
        "staff.xlsx: Staff!B2: error: Name is blank; every row needs one. Fill it in or delete "
        "the row.",
        "staff.xlsx: Staff!F2: error: Rate is blank; every row needs one. Fill it in or delete "
        "the row.",
        "time.xlsx: Time!B3: error: Date is blank; every row needs one. Fill it in or delete "
        "the row.",
        "time.xlsx: Time!A4: error: Employee ID is blank; every row needs one. Fill it in or "
        "delete the row."]
    assert_marked(office.outbox / "staff_problems.xlsx", "Staff", {"B2", "F2"})
    assert_marked(office.outbox / "time_problems.xlsx", "Time", {"B3", "A4"})


def test_duplicate_employee_ids(run_command, office, tmp_path):
    staff = staff_file(tmp_path, [*STAFF_ROWS, [1001, "Ann Lee-Ray", "RN", "Nursing",
                                                "Hourly", 41]])
    time = time_file(tmp_path, [time_row(), hours_row()])
    run = run_payroll(run_command, office, staff, time)
    assert run.code == 1
    assert error_lines(run) == [
        "staff.xlsx: Staff!A4: error: Employee ID 1001 appears more than once (first at A2). "
        "Each Employee ID must be unique: fix or remove the repeat."]
    assert outbox_names(office) == {"staff_problems.xlsx"}
    assert_marked(office.outbox / "staff_problems.xlsx", "Staff", {"A4"})


def test_employee_id_in_time_not_on_the_roster(run_command, office, tmp_path):
    staff = staff_file(tmp_path)
    time = time_file(tmp_path, [time_row(), hours_row(emp="9999")])
    run = run_payroll(run_command, office, staff, time)
    assert run.code == 1
    assert error_lines(run) == [
        "time.xlsx: Time!A3: error: Employee ID 9999 is not on the Staff roster. Add them to "
        "the roster or correct the ID."]
    assert outbox_names(office) == {"time_problems.xlsx"}
    # Found by comparing the sheets, not by reading one: the report still marks the cell.
    assert_marked(office.outbox / "time_problems.xlsx", "Time", {"A3"})


def test_unknown_employee_ids_are_reported_with_the_other_mistakes(run_command, office,
                                                                  tmp_path):
    # One run names every problem: a blank Rate on the roster (that row's ID, 1002, still
    # counts as on the roster), a blank Date, and an Employee ID missing from the roster
    # on the timesheet and on its Bonuses sheet.
    staff = staff_file(tmp_path, [STAFF_ROWS[0], ["1002", "Bob Ray", "MA", "Nursing",
                                                  "Hourly", None]])
    time = write_workbook(tmp_path / "time.xlsx", {
        "Time": [TIME_HEADER, time_row(), hours_row(emp="1002"), hours_row(day=None),
                 hours_row(emp="9999")],
        "Bonuses": [["Employee ID", "Date", "Amount", "Type"], ["8888", MON, 100, "Production"]],
    })
    run = run_payroll(run_command, office, staff, time)
    assert run.code == 1
    assert error_lines(run) == [
        "staff.xlsx: Staff!F3: error: Rate is blank; every row needs one. Fill it in or delete "
        "the row.",
        "time.xlsx: Bonuses!A2: error: Employee ID 8888 is not on the Staff roster. Add them "
        "to the roster or correct the ID.",
        "time.xlsx: Time!B4: error: Date is blank; every row needs one. Fill it in or delete "
        "the row.",
        "time.xlsx: Time!A5: error: Employee ID 9999 is not on the Staff roster. Add them to "
        "the roster or correct the ID."]
    assert_marked(office.outbox / "time_problems.xlsx", "Time", {"B4", "A5"})


def test_negative_hours_and_breaks(run_command, office, tmp_path):
    staff = staff_file(tmp_path)
    time = time_file(tmp_path, [time_row(brk=-30), hours_row(hours=-8)])
    run = run_payroll(run_command, office, staff, time)
    assert run.code == 1
    assert error_lines(run) == [
        'time.xlsx: Time!E2: error: "-30" in Unpaid break (min) is negative; it must be 0 or '
        "more.",
        'time.xlsx: Time!F3: error: "-8" in Hours is negative; it must be 0 or more.']
    assert_marked(office.outbox / "time_problems.xlsx", "Time", {"E2", "F3"})


def test_text_in_number_columns(run_command, office, tmp_path):
    staff = staff_file(tmp_path, [["1001", "Ann Lee", "RN", "Nursing", "Hourly", "$40/hr"],
                                  STAFF_ROWS[1]])
    time = time_file(tmp_path, [time_row(brk="thirty"), hours_row(hours="n/a", rate="TBD")])
    run = run_payroll(run_command, office, staff, time)
    assert run.code == 1
    assert error_lines(run) == [
        'staff.xlsx: Staff!F2: error: "$40/hr" in Rate is not an amount of money. Type a '
        "number such as 1234.50 (a $ sign and commas are fine; (45.00) means -45).",
        'time.xlsx: Time!E2: error: "thirty" in Unpaid break (min) is not a number. Type '
        "digits only, such as 12 or 2.5.",
        'time.xlsx: Time!F3: error: "n/a" in Hours is not a number of hours. Type hours such '
        "as 7.5 or 7:30.",
        'time.xlsx: Time!H3: error: "TBD" in Rate is not an amount of money. Type a number '
        "such as 1234.50 (a $ sign and commas are fine; (45.00) means -45)."]
    assert_marked(office.outbox / "time_problems.xlsx", "Time", {"E2", "F3", "H3"})


def test_excel_error_cells(run_command, office, tmp_path):
    staff = staff_file(tmp_path, [["1001", "Ann Lee", "RN", "Nursing", "Hourly",
                                   Formula("=VLOOKUP(A2,Rates!A:B,2,0)", "#REF!")],
                                  STAFF_ROWS[1]])
    time = time_file(tmp_path, [time_row(day=Formula("=B3-1", "#VALUE!")),
                                hours_row(hours=Formula("=16/0", "#DIV/0!"))])
    run = run_payroll(run_command, office, staff, time)
    assert run.code == 1
    assert error_lines(run) == [
        'staff.xlsx: Staff!F2: error: "#REF!" in Rate holds the Excel error #REF!. Fix the '
        "formula or type the value.",
        'time.xlsx: Time!B2: error: "#VALUE!" in Date holds the Excel error #VALUE!. Fix the '
        "formula or type the value.",
        'time.xlsx: Time!F3: error: "#DIV/0!" in Hours holds the Excel error #DIV/0!. Fix the '
        "formula or type the value."]
    marks = assert_marked(office.outbox / "staff_problems.xlsx", "Staff", {"F2"})
    assert "#REF!" in marks["F2"]
    assert_marked(office.outbox / "time_problems.xlsx", "Time", {"B2", "F3"})


def test_three_different_errors_in_one_workbook_are_all_reported(run_command, office,
                                                                 tmp_path):
    staff = staff_file(tmp_path)
    time = time_file(tmp_path, [time_row(t_in="9:75"), hours_row(day=None),
                                hours_row(hours=Formula("=X1", "#REF!"))])
    run = run_payroll(run_command, office, staff, time)
    assert run.code == 1
    assert [line.split(": error: ")[0] for line in error_lines(run)] == [
        "time.xlsx: Time!C2", "time.xlsx: Time!B3", "time.xlsx: Time!F4"]
    assert "3 error(s): nothing was computed. Fix them and run again." in run.err
    problems = _json_problems(run_command, office, staff, time)
    assert sorted((p["cell"], p["code"]) for p in problems) == [
        ("B3", "cell-required"), ("C2", "cell-type"), ("F4", "cell-error")]
    assert_marked(office.outbox / "time_problems.xlsx", "Time", {"C2", "B3", "F4"})
    assert len(listed_problems(office.outbox / "time_problems.xlsx")) == 3


def test_a_trailing_total_row_is_a_warning_not_data(run_command, office, tmp_path):
    staff = staff_file(tmp_path)
    total = ["Total", None, None, None, None, Formula("=SUM(F2:F3)", 16)]
    time = time_file(tmp_path, [time_row(), hours_row(), total])
    run = run_command(PayrollCommand, staff, time, "--out", office.outbox, "-v")
    assert run.code == 0, run.err
    assert ("time.xlsx: Time!A4: warning: row 4 looks like a total row and was skipped. "
            "Totals are worked out for you; remove the row if it holds data.") in run.err
    # 8 h at 40.00 + 8 h at 20.00 = 480.00: the total row's 16 hours were not paid again.
    assert "gross pay $480.00" in run.out
    result = next(office.outbox.glob("payroll_*.xlsx"))
    check = openpyxl.load_workbook(result)["Check these"]
    rows = [r for r in check.iter_rows(min_row=2, values_only=True) if r[0]]
    assert [(r[0], r[1], r[2], r[5]) for r in rows] == [("time.xlsx", "Time", "A4", "total-row")]


def test_a_total_row_does_not_hide_other_errors(run_command, office, tmp_path):
    staff = staff_file(tmp_path)
    time = time_file(tmp_path, [time_row(), hours_row(hours="8h"), ["TOTAL", None, None, None,
                                                                     None, 16]])
    run = run_payroll(run_command, office, staff, time)
    assert run.code == 1
    # Errors first, then warnings: the bad Hours, then the total row that was skipped.
    assert [line.split(": ", 2)[1] for line in error_lines(run)] == ["Time!F3", "Time!A4"]
    assert_marked(office.outbox / "time_problems.xlsx", "Time", {"F3"})


# --- other file formats ---------------------------------------------------------------

def test_csv_input_errors_name_the_csv_and_its_cell(run_command, office, tmp_path):
    staff = staff_file(tmp_path)
    time = tmp_path / "time.csv"
    time.write_text("Employee ID,Date,Hours\n1001,11/16/2026,8\n1002,11/16/2026,8 hours\n",
                    encoding="utf-8")
    run = run_payroll(run_command, office, staff, time)
    assert run.code == 1
    assert error_lines(run) == [
        'time.csv: time!C3: error: "8 hours" in Hours is not a number of hours. Type hours '
        "such as 7.5 or 7:30."]
    assert_marked(office.outbox / "time_problems.xlsx", "time", {"C3"})


def test_a_good_csv_timesheet_is_paid(run_command, office, tmp_path):
    staff = staff_file(tmp_path)
    time = tmp_path / "time.csv"
    time.write_text("Emp #;Date;Hours\n1001;11/16/2026;8\n1002;2026-11-16;7:30\n",
                    encoding="utf-8")
    run = run_command(PayrollCommand, staff, time, "--out", office.outbox)
    assert run.code == 0, run.err
    assert "gross pay $470.00" in run.out  # 8 x 40.00 + 7.5 x 20.00 = 320 + 150


@needs_libreoffice
@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_xls_and_ods_inputs_errors_and_error_values(run_command, office, tmp_path, fmt):
    staff = convert(staff_file(tmp_path), fmt, tmp_path / "converted")
    source = time_file(tmp_path, [time_row(), hours_row(hours="lots"),
                                  hours_row(hours=Formula("=1/0", "#DIV/0!"))])
    time = convert(source, fmt, tmp_path / "converted")
    run = run_payroll(run_command, office, staff, time)
    assert run.code == 1
    assert error_lines(run) == [
        f'time.{fmt}: Time!F3: error: "lots" in Hours is not a number of hours. Type hours '
        "such as 7.5 or 7:30.",
        f'time.{fmt}: Time!F4: error: "#DIV/0!" in Hours holds the Excel error #DIV/0!. Fix '
        "the formula or type the value."]
    assert outbox_names(office) == {"time_problems.xlsx"}
    assert_marked(office.outbox / "time_problems.xlsx", "Time", {"F3", "F4"})


@needs_libreoffice
@pytest.mark.parametrize("fmt", ["xls", "ods"])
def test_good_xls_and_ods_inputs_are_paid(run_command, office, tmp_path, fmt):
    staff = convert(staff_file(tmp_path), fmt, tmp_path / "converted")
    time = convert(time_file(tmp_path, [time_row(), hours_row()]), fmt, tmp_path / "converted")
    run = run_command(PayrollCommand, staff, time, "--out", office.outbox)
    assert run.code == 0, run.err
    assert "gross pay $480.00" in run.out  # 8 h x 40.00 + 8 h x 20.00


@needs_libreoffice
def test_merged_header_in_an_ods_file(run_command, office, tmp_path):
    rows = [["Employee ID", "Date", "Shift", None, "Hours"], [None, None, "In", "Out", None],
            ["1001", MON, dt.time(8), dt.time(16), None]]
    source = write_workbook(tmp_path / "time.xlsx", {"Time": rows},
                        merged={"Time": [("C1:D1", "Shift")]})
    time = convert(source, "ods", tmp_path / "converted")
    run = run_payroll(run_command, office, staff_file(tmp_path), time)
    assert run.code == 1
    assert [line.split(": error: ")[0] for line in error_lines(run)] == ["time.ods: Time!C1"]


# --- files refused whole -------------------------------------------------------------------

def _good_time(tmp_path: Path) -> Path:
    folder = tmp_path / "source"
    folder.mkdir(exist_ok=True)
    return time_file(folder, [time_row(), hours_row()])


REFUSED = {
    "encrypted": ("enc.xlsx", lambda tmp: encrypt(_good_time(tmp), tmp / "enc.xlsx"),
                  "enc.xlsx: error: the workbook is password-protected. Open it in Excel, "
                  "remove the password (File > Info > Protect Workbook), save, and try again."),
    "truncated": ("trunc.xlsx", lambda tmp: _write(tmp / "trunc.xlsx",
                                                   _good_time(tmp).read_bytes()[:3000]),
                  "trunc.xlsx: error: the file is damaged and cannot be opened (File is not a "
                  "zip file). Open it in Excel and save it again, or get a fresh copy."),
    "empty": ("empty.xlsx", lambda tmp: _write(tmp / "empty.xlsx", b""),
              "empty.xlsx: error: the file is empty (0 bytes). Save the workbook again from "
              "Excel, or remove it from the folder."),
    "text renamed": ("notes.xlsx", lambda tmp: _write(tmp / "notes.xlsx",
                                                      b"Employee ID,Date,Hours\n1001,,8\n"),
                     "notes.xlsx: error: this file is not a spreadsheet, although its name "
                     "ends in .xlsx. Open it in Excel and save it as an Excel workbook "
                     "(.xlsx)."),
    "zip bomb": ("bomb.xlsx", lambda tmp: with_extra_member(
        _good_time(tmp), tmp / "bomb.xlsx", "xl/media/image1.bin", bytes(60 * 1024 * 1024)),
        "bomb.xlsx: error: the workbook unpacks to 61 MB (over 50 MB). Split it or remove "
        "unused sheets."),
    "lying zip bomb": ("lying.xlsx", lambda tmp: lying_zip_bomb(
        _good_time(tmp), tmp / "lying.xlsx", 60 * 1024 * 1024),
        "lying.xlsx: error: the workbook is damaged: its part xl/worksheets/sheet1.xml does "
        "not unpack to the size and checksum it records, so it is not read. Open it in Excel "
        "and save it again, or get a fresh copy."),
    "empty csv": ("blank.csv", lambda tmp: _write(tmp / "blank.csv", b" , ,\r\n,,\r\n"),
                  "blank.csv: error: the CSV file holds no data."),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", list(REFUSED))
def test_files_refused_whole_with_a_one_line_reason(run_command, office, tmp_path, case):
    name, make, expected = REFUSED[case]
    bad = make(tmp_path)
    assert bad.stat().st_size < 200_000  # the bombs are tiny on disk
    run = run_payroll(run_command, office, staff_file(tmp_path), bad)
    assert run.code == 1
    # One line: the reason. No second "no Time sheet was found" about the same file.
    assert error_lines(run) == [expected]
    report = office.outbox / f"{Path(name).stem}_problems.xlsx"
    assert outbox_names(office) == {report.name}
    assert listed_problems(report) == [("Error", name, "", "")]


def test_a_suspiciously_compressed_member_is_refused(run_command, office, tmp_path):
    # 20 MB of zeros packs to about 20 KB: under the size limit, over the ratio limit.
    bad = with_extra_member(_good_time(tmp_path), tmp_path / "dense.xlsx", "xl/media/pad.bin",
                            bytes(20 * 1024 * 1024))
    run = run_payroll(run_command, office, staff_file(tmp_path), bad)
    assert run.code == 1
    [line] = error_lines(run)
    assert re.fullmatch(r"dense\.xlsx: error: the workbook is suspiciously compressed "
                        r"\(xl/media/pad\.bin unpacks \d+x\); it is not read\. Save it again "
                        r"from Excel\.", line), line


def test_a_legacy_xls_saved_with_an_xlsx_name_is_read_not_called_encrypted(run_command, office,
                                                                          tmp_path):
    if soffice_path() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    xls = convert(_good_time(tmp_path), "xls", tmp_path / "converted")
    misnamed = _write(tmp_path / "time.xlsx", xls.read_bytes())
    run = run_command(PayrollCommand, staff_file(tmp_path), misnamed, "--out", office.outbox)
    assert run.code == 0, run.err


def test_two_files_of_the_same_name_one_bad(run_command, office, tmp_path):
    # Timesheets of two sites, both called time.xlsx; the second is empty.
    for site in ("north", "south"):
        (tmp_path / site).mkdir()
    good = time_file(tmp_path / "north", [time_row()])
    bad = _write(tmp_path / "south" / "time.xlsx", b"")
    run = run_payroll(run_command, office, staff_file(tmp_path), good, bad)
    assert run.code == 1
    assert error_lines(run) == [
        "time.xlsx: error: the file is empty (0 bytes). Save the workbook again from Excel, or "
        "remove it from the folder."]


def test_blank_templates_as_inputs_say_there_is_nothing_to_pay(run_command, office, tmp_path):
    # Fresh copies of templates/: only the grey example rows, which are skipped.
    staff = _write(tmp_path / "staff.xlsx", (REPO / "templates" / "staff.xlsx").read_bytes())
    time = _write(tmp_path / "timesheet.xlsx",
                  (REPO / "templates" / "timesheet.xlsx").read_bytes())
    run = run_payroll(run_command, office, staff, time)
    assert run.code == 1
    lines = error_lines(run)
    assert lines[:2] == [
        "staff.xlsx: Staff!A2: error: the Staff sheet has no rows below its header (row 1), so "
        "there is nothing to compute from. Fill it in, or remove the file from the folder.",
        "timesheet.xlsx: Time!A2: error: the Time sheet has no rows below its header (row 1), "
        "so there is nothing to compute from. Fill it in, or remove the file from the folder."]
    assert [line.split(": warning: ")[0] for line in lines[2:]] == [
        "staff.xlsx: Staff!A2", "timesheet.xlsx: Bonuses!A2", "timesheet.xlsx: Time!A2"]
    assert all("is the grey example row of the template" in line for line in lines[2:])


# --- settings errors: exit 2 ----------------------------------------------------------------

def test_bad_settings_exit_2_and_write_nothing(run_command, office, tmp_path):
    settings = write_workbook(tmp_path / "settings.xlsx", {"Settings": [
        ["Setting", "Value"], ["Minimum wage", "lots"], ["Workweek starts", "Monday"]]})
    staff, time = staff_file(tmp_path), time_file(tmp_path, [time_row(), hours_row()])
    inputs = (staff, time, settings)
    before = {p: sha256(p) for p in inputs}
    run = run_command(PayrollCommand, staff, time, "--settings", settings, "--out",
                      office.outbox)
    assert run.code == 2
    assert error_lines(run) == [
        'settings.xlsx: Settings!B2: error: "lots" for Minimum wage is not an amount of money. '
        "Type a number such as 1234.50 (a $ sign and commas are fine; (45.00) means -45).",
        'settings.xlsx: Settings!A3: error: "Workweek starts" is not a setting. Did you mean '
        "Workweek starts on? The settings are listed in templates/settings.xlsx."]
    assert "Traceback" not in run.err
    assert outbox_names(office) == set()
    assert {p: sha256(p) for p in inputs} == before


# --- as a real subprocess: nothing but one-line reasons on stderr ---------------------------

SUBPROCESS_CASES = ["encrypted", "zip bomb", "lying zip bomb", "text renamed"]


@pytest.mark.parametrize("case", SUBPROCESS_CASES)
def test_subprocess_refused_file_prints_no_traceback(tmp_path, case):
    name, make, expected = REFUSED[case]
    bad = make(tmp_path)
    staff = staff_file(tmp_path)
    out = tmp_path / "out"
    before = sha256(bad)
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "payroll.py"), str(staff),
                           str(bad), "--out", str(out)], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[0] == expected
    assert done.stdout == ""
    assert sha256(bad) == before
    assert sorted(p.name for p in out.iterdir()) == [f"{Path(name).stem}_problems.xlsx"]


def test_subprocess_wrong_types_prints_every_problem_and_no_traceback(tmp_path):
    staff = staff_file(tmp_path)
    time = time_file(tmp_path, [time_row(t_in="8:3O"), hours_row(hours=Formula("=1/0",
                                                                               "#DIV/0!"))])
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "payroll.py"), str(staff),
                           str(time), "--out", str(out)], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        'time.xlsx: Time!C2: error: "8:3O" in In is not a time of day. Type a time such as '
        "8:30, 8:30 AM or 17:05.",
        'time.xlsx: Time!F3: error: "#DIV/0!" in Hours holds the Excel error #DIV/0!. Fix the '
        "formula or type the value.",
        "2 error(s): nothing was computed. Fix them and run again.",
        "Wrote out/time_problems.xlsx (the problems, marked on your sheets)."]
    assert sorted(p.name for p in out.iterdir()) == ["time_problems.xlsx"]


def test_subprocess_bad_settings_exit_2(tmp_path):
    settings = write_workbook(tmp_path / "settings.xlsx", {"Settings": [
        ["Setting", "Value"], ["Pay frequency", "Fortnightly"]]})
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "payroll.py"),
                           str(staff_file(tmp_path)),
                           str(time_file(tmp_path, [time_row()])), "--settings", str(settings),
                           "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[0] == (
        'settings.xlsx: Settings!B2: error: "Fortnightly" for Pay frequency is not one of the '
        "allowed values: Weekly, Biweekly, Semimonthly, Monthly.")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
