"""Equipment service: when each asset is next due, and whether it is overdue or due soon.

Next service is the Next service date when given, else Last service + Service every
(days). Overdue when that date is before the as-of date; Due soon from the as-of date
through the first expiry warning window (30 days by default); OK after. An asset with
no date to go by is listed as Overdue (an AED nobody knows the check date of needs one
now) and reported. Every asset is listed, out of service ones too.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..intake import Records
from ..problems import Problem, warning

OVERDUE, DUE_SOON, SERVICE_OK = "Overdue", "Due soon", "OK"
OUT_OF_SERVICE = "Out of service"
EQUIPMENT_COLUMNS = ["Asset ID", "Equipment", "Location", "Next service", "Days until due",
                     "Status", "In service", "Serial number", "Last service",
                     "Service every (days)"]


def next_service(last: dt.date | None, every: int | None,
                 given: dt.date | None) -> dt.date | None:
    """The Next service date when given, else last service plus the interval."""
    if given is not None:
        return given
    if last is not None and every is not None:
        return last + dt.timedelta(days=every)
    return None


def service_status(days_until: int | None, due_soon_days: int) -> str:
    """Overdue (before the as-of date, or unknown), Due soon, or OK."""
    if days_until is None or days_until < 0:
        return OVERDUE
    return DUE_SOON if days_until <= due_soon_days else SERVICE_OK


def equipment_table(equipment: Records, as_of: dt.date,
                    due_soon_days: int) -> tuple[pd.DataFrame, list[Problem]]:
    """Every asset, most urgent first (unknown dates, then fewest days until due)."""
    rows, problems = [], []
    for index, row in equipment.iterrows():
        due = next_service(row["Last service"], row["Service every (days)"], row["Next service"])
        days = None if due is None else (due - as_of).days
        if due is None:
            problems.append(warning(
                "inventory-equipment-no-date",
                f"{row['Equipment']} ({row['Asset ID']}) has no Next service date and no Last "
                "service with a Service every (days), so when it is due is unknown; it is "
                "listed as Overdue. Fill in Last service and the interval, or Next service.",
                **equipment.where("Last service", index)))
        rows.append({
            "Asset ID": row["Asset ID"], "Equipment": row["Equipment"],
            "Location": row["Location"] or "", "Next service": due, "Days until due": days,
            "Status": service_status(days, due_soon_days),
            "In service": "No" if row["Status"] == OUT_OF_SERVICE else "Yes",
            "Serial number": row["Serial number"] or "", "Last service": row["Last service"],
            "Service every (days)": row["Service every (days)"],
        })
    rows.sort(key=lambda r: (r["Days until due"] is not None, r["Days until due"] or 0,
                             r["Asset ID"]))
    return pd.DataFrame(rows, columns=EQUIPMENT_COLUMNS), problems
