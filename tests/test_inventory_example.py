"""The example office's supply room through inventory.py: found by itself when the inbox is
empty, run as a real script, recalculated in LibreOffice, and still useful months later.

Numbers below come from workbooks/examples/make_examples.py (SUPPLY_ITEMS, VENDOR_ROWS,
EQUIPMENT_ROWS), counted as of 2026-11-27.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from medoffice.cli.inventory import InventoryCommand
from test_inventory_cli import by_id, day, table

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "workbooks" / "examples"
AS_OF = "2026-11-27"


@pytest.fixture
def example_run(office_with_examples, run_command):
    run = run_command(InventoryCommand, "--as-of", AS_OF, "--po-files",
                      folders=office_with_examples)
    assert run.code == 0, run.err
    return run


def test_empty_inbox_uses_the_example_office(example_run):
    assert example_run.out.startswith("No supply count in ")
    assert "using the example office" in example_run.out
    assert "Riverside Family Practice: inventory as of 2026-11-27" in example_run.out
    assert [p.name for p in example_run.outputs("*.xlsx")] == [
        "inventory_2026-11-27.xlsx",
        "inventory_2026-11-27_PO_Bayview_Surgical.xlsx",
        "inventory_2026-11-27_PO_Northstar_Medical_Supply.xlsx",
        "inventory_2026-11-27_PO_Pinecrest_Pharma_Vaccines.xlsx",
        "inventory_2026-11-27_PO_Summit_Office_Products.xlsx",
    ]


def test_example_reorders(example_run):
    out = example_run.outbox / f"inventory_{AS_OF}.xlsx"
    rows = by_id(table(out, "Reorder"))
    # VAC-PPSV: 2 doses expire today (usable today, gone before Pinecrest's 7-day delivery)
    # + 3 later = 5 usable; projected 5 - 2 = 3 <= 4; par 10 - 3 = 7 -> 2 packs of 5 = 10
    # doses x $112.00 = $1,120.00
    ppsv = rows["VAC-PPSV"]
    assert (ppsv["Usable on hand"], ppsv["Expiring before delivery"], ppsv["Projected"]) == \
        (5, 2, 3)
    assert (ppsv["Order quantity"], ppsv["Packs"], ppsv["Order cost"]) == (10, 2, 1120)
    # TK-FLU: lot FL2611 (15) expires 2026-11-29, before Bayview's 3-day delivery;
    # projected 40 - 15 = 25 <= 40; 100 - 25 = 75 -> 3 packs of 25 x $6.80 = $510.00
    flu = rows["TK-FLU"]
    assert (flu["Expiring before delivery"], flu["Projected"], flu["Order quantity"],
            flu["Order cost"]) == (15, 25, 75, 510)
    # TB-PPD: its only lot (3 vials) expires 2026-12-01: projected 0 -> 4 vials x $96
    assert (rows["TB-PPD"]["Projected"], rows["TB-PPD"]["Order cost"]) == (0, 384)
    # VAC-COVID: 3 expired doses, 6 usable, 10 on order: projected 16 > 8, not ordered
    assert "VAC-COVID" not in rows
    assert rows["TK-HGB"]["Order cost"] is None  # no unit cost in the example
    stock = by_id(table(out, "Stock levels"))
    assert (stock["VAC-COVID"]["Expired"], stock["VAC-COVID"]["Projected"]) == (3, 16)
    assert {k for k, r in stock.items() if r["Status"].startswith("Untracked")} == \
        {"SPL-FING", "ICE-PK", "OFF-CLIP", "OFF-SNOTE"}
    assert any(r["Urgent"] == "Yes" for r in rows.values())  # flu season: vaccine runs low


def test_example_vendors_expiry_and_equipment(example_run):
    out = example_run.outbox / f"inventory_{AS_OF}.xlsx"
    vendors = by_id(table(out, "Orders by vendor"), "Vendor")
    summit = vendors["Summit Office Products"]
    assert (summit["Order total"], summit["Below minimum"], summit["Short of minimum"]) == \
        (178, "Yes", 22)  # 2 toner cartridges x $89.00 against a $200.00 minimum
    expiring = {r["Lot"]: r for r in table(out, "Expiring")}
    assert (expiring["CVX118"]["Days left"], expiring["CVX118"]["Status"]) == (-9, "Expired")
    assert expiring["CVX118"]["Value"] == 360  # 3 doses x $120.00
    assert (expiring["PN2210"]["Days left"], expiring["PN2210"]["Status"]) == \
        (0, "Within 30 days")
    assert expiring["AP-1128"]["Days left"] == 1
    assert {k for k, r in expiring.items() if r["Status"] == "Expired"} == \
        {"CVX118", "CV2609", "CF2203", "WP2610"}
    equipment = {r["Asset ID"]: r for r in table(out, "Equipment due")}
    assert [k for k, r in equipment.items() if r["Status"] == "Overdue"] == \
        ["EQ-10", "EQ-11", "EQ-01", "EQ-12"]  # most overdue first
    assert {k for k, r in equipment.items() if r["Status"] == "Due soon"} == \
        {"EQ-02", "EQ-03", "EQ-05", "EQ-07"}
    assert equipment["EQ-10"]["In service"] == "No"
    assert day(equipment["EQ-01"]["Next service"]) == dt.date(2026, 11, 16)  # 05-20 + 180
    codes = sorted(r["Code"] for r in table(out, "Check these"))
    assert codes == ["inventory-item-conflict", "inventory-no-cost", "inventory-no-expiry",
                     "inventory-usage-unknown-item", "inventory-vendor-unknown"]


@pytest.mark.parametrize("today", [dt.datetime(2026, 12, 20, 9), dt.datetime(2027, 3, 15, 9)])
def test_example_still_useful_in_the_months_after(office_with_examples, today):
    """`python scripts/inventory.py` with no arguments runs as of today."""
    out, err = io.StringIO(), io.StringIO()
    command = InventoryCommand(stdout=out, stderr=err, folders=office_with_examples,
                               clock=lambda: today)
    assert command.main([]) == 0, err.getvalue()
    path = office_with_examples.outbox / f"inventory_{today.date().isoformat()}.xlsx"
    assert len(table(path, "Reorder")) >= 15
    expired = [r for r in table(path, "Expiring") if r["Status"] == "Expired"]
    assert len(expired) > 4
    assert sum(r["Status"] == "Overdue" for r in table(path, "Equipment due")) > 4
    stock = table(path, "Stock levels")
    assert sum(r["Days of supply"] is not None for r in stock) > 40
    stale = [r for r in table(path, "Check these") if r["Code"] == "inventory-usage-stale"]
    assert len(stale) == 1 and "ends 2026-11-25" in stale[0]["Message"]


def test_outputs_recalculate_the_same_in_libreoffice(example_run, libreoffice_recalc):
    assert libreoffice_recalc(example_run.outbox / f"inventory_{AS_OF}.xlsx") >= 8
    po = example_run.outbox / f"inventory_{AS_OF}_PO_Summit_Office_Products.xlsx"
    assert libreoffice_recalc(po) == 1


def test_order_totals_are_live_formulas_with_exact_cached_values(example_run):
    path = example_run.outbox / f"inventory_{AS_OF}.xlsx"
    cached = openpyxl.load_workbook(path, data_only=True)
    formulas = openpyxl.load_workbook(path)
    vendors = table(path, "Orders by vendor")
    total_row = len(vendors) + 2
    assert formulas["Orders by vendor"].cell(total_row, 3).value == \
        f"=SUBTOTAL(109,C2:C{total_row - 1})"
    # 994.50 + 1,179.30 + 2,884.00 + 178.00, added in cents
    assert cached["Orders by vendor"].cell(total_row, 3).value == pytest.approx(5235.80)
    for vendor in vendors:
        sheet = vendor["Purchase order"]
        lines = table(path, sheet)
        ws = cached[sheet]
        assert ws.cell(len(lines) + 2, 1).value == "Order total"
        assert ws.cell(len(lines) + 2, 9).value == pytest.approx(vendor["Order total"])


def test_script_runs_as_a_real_subprocess(tmp_path):
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "scripts/inventory.py", str(EXAMPLES / "inventory.xlsx"),
         "--settings", str(EXAMPLES / "settings.xlsx"), "--as-of", AS_OF, "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Riverside Family Practice: inventory as of 2026-11-27" in done.stdout
    assert "19 item(s) to reorder from 4 vendor(s), cost to restock $5,235.80 " \
           "(1 with unit cost unknown)" in done.stdout
    assert "4 expired lot(s) to remove ($442.85)" in done.stdout  # 18.50+11.85+360+52.50
    assert "Equipment: 4 overdue, 4 due soon, 1 out of service" in done.stdout
    assert (out / "inventory_2026-11-27.xlsx").exists()
