"""Actual amounts, from the ledger export (sheet Actuals) and from payroll output
workbooks (their Labor by department sheet: gross pay plus employer tax per department,
dated the pay period's end, booked to the `Payroll account` setting)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from ..intake import RawSheet, Records
from ..money import cents
from ..problems import Problem, cell_ref, error, warning
from ..schemas.base import normalize_header
from .accounts import Account

LEDGER, PAYROLL = "ledger", "payroll"
_PERIOD_TEXT = re.compile(r"(\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})")
_PERIOD_NAME = re.compile(r"payroll_(\d{4}-\d{2}-\d{2})_to_(\d{4}-\d{2}-\d{2})")
_CREDIT_HEADERS = {"credit", "credits", "creditamount", "cr"}


@dataclass
class ActualRow:
    """One actual amount: a ledger row, or one department of a payroll output."""

    date: dt.date
    account: Account
    department: str
    amount: object  # Decimal, in cents; revenue may be turned positive later
    vendor: str
    description: str
    source: str  # LEDGER or PAYROLL
    table: str  # "file: sheet", so sign checks can work per ledger export
    where: Callable[[str], dict]  # column -> location of that cell of the row


def read_ledger(actuals: Records) -> tuple[list[ActualRow], list[Problem]]:
    """Every ledger row with a date and an amount (intake has already reported the rest)."""
    problems = _check_debit_credit(actuals)
    rows = []
    for index, row in actuals.iterrows():
        if row["Date"] is None or row["Amount"] is None or not row["Account"]:
            continue  # a cell error intake reported; the run stops on it
        table = actuals.tables[int(row["_t"])]
        rows.append(ActualRow(
            date=row["Date"], account=Account.parse(row["Account"]),
            department=(row["Department"] or "").strip(), amount=cents(row["Amount"]),
            vendor=row["Vendor"] or "", description=row["Description"] or "",
            source=LEDGER, table=f"{table.file}: {table.sheet}",
            where=partial(actuals.where, index=index)))
    return rows, problems


def _check_debit_credit(actuals: Records) -> list[Problem]:
    """A Debit column read as Amount beside a Credit column would lose every credit."""
    problems = []
    for table in actuals.tables:
        credit = next((h for h in table.extra if normalize_header(h) in _CREDIT_HEADERS), None)
        if credit is not None:
            problems.append(error(
                "budget-debit-credit",
                f"sheet {table.sheet} has a {credit} column beside the amounts; only one "
                "Amount column is read, so the credits would be lost. Add a column headed "
                "Amount holding Debit minus Credit (or export the ledger with one amount "
                "column) and run again.", file=table.file, sheet=table.sheet,
                cell=_header_cell(table, table.extra[credit]), column=credit))
    return problems


def _header_cell(table, col0: int) -> str:
    return cell_ref(table.header_row, col0)


def payroll_period(sheets: dict[str, RawSheet], file_name: str
                   ) -> tuple[dt.date, dt.date] | None:
    """The pay period of a payroll output: the `YYYY-MM-DD to YYYY-MM-DD` its Summary or
    About sheet shows, else the one in its file name (payroll_<start>_to_<end>.xlsx)."""
    for name, sheet in sheets.items():
        if normalize_header(name) not in ("summary", "about"):
            continue
        for row in sheet.rows[:12]:
            for value in row:
                if isinstance(value, str):
                    m = _PERIOD_TEXT.search(value)
                    if m:
                        return _dates(m)
    m = _PERIOD_NAME.search(file_name)
    return _dates(m) if m else None


def _dates(m: re.Match) -> tuple[dt.date, dt.date] | None:
    try:
        return dt.date.fromisoformat(m.group(1)), dt.date.fromisoformat(m.group(2))
    except ValueError:
        return None


def read_payroll(labor: Records, sheets_of: dict[str, dict[str, RawSheet]],
                 payroll_account: str) -> tuple[list[ActualRow], list[Problem]]:
    """One actual per department of each payroll output: gross pay plus employer tax,
    dated the period end, under the payroll account."""
    rows, problems = [], []
    account = Account.parse(payroll_account)
    seen: dict[tuple[dt.date, dt.date], str] = {}
    for t, table in enumerate(labor.tables):
        period = payroll_period(sheets_of.get(table.file, {}), table.file)
        if period is not None and period in seen:
            problems.append(warning(
                "budget-payroll-duplicate",
                f"{table.file} is for the pay period {period[0]} to {period[1]}, like "
                f"{seen[period]}; both were counted. Remove one if it is a copy (an earlier "
                "run of the same period).", file=table.file, sheet=table.sheet, cell="A1"))
        elif period is not None:
            seen[period] = table.file
        if period is None:
            problems.append(error(
                "budget-payroll-period",
                f"{table.file} looks like a payroll output (it has a {table.sheet} sheet) but "
                "its pay period was not found on its Summary sheet or in its name. Use the "
                "workbook exactly as python scripts/payroll.py wrote it.",
                file=table.file, sheet=table.sheet, cell="A1"))
            continue
        part = labor.data[labor.data["_t"] == t]
        for index, row in part.iterrows():
            gross, tax = row["Gross pay"], row["Employer tax"]
            if gross is None or tax is None:
                continue  # a cell error intake reported
            rows.append(ActualRow(
                date=period[1], account=account, department=(row["Department"] or "").strip(),
                amount=cents(gross + tax), vendor="Payroll",
                description=f"Payroll {period[0]} to {period[1]}: gross pay ${gross:,.2f} + "
                            f"employer tax ${tax:,.2f}",
                source=PAYROLL, table=f"{table.file}: {table.sheet}",
                where=partial(_payroll_where, labor, index)))
    return rows, problems


def _payroll_where(labor: Records, index, column: str) -> dict:
    """A payroll row's cells: its account is the Department cell, its amount Gross pay."""
    mapped = {"Account": "Department", "Amount": "Gross pay", "Date": "Department"}
    return labor.where(mapped.get(column, column), index)
