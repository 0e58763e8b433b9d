"""Shared test fixtures: real workbooks built in the test, commands run in-process."""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest_libreoffice import libreoffice_recalc  # noqa: F401  (fixture)
from mailserver import MailServer
from medoffice.cli.base import Folders
from workbook_builder import write_workbook  # noqa: F401  (re-exported for tests)

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "workbooks" / "examples"


@dataclass
class Run:
    """What a command run produced: exit code, console text, and the out folder."""

    code: int
    out: str
    err: str
    outbox: Path

    def outputs(self, pattern: str = "*") -> list[Path]:
        """Files the run wrote into the out folder, sorted."""
        return sorted(self.outbox.glob(pattern))


@pytest.fixture
def office(tmp_path: Path) -> Folders:
    """An empty office: inbox, outbox and examples folders of its own under tmp_path."""
    root = tmp_path / "office"
    folders = Folders(inbox=root / "inbox", outbox=root / "outbox",
                      examples=root / "examples", settings=root / "settings.xlsx")
    for folder in (folders.inbox, folders.outbox, folders.examples):
        folder.mkdir(parents=True)
    return folders


@pytest.fixture
def office_with_examples(office: Folders) -> Folders:
    """An office whose examples folder holds a copy of the shipped example workbooks."""
    for path in EXAMPLES.glob("*.xlsx"):
        shutil.copy2(path, office.examples / path.name)
    return office


@pytest.fixture
def run_command(office: Folders):
    """Run a command class in-process against the test office; returns a Run."""

    def run(command_class, *argv: str, folders: Folders | None = None) -> Run:
        out, err = io.StringIO(), io.StringIO()
        use = folders or office
        code = command_class(stdout=out, stderr=err, folders=use).main([str(a) for a in argv])
        return Run(code=code, out=out.getvalue(), err=err.getvalue(), outbox=use.outbox)

    return run


@pytest.fixture
def mail():
    """A real SMTP server (aiosmtpd) on localhost that keeps every message it receives."""
    server = MailServer().start()
    yield server
    server.stop()
