"""Budget against actuals: variances, a year-end forecast and the budget report.

    result = compute_budget(budget, ledger, labor, sheets_of, settings, as_of)
    report = budget_report(result, settings)

fiscal.py (the fiscal calendar and proration), accounts.py (matching accounts and
departments), lines.py (the Budget sheet), actuals.py (ledger and payroll outputs),
compute.py (matching and comparing), compare.py (one row's comparison), tables.py (the
output tables), report.py (the Report spec). Pure: no file I/O, no clock.
"""

from .compute import BudgetResult, compute_budget

__all__ = ["BudgetResult", "compute_budget"]
