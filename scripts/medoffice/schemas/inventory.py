"""Schemas of the inventory inputs: Supplies (one row per lot), Usage, Equipment, Vendors."""

from __future__ import annotations

import datetime as dt

from .base import Column, SheetSchema

ITEM_ID_SYNONYMS = ("SKU", "Item no", "Item number", "Item code")

SUPPLIES = SheetSchema(
    "Supplies",
    (
        Column("Item ID", "id", required=True, synonyms=ITEM_ID_SYNONYMS,
               help="The same ID on several rows means several lots of one item.",
               example="GLV-M"),
        Column("Item", "text", required=True, synonyms=("Description", "Item name"),
               example="Nitrile gloves, medium"),
        Column("Category", "text", example="PPE"),
        Column("Unit", "text", synonyms=("UOM",), help="Counting unit, e.g. box, each.",
               example="box"),
        Column("Pack size", "number", minimum=0, synonyms=("Units per pack", "Case qty"),
               help="Units per orderable pack; orders round up to whole packs.", example=10),
        Column("On hand", "number", required=True, synonyms=("Qty", "Quantity", "Count"),
               example=14),
        Column("On order", "number", minimum=0, example=0),
        Column("Par level", "number", minimum=0, synonyms=("Par",), example=30),
        Column("Reorder point", "number", minimum=0, synonyms=("Min", "Reorder at"),
               example=12),
        Column("Unit cost", "money", minimum=0, synonyms=("Cost", "Price"), example=8.95),
        Column("Vendor", "text", synonyms=("Supplier",), example="Medline"),
        Column("Location", "text", synonyms=("Room", "Shelf"), example="Supply room A"),
        Column("Lot", "text", synonyms=("Lot number", "Lot #", "Batch")),
        Column("Expires", "date", synonyms=("Expiry", "Expiration", "Expiration date", "Exp"),
               example=dt.date(2027, 6, 30)),
    ),
    help="One row per lot of each supply item.",
    synonyms=("Inventory", "Stock", "Supply count"),
)

USAGE = SheetSchema(
    "Usage",
    (
        Column("Date", "date", required=True, example=dt.date(2026, 11, 2)),
        Column("Item ID", "id", required=True, synonyms=ITEM_ID_SYNONYMS,
               example="GLV-M"),
        Column("Quantity used", "number", required=True, minimum=0,
               synonyms=("Used", "Quantity", "Qty"), example=2),
    ),
    help="How much of each item was used, by day.",
)

EQUIPMENT = SheetSchema(
    "Equipment",
    (
        Column("Asset ID", "id", required=True, unique=True, synonyms=("Asset", "Asset #", "Tag"),
               example="EQ-001"),
        Column("Equipment", "text", required=True, synonyms=("Description", "Name"),
               example="Autoclave"),
        Column("Location", "text", example="Sterilization room"),
        Column("Serial number", "text", synonyms=("Serial", "SN", "Serial #")),
        Column("Last service", "date", synonyms=("Last serviced", "Last inspection"),
               example=dt.date(2026, 6, 1)),
        Column("Service every (days)", "integer", minimum=1,
               synonyms=("Service interval", "Interval"), example=180),
        Column("Next service", "date", synonyms=("Next due", "Due"),
               help="Blank means Last service plus the interval."),
        Column("Status", "choice", choices=("In service", "Out of service"),
               default="In service"),
    ),
    help="One row per piece of equipment that needs service or inspection.",
    synonyms=("Assets",),
)

VENDORS = SheetSchema(
    "Vendors",
    (
        Column("Vendor", "text", required=True, unique=True, synonyms=("Supplier", "Name"),
               example="Medline"),
        Column("Email", "email", example="orders@example.com"),
        Column("Phone", "text"),
        Column("Lead time (days)", "integer", minimum=0, synonyms=("Lead time",), example=5),
        Column("Minimum order", "money", minimum=0, synonyms=("Min order",), example=100),
    ),
    help="One row per vendor.",
    synonyms=("Suppliers",),
)
