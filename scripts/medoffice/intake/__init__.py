"""Intake: read input files once, find their sheets by content, and validate them.

    inputs = load_inputs(paths, (STAFF, TIME, BONUSES), day_first=False)
    inputs.records("Time").data        # typed DataFrame with _row and _t
    inputs.problems                    # every Problem found, errors and warnings
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..problems import InputRefused, Problem
from ..schemas.base import SheetSchema
from .classify import classify, match_sheet, written_by_us
from .files import SUPPORTED_SUFFIXES, is_candidate, read_source
from .model import CellError, RawSheet, Records, SourceFile, Table
from .table import read_table

__all__ = [
    "SUPPORTED_SUFFIXES", "CellError", "Inputs", "RawSheet", "Records", "SourceFile", "Table",
    "classify", "is_candidate", "load_inputs", "match_sheet", "read_source", "read_table",
    "written_by_us",
]


@dataclass
class Inputs:
    """Everything read for one run: the files, their validated tables and the problems."""

    files: list[SourceFile] = field(default_factory=list)
    tables: dict[str, list[Table]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    schemas: dict[str, SheetSchema] = field(default_factory=dict)
    # Every sheet recognised as each schema, including those that could not be read as
    # a table (their problems say why), so "no Time sheet found" is never said of them.
    found: dict[str, list[RawSheet]] = field(default_factory=dict)

    def records(self, name: str) -> Records:
        """All rows of one input sheet kind (e.g. "Time") across files."""
        return Records.of(self.schemas[name], self.tables.get(name, []))

    def has(self, name: str) -> bool:
        """True when at least one file holds this sheet, read as a table."""
        return bool(self.tables.get(name))

    def recognised(self, name: str) -> bool:
        """True when some sheet was recognised as this kind, even if it could not be read."""
        return bool(self.found.get(name))

    def sheets_read(self, source: SourceFile) -> list[str]:
        """Names of the sheets of one file that were read as inputs."""
        return [t.sheet for ts in self.tables.values() for t in ts if t.file == source.name]

    def raw_sheets_with_problems(self, problems: list[Problem] | None = None) -> list[RawSheet]:
        """The raw sheets that some problem points into (intake's own, or those given, such
        as a computation's), for the error report."""
        wanted = {(p.file, p.sheet) for p in (self.problems if problems is None else problems)}
        return [s for f in self.files for s in f.sheets.values() if (s.file, s.name) in wanted]


def read_files(paths: list[Path]) -> tuple[list[SourceFile], list[Problem]]:
    """Read each file once; a refused file becomes one Problem instead of a SourceFile."""
    files, problems = [], []
    for path in paths:
        try:
            files.append(read_source(path))
        except InputRefused as refused:
            problems.append(refused.problem)
    return files, problems


def validate(files: list[SourceFile], schemas: tuple[SheetSchema, ...], *,
             day_first: bool = False, keep_example_rows: tuple[str, ...] = ()) -> Inputs:
    """Find each schema's sheets in the files and validate them; collect all problems.

    Rows equal to a template's grey example row are skipped with a warning, except in
    the sheets named in `keep_example_rows` (whose example is real data, e.g. Holidays).
    """
    inputs = Inputs(files=files, schemas={s.name: s for s in schemas})
    found = classify(files, schemas)
    inputs.found = found
    for schema in schemas:
        for sheet in found[schema.name]:
            table, problems = read_table(sheet, schema, day_first=day_first,
                                         skip_example_row=schema.name not in keep_example_rows)
            inputs.problems.extend(problems)
            if table is not None:
                inputs.tables.setdefault(schema.name, []).append(table)
    return inputs


def load_inputs(paths: list[Path], schemas: tuple[SheetSchema, ...], *,
                day_first: bool = False) -> Inputs:
    """Read and validate the given files against the given sheet schemas."""
    files, refused = read_files(paths)
    inputs = validate(files, schemas, day_first=day_first)
    inputs.problems[:0] = refused
    return inputs
