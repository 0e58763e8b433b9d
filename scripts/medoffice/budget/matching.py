"""Book every actual to its budget line, or to a "No budget" line of its own: matched
once per distinct account and department, then booked row by row with arrays."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import pandas as pd

from ..money import ZERO
from ..problems import Problem, warning
from .accounts import Account, department_key, suggest
from .actual_rows import Actuals, amount
from .compare import money
from .fiscal import FiscalYear
from .lines import BudgetLine


@dataclass
class Placed:
    """A line with the actuals booked to it, per fiscal month."""

    line: BudgetLine
    actual: list[Decimal] = field(default_factory=lambda: [ZERO] * 12)


@dataclass
class Booked:
    """The actuals booked to lines, as arrays over the included rows in row order:
    `position` (the row in Actuals), `line` (its entry in the placed list), `month`
    (0-based fiscal month) and `cents` (revenue credits may be turned positive later)."""

    position: np.ndarray
    line: np.ndarray
    month: np.ndarray
    cents: np.ndarray
    _line_order: np.ndarray | None = field(default=None, repr=False)

    def in_line_order(self, chosen: np.ndarray) -> np.ndarray:
        """Indices of the chosen booked rows (a mask) line by line, each line's in row
        order: the order the checks report them in."""
        if self._line_order is None:
            self._line_order = np.lexsort((self.position, self.line))
        return self._line_order[chosen[self._line_order]]

    def per_line(self, lines: int) -> tuple[np.ndarray, np.ndarray]:
        """(cents, count of rows) per line and fiscal month: two (lines, 12) arrays."""
        sums = np.zeros((lines, 12), dtype=np.int64)
        counts = np.zeros((lines, 12), dtype=np.int64)
        np.add.at(sums, (self.line, self.month), self.cents)
        np.add.at(counts, (self.line, self.month), 1)
        return sums, counts


class Matcher:
    """Finds the budget line of an account and department."""

    def __init__(self, lines: list[BudgetLine]):
        self.lines = lines
        self.position = {id(line): i for i, line in enumerate(lines)}
        self._cache: dict[tuple, tuple] = {}
        self._by_number: dict[str, list[BudgetLine]] = {}
        self._by_name: dict[str, list[BudgetLine]] = {}
        self._unnumbered_by_name: dict[str, list[BudgetLine]] = {}
        for line in lines:
            account = line.account
            if account.number:
                self._by_number.setdefault(account.number, []).append(line)
            if account.key:
                self._by_name.setdefault(account.key, []).append(line)
                if not account.number:
                    self._unnumbered_by_name.setdefault(account.key, []).append(line)

    def candidates(self, account: Account) -> list[BudgetLine]:
        """The budget lines of the same account, in any department, in budget order:
        those with its number; without one (or when no line has it), those of its name
        that have no number (or any number, for an account without one)."""
        if account.number:
            same = self._by_number.get(account.number)
            if same:
                return list(same)
            return list(self._unnumbered_by_name.get(account.key, ())) if account.key else []
        return list(self._by_name.get(account.key, ())) if account.key else []

    def match(self, account: Account, department: str
              ) -> tuple[BudgetLine | None, list[BudgetLine]]:
        """(the line, the account's lines): the same department, else the account's
        office-wide line (blank department), else its only line for a blank department."""
        dept = department_key(department)
        key = (account.number, account.key, dept)
        if key not in self._cache:
            found = self.candidates(account)
            line = next((ln for ln in found if ln.dept_key == dept), None)
            line = line or next((ln for ln in found if ln.dept_key == ""), None)
            if line is None and dept == "" and len(found) == 1:
                line = found[0]
            self._cache[key] = (line, found)
        return self._cache[key]


def place(lines: list[BudgetLine], actuals: Actuals, included: np.ndarray,
          year: FiscalYear, problems: list[Problem]) -> tuple[list[Placed], Booked]:
    """Book each included actual to its budget line; actuals whose account or department
    has no budget get a "No budget" line of their own (nothing is dropped) and a
    warning. The No budget lines follow the budget's, in the order of their first row."""
    matcher = Matcher(lines)
    dept_codes, departments = pd.factorize(actuals["department"][included])
    width = max(len(departments), 1)
    # Each distinct (account, department), numbered in the order of its first row.
    pair_of_row, distinct = pd.factorize(actuals["account"][included] * width + dept_codes)
    first_row = np.flatnonzero(np.diff(np.maximum.accumulate(pair_of_row), prepend=-1) > 0)
    target = np.empty(len(distinct), dtype=np.int64)
    unbudgeted: dict[tuple[str, str], int] = {}
    placed = [Placed(line) for line in lines]
    for p in range(len(distinct)):
        account = actuals.accounts[int(distinct[p] // width)]
        department = departments[int(distinct[p] % width)]
        line, candidates = matcher.match(account, department)
        if line is not None:
            target[p] = matcher.position[id(line)]
            continue
        key = (account.identity, department_key(department))
        if key not in unbudgeted:
            unbudgeted[key] = len(placed)
            first = int(included[first_row[p]])
            placed.append(Placed(BudgetLine(
                candidates[0].account if candidates else account,
                candidates[0].type if candidates else "Expense", department, [ZERO] * 12,
                actuals.where(first, "Account"), budgeted=False)))
        target[p] = unbudgeted[key]
    month = actuals["month"][included] - (year.start.year * 12 + year.start.month - 1)
    booked = Booked(included, target[pair_of_row], month, actuals["cents"][included])
    if unbudgeted:
        _warn_unbudgeted(placed, len(lines), booked, actuals, matcher, problems)
    return placed, booked


def _warn_unbudgeted(placed: list[Placed], budgeted: int, booked: Booked, actuals: Actuals,
                     matcher: Matcher, problems: list[Problem]) -> None:
    """One warning per No budget line, with its rows' count and total and its first row."""
    sums, counts = booked.per_line(len(placed))
    lines, first = np.unique(booked.line, return_index=True)
    first_of = dict(zip(lines.tolist(), booked.position[first].tolist(), strict=True))
    for index in range(budgeted, len(placed)):
        problems.append(_unbudgeted_warning(
            placed[index].line, first_of[index], int(counts[index].sum()),
            amount(sums[index].sum()), actuals, matcher))


def _unbudgeted_warning(line: BudgetLine, first: int, rows: int, total: Decimal,
                        actuals: Actuals, matcher: Matcher) -> Problem:
    account = actuals.account(first)
    count = f"{rows} row{'s' if rows != 1 else ''}, {money(total)}"
    found = matcher.candidates(account)
    if found:
        depts = sorted({ln.department or "(no department)" for ln in found})
        dept = line.department or "(no department)"
        return warning(
            "budget-no-budget-department",
            f"{line.account.text} has no budget for department {dept} ({count}); it is "
            f"budgeted for {', '.join(depts)}. It is shown as a No budget line. Add a "
            "budget line for the department, or correct the department in the ledger.",
            value=actuals["department"][first], **actuals.where(first, "Department"))
    near = suggest(account, [ln.account for ln in matcher.lines])
    hint = f" Did you mean {near.text}?" if near else ""
    kind = "" if line.type != "Expense" else " It is counted as an expense."
    return warning(
        "budget-no-budget-account",
        f"{account.text} is not in the budget ({count}).{hint} It is shown as a No "
        f"budget line.{kind} Add it to the Budget sheet, or correct the account in the "
        "ledger.", value=account.text, **actuals.where(first, "Account"))
