"""Schemas of the payroll inputs: the staff roster and the timesheet (Time, Bonuses)."""

from __future__ import annotations

import datetime as dt

from .base import Column, SheetSchema

EMPLOYEE_ID_SYNONYMS = ("Emp #", "Emp ID", "Emp No", "Employee #", "Employee No",
                        "Employee Number", "EmpID", "Staff ID", "Badge")

PAY_CODES = ("Work", "PTO", "Sick", "Holiday", "Bereavement", "Jury duty", "Training")

STAFF = SheetSchema(
    "Staff",
    (
        Column("Employee ID", "id", required=True, unique=True, synonyms=EMPLOYEE_ID_SYNONYMS,
               help="A unique ID for each person; the timesheet uses the same ID.",
               example="1001"),
        Column("Name", "text", required=True, synonyms=("Employee name", "Full name", "Staff name"),
               help="Full name as it should appear on reports.", example="Dana Whitfield"),
        Column("Role", "text", required=True, synonyms=("Job title", "Title", "Position"),
               help="Job role, e.g. RN, Medical assistant, Physician.", example="RN"),
        Column("Department", "text", synonyms=("Dept",), help="Home department for labor cost.",
               example="Nursing"),
        Column("Employment", "choice", choices=("Full-time", "Part-time", "PRN"),
               default="Full-time", help="Employment type.", example="Full-time"),
        Column("Pay type", "choice", required=True, choices=("Hourly", "Salary"),
               help="Hourly or salaried.", example="Hourly"),
        Column("Rate", "money", required=True, minimum=0,
               synonyms=("Pay rate", "Hourly rate", "Base rate"),
               help="Dollars per hour for Hourly; dollars per year for Salary.", example=38.5),
        Column("FLSA status", "choice", choices=("Non-exempt", "Exempt"),
               synonyms=("FLSA", "Exempt status"),
               help="Blank means Non-exempt for Hourly, Exempt for Salary.",
               example="Non-exempt"),
        Column("Salary basis", "choice", choices=("Fixed hours", "Fluctuating"),
               default="Fixed hours", help="For non-exempt salaried staff only."),
        Column("Standard hours", "hours", minimum=0, maximum=168, default="40",
               help="Hours a week the salary pays for (non-exempt, fixed hours)."),
        Column("Email", "email", help="Where pay stubs go with --email-stubs.",
               example="dana@example.com"),
        Column("Hire date", "date", synonyms=("Start date", "Hired"),
               example=dt.date(2021, 3, 15)),
        Column("Termination date", "date", synonyms=("End date", "Terminated")),
        Column("Mentor ID", "id", synonyms=("Mentor",), help="Employee ID of the mentor."),
    ),
    help="One row per staff member.",
    synonyms=("Roster", "Staff roster", "Employees"),
)

TIME = SheetSchema(
    "Time",
    (
        Column("Employee ID", "id", required=True, synonyms=EMPLOYEE_ID_SYNONYMS,
               help="Must be in the Staff roster.", example="1001"),
        Column("Date", "date", required=True, synonyms=("Work date", "Day", "Shift date"),
               help="The day the shift or hours started.", example=dt.date(2026, 11, 2)),
        Column("In", "time", synonyms=("Time in", "Clock in", "Start", "Punch in"),
               help="Clock-in time.", example=dt.time(8, 0)),
        Column("Out", "time", synonyms=("Time out", "Clock out", "End", "Punch out"),
               help="Clock-out time; at or before In means the shift ended the next day.",
               example=dt.time(16, 30)),
        Column("Unpaid break (min)", "number", minimum=0, maximum=1440,
               synonyms=("Break", "Unpaid break", "Break minutes", "Meal break"),
               help="Minutes of unpaid break within the punch.", example=30),
        Column("Hours", "hours", minimum=0, maximum=24, synonyms=("Hrs", "Total hours"),
               help="Hours, for rows without punches (needed for paid leave)."),
        Column("Pay code", "choice", choices=PAY_CODES, default="Work",
               synonyms=("Code", "Earning code", "Type"),
               help="Training is hours worked; the others besides Work are paid leave."),
        Column("Rate", "money", minimum=0, synonyms=("Pay rate",),
               help="Overrides the base rate for this row (a second job)."),
        Column("Differential", "text", synonyms=("Diff", "Shift differential"),
               help="Name of a row on the Differentials sheet that applies to the whole row."),
        Column("Department", "text", synonyms=("Dept", "Charge to"),
               help="Charge these hours to another department."),
        Column("Note", "text", synonyms=("Notes", "Comment", "Comments")),
    ),
    help="One row per shift (In and Out) or per block of hours (Hours).",
    synonyms=("Timesheet", "Timesheets", "Time card", "Timecard", "Hours"),
)

BONUSES = SheetSchema(
    "Bonuses",
    (
        Column("Employee ID", "id", required=True, synonyms=EMPLOYEE_ID_SYNONYMS,
               example="1001"),
        Column("Date", "date", required=True, help="Date the bonus is paid.",
               example=dt.date(2026, 11, 13)),
        Column("Amount", "money", required=True, minimum=0, example=100),
        Column("Type", "choice", choices=("Nondiscretionary", "Production", "Discretionary"),
               default="Nondiscretionary",
               help="Nondiscretionary and Production bonuses enter the regular rate."),
        Column("Covers from", "date", help="First day of the work the bonus rewards."),
        Column("Covers to", "date", help="Last day of the work the bonus rewards."),
        Column("Note", "text", synonyms=("Notes", "Reason")),
    ),
    help="Bonuses paid in this pay period.",
    synonyms=("Bonus",),
)
