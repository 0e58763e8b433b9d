"""Read one raw sheet as a table of a schema: find the header row, map headers to
columns, skip blank and trailing Total rows, and coerce every cell by its column's kind.

All problems are collected (never stop at the first); each names its cell.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections import defaultdict

import pandas as pd

from ..problems import Problem, cell_ref, column_letter, error, has_errors, warning
from ..schemas.base import Column, SheetSchema, normalize_header, show_limit
from ..schemas.settings import MONTHS
from .coerce import date_from_text, is_blank, parse_cell, parse_default
from .model import CellError, RawSheet, Table

HEADER_SEARCH_ROWS = 20


def find_header_row(sheet: RawSheet, schema: SheetSchema) -> tuple[int, int] | None:
    """(0-based row, number of schema columns it names) for the likeliest header row.

    The header may be anywhere in the first 20 rows; the row naming the most required
    columns, then the most columns, wins. None when no row names a required column.
    """
    best = None
    for row0, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        cols = {schema.match_header(v) for v in row if isinstance(v, str)} - {None}
        required = sum(1 for c in cols if c.required)
        score = (required, len(cols))
        if cols and (best is None or score > best[1]):
            best = (row0, score)
    if best is None or (schema.required and best[1][0] == 0):
        return None
    return best[0], best[1][1]


def _is_total_row(row: list) -> bool:
    for value in row:
        if is_blank(value):
            continue
        key = normalize_header(value) if isinstance(value, str) else ""
        return key in ("total", "totals", "grandtotal", "subtotal") or key.startswith("total")
    return False


def read_table(sheet: RawSheet, schema: SheetSchema, *, day_first: bool = False,
               skip_example_row: bool = True) -> tuple[Table | None, list[Problem]]:
    """Validate one sheet against a schema: a typed Table (or None) and every Problem found.

    A row equal to the template's grey example row is skipped with a warning, unless
    `skip_example_row` is False (for sheets whose example is real data, e.g. a holiday).
    """
    where = {"file": sheet.file, "sheet": sheet.name}
    found = find_header_row(sheet, schema)
    if found is None:
        names = ", ".join(c.name for c in schema.required) or schema.columns[0].name
        return None, [error(
            "header-missing",
            f"could not find the header row of sheet {sheet.name}: none of the first "
            f"{HEADER_SEARCH_ROWS} rows holds the column names ({names}). Put the column "
            "names in one row above the data.", **where)]
    header_row, _ = found
    problems: list[Problem] = []
    letters, extra, header_dates = _map_headers(sheet, schema, header_row, problems,
                                                day_first)
    if has_errors(problems):
        return None, problems

    records: list[int] = []
    body = sheet.rows[header_row + 1:]
    # A row is data when a column of the schema holds something: rows with values only
    # in columns we ignore (a helper formula filled down, a remark) are not records.
    mapped = sorted(set(letters.values()))

    def empty(row: list) -> bool:
        return all(is_blank(row[c]) for c in mapped if c < len(row))

    last = len(body)
    while last and empty(body[last - 1]):
        last -= 1
    while last and _is_total_row(body[last - 1]):
        row0 = header_row + last
        problems.append(warning(
            "total-row", f"row {row0 + 1} looks like a total row and was skipped. Totals are "
            "worked out for you; remove the row if it holds data.",
            cell=cell_ref(row0, _first_filled(body[last - 1])), **where))
        last -= 1
        while last and empty(body[last - 1]):
            last -= 1
    for offset, row in enumerate(body[:last]):
        if not empty(row):
            records.append(header_row + 1 + offset)

    merged = _merged_header_problems(sheet, header_row, records)
    if merged:
        return None, problems + merged
    if skip_example_row:
        records = _skip_example_rows(sheet, schema, letters, records, day_first, problems)
    _check_unnamed(sheet, header_row, letters, extra, records, problems)
    columns: dict[str, list] = {}
    for col in schema.columns:
        index = letters.get(col.name)
        columns[col.name] = _read_column(sheet, col, index, records, day_first, problems)
    data = pd.DataFrame(columns, dtype=object)
    data["_row"] = [r + 1 for r in records]
    table = Table(schema=schema, source=sheet, data=data, header_row=header_row,
                  letters=letters, extra=extra, header_dates=header_dates)
    _check_unique(table, problems)
    return table, problems


_MONTH_YEAR = re.compile(r"([A-Za-z]{3,9})\.?[\s\-/']*(\d{4}|\d{2})")
_YEAR_MONTH = re.compile(r"(\d{4})[-/.](\d{1,2})")


def header_date(value, day_first: bool = False) -> dt.date | None:
    """The date a header cell names: a real date, or text such as 2026-01-01, 1/1/2026,
    Jan 2026, January-26 or 2026-01 (the first of that month); None for other headers."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    found = date_from_text(text, day_first)
    if found is not None:
        return found
    m = _MONTH_YEAR.fullmatch(text)
    if m:
        names = [name.lower() for name in MONTHS]
        word = m.group(1).lower()
        month = next((i for i, name in enumerate(names, 1)
                      if name.startswith(word) and len(word) >= 3), None)
        year = int(m.group(2))
        if month is not None:
            return dt.date(year + 2000 if year < 100 else year, month, 1)
    m = _YEAR_MONTH.fullmatch(text)
    if m and 1 <= int(m.group(2)) <= 12:
        return dt.date(int(m.group(1)), int(m.group(2)), 1)
    return None


def _month_column(schema: SheetSchema, value, day_first: bool
                  ) -> tuple[Column | None, dt.date | None]:
    """A header that is a date names the schema's column for its month (Budget's Jan..Dec),
    when the schema has one; (None, None) otherwise."""
    when = header_date(value, day_first)
    if when is None:
        return None, None
    col = schema.match_header(MONTHS[when.month - 1])
    return (col, when) if col is not None else (None, None)


def _map_headers(sheet: RawSheet, schema: SheetSchema, header_row: int,
                 problems: list[Problem], day_first: bool = False
                 ) -> tuple[dict[str, int], dict[str, int], dict[str, dt.date]]:
    where = {"file": sheet.file, "sheet": sheet.name}
    letters: dict[str, int] = {}
    extra: dict[str, int] = {}
    header_dates: dict[str, dt.date] = {}
    for col0, value in enumerate(sheet.rows[header_row]):
        if is_blank(value):
            continue
        col = schema.match_header(value)
        when = None
        if col is None:
            col, when = _month_column(schema, value, day_first)
        if col is None:
            extra.setdefault(str(value).strip(), col0)
        elif col.name in letters:
            problems.append(error(
                "column-duplicate",
                f"two columns are headed {col.name} ({cell_ref(header_row, letters[col.name])}"
                f" and {cell_ref(header_row, col0)}). Keep one and rename or delete the other.",
                cell=cell_ref(header_row, col0), column=col.name, value=value, **where))
        else:
            letters[col.name] = col0
            if when is not None:
                header_dates[col.name] = when
    for col in schema.required:
        if col.name not in letters:
            also = [s for s in col.synonyms][:3]
            hint = f" (also accepted: {', '.join(also)})" if also else ""
            problems.append(error(
                "column-missing",
                f"required column {col.name} is missing from the header row (row "
                f"{header_row + 1}). Add a column headed {col.name}{hint}.",
                cell=cell_ref(header_row, 0), column=col.name, **where))
    return letters, extra, header_dates


def _merged_header_problems(sheet: RawSheet, header_row: int,
                            records: list[int]) -> list[Problem]:
    """A merged cell in the header row hides the headers of the columns it covers (or
    spreads the header over several rows): the columns cannot be told apart, so say where."""
    problems = []
    for (r0, c0), (r1, c1) in sorted(sheet.merged):
        if not r0 <= header_row <= r1 or (c1 == c0 and r1 == r0):
            continue
        covered = [c for c in range(c0 + 1, c1 + 1)
                   if any(not is_blank(sheet.value(r, c)) for r in records)]
        deeper = r1 > header_row and any(r <= r1 for r in records)
        if not covered and not deeper:
            continue  # a merged header over empty columns only looks wide: harmless
        span = f"{cell_ref(r0, c0)}:{cell_ref(r1, c1)}"
        if deeper:
            why = (f"the header runs over rows {r0 + 1} to {r1 + 1}, so row {header_row + 2} "
                   "would be read as data")
        else:
            letters = ", ".join(column_letter(c) for c in covered)
            why = (f"column{'s' if len(covered) > 1 else ''} {letters} under it "
                   f"{'have' if len(covered) > 1 else 'has'} data but no header of its own")
        problems.append(error(
            "header-merged",
            f"the header cell {span} is merged over several cells: {why}. Unmerge it and give "
            f"each column its own header, all in row {header_row + 1}.",
            file=sheet.file, sheet=sheet.name, cell=cell_ref(r0, c0),
            value=sheet.value(r0, c0)))
    return problems


def _skip_example_rows(sheet: RawSheet, schema: SheetSchema, letters: dict[str, int],
                       records: list[int], day_first: bool, problems: list[Problem]) -> list[int]:
    """Drop rows equal to the template's grey example row, with a warning each.

    A row is the example row when every column with a schema example holds that example
    and every other column is blank, as in the row the template writes. The sheet must
    have all the example columns (at least two), so a sparse sheet never matches by chance.
    """
    examples = {c.name: c for c in schema.columns if c.example is not None}
    if len(examples) < 2 or any(name not in letters for name in examples):
        return records
    wanted = {name: parse_cell(col.example, col, day_first)[0] for name, col in examples.items()}
    others = [letters[c.name] for c in schema.columns
              if c.name not in examples and c.name in letters]
    seen: dict = {}  # (column, class, raw value) -> is it the example? Values repeat.

    def is_example(name: str, raw) -> bool:
        key = (name, raw.__class__, raw)
        try:
            hit = seen.get(key)
        except TypeError:  # an unhashable value: decide it alone
            hit = None
        if hit is None:
            hit = (not is_blank(raw)
                   and parse_cell(raw, examples[name], day_first)[0] == wanted[name])
            with contextlib.suppress(TypeError):
                seen[key] = hit
        return hit

    kept = []
    for row0 in records:
        # Lazily, column by column: most rows differ in their first example column.
        same = all(is_example(name, sheet.value(row0, letters[name])) for name in examples)
        if not same or any(not is_blank(sheet.value(row0, c)) for c in others):
            kept.append(row0)
            continue
        shown = ", ".join(f"{name} {_plain(wanted[name])}" for name in list(examples)[:3])
        problems.append(warning(
            "example-row",
            f"row {row0 + 1} is the grey example row of the template ({shown}, ...) and was "
            f"skipped. Delete it from the sheet.{_example_keep_hint(schema, letters, examples)}",
            file=sheet.file, sheet=sheet.name,
            cell=cell_ref(row0, letters[next(iter(examples))])))
    return kept


def _plain(value) -> str:
    """A typed value as a person would type it: 08:00, 2026-11-02, 38.5."""
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value)


def _example_keep_hint(schema: SheetSchema, letters: dict[str, int], examples: dict) -> str:
    """How to keep a real row that happens to equal the example: fill a column it leaves
    blank (a text column such as Note, where the sheet has one)."""
    notes = [c for c in schema.columns
             if c.name not in examples and c.name in letters and c.kind == "text"]
    return f" If it is a real row, fill in its {notes[-1].name} so it is read." if notes else ""


def _check_unnamed(sheet: RawSheet, header_row: int, letters: dict[str, int],
                   extra: dict[str, int], records: list[int], problems: list[Problem]) -> None:
    """Data under a blank header would be ignored: say so (merged headers are errors, above)."""
    named = set(letters.values()) | set(extra.values())
    width = max((len(sheet.rows[r]) for r in records), default=0)
    for col0 in range(width):
        if col0 in named:
            continue
        if any(not is_blank(sheet.value(r, col0)) for r in records):
            problems.append(warning(
                "column-unnamed",
                f"column {column_letter(col0)} has data but no header, so it was ignored. "
                "Give the column a header, or move the data.",
                cell=cell_ref(header_row, col0), file=sheet.file, sheet=sheet.name))


_BLANK = "blank"  # the outcome code of a blank cell


def _cell_outcome(raw, col: Column, day_first: bool) -> tuple[object, str | None, str | None]:
    """What one raw cell of a column becomes: (value, None, None) when it is good, else
    (None, problem code, hint); the code is _BLANK for a blank cell."""
    if is_blank(raw):
        return None, _BLANK, None
    value, hint = parse_cell(raw, col, day_first)
    if hint is not None:
        code = ("cell-error" if isinstance(raw, CellError)
                else "cell-choice" if col.kind == "choice" else "cell-type")
        return None, code, hint
    range_hint = _range_hint(col, value)
    if range_hint:
        return None, "cell-range", range_hint
    return value, None, None


def _read_column(sheet: RawSheet, col: Column, index: int | None, records: list[int],
                 day_first: bool, problems: list[Problem]) -> list:
    """The typed values of one column in the record rows, and a Problem per bad cell.

    A cell's outcome depends on its raw value alone, and large sheets repeat their values
    (IDs, dates, times, rates, codes), so each distinct raw value is coerced once and
    remembered; free text is only stripped. This is what makes large sheets fast.
    """
    default = parse_default(col, day_first)
    if index is None:
        return [default] * len(records)
    out = []
    where = {"file": sheet.file, "sheet": sheet.name, "column": col.name}
    plain_text = col.kind == "text" and col.minimum is None and col.maximum is None
    memo: dict = {}
    rows = sheet.rows
    for row0 in records:
        row = rows[row0]
        raw = row[index] if index < len(row) else ""
        if plain_text and raw.__class__ is str:
            text = raw.strip()
            if text:
                out.append(text)
                continue
        try:
            outcome = memo.get((raw.__class__, raw))  # the class too: 1 == 1.0 == True
        except TypeError:  # an unhashable value: coerce it alone
            outcome = None
        if outcome is None:
            outcome = _cell_outcome(raw, col, day_first)
            if raw.__class__ is not float or raw:  # 0.0 and -0.0 are equal but parse apart
                with contextlib.suppress(TypeError):
                    memo[raw.__class__, raw] = outcome
        value, code, hint = outcome
        if code is None:
            out.append(value)
        elif code == _BLANK:
            if col.required:
                problems.append(error(
                    "cell-required", f"{col.name} is blank; every row needs one. Fill it in "
                    "or delete the row.", cell=cell_ref(row0, index), **where))
            out.append(default)
        else:
            problems.append(error(code, f"{_show(raw)} in {col.name} {hint}.",
                                  cell=cell_ref(row0, index), value=raw, **where))
            out.append(None)
    return out


def _first_filled(row: list) -> int:
    return next((i for i, v in enumerate(row) if not is_blank(v)), 0)


def _show(raw) -> str:
    text = str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw)
    return f'"{text[:40]}…"' if len(text) > 40 else f'"{text}"'


def _range_hint(col: Column, value) -> str | None:
    if col.minimum is not None and value < col.minimum:
        if col.minimum == 0:
            return "is negative; it must be 0 or more"
        return f"is below the smallest allowed value, {show_limit(col.minimum)}"
    if col.maximum is not None and value > col.maximum:
        return f"is above the largest allowed value, {show_limit(col.maximum)}"
    return None


def _check_unique(table: Table, problems: list[Problem]) -> None:
    for col in table.schema.columns:
        if not col.unique or not table.has_column(col.name):
            continue
        seen: dict[object, object] = {}
        dupes = defaultdict(list)
        for index, value in table.data[col.name].items():
            if value is None:
                continue
            key = value.lower() if isinstance(value, str) else value
            if key in seen:
                dupes[key].append(index)
            else:
                seen[key] = index
        for key, indexes in dupes.items():
            first = table.cell(col.name, seen[key])
            for index in indexes:
                problems.append(error(
                    "cell-duplicate",
                    f"{col.name} {table.data.at[index, col.name]} appears more than once (first "
                    f"at {first}). Each {col.name} must be unique: fix or remove the repeat.",
                    value=table.data.at[index, col.name], **table.where(col.name, index)))
