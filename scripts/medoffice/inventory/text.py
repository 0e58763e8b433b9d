"""Small formatting helpers for inventory messages: quantities and money as a person writes them."""

from __future__ import annotations

from decimal import Decimal


def qty(value: Decimal | int | None) -> str:
    """`Decimal('12.50')` -> `12.5`, `Decimal('100')` -> `100` (never `1E+2`)."""
    if value is None:
        return "blank"
    text = f"{Decimal(value).normalize():f}"
    return text


def usd(value: Decimal | None) -> str:
    """`Decimal('1234.5')` -> `$1,234.50`."""
    if value is None:
        return "unknown"
    return f"${value:,.2f}"


def plural(n: int, word: str, many: str | None = None) -> str:
    """`plural(2, "lot")` -> `2 lots`."""
    return f"{n} {word if n == 1 else (many or word + 's')}"
