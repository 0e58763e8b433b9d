"""Checks on the timesheet that do not stop a payroll: each returns Problems naming the
cell to look at. Small pure functions, one per check (run by compute._row_checks)."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict

from ..intake import Records
from ..problems import Problem, error, warning
from .hours import Piece, columns
from .staff import Employee

FULL_WEEK = 40 * 3600
KEY_COLUMNS = ("Employee ID", "Date", "In", "Out", "Unpaid break (min)", "Hours", "Pay code",
               "Rate", "Differential", "Department")


def unknown_employees(records: Records, names: dict[str, str]) -> list[Problem]:
    """Rows (of Time or Bonuses) whose Employee ID is not among `names` (the roster's
    IDs and names): an error, they cannot be paid. Suggests a close ID."""
    problems = []
    for index, emp in zip(*columns(records, "_index", "Employee ID"), strict=True):
        if emp is None or emp in names:
            continue
        near = difflib.get_close_matches(emp, list(names), 1, 0.7)
        hint = f" Did you mean {near[0]} ({names[near[0]]})?" if near else ""
        problems.append(error(
            "cell-unknown-ref", f"Employee ID {emp} is not on the Staff roster.{hint} Add them "
            "to the roster or correct the ID.", value=emp,
            **records.where("Employee ID", index)))
    return problems


def roster_names(staff: Records) -> dict[str, str]:
    """Every Employee ID the Staff sheets give (rows with other mistakes too), with its
    Name: what an ID elsewhere must match."""
    ids, names = columns(staff, "Employee ID", "Name")
    return {emp: name or "" for emp, name in zip(ids, names, strict=True) if emp is not None}


def _punch(day, start, end, hours) -> tuple[dt.datetime, dt.datetime] | None:
    if start is None or end is None or day is None or hours is not None:
        return None
    start = dt.datetime.combine(day, start)
    end = dt.datetime.combine(day, end)
    return start, end + dt.timedelta(days=1) if end <= start else end


def duplicate_rows(time: Records) -> tuple[list[Problem], set[int]]:
    """Rows that repeat an earlier row exactly (both are paid: the manager decides)."""
    problems, seen, duplicates = [], {}, set()
    keys = zip(*columns(time, *KEY_COLUMNS), strict=True)
    for index, key in zip(time.data.index.tolist(), keys, strict=True):
        if key[0] is None or key[1] is None:
            continue
        if key in seen:
            first = int(time.data.at[seen[key], "_row"])
            duplicates.add(index)
            problems.append(warning(
                "payroll-duplicate", f"this row repeats row {first} exactly, and both were "
                "paid. If it was entered twice, delete one.", value=key[0],
                **time.where("Employee ID", index)))
        else:
            seen[key] = index
    return problems, duplicates


def overlapping_punches(time: Records, duplicates: set[int]) -> list[Problem]:
    """Punches of one person that overlap in time (duplicates are reported once, above)."""
    spans = defaultdict(list)
    known: dict[tuple, tuple | None] = {}  # (date, In, Out, Hours) -> span: shifts repeat
    for index, emp, *punch in zip(*columns(time, "_index", "Employee ID", "Date", "In", "Out",
                                           "Hours"), strict=True):
        key = tuple(punch)
        if key not in known:
            known[key] = _punch(*punch)
        span = known[key]
        if span and index not in duplicates:
            spans[emp].append((span, index))
    problems = []
    for items in spans.values():
        items.sort()
        latest_end, latest_index = None, None
        for (start, end), index in items:
            if latest_end is not None and start < latest_end:
                other = int(time.data.at[latest_index, "_row"])
                problems.append(warning(
                    "payroll-overlap", f"this shift ({start:%Y-%m-%d %H:%M} to {end:%H:%M}) "
                    f"overlaps the shift on row {other}, and both were paid in full. Correct "
                    "the In or Out times, or delete the row entered twice.",
                    value=time.data.at[index, "In"], **time.where("In", index)))
            if latest_end is None or end > latest_end:
                latest_end, latest_index = end, index
    return problems


def outside_employment(time: Records, people: dict[str, Employee]) -> list[Problem]:
    """Rows dated before the hire date or after the termination date."""
    problems = []
    for index, emp, day in zip(*columns(time, "_index", "Employee ID", "Date"), strict=True):
        person = people.get(emp)
        if person is None or day is None or person.employed_on(day):
            continue
        when = (f"before {person.name}'s hire date ({person.hire})" if person.hire and
                day < person.hire else
                f"after {person.name}'s termination date ({person.termination})")
        problems.append(warning(
            "payroll-outside-employment", f"this row is dated {day}, {when}; it was paid as "
            "given. Check the date and the roster's Hire date / Termination date.",
            value=day, **time.where("Date", index)))
    return problems


def exempt_time(time: Records, people: dict[str, Employee],
                period: tuple[dt.date, dt.date]) -> list[Problem]:
    """Time rows in the period for exempt staff: their salary does not depend on them."""
    problems = []
    for index, emp, day in zip(*columns(time, "_index", "Employee ID", "Date"), strict=True):
        person = people.get(emp)
        if person is None or day is None or not person.exempt:
            continue
        if period[0] <= day <= period[1]:
            problems.append(warning(
                "payroll-exempt-time", f"{person.name} is exempt and paid a salary; time "
                "rows do not change their pay.", value=emp,
                **time.where("Employee ID", index)))
    return problems


def holiday_dates(time: Records, holidays: dict) -> list[Problem]:
    """Holiday rows on a date that is not on the office's holiday list."""
    problems = []
    for index, code, day in zip(*columns(time, "_index", "Pay code", "Date"), strict=True):
        if code == "Holiday" and day is not None and day not in holidays:
            problems.append(warning(
                "payroll-holiday-date", f"{day} is not on the office's holiday list "
                "(the Holidays sheet, or US federal holidays without it); the Holiday hours "
                "were paid as given. Check the date or the pay code.", value=day,
                **time.where("Pay code", index)))
    return problems


def part_time_over_40(pieces: list[Piece], people: dict[str, Employee], time: Records,
                      week_of, period: tuple[dt.date, dt.date]) -> list[Problem]:
    """Part-time or PRN staff who worked over 40 hours in a workweek of the period."""
    worked: dict[tuple[str, dt.date], int] = defaultdict(int)
    first_row: dict[tuple[str, dt.date], int] = {}
    in_period = set()
    weeks: dict[dt.date, dt.date] = {}
    for p in pieces:
        person = people.get(p.employee)
        if person is None or person.employment not in ("Part-time", "PRN") or not p.worked:
            continue
        week = weeks.get(p.workday)
        if week is None:
            week = weeks[p.workday] = week_of(p.workday)
        key = (p.employee, week)
        worked[key] += p.seconds
        first_row[key] = min(first_row.get(key, p.row), p.row)
        if period[0] <= p.workday <= period[1]:
            in_period.add(key)
    problems = []
    for key in sorted(k for k in worked if k in in_period and worked[k] > FULL_WEEK):
        person = people[key[0]]
        problems.append(warning(
            "payroll-part-time-40", f"{person.name} ({person.employment}) worked "
            f"{worked[key] / 3600:.2f} hours in the workweek starting {key[1]}. Check the "
            "hours, or their Employment on the roster.", value=key[0],
            **time.where("Employee ID", first_row[key])))
    return problems
