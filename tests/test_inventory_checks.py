"""inventory.py's checks, through the real command: each warning names its cell and says
the fix; an input error stops the run with exit 1 and an error report."""

from __future__ import annotations

import openpyxl
import pytest
from medoffice.cli.inventory import InventoryCommand
from test_inventory_cli import (
    AS_OF,
    VENDOR_HEADER,
    VENDORS,
    by_id,
    supply,
    table,
    write_inventory,
)

# Supplies rows start in Excel row 2.
CHECK_ROWS = [
    supply("X1", 5, par=10, cost=1.00, vendor="Acme Medical"),                     # row 2
    supply("X1", 5, par=12, cost=1.20, vendor="Beta Supply", lot="B"),             # row 3
    supply("X2", -3, par=10, point=4, cost=2, vendor="Acme Medical"),              # row 4
    supply("X3", 50, par=10, cost=1, vendor="Acme Medical Supplies"),              # row 5
    supply("X4", 5, category="Vaccines", lot="V1", cost=9),                        # row 6
    supply("X5", 5, category="PPE", cost=1),                                       # row 7
    supply("X6", 5),                                                               # row 8
    supply("X7", 11, par=10, point=12, cost=1, vendor="Acme Medical"),             # row 9
    supply("X8", 0, par=5, cost=1),                                                # row 10
    supply("X9", 3, category="Rapid tests", lot="T1", cost=1),                     # row 11
    supply("X9", 0, category="Rapid tests", lot="T0", cost=1),                     # row 12
]
USAGE = [("2026-11-20", "X1", 1), ("2026-11-21", "ZZZ", 2), ("2026-11-22", "ZZZ", 1)]


@pytest.fixture
def checks(tmp_path, run_command):
    path = write_inventory(tmp_path / "count.xlsx", CHECK_ROWS, usage=USAGE)
    run = run_command(InventoryCommand, path, "--as-of", AS_OF)
    assert run.code == 0, run.err
    out = run.outbox / f"inventory_{AS_OF}.xlsx"
    return run, out, table(out, "Check these")


def test_every_check_with_its_cell(checks):
    _run, _out, rows = checks
    got = sorted((r["Sheet"], r["Cell"], r["Code"]) for r in rows)
    assert got == sorted([
        ("Supplies", "H3", "inventory-item-conflict"),       # par 12 vs 10
        ("Supplies", "J3", "inventory-item-conflict"),       # cost 1.20 vs 1.00
        ("Supplies", "K3", "inventory-item-conflict"),       # vendor Beta vs Acme
        ("Supplies", "F4", "inventory-negative-count"),
        ("Supplies", "K5", "inventory-vendor-unknown"),
        ("Supplies", "N6", "inventory-no-expiry"),           # a vaccine lot without a date
        ("Supplies", "J8", "inventory-no-cost"),
        ("Supplies", "I9", "inventory-reorder-above-par"),
        ("Supplies", "K10", "inventory-no-vendor"),
        ("Supplies", "N11", "inventory-no-expiry"),          # "Rapid tests" normally expire
        ("Usage", "B3", "inventory-usage-unknown-item"),     # once per unknown ID
    ])  # X5 (PPE without a date) and X9's empty lot T0 are fine


def test_messages_say_what_and_how_to_fix(checks):
    _run, _out, rows = checks
    messages = {(r["Cell"], r["Code"]): r["Message"] for r in rows}
    assert messages["H3", "inventory-item-conflict"] == (
        "rows of item X1 disagree on Par level: 12 here, 10 at H2. The first (10) is used for "
        "ordering. Make the rows agree, or give it on one row only.")
    assert messages["J3", "inventory-item-conflict"].startswith(
        "rows of item X1 disagree on Unit cost: $1.20 here, $1.00 at J2.")
    assert messages["F4", "inventory-negative-count"] == (
        "On hand of item X2 is -3; a count cannot be negative, so it is counted as 0. "
        "Correct the count.")
    assert "Did you mean Acme Medical?" in messages["K5", "inventory-vendor-unknown"]
    assert messages["B3", "inventory-usage-unknown-item"] == (
        "Item ID ZZZ is used on 2 usage rows but is not on the Supplies sheet, so its use is "
        "not counted. Correct the ID or add the item to Supplies.")
    assert "vaccines normally expire" in messages["N6", "inventory-no-expiry"]


def test_checked_rows_are_computed_as_the_messages_say(checks):
    _run, out, _rows = checks
    stock = by_id(table(out, "Stock levels"))
    # X1: first row's par (10) and vendor (Acme) are used; 5 + 5 = 10 is not below par
    assert (stock["X1"]["Par level"], stock["X1"]["Vendor"]) == (10, "Acme Medical")
    # X2: -3 counts as 0, at or below reorder point 4 -> order 10
    reorder = by_id(table(out, "Reorder"))
    assert stock["X2"]["Usable on hand"] == 0 and reorder["X2"]["Order quantity"] == 10
    # X3 is ordered from the unlisted vendor as written, with a 7-day lead time assumed
    assert stock["X3"]["Vendor"] == "Acme Medical Supplies"
    assert stock["X3"]["Lead time (days)"] == 7
    # X7: 11 <= reorder point 12 but already above par 10: nothing to order
    assert stock["X7"]["Status"] == "OK" and "X7" not in reorder
    # X8 has no vendor: on the reorder list under (no vendor), on no purchase order
    assert reorder["X8"]["Vendor"] == "(no vendor)"
    vendors = by_id(table(out, "Orders by vendor"), "Vendor")
    assert vendors["(no vendor)"]["Purchase order"] == "none: no vendor to send it to"
    sheets = openpyxl.load_workbook(out).sheetnames
    assert [s for s in sheets if s.startswith("PO ")] == ["PO Acme Medical"]
    # no Vendors row for "Acme Medical Supplies": X3 is not ordered (50 > par 10)


def test_missing_vendors_sheet_is_one_warning(tmp_path, run_command):
    rows = [supply("A", 1, par=5, cost=1, vendor="Acme"), supply("B", 1, cost=2, vendor="Beta")]
    path = write_inventory(tmp_path / "count.xlsx", rows, vendors=None)
    run = run_command(InventoryCommand, path, "--as-of", AS_OF)
    assert run.code == 0, run.err
    [check] = table(run.outbox / f"inventory_{AS_OF}.xlsx", "Check these")
    assert check["Code"] == "inventory-vendor-unknown" and check["Cell"] is None
    assert "there is no Vendors sheet" in check["Message"] and "Acme, Beta" in check["Message"]


def test_input_errors_stop_the_run_with_a_report(tmp_path, run_command):
    rows = [supply("A", None, par=5), supply("B", 2, on_order=-1)]
    path = write_inventory(tmp_path / "count.xlsx", rows,
                           vendors=[VENDOR_HEADER, *VENDORS[1:], VENDORS[1]])
    run = run_command(InventoryCommand, path, "--as-of", AS_OF)
    assert run.code == 1
    assert "count.xlsx: Supplies!F2: error: On hand is blank" in run.err
    assert "count.xlsx: Supplies!G3: error:" in run.err and "is negative" in run.err
    assert "count.xlsx: Vendors!A6: error: Vendor Acme Medical appears more than once" in run.err
    assert [p.name for p in run.outputs()] == ["count_problems.xlsx"]


def test_no_supplies_sheet_is_an_error(tmp_path, run_command):
    path = write_workbook_only_vendors(tmp_path / "vendors.xlsx")
    run = run_command(InventoryCommand, path, "--as-of", AS_OF)
    assert run.code == 1
    assert "no Supplies sheet was found (read: vendors.xlsx)" in run.err


def write_workbook_only_vendors(path):
    from workbook_builder import write_workbook

    return write_workbook(path, {"Vendors": VENDORS})
