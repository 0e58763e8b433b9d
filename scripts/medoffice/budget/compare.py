"""The comparison every budget row carries, for a line, a department or the net line:
variance, favorable or not, remaining budget, the two forecasts and the status."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..money import ZERO

OVER, WATCH, OK, NO_BUDGET = "Over", "Watch", "OK", "No budget"
COMPARISON_COLUMNS = ("Annual budget", "YTD budget", "YTD actual", "Variance", "Variance %",
                      "Favorable", "Remaining budget", "Forecast on plan",
                      "Forecast at run rate", "Status")


@dataclass(frozen=True)
class Thresholds:
    """A variance is flagged beyond this percentage of the YTD budget and these dollars."""

    pct: Decimal
    usd: Decimal


@dataclass(frozen=True)
class Comparison:
    """Budget against actual for one row; amounts in cents.

    `kind` is Expense, Revenue or Net: an expense is favorable at or under budget,
    revenue and net at or over it.
    """

    kind: str
    annual: Decimal
    ytd_budget: Decimal
    ytd_actual: Decimal
    run_rate: Decimal  # forecast at run rate: YTD actual / fraction of the year elapsed
    budgeted: bool = True

    @property
    def variance(self) -> Decimal:
        """Actual minus budget, to date."""
        return self.ytd_actual - self.ytd_budget

    @property
    def favorable(self) -> bool:
        if self.kind == "Expense":
            return self.variance <= 0
        return self.variance >= 0

    @property
    def unfavorable_by(self) -> Decimal:
        """The unfavorable dollars (0 when favorable): what Over budget sorts by."""
        return ZERO if self.favorable else abs(self.variance)

    @property
    def variance_pct(self) -> Decimal | None:
        """Variance / YTD budget; None when nothing is budgeted to date."""
        return self.variance / self.ytd_budget if self.ytd_budget else None

    def status(self, thresholds: Thresholds) -> str:
        """Over when unfavorable beyond both thresholds, Watch beyond one, else OK;
        No budget for actuals without a budget line. With no budget to date, any
        unfavorable variance counts as beyond the percentage."""
        if not self.budgeted:
            return NO_BUDGET
        if self.favorable:
            return OK
        beyond_usd = abs(self.variance) > thresholds.usd
        beyond_pct = (self.ytd_budget == 0
                      or abs(self.variance) * 100 > thresholds.pct * abs(self.ytd_budget))
        if beyond_usd and beyond_pct:
            return OVER
        return WATCH if beyond_usd or beyond_pct else OK

    def row(self, thresholds: Thresholds) -> dict:
        """The comparison columns of an output row."""
        return {
            "Annual budget": self.annual,
            "YTD budget": self.ytd_budget,
            "YTD actual": self.ytd_actual,
            "Variance": self.variance,
            "Variance %": self.variance_pct,
            "Favorable": "Yes" if self.favorable else "No",
            "Remaining budget": self.annual - self.ytd_actual,
            "Forecast on plan": self.ytd_actual + (self.annual - self.ytd_budget),
            "Forecast at run rate": self.run_rate,
            "Status": self.status(thresholds),
            "Unfavorable by": self.unfavorable_by,
        }

    def __add__(self, other: Comparison) -> Comparison:
        """Two rows of the same kind added together (a department, a type)."""
        return Comparison(self.kind, self.annual + other.annual,
                          self.ytd_budget + other.ytd_budget,
                          self.ytd_actual + other.ytd_actual, self.run_rate + other.run_rate,
                          self.budgeted or other.budgeted)

    def net_of(self, expense: Comparison) -> Comparison:
        """Revenue (self) minus expense: the net line."""
        return Comparison("Net", self.annual - expense.annual,
                          self.ytd_budget - expense.ytd_budget,
                          self.ytd_actual - expense.ytd_actual,
                          self.run_rate - expense.run_rate, self.budgeted or expense.budgeted)


def zero(kind: str) -> Comparison:
    """An empty comparison to add rows to."""
    return Comparison(kind, ZERO, ZERO, ZERO, ZERO, budgeted=False)


def money(amount: Decimal) -> str:
    """`$1,234.50`, `-$45.00`: an amount as messages show it."""
    return f"-${-amount:,.2f}" if amount < 0 else f"${amount:,.2f}"

