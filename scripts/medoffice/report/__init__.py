"""Reports: describe an output workbook (spec) and render it in the one house style.

Domain code builds a Report and calls render_report (or, for printable pages such as
pay stubs, a DocumentBook and render_documents); when the inputs have errors the
command writes write_problems_report instead. Nothing else calls xlsxwriter.
"""

from .document import Document, DocumentBook, Fields, Grid, Heading, Paragraph, Spacer
from .problems_report import write_problems_report
from .render import render_report
from .render_document import render_documents
from .spec import COLUMN_KINDS, LEVELS, Chart, Col, Figure, Highlight, InputRecord, Report, Table

__all__ = [
    "COLUMN_KINDS",
    "LEVELS",
    "Chart",
    "Col",
    "Document",
    "DocumentBook",
    "Fields",
    "Figure",
    "Grid",
    "Heading",
    "Highlight",
    "InputRecord",
    "Paragraph",
    "Report",
    "Spacer",
    "Table",
    "render_documents",
    "render_report",
    "write_problems_report",
]
