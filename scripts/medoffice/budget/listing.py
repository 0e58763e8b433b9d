"""Row-by-row warnings (credits, zero amounts, excluded dates) listed one per row, up to
a limit per kind and source sheet; beyond it one warning counts the rest, so a ledger
with two years of history does not bury Check these."""

from __future__ import annotations

from ..problems import Problem, warning

LIST_LIMIT = 20
EXCLUDED_CODES = ("budget-outside-year", "budget-after-as-of")


class Listing:
    """Collects row warnings by (code, source) and lists the first LIST_LIMIT of each."""

    def __init__(self, limit: int = LIST_LIMIT):
        self.limit = limit
        self._items: dict[tuple[str, str], list[Problem]] = {}

    def add(self, source: str, problem: Problem) -> None:
        """Keep one row's warning; `source` names the sheet it came from."""
        self._items.setdefault((problem.code, source), []).append(problem)

    def problems(self) -> list[Problem]:
        """The listed warnings, with one more per kind and source counting the rest."""
        out: list[Problem] = []
        for (code, source), items in self._items.items():
            out.extend(items[: self.limit])
            rest = items[self.limit:]
            if rest:
                where = ("All of them are listed on the Excluded actuals sheet."
                         if code in EXCLUDED_CODES else "Filter the sheet to find them.")
                out.append(warning(
                    code, f"and {len(rest)} more rows like the ones above in {source} (from "
                    f"{rest[0].cell} to {rest[-1].cell}), not listed one by one. {where}",
                    file=rest[0].file, sheet=rest[0].sheet, cell=rest[0].cell,
                    column=rest[0].column))
        return out
