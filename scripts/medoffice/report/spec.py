"""What a report is, independent of how it is drawn.

Domain code builds a Report (sheets of tables with typed columns, totals, highlights,
charts); report/render.py turns it into one xlsxwriter workbook in the house style.
No domain module calls xlsxwriter directly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from ..problems import Problem

# Column kinds and what they look like in the output.
COLUMN_KINDS = (
    "text",     # written with write_string; never a formula
    "id",       # identifiers, written as text
    "money",    # $#,##0.00
    "rate",     # $#,##0.00 as well; a name that says it is a per-hour figure
    "hours",    # 0.00
    "number",   # general number, 0.##
    "integer",  # 0
    "percent",  # 0.0% (values are fractions: 0.125 is 12.5%)
    "date",     # yyyy-mm-dd (or the office's date order)
    "datetime", # yyyy-mm-dd hh:mm
    "time",     # hh:mm
)

LEVELS = ("error", "watch", "good")  # red, amber, green


@dataclass(frozen=True)
class Col:
    """One output column: header, kind, and whether its total row sums it."""

    header: str
    kind: str = "text"
    total: bool = False  # a live SUBTOTAL formula under the column, with its cached value
    width: float | None = None  # characters; None = fit to contents (capped)

    def __post_init__(self) -> None:
        if self.kind not in COLUMN_KINDS:
            raise ValueError(f"{self.header}: unknown column kind {self.kind!r}")


@dataclass(frozen=True)
class Highlight:
    """Conditional formatting on one column's data cells.

    `when` is one of: ">", ">=", "<", "<=", "==", "!=" compared to `value`,
    or "text" (cell text equals `value`), or "blank" / "not blank".
    """

    column: str
    when: str
    value: object = None
    level: str = "error"

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"unknown highlight level {self.level!r}")


@dataclass(frozen=True)
class Chart:
    """A chart on a sheet, drawn from one of the report's tables.

    kind: "column", "bar" or "line". `categories` names the table column for the
    axis labels; `values` the columns to plot (one series each).
    """

    title: str
    table: str  # the sheet name of the table holding the data
    categories: str
    values: tuple[str, ...]
    kind: str = "column"
    y_title: str = ""
    # Optional: plot these extra columns as lines on top of the columns (combined chart).
    line_values: tuple[str, ...] = ()
    anchor_sheet: str = ""  # where to draw it; default the Summary sheet
    max_points: int | None = None  # only the first N rows of the table
    # Axis of the line_values: "auto" (their own axis when their units differ from the
    # columns'), "secondary" (always their own, e.g. running totals over monthly columns)
    # or "primary".
    line_axis: str = "auto"


@dataclass
class Table:
    """A sheet holding one table: header in row 1, frozen, autofilter, optional total row."""

    name: str  # sheet name (31 characters at most, no []:*?/\)
    columns: list[Col]
    rows: pd.DataFrame  # one column per Col.header, in any order; extra columns ignored
    highlights: list[Highlight] = field(default_factory=list)
    note: str = ""  # printed in the page header beside the sheet name
    landscape: bool | None = None  # None = landscape when the table is wide
    total_label: str = "Total"  # first cell of the total row
    # (label, text) lines printed under the table after a blank row, e.g. a vendor's
    # contact on a purchase order; not part of the filterable data.
    footer: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Figure:
    """One key figure on the Summary sheet: label, value and kind (money, hours, ...)."""

    label: str
    value: object
    kind: str = "number"
    level: str | None = None  # colour the value like a highlight when set


@dataclass(frozen=True)
class InputRecord:
    """One input file, as listed on the About sheet."""

    file: str
    sha256: str
    sheets: str = ""  # the sheets that were read, comma-separated
    size: int = 0


@dataclass
class Report:
    """A whole output workbook: Summary first, the tables, Check these, About."""

    title: str  # e.g. "Payroll 2026-11-01 to 2026-11-14"
    office: str
    period: str  # e.g. "2026-11-01 to 2026-11-14"
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    inputs: list[InputRecord] = field(default_factory=list)
    settings: list[tuple[str, str]] = field(default_factory=list)  # (setting, value used)
    notes: list[str] = field(default_factory=list)  # plain sentences on the Summary
    legend: list[tuple[str, str]] = field(default_factory=list)  # (level, meaning)
    program: str = ""  # e.g. "medoffice 0.1.0 payroll"
    ran_at: dt.datetime | None = None
    date_format: str = "yyyy-mm-dd"
