"""The vendor directory: lead times, minimum orders and contacts, matched by name.

Names on the Supplies sheet match the Vendors sheet case- and punctuation-blind
("MEDLINE", "Medline"). A vendor missing from the Vendors sheet is still ordered from,
with the default lead time, and reported.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from decimal import Decimal

from ..intake import Records
from ..problems import Problem, warning
from ..schemas.base import normalize_choice
from .stock import Item

# Lead time assumed for a vendor whose lead time is not known (stated on the Summary).
DEFAULT_LEAD_DAYS = 7
NO_VENDOR = "(no vendor)"


@dataclass(frozen=True)
class Vendor:
    """One vendor as the orders need it."""

    name: str
    email: str = ""
    phone: str = ""
    lead_days: int | None = None  # None: not given (DEFAULT_LEAD_DAYS is used)
    minimum_order: Decimal | None = None
    listed: bool = False  # on the Vendors sheet

    @property
    def lead_time(self) -> int:
        """Days from ordering to delivery used in the computation."""
        return self.lead_days if self.lead_days is not None else DEFAULT_LEAD_DAYS


@dataclass
class VendorDirectory:
    """The Vendors sheet by normalized name; resolves the names written on Supplies rows."""

    by_key: dict[str, Vendor]
    has_sheet: bool

    @classmethod
    def of(cls, vendors: Records) -> VendorDirectory:
        """Index the Vendors sheet's rows (an empty directory when there is none)."""
        by_key: dict[str, Vendor] = {}
        for _, row in vendors.data.iterrows():
            if not row["Vendor"]:
                continue
            vendor = Vendor(name=row["Vendor"].strip(), email=row["Email"] or "",
                            phone=row["Phone"] or "", lead_days=row["Lead time (days)"],
                            minimum_order=row["Minimum order"], listed=True)
            by_key.setdefault(normalize_choice(vendor.name), vendor)
        return cls(by_key=by_key, has_sheet=bool(vendors.tables))

    def resolve(self, name: str) -> Vendor:
        """The listed vendor of this name, else an unlisted one with nothing known."""
        if not name:
            return Vendor(name=NO_VENDOR)
        return self.by_key.get(normalize_choice(name), Vendor(name=name))

    def closest(self, name: str) -> str | None:
        """A listed vendor whose name looks like `name` (for a "did you mean")."""
        names = {v.name.lower(): v.name for v in self.by_key.values()}
        found = difflib.get_close_matches(name.lower(), list(names), 1, 0.6)
        return names[found[0]] if found else None


def check_vendors(items: dict[str, Item], directory: VendorDirectory,
                  supplies: Records) -> list[Problem]:
    """A vendor named on Supplies that the Vendors sheet lacks: once per vendor name."""
    problems: list[Problem] = []
    first_row: dict[str, Item] = {}
    for item in items.values():
        if item.vendor and not directory.resolve(item.vendor).listed:
            first_row.setdefault(normalize_choice(item.vendor), item)
    if not first_row:
        return problems
    if not directory.has_sheet:
        names = ", ".join(sorted({i.vendor for i in first_row.values()}, key=str.lower))
        where = supplies.where("Vendor", next(iter(first_row.values())).first_index)
        where.pop("cell")
        return [warning(
            "inventory-vendor-unknown",
            f"there is no Vendors sheet, so lead times ({DEFAULT_LEAD_DAYS} days assumed), "
            f"minimum orders and contacts of {names} are unknown. Add a Vendors sheet (see "
            "templates/inventory.xlsx).", **where)]
    for item in first_row.values():
        near = directory.closest(item.vendor)
        hint = f" Did you mean {near}?" if near else ""
        problems.append(warning(
            "inventory-vendor-unknown",
            f'vendor "{item.vendor}" (item {item.item_id}) is not on the Vendors sheet, so its '
            f"lead time ({DEFAULT_LEAD_DAYS} days assumed), minimum order and contact are "
            f"unknown.{hint} Add it to Vendors or correct the name.",
            value=item.vendor, **supplies.where("Vendor", item.first_index)))
    return problems
