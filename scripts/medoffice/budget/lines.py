"""Read the Budget sheet into budget lines: twelve months in fiscal order per account
and department, with the checks a budget needs (Annual = sum of the months, duplicate
lines, blank months, month headers that are dates of one fiscal year)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from ..intake import Records
from ..money import ZERO, cents, round_parts
from ..problems import Problem, cell_ref, error, warning
from ..schemas.settings import MONTHS
from .accounts import Account, department_key, name_key
from .compare import money
from .fiscal import FiscalYear, fiscal_year_of, month_label

CALENDAR_COLUMNS = tuple(m[:3] for m in MONTHS)  # the Budget schema's month columns


@dataclass
class BudgetLine:
    """One line of the budget (or of actuals without one): an account in a department."""

    account: Account
    type: str  # Expense or Revenue
    department: str  # as written; "" when blank
    months: list[Decimal]  # twelve amounts in fiscal order, in cents
    where: dict = field(default_factory=dict)  # the Account cell of its first row
    budgeted: bool = True  # False for actuals whose account or department has no budget

    @cached_property
    def dept_key(self) -> str:
        """The department compared case- and space-insensitively ('' for none)."""
        return department_key(self.department)

    @property
    def annual(self) -> Decimal:
        """The year's budget: the sum of the months."""
        return sum(self.months, ZERO)

    @property
    def label(self) -> str:
        """`Salaries and wages (Nursing)`: the line's name on charts."""
        return f"{self.account.text} ({self.department})" if self.department else \
            self.account.text


@dataclass
class BudgetRead:
    """The budget lines, the fiscal year the month headers name (when they are dates),
    and the problems found."""

    lines: list[BudgetLine]
    dated_year: FiscalYear | None
    problems: list[Problem]


def fiscal_columns(start_month: int) -> list[str]:
    """The Budget schema's month columns in fiscal order: Jul..Jun for a July start."""
    return [CALENDAR_COLUMNS[(start_month - 1 + i) % 12] for i in range(12)]


def read_budget(budget: Records, start_month: int) -> BudgetRead:
    """Every Budget row as a line (duplicates merged, with a warning), months in fiscal
    order; errors for month headers that do not make one fiscal year."""
    problems: list[Problem] = []
    columns = fiscal_columns(start_month)
    dated_year = _dated_year(budget, start_month, problems)
    lines = _Lines()
    spread_noted: set[int] = set()
    for index, row in budget.iterrows():
        table = budget.tables[int(row["_t"])]
        present = [c for c in columns if table.has_column(c)]
        if present and len(present) < 12:
            continue  # reported once per table by _check_month_columns
        account = Account.parse(row["Account"] or "")
        if name_key(account.text).startswith("total"):
            problems.append(warning(
                "budget-subtotal-row",
                f'"{account.text}" looks like a subtotal row and was skipped (totals are '
                "worked out for you). If it is a real account, rename it.",
                value=account.text, **budget.where("Account", index)))
            continue
        line = BudgetLine(account, row["Type"] or "Expense", (row["Department"] or "").strip(),
                          [ZERO] * 12, budget.where("Account", index))
        raw = [row[c] if present else None for c in columns]
        annual = row["Annual"] if table.has_column("Annual") else None
        if all(v is None for v in raw) and annual is not None and annual != 0:
            line.months = round_parts([annual / 12] * 12)
            if present:
                problems.append(warning(
                    "budget-annual-spread",
                    f"{line.label} has an Annual budget but no monthly amounts; "
                    f"{money(annual)} was spread evenly over the 12 months. Fill in the months "
                    "if the spending is seasonal.", **budget.where("Annual", index)))
            elif int(row["_t"]) not in spread_noted:
                spread_noted.add(int(row["_t"]))
                problems.append(warning(
                    "budget-annual-spread",
                    f"sheet {table.sheet} has no month columns, so each line's Annual budget "
                    "was spread evenly over the 12 months. Add a column per month (Jan ... "
                    "Dec) if spending is seasonal.", file=table.file, sheet=table.sheet,
                    cell=table.cell("Annual", index)))
        else:
            line.months = round_parts([v or ZERO for v in raw])
            _check_line(budget, index, line, raw, annual, columns, problems)
        lines.add(line, problems)
    _check_month_columns(budget, columns, problems)
    return BudgetRead(lines.lines, dated_year, problems)


def _check_line(budget: Records, index, line: BudgetLine, raw: list, annual,
                columns: list[str], problems: list[Problem]) -> None:
    blank = [c for c, v in zip(columns, raw, strict=True) if v is None]
    if all(v is None or v == 0 for v in raw):
        problems.append(warning(
            "budget-blank-line",
            f"{line.label} has no budget: every month is blank or 0. Its actuals are "
            "compared with $0; fill in the months if it should have a budget.",
            **budget.where("Account", index)))
    elif blank:
        problems.append(warning(
            "budget-blank-months",
            f"{line.label}: {', '.join(blank)} {'is' if len(blank) == 1 else 'are'} blank and "
            "counted as $0. Type 0 where nothing is budgeted, or fill in the amount.",
            **budget.where(blank[0], index)))
    months_total = cents(sum((v or ZERO for v in raw), ZERO))
    if annual is not None and cents(annual) != months_total:
        problems.append(warning(
            "budget-annual-mismatch",
            f"{line.label}: Annual ({money(annual)}) is not the sum of the months "
            f"({money(months_total)}); the months were used. Correct the Annual or the "
            "months.", value=annual, **budget.where("Annual", index)))


class _Lines:
    """The budget lines read so far, indexed by department and account so that a repeat
    of an earlier line is found without comparing it with every line."""

    def __init__(self):
        self.lines: list[BudgetLine] = []
        # (department key, number) -> the first line with that number; (department key,
        # name key) -> the first line with that name, and the first one without a number.
        self._by_number: dict[tuple[str, str], BudgetLine] = {}
        self._by_name: dict[tuple[str, str], BudgetLine] = {}
        self._unnumbered_by_name: dict[tuple[str, str], BudgetLine] = {}
        self._position: dict[int, int] = {}

    def earlier(self, line: BudgetLine) -> BudgetLine | None:
        """The first earlier line of the same department whose account is the same
        (`Account.same_as`: the number when both have one, else the name)."""
        dept, account = line.dept_key, line.account
        name = (dept, account.key) if account.key else None
        if not account.number:
            return self._by_name.get(name) if name else None
        found = [self._by_number.get((dept, account.number)),
                 self._unnumbered_by_name.get(name) if name else None]
        found = [f for f in found if f is not None]
        return min(found, key=lambda f: self._position[id(f)]) if found else None

    def add(self, line: BudgetLine, problems: list[Problem]) -> None:
        """Append a line, or merge it into an earlier line of the same account and
        department (with a warning: money is never dropped)."""
        earlier = self.earlier(line)
        if earlier is not None:
            _merge(earlier, line, problems)
            return
        self._position[id(line)] = len(self.lines)
        self.lines.append(line)
        dept, account = line.dept_key, line.account
        if account.number:
            self._by_number.setdefault((dept, account.number), line)
        if account.key:
            self._by_name.setdefault((dept, account.key), line)
            if not account.number:
                self._unnumbered_by_name.setdefault((dept, account.key), line)


def _merge(earlier: BudgetLine, line: BudgetLine, problems: list[Problem]) -> None:
    """Add a repeated line's months to the earlier line, with a warning."""
    earlier.months = [a + b for a, b in zip(earlier.months, line.months, strict=True)]
    first = f"{earlier.where.get('sheet')}!{earlier.where.get('cell')}"
    kind = "" if earlier.type == line.type else \
        f" It was also marked {line.type}; it is counted as {earlier.type}."
    problems.append(warning(
        "budget-duplicate-line",
        f"{line.label} appears more than once in the budget (first at {first}); the "
        f"lines were added together.{kind} Delete the repeat if it is a copy, or give "
        "it its own department.", **line.where))


def _check_month_columns(budget: Records, columns: list[str], problems: list[Problem]) -> None:
    for table in budget.tables:
        present = [c for c in columns if table.has_column(c)]
        if present and len(present) < 12:
            missing = [c for c in columns if c not in present]
            problems.append(error(
                "budget-months-missing",
                f"sheet {table.sheet} has columns for {len(present)} of the 12 months (missing: "
                f"{', '.join(missing)}). Add a column for every month, with 0 where nothing is "
                "budgeted.", file=table.file, sheet=table.sheet,
                cell=table.cell("Account", table.data.index[0]) if len(table.data) else "A1"))


def _dated_year(budget: Records, start_month: int,
                problems: list[Problem]) -> FiscalYear | None:
    """The fiscal year named by month headers that are dates (2026-01-01 ...), after
    checking they belong to one fiscal year starting in the settings' month."""
    years: dict[dt.date, tuple] = {}
    for table in budget.tables:
        for column, when in table.header_dates.items():
            year = fiscal_year_of(when, start_month)
            years.setdefault(year.start, (table, column, when))
    if not years:
        return None
    if len(years) > 1:
        dates = sorted(when for t in budget.tables for when in t.header_dates.values())
        first, last = dates[0], dates[-1]
        starts = MONTHS[start_month - 1]
        table, column, when = years[max(years)]
        problems.append(error(
            "budget-fiscal-year",
            f"the Budget's month headers run from {month_label(first.replace(day=1))} to "
            f"{month_label(last.replace(day=1))}, which is not one fiscal year starting in "
            f"{starts} (the Fiscal year starts setting). Set Fiscal year starts to "
            f"{MONTHS[first.month - 1]} in the settings if that is when your fiscal year "
            "begins, or correct the headers.",
            file=table.file, sheet=table.sheet, cell=_header_cell(table, column),
            column=column, value=when))
        return None
    return FiscalYear(next(iter(years)))


def _header_cell(table, column: str) -> str:
    return cell_ref(table.header_row, table.letters[column])
