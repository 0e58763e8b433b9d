"""Pay for one employee's overtime period (a workweek; 14 days under 8 and 80).

The period is decided over every time row given for it, even rows dated outside the
pay period being run (a workweek that straddles two pay periods); each hour is paid in
the pay period in which it was worked, so only the lines dated inside it are paid here.

Per period (29 CFR 778.109-115, 778.113-114, 778.203-209):
- straight time: every hour worked at its row's rate, except hours a salary pays for;
- the regular rate: all pay for the period's work (straight time, salary, differentials,
  nondiscretionary bonus shares) / hours worked. Creditable premiums (1.5x or more
  for weekend/holiday work) and paid leave are left out. Under California a
  non-exempt salary counts as pay for 40 hours (Lab. Code 515(d));
- overtime owed: 1/2 x regular rate per overtime hour and 1 x per double-time hour (the
  straight time is already paid), plus, under California, 1.5x / 2x the Alvarado value
  of each flat-sum bonus; creditable premiums paid in the period are credited;
- money is rounded half-up to cents once, on the period's total.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from fractions import Fraction

from .bonuses import Allocation
from .differentials import Charge
from .exact import HALF, HOUR, ZERO, pay, to_cents
from .hours import Piece
from .rules import OvertimeRule, Split, after_threshold
from .staff import Employee

LEAVE_EARNING_CODES = {"PTO": "PTO", "Sick": "SICK", "Holiday": "HOL", "Bereavement": "BRV",
                       "Jury duty": "JURY"}
IN, EARLIER, LATER = "in", "earlier", "later"


def cached(method):
    """Remember a Unit method's result until the Unit changes (add_share)."""
    name = method.__name__

    @functools.wraps(method)
    def wrapper(self, *args):
        key = (name, *args)
        if key not in self._cache:
            self._cache[key] = method(self, *args)
        return self._cache[key]

    return wrapper


@dataclass(eq=False)  # compared and hashed by identity (Unit caches per line)
class Line:
    """One worked piece of time in the period, priced."""

    piece: Piece
    rate: Fraction  # dollars per hour for this row
    split: Split
    covered: int  # seconds the salary pays for
    charges: list[Charge]
    when: str  # IN, EARLIER or LATER than the pay period being run

    @property
    def seconds(self) -> int:
        return self.piece.seconds

    @property
    def straight(self) -> Fraction:
        """Straight-time pay for the hours the salary does not already pay."""
        return pay(self.rate, self.seconds - self.covered)

    @property
    def differential(self) -> Fraction:
        return sum((c.amount for c in self.charges if not c.creditable), ZERO)

    @property
    def premium(self) -> Fraction:
        return sum((c.amount for c in self.charges if c.creditable), ZERO)

    def uncovered(self) -> tuple[int, int, int]:
        """Seconds beyond the salary, as (regular, overtime, double time): the salary pays
        a period's first hours, so the uncovered ones are its overtime ones first."""
        free = self.seconds - self.covered
        dt_ = min(self.split.double, free)
        ot = min(self.split.overtime, free - dt_)
        return free - dt_ - ot, ot, dt_


@dataclass
class Unit:
    """One employee's overtime period: lines, leave, bonus shares and the money due."""

    person: Employee
    rule: OvertimeRule
    start: dt.date
    end: dt.date
    period: tuple[dt.date, dt.date]  # the pay period being run
    lines: list[Line]  # every worked piece given for the period, in time order
    leave: list[tuple[Piece, Fraction]]  # paid leave inside the pay period, with its rate
    salary: Fraction  # the salary for this period's length (non-exempt salaried), else 0
    california_salary: bool  # salary counts as pay for 40 h a week (Lab. Code 515(d))
    shares: list[Allocation] = field(default_factory=list)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def add_share(self, allocation: Allocation) -> None:
        """Attach a bonus share (and forget what was computed without it)."""
        self.shares.append(allocation)
        self._cache.clear()

    # --- hours ----------------------------------------------------------------------
    @cached
    def part(self, when: str) -> list[Line]:
        """The lines dated inside (IN), before (EARLIER) or after (LATER) the pay period."""
        return [line for line in self.lines if line.when == when]

    @property
    @cached
    def hours(self) -> int:
        """Seconds worked in the whole period, every row given."""
        return sum(line.seconds for line in self.lines)

    @cached
    def total(self, what: str, when: str | None = None) -> int:
        """Seconds of `regular`, `overtime` or `double` (in one part, or all)."""
        lines = self.lines if when is None else self.part(when)
        return sum(getattr(line.split, what) for line in lines)

    @property
    def straddles(self) -> bool:
        return any(line.when != IN for line in self.lines)

    @property
    def leave_seconds(self) -> int:
        return sum(p.seconds for p, _ in self.leave)

    # --- the regular rate -----------------------------------------------------------
    @property
    def salary_in_rate(self) -> Fraction:
        """The salary's part of the regular rate's numerator."""
        if not self.salary:
            return ZERO
        if self.california_salary:  # salary / 40 per hour worked (Lab. Code 515(d))
            covered = sum(line.covered for line in self.lines)
            return pay(self.person.base_rate(True), covered)
        return self.salary

    @property
    @cached
    def base_pay(self) -> Fraction:
        """All pay for the period's work except bonuses: salary, straight time and
        differentials (creditable premiums excluded, 778.207(b))."""
        return self.salary_in_rate + sum((line.straight + line.differential
                                          for line in self.lines), ZERO)

    def shares_known(self) -> list[Allocation]:
        """Bonus shares already paid by the end of the pay period being run."""
        return [a for a in self.shares if a.share and a.bonus.known_by(self.period[1])]

    def federal_shares(self) -> Fraction:
        """Bonus shares that enter the regular rate itself (not Alvarado ones)."""
        return sum((a.share for a in self.shares_known()
                    if not a.bonus.alvarado(self.rule.name)), ZERO)

    @property
    @cached
    def regular_rate(self) -> Fraction:
        """All pay for the period's work / hours worked, exactly (0 with no hours)."""
        if not self.hours:
            return ZERO
        return (self.base_pay + self.federal_shares()) * HOUR / self.hours

    def alvarado_rate(self, allocation: Allocation) -> Fraction:
        """A flat-sum bonus's value per non-overtime hour (Alvarado)."""
        regular = self.total("regular") or self.hours
        return allocation.share * HOUR / regular if regular else ZERO

    # --- overtime owed --------------------------------------------------------------
    @cached
    def owed(self, line: Line) -> tuple[Fraction, Fraction]:
        """Overtime premium owed for one line: (overtime part, double-time part)."""
        ot, dt_ = line.split.overtime, line.split.double
        if not (ot or dt_):
            return ZERO, ZERO
        rate = self.regular_rate
        owed_ot, owed_dt = pay(rate * HALF, ot), pay(rate, dt_)
        for a in self.shares_known():
            if a.bonus.alvarado(self.rule.name):
                value = self.alvarado_rate(a)
                owed_ot += pay(value * Fraction(3, 2), ot)
                owed_dt += pay(value * 2, dt_)
        return owed_ot, owed_dt

    def trueup(self, allocation: Allocation) -> Fraction:
        """Overtime a bonus paid now adds to the hours of this period already paid in
        earlier pay periods (they were paid without it)."""
        ot, dt_ = self.total("overtime", EARLIER), self.total("double", EARLIER)
        return self.bonus_overtime(allocation, ot, dt_)

    def bonus_overtime(self, allocation: Allocation, ot: int, dt_: int) -> Fraction:
        """What one bonus share adds to the overtime of `ot`/`dt_` seconds."""
        if not self.hours or not allocation.share:
            return ZERO
        if allocation.bonus.alvarado(self.rule.name):
            value = self.alvarado_rate(allocation)
            return pay(value * Fraction(3, 2), ot) + pay(value * 2, dt_)
        increase = allocation.share * HOUR / self.hours
        return pay(increase * HALF, ot) + pay(increase, dt_)

    # --- money paid in this pay period ----------------------------------------------
    @property
    @cached
    def straight_pay(self) -> Fraction:
        return sum((line.straight for line in self.part(IN)), ZERO)

    @property
    @cached
    def differential_pay(self) -> Fraction:
        return sum((line.differential for line in self.part(IN)), ZERO)

    @property
    @cached
    def premium_pay(self) -> Fraction:
        """Creditable premiums (1.5x or more) paid for this pay period's hours."""
        return sum((line.premium for line in self.part(IN)), ZERO)

    @property
    @cached
    def overtime_owed(self) -> Fraction:
        return sum((sum(self.owed(line), ZERO) for line in self.part(IN)), ZERO)

    @property
    def premium_credit(self) -> Fraction:
        """Creditable premiums counted toward the overtime owed (778.202(c), 778.207)."""
        return min(self.premium_pay, self.overtime_owed)

    @property
    def overtime_premium(self) -> Fraction:
        """Overtime premium still due after the credit."""
        return self.overtime_owed - self.premium_credit

    @property
    @cached
    def leave_pay(self) -> Fraction:
        return sum((pay(rate, p.seconds) for p, rate in self.leave), ZERO)

    @cached
    def trueups(self) -> list[tuple[Allocation, Fraction]]:
        """(bonus share, overtime true-up) for bonuses paid in this run that cover hours
        of this period paid in earlier pay periods."""
        if not self.part(EARLIER):
            return []
        return [(a, self.trueup(a)) for a in self.shares if a.bonus.paid_now]

    def trueup_total(self) -> Fraction:
        return sum((amount for _, amount in self.trueups()), ZERO)

    @property
    @cached
    def exact_gross(self) -> Fraction:
        return (self.straight_pay + self.differential_pay + self.premium_pay
                + self.overtime_premium + self.leave_pay + self.trueup_total())

    @property
    def gross(self):
        """The period's pay in this pay period, rounded half-up to cents once."""
        return to_cents(self.exact_gross)

    def earnings(self) -> dict[str, list]:
        """Earning code -> [seconds, exact amount]; the amounts add up to exact_gross."""
        out: dict[str, list] = {}

        def add(code: str, seconds: int, amount: Fraction) -> None:
            line = out.setdefault(code, [0, ZERO])
            line[0] += seconds
            line[1] += amount

        owed = self.overtime_owed
        share = self.overtime_premium / owed if owed else ZERO
        for line in self.part(IN):
            reg, ot, dt_ = line.uncovered()
            owed_ot, owed_dt = self.owed(line)
            if reg:
                add("REG", reg, pay(line.rate, reg))
            if line.split.overtime:
                add("OT", line.split.overtime, pay(line.rate, ot) + owed_ot * share)
            if line.split.double:
                add("DT", line.split.double, pay(line.rate, dt_) + owed_dt * share)
            for charge in line.charges:
                add("PREM" if charge.creditable else "DIFF", charge.seconds, charge.amount)
        for piece, rate in self.leave:
            add(LEAVE_EARNING_CODES[piece.pay_code], piece.seconds, pay(rate, piece.seconds))
        trueup = self.trueup_total()
        if trueup:
            add("OTADJ", self.total("overtime", EARLIER) + self.total("double", EARLIER), trueup)
        return out


def price_lines(pieces: list[Piece], person: Employee, rule: OvertimeRule, start: dt.date,
                period: tuple[dt.date, dt.date], charge_fn) -> list[Line]:
    """Worked pieces of one period (in time order) as priced Lines."""
    california = rule.name == "California"
    splits = rule.classify(pieces, start)
    covered = _covered(pieces, person, california, rule.days // 7)
    base = person.base_rate(california)
    lines = []
    for piece, split, cov in zip(pieces, splits, covered, strict=True):
        rate = Fraction(piece.rate) if piece.rate is not None else base
        when = IN if period[0] <= piece.workday <= period[1] else (
            EARLIER if piece.workday < period[0] else LATER)
        lines.append(Line(piece, rate, split, cov, charge_fn(piece, rate), when))
    return lines


def _covered(pieces: list[Piece], person: Employee, california: bool, weeks: int) -> list[int]:
    """Seconds of each piece a non-exempt salary pays for: all of them on a fluctuating
    workweek; otherwise the first `salary hours` of the period, in time order."""
    if not person.salaried or person.exempt:
        return [0] * len(pieces)
    if person.fluctuating:
        return [p.seconds for p in pieces]
    limit = int(round(person.salary_hours(california) * weeks * HOUR))
    beyond = after_threshold(pieces, limit)
    return [p.seconds - b for p, b in zip(pieces, beyond, strict=True)]
