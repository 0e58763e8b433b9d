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
import functools
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
ONE_DAY = dt.timedelta(days=1)
ONE_MICRO = dt.timedelta(microseconds=1)
MICRO = 10 ** 6
_exact = functools.lru_cache(maxsize=256)(q)  # a Decimal as a Fraction, once per value


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
            return _exact(self.per_hour)
        if self.percent is not None:
            return base * _exact(self.percent) / 100
        return base * (_exact(self.multiplier) - 1)

    def describe(self) -> str:
        """`Night (+$2.00/h)`, `Evening (+10%)`, `Holiday (x1.5)`."""
        if self.per_hour is not None:
            return f"{self.name} (+${self.per_hour:,.2f}/h)"
        if self.percent is not None:
            return f"{self.name} (+{self.percent.normalize():f}%)"
        return f"{self.name} (x{self.multiplier.normalize():f})"


@dataclass(frozen=True)
class Charge:
    """A differential on part of one piece of time: its seconds. What it adds per hour
    depends on the rate of those hours (Differential.extra_rate)."""

    name: str
    seconds: int
    creditable: bool
    differential: Differential

    def amount(self, base: Fraction) -> Fraction:
        """Its exact money on hours paid at `base` per hour."""
        return self.differential.extra_rate(base) * self.seconds / HOUR


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


class Pricer:
    """Prices the differentials earned on worked pieces of time.

    What repeats from piece to piece is worked out once and remembered: the automatic
    differentials a role can have, each named differential, and each differential's
    window on each day. Time inside windows is counted in whole microseconds.
    """

    def __init__(self, table: dict[str, Differential], holidays: set[dt.date]):
        self.table, self.holidays = table, holidays
        self._named: dict[str, Differential | None] = {}
        self._candidates: dict[tuple, list[Differential]] = {}
        self._windows: dict[tuple, tuple[dt.datetime, dt.datetime] | None] = {}
        self._charges: dict[tuple, tuple[Charge, ...]] = {}

    def charges(self, piece: Piece, person: Employee) -> tuple[Charge, ...]:
        """The differentials earned on one worked piece of time (the same for every
        piece of the same times, role and named differential, so each is priced once)."""
        if not self.table or not piece.worked:
            return ()
        key = (person.role, piece.differential, piece.workday, piece.start, piece.end,
               piece.seconds, piece.break_start, piece.break_end)
        found = self._charges.get(key)
        if found is None:
            found = self._charges[key] = self._price(piece, person)
        return found

    def _price(self, piece: Piece, person: Employee) -> tuple[Charge, ...]:
        named = self._named_for(piece.differential, person.role) if piece.differential \
            else None
        candidates = self._candidates_for(person.role, named)
        if piece.start is None:
            spans = [(d, None, None) for d in candidates
                     if d.start is None and self._window(d, piece.workday) is not None]
        else:
            spans = self._window_hits(piece, candidates)
        if named is not None:
            spans.append((named, piece.start, piece.end))
        return _price(piece, spans) if spans else ()

    def _named_for(self, text: str, role: str) -> Differential | None:
        key = (text, role)
        if key not in self._named:
            named = self.table.get(_norm(text))
            self._named[key] = named if named is not None and named.for_role(role) else None
        return self._named[key]

    def _candidates_for(self, role: str, named: Differential | None) -> list[Differential]:
        key = (role, named.name if named is not None else None)
        if key not in self._candidates:
            self._candidates[key] = [d for d in self.table.values()
                                     if d.automatic and d is not named and d.for_role(role)]
        return self._candidates[key]

    def _window(self, diff: Differential, day: dt.date):
        """The differential's window starting on `day`, or None when the day is not one
        of its Days."""
        key = (diff.name, day)
        if key not in self._windows:
            self._windows[key] = (_windows(diff, day) if _day_matches(diff, day, self.holidays)
                                  else None)
        return self._windows[key]

    def _window_hits(self, piece: Piece, candidates) -> list[tuple]:
        hits = []
        first, last = piece.start.date() - ONE_DAY, piece.end.date()
        for diff in candidates:
            day = first
            while day <= last:
                window = self._window(diff, day)
                if window is not None:
                    lo, hi = max(window[0], piece.start), min(window[1], piece.end)
                    if lo < hi:
                        hits.append((diff, lo, hi))
                day += ONE_DAY
        return hits


def _day_matches(diff: Differential, day: dt.date, holidays: set[dt.date]) -> bool:
    if not diff.days:
        return True
    name = WEEKDAYS[(day.weekday() + 1) % 7]
    return name in diff.days or (HOLIDAYS_DAY in diff.days and day in holidays)


def _windows(diff: Differential, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    if diff.start is None:
        begin = dt.datetime.combine(day, dt.time())
        return begin, begin + dt.timedelta(days=1)
    begin = dt.datetime.combine(day, diff.start)
    end = dt.datetime.combine(day, diff.end)
    if end <= begin:
        end += dt.timedelta(days=1)
    return begin, end


def _worked_micro(piece: Piece, lo: dt.datetime, hi: dt.datetime) -> int:
    """Microseconds of [lo, hi) within the piece, less its unpaid break."""
    span = (hi - lo) // ONE_MICRO
    if piece.break_start is not None:
        b_lo, b_hi = max(lo, piece.break_start), min(hi, piece.break_end)
        if b_lo < b_hi:
            span -= (b_hi - b_lo) // ONE_MICRO
    return span


def _whole_seconds(micro: int) -> int:
    """Microseconds (>= 0) to whole seconds, half to even (as round() does)."""
    seconds, rest = divmod(micro, MICRO)
    if 2 * rest > MICRO or (2 * rest == MICRO and seconds % 2):
        seconds += 1
    return seconds


def _price(piece: Piece, spans: list[tuple]) -> tuple[Charge, ...]:
    """Seconds per differential over the piece; extras add, the highest multiplier wins."""
    micro: dict[str, int] = {}
    by_name = {}
    whole = [(d, lo, hi) for d, lo, hi in spans if lo is None]
    timed = [(d, lo, hi) for d, lo, hi in spans if lo is not None]
    for diff, _lo, _hi in whole:  # a row of Hours: whole-day and named differentials
        by_name[diff.name] = diff
        micro[diff.name] = piece.seconds * MICRO
    if whole and any(d.multiplier is not None for d, _, _ in whole):
        _keep_highest_multiplier(micro, [d for d, _, _ in whole])
    if timed:
        cuts = sorted({t for _, lo, hi in timed for t in (lo, hi)})
        for lo, hi in zip(cuts, cuts[1:], strict=False):
            active = [d for d, a, b in timed if a <= lo and hi <= b]
            if not active:
                continue
            multipliers = [d for d in active if d.multiplier is not None]
            if len(multipliers) > 1:
                top = max(multipliers, key=lambda d: (d.multiplier, d.name))
                active = [d for d in active if d.multiplier is None] + [top]
            worked = _worked_micro(piece, lo, hi)
            for diff in active:
                by_name[diff.name] = diff
                micro[diff.name] = micro.get(diff.name, 0) + worked
    out = []
    for name, span in sorted(micro.items()):
        whole_seconds = min(piece.seconds, _whole_seconds(span))
        if whole_seconds <= 0:
            continue
        diff = by_name[name]
        out.append(Charge(name, whole_seconds, diff.creditable, diff))
    return tuple(out)


def _keep_highest_multiplier(seconds: dict[str, int], diffs: list[Differential]) -> None:
    multipliers = [d for d in diffs if d.multiplier is not None]
    top = max(multipliers, key=lambda d: (d.multiplier, d.name))
    for d in multipliers:
        if d is not top:
            seconds.pop(d.name, None)
