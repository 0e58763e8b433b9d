"""Actual amounts, from the ledger export (sheet Actuals) and from payroll output
workbooks (their Labor by department sheet: gross pay plus employer tax per department,
dated the pay period's end, booked to the `Payroll account` setting)."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from ..intake import RawSheet, Records
from ..money import cents
from ..problems import Problem, cell_ref, error, warning
from ..schemas.base import normalize_header
from ..vectors import per_distinct
from .accounts import Account
from .actual_rows import (
    LEDGER,
    PAYROLL,
    Actuals,
    Origin,
    date_numbers,
    make_columns,
    to_cents,
)

_PERIOD_TEXT = re.compile(r"(\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})")
_PERIOD_NAME = re.compile(r"payroll_(\d{4}-\d{2}-\d{2})_to_(\d{4}-\d{2}-\d{2})")
_CREDIT_HEADERS = {"credit", "credits", "creditamount", "cr"}
# A payroll row's cells: its account and date are its Department cell, its amount Gross pay.
PAYROLL_CELLS = {"Account": "Department", "Amount": "Gross pay", "Date": "Department"}


def read_ledger(actuals: Records) -> tuple[Actuals, list[Problem]]:
    """Every ledger row with a date, an account and an amount (intake has already
    reported the rest, as cell errors the run stops on)."""
    problems = _check_debit_credit(actuals)
    data = actuals.data
    account_codes, texts = pd.factorize(data["Account"], use_na_sentinel=True)
    named = np.array([bool(t) for t in texts] + [False], dtype=bool)
    keep = data["Date"].notna().to_numpy() & data["Amount"].notna().to_numpy() & \
        named[account_codes]
    if not keep.all():
        data, account_codes = data[keep], account_codes[keep]
    # Renumber the account texts kept 0, 1, ... and parse each once.
    used = np.bincount(account_codes, minlength=len(texts)) > 0
    account_codes = (np.cumsum(used) - 1)[account_codes]
    ordinals, months = date_numbers(data["Date"])
    columns = make_columns({
        "date": data["Date"].to_numpy(), "ordinal": ordinals, "month": months,
        "account": account_codes,
        "department": per_distinct(data["Department"], str.strip, ""),
        "cents": to_cents(data["Amount"]), "vendor": data["Vendor"].to_numpy(),
        "description": data["Description"].to_numpy(), "source": LEDGER,
        "origin": data["_t"].to_numpy(), "row": data["_row"].to_numpy(),
    }, len(data))
    return Actuals(columns, [Account.parse(text) for text in texts[used]],
                   [Origin(table) for table in actuals.tables]), problems


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
                 payroll_account: str) -> tuple[Actuals, list[Problem]]:
    """One actual per department of each payroll output: gross pay plus employer tax,
    dated the period end, under the payroll account."""
    rows: dict[str, list] = {name: [] for name in ("date", "department", "cents",
                                                   "description", "origin", "row")}
    problems = []
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
        for row in zip(part["Department"], part["Gross pay"], part["Employer tax"],
                       part["_row"], strict=True):
            department, gross, tax, excel_row = row
            if gross is None or tax is None:
                continue  # a cell error intake reported
            rows["date"].append(period[1])
            rows["department"].append((department or "").strip())
            rows["cents"].append(int(cents(gross + tax).scaleb(2)))
            rows["description"].append(f"Payroll {period[0]} to {period[1]}: gross pay "
                                       f"${gross:,.2f} + employer tax ${tax:,.2f}")
            rows["origin"].append(t)
            rows["row"].append(int(excel_row))
    ordinals, months = date_numbers(pd.Series(rows["date"], dtype=object))
    columns = make_columns(rows | {"ordinal": ordinals, "month": months, "account": 0,
                                   "vendor": "Payroll", "source": PAYROLL}, len(rows["date"]))
    origins = [Origin(table, PAYROLL_CELLS) for table in labor.tables]
    return Actuals(columns, [Account.parse(payroll_account)], origins), problems
