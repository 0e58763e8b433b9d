"""Pay periods, workdays and workweeks: the calendar arithmetic payroll stands on."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter

from ..schemas.settings import WEEKDAYS

PERIODS_PER_YEAR = {"Weekly": 52, "Biweekly": 26, "Semimonthly": 24, "Monthly": 12}


def pay_period(day: dt.date, frequency: str, anchor: dt.date) -> tuple[dt.date, dt.date]:
    """The pay period (first day, last day) that holds `day`."""
    if frequency in ("Weekly", "Biweekly"):
        length = 7 if frequency == "Weekly" else 14
        start = anchor + dt.timedelta(days=((day - anchor).days // length) * length)
        return start, start + dt.timedelta(days=length - 1)
    if frequency == "Semimonthly":
        last = calendar.monthrange(day.year, day.month)[1]
        if day.day <= 15:
            return day.replace(day=1), day.replace(day=15)
        return day.replace(day=16), day.replace(day=last)
    if frequency == "Monthly":
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    raise ValueError(f"unknown pay frequency {frequency!r}")


def busiest_period(days: list[dt.date], frequency: str, anchor: dt.date
                   ) -> tuple[dt.date, dt.date] | None:
    """The pay period holding the most of the given dates (earliest on a tie)."""
    if not days:
        return None
    counts = Counter(pay_period(d, frequency, anchor) for d in days)
    return max(sorted(counts), key=lambda p: counts[p])


def workday_of(moment: dt.datetime, workday_start: dt.time) -> dt.date:
    """The workday a moment belongs to, when workdays begin at `workday_start`."""
    offset = dt.timedelta(hours=workday_start.hour, minutes=workday_start.minute,
                          seconds=workday_start.second)
    return (moment - offset).date()


def workday_start_moment(day: dt.date, workday_start: dt.time) -> dt.datetime:
    """The moment the workday `day` begins."""
    return dt.datetime.combine(day, workday_start)


def week_start(day: dt.date, first_weekday: str) -> dt.date:
    """The first workday of the workweek holding workday `day`."""
    # Python: Monday=0 ... Sunday=6; WEEKDAYS starts at Sunday.
    first = (WEEKDAYS.index(first_weekday) - 1) % 7
    return day - dt.timedelta(days=(day.weekday() - first) % 7)


def fourteen_day_start(day: dt.date, anchor: dt.date) -> dt.date:
    """The first day of the fixed 14-day period (8 and 80) holding `day`."""
    return anchor + dt.timedelta(days=((day - anchor).days // 14) * 14)
