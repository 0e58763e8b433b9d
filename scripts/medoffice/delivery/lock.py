"""A lock file that a crashed process cannot leave stuck, on Windows, macOS and Linux.

The lock file holds the owner's pid, host name and start time, and its modification
time is refreshed every few seconds by a heartbeat thread while it is held. It is stale,
and taken over, when

- its owner ran on this host and that process no longer exists, or
- its heartbeat stopped (not refreshed for `stale_after` seconds: the owner's machine
  went down, or the pid was reused by another program).

Taking the lock is one exclusive file creation (O_CREAT | O_EXCL), which is atomic on
every platform and on network shares; no fcntl, no msvcrt locking.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import socket
import threading
import time
from pathlib import Path

HEARTBEAT_SECONDS = 20.0
STALE_AFTER_SECONDS = 600.0
_WINDOWS = os.name == "nt"


def pid_alive(pid: int) -> bool:
    """True when a process with this id exists on this machine.

    On Windows os.kill(pid, 0) would terminate the process, so the process is opened
    for a query instead.
    """
    if pid <= 0:
        return False
    if _WINDOWS:
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, but belongs to another user
        return True
    except OSError:
        return False
    return True


def _windows_pid_alive(pid: int) -> bool:
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    query_limited_information, still_active, access_denied = 0x1000, 259, 5
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return ctypes.get_last_error() == access_denied
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


class LockHeld(Exception):
    """The lock belongs to a live process; `holder` says whose it is."""

    def __init__(self, holder: dict):
        super().__init__(describe_holder(holder))
        self.holder = holder


def describe_holder(holder: dict) -> str:
    """`pid 4242 on host frontdesk since 2026-11-16 07:00:03` (as much as is known)."""
    parts = [f"pid {holder.get('pid', '?')}"]
    if holder.get("host"):
        parts.append(f"on host {holder['host']}")
    if holder.get("started"):
        parts.append(f"since {holder['started']}")
    return " ".join(parts)


class Lock:
    """An exclusive, self-healing lock file (see the module docstring).

    Use `acquire()` / `release()`, or `with Lock(path):` which raises LockHeld when
    another live process has it.
    """

    def __init__(self, path: Path, stale_after: float = STALE_AFTER_SECONDS,
                 heartbeat: float = HEARTBEAT_SECONDS):
        self.path = Path(path)
        self.stale_after = stale_after
        self.heartbeat = heartbeat
        self.token = secrets.token_hex(8)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.took_over: dict | None = None  # the stale holder replaced, if any

    # --- taking and giving back ------------------------------------------------------
    def acquire(self) -> bool:
        """Take the lock if it is free or stale; False when a live process holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(3):
            if self._create():
                self._start_heartbeat()
                return True
            holder = self.holder()
            if holder is None:
                continue  # it vanished between our two looks: try again
            if not self.is_stale(holder):
                return False
            if self._set_aside(holder):
                self.took_over = holder
        return False

    def release(self) -> None:
        """Give the lock back (only if it is still ours)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        holder = self.holder()
        if holder is not None and holder.get("token") == self.token:
            self.path.unlink(missing_ok=True)

    def __enter__(self) -> Lock:
        if not self.acquire():
            raise LockHeld(self.holder() or {})
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    # --- looking at it -----------------------------------------------------------------
    def holder(self) -> dict | None:
        """What the lock file says (pid, host, started, token, age), or None when free."""
        try:
            text = self.path.read_text(encoding="utf-8")
            age = time.time() - self.path.stat().st_mtime
        except FileNotFoundError:
            return None
        except OSError:
            return {"unreadable": True, "age": 0.0}
        try:
            data = json.loads(text)
            if not isinstance(data, dict):
                raise ValueError
        except ValueError:
            data = {"unreadable": True}  # being written right now, or damaged
        data["age"] = age
        return data

    def is_stale(self, holder: dict) -> bool:
        """True when the holder is gone (see the module docstring)."""
        if holder.get("age", 0.0) > self.stale_after:
            return True
        if holder.get("unreadable"):
            return holder.get("age", 0.0) > 10  # a writer needs far less than that
        pid = holder.get("pid")
        if holder.get("host") == socket.gethostname() and isinstance(pid, int):
            return not pid_alive(pid)
        return False

    # --- internals ---------------------------------------------------------------------
    def _create(self) -> bool:
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        info = {"pid": os.getpid(), "host": socket.gethostname(), "token": self.token,
                "started": dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")}
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(info, handle)
            handle.flush()
            os.fsync(handle.fileno())
        return True

    def _set_aside(self, stale: dict) -> bool:
        """Move a stale lock out of the way. Renaming is atomic: when two processes both
        find it stale, only one rename succeeds; the other then finds the new lock."""
        aside = self.path.with_name(f"{self.path.name}.stale-{secrets.token_hex(4)}")
        try:
            os.rename(self.path, aside)
        except OSError:  # gone already, or another process moved it first
            return False
        try:
            moved = json.loads(aside.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            moved = {}
        if moved.get("token") != stale.get("token") and not stale.get("unreadable"):
            # Someone else replaced the stale lock between our look and our move: that
            # lock is live, put it back.
            if not self.path.exists():
                os.rename(aside, self.path)
                return False
        aside.unlink(missing_ok=True)
        return True

    def _start_heartbeat(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._beat, name=f"lock {self.path.name}",
                                        daemon=True)
        self._thread.start()

    def _beat(self) -> None:
        while not self._stop.wait(self.heartbeat):
            try:
                os.utime(self.path)
            except OSError:
                pass  # gone or briefly unreachable; the next beat tries again
