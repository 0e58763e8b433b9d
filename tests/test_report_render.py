"""The renderer, the error report and the outbox, checked on real workbooks.

Each test builds its Report in the test, renders it to a real .xlsx and reads it back
with openpyxl (and, where installed, LibreOffice) the way a user's tools would.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlsxwriter
from libreoffice import assert_formulas_match, needs_libreoffice, recalculate
from medoffice.delivery import sha256_of, write_output
from medoffice.intake.model import CellError, RawSheet
from medoffice.problems import error, warning
from medoffice.report import (
    Chart,
    Col,
    Document,
    DocumentBook,
    Fields,
    Figure,
    Grid,
    Highlight,
    InputRecord,
    Paragraph,
    Report,
    Table,
    render_documents,
    render_report,
    write_problems_report,
)

HYPERLINK = '=HYPERLINK("http://example.com","click")'
RAN_AT = dt.datetime(2026, 11, 15, 9, 30)

EMPLOYEE_COLUMNS = [
    Col("Employee ID", "id"),
    Col("Name"),
    Col("Department"),
    Col("Hours worked", "hours", total=True),
    Col("Rate", "rate"),
    Col("Gross pay", "money", total=True),
    Col("Share", "percent"),
    Col("Pay date", "date"),
    Col("Note"),
]


def employees() -> pd.DataFrame:
    """Four employees; money in Decimal. 0.10 + 0.20 is there because floats get it wrong."""
    rows = [
        ("1001", "Ana Diaz", "Front desk", Decimal("80.25"), Decimal("18.50"),
         Decimal("1484.63"), 0.25, dt.date(2026, 11, 14), ""),
        ("007", HYPERLINK, "Clinic", 72.5, Decimal("22.10"),
         Decimal("1602.25"), 0.5, dt.date(2026, 11, 14), "+1-555"),
        ("1003", "Li Wu", "Lab", None, Decimal("30.00"),
         Decimal("0.10"), float("nan"), pd.NaT, "-2 hours owed"),
        ("1004", "Sam O'Neil & Co", "Lab", Decimal("40"), Decimal("25.00"),
         Decimal("0.20"), pd.NA, dt.date(2026, 11, 16), "@home"),
    ]
    return pd.DataFrame(rows, columns=[c.header for c in EMPLOYEE_COLUMNS], dtype=object)


def sample_report(ran_at: dt.datetime | None = RAN_AT, warnings=None) -> Report:
    """A payroll-like report exercising every column kind the tests look at."""
    table = Table(
        name="Employees",
        columns=EMPLOYEE_COLUMNS,
        rows=employees(),
        highlights=[
            Highlight("Gross pay", ">", Decimal("1500"), "error"),
            Highlight("Hours worked", "blank", level="watch"),
            Highlight("Department", "text", "Lab", "good"),
            Highlight("Pay date", ">", dt.date(2026, 11, 15), "watch"),
        ],
    )
    empty = Table(
        name="Workweeks",
        columns=[Col("Employee ID", "id"), Col("Week start", "date"),
                 Col("Hours worked", "hours", total=True)],
        rows=pd.DataFrame(columns=["Employee ID", "Week start", "Hours worked"]),
    )
    if warnings is None:
        warnings = [
            warning("total-row", "A Total row was skipped.", file="time.xlsx", sheet="Time",
                    cell="A40", column="Employee ID", value="Total"),
            warning("payroll-long-shift", "A 14-hour shift: check In and Out.",
                    file="time.xlsx", sheet="Time", cell="C14", column="Out",
                    value=dt.time(22, 0)),
            warning("cell-type", "=SUM(A1) is not a number.", file="staff.xlsx",
                    sheet="Staff", cell="F3", column="Rate", value="=SUM(A1)"),
        ]
    return Report(
        title="Payroll 2026-11-01 to 2026-11-14",
        office="Sunrise Clinic & Lab",
        period="2026-11-01 to 2026-11-14",
        figures=[
            Figure("Gross pay", Decimal("3087.18"), "money", "good"),
            Figure("Employees paid", 4, "integer"),
            Figure("Hours worked", Decimal("192.75"), "hours"),
            Figure("Over budget", Decimal("0.125"), "percent", "error"),
        ],
        tables=[table, empty],
        charts=[Chart("Gross pay by employee", "Employees", "Name", ("Gross pay",),
                      line_values=("Hours worked",), y_title="Dollars")],
        warnings=warnings,
        inputs=[InputRecord("time.xlsx", "ab" * 32, "Time, Bonuses", 12345)],
        settings=[("Office name", "Sunrise Clinic & Lab"), ("Overtime rule", "Federal")],
        notes=["Overtime follows the federal rule."],
        program="medoffice 0.1.0 payroll",
        ran_at=ran_at,
    )


@pytest.fixture
def rendered(tmp_path: Path) -> Path:
    path = tmp_path / "payroll.xlsx"
    render_report(sample_report(), path)
    return path


def load(path: Path, data_only: bool = False) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path, data_only=data_only)


# --- layout -----------------------------------------------------------------------


def test_sheet_order_is_summary_tables_check_these_about(rendered):
    assert load(rendered).sheetnames == ["Summary", "Employees", "Workweeks", "Check these",
                                         "About"]


def test_table_header_in_row_1_frozen_with_autofilter_over_data_only(rendered):
    ws = load(rendered)["Employees"]
    assert [c.value for c in ws[1]] == [c.header for c in EMPLOYEE_COLUMNS]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:I5"  # header + 4 rows; the total row (6) stays out
    assert ws["A1"].font.b


def test_numbers_are_numbers_with_house_formats(rendered):
    ws = load(rendered)["Employees"]
    assert ws["F2"].value == 1484.63 and ws["F2"].number_format == "$#,##0.00"
    assert ws["E2"].value == 18.5 and ws["E2"].number_format == "$#,##0.00"
    assert ws["D2"].value == 80.25 and ws["D2"].number_format == "0.00"
    assert ws["G2"].value == 0.25 and ws["G2"].number_format == "0.0%"
    assert ws["H2"].value == dt.datetime(2026, 11, 14) and ws["H2"].number_format == "yyyy-mm-dd"
    assert ws["F2"].data_type == "n" and ws["D3"].data_type == "n"


def test_blanks_stay_blank_never_zero(rendered):
    ws = load(rendered)["Employees"]
    assert ws["D4"].value is None  # None hours
    assert ws["G4"].value is None  # NaN share
    assert ws["H4"].value is None  # NaT date
    assert ws["G5"].value is None  # pd.NA share
    assert ws["I2"].value is None  # empty note


def test_text_that_looks_like_a_formula_stays_text(rendered):
    ws = load(rendered)["Employees"]
    link = ws["B3"]
    assert link.value == HYPERLINK and link.data_type == "s" and link.quotePrefix
    assert ws["I3"].value == "+1-555" and ws["I3"].data_type == "s" and ws["I3"].quotePrefix
    assert ws["I4"].value == "-2 hours owed" and ws["I4"].quotePrefix
    assert ws["I5"].value == "@home" and ws["I5"].quotePrefix
    assert ws["A3"].value == "007" and ws["A3"].data_type == "s"
    assert ws["B2"].value == "Ana Diaz" and not ws["B2"].quotePrefix
    with zipfile.ZipFile(rendered) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet2.xml").decode()
    assert "HYPERLINK" not in sheet_xml  # stored as a shared string, not as <f>


def test_totals_are_subtotal_formulas_with_exact_cached_values(rendered):
    formulas = load(rendered)["Employees"]
    values = load(rendered, data_only=True)["Employees"]
    assert formulas["A6"].value == "Total"
    assert formulas["D6"].value == "=SUBTOTAL(109,D2:D5)"
    assert formulas["F6"].value == "=SUBTOTAL(109,F2:F5)"
    assert formulas["F6"].number_format == "$#,##0.00" and formulas["F6"].font.b
    # by hand: 1484.63 + 1602.25 + 0.10 + 0.20 = 3087.18; 80.25 + 72.5 + 40 = 192.75
    assert values["F6"].value == 3087.18
    assert values["D6"].value == 192.75
    assert formulas["E6"].value is None  # no total for Rate


def test_empty_table_has_header_and_a_zero_total(rendered):
    formulas = load(rendered)["Workweeks"]
    values = load(rendered, data_only=True)["Workweeks"]
    assert [c.value for c in formulas[1]] == ["Employee ID", "Week start", "Hours worked"]
    assert formulas.max_row == 2
    assert formulas["A2"].value == "Total"
    assert formulas["C2"].value == "=SUBTOTAL(109,C1:C1)"
    assert values["C2"].value == 0
    assert formulas.freeze_panes == "A2" and formulas.auto_filter.ref == "A1:C1"


def test_highlights_become_conditional_formats_on_the_data_cells(rendered):
    ws = load(rendered)["Employees"]
    rules = {str(cf.sqref): cf.rules for cf in ws.conditional_formatting}
    assert set(rules) == {"F2:F5", "D2:D5", "C2:C5", "H2:H5"}
    gross = rules["F2:F5"][0]
    assert (gross.type, gross.operator, gross.formula) == ("cellIs", "greaterThan", ["1500"])
    assert gross.dxf.fill.bgColor.rgb.endswith("FFC7CE")  # red
    assert rules["D2:D5"][0].type == "containsBlanks"
    assert rules["D2:D5"][0].dxf.fill.bgColor.rgb.endswith("FFEB9C")  # amber
    lab = rules["C2:C5"][0]
    assert (lab.operator, lab.formula) == ("equal", ['"Lab"'])
    assert lab.dxf.fill.bgColor.rgb.endswith("C6EFCE")  # green
    assert rules["H2:H5"][0].formula == ["46341"]  # 2026-11-15 as an Excel serial


def test_print_setup_landscape_one_page_wide_repeating_header(rendered):
    wb = load(rendered)
    ws = wb["Employees"]
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 1  # letter
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    # fitToWidth is left out of the file when it is 1, the OOXML default
    assert ws.page_setup.fitToWidth in (None, 1) and int(ws.page_setup.fitToHeight) == 0
    assert ws.print_title_rows == "$1:$1"
    assert ws.oddHeader.left.text == "Sunrise Clinic && Lab"
    assert ws.oddHeader.center.text == "Payroll 2026-11-01 to 2026-11-14"
    assert ws.oddHeader.right.text == "Employees"
    assert ws.oddFooter.left.text == "Printed &D"
    assert ws.oddFooter.right.text == "Page &P of &N"
    assert wb["Workweeks"].page_setup.orientation == "portrait"  # 3 columns
    for name in wb.sheetnames:
        assert int(wb[name].page_setup.paperSize) == 1
        assert wb[name].oddFooter.right.text == "Page &P of &N"


def test_column_widths_fit_contents_within_bounds(rendered):
    ws = load(rendered)["Employees"]
    widths = {col: ws.column_dimensions[col].width for col in "ABCDEFGHI"}
    assert all(8 <= w <= 50 for w in widths.values())
    assert widths["B"] > len(HYPERLINK) - 1  # the longest name fits
    assert widths["F"] >= len("$3,087.18")


# --- Summary, Check these, About --------------------------------------------------


def test_summary_has_title_figures_legend_and_chart(rendered):
    ws = load(rendered)["Summary"]
    assert ws["A1"].value == "Payroll 2026-11-01 to 2026-11-14"
    assert ws["A2"].value == "Sunrise Clinic & Lab"
    assert ws["A3"].value == "2026-11-01 to 2026-11-14"
    cells = {row[0].value: row[1] for row in ws.iter_rows(min_row=5) if row[0].value}
    assert cells["Gross pay"].value == 3087.18
    assert cells["Gross pay"].number_format == "$#,##0.00"
    assert cells["Gross pay"].fill.fgColor.rgb.endswith("C6EFCE")
    assert cells["Employees paid"].value == 4 and cells["Employees paid"].number_format == "0"
    assert cells["Over budget"].number_format == "0.0%"
    assert cells["Over budget"].fill.fgColor.rgb.endswith("FFC7CE")
    legend = [row[0] for row in ws.iter_rows() if row[0].value in ("Red", "Amber", "Green")]
    assert [c.value for c in legend] == ["Red", "Amber", "Green"]
    with zipfile.ZipFile(rendered) as archive:
        chart = archive.read("xl/charts/chart1.xml").decode()
        drawing_rels = archive.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
    assert "Employees!$F$2:$F$5" in chart and "Employees!$B$2:$B$5" in chart
    assert "Employees!$D$2:$D$5" in chart and "<c:lineChart>" in chart  # combined line
    assert "drawing" in drawing_rels  # anchored on the Summary sheet


def test_check_these_lists_every_warning_in_reading_order(rendered):
    ws = load(rendered)["Check these"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == ["File", "Sheet", "Cell", "Column", "Value", "Code", "Message"]
    assert [r[:3] for r in rows[1:]] == [["staff.xlsx", "Staff", "F3"],
                                        ["time.xlsx", "Time", "C14"],
                                        ["time.xlsx", "Time", "A40"]]
    assert rows[1][4] == "=SUM(A1)" and ws["E2"].data_type == "s"
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:G4"


def test_check_these_says_nothing_to_check_when_there_are_no_warnings(tmp_path):
    path = tmp_path / "clean.xlsx"
    render_report(sample_report(warnings=[]), path)
    ws = load(path)["Check these"]
    assert [c.value for c in ws[1]] == ["File", "Sheet", "Cell", "Column", "Value", "Code",
                                        "Message"]
    assert ws["A2"].value == "Nothing to check."


def test_about_lists_inputs_settings_program_and_run_time(rendered):
    ws = load(rendered)["About"]
    cells = {row[0].value: [c.value for c in row[1:]] for row in ws.iter_rows() if row[0].value}
    assert cells["time.xlsx"] == ["Time, Bonuses", "ab" * 32, 12345]
    assert cells["Overtime rule"][0] == "Federal"
    assert cells["Program"][0] == "medoffice 0.1.0 payroll"
    assert cells["Ran at"][0] == RAN_AT


def test_same_report_gives_same_cells_except_ran_at(tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    render_report(sample_report(ran_at=RAN_AT), first)
    render_report(sample_report(ran_at=RAN_AT + dt.timedelta(hours=5)), second)
    a, b = all_cells(first), all_cells(second)
    ran_at_cells = {key for key in a if key[0] == "About" and a[key] != b[key]}
    assert len(ran_at_cells) == 1
    (sheet, coordinate), = ran_at_cells
    assert load(first)[sheet][coordinate].offset(column=-1).value == "Ran at"


def test_same_report_gives_a_byte_identical_file(tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    render_report(sample_report(ran_at=None), first)
    render_report(sample_report(ran_at=None), second)
    assert first.read_bytes() == second.read_bytes()


def all_cells(path: Path) -> dict[tuple[str, str], object]:
    """Every cell's stored content (formulas as formulas), keyed by sheet and address."""
    wb = load(path)
    return {(ws.title, cell.coordinate): cell.value
            for ws in wb.worksheets for row in ws.iter_rows() for cell in row}


def test_rejects_text_in_a_money_column(tmp_path):
    report = sample_report()
    report.tables[0].rows.loc[0, "Gross pay"] = "$1,484.63"
    with pytest.raises(TypeError, match=r"Employees!F2 \(Gross pay, money\)"):
        render_report(report, tmp_path / "bad.xlsx")


# --- LibreOffice recalculation ----------------------------------------------------


@needs_libreoffice
def test_cached_totals_match_libreoffice_recalculation(rendered, tmp_path):
    recalculated = recalculate(rendered, tmp_path / "recalculated")
    assert assert_formulas_match(rendered, recalculated) == 3  # 2 + the empty table's


@needs_libreoffice
def test_recalculation_catches_a_wrong_cached_total(tmp_path):
    """The check above is only worth something if LibreOffice really recalculates."""
    path = tmp_path / "wrong.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    ws = workbook.add_worksheet("Data")
    ws.write_number(1, 0, 1.25)
    ws.write_number(2, 0, 2.5)
    ws.write_formula(3, 0, "=SUBTOTAL(109,A2:A3)", None, 999)
    workbook.close()
    recalculated = recalculate(path, tmp_path / "recalculated")
    assert load(recalculated, data_only=True)["Data"]["A4"].value == 3.75
    with pytest.raises(AssertionError, match=r"Data!A4 .*cached 999, LibreOffice 3.75"):
        assert_formulas_match(path, recalculated)


# --- delivery ---------------------------------------------------------------------


def test_write_output_keeps_the_earlier_file(tmp_path):
    path = tmp_path / "payroll.xlsx"
    for text in ("first", "second", "third"):
        assert write_output(path, lambda tmp, text=text: tmp.write_text(text)) == path
    assert path.read_text() == "third"
    assert (tmp_path / "payroll (earlier 1).xlsx").read_text() == "first"
    assert (tmp_path / "payroll (earlier 2).xlsx").read_text() == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "payroll (earlier 1).xlsx", "payroll (earlier 2).xlsx", "payroll.xlsx"]


def test_write_output_takes_the_smallest_free_earlier_number(tmp_path):
    path = tmp_path / "report.xlsx"
    path.write_text("current")
    (tmp_path / "report (earlier 2).xlsx").write_text("older")
    write_output(path, lambda tmp: tmp.write_text("new"))
    assert (tmp_path / "report (earlier 1).xlsx").read_text() == "current"


def test_write_output_leaves_nothing_behind_on_failure(tmp_path):
    path = tmp_path / "payroll.xlsx"
    path.write_text("earlier")

    def broken(tmp: Path) -> None:
        assert tmp.parent == tmp_path and tmp.name.startswith(".~medoffice-")
        assert tmp.suffix == ".xlsx"
        tmp.write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        write_output(path, broken)
    assert [p.name for p in tmp_path.iterdir()] == ["payroll.xlsx"]
    assert path.read_text() == "earlier"


def test_write_output_renders_a_real_workbook(tmp_path):
    path = write_output(tmp_path / "out" / "payroll.xlsx",
                        lambda tmp: render_report(sample_report(), tmp))
    assert load(path).sheetnames[0] == "Summary"
    assert sha256_of(path) == hashlib.sha256(path.read_bytes()).hexdigest()
    assert [p.name for p in path.parent.iterdir()] == ["payroll.xlsx"]


# --- the error report -------------------------------------------------------------


def time_sheet() -> RawSheet:
    return RawSheet(file="time.xlsx", name="Time", rows=[
        ["Timesheet November", "", "", ""],
        ["Employee ID", "Date", "In", "Out"],
        ["1001", dt.datetime(2026, 11, 2), dt.time(9, 0), CellError("#REF!")],
        ["=1+1", dt.datetime(2026, 11, 3), "9am", dt.time(17, 0)],
    ])


def test_problems_report_marks_bad_cells_with_comments(tmp_path):
    problems = [
        warning("cell-type", "Read 9am as 09:00; write times like 9:00.", file="time.xlsx",
                sheet="Time", cell="C4", column="In", value="9am"),
        error("cell-error", "D3 holds #REF!: fix the formula or type the time.",
              file="time.xlsx", sheet="Time", cell="D3", column="Out", value="#REF!"),
        error("cell-required", "Date is blank.", file="time.xlsx", sheet="Time", cell="B6",
              column="Date"),
        error("sheet-missing", "No Staff sheet.", file="staff.xlsx", sheet="Staff"),
    ]
    other = RawSheet(file="staff.xlsx", name="Problems", rows=[["ok"]])
    path = tmp_path / "errors.xlsx"
    write_problems_report(problems, [time_sheet(), other], path, "Payroll: inputs have errors")

    wb = load(path)
    assert wb.sheetnames == ["Problems", "Time"]  # a sheet without problems is not copied
    listing = wb["Problems"]
    rows = [[c.value for c in row] for row in listing.iter_rows()]
    assert rows[0] == ["Severity", "File", "Sheet", "Cell", "Column", "Value", "Message"]
    assert [r[0] for r in rows[1:]] == ["Error", "Error", "Error", "Warning"]
    assert [r[3] for r in rows[1:]] == [None, "D3", "B6", "C4"]  # errors, then reading order
    assert listing["D2"].hyperlink is None  # no cell to point at
    assert listing["D3"].hyperlink.location == "'Time'!D3"
    assert listing.freeze_panes == "A2" and listing.auto_filter.ref == "A1:G5"

    copy = wb["Time"]
    assert copy["A2"].value == "Employee ID"
    assert copy["B3"].value == dt.datetime(2026, 11, 2)
    assert copy["D3"].value == "#REF!" and copy["D3"].data_type == "s"
    assert copy["A4"].value == "=1+1" and copy["A4"].data_type == "s" and copy["A4"].quotePrefix
    assert copy["D3"].fill.fgColor.rgb.endswith("FFC7CE")  # red: error
    assert copy["C4"].fill.fgColor.rgb.endswith("FFEB9C")  # amber: warning
    assert copy["B6"].fill.fgColor.rgb.endswith("FFC7CE")  # blank cell, still marked
    assert "#REF!" in copy["D3"].comment.text and "Error:" in copy["D3"].comment.text
    assert copy["C4"].comment.text.startswith("Warning: Read 9am")
    assert copy["A3"].comment is None and copy["A3"].fill.fgColor.rgb == "00000000"


def test_problems_report_makes_copied_sheet_names_unique(tmp_path):
    sheets = [RawSheet("a.xlsx", "Problems", [["x"]]), RawSheet("b.xlsx", "Problems", [["y"]])]
    problems = [error("cell-type", "Bad.", file=s.file, sheet=s.name, cell="A1") for s in sheets]
    path = tmp_path / "errors.xlsx"
    write_problems_report(problems, sheets, path, "Errors")
    assert load(path).sheetnames == ["Problems", "Problems (2)", "Problems (3)"]


# --- document books (pay stubs): pages on shared sheets ------------------------------------
def test_documents_with_one_name_share_a_sheet_a_page_each_split_at_excels_break_limit(
        tmp_path):
    # 1,001 one-line pages for "Nursing" and one for "Billing", interleaved. Excel keeps
    # about a thousand manual page breaks per sheet, so Nursing's pages fill "Nursing"
    # (1,000 pages: 999 breaks) and "Nursing (2)" (1 page, no break); Billing's page is
    # on its own sheet after them (sheets in order of each name's first page).
    def page(name: str, n: int) -> Document:
        return Document(name=name, title=f"Page {n}", blocks=[Paragraph(f"text {n}")])

    pages = [page("Nursing", n) for n in range(1, 501)] + [page("Billing", 0)] + \
        [page("Nursing", n) for n in range(501, 1002)]
    path = tmp_path / "pages.xlsx"
    render_documents(DocumentBook(title="Pages", office="Clinic", period="2026",
                                  documents=pages), path)
    wb = load(path)
    assert wb.sheetnames == ["Nursing", "Nursing (2)", "Billing"]
    first, second, billing = wb.worksheets
    # Each page: title, blank, paragraph (3 rows), then 2 blank rows before the next.
    assert [b.id for b in first.row_breaks.brk] == [5 * n for n in range(1, 1000)]
    assert first.cell(row=5 * 999 + 1, column=1).value == "Page 1000"
    assert not second.row_breaks.brk and second["A1"].value == "Page 1001"
    assert billing["A1"].value == "Page 0"
    # Printed at a scale that fits the page's width, never "fit to page" (that would make
    # Excel ignore the breaks).
    assert first.page_setup.scale < 100 and not first.sheet_properties.pageSetUpPr.fitToPage


def test_a_long_field_text_runs_on_instead_of_widening_every_page(tmp_path):
    # "Pay" of one page is 60 characters of text; on a sheet shared by many pages it would
    # widen column B for all of them (and shrink their print). Text runs on over the empty
    # cells to its right, so column B keeps the grids' width and the columns from B to the
    # last hold the 60 characters (plus padding).
    long_pay = "Salary, $120,000.00 a year (non-exempt, pays for 37.5 h a w)"
    assert len(long_pay) == 60

    def page(pay: str) -> Document:
        return Document(name="Nursing", title="Pay stub", blocks=[
            Fields((("Pay", pay, "text"), ("Gross pay", Decimal("1234.50"), "money"))),
            Grid([Col("Week start", "date"), Col("Hours worked", "hours"),
                  Col("Regular", "hours")], [(dt.date(2026, 11, 15), 40, 40)])])

    path = tmp_path / "stubs.xlsx"
    render_documents(DocumentBook(title="Pay stubs", office="Clinic", period="2026",
                                  documents=[page("Hourly"), page(long_pay)]), path)
    ws = load(path).worksheets[0]
    widths = [ws.column_dimensions[c].width for c in "ABC"]
    assert widths[1] < 40
    assert sum(widths[1:]) >= 60
    # Page 2 starts at row 11 (page 1: title, blank, 2 fields, blank, grid header and
    # row, blank = rows 1-8; 2 blank rows between pages): its Pay is B13.
    assert ws["B13"].value == long_pay and not ws["B13"].alignment.wrap_text
