"""Write several output files at the same time, one process each, where that is safe.

A large payroll writes two big workbooks (the result and the pay stubs), each taking
seconds of pure Python in xlsxwriter; they do not depend on each other, so on a machine
with more than one CPU each is written in a child process forked from this one (the child
shares the computed results without copying or pickling them). Forking is used only on
Linux, where it is the default and safe; elsewhere, with one CPU, with one output, or with
MEDOFFICE_WORKERS=1 (for profiling), the writes run one after the other in this process.

A child only writes its file and flushes it to disk; it reports a failure through a pipe
and exits. Nothing is moved into place here: outbox.write_outputs does that, in this
process, once every write has succeeded.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

WORKERS_VARIABLE = "MEDOFFICE_WORKERS"
_POLL_SECONDS = 0.005
_MESSAGE_BYTES = 4000
_HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM}

Write = Callable[[Path], None]


class ParallelWriteError(RuntimeError):
    """A child process failed to write its output (a bug or a full disk)."""


@dataclass
class _Child:
    pid: int
    pipe: int  # read end: the child's error message, if any
    name: str  # the output's name, for messages


def workers(jobs: int) -> int:
    """How many writes may run at once: one per CPU this process may use, on Linux, when
    no other thread is running (forking a threaded process is unsafe: the autopilot's lock
    heartbeat, for one); else 1. MEDOFFICE_WORKERS caps it (1 turns parallel writes off)."""
    if sys.platform != "linux" or jobs < 2 or threading.active_count() > 1:
        return 1
    wanted = os.environ.get(WORKERS_VARIABLE, "").strip()
    limit = int(wanted) if wanted.isdigit() and int(wanted) > 0 else len(os.sched_getaffinity(0))
    return max(1, min(limit, jobs))


def run_writes(jobs: list[tuple[Write, Path, str]], finish: Callable[[Path], None]) -> None:
    """Run `write(path)` then `finish(path)` for every (write, path, output name) job; in
    parallel child processes when workers() allows (in this process when a fork fails).
    A child's failure stops the others and is raised here as ParallelWriteError naming
    the output."""
    limit = workers(len(jobs))
    pending = list(jobs)
    running: list[_Child] = []
    failures: list[str] = []
    try:
        while pending or running:
            while pending and not failures and len(running) < limit:
                write, path, name = pending.pop(0)
                child = _start(write, path, name, finish, running) if limit > 1 else None
                if child is None:  # one worker, or the fork failed: write it here
                    write(path)
                    finish(path)
            if not running:
                continue
            done = _reap(running)
            if done is None:
                time.sleep(_POLL_SECONDS)
                continue
            child, status = done
            message = _read_message(child.pipe)
            if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
                failures.append(f"writing {child.name} failed: "
                                f"{message or _describe(status)}")
                pending.clear()
                _stop(running)  # the run has failed: do not wait for the others
    except BaseException:
        _stop(running)
        raise
    if failures:
        raise ParallelWriteError("; ".join(failures))


def _start(write: Write, path: Path, name: str, finish: Callable[[Path], None],
           running: list[_Child]) -> _Child | None:
    """Fork a child that writes `path`, and register it in `running`; None (nothing
    started) when the system cannot fork now. Ctrl+C and SIGTERM are held off from the
    fork until the child is registered, so that neither process is interrupted halfway."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # out of memory or processes: the caller writes it here instead
            os.close(read_end)
            os.close(write_end)
            return None
        if pid == 0:
            _child(write, path, finish, read_end, write_end, held)
        os.close(write_end)
        child = _Child(pid, read_end, name)
        running.append(child)
        return child
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _child(write: Write, path: Path, finish: Callable[[Path], None], read_end: int,
           write_end: int, held) -> None:
    """In the child: write, report a failure through the pipe, and leave without running
    any of the parent's exit code (atexit, finally blocks, buffered output)."""
    code = 1
    try:
        for number in _HELD_SIGNALS:
            signal.signal(number, signal.SIG_DFL)  # an interrupt simply ends the child
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        os.close(read_end)
        write(path)
        finish(path)
        code = 0
    except BaseException as exc:  # noqa: BLE001  (reported to the parent)
        text = f"{type(exc).__name__}: {exc}".encode(errors="replace")[:_MESSAGE_BYTES]
        try:
            os.write(write_end, text)
        except OSError:
            pass
    finally:
        os._exit(code)


def _reap(running: list[_Child]) -> tuple[_Child, int] | None:
    """A child of ours that has ended, with its status; None when all are still running."""
    for child in running:
        pid, status = os.waitpid(child.pid, os.WNOHANG)
        if pid:
            running.remove(child)
            return child, status
    return None


def _read_message(pipe: int) -> str:
    try:
        return os.read(pipe, _MESSAGE_BYTES).decode(errors="replace").strip()
    finally:
        os.close(pipe)


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        why = " (killed: out of memory?)" if number == signal.SIGKILL else ""
        return f"the writing process was stopped by signal {number}{why}"
    return f"the writing process exited with code {os.WEXITSTATUS(status)}"


def _stop(running: list[_Child]) -> None:
    """End and reap every child still running (the run is failing or interrupted)."""
    for child in running:
        try:
            os.kill(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    for child in running:
        try:
            os.waitpid(child.pid, 0)
        except ChildProcessError:
            pass
        os.close(child.pipe)
    running.clear()
