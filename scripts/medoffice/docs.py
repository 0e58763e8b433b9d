"""The README's column tables, generated from the schemas so they cannot drift.

The plain-language descriptions here (kind labels, allowed values, notes) are also
used by templates.py for the Instructions sheet, so the README and the blank
workbooks always say the same thing about a column.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .schemas import SETTING_KEYS, TEMPLATES, Column, SheetSchema, WorkbookSchema
from .schemas.base import show_limit

START_MARKER = "<!-- columns:start -->"
END_MARKER = "<!-- columns:end -->"

PERCENT_NOTE = "Type 12.5 for 12.5% (a plain number)."

_KIND_LABELS = {
    "id": "ID (text)",
    "integer": "whole number",
    "choice": "choice",
    "weekdays": "weekdays",
}


class ReadmeMarkersMissing(ValueError):
    """README.md lacks the markers between which the column tables are generated."""


def kind_label(col: Column) -> str:
    """A short, plain name for a column's kind, as shown to office staff."""
    return _KIND_LABELS.get(col.kind, col.kind)


def format_value(value: object) -> str:
    """A default or example value as text: dates as yyyy-mm-dd, times as hh:mm."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value)


def allowed_values(col: Column) -> str:
    """The choices of a column, or its numeric range, in words; empty when anything goes."""
    if col.choices:
        return ", ".join(col.choices)
    low, high = col.minimum, col.maximum
    if low is not None and high is not None:
        return f"{show_limit(low)} to {show_limit(high)}"
    if low is not None:
        return f"at least {show_limit(low)}"
    if high is not None:
        return f"at most {show_limit(high)}"
    return ""


def column_notes(col: Column, with_choices: bool = False) -> str:
    """A column's help, its percent note and its default in words.

    Tables leave the choices out (they have their own column); input messages and the
    Settings sheet's notes put them in. Unlike Column.help_text, an empty default is
    not mentioned and dates and times read as 2026-01-04 and 00:00.
    """
    parts = [col.help] if col.help else []
    if with_choices and col.choices:
        parts.append("One of: " + ", ".join(col.choices) + ".")
    if col.kind == "percent":
        parts.append(PERCENT_NOTE)
    default = format_value(col.default)
    if default and not col.required:
        parts.append(f"Blank means {default}.")
    return " ".join(parts)


def _cell(text: str) -> str:
    """Markdown table cell text: pipes escaped, line breaks flattened."""
    return text.replace("|", "\\|").replace("\n", " ").strip()


def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def sheet_table_markdown(sheet: SheetSchema) -> list[str]:
    """Lines of the Markdown table of one sheet's columns."""
    rows = [
        (f"**{c.name}**" if c.required else c.name, "yes" if c.required else "",
         kind_label(c), allowed_values(c), column_notes(c))
        for c in sheet.columns
    ]
    return _table(("Column", "Required", "Kind", "Allowed values", "Notes"), rows)


def settings_table_markdown() -> list[str]:
    """Lines of the Markdown table of every settings key with its default."""
    rows = [
        (c.name, format_value(c.default), allowed_values(c),
         " ".join(p for p in (c.help, PERCENT_NOTE if c.kind == "percent" else "") if p))
        for c in SETTING_KEYS
    ]
    return _table(("Setting", "Default", "Allowed values", "Notes"), rows)


def _workbook_markdown(book: WorkbookSchema) -> list[str]:
    lines = [f"### {book.title} (`templates/{book.name}.xlsx`)", ""]
    if book.help:
        lines += [book.help, ""]
    for sheet in book.sheets:
        lines += [f"#### Sheet `{sheet.name}`", ""]
        if sheet.help:
            lines += [sheet.help, ""]
        lines += sheet_table_markdown(sheet) + [""]
        if sheet.kind == "keyvalue":
            lines += ["The settings, one row each on that sheet:", ""]
            lines += settings_table_markdown() + [""]
    return lines


def column_tables_markdown() -> str:
    """Markdown for every template workbook: a heading and a column table per sheet.

    Required columns are in bold. This is the text kept between the README markers.
    """
    lines = ["Required columns are in **bold**. Headers match case-insensitively and "
             "ignore spaces and punctuation; other names listed in the schemas work too.", ""]
    for book in TEMPLATES:
        lines += _workbook_markdown(book)
    return "\n".join(lines).rstrip("\n") + "\n"


def readme_with_tables(text: str) -> str:
    """README text with the generated tables placed between the markers."""
    start, end = text.find(START_MARKER), text.find(END_MARKER)
    if start < 0 or end < 0 or end < start:
        raise ReadmeMarkersMissing(
            f"README.md needs the lines {START_MARKER} and {END_MARKER} (in that order) "
            "around the place where the column tables go."
        )
    head = text[: start + len(START_MARKER)]
    return f"{head}\n\n{column_tables_markdown()}\n{text[end:]}"


def update_readme(readme_path: Path) -> bool:
    """Rewrite the column tables in README.md from the schemas; True when it changed.

    Raises ReadmeMarkersMissing when the markers are absent, so nothing is lost.
    """
    old = readme_path.read_text(encoding="utf-8")
    new = readme_with_tables(old)
    if new == old:
        return False
    readme_path.write_text(new, encoding="utf-8", newline="\n")
    return True
