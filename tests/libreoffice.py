"""Recalculate workbooks in headless LibreOffice, to prove our cached formula values.

Our totals are formulas with their value cached; Excel recalculates on open, but
previews (and re-reading with data_only=True) show the cached value. These helpers let
a test check that every cached value is what a real spreadsheet engine computes.

LibreOffice normally trusts the cached values of a file that says Excel wrote it
(xlsxwriter does), so a fresh profile forces "always recalculate on load".
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl
import pytest

SKIP_REASON = "LibreOffice (soffice) is not installed"
TIMEOUT_SECONDS = 180
NUMBER_TOLERANCE = 0.005

# Calc settings of a fresh profile: 0 = always recalculate on load (1 never, 2 ask).
RECALC_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" \
oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" \
oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""

_KNOWN_PLACES = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


def soffice_path() -> str | None:
    """The soffice executable: on PATH, or in the usual macOS / Windows install folder."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for place in _KNOWN_PLACES:
        if Path(place).is_file():
            return place
    return None


def libreoffice_available() -> bool:
    """True when headless LibreOffice can be run for recalculation tests."""
    return soffice_path() is not None


def calibri_metrics() -> bool:
    """True when LibreOffice lays text out with Calibri's metrics (Calibri itself, or
    Carlito: `fonts-crosextra-carlito`), as Excel does; other fonts are wider or narrower,
    so printed pages would break differently."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return False
    found = subprocess.run([fc_match, "Calibri"], capture_output=True, text=True,
                           check=False).stdout
    return "carlito" in found.lower() or "calibri" in found.lower()


def needs_libreoffice(test):
    """Mark a test `libreoffice` and skip it, with a plain reason, where it is absent."""
    test = pytest.mark.skipif(not libreoffice_available(), reason=SKIP_REASON)(test)
    return pytest.mark.libreoffice(test)


def recalculate(path: Path, out_dir: Path) -> Path:
    """Open `path` in headless LibreOffice with recalculation forced, save it as .xlsx
    in `out_dir` (which must not be the original's folder) and return the new file."""
    path, out_dir = Path(path).resolve(), Path(out_dir).resolve()
    if out_dir == path.parent:
        raise ValueError("out_dir must differ from the original's folder (it would be replaced)")
    return _convert(path, out_dir, "xlsx")


def print_to_pdf(path: Path, out_dir: Path) -> Path:
    """Print every sheet of `path` to a PDF in `out_dir`, as LibreOffice prints it (its
    page setup, scale and page breaks), and return the PDF."""
    return _convert(Path(path).resolve(), Path(out_dir).resolve(), "pdf")


def pdf_pages(path: Path) -> int:
    """How many pages a PDF written by LibreOffice has (its page objects)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", Path(path).read_bytes()))


def _convert(path: Path, out_dir: Path, fmt: str) -> Path:
    soffice = soffice_path()
    if soffice is None:
        raise RuntimeError(SKIP_REASON)
    out_dir.mkdir(parents=True, exist_ok=True)
    result = out_dir / f"{path.stem}.{fmt}"
    with tempfile.TemporaryDirectory(prefix="medoffice-lo-") as profile:
        _write_profile(Path(profile))
        command = [
            soffice, "--headless", "--norestore", "--nolockcheck",
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--convert-to", fmt, "--outdir", str(out_dir), str(path),
        ]
        completed = subprocess.run(command, capture_output=True, text=True,
                                   timeout=TIMEOUT_SECONDS)
    if completed.returncode != 0 or not result.is_file():
        raise RuntimeError(f"LibreOffice could not convert {path.name} to {fmt} "
                           f"(exit {completed.returncode}): {completed.stderr.strip()}")
    return result


def assert_formulas_match(original: Path, recalculated: Path) -> int:
    """Every formula cell's cached value in `original` equals LibreOffice's result in
    `recalculated` (numbers within 0.005). Returns how many formulas were checked."""
    formulas = openpyxl.load_workbook(original, data_only=False)
    cached = openpyxl.load_workbook(original, data_only=True)
    recomputed = openpyxl.load_workbook(recalculated, data_only=True)
    mismatches, checked = [], 0
    for sheet in formulas.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                checked += 1
                ours = cached[sheet.title][cell.coordinate].value
                theirs = recomputed[sheet.title][cell.coordinate].value
                if not _same(ours, theirs):
                    mismatches.append(f"{sheet.title}!{cell.coordinate} {cell.value}: "
                                      f"cached {ours!r}, LibreOffice {theirs!r}")
    assert not mismatches, "cached formula values are wrong:\n" + "\n".join(mismatches)
    return checked


def _same(ours: object, theirs: object) -> bool:
    if isinstance(ours, bool) or isinstance(theirs, bool):
        return ours == theirs
    if isinstance(ours, (int, float)) and isinstance(theirs, (int, float)):
        return math.isclose(ours, theirs, rel_tol=0, abs_tol=NUMBER_TOLERANCE)
    return ours == theirs


def _write_profile(profile: Path) -> None:
    user = profile / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(RECALC_PROFILE, encoding="utf-8")
