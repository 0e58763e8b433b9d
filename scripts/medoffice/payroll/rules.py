"""One strategy per overtime rule: which period overtime is decided over, and which
hours in it are regular, overtime (1.5x) or double time (2x).

Every strategy walks the hours worked in time order, so "the hours after the 40th are
overtime" is literal, and each piece of time carries its own split; the pay itself
(regular rate, premiums) is computed from these splits in pay.py.

- Federal (29 CFR 778.103-107): the workweek; hours over 40 are overtime.
- California (Lab. Code 510): the workweek; over 8 in a workday 1.5x, over 12 2x;
  on the 7th consecutive workday of the workweek the first 8 hours 1.5x, the rest 2x;
  regular hours (not already daily overtime) over 40 in the week 1.5x.
- 8 and 80 (29 CFR 778.601, FLSA 7(j)): a fixed 14-day period anchored at the pay
  period start; over 8 in a workday, and non-daily-overtime hours over 80 in the period.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import NamedTuple

from ..settings import Settings
from .hours import Piece
from .periods import fourteen_day_start, week_start

H = 3600


class Split(NamedTuple):
    """How one piece of time divides: seconds at straight time, overtime, double time."""

    regular: int
    overtime: int = 0
    double: int = 0


def _overlap(start: int, length: int, low: int, high: int | None) -> int:
    """Seconds of [start, start+length) inside [low, high) (high None = no end)."""
    end = start + length
    top = end if high is None else min(end, high)
    return max(0, top - max(start, low))


def after_threshold(pieces: list[Piece], threshold: int) -> list[int]:
    """For pieces in time order: the seconds of each that come after the first
    `threshold` seconds of the run (e.g. the hours after the 40th)."""
    out, seen = [], 0
    for p in pieces:
        out.append(p.seconds - _overlap(seen, p.seconds, 0, threshold))
        seen += p.seconds
    return out


class OvertimeRule:
    """The interface: the period overtime is decided over, and the split of its hours."""

    name = ""
    days = 7  # length of the period overtime is decided over
    unit_word = "workweek"

    def __init__(self, settings: Settings):
        self.settings = settings
        self._starts: dict[dt.date, dt.date] = {}

    def unit_start(self, workday: dt.date) -> dt.date:
        """The first workday of the overtime period holding `workday` (worked out once
        per day: every piece of time asks)."""
        start = self._starts.get(workday)
        if start is None:
            start = self._starts[workday] = self.first_day(workday)
        return start

    def first_day(self, workday: dt.date) -> dt.date:
        """The first workday of the overtime period holding `workday`: its workweek's."""
        return week_start(workday, self.settings.workweek_starts_on)

    def unit_end(self, start: dt.date) -> dt.date:
        """The last workday of the overtime period starting at `start`."""
        return start + dt.timedelta(days=self.days - 1)

    def classify(self, pieces: list[Piece], start: dt.date) -> list[Split]:
        """The split of each worked piece (given in time order) of the period at `start`."""
        raise NotImplementedError

    @property
    def has_double_time(self) -> bool:
        return False


class Federal(OvertimeRule):
    """FLSA: hours worked over 40 in the workweek, in time order, are overtime."""

    name = "Federal"
    limit = 40 * H

    def classify(self, pieces: list[Piece], start: dt.date) -> list[Split]:
        over = after_threshold(pieces, self.limit)
        return [Split(p.seconds - o, o) for p, o in zip(pieces, over, strict=True)]


class California(OvertimeRule):
    """Lab. Code 510: daily overtime and double time, the 7th day, then the weekly 40."""

    name = "California"
    day_ot, day_dt, week = 8 * H, 12 * H, 40 * H

    @property
    def has_double_time(self) -> bool:
        return True

    def seventh_day(self, pieces: list[Piece], start: dt.date) -> dt.date | None:
        """The 7th workday of the workweek, when all seven were worked (else None)."""
        worked = {p.workday for p in pieces if p.seconds > 0}
        days = [start + dt.timedelta(days=i) for i in range(7)]
        return days[-1] if all(d in worked for d in days) else None

    def classify(self, pieces: list[Piece], start: dt.date) -> list[Split]:
        seventh = self.seventh_day(pieces, start)
        day_seen: dict[dt.date, int] = defaultdict(int)
        week_regular = 0
        splits = []
        for p in pieces:
            seen, s = day_seen[p.workday], p.seconds
            day_seen[p.workday] += s
            if p.workday == seventh:
                regular, ot = 0, _overlap(seen, s, 0, self.day_ot)
                dt_ = s - ot
            else:
                regular = _overlap(seen, s, 0, self.day_ot)
                ot = _overlap(seen, s, self.day_ot, self.day_dt)
                dt_ = _overlap(seen, s, self.day_dt, None)
            # Regular hours past the 40th in the week become overtime; hours already
            # paid as daily overtime do not count toward the 40 again.
            weekly = max(0, regular - max(0, self.week - week_regular))
            week_regular += regular - weekly
            splits.append(Split(regular - weekly, ot + weekly, dt_))
        return splits


class EightAndEighty(OvertimeRule):
    """29 CFR 778.601: over 8 in a workday and over 80 in the 14-day period, never both."""

    name = "8 and 80"
    days = 14
    unit_word = "14-day period"
    day_ot, period = 8 * H, 80 * H

    def first_day(self, workday: dt.date) -> dt.date:
        """The first day of the fixed 14-day period holding `workday`."""
        return fourteen_day_start(workday, self.settings.pay_period_start)

    def classify(self, pieces: list[Piece], start: dt.date) -> list[Split]:
        day_seen: dict[dt.date, int] = defaultdict(int)
        period_regular = 0
        splits = []
        for p in pieces:
            seen, s = day_seen[p.workday], p.seconds
            day_seen[p.workday] += s
            regular = _overlap(seen, s, 0, self.day_ot)
            over_80 = max(0, regular - max(0, self.period - period_regular))
            period_regular += regular - over_80
            splits.append(Split(regular - over_80, s - regular + over_80))
        return splits


RULES = {"Federal": Federal, "California": California, "8 and 80": EightAndEighty}


def rule_for(settings: Settings) -> OvertimeRule:
    """The strategy for the office's Overtime rule setting."""
    return RULES[settings.overtime_rule](settings)
