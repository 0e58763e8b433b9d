"""Payroll checks: every warning lands on the Check these sheet with its source cell, and
mistakes that would make pay wrong stop the run naming the cell."""

from __future__ import annotations

import datetime as dt

from test_payroll_kit import day, hours_row, punch_row, run_payroll, staff_row, write_office


def checks(run) -> set[tuple[str, str, str]]:
    """(code, sheet, cell) of every row of the Check these sheet."""
    return {(r["Code"], r["Sheet"], r["Cell"]) for r in run.sheet("Check these")}


def test_every_check_names_its_cell(tmp_path, run_command):
    staff = [
        staff_row("1001", "Ann Lee", 20, hire=day(2), termination=day(12)),
        staff_row("1002", "Bo Park", 20, employment="PRN"),
        staff_row("1003", "Cy Dunn", 90000, pay_type="Salary"),
        staff_row("1004", "Di Ross", 20),
    ]
    time = [
        punch_row("1001", day(1), "08:00", "12:00"),                 # row 2: before hire
        punch_row("1001", day(3), "06:00", "23:30"),                 # row 3: 17.5 h shift
        punch_row("1001", day(13), "08:00", "12:00"),                # row 4: after termination
        punch_row("1002", day(1), "08:00", "20:00"),                 # row 5
        punch_row("1002", day(2), "08:00", "20:00"),                 # row 6
        punch_row("1002", day(3), "08:00", "20:00"),                 # row 7
        punch_row("1002", day(4), "08:00", "16:00"),                 # row 8: PRN 47 h with row 9
        punch_row("1002", day(4), "15:00", "18:00"),                 # row 9: overlaps row 8
        hours_row("1003", day(2), 8),                                # row 10: exempt
        punch_row("1004", day(9), "08:00", "16:00"),                 # row 11
        punch_row("1004", day(9), "08:00", "16:00"),                 # row 12: duplicate of 11
        [("1004"), day(10), dt.time(8), None, None, 8, None, None, None, None],  # 13: In only
        hours_row("1004", day(11), 8, "Holiday"),                    # row 14: not a holiday
    ]
    bonuses = [["1004", day(12), 50, "Nondiscretionary", day(-14), day(-8)]]  # no hours then
    files, settings = write_office(tmp_path, staff, time, bonuses=bonuses)
    run = run_payroll(run_command, files, settings, "--period-start", str(day(0)))
    assert run.code == 0, run.err
    assert checks(run) >= {
        ("payroll-outside-employment", "Time", "B2"),
        ("payroll-long-shift", "Time", "D3"),
        ("payroll-outside-employment", "Time", "B4"),
        ("payroll-part-time-40", "Time", "A5"),
        ("payroll-overlap", "Time", "C9"),
        ("payroll-exempt-time", "Time", "A10"),
        ("payroll-duplicate", "Time", "A12"),
        ("payroll-missing-punch", "Time", "D13"),
        ("payroll-holiday-date", "Time", "G14"),
        ("payroll-bonus-missing-weeks", "Bonuses", "E2"),
    }
    messages = {r["Code"]: r["Message"] for r in run.sheet("Check these")}
    assert messages["payroll-duplicate"].startswith("this row repeats row 11 exactly")
    assert "overlaps the shift on row 8" in messages["payroll-overlap"]
    assert "Bo Park (PRN) worked 47.00 hours in the workweek starting 2026-11-22" in (
        messages["payroll-part-time-40"])
    assert "its Hours (8) were paid instead" in messages["payroll-missing-punch"]


def test_bonus_for_someone_with_no_hours_in_the_weeks_it_covers(tmp_path, run_command):
    files, settings = write_office(
        tmp_path, [staff_row("1001"), staff_row("1002", "Bo Park")],
        [hours_row("1001", day(1), 8), hours_row("1002", day(8), 8)],
        bonuses=[["1002", day(12), 50, None, day(0), day(6)]])
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert ("payroll-bonus-no-hours", "Bonuses", "E2") in checks(run)
    assert run.export_amounts("1002")["BONUS"] == 50


def test_a_row_with_neither_punches_nor_hours_stops_the_run(tmp_path, run_command):
    files, settings = write_office(
        tmp_path, [staff_row()],
        [["1001", day(1), dt.time(8), None, None, None, None, None, None, None]])
    run = run_payroll(run_command, files, settings)
    assert run.code == 1
    assert ("timesheet.xlsx: Time!D2: error: the row for 1001 on 2026-11-23 has no Out and no "
            "Hours, so it cannot be paid.") in run.err


def test_differential_rows_need_exactly_one_amount(tmp_path, run_command):
    files, settings = write_office(
        tmp_path, [staff_row()], [punch_row("1001", day(1), "08:00", "16:00")],
        differentials=[["Night", None, dt.time(19), dt.time(7), 2, 10, None, None],
                       ["Weekend", "Sat, Sun", None, None, None, None, None, None],
                       ["Late", None, dt.time(19), None, 1, None, None, None]])
    run = run_payroll(run_command, files, settings)
    assert run.code == 1
    assert ("settings.xlsx: Differentials!F2: error: differential Night needs exactly one of "
            "Extra per hour, Extra percent or Pay multiplier; it has Extra per hour and Extra "
            "percent.") in run.err
    assert "Differentials!E3: error: differential Weekend needs exactly one" in run.err
    assert "Differentials!D4: error: differential Late has a time window with no To" in run.err


def test_unknown_differential_name_is_an_error_at_its_cell(tmp_path, run_command):
    files, settings = write_office(
        tmp_path, [staff_row()], [punch_row("1001", day(1), "08:00", "16:00", diff="Nite")],
        differentials=[["Night", None, dt.time(19), dt.time(7), 2, None, None, None]])
    run = run_payroll(run_command, files, settings)
    assert run.code == 1
    assert ('timesheet.xlsx: Time!I2: error: differential "Nite" is not on the Differentials '
            "sheet of the settings workbook. Did you mean Night?") in run.err


def test_differential_named_without_a_differentials_sheet(tmp_path, run_command):
    files, settings = write_office(
        tmp_path, [staff_row()], [punch_row("1001", day(1), "08:00", "16:00", diff="Night")])
    run = run_payroll(run_command, files, settings)
    assert run.code == 1
    assert "the settings workbook has no Differentials sheet" in run.err


def test_rows_outside_the_period_that_count_for_nothing_are_warned(tmp_path, run_command):
    files, settings = write_office(
        tmp_path, [staff_row()],
        [hours_row("1001", day(1), 8), hours_row("1001", day(2), 8),
         hours_row("1001", day(30), 8)])
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert ("payroll-outside-period", "Time", "B4") in checks(run)
    assert run.employee()["Hours worked"] == 16
