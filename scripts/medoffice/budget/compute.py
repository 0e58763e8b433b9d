"""Budget against actuals for one as-of date: match every actual to a budget line (or
to a "No budget" line), then compare year to date, month by month, by department and
for the net line. Pure: Records and settings in, DataFrames and Problems out."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from ..intake import RawSheet, Records
from ..money import ZERO, cents
from ..problems import Problem, UsageError, error, warning
from ..settings import Settings
from .accounts import Account, department_key, suggest
from .actuals import LEDGER, PAYROLL, ActualRow, read_ledger, read_payroll
from .compare import Comparison, Thresholds, money
from .fiscal import Elapsed, FiscalYear, fiscal_year_of, month_end, month_number, times
from .lines import BudgetLine, read_budget
from .listing import Listing
from .tables import build_tables


@dataclass
class BudgetResult:
    """Everything the report shows, plus the problems found on the way."""

    problems: list[Problem]
    elapsed: Elapsed | None = None
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    totals: dict[str, Comparison] = field(default_factory=dict)  # Revenue, Expense, Net
    thresholds: Thresholds | None = None

    @property
    def failed(self) -> bool:
        return any(p.is_error for p in self.problems)


@dataclass
class Placed:
    """A line with the actuals booked to it, per fiscal month."""

    line: BudgetLine
    actual: list[Decimal] = field(default_factory=lambda: [ZERO] * 12)
    rows: list[ActualRow] = field(default_factory=list)


def compute_budget(budget: Records, ledger: Records | None, labor: Records | None,
                   sheets_of: dict[str, dict[str, RawSheet]], settings: Settings,
                   as_of: dt.date | None = None) -> BudgetResult:
    """Compare the budget with the actuals up to `as_of` (default: the end of the latest
    month with actuals). Errors in the result mean nothing can be reported."""
    start_month = month_number(settings.fiscal_year_starts)
    read = read_budget(budget, start_month)
    problems = list(read.problems)
    rows: list[ActualRow] = []
    for records, reader in ((ledger, read_ledger), (labor, None)):
        if records is None:
            continue
        found, found_problems = (reader(records) if reader else
                                 read_payroll(records, sheets_of, settings.payroll_account))
        rows += found
        problems += found_problems
    if any(p.is_error for p in problems):
        return BudgetResult(problems)
    chosen = choose_as_of(as_of, rows, read.dated_year, start_month)
    if isinstance(chosen, Problem):
        return BudgetResult(problems + [chosen])
    elapsed = Elapsed(*chosen)
    listing = Listing()
    included, excluded = split_by_date(rows, elapsed, listing)
    placed = place(read.lines, included, elapsed.fiscal_year, problems)
    check_signs(placed, listing, problems)
    check_payroll_twice(placed, elapsed.fiscal_year, problems)
    for entry in placed:
        for row in entry.rows:
            entry.actual[elapsed.fiscal_year.month_index(row.date)] += row.amount
    thresholds = Thresholds(settings.variance_threshold_pct, settings.variance_threshold_usd)
    comparisons = [compare_line(entry, elapsed) for entry in placed]
    tables, totals = build_tables(placed, comparisons, excluded, elapsed, thresholds)
    return BudgetResult(problems + listing.problems(), elapsed, tables, totals, thresholds)


def choose_as_of(as_of: dt.date | None, rows: list[ActualRow], dated_year: FiscalYear | None,
                 start_month: int) -> tuple[FiscalYear, dt.date] | Problem:
    """The fiscal year and as-of date: the given date, else the last day of the latest
    month with actuals (within the budget's year when its month headers are dates)."""
    if as_of is not None:
        year = dated_year or fiscal_year_of(as_of, start_month)
        if not year.contains(as_of):
            raise UsageError(
                f"--as-of {as_of} is outside the budget's fiscal year ({year.label}, from its "
                "month headers). Give a date in that year, or use the budget of the year "
                f"holding {as_of}.")
        return year, as_of
    dates = [r.date for r in rows if dated_year is None or dated_year.contains(r.date)]
    if not dates:
        where = f"in the budget's fiscal year ({dated_year.label})" if dated_year else ""
        return error("budget-no-actuals",
                     f"no actual amounts were found {where}, so there is no as-of date to "
                     "report to. Add the ledger export (a sheet with Date, Account and Amount "
                     "columns) or a payroll output, or give --as-of YYYY-MM-DD.")
    as_of = month_end(max(dates))
    year = dated_year or fiscal_year_of(as_of, start_month)
    return year, min(as_of, year.end)


def split_by_date(rows: list[ActualRow], elapsed: Elapsed, listing: Listing
                  ) -> tuple[list[ActualRow], list[tuple[ActualRow, str]]]:
    """Actuals in the fiscal year up to the as-of date; the rest excluded and listed."""
    year, as_of = elapsed.fiscal_year, elapsed.as_of
    included, excluded = [], []
    for row in rows:
        if row.date < year.start:
            reason, code = f"before the fiscal year ({year.label})", "budget-outside-year"
        elif row.date > year.end:
            reason, code = f"after the fiscal year ({year.label})", "budget-outside-year"
        elif row.date > as_of:
            reason, code = f"after the as-of date {as_of}", "budget-after-as-of"
        else:
            included.append(row)
            continue
        excluded.append((row, reason))
        listing.add(row.table, warning(
            code, f"{row.account.text} {money(row.amount)} on {row.date} is dated {reason}, "
            "so it was left out (it is listed on the Excluded actuals sheet). Check the "
            "date, or run with a different --as-of.", value=row.date, **row.where("Date")))
    return included, excluded


def place(lines: list[BudgetLine], rows: list[ActualRow], year: FiscalYear,
          problems: list[Problem]) -> list[Placed]:
    """Book each actual to its budget line; actuals whose account or department has no
    budget get a "No budget" line of their own (nothing is dropped) and a warning."""
    placed = [Placed(line) for line in lines]
    matcher = Matcher(lines)
    unbudgeted: dict[tuple[str, str], Placed] = {}
    for row in rows:
        line, candidates = matcher.match(row.account, row.department)
        if line is not None:
            placed[matcher.position[id(line)]].rows.append(row)
            continue
        key = (row.account.identity, department_key(row.department))
        entry = unbudgeted.get(key)
        if entry is None:
            account = candidates[0].account if candidates else row.account
            kind = candidates[0].type if candidates else "Expense"
            entry = Placed(BudgetLine(account, kind, row.department, [ZERO] * 12,
                                      row.where("Account"), budgeted=False))
            unbudgeted[key] = entry
        entry.rows.append(row)
    for entry in unbudgeted.values():
        problems.append(_unbudgeted_warning(entry, matcher))
    return placed + list(unbudgeted.values())


class Matcher:
    """Finds the budget line of an account and department."""

    def __init__(self, lines: list[BudgetLine]):
        self.lines = lines
        self.position = {id(line): i for i, line in enumerate(lines)}
        self._cache: dict[tuple, tuple] = {}

    def candidates(self, account: Account) -> list[BudgetLine]:
        """The budget lines of the same account, in any department."""
        if account.number:
            same = [ln for ln in self.lines if ln.account.number == account.number]
            if same:
                return same
            return [ln for ln in self.lines if not ln.account.number and account.key
                    and ln.account.key == account.key]
        return [ln for ln in self.lines if account.key and ln.account.key == account.key]

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


def _unbudgeted_warning(entry: Placed, matcher: Matcher) -> Problem:
    line, rows = entry.line, entry.rows
    total = sum((r.amount for r in rows), ZERO)
    first = rows[0].where("Account")
    count = f"{len(rows)} row{'s' if len(rows) != 1 else ''}, {money(total)}"
    found = matcher.candidates(rows[0].account)
    if found:
        depts = sorted({ln.department or "(no department)" for ln in found})
        dept = line.department or "(no department)"
        return warning(
            "budget-no-budget-department",
            f"{line.account.text} has no budget for department {dept} ({count}); it is "
            f"budgeted for {', '.join(depts)}. It is shown as a No budget line. Add a "
            "budget line for the department, or correct the department in the ledger.",
            value=rows[0].department, **rows[0].where("Department"))
    near = suggest(rows[0].account, [ln.account for ln in matcher.lines])
    hint = f" Did you mean {near.text}?" if near else ""
    kind = "" if line.type != "Expense" else " It is counted as an expense."
    return warning(
        "budget-no-budget-account",
        f"{rows[0].account.text} is not in the budget ({count}).{hint} It is shown as a No "
        f"budget line.{kind} Add it to the Budget sheet, or correct the account in the "
        "ledger.", value=rows[0].account.text, **first)


def check_signs(placed: list[Placed], listing: Listing, problems: list[Problem]) -> None:
    """Revenue exported as negative credits is turned positive (per ledger sheet, with a
    warning); negative expense amounts are credits, kept and listed; zero rows listed."""
    by_table: dict[str, list[tuple[Placed, ActualRow]]] = defaultdict(list)
    for entry in placed:
        for row in entry.rows:
            if row.source == LEDGER and entry.line.type == "Revenue":
                by_table[row.table].append((entry, row))
    for table, pairs in by_table.items():
        budgeted = sum((sum(e.line.months, ZERO) for e in {id(e): e for e, _ in pairs}.values()),
                       ZERO)
        if sum((r.amount for _, r in pairs), ZERO) < 0 < budgeted:
            for _, row in pairs:
                row.amount = -row.amount
            problems.append(warning(
                "budget-revenue-sign",
                f"revenue in {table} is mostly negative (credits), while the budget's revenue "
                "is positive; it was counted as positive revenue. Check this is how your "
                "ledger exports income.", **pairs[0][1].where("Amount")))
    for entry in placed:
        for row in entry.rows:
            if row.amount == 0:
                listing.add(row.table, warning(
                    "budget-zero-amount",
                    f"{row.account.text} on {row.date} has a zero amount. Check whether an "
                    "amount is missing.", value=0, **row.where("Amount")))
            elif row.amount < 0 and entry.line.type == "Expense":
                listing.add(row.table, warning(
                    "budget-credit",
                    f"{money(row.amount)} on expense account {row.account.text} "
                    f"({row.date}{', ' + row.vendor if row.vendor else ''}) is a credit (a "
                    "refund or correction); it lowers the actual. Check it is not a sign "
                    "error.", value=row.amount, **row.where("Amount")))


def check_payroll_twice(placed: list[Placed], year: FiscalYear,
                        problems: list[Problem]) -> None:
    """Payroll outputs and ledger payroll entries in the same month may count pay twice."""
    payroll_lines = {id(e) for e in placed if any(r.source == PAYROLL for r in e.rows)}
    months = {year.month_index(r.date) for e in placed for r in e.rows if r.source == PAYROLL}
    seen: set[int] = set()
    for entry in placed:
        if id(entry) not in payroll_lines:
            continue
        for row in entry.rows:
            month = year.month_index(row.date)
            if row.source == LEDGER and month in months and month not in seen:
                seen.add(month)
                problems.append(warning(
                    "budget-payroll-twice",
                    f"the ledger has {row.account.text} entries in {row.date:%B %Y}, the "
                    "month a payroll output given as actuals is dated: the same pay may be "
                    "counted twice. Give either the payroll outputs or the ledger's payroll "
                    "entries for a month, not both.", **row.where("Account")))


def compare_line(entry: Placed, elapsed: Elapsed) -> Comparison:
    """A line's year to date: budget prorated by the elapsed share of each month."""
    months = entry.line.months
    ytd_budget = cents(sum((times(m, elapsed.share(i)) for i, m in enumerate(months)), ZERO))
    ytd_actual = sum(entry.actual, ZERO)
    fraction = elapsed.fraction
    run_rate = cents(ytd_actual * fraction.denominator / fraction.numerator)
    return Comparison(entry.line.type, sum(months, ZERO), ytd_budget, ytd_actual, run_rate,
                      entry.line.budgeted)
