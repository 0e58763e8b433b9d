"""Fixture for recalculation tests; tests/conftest.py imports it.

Use: `def test_x(libreoffice_recalc): checked = libreoffice_recalc(path)`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from libreoffice import SKIP_REASON, assert_formulas_match, libreoffice_available, recalculate


@pytest.fixture
def libreoffice_recalc(tmp_path: Path) -> Callable[[Path], int]:
    """Recalculate a workbook in LibreOffice and assert its cached formula values
    match; returns the number of formulas checked. Skips where LibreOffice is absent."""
    if not libreoffice_available():
        pytest.skip(SKIP_REASON)

    def run(path: Path) -> int:
        out_dir = tmp_path / f"libreoffice-{Path(path).stem}"
        return assert_formulas_match(path, recalculate(path, out_dir))

    return run
