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
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

WORKERS_VARIABLE = "MEDOFFICE_WORKERS"
_POLL_SECONDS = 0.005
_MESSAGE_BYTES = 4000

Write = Callable[[Path], None]


class ParallelWriteError(RuntimeError):
    """A child process failed to write its output (a bug or a full disk)."""


@dataclass
class _Child:
    pid: int
    pipe: int  # read end: the child's error message, if any
    name: str  # the output's name, for messages


def workers(jobs: int) -> int:
    """How many writes may run at once: one per CPU on Linux, else 1; MEDOFFICE_WORKERS
    caps it (1 turns parallel writes off)."""
    if sys.platform != "linux" or jobs < 2:
        return 1
    wanted = os.environ.get(WORKERS_VARIABLE, "").strip()
    limit = int(wanted) if wanted.isdigit() and int(wanted) > 0 else (os.cpu_count() or 1)
    return max(1, min(limit, jobs))


def run_writes(jobs: list[tuple[Write, Path, str]], finish: Callable[[Path], None]) -> None:
    """Run `write(path)` then `finish(path)` for every (write, path, output name) job; in
    parallel child processes when workers() allows. A child's failure is raised here as
    ParallelWriteError naming the output, once every child has ended."""
    if workers(len(jobs)) == 1:
        for write, path, _ in jobs:
            write(path)
            finish(path)
        return
    limit = workers(len(jobs))
    pending = list(jobs)
    running: list[_Child] = []
    failures: list[str] = []
    try:
        while pending or running:
            while pending and not failures and len(running) < limit:
                write, path, name = pending.pop(0)
                running.append(_start(write, path, name, finish))
            done = _reap(running)
            if done is None:
                time.sleep(_POLL_SECONDS)
                continue
            child, status = done
            running.remove(child)
            message = _read_message(child.pipe)
            if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
                failures.append(f"writing {child.name} failed: "
                                f"{message or _describe(status)}")
            if failures:
                pending.clear()
    except BaseException:
        _stop(running)
        raise
    if failures:
        raise ParallelWriteError("; ".join(failures))


def _start(write: Write, path: Path, name: str, finish: Callable[[Path], None]) -> _Child:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: write, report, and leave without running the parent's exit code
        code = 1
        try:
            os.close(read_end)
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl+C ends it quietly
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
    os.close(write_end)
    return _Child(pid, read_end, name)


def _reap(running: list[_Child]) -> tuple[_Child, int] | None:
    """A child of ours that has ended, with its status; None when all are still running."""
    for child in running:
        pid, status = os.waitpid(child.pid, os.WNOHANG)
        if pid:
            return child, status
    return None


def _read_message(pipe: int) -> str:
    try:
        return os.read(pipe, _MESSAGE_BYTES).decode(errors="replace").strip()
    finally:
        os.close(pipe)


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"the writing process was stopped by signal {os.WTERMSIG(status)}"
    return f"the writing process exited with code {os.WEXITSTATUS(status)}"


def _stop(running: list[_Child]) -> None:
    """End and reap every child still running (the parent is failing or interrupted)."""
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
