"""What intake hands on: files as read (raw cells) and validated tables (typed DataFrames)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..problems import cell_ref
from ..schemas import SheetSchema


@dataclass(frozen=True)
class CellError:
    """An Excel error value cached in a formula cell, e.g. #REF! or #DIV/0!, or (code
    NO_VALUE) a formula whose result was never saved, so there is no value to read."""

    code: str
    formula: str = ""  # the formula text, when known (kept for NO_VALUE messages)

    NO_VALUE = "(formula never calculated)"

    @property
    def unsaved(self) -> bool:
        """True for a formula without a saved result (not an Excel error value)."""
        return self.code == self.NO_VALUE

    def __str__(self) -> str:
        return self.formula or self.code if self.unsaved else self.code


@dataclass
class RawSheet:
    """A sheet's cells exactly as read: rows of Python values ('' for blank).

    Values are str, float, int, bool, datetime.date/datetime/time, timedelta or CellError.
    Row 0 here is Excel row 1.
    """

    file: str  # display name of the file (its name, not its full path)
    name: str
    rows: list[list]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)

    def value(self, row0: int, col0: int):
        """The value at 0-based (row, col), '' beyond the edges."""
        if row0 < len(self.rows) and col0 < len(self.rows[row0]):
            return self.rows[row0][col0]
        return ""


@dataclass
class SourceFile:
    """One input file: where it is, its fingerprint, and its sheets as read."""

    path: Path
    sha256: str
    size: int
    sheets: dict[str, RawSheet]  # by sheet name, in workbook order

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class Table:
    """A validated sheet: one typed column per schema column present, plus `_row`.

    `data["_row"]` is the 1-based Excel row of each record, so every later check can
    name the cell it is about with `table.cell(column, index)`.
    Columns of the schema that the sheet lacks are present and all missing (None/NaT).
    """

    schema: SheetSchema
    source: RawSheet
    data: pd.DataFrame
    header_row: int  # 0-based index of the header row in source.rows
    letters: dict[str, int] = field(default_factory=dict)  # canonical column -> 0-based index
    extra: dict[str, int] = field(default_factory=dict)  # unknown headers -> 0-based index
    # Columns named by a date in the header (2026-01-01 heads Budget's Jan) -> that date.
    header_dates: dict[str, dt.date] = field(default_factory=dict)

    @property
    def file(self) -> str:
        return self.source.file

    @property
    def sheet(self) -> str:
        return self.source.name

    def cell(self, column: str, index) -> str:
        """`C14` for a column and a DataFrame index label; the row's first cell if the
        column is absent from the sheet."""
        return self.cell_in_row(column, int(self.data.at[index, "_row"]))

    def cell_in_row(self, column: str, excel_row: int) -> str:
        """`C14` for a column and an Excel row number (1-based)."""
        col0 = self.letters.get(column, self.extra.get(column, 0))
        return cell_ref(excel_row - 1, col0)

    def where(self, column: str, index) -> dict:
        """Keyword arguments locating one cell, for problems.error()/warning()."""
        return self.where_in_row(column, int(self.data.at[index, "_row"]))

    def where_in_row(self, column: str, excel_row: int) -> dict:
        """Keyword arguments locating the cell of `column` in an Excel row (1-based)."""
        return {"file": self.file, "sheet": self.sheet,
                "cell": self.cell_in_row(column, excel_row), "column": column}

    def has_column(self, column: str) -> bool:
        """True when the sheet itself has this column (not just the schema)."""
        return column in self.letters


@dataclass
class Records:
    """The rows of one kind of sheet from every file that holds it, as one DataFrame.

    `data["_t"]` says which table a row came from, so `where()` can still name its cell.
    """

    schema: SheetSchema
    tables: list[Table]
    data: pd.DataFrame

    @classmethod
    def of(cls, schema: SheetSchema, tables: list[Table]) -> Records:
        """Stack the tables' rows; an empty Records (all schema columns) when none."""
        frames = [t.data.assign(_t=i) for i, t in enumerate(tables)]
        if frames:
            data = pd.concat(frames, ignore_index=True)
        else:
            data = pd.DataFrame({c.name: [] for c in schema.columns} | {"_row": [], "_t": []},
                                dtype=object)
        return cls(schema=schema, tables=tables, data=data)

    def where(self, column: str, index) -> dict:
        """Keyword arguments locating the cell of `column` in row `index` of `data`."""
        table = self.tables[int(self.data.at[index, "_t"])]
        return table.where_in_row(column, int(self.data.at[index, "_row"]))

    def has_column(self, column: str) -> bool:
        """True when any of the source sheets has this column."""
        return any(t.has_column(column) for t in self.tables)

    def iterrows(self):
        """(index, row) for every record, the row a plain dict keyed by column name.

        Use it instead of `data.iterrows()` in per-row code: pandas builds a Series for
        every row, which makes a 100,000-row timesheet take seconds instead of a fraction
        of one.
        """
        columns = list(self.data.columns)
        rows = zip(*(self.data[c].tolist() for c in columns), strict=True)
        return zip(self.data.index.tolist(),
                   (dict(zip(columns, row, strict=True)) for row in rows), strict=True)

    def __len__(self) -> int:
        return len(self.data)
