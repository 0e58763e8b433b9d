"""Reports: describe an output workbook (spec) and render it in the one house style.

Domain code builds a Report and calls render_report; when the inputs have errors the
command writes write_problems_report instead. Nothing else calls xlsxwriter.
"""

from .problems_report import write_problems_report
from .render import render_report
from .spec import COLUMN_KINDS, LEVELS, Chart, Col, Figure, Highlight, InputRecord, Report, Table

__all__ = [
    "COLUMN_KINDS",
    "LEVELS",
    "Chart",
    "Col",
    "Figure",
    "Highlight",
    "InputRecord",
    "Report",
    "Table",
    "render_report",
    "write_problems_report",
]
