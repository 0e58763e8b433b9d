"""Compute the whole inventory picture for one as-of date: stock, reorders, purchase
orders, expiring lots and equipment service. Pure: Records and settings in, tables out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from ..intake import Records
from ..money import ZERO
from ..problems import Problem, warning
from ..report.cells import safe_sheet_name
from ..settings import Settings
from .equipment import EQUIPMENT_COLUMNS, equipment_table
from .expiry import EXPIRED, expiring_table, usable_lots, use_first_table
from .orders import (
    ItemLevels,
    VendorOrder,
    category_table,
    item_levels,
    orders_by_vendor_table,
    reorder_table,
    stock_table,
    vendor_orders,
)
from .stock import build_items
from .usage import UsageWindow, summarize_usage
from .vendors import NO_VENDOR, VendorDirectory, check_vendors


@dataclass
class InventoryResult:
    """Everything the inventory workbook shows, plus the problems found on the way."""

    as_of: dt.date
    windows: tuple[int, ...]
    levels: list[ItemLevels]
    stock: pd.DataFrame
    reorder: pd.DataFrame
    orders: list[VendorOrder]
    po_sheets: dict[str, str]  # vendor name -> its purchase order sheet name
    orders_by_vendor: pd.DataFrame
    by_category: pd.DataFrame
    expiring: pd.DataFrame
    use_first: pd.DataFrame
    equipment: pd.DataFrame
    usage_window: UsageWindow | None
    has_usage: bool
    lead_time_assumed: list[str] = field(default_factory=list)  # vendors ordered from
    problems: list[Problem] = field(default_factory=list)

    @property
    def restock_cost(self) -> Decimal:
        """Cost of every order whose unit costs are known."""
        return sum((o.total for o in self.orders), ZERO)

    @property
    def lines_without_cost(self) -> int:
        return sum(o.lines_without_cost for o in self.orders)

    @property
    def expired_value(self) -> Decimal:
        """Value of the expired lots whose cost is known."""
        part = self.expiring[self.expiring["Status"] == EXPIRED]
        return sum((v for v in part["Value"] if v is not None), ZERO)

    def count(self, table: str, column: str, value: str) -> int:
        """Rows of one of the result's tables whose column holds value."""
        data = getattr(self, table)
        return int((data[column] == value).sum()) if len(data) else 0


def compute_inventory(supplies: Records, usage: Records, equipment: Records, vendors: Records,
                      settings: Settings, as_of: dt.date) -> InventoryResult:
    """The inventory as of `as_of` from the four sheets (Usage, Equipment and Vendors may
    be empty Records)."""
    windows = tuple(sorted(settings.expiry_warning_days))
    items, problems = build_items(supplies)
    directory = VendorDirectory.of(vendors)
    problems += check_vendors(items, directory, supplies)
    summary, usage_problems = summarize_usage(usage, set(items), as_of)
    problems += usage_problems
    has_usage = bool(usage.tables)
    levels = [item_levels(item, directory.resolve(item.vendor),
                          summary.of(item.item_id) if has_usage else None, as_of)
              for item in items.values()]
    problems += _unorderable(levels, supplies)
    orders = vendor_orders(levels)
    taken: set[str] = set()
    po_sheets = {o.vendor.name: safe_sheet_name(f"PO {o.vendor.name}", taken)
                 for o in orders if o.can_send}
    vendor_names = {lv.item.item_id: (lv.item.vendor and lv.vendor.name) for lv in levels}
    equipment_rows, equipment_problems = (
        equipment_table(equipment, as_of, windows[0]) if len(equipment)
        else (pd.DataFrame(columns=EQUIPMENT_COLUMNS), []))
    problems += equipment_problems
    usable = usable_lots(items, as_of)
    assumed = sorted({o.vendor.name for o in orders
                      if o.can_send and o.vendor.lead_days is None}, key=str.lower)
    return InventoryResult(
        as_of=as_of, windows=windows, levels=levels, stock=stock_table(levels),
        reorder=reorder_table(levels), orders=orders, po_sheets=po_sheets,
        orders_by_vendor=orders_by_vendor_table(orders, po_sheets),
        by_category=category_table(levels),
        expiring=expiring_table(items, as_of, windows, vendor_names, usable),
        use_first=use_first_table(items, as_of, usable), equipment=equipment_rows,
        usage_window=summary.window, has_usage=has_usage, lead_time_assumed=assumed,
        problems=problems)


def _unorderable(levels: list[ItemLevels], supplies: Records) -> list[Problem]:
    """An item that needs ordering but names no vendor cannot go on a purchase order."""
    return [warning(
        "inventory-no-vendor",
        f"item {lv.item.item_id} ({lv.item.name}) needs ordering but has no vendor, so it is on "
        f"no purchase order (it is listed under {NO_VENDOR}). Fill in its Vendor.",
        **supplies.where("Vendor", lv.item.first_index))
        for lv in levels if lv.reorder and lv.vendor.name == NO_VENDOR]
