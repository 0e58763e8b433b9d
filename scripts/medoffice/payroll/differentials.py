"""Shift differentials and premiums (settings sheet `Differentials`).

A row gives exactly one amount: `Extra per hour`, `Extra percent` (of the row's base
rate) or `Pay multiplier`. Extra per hour, extra percent and multipliers below 1.5 are
shift differentials: part of the regular rate (29 CFR 778.207(b)). A multiplier of 1.5
or more is a premium for weekend or holiday work (778.203-205): its extra (multiplier -
1) x base rate is left out of the regular rate and credited toward the overtime owed in
the same workweek.

A differential with Days or a From/To window applies by itself to the worked time
inside its windows (a window belongs to the day it starts on; `To` at or before
`From` ends the next day; no From/To = the whole calendar day). One named in a Time
row's `Differential` column applies to every hour of that row. Windows with a time of
day cannot place a row given as Hours, so only whole-day windows reach such rows.
Extras add up; where several multipliers overlap, the highest applies.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..intake import Records
from ..problems import Problem, error, warning
from ..schemas.settings import WEEKDAYS
from .exact import HOUR, q
from .hours import Piece, columns
from .staff import Employee

CREDITABLE_MULTIPLIER = Decimal("1.5")
HOLIDAYS_DAY = "Holidays"
AMOUNTS = ("Extra per hour", "Extra percent", "Pay multiplier")


@dataclass(frozen=True)
class Differential:
    """One row of the Differentials sheet."""

    name: str
    days: tuple[str, ...]  # weekday names and/or "Holidays"; () = every day
    start: dt.time | None
    end: dt.time | None
    per_hour: Decimal | None
    percent: Decimal | None
    multiplier: Decimal | None
    roles: frozenset[str]  # normalised role names; empty = everyone
    row: int

    @property
    def automatic(self) -> bool:
        """True when it applies by itself to time inside its days or window."""
        return bool(self.days) or self.start is not None

    @property
    def creditable(self) -> bool:
        """A premium of 1.5x or more: excluded from the regular rate, credited to overtime."""
        return self.multiplier is not None and self.multiplier >= CREDITABLE_MULTIPLIER

    def for_role(self, role: str) -> bool:
        """True when the Roles filter lets this role have it."""
        return not self.roles or _norm(role) in self.roles

    def extra_rate(self, base: Fraction) -> Fraction:
        """Dollars per hour it adds on top of the base rate."""
        if self.per_hour is not None:
            return q(self.per_hour)
        if self.percent is not None:
            return base * q(self.percent) / 100
        return base * (q(self.multiplier) - 1)

    def describe(self) -> str:
        """`Night (+$2.00/h)`, `Evening (+10%)`, `Holiday (x1.5)`."""
        if self.per_hour is not None:
            return f"{self.name} (+${self.per_hour:,.2f}/h)"
        if self.percent is not None:
            return f"{self.name} (+{self.percent.normalize():f}%)"
        return f"{self.name} (x{self.multiplier.normalize():f})"


@dataclass(frozen=True)
class Charge:
    """A differential on part of one piece of time: its seconds, and what it adds per
    hour to `base` (the rate of those hours)."""

    name: str
    seconds: int
    creditable: bool
    differential: Differential
    base: Fraction

    @property
    def extra(self) -> Fraction:
        """Dollars per hour it adds."""
        return self.differential.extra_rate(self.base)

    @property
    def amount(self) -> Fraction:
        """Its exact money."""
        return self.extra * self.seconds / HOUR


def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", str(text).lower())


def load_differentials(records: Records | None) -> tuple[dict[str, Differential], list[Problem]]:
    """The Differentials sheet by normalised name, with its row problems (exactly one
    amount per row; From and To together)."""
    table: dict[str, Differential] = {}
    problems: list[Problem] = []
    if records is None:
        return table, problems
    for index, r in records.data.iterrows():
        if r["Name"] is None:
            continue
        given = [c for c in AMOUNTS if r[c] is not None]
        if len(given) != 1:
            said = "none of them" if not given else " and ".join(given)
            problems.append(error(
                "payroll-diff-amount", f"differential {r['Name']} needs exactly one of Extra "
                f"per hour, Extra percent or Pay multiplier; it has {said}. Keep one and clear "
                "the others (use two rows for two amounts).",
                **records.where(given[1] if len(given) > 1 else "Extra per hour", index)))
            continue
        if (r["From"] is None) != (r["To"] is None):
            missing = "To" if r["To"] is None else "From"
            problems.append(error(
                "cell-required", f"differential {r['Name']} has a time window with no "
                f"{missing}. Type both From and To, or clear both for the whole day.",
                **records.where(missing, index)))
            continue
        roles = frozenset(_norm(x) for x in re.split(r"[,;]", r["Roles"] or "") if _norm(x))
        table[_norm(r["Name"])] = Differential(
            name=r["Name"], days=tuple(r["Days"] or ()), start=r["From"], end=r["To"],
            per_hour=r["Extra per hour"], percent=r["Extra percent"],
            multiplier=r["Pay multiplier"], roles=roles, row=index)
    return table, problems


def check_time_differentials(time: Records, table: dict[str, Differential],
                             people: dict[str, Employee]) -> list[Problem]:
    """Every name in the Time sheet's Differential column must be on the Differentials
    sheet (error naming the cell); a named one that does not fit the row is a warning."""
    problems = []
    for index, name, code, emp in zip(*columns(time, "_index", "Differential", "Pay code",
                                               "Employee ID"), strict=True):
        if not name:
            continue
        diff = table.get(_norm(name))
        if diff is None:
            known = [d.name for d in table.values()]
            near = difflib.get_close_matches(name, known, 1, 0.6)
            hint = f" Did you mean {near[0]}?" if near else ""
            where = ("not on the Differentials sheet of the settings workbook" if table
                     else "named, but the settings workbook has no Differentials sheet")
            problems.append(error(
                "payroll-diff-unknown", f'differential "{name}" is {where}.{hint} Add it there '
                "(Name and one amount) or correct the name here.", value=name,
                **time.where("Differential", index)))
            continue
        code = code or "Work"
        person = people.get(emp)
        if code not in ("Work", "Training"):
            problems.append(warning(
                "payroll-diff-ignored", f"differential {diff.name} was not applied: this is a "
                f"{code} row, and differentials are paid on hours worked only.", value=name,
                **time.where("Differential", index)))
        elif person is not None and not diff.for_role(person.role):
            problems.append(warning(
                "payroll-diff-ignored", f"differential {diff.name} was not applied: it is "
                f"limited to other roles than {person.name}'s ({person.role}). Add the role to "
                "its Roles on the Differentials sheet if it should apply.", value=name,
                **time.where("Differential", index)))
    return problems


def charges(piece: Piece, person: Employee, base: Fraction, table: dict[str, Differential],
            holidays: set[dt.date]) -> list[Charge]:
    """The differentials earned on one worked piece of time, with exact amounts."""
    if not table or not piece.worked:
        return []
    named = table.get(_norm(piece.differential)) if piece.differential else None
    if named is not None and not named.for_role(person.role):
        named = None
    candidates = [d for d in table.values()
                  if d.automatic and d is not named and d.for_role(person.role)]
    if piece.start is None:
        spans = _whole_day_hits(piece, candidates, holidays)
    else:
        spans = _window_hits(piece, candidates, holidays)
    if named is not None:
        spans.append((named, piece.start, piece.end))
    return _price(piece, spans, base)


def _day_matches(diff: Differential, day: dt.date, holidays: set[dt.date]) -> bool:
    if not diff.days:
        return True
    name = WEEKDAYS[(day.weekday() + 1) % 7]
    return name in diff.days or (HOLIDAYS_DAY in diff.days and day in holidays)


def _whole_day_hits(piece: Piece, candidates, holidays) -> list[tuple]:
    return [(d, None, None) for d in candidates
            if d.start is None and _day_matches(d, piece.workday, holidays)]


def _windows(diff: Differential, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    if diff.start is None:
        begin = dt.datetime.combine(day, dt.time())
        return begin, begin + dt.timedelta(days=1)
    begin = dt.datetime.combine(day, diff.start)
    end = dt.datetime.combine(day, diff.end)
    if end <= begin:
        end += dt.timedelta(days=1)
    return begin, end


def _window_hits(piece: Piece, candidates, holidays) -> list[tuple]:
    hits = []
    first = piece.start.date() - dt.timedelta(days=1)
    for diff in candidates:
        day = first
        while day <= piece.end.date():
            if _day_matches(diff, day, holidays):
                begin, end = _windows(diff, day)
                lo, hi = max(begin, piece.start), min(end, piece.end)
                if lo < hi:
                    hits.append((diff, lo, hi))
            day += dt.timedelta(days=1)
    return hits


def _worked_seconds(piece: Piece, lo: dt.datetime, hi: dt.datetime) -> Fraction:
    """Seconds of [lo, hi) within the piece, less its unpaid break."""
    span = Fraction((hi - lo) // dt.timedelta(microseconds=1), 10 ** 6)
    if piece.break_start is not None:
        b_lo, b_hi = max(lo, piece.break_start), min(hi, piece.break_end)
        if b_lo < b_hi:
            span -= Fraction((b_hi - b_lo) // dt.timedelta(microseconds=1), 10 ** 6)
    return span


def _price(piece: Piece, spans: list[tuple], base: Fraction) -> list[Charge]:
    """Seconds per differential over the piece; extras add, the highest multiplier wins."""
    seconds: dict[str, Fraction] = {}
    by_name = {}
    whole = [(d, lo, hi) for d, lo, hi in spans if lo is None]
    timed = [(d, lo, hi) for d, lo, hi in spans if lo is not None]
    for diff, _lo, _hi in whole:  # a row of Hours: whole-day and named differentials
        by_name[diff.name] = diff
        seconds[diff.name] = Fraction(piece.seconds)
    if whole and any(d.multiplier is not None for d, _, _ in whole):
        _keep_highest_multiplier(seconds, [d for d, _, _ in whole])
    if timed:
        cuts = sorted({t for _, lo, hi in timed for t in (lo, hi)})
        for lo, hi in zip(cuts, cuts[1:], strict=False):
            active = [d for d, a, b in timed if a <= lo and hi <= b]
            multipliers = [d for d in active if d.multiplier is not None]
            if multipliers:
                top = max(multipliers, key=lambda d: (d.multiplier, d.name))
                active = [d for d in active if d.multiplier is None] + [top]
            worked = _worked_seconds(piece, lo, hi)
            for diff in active:
                by_name[diff.name] = diff
                seconds[diff.name] = seconds.get(diff.name, Fraction(0)) + worked
    out = []
    for name, secs in sorted(seconds.items()):
        whole_seconds = min(piece.seconds, round(secs))
        if whole_seconds <= 0:
            continue
        diff = by_name[name]
        out.append(Charge(name, whole_seconds, diff.creditable, diff, base))
    return out


def _keep_highest_multiplier(seconds: dict[str, Fraction], diffs: list[Differential]) -> None:
    multipliers = [d for d in diffs if d.multiplier is not None]
    top = max(multipliers, key=lambda d: (d.multiplier, d.name))
    for d in multipliers:
        if d is not top:
            seconds.pop(d.name, None)
