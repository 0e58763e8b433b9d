"""The building blocks of a schema: a Column is declared once, and that one declaration
drives validation (intake), the blank templates and the README's column tables."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

# The kinds of value a column may hold; intake/coerce.py has one parser per kind.
KINDS = (
    "text",      # free text
    "id",        # identifier kept as text: 1001, 1001.0 and " 1001 " are the same; 007 keeps zeros
    "date",      # Excel date or text such as 2026-11-03, 11/3/2026, Nov 3, 2026
    "time",      # Excel time or text such as 8:30, 8:30 AM, 17:05, 5:05pm
    "hours",     # a number of hours, or 7:30 meaning 7.5
    "money",     # number or text such as $1,234.50; (45.00) is negative
    "number",    # any number
    "integer",   # a whole number
    "percent",   # 12.5 or 12.5% both mean twelve and a half percent
    "choice",    # one of the declared choices, case-insensitive
    "email",     # one or more addresses separated by ; or ,
    "weekdays",  # a list of weekday names and/or "Holidays"
)

_UNIT = re.compile(r"\([^)]*\)")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalize_header(text: object) -> str:
    """`Employee ID`, `employee_id`, `EmployeeID`, `Unpaid break (min)` -> comparable keys."""
    s = _UNIT.sub("", str(text).lower())
    return _NON_ALNUM.sub("", s)


def normalize_choice(text: object) -> str:
    """Choices compare case-insensitively, ignoring spaces, hyphens and punctuation."""
    return _NON_ALNUM.sub("", str(text).lower())


def show_value(value: object) -> str:
    """A declared value as a person types it: dates yyyy-mm-dd, times hh:mm."""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def show_limit(value: float) -> str:
    """A column's minimum or maximum as people read it: `24`, `0.5`, `65535` (a port),
    `1,000,000,000` (large amounts grouped)."""
    if abs(value) >= 1_000_000 and float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:g}"


@dataclass(frozen=True)
class Column:
    """One column of an input sheet, declared once."""

    name: str
    kind: str = "text"
    required: bool = False
    synonyms: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    default: object = None
    help: str = ""
    example: object = None
    minimum: float | None = None
    maximum: float | None = None
    unique: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.name}: unknown kind {self.kind!r}")
        if self.kind == "choice" and not self.choices:
            raise ValueError(f"{self.name}: a choice column needs choices")

    @functools.cached_property  # asked for every header cell read: computed once
    def keys(self) -> frozenset[str]:
        """Every normalized header that names this column."""
        return frozenset(normalize_header(n) for n in (self.name, *self.synonyms))

    def canonical_choice(self, value: object) -> str | None:
        """The declared spelling of a choice, or None when it is not one of them."""
        wanted = normalize_choice(value)
        for choice in self.choices:
            if normalize_choice(choice) == wanted:
                return choice
        return None

    @property
    def help_text(self) -> str:
        """Help with the allowed choices spelled out, for templates and docs."""
        parts = [self.help] if self.help else []
        if self.choices:
            parts.append("One of: " + ", ".join(self.choices) + ".")
        if self.default not in (None, "") and not self.required:
            parts.append(f"Blank means {show_value(self.default)}.")
        return " ".join(parts)


@dataclass(frozen=True)
class SheetSchema:
    """One input sheet: its name (and other names it may go by) and its columns."""

    name: str
    columns: tuple[Column, ...]
    help: str = ""
    synonyms: tuple[str, ...] = ()
    # A table sheet has a header row; a key-value sheet (Settings) too, but is read by key.
    kind: str = "table"

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for col in self.columns:
            clash = col.keys & seen
            if clash:
                raise ValueError(f"{self.name}: header key {sorted(clash)} declared twice")
            seen |= col.keys

    @property
    def names(self) -> frozenset[str]:
        """Every normalized sheet name this sheet may carry."""
        return frozenset(normalize_header(n) for n in (self.name, *self.synonyms))

    @property
    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        """The column declared under this canonical name."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.name} has no column {name!r}")

    def match_header(self, header: object) -> Column | None:
        """The column a header cell names, or None for an unknown extra column."""
        return self._by_key.get(normalize_header(header))

    @functools.cached_property
    def _by_key(self) -> dict[str, Column]:
        """Each normalized header key -> its column (keys are unique: __post_init__)."""
        return {key: col for col in self.columns for key in col.keys}


@dataclass(frozen=True)
class WorkbookSchema:
    """A blank template: which sheets one input workbook holds."""

    name: str  # file stem of the template, e.g. "timesheet"
    title: str
    sheets: tuple[SheetSchema, ...]
    help: str = ""
    instructions: tuple[str, ...] = field(default_factory=tuple)
