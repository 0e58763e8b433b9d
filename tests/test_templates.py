"""The blank templates and README column tables: generated from the schemas, and current.

The committed templates/*.xlsx and README.md must equal what make_templates.py
produces now; each template must carry the headers, dropdowns, input messages and
example row its schema declares. Tests never modify the repo's own files.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from medoffice.cli.make_templates import main
from medoffice.docs import (
    END_MARKER,
    START_MARKER,
    ReadmeMarkersMissing,
    column_tables_markdown,
    update_readme,
)
from medoffice.schemas import SETTING_KEYS, TEMPLATES, Column, SheetSchema
from medoffice.templates import (
    EXAMPLE_COLOUR,
    NUM_FORMATS,
    input_message,
    setting_value,
    template_bytes,
    write_all_templates,
    xlsx_parts,
)

REPO = Path(__file__).resolve().parents[1]
TEMPLATES_DIR = REPO / "templates"
README = REPO / "README.md"
PLACEHOLDER = f"## Input workbooks and their columns\n\n{START_MARKER}\n{END_MARKER}\n"

TABLE_SHEETS = [(book.name, sheet) for book in TEMPLATES for sheet in book.sheets
                if sheet.kind == "table"]
TABLE_IDS = [f"{book}-{sheet.name}" for book, sheet in TABLE_SHEETS]


def _open(book_name: str) -> openpyxl.Workbook:
    return openpyxl.load_workbook(TEMPLATES_DIR / f"{book_name}.xlsx")


def _validations(ws) -> dict[str, object]:
    """Each data validation of a sheet keyed by the first cell range it covers."""
    return {str(dv.sqref).split()[0]: dv for dv in ws.data_validations.dataValidation}


def _column_range(col_no: int) -> str:
    letter = openpyxl.utils.get_column_letter(col_no)
    return f"{letter}2:{letter}1000"


def _list_choices(formula: str) -> list[str]:
    """The choices of a list validation's formula, e.g. '"Hourly,Salary"'."""
    return formula.strip('"').split(",")


def _choice_columns(book) -> list[Column]:
    """Every column or setting of a workbook that gets a dropdown."""
    columns = [c for s in book.sheets if s.kind == "table" for c in s.columns]
    if any(s.kind == "keyvalue" for s in book.sheets):
        columns += SETTING_KEYS
    return [c for c in columns if c.kind == "choice"]


def _same_value(cell_value: object, expected: object) -> bool:
    """Compare a value read back by openpyxl with the value the schema declared."""
    if isinstance(expected, dt.date) and not isinstance(expected, dt.datetime):
        return isinstance(cell_value, dt.datetime) and cell_value.date() == expected
    return cell_value == expected


# --- generated files are current --------------------------------------------------

def test_generation_is_deterministic():
    for book in TEMPLATES:
        assert template_bytes(book) == template_bytes(book), book.name


@pytest.mark.parametrize("book", TEMPLATES, ids=[b.name for b in TEMPLATES])
def test_committed_template_equals_regenerated(tmp_path, book):
    write_all_templates(tmp_path)
    committed = xlsx_parts((TEMPLATES_DIR / f"{book.name}.xlsx").read_bytes())
    assert committed == xlsx_parts((tmp_path / f"{book.name}.xlsx").read_bytes()), (
        f"templates/{book.name}.xlsx is stale: run python scripts/make_templates.py")


def test_readme_tables_in_sync():
    text = README.read_text(encoding="utf-8")
    between = text.split(START_MARKER, 1)[1].split(END_MARKER, 1)[0]
    assert between == f"\n\n{column_tables_markdown()}\n", (
        "README.md column tables are stale: run python scripts/make_templates.py")


def test_check_passes_on_the_repo(capsys):
    assert main(["--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_check_fails_after_a_template_is_altered(tmp_path, capsys):
    copy = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, copy)
    wb = openpyxl.load_workbook(copy / "staff.xlsx")
    wb["Staff"]["A1"] = "Emp #"
    wb.save(copy / "staff.xlsx")

    assert main(["--check", "--out", str(copy)]) == 1
    out = capsys.readouterr().out
    assert "staff.xlsx" in out
    assert "timesheet.xlsx" not in out and "README" not in out


def test_check_reports_missing_template_and_writes_nothing(tmp_path, capsys):
    assert main(["--check", "--out", str(tmp_path)]) == 1
    assert capsys.readouterr().out.count("(missing)") == len(TEMPLATES)
    assert list(tmp_path.iterdir()) == []


def test_check_fails_on_stale_readme(tmp_path, capsys):
    readme = tmp_path / "README.md"
    readme.write_text(PLACEHOLDER, encoding="utf-8")
    assert main(["--check", "--readme", str(readme)]) == 1
    assert "README.md (column tables)" in capsys.readouterr().out
    assert readme.read_text(encoding="utf-8") == PLACEHOLDER


def test_write_then_check(tmp_path, capsys):
    out, readme = tmp_path / "t", tmp_path / "README.md"
    readme.write_text("# Intro\n\n" + PLACEHOLDER + "\nAfter.\n", encoding="utf-8")

    assert main(["--out", str(out), "--readme", str(readme)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{b.name}.xlsx" for b in TEMPLATES)
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Intro\n") and text.endswith(f"{END_MARKER}\n\nAfter.\n")
    assert column_tables_markdown() in text
    assert main(["--check", "--out", str(out), "--readme", str(readme)]) == 0


def test_missing_markers_is_a_usage_error_and_writes_nothing(tmp_path, capsys):
    readme = tmp_path / "README.md"
    readme.write_text("# No markers here\n", encoding="utf-8")
    assert main(["--out", str(tmp_path / "t"), "--readme", str(readme)]) == 2
    assert "<!-- columns:start -->" in capsys.readouterr().err
    assert not (tmp_path / "t").exists()


def test_update_readme_reports_change_once(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(PLACEHOLDER, encoding="utf-8")
    assert update_readme(readme) is True
    assert update_readme(readme) is False
    readme.write_text("no markers\n", encoding="utf-8")
    with pytest.raises(ReadmeMarkersMissing, match="columns:start"):
        update_readme(readme)


# --- what each template holds ------------------------------------------------------

@pytest.mark.parametrize("book", TEMPLATES, ids=[b.name for b in TEMPLATES])
def test_sheets_instructions_first(book):
    wb = _open(book.name)
    assert wb.sheetnames == ["Instructions", *(s.name for s in book.sheets)]
    text = "\n".join(str(c.value) for row in wb["Instructions"].iter_rows() for c in row
                     if c.value is not None)
    assert book.title in text
    assert "delete or overwrite the grey example row" in text
    assert "Bold blue header: a required column" in text
    for sheet in book.sheets:
        assert f"Sheet: {sheet.name}" in text
        for col in sheet.columns:
            assert col.name in text


@pytest.mark.parametrize(("book_name", "schema"), TABLE_SHEETS, ids=TABLE_IDS)
def test_headers_in_row_one_required_bold(book_name, schema: SheetSchema):
    ws = _open(book_name)[schema.name]
    headers = [c.value for c in ws[1]]
    assert headers == [c.name for c in schema.columns]
    for cell, col in zip(ws[1], schema.columns, strict=True):
        assert bool(cell.font.b) == col.required, col.name
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(headers))}1000"


@pytest.mark.parametrize(("book_name", "schema"), TABLE_SHEETS, ids=TABLE_IDS)
def test_grey_example_row(book_name, schema: SheetSchema):
    ws = _open(book_name)[schema.name]
    for col_no, col in enumerate(schema.columns, start=1):
        cell = ws.cell(row=2, column=col_no)
        assert cell.font.i, col.name
        assert cell.font.color.rgb.endswith(EXAMPLE_COLOUR.lstrip("#")), col.name
        assert _same_value(cell.value, col.example), (col.name, cell.value)
        if col.kind in NUM_FORMATS:
            assert cell.number_format == NUM_FORMATS[col.kind], col.name
    assert ws.max_row == 2


@pytest.mark.parametrize(("book_name", "schema"), TABLE_SHEETS, ids=TABLE_IDS)
def test_dropdowns_and_input_messages(book_name, schema: SheetSchema):
    validations = _validations(_open(book_name)[schema.name])
    for col_no, col in enumerate(schema.columns, start=1):
        dv = validations.get(_column_range(col_no))
        message = input_message(col)
        if col.kind == "choice":
            assert dv is not None and dv.type == "list", col.name
            assert _list_choices(dv.formula1) == list(col.choices)
        if message:
            assert dv is not None, col.name
            assert dv.showInputMessage and dv.prompt == message, col.name
            assert len(dv.prompt) <= 255


def test_print_setup():
    for book in TEMPLATES:
        for ws in _open(book.name).worksheets:
            assert ws.page_setup.orientation == "landscape", ws.title
            assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
            # fitToWidth is omitted when it is 1, the default of the file format
            assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
            if ws.title != "Instructions":
                assert ws.print_title_rows == "$1:$1", ws.title


def test_settings_sheet_lists_every_key_with_default():
    ws = _open("settings")["Settings"]
    assert [c.value for c in ws[1]] == ["Setting", "Value", "Notes"]
    assert ws.freeze_panes == "A2"
    validations = _validations(ws)
    for row, key in enumerate(SETTING_KEYS, start=2):
        name, value, notes = (ws.cell(row=row, column=n).value for n in (1, 2, 3))
        assert name == key.name
        expected = setting_value(key)
        if isinstance(expected, dt.time):
            assert value == expected or value == dt.datetime(1899, 12, 30, 0, 0), key.name
        else:
            assert _same_value(value, None if expected == "" else expected), key.name
        assert key.help in notes
        dv = validations.get(f"B{row}")
        if key.kind == "choice":
            assert dv is not None and _list_choices(dv.formula1) == list(key.choices)
        assert dv is not None and dv.prompt == input_message(key), key.name
    assert ws.max_row == len(SETTING_KEYS) + 1


def test_input_message_is_trimmed_to_excel_limit():
    col = Column("Long", "text", help="word " * 80)
    message = input_message(col)
    assert len(message) <= 255 and message.endswith("…")


def test_numeric_setting_defaults_are_numbers():
    by_name = {k.name: k for k in SETTING_KEYS}
    assert setting_value(by_name["Minimum wage"]) == 7.25
    assert setting_value(by_name["SMTP port"]) == 587
    assert setting_value(by_name["Office name"]) == "Medical Office"


# --- LibreOffice ---------------------------------------------------------------------

@pytest.mark.libreoffice
def test_templates_open_in_libreoffice_with_validations(tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    sources = [str(TEMPLATES_DIR / f"{b.name}.xlsx") for b in TEMPLATES]
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "ods",
         "--outdir", str(tmp_path), *sources],
        check=True, capture_output=True, timeout=300,
    )
    for book in TEMPLATES:
        with zipfile.ZipFile(tmp_path / f"{book.name}.ods") as ods:
            content = ods.read("content.xml").decode("utf-8")
        for sheet in book.sheets:
            assert f'table:name="{sheet.name}"' in content, (book.name, sheet.name)
        assert "<table:content-validation " in content, book.name
        for col in _choice_columns(book):
            listed = "&quot;;&quot;".join(col.choices)
            assert f"cell-content-is-in-list(&quot;{listed}&quot;)" in content, col.name
