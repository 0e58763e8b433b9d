"""Schemas of the budget inputs: the annual Budget and the ledger's Actuals."""

from __future__ import annotations

import datetime as dt

from .base import Column, SheetSchema
from .settings import MONTHS

MAX_LEDGER_AMOUNT = 1_000_000_000  # dollars, either way

MONTH_COLUMNS: tuple[Column, ...] = tuple(
    Column(month[:3], "money", synonyms=(month,), help=f"Budget for {month}.")
    for month in MONTHS
)

BUDGET = SheetSchema(
    "Budget",
    (
        Column("Account", "text", required=True, synonyms=("Account name", "GL account"),
               help="Account name, optionally with its number (6100 Medical supplies).",
               example="6100 Medical supplies"),
        Column("Type", "choice", choices=("Expense", "Revenue"), default="Expense",
               example="Expense"),
        Column("Department", "text", synonyms=("Dept", "Cost center", "Class"),
               example="Clinical"),
        *MONTH_COLUMNS,
        Column("Annual", "money", synonyms=("Total", "Annual budget", "Year"),
               help="Must equal the sum of the months when given."),
    ),
    help="One row per account and department; one column per month in fiscal order.",
)

ACTUALS = SheetSchema(
    "Actuals",
    (
        Column("Date", "date", required=True, synonyms=("Posting date", "Txn date",
                                                         "Transaction date"),
               example=dt.date(2026, 10, 15)),
        Column("Account", "text", required=True, synonyms=("Account name", "GL account"),
               example="6100 Medical supplies"),
        Column("Department", "text", synonyms=("Dept", "Cost center", "Class")),
        Column("Vendor", "text", synonyms=("Name", "Payee", "Customer")),
        Column("Description", "text", synonyms=("Memo", "Memo/Description")),
        # A billion either way: far beyond any office's transaction, and it keeps the
        # sums of a year's ledger in exact integer cents (budget/actual_rows.py).
        Column("Amount", "money", required=True, synonyms=("Debit", "Net amount"),
               example=412.5, minimum=-MAX_LEDGER_AMOUNT, maximum=MAX_LEDGER_AMOUNT),
    ),
    help="The ledger export: one row per transaction.",
    synonyms=("Ledger", "General ledger", "Transactions", "GL"),
)

# A payroll output workbook (python scripts/payroll.py) read back as actuals: its
# "Labor by department" sheet. Not a template: the manager never fills it in.
PAYROLL_LABOR = SheetSchema(
    "Labor by department",
    (
        Column("Department", "text", required=True, synonyms=("Dept",)),
        Column("Hours worked", "hours"),
        Column("Gross pay", "money", required=True),
        Column("Employer tax", "money", required=True),
        Column("Labor cost", "money"),
    ),
    help="Labor cost per department, from a payroll output workbook.",
)
