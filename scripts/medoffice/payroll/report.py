"""Describe the payroll output workbook (DESIGN §5) as a Report spec; report/ draws it."""

from __future__ import annotations

from ..money import ZERO
from ..report.spec import Col, Figure, Highlight, Report, Table
from ..settings import Settings
from .compute import PayrollResult

RULE_NOTES = {
    "Federal": "Overtime follows the FLSA: hours worked over 40 in a workweek are paid one "
               "and a half times the regular rate. The regular rate is all pay for the week's "
               "work (rates, differentials, nondiscretionary bonuses) divided by the hours "
               "worked.",
    "California": "Overtime follows California law: 1.5 times the regular rate over 8 hours "
                  "in a workday, over 40 in a workweek and for the first 8 hours of a 7th "
                  "consecutive workday; 2 times over 12 in a workday and over 8 on that 7th "
                  "day. Hours already paid as daily overtime do not count again toward the 40. "
                  "Flat-sum bonuses follow Alvarado (bonus / non-overtime hours).",
    "8 and 80": "Overtime follows the 8 and 80 system (29 CFR 778.601): over 8 hours in a "
                "workday and over 80 in the fixed 14-day period, never counted twice. The "
                "regular rate is computed over the 14-day period.",
}


def _money(header: str, total: bool = True) -> Col:
    return Col(header, "money", total=total)


def _hours(header: str) -> Col:
    return Col(header, "hours", total=True)


def payroll_report(result: PayrollResult, settings: Settings) -> Report:
    """The payroll workbook: Summary, Employees, Workweeks, Daily, Labor by department,
    and Bonus shares when there are bonuses. (No sheet is named like an input sheet, such
    as Bonuses: intake reads a result's sheets of that name as inputs.)"""
    first, last = result.period
    period = f"{first.isoformat()} to {last.isoformat()}"
    emp, labor = result.employees, result.labor
    unit = "14-day period" if settings.overtime_rule == "8 and 80" else "workweek"
    figures = [
        Figure("Staff paid", len(emp), "integer"),
        Figure("Hours worked", sum(emp["Hours worked"], ZERO), "hours"),
        Figure("Overtime hours", sum(emp["Overtime hours"], ZERO), "hours",
               level="watch" if any(emp["Overtime hours"]) else None),
    ]
    if settings.overtime_rule == "California":
        figures.append(Figure("Double-time hours", sum(emp["Double-time hours"], ZERO), "hours",
                              level="watch" if any(emp["Double-time hours"]) else None))
    figures += [
        Figure("Paid leave hours", sum(emp["Paid leave hours"], ZERO), "hours"),
        Figure("Gross pay", sum(emp["Gross pay"], ZERO), "money"),
        Figure(f"Employer tax estimate ({settings.employer_tax_rate_pct}%)",
               sum(labor["Employer tax"], ZERO), "money"),
        Figure("Labor cost", sum(labor["Labor cost"], ZERO), "money"),
    ]
    ot = Highlight("Overtime hours", ">", 0, "watch")
    tables = [
        Table("Employees", [
            Col("Employee ID", "id"), Col("Name"), Col("Department"), Col("Role"),
            Col("Pay type"), _hours("Hours worked"), _hours("Regular hours"),
            _hours("Overtime hours"), _hours("Double-time hours"), _hours("Paid leave hours"),
            _money("Salary pay"), _money("Straight-time pay"), _money("Differential pay"),
            _money("Premium pay"), _money("Overtime premium"), _money("Overtime true-up"),
            _money("Paid leave pay"), _money("Bonus pay"), _money("Gross pay"),
        ], emp, highlights=[ot]),
        Table("Workweeks", [
            Col("Employee ID", "id"), Col("Name"), Col("Week start", "date"),
            Col("Week end", "date"), _hours("Hours worked"), _hours("Regular hours"),
            _hours("Overtime hours"), _hours("Double-time hours"), _hours("Paid leave hours"),
            Col("Whole-week hours", "hours"), _money("Weekly salary", total=False),
            _money("Straight-time pay"), _money("Differential pay"), _money("Premium pay"),
            _money("Bonus in regular rate", total=False), Col("Regular rate", "rate"),
            _money("Overtime premium"), _money("Overtime true-up"), _money("Paid leave pay"),
            _money("Gross pay"), Col("Note"),
        ], result.weeks, highlights=[ot], note=f"one row per employee per {unit}"),
        Table("Daily", [
            Col("Employee ID", "id"), Col("Name"), Col("Date", "date"),
            Col("Week start", "date"), _hours("Hours worked"), _hours("Regular hours"),
            _hours("Overtime hours"), _hours("Double-time hours"), _hours("Paid leave hours"),
            Col("Pay codes"), Col("Charged to"),
        ], result.daily),
        Table("Labor by department", [
            Col("Department"), _hours("Hours worked"), _money("Gross pay"),
            _money("Employer tax"), _money("Labor cost"),
        ], labor),
    ]
    if result.bonuses is not None:
        tables.append(Table("Bonus shares", [
            Col("Employee ID", "id"), Col("Name"), Col("Paid on", "date"), Col("Type"),
            _money("Amount", total=False), Col("Week start", "date"), _money("Share"),
            Col("Hours worked", "hours"), Col("Overtime hours", "hours"),
            Col("Double-time hours", "hours"), _money("Overtime on bonus"), Col("Paid as"),
        ], result.bonuses, note="each bonus and its share of the weeks it covers"))
    notes = [
        RULE_NOTES[settings.overtime_rule],
        "Paid leave (PTO, sick, holiday, ...) is paid at the base rate and does not count "
        "toward overtime.",
        "Salaries and bonuses are paid per pay period (Employees sheet); a workweek's Gross "
        "pay is the pay for its hours in this pay period.",
        "Money is exact, rounded half-up to cents once per employee per "
        f"{unit}. Each pay stub explains its regular rates and overtime premiums.",
        "Gross pay only: no taxes or deductions are withheld.",
    ]
    return Report(title=f"Payroll {period}", office=settings.office_name, period=period,
                  figures=figures, tables=tables, notes=notes,
                  legend=[("watch", "Overtime worked")])
