"""Open an input file safely and read every sheet's raw cells, once.

A file that cannot be read as a whole (empty, encrypted, damaged, not a spreadsheet,
too large, a zip bomb) is refused with one InputRefused carrying a one-line reason.
The file is read into memory once: the bytes hashed are the bytes parsed, and the
file on disk is never opened for writing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from pathlib import Path

from ..problems import InputRefused, error
from .model import CellError, RawSheet, SourceFile

SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100  # a zip member that unpacks over 100x its packed size is suspect
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"


def is_candidate(path: Path) -> bool:
    """True for a file worth reading: a supported type, not a lock, hidden or temp file."""
    name = path.name
    if name.startswith(("~$", ".", "~")) or name.endswith((".tmp", "#")):
        return False
    return path.suffix.lower() in SUPPORTED_SUFFIXES and path.is_file()


def _refuse(path: Path, code: str, message: str) -> InputRefused:
    return InputRefused(error(code, message, file=path.name))


def read_source(path: Path) -> SourceFile:
    """Read one input file into a SourceFile, or raise InputRefused with the reason."""
    path = Path(path)
    if not path.is_file():
        raise _refuse(path, "file-missing", f"{path} does not exist. Check the name and folder.")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise _refuse(path, "file-unsupported",
                      f"{suffix or 'this'} files are not read. Save it as .xlsx (or .xls, "
                      ".xlsm, .ods, .csv).")
    size = path.stat().st_size
    if size == 0:
        raise _refuse(path, "file-empty", "the file is empty (0 bytes). Save the workbook "
                      "again from Excel, or remove it from the folder.")
    if size > MAX_FILE_BYTES:
        raise _refuse(path, "file-too-large",
                      f"the file is {size / 1e6:.0f} MB; files over "
                      f"{MAX_FILE_BYTES // 1_000_000} MB are not read. Split it or remove "
                      "unused sheets.")
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    if suffix == ".csv":
        sheets = _read_csv(path, data)
    else:
        sheets = _read_workbook(path, data)
    return SourceFile(path=path, sha256=sha, size=size, sheets=sheets)


def _read_csv(path: Path, data: bytes) -> dict[str, RawSheet]:
    if b"\x00" in data[:4096]:
        raise _refuse(path, "file-not-spreadsheet",
                      "this is not a text CSV file. Export the sheet from Excel as "
                      "'CSV UTF-8' or save it as .xlsx.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
    if not any(any(cell.strip() for cell in row) for row in rows):
        raise _refuse(path, "file-empty", "the CSV file holds no data.")
    return {path.stem: RawSheet(file=path.name, name=path.stem, rows=rows)}


def _check_zip(path: Path, data: bytes) -> zipfile.ZipFile:
    """Refuse damaged zips and zip bombs before any XML is parsed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _refuse(path, "file-corrupt",
                      f"the file is damaged and cannot be opened ({exc}). Open it in Excel "
                      "and save it again, or get a fresh copy.") from None
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED_BYTES:
        raise _refuse(path, "file-too-large",
                      f"the workbook unpacks to {total / 1e6:.0f} MB (over "
                      f"{MAX_UNPACKED_BYTES // 1_000_000} MB). Split it or remove unused "
                      "sheets.")
    for info in infos:
        packed = max(info.compress_size, 1)
        if info.file_size > 1_000_000 and info.file_size / packed > MAX_COMPRESSION_RATIO:
            raise _refuse(path, "file-too-large",
                          f"the workbook is suspiciously compressed ({info.filename} unpacks "
                          f"{info.file_size // packed}x); it is not read. Save it again from "
                          "Excel.")
    return archive


def _read_workbook(path: Path, data: bytes) -> dict[str, RawSheet]:
    import python_calamine  # imported here: heavy, and not needed for --help

    head = data[:8]
    suffix = path.suffix.lower()
    archive = None
    if head.startswith(_ZIP_MAGIC):
        archive = _check_zip(path, data)
    elif head == _OLE_MAGIC:
        if suffix != ".xls":
            raise _refuse(path, "file-encrypted",
                          "the workbook is password-protected. Open it in Excel, remove the "
                          "password (File > Info > Protect Workbook), save, and try again.")
    else:
        raise _refuse(path, "file-not-spreadsheet",
                      f"this file is not a spreadsheet, although its name ends in {suffix}. "
                      "Open it in Excel and save it as an Excel workbook (.xlsx).")
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets: dict[str, RawSheet] = {}
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = list(getattr(sheet, "merged_cell_ranges", None) or [])
            sheets[name] = RawSheet(file=path.name, name=name, rows=rows, merged=merged)
    except python_calamine.PasswordError:
        raise _refuse(path, "file-encrypted",
                      "the workbook is password-protected. Remove the password in Excel, "
                      "save, and try again.") from None
    except Exception as exc:  # calamine raises several kinds for damaged content
        raise _refuse(path, "file-corrupt",
                      f"the workbook is damaged and cannot be read ({_short(exc)}). Open it "
                      "in Excel and save it again.") from None
    if archive is not None and suffix in (".xlsx", ".xlsm"):
        _mark_error_cells(archive, sheets)
    elif suffix == ".xls":
        _mark_xls_error_cells(data, sheets)
    if not any(any(str(v).strip() for v in row) for s in sheets.values() for row in s.rows):
        raise _refuse(path, "file-empty", "the workbook has no data in any sheet.")
    return sheets


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


# --- Excel error values ---------------------------------------------------------------
# calamine reads an error cell (#REF!, #DIV/0!, ...) as blank, which would silently drop
# data. The sheet XML marks them t="e"; we find those cells and put a CellError there.

_ERROR_CELL = re.compile(rb'<c r="([A-Z]+)([0-9]+)"[^>]*?t="e"[^>]*>(.*?)</c>', re.S)
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_REL = re.compile(rb"<Relationship\b[^>]*>")
_ATTR = re.compile(rb'(\w+)="([^"]*)"')
_SHEET = re.compile(rb"<sheet\b[^>]*>")


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Map each sheet name to its XML part inside the xlsx archive."""
    from xml.sax.saxutils import unescape

    workbook = archive.read("xl/workbook.xml")
    rels = archive.read("xl/_rels/workbook.xml.rels")
    targets = {}
    for tag in _REL.findall(rels):
        attrs = dict(_ATTR.findall(tag))
        target = attrs.get(b"Target", b"").decode()
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[attrs.get(b"Id", b"").decode()] = target
    paths = {}
    for tag in _SHEET.findall(workbook):
        attrs = {k.split(b":")[-1]: v for k, v in _ATTR.findall(tag)}
        name = unescape(attrs.get(b"name", b"").decode(), {"&quot;": '"', "&apos;": "'"})
        rid = attrs.get(b"id", b"").decode()
        if rid in targets:
            paths[name] = targets[rid]
    return paths


def _mark_error_cells(archive: zipfile.ZipFile, sheets: dict[str, RawSheet]) -> None:
    try:
        paths = _sheet_paths(archive)
    except KeyError:
        return
    for name, part in paths.items():
        sheet = sheets.get(name)
        if sheet is None or part not in archive.namelist():
            continue
        xml = archive.read(part)
        if b't="e"' not in xml:
            continue
        for letters, digits, body in _ERROR_CELL.findall(xml):
            value = _VALUE.search(body)
            code = value.group(1).decode() if value else "#VALUE!"
            row0 = int(digits) - 1
            col0 = _col_index(letters.decode())
            _put(sheet, row0, col0, CellError(code))


def _mark_xls_error_cells(data: bytes, sheets: dict[str, RawSheet]) -> None:
    try:
        import xlrd

        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except Exception:
        return
    for name in book.sheet_names():
        sheet = sheets.get(name)
        if sheet is None:
            continue
        xs = book.sheet_by_name(name)
        for r in range(xs.nrows):
            for c, ctype in enumerate(xs.row_types(r)):
                if ctype == xlrd.XL_CELL_ERROR:
                    code = xlrd.error_text_from_code.get(xs.cell_value(r, c), "#VALUE!")
                    _put(sheet, r, c, CellError(code))


def _col_index(letters: str) -> int:
    col = 0
    for ch in letters:
        col = col * 26 + (ord(ch) - 64)
    return col - 1


def _put(sheet: RawSheet, row0: int, col0: int, value) -> None:
    while len(sheet.rows) <= row0:
        sheet.rows.append([])
    row = sheet.rows[row0]
    while len(row) <= col0:
        row.append("")
    row[col0] = value
