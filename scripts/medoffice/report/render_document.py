"""Draw a DocumentBook (document.py): printable pages, one below the other, on a few sheets.

Documents that share a `name` share a sheet, one printed page each: a manual page break
before every page but the first, and at most MAX_PAGES_PER_SHEET pages a sheet (Excel
keeps about a thousand manual page breaks per sheet), so a book of thousands of pay stubs
is a handful of sheets rather than thousands (Excel is slow to open those, and xlsxwriter
slow to write them). A sheet's column grid is as wide as its widest Grid (at least two
columns): Fields put the label in the first column and the value in the second;
Paragraphs and Headings span every column; Grid totals are live SUM formulas carrying
their exact value. Gridlines are hidden; the sheet prints portrait at a scale that fits
its width on one page (not "fit to page", which would make Excel ignore the page
breaks), with the office, the book's title and the sheet's name in the print header.
Text is always written as text (never a formula).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from pathlib import Path

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..problems import column_letter
from .cells import (
    MAX_WIDTH,
    NUMERIC_KINDS,
    PADDING,
    SheetNames,
    check,
    display_width,
    fit_width,
    is_blank,
    needs_quote,
    print_setup,
    safe_sheet_name,
    to_float,
    write_text,
    write_typed,
)
from .document import Block, Document, DocumentBook, Fields, Grid, Heading, Paragraph, Spacer
from .styles import TEXT_KINDS, HouseStyle

WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False,
                    "strings_to_numbers": False, "nan_inf_to_errors": True}
FIXED_CREATED = dt.datetime(2000, 1, 1)
MIN_COLUMNS = 2
LINE_HEIGHT = 15  # points
PAGE_CHARACTERS = 100  # a portrait page fits about this many characters across
MAX_PAGES_PER_SHEET = 1000  # Excel keeps at most 1,026 manual page breaks per sheet
PAGE_GAP = 2  # blank rows between two pages on screen
CHARACTER_PIXELS = 7  # Calibri 11 at 96 dpi: a column's width in characters x 7 + 5 px
COLUMN_PADDING_PIXELS = 5
PORTRAIT_PIXELS = (8.5 - 2 * 0.7) * 96  # Letter, portrait, default margins
SPARE_WIDTH = 0.9  # printers and LibreOffice draw columns a little wider than Excel's screen
MIN_SCALE = 10  # Excel's smallest print scale
_PLAIN_SUM = re.compile(r"=SUM\([A-Z]+[0-9]+:[A-Z]+[0-9]+\)")


class PageSheet(Worksheet):
    """A worksheet that writes the pages' plain SUM totals without xlsxwriter's scan of
    every formula for ~200 newer Excel function names (about 25 µs a formula, most of a
    second per 10,000 pay stubs); any other formula takes the full path."""

    def _prepare_formula(self, formula, expand_future_functions=False):
        if _PLAIN_SUM.fullmatch(formula):
            return formula[1:]
        return super()._prepare_formula(formula, expand_future_functions)


def render_documents(book: DocumentBook, path: Path) -> None:
    """Write `book` as an .xlsx workbook at `path`: one sheet per Document name (split
    every MAX_PAGES_PER_SHEET pages), one printed page per Document."""
    if not book.documents:
        raise ValueError("a DocumentBook needs at least one Document")
    workbook = Workbook(str(path), WORKBOOK_OPTIONS)
    workbook.set_properties({"title": book.title, "subject": book.period,
                             "author": "medoffice", "company": book.office,
                             "comments": book.program,
                             "created": (book.ran_at.replace(tzinfo=None) if book.ran_at
                                         else FIXED_CREATED)})
    style = HouseStyle(workbook, book.date_format)
    taken = SheetNames()
    for name, documents in sheets_of(book.documents):
        sheet_name = safe_sheet_name(name, taken)
        sheet = workbook.add_worksheet(sheet_name, PageSheet)
        write_pages(sheet, documents, book, style, sheet_name)
    workbook.close()


def sheets_of(documents: list[Document]) -> list[tuple[str, list[Document]]]:
    """The book's sheets: documents grouped by name in order of first appearance, each
    group cut into runs of at most MAX_PAGES_PER_SHEET pages."""
    groups: dict[str, list[Document]] = {}
    for document in documents:
        groups.setdefault(document.name, []).append(document)
    return [(name, group[i:i + MAX_PAGES_PER_SHEET])
            for name, group in groups.items()
            for i in range(0, len(group), MAX_PAGES_PER_SHEET)]


def write_pages(ws: Worksheet, documents: list[Document], book: DocumentBook,
                style: HouseStyle, sheet_name: str) -> None:
    """Draw documents one below the other, a manual page break before each but the first."""
    widths = _widths(documents, style)
    row, breaks = 0, []
    for n, document in enumerate(documents):
        if n:
            row += PAGE_GAP
            breaks.append(row)
        row = write_document(ws, row, document, widths, style)
    if breaks:
        ws.set_h_pagebreaks(breaks)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    ws.hide_gridlines(2)
    print_setup(ws, office=book.office, title=book.title, sheet=sheet_name,
                landscape=False, repeat_header=False, scale=portrait_scale(widths))


def write_document(ws: Worksheet, row: int, document: Document, widths: list[float],
                   style: HouseStyle) -> int:
    """Draw one page from `row` down: title block, then each block in order; returns the
    row after it."""
    n_cols = len(widths)
    check(ws.write_string(row, 0, document.title, style.title), "document title")
    row += 1
    if document.subtitle:
        write_text(ws, row, 0, document.subtitle, style)
        row += 1
    row += 1
    for block in document.blocks:
        row = _write_block(ws, row, block, n_cols, widths, style)
    return row


def portrait_scale(widths: list[float]) -> int:
    """The print scale (percent) at which columns of these widths (in characters) fit
    across a portrait Letter page inside Excel's default 0.7-inch margins."""
    pixels = sum(int(width * CHARACTER_PIXELS + COLUMN_PADDING_PIXELS) for width in widths)
    fits = math.floor(100 * SPARE_WIDTH * PORTRAIT_PIXELS / max(pixels, 1))
    return max(MIN_SCALE, min(100, fits))


def _write_block(ws: Worksheet, row: int, block: Block, n_cols: int, widths: list[float],
                 style: HouseStyle) -> int:
    if isinstance(block, Heading):
        for col in range(n_cols):
            text = block.text if col == 0 else ""
            check(ws.write_string(row, col, text, style.heading), "heading")
        return row + 1
    if isinstance(block, Paragraph):
        _paragraph(ws, row, block, n_cols, widths, style)
        return row + 1
    if isinstance(block, Fields):
        for label, value, kind in block.items:
            write_text(ws, row, 0, label, style)
            write_typed(ws, row, 1, value, kind, style)
            row += 1
        return row + 1
    if isinstance(block, Grid):
        return _grid(ws, row, block, style)
    if isinstance(block, Spacer):
        return row + block.lines
    raise TypeError(f"unknown document block {block!r}")


def _paragraph(ws: Worksheet, row: int, block: Paragraph, n_cols: int, widths: list[float],
               style: HouseStyle) -> None:
    fmt = style.cell("text", level=block.level, quote=needs_quote(block.text), wrap=True)
    if n_cols > 1:
        check(ws.merge_range(row, 0, row, n_cols - 1, "", fmt), "paragraph")
    check(ws.write_string(row, 0, block.text, fmt), "paragraph")
    lines = math.ceil(len(block.text) * 1.1 / max(sum(widths), 1))
    if lines > 1:
        ws.set_row(row, LINE_HEIGHT * lines)


def _grid(ws: Worksheet, row: int, grid: Grid, style: HouseStyle) -> int:
    for col, spec in enumerate(grid.columns):
        check(ws.write_string(row, col, spec.header, style.header), f"header {spec.header}")
    first = row + 1
    for r, values in enumerate(grid.rows, start=first):
        if len(values) != len(grid.columns):
            raise ValueError(f"grid row {values!r} does not match its {len(grid.columns)} "
                             "columns")
        for col, (spec, value) in enumerate(zip(grid.columns, values, strict=True)):
            write_typed(ws, r, col, value, spec.kind, style)
    row = first + len(grid.rows)
    if any(spec.total for spec in grid.columns):
        for col, spec in enumerate(grid.columns):
            if spec.total:
                if spec.kind not in NUMERIC_KINDS:
                    raise ValueError(f"grid column {spec.header!r} ({spec.kind}) cannot total")
                letter = column_letter(col)
                formula = (f"=SUM({letter}{first + 1}:{letter}{row})" if grid.rows
                           else "=0")
                value = _exact_total([v[col] for v in grid.rows])
                check(ws.write_formula(row, col, formula, style.cell(spec.kind, total=True),
                                       value), f"total of {spec.header}")
            elif col == 0:
                check(ws.write_string(row, col, "Total", style.cell("text", total=True)),
                      "Total")
            else:
                check(ws.write_blank(row, col, None, style.cell("text", total=True)), "total")
        row += 1
    return row + 1


def _exact_total(values: list) -> float:
    """The SUM a spreadsheet will compute over these cells, added exactly."""
    total = Decimal(0)
    for value in values:
        if not is_blank(value):
            total += value if isinstance(value, Decimal) else Decimal(repr(to_float(value)))
    return float(total)


def _widths(documents: list[Document], style: HouseStyle) -> list[float]:
    """Column widths shared by the pages of one sheet: each Grid column fitted to its
    header and values; Fields labels in the first column, their numbers and dates in the
    second, their text running on over the empty cells to its right (so one long value
    does not widen, and shrink the print of, every page); the page at least ~100
    characters."""
    blocks = [b for document in documents for b in document.blocks]
    grids = [b for b in blocks if isinstance(b, Grid)]
    n_cols = max([MIN_COLUMNS, *(len(g.columns) for g in grids)])
    sizes: list[list[int]] = [[] for _ in range(n_cols)]
    for grid in grids:
        for col, spec in enumerate(grid.columns):
            sizes[col].append(len(spec.header))
            sizes[col].extend(display_width(v[col], spec.kind, style) for v in grid.rows)
    longest_text = 0
    for block in blocks:
        if isinstance(block, Fields):
            sizes[0].extend(len(label) for label, _, _ in block.items)
            for _, value, kind in block.items:
                shown = display_width(value, kind, style)
                if kind in TEXT_KINDS:
                    longest_text = max(longest_text, shown)
                else:
                    sizes[1].append(shown)
    widths = [min(fit_width("", s), MAX_WIDTH) for s in sizes]
    short = PAGE_CHARACTERS - sum(widths)
    if short > 0:
        widths = [w + short / n_cols for w in widths]
    lacking = longest_text + PADDING - sum(widths[1:])
    if lacking > 0:
        widths[-1] += lacking
    return widths
