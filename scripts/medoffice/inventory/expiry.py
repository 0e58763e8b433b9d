"""Expiry: a lot is usable through the end of its Expires date and expired from the next day.

Expired lots are no stock: they are listed for removal with their value. Lots within
the warning windows (settings: Expiry warning days, 30/60/90 by default) are listed
with the window they fall in; and for each item and location, the lot to use first
(first expiry, first out).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..money import cents
from .stock import Item, Lot

EXPIRED = "Expired"

EXPIRING_COLUMNS = ["Item ID", "Item", "Lot", "Location", "Expires", "Days left", "Quantity",
                    "Value", "Status", "Category", "Unit", "Vendor", "Action"]
USE_FIRST_COLUMNS = ["Item ID", "Item", "Location", "Lot", "Expires", "Days left", "Quantity",
                     "Lots here", "Then"]


def days_left(lot: Lot, as_of: dt.date) -> int | None:
    """Days from the as-of date to the Expires date: 0 on the day itself, -1 the day after."""
    return None if lot.expires is None else (lot.expires - as_of).days


def is_expired(lot: Lot, as_of: dt.date) -> bool:
    """True once the Expires date has passed (the lot is usable through that day)."""
    return lot.expires is not None and lot.expires < as_of


def window_label(days: int) -> str:
    """`Within 30 days`."""
    return f"Within {days} days"


def expiry_status(left: int | None, windows: tuple[int, ...]) -> str | None:
    """Expired, `Within N days` for the smallest window holding it, or None beyond them."""
    if left is None:
        return None
    if left < 0:
        return EXPIRED
    for days in sorted(windows):
        if left <= days:
            return window_label(days)
    return None


# Item ID -> (location, its usable lots with stock, first to expire first), by location.
UsableLots = dict[str, list[tuple[str, list[Lot]]]]


def usable_lots(items: dict[str, Item], as_of: dt.date) -> UsableLots:
    """Each item's usable lots with stock by location, for the Expiring and Use first
    tables (worked out once for both)."""
    return {item_id: _usable_by_location(item, as_of) for item_id, item in items.items()}


def expiring_table(items: dict[str, Item], as_of: dt.date, windows: tuple[int, ...],
                   vendor_names: dict[str, str], usable: UsableLots) -> pd.DataFrame:
    """Every lot with stock that is expired or expires within the warning windows, and
    what to do with it: remove it, use it first, or use it after the lot that expires
    before it at the same location."""
    rows = []
    for item in items.values():
        first = {location: lots[0] for location, lots in usable[item.item_id]}
        for lot in item.lots:
            left = days_left(lot, as_of)
            status = expiry_status(left, windows)
            if status is None or lot.quantity <= 0:
                continue
            cost = item.lot_cost(lot)
            rows.append({
                "Item ID": item.item_id, "Item": item.name, "Lot": lot.lot,
                "Location": lot.location, "Expires": lot.expires, "Days left": left,
                "Quantity": lot.quantity,
                "Value": None if cost is None else cents(lot.quantity * cost),
                "Status": status, "Category": item.category, "Unit": item.unit,
                "Vendor": vendor_names[item.item_id],
                "Action": _action(lot, status, first.get(lot.location)),
            })
    rows.sort(key=lambda r: (r["Days left"], r["Item ID"], r["Lot"], r["Location"]))
    return pd.DataFrame(rows, columns=EXPIRING_COLUMNS)


def _action(lot: Lot, status: str, first: Lot | None) -> str:
    if status == EXPIRED:
        return "Remove from stock"
    if first is None or first is lot:
        return "Use first"
    return f"Use after lot {first.lot}" if first.lot else "Use after the lot expiring sooner"


def _usable_by_location(item: Item, as_of: dt.date) -> list[tuple[str, list[Lot]]]:
    """(location, its usable lots with stock, first to expire first), by location name;
    lots without an expiry date come last."""
    by_location: dict[str, list[Lot]] = {}
    for lot in item.lots:
        if lot.quantity > 0 and not is_expired(lot, as_of):
            by_location.setdefault(lot.location, []).append(lot)
    return [(location, sorted(by_location[location],
                              key=lambda lot: (lot.expires is None, lot.expires or dt.date.max,
                                               lot.lot)))
            for location in sorted(by_location, key=str.lower)]


def use_first_table(items: dict[str, Item], as_of: dt.date, usable: UsableLots) -> pd.DataFrame:
    """For each item and location holding dated, usable stock: the lot that expires first."""
    rows = []
    for item in items.values():
        for location, lots in usable[item.item_id]:
            first = lots[0]
            if first.expires is None:
                continue  # nothing here expires: any lot will do
            then = lots[1] if len(lots) > 1 else None
            rows.append({
                "Item ID": item.item_id, "Item": item.name, "Location": location,
                "Lot": first.lot, "Expires": first.expires, "Days left": days_left(first, as_of),
                "Quantity": first.quantity, "Lots here": len(lots),
                "Then": "" if then is None else (then.lot or "(no lot number)"),
            })
    return pd.DataFrame(rows, columns=USE_FIRST_COLUMNS)
