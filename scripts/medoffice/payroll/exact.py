"""Exact payroll arithmetic: rational numbers inside, Decimal cents outside.

Pay is a sum of rate x seconds / 3600 terms and quotients such as the regular rate
(pay / hours). Decimal cannot hold 1/3 exactly, so every intermediate amount is a
`Fraction` built from the Decimal inputs; nothing is rounded until a workweek's money
is rounded half-up to cents, once. Because of that, reordering rows or splitting a
punch in two never moves a result by even a fraction of a cent.
"""

from __future__ import annotations

import functools
import math
from decimal import Decimal
from fractions import Fraction

HOUR = 3600
ZERO = Fraction(0)
ONE = Fraction(1)
NO_CENTS = Decimal("0.00")
HALF = Fraction(1, 2)


def q(value) -> Fraction:
    """A Decimal, int or str amount as an exact Fraction (None counts as 0)."""
    if value is None:
        return ZERO
    if isinstance(value, Fraction):
        return value
    return Fraction(Decimal(value)) if not isinstance(value, int) else Fraction(value)


def fsum(values) -> Fraction:
    """The exact sum of Fractions (or ints): their numerators added over a common
    denominator in integers, and one Fraction made at the end."""
    numerator, denominator, terms, last = 0, 1, 0, ZERO
    for value in values:
        n, d = value.numerator, value.denominator
        if not n:
            continue
        terms, last = terms + 1, value
        if d != denominator:
            common = math.lcm(denominator, d)
            numerator *= common // denominator
            n *= common // d
            denominator = common
        numerator += n
    if terms == 1 and isinstance(last, Fraction):
        return last  # one amount and zeros: that amount itself
    return Fraction(numerator, denominator) if numerator else ZERO


def pay(rate: Fraction, seconds: int) -> Fraction:
    """Money for `seconds` at `rate` dollars per hour, exactly."""
    return rate * seconds / HOUR


def rounded(value: Fraction | int, places: int) -> Decimal:
    """Round half-up (away from zero on .5) to `places` decimals, as a Decimal."""
    if not isinstance(value, (int, Fraction)):
        value = q(value)
    return rounded_ratio(value.numerator, value.denominator, places)


def rounded_ratio(numerator: int, denominator: int, places: int) -> Decimal:
    """numerator / denominator (denominator > 0) rounded half-up to `places` decimals, in
    integers: floor(|n| x 10^places / d + 1/2), with the sign put back."""
    return Decimal(_scaled(numerator, denominator, places)).scaleb(-places)


def _scaled(numerator: int, denominator: int, places: int) -> int:
    """numerator / denominator x 10^places rounded half-up (away from zero), an int."""
    whole = (2 * abs(numerator) * 10 ** places + denominator) // (2 * denominator)
    return -whole if numerator < 0 else whole


def to_cents(value: Fraction) -> Decimal:
    """Money rounded half-up to cents."""
    return rounded(value, 2)


@functools.lru_cache(maxsize=1 << 16)
def hours(seconds: int | Fraction) -> Decimal:
    """Seconds as hours to 4 decimals (shown as 0.00 in the workbooks); remembered,
    because a payroll shows the same few thousand values again and again."""
    seconds = Fraction(seconds)
    return rounded_ratio(seconds.numerator, seconds.denominator * HOUR, 4)


def rate_per_hour(amount: Decimal, seconds: int) -> Decimal:
    """Dollars per hour of `amount` paid for `seconds` (seconds > 0), to 4 decimals."""
    numerator, denominator = amount.as_integer_ratio()
    return rounded_ratio(numerator * HOUR, denominator * seconds, 4)


def split_to_target(parts: list[Fraction], target: Decimal) -> list[Decimal]:
    """Round parts to cents so that they add up to `target` exactly.

    Each part is rounded half-up; the cents still missing (or in excess) go one at a
    time to the parts whose rounding lost (or gained) the most, ties to the first.
    `target` is at most a few cents from the exact sum (each workweek is rounded once).
    """
    cents = [_scaled(p.numerator, p.denominator, 2) if p else 0 for p in parts]
    if parts:
        gap = int(target.scaleb(2) - sum(cents))
        if gap:
            sign = 1 if gap > 0 else -1
            order = sorted(range(len(parts)),
                           key=lambda i: -(parts[i] - Fraction(cents[i], 100)) * sign)
            for n in range(abs(gap)):
                cents[order[n % len(order)]] += sign
    return [Decimal(c).scaleb(-2) if c else NO_CENTS for c in cents]


# --- how numbers read in sentences (pay stubs) ------------------------------------------


def money_text(value: Fraction | Decimal) -> str:
    """`$1,234.56` (rounded half-up to cents; negative as -$1.00)."""
    if not isinstance(value, (int, Fraction)):
        value = q(value)
    cents = _scaled(value.numerator, value.denominator, 2)
    dollars, rest = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}${dollars:,}.{rest:02d}"


def rate_text(value: Fraction) -> str:
    """A rate per hour: `$13.00` when it is a whole number of cents, else four decimals
    (`$11.1628`), because the exact rate (not a rounded one) is what the sums use."""
    if 100 % value.denominator == 0:  # a whole number of cents
        return money_text(value)
    shown = rounded(value, 4)
    return f"${shown:,.4f}"


@functools.lru_cache(maxsize=1 << 14)
def hours_text(seconds: int | Fraction) -> str:
    """`46.00 h`; more decimals only when two would not be exact (`0.3428 h`)."""
    value = Fraction(seconds) / HOUR
    if (value * 100).denominator == 1:
        return f"{rounded(value, 2):,.2f} h"
    return f"{rounded(value, 4):,.4f} h"
