"""The fiscal calendar: which fiscal year a day is in, its months, and how much of it
has elapsed by an as-of date (the share that prorates the as-of month's budget)."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

from ..schemas.settings import MONTHS


def month_number(name: str) -> int:
    """`July` -> 7: the calendar month of a `Fiscal year starts` setting."""
    return MONTHS.index(name) + 1


def add_months(first: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after the month of `first`."""
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def month_end(day: dt.date) -> dt.date:
    """The last day of the month holding `day`."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def month_label(first: dt.date) -> str:
    """`Jan 2026`: how a month is named on the report."""
    return f"{MONTHS[first.month - 1][:3]} {first.year}"


@dataclass(frozen=True)
class FiscalYear:
    """Twelve months from `start` (the first day of the fiscal year)."""

    start: dt.date

    @cached_property
    def end(self) -> dt.date:
        """The last day of the fiscal year."""
        return add_months(self.start, 12) - dt.timedelta(days=1)

    @property
    def months(self) -> list[dt.date]:
        """The first day of each fiscal month, in fiscal order."""
        return [add_months(self.start, i) for i in range(12)]

    def month_index(self, day: dt.date) -> int | None:
        """0-based fiscal month of a day, or None when the day is outside the year."""
        if not self.start <= day <= self.end:
            return None
        return (day.year * 12 + day.month) - (self.start.year * 12 + self.start.month)

    def contains(self, day: dt.date) -> bool:
        """True when the day falls within this fiscal year."""
        return self.start <= day <= self.end

    @property
    def label(self) -> str:
        """`2026-01-01 to 2026-12-31`."""
        return f"{self.start.isoformat()} to {self.end.isoformat()}"


def fiscal_year_of(day: dt.date, start_month: int) -> FiscalYear:
    """The fiscal year (starting in `start_month`) that holds `day`."""
    year = day.year if day.month >= start_month else day.year - 1
    return FiscalYear(dt.date(year, start_month, 1))


@dataclass(frozen=True)
class Elapsed:
    """How far into its fiscal year an as-of date is.

    The as-of month counts as `day / days in the month`: the same share prorates that
    month's budget and makes the fraction of the year elapsed (DESIGN §5).
    """

    fiscal_year: FiscalYear
    as_of: dt.date

    @cached_property
    def month(self) -> int:
        """0-based fiscal month of the as-of date."""
        index = self.fiscal_year.month_index(self.as_of)
        if index is None:
            raise ValueError(f"{self.as_of} is outside {self.fiscal_year.label}")
        return index

    @property
    def days_in_month(self) -> int:
        return calendar.monthrange(self.as_of.year, self.as_of.month)[1]

    def share(self, month: int) -> Fraction:
        """The share of fiscal month `month` that is past: 1 before the as-of month, day /
        days in the month for it, 0 after."""
        return self.shares[month]

    @cached_property
    def shares(self) -> tuple[Fraction, ...]:
        """The share of each fiscal month that is past (see `share`)."""
        this = Fraction(self.as_of.day, self.days_in_month)
        return tuple(Fraction(1) if month < self.month else this if month == self.month
                     else Fraction(0) for month in range(12))

    @cached_property
    def fraction(self) -> Fraction:
        """(full fiscal months before the as-of month + day / days in month) / 12."""
        return (self.month + self.share(self.month)) / 12


def times(amount: Decimal, share: Fraction) -> Decimal:
    """An exact Decimal amount times an exact fraction (Decimal division, 28 digits)."""
    if share == 1:
        return amount
    return amount * share.numerator / share.denominator
