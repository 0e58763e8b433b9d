"""Describe the payroll output workbook (DESIGN §5) as a Report spec; report/ draws it."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from ..money import ZERO, cents
from ..report.spec import Col, Figure, Highlight, Report, Table
from ..settings import Settings
from .compute import PayrollResult


def payroll_report(result: PayrollResult, settings: Settings) -> Report:
    """The payroll workbook: Summary, Employees, Workweeks, Daily, Labor by department."""
    first, last = result.period
    period = f"{first.isoformat()} to {last.isoformat()}"
    emp, weeks = result.employees, result.weeks
    gross = sum(emp["Gross pay"], ZERO)
    rate = settings.employer_tax_rate_pct / Decimal(100)
    labor = labor_by_department(result, rate)
    figures = [
        Figure("Staff paid", len(emp), "integer"),
        Figure("Hours worked", sum(emp["Hours worked"], ZERO), "hours"),
        Figure("Overtime hours", sum(emp["Overtime hours"], ZERO), "hours",
               level="watch" if any(emp["Overtime hours"]) else None),
        Figure("Paid leave hours", sum(emp["Paid leave hours"], ZERO), "hours"),
        Figure("Gross pay", gross, "money"),
        Figure(f"Employer tax estimate ({settings.employer_tax_rate_pct}%)",
               sum(labor["Employer tax"], ZERO), "money"),
        Figure("Labor cost", sum(labor["Labor cost"], ZERO), "money"),
    ]
    ot = Highlight("Overtime hours", ">", 0, "watch")
    tables = [
        Table("Employees", [
            Col("Employee ID", "id"), Col("Name"), Col("Department"), Col("Role"),
            Col("Pay type"), Col("Hours worked", "hours", total=True),
            Col("Regular hours", "hours", total=True), Col("Overtime hours", "hours", total=True),
            Col("Double-time hours", "hours", total=True),
            Col("Paid leave hours", "hours", total=True), Col("Salary pay", "money", total=True),
            Col("Overtime premium", "money", total=True), Col("Gross pay", "money", total=True),
        ], emp, highlights=[ot]),
        Table("Workweeks", [
            Col("Employee ID", "id"), Col("Name"), Col("Week start", "date"),
            Col("Hours worked", "hours", total=True), Col("Regular hours", "hours", total=True),
            Col("Overtime hours", "hours", total=True),
            Col("Double-time hours", "hours", total=True),
            Col("Paid leave hours", "hours", total=True),
            Col("Straight-time pay", "money", total=True), Col("Regular rate", "rate"),
            Col("Overtime premium", "money", total=True),
            Col("Paid leave pay", "money", total=True), Col("Gross pay", "money", total=True),
        ], weeks, highlights=[ot]),
        Table("Daily", [
            Col("Employee ID", "id"), Col("Name"), Col("Date", "date"),
            Col("Week start", "date"), Col("Hours worked", "hours", total=True),
            Col("Paid leave hours", "hours", total=True), Col("Pay codes"), Col("Charged to"),
        ], result.daily),
        Table("Labor by department", [
            Col("Department"), Col("Hours worked", "hours", total=True),
            Col("Gross pay", "money", total=True), Col("Employer tax", "money", total=True),
            Col("Labor cost", "money", total=True),
        ], labor),
    ]
    notes = [
        "Overtime is paid at one and a half times the regular rate for hours over 40 in a "
        "workweek (Federal rule). The regular rate is all pay for the week's work divided by "
        "the hours worked.",
        "Paid leave (PTO, sick, holiday, ...) is paid at the base rate and does not count "
        "toward overtime.",
        "Gross pay only: no taxes or deductions are withheld.",
    ]
    return Report(title=f"Payroll {period}", office=settings.office_name, period=period,
                  figures=figures, tables=tables, notes=notes,
                  legend=[("watch", "Overtime worked")])


def labor_by_department(result: PayrollResult, tax_rate: Decimal) -> pd.DataFrame:
    """Gross pay and the employer tax estimate per home department."""
    rows = []
    emp = result.employees
    for dept in sorted(set(emp["Department"]), key=str):
        part = emp[emp["Department"] == dept]
        gross = sum(part["Gross pay"], ZERO)
        tax = cents(gross * tax_rate)
        rows.append({"Department": dept or "(none)",
                     "Hours worked": sum(part["Hours worked"], ZERO),
                     "Gross pay": gross, "Employer tax": tax, "Labor cost": gross + tax})
    return pd.DataFrame(rows, columns=["Department", "Hours worked", "Gross pay",
                                       "Employer tax", "Labor cost"])
