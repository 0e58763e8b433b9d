"""The worked examples of shared/domain/payroll-rules.md (29 CFR 778, DOL fact sheets
#54, #56C, #82, the DLSE manual), each built as real workbooks and run through the real
payroll command. Expected figures are worked out by hand in the comments with exact
arithmetic; where a fact sheet rounds the regular rate first and so prints a different
total, the test says so.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from test_payroll_kit import (
    day,
    hours_row,
    punch_row,
    run_payroll,
    staff_row,
    write_office,
)


def week_of_hours(emp, first_day, hours_per_day, *, rate=None, diff=None):
    """One Hours row per day from `first_day`, for each hours value given."""
    return [hours_row(emp, day(first_day + i), h, rate=rate, diff=diff)
            for i, h in enumerate(hours_per_day)]


# --- Federal -------------------------------------------------------------------------


def test_778_110_a_hourly_rate_only(tmp_path, run_command):
    # $12 x 46 h = $552 straight time, + 6 h x 1/2 x $12 = $36 premium: $588.
    files, settings = write_office(tmp_path, [staff_row(rate=12)],
                                   week_of_hours("1001", 1, [8, 8, 8, 8, 8, 6]))
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.gross() == D("588.00")
    week = run.weeks()[0]
    assert (week["Hours worked"], week["Overtime hours"], week["Regular rate"],
            week["Overtime premium"]) == (46, 6, 12, 36)
    # REG 40 x $12 = $480; OT 6 x $18 = $108
    assert run.export_amounts() == {"REG": D("480.00"), "OT": D("108.00")}
    assert ("Regular rate = $552.00 ÷ 46.00 h = $12.00" in run.stub_text())
    assert "Overtime premium = 6.00 h × ½ × $12.00 = $36.00" in run.stub_text()


def test_778_110_b_production_bonus(tmp_path, run_command):
    # $12 x 46 h = $552 + a $46 production bonus for the week = $598;
    # regular rate $598 / 46 h = $13.00; premium 6 h x $6.50 = $39; total $637.
    files, settings = write_office(
        tmp_path, [staff_row(rate=12)], week_of_hours("1001", 1, [8, 8, 8, 8, 8, 6]),
        bonuses=[["1001", day(6), 46, "Production", day(0), day(6)]])
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.gross() == D("637.00")
    week = run.weeks()[0]
    assert (week["Regular rate"], week["Overtime premium"], week["Bonus in regular rate"]) == (
        13, 39, 46)
    assert run.export_amounts() == {"REG": D("480.00"), "OT": D("111.00"),  # 72 + 39
                                    "BONUS": D("46.00")}
    text = run.stub_text()
    assert "Regular rate = $598.00 ÷ 46.00 h = $13.00" in text
    assert "Overtime premium = 6.00 h × ½ × $13.00 = $39.00" in text


def test_fs54_two_rates_weighted_average(tmp_path, run_command):
    # FS#54: 40 h x $11 + 16 h x $8 = $568 over 56 h. Exact regular rate 568/56 =
    # 10.142857...; premium 16 x 1/2 x 10.142857... = 81.142857...; total $649.14.
    # The fact sheet rounds the rate to $10.14 first (16 x $5.07 = $81.12, total
    # $649.12): exact arithmetic pays 2 cents more, as the rules doc says it may.
    time = (week_of_hours("1001", 1, [8, 8, 8, 8, 8])
            + week_of_hours("1001", 6, [16], rate=8))
    files, settings = write_office(tmp_path, [staff_row(rate=11)], time)
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.gross() == D("649.14")
    assert run.weeks()[0]["Regular rate"] == 10.14
    assert "Regular rate = $568.00 ÷ 56.00 h = $10.1429" in run.stub_text()
    # The second job's 16 h come last in time order, so they are the overtime hours:
    # OT = 16 x $8 + $81.142857 = $209.14; REG = 40 x $11 = $440.
    assert run.export_amounts() == {"REG": D("440.00"), "OT": D("209.14")}


def test_fs54_shift_differential_by_time_window(tmp_path, run_command):
    # FS#54: $8 an hour; three 8-hour day shifts and three 8-hour evening shifts paid
    # $1 more. 24 x $8 + 24 x $9 = $408 / 48 h = $8.50; premium 8 x $4.25 = $34;
    # total $442.
    time = ([punch_row("1001", day(i), "07:00", "15:00") for i in (1, 2, 3)]
            + [punch_row("1001", day(i), "15:00", "23:00") for i in (4, 5, 6)])
    files, settings = write_office(tmp_path, [staff_row(rate=8)], time,
                                   differentials=[["Evening", None, dt.time(15), dt.time(23),
                                                   1, None, None, None]])
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.gross() == D("442.00")
    week = run.weeks()[0]
    assert (week["Differential pay"], week["Regular rate"], week["Overtime premium"]) == (
        24, 8.5, 34)
    assert run.export_amounts() == {"REG": D("320.00"), "OT": D("98.00"), "DIFF": D("24.00")}
    assert "differentials $24.00 (Evening)" in run.stub_text()


def test_fs54_shift_differential_named_on_the_row(tmp_path, run_command):
    # The same week with the differential named in the Time sheet's Differential column
    # (no time window on the Differentials sheet): again $442.00.
    time = ([punch_row("1001", day(i), "07:00", "15:00") for i in (1, 2, 3)]
            + [punch_row("1001", day(i), "15:00", "23:00", diff="evening") for i in (4, 5, 6)])
    files, settings = write_office(tmp_path, [staff_row(rate=8)], time,
                                   differentials=[["Evening", None, None, None, 1, None, None,
                                                   None]])
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.gross() == D("442.00")


def test_fs56c_weekly_nondiscretionary_bonus(tmp_path, run_command):
    # FS#56C: $10 x 43 h + a $50 bonus = $480; regular rate 480/43 = 11.1627906...;
    # premium 3 x 1/2 x 11.1627906... = 16.744186...; total 496.744186 -> $496.74
    # (the fact sheet's $496.74 too).
    files, settings = write_office(
        tmp_path, [staff_row(rate=10)], week_of_hours("1001", 1, [9, 9, 9, 8, 8]),
        bonuses=[["1001", day(6), 50, "Nondiscretionary", day(0), day(6)]])
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.gross() == D("496.74")
    assert run.weeks()[0]["Regular rate"] == 11.16
    assert "Regular rate = $480.00 ÷ 43.00 h = $11.1628" in run.stub_text()
    assert "3.00 h × ½ × $11.1628 = $16.74" in run.stub_text()


def test_fs54_biweekly_attendance_bonus_equal_per_week(tmp_path, run_command):
    # FS#54: a $100 bonus for a two-week period adds $50 to each week. Week 1: 44 h at
    # $10 = $440 + $50 = $490 / 44 h = 11.136363...; premium 4 x 1/2 x that =
    # 22.272727 -> week 1 $462.27; week 2: 40 h = $400.00; bonus $100: total $962.27.
    time = (week_of_hours("1001", 1, [9, 9, 9, 9, 8])
            + week_of_hours("1001", 8, [8, 8, 8, 8, 8]))
    files, settings = write_office(tmp_path, [staff_row(rate=10)], time,
                                   bonuses=[["1001", day(13), 100, None, None, None]])
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.gross() == D("962.27")
    assert [w["Gross pay"] for w in run.weeks()] == [462.27, 400]
    assert [w["Bonus in regular rate"] for w in run.weeks()] == [50, 50]


def test_fs54_biweekly_bonus_per_hour_worked(tmp_path, run_command):
    # Per hour worked: week 1 gets 100 x 44/84 = 52.380952...; its regular rate rises by
    # 52.380952/44 = 1.190476... to 11.190476...; premium 4 x 1/2 x 11.190476 =
    # 22.380952 -> week 1 $462.38; week 2 $400; bonus $100: total $962.38.
    time = (week_of_hours("1001", 1, [9, 9, 9, 9, 8])
            + week_of_hours("1001", 8, [8, 8, 8, 8, 8]))
    files, settings = write_office(tmp_path, [staff_row(rate=10)], time,
                                   settings={"Bonus allocation": "Per hour worked"},
                                   bonuses=[["1001", day(13), 100, None, None, None]])
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.gross() == D("962.38")


def test_778_205_weekend_and_holiday_premium_is_credited(tmp_path, run_command):
    # 29 CFR 778.205: $12 an hour, $18 (1.5x) for Sunday and holiday work, 8 h on each of
    # 7 days (Sunday 2026-11-22 to Saturday 2026-11-28, with Thanksgiving on Thursday,
    # from the Holidays sheet).
    # Straight time 56 x $12 = $672; premiums 16 h x $6 = $96 (excluded from the regular
    # rate: $672 / 56 = $12); overtime owed 16 h x $6 = $96, fully credited by the
    # premiums: total $672 + $96 = $768, which "satisfies the Act".
    files, settings = write_office(
        tmp_path, [staff_row(rate=12)],
        [punch_row("1001", day(i), "08:00", "16:00") for i in range(7)],
        differentials=[["Sunday", "Sun", None, None, None, None, 1.5, None],
                       ["Holiday", "Holidays", None, None, None, None, 1.5, None]],
        holidays=[[dt.date(2026, 11, 26), "Thanksgiving", 8]])
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.gross() == D("768.00")
    week = run.weeks()[0]
    assert (week["Regular rate"], week["Premium pay"], week["Overtime premium"]) == (12, 96, 0)
    assert "$96.00 − $96.00 = $0.00 still due" in run.stub_text()


def test_premium_below_one_and_a_half_is_a_differential(tmp_path, run_command):
    # A 1.25x Sunday rate is not creditable: it is a differential in the regular rate.
    # 48 h at $12 with the 8 Sunday hours at $15: $576 + $24 = $600 / 48 h = $12.50;
    # premium 8 x $6.25 = $50: total $650.
    files, settings = write_office(
        tmp_path, [staff_row(rate=12)],
        [punch_row("1001", day(i), "08:00", "16:00") for i in range(6)],
        differentials=[["Sunday", "Sun", None, None, None, None, 1.25, None]])
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.gross() == D("650.00")
    assert run.weeks()[0]["Premium pay"] == 0


def test_8_and_80_daily_and_period_overtime_never_twice(tmp_path, run_command):
    # 8 and 80, 14-day period from Sunday 2026-11-22: 12 h on day 1, then 8 h on each of
    # the next 10 days: 92 h. Daily overtime 4 h; non-daily hours 88, of which 8 are over
    # 80: overtime = 4 + max(0, 92 - 4 - 80) = 12 h (not 4 + 12 = 16).
    # $20 x 92 = $1,840; regular rate $20 (over the 14 days); premium 12 x $10 = $120;
    # total $1,960.00.
    time = [hours_row("1001", day(1), 12)] + [hours_row("1001", day(2 + i), 8)
                                              for i in range(10)]
    files, settings = write_office(tmp_path, [staff_row(rate=20)], time,
                                   settings={"Overtime rule": "8 and 80"})
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.gross() == D("1960.00")
    weeks = run.weeks()
    assert len(weeks) == 1  # one row per 14-day period
    assert (weeks[0]["Week start"].date(), weeks[0]["Week end"].date()) == (day(0), day(13))
    assert (weeks[0]["Hours worked"], weeks[0]["Overtime hours"]) == (92, 12)
    assert "4.00 h over 8 in a workday + 8.00 h over 80" in run.stub_text()


def test_fs82_fluctuating_workweek(tmp_path, run_command):
    # FS#82: a $600 weekly salary (31,200 a year / 52) on a fluctuating workweek, 48 h:
    # regular rate $600 / 48 = $12.50; premium 8 h x $6.25 = $50; the week pays $650.
    # Biweekly pay: salary 31,200 / 26 = $1,200; week 2 (40 h) has no overtime:
    # gross $1,200 + $50 = $1,250.
    time = (week_of_hours("1001", 1, [10, 10, 10, 10, 8])
            + week_of_hours("1001", 8, [8, 8, 8, 8, 8]))
    files, settings = write_office(
        tmp_path, [staff_row(rate=31200, pay_type="Salary", flsa="Non-exempt",
                             basis="Fluctuating")], time)
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.gross() == D("1250.00")
    assert run.employee()["Salary pay"] == 1200
    week1 = run.weeks()[0]
    assert (week1["Regular rate"], week1["Overtime premium"], week1["Weekly salary"]) == (
        12.5, 50, 600)
    assert run.export_amounts() == {"SAL": D("1200.00"), "OT": D("50.00")}
    assert "Regular rate = $600.00 ÷ 48.00 h = $12.50" in run.stub_text()


def test_778_113_salary_for_fixed_hours(tmp_path, run_command):
    # 29 CFR 778.113: a $600 weekly salary for 40 hours: regular rate $15. Week 1, 48 h:
    # 8 h beyond the salary at $15 = $120, premium 8 x $7.50 = $60. Gross $1,200 + $180.
    time = (week_of_hours("1001", 1, [10, 10, 10, 10, 8])
            + week_of_hours("1001", 8, [8, 8, 8, 8, 8]))
    files, settings = write_office(
        tmp_path, [staff_row(rate=31200, pay_type="Salary", flsa="Non-exempt")], time)
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.gross() == D("1380.00")
    assert run.weeks()[0]["Regular rate"] == 15
    assert run.export_amounts() == {"SAL": D("1200.00"), "OT": D("180.00")}


def test_salary_for_35_hours_pays_straight_time_to_40(tmp_path, run_command):
    # $525 a week (27,300 / 52) for 35 hours: base $15. 44 h: 5 h from 35 to 40 at $15 =
    # $75 (REG), 4 h over 40 at $15 + 4 x $7.50 = $90 (OT); regular rate
    # ($525 + $135) / 44 = $15. Week 2 at 35 h: salary only. Gross 27,300/26 = $1,050
    # + $165 = $1,215.
    time = (week_of_hours("1001", 1, [9, 9, 9, 9, 8])
            + week_of_hours("1001", 8, [7, 7, 7, 7, 7]))
    files, settings = write_office(
        tmp_path, [staff_row(rate=27300, pay_type="Salary", flsa="Non-exempt", standard=35)],
        time)
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.export_amounts() == {"SAL": D("1050.00"), "REG": D("75.00"), "OT": D("90.00")}
    assert run.gross() == D("1215.00")


# --- California ------------------------------------------------------------------------


CA = {"Overtime rule": "California"}


def test_california_daily_overtime_double_time_and_seventh_day(tmp_path, run_command):
    # All seven days of the workweek (Sun 2026-11-22 .. Sat 11-28) at $20:
    #   Sun 13 h: 8 regular, 4 OT (8-12), 1 DT (over 12)
    #   Mon-Thu 8 h each: regular (running regular total 8, 16, 24, 32, 40)
    #   Fri 10 h: 8 would be regular but 40 regular hours are already reached, so OT,
    #             and 2 h over 8 a day: 10 OT
    #   Sat (7th consecutive day) 10 h: first 8 OT, the 2 over 8 DT
    # 65 h: 40 regular, 22 OT, 3 DT. Straight time 65 x $20 = $1,300; premium
    # 22 x $10 + 3 x $20 = $280; total $1,580 (Federal would be 25 x $10 -> $1,550).
    time = week_of_hours("1001", 0, [13, 8, 8, 8, 8, 10, 10])
    files, settings = write_office(tmp_path, [staff_row(rate=20)], time, settings=CA)
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.gross() == D("1580.00")
    week = run.weeks()[0]
    assert (week["Regular hours"], week["Overtime hours"], week["Double-time hours"]) == (
        40, 22, 3)
    # OT 22 x $30 = $660; DT 3 x $40 = $120; REG 40 x $20 = $800
    assert run.export_amounts() == {"REG": D("800.00"), "OT": D("660.00"), "DT": D("120.00")}
    daily = {r["Date"].date(): r for r in run.sheet("Daily")}
    assert (daily[day(0)]["Overtime hours"], daily[day(0)]["Double-time hours"]) == (4, 1)
    assert (daily[day(6)]["Overtime hours"], daily[day(6)]["Double-time hours"]) == (8, 2)
    text = run.stub_text()
    # daily overtime: Sunday's 4 and Friday's 2; Friday's other 8 are the weekly overtime
    assert "6.00 h over 8 in a workday (1.5×); 1.00 h over 12 in a workday (2×)" in text
    assert "8.00 h on the 7th consecutive workday (2026-11-28, 1.5×) and 2.00 h over 8" in text
    assert "8.00 h of regular hours over 40 in the week" in text
    assert "22.00 h × ½ × $20.00 + 3.00 h × 1 × $20.00 = $280.00" in text


def test_california_no_seventh_day_without_all_seven(tmp_path, run_command):
    # Six days (Mon-Sat) of 10 h at $20: daily OT 2 h x 6 = 12; regular 8 x 6 = 48 of
    # which the 8 after the 40th (Saturday's) are weekly OT: regular 40, OT 20, DT 0.
    # $1,200 + 20 x $10 = $1,400.
    time = week_of_hours("1001", 1, [10, 10, 10, 10, 10, 10])
    files, settings = write_office(tmp_path, [staff_row(rate=20)], time, settings=CA)
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.gross() == D("1400.00")
    assert run.weeks()[0]["Double-time hours"] == 0


def test_california_salaried_non_exempt_rate_is_a_fortieth(tmp_path, run_command):
    # Lab. Code 515(d): a $600 weekly salary: regular rate $600 / 40 = $15, whatever the
    # Standard hours say (a warning says 37.5 was not used). Four 10-hour days: 8 h of
    # daily OT, 40 h in the week, none beyond the salary: premium 8 x $7.50 = $60.
    # Gross 31,200 / 26 = $1,200 + $60 = $1,260.
    files, settings = write_office(
        tmp_path, [staff_row(rate=31200, pay_type="Salary", flsa="Non-exempt", standard=37.5)],
        week_of_hours("1001", 1, [10, 10, 10, 10]), settings=CA)
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert run.gross() == D("1260.00")
    assert run.weeks()[0]["Regular rate"] == 15
    assert "payroll-salary-basis" in run.err or "was not used" in run.err


def test_california_refuses_a_fluctuating_workweek(tmp_path, run_command):
    files, settings = write_office(
        tmp_path, [staff_row(rate=31200, pay_type="Salary", flsa="Non-exempt",
                             basis="Fluctuating")],
        week_of_hours("1001", 1, [10, 10, 10, 10, 8]), settings=CA)
    run = run_payroll(run_command, files, settings)
    assert run.code == 1
    assert "staff.xlsx: Staff!I2: error:" in run.err
    assert "fluctuating workweek, which California does not allow" in run.err
    assert not list(run.outbox.glob("payroll_*"))


def test_dlse_alvarado_flat_sum_bonus(tmp_path, run_command):
    # DLSE 49.2.4.2: a $500 flat-sum bonus for 2,000 non-overtime hours: $0.25 an hour;
    # 100 overtime hours x 1.5 x $0.25 = $37.50. Built as 50 workweeks, each Monday to
    # Friday 8.4 h (40 regular hours and 0.4 h of daily overtime a day = 2 OT hours),
    # the bonus ($10 a week, equal per week) paid in the last pay period covering all
    # 50 weeks: per week 2 h x 1.5 x ($10 / 40 h) = $0.75. The 48 earlier weeks were
    # paid in earlier periods: true-up 48 x $0.75 = $36.00; the 2 weeks of this period
    # get $1.50 in their overtime premium: $37.50 in all.
    # Pay at $20 in this period: 2 x (42 x $20 + 2 x $10) = $1,720; total
    # $1,720 + $500 + $1.50 + $36.00 = $2,257.50.
    first = day(13) - dt.timedelta(weeks=50) + dt.timedelta(days=1)  # Sunday 2025-12-21
    time = []
    for week in range(50):
        for d in range(1, 6):
            time.append(hours_row("1001", first + dt.timedelta(weeks=week, days=d),
                                  D("8.4")))
    files, settings = write_office(
        tmp_path, [staff_row(rate=20)], time, settings=CA,
        bonuses=[["1001", day(13), 500, "Nondiscretionary", first, day(13)]])
    run = run_payroll(run_command, files, settings, "--period-start", str(day(0)))
    assert run.code == 0, run.err
    amounts = run.export_amounts()
    assert amounts["OTADJ"] == D("36.00")
    assert amounts["BONUS"] == D("500.00")
    assert run.gross() == D("2257.50")
    assert sum(D(str(w["Overtime premium"])) for w in run.weeks()
               if w["Hours worked"]) == D("41.50")  # 2 x ($20 + $0.75)
    text = run.stub_text()
    assert "share $10.00 ÷ 40.00 h non-overtime hours = $0.25 an hour" in text
    assert "2.00 h × 1.5 × $0.25 = $0.75 (Alvarado" in text


def test_alvarado_bonus_without_earlier_timesheets_names_the_missing_weeks(tmp_path,
                                                                         run_command):
    # The same bonus with only this pay period's rows: the true-up cannot be computed, and
    # the warning names the weeks (equal per week: $10 each for the 2 weeks given).
    time = [hours_row("1001", day(w * 7 + d), D("8.4")) for w in (0, 1) for d in range(1, 6)]
    files, settings = write_office(
        tmp_path, [staff_row(rate=20)], time, settings=CA,
        bonuses=[["1001", day(13), 500, "Nondiscretionary", day(-7), day(13)]])
    run = run_payroll(run_command, files, settings)
    assert run.code == 0, run.err
    assert "covers the workweek starting 2026-11-15, but no time rows were given" in run.err
    # $1,720 + $500 + the 2 weeks' share $500/3 each: 2 x 2 h x 1.5 x (166.67/40) = $25.00
    assert run.gross() == D("2245.00")
