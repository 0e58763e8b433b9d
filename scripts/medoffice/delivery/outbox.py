"""Atomic output writes: a reader never sees a half-written workbook, and nothing is lost.

The output is written to a temp file in the destination folder (same disk, so the
final rename is atomic), flushed to disk, and moved into place with os.replace; a
command's several outputs are all written before any is moved (write_outputs). An
earlier output of the same name is kept as `<stem> (earlier N)<suffix>`. Works the
same on Windows, macOS and Linux.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from ..problems import MedofficeError
from .parallel import run_writes

TEMP_PREFIX = ".~medoffice-"  # hidden and lock-file-like, so intake and users ignore it
_CHUNK = 1 << 20


class OutputBlocked(MedofficeError):
    """The output could not be put in place, typically because the earlier file is open
    in Excel (Windows locks open files)."""


def write_output(path: Path, write: Callable[[Path], None]) -> Path:
    """Write an output atomically: `write(tmp)` fills a temp file that then replaces `path`.

    An existing file at `path` is first kept as `<stem> (earlier N)<suffix>`. On any
    failure the temp file is removed, so nothing half-written is left behind.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _reserve_temp(path)
    try:
        write(tmp)
        _fsync_file(tmp)
        _move_into_place(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)
    return path


def write_outputs(outputs: list[tuple[Path, Callable[[Path], None]]]) -> list[Path]:
    """Write several outputs atomically: each is written to its temp file (at the same
    time, one process each, where parallel.py allows), and only when every write has
    succeeded are they moved into place, in order. When a write fails, every temp file is
    removed and no output is replaced; when a move fails (the file open in Excel), the
    outputs moved before it stay."""
    paths = [Path(path) for path, _ in outputs]
    for folder in dict.fromkeys(path.parent for path in paths):
        folder.mkdir(parents=True, exist_ok=True)
    temps: list[Path] = []
    try:
        temps.extend(_reserve_temp(path) for path in paths)
        run_writes([(write, tmp, path.name) for (_, write), tmp, path
                    in zip(outputs, temps, paths, strict=True)], finish=_fsync_file)
        for tmp, path in zip(temps, paths, strict=True):
            _move_into_place(tmp, path)
    except BaseException:
        for tmp in temps:
            tmp.unlink(missing_ok=True)
        raise
    for folder in dict.fromkeys(path.parent for path in paths):
        _fsync_folder(folder)
    return paths


def earlier_name(path: Path) -> Path:
    """The name under which an earlier output is kept: the smallest free `(earlier N)`."""
    n = 1
    while True:
        candidate = path.with_name(f"{path.stem} (earlier {n}){path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks; identifies inputs on the About sheet."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _reserve_temp(path: Path) -> Path:
    """Create an empty temp file beside `path` with the same suffix (xlsxwriter wants
    .xlsx); exclusive creation means two runs never share one."""
    while True:
        tmp = path.with_name(f"{TEMP_PREFIX}{secrets.token_hex(6)}{path.suffix}")
        try:
            with tmp.open("xb"):
                return tmp
        except FileExistsError:
            continue


def _move_into_place(tmp: Path, path: Path) -> None:
    """Keep the earlier output (if any), then replace; undo the keep if replacing fails."""
    kept = None
    try:
        if path.exists():
            kept = earlier_name(path)
            path.rename(kept)
        os.replace(tmp, path)
    except PermissionError as exc:
        if kept is not None and not path.exists():
            kept.rename(path)
        raise OutputBlocked(
            f"Cannot save {path.name}: the file is open in another program "
            f"(Excel?). Close it and run again."
        ) from exc
    except BaseException:
        if kept is not None and not path.exists():
            kept.rename(path)
        raise


def _fsync_file(path: Path) -> None:
    """Flush the file's bytes to disk before it is renamed into place."""
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the OS allows syncing a folder (not Windows)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse to sync a folder; the data itself is synced
    finally:
        os.close(fd)
