"""Schemas of the settings workbook: Settings (key-value), Holidays, Differentials, Recipients."""

from __future__ import annotations

import datetime as dt

from .base import Column, SheetSchema

WEEKDAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

# Each setting is declared like a column: its key is the name, its value is parsed by kind.
SETTING_KEYS: tuple[Column, ...] = (
    Column("Office name", "text", default="Medical Office",
           help="Shown on every report and in email subjects."),
    Column("Pay frequency", "choice", choices=("Weekly", "Biweekly", "Semimonthly", "Monthly"),
           default="Biweekly", help="How often staff are paid."),
    Column("Pay period start", "date", default=dt.date(2026, 1, 4),
           help="Any date on which a pay period began; anchors weekly and biweekly periods "
                "and the 14-day 8-and-80 period."),
    Column("Workweek starts on", "choice", choices=WEEKDAYS, default="Sunday",
           help="The first day of the fixed, recurring 7-day workweek."),
    Column("Workday starts at", "time", default=dt.time(0, 0),
           help="Workdays and the workweek begin at this time of day."),
    Column("Overtime rule", "choice", choices=("Federal", "California", "8 and 80"),
           default="Federal", help="Which overtime law applies."),
    Column("Overnight shifts", "choice",
           choices=("Split at workday start", "Count on start day"),
           default="Split at workday start",
           help="Whether a shift crossing the workday start is split between the two days."),
    Column("Bonus allocation", "choice", choices=("Equal per week", "Per hour worked"),
           default="Equal per week",
           help="How a bonus covering several workweeks is shared among them."),
    Column("Minimum wage", "money", default="7.25", minimum=0,
           help="Dollars per hour; a regular rate below it is an error."),
    Column("Date order", "choice", choices=("Month first", "Day first"), default="Month first",
           help="How dates typed as text such as 3/11/2026 are read."),
    Column("Expiry warning days", "text", default="30, 60, 90",
           help="Warning windows in days before expiry or a due date, separated by commas."),
    Column("Variance threshold %", "percent", default="10", minimum=0,
           help="A budget line beyond this percentage is flagged."),
    Column("Variance threshold $", "money", default="250", minimum=0,
           help="A budget line beyond this many dollars is flagged."),
    Column("Fiscal year starts", "choice", choices=MONTHS, default="January",
           help="First month of the fiscal year."),
    Column("Payroll account", "text", default="Salaries and wages",
           help="Budget account that payroll outputs are booked to."),
    Column("Employer tax rate %", "percent", default="7.65", minimum=0, maximum=100,
           help="Estimate of employer payroll taxes, used for labor cost."),
    Column("Inbox check minutes", "number", default="1", minimum=0.1,
           help="How often the autopilot looks at the inbox."),
    Column("SMTP host", "text", default="", help="Mail server for sending reports."),
    Column("SMTP port", "integer", default="587", minimum=1, maximum=65535,
           help="Mail server port."),
    Column("SMTP security", "choice", choices=("STARTTLS", "SSL", "None"), default="STARTTLS",
           help="How the connection to the mail server is secured."),
    Column("SMTP user", "text", default="",
           help="User name on the mail server. The password is read from the environment "
                "variable MEDOFFICE_SMTP_PASSWORD, never from a workbook."),
    Column("From address", "email", default="", help="Sender address of report emails."),
    Column("Autopilot time", "time", default=dt.time(7, 0),
           help="When the autopilot's calendar jobs run: payroll on the day after a pay "
                "period ends, inventory weekly, budget monthly, and the daily digest."),
    Column("Inventory day", "choice", choices=WEEKDAYS, default="Monday",
           help="Weekday on which the autopilot runs the inventory."),
    Column("Budget day", "integer", default="3", minimum=1, maximum=28,
           help="Day of the month on which the autopilot runs the budget report for the "
                "month before."),
)

SETTINGS = SheetSchema(
    "Settings",
    (
        Column("Setting", "text", required=True, synonyms=("Key", "Name"),
               help="The name of the setting, as listed."),
        Column("Value", "text", help="The value; blank means the default."),
        Column("Notes", "text", synonyms=("Note", "Description", "Help"),
               help="Anything you want; ignored."),
    ),
    help="Office settings, one per row. Leave a value blank to use the default.",
    kind="keyvalue",
)

HOLIDAYS = SheetSchema(
    "Holidays",
    (
        Column("Date", "date", required=True, unique=True, help="The date of the holiday.",
               example=dt.date(2026, 11, 26)),
        Column("Holiday", "text", synonyms=("Name",), help="Its name.", example="Thanksgiving"),
        Column("Paid hours", "hours", default="8", minimum=0, maximum=24,
               help="Holiday hours paid to eligible staff.", example=8),
    ),
    help="The office's paid holidays. Without this sheet, US federal holidays are used.",
)

DIFFERENTIALS = SheetSchema(
    "Differentials",
    (
        Column("Name", "text", required=True, unique=True, synonyms=("Differential",),
               help="A short name; the Time sheet's Differential column refers to it.",
               example="Night"),
        Column("Days", "weekdays",
               help="Weekdays and/or Holidays it applies on, separated by commas; "
                    "blank = all days.",
               example="Mon, Tue, Wed, Thu, Fri"),
        Column("From", "time", help="Start of the time window; blank = whole day.",
               example=dt.time(19, 0)),
        Column("To", "time", help="End of the window; earlier than From means it crosses midnight.",
               example=dt.time(7, 0)),
        Column("Extra per hour", "money", minimum=0, help="Dollars added per hour.", example=2),
        Column("Extra percent", "percent", minimum=0, help="Percent of the base rate added."),
        Column("Pay multiplier", "number", minimum=1,
               help="Multiplies the base rate; 1.5 or more is an overtime-creditable premium."),
        Column("Roles", "text", help="Roles it applies to, separated by commas; blank = everyone."),
    ),
    help="Shift differentials and premiums. Give exactly one of the three amounts per row.",
)

RECIPIENTS = SheetSchema(
    "Recipients",
    (
        Column("Report", "text", required=True,
               help="A command name (payroll, inventory, budget, ...), errors, digest, or "
                    "all.",
               example="payroll"),
        Column("To", "email", required=True, help="Addresses, separated by ; or ,.",
               example="manager@example.com"),
        Column("Cc", "email", help="Copy to these addresses."),
    ),
    help="Who gets which report by email.",
)
