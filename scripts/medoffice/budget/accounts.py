"""How accounts and departments are recognised across a budget and a ledger export.

Accounts match case- and space-insensitively (`Medical Supplies` is `medical supplies`);
an account written with a number (`6100 Medical supplies`, `6100 · Medical Supplies`)
matches on the number when both sides have one, and on the name otherwise.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cached_property

# A leading account number (6100, 6100.01, 6100-01) and the separator after it.
_NUMBERED = re.compile(r"\s*(\d{3,}(?:[.\-]\d+)*)(?=$|[\s·:|\-–—.])\s*[·:|\-–—.]?\s*(.*)",
                       re.S)
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
NO_DEPARTMENT = ("", "(none)", "none", "n/a")
SUGGEST_CUTOFF = 0.75  # difflib ratio: 0.6 would pair Meals and entertainment with Repairs
CONTAINED_MIN = 4  # a name of 4+ letters inside another counts as close
CONTAINED_SCORE = 0.8


def name_key(text: str) -> str:
    """A name compared case-, space- and punctuation-insensitively."""
    return _NOT_ALNUM.sub("", str(text).lower())


@dataclass(frozen=True)
class Account:
    """An account as written, split into its number (if any) and its name."""

    text: str
    number: str | None
    name: str

    @classmethod
    def parse(cls, text: str) -> Account:
        """`6100 · Medical Supplies` -> number 6100, name Medical Supplies."""
        text = " ".join(str(text).split())
        m = _NUMBERED.fullmatch(text)
        if m and m.group(2):
            return cls(text, m.group(1), m.group(2).strip())
        if m:
            return cls(text, m.group(1), "")
        return cls(text, None, text)

    @cached_property
    def key(self) -> str:
        """The name, compared case- and space-insensitively."""
        return name_key(self.name)

    @property
    def identity(self) -> str:
        """What groups the rows of one account: its number, else its name."""
        return f"#{self.number}" if self.number else self.key

    def same_as(self, other: Account) -> bool:
        """Same number when both have one; otherwise the same name."""
        if self.number and other.number:
            return self.number == other.number
        return bool(self.key) and self.key == other.key


def department_key(text: str | None) -> str:
    """A department compared case- and space-insensitively; blank and (none) are ''."""
    if text is None or str(text).strip().lower() in NO_DEPARTMENT:
        return ""
    return name_key(text)


def suggest(account: Account, candidates: list[Account]) -> Account | None:
    """The budget account whose name is closest to `account`'s, when close enough: a
    spelling slip (`Medical suplies`) or one name inside the other (`Janitorial`)."""
    wanted, key = account.name.lower(), account.key
    best, best_score = None, SUGGEST_CUTOFF
    for candidate in candidates:
        score = difflib.SequenceMatcher(None, wanted, candidate.name.lower()).ratio()
        shorter = min(key, candidate.key, key=len)
        if len(shorter) >= CONTAINED_MIN and (key in candidate.key or candidate.key in key):
            score = max(score, CONTAINED_SCORE)
        if score > best_score:
            best, best_score = candidate, score
    return best
