"""The autopilot's calendar: which scheduled jobs are due at a given moment.

Pure functions of "now" and the settings (the clock is a parameter), so tests freeze
time. Every job runs at the `Autopilot time` setting (default 07:00):

- payroll:   the day after a pay period ends, for that period, once its timesheet is in;
- inventory: every `Inventory day` (default Monday), as of that day;
- budget:    on `Budget day` of each month (default the 3rd), as of the month before;
- digest:    every day, what needs attention.

Only the most recent moment of each job counts: a machine that was off for a week
catches up once, not seven times.
"""

from __future__ import annotations

import calendar as cal
import datetime as dt
from dataclasses import dataclass, field

from ..payroll.periods import pay_period
from ..schemas.settings import WEEKDAYS


@dataclass(frozen=True)
class Occurrence:
    """One scheduled moment of a job, and how to run it."""

    job: str  # "payroll", "inventory", "budget", "digest"
    command: str | None  # the registered command it runs; None for the digest
    at: dt.datetime  # the scheduled moment
    args: tuple[str, ...] = ()  # extra command-line arguments
    expect: dict = field(default_factory=dict)  # figures of a result that already covers it
    period: tuple[dt.date, dt.date] | None = None  # dates the inputs must cover (payroll)

    def describe(self) -> str:
        """`payroll for 2026-11-15 to 2026-11-28 (due 2026-11-29 07:00)`."""
        what = self.job
        if self.period:
            what += f" for {self.period[0]} to {self.period[1]}"
        elif "as_of" in self.expect:
            what += f" as of {self.expect['as_of']}"
        return f"{what} (due {self.at:%Y-%m-%d %H:%M})"


def _last_day(now: dt.datetime, at: dt.time) -> dt.date:
    """The latest day whose scheduled time has come: today, or yesterday before the time."""
    return now.date() if now.time() >= at else now.date() - dt.timedelta(days=1)


def payroll_occurrence(now: dt.datetime, settings) -> Occurrence:
    """The latest 'day after a pay period ended', for the period that ended."""
    at = settings.autopilot_time
    current_start, _ = pay_period(_last_day(now, at), settings.pay_frequency,
                                  settings.pay_period_start)
    ended = pay_period(current_start - dt.timedelta(days=1), settings.pay_frequency,
                       settings.pay_period_start)
    return Occurrence("payroll", "payroll", dt.datetime.combine(current_start, at),
                      args=("--period-start", ended[0].isoformat()),
                      expect={"period_start": ended[0].isoformat()}, period=ended)


def inventory_occurrence(now: dt.datetime, settings) -> Occurrence:
    """The latest inventory day (default Monday) at the autopilot time."""
    at = settings.autopilot_time
    day = _last_day(now, at)
    # WEEKDAYS starts on Sunday; date.weekday() counts from Monday.
    wanted = (WEEKDAYS.index(settings.inventory_day) - 1) % 7
    day -= dt.timedelta(days=(day.weekday() - wanted) % 7)
    return Occurrence("inventory", "inventory", dt.datetime.combine(day, at),
                      args=("--as-of", day.isoformat()), expect={"as_of": day.isoformat()})


def budget_occurrence(now: dt.datetime, settings) -> Occurrence:
    """The latest budget day of a month, reporting as of the end of the month before."""
    at = settings.autopilot_time
    day = _last_day(now, at)
    run_day = min(settings.budget_day, 28)
    if day.day < run_day:
        previous = day.replace(day=1) - dt.timedelta(days=1)
        day = previous.replace(day=run_day)
    else:
        day = day.replace(day=run_day)
    month_before = day.replace(day=1) - dt.timedelta(days=1)
    as_of = month_before.replace(day=cal.monthrange(month_before.year, month_before.month)[1])
    return Occurrence("budget", "budget", dt.datetime.combine(day, at),
                      args=("--as-of", as_of.isoformat()), expect={"as_of": as_of.isoformat()})


def digest_occurrence(now: dt.datetime, settings) -> Occurrence:
    """Today's digest once the autopilot time has come, else yesterday's."""
    day = _last_day(now, settings.autopilot_time)
    return Occurrence("digest", None, dt.datetime.combine(day, settings.autopilot_time))


RULES = (payroll_occurrence, inventory_occurrence, budget_occurrence, digest_occurrence)


def latest_occurrences(now: dt.datetime, settings) -> list[Occurrence]:
    """The most recent scheduled moment of every calendar job, at or before `now`."""
    return [rule(now, settings) for rule in RULES]


def due_occurrences(now: dt.datetime, settings, done) -> list[Occurrence]:
    """The calendar jobs whose latest moment has not been done yet.

    `done(job, at)` says whether a job was done for a moment (the journal's
    calendar_done).
    """
    return [o for o in latest_occurrences(now, settings) if not done(o.job, o.at)]
