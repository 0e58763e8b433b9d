"""Describe the inventory workbook (DESIGN §5) and the per-vendor purchase orders as
Report specs; report/ draws them."""

from __future__ import annotations

import datetime as dt

from ..report.spec import Chart, Col, Figure, Highlight, Report, Table
from ..settings import Settings
from .compute import InventoryResult
from .equipment import DUE_SOON, OVERDUE
from .expiry import EXPIRED, window_label
from .orders import REORDER, UNTRACKED, VendorOrder
from .usage import REVIEW_DAYS, SERVICE_Z
from .vendors import DEFAULT_LEAD_DAYS

QTY = "number"
REORDER_COLS = [
    Col("Item ID", "id"), Col("Item"), Col("Vendor"), Col("Usable on hand", QTY),
    Col("Expiring before delivery", QTY), Col("On order", QTY), Col("Projected", QTY),
    Col("Par level", QTY), Col("Reorder point", QTY), Col("Order quantity", QTY),
    Col("Packs", "integer"), Col("Unit cost", "money"), Col("Order cost", "money", total=True),
    Col("Days of supply", QTY), Col("Urgent"), Col("Category"), Col("Unit"),
    Col("Pack size", QTY), Col("Lead time (days)", "integer"), Col("Average daily use", QTY),
    Col("Stock-out date", "date"), Col("Suggested par level", QTY), Col("Note"),
]
VENDOR_COLS = [
    Col("Vendor"), Col("Lines", "integer", total=True), Col("Order total", "money", total=True),
    Col("Minimum order", "money"), Col("Below minimum"), Col("Short of minimum", "money"),
    Col("Lines without cost", "integer", total=True), Col("Lead time (days)", "integer"),
    Col("Email"), Col("Phone"), Col("Purchase order"),
]
CATEGORY_COLS = [Col("Category"), Col("Lines", "integer", total=True),
                 Col("Order cost", "money", total=True),
                 Col("Lines without cost", "integer", total=True)]
PO_COLS = [
    Col("Item ID", "id"), Col("Item"), Col("Unit"), Col("Pack size", QTY),
    Col("Packs", "integer"), Col("Quantity", QTY), Col("Unit cost", "money"),
    Col("Pack price", "money"), Col("Line total", "money", total=True), Col("Note"),
]
EXPIRING_COLS = [
    Col("Item ID", "id"), Col("Item"), Col("Lot", "id"), Col("Location"), Col("Expires", "date"),
    Col("Days left", "integer"), Col("Quantity", QTY), Col("Value", "money", total=True),
    Col("Status"), Col("Category"), Col("Unit"), Col("Vendor"), Col("Action"),
]
USE_FIRST_COLS = [
    Col("Item ID", "id"), Col("Item"), Col("Location"), Col("Lot", "id"), Col("Expires", "date"),
    Col("Days left", "integer"), Col("Quantity", QTY), Col("Lots here", "integer"),
    Col("Then", "id"),
]
EQUIPMENT_COLS = [
    Col("Asset ID", "id"), Col("Equipment"), Col("Location"), Col("Next service", "date"),
    Col("Days until due", "integer"), Col("Status"), Col("In service"),
    Col("Serial number", "id"), Col("Last service", "date"),
    Col("Service every (days)", "integer"),
]
STOCK_COLS = [
    Col("Item ID", "id"), Col("Item"), Col("Category"), Col("Vendor"), Col("Unit"),
    Col("Usable on hand", QTY), Col("Expired", QTY), Col("Expiring before delivery", QTY),
    Col("On order", QTY), Col("Projected", QTY), Col("Par level", QTY),
    Col("Reorder point", QTY), Col("Status"), Col("Lead time (days)", "integer"),
    Col("Average daily use", QTY), Col("Days of supply", QTY), Col("Stock-out date", "date"),
    Col("Urgent"), Col("Suggested par level", QTY), Col("Unit cost", "money"),
    Col("Stock value", "money", total=True),
]
LEGEND = [
    ("error", "expired, overdue, out of service, or urgent to order"),
    ("watch", "expiring or due soon, below a minimum order, or cost unknown"),
]


def inventory_report(result: InventoryResult, settings: Settings) -> Report:
    """The inventory workbook: Summary, Reorder, Orders by vendor, Restock by category, one
    PO sheet per vendor, Expiring, Use first, Equipment due, Stock levels."""
    as_of = result.as_of.isoformat()
    first_window = window_label(result.windows[0])
    tables = [
        Table("Reorder", REORDER_COLS, result.reorder, highlights=[
            Highlight("Urgent", "text", "Yes", "error"),
            Highlight("Unit cost", "blank", level="watch")], note=f"as of {as_of}"),
        Table("Orders by vendor", VENDOR_COLS, result.orders_by_vendor, highlights=[
            Highlight("Below minimum", "text", "Yes", "watch"),
            Highlight("Below minimum", "text", "Cost unknown", "watch")]),
        Table("Restock by category", CATEGORY_COLS, result.by_category),
        *[po_table(order, result.po_sheets[order.vendor.name], result.as_of, settings)
          for order in result.orders if order.can_send],
        Table("Expiring", EXPIRING_COLS, result.expiring, highlights=[
            Highlight("Status", "text", EXPIRED, "error"),
            Highlight("Status", "text", first_window, "watch")], note=f"as of {as_of}"),
        Table("Use first", USE_FIRST_COLS, result.use_first,
              highlights=[Highlight("Days left", "<=", result.windows[0], "watch")]),
        Table("Equipment due", EQUIPMENT_COLS, result.equipment, highlights=[
            Highlight("Status", "text", OVERDUE, "error"),
            Highlight("Status", "text", DUE_SOON, "watch"),
            Highlight("In service", "text", "No", "error")], note=f"as of {as_of}"),
        Table("Stock levels", STOCK_COLS, result.stock, highlights=[
            Highlight("Status", "text", REORDER, "watch"),
            Highlight("Urgent", "text", "Yes", "error")]),
    ]
    charts = [Chart("Restock cost by vendor", "Orders by vendor", "Vendor", ("Order total",),
                    kind="bar")]
    return Report(title=f"Inventory as of {as_of}", office=settings.office_name,
                  period=f"As of {as_of}", figures=_figures(result), tables=tables,
                  charts=charts, notes=_notes(result), legend=LEGEND)


def _figures(result: InventoryResult) -> list[Figure]:
    urgent = result.count("reorder", "Urgent", "Yes")
    overdue = result.count("equipment", "Status", OVERDUE)
    due_soon = result.count("equipment", "Status", DUE_SOON)
    expired = result.count("expiring", "Status", EXPIRED)
    first_window = window_label(result.windows[0])
    figures = [
        Figure("Items counted", len(result.levels), "integer"),
        Figure("Items to reorder", len(result.reorder), "integer",
               level="watch" if len(result.reorder) else None),
        Figure("Urgent items", urgent, "integer", level="error" if urgent else None),
        Figure("Cost to restock", result.restock_cost, "money"),
    ]
    if result.lines_without_cost:
        figures.append(Figure("Items ordered with unit cost unknown (not in the cost)",
                              result.lines_without_cost, "integer", level="watch"))
    for order in result.orders:
        figures.append(Figure(f"Restock cost by vendor: {order.vendor.name}", order.total,
                              "money",
                              level="watch" if order.below_minimum != "No" else None))
    for _, row in result.by_category.iterrows():
        figures.append(Figure(f"Restock cost by category: {row['Category']}",
                              row["Order cost"], "money"))
    figures += [
        Figure("Untracked items (no par level)", result.count("stock", "Status", UNTRACKED),
               "integer"),
        Figure("Expired lots to remove", expired, "integer", level="error" if expired else None),
        Figure("Value of expired stock", result.expired_value, "money",
               level="error" if result.expired_value else None),
        Figure(f"Lots expiring {first_window.lower()}",
               result.count("expiring", "Status", first_window), "integer"),
        Figure("Equipment overdue", overdue, "integer", level="error" if overdue else None),
        Figure("Equipment due soon", due_soon, "integer", level="watch" if due_soon else None),
        Figure("Equipment out of service", result.count("equipment", "In service", "No"),
               "integer"),
    ]
    return figures


def _notes(result: InventoryResult) -> list[str]:
    """Plain sentences on how the figures were worked out (short lines: they print)."""
    notes = [
        "A lot is usable through the end of its Expires date; expired lots are not stock.",
        "Projected = usable - expiring before a delivery could arrive + on order.",
        "Reorder at or below the reorder point (below par without one), up to par in packs.",
        "An unknown unit cost is left blank, never $0; the costs shown leave it out.",
    ]
    if result.usage_window is not None:
        window = result.usage_window
        notes += [
            f"Average daily use: {window.days} days, {window.first} to {window.last}.",
            "Urgent: fewer days of supply than the vendor's lead time.",
            f"Suggested par = use over lead time + {REVIEW_DAYS} days + safety stock "
            f"({SERVICE_Z} sd); never applied for you.",
        ]
    elif not result.has_usage:
        notes.append("No Usage sheet: no days of supply, urgency or suggested par levels.")
    if result.lead_time_assumed:
        notes.append(f"Lead time unknown for {', '.join(result.lead_time_assumed)}: "
                     f"{DEFAULT_LEAD_DAYS} days assumed.")
    return notes


def po_table(order: VendorOrder, sheet: str, as_of: dt.date, settings: Settings) -> Table:
    """One vendor's purchase order: lines with a live order total and the vendor's contact."""
    vendor = order.vendor
    # Labels short enough for the Item ID column they are printed in.
    footer = [("Vendor", vendor.name), ("Email", vendor.email), ("Phone", vendor.phone),
              ("Order date", as_of.isoformat()), ("Ship to", settings.office_name)]
    if vendor.minimum_order is not None:
        footer.append(("Minimum", f"${vendor.minimum_order:,.2f} per order"))
    if order.below_minimum == "Yes":
        footer.append(("Note", f"below the minimum order: add ${order.short_of_minimum:,.2f}"))
    elif order.below_minimum == "Cost unknown":
        footer.append(("Note", "perhaps below the minimum order: some unit costs are unknown"))
    return Table(sheet, PO_COLS, order.lines, note=vendor.name, total_label="Order total",
                 footer=footer, highlights=[Highlight("Unit cost", "blank", level="watch")])


def purchase_order_report(order: VendorOrder, sheet: str, as_of: dt.date,
                          settings: Settings) -> Report:
    """A printable workbook of one vendor's order, ready to email to the vendor."""
    vendor = order.vendor
    figures = [
        Figure("Vendor", vendor.name, "text"), Figure("Email", vendor.email, "text"),
        Figure("Phone", vendor.phone, "text"), Figure("Order date", as_of, "date"),
        Figure("Lines", len(order.lines), "integer"), Figure("Order total", order.total, "money"),
    ]
    if vendor.minimum_order is not None:
        figures.append(Figure("Minimum order", vendor.minimum_order, "money",
                              level="watch" if order.below_minimum != "No" else None))
    notes = [f"Please deliver to {settings.office_name}."]
    if order.lines_without_cost:
        notes.append("Lines without a unit cost: please quote; the total leaves them out.")
    return Report(title=f"Purchase order: {vendor.name}", office=settings.office_name,
                  period=f"Ordered {as_of.isoformat()}", figures=figures,
                  tables=[po_table(order, sheet, as_of, settings)], notes=notes,
                  legend=[("watch", "unit cost unknown; below the minimum order")])
