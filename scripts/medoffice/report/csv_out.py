"""CSV outputs that are safe to open in a spreadsheet (OWASP CSV injection rule)."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pandas as pd

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """Text that a spreadsheet would run as a formula gets a leading quote (OWASP)."""
    return "'" + value if value.startswith(_DANGEROUS) else value


def csv_value(value) -> str:
    """One CSV field: numbers as plain digits, dates ISO, text made formula-safe."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return safe_text(str(value))


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a table as UTF-8 CSV (with BOM so Excel reads accents), every field quoted."""
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow([safe_text(str(c)) for c in frame.columns])
        for row in frame.itertuples(index=False):
            writer.writerow([csv_value(v) for v in row])
