"""Look at the inbox: which workbooks are settled, and what each one holds.

A file still being written waits for a later pass: its size or modification time
changed between two looks, or Excel or LibreOffice has it open (a `~$name` or
`.~lock.name#` file beside it). Settled files are read once (read-only), fingerprinted
by SHA-256 and classified by their sheets' content, never by their names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..intake import is_candidate, match_sheet, read_source
from ..problems import InputRefused, Problem
from ..schemas import SETTINGS


@dataclass
class InboxFile:
    """One settled inbox file: its fingerprint and the input sheets found in it."""

    path: Path
    sha256: str = ""
    sheets: set[str] = field(default_factory=set)  # schema names, e.g. {"Staff"}
    is_settings: bool = False  # holds a Settings sheet: an office settings workbook
    refused: Problem | None = None  # cannot be read at all (damaged, encrypted, ...)

    @property
    def name(self) -> str:
        return self.path.name


def look(inbox: Path) -> dict[str, tuple[int, int]]:
    """name -> (size, modification time in ns) of each candidate input file."""
    if not inbox.is_dir():
        return {}
    found = {}
    for path in inbox.iterdir():
        try:
            if is_candidate(path):
                stat = path.stat()
                found[path.name] = (stat.st_size, stat.st_mtime_ns)
        except OSError:
            continue  # vanished between listing and looking
    return found


def open_elsewhere(inbox: Path) -> set[str]:
    """Names of inbox files that Excel or LibreOffice has open right now.

    Excel writes `~$` + the name beside an open workbook (for long names, `~$` replaces
    the first two characters); LibreOffice writes `.~lock.<name>#`.
    """
    if not inbox.is_dir():
        return set()
    names = {p.name for p in inbox.iterdir()}
    busy = set()
    for name in names:
        if name.startswith("~$"):
            rest = name[2:]
            busy.update(n for n in names if not n.startswith("~$")
                        and (n == rest or (len(n) > 2 and n[2:] == rest)))
        elif name.startswith(".~lock.") and name.endswith("#"):
            busy.add(name[len(".~lock."):-1])
    return busy


def settle(inbox: Path, previous: dict[str, list[int]], sleep: Callable[[float], None],
           settle_seconds: float) -> tuple[list[Path], list[str], dict[str, list[int]]]:
    """Split the inbox into settled files and files still being written or open.

    A file is settled when it looks the same as at the last pass (`previous`), or, when
    it is new or changed, the same again after `settle_seconds`. Returns the settled
    paths, the names that must wait, and this look (to keep for the next pass).
    """
    first = look(inbox)
    changed = [n for n, v in first.items() if list(v) != list(previous.get(n, []))]
    second = first
    if changed and settle_seconds > 0:
        sleep(settle_seconds)
        second = look(inbox)
    busy = open_elsewhere(inbox)
    settled, waiting = [], []
    for name, seen in sorted(first.items()):
        if name in busy or second.get(name) != seen:
            waiting.append(name)
        else:
            settled.append(inbox / name)
    this_look = {n: list(v) for n, v in second.items()}
    return settled, waiting, this_look


def classify_file(path: Path, schemas: tuple) -> InboxFile:
    """Read one settled file and name the input sheets it holds."""
    try:
        source = read_source(path)
    except InputRefused as refused:
        from ..delivery import sha256_of

        try:
            sha = sha256_of(path)
        except OSError:
            sha = ""
        return InboxFile(path=path, sha256=sha, refused=refused.problem)
    found = InboxFile(path=path, sha256=source.sha256)
    for sheet in source.sheets.values():
        schema = match_sheet(sheet, schemas)
        if schema is not None:
            found.sheets.add(schema.name)
        elif match_sheet(sheet, (SETTINGS,)) is not None:
            found.is_settings = True
    return found


class Classifier:
    """classify_file with a memory: a file unchanged since the last pass is not read again."""

    def __init__(self, schemas: tuple):
        self.schemas = schemas
        self._known: dict[tuple[str, int, int], InboxFile] = {}

    def __call__(self, path: Path) -> InboxFile:
        """The classification of `path` (cached on name, size and modification time)."""
        stat = path.stat()
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        if key not in self._known:
            self._known[key] = classify_file(path, self.schemas)
        return self._known[key]
