"""Payroll rules beyond the worked examples, each through real workbooks and the real
command: time settings, workweeks that straddle pay periods, bonus true-ups,
differential windows and roles, paid leave and holidays, salaried staff, minimum wage.
Expected figures are worked out by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from test_payroll_kit import (
    TIME_HEADER,
    day,
    hours_row,
    punch_row,
    run_payroll,
    staff_row,
    write_office,
)
from workbook_builder import write_workbook

CA = {"Overtime rule": "California"}


def daily(run, emp="1001") -> dict:
    return {r["Date"].date(): r for r in run.sheet("Daily") if r["Employee ID"] == emp}


# --- time: workday start, overnight shifts, workweek start ------------------------------


def test_workday_start_splits_an_overnight_shift_there(tmp_path, run_command):
    # Workdays start at 07:00. A shift Monday 22:00 to Tuesday 08:00 (10 h) puts 9 h in
    # Monday's workday and 1 h in Tuesday's. California: Monday's 9 h -> 1 h daily OT.
    # $20: $200 + 1 x $10 = $210.
    files, settings = write_office(tmp_path, [staff_row(rate=20)],
                                   [punch_row("1001", day(1), "22:00", "08:00")],
                                   settings={**CA, "Workday starts at": "07:00"})
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    days = daily(run)
    assert (days[day(1)]["Hours worked"], days[day(2)]["Hours worked"]) == (9, 1)
    assert days[day(1)]["Overtime hours"] == 1
    assert run.gross() == D("210.00")


def test_midnight_workday_splits_the_same_shift_with_no_daily_overtime(tmp_path, run_command):
    # Default workday start (midnight): 2 h on Monday, 8 h on Tuesday: no daily OT, $200.
    files, settings = write_office(tmp_path, [staff_row(rate=20)],
                                   [punch_row("1001", day(1), "22:00", "08:00")], settings=CA)
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert (daily(run)[day(1)]["Hours worked"], daily(run)[day(2)]["Hours worked"]) == (2, 8)
    assert run.gross() == D("200.00")


def test_count_on_start_day_keeps_an_overnight_shift_whole(tmp_path, run_command):
    # "Count on start day": all 10 h on Monday: 2 h daily OT: $200 + 2 x $10 = $220.
    files, settings = write_office(tmp_path, [staff_row(rate=20)],
                                   [punch_row("1001", day(1), "22:00", "08:00")],
                                   settings={**CA, "Overnight shifts": "Count on start day"})
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert daily(run)[day(1)]["Hours worked"] == 10 and day(2) not in daily(run)
    assert run.gross() == D("220.00")


def test_workweek_start_decides_which_hours_share_a_week(tmp_path, run_command):
    # Sunday 10 h + Monday-Friday 8 h at $20. Workweeks from Sunday: 50 h, 10 OT:
    # $1,000 + $100 = $1,100. Workweeks from Monday: Sunday closes the week of
    # 11-16..11-22 (10 h), Monday-Friday are 40 h: no overtime, $1,000 (and that first
    # workweek straddles the pay period with no rows given for 11-16..11-21: a warning).
    time = [hours_row("1001", day(0), 10)] + [hours_row("1001", day(i), 8) for i in range(1, 6)]
    files, settings = write_office(tmp_path / "sun", [staff_row(rate=20)], time)
    assert run_payroll(run_command, files, settings).gross() == D("1100.00")
    files, settings = write_office(tmp_path / "mon", [staff_row(rate=20)], time,
                                   settings={"Workweek starts on": "Monday"})
    run = run_payroll(run_command, files, settings)
    assert run.gross() == D("1000.00")
    assert "the workweek 2026-11-16 to 2026-11-22 straddles the pay period" in run.err


# --- workweeks straddling pay periods ----------------------------------------------------

WEDNESDAY_WEEKS = {"Workweek starts on": "Wednesday"}


def straddle_files(tmp_path, with_previous: bool):
    """Workweek Wed 11-18 .. Tue 11-24 straddles the pay period starting Sun 11-22:
    10 h on each of Wed-Sat (previous period, 40 h), then 8 h Sunday and 8 h Monday."""
    files, settings = write_office(
        tmp_path, [staff_row(rate=20)],
        [hours_row("1001", day(0), 8), hours_row("1001", day(1), 8)],
        settings=WEDNESDAY_WEEKS)
    if with_previous:
        files.append(write_workbook(tmp_path / "previous_timesheet.xlsx", {"Time": [
            TIME_HEADER, *[hours_row("1001", day(-4 + i), 10) for i in range(4)]]}))
    return files, settings


def test_straddling_week_counts_earlier_hours_toward_overtime(tmp_path, run_command):
    # With the previous timesheet given, the week has 56 h; the hours after the 40th, in
    # time order, are the 16 of this pay period: 16 x $20 + 16 x $10 = $480. The 40
    # earlier hours are paid in their own pay period, not here.
    files, settings = straddle_files(tmp_path, with_previous=True)
    run = run_payroll(run_command, files, settings, "--period-start", str(day(0)))
    assert run.code == 0, run.err
    assert run.gross() == D("480.00")
    week = run.weeks()[0]
    assert (week["Hours worked"], week["Overtime hours"], week["Whole-week hours"]) == (16, 16, 56)
    assert "40.00 h worked outside it count toward overtime" in week["Note"]
    assert "outside the pay period" not in run.err  # the earlier rows are used, not ignored
    assert "40.00 h more were worked in it outside this pay period" in run.stub_text()


def test_straddling_week_without_its_earlier_rows_warns(tmp_path, run_command):
    # Without them: 16 h, no overtime, $320, and a warning naming the missing days.
    files, settings = straddle_files(tmp_path, with_previous=False)
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.gross() == D("320.00")
    assert ("timesheet.xlsx: Time!B2: warning: the workweek 2026-11-18 to 2026-11-24 straddles "
            "the pay period, and no time rows were given for 2026-11-18 to 2026-11-21") in run.err
    assert "overtime paid now may be too low" in run.err


def test_straddling_week_at_the_end_of_the_period(tmp_path, run_command):
    # Workweek Wed 12-02 .. Tue 12-08; 10 h Wed-Sat in this period (40 h): no overtime
    # yet; days 12-06..12-08 belong to the next period and have no rows: a warning.
    files, settings = write_office(tmp_path, [staff_row(rate=20)],
                                   [hours_row("1001", day(10 + i), 10) for i in range(4)],
                                   settings=WEDNESDAY_WEEKS)
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.gross() == D("800.00")
    assert "no time rows were given for 2026-12-06 to 2026-12-08" in run.err
    assert "are paid in the next pay period" in run.err


# --- bonuses covering earlier weeks ------------------------------------------------------


def bonus_office(tmp_path, with_previous: bool):
    """$20 an hour; weeks 11-08 (45 h) and 11-15 (40 h) were paid in the previous
    period; this period has 11-22 (40 h) and 11-29 (42 h). A $300 nondiscretionary bonus
    paid 12-05 covers 11-08..12-05, $75 a week."""
    current = ([hours_row("1001", day(1 + i), 8) for i in range(5)]
               + [hours_row("1001", day(8 + i), 8) for i in range(5)]
               + [hours_row("1001", day(13), 2)])
    files, settings = write_office(tmp_path, [staff_row(rate=20)], current,
                                   bonuses=[["1001", day(12), 300, "Nondiscretionary",
                                             day(-14), day(13)]])
    if with_previous:
        earlier = ([hours_row("1001", day(-13 + i), 9) for i in range(5)]
                   + [hours_row("1001", day(-6 + i), 8) for i in range(5)])
        files.append(write_workbook(tmp_path / "previous.xlsx", {"Time": [TIME_HEADER,
                                                                          *earlier]}))
    return files, settings


def test_bonus_true_up_for_weeks_paid_earlier(tmp_path, run_command):
    # Week 11-08: 45 h, 5 OT, paid earlier without the bonus. Its $75 share raises its
    # regular rate by 75/45 = 1.6666...: true-up 5 x 1/2 x 1.6666... = 4.1666 -> $4.17.
    # Week 11-15: 40 h, no overtime, nothing to true up.
    # This period: week 11-22, 40 h: $800. Week 11-29, 42 h: ($840 + $75) / 42 =
    # 21.785714...; premium 2 x 1/2 x 21.785714 = 21.785714 -> $861.79.
    # Gross $800 + $861.79 + $300 + $4.17 = $1,965.96.
    files, settings = bonus_office(tmp_path, with_previous=True)
    run = run_payroll(run_command, files, settings, "--period-start", str(day(0)))
    assert run.code == 0, run.err
    assert run.export_amounts() == {"REG": D("1600.00"), "OT": D("61.79"), "BONUS": D("300.00"),
                                    "OTADJ": D("4.17")}
    assert run.gross() == D("1965.96")
    assert run.employee()["Overtime true-up"] == 4.17
    earlier = [w for w in run.weeks() if w["Week start"].date() == day(-14)]
    assert earlier and earlier[0]["Overtime true-up"] == 4.17 and earlier[0]["Hours worked"] == 0
    text = run.stub_text()
    assert ("Bonus of $300.00 paid 2026-12-04 also rewards this workweek, whose 5.00 h of "
            "overtime were paid in an earlier pay period") in text
    assert "true-up = 5.00 h × ½ × $1.6667 = $4.17" in text
    bonus_rows = run.sheet("Bonus shares")
    assert [(r["Week start"].date(), r["Share"], r["Paid as"]) for r in bonus_rows] == [
        (day(-14), 75, "overtime true-up"), (day(-7), 75, "no overtime that week"),
        (day(0), 75, "no overtime that week"), (day(7), 75, "in the overtime premium")]


def test_bonus_true_up_without_the_earlier_timesheets_names_the_weeks(tmp_path, run_command):
    # Without the previous timesheet the true-up cannot be computed: $1,961.79 and a
    # warning listing the two weeks, located at the bonus's Covers from cell.
    files, settings = bonus_office(tmp_path, with_previous=False)
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.gross() == D("1961.79")
    assert ("timesheet.xlsx: Bonuses!E2: warning: the nondiscretionary bonus of $300.00 for "
            "Ann Lee covers the workweeks starting 2026-11-08, 2026-11-15, but no time rows "
            "were given") in run.err


def test_discretionary_bonus_is_paid_but_not_in_the_regular_rate(tmp_path, run_command):
    # 44 h at $10 + a $100 discretionary bonus: regular rate stays $10; $440 + $20 + $100.
    files, settings = write_office(
        tmp_path, [staff_row(rate=10)], [hours_row("1001", day(i), 11) for i in range(1, 5)],
        bonuses=[["1001", day(5), 100, "Discretionary", None, None]])
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.gross() == D("560.00")
    assert run.weeks()[0]["Regular rate"] == 10


# --- differentials -----------------------------------------------------------------------

NIGHT = ["Night", None, dt.time(19), dt.time(7), 2, None, None, None]


def test_night_window_crossing_midnight(tmp_path, run_command):
    # Night 19:00-07:00, +$2: a shift 18:00-02:00 has 7 h in the window: $14.
    # 8 h x $20 = $160 + $14 = $174.
    files, settings = write_office(tmp_path, [staff_row(rate=20)],
                                   [punch_row("1001", day(1), "18:00", "02:00")],
                                   differentials=[NIGHT])
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.export_amounts() == {"REG": D("160.00"), "DIFF": D("14.00")}


def test_window_hours_exclude_the_unpaid_break(tmp_path, run_command):
    # 15:00-01:00 with a 60-minute break in the middle (19:30-20:30): 9 h paid; in the
    # Night window 19:00-01:00 = 6 h less the 1 h break = 5 h: $10 of differential.
    files, settings = write_office(tmp_path, [staff_row(rate=20)],
                                   [punch_row("1001", day(1), "15:00", "01:00", brk=60)],
                                   differentials=[NIGHT])
    run = run_payroll(run_command, files, settings)
    assert run.export_amounts() == {"REG": D("180.00"), "DIFF": D("10.00")}


def test_holidays_as_a_day_use_us_federal_holidays_without_a_holidays_sheet(tmp_path,
                                                                            run_command):
    # No Holidays sheet: US federal holidays, so Thanksgiving (day 4) is a holiday. 8 h at
    # $20 with a 1.5x holiday premium: premium $80 (creditable, no overtime to credit).
    files, settings = write_office(
        tmp_path, [staff_row(rate=20)], [punch_row("1001", day(4), "08:00", "16:00")],
        differentials=[["Holiday", "Holidays", None, None, None, None, 1.5, None]])
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.export_amounts() == {"REG": D("160.00"), "PREM": D("80.00")}
    assert run.weeks()[0]["Premium pay"] == 80


def test_the_highest_multiplier_applies_where_two_overlap(tmp_path, run_command):
    # A holiday on a Sunday (from the Holidays sheet), Sunday 1.5x and Holiday 2x: the
    # hours get 2x, not both: 8 h x $10 x (2 - 1) = $80 premium.
    sunday_holiday = day(7)
    files, settings = write_office(
        tmp_path, [staff_row(rate=10)], [punch_row("1001", sunday_holiday, "08:00", "16:00")],
        differentials=[["Sunday", "Sun", None, None, None, None, 1.5, None],
                       ["Holiday", "Holidays", None, None, None, None, 2, None]],
        holidays=[[sunday_holiday, "Founders' Day", 8]])
    run = run_payroll(run_command, files, settings)
    assert run.export_amounts() == {"REG": D("80.00"), "PREM": D("80.00")}


def test_extra_percent_is_of_the_rows_own_rate(tmp_path, run_command):
    # 10% on a row paid at a $30 Rate override: $3 an hour x 8 h = $24.
    files, settings = write_office(
        tmp_path, [staff_row(rate=20)],
        [punch_row("1001", day(1), "08:00", "16:00", rate=30, diff="Float")],
        differentials=[["Float", None, None, None, None, 10, None, None]])
    run = run_payroll(run_command, files, settings)
    assert run.export_amounts() == {"REG": D("240.00"), "DIFF": D("24.00")}


def test_roles_filter(tmp_path, run_command):
    # "Charge nurse" (+$3) is for RNs only: the RN gets 8 x $3 = $24; the medical
    # assistant who names it on a row gets nothing and a warning at that cell.
    staff = [staff_row("1001", "Ann Lee", 30, role="RN"),
             staff_row("1002", "Bo Park", 20, role="Medical assistant")]
    time = [punch_row("1001", day(1), "08:00", "16:00", diff="Charge nurse"),
            punch_row("1002", day(1), "08:00", "16:00", diff="Charge nurse")]
    files, settings = write_office(
        tmp_path, staff, time,
        differentials=[["Charge nurse", None, None, None, 3, None, None, "RN, Charge RN"]])
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.export_amounts("1001") == {"REG": D("240.00"), "DIFF": D("24.00")}
    assert run.export_amounts("1002") == {"REG": D("160.00")}
    assert ("timesheet.xlsx: Time!I3: warning: differential Charge nurse was not applied: it "
            "is limited to other roles") in run.err


def test_one_shift_worked_by_several_people_is_priced_for_each(tmp_path, run_command):
    # The same punch (Monday 18:00-02:00, 30-minute break in the middle: 21:45-22:15) for
    # three people. Each shift is split, and its differentials found, once and shared, so
    # this checks that what is shared is only what may be: Night +10% is for RNs only, and
    # 10% of each one's own rate.
    # Worked: 8 h - 0.5 h = 7.5 h (Monday 18:00-24:00 less the break = 5.5 h, Tuesday 2 h).
    # In the Night window 22:00-02:00: 4 h less the 15 minutes of break after 22:00 = 3.75 h.
    # Ann (RN, $30): 7.5 x $30 = $225; 3.75 x $3 = $11.25.
    # Bo (medical assistant, $20): 7.5 x $20 = $150, no differential.
    # Cy (RN, $20): $150; 3.75 x $2 = $7.50.
    staff = [staff_row("1001", "Ann Lee", 30, role="RN"),
             staff_row("1002", "Bo Park", 20, role="Medical assistant"),
             staff_row("1003", "Cy Moss", 20, role="RN")]
    time = [punch_row(emp, day(1), "18:00", "02:00", brk=30) for emp in ("1001", "1002", "1003")]
    files, settings = write_office(
        tmp_path, staff, time,
        differentials=[["Night RN", None, dt.time(22), dt.time(6), None, 10, None, "RN"]])
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.export_amounts("1001") == {"REG": D("225.00"), "DIFF": D("11.25")}
    assert run.export_amounts("1002") == {"REG": D("150.00")}
    assert run.export_amounts("1003") == {"REG": D("150.00"), "DIFF": D("7.50")}
    assert {d: r["Hours worked"] for d, r in daily(run, "1003").items()} == {day(1): 5.5,
                                                                             day(2): 2}


def test_whole_day_differential_reaches_rows_of_hours(tmp_path, run_command):
    # Weekend +$1.50 on Saturdays and Sundays: a row of 6 Hours on Saturday gets $9.
    files, settings = write_office(
        tmp_path, [staff_row(rate=20)], [hours_row("1001", day(6), 6)],
        differentials=[["Weekend", "Sat, Sun", None, None, 1.5, None, None, None]])
    run = run_payroll(run_command, files, settings)
    assert run.export_amounts() == {"REG": D("120.00"), "DIFF": D("9.00")}


# --- paid leave and holidays -------------------------------------------------------------


def test_paid_leave_codes_are_paid_and_never_overtime(tmp_path, run_command):
    # 40 h worked + PTO 8 + Sick 4 + Bereavement 8 + Jury duty 8 at $20: no overtime
    # (leave is not hours worked). Holiday on Thanksgiving with Hours blank: the
    # holiday's 8 paid hours (US federal list). $800 + 36 h x $20 = $1,520.
    time = ([hours_row("1001", day(i), 8) for i in range(8, 13)]
            + [hours_row("1001", day(1), 8, "PTO"), hours_row("1001", day(2), 4, "Sick"),
               hours_row("1001", day(4), None, "Holiday"),
               hours_row("1001", day(5), 8, "Bereavement"),
               hours_row("1001", day(6), 8, "Jury duty")])
    files, settings = write_office(tmp_path, [staff_row(rate=20)], time)
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.export_amounts() == {"REG": D("800.00"), "PTO": D("160.00"), "SICK": D("80.00"),
                                    "HOL": D("160.00"), "BRV": D("160.00"), "JURY": D("160.00")}
    assert run.employee()["Overtime hours"] == 0 and run.employee()["Paid leave hours"] == 36
    assert run.gross() == D("1520.00")


def test_holiday_row_without_hours_uses_the_holidays_sheet(tmp_path, run_command):
    # The office's own list: a 6-hour holiday on day 4. 6 x $20 = $120.
    files, settings = write_office(tmp_path, [staff_row(rate=20)],
                                   [hours_row("1001", day(4), None, "Holiday")],
                                   holidays=[[day(4), "Thanksgiving", 6]])
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.export_amounts() == {"HOL": D("120.00")}


def test_holiday_row_without_hours_on_an_ordinary_day_is_an_error(tmp_path, run_command):
    files, settings = write_office(tmp_path, [staff_row(rate=20)],
                                   [hours_row("1001", day(2), None, "Holiday")])
    run = run_payroll(run_command, files, settings)
    assert run.code == 1
    assert ("timesheet.xlsx: Time!F2: error: Holiday rows need Hours (paid leave is not "
            "punched) (2026-11-24 is not on the office's holiday list") in run.err


# --- salaried staff ----------------------------------------------------------------------


def test_exempt_salary_per_pay_period(tmp_path, run_command):
    # $82,000 a year, biweekly: 82,000 / 26 = 3,153.846... -> $3,153.85, no overtime,
    # time rows only warned about. Someone terminated before the period is not paid;
    # someone hired during it is paid in full, with a warning to prorate by hand.
    staff = [staff_row("1001", "Pat Doe", 82000, pay_type="Salary"),
             staff_row("1002", "Gone Early", 60000, pay_type="Salary",
                       termination=dt.date(2026, 11, 1)),
             staff_row("1003", "New Hire", 52000, pay_type="Salary", hire=day(3))]
    files, settings = write_office(tmp_path, staff, [hours_row("1001", day(1), 12)])
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.export_amounts("1001") == {"SAL": D("3153.85")}
    assert run.employee("1001")["Overtime hours"] == 0
    assert {r["Employee ID"] for r in run.sheet("Employees")} == {"1001", "1003"}
    assert run.gross("1003") == D("2000.00")
    assert "Pat Doe is exempt and paid a salary; time rows do not change their pay" in run.err
    assert ("staff.xlsx: Staff!K4: warning: New Hire was employed for only part of the pay "
            "period") in run.err


def test_non_exempt_salary_without_time_rows_warns(tmp_path, run_command):
    staff = [staff_row("1001", "Pat Doe", 31200, pay_type="Salary", flsa="Non-exempt"),
             staff_row("1002", "Ann Lee", 20)]
    files, settings = write_office(tmp_path, staff, [hours_row("1002", day(1), 8)])
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.gross("1001") == D("1200.00")
    assert "Pat Doe is salaried but non-exempt, and has no time rows" in run.err


def test_regular_rate_below_minimum_wage_is_an_error(tmp_path, run_command):
    files, settings = write_office(tmp_path, [staff_row(rate=7)], [hours_row("1001", day(1), 8)])
    run = run_payroll(run_command, files, settings)
    assert run.code == 1
    assert ("staff.xlsx: Staff!G2: error: Ann Lee (1001) is paid a regular rate of $7.00 in the "
            "workweek starting 2026-11-22, below the minimum wage of $7.25") in run.err
