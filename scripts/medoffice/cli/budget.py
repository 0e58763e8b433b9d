"""`python scripts/budget.py`: the budget against actuals, variances and a year-end
forecast, from a budget, a ledger export and (optionally) payroll outputs."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..problems import error
from ..schemas import ACTUALS, BUDGET
from ..schemas.budget import PAYROLL_LABOR
from .base import Command, Outcome, Output, iso_date


class BudgetCommand(Command):
    name = "budget"
    help = ("Compare the budget with actual spending and revenue to date: variances by "
            "account, month and department, what is over budget, and a year-end forecast. "
            "Reads a budget, a ledger export and, optionally, payroll outputs as actuals.")
    schemas = (BUDGET, ACTUALS, PAYROLL_LABOR)
    needs = ("Budget",)
    needs_help = "budget or ledger export"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD",
                            help="report the year to date up to this day (default: the last "
                                 "day of the latest month with actuals)")

    def _holds_needed(self, paths: list[Path]) -> bool:
        """A budget comes in parts (budget, ledger export, payroll outputs): any of them in
        the inbox makes the inbox the input, so a missing part is reported instead of
        the examples being used."""
        from ..intake import match_sheet

        files, refused = self._read(paths)
        if refused:
            return True
        return any(match_sheet(s, self.schemas) is not None
                   for f in files for s in f.sheets.values())

    def compute(self, inputs, settings) -> Outcome:
        from ..budget import compute_budget
        from ..budget.report import budget_report
        from ..report import render_report
        from .about import finish_report

        ledger = inputs.records(ACTUALS.name) if inputs.has(ACTUALS.name) else None
        labor = inputs.records(PAYROLL_LABOR.name) if inputs.has(PAYROLL_LABOR.name) else None
        if ledger is None and labor is None:
            read = ", ".join(f.name for f in inputs.files) or "no files"
            return Outcome(problems=[error(
                "budget-no-actuals",
                f"no actuals were found (read: {read}). Add the ledger export (a sheet named "
                "Actuals with Date, Account and Amount columns) or a payroll output workbook.")])
        if labor is not None:
            # A payroll output's Total row is our own, not the manager's: no warning for it.
            ours = {(t.file, t.sheet) for t in labor.tables}
            inputs.problems[:] = [p for p in inputs.problems
                                  if not (p.code == "total-row" and (p.file, p.sheet) in ours)]
        sheets_of = {f.name: f.sheets for f in inputs.files}
        result = compute_budget(inputs.records(BUDGET.name), ledger, labor, sheets_of, settings,
                                self.args.as_of)
        if result.failed:
            return Outcome(problems=result.problems)
        report = finish_report(budget_report(result, settings), inputs, settings, self,
                               result.problems)
        return Outcome(
            outputs=[Output(f"budget_{result.elapsed.as_of.isoformat()}.xlsx",
                            lambda path: render_report(report, path))],
            problems=result.problems, summary=_summary(result, settings),
            figures=_figures(result))


def _summary(result, settings) -> list[str]:
    from ..budget.compare import money  # here, not at the top: --help stays free of pandas

    elapsed, totals = result.elapsed, result.totals
    status = result.tables["By account"]["Status"].value_counts()
    share = float(elapsed.fraction)
    lines = [f"{settings.office_name}: budget vs actual, fiscal year "
             f"{elapsed.fiscal_year.label}, as of {elapsed.as_of} ({share:.1%} of the year)"]
    for kind, noun in (("Expense", "Expenses"), ("Revenue", "Revenue"), ("Net", "Net")):
        t = totals[kind]
        if t.budgeted or t.ytd_actual:
            lines.append(f"  {noun}: {money(t.ytd_actual)} to date against a budget of "
                         f"{money(t.ytd_budget)} (variance {money(t.variance)})")
    lines.append(f"  {status.get('Over', 0)} line(s) Over, {status.get('Watch', 0)} to Watch "
                 f"(beyond {settings.variance_threshold_pct}% and/or "
                 f"{money(settings.variance_threshold_usd)}), {status.get('No budget', 0)} "
                 "without a budget")
    return lines


def _figures(result) -> dict:
    elapsed, totals = result.elapsed, result.totals
    status = result.tables["By account"]["Status"].value_counts()
    figures = {"as_of": elapsed.as_of.isoformat(),
               "fiscal_year_start": elapsed.fiscal_year.start.isoformat(),
               "fiscal_year_end": elapsed.fiscal_year.end.isoformat(),
               "share_of_year_elapsed": str(round(float(elapsed.fraction), 6))}
    for kind in ("Revenue", "Expense", "Net"):
        t = totals[kind]
        key = kind.lower()
        figures |= {f"{key}_ytd_budget": str(t.ytd_budget), f"{key}_ytd_actual": str(t.ytd_actual),
                    f"{key}_variance": str(t.variance)}
    figures |= {"lines_over": int(status.get("Over", 0)),
                "lines_watch": int(status.get("Watch", 0)),
                "lines_no_budget": int(status.get("No budget", 0))}
    return figures


def main(argv: list[str] | None = None) -> int:
    """Entry point of scripts/budget.py."""
    return BudgetCommand().main(argv)
