"""The staff roster as payroll needs it: pay type, FLSA status, salary basis, dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from ..intake import Records
from ..problems import Problem, error, warning
from ..settings import Settings
from .exact import q

WEEKS_PER_YEAR = 52
DEFAULT_STANDARD_HOURS = Decimal(40)


@dataclass
class Employee:
    """One roster row: who they are and how they are paid."""

    id: str
    name: str
    role: str
    department: str
    employment: str
    pay_type: str
    rate: Decimal  # per hour (Hourly) or per year (Salary)
    flsa: str
    salary_basis: str  # Fixed hours or Fluctuating (non-exempt salaried only)
    standard_hours: Decimal  # hours a week the salary pays for (Fixed hours)
    hire: dt.date | None
    termination: dt.date | None
    row: int  # index into the Staff records
    _base_rates: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def exempt(self) -> bool:
        return self.flsa == "Exempt"

    @property
    def salaried(self) -> bool:
        return self.pay_type == "Salary"

    @property
    def fluctuating(self) -> bool:
        return self.salaried and not self.exempt and self.salary_basis == "Fluctuating"

    @property
    def weekly_salary(self) -> Fraction:
        """Annual salary / 52 (29 CFR 778.113(b)); 0 for hourly staff."""
        return q(self.rate) / WEEKS_PER_YEAR if self.salaried else Fraction(0)

    def salary_hours(self, california: bool) -> Fraction:
        """Hours a week the salary pays for at straight time: Standard hours, or 40 under
        California (Lab. Code 515(d)); every hour under a fluctuating workweek."""
        return Fraction(40) if california else q(self.standard_hours)

    def base_rate(self, california: bool) -> Fraction:
        """Dollars per hour for paid leave, rate-based differentials and hours beyond what
        a salary covers: the hourly rate, or weekly salary / the hours it pays for."""
        found = self._base_rates.get(california)
        if found is None:
            found = self._base_rates[california] = self._base_rate(california)
        return found

    def _base_rate(self, california: bool) -> Fraction:
        if not self.salaried:
            return q(self.rate)
        hours = self.salary_hours(california)
        return self.weekly_salary / hours if hours else Fraction(0)

    def employed_on(self, day: dt.date) -> bool:
        """True unless `day` is before the hire date or after the termination date."""
        return not ((self.hire and day < self.hire)
                    or (self.termination and day > self.termination))

    def employed_during(self, first: dt.date, last: dt.date) -> bool:
        """True when any day from first to last is within the employment dates."""
        return not ((self.hire and self.hire > last)
                    or (self.termination and self.termination < first))


def roster(staff: Records, settings: Settings) -> tuple[dict[str, Employee], list[Problem]]:
    """The Staff records as Employees keyed by ID, and the roster problems payroll finds
    (rows with intake errors are skipped: intake already reported them)."""
    people: dict[str, Employee] = {}
    problems: list[Problem] = []
    california = settings.overtime_rule == "California"
    for index, r in staff.iterrows():
        if r["Employee ID"] is None or r["Pay type"] is None or r["Rate"] is None:
            continue
        flsa = r["FLSA status"] or ("Exempt" if r["Pay type"] == "Salary" else "Non-exempt")
        person = Employee(
            id=r["Employee ID"], name=r["Name"] or "", role=r["Role"] or "",
            department=r["Department"] or "", employment=r["Employment"] or "Full-time",
            pay_type=r["Pay type"], rate=r["Rate"], flsa=flsa,
            salary_basis=r["Salary basis"] or "Fixed hours",
            standard_hours=r["Standard hours"] if r["Standard hours"] is not None
            else DEFAULT_STANDARD_HOURS,
            hire=r["Hire date"], termination=r["Termination date"], row=index)
        people[person.id] = person
        if person.salaried and not person.exempt:
            problems.extend(_salary_basis_problems(person, staff, california))
    return people, problems


def _salary_basis_problems(person: Employee, staff: Records, california: bool) -> list[Problem]:
    who = f"{person.name} ({person.id})"
    if person.fluctuating and california:
        return [error(
            "payroll-fww-california", f"{who} is paid a salary on a fluctuating workweek, which "
            "California does not allow (Lab. Code 515(d)): a non-exempt salary there pays for "
            "40 hours and every overtime hour is paid at 1.5 times salary / 40. Change Salary "
            "basis to Fixed hours, or the Overtime rule if the office is not in California.",
            value=person.salary_basis, **staff.where("Salary basis", person.row))]
    if person.fluctuating:
        return []
    if not california and person.standard_hours == 0:
        return [error(
            "cell-range", f"{who} is salaried with fixed hours but Standard hours is 0; the "
            "regular rate is the weekly salary divided by the hours it pays for. Type those "
            "hours (blank means 40).", value=0, **staff.where("Standard hours", person.row))]
    if california and person.standard_hours != DEFAULT_STANDARD_HOURS:
        return [warning(
            "payroll-salary-basis", f"{who}: under the California rule a non-exempt salary "
            f"pays for 40 hours a week (Lab. Code 515(d)), so Standard hours "
            f"({person.standard_hours}) was not used.", value=person.standard_hours,
            **staff.where("Standard hours", person.row))]
    return []
