"""The autopilot's journal: what ran on which inputs, so nothing runs twice for nothing.

Kept in `workbooks/.medoffice/journal.json`, replaced whole on every change (atomic).
Inputs are identified by the SHA-256 of their bytes, not by name or date, so a file
saved again unchanged does not count as a change, and a renamed copy neither.

    runs      command -> its latest runs (newest last): fingerprint, inputs, status,
              outputs, key figures
    calendar  calendar job -> the last scheduled moment it was done for
    reported  "kind:sha" -> when a faulty or unknown file version was reported
    notes     subject -> the last state written to the log (to log changes only)
    seen      inbox file -> [size, mtime_ns] at the last look (to tell files being written)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from .state import read_json, write_json_atomic

KEEP_RUNS = 20  # per command; enough to recognise recent results, small enough to read
DONE_STATUSES = ("ok", "input-errors", "settings-error", "internal-error", "usage-error")


def fingerprint(inputs: dict[str, str], settings_sha: str | None, args=()) -> str:
    """One hash for a run's inputs (name -> SHA-256), settings file and extra arguments."""
    blob = json.dumps({"inputs": sorted(inputs.items()), "settings": settings_sha,
                       "args": list(args)}, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class Journal:
    """Read once per pass, changed in memory, saved (atomically) after each job."""

    def __init__(self, path: Path):
        self.path = Path(path)
        data = read_json(self.path, {}) or {}
        self.runs: dict[str, list[dict]] = data.get("runs", {})
        self.calendar: dict[str, str] = data.get("calendar", {})
        self.reported: dict[str, str] = data.get("reported", {})
        self.notes: dict[str, str] = data.get("notes", {})
        self.seen: dict[str, list[int]] = data.get("seen", {})

    def save(self) -> None:
        """Write the journal atomically."""
        write_json_atomic(self.path, {"version": 1, "runs": self.runs,
                                      "calendar": self.calendar, "reported": self.reported,
                                      "notes": self.notes, "seen": self.seen})

    # --- runs --------------------------------------------------------------------------
    def record_run(self, command: str, record: dict) -> None:
        """Add a run of `command` (keeps the latest KEEP_RUNS)."""
        runs = self.runs.setdefault(command, [])
        runs.append(record)
        del runs[:-KEEP_RUNS]

    def last_run(self, command: str) -> dict | None:
        """The latest run of `command`, whatever its outcome."""
        runs = self.runs.get(command) or []
        return runs[-1] if runs else None

    def last_done(self, command: str) -> dict | None:
        """The latest run that settled its inputs (a result, or errors to fix); runs that
        failed for a passing reason (a file open in Excel) do not count."""
        for run in reversed(self.runs.get(command) or []):
            if run.get("status") in DONE_STATUSES:
                return run
        return None

    def covered(self, command: str, inputs_fingerprint: str, expect: dict) -> bool:
        """True when a successful run on these inputs already produced figures matching
        `expect` (e.g. the same pay period): a calendar job need not run again."""
        for run in self.runs.get(command) or []:
            if run.get("status") != "ok" or run.get("fingerprint") != inputs_fingerprint:
                continue
            figures = run.get("figures") or {}
            if all(str(figures.get(k)) == str(v) for k, v in expect.items()):
                return True
        return False

    # --- calendar ------------------------------------------------------------------------
    def calendar_done(self, job: str, at: dt.datetime) -> bool:
        """True when the calendar job was done for the moment `at` (or a later one)."""
        last = self.calendar.get(job)
        return bool(last) and dt.datetime.fromisoformat(last) >= at

    def mark_calendar(self, job: str, at: dt.datetime) -> None:
        """Remember that the calendar job is done for the moment `at`."""
        self.calendar[job] = at.isoformat(timespec="minutes")

    # --- things to say once ------------------------------------------------------------
    def note_changed(self, subject: str, state: str) -> bool:
        """Remember `state` for `subject`; True when it differs from the last one (log it)."""
        if self.notes.get(subject) == state:
            return False
        self.notes[subject] = state
        return True

    def clear_note(self, subject: str) -> None:
        """Forget a subject's state (it is resolved)."""
        self.notes.pop(subject, None)
