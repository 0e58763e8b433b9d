"""The one house style: every format an output uses, created once per workbook by name.

Column kinds (spec.COLUMN_KINDS) map to number formats; modifiers add the total-row
look, a level colour, text wrap or a quote prefix. Formats are cached so a workbook
holds one Format object per distinct look, however many cells use it.
"""

from __future__ import annotations

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook

MONEY = "$#,##0.00"
HOURS = "0.00"
INTEGER = "0"
PERCENT = "0.0%"
TIME = "hh:mm"
DURATION = "[h]:mm"
# "General" rather than 0.##: Excel shows 0.## on a whole number as "5." (trailing dot).
NUMBER = "General"

# Fill and font colours of Excel's own "light red / yellow / green" presets, which
# office staff already read as bad / watch / good.
LEVEL_COLOURS = {
    "error": {"bg_color": "#FFC7CE", "font_color": "#9C0006"},
    "watch": {"bg_color": "#FFEB9C", "font_color": "#9C5700"},
    "good": {"bg_color": "#C6EFCE", "font_color": "#006100"},
}
LEVEL_NAMES = {"error": "Red", "watch": "Amber", "good": "Green"}

HEADER = {"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top",
          "bottom": 1}
TOTAL = {"bold": True, "top": 1}
TEXT_KINDS = ("text", "id")


class HouseStyle:
    """Named formats for one workbook: `style.cell("money", total=True)` and friends."""

    def __init__(self, workbook: Workbook, date_format: str = "yyyy-mm-dd"):
        self.workbook = workbook
        self.num_formats = {
            "money": MONEY,
            "rate": MONEY,
            "hours": HOURS,
            "number": NUMBER,
            "integer": INTEGER,
            "percent": PERCENT,
            "date": date_format,
            "datetime": f"{date_format} hh:mm",
            "time": TIME,
            "duration": DURATION,
        }
        self._cache: dict[tuple, Format] = {}
        self.header = self._add(("header",), HEADER)
        self.title = self._add(("title",), {"bold": True, "font_size": 14})
        self.heading = self._add(("heading",), {"bold": True, "font_size": 11, "bottom": 1})
        self.bold = self._add(("bold",), {"bold": True})
        self.wrap = self._add(("wrap",), {"text_wrap": True, "valign": "top"})

    def cell(self, kind: str, *, total: bool = False, level: str | None = None,
             quote: bool = False, wrap: bool = False) -> Format:
        """The format for a value of `kind`, optionally in a total row, coloured by
        level, with a quote prefix (text that looks like a formula) or wrapped."""
        key = ("cell", kind, total, level, quote, wrap)
        if key in self._cache:
            return self._cache[key]
        props: dict = {}
        if kind in self.num_formats:
            props["num_format"] = self.num_formats[kind]
        elif kind not in TEXT_KINDS:
            raise ValueError(f"no house format for kind {kind!r}")
        if total:
            props.update(TOTAL)
        if level is not None:
            props.update(LEVEL_COLOURS[level])
        if quote:
            props["quote_prefix"] = True
        if wrap:
            props.update({"text_wrap": True, "valign": "top"})
        return self._add(key, props)

    def highlight(self, level: str) -> Format:
        """The conditional-formatting look (a differential format) for a level."""
        return self._add(("highlight", level), LEVEL_COLOURS[level])

    def _add(self, key: tuple, props: dict) -> Format:
        if key not in self._cache:
            self._cache[key] = self.workbook.add_format(props)
        return self._cache[key]
