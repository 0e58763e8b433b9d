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
MB = 1024 * 1024  # sizes are shown in the MB that Windows Explorer and Finder show
MAX_UNPACKED_BYTES = 50 * MB
MAX_FILE_BYTES = 50 * MB
MAX_COMPRESSION_RATIO = 100  # a zip member that unpacks over 100x its packed size is suspect
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
# An encrypted .xlsx is an OLE container holding a stream of this name (MS-OFFCRYPTO).
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_CHUNK = 1 << 20


def _mb(size: int) -> str:
    """A byte count as whole MB, rounded up so a file just over the limit never shows 50."""
    return f"{-(-size // MB)} MB"


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
                      f"the file is {_mb(size)}; files over {_mb(MAX_FILE_BYTES)} are not "
                      "read. Split it or remove unused sheets.")
    try:
        data = path.read_bytes()
    except OSError as exc:  # locked, no permission, a cloud placeholder not downloaded...
        raise _refuse(path, "file-unreadable",
                      f"the file cannot be opened ({exc.strerror or type(exc).__name__}). "
                      "Close it in other programs, check that you may open it, and try "
                      "again.") from None
    sha = hashlib.sha256(data).hexdigest()
    if suffix == ".csv":
        sheets = _read_csv(path, data)
    else:
        sheets = _read_workbook(path, data)
    return SourceFile(path=path, sha256=sha, size=size, sheets=sheets)


def _decode_csv(path: Path, data: bytes) -> str:
    """CSV text: UTF-16 when it says so (Excel's "Unicode text"), else UTF-8 (with or
    without Excel's BOM), else Windows-1252 as older Excel saves it, else Latin-1 (which
    reads any bytes, so a stray byte never stops a run)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:4096]:
        raise _refuse(path, "file-not-spreadsheet",
                      "this is not a text CSV file. Export the sheet from Excel as "
                      "'CSV UTF-8' or save it as .xlsx.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _read_csv(path: Path, data: bytes) -> dict[str, RawSheet]:
    text = _decode_csv(path, data)
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
                      f"the workbook unpacks to {_mb(total)} (over {_mb(MAX_UNPACKED_BYTES)})."
                      " Split it or remove unused sheets.")
    for info in infos:
        packed = max(info.compress_size, 1)
        if info.file_size > 1_000_000 and info.file_size / packed > MAX_COMPRESSION_RATIO:
            raise _refuse(path, "file-too-large",
                          f"the workbook is suspiciously compressed ({info.filename} unpacks "
                          f"{info.file_size // packed}x); it is not read. Save it again from "
                          "Excel.")
    bad = _first_bad_member(archive)
    if bad:
        raise _refuse(path, "file-corrupt",
                      f"the workbook is damaged: its part {bad} does not unpack to the size "
                      "and checksum it records, so it is not read. Open it in Excel and save "
                      "it again, or get a fresh copy.")
    return archive


def _first_bad_member(archive: zipfile.ZipFile) -> str | None:
    """The first member whose content disagrees with its recorded size or CRC, else None.

    The size checks above trust the sizes the zip records; a crafted zip can record a
    small size for a member that unpacks to gigabytes. Unpacking each member here in
    chunks never produces more than the recorded size, and a CRC mismatch exposes the lie
    before the reading engine (which trusts the stream, not the record) ever sees it.
    """
    for info in archive.infolist():
        try:
            with archive.open(info) as member:
                while member.read(_CHUNK):
                    pass
        except Exception:  # BadZipFile, zlib.error, EOFError, NotImplementedError, ...
            return info.filename
    return None


def _read_workbook(path: Path, data: bytes) -> dict[str, RawSheet]:
    import python_calamine  # imported here: heavy, and not needed for --help

    head = data[:8]
    suffix = path.suffix.lower()
    archive = None
    if head.startswith(_ZIP_MAGIC):
        archive = _check_zip(path, data)
    elif head == _OLE_MAGIC:
        # An OLE file is either an encrypted .xlsx or a legacy .xls (perhaps misnamed).
        if _ENCRYPTED_STREAM in data:
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
    if archive is not None and "content.xml" in archive.namelist():
        _mark_ods_cells(archive, sheets)
    elif archive is not None:
        _mark_error_cells(archive, sheets)
    else:
        _mark_xls_error_cells(data, sheets)
    if not any(any(str(v).strip() for v in row) for s in sheets.values() for row in s.rows):
        raise _refuse(path, "file-empty", "the workbook has no data in any sheet.")
    return sheets


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


# --- Excel error values and formulas without a saved result ------------------------
# calamine reads an error cell (#REF!, #DIV/0!, ...) as blank, which would silently drop
# data. The sheet XML marks them t="e"; we find those cells and put a CellError there.
# A formula whose result was never saved (files written by a program such as openpyxl
# and never opened in Excel) is read as blank too; it becomes CellError(NO_VALUE).

_CELL = re.compile(rb'<c r="([A-Z]+)([0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)', re.S)
_TYPE = re.compile(rb'\bt="([^"]*)"')
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_FORMULA = re.compile(rb"<f\b[^>]*?(?:/>|>([^<]*)</f>)")
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


def _special_cell(attrs: bytes, body: bytes | None) -> CellError | None:
    """The CellError an xlsx cell stands for: an error value, or a formula with no
    saved result; None for an ordinary cell."""
    kind = _TYPE.search(attrs)
    kind = kind.group(1) if kind else b"n"
    value = _VALUE.search(body) if body else None
    if kind == b"e":
        return CellError(value.group(1).decode() if value and value.group(1) else "#VALUE!")
    formula = _FORMULA.search(body) if body else None
    if formula is None or (value and value.group(1)) or kind in (b"str", b"inlineStr"):
        return None  # not a formula, or its result is saved (an empty text result is fine)
    from xml.sax.saxutils import unescape

    text = unescape((formula.group(1) or b"").decode(errors="replace"))
    return CellError(CellError.NO_VALUE, formula=f"={text}" if text else "")


def _mark_error_cells(archive: zipfile.ZipFile, sheets: dict[str, RawSheet]) -> None:
    """Put a CellError where an xlsx sheet holds an error value or an unsaved formula."""
    try:
        paths = _sheet_paths(archive)
    except KeyError:
        return
    names = set(archive.namelist())
    for name, part in paths.items():
        sheet = sheets.get(name)
        if sheet is None or part not in names:
            continue
        xml = archive.read(part)
        if b't="e"' not in xml and b"<f" not in xml:
            continue
        for letters, digits, attrs, body in _CELL.findall(xml):
            found = _special_cell(attrs, body)
            if found is not None:
                _put(sheet, int(digits) - 1, _col_index(letters.decode()), found)


# --- OpenDocument (.ods): error values and merged cells ------------------------------
# calamine reads an .ods error cell as blank and reports no merged ranges; content.xml
# has both. Rows and cells may be repeated (number-*-repeated), so positions are counted.

_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODS_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
_ODS_CELLS = (_ODS_TABLE + "table-cell", _ODS_TABLE + "covered-table-cell")


def _mark_ods_cells(archive: zipfile.ZipFile, sheets: dict[str, RawSheet]) -> None:
    """Put a CellError at each .ods error cell and record merged ranges."""
    from defusedxml.ElementTree import iterparse

    try:
        content = archive.read("content.xml")
    except KeyError:
        return
    if b'value-type="error"' not in content and b'-spanned="' not in content:
        return
    sheet, row0, col0, depth = None, 0, 0, 0
    for event, el in iterparse(io.BytesIO(content), events=("start", "end")):
        tag = el.tag
        if tag == _ODS_TABLE + "table":
            depth += 1 if event == "start" else -1
            if event == "start" and depth == 1:
                sheet, row0 = sheets.get(el.get(_ODS_TABLE + "name", "")), 0
        elif tag == _ODS_TABLE + "table-row" and depth == 1:
            if event == "start":
                col0 = 0
            else:
                row0 += int(el.get(_ODS_TABLE + "number-rows-repeated", "1"))
                el.clear()
        elif tag in _ODS_CELLS and event == "end" and depth == 1:
            if sheet is not None:
                _ods_cell(sheet, el, row0, col0)
            col0 += int(el.get(_ODS_TABLE + "number-columns-repeated", "1"))
            el.clear()


def _ods_cell(sheet: RawSheet, el, row0: int, col0: int) -> None:
    if el.get(_ODS_CALCEXT + "value-type") == "error":
        text = "".join(el.itertext()).strip()
        _put(sheet, row0, col0, CellError(text if text.startswith("#") else "#VALUE!"))
    cols = int(el.get(_ODS_TABLE + "number-columns-spanned", "1"))
    rows = int(el.get(_ODS_TABLE + "number-rows-spanned", "1"))
    if cols > 1 or rows > 1:
        sheet.merged.append(((row0, col0), (row0 + rows - 1, col0 + cols - 1)))


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
