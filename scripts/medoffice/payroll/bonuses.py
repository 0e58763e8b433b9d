"""Bonuses (timesheet sheet `Bonuses`): which are paid now, and the workweeks they cover.

Nondiscretionary and production bonuses are part of the regular rate of the workweeks
whose work they reward (29 CFR 778.208-209): each is apportioned back over those weeks,
equally per week or per hour worked (the `Bonus allocation` setting), and every week
with overtime owes half its share / the week's hours for each overtime hour. Under the
California rule a nondiscretionary (flat-sum) bonus follows Alvarado v. Dart Container:
share / the week's non-overtime hours, times 1.5 per overtime and 2 per double-time hour.
Discretionary bonuses are paid and nothing more (778.211).

Covers from/to default to the pay period holding the bonus date; a bonus can cover work
up to the end of that pay period, not later.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..intake import Records
from ..money import cents
from ..problems import Problem, error, warning
from ..settings import Settings
from .periods import pay_period
from .staff import Employee

DISCRETIONARY = "Discretionary"


@dataclass
class Bonus:
    """One row of the Bonuses sheet, with its coverage settled."""

    employee: str
    paid_on: dt.date
    amount: Decimal  # cents
    kind: str  # Nondiscretionary, Production, Discretionary
    cover_from: dt.date
    cover_to: dt.date
    row: int
    note: str
    paid_now: bool  # dated inside the pay period being run

    @property
    def in_regular_rate(self) -> bool:
        return self.kind != DISCRETIONARY

    def alvarado(self, rule_name: str) -> bool:
        """A flat-sum bonus under the California rule (Alvarado v. Dart Container)."""
        return rule_name == "California" and self.kind == "Nondiscretionary"

    def known_by(self, day: dt.date) -> bool:
        """True when the bonus had been paid by `day` (so that day's pay must reflect it)."""
        return self.paid_on <= day


@dataclass
class Allocation:
    """A bonus's share of one overtime period (workweek, or 14 days under 8 and 80)."""

    bonus: Bonus
    start: dt.date
    end: dt.date
    share: Fraction  # exact dollars; 0 for a period whose hours are missing
    hours_covered: int  # seconds worked on the covered days of that period
    missing: bool  # no time rows were given for (part of) those days


def read_bonuses(records: Records | None, people: dict[str, Employee],
                 period: tuple[dt.date, dt.date], settings: Settings
                 ) -> tuple[list[Bonus], list[Problem]]:
    """The bonuses of the Bonuses sheet that count for this run, and their problems."""
    bonuses: list[Bonus] = []
    problems: list[Problem] = []
    if records is None:
        return bonuses, problems
    first, last = period
    for index, r in records.data.iterrows():
        emp, paid_on, amount = r["Employee ID"], r["Date"], r["Amount"]
        if emp is None or paid_on is None or amount is None:
            continue  # intake reported it
        if emp not in people:
            problems.append(error(
                "cell-unknown-ref", f"Employee ID {emp} is not on the Staff roster. Add them "
                "to the roster or correct the ID.", value=emp,
                **records.where("Employee ID", index)))
            continue
        own = pay_period(paid_on, settings.pay_frequency, settings.pay_period_start)
        cover_from = r["Covers from"] or (own[0] if r["Covers to"] is None else
                                          pay_period(r["Covers to"], settings.pay_frequency,
                                                     settings.pay_period_start)[0])
        cover_to = r["Covers to"] or own[1]
        if cover_from > cover_to:
            problems.append(error(
                "cell-range", f"Covers from ({cover_from}) is after Covers to ({cover_to}). "
                "Swap them.", value=cover_from, **records.where("Covers from", index)))
            continue
        if cover_to > own[1]:
            problems.append(warning(
                "payroll-bonus-cover", f"the bonus paid {paid_on} says it covers work up to "
                f"{cover_to}, after its own pay period ends ({own[1]}); it was taken to cover "
                f"work up to {own[1]}. Date it in the pay period of the last work it rewards.",
                value=cover_to, **records.where("Covers to", index)))
            cover_to = own[1]
            cover_from = min(cover_from, cover_to)
        if paid_on > last:
            problems.append(warning(
                "payroll-outside-period", f"this bonus is dated {paid_on}, after the pay period "
                f"{first} to {last}; it was not paid in this run.", value=paid_on,
                **records.where("Date", index)))
            continue
        paid_now = paid_on >= first
        if not paid_now:
            problems.append(warning(
                "payroll-outside-period", f"this bonus is dated {paid_on}, before the pay period "
                f"{first} to {last}, so it was not paid again; it still counts in the regular "
                "rate of any of its workweeks paid in this period.", value=paid_on,
                **records.where("Date", index)))
        bonuses.append(Bonus(
            employee=emp, paid_on=paid_on, amount=cents(amount), kind=r["Type"] or
            "Nondiscretionary", cover_from=cover_from, cover_to=cover_to, row=index,
            note=r["Note"] or "", paid_now=paid_now))
    return bonuses, problems


def allocate(bonus: Bonus, periods: list[tuple[dt.date, dt.date, int, bool]],
             per_hour: bool) -> list[Allocation]:
    """Shares of a bonus over its overtime periods.

    `periods` lists (start, end, seconds worked on the covered days, missing) for every
    overtime period overlapping the covered days. Equal per week: the same share for
    each period with hours (or whose rows are missing); per hour worked: shares in
    proportion to the covered hours of the periods whose rows were given.
    """
    amount = Fraction(bonus.amount)
    if per_hour:
        total = sum(s for _, _, s, missing in periods if not missing)
        return [Allocation(bonus, a, b, amount * s / total if total and not missing
                           else Fraction(0), s, missing) for a, b, s, missing in periods]
    eligible = [p for p in periods if p[2] > 0 or p[3]]
    return [Allocation(bonus, a, b, amount / len(eligible) if (s > 0 or missing) else
                       Fraction(0), s, missing) for a, b, s, missing in periods]
