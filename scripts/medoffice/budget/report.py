"""Describe the budget output workbook (DESIGN §5) as a Report spec; report/ draws it."""

from __future__ import annotations

from ..report.spec import Chart, Col, Figure, Highlight, Report, Table
from ..settings import Settings
from .compare import NO_BUDGET, OVER, WATCH
from .compute import BudgetResult

COMPARISON_COLS = [
    Col("Annual budget", "money", total=True), Col("YTD budget", "money", total=True),
    Col("YTD actual", "money", total=True), Col("Variance", "money", total=True),
    Col("Variance %", "percent"), Col("Favorable"),
    Col("Remaining budget", "money", total=True), Col("Forecast on plan", "money", total=True),
    Col("Forecast at run rate", "money", total=True), Col("Status"),
]
STATUS_HIGHLIGHTS = [Highlight("Status", "text", OVER, "error"),
                     Highlight("Status", "text", WATCH, "watch"),
                     Highlight("Status", "text", NO_BUDGET, "watch")]


def _untotalled(cols: list[Col]) -> list[Col]:
    return [Col(c.header, c.kind) for c in cols]


def budget_report(result: BudgetResult, settings: Settings) -> Report:
    """The budget workbook: Summary (figures and charts), By account, Over budget, By
    department, By month, Month totals, Net and, when any were left out, Excluded actuals."""
    elapsed, tables, totals = result.elapsed, result.tables, result.totals
    year = elapsed.fiscal_year
    th = result.thresholds
    accounts = tables["By account"]
    count = accounts["Status"].value_counts()
    net = totals["Net"]
    figures = [
        Figure("As of", elapsed.as_of, "date"),
        Figure("Fiscal year", year.label, "text"),
        Figure("Share of the year elapsed", elapsed.fraction.numerator
               / elapsed.fraction.denominator, "percent"),
        Figure("Revenue to date", totals["Revenue"].ytd_actual, "money"),
        Figure("Revenue budget to date", totals["Revenue"].ytd_budget, "money"),
        Figure("Expenses to date", totals["Expense"].ytd_actual, "money"),
        Figure("Expense budget to date", totals["Expense"].ytd_budget, "money"),
        Figure("Net to date", net.ytd_actual, "money"),
        Figure("Net budget to date", net.ytd_budget, "money"),
        Figure("Net variance", net.variance, "money",
               level=None if net.favorable else "error"),
        Figure("Net forecast on plan", net.row(th)["Forecast on plan"], "money"),
        Figure("Net forecast at run rate", net.run_rate, "money"),
        Figure("Lines marked Over", int(count.get(OVER, 0)), "integer",
               level="error" if count.get(OVER, 0) else None),
        Figure("Lines marked Watch", int(count.get(WATCH, 0)), "integer",
               level="watch" if count.get(WATCH, 0) else None),
        Figure("Lines without a budget", int(count.get(NO_BUDGET, 0)), "integer",
               level="watch" if count.get(NO_BUDGET, 0) else None),
    ]
    report_tables = [
        Table("By account", [Col("Account"), Col("Type"), Col("Department"),
                             *COMPARISON_COLS], accounts, highlights=STATUS_HIGHLIGHTS),
        Table("Over budget", [
            Col("Account"), Col("Type"), Col("Department"), Col("YTD budget", "money"),
            Col("YTD actual", "money"), Col("Variance", "money"), Col("Variance %", "percent"),
            Col("Unfavorable by", "money", total=True), Col("Status"), Col("Line"),
        ], tables["Over budget"], highlights=STATUS_HIGHLIGHTS),
        Table("By department", [Col("Department"), Col("Type"), Col("Lines", "integer"),
                                *COMPARISON_COLS], tables["By department"],
              highlights=STATUS_HIGHLIGHTS),
        Table("By month", [
            Col("Account"), Col("Type"), Col("Department"), Col("Month"),
            Col("Month start", "date"), Col("Budget", "money", total=True),
            Col("Budget to date", "money", total=True), Col("Actual", "money", total=True),
            Col("Variance", "money", total=True),
        ], tables["By month"]),
        Table("Month totals", [
            Col("Type"), Col("Month"), Col("Month start", "date"), Col("Budget", "money"),
            Col("Budget to date", "money"), Col("Actual", "money"), Col("Variance", "money"),
            Col("Cumulative budget", "money"), Col("Cumulative actual", "money"),
        ], tables["Month totals"]),
        Table("Net", [Col("Line"), *_untotalled(COMPARISON_COLS)], tables["Net"],
              highlights=STATUS_HIGHLIGHTS),
    ]
    if len(tables["Excluded actuals"]):
        report_tables.append(Table("Excluded actuals", [
            Col("Date", "date"), Col("Account"), Col("Department"), Col("Vendor"),
            Col("Description"), Col("Amount", "money", total=True), Col("Reason"),
            Col("Source"),
        ], tables["Excluded actuals"]))
    charted = tables["Month totals"]["Type"].iloc[0]
    noun = "Spending" if charted == "Expense" else "Revenue"
    charts = [
        Chart(f"{noun} by month: budget and actual, with running totals", "Month totals",
              "Month", ("Budget", "Actual"), line_values=("Cumulative budget",
                                                          "Cumulative actual"),
              max_points=12, line_axis="secondary"),
        Chart("Largest unfavorable variances to date", "Over budget", "Line",
              ("Unfavorable by",), kind="bar", max_points=10),
    ]
    pct = f"{settings.variance_threshold_pct}%"
    usd = f"${settings.variance_threshold_usd:,.2f}"
    notes = [
        f"Year to date runs from {year.start} to {elapsed.as_of}. The budget of the as-of "
        "month counts by the days elapsed; the same share of the year gives the forecast "
        "at run rate (YTD actual / share of the year elapsed).",
        "Variance = actual - budget. An expense is favorable at or under budget; revenue "
        "and net at or over it. Forecast on plan = YTD actual + the rest of the year's "
        "budget. Remaining budget = annual budget - YTD actual.",
        f"Status: Over = unfavorable by more than {pct} and more than {usd}; Watch = beyond "
        "one of the two; No budget = actuals with no budget line (see Check these).",
        "The Total rows add up the rows shown: filter Type to Expense or Revenue for their "
        "totals. The Net sheet compares revenue, expenses and net.",
    ]
    legend = [("error", f"Over: unfavorable beyond both {pct} and {usd}"),
              ("watch", "Watch: beyond one of them; No budget: actuals without a budget")]
    return Report(title=f"Budget vs actual as of {elapsed.as_of}",
                  office=settings.office_name,
                  period=f"Fiscal year {year.label}, to date {elapsed.as_of}",
                  figures=figures, tables=report_tables, charts=charts, notes=notes,
                  legend=legend)
