"""Usage: average daily use per item, and from it days of supply and a suggested par level.

The window is the 90 days up to the last date the Usage sheet records on or before the
as-of date (shorter when the log is shorter). Every calendar day in the window counts,
days without a row as zero use, so the average is per calendar day like lead times.
A log that stops well before the as-of date is still used, with a warning.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from ..intake import Records
from ..money import ZERO
from ..problems import Problem, warning
from .text import plural

WINDOW_DAYS = 90
REVIEW_DAYS = 14  # the two-week review cycle between counts
SERVICE_Z = Decimal("1.65")  # safety stock for about 95% of review cycles without a stock-out
STALE_AFTER_DAYS = 7  # a log ending longer ago than this before the as-of date is reported


@dataclass(frozen=True)
class UsageWindow:
    """The days the averages are taken over."""

    first: dt.date
    last: dt.date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class ItemUsage:
    """One item's use over the window."""

    total: Decimal
    average: Decimal  # per calendar day, exact
    spread: Decimal  # standard deviation of daily use over the window

    def suggested_par(self, lead_days: int) -> Decimal:
        """Use over lead time plus a review cycle, plus safety stock, in whole units."""
        cover = lead_days + REVIEW_DAYS
        exact = self.average * cover + SERVICE_Z * self.spread * Decimal(cover).sqrt()
        return exact.to_integral_value(rounding=ROUND_CEILING)


@dataclass
class UsageSummary:
    """Averages per known item (items without rows used nothing), and the window."""

    window: UsageWindow | None
    by_item: dict[str, ItemUsage]

    def of(self, item_id: str) -> ItemUsage | None:
        """An item's use; None when there is no usage log to judge by."""
        if self.window is None:
            return None
        return self.by_item.get(item_id, ItemUsage(ZERO, ZERO, ZERO))


def summarize_usage(usage: Records, known_items: set[str],
                    as_of: dt.date) -> tuple[UsageSummary, list[Problem]]:
    """Average daily use of each item over the window, and the usage log's problems."""
    problems: list[Problem] = []
    rows = [(i, r["Date"], r["Item ID"], r["Quantity used"]) for i, r in usage.iterrows()
            if r["Date"] is not None and r["Item ID"] is not None
            and r["Quantity used"] is not None]
    problems.extend(_unknown_items(usage, rows, known_items))
    future = [r for r in rows if r[1] > as_of]
    if future:
        first = min(future, key=lambda r: (r[1], r[0]))
        verb = "is" if len(future) == 1 else "are"
        problems.append(warning(
            "inventory-usage-future",
            f"{plural(len(future), 'usage row')} {verb} dated after the as-of date {as_of} "
            f"(the first {first[1]}) and not counted. Check the dates, or run with a later "
            "--as-of.", value=first[1], **usage.where("Date", first[0])))
    past = [r for r in rows if r[1] <= as_of]
    if not past:
        return UsageSummary(None, {}), problems
    last = max(r[1] for r in past)
    first_day = max(min(r[1] for r in past), last - dt.timedelta(days=WINDOW_DAYS - 1))
    window = UsageWindow(first_day, last)
    if (as_of - last).days > STALE_AFTER_DAYS:
        index = max(past, key=lambda r: (r[1], -r[0]))[0]
        problems.append(warning(
            "inventory-usage-stale",
            f"the usage log ends {last}, {(as_of - last).days} days before the as-of date "
            f"{as_of}: averages are over the {window.days} days up to {last}. Add recent usage "
            "for current figures.", value=last, **usage.where("Date", index)))
    daily: dict[str, dict[dt.date, Decimal]] = {}
    for _, day, item_id, used in past:
        if day >= window.first and item_id in known_items:
            per_day = daily.setdefault(item_id, {})
            per_day[day] = per_day.get(day, ZERO) + used
    return UsageSummary(window, {k: _stats(v, window.days) for k, v in daily.items()}), problems


def _stats(per_day: dict[dt.date, Decimal], days: int) -> ItemUsage:
    total = sum(per_day.values(), ZERO)
    average = total / days
    squares = sum(((v - average) ** 2 for v in per_day.values()), ZERO)
    squares += (days - len(per_day)) * average ** 2  # the days without use
    return ItemUsage(total=total, average=average, spread=(squares / days).sqrt())


def _unknown_items(usage: Records, rows: list, known_items: set[str]) -> list[Problem]:
    """Usage of an Item ID that is not on Supplies: once per ID, at its first row."""
    first: dict[str, int] = {}
    count: dict[str, int] = {}
    for index, _day, item_id, _used in rows:
        if item_id not in known_items:
            first.setdefault(item_id, index)
            count[item_id] = count.get(item_id, 0) + 1
    return [warning(
        "inventory-usage-unknown-item",
        f"Item ID {item_id} is used on {plural(count[item_id], 'usage row')} but is not on the "
        "Supplies sheet, so its use is not counted. Correct the ID or add the item to Supplies.",
        value=item_id, **usage.where("Item ID", index)) for item_id, index in first.items()]
