"""Stock levels and reorders: what each item will have when a delivery could arrive, and
what to order to bring it back to par, in whole packs, grouped into one order per vendor.

    usable     = on hand in unexpired lots
    expiring   = usable stock whose lot expires before the vendor could deliver
                 (Expires earlier than as-of + lead time)
    projected  = usable - expiring + on order
    reorder when projected <= reorder point (or, without one, projected < par level)
    order      = par level - projected, rounded up to whole packs

Items without a par level are untracked: listed, never ordered. A suggested par level
from usage is shown beside the par level and never used in its place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

import pandas as pd

from ..money import ZERO, cents
from ..schemas.base import normalize_choice
from .expiry import is_expired
from .stock import Item
from .usage import ItemUsage
from .vendors import NO_VENDOR, Vendor

TENTH = Decimal("0.1")
HUNDREDTH = Decimal("0.01")
REORDER, OK, UNTRACKED = "Reorder", "OK", "Untracked (no par level)"
COST_UNKNOWN = "Unit cost unknown: ask the vendor"

REORDER_COLUMNS = [
    "Item ID", "Item", "Vendor", "Usable on hand", "Expiring before delivery", "On order",
    "Projected", "Par level", "Reorder point", "Order quantity", "Packs", "Unit cost",
    "Order cost", "Days of supply", "Urgent", "Category", "Unit", "Pack size",
    "Lead time (days)", "Average daily use", "Stock-out date", "Suggested par level", "Note"]
STOCK_COLUMNS = [
    "Item ID", "Item", "Category", "Vendor", "Unit", "Usable on hand", "Expired",
    "Expiring before delivery", "On order", "Projected", "Par level", "Reorder point",
    "Status", "Lead time (days)", "Average daily use", "Days of supply", "Stock-out date",
    "Urgent", "Suggested par level", "Unit cost", "Stock value"]
PO_COLUMNS = ["Item ID", "Item", "Unit", "Pack size", "Packs", "Quantity", "Unit cost",
              "Pack price", "Line total", "Note"]
VENDOR_COLUMNS = ["Vendor", "Lines", "Order total", "Minimum order", "Below minimum",
                  "Short of minimum", "Lines without cost", "Lead time (days)", "Email", "Phone",
                  "Purchase order"]
CATEGORY_COLUMNS = ["Category", "Lines", "Order cost", "Lines without cost"]


@dataclass
class ItemLevels:
    """One item's stock position as of the as-of date and what to order."""

    item: Item
    vendor: Vendor
    as_of: dt.date
    usable: Decimal
    expired: Decimal
    expiring: Decimal  # usable stock expiring before a delivery could arrive
    projected: Decimal
    stock_value: Decimal | None  # of the usable lots, each at its own cost; None: a cost unknown
    usage: ItemUsage | None
    packs: int = 0
    order_quantity: Decimal = ZERO

    @property
    def tracked(self) -> bool:
        return self.item.par_level is not None

    @property
    def reorder(self) -> bool:
        return self.packs > 0

    @property
    def order_cost(self) -> Decimal | None:
        """Order quantity times unit cost, to the cent; None when the cost is unknown."""
        cost = self.item.unit_cost
        return None if cost is None else cents(self.order_quantity * cost)

    @property
    def days_of_supply(self) -> Decimal | None:
        """Usable stock over average daily use, to a tenth of a day; 0 when out of stock;
        None without a usage log or when the item is not used."""
        if self.usage is None:
            return None
        if self.usable == 0:
            return ZERO
        if self.usage.average == 0:
            return None
        return (self.usable / self.usage.average).quantize(TENTH, rounding=ROUND_HALF_UP)

    @property
    def stock_out(self) -> dt.date | None:
        """The day stock runs out at the average rate (the as-of day counts as day one)."""
        if self.usage is None or (self.usage.average == 0 and self.usable > 0):
            return None
        if self.usable == 0:
            return self.as_of
        whole = (self.usable / self.usage.average).to_integral_value(rounding=ROUND_FLOOR)
        return self.as_of + dt.timedelta(days=int(whole))

    @property
    def urgent(self) -> str:
        """Yes when stock lasts fewer days than the vendor takes to deliver; blank without
        a usage log."""
        if self.usage is None:
            return ""
        days = self.days_of_supply
        return "Yes" if days is not None and days < self.vendor.lead_time else "No"

    @property
    def suggested_par(self) -> Decimal | None:
        """A par level from usage; None without a usage log or when nothing was used."""
        if self.usage is None or self.usage.total == 0:
            return None
        return self.usage.suggested_par(self.vendor.lead_time)

    @property
    def status(self) -> str:
        if not self.tracked:
            return UNTRACKED
        return REORDER if self.reorder else OK


def item_levels(item: Item, vendor: Vendor, usage: ItemUsage | None,
                as_of: dt.date) -> ItemLevels:
    """Usable, expiring-before-delivery and projected stock, the value of the usable
    stock, and the order if one is due."""
    delivery = as_of + dt.timedelta(days=vendor.lead_time)
    usable = expired = expiring = ZERO
    value: Decimal | None = ZERO
    for lot in item.lots:
        if is_expired(lot, as_of):
            expired += lot.quantity
            continue
        usable += lot.quantity
        if lot.expires is not None and lot.expires < delivery:
            expiring += lot.quantity
        if lot.quantity > 0 and value is not None:
            cost = item.lot_cost(lot)
            value = None if cost is None else value + lot.quantity * cost
    projected = usable - expiring + item.on_order
    levels = ItemLevels(item=item, vendor=vendor, as_of=as_of, usable=usable, expired=expired,
                        expiring=expiring, projected=projected,
                        stock_value=None if value is None else cents(value), usage=usage)
    par, point = item.par_level, item.reorder_point
    if par is None:
        return levels
    due = projected <= point if point is not None else projected < par
    need = par - projected
    if due and need > 0:
        levels.packs = int((need / item.pack_size).to_integral_value(rounding=ROUND_CEILING))
        levels.order_quantity = levels.packs * item.pack_size
    return levels


def _avg(levels: ItemLevels) -> Decimal | None:
    if levels.usage is None:
        return None
    return levels.usage.average.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def reorder_table(levels: list[ItemLevels]) -> pd.DataFrame:
    """One row per item to order: urgent ones first, then by vendor and Item ID."""
    rows = []
    for lv in levels:
        if not lv.reorder:
            continue
        item = lv.item
        rows.append({
            "Item ID": item.item_id, "Item": item.name, "Vendor": lv.vendor.name,
            "Usable on hand": lv.usable, "Expiring before delivery": lv.expiring,
            "On order": item.on_order, "Projected": lv.projected, "Par level": item.par_level,
            "Reorder point": item.reorder_point, "Order quantity": lv.order_quantity,
            "Packs": lv.packs, "Unit cost": item.unit_cost, "Order cost": lv.order_cost,
            "Days of supply": lv.days_of_supply, "Urgent": lv.urgent,
            "Category": item.category, "Unit": item.unit, "Pack size": item.pack_size,
            "Lead time (days)": lv.vendor.lead_time, "Average daily use": _avg(lv),
            "Stock-out date": lv.stock_out, "Suggested par level": lv.suggested_par,
            "Note": COST_UNKNOWN if item.unit_cost is None else "",
        })
    rows.sort(key=lambda r: (r["Urgent"] != "Yes", _vendor_sort(r["Vendor"]), r["Item ID"]))
    return pd.DataFrame(rows, columns=REORDER_COLUMNS)


def stock_table(levels: list[ItemLevels]) -> pd.DataFrame:
    """Every item's stock position, in the order of the Supplies sheet."""
    rows = []
    for lv in levels:
        item = lv.item
        rows.append({
            "Item ID": item.item_id, "Item": item.name, "Category": item.category,
            "Vendor": item.vendor and lv.vendor.name, "Unit": item.unit,
            "Usable on hand": lv.usable, "Expired": lv.expired,
            "Expiring before delivery": lv.expiring, "On order": item.on_order,
            "Projected": lv.projected, "Par level": item.par_level,
            "Reorder point": item.reorder_point, "Status": lv.status,
            "Lead time (days)": lv.vendor.lead_time, "Average daily use": _avg(lv),
            "Days of supply": lv.days_of_supply, "Stock-out date": lv.stock_out,
            "Urgent": lv.urgent, "Suggested par level": lv.suggested_par,
            "Unit cost": item.unit_cost, "Stock value": lv.stock_value,
        })
    return pd.DataFrame(rows, columns=STOCK_COLUMNS)


@dataclass
class VendorOrder:
    """Everything to order from one vendor."""

    vendor: Vendor
    lines: pd.DataFrame  # PO_COLUMNS
    total: Decimal  # of the lines whose cost is known
    lines_without_cost: int

    @property
    def can_send(self) -> bool:
        """A purchase order needs a vendor to send it to."""
        return self.vendor.name != NO_VENDOR

    @property
    def below_minimum(self) -> str:
        """Yes / No, or `Cost unknown` when unknown costs could make up the difference."""
        minimum = self.vendor.minimum_order
        if minimum is None or self.total >= minimum:
            return "No"
        return "Cost unknown" if self.lines_without_cost else "Yes"

    @property
    def short_of_minimum(self) -> Decimal | None:
        """How much more to order to reach the vendor's minimum."""
        if self.below_minimum != "Yes":
            return None
        return self.vendor.minimum_order - self.total


def vendor_orders(levels: list[ItemLevels]) -> list[VendorOrder]:
    """One order per vendor with something to order, by vendor name; no vendor last."""
    groups: dict[str, list[ItemLevels]] = {}
    for lv in levels:
        if lv.reorder:
            groups.setdefault(normalize_choice(lv.vendor.name), []).append(lv)
    orders = []
    for group in groups.values():
        group.sort(key=lambda lv: lv.item.item_id)
        lines = pd.DataFrame([_po_line(lv) for lv in group], columns=PO_COLUMNS)
        known = [lv.order_cost for lv in group if lv.order_cost is not None]
        orders.append(VendorOrder(vendor=group[0].vendor, lines=lines, total=sum(known, ZERO),
                                  lines_without_cost=len(group) - len(known)))
    orders.sort(key=lambda o: _vendor_sort(o.vendor.name))
    return orders


def _po_line(lv: ItemLevels) -> dict:
    item, cost = lv.item, lv.item.unit_cost
    return {"Item ID": item.item_id, "Item": item.name, "Unit": item.unit,
            "Pack size": item.pack_size, "Packs": lv.packs, "Quantity": lv.order_quantity,
            "Unit cost": cost, "Pack price": None if cost is None else cost * item.pack_size,
            "Line total": lv.order_cost, "Note": COST_UNKNOWN if cost is None else ""}


def _vendor_sort(name: str) -> tuple[bool, str]:
    return (name == NO_VENDOR, name.lower())


def orders_by_vendor_table(orders: list[VendorOrder], sheet_names: dict[str, str]
                           ) -> pd.DataFrame:
    """One row per vendor order: lines, total, and the vendor's minimum."""
    rows = []
    for order in orders:
        vendor = order.vendor
        rows.append({
            "Vendor": vendor.name, "Lines": len(order.lines), "Order total": order.total,
            "Minimum order": vendor.minimum_order, "Below minimum": order.below_minimum,
            "Short of minimum": order.short_of_minimum,
            "Lines without cost": order.lines_without_cost,
            "Lead time (days)": vendor.lead_time, "Email": vendor.email, "Phone": vendor.phone,
            "Purchase order": sheet_names.get(vendor.name, "none: no vendor to send it to"),
        })
    return pd.DataFrame(rows, columns=VENDOR_COLUMNS)


def category_table(levels: list[ItemLevels]) -> pd.DataFrame:
    """Restock cost per category, largest first."""
    totals: dict[str, list] = {}
    for lv in levels:
        if not lv.reorder:
            continue
        entry = totals.setdefault(lv.item.category or "(no category)", [0, ZERO, 0])
        entry[0] += 1
        if lv.order_cost is None:
            entry[2] += 1
        else:
            entry[1] += lv.order_cost
    rows = [{"Category": name, "Lines": n, "Order cost": cost, "Lines without cost": unknown}
            for name, (n, cost, unknown) in totals.items()]
    rows.sort(key=lambda r: (-r["Order cost"], r["Category"].lower()))
    return pd.DataFrame(rows, columns=CATEGORY_COLUMNS)
