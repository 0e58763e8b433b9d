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

import numpy as np
import pandas as pd

from ..intake import Records
from ..money import ZERO
from ..problems import Problem, warning
from ..vectors import day_numbers
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


UNUSED = ItemUsage(ZERO, ZERO, ZERO)  # an item the log does not mention


@dataclass
class UsageSummary:
    """Averages per known item (items without rows used nothing), and the window."""

    window: UsageWindow | None
    by_item: dict[str, ItemUsage]

    def of(self, item_id: str) -> ItemUsage | None:
        """An item's use; None when there is no usage log to judge by."""
        if self.window is None:
            return None
        return self.by_item.get(item_id, UNUSED)


def summarize_usage(usage: Records, known_items: set[str],
                    as_of: dt.date) -> tuple[UsageSummary, list[Problem]]:
    """Average daily use of each item over the window, and the usage log's problems.

    Vectorised over the log's rows (a year's export runs to hundreds of thousands); the
    quantities stay Decimal and are added in the log's row order, as by hand.
    """
    log = _UsageLog.of(usage)
    known = log.known(known_items)
    problems = _unknown_items(usage, log, known)
    future = log.days > as_of.toordinal()
    if future.any():
        first_day = log.days[future].min()
        first = log.first_label(future & (log.days == first_day))
        count = int(future.sum())
        verb = "is" if count == 1 else "are"
        first_date = dt.date.fromordinal(int(first_day))
        problems.append(warning(
            "inventory-usage-future",
            f"{plural(count, 'usage row')} {verb} dated after the as-of date {as_of} "
            f"(the first {first_date}) and not counted. Check the dates, or run with a later "
            "--as-of.", value=first_date, **usage.where("Date", first)))
    past = ~future
    if not past.any():
        return UsageSummary(None, {}), problems
    last_day = int(log.days[past].max())
    last = dt.date.fromordinal(last_day)
    first_day = max(dt.date.fromordinal(int(log.days[past].min())),
                    last - dt.timedelta(days=WINDOW_DAYS - 1))
    window = UsageWindow(first_day, last)
    if (as_of - last).days > STALE_AFTER_DAYS:
        index = log.first_label(past & (log.days == last_day))
        problems.append(warning(
            "inventory-usage-stale",
            f"the usage log ends {last}, {(as_of - last).days} days before the as-of date "
            f"{as_of}: averages are over the {window.days} days up to {last}. Add recent usage "
            "for current figures.", value=last, **usage.where("Date", index)))
    counted = past & (log.days >= first_day.toordinal()) & known
    return UsageSummary(window, _item_stats(log, counted, window)), problems


@dataclass(frozen=True)
class _UsageLog:
    """The usage rows that give a date, an Item ID and a quantity, as arrays in row order."""

    labels: np.ndarray  # row labels in the Usage records, to locate problems
    days: np.ndarray  # the Date as a day number (date.toordinal())
    items: np.ndarray  # the Item ID as a code: an index into item_ids
    item_ids: np.ndarray  # each Item ID once, in order of first appearance
    quantities: np.ndarray  # Quantity used (Decimal, object)

    @classmethod
    def of(cls, usage: Records) -> _UsageLog:
        data = usage.data
        filled = np.ones(len(data), dtype=bool)
        for column in ("Date", "Item ID", "Quantity used"):
            filled &= pd.notna(data[column].to_numpy(dtype=object))
        days = day_numbers(data["Date"].to_numpy(dtype=object)[filled])
        items, item_ids = pd.factorize(data["Item ID"].to_numpy(dtype=object)[filled])
        return cls(labels=data.index.to_numpy()[filled], days=days, items=items,
                   item_ids=item_ids,
                   quantities=data["Quantity used"].to_numpy(dtype=object)[filled])

    def known(self, known_items: set[str]) -> np.ndarray:
        """True for the rows whose Item ID is on the Supplies sheet."""
        return np.array([item_id in known_items for item_id in self.item_ids],
                        dtype=bool)[self.items]

    def first_label(self, mask: np.ndarray) -> object:
        """The row label of the first row (lowest label) among the rows `mask` selects."""
        return self.labels[mask].min()


def _item_stats(log: _UsageLog, counted: np.ndarray,
                window: UsageWindow) -> dict[str, ItemUsage]:
    """Each used item's total, average and spread of daily use over the window.

    Each item's days are taken in the order they first appear in the log and each day's
    use is added in row order, so every Decimal operation is the one a row-by-row loop
    does, in the same order (the same rounding at the 28th digit)."""
    days = window.days
    item_codes = log.items[counted]
    if not len(item_codes):
        return {}
    day_numbers = log.days[counted] - window.first.toordinal()
    quantities = log.quantities[counted]
    # Number each (item, day) in order of first appearance; then sort the rows by item and
    # that number, stably: each item's days come in the order they first appear, and each
    # day's rows in log order.
    day_codes, _ = pd.factorize(item_codes * days + day_numbers)
    keys = item_codes * (int(day_codes.max()) + 1) + day_codes
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    day_starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    per_day = _fold_sums(quantities[order], day_starts)
    day_item = item_codes[order[day_starts]]
    item_starts = np.flatnonzero(np.r_[True, day_item[1:] != day_item[:-1]])
    used_days = np.diff(np.r_[item_starts, len(day_item)])
    totals = _fold_sums(per_day, item_starts)
    averages = [total / days for total in totals]
    average_each = np.repeat(np.array(averages, dtype=object), used_days)
    # (day's use - average) ** 2 (as by hand; x * x rounds differently at the 28th digit),
    # in place: the day sums are not needed again, and a large log holds 400,000 of them.
    deviations = np.subtract(per_day, average_each, out=per_day)
    squares = _fold_sums(np.power(deviations, 2, out=deviations), item_starts)
    stats = {}
    for code, total, average, square, n_used in zip(day_item[item_starts], totals, averages,
                                                     squares, used_days.tolist(), strict=True):
        square += (days - n_used) * average ** 2  # the days without use
        stats[log.item_ids[code]] = ItemUsage(total=total, average=average,
                                          spread=(square / days).sqrt())
    return stats


def _fold_sums(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Sums of the runs of Decimal `values` that begin at `starts`, each added left to
    right from ZERO as `sum(run, ZERO)` adds (object arrays: exact Decimal arithmetic)."""
    values = values.copy()
    values[starts] = ZERO + values[starts]  # ZERO + v rounds v to the context, as sum() does
    return np.add.reduceat(values, starts)


def _unknown_items(usage: Records, log: _UsageLog, known: np.ndarray) -> list[Problem]:
    """Usage of an Item ID that is not on Supplies: once per ID, at its first row."""
    unknown = ~known
    if not unknown.any():
        return []
    codes = log.items[unknown]
    # Item codes number the IDs in order of first appearance, so np.unique keeps that order.
    distinct, firsts, counts = np.unique(codes, return_index=True, return_counts=True)
    item_ids = log.item_ids[distinct]
    labels = log.labels[unknown][firsts].tolist()
    return [warning(
        "inventory-usage-unknown-item",
        f"Item ID {item_id} is used on {plural(count, 'usage row')} but is not on the "
        "Supplies sheet, so its use is not counted. Correct the ID or add the item to Supplies.",
        value=item_id, **usage.where("Item ID", index))
        for item_id, count, index in zip(item_ids, counts.tolist(), labels, strict=True)]
