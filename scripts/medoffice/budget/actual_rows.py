"""Actual amounts as columns, not one object per row: a ledger holds hundreds of
thousands of rows, so each distinct account, department and date is worked out once,
amounts are integer cents (int64), and a row names its cells only when a problem needs
them."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import pandas as pd

from ..intake.model import Table
from ..money import cents
from ..vectors import day_numbers, per_distinct
from .accounts import Account

LEDGER, PAYROLL = "ledger", "payroll"
# Beyond this many cents (about $11 billion) an amount is not rounded through a float.
_FLOAT_SAFE_CENTS = 2.0 ** 40
_INT_COLUMNS = ("ordinal", "month", "account", "cents", "origin", "row")
_TEXT_COLUMNS = ("date", "department", "vendor", "description", "source")  # object arrays


@dataclass
class Origin:
    """A sheet actuals came from, and which of its columns holds each of ours."""

    table: Table
    cells: dict[str, str] = field(default_factory=dict)  # our column -> the sheet's

    @property
    def label(self) -> str:
        """`ledger.xlsx: Actuals`: how messages and the listing name the sheet."""
        return f"{self.table.file}: {self.table.sheet}"

    def where(self, column: str, excel_row: int) -> dict:
        """Keyword arguments locating one cell of a row, for problems.error()/warning()
        (the cell `Records.where` names)."""
        return self.table.where_in_row(self.cells.get(column, column), excel_row)


@dataclass
class Actuals:
    """Actual amounts, one row per ledger row or payroll department, as `columns` (numpy
    arrays of one length): date (datetime.date), ordinal (date.toordinal()), month (year
    x 12 + month - 1), account (a position in `accounts`), department (as written,
    trimmed), cents (int64), vendor and description (None when blank), source (LEDGER or
    PAYROLL), origin (a position in `origins`) and row (the Excel row there), so that any
    row can name its cells.
    """

    columns: dict[str, np.ndarray]
    accounts: list[Account]
    origins: list[Origin]

    def __len__(self) -> int:
        return len(self.columns["cents"])

    def __getitem__(self, column: str) -> np.ndarray:
        """One column."""
        return self.columns[column]

    def where(self, position: int, column: str) -> dict:
        """The cell of `column` in row `position` (0-based)."""
        origin = self.origins[self.columns["origin"][position]]
        return origin.where(column, int(self.columns["row"][position]))

    def account(self, position: int) -> Account:
        """The account of row `position`."""
        return self.accounts[self.columns["account"][position]]

    def labels(self) -> np.ndarray:
        """The `file: sheet` each row came from (an object array)."""
        names = np.array([o.label for o in self.origins] or [""], dtype=object)
        return names[self.columns["origin"]]

    @classmethod
    def concat(cls, parts: list[Actuals]) -> Actuals:
        """The rows of every part, in order (account and origin positions renumbered)."""
        if len(parts) == 1:
            return parts[0]
        columns = make_columns({}, 0)
        accounts: list[Account] = []
        origins: list[Origin] = []
        for part in parts:
            shifted = part.columns | {"account": part["account"] + len(accounts),
                                      "origin": part["origin"] + len(origins)}
            columns = {name: np.concatenate([columns[name], shifted[name]])
                       for name in columns}
            accounts += part.accounts
            origins += part.origins
        return cls(columns, accounts, origins)


def make_columns(values: dict[str, object], length: int) -> dict[str, np.ndarray]:
    """Actuals columns from values (a scalar is repeated), with the right dtypes."""
    columns = {}
    for name in _TEXT_COLUMNS + _INT_COLUMNS:
        value = values.get(name)
        if name in _INT_COLUMNS:
            columns[name] = np.broadcast_to(np.asarray(0 if value is None else value,
                                                       dtype=np.int64), (length,)).copy()
        elif isinstance(value, np.ndarray) and value.dtype == object:
            columns[name] = value
        else:
            columns[name] = np.empty(length, dtype=object)
            columns[name][:] = value
    return columns


def amount(in_cents: int) -> Decimal:
    """Integer cents as the Decimal amount they are (`-12.30` for -1230), as
    money.cents() would give it."""
    return Decimal(int(in_cents)).scaleb(-2)


def to_cents(amounts: pd.Series) -> np.ndarray:
    """Decimal amounts rounded half-up to integer cents, as money.cents() rounds them.

    Through floats, which is exact except within a hundredth of a cent of a half cent or
    for huge amounts: those few are rounded by money.cents() itself."""
    if not len(amounts):
        return np.zeros(0, dtype=np.int64)
    scaled = amounts.to_numpy(dtype=float) * 100
    doubtful = ~(np.abs(scaled) < _FLOAT_SAFE_CENTS)
    scaled[doubtful] = 0
    doubtful |= np.abs(scaled - np.floor(scaled) - 0.5) < 0.01
    result = np.rint(scaled).astype(np.int64)
    for i in np.flatnonzero(doubtful):
        result[i] = int(cents(amounts.iat[i]).scaleb(2))
    return result


def date_numbers(dates: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(date.toordinal(), year x 12 + month - 1) of each date, worked out once per day."""
    return day_numbers(dates), per_distinct(dates, _month_number, 0, np.int64)


def _month_number(date) -> int:
    return date.year * 12 + date.month - 1
