"""The budget report's tables as DataFrames: By account, By month, Month totals, By
department, Net, Over budget and Excluded actuals."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd

from ..money import ZERO, cents
from .actual_rows import Actuals, amount
from .compare import COMPARISON_COLUMNS, Comparison, Thresholds, zero
from .fiscal import Elapsed, month_label, times

ACCOUNT_COLUMNS = ["Account", "Type", "Department", *COMPARISON_COLUMNS, "Line",
                   "Unfavorable by"]
MONTH_COLUMNS = ["Account", "Type", "Department", "Month", "Month start", "Budget",
                 "Budget to date", "Actual", "Variance"]
TOTAL_COLUMNS = ["Type", "Month", "Month start", "Budget", "Budget to date", "Actual",
                 "Variance", "Cumulative budget", "Cumulative actual"]
DEPARTMENT_COLUMNS = ["Department", "Type", "Lines", *COMPARISON_COLUMNS]
NET_COLUMNS = ["Line", *COMPARISON_COLUMNS]
OVER_COLUMNS = ["Account", "Type", "Department", "YTD budget", "YTD actual", "Variance",
                "Variance %", "Unfavorable by", "Status", "Line"]
EXCLUDED_COLUMNS = ["Date", "Account", "Department", "Vendor", "Description", "Amount",
                    "Reason", "Source"]
NO_DEPARTMENT = "(no department)"


def build_tables(placed: list, comparisons: list[Comparison], excluded: pd.DataFrame,
                 elapsed: Elapsed, thresholds: Thresholds
                 ) -> tuple[dict[str, pd.DataFrame], dict[str, Comparison]]:
    """Every table of the report, and the Revenue, Expense and Net totals."""
    totals = {kind: zero(kind) for kind in ("Revenue", "Expense")}
    for comparison in comparisons:
        totals[comparison.kind] = totals[comparison.kind] + comparison
    totals["Net"] = totals["Revenue"].net_of(totals["Expense"])
    by_account = _frame(ACCOUNT_COLUMNS, [
        {"Account": e.line.account.text, "Type": e.line.type,
         "Department": e.line.department, "Line": e.line.label, **c.row(thresholds)}
        for e, c in zip(placed, comparisons, strict=True)])
    budgets = [month_budget(entry.line.months, elapsed) for entry in placed]
    tables = {
        "By account": by_account,
        "By month": by_month(placed, budgets, elapsed),
        "Month totals": month_totals(placed, budgets, elapsed),
        "By department": by_department(placed, comparisons, thresholds),
        "Net": _frame(NET_COLUMNS, [
            {"Line": "Expenses" if kind == "Expense" else kind, **totals[kind].row(thresholds)}
            for kind in ("Revenue", "Expense", "Net")]),
        "Over budget": over_budget(by_account),
        "Excluded actuals": excluded,
    }
    return tables, totals


def _frame(columns: list[str], rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns, dtype=object)


def excluded_actuals(actuals: Actuals, rows: np.ndarray, reasons: np.ndarray
                     ) -> pd.DataFrame:
    """The Excluded actuals table: every row left out, with why and where it is."""
    sources = [actuals.where(row, "Date") for row in rows.tolist()]
    return pd.DataFrame({
        "Date": actuals["date"][rows],
        "Account": [actuals.accounts[a].text for a in actuals["account"][rows].tolist()],
        "Department": actuals["department"][rows],
        "Vendor": [vendor or "" for vendor in actuals["vendor"][rows]],
        "Description": [text or "" for text in actuals["description"][rows]],
        "Amount": [amount(c) for c in actuals["cents"][rows].tolist()],
        "Reason": [reason.capitalize() for reason in reasons],
        "Source": [f"{w['file']}: {w['sheet']}!{w['cell']}" for w in sources],
    }, columns=EXCLUDED_COLUMNS, dtype=object)


def month_budget(months: list[Decimal], elapsed: Elapsed) -> list[tuple]:
    """(budget, budget to date) per fiscal month: the as-of month prorated, later 0."""
    return [(m, cents(times(m, elapsed.share(i)))) for i, m in enumerate(months)]


def by_month(placed: list, budgets: list[list[tuple]], elapsed: Elapsed) -> pd.DataFrame:
    """One row per line per fiscal month; actuals and variance blank after the as-of
    month. `budgets`: each line's month_budget()."""
    rows = []
    firsts = elapsed.fiscal_year.months
    for entry, line_budget in zip(placed, budgets, strict=True):
        line = entry.line
        for i, (budget, to_date) in enumerate(line_budget):
            past = i <= elapsed.month
            rows.append({
                "Account": line.account.text, "Type": line.type,
                "Department": line.department, "Month": month_label(firsts[i]),
                "Month start": firsts[i], "Budget": budget, "Budget to date": to_date,
                "Actual": entry.actual[i] if past else None,
                "Variance": entry.actual[i] - to_date if past else None})
    return _frame(MONTH_COLUMNS, rows)


def month_totals(placed: list, budgets: list[list[tuple]], elapsed: Elapsed) -> pd.DataFrame:
    """Per fiscal month, for expenses, revenue and net (in that order, or revenue first
    when the budget has no expenses): the chart's data, with running totals. `budgets`:
    each line's month_budget()."""
    kinds = ["Expense", "Revenue"]
    if not any(e.line.type == "Expense" for e in placed):
        kinds.reverse()
    sums = {}
    for kind in kinds:
        budget = [ZERO] * 12
        to_date = [ZERO] * 12
        actual = [ZERO] * 12
        for entry, line_budget in zip(placed, budgets, strict=True):
            if entry.line.type != kind:
                continue
            for i, (b, t) in enumerate(line_budget):
                budget[i] += b
                to_date[i] += t
                actual[i] += entry.actual[i]
        sums[kind] = (budget, to_date, actual)
    rev, exp = sums["Revenue"], sums["Expense"]
    sums["Net"] = tuple([r - e for r, e in zip(rs, es, strict=True)]
                        for rs, es in zip(rev, exp, strict=True))
    rows = []
    firsts = elapsed.fiscal_year.months
    for kind in [*kinds, "Net"]:
        budget, to_date, actual = sums[kind]
        running_budget = running_actual = ZERO
        for i in range(12):
            past = i <= elapsed.month
            running_budget += budget[i]
            running_actual += actual[i]
            rows.append({
                "Type": kind, "Month": month_label(firsts[i]), "Month start": firsts[i],
                "Budget": budget[i], "Budget to date": to_date[i],
                "Actual": actual[i] if past else None,
                "Variance": actual[i] - to_date[i] if past else None,
                "Cumulative budget": running_budget,
                "Cumulative actual": running_actual if past else None})
    return _frame(TOTAL_COLUMNS, rows)


def by_department(placed: list, comparisons: list[Comparison],
                  thresholds: Thresholds) -> pd.DataFrame:
    """One row per department and type, in the order departments first appear."""
    groups: dict[tuple[str, str], list] = {}
    for entry, comparison in zip(placed, comparisons, strict=True):
        key = (entry.line.dept_key, entry.line.type)
        name = entry.line.department or NO_DEPARTMENT
        group = groups.setdefault(key, [name, zero(entry.line.type), 0])
        group[1] = group[1] + comparison
        group[2] += 1
    ordered = sorted(groups.items(), key=lambda item: item[0][1] != "Revenue")
    return _frame(DEPARTMENT_COLUMNS, [
        {"Department": name, "Type": kind, "Lines": count, **total.row(thresholds)}
        for (_dept, kind), (name, total, count) in ordered])


def over_budget(by_account: pd.DataFrame) -> pd.DataFrame:
    """Every unfavorable line, the most unfavorable dollars first."""
    rows = by_account[by_account["Unfavorable by"].map(lambda v: v > 0)]
    rows = rows.assign(_order=range(len(rows)))
    rows = rows.sort_values(["Unfavorable by", "_order"], ascending=[False, True],
                            key=lambda s: s.map(float) if s.name == "Unfavorable by" else s)
    return rows[OVER_COLUMNS].reset_index(drop=True)
