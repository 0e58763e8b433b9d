"""Turn validated timesheet rows into pieces of time: one per row and workday.

A punch that crosses the workday start is split there (unless the office counts
overnight shifts on their start day), so each hour lands in the workday and workweek
in which it was worked. Time is counted in whole seconds (int), so sums are exact.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from ..intake import Records
from ..problems import Problem, error, warning
from ..settings import Settings
from .periods import workday_of, workday_start_moment

WORKED_CODES = ("Work", "Training")  # hours worked (count toward overtime)
LEAVE_CODES = ("PTO", "Sick", "Holiday", "Bereavement", "Jury duty")  # paid, not worked
LONG_SHIFT_SECONDS = 16 * 3600


class Piece(NamedTuple):
    """Part of one timesheet row that falls in one workday. (A named tuple: it holds
    only plain values, so a 100,000-row payroll's pieces cost the garbage collector
    nothing.)"""

    employee: str
    workday: dt.date
    start: dt.datetime | None  # None for rows given as Hours
    end: dt.datetime | None
    seconds: int
    pay_code: str
    rate: Decimal | None  # the row's Rate override, else None (base rate applies)
    department: str | None
    differential: str | None
    row: int  # index into the Time records
    # The unpaid break of the punch (taken from its middle), where it overlaps this piece.
    break_start: dt.datetime | None = None
    break_end: dt.datetime | None = None

    @property
    def worked(self) -> bool:
        return self.pay_code in WORKED_CODES

    def order_key(self, workday_starts_at: dt.time) -> tuple:
        """Time order: when the piece began (a row of Hours counts from the start of its
        workday), then its content, so that the order never depends on row order except
        between pieces that are alike in every way that matters to pay."""
        begin = self.start or workday_start_moment(self.workday, workday_starts_at)
        return (begin, self.end or begin, self.seconds, self.pay_code, self.rate or 0,
                self.department or "", self.differential or "", self.row)


def columns(records: Records, *names: str) -> list[list]:
    """The named columns of `records` as plain lists (`_index`: the row labels), for
    per-row loops: zipping them is far cheaper than a dict or a Series per row."""
    data = records.data
    return [data.index.tolist() if name == "_index" else data[name].tolist()
            for name in names]


def hours_to_seconds(hours: Decimal) -> int:
    """Hours as a Decimal -> whole seconds (half a second rounds up)."""
    return int((hours * 3600).to_integral_value(rounding="ROUND_HALF_UP"))


def split_rows(time: Records, settings: Settings, holidays: dict | None = None
               ) -> tuple[list[Piece], list[Problem]]:
    """Every timesheet row as pieces per workday, and the problems found on the way.

    `holidays` (date -> settings.Holiday) lets a Holiday row without Hours be paid the
    holiday's Paid hours.
    """
    holidays = holidays or {}
    pieces: list[Piece] = []
    problems: list[Problem] = []
    split = settings.overnight_shifts == "Split at workday start"
    shifts: dict[tuple, Shift] = {}  # timesheets repeat their shifts: each is split once
    for index, emp, day, code, start, end, brk, hours, rate, dept, diff in zip(*columns(
            time, "_index", "Employee ID", "Date", "Pay code", "In", "Out", "Unpaid break (min)",
            "Hours", "Rate", "Department", "Differential"), strict=True):
        code = code or "Work"
        if emp is None or day is None:
            continue  # already an error from intake
        has_in, has_out = start is not None, end is not None
        if code == "Holiday" and hours is None and not has_in and day in holidays:
            hours = holidays[day].paid_hours
        if code in LEAVE_CODES and hours is None:
            also = (f" ({day} is not on the office's holiday list, whose Paid hours a Holiday "
                    "row without Hours would get)") if code == "Holiday" else ""
            problems.append(error(
                "cell-required", f"{code} rows need Hours (paid leave is not punched){also}. "
                "Type the hours in the Hours column.", **time.where("Hours", index)))
            continue
        if has_in and has_out and hours is None:
            key = (day, start, end, brk)
            shift = shifts.get(key)
            if shift is None:
                shift = shifts[key] = split_shift(day, start, end, brk, settings.workday_starts_at,
                                                  split)
            problems.extend(_shift_problems(shift, start, end, brk, index, time))
            for workday, a, b, seconds, brk_start, brk_end in shift.spans:
                pieces.append(Piece(emp, workday, a, b, seconds, code, rate, dept, diff, index,
                                    brk_start, brk_end))
        elif hours is not None:
            if has_in != has_out:
                problems.append(warning(
                    "payroll-missing-punch", f"the row has {'In' if has_in else 'Out'} but no "
                    f"{'Out' if has_in else 'In'}; its Hours ({hours}) were paid instead.",
                    **time.where("Out" if has_in else "In", index)))
            seconds = hours_to_seconds(hours)
            if seconds > LONG_SHIFT_SECONDS:
                problems.append(warning(
                    "payroll-long-shift", f"{hours} hours in one row. Check the Hours; if "
                    "they really were worked in one day, leave it.", value=hours,
                    **time.where("Hours", index)))
            pieces.append(Piece(emp, day, None, None, seconds, code, rate, dept, diff, index))
        else:
            missing = "Out" if has_in else "In" if has_out else "In and Out"
            problems.append(error(
                "payroll-missing-punch",
                f"the row for {emp} on {day} has no {missing} and no Hours, so it cannot be "
                f"paid. Type the missing {missing} time, or the Hours.",
                **time.where("Out" if has_in else "In", index)))
    return pieces, problems


class Shift(NamedTuple):
    """A punch (date, In, Out, unpaid break) split at the workday starts."""

    length: int  # seconds from In to Out
    break_seconds: int
    # (workday, start, end, seconds worked, break start, break end) per workday; none
    # when the break is as long as the shift.
    spans: tuple[tuple, ...]


def split_shift(day: dt.date, clock_in: dt.time, clock_out: dt.time, break_minutes,
                workday_starts_at: dt.time, split: bool) -> Shift:
    """Split one punch into its workdays (at each workday start when `split`); the
    unpaid break is taken from the middle of the shift."""
    start = dt.datetime.combine(day, clock_in)
    end = dt.datetime.combine(day, clock_out)
    if end <= start:
        end += dt.timedelta(days=1)
    length = int((end - start).total_seconds())
    break_seconds = int(round(float(break_minutes or 0) * 60))
    if break_seconds >= length:
        return Shift(length, break_seconds, ())
    # The unpaid break is taken to sit in the middle of the shift.
    middle = start + (end - start) / 2
    brk_start = middle - dt.timedelta(seconds=break_seconds / 2)
    brk_end = brk_start + dt.timedelta(seconds=break_seconds)
    bounds = [start]
    if split:
        next_day = workday_of(start, workday_starts_at) + dt.timedelta(days=1)
        boundary = workday_start_moment(next_day, workday_starts_at)
        while boundary < end:
            bounds.append(boundary)
            boundary += dt.timedelta(days=1)
    bounds.append(end)
    spans = []
    remaining = length - break_seconds  # the last piece takes what rounding left over
    for i, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)):
        overlap = max(dt.timedelta(0), min(b, brk_end) - max(a, brk_start))
        seconds = int(round((b - a - overlap).total_seconds()))
        if i == len(bounds) - 2:
            seconds = remaining
        remaining -= seconds
        brk = (max(a, brk_start), min(b, brk_end)) if overlap else (None, None)
        spans.append((workday_of(a, workday_starts_at), a, b, seconds, *brk))
    return Shift(length, break_seconds, tuple(spans))


def _shift_problems(shift: Shift, clock_in: dt.time, clock_out: dt.time, break_minutes,
                    index, time: Records) -> list[Problem]:
    """The break as long as the shift (an error: not paid), or a very long shift."""
    length, break_seconds = shift.length, shift.break_seconds
    if break_seconds >= length:
        return [error(
            "cell-range", f"the unpaid break ({break_minutes} min) is as long as "
            f"the shift ({length / 3600:.2f} h). Check In, Out and the break.",
            **time.where("Unpaid break (min)", index))]
    if length - break_seconds > LONG_SHIFT_SECONDS:
        return [warning(
            "payroll-long-shift", f"a shift of {(length - break_seconds) / 3600:.2f} hours "
            f"({clock_in:%H:%M} to {clock_out:%H:%M}). Check In and Out; if the shift really "
            "was this long, leave it.", **time.where("Out", index))]
    return []
