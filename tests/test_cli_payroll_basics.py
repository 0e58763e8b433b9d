"""The command base, seen through payroll.py: flags, discovery, settings errors, --json,
kept earlier outputs, and the example office end to end (as a real subprocess, with its
figures checked by hand and its output recalculated in LibreOffice)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from medoffice.cli.payroll import PayrollCommand
from medoffice.intake import is_candidate
from workbook_builder import write_workbook

REPO = Path(__file__).resolve().parents[1]
MON = dt.date(2026, 11, 16)  # default settings: the pay period 2026-11-08..21 holds it
PERIOD = "2026-11-08_to_2026-11-21"
STAFF_SHEET = [["Employee ID", "Name", "Role", "Department", "Pay type", "Rate"],
               ["1001", "Ann Lee", "RN", "Nursing", "Hourly", 40],
               ["1002", "Bob Ray", "Medical assistant", "Nursing", "Hourly", 20]]
TIME_SHEET = [["Employee ID", "Date", "In", "Out", "Unpaid break (min)", "Hours"],
              ["1001", MON, dt.time(8), dt.time(16, 30), 30, None],
              ["1002", MON, None, None, None, 8]]
GROSS_LINE = "  2 staff paid, gross pay $480.00, overtime 0.00 h"  # 8 x 40.00 + 8 x 20.00


def put_inputs(folder: Path, staff_name="staff.xlsx", time_name="time.xlsx",
               staff_sheet="Staff", time_sheet="Time") -> tuple[Path, Path]:
    """A valid roster and timesheet in a folder."""
    folder.mkdir(parents=True, exist_ok=True)
    return (write_workbook(folder / staff_name, {staff_sheet: STAFF_SHEET}),
            write_workbook(folder / time_name, {time_sheet: TIME_SHEET}))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- flags -------------------------------------------------------------------------------

def test_help_exits_0_and_prints_usage_on_our_stdout(run_command, office):
    run = run_command(PayrollCommand, "--help")
    assert run.code == 0
    assert run.out.startswith("usage: payroll.py")
    for flag in ("--settings PATH", "--out DIR", "--json", "--period-start YYYY-MM-DD"):
        assert flag in run.out
    assert run.err == ""
    assert names(office.outbox) == []


def test_unknown_flag_exits_2_with_usage_on_stderr(run_command, office):
    run = run_command(PayrollCommand, "--bogus")
    assert run.code == 2
    assert run.out == ""
    assert run.err.startswith("usage: payroll.py")
    assert "payroll.py: error: unrecognized arguments: --bogus" in run.err
    assert names(office.outbox) == []


def test_a_bad_period_start_is_a_usage_error(run_command, office, tmp_path):
    staff, time = put_inputs(tmp_path)
    run = run_command(PayrollCommand, staff, time, "--period-start", "15/11/2026")
    assert run.code == 2
    assert "argument --period-start: '15/11/2026' is not a date like 2026-11-15" in run.err


def test_json_prints_outputs_problems_and_figures(run_command, office, tmp_path):
    staff, time = put_inputs(tmp_path)
    total = ["Total", None, None, None, None, 16]  # a warning, so problems is not empty
    write_workbook(time, {"Time": [*TIME_SHEET, total]})
    run = run_command(PayrollCommand, staff, time, "--json")
    assert run.code == 0, run.err
    report = json.loads(run.out)  # stdout holds the JSON and nothing else
    assert report["status"] == "ok" and report["exit_code"] == 0
    assert report["command"] == "payroll"
    assert [Path(p).name for p in report["outputs"]][:2] == [
        f"payroll_{PERIOD}.xlsx", f"payroll_{PERIOD}_export.csv"]
    assert all(Path(p).is_file() for p in report["outputs"])
    assert [(p["code"], p["severity"], p["file"], p["sheet"], p["cell"])
            for p in report["problems"]] == [("total-row", "warning", "time.xlsx", "Time", "A4")]
    assert report["figures"]["gross_pay"] == "480.00"
    assert GROSS_LINE in run.err  # the console summary moved to stderr


def test_json_on_input_errors_lists_every_problem_and_the_report(run_command, office,
                                                                 tmp_path):
    staff, time = put_inputs(tmp_path)
    write_workbook(time, {"Time": [TIME_SHEET[0], ["1001", "soon", "8:3O", None, None, None]]})
    run = run_command(PayrollCommand, staff, time, "--json")
    assert run.code == 1
    report = json.loads(run.out)
    assert (report["status"], report["exit_code"]) == ("input-errors", 1)
    assert [(p["cell"], p["code"], p["value"]) for p in report["problems"]] == [
        ("B2", "cell-type", "soon"), ("C2", "cell-type", "8:3O")]
    assert [Path(p).name for p in report["outputs"]] == ["time_problems.xlsx"]


# --- discovery ---------------------------------------------------------------------------

def test_empty_inbox_uses_the_examples_and_says_so_in_one_line(run_command,
                                                               office_with_examples):
    office = office_with_examples
    run = run_command(PayrollCommand)
    assert run.code == 0, run.err
    notes = [line for line in run.out.splitlines() if "example office" in line]
    assert notes == [f"No timesheet or staff roster in {office.inbox}: using the example "
                     f"office in {office.examples}."]
    assert run.out.splitlines()[0] == notes[0]
    assert "gross pay $40,781.38" in run.out
    assert (office.outbox / "payroll_2026-11-15_to_2026-11-28.xlsx").is_file()


def test_inbox_with_a_timesheet_is_used_not_the_examples(run_command, office_with_examples):
    office = office_with_examples
    put_inputs(office.inbox)
    run = run_command(PayrollCommand)
    assert run.code == 0, run.err
    assert "example office" not in run.out
    assert GROSS_LINE in run.out
    assert (office.outbox / f"payroll_{PERIOD}.xlsx").is_file()


def test_inbox_with_only_a_timesheet_says_the_roster_is_missing(run_command,
                                                                office_with_examples):
    office = office_with_examples
    write_workbook(office.inbox / "time.xlsx", {"Time": TIME_SHEET})
    run = run_command(PayrollCommand)
    assert run.code == 1
    assert run.err.splitlines()[0] == (
        "error: no Staff sheet was found (read: time.xlsx). Add a workbook with a sheet named "
        "Staff (see templates/), or check its header row.")
    assert "example office" not in run.out


def test_explicit_files_are_classified_by_content_not_name(run_command, office, tmp_path):
    # The roster is called zzz.xlsx with its data on "Sheet1"; the timesheet is called
    # staff.xlsx. Headers decide.
    folder = tmp_path / "mixed"
    staff, time = put_inputs(folder, staff_name="zzz.xlsx", time_name="staff.xlsx",
                             staff_sheet="Sheet1")
    run = run_command(PayrollCommand, time, staff)
    assert run.code == 0, run.err
    assert GROSS_LINE in run.out
    about = openpyxl.load_workbook(office.outbox / f"payroll_{PERIOD}.xlsx")["About"]
    text = [str(v) for row in about.iter_rows(values_only=True) for v in row if v]
    assert "zzz.xlsx" in text and "staff.xlsx" in text
    assert sha256(staff) in text and sha256(time) in text


def test_lock_hidden_and_temp_files_are_ignored(run_command, office):
    put_inputs(office.inbox)
    junk = {"~$time.xlsx": b"\x05Ann Lee" + bytes(150),          # Excel's lock file
            ".hidden.xlsx": b"not a workbook",
            ".~lock.time.xlsx#": b"Ann Lee,host,user,01.11.2026;",  # LibreOffice's lock
            ".~medoffice-1a2b3c.xlsx": b"",                         # our own temp file
            "time.xlsx.tmp": b"half written",
            "notes.txt": b"remember the flu clinic"}
    for name, data in junk.items():
        (office.inbox / name).write_bytes(data)
    assert not any(is_candidate(office.inbox / name) for name in junk)
    for argv in ((), (office.inbox,)):  # the inbox found by itself, and named as a folder
        run = run_command(PayrollCommand, *argv)
        assert run.code == 0, run.err
        assert GROSS_LINE in run.out
        assert "warning" not in run.out + run.err


def test_our_own_results_and_error_reports_in_the_inbox_are_not_inputs(run_command, office,
                                                                        tmp_path):
    # A manager who saves results into the inbox: last run's payroll (its Employees sheet
    # looks like a roster, its Daily sheet like a timesheet) and an error report (a copy
    # of a Time sheet) must not be read as more staff and more hours.
    put_inputs(office.inbox)
    bad = write_workbook(tmp_path / "time.xlsx", {"Time": [
        TIME_SHEET[0], ["1001", MON, None, None, None, "eight"]]})
    assert run_command(PayrollCommand, office.inbox / "staff.xlsx", bad, "--out",
                       office.inbox).code == 1
    first = run_command(PayrollCommand, "--out", office.inbox)
    assert first.code == 0, first.err
    assert {"time_problems.xlsx", f"payroll_{PERIOD}.xlsx"} <= set(names(office.inbox))
    again = run_command(PayrollCommand, "--out", office.inbox, "--json")
    assert again.code == 0, again.err
    report = json.loads(again.out)
    assert report["figures"]["gross_pay"] == "480.00"  # not doubled
    assert report["problems"] == []
    result = openpyxl.load_workbook(office.inbox / f"payroll_{PERIOD}.xlsx")["About"]
    read = [str(v) for row in result.iter_rows(values_only=True) for v in row if v]
    assert "staff.xlsx" in read and "time.xlsx" in read
    assert not [v for v in read if v.startswith(("payroll_", "time_problems"))]


def test_date_order_day_first_through_the_command(run_command, office, tmp_path):
    # 16/11/2026 is the 16th of November only day first; month first it is no date.
    staff, time = put_inputs(tmp_path)
    write_workbook(time, {"Time": [TIME_SHEET[0], ["1001", "16/11/2026", "8:00", "16:30", 30,
                                                   None], ["1002", "16/11/26", None, None,
                                                           None, 8]]})
    settings = write_workbook(tmp_path / "settings.xlsx", {"Settings": [
        ["Setting", "Value"], ["Date order", "Day first"]]})
    run = run_command(PayrollCommand, staff, time, "--settings", settings)
    assert run.code == 0, run.err
    assert GROSS_LINE in run.out
    month_first = run_command(PayrollCommand, staff, time, "--out", tmp_path / "other")
    assert month_first.code == 1
    assert '"16/11/2026" in Date is not a date' in month_first.err


# --- settings ------------------------------------------------------------------------------

def test_a_bad_settings_value_exits_2_naming_the_cell(run_command, office):
    put_inputs(office.inbox)
    write_workbook(office.settings, {"Settings": [
        ["Setting", "Value", "Notes"], ["Office name", "Riverside", None],
        ["Pay frequency", "Fortnightly", "every other Friday"]]})
    run = run_command(PayrollCommand)
    assert run.code == 2
    assert run.err.splitlines() == [
        'settings.xlsx: Settings!B3: error: "Fortnightly" for Pay frequency is not one of the '
        "allowed values: Weekly, Biweekly, Semimonthly, Monthly.",
        f"Error: the settings have errors; fix {office.settings} and run again."]
    assert run.out == ""
    assert names(office.outbox) == []


def test_an_unknown_setting_is_reported_with_a_did_you_mean(run_command, office, tmp_path):
    staff, time = put_inputs(tmp_path)
    settings = write_workbook(tmp_path / "office.xlsx", {"Settings": [
        ["Setting", "Value"], ["Ovretime rule", "Federal"], ["Colour scheme", "Blue"]]})
    run = run_command(PayrollCommand, staff, time, "--settings", settings, "--json")
    assert run.code == 2
    assert run.err.splitlines()[:2] == [
        'office.xlsx: Settings!A2: error: "Ovretime rule" is not a setting. Did you mean '
        "Overtime rule? The settings are listed in templates/settings.xlsx.",
        'office.xlsx: Settings!A3: error: "Colour scheme" is not a setting. The settings are '
        "listed in templates/settings.xlsx."]
    report = json.loads(run.out)
    assert (report["status"], report["exit_code"]) == ("settings-error", 2)
    assert [p["code"] for p in report["problems"]] == ["setting-unknown", "setting-unknown"]


def test_a_missing_settings_file_is_a_usage_error(run_command, office, tmp_path):
    staff, time = put_inputs(tmp_path)
    run = run_command(PayrollCommand, staff, time, "--settings", tmp_path / "nope.xlsx")
    assert run.code == 2
    assert run.err == f"Error: settings file {tmp_path / 'nope.xlsx'} does not exist.\n"


# --- delivery ------------------------------------------------------------------------------

def test_running_twice_keeps_the_earlier_output(run_command, office):
    put_inputs(office.inbox)
    first = run_command(PayrollCommand)
    assert first.code == 0, first.err
    workbook = office.outbox / f"payroll_{PERIOD}.xlsx"
    export = office.outbox / f"payroll_{PERIOD}_export.csv"
    hashes = {workbook: sha256(workbook), export: sha256(export)}
    second = run_command(PayrollCommand)
    assert second.code == 0, second.err
    kept = {office.outbox / f"payroll_{PERIOD} (earlier 1).xlsx": hashes[workbook],
            office.outbox / f"payroll_{PERIOD}_export (earlier 1).csv": hashes[export]}
    for path, digest in kept.items():
        assert sha256(path) == digest, f"{path.name} is not the first run's output"
    assert workbook.is_file() and export.is_file()
    third = run_command(PayrollCommand)
    assert third.code == 0
    assert (office.outbox / f"payroll_{PERIOD} (earlier 2).xlsx").is_file()


# --- the example office, end to end -----------------------------------------------------------

# Workweeks rows worked out by hand from the table in make_examples.py's docstring
# (Federal rule; OT premium = OT hours x regular rate / 2; cents rounded half-up per week):
#   1004 wk1: 48 h x 43.50 = 2088.00 + 8 x 21.75 = 174.00            -> 2262.00
#   1004 wk2: 39.5 x 43.50 = 1718.25 + Holiday 8 x 43.50 = 348.00     -> 2066.25
#   1005 wk1: 39.5 x 40.25 = 1589.875                                -> 1589.88
#   1006 wk1: 42 x 38.75 = 1627.50 + 2 x 19.375 = 38.75               -> 1666.25
#   1007 wk1: 40 x 22.50 + 4 x 19.00 = 976.00; rate 976 / 44 = 22.1818...;
#             premium 4 x 11.0909... = 44.3636 -> 44.36               -> 1020.36
#   1009 wk1: exactly 40 x 18.75                                     -> 750.00
WORKWEEKS = {  # (ID, week start): (hours worked, OT hours, regular rate, OT premium, gross)
    ("1004", "2026-11-15"): (48, 8, "43.50", "174.00", "2262.00"),
    ("1004", "2026-11-22"): (39.5, 0, "43.50", "0", "2066.25"),
    ("1005", "2026-11-15"): (39.5, 0, "40.25", "0", "1589.88"),
    ("1006", "2026-11-15"): (42, 2, "38.75", "38.75", "1666.25"),
    ("1007", "2026-11-15"): (44, 4, "22.1818", "44.36", "1020.36"),
    ("1009", "2026-11-15"): (40, 0, "18.75", "0", "750.00"),
}
# Gross for the period per employee, by hand. Salaried exempt: annual / 26 periods.
#   1001 245000 / 26 = 9423.08; 1002 232000 / 26 = 8923.08; 1003 82000 / 26 = 3153.85
#   1005 wk2: 32 x 40.25 + 8 x 40.25 = 1610.00;   1006 wk2: 24 h + PTO 8 + Hol 8 = 40 x 38.75
#   1007 wk2: 32 x 22.50 + 8 x 22.50 = 900.00;    1008: 36 x 20.75 (no holiday, part-time)
#   1009 wk2: 40 x 18.75 = 750.00;                1010: 25 x 18.25 (PRN)
#   1011: 38 x 25.75 + (32 + 8) x 25.75;          1012: 38.75 x 24.50 = 949.375 -> 949.38,
#         then (31 + 8) x 24.50 = 955.50
# 21500.01 salaried + 19281.37 hourly = 40781.38
GROSS = {"1001": "9423.08", "1002": "8923.08", "1003": "3153.85", "1004": "4328.25",
         "1005": "3199.88", "1006": "3216.25", "1007": "1920.36", "1008": "747.00",
         "1009": "1500.00", "1010": "456.25", "1011": "2008.50", "1012": "1904.88"}


def _table(path: Path, sheet: str) -> list[dict]:
    """A result table's rows by header, without its Total row."""
    rows = list(openpyxl.load_workbook(path, data_only=True)[sheet].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]
            if row[0] not in (None, "Total")]


def _money(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def test_example_office_end_to_end_as_a_subprocess(tmp_path, libreoffice_recalc):
    inbox = REPO / "workbooks" / "inbox"
    if any(is_candidate(p) for p in inbox.iterdir()):
        pytest.skip("workbooks/inbox holds files: the examples would not be used")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "payroll.py"), "--out",
                           str(out)], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].endswith("using the example office in " + str(REPO / "workbooks" /
                                                                  "examples") + ".")
    assert lines[1] == "Riverside Family Practice: payroll 2026-11-15 to 2026-11-28"
    assert lines[2] == "  12 staff paid, gross pay $40,781.38, overtime 14.00 h"
    result = out / "payroll_2026-11-15_to_2026-11-28.xlsx"
    assert f"Wrote out/{result.name}" in lines
    assert (out / "payroll_2026-11-15_to_2026-11-28_export.csv").is_file()

    weeks = {(r["Employee ID"], r["Week start"].date().isoformat()): r
             for r in _table(result, "Workweeks")}
    for key, (worked, overtime, rate, premium, gross) in WORKWEEKS.items():
        row = weeks[key]
        assert Decimal(str(row["Hours worked"])) == Decimal(str(worked)), key
        assert Decimal(str(row["Overtime hours"])) == Decimal(overtime), key
        # The sheet shows the regular rate to the cent; the premium used it exactly.
        assert abs(Decimal(str(row["Regular rate"])) - Decimal(rate)) < Decimal("0.005"), key
        assert _money(row["Overtime premium"]) == Decimal(premium), key
        assert _money(row["Gross pay"]) == Decimal(gross), key
    employees = {r["Employee ID"]: _money(r["Gross pay"]) for r in _table(result, "Employees")}
    assert employees == {k: Decimal(v) for k, v in GROSS.items()}
    assert sum(employees.values()) == Decimal("40781.38")

    # The totals are live formulas whose cached values LibreOffice agrees with.
    assert libreoffice_recalc(result) > 0
    sheet = openpyxl.load_workbook(result, data_only=True)["Employees"]
    total = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "Total")
    header = next(sheet.iter_rows(values_only=True))
    assert _money(total[header.index("Gross pay")]) == Decimal("40781.38")


def test_examples_folder_copy_gives_the_same_result_in_process(run_command,
                                                               office_with_examples, tmp_path):
    # The same example office, run in-process from a copy: the outputs do not depend on
    # where the examples live. The copy's settings come along (Riverside, biweekly).
    office = office_with_examples
    assert (office.examples / "settings.xlsx").is_file()
    moved = tmp_path / "elsewhere"
    shutil.copytree(office.examples, moved)
    files = [p for p in sorted(moved.glob("*.xlsx")) if p.name != "settings.xlsx"]
    run = run_command(PayrollCommand, *files, "--settings", moved / "settings.xlsx")
    assert run.code == 0, run.err
    assert "Riverside Family Practice: payroll 2026-11-15 to 2026-11-28" in run.out
    assert "gross pay $40,781.38, overtime 14.00 h" in run.out


def test_a_reader_that_goes_away_is_not_an_internal_error(tmp_path):
    """`python scripts/payroll.py | head -0`: the outputs are written, exit 0, and no
    "Internal error" or traceback is printed because the console reader closed early."""
    proc = subprocess.Popen([sys.executable, str(REPO / "scripts" / "payroll.py"),
                             "--out", str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader leaves before the first line is printed
    err = proc.stderr.read().decode()
    assert proc.wait() == 0
    assert err == ""
    assert sorted(p.name for p in tmp_path.glob("payroll_*.xlsx")) == [
        "payroll_2026-11-15_to_2026-11-28.xlsx"]
