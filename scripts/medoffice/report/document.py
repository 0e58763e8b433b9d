"""Document sheets: printable pages laid out top to bottom (a pay stub, a notice, a
letter), as opposed to the re-readable table sheets of a Report.

Domain code describes each page as a list of blocks; render_document.py draws a
DocumentBook in the house style, one printed page per Document, the Documents that share
a name on one sheet (a page break between them):

    Document(name="Nursing", title="Pay stub: Grace Holloway", subtitle="2026-11-15 to ...",
             blocks=[Fields((("Employee", "Grace Holloway", "text"), ...)),
                     Heading("Earnings"),
                     Grid([Col("Code"), Col("Amount", "money", total=True)], rows),
                     Paragraph("Regular rate = $598.00 ÷ 46.00 h = $13.00; ...")])
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .spec import Col


@dataclass(frozen=True)
class Heading:
    """A section heading (bold, underlined across the page)."""

    text: str


@dataclass(frozen=True)
class Paragraph:
    """Running text, wrapped across the page's width; `level` colours it red/amber/green."""

    text: str
    level: str | None = None


@dataclass(frozen=True)
class Fields:
    """Label/value pairs, one per line: (label, value, kind) with kind a column kind."""

    items: tuple[tuple[str, object, str], ...]


@dataclass
class Grid:
    """A small table inside a page: header row, typed rows, and a total row under the
    columns marked total=True (a live SUM with its exact value cached)."""

    columns: list[Col]
    rows: list[tuple]  # one value per column


@dataclass(frozen=True)
class Spacer:
    """Blank lines."""

    lines: int = 1


Block = Heading | Paragraph | Fields | Grid | Spacer


@dataclass
class Document:
    """One printed page: a title block and then its blocks, top to bottom."""

    name: str  # the sheet it goes on (shared by the pages with the same name); made valid
    title: str
    subtitle: str = ""
    blocks: list[Block] = field(default_factory=list)


@dataclass
class DocumentBook:
    """A workbook of document pages, printed portrait, one page wide each."""

    title: str  # e.g. "Pay stubs 2026-11-15 to 2026-11-28"
    office: str
    period: str
    documents: list[Document] = field(default_factory=list)
    program: str = ""  # e.g. "medoffice 0.1.0 payroll"
    ran_at: dt.datetime | None = None
    date_format: str = "yyyy-mm-dd"
