"""Helpers for the payroll tests: build real input workbooks, run the real command,
read what it wrote. (Also a couple of tests of the helpers themselves.)"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl
from medoffice.cli.payroll import PayrollCommand
from medoffice.intake import RawSheet, Records, read_table
from medoffice.schemas import BONUSES, STAFF, TIME
from workbook_builder import write_workbook

STAFF_HEADER = ["Employee ID", "Name", "Role", "Department", "Employment", "Pay type", "Rate",
                "FLSA status", "Salary basis", "Standard hours", "Hire date", "Termination date"]
TIME_HEADER = ["Employee ID", "Date", "In", "Out", "Unpaid break (min)", "Hours", "Pay code",
               "Rate", "Differential", "Department"]
BONUS_HEADER = ["Employee ID", "Date", "Amount", "Type", "Covers from", "Covers to"]
DIFF_HEADER = ["Name", "Days", "From", "To", "Extra per hour", "Extra percent",
               "Pay multiplier", "Roles"]
# Pay periods of the tests: biweekly from Sunday 2026-01-04 (the built-in default), so
# 2026-11-22..2026-12-05 is one, with Thanksgiving on Thursday 2026-11-26 (day 4);
# workweeks from Sunday, unless a test's settings say otherwise.
SUNDAY = dt.date(2026, 11, 22)


def day(n: int) -> dt.date:
    """Day n of the test pay period (0 = Sunday 2026-11-22)."""
    return SUNDAY + dt.timedelta(days=n)


def t(text: str) -> dt.time:
    """`"08:30"` -> time(8, 30)."""
    hour, minute = text.split(":")
    return dt.time(int(hour), int(minute))


def staff_row(emp="1001", name="Ann Lee", rate=12, *, role="RN", dept="Nursing",
              employment="Full-time", pay_type="Hourly", flsa=None, basis=None, standard=None,
              hire=None, termination=None) -> list:
    """One Staff row (Hourly by default)."""
    return [emp, name, role, dept, employment, pay_type, rate, flsa, basis, standard, hire,
            termination]


def hours_row(emp, when, hours, code=None, *, rate=None, diff=None, dept=None) -> list:
    """A Time row given as Hours."""
    return [emp, when, None, None, None, hours, code, rate, diff, dept]


def punch_row(emp, when, start, end, *, brk=None, code=None, rate=None, diff=None,
              dept=None) -> list:
    """A Time row given as In/Out punches."""
    return [emp, when, t(start), t(end), brk, None, code, rate, diff, dept]


def write_office(folder: Path, staff: list[list], time: list[list], *,
                 settings: dict | None = None, bonuses: list[list] | None = None,
                 differentials: list[list] | None = None,
                 holidays: list[list] | None = None) -> tuple[list[Path], Path | None]:
    """Write staff.xlsx, timesheet.xlsx (with Bonuses) and settings.xlsx into `folder`;
    returns (input files, settings file or None)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = [write_workbook(folder / "staff.xlsx", {"Staff": [STAFF_HEADER, *staff]})]
    sheets = {"Time": [TIME_HEADER, *time]}
    if bonuses is not None:
        sheets["Bonuses"] = [BONUS_HEADER, *bonuses]
    files.append(write_workbook(folder / "timesheet.xlsx", sheets))
    settings_sheets = {}
    if settings:
        settings_sheets["Settings"] = [["Setting", "Value"], *settings.items()]
    if differentials is not None:
        settings_sheets["Differentials"] = [DIFF_HEADER, *differentials]
    if holidays is not None:
        settings_sheets["Holidays"] = [["Date", "Holiday", "Paid hours"], *holidays]
    settings_path = None
    if settings_sheets:
        settings_path = write_workbook(folder / "settings.xlsx", settings_sheets)
    return files, settings_path


@dataclass
class PayrollRun:
    """A finished payroll run and the tables it wrote."""

    code: int
    out: str
    err: str
    outbox: Path

    def workbook(self, pattern: str = "payroll_*[0-9].xlsx") -> Path:
        found = sorted(self.outbox.glob(pattern))
        assert len(found) == 1, (pattern, found, self.err)
        return found[0]

    def sheet(self, name: str, pattern: str = "payroll_*[0-9].xlsx") -> list[dict]:
        """Data rows of a table sheet as dicts (the Total row left out)."""
        wb = openpyxl.load_workbook(self.workbook(pattern), read_only=True)
        try:
            rows = list(wb[name].iter_rows(values_only=True))
        finally:
            wb.close()
        header = rows[0]
        return [dict(zip(header, r, strict=True)) for r in rows[1:] if r[0] != "Total"]

    def gross(self, emp: str = "1001") -> Decimal:
        """An employee's Gross pay, as written (to the cent)."""
        rows = [r for r in self.sheet("Employees") if r["Employee ID"] == emp]
        assert rows, f"{emp} was not paid: {self.err}"
        return Decimal(str(rows[0]["Gross pay"])).quantize(Decimal("0.01"))

    def employee(self, emp: str = "1001") -> dict:
        return next(r for r in self.sheet("Employees") if r["Employee ID"] == emp)

    def weeks(self, emp: str = "1001") -> list[dict]:
        return [r for r in self.sheet("Workweeks") if r["Employee ID"] == emp]

    def export(self, emp: str | None = None) -> list[dict]:
        """Rows of the export CSV (text as written)."""
        path = next(self.outbox.glob("payroll_*_export.csv"))
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        return [r for r in rows if emp is None or r["Employee ID"] == emp]

    def export_amounts(self, emp: str = "1001") -> dict[str, Decimal]:
        return {r["Earning code"]: Decimal(r["Amount"]) for r in self.export(emp)}

    def stub_pages(self) -> dict[str, list[tuple]]:
        """Each employee's pay stub page (its rows of cell values), keyed by Employee ID:
        the stub sheets cut at their manual page breaks, one employee per page."""
        wb = openpyxl.load_workbook(self.workbook("paystubs_*.xlsx"))
        pages: dict[str, list[tuple]] = {}
        try:
            for ws in wb.worksheets:
                rows = list(ws.iter_rows(values_only=True))
                cuts = [0, *(brk.id for brk in ws.row_breaks.brk), len(rows)]
                for first, end in zip(cuts, cuts[1:], strict=False):
                    page = rows[first:end]
                    ids = [row[1] for row in page if row[0] == "Employee ID"]
                    assert len(ids) == 1, f"{ws.title} rows {first + 1}-{end}: {ids}"
                    pages[ids[0]] = page
        finally:
            wb.close()
        return pages

    def stub_text(self, emp: str = "1001") -> str:
        """Every text cell of an employee's pay stub page, joined."""
        return "\n".join(str(v) for row in self.stub_pages()[emp] for v in row
                         if isinstance(v, str))

    def codes(self) -> list[str]:
        """Problem codes printed on the console (errors and, with -v, warnings)."""
        return [line for line in self.err.splitlines()]


def run_payroll(run_command, files: list[Path], settings: Path | None, *args: str
                ) -> PayrollRun:
    """Run the real payroll command in-process on these files (always -v, so warnings
    are printed too)."""
    argv = [*map(str, files), "-v", *args]
    if settings is not None:
        argv += ["--settings", str(settings)]
    run = run_command(PayrollCommand, *argv)
    return PayrollRun(run.code, run.out, run.err, run.outbox)


def records(schema, header: list[str], rows: list[list]) -> Records:
    """Rows validated by the real intake, without a file (for property tests)."""
    sheet = RawSheet(file="test.xlsx", name=schema.name, rows=[header, *rows])
    table, problems = read_table(sheet, schema)
    assert table is not None and not [p for p in problems if p.is_error], problems
    return Records.of(schema, [table])


def staff_records(rows: list[list]) -> Records:
    return records(STAFF, STAFF_HEADER, rows)


def time_records(rows: list[list]) -> Records:
    return records(TIME, TIME_HEADER, rows)


def bonus_records(rows: list[list]) -> Records:
    return records(BONUSES, BONUS_HEADER, rows)


# --- the helpers themselves -----------------------------------------------------------


def test_day_zero_is_the_first_sunday_of_a_default_pay_period():
    from medoffice.payroll.periods import pay_period
    from medoffice.settings import default_settings

    s = default_settings()
    assert day(0).weekday() == 6
    assert pay_period(day(0), s.pay_frequency, s.pay_period_start) == (day(0), day(13))


def test_records_go_through_the_real_intake():
    rec = time_records([punch_row("1001", day(1), "08:00", "16:30", brk=30)])
    assert rec.data.at[0, "In"] == dt.time(8) and rec.data.at[0, "Unpaid break (min)"] == 30
    assert rec.where("Out", 0)["cell"] == "D2"
