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
from dataclasses import dataclass
from fractions import Fraction

from .bonuses import Allocation
from .differentials import Charge
from .exact import HALF, HOUR, ONE, ZERO, fsum, pay, to_cents
from .hours import Piece
from .rules import OvertimeRule, Split, after_threshold
from .staff import Employee
from .tally import EARLIER, IN, LATER, Tally, cached, tally

LEAVE_EARNING_CODES = {"PTO": "PTO", "Sick": "SICK", "Holiday": "HOL", "Bereavement": "BRV",
                       "Jury duty": "JURY"}
# What a Unit computes from its bonus shares: forgotten when a share is added.
_WITH_SHARES = ("_alvarado_shares", "regular_rate", "owed_rates", "overtime_owed",
                "overtime_premium", "trueups", "exact_gross", "gross")


@dataclass(eq=False, slots=True)  # compared and hashed by identity
class Line:
    """One worked piece of time in the period, priced, with its split: seconds at
    straight time, overtime and double time (see rules.Split)."""

    piece: Piece
    rate: Fraction  # dollars per hour for this row
    regular: int
    overtime: int
    double: int
    covered: int  # seconds the salary pays for
    charges: tuple[Charge, ...]
    when: str  # IN, EARLIER or LATER than the pay period being run

    @property
    def seconds(self) -> int:
        return self.piece.seconds

    @property
    def split(self) -> Split:
        """Its seconds at straight time, overtime and double time, as a Split."""
        return Split(self.regular, self.overtime, self.double)


@dataclass
class Unit:
    """One employee's overtime period: lines, leave, bonus shares and the money due.

    Its seconds are summed once (tally.py); each amount is computed from those sums the
    first time it is asked for, and kept."""

    person: Employee
    rule: OvertimeRule
    start: dt.date
    end: dt.date
    period: tuple[dt.date, dt.date]  # the pay period being run
    lines: list[Line]  # every worked piece given for the period, in time order
    leave: tuple[tuple[Piece, Fraction], ...]  # paid leave in the pay period, with its rate
    salary: Fraction  # the salary for this period's length (non-exempt salaried), else 0
    california_salary: bool  # salary counts as pay for 40 h a week (Lab. Code 515(d))
    shares: tuple[Allocation, ...] = ()

    def add_share(self, allocation: Allocation) -> None:
        """Attach a bonus share (and forget what was computed without it)."""
        self.shares = (*self.shares, allocation)
        for name in _WITH_SHARES:
            self.__dict__.pop(name, None)

    @cached
    def sums(self) -> Tally:
        """The period's seconds, summed once by what decides their money."""
        return tally(self.lines, self.leave, LEAVE_EARNING_CODES)

    # --- hours ----------------------------------------------------------------------
    @cached
    def _parts(self) -> dict[str, tuple[Line, ...]]:
        parts: dict[str, list[Line]] = {IN: [], EARLIER: [], LATER: []}
        for line in self.lines:
            parts[line.when].append(line)
        return {when: tuple(lines) for when, lines in parts.items()}

    def part(self, when: str) -> tuple[Line, ...]:
        """The lines dated inside (IN), before (EARLIER) or after (LATER) the pay period."""
        return self._parts[when]

    @property
    def hours(self) -> int:
        """Seconds worked in the whole period, every row given."""
        return self.sums.hours

    def total(self, what: str, when: str | None = None) -> int:
        """Seconds of `regular`, `overtime` or `double` (in one part, or all)."""
        return self.sums.seconds(what, when)

    def worked(self, when: str = IN) -> int:
        """Seconds worked in one part (by default the pay period being run)."""
        return self.sums.parts[when][0]

    @property
    def straddles(self) -> bool:
        return bool(self._parts[EARLIER] or self._parts[LATER])

    @cached
    def leave_seconds(self) -> int:
        return sum(p.seconds for p, _ in self.leave)

    # --- the regular rate -----------------------------------------------------------
    @cached
    def salary_in_rate(self) -> Fraction:
        """The salary's part of the regular rate's numerator."""
        if not self.salary:
            return ZERO
        if self.california_salary:  # salary / 40 per hour worked (Lab. Code 515(d))
            return pay(self.person.base_rate(True), self.sums.covered)
        return self.salary

    @cached
    def straight_all(self) -> Fraction:
        """Straight time of every line given (the hours a salary does not pay for)."""
        return self.sums.amount(self.sums.straight)

    @cached
    def differential_all(self) -> Fraction:
        """Differentials (not creditable premiums) of every line given."""
        return self.sums.charge_amount(self.sums.charges, creditable=False)

    @cached
    def base_pay(self) -> Fraction:
        """All pay for the period's work except bonuses: salary, straight time and
        differentials (creditable premiums excluded, 778.207(b))."""
        return fsum((self.salary_in_rate, self.straight_all, self.differential_all))

    def shares_known(self) -> list[Allocation]:
        """Bonus shares already paid by the end of the pay period being run."""
        return [a for a in self.shares if a.share and a.bonus.known_by(self.period[1])]

    def federal_shares(self) -> Fraction:
        """Bonus shares that enter the regular rate itself (not Alvarado ones)."""
        if not self.shares:
            return ZERO
        return fsum(a.share for a in self.shares_known() if not a.bonus.alvarado(self.rule.name))

    @cached
    def _alvarado_shares(self) -> list[Allocation]:
        return [a for a in self.shares_known() if a.bonus.alvarado(self.rule.name)]

    @cached
    def regular_rate(self) -> Fraction:
        """All pay for the period's work / hours worked, exactly (0 with no hours)."""
        if not self.hours:
            return ZERO
        pay_ = fsum((self.base_pay, self.federal_shares())) if self.shares else self.base_pay
        return Fraction(pay_.numerator * HOUR, pay_.denominator * self.hours)

    def alvarado_rate(self, allocation: Allocation) -> Fraction:
        """A flat-sum bonus's value per non-overtime hour (Alvarado)."""
        regular = self.total("regular") or self.hours
        return allocation.share * HOUR / regular if regular else ZERO

    # --- overtime owed --------------------------------------------------------------
    @cached
    def owed_rates(self) -> tuple[Fraction, Fraction]:
        """Overtime premium owed per overtime hour and per double-time hour: 1/2 and 1 x
        the regular rate, plus 1.5 and 2 x each flat-sum bonus's value (Alvarado)."""
        rate = self.regular_rate
        per_ot, per_dt = rate * HALF, rate
        for a in self._alvarado_shares:
            value = self.alvarado_rate(a)
            per_ot += value * Fraction(3, 2)
            per_dt += value * 2
        return per_ot, per_dt

    def owed(self, overtime: int, double: int) -> Fraction:
        """Overtime premium owed for `overtime` and `double` seconds of this period."""
        if not (overtime or double):
            return ZERO
        if not self._alvarado_shares:  # rate x (overtime / 2 + double) / 3600, at once
            rate = self.regular_rate
            return Fraction(rate.numerator * (overtime + 2 * double), rate.denominator * 2 * HOUR)
        per_ot, per_dt = self.owed_rates
        return (per_ot * overtime + per_dt * double) / HOUR

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
    @cached
    def straight_pay(self) -> Fraction:
        if not self.straddles:  # every line is in the pay period
            return self.straight_all
        return self.sums.amount(self.sums.straight_in)

    @cached
    def differential_pay(self) -> Fraction:
        if not self.straddles:
            return self.differential_all
        return self.sums.charge_amount(self.sums.charges_in, creditable=False)

    @cached
    def premium_pay(self) -> Fraction:
        """Creditable premiums (1.5x or more) paid for this pay period's hours."""
        return self.sums.charge_amount(self.sums.charges_in, creditable=True)

    @cached
    def overtime_owed(self) -> Fraction:
        return self.owed(self.total("overtime", IN), self.total("double", IN))

    @property
    def premium_credit(self) -> Fraction:
        """Creditable premiums counted toward the overtime owed (778.202(c), 778.207)."""
        return min(self.premium_pay, self.overtime_owed)

    @cached
    def overtime_premium(self) -> Fraction:
        """Overtime premium still due after the credit."""
        return self.overtime_owed - self.premium_credit

    def overtime_share(self) -> Fraction:
        """The part of the overtime owed still due after the credit (1 without one; 0
        when none is owed)."""
        owed, premium = self.overtime_owed, self.overtime_premium
        if not owed:
            return ZERO
        return ONE if premium == owed else premium / owed

    @cached
    def leave_pay(self) -> Fraction:
        sums = self.sums
        by_rate: dict = {}
        for (_, key), seconds in sums.leave.items():
            by_rate[key] = by_rate.get(key, 0) + seconds
        return sums.amount(by_rate, sums.leave_rates)

    @cached
    def trueups(self) -> list[tuple[Allocation, Fraction]]:
        """(bonus share, overtime true-up) for bonuses paid in this run that cover hours
        of this period paid in earlier pay periods."""
        if not self._parts[EARLIER]:
            return []
        return [(a, self.trueup(a)) for a in self.shares if a.bonus.paid_now]

    def trueup_total(self) -> Fraction:
        return fsum(amount for _, amount in self.trueups) if self.trueups else ZERO

    @cached
    def exact_gross(self) -> Fraction:
        return fsum((self.straight_pay, self.differential_pay, self.premium_pay,
                     self.overtime_premium, self.leave_pay,
                     *(amount for _, amount in self.trueups)))

    @cached
    def gross(self):
        """The period's pay in this pay period, rounded half-up to cents once."""
        return to_cents(self.exact_gross)

    def earnings(self) -> dict[str, list]:
        """Earning code -> [seconds, exact amount]; the amounts add up to exact_gross."""
        sums = self.sums
        out: dict[str, list] = {}
        regular_in = sums.regular_in
        regular = sum(regular_in.values())
        if regular:
            # With no uncovered overtime, the regular hours' pay is all the straight time.
            only = regular_in is sums.straight_in
            out["REG"] = [regular, self.straight_pay if only else sums.amount(regular_in)]
        overtime, double = self.total("overtime", IN), self.total("double", IN)
        if overtime or double:
            share = self.overtime_share()
            for code, seconds, by_rate, owed in (
                    ("OT", overtime, sums.overtime_in, (overtime, 0)),
                    ("DT", double, sums.double_in, (0, double))):
                if seconds:
                    out[code] = [seconds, fsum((sums.amount(by_rate),
                                                self._owed_due(*owed, share)))]
        if sums.charges_in:
            for code, creditable, amount in (("DIFF", False, self.differential_pay),
                                             ("PREM", True, self.premium_pay)):
                seconds, found = sums.charge_seconds(creditable)
                if found:
                    out[code] = [seconds, amount]
        if sums.leave:
            leave: dict[str, dict] = {}
            for (code, key), seconds in sums.leave.items():
                by_rate = leave.setdefault(code, {})
                by_rate[key] = by_rate.get(key, 0) + seconds
            for code, by_rate in leave.items():
                out[code] = [sum(by_rate.values()), sums.amount(by_rate, sums.leave_rates)]
        if self.trueups:
            trueup = self.trueup_total()
            if trueup:
                out["OTADJ"] = [self.total("overtime", EARLIER) + self.total("double", EARLIER),
                                trueup]
        return out

    def department_pay(self, home: str) -> tuple[dict[str, int], dict[str, Fraction]]:
        """(seconds worked, exact pay) in this pay period by department charged: a row's
        Department, else `home`; the true-up goes to `home`."""
        sums = self.sums
        if all(dept is None for dept in sums.worked_in) and \
                all(dept is None for dept, _ in sums.leave_departments):
            # Everything is charged to `home`: all of the period's pay.
            worked = {home: sums.worked_in[None][0]} if sums.worked_in else {}
            return worked, {home: self.exact_gross}
        share = self.overtime_share()
        seconds: dict[str, int] = {}
        money: dict[str, list[Fraction]] = {home: [self.trueup_total()]}
        for dept, charged in sums.departments.items():
            name = dept or home
            seconds[name] = seconds.get(name, 0) + charged.seconds
            money.setdefault(name, []).extend((
                sums.amount(charged.straight), sums.charge_amount(charged.charges),
                self._owed_due(charged.overtime, charged.double, share)))
        leave: dict[str, dict] = {}
        for (dept, key), secs in sums.leave_departments.items():
            by_rate = leave.setdefault(dept or home, {})
            by_rate[key] = by_rate.get(key, 0) + secs
        for name, by_rate in leave.items():
            money.setdefault(name, []).append(sums.amount(by_rate, sums.leave_rates))
        return seconds, {name: fsum(amounts) for name, amounts in money.items()}

    def _owed_due(self, overtime: int, double: int, share: Fraction) -> Fraction:
        """The overtime premium still due (after the credit: `share` of what is owed) on
        `overtime` and `double` seconds of the pay period."""
        if not share:
            return ZERO
        owed = self.owed(overtime, double)
        return owed if share == ONE else owed * share


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
        lines.append(Line(piece, rate, *split, cov, charge_fn(piece), when))
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
