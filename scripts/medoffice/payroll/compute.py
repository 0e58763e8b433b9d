"""Gross pay for one pay period: pure computation, DataFrames and settings in, results out.

The unit of overtime is the employee's workweek (29 CFR 778.103-105). Per workweek:
straight-time pay for every hour worked at its rate, a regular rate equal to that pay
over the hours worked (the weighted average of 778.115), and an overtime premium of
half the regular rate for each hour over 40 (778.107-110). Paid leave is paid at the
base rate and is not hours worked (778.218-219). Exact Decimal arithmetic throughout;
money is rounded half-up to cents once per employee per workweek.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from ..intake import Records
from ..money import ZERO, cents, round_parts
from ..problems import Problem, error, warning
from ..settings import Settings
from .hours import LEAVE_CODES, Piece, split_rows
from .periods import PERIODS_PER_YEAR, week_start

HOUR = Decimal(3600)
OVERTIME_AFTER = 40 * 3600  # seconds worked in a workweek before overtime begins
EARNING_CODES = {"PTO": "PTO", "Sick": "SICK", "Holiday": "HOL", "Bereavement": "BRV",
                 "Jury duty": "JURY"}


@dataclass
class Employee:
    """One roster row, as payroll needs it."""

    id: str
    name: str
    role: str
    department: str
    employment: str
    pay_type: str
    rate: Decimal
    flsa: str
    hire: dt.date | None
    termination: dt.date | None
    row: int  # index into the Staff records

    @property
    def exempt(self) -> bool:
        return self.flsa == "Exempt"


@dataclass
class Week:
    """One employee's workweek: hours in seconds, exact money, and the earning lines."""

    employee: str
    start: dt.date
    worked: int = 0
    overtime: int = 0
    double_time: int = 0
    leave: int = 0
    straight_pay: Decimal = ZERO
    regular_rate: Decimal = ZERO
    overtime_premium: Decimal = ZERO
    leave_pay: Decimal = ZERO
    # earning code -> [seconds, exact amount]; REG + OT carry the worked hours
    earnings: dict[str, list] = field(default_factory=dict)

    @property
    def regular(self) -> int:
        return self.worked - self.overtime - self.double_time

    @property
    def exact_gross(self) -> Decimal:
        return self.straight_pay + self.overtime_premium + self.leave_pay

    @property
    def gross(self) -> Decimal:
        return cents(self.exact_gross)


@dataclass
class PayrollResult:
    """Everything the payroll report shows, plus the problems found computing it."""

    period: tuple[dt.date, dt.date]
    employees: pd.DataFrame
    weeks: pd.DataFrame
    daily: pd.DataFrame
    export: pd.DataFrame
    problems: list[Problem]


def roster(staff: Records) -> dict[str, Employee]:
    """The Staff records as Employees keyed by ID (rows with intake errors are skipped)."""
    people = {}
    for index, r in staff.data.iterrows():
        if r["Employee ID"] is None or r["Pay type"] is None or r["Rate"] is None:
            continue
        flsa = r["FLSA status"] or ("Exempt" if r["Pay type"] == "Salary" else "Non-exempt")
        people[r["Employee ID"]] = Employee(
            id=r["Employee ID"], name=r["Name"] or "", role=r["Role"] or "",
            department=r["Department"] or "", employment=r["Employment"] or "Full-time",
            pay_type=r["Pay type"], rate=r["Rate"], flsa=flsa, hire=r["Hire date"],
            termination=r["Termination date"], row=index)
    return people


def federal_week(pieces: list[Piece], person: Employee, start: dt.date) -> Week:
    """Pay one workweek under the FLSA: straight time, regular rate, premium over 40 h."""
    week = Week(employee=person.id, start=start)
    for piece in pieces:
        rate = piece.rate if piece.rate is not None else person.rate
        amount = rate * piece.seconds / HOUR
        if piece.worked:
            week.worked += piece.seconds
            week.straight_pay += amount
        else:
            week.leave += piece.seconds
            week.leave_pay += person.rate * piece.seconds / HOUR
            code = EARNING_CODES[piece.pay_code]
            line = week.earnings.setdefault(code, [0, ZERO])
            line[0] += piece.seconds
            line[1] += person.rate * piece.seconds / HOUR
    if week.worked:
        week.regular_rate = week.straight_pay * HOUR / week.worked
        week.overtime = max(0, week.worked - OVERTIME_AFTER)
        week.overtime_premium = week.straight_pay * week.overtime / (2 * week.worked)
        regular_share = week.straight_pay * week.regular / week.worked
        week.earnings["REG"] = [week.regular, regular_share]
        if week.overtime:
            week.earnings["OT"] = [week.overtime,
                                   week.straight_pay - regular_share + week.overtime_premium]
    return week


def _unknown_employees(time: Records, people: dict[str, Employee]) -> list[Problem]:
    problems = []
    for index, emp in time.data["Employee ID"].items():
        if emp is None or emp in people:
            continue
        near = difflib.get_close_matches(emp, list(people), 1, 0.7)
        hint = f" Did you mean {near[0]} ({people[near[0]].name})?" if near else ""
        problems.append(error(
            "cell-unknown-ref", f"Employee ID {emp} is not on the Staff roster.{hint} Add them "
            "to the roster or correct the ID.", value=emp, **time.where("Employee ID", index)))
    return problems


def compute_payroll(staff: Records, time: Records, settings: Settings,
                    period: tuple[dt.date, dt.date]) -> PayrollResult:
    """Gross pay for everyone paid in the period, by employee, workweek, day and earning code."""
    people = roster(staff)
    problems = _unknown_employees(time, people)
    pieces, split_problems = split_rows(time, settings)
    problems.extend(split_problems)
    first, last = period
    outside_rows = set()
    by_week: dict[tuple[str, dt.date], list[Piece]] = defaultdict(list)
    for piece in pieces:
        person = people.get(piece.employee)
        if person is None:
            continue
        if not first <= piece.workday <= last:
            outside_rows.add(piece.row)
            continue
        by_week[(piece.employee, week_start(piece.workday, settings.workweek_starts_on))
                ].append(piece)
    for index in sorted(outside_rows):
        problems.append(warning(
            "payroll-outside-period", f"this row is dated outside the pay period {first} to "
            f"{last} and was not paid in this run. Run payroll for its own period, or fix the "
            "date.", value=time.data.at[index, "Date"], **time.where("Date", index)))

    weeks: list[Week] = []
    for (emp, start), week_pieces in sorted(by_week.items()):
        person = people[emp]
        if person.exempt:
            continue
        if person.pay_type == "Salary":
            problems.append(error(
                "payroll-unsupported", f"{person.name} ({emp}) is salaried non-exempt; "
                "that pay basis is not computed yet. Mark them Exempt if they are, or pay "
                "them outside medoffice this period.", **staff.where("FLSA status", person.row)))
            continue
        week = federal_week(week_pieces, person, start)
        weeks.append(week)
        if week.worked and week.regular_rate < settings.minimum_wage:
            problems.append(error(
                "payroll-min-wage", f"{person.name} ({emp}) is paid a regular rate of "
                f"${cents(week.regular_rate)} in the workweek starting {start}, below the "
                f"minimum wage of ${settings.minimum_wage}. Check the Rate on the roster and "
                "the timesheet.", **staff.where("Rate", person.row)))
    problems.extend(_exempt_time_warnings(by_week, people, time))

    salaried = {e.id: e for e in people.values() if e.exempt and e.pay_type == "Salary"}
    per_period = PERIODS_PER_YEAR[settings.pay_frequency]
    weeks_df = _weeks_frame(weeks, people)
    daily_df = _daily_frame(by_week, people)
    employees_df, export_df = _employee_frames(weeks, salaried, people, per_period, settings)
    return PayrollResult(period=period, employees=employees_df, weeks=weeks_df,
                         daily=daily_df, export=export_df, problems=problems)


def _exempt_time_warnings(by_week, people, time: Records) -> list[Problem]:
    rows = sorted({p.row for (emp, _), ps in by_week.items() if people[emp].exempt for p in ps})
    return [warning("payroll-exempt-time", f"{people[time.data.at[i, 'Employee ID']].name} is "
                    "exempt and paid a salary; time rows do not change their pay.",
                    **time.where("Employee ID", i)) for i in rows]


def hours(seconds: int) -> Decimal:
    """Seconds -> hours, to 4 decimals (shown as 0.00)."""
    return (Decimal(seconds) / HOUR).quantize(Decimal("0.0001"))


def _weeks_frame(weeks: list[Week], people: dict[str, Employee]) -> pd.DataFrame:
    rows = []
    for w in weeks:
        straight, premium, leave = round_parts([w.straight_pay, w.overtime_premium, w.leave_pay])
        rows.append({
            "Employee ID": w.employee, "Name": people[w.employee].name, "Week start": w.start,
            "Hours worked": hours(w.worked), "Regular hours": hours(w.regular),
            "Overtime hours": hours(w.overtime), "Double-time hours": hours(w.double_time),
            "Paid leave hours": hours(w.leave), "Straight-time pay": straight,
            "Regular rate": cents(w.regular_rate), "Overtime premium": premium,
            "Paid leave pay": leave, "Gross pay": w.gross,
        })
    return pd.DataFrame(rows, columns=WEEK_COLUMNS)


WEEK_COLUMNS = ["Employee ID", "Name", "Week start", "Hours worked", "Regular hours",
                "Overtime hours", "Double-time hours", "Paid leave hours", "Straight-time pay",
                "Regular rate", "Overtime premium", "Paid leave pay", "Gross pay"]
EMPLOYEE_COLUMNS = ["Employee ID", "Name", "Department", "Role", "Pay type", "Hours worked",
                    "Regular hours", "Overtime hours", "Double-time hours", "Paid leave hours",
                    "Salary pay", "Overtime premium", "Gross pay"]
DAILY_COLUMNS = ["Employee ID", "Name", "Date", "Week start", "Hours worked",
                 "Paid leave hours", "Pay codes", "Charged to"]
EXPORT_COLUMNS = ["Employee ID", "Name", "Earning code", "Hours", "Rate", "Amount"]


def _daily_frame(by_week, people) -> pd.DataFrame:
    days: dict[tuple[str, dt.date], dict] = {}
    for (emp, start), pieces in by_week.items():
        for p in pieces:
            d = days.setdefault((emp, p.workday), {"worked": 0, "leave": 0, "codes": set(),
                                                   "depts": set(), "start": start})
            d["worked" if p.worked else "leave"] += p.seconds
            d["codes"].add(p.pay_code)
            d["depts"].add(p.department or people[emp].department)
    rows = [{"Employee ID": emp, "Name": people[emp].name, "Date": day, "Week start": d["start"],
             "Hours worked": hours(d["worked"]), "Paid leave hours": hours(d["leave"]),
             "Pay codes": ", ".join(sorted(d["codes"])),
             "Charged to": ", ".join(sorted(x for x in d["depts"] if x))}
            for (emp, day), d in sorted(days.items()) if not people[emp].exempt]
    return pd.DataFrame(rows, columns=DAILY_COLUMNS)


def _employee_frames(weeks, salaried, people, per_period, settings):
    by_emp: dict[str, list[Week]] = defaultdict(list)
    for w in weeks:
        by_emp[w.employee].append(w)
    rows, export = [], []
    for emp in sorted(set(by_emp) | set(salaried), key=_id_key):
        person = people[emp]
        ws = by_emp.get(emp, [])
        salary = cents(person.rate / per_period) if emp in salaried else ZERO
        gross = sum((w.gross for w in ws), ZERO) + salary
        rows.append({
            "Employee ID": emp, "Name": person.name, "Department": person.department,
            "Role": person.role, "Pay type": person.pay_type,
            "Hours worked": hours(sum(w.worked for w in ws)),
            "Regular hours": hours(sum(w.regular for w in ws)),
            "Overtime hours": hours(sum(w.overtime for w in ws)),
            "Double-time hours": hours(sum(w.double_time for w in ws)),
            "Paid leave hours": hours(sum(w.leave for w in ws)),
            "Salary pay": salary if emp in salaried else None,
            "Overtime premium": sum((round_parts([w.straight_pay, w.overtime_premium,
                                                  w.leave_pay])[1] for w in ws), ZERO),
            "Gross pay": gross,
        })
        export.extend(_export_lines(person, ws, salary if emp in salaried else None, gross))
    return (pd.DataFrame(rows, columns=EMPLOYEE_COLUMNS),
            pd.DataFrame(export, columns=EXPORT_COLUMNS))


def _export_lines(person: Employee, weeks: list[Week], salary, gross: Decimal) -> list[dict]:
    """One line per earning code; amounts add up to the employee's gross to the cent."""
    totals: dict[str, list] = {}
    for w in weeks:
        for code, (seconds, amount) in w.earnings.items():
            line = totals.setdefault(code, [0, ZERO])
            line[0] += seconds
            line[1] += amount
    codes = sorted(totals, key=lambda c: (CODE_ORDER.index(c) if c in CODE_ORDER else 99, c))
    target = gross - (salary or ZERO)
    amounts = round_parts([totals[c][1] for c in codes])
    if amounts and sum(amounts) != target:  # per-week rounding differs from per-code rounding
        amounts[0] += target - sum(amounts)
    lines = [{"Employee ID": person.id, "Name": person.name, "Earning code": c,
              "Hours": hours(totals[c][0]),
              "Rate": (amounts[i] / hours(totals[c][0])).quantize(Decimal("0.0001"))
              if totals[c][0] else None,
              "Amount": amounts[i]} for i, c in enumerate(codes)]
    if salary is not None:
        lines.insert(0, {"Employee ID": person.id, "Name": person.name, "Earning code": "SAL",
                         "Hours": None, "Rate": None, "Amount": salary})
    return lines


CODE_ORDER = ["SAL", "REG", "OT", "DT", "DIFF", "BONUS", "PTO", "SICK", "HOL", "BRV", "JURY"]


def _id_key(emp: str):
    return (0, int(emp), emp) if emp.isdigit() else (1, 0, emp)
