"""Supplies as items and lots: one Item per Item ID, holding its lots (one per Supplies row).

An item's own facts (par level, cost, vendor, ...) may be written on any of its rows;
the first row that gives one wins, and rows that disagree are reported, never averaged.
The checks on the Supplies sheet that need no other sheet live here too.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..intake import Records
from ..money import ZERO
from ..problems import Problem, warning
from ..schemas.base import normalize_choice
from .text import qty, usd

# Categories whose supplies normally carry an expiry date, matched as parts of the
# category name (case and spacing ignored): "Vaccines", "Rx drugs", "IV fluids", ...
EXPIRING_CATEGORY_WORDS = ("drug", "medication", "medicine", "pharm", "vaccin", "immuniz",
                           "fluid", "test", "reagent", "inject")

# Item facts that must agree between rows of one item, because orders depend on them.
MUST_AGREE = ("Par level", "Reorder point", "Unit cost", "Vendor", "Pack size", "On order")
ITEM_FACTS = ("Item", "Category", "Unit", *MUST_AGREE)
# A lot's own cells (its Unit cost is among the item facts).
LOT_COLUMNS = ("Lot", "Location", "On hand", "Expires")


class Lot(NamedTuple):
    """One Supplies row: a lot of an item at a location. (A named tuple: a large count
    makes tens of thousands, and a frozen dataclass takes four times as long to make.)"""

    index: int  # row label in the Supplies records, to locate problems
    lot: str
    location: str
    on_hand: Decimal  # as counted; may be negative (reported, counted as 0)
    expires: dt.date | None
    own_cost: Decimal | None  # the row's own unit cost
    quantity: Decimal  # the count used in every sum: max(on_hand, 0), a negative counts 0


@dataclass
class Item:
    """One supply item with its facts and its lots."""

    item_id: str
    name: str
    category: str
    unit: str
    pack_size: Decimal  # units per orderable pack; 1 when not given
    on_order: Decimal
    par_level: Decimal | None
    reorder_point: Decimal | None
    unit_cost: Decimal | None  # None: unknown, never $0
    vendor: str  # as written; '' when no row names one
    first_index: int
    lots: list[Lot] = field(default_factory=list)

    def lot_cost(self, lot: Lot) -> Decimal | None:
        """A lot's unit cost: its own when its row gives one, else the item's."""
        return lot.own_cost if lot.own_cost is not None else self.unit_cost


def build_items(supplies: Records) -> tuple[dict[str, Item], list[Problem]]:
    """Group the Supplies rows into items (in first-appearance order) and check them."""
    data = supplies.data
    labels = data.index.tolist()
    groups: dict[str, list[int]] = {}  # Item ID -> positions of its rows
    for position, item_id in enumerate(data["Item ID"].tolist()):
        if item_id is None:
            continue  # a required-cell error already stops the run
        groups.setdefault(item_id, []).append(position)
    if not groups:
        return {}, []
    # Each column once, as a list or whole-column operations: reading cells one at a time
    # through pandas costs seconds on a large count.
    cells = {name: data[name].tolist() for name in (*ITEM_FACTS, *LOT_COLUMNS)}
    rows = _ItemRows.of(groups, labels)
    facts = {name: _FactColumn.of(data[name], rows) for name in ITEM_FACTS}
    items: dict[str, Item] = {}
    problems: list[Problem] = []
    for number, (item_id, positions) in enumerate(groups.items()):
        fact = {name: column.first[number] for name, column in facts.items()}
        for name in MUST_AGREE:
            if facts[name].disputed[number]:  # rows give other values: say which, if any
                problems.extend(_disagreements(supplies, item_id, name,
                                               _given(cells[name], positions, labels)))
        pack = fact["Pack size"][1]
        if pack is not None and pack <= 0:
            problems.append(warning(
                "inventory-pack-size",
                f"Pack size of item {item_id} is {qty(pack)}; a pack holds at least one unit. "
                "Orders are counted in single units until you give the units per pack.",
                value=pack, **supplies.where("Pack size", fact["Pack size"][0])))
            pack = None
        item = Item(
            item_id=item_id, name=fact["Item"][1] or "", category=fact["Category"][1] or "",
            unit=fact["Unit"][1] or "", pack_size=pack or Decimal(1),
            on_order=fact["On order"][1] or ZERO, par_level=fact["Par level"][1],
            reorder_point=fact["Reorder point"][1], unit_cost=fact["Unit cost"][1],
            vendor=(fact["Vendor"][1] or "").strip(), first_index=labels[positions[0]])
        lots, locations, on_hand = cells["Lot"], cells["Location"], cells["On hand"]
        expires, costs = cells["Expires"], cells["Unit cost"]
        item.lots = [_lot(labels[p], lots[p], locations[p], on_hand[p], expires[p], costs[p])
                     for p in positions]
        items[item_id] = item
        problems.extend(_item_checks(supplies, item))
    return items, problems


def _lot(label: object, lot: str | None, location: str | None, on_hand: Decimal | None,
         expires: dt.date | None, own_cost: Decimal | None) -> Lot:
    """A Supplies row's lot: blanks as '' and a blank count as 0."""
    counted = on_hand if on_hand is not None else ZERO
    return Lot(index=label, lot=lot or "", location=location or "", on_hand=counted,
               expires=expires, own_cost=own_cost, quantity=max(counted, ZERO))


@dataclass(frozen=True)
class _FactColumn:
    """One item fact column, item by item: the first row that fills it, and whether a
    later row gives a different value (told apart exactly; `_disagreements` then decides
    with case and punctuation ignored)."""

    first: list[tuple[object, object]]  # (row label, value); (first row's label, None)
    disputed: list[bool]

    @classmethod
    def of(cls, column: pd.Series, rows: _ItemRows) -> _FactColumn:
        """The column's facts for the items whose rows `rows` lists."""
        values = column.to_numpy(dtype=object)[rows.order]  # item after item
        filled = pd.notna(values)
        if pd.api.types.infer_dtype(values, skipna=True) != "decimal":
            filled &= values != ""  # (comparing each Decimal with "" is slow: skipped)
        count = len(values)
        first = np.minimum.reduceat(np.where(filled, np.arange(count), count), rows.starts)
        found = first < count
        first = np.where(found, first, rows.starts)  # the item's first row when none fills
        first_value = values[first]
        differs = filled & (values != np.repeat(first_value, rows.sizes))
        return cls(first=list(zip(rows.labels[first].tolist(),
                                  np.where(found, first_value, None).tolist(), strict=True)),
                   disputed=np.logical_or.reduceat(differs, rows.starts).tolist())


@dataclass(frozen=True)
class _ItemRows:
    """The Supplies rows item after item: `order` lists row positions, item i's from
    `starts[i]`, `sizes[i]` of them; `labels` the row label of each position in `order`."""

    order: np.ndarray
    starts: np.ndarray
    sizes: np.ndarray
    labels: np.ndarray

    @classmethod
    def of(cls, groups: dict[str, list[int]], labels: list) -> _ItemRows:
        sizes = np.array([len(positions) for positions in groups.values()], dtype=np.int64)
        order = np.fromiter(chain.from_iterable(groups.values()), dtype=np.int64,
                            count=int(sizes.sum()))
        return cls(order=order, starts=np.cumsum(sizes) - sizes, sizes=sizes,
                   labels=np.array(labels, dtype=object)[order])


def _given(column: list, positions: list[int], labels: list) -> list[tuple[object, object]]:
    """(row label, value) of an item's rows that fill the column, in row order."""
    return [(labels[p], column[p]) for p in positions
            if column[p] is not None and column[p] != ""]


def _same(a: object, b: object) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return normalize_choice(a) == normalize_choice(b)
    return a == b


def _show(column: str, value: object) -> str:
    if column == "Unit cost":
        return usd(value)
    if isinstance(value, Decimal):
        return qty(value)
    return f'"{value}"'


def _disagreements(supplies: Records, item_id: str, column: str,
                   given: list[tuple[object, object]]) -> list[Problem]:
    """One warning per item and fact when its rows give different values (`given`: the
    (row label, value) of the rows that fill the column)."""
    if len(given) < 2:
        return []
    first_index, first = given[0]
    # `v == first` first: equal values need no normalising (most rows agree).
    other = next(((i, v) for i, v in given[1:] if not (v == first or _same(v, first))), None)
    if other is None:
        return []
    index, value = other
    first_cell = supplies.where(column, first_index)["cell"]
    used = (" Each lot keeps its own cost for its value." if column == "Unit cost" else "")
    return [warning(
        "inventory-item-conflict",
        f"rows of item {item_id} disagree on {column}: {_show(column, value)} here, "
        f"{_show(column, first)} at {first_cell}. The first ({_show(column, first)}) is used "
        f"for ordering.{used} Make the rows agree, or give it on one row only.",
        value=value, **supplies.where(column, index))]


def _item_checks(supplies: Records, item: Item) -> list[Problem]:
    """Negative counts, missing unit cost, lots without expiry, reorder point above par."""
    problems = []
    for lot in item.lots:
        if lot.on_hand < 0:
            problems.append(warning(
                "inventory-negative-count",
                f"On hand of item {item.item_id}{_lot_words(lot)} is {qty(lot.on_hand)}; a count "
                "cannot be negative, so it is counted as 0. Correct the count.",
                value=lot.on_hand, **supplies.where("On hand", lot.index)))
    if item.unit_cost is None:
        problems.append(warning(
            "inventory-no-cost",
            f"item {item.item_id} ({item.name}) has no unit cost, so its order cost and stock "
            "value are left blank (unknown), not $0. Add its unit cost.",
            **supplies.where("Unit cost", item.first_index)))
    if normally_expires(item.category):
        for lot in item.lots:
            if lot.expires is None and lot.on_hand > 0:
                problems.append(warning(
                    "inventory-no-expiry",
                    f"item {item.item_id}{_lot_words(lot)} ({item.category}) has no expiry date, "
                    f"though {item.category.lower()} normally expire; it is counted as never "
                    "expiring. Add the Expires date printed on the package.",
                    **supplies.where("Expires", lot.index)))
    if (item.par_level is not None and item.reorder_point is not None
            and item.reorder_point > item.par_level):
        problems.append(warning(
            "inventory-reorder-above-par",
            f"Reorder point of item {item.item_id} ({qty(item.reorder_point)}) is above its par "
            f"level ({qty(item.par_level)}): an order tops stock up to par, so between the two "
            "nothing is ordered. Lower the reorder point or raise the par level.",
            value=item.reorder_point, **supplies.where("Reorder point", item.first_index)))
    return problems


def _lot_words(lot: Lot) -> str:
    return f", lot {lot.lot}" if lot.lot else ""


@functools.lru_cache(maxsize=1024)  # a few categories, thousands of items
def normally_expires(category: str) -> bool:
    """True for categories such as drugs, vaccines, IV fluids and test kits."""
    key = normalize_choice(category)
    return any(word in key for word in EXPIRING_CATEGORY_WORDS)
