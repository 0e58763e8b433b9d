"""Decide which sheet of which file holds which input, by content, never by file name.

A sheet belongs to a schema when its name is one of the schema's names (Time, Timesheet,
...) and a header row can be found, or, whatever its name, when one of its first rows
holds every required column of the schema. When several schemas fit, the one whose
columns the header names most wins. A sheet named Instructions (or Read me) is never
data: the templates' Instructions sheet lists every column name.

Workbooks medoffice wrote are not inputs by content: a result (Summary first, an About
sheet naming the program) offers only sheets named exactly as a schema (so budget.py can
read a payroll result's "Labor by department", but its Employees and Daily sheets are
never taken for a roster and a timesheet), and an error report (Problems first) offers
none, since its sheets are copies of inputs.
"""

from __future__ import annotations

from ..schemas.base import SheetSchema, normalize_header
from .model import RawSheet, SourceFile
from .table import find_header_row

# Sheets that explain a workbook (the templates' Instructions) never hold data, whatever
# their rows look like: the Instructions sheet lists every column name of its sheets.
NEVER_DATA = frozenset({"instructions", "readme", "howtouse"})


def match_sheet(sheet: RawSheet, schemas: tuple[SheetSchema, ...]) -> SheetSchema | None:
    """The schema this sheet holds, or None when it is none of them."""
    best = None
    name = normalize_header(sheet.name)
    if name in NEVER_DATA:
        return None
    for schema in schemas:
        found = find_header_row(sheet, schema)
        if found is None:
            continue
        row0, matched = found
        header = {schema.match_header(v) for v in sheet.rows[row0] if isinstance(v, str)}
        has_required = all(c in header for c in schema.required)
        named = name in schema.names
        if not (named or (has_required and matched >= 2)):
            continue
        score = (named, has_required, matched, len(schema.required))
        if best is None or score > best[0]:
            best = (score, schema)
    return best[1] if best else None


def written_by_us(source: SourceFile) -> str | None:
    """"result" or "error report" when medoffice wrote this workbook, else None."""
    sheets = list(source.sheets.values())
    if not sheets:
        return None
    first = normalize_header(sheets[0].name)
    if first == "summary":
        about = next((s for s in sheets if normalize_header(s.name) == "about"), None)
        if about is not None and any(isinstance(v, str) and v.startswith("medoffice ")
                                     for row in about.rows[:60] for v in row):
            return "result"
    if first == "problems" and sheets[0].rows:
        header = [normalize_header(v) for v in sheets[0].rows[0][:4]]
        if header == ["severity", "file", "sheet", "cell"]:
            return "error report"
    return None


def _match_own_output(sheet: RawSheet, schemas: tuple[SheetSchema, ...]
                      ) -> SheetSchema | None:
    """A sheet of a result we wrote matches only the schema of exactly its name."""
    name = normalize_header(sheet.name)
    for schema in schemas:
        if normalize_header(schema.name) == name and find_header_row(sheet, schema):
            return schema
    return None


def classify(files: list[SourceFile], schemas: tuple[SheetSchema, ...]
             ) -> dict[str, list[RawSheet]]:
    """Map each schema name to the sheets (across all files) that hold it, in file order."""
    found: dict[str, list[RawSheet]] = {s.name: [] for s in schemas}
    for source in files:
        ours = written_by_us(source)
        if ours == "error report":
            continue
        for sheet in source.sheets.values():
            if ours == "result":
                schema = _match_own_output(sheet, schemas)
            else:
                schema = match_sheet(sheet, schemas)
            if schema is not None:
                found[schema.name].append(sheet)
    return found
