"""`python scripts/payroll.py`: gross pay for one pay period from a roster and timesheets."""

from __future__ import annotations

import argparse

from ..problems import UsageError
from ..schemas import BONUSES, STAFF, TIME
from .base import Command, Outcome, Output, iso_date


class PayrollCommand(Command):
    name = "payroll"
    help = ("Compute gross pay, overtime and paid leave for one pay period from a staff roster "
            "and timesheets, and write a formatted payroll workbook and a CSV for the payroll "
            "provider.")
    schemas = (STAFF, TIME, BONUSES)
    needs = ("Staff", "Time")
    needs_help = "timesheet or staff roster"
    confidential = True  # pay data is emailed only to the payroll recipients, never "all"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--period-start", type=iso_date, metavar="YYYY-MM-DD",
                            help="first day of the pay period (default: the period holding "
                                 "most of the timesheet rows)")

    def check_across(self, inputs, settings) -> list:
        """Timesheet and bonus rows for an Employee ID that is not on the Staff roster."""
        from ..payroll.checks import roster_names, unknown_employees

        names = roster_names(inputs.records("Staff"))
        sheets = ["Time", "Bonuses"] if inputs.has("Bonuses") else ["Time"]
        return [p for sheet in sheets
                for p in unknown_employees(inputs.records(sheet), names)]

    def compute(self, inputs, settings) -> Outcome:
        from ..payroll.compute import compute_payroll
        from ..payroll.periods import busiest_period, pay_period
        from ..payroll.report import payroll_report
        from ..report import render_documents, render_report
        from ..report.csv_out import write_csv
        from .about import finish_report

        time = inputs.records("Time")
        if self.args.period_start:
            period = pay_period(self.args.period_start, settings.pay_frequency,
                                settings.pay_period_start)
            if period[0] != self.args.period_start:
                raise UsageError(
                    f"{self.args.period_start} is not the first day of a "
                    f"{settings.pay_frequency.lower()} pay period (periods start on "
                    f"{settings.pay_period_start} and every period after it); the period "
                    f"holding it starts {period[0]}. Use --period-start {period[0]}, or change "
                    "Pay period start in the settings.")
        else:
            days = [d for d in time.data["Date"] if d is not None]
            period = busiest_period(days, settings.pay_frequency, settings.pay_period_start)
        bonuses = inputs.records("Bonuses") if inputs.has("Bonuses") else None
        result = compute_payroll(inputs.records("Staff"), time, settings, period, bonuses)
        report = payroll_report(result, settings)
        finish_report(report, inputs, settings, self, result.problems)
        dates = f"{period[0].isoformat()}_to_{period[1].isoformat()}"
        stem = f"payroll_{dates}"
        outputs = [Output(f"{stem}.xlsx", lambda path: render_report(report, path)),
                   Output(f"{stem}_export.csv", lambda path: write_csv(result.export, path),
                          "csv")]
        if result.pays:
            # The stub book is built where it is written (its own process, beside the
            # result workbook's, on a machine with two CPUs).
            stub_output = Output(f"paystubs_{dates}.xlsx", lambda path: render_documents(
                _stub_book(result, settings, report), path))
            # One employee's own stub, for --email-stubs (delivery/email.py).
            stub_output.employee_part = lambda emp, path: _one_stub(result, settings, report,
                                                                emp, path)
            outputs.append(stub_output)
        gross = sum(result.employees["Gross pay"]) if len(result.employees) else 0
        overtime = sum(result.employees["Overtime hours"]) if len(result.employees) else 0
        return Outcome(
            outputs=outputs,
            problems=result.problems,
            summary=[f"{settings.office_name}: payroll {period[0]} to {period[1]}",
                     f"  {len(result.employees)} staff paid, gross pay ${gross:,.2f}, "
                     f"overtime {overtime:.2f} h"],
            figures={"period_start": period[0].isoformat(), "period_end": period[1].isoformat(),
                     "staff_paid": len(result.employees), "gross_pay": str(gross),
                     "overtime_hours": str(overtime)},
        )


def _stub_book(result, settings, report):
    """The run's pay stubs, stamped with the result workbook's program and run time."""
    from ..payroll.stubs import paystub_book

    book = paystub_book(result, settings)
    book.program, book.ran_at = report.program, report.ran_at
    return book


def _one_stub(result, settings, report, employee_id: str, path) -> bool:
    """Write only `employee_id`'s pay stub to `path` (one sheet named after them); False
    when they have none."""
    from dataclasses import replace

    from ..report import render_documents

    pay = next((p for p in result.pays if p.person.id == employee_id), None)
    if pay is None:
        return False
    book = _stub_book(replace(result, pays=[pay]), settings, report)
    (page,) = book.documents
    book.documents = [replace(page, name=f"{pay.person.id} {pay.person.name}")]
    render_documents(book, path)
    return True


def main(argv: list[str] | None = None) -> int:
    """Entry point of scripts/payroll.py."""
    return PayrollCommand().main(argv)
