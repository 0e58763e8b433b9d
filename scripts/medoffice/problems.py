"""Problems are values, not exceptions: every check returns them, nothing stops at the first.

A Problem says where (file, sheet, cell), what (column, value), which kind (a stable
code from CATALOGUE) and how to fix it, in plain English. Errors block a run;
warnings go into the output's "Check these" sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


# Stable problem codes with a short title. Users, docs and tests speak of these.
CATALOGUE: dict[str, str] = {
    # files
    "file-missing": "File not found",
    "file-empty": "Empty file",
    "file-encrypted": "Password-protected file",
    "file-corrupt": "Damaged file",
    "file-not-spreadsheet": "Not a spreadsheet",
    "file-too-large": "File too large",
    "file-unsupported": "Unsupported file type",
    "file-unreadable": "File cannot be opened",
    # sheets and headers
    "sheet-missing": "Sheet not found",
    "sheet-empty": "Sheet has no rows",
    "header-missing": "Header row not found",
    "column-missing": "Required column missing",
    "column-duplicate": "Column given twice",
    "column-unnamed": "Data under a blank header",
    "total-row": "Total row skipped",
    "header-merged": "Merged header cell",
    "example-row": "Template example row skipped",
    # cells
    "cell-required": "Required cell is blank",
    "cell-error": "Formula error in cell",
    "cell-type": "Wrong kind of value",
    "cell-choice": "Value not in the list",
    "cell-range": "Value out of range",
    "cell-duplicate": "Duplicate value",
    "cell-unknown-ref": "Unknown reference",
    # settings
    "setting-unknown": "Unknown setting",
    "setting-invalid": "Invalid setting",
    # email and autopilot
    "email-no-recipients": "Nobody to email",
    "email-no-stubs": "No pay stubs to email",
    "email-stub-no-address": "No email address for a pay stub",
    "autopilot-unrecognised": "Workbook not recognised",
    # payroll
    "payroll-no-rows": "No timesheet rows in the pay period",
    "payroll-min-wage": "Regular rate below minimum wage",
    "payroll-unsupported": "Not supported yet",
    "payroll-missing-punch": "Missing In or Out",
    "payroll-long-shift": "Very long shift",
    "payroll-overlap": "Overlapping punches",
    "payroll-duplicate": "Duplicate time row",
    "payroll-outside-employment": "Hours outside employment dates",
    "payroll-exempt-time": "Time rows for exempt staff",
    "payroll-part-time-40": "Part-time or PRN over 40 hours",
    "payroll-partial-week": "Workweek partly outside the timesheet",
    "payroll-outside-period": "Rows outside the pay period",
    "payroll-bonus-no-hours": "Bonus without hours",
    "payroll-bonus-missing-weeks": "Bonus covers weeks without time rows",
    "payroll-bonus-cover": "Bonus covers work after its pay period",
    "payroll-fww-california": "Fluctuating workweek under California law",
    "payroll-salary-basis": "Standard hours not used",
    "payroll-salary-partial": "Salary for part of a pay period",
    "payroll-no-time": "Non-exempt salaried staff without time rows",
    "payroll-diff-amount": "Differential needs exactly one amount",
    "payroll-diff-unknown": "Unknown differential",
    "payroll-diff-ignored": "Differential not applied",
    "payroll-holiday-date": "Holiday pay on a day that is not a holiday",
    # budget
    "budget-months-missing": "Budget month columns missing",
    "budget-fiscal-year": "Budget months are not one fiscal year",
    "budget-annual-mismatch": "Annual is not the sum of the months",
    "budget-annual-spread": "Annual budget spread over the months",
    "budget-blank-line": "Budget line without amounts",
    "budget-blank-months": "Blank budget months",
    "budget-duplicate-line": "Budget line given twice",
    "budget-subtotal-row": "Subtotal row in the budget skipped",
    "budget-debit-credit": "Separate Debit and Credit columns",
    "budget-no-actuals": "No actuals",
    "budget-payroll-period": "Payroll output without a period",
    "budget-payroll-duplicate": "Same pay period given twice",
    "budget-payroll-twice": "Payroll may be counted twice",
    "budget-outside-year": "Actual outside the fiscal year",
    "budget-after-as-of": "Actual after the as-of date",
    "budget-no-budget-account": "Account not in the budget",
    "budget-no-budget-department": "Department without a budget",
    "budget-revenue-sign": "Revenue exported as negative amounts",
    "budget-credit": "Credit on an expense account",
    "budget-zero-amount": "Zero amount",
    # inventory
    "inventory-item-conflict": "Rows of one item disagree",
    "inventory-negative-count": "Negative count",
    "inventory-no-cost": "Unit cost missing",
    "inventory-pack-size": "Pack size of zero",
    "inventory-no-expiry": "Lot without an expiry date",
    "inventory-reorder-above-par": "Reorder point above par level",
    "inventory-vendor-unknown": "Vendor not on the Vendors sheet",
    "inventory-no-vendor": "No vendor to order from",
    "inventory-usage-unknown-item": "Usage of an unknown item",
    "inventory-usage-future": "Usage after the as-of date",
    "inventory-usage-stale": "Usage log ends long before the as-of date",
    "inventory-equipment-no-date": "No service date",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located to the cell, with a message that says the fix."""

    code: str
    message: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    column: str = ""
    value: object = None
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        if self.code not in CATALOGUE:
            raise ValueError(f"unknown problem code {self.code!r}; add it to CATALOGUE")

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    @property
    def title(self) -> str:
        return CATALOGUE[self.code]

    @property
    def where(self) -> str:
        """`timesheet.xlsx: Time!C14` — as much of the location as is known."""
        place = f"{self.sheet}!{self.cell}" if self.sheet and self.cell else self.sheet or self.cell
        return ": ".join(part for part in (self.file, place) if part)

    def line(self) -> str:
        """One console line: location, severity and the message with its fix."""
        kind = "error" if self.is_error else "warning"
        prefix = f"{self.where}: " if self.where else ""
        return f"{prefix}{kind}: {self.message}"

    def as_dict(self) -> dict:
        """A JSON-friendly form for --json output."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "column": self.column,
            "value": None if self.value is None else str(self.value),
            "message": self.message,
        }


def error(code: str, message: str, **where) -> Problem:
    """Build an error-severity Problem (it blocks the run)."""
    return Problem(code, message, severity=Severity.ERROR, **where)


def warning(code: str, message: str, **where) -> Problem:
    """Build a warning-severity Problem (it goes into "Check these")."""
    return Problem(code, message, severity=Severity.WARNING, **where)


def has_errors(problems: list[Problem]) -> bool:
    """True when any problem blocks the run."""
    return any(p.is_error for p in problems)


def sort_key(problem: Problem) -> tuple:
    """Order problems as a reader walks the files: file, sheet, row, column."""
    row, col = split_cell(problem.cell)
    return (problem.file, problem.sheet, row, col, problem.code)


def split_cell(cell: str) -> tuple[int, int]:
    """`C14` -> (14, 3); blank or odd references sort first."""
    letters = "".join(ch for ch in cell if ch.isalpha())
    digits = "".join(ch for ch in cell if ch.isdigit())
    col = 0
    for ch in letters.upper():
        col = col * 26 + (ord(ch) - 64)
    return (int(digits) if digits else 0, col)


def column_letter(index: int) -> str:
    """0-based column index -> Excel letters (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row0: int, col0: int) -> str:
    """0-based row and column -> `C14`."""
    return f"{column_letter(col0)}{row0 + 1}"


@dataclass
class ProblemList:
    """A collector that checks append to; keeps order and offers the common filters."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.is_error]

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class MedofficeError(Exception):
    """Base of the typed errors the library raises; only the command formats them."""

    exit_code = 1


class InputRefused(MedofficeError):
    """A whole input file cannot be read (encrypted, corrupt, empty, too large...)."""

    def __init__(self, problem: Problem):
        super().__init__(problem.line())
        self.problem = problem


class UsageError(MedofficeError):
    """Bad command-line usage or settings: exit 2."""

    exit_code = 2
