"""A command's outputs are written at the same time (one forked process each, on Linux
with more than one CPU) and only put in place once all of them are complete."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from medoffice.delivery import write_outputs
from medoffice.delivery.parallel import WORKERS_VARIABLE, ParallelWriteError, run_writes

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="parallel writes fork (Linux)")


def writes_its_pid(path: Path) -> None:
    path.write_text(str(os.getpid()))


def fails(path: Path) -> None:
    path.write_text("half")
    raise ValueError("no such column 'Gross pay'")


def killed(path: Path) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


@linux_only
def test_outputs_are_written_by_separate_processes_at_once(tmp_path, monkeypatch):
    monkeypatch.setenv(WORKERS_VARIABLE, "2")
    assert threading.active_count() == 1  # a thread left running would make it one process
    paths = write_outputs([(tmp_path / "a.xlsx", writes_its_pid),
                           (tmp_path / "b.xlsx", writes_its_pid)])
    assert paths == [tmp_path / "a.xlsx", tmp_path / "b.xlsx"]
    writers = {int(p.read_text()) for p in paths}
    assert len(writers) == 2 and os.getpid() not in writers
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "b.xlsx"]  # no temps


def test_one_worker_writes_in_this_process(tmp_path, monkeypatch):
    monkeypatch.setenv(WORKERS_VARIABLE, "1")
    paths = write_outputs([(tmp_path / "a.xlsx", writes_its_pid),
                           (tmp_path / "b.xlsx", writes_its_pid)])
    assert {int(p.read_text()) for p in paths} == {os.getpid()}


@linux_only
@pytest.mark.parametrize(("writer", "said"), [
    (fails, "writing b.xlsx failed: ValueError: no such column 'Gross pay'"),
    (killed, f"writing b.xlsx failed: the writing process was stopped by signal "
             f"{int(signal.SIGKILL)} (killed: out of memory?)"),
])
def test_a_failed_output_replaces_nothing_and_leaves_no_temp_files(tmp_path, monkeypatch,
                                                                    writer, said):
    monkeypatch.setenv(WORKERS_VARIABLE, "2")
    earlier = tmp_path / "a.xlsx"
    earlier.write_text("last week's")
    with pytest.raises(ParallelWriteError) as caught:
        write_outputs([(tmp_path / "a.xlsx", writes_its_pid), (tmp_path / "b.xlsx", writer)])
    assert str(caught.value) == said
    # a.xlsx was written completely, but is not put in place while b.xlsx failed.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx"]
    assert earlier.read_text() == "last week's"


@linux_only
def test_a_failure_stops_the_other_writers(tmp_path, monkeypatch):
    # a.xlsx would take a minute and then write "late"; b.xlsx fails at once. The run
    # fails without waiting for a.xlsx: its writer is stopped, so "late" never appears.
    monkeypatch.setenv(WORKERS_VARIABLE, "2")

    def slow(path: Path) -> None:
        time.sleep(60)
        path.write_text("late")

    a, b = tmp_path / "a.part", tmp_path / "b.part"
    with pytest.raises(ParallelWriteError, match="writing b.xlsx failed: ValueError"):
        run_writes([(slow, a, "a.xlsx"), (fails, b, "b.xlsx")], finish=lambda path: None)
    assert not a.exists()


def test_with_another_thread_running_the_writes_stay_in_this_process(tmp_path, monkeypatch):
    # Forking a process with other threads is unsafe (the autopilot's lock heartbeat).
    monkeypatch.setenv(WORKERS_VARIABLE, "2")
    stop = threading.Event()
    beat = threading.Thread(target=stop.wait)
    beat.start()
    try:
        paths = write_outputs([(tmp_path / "a.xlsx", writes_its_pid),
                               (tmp_path / "b.xlsx", writes_its_pid)])
    finally:
        stop.set()
        beat.join()
    assert {int(p.read_text()) for p in paths} == {os.getpid()}
