"""The committed example workbooks match their generator and make a sensible pay period."""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest

EXAMPLES = Path(__file__).resolve().parents[1] / "workbooks" / "examples"


def _load_generator():
    spec = importlib.util.spec_from_file_location("make_examples", EXAMPLES / "make_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


def _sheets(path: Path) -> dict[str, list[tuple]]:
    """Every sheet's cell values, row by row."""
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)]
                for ws in wb.worksheets}
    finally:
        wb.close()


def _table(path: Path, sheet: str, header_row: int = 1) -> list[dict[str, object]]:
    """The rows below the header row of one sheet, as dicts keyed by header."""
    rows = _sheets(path)[sheet]
    headers = rows[header_row - 1]
    return [dict(zip(headers, row, strict=True)) for row in rows[header_row:]
            if any(v is not None for v in row)]


def _as_date(value: object) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _punches(rows):
    """(employee, start datetime, end datetime, paid hours) of each punch row."""
    for row in rows:
        if row["In"] is None:
            continue
        day = _as_date(row["Date"])
        start = dt.datetime.combine(day, row["In"])
        end = dt.datetime.combine(day, row["Out"])
        if end <= start:
            end += dt.timedelta(days=1)
        worked = (end - start).total_seconds() / 3600 - (row["Unpaid break (min)"] or 0) / 60
        yield row["Employee ID"], start, end, worked


@pytest.fixture(scope="module")
def time_rows():
    return _table(EXAMPLES / "timesheet.xlsx", "Time")


@pytest.mark.parametrize("make", gen.MAKERS, ids=lambda f: f.__name__)
def test_committed_example_matches_generator(make, tmp_path):
    fresh = make(tmp_path)
    committed = EXAMPLES / fresh.name
    assert committed.exists(), f"run python workbooks/examples/make_examples.py ({fresh.name})"
    assert _sheets(committed) == _sheets(fresh), (
        f"{fresh.name} differs from its generator; run python workbooks/examples/make_examples.py")


def test_generator_is_deterministic(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    for make in gen.MAKERS:
        assert make(first).read_bytes() == make(second).read_bytes()


def test_every_time_row_is_a_staff_member(time_rows):
    staff = _table(EXAMPLES / "staff.xlsx", "Staff", header_row=3)
    ids = {row["Employee ID"] for row in staff}
    assert len(ids) == len(staff) == 12
    assert {row["Employee ID"] for row in time_rows} <= ids
    exempt = {row["Employee ID"] for row in staff if row["FLSA status"] == "Exempt"}
    assert exempt == {"1001", "1002", "1003"}
    assert not exempt & {row["Employee ID"] for row in time_rows}


def test_staff_sheet_has_a_title_above_its_header():
    rows = _sheets(EXAMPLES / "staff.xlsx")["Staff"]
    assert rows[0][0] == "Riverside Family Practice — Staff roster"
    assert all(v is None for v in rows[1])
    assert rows[2][:3] == ("Employee ID", "Name", "Role")


def test_timesheet_covers_one_pay_period(time_rows):
    settings = {row["Setting"]: row["Value"]
                for row in _table(EXAMPLES / "settings.xlsx", "Settings")}
    anchor = _as_date(settings["Pay period start"])
    dates = sorted(_as_date(row["Date"]) for row in time_rows)
    start = anchor + dt.timedelta(days=14 * ((dates[0] - anchor).days // 14))
    assert start == dt.date(2026, 11, 15) and start.weekday() == 6  # a Sunday
    assert dates[-1] <= start + dt.timedelta(days=13) == dt.date(2026, 11, 28)
    assert dates == [_as_date(row["Date"]) for row in time_rows]  # sorted by date


def test_exactly_one_overnight_shift(time_rows):
    overnight = [row for row in time_rows if row["In"] is not None and row["Out"] < row["In"]]
    assert len(overnight) == 1
    assert overnight[0]["Employee ID"] == "1005"
    assert _as_date(overnight[0]["Date"]) == dt.date(2026, 11, 20)


def test_pay_code_rows_exist(time_rows):
    by_code = defaultdict(list)
    for row in time_rows:
        by_code[row["Pay code"]].append(row)
    assert [r["Hours"] for r in by_code["PTO"]] == [8]
    assert [r["Hours"] for r in by_code["Training"]] == [2]
    assert by_code["Holiday"] and all(r["Hours"] == 8 for r in by_code["Holiday"])
    assert {_as_date(r["Date"]) for r in by_code["Holiday"]} == {dt.date(2026, 11, 26)}
    assert len([r for r in time_rows if r["Rate"] is not None]) == 1


def test_shifts_are_plausible(time_rows):
    by_employee = defaultdict(list)
    for emp_id, start, end, _worked in _punches(time_rows):
        assert end - start <= dt.timedelta(hours=16)
        by_employee[emp_id].append((start, end))
    for spans in by_employee.values():
        spans.sort()
        for (_, end), (next_start, _) in zip(spans, spans[1:], strict=False):
            assert end <= next_start


def test_hours_per_workweek_match_the_generators_table(time_rows):
    """The table in make_examples.py's docstring, which a reviewer checks payroll against."""
    worked = defaultdict(float)
    week2 = dt.datetime(2026, 11, 22)
    for emp_id, start, _end, hours in _punches(time_rows):
        worked[emp_id, 1 if start < week2 else 2] += hours  # no punch crosses into week 2
    for row in time_rows:
        if row["Pay code"] == "Training":
            week = 1 if _as_date(row["Date"]) < week2.date() else 2
            worked[row["Employee ID"], week] += row["Hours"]
    expected = {
        "1004": (48, 39.5), "1005": (39.5, 32), "1006": (42, 24), "1007": (44, 32),
        "1008": (18, 18), "1009": (40, 32), "1010": (8, 17), "1011": (38, 32),
        "1012": (38.75, 31),
    }
    assert {k: (worked[k, 1], worked[k, 2]) for k in expected} == expected
    assert {k for k, (w1, w2) in expected.items() if max(w1, w2) > 40} == {"1004", "1006", "1007"}
