"""`python scripts/inventory.py`: reorders, purchase orders, expiring lots and equipment
service from a supply count, as of a date (default today)."""

from __future__ import annotations

import argparse
import datetime as dt
import re

from ..schemas import EQUIPMENT, SUPPLIES, USAGE, VENDORS
from .base import Command, Outcome, Output, iso_date


def file_slug(name: str) -> str:
    """A vendor name as a safe piece of a file name: `Henry Schein, Inc.` -> `Henry_Schein_Inc`."""
    return re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_") or "vendor"


class InventoryCommand(Command):
    name = "inventory"
    help = ("Work out what to reorder (to par, in whole packs, one purchase order per vendor), "
            "which lots are expired or expiring, and which equipment is due for service, from "
            "a supply count by lot, usage, equipment and vendor lists.")
    schemas = (SUPPLIES, USAGE, EQUIPMENT, VENDORS)
    needs = ("Supplies",)
    needs_help = "supply count"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD",
                            help="the date the counts are as of (default: today)")
        parser.add_argument("--po-files", action="store_true",
                            help="also write one printable purchase order workbook per vendor")

    def as_of(self) -> dt.date:
        """--as-of, else today by the injected clock, else the system date."""
        if self.args.as_of is not None:
            return self.args.as_of
        return self.clock().date() if self.clock else dt.date.today()

    def compute(self, inputs, settings) -> Outcome:
        from ..inventory import compute_inventory
        from ..inventory.report import inventory_report, purchase_order_report
        from ..report import render_report
        from .about import finish_report

        as_of = self.as_of()
        result = compute_inventory(inputs.records("Supplies"), inputs.records("Usage"),
                                   inputs.records("Equipment"), inputs.records("Vendors"),
                                   settings, as_of)
        report = finish_report(inventory_report(result, settings), inputs, settings, self,
                               result.problems)
        outputs = [Output(f"inventory_{as_of.isoformat()}.xlsx",
                          lambda path: render_report(report, path))]
        if self.args.po_files:
            outputs += self._po_outputs(result, inputs, settings, purchase_order_report,
                                        finish_report, render_report)
        return Outcome(outputs=outputs, problems=result.problems,
                       summary=self._summary(result, settings), figures=self._figures(result))

    def _po_outputs(self, result, inputs, settings, purchase_order_report, finish_report,
                    render_report) -> list[Output]:
        """One workbook per vendor order. Settings and the office's warnings stay out of a
        document that goes to the vendor; the inventory workbook holds them."""
        outputs, used = [], set()
        for order in result.orders:
            if not order.can_send:
                continue
            po = purchase_order_report(order, result.po_sheets[order.vendor.name],
                                       result.as_of, settings)
            finish_report(po, inputs, settings, self)
            po.settings, po.warnings = [], []
            slug = file_slug(order.vendor.name)
            while slug.lower() in used:
                slug += "_2"
            used.add(slug.lower())
            outputs.append(Output(f"inventory_{result.as_of.isoformat()}_PO_{slug}.xlsx",
                                  lambda path, po=po: render_report(po, path)))
        return outputs

    @staticmethod
    def _summary(result, settings) -> list[str]:
        from ..inventory.equipment import DUE_SOON, OVERDUE
        from ..inventory.expiry import EXPIRED, window_label

        unknown = (f" ({result.lines_without_cost} with unit cost unknown)"
                   if result.lines_without_cost else "")
        vendors = len(result.orders)
        first_window = window_label(result.windows[0])
        lines = [
            f"{settings.office_name}: inventory as of {result.as_of}",
            f"  {len(result.reorder)} item(s) to reorder from {vendors} vendor(s), cost to "
            f"restock ${result.restock_cost:,.2f}{unknown}; "
            f"{result.count('reorder', 'Urgent', 'Yes')} urgent",
            f"  {result.count('expiring', 'Status', EXPIRED)} expired lot(s) to remove "
            f"(${result.expired_value:,.2f}), "
            f"{result.count('expiring', 'Status', first_window)} expiring "
            f"{first_window.lower()}",
        ]
        if len(result.equipment):
            lines.append(
                f"  Equipment: {result.count('equipment', 'Status', OVERDUE)} overdue, "
                f"{result.count('equipment', 'Status', DUE_SOON)} due soon, "
                f"{result.count('equipment', 'In service', 'No')} out of service")
        return lines

    @staticmethod
    def _figures(result) -> dict[str, object]:
        from ..inventory.equipment import DUE_SOON, OVERDUE
        from ..inventory.expiry import EXPIRED

        return {
            "as_of": result.as_of.isoformat(),
            "items": len(result.levels),
            "items_to_reorder": len(result.reorder),
            "urgent_items": result.count("reorder", "Urgent", "Yes"),
            "restock_cost": str(result.restock_cost),
            "lines_without_cost": result.lines_without_cost,
            "restock_cost_by_vendor": {o.vendor.name: str(o.total) for o in result.orders},
            "vendors_below_minimum": [o.vendor.name for o in result.orders
                                      if o.below_minimum == "Yes"],
            "expired_lots": result.count("expiring", "Status", EXPIRED),
            "expired_value": str(result.expired_value),
            "equipment_overdue": result.count("equipment", "Status", OVERDUE),
            "equipment_due_soon": result.count("equipment", "Status", DUE_SOON),
        }


def main(argv: list[str] | None = None) -> int:
    """Entry point of scripts/inventory.py."""
    return InventoryCommand().main(argv)
