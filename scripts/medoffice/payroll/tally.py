"""The seconds of one overtime period, summed once by whatever decides their money.

Every amount in a period is rate x seconds / 3600: straight time at a row's rate, a
differential's extra per hour, the overtime premium at the regular rate, paid leave.
Summing the seconds per rate first and multiplying once gives exactly the amount that
adding each line's money gives (the arithmetic is exact, so grouping cannot change a
result), with one Fraction per amount instead of several per line.

A rate is keyed by the row's Rate override (a Decimal), or None for the base rate:
within one employee's period the key decides the rate. One pass over the lines sums
seconds by (rate key, where): where is the department charged (a row's Department, or
None for the home one) for the lines of the pay period, OUTSIDE for the others. The
sums over the whole period, over the pay period and per department are made from
those few entries when first asked for. The sums are plain dicts of ints, which the
garbage collector never has to walk.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

from .exact import HOUR, ZERO

IN, EARLIER, LATER = "in", "earlier", "later"
WHATS = {"worked": 0, "regular": 1, "overtime": 2, "double": 3}
OUTSIDE = object()  # where a line outside the pay period is summed (no department)


class cached:  # noqa: N801 (used like functools.cached_property)
    """A property computed on first use and kept in the instance: like
    functools.cached_property, without its lock (Python 3.11 takes it on every first
    use, a noticeable cost over tens of thousands of periods)."""

    def __init__(self, method):
        self.method, self.name, self.__doc__ = method, method.__name__, method.__doc__

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = self.method(instance)
        setattr(instance, self.name, value)  # found before this descriptor from now on
        return value


@dataclass
class Charged:
    """Seconds of one department's lines in the pay period, by what decides their money."""

    seconds: int = 0  # worked
    straight: dict = field(default_factory=dict)  # rate key -> uncovered seconds
    charges: dict = field(default_factory=dict)  # (name, rate key) -> seconds
    overtime: int = 0
    double: int = 0


class Tally:
    """One period's lines and paid leave, summed in whole seconds (see tally())."""

    def __init__(self) -> None:
        # when -> [worked, regular, overtime, double]; the key None: every line
        self.parts: dict = {IN: [0, 0, 0, 0], EARLIER: [0, 0, 0, 0], LATER: [0, 0, 0, 0]}
        self.covered = 0  # seconds a salary pays for, every line
        self.rates: dict = {}  # rate key -> dollars per hour
        self.uncovered: dict = {}  # (rate key, where) -> seconds beyond the salary
        # Uncovered overtime and double-time seconds in the pay period per rate key (the
        # uncovered seconds of a line are its overtime ones first; see pay.Line).
        self.overtime_in: dict = {}
        self.double_in: dict = {}
        self.charged: dict = {}  # (differential name, rate key, where) -> seconds
        self.differentials: dict = {}  # differential name -> Differential
        self.worked_in: dict = {}  # department -> [worked, overtime, double] (pay period)
        # Paid leave: (earning code, rate key) -> seconds; rate key -> rate; by department.
        self.leave: dict = {}
        self.leave_rates: dict = {}
        self.leave_departments: dict = {}  # (department, rate key) -> seconds

    @property
    def hours(self) -> int:
        """Seconds worked, every line given."""
        return self.parts[None][0]

    def seconds(self, what: str, when: str | None = None) -> int:
        """Seconds `worked`, `regular`, `overtime` or `double`, in one part or (None) all."""
        return self.parts[when][WHATS[what]]

    # --- sums over the whole period, the pay period, a department ------------------------
    @cached
    def straight(self) -> dict:
        """Rate key -> uncovered seconds, every line."""
        return _by_rate(self.uncovered, lambda where: True)

    @cached
    def straight_in(self) -> dict:
        """Rate key -> uncovered seconds in the pay period."""
        return _by_rate(self.uncovered, lambda where: where is not OUTSIDE)

    @property
    def regular_in(self) -> dict:
        """Uncovered seconds at straight time in the pay period per rate key."""
        if not (self.overtime_in or self.double_in):
            return self.straight_in
        return {key: seconds - self.overtime_in.get(key, 0) - self.double_in.get(key, 0)
                for key, seconds in self.straight_in.items()}

    @cached
    def extras(self) -> dict:
        """(differential name, rate key) -> (dollars per hour it adds, creditable)."""
        out = {}
        for name, key, _ in self.charged:
            if (name, key) not in out:
                diff = self.differentials[name]
                out[(name, key)] = (diff.extra_rate(self.rates[key]), diff.creditable)
        return out

    @cached
    def charges(self) -> dict:
        """(differential name, rate key) -> seconds, every line."""
        return _by_charge(self.charged, lambda where: True)

    @cached
    def charges_in(self) -> dict:
        """(differential name, rate key) -> seconds in the pay period."""
        return _by_charge(self.charged, lambda where: where is not OUTSIDE)

    @cached
    def departments(self) -> dict:
        """Department (None: the home one) -> its lines of the pay period, summed."""
        out = {dept: Charged(worked, overtime=overtime, double=double)
               for dept, (worked, overtime, double) in self.worked_in.items()}
        for (key, where), seconds in self.uncovered.items():
            if where is not OUTSIDE:
                out[where].straight[key] = seconds
        for (name, key, where), seconds in self.charged.items():
            if where is not OUTSIDE:
                out[where].charges[(name, key)] = seconds
        return out

    # --- money ---------------------------------------------------------------------------
    def amount(self, seconds_by_rate: dict, rates: dict | None = None) -> Fraction:
        """Sum of rate x seconds / 3600 over {rate key: seconds}, exactly."""
        rates = self.rates if rates is None else rates
        return _sum_products((rates[key], seconds) for key, seconds in seconds_by_rate.items())

    def charge_amount(self, seconds_by_charge: dict, creditable: bool | None = None
                      ) -> Fraction:
        """Sum of extra rate x seconds / 3600 over {(name, rate key): seconds}, for the
        creditable premiums, the other differentials, or (None) both."""
        extras = self.extras
        return _sum_products((extras[key][0], seconds)
                             for key, seconds in seconds_by_charge.items()
                             if creditable is None or extras[key][1] == creditable)

    def charge_seconds(self, creditable: bool) -> tuple[int, bool]:
        """(seconds, any) of the pay period's creditable premiums or other differentials."""
        seconds, found = 0, False
        for key, s in self.charges_in.items():
            if self.extras[key][1] == creditable:
                seconds, found = seconds + s, True
        return seconds, found


def _by_rate(uncovered: dict, keep) -> dict:
    out: dict = {}
    for (key, where), seconds in uncovered.items():
        if keep(where):
            out[key] = out.get(key, 0) + seconds
    return out


def _by_charge(charged: dict, keep) -> dict:
    out: dict = {}
    for (name, key, where), seconds in charged.items():
        if keep(where):
            out[(name, key)] = out.get((name, key), 0) + seconds
    return out


def _sum_products(terms) -> Fraction:
    """Sum of rate x seconds / 3600 over (Fraction rate, int seconds) terms, in integers
    over a common denominator: one Fraction at the end instead of three per term."""
    numerator, denominator = 0, 1
    for rate, seconds in terms:
        if not seconds:
            continue
        n, d = rate.numerator, rate.denominator
        if d != denominator:
            common = math.lcm(denominator, d)
            numerator *= common // denominator
            n *= common // d
            denominator = common
        numerator += n * seconds
    return Fraction(numerator, denominator * HOUR) if numerator else ZERO


def _add(sums: dict, key, seconds: int) -> None:
    sums[key] = sums.get(key, 0) + seconds


def tally(lines: list, leave: tuple, leave_codes: dict[str, str]) -> Tally:
    """Sum a period's lines (see pay.Line) and paid leave ((piece, rate) pairs) in one
    pass."""
    t = Tally()
    parts, rates, uncovered, charged = t.parts, t.rates, t.uncovered, t.charged
    differentials, worked_in = t.differentials, t.worked_in
    covered = 0
    for line in lines:
        piece, when = line.piece, line.when
        key, seconds = piece.rate, piece.seconds
        if key not in rates:
            rates[key] = line.rate
        part = parts[when]
        part[0] += seconds
        part[1] += line.regular
        part[2] += line.overtime
        part[3] += line.double
        covered += line.covered
        free = seconds - line.covered
        if when == IN:
            where = piece.department or None
            dept = worked_in.get(where)
            if dept is None:
                dept = worked_in[where] = [0, 0, 0]
            dept[0] += seconds
            dept[1] += line.overtime
            dept[2] += line.double
            if line.overtime or line.double:  # the uncovered seconds are these first
                double = min(line.double, free)
                overtime = min(line.overtime, free - double)
                if overtime:
                    _add(t.overtime_in, key, overtime)
                if double:
                    _add(t.double_in, key, double)
        else:
            where = OUTSIDE
        uncovered[(key, where)] = uncovered.get((key, where), 0) + free
        for charge in line.charges:
            name = charge.name
            if name not in differentials:
                differentials[name] = charge.differential
            charged[(name, key, where)] = charged.get((name, key, where), 0) + charge.seconds
    t.covered = covered
    parts[None] = [sum(values) for values in zip(*parts.values(), strict=True)]
    # Tuples of ints: the garbage collector stops walking them.
    t.parts = {when: tuple(values) for when, values in parts.items()}
    t.worked_in = {where: tuple(values) for where, values in worked_in.items()}
    for piece, rate in leave:
        key = piece.rate
        if key not in t.leave_rates:
            t.leave_rates[key] = rate
        _add(t.leave, (leave_codes[piece.pay_code], key), piece.seconds)
        _add(t.leave_departments, (piece.department or None, key), piece.seconds)
    return t
