"""The program's own bookkeeping folder, `workbooks/.medoffice/`, and atomic state files.

The journal, the mail queue and ledger, the autopilot's lock and log live there. State
files are replaced whole (temp file in the same folder, flushed, os.replace), so a crash
leaves either the old version or the new one, never half of either.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

STATE_FOLDER = ".medoffice"


def state_dir(workbooks: Path) -> Path:
    """The bookkeeping folder beside inbox/ and outbox/ (created on first use)."""
    folder = Path(workbooks) / STATE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    """Replace `path` with `data` in one step: readers see the old file or the new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".~{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with tmp.open("xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_json_atomic(path: Path, data: object) -> Path:
    """Write `data` as indented JSON, atomically (see write_bytes_atomic)."""
    text = json.dumps(data, indent=1, sort_keys=True, default=str)
    return write_bytes_atomic(path, text.encode("utf-8"))


def read_json(path: Path, default: object = None) -> object:
    """The JSON in `path`, or `default` when the file is missing or unreadable.

    An unreadable state file can only come from outside tampering (writes are atomic);
    it is set aside as `<name>.damaged` so that it can be looked at, not silently lost.
    """
    path = Path(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return default
    except (OSError, ValueError):
        try:
            os.replace(path, path.with_name(path.name + ".damaged"))
        except OSError:
            pass
        return default
