"""The autopilot as a real process: `python scripts/autopilot.py`, its lock, and crashes.

A run is killed with SIGKILL in the middle of a pass and run again: no partial output,
no duplicate email, nothing lost. Waiting here is bounded polling for something the
process writes (a log line, a held SMTP command), never a fixed sleep.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import openpyxl
import pytest
from mailserver import EXAMPLES, MailServer, office_settings
from medoffice.delivery.lock import Lock
from medoffice.delivery.outbox import TEMP_PREFIX

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "autopilot.py"
MANAGER = "manager@riverside.example"
PAYROLL_XLSX = "payroll_2026-11-15_to_2026-11-28.xlsx"
needs_sigkill = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")


@pytest.fixture
def mail():
    server = MailServer().start()
    yield server
    server.stop()


def _folder(tmp_path: Path, port: int | None, **extra) -> Path:
    """A workbooks folder whose inbox holds the example roster, timesheet and settings
    (with the mail server): what a manager drops in."""
    folder = tmp_path / "workbooks"
    (folder / "inbox").mkdir(parents=True)
    for name in ("staff.xlsx", "timesheet.xlsx"):
        (folder / "inbox" / name).write_bytes((EXAMPLES / name).read_bytes())
    office_settings(folder / "inbox" / "settings.xlsx", port, extra=extra or None)
    return folder


def _argv(folder: Path, *more: str) -> list[str]:
    return [sys.executable, str(SCRIPT), "--folder", str(folder), "--settle-seconds", "0",
            *more]


def _run(folder: Path, *more: str) -> subprocess.CompletedProcess:
    return subprocess.run(_argv(folder, "--once", *more), capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def _start(folder: Path, *more: str) -> subprocess.Popen:
    return subprocess.Popen(_argv(folder, *more), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def _log(folder: Path) -> str:
    path = folder / ".medoffice" / "autopilot.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _wait_for(condition, seconds: float = 120) -> None:
    """Poll until `condition()` holds (bounded: fails the test after `seconds`)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "gave up waiting"
        time.sleep(0.05)


def _outbox(folder: Path) -> list[Path]:
    return sorted((folder / "outbox").iterdir()) if (folder / "outbox").exists() else []


def _assert_outputs_whole(folder: Path) -> None:
    """Every visible file in the outbox is complete: workbooks open, CSVs have rows."""
    for path in _outbox(folder):
        if path.name.startswith(TEMP_PREFIX):
            continue  # a killed write's temp file: hidden, never under an output's name
        if path.suffix == ".xlsx":
            openpyxl.load_workbook(path, read_only=True).close()
        elif path.suffix == ".csv":
            assert path.read_text(encoding="utf-8-sig").count("\n") > 1


# --- the lock -----------------------------------------------------------------------------
def test_lock_is_exclusive_and_given_back(tmp_path):
    path = tmp_path / "autopilot.lock"
    first, second = Lock(path), Lock(path)
    assert first.acquire()
    assert not second.acquire()
    holder = second.holder()
    assert (holder["pid"], holder["host"]) == (os.getpid(), socket.gethostname())
    first.release()
    assert not path.exists()
    assert second.acquire()
    second.release()


def _lock_file(path: Path, pid: int, host: str) -> None:
    path.write_text(json.dumps({"pid": pid, "host": host, "token": "old",
                                "started": "2026-11-27 07:00:00"}))


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path):
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead = int(done.stdout)  # that process has exited
    path = tmp_path / "autopilot.lock"
    _lock_file(path, dead, socket.gethostname())
    lock = Lock(path)
    assert lock.acquire()
    assert lock.took_over["pid"] == dead
    assert json.loads(path.read_text())["pid"] == os.getpid()
    lock.release()


def test_a_lock_of_a_live_process_is_respected(tmp_path):
    path = tmp_path / "autopilot.lock"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        _lock_file(path, sleeper.pid, socket.gethostname())
        assert not Lock(path).acquire()
    finally:
        sleeper.kill()
        sleeper.wait()
    lock = Lock(path)
    assert lock.acquire()  # its owner is gone now
    lock.release()


def test_a_lock_from_another_machine_is_stale_only_when_its_heartbeat_stopped(tmp_path):
    path = tmp_path / "autopilot.lock"
    _lock_file(path, 4242, "frontdesk-pc")
    assert not Lock(path, stale_after=600).acquire()  # fresh: its owner is alive somewhere
    an_hour_ago = time.time() - 3600
    os.utime(path, (an_hour_ago, an_hour_ago))
    lock = Lock(path, stale_after=600)
    assert lock.acquire()
    lock.release()


def test_the_heartbeat_keeps_a_held_lock_fresh(tmp_path):
    path = tmp_path / "autopilot.lock"
    lock = Lock(path, heartbeat=0.05)
    assert lock.acquire()
    try:
        an_hour_ago = time.time() - 3600
        os.utime(path, (an_hour_ago, an_hour_ago))
        _wait_for(lambda: time.time() - path.stat().st_mtime < 60, seconds=10)
    finally:
        lock.release()


# --- whole runs ---------------------------------------------------------------------------
def test_dropped_example_workbooks_are_computed_and_emailed_and_not_twice(tmp_path, mail):
    folder = _folder(tmp_path, mail.port)
    first = _run(folder)
    assert first.returncode == 0, first.stderr
    names = [p.name for p in _outbox(folder)]
    assert PAYROLL_XLSX in names and "payroll_2026-11-15_to_2026-11-28_export.csv" in names
    _assert_outputs_whole(folder)
    assert [r.rcpt_tos for r in mail.received] == [[MANAGER]]
    files = mail.received[0].attachments()
    assert files[PAYROLL_XLSX] == (folder / "outbox" / PAYROLL_XLSX).read_bytes()
    assert f"payroll: wrote {PAYROLL_XLSX}" in first.stdout
    # The inputs are untouched; the lock is given back.
    assert (folder / "inbox" / "timesheet.xlsx").read_bytes() == \
        (EXAMPLES / "timesheet.xlsx").read_bytes()
    assert not (folder / ".medoffice" / "autopilot.lock").exists()
    second = _run(folder)
    assert second.returncode == 0, second.stderr
    assert [p.name for p in _outbox(folder)] == names
    assert len(mail.received) == 1


def test_a_second_autopilot_on_the_same_folder_stops(tmp_path):
    folder = _folder(tmp_path, None)
    (folder / ".medoffice").mkdir()
    held = Lock(folder / ".medoffice" / "autopilot.lock")
    assert held.acquire()
    try:
        result = _run(folder)
    finally:
        held.release()
    assert result.returncode == 0
    assert f"Another autopilot is already running for {folder} (pid {os.getpid()}" \
        in result.stderr
    assert _outbox(folder) == []


@needs_sigkill
def test_killed_in_the_middle_of_sending_then_run_again(tmp_path, mail):
    folder = _folder(tmp_path, mail.port)
    mail.hold = threading.Event()  # the server holds the first RCPT: a send in progress
    process = _start(folder, "--once")
    try:
        assert mail.held.wait(120), "the autopilot never started sending"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    finally:
        mail.hold.set()
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()
    mail.hold = None  # later sessions go through
    assert mail.received == []  # the held message was never accepted
    assert (folder / ".medoffice" / "autopilot.lock").exists()  # stale, left by the kill
    _assert_outputs_whole(folder)
    again = _run(folder)
    assert again.returncode == 0, again.stderr
    # Exactly one message: the one queued before the kill, sent now; nothing lost.
    assert [r.rcpt_tos for r in mail.received] == [[MANAGER]]
    assert "took over the lock of a stopped autopilot" in _log(folder)
    _assert_outputs_whole(folder)
    assert (folder / "outbox" / PAYROLL_XLSX).exists()
    third = _run(folder)
    assert third.returncode == 0 and len(mail.received) == 1


@needs_sigkill
def test_killed_while_computing_then_run_again(tmp_path, mail):
    folder = _folder(tmp_path, mail.port)
    process = _start(folder, "--once")
    try:
        _wait_for(lambda: "payroll: running" in _log(folder))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()
    _assert_outputs_whole(folder)
    sent_before = len(mail.received)
    assert sent_before <= 1
    again = _run(folder)
    assert again.returncode == 0, again.stderr
    _assert_outputs_whole(folder)
    assert (folder / "outbox" / PAYROLL_XLSX).exists()
    assert [r.rcpt_tos for r in mail.received] == [[MANAGER]]  # once, whenever it went


def test_leftover_temp_files_of_a_killed_write_are_swept_when_old(tmp_path):
    folder = _folder(tmp_path, None)
    (folder / "outbox").mkdir()
    old = folder / "outbox" / f"{TEMP_PREFIX}0123456789ab.xlsx"
    fresh = folder / "outbox" / f"{TEMP_PREFIX}ba9876543210.xlsx"
    old.write_bytes(b"half a workbook")
    fresh.write_bytes(b"being written by a command run by hand")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    assert _run(folder, "--no-email").returncode == 0
    assert not old.exists() and fresh.exists()


@needs_sigkill
def test_the_loop_passes_again_on_schedule_and_stops_on_sigterm(tmp_path, mail):
    folder = _folder(tmp_path, mail.port, **{"Inbox check minutes": 0.1})  # every 6 s
    process = _start(folder)
    try:
        _wait_for(lambda: "payroll: done" in _log(folder))
        book = openpyxl.load_workbook(folder / "inbox" / "timesheet.xlsx")
        book["Time"].append(["1009", "2026-11-27", None, None, None, 2])
        book.save(folder / "inbox" / "timesheet.xlsx")
        _wait_for(lambda: _log(folder).count("payroll: done") == 2)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
        out = process.stdout.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()
    assert "every 0.1 minute(s)" in out and "Stopped." in out
    assert not (folder / ".medoffice" / "autopilot.lock").exists()
    assert "autopilot stopped" in _log(folder)
    assert len(mail.to(MANAGER)) == 2  # one per version of the timesheet
