"""Office settings: built-in defaults, overridden by the settings workbook, validated.

Every key is declared once in schemas/settings.py (SETTING_KEYS). A bad value is a
Problem naming its cell; the command turns settings problems into exit code 2.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .intake import Records, read_files, validate
from .intake.coerce import is_blank, parse_cell, parse_default
from .intake.table import find_header_row
from .problems import Problem, cell_ref, error
from .schemas import DIFFERENTIALS, HOLIDAYS, RECIPIENTS, SETTING_KEYS, SETTINGS
from .schemas.base import Column, normalize_header


def attribute_name(key: str) -> str:
    """`Variance threshold %` -> `variance_threshold_pct`: the Settings field of a key."""
    text = key.lower().replace("%", " pct").replace("$", " usd")
    return re.sub(r"[^0-9a-z]+", "_", text).strip("_")


@dataclass(frozen=True)
class Holiday:
    date: dt.date
    name: str
    paid_hours: Decimal


@dataclass(frozen=True)
class Settings:
    """The office's settings with their typed values; `origin` says where each came from."""

    office_name: str
    pay_frequency: str
    pay_period_start: dt.date
    workweek_starts_on: str
    workday_starts_at: dt.time
    overtime_rule: str
    overnight_shifts: str
    bonus_allocation: str
    minimum_wage: Decimal
    date_order: str
    expiry_warning_days: tuple[int, ...]
    variance_threshold_pct: Decimal
    variance_threshold_usd: Decimal
    fiscal_year_starts: str
    payroll_account: str
    employer_tax_rate_pct: Decimal
    inbox_check_minutes: Decimal
    smtp_host: str
    smtp_port: int
    smtp_security: str
    smtp_user: str
    from_address: str
    autopilot_time: dt.time
    inventory_day: str
    budget_day: int
    holidays: tuple[Holiday, ...] | None = None  # None: US federal holidays
    differentials: Records | None = None  # rows of the Differentials sheet, located
    recipients: tuple[tuple[str, str, str], ...] = ()  # (report, to, cc)
    origin: dict[str, str] = field(default_factory=dict)  # key -> "default" or a cell
    source: Path | None = None

    @property
    def day_first(self) -> bool:
        return self.date_order == "Day first"

    def used(self) -> list[tuple[str, str, str]]:
        """(setting, value shown, where it came from) for the About sheet, in declared order."""
        rows = []
        for col in SETTING_KEYS:
            value = getattr(self, attribute_name(col.name))
            if isinstance(value, tuple):
                value = ", ".join(str(v) for v in value)
            shown = "" if value is None else str(value)
            rows.append((col.name, shown, self.origin.get(col.name, "default")))
        return rows

    def holidays_between(self, start: dt.date, end: dt.date) -> dict[dt.date, Holiday]:
        """The paid holidays from start to end inclusive: the Holidays sheet's, else US federal."""
        if self.holidays is not None:
            return {h.date: h for h in self.holidays if start <= h.date <= end}
        import holidays as holidays_lib  # imported here: only payroll needs it

        years = range(start.year, end.year + 1)
        federal = holidays_lib.country_holidays("US", years=years, observed=True)
        return {d: Holiday(d, name, Decimal(8)) for d, name in sorted(federal.items())
                if start <= d <= end}


def _default_values() -> dict[str, object]:
    values = {}
    for col in SETTING_KEYS:
        values[col.name] = parse_default(col)
    values["Expiry warning days"] = (30, 60, 90)
    return values


def default_settings() -> Settings:
    """The built-in defaults of DESIGN §4, used when there is no settings workbook."""
    values = _default_values()
    return Settings(**{attribute_name(k): v for k, v in values.items()})


def _parse_days(text: str) -> tuple[int, ...] | None:
    parts = [p for p in re.split(r"[,;\s]+", str(text).strip()) if p]
    if not parts or not all(p.isdigit() and int(p) > 0 for p in parts):
        return None
    return tuple(sorted({int(p) for p in parts}))


def _key_lookup() -> dict[str, Column]:
    return {normalize_header(c.name): c for c in SETTING_KEYS}


def _read_key_values(sheet, values, origin, problems) -> None:
    found = find_header_row(sheet, SETTINGS)
    where = {"file": sheet.file, "sheet": sheet.name}
    if found is None:
        problems.append(error("header-missing", "the Settings sheet needs a header row with "
                              "Setting and Value columns.", **where))
        return
    header0 = found[0]
    header = sheet.rows[header0]
    key_col = next(i for i, v in enumerate(header) if SETTINGS.match_header(v) == SETTINGS
                   .column("Setting"))
    value_col = next((i for i, v in enumerate(header)
                      if SETTINGS.match_header(v) == SETTINGS.column("Value")), key_col + 1)
    lookup = _key_lookup()
    day_first = _day_first(sheet, header0, key_col, value_col)
    for row0 in range(header0 + 1, len(sheet.rows)):
        key = sheet.value(row0, key_col)
        if is_blank(key):
            continue
        col = lookup.get(normalize_header(key))
        if col is None:
            near = _closest(str(key), [c.name for c in SETTING_KEYS])
            hint = f" Did you mean {near}?" if near else ""
            problems.append(error("setting-unknown", f'"{key}" is not a setting.{hint} The '
                                  "settings are listed in templates/settings.xlsx.",
                                  cell=cell_ref(row0, key_col), value=key, **where))
            continue
        raw = sheet.value(row0, value_col)
        cell = cell_ref(row0, value_col)
        if is_blank(raw):
            continue
        if col.name == "Expiry warning days":
            days = _parse_days(raw if not isinstance(raw, float) else int(raw))
            value, hint = (days, None) if days else (None, "is not a list of days. Type whole "
                                                     "numbers of days such as 30, 60, 90")
        else:
            value, hint = parse_cell(raw, col, day_first)
            # Bounds as decimals: 0.1 typed must not be "below" the float 0.1.
            if hint is None and col.minimum is not None and value < Decimal(str(col.minimum)):
                hint = f"is below the smallest allowed value, {col.minimum}"
            if hint is None and col.maximum is not None and value > Decimal(str(col.maximum)):
                hint = f"is above the largest allowed value, {col.maximum}"
        if hint:
            problems.append(error("setting-invalid", f'"{raw}" for {col.name} {hint}.',
                                  cell=cell, column=col.name, value=raw, **where))
            continue
        values[col.name] = value
        origin[col.name] = f"{sheet.file}: {sheet.name}!{cell}"


def _day_first(sheet, header0: int, key_col: int, value_col: int) -> bool:
    """Whether the sheet's own Date order setting says day first, wherever its row is, so
    a date setting typed as text (Pay period start 4/1/2026) is read the office's way."""
    order = next((c for c in SETTING_KEYS if c.name == "Date order"), None)
    for row0 in range(header0 + 1, len(sheet.rows)):
        if order is not None and normalize_header(sheet.value(row0, key_col)) == \
                normalize_header(order.name):
            raw = sheet.value(row0, value_col)
            return not is_blank(raw) and order.canonical_choice(raw) == "Day first"
    return False


def _closest(word: str, candidates: list[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(word.lower(), [c.lower() for c in candidates], 1, 0.6)
    if not found:
        return None
    return next(c for c in candidates if c.lower() == found[0])


def load_settings(path: Path | None) -> tuple[Settings, list[Problem]]:
    """Defaults overridden by the settings workbook at `path` (None: defaults only)."""
    if path is None:
        return default_settings(), []
    files, problems = read_files([Path(path)])
    if not files:
        return default_settings(), problems
    source = files[0]
    values, origin = _default_values(), {}
    sheets = {normalize_header(n): s for n, s in source.sheets.items()}
    if "settings" in sheets:
        _read_key_values(sheets["settings"], values, origin, problems)
    day_first = values["Date order"] == "Day first"
    # The Holidays template's example row is a real holiday (Thanksgiving): keep it.
    inputs = validate([source], (HOLIDAYS, DIFFERENTIALS, RECIPIENTS), day_first=day_first,
                      keep_example_rows=(HOLIDAYS.name,))
    problems.extend(inputs.problems)
    holidays = None
    if inputs.has("Holidays"):
        data = inputs.records("Holidays").data
        holidays = tuple(
            Holiday(r["Date"], r["Holiday"] or "Holiday", r["Paid hours"] or Decimal(8))
            for _, r in data.iterrows() if r["Date"] is not None)
    differentials = inputs.records("Differentials") if inputs.has("Differentials") else None
    recipients = ()
    if inputs.has("Recipients"):
        data = inputs.records("Recipients").data
        recipients = tuple((str(r["Report"]).strip().lower(), r["To"] or "", r["Cc"] or "")
                           for _, r in data.iterrows() if r["Report"])
    settings = Settings(
        **{attribute_name(k): v for k, v in values.items()},
        holidays=holidays,
        differentials=differentials,
        recipients=recipients, origin=origin, source=Path(path))
    return settings, problems
