"""budget.py through the real command on real workbooks: proration, fiscal years, revenue
and net, unmatched accounts, the budget checks and payroll outputs used as actuals. Every
expected number is worked out by hand in a comment beside it.

Default settings unless a test says otherwise: fiscal year from January, variance
thresholds 10% and $250.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from medoffice.budget.actuals import read_ledger
from medoffice.cli.budget import BudgetCommand
from medoffice.cli.payroll import PayrollCommand
from medoffice.intake import read_files, validate
from medoffice.schemas import ACTUALS
from workbook_builder import write_workbook

REPO = Path(__file__).resolve().parents[1]
D = dt.date.fromisoformat
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
BUDGET_HEADER = ["Account", "Type", "Department", *MONTHS, "Annual"]
ACTUALS_HEADER = ["Date", "Account", "Department", "Vendor", "Description", "Amount"]


def line(account, monthly, *, kind="Expense", dept=None, annual="sum"):
    """A Budget row: the same amount every month (or 12 given amounts), Annual their sum."""
    months = list(monthly) if isinstance(monthly, (list, tuple)) else [monthly] * 12
    total = sum(m or 0 for m in months) if annual == "sum" else annual
    return [account, kind, dept, *months, total]


def actual(date, account, amount, dept=None, vendor="Vendor", memo=""):
    return [D(date), account, dept, vendor, memo, amount]


def write_budget(path, lines, actuals=None, header=BUDGET_HEADER):
    """A workbook with a Budget sheet and, when given, an Actuals sheet."""
    sheets = {"Budget": [header, *lines]}
    if actuals is not None:
        sheets["Actuals"] = [ACTUALS_HEADER, *actuals]
    return write_workbook(path, sheets)


def write_settings(path, **values):
    """A settings workbook; keyword names use underscores (fiscal_year_starts=...)."""
    rows = [[key.replace("_pct", " %").replace("_usd", " $").replace("_", " ").capitalize(),
             value] for key, value in values.items()]
    return write_workbook(path, {"Settings": [["Setting", "Value"], *rows]})


def rows_of(path, sheet):
    """A table sheet's data rows as dicts (the total row left out)."""
    wb = openpyxl.load_workbook(path)
    rows = list(wb[sheet].iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]
            if row[0] is not None and row[0] != "Total"]


def total_row(path, sheet):
    """The cached values of a table's Total row, by header."""
    wb = openpyxl.load_workbook(path, data_only=True)
    rows = list(wb[sheet].iter_rows(values_only=True))
    found = next(row for row in rows[1:] if row[0] == "Total")
    return dict(zip(rows[0], found, strict=True))


def accounts(path):
    """By account rows keyed by (Account, Department)."""
    return {(r["Account"], r["Department"]): r for r in rows_of(path, "By account")}


def figures(path):
    """The Summary's key figures, label -> value."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Summary"]
    return {row[0]: row[1] for row in ws.iter_rows(values_only=True) if row[0]}


def checks(path):
    """Check these rows as (code, cell, message)."""
    return [(r["Code"], r["Cell"], r["Message"]) for r in rows_of(path, "Check these")
            if r["Code"]]


def codes(path):
    return [code for code, _cell, _message in checks(path)]


def approx(value):
    return pytest.approx(value, abs=0.005)


# ---------------------------------------------------------------------- proration


@pytest.fixture
def proration_book(tmp_path):
    """Three expense lines and a few actuals around March 2026."""
    return write_budget(tmp_path / "budget.xlsx", [
        line("6100 Medical supplies", 3100),
        line("6200 Lab fees", 1000),
        line("6300 Office supplies", 10000),
    ], [
        actual("2025-12-15", "6100 Medical supplies", 500),   # before the fiscal year
        actual("2026-01-12", "6100 Medical supplies", 2900),
        actual("2026-02-09", "6100 Medical supplies", 3300),
        actual("2026-03-05", "6100 Medical supplies", 1150),
        actual("2026-03-20", "6100 Medical supplies", 800),   # after --as-of 2026-03-10
        actual("2026-01-15", "6200 Lab fees", 1000),
        actual("2026-02-15", "6200 Lab fees", 1000),
        actual("2026-03-09", "6200 Lab fees", 700),
        actual("2026-01-31", "6300 Office supplies", 10000),
        actual("2026-02-28", "6300 Office supplies", 10300),
        actual("2026-03-10", "6300 Office supplies", 3226),
    ])


def test_mid_month_as_of_prorates_the_month_and_the_year(run_command, proration_book):
    run = run_command(BudgetCommand, proration_book, "--as-of", "2026-03-10")
    assert run.code == 0, run.err
    [out] = run.outputs("budget_2*.xlsx")
    assert out.name == "budget_2026-03-10.xlsx"
    got = accounts(out)

    supplies = got["6100 Medical supplies", None]
    assert supplies["Annual budget"] == approx(37200)        # 12 x 3,100
    assert supplies["YTD budget"] == approx(7200)            # 3,100 x 2 + 3,100 x 10/31
    assert supplies["YTD actual"] == approx(7350)            # 2,900 + 3,300 + 1,150
    assert supplies["Variance"] == approx(150)
    assert supplies["Variance %"] == pytest.approx(150 / 7200)
    assert supplies["Favorable"] == "No"
    assert supplies["Remaining budget"] == approx(29850)     # 37,200 - 7,350
    assert supplies["Forecast on plan"] == approx(37350)     # 7,350 + (37,200 - 7,200)
    # share of the year = (2 + 10/31) / 12 = 72/372; 7,350 / (72/372) = 37,975
    assert supplies["Forecast at run rate"] == approx(37975)
    assert supplies["Status"] == "OK"                         # $150 and 2.1%: within both

    lab = got["6200 Lab fees", None]
    assert lab["YTD budget"] == approx(2322.58)               # 2,000 + 1,000 x 10/31
    assert lab["Variance"] == approx(377.42)                  # 2,700 - 2,322.58: 16.2%
    assert lab["Status"] == "Over"                            # beyond $250 and 10%

    office = got["6300 Office supplies", None]
    assert office["YTD budget"] == approx(23225.81)           # 20,000 + 10,000 x 10/31
    assert office["Variance"] == approx(300.19)               # 23,526 - 23,225.81: 1.3%
    assert office["Status"] == "Watch"                        # beyond $250 only

    march = next(r for r in rows_of(out, "By month")
                 if r["Account"] == "6100 Medical supplies" and r["Month"] == "Mar 2026")
    assert (march["Budget"], march["Budget to date"], march["Actual"], march["Variance"]) == (
        3100, 1000, 1150, 150)
    april = next(r for r in rows_of(out, "By month")
                 if r["Account"] == "6100 Medical supplies" and r["Month"] == "Apr 2026")
    assert april["Budget to date"] == 0 and april["Actual"] is None

    assert figures(out)["Share of the year elapsed"] == pytest.approx(72 / 372)
    excluded = rows_of(out, "Excluded actuals")
    assert [(r["Amount"], r["Reason"][:10]) for r in excluded] == [
        (500, "Before the"), (800, "After the ")]
    found = checks(out)
    assert ("budget-outside-year", "A2") in [(c, cell) for c, cell, _ in found]
    assert ("budget-after-as-of", "A6") in [(c, cell) for c, cell, _ in found]


def test_default_as_of_is_the_end_of_the_latest_month_with_actuals(run_command,
                                                                   proration_book):
    run = run_command(BudgetCommand, proration_book)
    assert run.code == 0, run.err
    [out] = run.outputs("budget_2*.xlsx")
    assert out.name == "budget_2026-03-31.xlsx"              # latest actual: 2026-03-20
    supplies = accounts(out)["6100 Medical supplies", None]
    assert supplies["YTD budget"] == approx(9300)             # three whole months
    assert supplies["YTD actual"] == approx(8150)             # 2,900 + 3,300 + 1,150 + 800
    assert supplies["Forecast at run rate"] == approx(32600)  # 8,150 / (3/12)
    assert "as of 2026-03-31 (25.0% of the year)" in run.out


# ---------------------------------------------------------------------- fiscal years

JULY_AMOUNTS = [1000, 2000, 3000] + [4000] * 9  # Jul, Aug, Sep, then Oct..Jun
FISCAL_MONTHS = ["Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr",
                 "May", "Jun"]
FIRSTS = [dt.date(2026 + (m < 7), m, 1) for m in (7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6)]
HEADER_STYLES = {
    "month names": ["July", *FISCAL_MONTHS[1:]],
    "date cells": FIRSTS,
    "text dates": [f"{m} {d.year}" for m, d in zip(FISCAL_MONTHS, FIRSTS, strict=True)],
}


@pytest.mark.parametrize("style", HEADER_STYLES)
def test_fiscal_year_starting_in_july(run_command, tmp_path, office, style):
    header = ["Account", "Type", "Department", *HEADER_STYLES[style], "Annual"]
    book = write_budget(tmp_path / "budget.xlsx", [line("6000 Rent", JULY_AMOUNTS)], [
        actual("2026-06-30", "6000 Rent", 999),   # the last day of the previous fiscal year
        actual("2026-07-01", "6000 Rent", 1100),
        actual("2026-08-01", "6000 Rent", 2100),
        actual("2026-09-01", "6000 Rent", 2900),
    ], header=header)
    write_settings(office.settings, fiscal_year_starts="July")
    run = run_command(BudgetCommand, book)
    assert run.code == 0, run.err
    [out] = run.outputs("budget_2*.xlsx")
    assert out.name == "budget_2026-09-30.xlsx"
    rent = accounts(out)["6000 Rent", None]
    assert rent["Annual budget"] == approx(42000)             # 6,000 + 9 x 4,000
    assert rent["YTD budget"] == approx(6000)                 # Jul + Aug + Sep
    assert rent["YTD actual"] == approx(6100)                 # 1,100 + 2,100 + 2,900
    assert rent["Forecast on plan"] == approx(42100)          # 6,100 + 36,000
    assert rent["Forecast at run rate"] == approx(24400)      # 6,100 / (3/12)
    months = rows_of(out, "By month")
    assert [m["Month"] for m in months][:2] == ["Jul 2026", "Aug 2026"]
    assert months[-1]["Month"] == "Jun 2027" and months[-1]["Budget"] == 4000
    assert [r["Amount"] for r in rows_of(out, "Excluded actuals")] == [999]
    assert "fiscal year 2026-07-01 to 2027-06-30" in run.out


def test_dated_month_headers_must_be_the_settings_fiscal_year(run_command, tmp_path):
    header = ["Account", "Type", "Department", *FIRSTS, "Annual"]
    book = write_budget(tmp_path / "budget.xlsx", [line("6000 Rent", JULY_AMOUNTS)],
                        [actual("2026-07-01", "6000 Rent", 1100)], header=header)
    run = run_command(BudgetCommand, book)  # Fiscal year starts: January (the default)
    assert run.code == 1
    assert "run from Jul 2026 to Jun 2027, which is not one fiscal year starting in " \
           "January" in run.err
    assert "Set Fiscal year starts to July" in run.err
    assert not run.outputs("budget_2*.xlsx")


def test_as_of_outside_the_dated_budget_year_is_a_usage_error(run_command, tmp_path, office):
    header = ["Account", "Type", "Department", *FIRSTS, "Annual"]
    book = write_budget(tmp_path / "budget.xlsx", [line("6000 Rent", JULY_AMOUNTS)],
                        [actual("2026-07-01", "6000 Rent", 1100)], header=header)
    write_settings(office.settings, fiscal_year_starts="July")
    run = run_command(BudgetCommand, book, "--as-of", "2027-08-01")
    assert run.code == 2
    assert "--as-of 2027-08-01 is outside the budget's fiscal year (2026-07-01 to 2027-06-30" \
        in run.err


# ---------------------------------------------------------------------- revenue and net

REVENUE_LINES = [
    line("4000 Patient revenue", 10000, kind="Revenue"),
    line("4100 Lab revenue", 2000, kind="Revenue"),
    line("6000 Rent", 5000),
]


def revenue_actuals(sign=1):
    """January 2026; revenue amounts multiplied by `sign` (-1: exported as credits)."""
    return [
        actual("2026-01-09", "4000 Patient revenue", 6000 * sign),
        actual("2026-01-23", "4000 Patient revenue", 5000 * sign),
        actual("2026-01-30", "4100 Lab revenue", 1500 * sign),
        actual("2026-01-02", "6000 Rent", 5700),
        actual("2026-01-15", "6000 Rent", -100, memo="Refund of overbilled CAM"),
        actual("2026-01-20", "6000 Rent", 0, memo="VOID"),
    ]


@pytest.mark.parametrize("sign", [1, -1], ids=["revenue positive", "revenue as credits"])
def test_revenue_is_favorable_over_budget_and_net_compares(run_command, tmp_path, sign):
    book = write_budget(tmp_path / "budget.xlsx", REVENUE_LINES, revenue_actuals(sign))
    run = run_command(BudgetCommand, book)
    assert run.code == 0, run.err
    [out] = run.outputs("budget_2*.xlsx")
    got = accounts(out)
    patient = got["4000 Patient revenue", None]
    assert (patient["YTD budget"], patient["YTD actual"], patient["Variance"]) == (
        10000, 11000, 1000)                                   # 6,000 + 5,000
    assert (patient["Favorable"], patient["Status"]) == ("Yes", "OK")  # revenue over: good
    lab = got["4100 Lab revenue", None]
    assert (lab["Variance"], lab["Variance %"]) == (-500, -0.25)  # 1,500 - 2,000
    assert (lab["Favorable"], lab["Status"]) == ("No", "Over")  # $500 and 25% under
    rent = got["6000 Rent", None]
    assert rent["YTD actual"] == 5600                         # 5,700 - 100 credit + 0
    assert (rent["Variance"], rent["Favorable"], rent["Status"]) == (600, "No", "Over")

    net = {r["Line"]: r for r in rows_of(out, "Net")}
    assert net["Revenue"]["YTD actual"] == 12500              # 11,000 + 1,500
    assert net["Expenses"]["YTD actual"] == 5600
    assert net["Net"]["YTD budget"] == 7000                   # 12,000 - 5,000
    assert net["Net"]["YTD actual"] == 6900                   # 12,500 - 5,600
    assert net["Net"]["Variance"] == -100
    assert (net["Net"]["Favorable"], net["Net"]["Status"]) == ("No", "OK")  # $100, 1.4%
    assert figures(out)["Net variance"] == -100

    over = rows_of(out, "Over budget")
    assert [(r["Account"], r["Unfavorable by"]) for r in over] == [
        ("6000 Rent", 600), ("4100 Lab revenue", 500)]        # most unfavorable first
    found = codes(out)
    assert found.count("budget-credit") == 1 and found.count("budget-zero-amount") == 1
    assert ("budget-revenue-sign" in found) == (sign == -1)


# ---------------------------------------------------------------------- matching


def test_unmatched_accounts_become_no_budget_lines_with_suggestions(run_command, tmp_path):
    book = write_budget(tmp_path / "budget.xlsx", [
        line("6100 Medical supplies", 1000, dept="Clinical"),            # row 2
        line("6200 Lab fees", 500, annual=6500),                         # row 3: Annual wrong
        line("6000 Rent", 2000, annual=None),                            # row 4
        line("6000 rent", 100),                                          # row 5: duplicate
        line("6500 Marketing", [None] + [50] * 11),                      # row 6: Jan blank
    ], [
        actual("2026-01-05", "6100 · MEDICAL SUPPLIES", 400, dept="clinical"),
        actual("2026-01-06", "Medical  Supplies", 100, dept="Clinical "),
        actual("2026-01-07", "6200 Lab fees", 300, dept="Billing"),
        actual("2026-01-08", "6100 Medical supplies", 75, dept="Front desk"),  # row 5
        actual("2026-01-09", "Medical suplies", 60),                           # row 6
        actual("2026-01-10", "6999 Parking", 20),                              # row 7
        actual("2026-01-11", "6000 Rent", 2100),
    ])
    run = run_command(BudgetCommand, book)
    assert run.code == 0, run.err
    [out] = run.outputs("budget_2*.xlsx")
    got = accounts(out)
    assert got["6100 Medical supplies", "Clinical"]["YTD actual"] == 500   # 400 + 100
    assert got["6200 Lab fees", None]["YTD actual"] == 300   # the office-wide line
    rent = got["6000 Rent", None]
    assert (rent["Annual budget"], rent["YTD budget"]) == (25200, 2100)  # (2,000 + 100) x 12
    assert got["6500 Marketing", None]["Annual budget"] == 550          # 11 x 50
    assert got["6200 Lab fees", None]["Annual budget"] == 6000          # the months, not 6,500
    for key, amount in [(("6100 Medical supplies", "Front desk"), 75),
                        (("Medical suplies", None), 60), (("6999 Parking", None), 20)]:
        row = got[key]
        assert (row["Status"], row["YTD actual"], row["YTD budget"]) == ("No budget", amount, 0)
        assert row["Favorable"] == "No"
    assert len(got) == 7                                      # 5 lines, less 1 merged, + 3
    departments = {(r["Department"], r["Type"]): r for r in rows_of(out, "By department")}
    assert departments["Clinical", "Expense"]["YTD actual"] == 500
    assert departments["Front desk", "Expense"]["Status"] == "No budget"
    office_wide = departments["(no department)", "Expense"]
    assert office_wide["Lines"] == 5                          # lab, rent, marketing + 2 new
    assert office_wide["YTD budget"] == 2600                  # 500 + 2,100 + 0 (Jan blank)
    assert office_wide["YTD actual"] == 2480                  # 300 + 2,100 + 60 + 20
    # Nothing dropped: the Total row holds every actual (400+100+300+75+60+20+2,100).
    assert total_row(out, "By account")["YTD actual"] == approx(3055)

    found = {(code, cell): message for code, cell, message in checks(out)}
    assert "Annual ($6,500.00) is not the sum of the months ($6,000.00)" in \
        found["budget-annual-mismatch", "P3"]
    assert "6000 rent appears more than once in the budget (first at Budget!A4)" in \
        found["budget-duplicate-line", "A5"]
    assert "Jan is blank and counted as $0" in found["budget-blank-months", "D6"]
    assert "6100 Medical supplies has no budget for department Front desk" in \
        found["budget-no-budget-department", "C5"]
    assert "budgeted for Clinical" in found["budget-no-budget-department", "C5"]
    assert "Medical suplies is not in the budget (1 row, $60.00). Did you mean 6100 " \
           "Medical supplies?" in found["budget-no-budget-account", "B6"]
    assert "6999 Parking is not in the budget (1 row, $20.00). It is shown" in \
        found["budget-no-budget-account", "B7"]


def test_repeated_budget_lines_merge_into_the_first_line_they_match(run_command, tmp_path):
    # Numbers match numbers; a line without a number matches by name. So a repeat can
    # match two earlier lines (one by number, one by name): the first of them wins.
    book = write_budget(tmp_path / "budget.xlsx", [
        line("Medical supplies", 100, dept="Clinical"),    # row 2
        line("6100 Medical supplies", 10, dept="clinical"),  # row 3: row 2, by name
        line("6200 Medical supplies", 1, dept="Clinical"),   # row 4: row 2 too, by name
        line("6100 Supplies A", 20),                        # row 5
        line("Supplies B", 30),                             # row 6: another name
        line("6100 Supplies B", 40),                        # row 7: row 5 (6100) and row 6
        line("6100 Supplies A", 5, dept="Lab"),             # row 8: another department
    ], [actual("2026-01-10", "6100 Supplies A", 50)])
    run = run_command(BudgetCommand, book, "--as-of", "2026-01-31")
    assert run.code == 0, run.err
    [out] = run.outputs("budget_2*.xlsx")
    got = accounts(out)
    assert {key: row["Annual budget"] for key, row in got.items()} == {
        ("Medical supplies", "Clinical"): 1332,             # (100 + 10 + 1) x 12
        ("6100 Supplies A", None): 720,                     # (20 + 40) x 12
        ("Supplies B", None): 360,                          # 30 x 12
        ("6100 Supplies A", "Lab"): 60}                     # 5 x 12
    # The actual goes to the office-wide 6100 line, not Lab's: 20 + 40 budgeted in Jan.
    assert (got["6100 Supplies A", None]["YTD actual"],
            got["6100 Supplies A", None]["YTD budget"]) == (50, 60)
    repeats = {cell: message for code, cell, message in checks(out)
               if code == "budget-duplicate-line"}
    assert sorted(repeats) == ["A3", "A4", "A7"]
    assert "(first at Budget!A2)" in repeats["A3"] and "(first at Budget!A2)" in repeats["A4"]
    assert "6100 Supplies B appears more than once in the budget (first at Budget!A5)" in \
        repeats["A7"]


def test_ledger_rows_name_the_cells_intake_names(tmp_path):
    """The booked actuals name a row's cells as intake's Records.where does, in sheets with
    a title above the header and columns in their own order."""
    header = ["Amount", "Memo", "Account", "Date", "Dept"]
    rows = [[12.5, "a", "6000 Rent", D("2026-01-05"), "Lab"],
            [-3, None, "6100 Supplies", D("2026-02-05"), None]]
    first = write_workbook(tmp_path / "ledger.xlsx", {"GL": [["Our ledger"], [], header, *rows]})
    second = write_workbook(tmp_path / "march.xlsx", {"Actuals": [ACTUALS_HEADER, *[
        actual("2026-03-01", "6000 Rent", 7)] * 3]})
    files, refused = read_files([first, second])
    assert refused == []
    records = validate(files, (ACTUALS,)).records(ACTUALS.name)
    found, _problems = read_ledger(records)
    assert len(found) == len(records) == 5
    for position, index in enumerate(records.data.index):
        for column in ("Date", "Account", "Department", "Vendor", "Amount"):
            assert found.where(position, column) == records.where(column, index)
    assert found.where(1, "Amount")["cell"] == "A5"       # title, blank row, header, row 1
    assert found["cents"].tolist() == [1250, -300, 700, 700, 700]


def test_a_budget_line_with_no_amounts_is_listed(run_command, tmp_path):
    book = write_budget(tmp_path / "budget.xlsx", [
        line("6000 Rent", 100), line("Total rent", 100),   # a subtotal inside the table
        line("6100 Supplies", [None] * 12, annual=None), line("6200 Postage", 0),
    ], [actual("2026-01-10", "6100 Supplies", 40)])
    run = run_command(BudgetCommand, book)
    assert run.code == 0, run.err
    [out] = run.outputs("budget_2*.xlsx")
    blank = [cell for code, cell, _ in checks(out) if code == "budget-blank-line"]
    assert blank == ["A4", "A5"]
    assert ("budget-subtotal-row", "A3") in [(c, cell) for c, cell, _ in checks(out)]
    assert [a for a, _d in accounts(out)] == ["6000 Rent", "6100 Supplies", "6200 Postage"]
    supplies = accounts(out)["6100 Supplies", None]
    # Budgeted at $0, not "No budget": the line exists. $40 over $0 is beyond the
    # percentage (nothing budgeted to date) but not beyond $250: Watch.
    assert (supplies["YTD budget"], supplies["Variance"], supplies["Status"]) == (
        0, 40, "Watch")


def test_annual_only_budget_is_spread_evenly(run_command, tmp_path):
    book = write_workbook(tmp_path / "budget.xlsx", {
        "Budget": [["Account", "Type", "Annual"], ["6000 Rent", "Expense", 1000]],
        "Actuals": [ACTUALS_HEADER, actual("2026-02-10", "6000 Rent", 200)]})
    run = run_command(BudgetCommand, book)
    assert run.code == 0, run.err
    [out] = run.outputs("budget_2*.xlsx")
    months = [r["Budget"] for r in rows_of(out, "By month")]
    assert months == [83.34] * 4 + [83.33] * 8                # 1,000 / 12 to the cent
    assert accounts(out)["6000 Rent", None]["YTD budget"] == approx(166.68)
    assert "budget-annual-spread" in codes(out)


# ---------------------------------------------------------------------- payroll outputs


def make_payroll_output(run_command, tmp_path, office) -> Path:
    """Run the real payroll command on a two-person roster for 2026-03-01..14.

    Ann (Nursing, $20/h) works 5 x 8 h = 40 h: $800.00; Bo (Front office, $15/h) 3 x 10 h
    = 30 h: $450.00. Employer tax at 7.65%: $61.20 and $34.43 (34.425 rounded half-up).
    """
    roster = write_workbook(tmp_path / "staff.xlsx", {"Staff": [
        ["Employee ID", "Name", "Role", "Department", "Pay type", "Rate"],
        ["1001", "Ann Lee", "RN", "Nursing", "Hourly", 20],
        ["1002", "Bo Park", "Front desk", "Front office", "Hourly", 15]]})
    time = [["Employee ID", "Date", "Hours"]]
    time += [["1001", dt.date(2026, 3, day), 8] for day in (2, 3, 4, 5, 6)]
    time += [["1002", dt.date(2026, 3, day), 10] for day in (2, 3, 4)]
    sheet = write_workbook(tmp_path / "timesheet.xlsx", {"Time": time})
    run = run_command(PayrollCommand, roster, sheet, "--period-start", "2026-03-01")
    assert run.code == 0, run.err
    [made] = run.outputs("payroll_*.xlsx")
    assert made.name == "payroll_2026-03-01_to_2026-03-14.xlsx"
    # Recognised by its content, not its name: give it a name of the manager's choosing.
    given = tmp_path / "march labor.xlsx"
    shutil.copy(made, given)
    made.unlink()
    return given


SALARY_LINES = [line("5000 Salaries and wages", 1000, dept="Nursing"),
                line("5000 Salaries and wages", 500, dept="Front office")]


def test_payroll_output_as_actuals(run_command, tmp_path, office, libreoffice_recalc):
    payroll = make_payroll_output(run_command, tmp_path, office)
    book = write_budget(tmp_path / "budget.xlsx", SALARY_LINES)
    run = run_command(BudgetCommand, book, payroll, "--as-of", "2026-03-14")
    assert run.code == 0, run.err
    [out] = run.outputs("budget_2*.xlsx")
    got = accounts(out)
    nursing = got["5000 Salaries and wages", "Nursing"]
    assert nursing["YTD actual"] == approx(861.20)            # 800.00 + 61.20
    assert nursing["YTD budget"] == approx(2451.61)           # 2,000 + 1,000 x 14/31
    assert nursing["Variance"] == approx(-1590.41)
    assert nursing["Favorable"] == "Yes"
    front = got["5000 Salaries and wages", "Front office"]
    assert front["YTD actual"] == approx(484.43)              # 450.00 + 34.43
    assert front["YTD budget"] == approx(1225.81)             # 1,000 + 500 x 14/31
    march = [r for r in rows_of(out, "By month") if r["Month"] == "Mar 2026"]
    assert sorted(r["Actual"] for r in march) == [approx(484.43), approx(861.20)]
    assert "total-row" not in codes(out)  # the payroll output's own Total row is expected
    wb = openpyxl.load_workbook(out)
    assert "march labor.xlsx" in [row[0] for row in wb["About"].iter_rows(values_only=True)]
    assert libreoffice_recalc(out) > 0


def test_payroll_output_and_ledger_payroll_in_one_month_are_flagged(run_command, tmp_path,
                                                                    office):
    payroll = make_payroll_output(run_command, tmp_path, office)
    book = write_budget(tmp_path / "budget.xlsx", SALARY_LINES, [
        actual("2026-03-13", "5000 · Salaries and Wages", 500, dept="Nursing")])
    run = run_command(BudgetCommand, book, payroll, "--as-of", "2026-03-31")
    assert run.code == 0, run.err
    [out] = run.outputs("budget_2*.xlsx")
    nursing = accounts(out)["5000 Salaries and wages", "Nursing"]
    assert nursing["YTD actual"] == approx(1361.20)           # 861.20 + 500 from the ledger
    assert "budget-payroll-twice" in codes(out)


def test_payroll_account_missing_from_the_budget_is_a_no_budget_line(run_command, tmp_path,
                                                                     office):
    payroll = make_payroll_output(run_command, tmp_path, office)
    book = write_budget(tmp_path / "budget.xlsx", [line("6000 Rent", 100)])
    run = run_command(BudgetCommand, book, payroll)
    assert run.code == 0, run.err
    [out] = run.outputs("budget_2*.xlsx")
    assert out.name == "budget_2026-03-31.xlsx"               # the period ends 2026-03-14
    got = accounts(out)
    assert got["Salaries and wages", "Nursing"]["Status"] == "No budget"
    assert got["Salaries and wages", "Front office"]["YTD actual"] == approx(484.43)
    assert codes(out).count("budget-no-budget-account") == 2


# ---------------------------------------------------------------------- checks and errors


def test_many_excluded_rows_are_listed_up_to_a_limit(run_command, tmp_path):
    old = [actual(f"2025-{m:02d}-{d:02d}", "6000 Rent", 10) for m in (10, 11, 12)
           for d in range(1, 10)]                             # 27 rows of last year
    book = write_budget(tmp_path / "budget.xlsx", [line("6000 Rent", 100)],
                        [*old, actual("2026-01-05", "6000 Rent", 100)])
    run = run_command(BudgetCommand, book)
    assert run.code == 0, run.err
    [out] = run.outputs("budget_2*.xlsx")
    outside = [(cell, message) for code, cell, message in checks(out)
               if code == "budget-outside-year"]
    assert len(outside) == 21                                 # 20 listed + 1 for the rest
    assert "and 7 more rows like the ones above" in outside[-1][1]
    assert len(rows_of(out, "Excluded actuals")) == 27        # every one on its sheet
    assert total_row(out, "Excluded actuals")["Amount"] == approx(270)


def test_no_actuals_is_an_error(run_command, tmp_path):
    book = write_budget(tmp_path / "budget.xlsx", [line("6000 Rent", 100)])
    run = run_command(BudgetCommand, book)
    assert run.code == 1
    assert "no actuals were found" in run.err
    assert not run.outputs("budget_2*.xlsx")


def test_debit_and_credit_columns_are_refused(run_command, tmp_path):
    book = write_workbook(tmp_path / "ledger.xlsx", {
        "Budget": [BUDGET_HEADER, line("6000 Rent", 100)],
        "Actuals": [["Date", "Account", "Debit", "Credit"],
                    [D("2026-01-05"), "6000 Rent", 100, 0],
                    [D("2026-01-06"), "6000 Rent", 0, 40]]})
    run = run_command(BudgetCommand, book)
    assert run.code == 1
    assert "has a Credit column beside the amounts" in run.err


def test_an_absurd_amount_is_a_cell_error_not_a_crash(run_command, tmp_path):
    # An account number pasted into Amount (1e17 dollars) is refused at its cell; the
    # amounts around it are fine. Beyond a billion either way no office transaction is
    # real, and a year of ledger rows still adds up exactly in integer cents.
    book = write_budget(tmp_path / "budget.xlsx", [line("6000 Rent", 100)], [
        actual("2026-01-05", "6000 Rent", 100),
        actual("2026-01-06", "6000 Rent", 100_000_000_000_000_000),
        actual("2026-01-07", "6000 Rent", -1_000_000_000)])
    run = run_command(BudgetCommand, book)
    assert run.code == 1
    assert ('budget.xlsx: Actuals!F3: error: "100000000000000000" in Amount is above the '
            "largest allowed value, 1,000,000,000") in run.err
    assert "Actuals!F4" not in run.err  # exactly the limit is allowed
    assert "Internal error" not in run.err


def test_missing_month_columns_are_an_error(run_command, tmp_path):
    header = ["Account", "Type", *MONTHS[:9]]
    book = write_budget(tmp_path / "budget.xlsx", [["6000 Rent", "Expense", *[100] * 9]],
                        [actual("2026-01-05", "6000 Rent", 100)], header=header)
    run = run_command(BudgetCommand, book)
    assert run.code == 1
    assert "has columns for 9 of the 12 months (missing: Oct, Nov, Dec)" in run.err


def test_bad_as_of_is_a_usage_error(run_command, proration_book, capsys):
    run = run_command(BudgetCommand, proration_book, "--as-of", "March 10")
    assert run.code == 2
    # argparse reports it (on the command's stream, or on the process's)
    assert "is not a date like 2026-11-15" in run.err + capsys.readouterr().err


# ---------------------------------------------------------------------- the example office


def test_example_office(run_command, office_with_examples, libreoffice_recalc):
    """A fresh clone's `python scripts/budget.py`: the examples, as of 2026-10-31."""
    run = run_command(BudgetCommand, folders=office_with_examples)
    assert run.code == 0, run.err
    assert "using the example office" in run.out
    [out] = run.outputs("budget_2*.xlsx")
    assert out.name == "budget_2026-10-31.xlsx"
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Summary", "By account", "Over budget", "By department",
                             "By month", "Month totals", "Net", "Check these", "About"]
    with zipfile.ZipFile(out) as archive:
        charts = [archive.read(n).decode() for n in sorted(archive.namelist())
                  if n.startswith("xl/charts/chart")]
    assert len(charts) == 2
    monthly, largest = charts
    assert "<c:barChart>" in monthly and "<c:lineChart>" in monthly  # columns + running lines
    assert "'Month totals'!$B$2:$B$13" in monthly                    # the 12 expense months
    assert '<c:barDir val="bar"/>' in largest and "'Over budget'!$J$2:$J$11" in largest
    got = accounts(out)
    assert len(got) >= 30
    rent = got["6000 Rent", None]                            # $7,000 a month, paid on the 1st
    assert (rent["YTD budget"], rent["YTD actual"], rent["Status"]) == (70000, 70000, "OK")
    malpractice = got["6300 Malpractice insurance", None]    # budgeted in Jan, Apr, Jul, Oct
    assert malpractice["YTD budget"] == 42000
    assert got["6960 · Meals and Entertainment", None]["Status"] == "No budget"
    assert got["6100 Medical supplies", None]["Status"] == "Over"
    assert {"budget-annual-mismatch", "budget-credit", "budget-zero-amount",
            "budget-no-budget-account"} <= set(codes(out))
    # Nothing dropped: the By account total equals the ledger export's own TOTAL row.
    ledger = openpyxl.load_workbook(office_with_examples.examples / "ledger.xlsx",
                                    data_only=True)["General Ledger"]
    ledger_total = next(row[7] for row in ledger.iter_rows(values_only=True)
                        if row[0] == "TOTAL")
    assert total_row(out, "By account")["YTD actual"] == approx(ledger_total)
    assert libreoffice_recalc(out) > 0


def test_budget_script_runs_as_a_subprocess(proration_book, tmp_path):
    out = tmp_path / "out"
    completed = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "budget.py"), str(proration_book),
         "--as-of", "2026-03-10", "--out", str(out), "--json"],
        capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout)
    assert report["status"] == "ok"
    assert report["figures"]["as_of"] == "2026-03-10"
    assert report["figures"]["expense_ytd_budget"] == "32748.39"  # 7,200 + 2,322.58 + 23,225.81
    assert report["figures"]["lines_over"] == 1 and report["figures"]["lines_watch"] == 1
    assert (out / "budget_2026-03-10.xlsx").is_file()
