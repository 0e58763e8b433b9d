"""Decide which sheet of which file holds which input, by content, never by file name.

A sheet belongs to a schema when its name is one of the schema's names (Time, Timesheet,
...) and a header row can be found, or, whatever its name, when one of its first rows
holds every required column of the schema. When several schemas fit, the one whose
columns the header names most wins. A sheet named Instructions (or Read me) is never
data: the templates' Instructions sheet lists every column name.
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


def classify(files: list[SourceFile], schemas: tuple[SheetSchema, ...]
             ) -> dict[str, list[RawSheet]]:
    """Map each schema name to the sheets (across all files) that hold it, in file order."""
    found: dict[str, list[RawSheet]] = {s.name: [] for s in schemas}
    for source in files:
        for sheet in source.sheets.values():
            schema = match_sheet(sheet, schemas)
            if schema is not None:
                found[schema.name].append(sheet)
    return found
