"""Inventory: supplies counted by lot, expiry, reorders and purchase orders, equipment service.

Pure computation (no files, no printing, no clock): validated Records, settings and an
as-of date in; DataFrames and Problems out. `compute_inventory` is the entry point and
`report.inventory_report` describes the output workbook.
"""

from .compute import InventoryResult, compute_inventory

__all__ = ["InventoryResult", "compute_inventory"]
