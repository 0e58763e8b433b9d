"""Row-by-row warnings (credits, zero amounts, excluded dates) listed one per row, up to
a limit per kind and source sheet; beyond it one warning counts the rest, so a ledger
with two years of history does not bury Check these."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import chain

from ..problems import Problem, warning

LIST_LIMIT = 20
EXCLUDED_CODES = ("budget-outside-year", "budget-after-as-of")


class Listing:
    """Collects row warnings by (code, source) and lists the first LIST_LIMIT of each.

    Rows are kept as positions with a function that words the warning of one, so a
    warning is built only for the rows listed (and the first and last of the rest)."""

    def __init__(self, limit: int = LIST_LIMIT):
        self.limit = limit
        self._items: dict[tuple[str, str], list[tuple[Sequence, Callable]]] = {}

    def add_rows(self, code: str, source: str, rows: Sequence,
                 warn: Callable[[object], Problem]) -> None:
        """Keep rows with warning `code` from `source`, in order; `warn(row)` words the
        warning of one row."""
        if len(rows):
            self._items.setdefault((code, source), []).append((rows, warn))

    def problems(self) -> list[Problem]:
        """The listed warnings, with one more per kind and source counting the rest."""
        out: list[Problem] = []
        for (code, source), chunks in self._items.items():
            items = list(chain.from_iterable(((row, warn) for row in rows)
                                             for rows, warn in chunks))
            out.extend(warn(row) for row, warn in items[: self.limit])
            rest = items[self.limit:]
            if rest:
                first, last = (warn(row) for row, warn in (rest[0], rest[-1]))
                where = ("All of them are listed on the Excluded actuals sheet."
                         if code in EXCLUDED_CODES else "Filter the sheet to find them.")
                out.append(warning(
                    code, f"and {len(rest)} more rows like the ones above in {source} (from "
                    f"{first.cell} to {last.cell}), not listed one by one. {where}",
                    file=first.file, sheet=first.sheet, cell=first.cell,
                    column=first.column))
        return out
