"""The seconds of one overtime period, summed once by whatever decides their money.

Every amount in a period is rate x seconds / 3600: straight time at a row's rate, a
differential's extra per hour, the overtime premium at the regular rate, paid leave.
Summing the seconds per rate first and multiplying once gives exactly the amount that
adding each line's money gives (the arithmetic is exact, so grouping cannot change a
result), with a few Fraction operations per period instead of several per line.

A rate is keyed by the row's Rate override (a Decimal), or None for the base rate:
within one employee's period the key decides the rate.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from .exact import HOUR, ZERO

IN, EARLIER, LATER = "in", "earlier", "later"
WHATS = ("regular", "overtime", "double")
RateKey = Decimal | None  # a row's Rate override, or None for the base rate


def _seconds() -> defaultdict:
    return defaultdict(int)


@dataclass
class Charged:
    """Seconds of one department's lines in the pay period, by what decides their money."""

    seconds: int = 0  # worked
    straight: defaultdict = field(default_factory=_seconds)  # rate key -> uncovered seconds
    charges: defaultdict = field(default_factory=_seconds)  # (name, rate key) -> seconds
    overtime: int = 0
    double: int = 0


@dataclass
class Tally:
    """One period's lines and paid leave, summed in whole seconds."""

    hours: int = 0  # seconds worked, every line given
    covered: int = 0  # seconds a salary pays for, every line
    # (what, when) -> seconds; when None = every line (what: regular, overtime, double)
    split: defaultdict = field(default_factory=_seconds)
    worked: defaultdict = field(default_factory=_seconds)  # when -> seconds worked
    rates: dict = field(default_factory=dict)  # rate key -> dollars per hour
    straight: defaultdict = field(default_factory=_seconds)  # rate key -> uncovered s, all
    # Uncovered seconds in the pay period per rate key: all, regular, overtime, double.
    straight_in: defaultdict = field(default_factory=_seconds)
    regular_in: defaultdict = field(default_factory=_seconds)
    overtime_in: defaultdict = field(default_factory=_seconds)
    double_in: defaultdict = field(default_factory=_seconds)
    extras: dict = field(default_factory=dict)  # (name, rate key) -> (extra rate, creditable)
    charges: defaultdict = field(default_factory=_seconds)  # (name, rate key) -> s, all lines
    charges_in: defaultdict = field(default_factory=_seconds)  # the same, in the pay period
    departments: dict = field(default_factory=dict)  # a row's Department or None -> Charged
    # Paid leave: (earning code, rate key) -> seconds; rate key -> rate; department too.
    leave: dict = field(default_factory=dict)
    leave_rates: dict = field(default_factory=dict)
    leave_departments: defaultdict = field(default_factory=_seconds)  # (dept, rate key) -> s

    def amount(self, seconds_by_rate: dict, rates: dict | None = None) -> Fraction:
        """Sum of rate x seconds / 3600 over {rate key: seconds}, exactly."""
        rates = self.rates if rates is None else rates
        total = ZERO
        for key, seconds in seconds_by_rate.items():
            if seconds:
                total += rates[key] * seconds
        return total / HOUR

    def charge_amount(self, seconds_by_charge: dict, creditable: bool | None = None
                      ) -> Fraction:
        """Sum of extra rate x seconds / 3600 over {(name, rate key): seconds}, for the
        creditable premiums, the other differentials, or (None) both."""
        total = ZERO
        for key, seconds in seconds_by_charge.items():
            extra, credit = self.extras[key]
            if creditable is None or credit == creditable:
                total += extra * seconds
        return total / HOUR

    def charge_seconds(self, creditable: bool) -> tuple[int, bool]:
        """(seconds, any) of the pay period's creditable premiums or other differentials."""
        seconds, found = 0, False
        for key, s in self.charges_in.items():
            if self.extras[key][1] == creditable:
                seconds, found = seconds + s, True
        return seconds, found


def tally(lines: list, leave: list, leave_codes: dict[str, str]) -> Tally:
    """Sum a period's lines (see pay.Line) and paid leave ((piece, rate) pairs) in one
    pass."""
    t = Tally()
    split, worked, rates = t.split, t.worked, t.rates
    hours = covered = 0
    for line in lines:
        piece = line.piece
        key, seconds, when, sp = piece.rate, piece.seconds, line.when, line.split
        if key not in rates:
            rates[key] = line.rate
        free = seconds - line.covered
        hours += seconds
        covered += line.covered
        worked[when] += seconds
        t.straight[key] += free
        for what, value in (("regular", sp.regular), ("overtime", sp.overtime),
                            ("double", sp.double)):
            if value:
                split[(what, None)] += value
                split[(what, when)] += value
        inside = when == IN
        if inside:
            dept = t.departments.get(piece.department or None)
            if dept is None:
                dept = t.departments[piece.department or None] = Charged()
            dept.seconds += seconds
            dept.straight[key] += free
            dept.overtime += sp.overtime
            dept.double += sp.double
            t.straight_in[key] += free
            if free:
                double = min(sp.double, free)
                overtime = min(sp.overtime, free - double)
                t.regular_in[key] += free - double - overtime
                t.overtime_in[key] += overtime
                t.double_in[key] += double
        for charge in line.charges:
            name = (charge.name, key)
            if name not in t.extras:
                t.extras[name] = (charge.extra, charge.creditable)
            t.charges[name] += charge.seconds
            if inside:
                t.charges_in[name] += charge.seconds
                dept.charges[name] += charge.seconds
    t.hours, t.covered = hours, covered
    for piece, rate in leave:
        key = piece.rate
        if key not in t.leave_rates:
            t.leave_rates[key] = rate
        code = leave_codes[piece.pay_code]
        t.leave[(code, key)] = t.leave.get((code, key), 0) + piece.seconds
        t.leave_departments[(piece.department or None, key)] += piece.seconds
    return t
