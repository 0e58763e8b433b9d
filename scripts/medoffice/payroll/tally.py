"""The seconds of one overtime period, summed once by whatever decides their money.

Every amount in a period is rate x seconds / 3600: straight time at a row's rate, a
differential's extra per hour, the overtime premium at the regular rate, paid leave.
Summing the seconds per rate first and multiplying once gives exactly the amount that
adding each line's money gives (the arithmetic is exact, so grouping cannot change a
result), with one Fraction per amount instead of several per line.

A rate is keyed by the row's Rate override (a Decimal), or None for the base rate:
within one employee's period the key decides the rate. The sums are plain dicts of
ints, which the garbage collector never has to walk.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

from .exact import HOUR, ZERO

IN, EARLIER, LATER = "in", "earlier", "later"
WHATS = ("regular", "overtime", "double")


@dataclass
class Charged:
    """Seconds of one department's lines in the pay period, by what decides their money."""

    seconds: int = 0  # worked
    straight: dict = field(default_factory=dict)  # rate key -> uncovered seconds
    charges: dict = field(default_factory=dict)  # (name, rate key) -> seconds
    overtime: int = 0
    double: int = 0


@dataclass
class Tally:
    """One period's lines and paid leave, summed in whole seconds."""

    hours: int = 0  # seconds worked, every line given
    covered: int = 0  # seconds a salary pays for, every line
    # (what, when) -> seconds; when None = every line (what: regular, overtime, double)
    split: dict = field(default_factory=dict)
    worked: dict = field(default_factory=dict)  # when -> seconds worked
    rates: dict = field(default_factory=dict)  # rate key -> dollars per hour
    straight: dict = field(default_factory=dict)  # rate key -> uncovered seconds, all lines
    # Uncovered seconds in the pay period per rate key: all, regular, overtime, double.
    straight_in: dict = field(default_factory=dict)
    regular_in: dict = field(default_factory=dict)
    overtime_in: dict = field(default_factory=dict)
    double_in: dict = field(default_factory=dict)
    extras: dict = field(default_factory=dict)  # (name, rate key) -> (extra rate, creditable)
    charges: dict = field(default_factory=dict)  # (name, rate key) -> seconds, all lines
    charges_in: dict = field(default_factory=dict)  # the same, in the pay period
    departments: dict = field(default_factory=dict)  # a row's Department or None -> Charged
    # Paid leave: (earning code, rate key) -> seconds; rate key -> rate; department too.
    leave: dict = field(default_factory=dict)
    leave_rates: dict = field(default_factory=dict)
    leave_departments: dict = field(default_factory=dict)  # (dept, rate key) -> seconds

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
    rates, straight, extras, charges = t.rates, t.straight, t.extras, t.charges
    straight_in, departments = t.straight_in, t.departments
    # when -> [seconds, regular, overtime, double]
    parts: dict[str, list[int]] = {IN: [0, 0, 0, 0], EARLIER: [0, 0, 0, 0], LATER: [0, 0, 0, 0]}
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
        free = seconds - line.covered
        covered += line.covered
        straight[key] = straight.get(key, 0) + free
        inside = when == IN
        if inside:  # the pay period's lines: by department, and uncovered by kind
            dept = departments.get(piece.department or None)
            if dept is None:
                dept = departments[piece.department or None] = Charged()
            dept.seconds += seconds
            dept.straight[key] = dept.straight.get(key, 0) + free
            dept.overtime += line.overtime
            dept.double += line.double
            straight_in[key] = straight_in.get(key, 0) + free
            if free:
                double = min(line.double, free)
                overtime = min(line.overtime, free - double)
                _add(t.regular_in, key, free - double - overtime)
                _add(t.overtime_in, key, overtime)
                _add(t.double_in, key, double)
        for charge in line.charges:
            name = (charge.name, key)
            if name not in extras:
                extras[name] = (charge.differential.extra_rate(line.rate), charge.creditable)
            charges[name] = charges.get(name, 0) + charge.seconds
            if inside:
                _add(t.charges_in, name, charge.seconds)
                _add(dept.charges, name, charge.seconds)
    t.covered = covered
    for when, (seconds, *split) in parts.items():
        t.hours += seconds
        t.worked[when] = seconds
        for what, value in zip(WHATS, split, strict=True):
            t.split[(what, when)] = value
            _add(t.split, (what, None), value)
    for piece, rate in leave:
        key = piece.rate
        if key not in t.leave_rates:
            t.leave_rates[key] = rate
        _add(t.leave, (leave_codes[piece.pay_code], key), piece.seconds)
        _add(t.leave_departments, (piece.department or None, key), piece.seconds)
    return t
