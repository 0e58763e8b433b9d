"""One declarative schema per input sheet, and the template workbooks that group them.

Adding a sheet: declare it in the module of its workbook, then list it in TEMPLATES.
"""

from __future__ import annotations

from .base import KINDS, Column, SheetSchema, WorkbookSchema, normalize_choice, normalize_header
from .budget import ACTUALS, BUDGET
from .inventory import EQUIPMENT, SUPPLIES, USAGE, VENDORS
from .payroll import BONUSES, PAY_CODES, STAFF, TIME
from .settings import DIFFERENTIALS, HOLIDAYS, RECIPIENTS, SETTING_KEYS, SETTINGS

TEMPLATES: tuple[WorkbookSchema, ...] = (
    WorkbookSchema(
        "settings", "Office settings", (SETTINGS, HOLIDAYS, DIFFERENTIALS, RECIPIENTS),
        help="Save as workbooks/settings.xlsx. Every sheet and every value is optional.",
    ),
    WorkbookSchema("staff", "Staff roster", (STAFF,),
                   help="Your staff: who they are and how they are paid."),
    WorkbookSchema("timesheet", "Timesheet", (TIME, BONUSES),
                   help="Hours for one pay period, and any bonuses paid in it."),
    WorkbookSchema("budget", "Budget and actuals", (BUDGET, ACTUALS),
                   help="The annual budget by month, and the ledger export of actual spending."),
    WorkbookSchema("inventory", "Supplies and equipment", (SUPPLIES, USAGE, EQUIPMENT, VENDORS),
                   help="Supply counts by lot, daily usage, equipment service and vendors."),
)

ALL_SHEETS: tuple[SheetSchema, ...] = tuple(s for t in TEMPLATES for s in t.sheets)

__all__ = [
    "ACTUALS", "ALL_SHEETS", "BONUSES", "BUDGET", "DIFFERENTIALS", "EQUIPMENT", "HOLIDAYS",
    "KINDS", "PAY_CODES", "RECIPIENTS", "SETTINGS", "SETTING_KEYS", "STAFF", "SUPPLIES",
    "TEMPLATES", "TIME", "USAGE", "VENDORS", "Column", "SheetSchema", "WorkbookSchema",
    "normalize_choice", "normalize_header",
]
