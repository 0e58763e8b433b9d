"""Exact money: Decimal amounts, rounded half-up to cents only where the rules say."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal(0)


def cents(amount: Decimal) -> Decimal:
    """Round an exact amount half-up to cents."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def round_parts(parts: list[Decimal]) -> list[Decimal]:
    """Round parts to cents so that they add up to the rounded total exactly.

    Each part is rounded half-up; the cent or two that rounding loses or gains goes to
    the parts with the largest rounding error (largest remainder), ties to the first.
    """
    exact = [Decimal(p) for p in parts]
    rounded = [cents(p) for p in exact]
    gap = int((cents(sum(exact, ZERO)) - sum(rounded, ZERO)) / CENT)
    if gap:
        step = CENT if gap > 0 else -CENT
        order = sorted(range(len(exact)), key=lambda i: -(exact[i] - rounded[i]) * step)
        for i in order[: abs(gap)]:
            rounded[i] += step
    return rounded
