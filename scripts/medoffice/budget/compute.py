"""Budget against actuals for one as-of date: match every actual to a budget line (or
to a "No budget" line), then compare year to date, month by month, by department and
for the net line. Pure: Records and settings in, DataFrames and Problems out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..intake import RawSheet, Records
from ..money import ZERO, cents
from ..problems import Problem, UsageError, error, has_errors, warning
from ..settings import Settings
from .actual_rows import Actuals, amount
from .actuals import read_ledger, read_payroll
from .checks import check_payroll_twice, check_signs
from .compare import Comparison, Thresholds, money
from .fiscal import Elapsed, FiscalYear, fiscal_year_of, month_end, month_number, times
from .lines import read_budget
from .listing import Listing
from .matching import Booked, Placed, place
from .tables import build_tables, excluded_actuals


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
        return has_errors(self.problems)


def compute_budget(budget: Records, ledger: Records | None, labor: Records | None,
                   sheets_of: dict[str, dict[str, RawSheet]], settings: Settings,
                   as_of: dt.date | None = None) -> BudgetResult:
    """Compare the budget with the actuals up to `as_of` (default: the end of the latest
    month with actuals). Errors in the result mean nothing can be reported."""
    start_month = month_number(settings.fiscal_year_starts)
    read = read_budget(budget, start_month)
    problems = list(read.problems)
    parts: list[Actuals] = []
    if ledger is not None:
        found, found_problems = read_ledger(ledger)
        parts.append(found)
        problems += found_problems
    if labor is not None:
        found, found_problems = read_payroll(labor, sheets_of, settings.payroll_account)
        parts.append(found)
        problems += found_problems
    if has_errors(problems):
        return BudgetResult(problems)
    actuals = Actuals.concat(parts)
    chosen = choose_as_of(as_of, actuals, read.dated_year, start_month)
    if isinstance(chosen, Problem):
        return BudgetResult(problems + [chosen])
    elapsed = Elapsed(*chosen)
    listing = Listing()
    included, excluded, reasons = split_by_date(actuals, elapsed, listing)
    placed, booked = place(read.lines, actuals, included, elapsed.fiscal_year, problems)
    check_signs(placed, actuals, booked, listing, problems)
    check_payroll_twice(actuals, booked, problems)
    add_actuals(placed, booked)
    thresholds = Thresholds(settings.variance_threshold_pct, settings.variance_threshold_usd)
    comparisons = [compare_line(entry, elapsed) for entry in placed]
    tables, totals = build_tables(placed, comparisons,
                                  excluded_actuals(actuals, excluded, reasons), elapsed,
                                  thresholds)
    return BudgetResult(problems + listing.problems(), elapsed, tables, totals, thresholds)


def choose_as_of(as_of: dt.date | None, actuals: Actuals, dated_year: FiscalYear | None,
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
    days = actuals["ordinal"]
    if dated_year is not None:
        days = days[(days >= dated_year.start.toordinal()) & (days <= dated_year.end.toordinal())]
    if not len(days):
        where = f"in the budget's fiscal year ({dated_year.label})" if dated_year else ""
        return error("budget-no-actuals",
                     f"no actual amounts were found {where}, so there is no as-of date to "
                     "report to. Add the ledger export (a sheet with Date, Account and Amount "
                     "columns) or a payroll output, or give --as-of YYYY-MM-DD.")
    as_of = month_end(dt.date.fromordinal(int(days.max())))
    year = dated_year or fiscal_year_of(as_of, start_month)
    return year, min(as_of, year.end)


def split_by_date(actuals: Actuals, elapsed: Elapsed, listing: Listing
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(the rows in the fiscal year up to the as-of date; the rest, excluded and listed;
    the reason each of those was left out), rows as positions in `actuals`."""
    year, as_of = elapsed.fiscal_year, elapsed.as_of
    reasons = np.array(["", f"before the fiscal year ({year.label})",
                        f"after the fiscal year ({year.label})",
                        f"after the as-of date {as_of}"], dtype=object)
    codes = np.array(["", "budget-outside-year", "budget-outside-year", "budget-after-as-of"],
                     dtype=object)
    days = actuals["ordinal"]
    why = np.select([days < year.start.toordinal(), days > year.end.toordinal(),
                     days > as_of.toordinal()], [1, 2, 3], 0)
    excluded = np.flatnonzero(why)
    labels = actuals.labels()[excluded]
    keys = pd.Series(list(zip(codes[why[excluded]], labels, strict=True)), dtype=object)
    for (code, label), rows in pd.Series(excluded).groupby(keys, sort=False):
        listing.add_rows(code, label, rows.tolist(), lambda position: _excluded_warning(
            actuals, position, codes[why[position]], reasons[why[position]]))
    return np.flatnonzero(why == 0), excluded, reasons[why[excluded]]


def _excluded_warning(actuals: Actuals, position: int, code: str, reason: str) -> Problem:
    day = actuals["date"][position]
    return warning(
        code, f"{actuals.account(position).text} "
        f"{money(amount(actuals['cents'][position]))} on {day} is dated {reason}, so "
        "it was left out (it is listed on the Excluded actuals sheet). Check the date, or "
        "run with a different --as-of.", value=day, **actuals.where(position, "Date"))


def add_actuals(placed: list[Placed], booked: Booked) -> None:
    """Each line's actual per fiscal month: the sum of its rows (0 without rows)."""
    sums, counts = booked.per_line(len(placed))
    for entry, line_sums, line_counts in zip(placed, sums.tolist(), counts.tolist(),
                                             strict=True):
        entry.actual = [amount(total) if count else ZERO
                        for total, count in zip(line_sums, line_counts, strict=True)]


def compare_line(entry: Placed, elapsed: Elapsed) -> Comparison:
    """A line's year to date: budget prorated by the elapsed share of each month."""
    months = entry.line.months
    ytd_budget = cents(sum((times(m, elapsed.share(i)) for i, m in enumerate(months)), ZERO))
    ytd_actual = sum(entry.actual, ZERO)
    fraction = elapsed.fraction
    run_rate = cents(ytd_actual * fraction.denominator / fraction.numerator)
    return Comparison(entry.line.type, sum(months, ZERO), ytd_budget, ytd_actual, run_rate,
                      entry.line.budgeted)
