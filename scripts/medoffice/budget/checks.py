"""The checks on booked actuals: revenue exported as credits, credits on expense lines,
zero amounts, and pay counted twice. Found with arrays; a warning is worded only for the
rows it names."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..money import ZERO
from ..problems import Problem, warning
from .actual_rows import LEDGER, PAYROLL, Actuals, amount
from .compare import money
from .listing import Listing
from .matching import Booked, Placed


def check_signs(placed: list[Placed], actuals: Actuals, booked: Booked, listing: Listing,
                problems: list[Problem]) -> None:
    """Revenue exported as negative credits is turned positive (per ledger sheet, with a
    warning); negative expense amounts are credits, kept and listed; zero rows listed."""
    kinds = np.array([entry.line.type for entry in placed] or [""], dtype=object)[booked.line]
    labels = actuals.labels()[booked.position]
    ledger = actuals["source"][booked.position] == LEDGER
    revenue = booked.in_line_order(ledger & (kinds == "Revenue"))
    for label, rows in _groups(revenue, labels[revenue]):
        lines = {int(line) for line in booked.line[rows]}
        budgeted = sum((sum(placed[line].line.months, ZERO) for line in lines), ZERO)
        if booked.cents[rows].sum() < 0 < budgeted:
            booked.cents[rows] = -booked.cents[rows]
            problems.append(warning(
                "budget-revenue-sign",
                f"revenue in {label} is mostly negative (credits), while the budget's revenue "
                "is positive; it was counted as positive revenue. Check this is how your "
                "ledger exports income.", **actuals.where(int(booked.position[rows[0]]),
                                                          "Amount")))
    zero = booked.cents == 0
    flagged = booked.in_line_order(zero | ((booked.cents < 0) & (kinds == "Expense")))
    codes = np.where(zero[flagged], "budget-zero-amount", "budget-credit")
    for (code, label), rows in _groups(flagged, list(zip(codes, labels[flagged],
                                                         strict=True))):
        warn = _zero_warning if code == "budget-zero-amount" else _credit_warning
        listing.add_rows(code, label, rows.tolist(),
                         lambda row, warn=warn: warn(actuals, booked, row))


def _groups(rows: np.ndarray, keys) -> list[tuple[object, np.ndarray]]:
    """`rows` grouped by their keys, groups in the order of their first row."""
    if not len(rows):
        return []
    grouped = pd.Series(rows).groupby(pd.Series(list(keys), dtype=object), sort=False)
    return [(key, group.to_numpy()) for key, group in grouped]


def _zero_warning(actuals: Actuals, booked: Booked, row: int) -> Problem:
    position = int(booked.position[row])
    return warning(
        "budget-zero-amount",
        f"{actuals.account(position).text} on {actuals['date'][position]} has a zero "
        "amount. Check whether an amount is missing.", value=0,
        **actuals.where(position, "Amount"))


def _credit_warning(actuals: Actuals, booked: Booked, row: int) -> Problem:
    position = int(booked.position[row])
    credit = amount(booked.cents[row])
    vendor = actuals["vendor"][position]
    return warning(
        "budget-credit",
        f"{money(credit)} on expense account {actuals.account(position).text} "
        f"({actuals['date'][position]}{', ' + vendor if vendor else ''}) is a credit "
        "(a refund or correction); it lowers the actual. Check it is not a sign error.",
        value=credit, **actuals.where(position, "Amount"))


def check_payroll_twice(actuals: Actuals, booked: Booked, problems: list[Problem]) -> None:
    """Payroll outputs and ledger payroll entries in the same month may count pay twice:
    one warning per month, at the first such ledger row (line by line)."""
    payroll = actuals["source"][booked.position] == PAYROLL
    if not payroll.any():
        return
    twice = (~payroll & np.isin(booked.line, booked.line[payroll])
             & np.isin(booked.month, booked.month[payroll]))
    rows = booked.in_line_order(twice)
    _months, first = np.unique(booked.month[rows], return_index=True)
    for row in rows[np.sort(first)]:
        position = int(booked.position[row])
        problems.append(warning(
            "budget-payroll-twice",
            f"the ledger has {actuals.account(position).text} entries in "
            f"{actuals['date'][position]:%B %Y}, the month a payroll output given as "
            "actuals is dated: the same pay may be counted twice. Give either the payroll "
            "outputs or the ledger's payroll entries for a month, not both.",
            **actuals.where(position, "Account")))
