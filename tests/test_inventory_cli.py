"""inventory.py through the real command on real workbooks: expiry, reorders, purchase
orders, vendor minimums, usage and equipment, every number worked out by hand.

As-of date 2026-11-27 throughout unless a test says otherwise; warning windows 30/60/90.
"""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest
from medoffice.cli.inventory import InventoryCommand
from workbook_builder import write_workbook

AS_OF = "2026-11-27"
D = dt.date.fromisoformat

SUPPLY_HEADER = ["Item ID", "Item", "Category", "Unit", "Pack size", "On hand", "On order",
                 "Par level", "Reorder point", "Unit cost", "Vendor", "Location", "Lot",
                 "Expires"]
VENDOR_HEADER = ["Vendor", "Email", "Phone", "Lead time (days)", "Minimum order"]
VENDORS = [
    VENDOR_HEADER,
    ["Acme Medical", "orders@acme.example", "555-0100", 5, 100],
    ["Beta Supply", "sales@beta.example", "555-0200", 3, 500],
    ["Gamma Office", "gamma@office.example", "+1-555-0300", 2, 200],
    ["Delta Labs", "delta@labs.example", "555-0400", 4, 51],
]
EQUIPMENT_HEADER = ["Asset ID", "Equipment", "Location", "Serial number", "Last service",
                    "Service every (days)", "Next service", "Status"]


def supply(item_id, on_hand, *, item=None, category="", unit="each", pack=None,
           on_order=None, par=None, point=None, cost=None, vendor=None, location="Supply room",
           lot=None, expires=None):
    """One Supplies row, in SUPPLY_HEADER order."""
    return [item_id, item or f"Item {item_id}", category, unit, pack, on_hand, on_order, par,
            point, cost, vendor, location, lot, D(expires) if expires else None]


def write_inventory(path, supplies, *, usage=None, equipment=None, vendors=VENDORS):
    """An inventory workbook with the given sheets (None leaves a sheet out)."""
    sheets = {"Supplies": [SUPPLY_HEADER, *supplies]}
    if usage is not None:
        sheets["Usage"] = [["Date", "Item ID", "Quantity used"],
                           *[[D(d), i, q] for d, i, q in usage]]
    if equipment is not None:
        sheets["Equipment"] = [EQUIPMENT_HEADER, *equipment]
    if vendors is not None:
        sheets["Vendors"] = vendors
    return write_workbook(path, sheets)


def table(path, sheet):
    """A table sheet's data rows as dicts (header in row 1; stops at the total row or the
    first blank first cell, so a purchase order's contact lines are left out)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    out = []
    for row in rows[1:]:
        if row[0] is None or row[0] in ("Total", "Order total"):
            break
        out.append(dict(zip(header, row, strict=True)))
    return out


def by_id(rows, key="Item ID"):
    return {r[key]: r for r in rows}


def day(value):
    """openpyxl reads dates as datetimes."""
    return value.date() if isinstance(value, dt.datetime) else value


# --------------------------------------------------------------------------- expiry

EXPIRY_LOTS = [
    # lot, on hand, expires                   days left  status          before delivery (5 d)
    ("L-PAST", 3, "2026-11-26"),   # -1      Expired         (not stock)
    ("L-TODAY", 5, "2026-11-27"),  # 0       Within 30 days  yes
    ("L-TOMORROW", 7, "2026-11-28"),  # 1    Within 30 days  yes
    ("L-EVE", 1, "2026-12-01"),    # 4       Within 30 days  yes (gone the day before delivery)
    ("L-DELIV", 3, "2026-12-02"),  # 5       Within 30 days  no  (usable on delivery day)
    ("L-30", 2, "2026-12-27"),     # 30      Within 30 days  no
    ("L-31", 2, "2026-12-28"),     # 31      Within 60 days  no
    ("L-90", 2, "2027-02-25"),     # 90      Within 90 days  no
    ("L-91", 2, "2027-02-26"),     # 91      not listed      no
]


@pytest.fixture
def expiry_run(tmp_path, run_command):
    rows = [supply("VAC", qty, item="Flu vaccine", category="Vaccines", unit="dose", pack=10,
                   par=100, point=30, cost=10, vendor="Acme Medical",
                   location="Vaccine fridge", lot=lot, expires=exp)
            for lot, qty, exp in EXPIRY_LOTS]
    path = write_inventory(tmp_path / "count.xlsx", rows)
    run = run_command(InventoryCommand, path, "--as-of", AS_OF)
    assert run.code == 0, run.err
    return run.outbox / f"inventory_{AS_OF}.xlsx"


def test_lot_usable_through_its_expiry_date_and_expired_the_day_after(expiry_run):
    rows = table(expiry_run, "Expiring")
    got = [(r["Lot"], r["Days left"], r["Status"]) for r in rows]
    assert got == [
        ("L-PAST", -1, "Expired"), ("L-TODAY", 0, "Within 30 days"),
        ("L-TOMORROW", 1, "Within 30 days"), ("L-EVE", 4, "Within 30 days"),
        ("L-DELIV", 5, "Within 30 days"), ("L-30", 30, "Within 30 days"),
        ("L-31", 31, "Within 60 days"), ("L-90", 90, "Within 90 days"),
    ]  # L-91 is beyond the last window
    past = rows[0]
    assert past["Quantity"] == 3 and past["Value"] == 30  # 3 doses x $10.00
    assert past["Action"] == "Remove from stock"
    assert day(past["Expires"]) == D("2026-11-26")
    assert rows[1]["Action"] == "Use first"  # L-TODAY expires first at the fridge
    assert rows[2]["Action"] == "Use after lot L-TODAY"


def test_expired_lots_are_not_stock_and_expiring_before_delivery_is_deducted(expiry_run):
    [row] = table(expiry_run, "Reorder")
    # usable: 5 + 7 + 1 + 3 + 2 + 2 + 2 + 2 = 24 (L-PAST's 3 are expired)
    # expiring before delivery (Acme: 5 days, delivery 2026-12-02): 5 + 7 + 1 = 13
    # projected = 24 - 13 + 0 = 11 <= reorder point 30; need 100 - 11 = 89 -> 9 packs of 10
    assert row["Usable on hand"] == 24
    assert row["Expiring before delivery"] == 13
    assert row["Projected"] == 11
    assert (row["Order quantity"], row["Packs"]) == (90, 9)
    assert row["Order cost"] == 900  # 90 x $10.00
    stock = by_id(table(expiry_run, "Stock levels"))["VAC"]
    assert stock["Expired"] == 3 and stock["Status"] == "Reorder"


def test_summary_shows_expired_value(expiry_run):
    wb = openpyxl.load_workbook(expiry_run)
    figures = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True) if r[0]}
    assert figures["Expired lots to remove"] == 1
    assert figures["Value of expired stock"] == 30
    assert figures["Lots expiring within 30 days"] == 5  # L-TODAY .. L-30
    assert figures["Cost to restock"] == 900
    assert figures["Restock cost by vendor: Acme Medical"] == 900
    assert figures["Restock cost by category: Vaccines"] == 900


def test_use_first_names_the_lot_expiring_soonest_at_each_location(tmp_path, run_command):
    rows = [
        supply("TST", 4, lot="B2", expires="2027-03-01", location="Lab", par=10, point=2),
        supply("TST", 6, lot="A1", expires="2027-01-15", location="Lab"),
        supply("TST", 9, lot="A0", expires="2026-11-01", location="Lab"),  # expired: skipped
        supply("TST", 2, lot="C3", expires="2027-05-01", location="Exam room"),
        supply("TST", 5, lot="NX", location="Exam room"),  # no date: after the dated lot
    ]
    path = write_inventory(tmp_path / "count.xlsx", rows)
    run = run_command(InventoryCommand, path, "--as-of", AS_OF)
    out = run.outbox / f"inventory_{AS_OF}.xlsx"
    got = [(r["Location"], r["Lot"], r["Lots here"], r["Then"], r["Days left"])
           for r in table(out, "Use first")]
    # 2027-01-15 is 49 days after 2026-11-27; 2027-05-01 is 155 days after
    assert got == [("Exam room", "C3", 2, "NX", 155), ("Lab", "A1", 2, "B2", 49)]


# --------------------------------------------------------------------------- reorders

ORDER_ROWS = [
    # projected 15 <= reorder point 15 -> need 40 - 15 = 25 -> 3 packs of 10 = 30, $268.50
    supply("GLOVE", 15, pack=10, par=40, point=15, cost=8.95, vendor="Beta Supply",
           category="PPE"),
    # projected 10 + 50 on order = 60 > 30: no order
    supply("MASK", 10, pack=50, on_order=50, par=100, point=30, cost=0.2, vendor="Beta Supply",
           category="PPE"),
    # projected 10 + 10 on order = 20 <= 30 -> need 80 -> 2 packs of 50 = 100, $85.00
    supply("GOWN", 10, pack=50, on_order=10, par=100, point=30, cost=0.85,
           vendor="Beta Supply", category="PPE"),
    # no reorder point: 11 < par 12 -> need 1 -> 1 pack of 12, $51.00
    supply("PAPER", 11, pack=12, par=12, cost=4.25, vendor="Beta Supply", category="Exam"),
    # no reorder point: 12 is not below par 12 -> no order
    supply("PAPER2", 12, pack=12, par=12, cost=4.25, vendor="Beta Supply", category="Exam"),
    # no par level: untracked, never ordered
    supply("CLIP", 0, cost=2.10, vendor="Gamma Office", category="Office"),
    # unit cost unknown: 1 pack of 50, cost left blank
    supply("HGB", 12, pack=50, par=50, point=20, vendor="Beta Supply", category="Test kits",
           lot="H1", expires="2027-06-30"),
    # 1 <= 1 -> need 2 -> 2 x $89.00 = $178.00 < Gamma's $200 minimum (short $22.00)
    supply("TONER", 1, pack=1, par=3, point=1, cost=89, vendor="Gamma Office",
           category="Office"),
    # 0 < 1 -> 1 x $51.00 = $51.00, exactly Delta's minimum: not below it
    supply("SWAB", 0, par=1, cost=51, vendor="Delta Labs", category="Lab"),
]


@pytest.fixture
def order_run(tmp_path, run_command):
    path = write_inventory(tmp_path / "count.xlsx", ORDER_ROWS)
    run = run_command(InventoryCommand, path, "--as-of", AS_OF, "--po-files")
    assert run.code == 0, run.err
    return run


def test_reorder_rounds_up_to_whole_packs_and_counts_on_order(order_run):
    out = order_run.outbox / f"inventory_{AS_OF}.xlsx"
    rows = by_id(table(out, "Reorder"))
    assert set(rows) == {"GLOVE", "GOWN", "PAPER", "HGB", "TONER", "SWAB"}
    glove, gown, paper = rows["GLOVE"], rows["GOWN"], rows["PAPER"]
    assert (glove["Projected"], glove["Order quantity"], glove["Packs"]) == (15, 30, 3)
    assert glove["Order cost"] == pytest.approx(268.50)
    assert (gown["On order"], gown["Projected"], gown["Order quantity"], gown["Packs"]) == \
        (10, 20, 100, 2)
    assert gown["Order cost"] == 85
    assert (paper["Reorder point"], paper["Order quantity"], paper["Packs"]) == (None, 12, 1)
    assert paper["Order cost"] == 51
    assert rows["TONER"]["Order cost"] == 178
    assert rows["GLOVE"]["Urgent"] is None  # no usage log: urgency unknown, not "No"


def test_unknown_unit_cost_is_blank_never_zero(order_run):
    out = order_run.outbox / f"inventory_{AS_OF}.xlsx"
    hgb = by_id(table(out, "Reorder"))["HGB"]
    assert (hgb["Order quantity"], hgb["Packs"]) == (50, 1)
    assert hgb["Unit cost"] is None and hgb["Order cost"] is None
    assert hgb["Note"] == "Unit cost unknown: ask the vendor"
    po = by_id(table(out, "PO Beta Supply"))["HGB"]
    assert po["Unit cost"] is None and po["Line total"] is None and po["Pack price"] is None
    stock = by_id(table(out, "Stock levels"))["HGB"]
    assert stock["Unit cost"] is None and stock["Stock value"] is None
    codes = [r["Code"] for r in table(out, "Check these")]
    assert "inventory-no-cost" in codes


def test_untracked_items_are_listed_not_ordered(order_run):
    out = order_run.outbox / f"inventory_{AS_OF}.xlsx"
    stock = by_id(table(out, "Stock levels"))
    assert stock["CLIP"]["Status"] == "Untracked (no par level)"
    assert stock["MASK"]["Status"] == "OK" and stock["PAPER2"]["Status"] == "OK"
    assert stock["GLOVE"]["Status"] == "Reorder"


def test_orders_by_vendor_flag_totals_below_the_minimum(order_run):
    out = order_run.outbox / f"inventory_{AS_OF}.xlsx"
    vendors = by_id(table(out, "Orders by vendor"), "Vendor")
    assert list(vendors) == ["Beta Supply", "Delta Labs", "Gamma Office"]
    beta, delta, gamma = vendors["Beta Supply"], vendors["Delta Labs"], vendors["Gamma Office"]
    # Beta: 268.50 + 85.00 + 51.00 = 404.50 known, below $500, and HGB's cost is unknown
    assert (beta["Lines"], beta["Order total"], beta["Lines without cost"]) == (4, 404.5, 1)
    assert beta["Below minimum"] == "Cost unknown" and beta["Short of minimum"] is None
    assert (gamma["Order total"], gamma["Below minimum"], gamma["Short of minimum"]) == \
        (178, "Yes", 22)
    assert (delta["Order total"], delta["Minimum order"], delta["Below minimum"]) == \
        (51, 51, "No")
    assert gamma["Purchase order"] == "PO Gamma Office"


def test_purchase_order_sheet_has_lines_live_total_and_vendor_contact(order_run):
    out = order_run.outbox / f"inventory_{AS_OF}.xlsx"
    wb = openpyxl.load_workbook(out)
    assert [s for s in wb.sheetnames if s.startswith("PO ")] == \
        ["PO Beta Supply", "PO Delta Labs", "PO Gamma Office"]
    ws = wb["PO Beta Supply"]
    header = [c.value for c in ws[1]]
    assert header == ["Item ID", "Item", "Unit", "Pack size", "Packs", "Quantity", "Unit cost",
                      "Pack price", "Line total", "Note"]
    lines = table(out, "PO Beta Supply")
    assert [r["Item ID"] for r in lines] == ["GLOVE", "GOWN", "HGB", "PAPER"]
    glove = lines[0]
    assert (glove["Packs"], glove["Quantity"], glove["Unit cost"]) == (3, 30, 8.95)
    assert glove["Pack price"] == pytest.approx(89.5) and glove["Line total"] == 268.5
    total_row = 2 + len(lines)
    assert ws.cell(total_row, 1).value == "Order total"
    assert ws.cell(total_row, 9).value == f"=SUBTOTAL(109,I2:I{total_row - 1})"
    footer = {ws.cell(r, 1).value: ws.cell(r, 2).value
              for r in range(total_row + 2, ws.max_row + 1)}
    assert footer["Vendor"] == "Beta Supply"
    assert footer["Email"] == "sales@beta.example" and footer["Phone"] == "555-0200"
    assert footer["Minimum"] == "$500.00 per order"
    assert footer["Note"] == "perhaps below the minimum order: some unit costs are unknown"
    assert ws.column_dimensions["A"].width >= len("Order date") + 1  # labels are not cut
    gamma = openpyxl.load_workbook(out)["PO Gamma Office"]
    texts = [gamma.cell(r, 2).value for r in range(1, gamma.max_row + 1)]
    assert "below the minimum order: add $22.00" in texts
    assert "+1-555-0300" in texts  # a phone number starting with + stays text


def test_po_files_one_printable_workbook_per_vendor(order_run):
    names = [p.name for p in order_run.outputs("*.xlsx")]
    assert names == [f"inventory_{AS_OF}.xlsx", f"inventory_{AS_OF}_PO_Beta_Supply.xlsx",
                     f"inventory_{AS_OF}_PO_Delta_Labs.xlsx",
                     f"inventory_{AS_OF}_PO_Gamma_Office.xlsx"]
    path = order_run.outbox / f"inventory_{AS_OF}_PO_Gamma_Office.xlsx"
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Summary", "PO Gamma Office", "Check these", "About"]
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True) if r[0]}
    assert summary["Purchase order: Gamma Office"] is None  # the title
    assert summary["Vendor"] == "Gamma Office" and summary["Phone"] == "+1-555-0300"
    assert summary["Order total"] == 178 and summary["Minimum order"] == 200
    assert [r["Item ID"] for r in table(path, "PO Gamma Office")] == ["TONER"]
    about = [r[0] for r in wb["About"].iter_rows(values_only=True)]
    assert "Settings used" in about
    # nothing about the office's settings goes to the vendor
    settings_row = about.index("Settings used")
    assert all(v is None for v in about[settings_row + 2:])


def test_console_and_json_summaries(tmp_path, run_command):
    path = write_inventory(tmp_path / "count.xlsx", ORDER_ROWS)
    run = run_command(InventoryCommand, path, "--as-of", AS_OF)
    assert "6 item(s) to reorder from 3 vendor(s), cost to restock $633.50 " \
           "(1 with unit cost unknown)" in run.out  # 404.50 + 51.00 + 178.00
    run = run_command(InventoryCommand, path, "--as-of", AS_OF, "--json")
    report = json.loads(run.out)
    figures = report["figures"]
    assert figures["restock_cost"] == "633.50" and figures["items_to_reorder"] == 6
    assert figures["restock_cost_by_vendor"] == {"Beta Supply": "404.50", "Delta Labs": "51.00",
                                                 "Gamma Office": "178.00"}
    assert figures["vendors_below_minimum"] == ["Gamma Office"]


def test_vendor_names_match_case_blind_and_unknown_lead_time_is_seven_days(
        tmp_path, run_command):
    vendors = [VENDOR_HEADER, ["Acme Medical", None, None, None, None]]
    rows = [
        # Acme's lead time is blank: 7 days, so a lot expiring 2026-12-03 (6 days) is
        # expiring before delivery: projected = 10 - 4 = 6 < par 8 -> 2 units
        supply("A", 6, par=8, cost=1, vendor="ACME  medical"),
        supply("A", 4, lot="X", expires="2026-12-03"),
    ]
    path = write_inventory(tmp_path / "count.xlsx", rows, vendors=vendors)
    run = run_command(InventoryCommand, path, "--as-of", AS_OF)
    out = run.outbox / f"inventory_{AS_OF}.xlsx"
    [row] = table(out, "Reorder")
    assert row["Vendor"] == "Acme Medical" and row["Lead time (days)"] == 7
    assert (row["Expiring before delivery"], row["Projected"], row["Order quantity"]) == \
        (4, 6, 2)
    notes = [r[0] for r in openpyxl.load_workbook(out)["Summary"].iter_rows(values_only=True)]
    assert "Lead time unknown for Acme Medical: 7 days assumed." in notes


# --------------------------------------------------------------------------- usage

def test_usage_gives_days_of_supply_stock_out_urgency_and_suggested_par(
        tmp_path, run_command):
    rows = [supply("USE", 30, pack=1, par=100, point=50, cost=1, vendor="Acme Medical"),
            supply("FAST", 8, pack=1, par=100, point=50, cost=1, vendor="Acme Medical"),
            supply("IDLE", 5, pack=1, par=100, point=50, cost=1, vendor="Acme Medical")]
    # The log runs 2026-11-18 to 2026-11-26: 9 calendar days.
    usage = [("2026-11-18", "USE", 9), ("2026-11-20", "USE", 9), ("2026-11-26", "USE", 9),
             ("2026-11-18", "FAST", 18)]
    path = write_inventory(tmp_path / "count.xlsx", rows, usage=usage)
    run = run_command(InventoryCommand, path, "--as-of", AS_OF)
    assert run.code == 0, run.err
    out = run.outbox / f"inventory_{AS_OF}.xlsx"
    got = by_id(table(out, "Reorder"))
    use, fast, idle = got["USE"], got["FAST"], got["IDLE"]
    # USE: 27 / 9 days = 3 a day; 30 / 3 = 10.0 days >= Acme's 5: not urgent
    assert (use["Average daily use"], use["Days of supply"], use["Urgent"]) == (3, 10, "No")
    assert day(use["Stock-out date"]) == D("2026-12-07")  # 2026-11-27 + 10 days
    # FAST: 18 / 9 = 2 a day; 8 / 2 = 4.0 days < 5: urgent, out on 2026-12-01
    assert (fast["Average daily use"], fast["Days of supply"], fast["Urgent"]) == (2, 4, "Yes")
    assert day(fast["Stock-out date"]) == D("2026-12-01")
    # Suggested par = average x (5 + 14) + 1.65 x sd x sqrt(19), rounded up:
    # USE daily use 9,0,9,0,0,0,0,0,9: variance (3 x 36 + 6 x 9) / 9 = 18;
    #   57 + 1.65 x sqrt(18 x 19) = 57 + 30.51 = 87.51 -> 88
    # FAST 18 then eight 0s: variance (256 + 8 x 4) / 9 = 32; 38 + 1.65 x sqrt(608) = 78.69 -> 79
    assert (use["Suggested par level"], fast["Suggested par level"]) == (88, 79)
    assert use["Par level"] == 100  # the suggestion is never applied
    # IDLE was not used: no days of supply, no stock-out, no suggestion, not urgent
    assert (idle["Days of supply"], idle["Stock-out date"], idle["Suggested par level"],
            idle["Urgent"]) == (None, None, None, "No")
    assert [r["Item ID"] for r in table(out, "Reorder")][0] == "FAST"  # urgent first


def test_usage_window_is_the_last_90_days_of_the_log(tmp_path, run_command):
    rows = [supply("USE", 45, par=10, cost=1, vendor="Acme Medical")]
    # The log ends 2026-11-26, so the window is 2026-08-29 to 2026-11-26 (90 days); the
    # 1000 used on 2026-08-28 fall outside it. (90 + 90) / 90 = 2 a day; 45 / 2 = 22.5 days.
    usage = [("2026-08-28", "USE", 1000), ("2026-08-29", "USE", 90),
             ("2026-11-26", "USE", 90)]
    path = write_inventory(tmp_path / "count.xlsx", rows, usage=usage)
    run = run_command(InventoryCommand, path, "--as-of", AS_OF)
    stock = by_id(table(run.outbox / f"inventory_{AS_OF}.xlsx", "Stock levels"))["USE"]
    assert (stock["Average daily use"], stock["Days of supply"]) == (2, 22.5)
    notes = [r[0] for r in openpyxl.load_workbook(run.outbox / f"inventory_{AS_OF}.xlsx")
             ["Summary"].iter_rows(values_only=True) if r[0]]
    assert "Average daily use: 90 days, 2026-08-29 to 2026-11-26." in notes


def test_stale_and_future_usage_are_reported(tmp_path, run_command):
    rows = [supply("USE", 20, par=10, cost=1, vendor="Acme Medical")]
    usage = [("2026-11-01", "USE", 10), ("2026-11-10", "USE", 10), ("2026-12-05", "USE", 5)]
    path = write_inventory(tmp_path / "count.xlsx", rows, usage=usage)
    # As of 2026-11-30: the 2026-12-05 row is in the future; the log (up to it) ends
    # 2026-11-10, 20 days earlier: averages over 2026-11-01..10 = 20 / 10 = 2 a day.
    run = run_command(InventoryCommand, path, "--as-of", "2026-11-30")
    assert run.code == 0, run.err
    out = run.outbox / "inventory_2026-11-30.xlsx"
    checks = {r["Code"]: r for r in table(out, "Check these")}
    assert checks["inventory-usage-future"]["Cell"] == "A4"
    assert "1 usage row is dated after the as-of date 2026-11-30" in \
        checks["inventory-usage-future"]["Message"]
    assert checks["inventory-usage-stale"]["Cell"] == "A3"
    assert "ends 2026-11-10, 20 days before" in checks["inventory-usage-stale"]["Message"]
    assert by_id(table(out, "Stock levels"))["USE"]["Average daily use"] == 2


# --------------------------------------------------------------------------- equipment

def test_equipment_status_and_order(tmp_path, run_command):
    equipment = [
        ["E1", "AED", "Hall", "S1", D("2026-10-28"), 30, None, None],  # due 11-27: 0 days
        ["E2", "Autoclave", "Sterile", None, D("2026-10-27"), 30, None, None],  # 11-26: -1
        # Next service wins over last + interval (which would give 2026-01-31)
        ["E3", "ECG", "Proc", None, D("2026-01-01"), 30, D("2026-12-27"), "In service"],
        ["E4", "Scale", "Exam 1", None, None, None, D("2026-12-28"), None],  # 31 days: OK
        ["E5", "Fridge", "Vaccine room", None, None, None, None, None],  # no date
        ["E6", "Exam table", "Exam 2", None, D("2026-06-01"), 365, None, "Out of service"],
    ]
    path = write_inventory(tmp_path / "count.xlsx", [supply("A", 1)], equipment=equipment)
    run = run_command(InventoryCommand, path, "--as-of", AS_OF)
    assert run.code == 0, run.err
    out = run.outbox / f"inventory_{AS_OF}.xlsx"
    rows = table(out, "Equipment due")
    got = [(r["Asset ID"], day(r["Next service"]), r["Days until due"], r["Status"],
            r["In service"]) for r in rows]
    assert got == [
        ("E5", None, None, "Overdue", "Yes"),
        ("E2", D("2026-11-26"), -1, "Overdue", "Yes"),
        ("E1", D("2026-11-27"), 0, "Due soon", "Yes"),
        ("E3", D("2026-12-27"), 30, "Due soon", "Yes"),
        ("E4", D("2026-12-28"), 31, "OK", "Yes"),
        ("E6", D("2027-06-01"), 186, "OK", "No"),
    ]
    [check] = [r for r in table(out, "Check these") if r["Code"] == "inventory-equipment-no-date"]
    assert check["Cell"] == "E6" and "Fridge (E5)" in check["Message"]
    assert "Equipment: 2 overdue, 2 due soon, 1 out of service" in run.out


def test_due_soon_follows_the_first_warning_window(tmp_path, run_command):
    settings = write_workbook(tmp_path / "settings.xlsx", {
        "Settings": [["Setting", "Value"], ["Expiry warning days", "14, 45"]]})
    equipment = [["E1", "AED", None, None, None, None, D("2026-12-11"), None],  # 14 days
                 ["E2", "ECG", None, None, None, None, D("2026-12-12"), None]]  # 15 days
    rows = [supply("A", 1, lot="L1", expires="2026-12-11"),   # 14 days: Within 14 days
            supply("A", 1, lot="L2", expires="2026-12-12")]   # 15 days: Within 45 days
    path = write_inventory(tmp_path / "count.xlsx", rows, equipment=equipment)
    run = run_command(InventoryCommand, path, "--settings", settings, "--as-of", AS_OF)
    out = run.outbox / f"inventory_{AS_OF}.xlsx"
    assert [r["Status"] for r in table(out, "Equipment due")] == ["Due soon", "OK"]
    assert [r["Status"] for r in table(out, "Expiring")] == ["Within 14 days",
                                                             "Within 45 days"]


# --------------------------------------------------------------------------- dates

def test_as_of_defaults_to_today_from_the_clock(office, tmp_path):
    import io

    write_inventory(office.inbox / "count.xlsx",
                    [supply("A", 1, lot="L", expires="2026-12-02")])
    out, err = io.StringIO(), io.StringIO()
    command = InventoryCommand(stdout=out, stderr=err, folders=office,
                               clock=lambda: dt.datetime(2026, 12, 1, 8, 30))
    assert command.main([]) == 0, err.getvalue()
    path = office.outbox / "inventory_2026-12-01.xlsx"
    assert path.exists()
    assert [r["Days left"] for r in table(path, "Expiring")] == [1]


def test_bad_as_of_is_a_usage_error(tmp_path, run_command, capsys):
    path = write_inventory(tmp_path / "count.xlsx", [supply("A", 1)])
    run = run_command(InventoryCommand, path, "--as-of", "27/11/2026")
    assert run.code == 2
    # argparse may print to the command's stream or to the process's stderr
    assert "'27/11/2026' is not a date like 2026-11-15" in run.err + capsys.readouterr().err
    assert run.outputs() == []
