"""Properties of the payroll computation, checked on generated timesheets (hypothesis):
rows validated by the real intake and paid by compute_payroll under every overtime rule,
with rate overrides, differential windows, a creditable holiday premium and paid leave.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from medoffice.payroll.compute import compute_payroll
from medoffice.schemas import DIFFERENTIALS
from medoffice.settings import default_settings
from test_payroll_kit import (
    DIFF_HEADER,
    day,
    hours_row,
    records,
    staff_records,
    staff_row,
    time_records,
)

PERIOD = (day(0), day(13))
RULES = ("Federal", "California", "8 and 80")
# Raw cells as a workbook gives them (floats); intake turns them into exact Decimals.
STAFF = staff_records([staff_row("1001", "Ann Lee", 12.5),
                       staff_row("1002", "Bo Park", 33.33, role="Medical assistant")])
DIFFS = records(DIFFERENTIALS, DIFF_HEADER, [
    ["Night", None, dt.time(22), dt.time(6), 1.25, None, None, None],
    ["Weekend", "Sat, Sun", None, None, None, 10, None, None],
    ["Holiday", "Holidays", None, None, None, None, 1.5, None],
    ["Charge", None, None, None, 2, None, None, "RN"],
])
RULE = st.sampled_from(RULES)

# A punch: employee, day of the period, start (15-minute steps), length in minutes,
# rate override, named differential, department.
PUNCH = st.tuples(st.sampled_from(["1001", "1002"]), st.integers(0, 13),
                  st.integers(0, 95).map(lambda q: q * 15), st.integers(2, 720),
                  st.sampled_from([None, 18.75]), st.sampled_from([None, "Charge"]),
                  st.sampled_from([None, "Front office"]))
LEAVE = st.tuples(st.sampled_from(["1001", "1002"]), st.integers(0, 13),
                  st.sampled_from([4, 8]), st.sampled_from(["PTO", "Sick", "Training"]))
TIMESHEET = st.tuples(st.lists(PUNCH, min_size=1, max_size=14), st.lists(LEAVE, max_size=3))


def punch(emp, n, start_min, minutes, rate, diff, dept) -> list:
    start = dt.datetime.combine(day(n), dt.time()) + dt.timedelta(minutes=start_min)
    end = start + dt.timedelta(minutes=minutes)
    return [emp, start.date(), start.time(), end.time(), None, None, None, rate, diff, dept]


def rows_of(sheet) -> list[list]:
    punches, leave = sheet
    return ([punch(*p) for p in punches]
            + [hours_row(emp, day(n), h, code) for emp, n, h, code in leave])


def pay(rows: list[list], rule: str):
    """compute_payroll on these rows under `rule`."""
    office = dataclasses.replace(default_settings(), overtime_rule=rule, differentials=DIFFS)
    return compute_payroll(STAFF, time_records(rows), office, PERIOD)


def gross_by_employee(result) -> dict[str, D]:
    return dict(zip(result.employees["Employee ID"], result.employees["Gross pay"],
                    strict=True))


def export_by_employee(result) -> dict:
    return {(r["Employee ID"], r["Earning code"]): r["Amount"]
            for _, r in result.export.iterrows()}


FAST = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FAST
@given(TIMESHEET, RULE, st.randoms(use_true_random=False))
def test_reordering_rows_never_changes_pay(sheet, rule, rnd):
    rows = rows_of(sheet)
    shuffled = rows[:]
    rnd.shuffle(shuffled)
    first, second = pay(rows, rule), pay(shuffled, rule)
    assert gross_by_employee(first) == gross_by_employee(second)
    assert export_by_employee(first) == export_by_employee(second)


@FAST
@given(TIMESHEET, RULE, st.data())
def test_splitting_a_punch_in_two_adjacent_punches_never_changes_pay(sheet, rule, data):
    punches, leave = sheet
    which = data.draw(st.integers(0, len(punches) - 1))
    emp, n, start_min, minutes, rate, diff, dept = punches[which]
    cut = data.draw(st.integers(1, minutes - 1))
    halves = [(emp, n, start_min, cut, rate, diff, dept)]
    later = start_min + cut
    halves.append((emp, n + later // 1440, later % 1440, minutes - cut, rate, diff, dept))
    split = (punches[:which] + halves + punches[which + 1:], leave)
    assert gross_by_employee(pay(rows_of(sheet), rule)) == gross_by_employee(
        pay(rows_of(split), rule))


@FAST
@given(TIMESHEET)
def test_federal_overtime_is_hours_over_40_per_workweek(sheet):
    result = pay(rows_of(sheet), "Federal")
    for pay_ in result.pays:
        for unit in pay_.units:
            assert unit.total("overtime") == max(0, unit.hours - 40 * 3600)
            assert unit.total("double") == 0
    for _, week in result.weeks.iterrows():  # every workweek here lies inside the period
        assert week["Overtime hours"] == max(D(0), week["Hours worked"] - 40)


@FAST
@given(TIMESHEET, RULE)
def test_gross_is_at_least_straight_time_for_the_hours_worked(sheet, rule):
    result = pay(rows_of(sheet), rule)
    base = {"1001": D("12.50"), "1002": D("33.33")}
    straight = defaultdict(D)
    units = defaultdict(int)
    period_end = 14 * 1440  # minutes from the period's first midnight
    for emp, n, start, minutes, rate, _diff, _dept in sheet[0]:
        begin = n * 1440 + start  # time after the period's end is paid in the next one
        inside = min(begin + minutes, period_end) - begin
        straight[emp] += (D(str(rate)) if rate else base[emp]) * inside / 60
    for emp, _n, hours, _code in sheet[1]:
        straight[emp] += base[emp] * hours
    for pay_ in result.pays:
        units[pay_.person.id] = len(pay_.units)
    for emp, gross in gross_by_employee(result).items():
        # each workweek is rounded to the cent once: at most half a cent below exact each
        assert gross >= straight[emp] - D("0.005") * units[emp]


@FAST
@given(TIMESHEET)
def test_eight_and_eighty_counts_no_hour_as_overtime_twice(sheet):
    result = pay(rows_of(sheet), "8 and 80")
    for pay_ in result.pays:
        for unit in pay_.units:
            for line in unit.lines:
                s = line.split
                assert s.regular + s.overtime + s.double == line.seconds and s.double == 0
            by_day = defaultdict(int)
            for line in unit.lines:
                by_day[line.piece.workday] += line.seconds
            daily = sum(max(0, h - 8 * 3600) for h in by_day.values())
            assert unit.total("overtime") == daily + max(0, unit.hours - daily - 80 * 3600)
            assert unit.total("overtime") <= unit.hours
