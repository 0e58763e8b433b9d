"""The error report: written instead of a result when the inputs have errors.

It lists every problem (errors first) on a `Problems` sheet, and shows each input sheet
that has problems as a copy with the offending cells filled (red for errors, amber for
warnings) and a comment saying what is wrong and how to fix it, so the manager can
find the cell in their own workbook at a glance.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..intake.model import RawSheet
from ..problems import Problem, has_errors, sort_key, split_cell
from .cells import (
    MAX_WIDTH,
    WIDE_TABLE,
    check,
    display_width,
    fit_width,
    internal_link,
    is_blank,
    kind_of,
    print_setup,
    safe_sheet_name,
    set_widths,
    table_chrome,
    write_any,
    write_header,
    write_text,
)
from .render import FIXED_CREATED, WORKBOOK_OPTIONS
from .styles import HouseStyle

PROBLEMS = "Problems"
HEADERS = ["Severity", "File", "Sheet", "Cell", "Column", "Value", "Message"]
COMMENT_OPTIONS = {"author": "medoffice", "x_scale": 2.5, "y_scale": 2}
MAX_LINKS = 65_530  # Excel's limit of hyperlinks on one sheet; later cells stay plain text

Cell = tuple[int, int]  # 0-based row and column


def write_problems_report(problems: list[Problem], sources: list[RawSheet], path: Path,
                          title: str) -> None:
    """Write the error report to `path`: the Problems list, then a marked-up copy of each
    input sheet that has problems (pass the sheets as read; others are skipped)."""
    workbook = Workbook(str(path), WORKBOOK_OPTIONS)
    workbook.set_properties({"title": title, "author": "medoffice", "created": FIXED_CREATED})
    style = HouseStyle(workbook)
    listing = workbook.add_worksheet(PROBLEMS)
    taken = {PROBLEMS}
    copies: dict[tuple[str, str], str] = {}
    for source in sources:
        key = (source.file, source.name)
        mine = [p for p in problems if (p.file, p.sheet) == key]
        if mine and key not in copies:
            copies[key] = safe_sheet_name(source.name, taken)
            write_marked_copy(workbook.add_worksheet(copies[key]), source, mine, style, title)
    write_problem_list(listing, problems, copies, style, title)
    workbook.close()


def write_problem_list(ws: Worksheet, problems: list[Problem],
                       copies: dict[tuple[str, str], str], style: HouseStyle,
                       title: str) -> None:
    """One row per problem, errors first then in reading order; the Cell links to the
    marked copy of its sheet when there is one."""
    ordered = sorted(problems, key=lambda p: (not p.is_error, sort_key(p)))
    rows = [_row(p) for p in ordered]
    widths = [fit_width(h, [len(row[c]) for row in rows]) for c, h in enumerate(HEADERS)]
    write_header(ws, HEADERS, style)
    for r, (problem, row) in enumerate(zip(ordered, rows, strict=True), start=1):
        level = "error" if problem.is_error else "watch"
        write_text(ws, r, 0, row[0], style, level=level)
        for c in range(1, len(HEADERS)):
            if is_blank(row[c]):
                continue
            write_text(ws, r, c, row[c], style, wrap=widths[c] >= MAX_WIDTH)
        copy = copies.get((problem.file, problem.sheet))
        if copy and _cell_of(problem) is not None and r <= MAX_LINKS:
            check(ws.write_url(r, 3, internal_link(copy, problem.cell), string=problem.cell,
                               tip=f"Show {problem.cell} on the copy of {problem.sheet}"),
                  f"link to {problem.cell}")
    if not rows:
        write_text(ws, 1, 0, "No problems.", style)
    table_chrome(ws, len(HEADERS), max(len(rows), 1))
    set_widths(ws, HEADERS, widths)
    print_setup(ws, office="", title=title, sheet=PROBLEMS, landscape=True, repeat_header=True)


def write_marked_copy(ws: Worksheet, source: RawSheet, problems: list[Problem],
                      style: HouseStyle, title: str) -> None:
    """The input sheet's cells as read, at their own addresses, with each problem cell
    filled red (error) or amber (warning only) and a comment carrying its messages."""
    marks = _marks(problems)
    widths: dict[int, list[int]] = defaultdict(list)
    for r, values in enumerate(source.rows):
        for c, value in enumerate(values):
            level = marks[(r, c)][0] if (r, c) in marks else None
            if is_blank(value) and level is None:
                continue
            write_any(ws, r, c, value, style, level=level)
            widths[c].append(display_width(value, _width_kind(value), style))
    for (r, c), (level, text) in sorted(marks.items()):
        if is_blank(source.value(r, c)):
            write_any(ws, r, c, None, style, level=level)
        check(ws.write_comment(r, c, text, COMMENT_OPTIONS), f"comment at {r + 1},{c + 1}")
    for c, sizes in widths.items():
        ws.set_column(c, c, fit_width("", sizes))
    n_cols = max((len(values) for values in source.rows), default=0)
    print_setup(ws, office=source.file, title=title, sheet=source.name,
                landscape=n_cols > WIDE_TABLE, repeat_header=False)


def _marks(problems: list[Problem]) -> dict[Cell, tuple[str, str]]:
    """Per problem cell: its level (error beats warning) and the comment text."""
    by_cell: dict[Cell, list[Problem]] = defaultdict(list)
    for problem in sorted(problems, key=lambda p: (not p.is_error, sort_key(p))):
        cell = _cell_of(problem)
        if cell is not None:
            by_cell[cell].append(problem)
    marks = {}
    for cell, found in by_cell.items():
        level = "error" if has_errors(found) else "watch"
        text = "\n".join(f"{'Error' if p.is_error else 'Warning'}: {p.message}" for p in found)
        marks[cell] = (level, text)
    return marks


def _cell_of(problem: Problem) -> Cell | None:
    """0-based (row, col) of a problem's cell, or None when it names no single cell."""
    row, col = split_cell(problem.cell)
    if row < 1 or col < 1 or ":" in problem.cell:
        return None
    return (row - 1, col - 1)


def _row(problem: Problem) -> tuple[str, ...]:
    value = "" if problem.value is None else str(problem.value)
    severity = "Error" if problem.is_error else "Warning"
    return (severity, problem.file, problem.sheet, problem.cell, problem.column, value,
            problem.message)


def _width_kind(value: object) -> str:
    kind = kind_of(value)
    return "text" if kind == "bool" else kind
