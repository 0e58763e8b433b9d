"""Text from inputs never becomes a formula in anything we write (DESIGN §3, Output).

A manager's roster may hold a name such as =HYPERLINK("http://example.com","click"),
pasted from a web page or planted. It must come out as the text it is: in every output
workbook (a string cell with a quote prefix; the only formulas are our own totals), in
the export CSV (OWASP rule: a leading quote), and in the error report.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import openpyxl
import pytest
from medoffice.cli.payroll import PayrollCommand
from workbook_builder import write_workbook

MON = dt.date(2026, 11, 16)  # in the default pay period 2026-11-08..21
FORMULA_START = ("=", "+", "-", "@")
# Our own totals: SUBTOTAL(109, range) on table sheets, SUM(range) on other layouts.
OUR_TOTAL = re.compile(r"=(SUBTOTAL\(109,|SUM\()\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?\d+\)")
NUMBER = re.compile(r"-?\d+(\.\d+)?")


def payload(where: str) -> str:
    """A formula-looking text, different for each place it is put, so each can be traced."""
    return f'=HYPERLINK("http://example.com/{where}","click")'


# Other starts a spreadsheet takes for a formula: plus, minus and at.
OTHER_STARTS = {"Name": "+1+1", "Role": "-2+3", "Department": "@SUM(1)"}


def build_inputs(folder: Path) -> tuple[Path, Path, Path]:
    """A roster and timesheet with formula-looking text in every text column, and a
    settings workbook whose office name is one. 1001 is hourly; 1002 is exempt with a time
    row, which yields a warning whose message starts with their (formula-looking) name."""
    staff = write_workbook(folder / "staff.xlsx", {"Staff": [
        ["Employee ID", "Name", "Role", "Department", "Pay type", "Rate", "FLSA status",
         "Mentor ID"],
        [payload("id"), payload("name"), payload("role"), payload("dept"), "Hourly", 40, None,
         payload("mentor")],
        ["1002", OTHER_STARTS["Name"], OTHER_STARTS["Role"], OTHER_STARTS["Department"],
         "Salary", 52000, "Exempt", None],
    ]})
    time = write_workbook(folder / "time.xlsx", {"Time": [
        ["Employee ID", "Date", "In", "Out", "Hours", "Department", "Note"],
        [payload("id"), MON, dt.time(8), dt.time(16), None, payload("charged"),
         payload("note")],
        ["1002", MON, None, None, 8, None, "-attended training"],
    ]})
    settings = write_workbook(folder / "settings.xlsx", {"Settings": [
        ["Setting", "Value"], ["Office name", payload("office")],
        ["Payroll account", payload("account")]]})
    return staff, time, settings


def text_cells(path: Path) -> list[tuple[str, str, openpyxl.cell.Cell]]:
    """(sheet, coordinate, cell) of every cell in a workbook."""
    book = openpyxl.load_workbook(path)
    return [(ws.title, cell.coordinate, cell) for ws in book.worksheets
            for row in ws.iter_rows() for cell in row if cell.value is not None]


def assert_no_formula_from_inputs(path: Path) -> list[str]:
    """Every formula in the workbook is one of our totals; every text that starts like a
    formula is a string cell with a quote prefix. Returns all the text cells' values."""
    texts = []
    for sheet, ref, cell in text_cells(path):
        where = f"{path.name} {sheet}!{ref}"
        if cell.data_type == "f":
            assert OUR_TOTAL.fullmatch(cell.value), f"{where} holds a formula: {cell.value}"
            continue
        if isinstance(cell.value, str):
            texts.append(cell.value)
            if cell.value.startswith(FORMULA_START):
                assert cell.data_type == "s", where
                assert cell.quotePrefix, f"{where} {cell.value!r} lacks a quote prefix"
    return texts


def test_payroll_outputs_keep_formula_looking_text_as_text(run_command, office, tmp_path):
    staff, time, settings = build_inputs(tmp_path)
    run = run_command(PayrollCommand, staff, time, "--settings", settings, "--out",
                      office.outbox)
    assert run.code == 0, run.err
    workbooks = sorted(office.outbox.glob("*.xlsx"))
    assert any(p.name.startswith("payroll_") for p in workbooks)
    texts = []
    for path in workbooks:
        texts += assert_no_formula_from_inputs(path)
    payroll = next(p for p in workbooks if p.name.startswith("payroll_"))
    payroll_texts = assert_no_formula_from_inputs(payroll)
    # Each text column that reaches the payroll workbook came through whole, as text.
    for where in ("id", "name", "role", "dept", "charged", "office"):
        assert payload(where) in payroll_texts, f"{where} is missing from the workbook"
    for text in OTHER_STARTS.values():
        assert text in payroll_texts
    # The exempt-time warning starts with the name: it too is text on Check these.
    check = openpyxl.load_workbook(payroll)["Check these"]
    messages = [r[-1] for r in check.iter_rows(min_row=2, values_only=True) if r[0]]
    assert any(m.startswith("+1+1 is exempt") for m in messages), messages
    # Nothing was made a link either: a HYPERLINK text is not a hyperlink.
    book = openpyxl.load_workbook(payroll)
    links = [c.hyperlink.target for ws in book.worksheets for row in ws.iter_rows()
             for c in row if c.hyperlink is not None and c.hyperlink.target]
    assert not [t for t in links if "example.com" in t]


def test_export_csv_follows_the_owasp_rule(run_command, office, tmp_path):
    staff, time, settings = build_inputs(tmp_path)
    run = run_command(PayrollCommand, staff, time, "--settings", settings, "--out",
                      office.outbox)
    assert run.code == 0, run.err
    [export] = office.outbox.glob("*_export.csv")
    with export.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    fields = [field for row in rows for field in row]
    for field in fields:
        if field.startswith(FORMULA_START):
            assert NUMBER.fullmatch(field), f"unsafe CSV field {field!r}"
    assert "'" + payload("id") in fields
    assert "'" + payload("name") in fields
    assert "'+1+1" in fields
    assert payload("name") not in fields


@pytest.mark.parametrize("column, value, code", [
    ("Pay code", payload("paycode"), "cell-choice"),
    ("Hours", payload("hours"), "cell-type"),
    ("Date", "+2026-11-16", "cell-type"),
    ("Differential", payload("diff"), "payroll-diff-unknown"),  # found by the computation
])
def test_error_report_keeps_formula_looking_text_as_text(run_command, office, tmp_path,
                                                         column, value, code):
    staff, _time, _settings = build_inputs(tmp_path)
    header = ["Employee ID", "Date", "Hours", "Pay code", "Differential", "Department",
              "Note"]
    row = {"Employee ID": payload("id"), "Date": MON, "Hours": 8, "Pay code": None,
           "Differential": None, "Department": payload("charged"), "Note": payload("note")}
    row[column] = value
    time = write_workbook(tmp_path / "bad_time.xlsx", {"Time": [
        header, [row[h] for h in header]]})
    run = run_command(PayrollCommand, staff, time, "--out", office.outbox, "--json")
    assert run.code == 1
    assert [(p["code"], p["value"]) for p in json.loads(run.out)["problems"]] == [(code, value)]
    [report] = office.outbox.glob("*_problems.xlsx")
    texts = assert_no_formula_from_inputs(report)
    # The bad value is listed as text, and the copy of the sheet shows the row as text.
    problems = openpyxl.load_workbook(report)["Problems"]
    listed = [r for r in problems.iter_rows(min_row=2, values_only=True) if r[0]]
    assert [(r[3], r[5]) for r in listed] == [(f"{chr(65 + header.index(column))}2", value)]
    for text in (value, payload("id"), payload("charged"), payload("note")):
        assert text in texts
