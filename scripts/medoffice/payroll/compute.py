"""Gross pay for one pay period: pure computation, records and settings in, results out.

The steps: the roster and the Differentials sheet are read; timesheet rows become
pieces of time per workday (hours.py); pieces are grouped into each employee's
overtime periods (workweeks, or 14 days under 8 and 80) using every row given, and
priced (pay.py) under the office's overtime rule (rules.py); bonuses are apportioned
to the periods they cover (bonuses.py); salaries, bonuses and paid leave are added.
Money is exact (exact.py) and rounded half-up to cents once per employee per period;
an employee's gross is the sum of those, plus salary and bonuses.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

import pandas as pd

from ..intake import Records
from ..money import cents
from ..problems import Problem, error, warning
from ..settings import Settings
from . import checks
from .bonuses import Allocation, Bonus, allocate, read_bonuses
from .differentials import Pricer, check_time_differentials, load_differentials
from .exact import ZERO, q, to_cents
from .hours import Piece, split_rows
from .pay import IN, Unit, price_lines
from .periods import PERIODS_PER_YEAR, pay_period, week_start
from .rules import OvertimeRule, rule_for
from .staff import Employee, roster

DAY = dt.timedelta(days=1)


@dataclass
class EmployeePay:
    """Everything one employee is paid in the period, before it becomes table rows."""

    person: Employee
    units: list[Unit] = field(default_factory=list)  # periods with pay in this run
    salary: Decimal | None = None  # the pay period's salary, in cents
    bonuses: list[Bonus] = field(default_factory=list)  # bonuses paid in this run

    @property
    def bonus_pay(self) -> Decimal:
        return sum((b.amount for b in self.bonuses), Decimal(0))

    @property
    def gross(self) -> Decimal:
        return (sum((u.gross for u in self.units), Decimal(0)) + (self.salary or 0)
                + self.bonus_pay)

    @cached_property
    def earning_lines(self) -> list[tuple[str, int | None, Decimal]]:
        """(earning code, seconds or None, amount) per code, adding up to the gross pay:
        the export's lines and the pay stub's, computed once (after the pay is complete)."""
        from .frames import export_lines

        return export_lines(self)


@dataclass
class PayrollResult:
    """Everything the payroll outputs show, plus the problems found computing it."""

    period: tuple[dt.date, dt.date]
    employees: pd.DataFrame
    weeks: pd.DataFrame
    daily: pd.DataFrame
    export: pd.DataFrame
    problems: list[Problem]
    labor: pd.DataFrame | None = None
    bonuses: pd.DataFrame | None = None
    pays: list[EmployeePay] = field(default_factory=list)
    rule: OvertimeRule | None = None


def compute_payroll(staff: Records, time: Records, settings: Settings,
                    period: tuple[dt.date, dt.date], bonuses: Records | None = None
                    ) -> PayrollResult:
    """Gross pay for everyone paid in the period, by employee, workweek, day and earning code."""
    from .frames import build_frames

    people, problems = roster(staff, settings)
    problems += checks.unknown_employees(time, {i: p.name for i, p in people.items()})
    rule = rule_for(settings)
    holidays = settings.holidays_between(*_date_span(time, bonuses, period))
    table, diff_problems = load_differentials(settings.differentials)
    problems += diff_problems + check_time_differentials(time, table, people)
    pieces, split_problems = split_rows(time, settings, holidays)
    problems += split_problems
    problems += _row_checks(time, pieces, people, settings, period, holidays)
    bonus_list, bonus_problems = read_bonuses(bonuses, people, period, settings)
    problems += bonus_problems

    pricer = Pricer(table, set(holidays))

    def charge_fn(person):
        return lambda piece: pricer.charges(piece, person)

    units = build_units(pieces, people, rule, period, charge_fn, settings)
    given = given_days(time, settings, period)
    allocations, attach_problems = attach_bonuses(bonus_list, units, people, rule, given,
                                                  settings, bonuses)
    problems += attach_problems
    problems += straddle_warnings(units, rule, given, time, period)
    problems += _unused_rows(time, pieces, units, rule, people, period)
    problems += _no_rows(time, pieces, period)
    pays = employee_pays(people, units, bonus_list, settings, period, staff, problems)
    problems += minimum_wage(pays, settings, staff)
    frames = build_frames(pays, settings, period, bonus_list, allocations, units)
    return PayrollResult(period=period, problems=problems, pays=pays, rule=rule, **frames)


def _date_span(time: Records, bonuses: Records | None, period) -> tuple[dt.date, dt.date]:
    days = [d for d in time.data["Date"] if d is not None] + list(period)
    if bonuses is not None:
        days += [d for c in ("Date", "Covers from", "Covers to")
                 for d in bonuses.data[c] if d is not None]
    return min(days) - 7 * DAY, max(days) + 7 * DAY


def _row_checks(time, pieces, people, settings, period, holidays) -> list[Problem]:
    duplicates, duplicate_rows = checks.duplicate_rows(time)
    return (duplicates + checks.overlapping_punches(time, duplicate_rows)
            + checks.outside_employment(time, people) + checks.exempt_time(time, people, period)
            + checks.holiday_dates(time, holidays)
            + checks.part_time_over_40(pieces, people, time,
                                       lambda d: week_start(d, settings.workweek_starts_on),
                                       period))


def build_units(pieces: list[Piece], people: dict[str, Employee], rule: OvertimeRule,
                period: tuple[dt.date, dt.date], charge_fn, settings: Settings
                ) -> dict[tuple[str, dt.date], Unit]:
    """Every non-exempt employee's overtime periods, from every piece of time given."""
    groups: dict[tuple[str, dt.date], list[Piece]] = defaultdict(list)
    for piece in pieces:
        person = people.get(piece.employee)
        if person is None or person.exempt:
            continue
        groups[(piece.employee, rule.unit_start(piece.workday))].append(piece)
    units = {}
    california = rule.name == "California"
    weeks = rule.days // 7
    for (emp, start), group in sorted(groups.items()):
        person = people[emp]
        worked = sorted((p for p in group if p.worked),
                        key=lambda p: p.order_key(settings.workday_starts_at))
        leave = tuple((p, _leave_rate(p, person)) for p in group
                      if not p.worked and period[0] <= p.workday <= period[1])
        lines = price_lines(worked, person, rule, start, period, charge_fn(person))
        salary = person.weekly_salary * weeks if person.salaried else ZERO
        units[(emp, start)] = Unit(person, rule, start, rule.unit_end(start), period, lines,
                                   leave, salary, california and person.salaried)
    return units


def _leave_rate(piece: Piece, person: Employee) -> Fraction:
    """Paid leave is paid at the row's rate, else the base rate; a salary already pays it."""
    if person.salaried:
        return ZERO
    return q(piece.rate) if piece.rate is not None else q(person.rate)


def given_days(time: Records, settings: Settings, period) -> set[dt.date]:
    """Days the timesheets given speak for: every pay period from the first to the last
    dated row of each Time sheet, and the pay period being run."""
    days = set(_days(*period))
    data = time.data
    for t in sorted(set(data["_t"])) if len(data) else []:
        dates = [d for d in data.loc[data["_t"] == t, "Date"] if d is not None]
        if not dates:
            continue
        lo = pay_period(min(dates), settings.pay_frequency, settings.pay_period_start)[0]
        hi = pay_period(max(dates), settings.pay_frequency, settings.pay_period_start)[1]
        days.update(_days(lo, hi))
    return days


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + i * DAY for i in range((last - first).days + 1)]


def _ranges(days: list[dt.date]) -> str:
    """`2026-11-01 to 2026-11-03, 2026-11-05` for a sorted list of days."""
    runs, out = [], []
    for d in days:
        if runs and d - runs[-1][1] == DAY:
            runs[-1][1] = d
        else:
            runs.append([d, d])
    for a, b in runs:
        out.append(str(a) if a == b else f"{a} to {b}")
    return ", ".join(out)


def attach_bonuses(bonus_list: list[Bonus], units, people, rule: OvertimeRule,
                   given: set[dt.date], settings: Settings, records: Records | None
                   ) -> tuple[list[Allocation], list[Problem]]:
    """Apportion each regular-rate bonus over the overtime periods it covers and attach
    the shares to those periods; say which periods lack time rows."""
    problems, allocations = [], []
    per_hour = settings.bonus_allocation == "Per hour worked"
    for bonus in bonus_list:
        person = people[bonus.employee]
        if not bonus.in_regular_rate or person.exempt:
            continue
        periods = []
        start = rule.unit_start(bonus.cover_from)
        while start <= bonus.cover_to:
            end = rule.unit_end(start)
            days = _days(max(start, bonus.cover_from), min(end, bonus.cover_to))
            unit = units.get((bonus.employee, start))
            seconds = sum(line.seconds for line in unit.lines if line.piece.workday in days
                          ) if unit else 0
            periods.append((start, end, seconds, any(d not in given for d in days)))
            start = end + DAY
        where = records.where("Covers from", bonus.row) if records is not None else {}
        shares = allocate(bonus, periods, per_hour)
        allocations.extend(shares)
        missing = [a for a in shares if a.missing]
        for allocation in shares:
            unit = units.get((bonus.employee, allocation.start))
            if allocation.share and not allocation.missing and unit is not None:
                unit.add_share(allocation)
        word = rule.unit_word + ("s" if len(missing) != 1 else "")
        if missing:
            starts = ", ".join(str(a.start) for a in missing)
            problems.append(warning(
                "payroll-bonus-missing-weeks", f"the {bonus.kind.lower()} bonus of "
                f"${bonus.amount:,.2f} for {person.name} covers the {word} starting {starts}, "
                "but no time rows were given for (part of) them, so their overtime on the "
                "bonus was not computed. Give the timesheets of those weeks too (as more "
                "files) and run again.", value=bonus.amount, **where))
        elif not any(s for _, _, s, _ in periods):
            problems.append(warning(
                "payroll-bonus-no-hours", f"{person.name} has no hours worked from "
                f"{bonus.cover_from} to {bonus.cover_to}, the work this bonus covers; it was "
                "paid, with no effect on overtime. Check Covers from / Covers to.",
                value=bonus.amount, **where))
    return allocations, problems


def straddle_warnings(units, rule: OvertimeRule, given: set[dt.date], time: Records,
                      period) -> list[Problem]:
    """One warning per overtime period that straddles the pay period and has days with no
    time rows given (overtime was decided from the rows there are)."""
    first, last = period
    by_start: dict[dt.date, list[Unit]] = defaultdict(list)
    for (_, start), unit in units.items():
        if unit.part(IN) or unit.leave:
            by_start[start].append(unit)
    problems = []
    for start, group in sorted(by_start.items()):
        outside = [d for d in _days(start, rule.unit_end(start)) if not first <= d <= last]
        missing = [d for d in outside if d not in given]
        if not missing:
            continue
        rows = [line.piece.row for u in group for line in u.part(IN)] or \
               [p.row for u in group for p, _ in u.leave]
        earlier = missing[0] < first
        effect = ("hours worked on those days could not count toward this "
                  f"{rule.unit_word}'s overtime, so overtime paid now may be too low. Give "
                  "the previous timesheet too (as another file) and run again" if earlier else
                  f"overtime was decided from the hours given; hours worked later in the "
                  f"{rule.unit_word} are paid in the next pay period, and the regular rate may "
                  "change when they are known")
        problems.append(warning(
            "payroll-partial-week", f"the {rule.unit_word} {start} to {rule.unit_end(start)} "
            f"straddles the pay period, and no time rows were given for {_ranges(missing)}: "
            f"{effect}.", value=str(start), **time.where("Date", min(rows))))
    return problems


def _unused_rows(time, pieces, units, rule, people, period) -> list[Problem]:
    """Rows dated outside the pay period that neither count toward a straddling period
    nor a bonus's overtime: they are not paid in this run."""
    first, last = period
    used = {key for key, u in units.items() if u.part(IN) or u.leave or u.shares}
    rows: dict[int, bool] = {}
    for p in pieces:
        inside = first <= p.workday <= last
        person = people.get(p.employee)
        counts = person is not None and (p.employee, rule.unit_start(p.workday)) in used
        rows[p.row] = rows.get(p.row, False) or inside or counts
    return [warning(
        "payroll-outside-period", f"this row is dated outside the pay period {first} to "
        f"{last} and was not paid in this run. Run payroll for its own period, or fix the "
        "date.", value=time.data.at[i, "Date"], **time.where("Date", i))
        for i, ok in sorted(rows.items()) if not ok]


def _no_rows(time: Records, pieces: list[Piece], period) -> list[Problem]:
    """A pay period without a single timesheet row is most likely the wrong period."""
    first, last = period
    if any(first <= p.workday <= last for p in pieces) or not len(time.data):
        return []
    dates = [d for d in time.data["Date"] if d is not None]
    return [warning(
        "payroll-no-rows", f"no timesheet row falls in the pay period {first} to {last} (the "
        f"rows run from {min(dates)} to {max(dates)}), so only salaries were paid. Check "
        "--period-start, or the dates.", **time.where("Date", time.data.index[0]))]


def employee_pays(people, units, bonus_list, settings: Settings, period, staff: Records,
                  problems: list[Problem]) -> list[EmployeePay]:
    """Who is paid in this run and with what: periods, salary and bonuses."""
    first, last = period
    pays: dict[str, EmployeePay] = {}
    for (emp, _), unit in sorted(units.items()):
        if unit.part(IN) or unit.leave or unit.trueup_total():
            pays.setdefault(emp, EmployeePay(people[emp])).units.append(unit)
    per_year = PERIODS_PER_YEAR[settings.pay_frequency]
    for person in people.values():
        if not person.salaried or not person.employed_during(first, last):
            continue
        pay = pays.setdefault(person.id, EmployeePay(person))
        pay.salary = cents(person.rate / per_year)
        problems.extend(_salary_warnings(person, pay, period, staff))
    for bonus in bonus_list:
        if bonus.paid_now:
            pays.setdefault(bonus.employee, EmployeePay(people[bonus.employee])
                            ).bonuses.append(bonus)
    return [pays[e] for e in sorted(pays, key=id_key)]


def _salary_warnings(person: Employee, pay: EmployeePay, period, staff: Records) -> list[Problem]:
    first, last = period
    out = []
    if not person.employed_on(first) or not person.employed_on(last):
        column = "Hire date" if person.hire and person.hire > first else "Termination date"
        out.append(warning(
            "payroll-salary-partial", f"{person.name} was employed for only part of the pay "
            f"period ({column} {person.hire if column == 'Hire date' else person.termination}); "
            "the full period's salary was paid. Prorate it by hand if your policy does.",
            **staff.where(column, person.row)))
    if not person.exempt and not any(u.part(IN) for u in pay.units):
        out.append(warning(
            "payroll-no-time", f"{person.name} is salaried but non-exempt, and has no time "
            "rows in this pay period: the salary was paid with no overtime. Non-exempt staff "
            "must record their hours; add their time rows.", value=person.id,
            **staff.where("Employee ID", person.row)))
    return out


def minimum_wage(pays: list[EmployeePay], settings: Settings, staff: Records) -> list[Problem]:
    """A workweek whose regular rate is below the Minimum wage setting is an error."""
    problems = []
    floor = q(settings.minimum_wage)
    for pay in pays:
        person = pay.person
        for unit in pay.units:
            if unit.part(IN) and unit.hours and unit.regular_rate < floor:
                problems.append(error(
                    "payroll-min-wage", f"{person.name} ({person.id}) is paid a regular rate of "
                    f"${to_cents(unit.regular_rate)} in the {unit.rule.unit_word} starting "
                    f"{unit.start}, below the minimum wage of ${settings.minimum_wage}. Check "
                    "the Rate on the roster and the timesheet.", **staff.where("Rate", person.row)))
    return problems


def id_key(emp: str):
    """Sort IDs numerically when they are numbers (1002 before 1010), else as text."""
    return (0, int(emp), emp) if emp.isdigit() else (1, 0, emp)
