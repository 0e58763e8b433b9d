"""The payroll tables of DESIGN §5, built from the computed pay: Employees, Workweeks,
Daily, Labor by department, Bonuses and the provider export.

Each workweek's money is split into its parts with split_to_target, so the parts of a
row add up to its Gross pay to the cent, and the employee columns (sums of those) add up
to the employee's Gross pay; the export and the department costs are split the same way.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction

import pandas as pd

from ..money import cents
from ..settings import Settings
from .bonuses import Allocation, Bonus
from .exact import ZERO, fsum, hours, q, rate_per_hour, split_to_target, to_cents
from .pay import IN, Unit

WEEK_COLUMNS = ["Employee ID", "Name", "Week start", "Week end", "Hours worked",
                "Regular hours", "Overtime hours", "Double-time hours", "Paid leave hours",
                "Whole-week hours", "Weekly salary", "Straight-time pay", "Differential pay",
                "Premium pay", "Bonus in regular rate", "Regular rate", "Overtime premium",
                "Overtime true-up", "Paid leave pay", "Gross pay", "Note"]
WEEK_MONEY = ["Straight-time pay", "Differential pay", "Premium pay", "Overtime premium",
              "Overtime true-up", "Paid leave pay"]
EMPLOYEE_COLUMNS = ["Employee ID", "Name", "Department", "Role", "Pay type", "Hours worked",
                    "Regular hours", "Overtime hours", "Double-time hours", "Paid leave hours",
                    "Salary pay", *WEEK_MONEY, "Bonus pay", "Gross pay"]
DAILY_COLUMNS = ["Employee ID", "Name", "Date", "Week start", "Hours worked", "Regular hours",
                 "Overtime hours", "Double-time hours", "Paid leave hours", "Pay codes",
                 "Charged to"]
LABOR_COLUMNS = ["Department", "Hours worked", "Gross pay", "Employer tax", "Labor cost"]
BONUS_COLUMNS = ["Employee ID", "Name", "Paid on", "Type", "Amount", "Week start", "Share",
                 "Hours worked", "Overtime hours", "Double-time hours", "Overtime on bonus",
                 "Paid as"]
EXPORT_COLUMNS = ["Employee ID", "Name", "Earning code", "Hours", "Rate", "Amount"]
CODE_ORDER = ["SAL", "REG", "OT", "DT", "DIFF", "PREM", "BONUS", "OTADJ", "PTO", "SICK",
              "HOL", "BRV", "JURY"]
NO_DEPARTMENT = "(none)"


def build_frames(pays, settings: Settings, period, bonus_list: list[Bonus],
                 allocations: list[Allocation], units: dict) -> dict[str, pd.DataFrame]:
    """Every output table, keyed by PayrollResult field name."""
    week_rows, employee_rows, daily_rows, export_rows = [], [], [], []
    labor: dict[str, list] = defaultdict(lambda: [0, Decimal(0)])
    for pay in pays:
        weeks = [_week_row(u) for u in pay.units]
        week_rows.extend(weeks)
        employee_rows.append(_employee_row(pay, weeks))
        daily_rows.extend(_daily_rows(pay))
        export_rows.extend(_export_rows(pay))
        for dept, (seconds, amount) in _departments(pay).items():
            labor[dept][0] += seconds
            labor[dept][1] += amount
    tax_rate = settings.employer_tax_rate_pct / Decimal(100)
    labor_rows = []
    for dept in sorted(labor, key=lambda d: (d == NO_DEPARTMENT, d)):
        seconds, gross = labor[dept]
        tax = cents(gross * tax_rate)
        labor_rows.append({"Department": dept, "Hours worked": hours(seconds),
                           "Gross pay": gross, "Employer tax": tax, "Labor cost": gross + tax})
    return {
        "employees": pd.DataFrame(employee_rows, columns=EMPLOYEE_COLUMNS),
        "weeks": pd.DataFrame(week_rows, columns=WEEK_COLUMNS),
        "daily": pd.DataFrame(daily_rows, columns=DAILY_COLUMNS),
        "export": pd.DataFrame(export_rows, columns=EXPORT_COLUMNS),
        "labor": pd.DataFrame(labor_rows, columns=LABOR_COLUMNS),
        "bonuses": _bonus_frame(bonus_list, allocations, units, pays) if bonus_list else None,
    }


def week_money(unit: Unit) -> dict[str, Decimal]:
    """The period's money parts in cents, adding up to its Gross pay exactly."""
    parts = [unit.straight_pay, unit.differential_pay, unit.premium_pay,
             unit.overtime_premium, unit.trueup_total(), unit.leave_pay]
    return dict(zip(WEEK_MONEY, split_to_target(parts, unit.gross), strict=True))


def _week_row(unit: Unit) -> dict:
    person, sums = unit.person, unit.sums
    worked, regular, overtime, double = sums.parts[IN]
    note = []
    if unit.straddles and unit.part(IN):
        outside = unit.hours - worked
        note.append(f"Straddles the pay period: {hours(outside):.2f} h worked outside it count "
                    "toward overtime and are paid in their own pay period.")
    if not unit.part(IN) and unit.trueups:
        note.append("Paid in an earlier pay period: overtime true-up for a bonus only.")
    return {
        "Employee ID": person.id, "Name": person.name, "Week start": unit.start,
        "Week end": unit.end, "Hours worked": hours(worked),
        "Regular hours": hours(regular), "Overtime hours": hours(overtime),
        "Double-time hours": hours(double),
        "Paid leave hours": hours(unit.leave_seconds), "Whole-week hours": hours(sums.hours),
        "Weekly salary": to_cents(unit.salary) if unit.salary else None,
        "Bonus in regular rate": (to_cents(unit.federal_shares()) or None) if unit.shares
        else None,
        "Regular rate": to_cents(unit.regular_rate) if sums.hours else None,
        **week_money(unit), "Gross pay": unit.gross, "Note": " ".join(note),
    }


def _employee_row(pay, weeks: list[dict]) -> dict:
    person = pay.person
    units = pay.units
    return {
        "Employee ID": person.id, "Name": person.name, "Department": person.department,
        "Role": person.role, "Pay type": person.pay_type,
        "Hours worked": hours(sum(u.worked(IN) for u in units)),
        "Regular hours": hours(sum(u.total("regular", IN) for u in units)),
        "Overtime hours": hours(sum(u.total("overtime", IN) for u in units)),
        "Double-time hours": hours(sum(u.total("double", IN) for u in units)),
        "Paid leave hours": hours(sum(u.leave_seconds for u in units)),
        "Salary pay": pay.salary,
        **{c: sum((w[c] for w in weeks), Decimal(0)) for c in WEEK_MONEY},
        "Bonus pay": pay.bonus_pay, "Gross pay": pay.gross,
    }


def _daily_rows(pay) -> list[tuple]:
    """One row per day worked or on leave in the pay period, in DAILY_COLUMNS order."""
    person = pay.person
    home = person.department
    # day -> [week start, worked, regular, overtime, double, leave, pay codes, departments]
    days: dict[dt.date, list] = {}

    def day(workday: dt.date, unit: Unit) -> list:
        found = days.get(workday)
        if found is None:
            found = days[workday] = [unit.start, 0, 0, 0, 0, 0, set(), set()]
        return found

    for unit in pay.units:
        for line in unit.part(IN):
            piece = line.piece
            d = day(piece.workday, unit)
            d[1] += piece.seconds
            d[2] += line.regular
            d[3] += line.overtime
            d[4] += line.double
            d[6].add(piece.pay_code)
            d[7].add(piece.department or home)
        for piece, _ in unit.leave:
            d = day(piece.workday, unit)
            d[5] += piece.seconds
            d[6].add(piece.pay_code)
            d[7].add(piece.department or home)
    return [(person.id, person.name, day, start, hours(worked), hours(regular), hours(overtime),
             hours(double), hours(leave), ", ".join(sorted(codes)),
             ", ".join(sorted(x for x in depts if x)))
            for day, (start, worked, regular, overtime, double, leave, codes, depts)
            in sorted(days.items())]


def export_lines(pay) -> list[tuple[str, int | None, Decimal]]:
    """(earning code, seconds or None, amount) per code; amounts add up to gross."""
    totals: dict[str, list] = {}
    for unit in pay.units:
        for code, (seconds, amount) in unit.earnings().items():
            line = totals.setdefault(code, [0, []])
            line[0] += seconds
            line[1].append(amount)
    codes = sorted(totals, key=_code_key)
    target = sum((u.gross for u in pay.units), Decimal(0))
    amounts = split_to_target([fsum(totals[c][1]) for c in codes], target)
    lines = [(c, totals[c][0], a) for c, a in zip(codes, amounts, strict=True)]
    if pay.salary is not None:
        lines.insert(0, ("SAL", None, pay.salary))
    if pay.bonuses:
        lines.append(("BONUS", None, pay.bonus_pay))
    return sorted(lines, key=lambda x: _code_key(x[0]))


def _code_key(code: str):
    return (CODE_ORDER.index(code) if code in CODE_ORDER else 99, code)


def _export_rows(pay) -> list[dict]:
    person = pay.person
    rows = []
    for code, seconds, amount in pay.earning_lines:
        shown = hours(seconds) if seconds else None
        rate = rate_per_hour(amount, seconds) if seconds else None
        rows.append({"Employee ID": person.id, "Name": person.name, "Earning code": code,
                     "Hours": shown, "Rate": rate, "Amount": amount})
    return rows


def _departments(pay) -> dict[str, tuple[int, Decimal]]:
    """(seconds worked, gross pay) by department charged: a row's Department column,
    else the home department; salary, bonuses and true-ups go to the home department."""
    home = pay.person.department or NO_DEPARTMENT
    money: dict[str, list[Fraction]] = defaultdict(list)
    seconds: dict[str, int] = defaultdict(int)
    for unit in pay.units:
        unit_seconds, unit_money = unit.department_pay(home)
        for dept, value in unit_seconds.items():
            seconds[dept] += value
        for dept, value in unit_money.items():
            money[dept].append(value)
    money[home] += [q(pay.salary), q(pay.bonus_pay) if pay.bonuses else ZERO]
    names = sorted(set(money) | set(seconds))
    amounts = split_to_target([fsum(money[n]) for n in names], pay.gross)
    return {n: (seconds[n], a) for n, a in zip(names, amounts, strict=True)}


def _bonus_frame(bonus_list, allocations, units, pays) -> pd.DataFrame:
    rows = []
    names = {p.person.id: p.person.name for p in pays}
    by_bonus: dict[int, list[Allocation]] = defaultdict(list)
    for a in allocations:
        by_bonus[id(a.bonus)].append(a)
    for bonus in bonus_list:
        base = {"Employee ID": bonus.employee, "Name": names.get(bonus.employee, ""),
                "Paid on": bonus.paid_on, "Type": bonus.kind,
                "Amount": bonus.amount if bonus.paid_now else None}
        shares = by_bonus.get(id(bonus), [])
        if not shares:
            why = ("paid; not part of the regular rate" if not bonus.in_regular_rate else
                   "paid; exempt staff have no overtime")
            rows.append({**base, "Paid as": why if bonus.paid_now else "paid earlier"})
            continue
        for a in shares:
            rows.append({**base, **_allocation_row(a, units.get((bonus.employee, a.start)))})
    return pd.DataFrame(rows, columns=BONUS_COLUMNS)


def _allocation_row(a: Allocation, unit: Unit | None) -> dict:
    row = {"Week start": a.start, "Share": to_cents(a.share) if not a.missing else None}
    if a.missing:
        return {**row, "Paid as": "not computed: no time rows for this week"}
    if unit is None or not a.share:
        return {**row, "Hours worked": hours(0), "Paid as": "no hours worked"}
    inside = unit.bonus_overtime(a, unit.total("overtime", IN), unit.total("double", IN))
    earlier = unit.trueup(a) if a.bonus.paid_now else ZERO
    paid_as = ("overtime true-up" if earlier and not inside else
               "in the overtime premium" if inside and not earlier else
               "overtime premium and true-up" if inside else "no overtime that week")
    return {**row, "Hours worked": hours(unit.hours),
            "Overtime hours": hours(unit.total("overtime")),
            "Double-time hours": hours(unit.total("double")),
            "Overtime on bonus": to_cents(inside + earlier), "Paid as": paid_as}

