"""Payroll outputs (DESIGN §5): the workbook's tables, the provider export, the pay stubs;
on the example office (hand-checked in workbooks/examples/make_examples.py) and on
small offices built here. Outputs are recalculated in LibreOffice and one run is a real
`python scripts/payroll.py` subprocess."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest
from libreoffice import calibri_metrics, needs_libreoffice, pdf_pages, print_to_pdf
from medoffice.cli.payroll import PayrollCommand
from medoffice.report import (
    Col,
    Document,
    DocumentBook,
    Fields,
    Grid,
    Heading,
    Paragraph,
    render_documents,
)
from test_payroll_kit import PayrollRun, day, hours_row, punch_row, staff_row, write_office

REPO = Path(__file__).resolve().parents[1]
PERIOD = "2026-11-15_to_2026-11-28"


@pytest.fixture(scope="module")
def example_run(tmp_path_factory) -> PayrollRun:
    """The example office's payroll, run once for this module."""
    import io
    import shutil

    from medoffice.cli.base import Folders

    root = tmp_path_factory.mktemp("office")
    folders = Folders(inbox=root / "inbox", outbox=root / "outbox", examples=root / "examples",
                      settings=root / "settings.xlsx")
    for folder in (folders.inbox, folders.outbox, folders.examples):
        folder.mkdir()
    for path in (REPO / "workbooks" / "examples").glob("*.xlsx"):
        shutil.copy2(path, folders.examples / path.name)
    out, err = io.StringIO(), io.StringIO()
    code = PayrollCommand(stdout=out, stderr=err, folders=folders).main([])
    return PayrollRun(code, out.getvalue(), err.getvalue(), folders.outbox)


def test_example_office_gross_is_unchanged(example_run):
    # The hand-checked total of make_examples.py's docstring.
    assert example_run.code == 0, example_run.err
    assert "12 staff paid, gross pay $40,781.38, overtime 14.00 h" in example_run.out
    assert sorted(p.name for p in example_run.outbox.iterdir()) == [
        f"payroll_{PERIOD}.xlsx", f"payroll_{PERIOD}_export.csv", f"paystubs_{PERIOD}.xlsx"]


def test_output_columns_follow_design_section_5(example_run):
    wb = openpyxl.load_workbook(example_run.workbook(), read_only=True)
    try:
        headers = {ws.title: next(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()
    assert list(headers)[:5] == ["Summary", "Employees", "Workweeks", "Daily",
                                 "Labor by department"]
    assert set(headers["Employees"]) >= {
        "Employee ID", "Name", "Department", "Hours worked", "Regular hours", "Overtime hours",
        "Double-time hours", "Paid leave hours", "Gross pay"}
    assert set(headers["Workweeks"]) >= {
        "Employee ID", "Week start", "Hours worked", "Regular hours", "Overtime hours",
        "Double-time hours", "Regular rate", "Overtime premium", "Gross pay"}
    export = example_run.export()
    assert list(export[0]) == ["Employee ID", "Name", "Earning code", "Hours", "Rate", "Amount"]


def test_export_adds_up_to_each_gross_to_the_cent(example_run):
    by_emp = defaultdict(D)
    for row in example_run.export():
        by_emp[row["Employee ID"]] += D(row["Amount"])
    gross = {r["Employee ID"]: D(str(r["Gross pay"])).quantize(D("0.01"))
             for r in example_run.sheet("Employees")}
    assert by_emp == gross
    assert sum(gross.values()) == D("40781.38")
    # 1004 Grace Holloway: week 1 48 h at $43.50 = $2,088 + 8 h x $21.75 = $174; week 2
    # 39.5 h = $1,718.25 + Holiday 8 h = $348. REG 79.5 h = $3,458.25, OT 8 h x $65.25.
    assert example_run.export_amounts("1004") == {
        "REG": D("3458.25"), "OT": D("522.00"), "HOL": D("348.00")}
    # 1001 Elena Marsh, exempt: $245,000 / 26 = 9,423.0769... -> $9,423.08
    assert example_run.export_amounts("1001") == {"SAL": D("9423.08")}


def test_hours_charged_to_another_department_are_costed_there(example_run):
    # Front office = Priya Raman's salary 82,000 / 26 = $3,153.85
    #   + Lauren Pike 72 h + Holiday 8 h at $18.75 = $1,500.00
    #   + Jamal Foster 25 h at $18.25 = $456.25
    #   + Tanya Whitaker's Saturday 4 h charged to Front office at $19 = $76, which are her
    #     week's overtime hours (the last 4 of 44, in time order): their premium
    #     4 x 1/2 x (40 x 22.50 + 4 x 19) / 44 = $44.3636...
    #   = 5,230.4636... -> $5,230.46; employer tax 7.65% = $400.13.
    labor = {r["Department"]: r for r in example_run.sheet("Labor by department")}
    assert labor["Front office"]["Hours worked"] == 72 + 25 + 4
    assert labor["Front office"]["Gross pay"] == 5230.46
    assert labor["Front office"]["Employer tax"] == 400.13
    assert round(sum(r["Gross pay"] for r in labor.values()), 2) == 40781.38


def test_pay_stubs_one_page_each_on_a_sheet_per_department(example_run):
    path = example_run.workbook("paystubs_*.xlsx")
    wb = openpyxl.load_workbook(path)
    try:
        # The example roster's departments, alphabetically; 12 staff paid.
        assert wb.sheetnames == ["Billing", "Front office", "Nursing", "Physicians"]
        for ws in wb.worksheets:
            assert ws.page_setup.orientation == "portrait"
            assert not ws.sheet_properties.pageSetUpPr.fitToPage  # it would drop the breaks
        nursing = wb["Nursing"]
        titles = {c.value: c.row for c in nursing["A"] if str(c.value).startswith("Pay stub: ")}
        starts = sorted(titles.values())
        assert [b.id + 1 for b in nursing.row_breaks.brk] == starts[1:]  # a page each
        first = titles["Pay stub: Grace Holloway"]
        end = min([r for r in starts if r > first], default=nursing.max_row + 1)
        sums = [c for row in nursing.iter_rows(min_row=first, max_row=end - 1) for c in row
                if isinstance(c.value, str) and c.value.startswith("=SUM(")]
        assert [c.number_format for c in sums] == ["0.00"] * 5 + ["0.00", "$#,##0.00"]
    finally:
        wb.close()
    assert len(example_run.stub_pages()) == 12


@needs_libreoffice
@pytest.mark.skipif(not calibri_metrics(), reason="needs Calibri or Carlito "
                    "(fonts-crosextra-carlito) to lay pages out as Excel does")
def test_pay_stubs_print_one_page_per_employee(example_run, tmp_path):
    # Printed by a real spreadsheet program: one page per employee, nothing cut off (a
    # page too wide for the paper would print its last columns on extra pages).
    path = example_run.workbook("paystubs_*.xlsx")
    assert pdf_pages(print_to_pdf(path, tmp_path)) == 12
    text = example_run.stub_text("1004")
    assert ("Regular rate = $2,088.00 ÷ 48.00 h = $43.50. Overtime premium = 8.00 h × ½ × "
            "$43.50 = $174.00") in text
    # Tanya Whitaker: the weighted average of her two rates.
    assert "Regular rate = $976.00 ÷ 44.00 h = $22.1818" in example_run.stub_text("1007")


def test_outputs_recalculate_in_libreoffice(example_run, libreoffice_recalc):
    assert libreoffice_recalc(example_run.workbook()) > 0
    assert libreoffice_recalc(example_run.workbook("paystubs_*.xlsx")) > 0


def test_csv_export_is_formula_safe(tmp_path, run_command):
    files, settings = write_office(tmp_path, [staff_row(name="=HYPERLINK(\"x\")")],
                                   [hours_row("1001", day(1), 8)])
    run = run_command(PayrollCommand, *map(str, files))
    assert run.code == 0, run.err
    with open(next(run.outbox.glob("*_export.csv")), encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][1] == "'=HYPERLINK(\"x\")"


def test_real_subprocess_run_with_differentials_and_bonus(tmp_path):
    # A night nurse at $30: four 12-hour nights 19:00-07:00 (Mon-Thu) = 48 h, Night
    # +$2 for every hour (all inside 19:00-07:00) = $96, and a $120 production bonus
    # for the week. Straight time $1,440; regular rate ($1,440 + $96 + $120) / 48 =
    # $34.50; premium 8 x $17.25 = $138; gross $1,440 + $96 + $138 + $120 = $1,794.
    files, settings = write_office(
        tmp_path / "in", [staff_row(rate=30)],
        [punch_row("1001", day(i), "19:00", "07:00") for i in (1, 2, 3, 4)],
        bonuses=[["1001", day(6), 120, "Production", day(0), day(6)]],
        differentials=[["Night", None, "19:00", "07:00", 2, None, None, None]])
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "payroll.py"), *map(str, files),
         "--settings", str(settings), "--out", str(out), "--json"],
        capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["figures"]["gross_pay"] == "1794.00"
    assert sorted(Path(p).name for p in report["outputs"]) == [
        "payroll_2026-11-22_to_2026-12-05.xlsx", "payroll_2026-11-22_to_2026-12-05_export.csv",
        "paystubs_2026-11-22_to_2026-12-05.xlsx"]
    run = PayrollRun(0, "", proc.stderr, out)
    assert run.weeks()[0]["Regular rate"] == 34.5
    assert "Overtime premium = 8.00 h × ½ × $34.50 = $138.00" in run.stub_text()


def test_document_sheets_are_generic(tmp_path, libreoffice_recalc):
    # The report/ document capability on its own: fields, a grid with a live total, a
    # wrapped paragraph, text that looks like a formula kept as text.
    book = DocumentBook(title="Notices", office="Clinic & Lab", period="2026", documents=[
        Document(name="A/B: notice", title="Notice", subtitle="for the team", blocks=[
            Fields((("To", "=everyone", "text"), ("Amount", D("12.5"), "money"))),
            Heading("Items"),
            Grid([Col("Item"), Col("Cost", "money", total=True)],
                 [("Gloves", D("10.10")), ("Masks", D("2.205"))]),
            Paragraph("A long sentence " * 20),
        ])])
    path = tmp_path / "notices.xlsx"
    render_documents(book, path)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    assert ws.title == "A_B_ notice"
    values = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}
    assert values["B4"] == "=everyone" and ws["B4"].quotePrefix
    assert ws["A7"].value == "Items"
    assert (ws["A11"].value, ws["B11"].value) == ("Total", "=SUM(B9:B10)")
    assert ws["A13"].alignment.wrap_text and ws.row_dimensions[13].height > 15
    assert libreoffice_recalc(path) == 1


def test_a_payroll_result_among_the_inputs_is_not_read_as_one(tmp_path, run_command):
    # Last period's result (with its Bonus shares sheet) left beside this period's files
    # must not be taken for a timesheet, roster or Bonuses sheet.
    files, settings = write_office(tmp_path / "in", [staff_row(rate=20)],
                                   [hours_row("1001", day(1), 8)],
                                   bonuses=[["1001", day(5), 40, None, None, None]])
    first = run_command(PayrollCommand, *map(str, files), "--out", str(tmp_path / "out1"))
    assert first.code == 0, first.err
    result = next((tmp_path / "out1").glob("payroll_*[0-9].xlsx"))
    again = run_command(PayrollCommand, *map(str, files), str(result),
                        "--out", str(tmp_path / "out2"))
    assert again.code == 0, again.err
    rerun = PayrollRun(again.code, again.out, again.err, tmp_path / "out2")
    assert rerun.gross() == D("200.00")  # 8 h x $20 + the $40 bonus, once
