"""inventory.py on a usage log split over two files, out of date order, with several rows a
day, decimal quantities, future rows and unknown IDs (the cases the vectorised usage
summary and the column-wise item grouping must get exactly right). Numbers by hand."""

from __future__ import annotations

import datetime as dt

from medoffice.cli.inventory import InventoryCommand
from test_inventory_cli import by_id, day, supply, table, write_inventory
from workbook_builder import write_workbook

AS_OF = "2026-11-30"
D = dt.date.fromisoformat

# count.xlsx Usage rows 2-6, usage2.xlsx Usage rows 2-7.
COUNT_USAGE = [("2026-11-10", "USE", 4), ("2026-12-06", "USE", 1), ("2026-11-01", "USE", 2),
               ("2026-12-05", "ZZZ", 7), ("2026-11-10", "USE", 2)]
MORE_USAGE = [("2026-12-05", "USE", 3), ("2026-11-12", "USE", 3), ("2026-11-12", "ZZZ", 1),
              ("2026-11-12", "USE", 1), ("2026-11-12", "DEC", 0.1), ("2026-11-12", "DEC", 0.2)]


def test_usage_log_over_two_files(tmp_path, run_command):
    rows = [supply("USE", 30, pack=1, par=100, point=50, cost=1, vendor="Acme Medical"),
            supply("DEC", 3, pack=1, par=1, cost=1, vendor="Acme Medical")]
    count = write_inventory(tmp_path / "count.xlsx", rows, usage=COUNT_USAGE)
    more = write_workbook(tmp_path / "usage2.xlsx", {"Usage": [
        ["Date", "Item ID", "Quantity used"], *[[D(d), i, q] for d, i, q in MORE_USAGE]]})
    run = run_command(InventoryCommand, count, more, "--as-of", AS_OF)
    assert run.code == 0, run.err
    out = run.outbox / f"inventory_{AS_OF}.xlsx"
    checks = {r["Code"]: r for r in table(out, "Check these")}
    # Three rows after 2026-11-30; the first by date is 2026-12-05, in count.xlsx row 5
    # and usage2.xlsx row 2: the one read first (count.xlsx, A5) is named.
    future = checks["inventory-usage-future"]
    assert (future["File"], future["Cell"]) == ("count.xlsx", "A5")
    assert future["Message"].startswith(
        "3 usage rows are dated after the as-of date 2026-11-30 (the first 2026-12-05)")
    # ZZZ: one future row and one past row, both counted, named at its first row.
    unknown = checks["inventory-usage-unknown-item"]
    assert (unknown["File"], unknown["Cell"]) == ("count.xlsx", "B5")
    assert "Item ID ZZZ is used on 2 usage rows" in unknown["Message"]
    # The log ends 2026-11-12 (18 days before): named at its first row of that date.
    stale = checks["inventory-usage-stale"]
    assert (stale["File"], stale["Cell"]) == ("usage2.xlsx", "A3")
    assert "ends 2026-11-12, 18 days before" in stale["Message"]
    assert "averages are over the 12 days up to 2026-11-12" in stale["Message"]

    stock = by_id(table(out, "Stock levels"))
    use, dec = stock["USE"], stock["DEC"]
    # USE by day: 11-01 2, 11-10 4 + 2 = 6, 11-12 3 + 1 = 4; 12 / 12 days = 1 a day.
    # 30 on hand / 1 = 30.0 days; out on 2026-11-30 + 30 = 2026-12-30.
    assert (use["Average daily use"], use["Days of supply"]) == (1, 30)
    assert day(use["Stock-out date"]) == D("2026-12-30")
    # Spread over the 12 days, by day (not by row): (2-1)^2 + (6-1)^2 + (4-1)^2 = 35, and
    # 9 days without use at (0-1)^2 = 9: 44 / 12 = 11/3. Suggested par (lead 5 + 14 = 19):
    # 1 x 19 + 1.65 x sqrt(11/3 x 19) = 19 + 1.65 x 8.3467 = 32.77 -> 33.
    # (Squared by row it would be 19 + 1.65 x sqrt(22/12 x 19) = 28.74 -> 29.)
    assert use["Suggested par level"] == 33
    # DEC: 0.1 + 0.2 = 0.3 exactly (not 0.30000000000000004); 0.3 / 12 = 0.025 a day
    # (0.03 shown); 3 / 0.025 = 120.0 days exactly, out on 2026-11-30 + 120 = 2027-03-30
    # (a float sum would give 119.99... days and 2027-03-29).
    assert (dec["Average daily use"], dec["Days of supply"]) == (0.03, 120)
    assert day(dec["Stock-out date"]) == D("2027-03-30")


def test_item_facts_agree_case_blind_and_the_first_given_wins(tmp_path, run_command):
    rows = [supply("X1", 1, vendor="Acme Medical", cost=1),              # row 2
            supply("X1", 1, vendor="ACME medical", par=10, cost=1),       # row 3
            supply("X1", 1, par=10.0, cost=1.0),                          # row 4
            supply("X1", 1, vendor="Beta Supply", par=12, cost=1)]        # row 5
    path = write_inventory(tmp_path / "count.xlsx", rows)
    run = run_command(InventoryCommand, path, "--as-of", AS_OF)
    assert run.code == 0, run.err
    out = run.outbox / f"inventory_{AS_OF}.xlsx"
    # "ACME medical" agrees with "Acme Medical", 10.0 with 10, a blank with anything; the
    # first disagreeing row (5) is named against the first row that gives the fact.
    conflicts = {r["Cell"]: r["Message"] for r in table(out, "Check these")
                 if r["Code"] == "inventory-item-conflict"}
    assert sorted(conflicts) == ["H5", "K5"]
    assert conflicts["H5"].startswith("rows of item X1 disagree on Par level: 12 here, 10 at H3.")
    assert conflicts["K5"].startswith(
        'rows of item X1 disagree on Vendor: "Beta Supply" here, "Acme Medical" at K2.')
    x1 = by_id(table(out, "Stock levels"))["X1"]
    # par 10 from row 3, vendor Acme Medical from row 2; 4 lots of 1 = 4 on hand, below
    # par 10 without a reorder point: reorder up to par.
    assert (x1["Par level"], x1["Vendor"], x1["Usable on hand"], x1["Status"]) == (
        10, "Acme Medical", 4, "Reorder")
