"""Pay stubs: one printable page per employee paid, described as report Documents.

Each stub shows the hours per workweek, the earning lines (the same lines as the
provider export, so they add up to the gross pay to the cent) and, for every workweek,
how the regular rate and the overtime premium were worked out, so that an employee can
check every overtime dollar.
"""

from __future__ import annotations

from ..report.document import Document, DocumentBook, Fields, Grid, Heading, Paragraph
from ..report.spec import Col
from ..settings import Settings
from .compute import EmployeePay, PayrollResult
from .exact import hours, money_text, rate_per_hour
from .explain import explain_unit
from .pay import IN
from .periods import PERIODS_PER_YEAR

NO_DEPARTMENT_SHEET = "No department"
HOURS_COLUMNS = (
    Col("Week start", "date"), Col("Hours worked", "hours", total=True),
    Col("Regular", "hours", total=True), Col("Overtime", "hours", total=True),
    Col("Double time", "hours", total=True), Col("Paid leave", "hours", total=True),
)
EARNING_COLUMNS = (
    Col("Code"), Col("Earning"), Col("Hours", "hours", total=True), Col("Rate", "rate"),
    Col("Amount", "money", total=True),
)
DESCRIPTIONS = {
    "SAL": "Salary", "REG": "Regular hours", "OT": "Overtime (1.5×)",
    "DT": "Double time (2×)", "DIFF": "Shift differentials", "PREM": "Weekend/holiday premium",
    "BONUS": "Bonus", "OTADJ": "Overtime true-up on a bonus (earlier weeks)",
    "PTO": "Paid time off", "SICK": "Sick leave", "HOL": "Holiday", "BRV": "Bereavement",
    "JURY": "Jury duty",
}


def paystub_book(result: PayrollResult, settings: Settings) -> DocumentBook:
    """All pay stubs of the run, one page per employee paid, on one sheet per department
    (departments in alphabetical order, staff without one last)."""
    first, last = result.period
    period = f"{first.isoformat()} to {last.isoformat()}"
    pays = sorted(result.pays, key=lambda p: (not p.person.department, p.person.department or ""))
    docs = [paystub(pay, result, settings) for pay in pays]
    return DocumentBook(title=f"Pay stubs {period}", office=settings.office_name,
                        period=period, documents=docs)


def paystub(pay: EmployeePay, result: PayrollResult, settings: Settings) -> Document:
    """One employee's stub: who, hours, earnings and the overtime arithmetic."""
    person = pay.person
    first, last = result.period
    blocks = [Fields((
        ("Employee", person.name, "text"), ("Employee ID", person.id, "id"),
        ("Role", person.role, "text"), ("Department", person.department, "text"),
        ("Pay", _pay_basis(pay), "text"),
        ("Overtime rule", "Exempt (no overtime)" if person.exempt else settings.overtime_rule,
         "text"),
        ("Gross pay", pay.gross, "money"),
    ))]
    if pay.units:
        blocks += [Heading("Hours"), Grid(list(HOURS_COLUMNS), [
            (u.start, hours(u.worked(IN)), hours(u.total("regular", IN)),
             hours(u.total("overtime", IN)), hours(u.total("double", IN)),
             hours(u.leave_seconds)) for u in pay.units])]
    blocks += [Heading("Earnings"), Grid(list(EARNING_COLUMNS), [
        (code, DESCRIPTIONS.get(code, code), hours(seconds) if seconds else None,
         rate_per_hour(amount, seconds) if seconds else None, amount)
        for code, seconds, amount in pay.earning_lines])]
    explained = [Paragraph(" ".join(explain_unit(u))) for u in pay.units]
    notes = _salary_notes(pay, settings) + _bonus_notes(pay, settings)
    if explained or notes:
        blocks.append(Heading("How your pay was worked out"))
        blocks += [Paragraph(n) for n in notes] + explained
    blocks.append(Paragraph("Gross pay, before taxes and deductions. Hours and money are "
                            "exact; each workweek's pay is rounded to the cent once."))
    return Document(name=person.department or NO_DEPARTMENT_SHEET,
                    title=f"Pay stub: {person.name}",
                    subtitle=f"{settings.office_name}, pay period {first} to {last}",
                    blocks=blocks)


def _pay_basis(pay: EmployeePay) -> str:
    person = pay.person
    if not person.salaried:
        return f"Hourly, ${person.rate:,.2f} an hour"
    kind = "exempt" if person.exempt else (
        "non-exempt, fluctuating workweek" if person.fluctuating else
        f"non-exempt, pays for {person.standard_hours.normalize():f} h a week")
    return f"Salary, ${person.rate:,.2f} a year ({kind})"


def _salary_notes(pay: EmployeePay, settings: Settings) -> list[str]:
    person = pay.person
    if pay.salary is None:
        return []
    per_year = PERIODS_PER_YEAR[settings.pay_frequency]
    text = (f"Salary: ${person.rate:,.2f} a year ÷ {per_year} pay periods = "
            f"{money_text(pay.salary)}.")
    if person.exempt:
        return [text + " Exempt staff are paid their salary with no overtime."]
    return [text + f" For the regular rate it counts as {money_text(person.weekly_salary)} "
            "a week (a year's salary ÷ 52, 29 CFR 778.113(b))."]


def _bonus_notes(pay: EmployeePay, settings: Settings) -> list[str]:
    out = []
    for bonus in pay.bonuses:
        head = (f"Bonus of {money_text(bonus.amount)} ({bonus.kind.lower()}, paid "
                f"{bonus.paid_on}, for work {bonus.cover_from} to {bonus.cover_to})")
        if not bonus.in_regular_rate:
            out.append(head + ": discretionary, so not part of the regular rate (29 CFR "
                       "778.211).")
        elif pay.person.exempt:
            out.append(head + ": exempt staff have no overtime.")
        elif bonus.alvarado(settings.overtime_rule):
            out.append(head + ": a flat-sum bonus; under California law each overtime hour "
                       "of the weeks it covers earns 1.5 times (double time 2 times) its share "
                       "÷ the non-overtime hours (Alvarado v. Dart Container).")
        else:
            how = settings.bonus_allocation.lower()
            out.append(head + f": part of the regular rate of the weeks it covers, shared "
                       f"{how} (29 CFR 778.209).")
    return out
