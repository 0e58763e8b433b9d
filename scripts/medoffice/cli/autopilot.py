"""`python scripts/autopilot.py`: drop a workbook in the inbox, get the result by email.

Runs a pass every `Inbox check minutes` (driven by `schedule`), or one pass with
--once (for cron or Windows Task Scheduler). One autopilot per workbooks folder: a
lock file in workbooks/.medoffice/ that a crashed run cannot leave stuck. What each
pass does is in medoffice/autopilot/runner.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from .. import __version__
from .base import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, Folders, default_folders


def folders_of(workbooks: Path) -> Folders:
    """The inbox, outbox, examples and settings.xlsx of a workbooks folder."""
    return Folders(inbox=workbooks / "inbox", outbox=workbooks / "outbox",
                   examples=workbooks / "examples", settings=workbooks / "settings.xlsx")


class AutopilotCommand:
    """The autopilot's command line: flags, the lock, and the loop or a single pass."""

    name = "autopilot"

    def __init__(self, stdout: TextIO | None = None, stderr: TextIO | None = None,
                 folders: Folders | None = None, clock: Callable[[], dt.datetime] | None = None,
                 sleep: Callable[[float], None] = time.sleep, commands: dict | None = None):
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.folders = folders
        self.clock = clock
        self.sleep = sleep
        self.commands = commands
        self.args: argparse.Namespace | None = None

    def parser(self) -> argparse.ArgumentParser:
        """The autopilot's flags."""
        p = argparse.ArgumentParser(
            prog="autopilot.py",
            description="Watch workbooks/inbox/: run each command when its workbooks change, "
                        "run payroll, inventory, budget and a daily digest on their days, "
                        "and email the results.")
        p.add_argument("--once", action="store_true",
                       help="do one pass and exit (for cron or Windows Task Scheduler)")
        p.add_argument("--folder", type=Path, metavar="DIR",
                       help="the workbooks folder holding inbox/, outbox/ and settings.xlsx "
                            "(default: workbooks/)")
        p.add_argument("--settings", type=Path, metavar="PATH",
                       help="settings workbook (default: settings.xlsx in the workbooks "
                            "folder, else one dropped in the inbox)")
        p.add_argument("--out", type=Path, metavar="DIR",
                       help="folder for the results (default: the outbox)")
        mail = p.add_mutually_exclusive_group()
        mail.add_argument("--email-preview", action="store_true",
                          help="write the emails as .eml files into the out folder instead "
                               "of sending them")
        mail.add_argument("--no-email", action="store_true",
                          help="send no email even when the mail server is set up")
        p.add_argument("--email-stubs", action="store_true",
                       help="also email each employee their own pay stub")
        p.add_argument("--settle-seconds", type=float, default=2.0, metavar="N",
                       help="how long a new or changed file must stay unchanged before it is "
                            "read (default 2)")
        p.add_argument("-q", "--quiet", action="store_true", help="print only problems")
        p.add_argument("-v", "--verbose", action="store_true",
                       help="print what waits and why, and tracebacks")
        p.add_argument("--version", action="version", version=f"medoffice {__version__}")
        return p

    def say(self, text: str, err: bool = False) -> None:
        """Print a console line (nothing with -q unless it is a problem)."""
        if self.args and self.args.quiet and not err:
            return
        (self.stderr if err else self.stdout).write(text + "\n")
        (self.stderr if err else self.stdout).flush()

    def main(self, argv: list[str] | None = None) -> int:
        """Run the autopilot; return the exit code."""
        from ..delivery.lock import Lock, describe_holder
        from ..delivery.state import state_dir

        try:
            self.args = args = self.parser().parse_args(argv)
        except SystemExit as exc:
            return int(exc.code or 0)
        folders = folders_of(args.folder) if args.folder else (self.folders or default_folders())
        if args.settings is not None and not args.settings.is_file():
            self.say(f"Error: settings file {args.settings} does not exist.", err=True)
            return EXIT_USAGE
        if not folders.inbox.is_dir():
            self.say(f"Error: there is no inbox folder {folders.inbox}. Create it, or name "
                     "the workbooks folder with --folder.", err=True)
            return EXIT_USAGE
        lock = Lock(state_dir(folders.inbox.parent) / "autopilot.lock")
        if not lock.acquire():
            self.say(f"Another autopilot is already running for {folders.inbox.parent} "
                     f"({describe_holder(lock.holder() or {})}); this one stops.", err=True)
            return EXIT_OK
        autopilot = None
        restore = self._stop_on_sigterm()
        try:
            autopilot = self._autopilot(folders)
            if lock.took_over:
                autopilot.log.warning("took over the lock of a stopped autopilot (%s)",
                                      describe_holder(lock.took_over))
            if args.once:
                return EXIT_OK if self._pass(autopilot) else EXIT_INTERNAL
            self._loop(autopilot)
            return EXIT_OK
        except KeyboardInterrupt:
            self.say("Stopped.")
            return EXIT_OK
        finally:
            restore()
            if autopilot is not None:
                from ..autopilot.log import close_log

                autopilot.log.info("autopilot stopped")
                close_log(autopilot.log)
            lock.release()

    def _autopilot(self, folders: Folders):
        from ..autopilot.runner import Autopilot

        args = self.args
        email = "preview" if args.email_preview else "off" if args.no_email else "auto"
        autopilot = Autopilot(folders, out=args.out, settings_path=args.settings, email=email,
                              email_stubs=args.email_stubs, clock=self.clock, sleep=self.sleep,
                              settle_seconds=args.settle_seconds, commands=self.commands)
        autopilot.log.info("autopilot started (medoffice %s, %s)", __version__,
                           "one pass" if args.once else "watching")
        return autopilot

    def _pass(self, autopilot) -> bool:
        """One pass; a crash of the pass itself is logged and reported, never raised."""
        try:
            report = autopilot.run_pass()
        except Exception as exc:
            autopilot.log.exception("the pass crashed; the autopilot goes on")
            if self.args.verbose:
                traceback.print_exc(file=self.stderr)
            self.say(f"Internal error in the autopilot: {type(exc).__name__}: {exc}. See "
                     f"{autopilot.state / 'autopilot.log'}.", err=True)
            return False
        stamp = (autopilot.clock()).strftime("%H:%M")
        for line in report.lines:
            self.say(f"{stamp} {line}")
        if self.args.verbose:
            for topic, why in report.waiting:
                self.say(f"{stamp} {topic}: {why}")
        return True

    def _loop(self, autopilot) -> None:
        """A pass now, then one every `Inbox check minutes`, until Ctrl+C or SIGTERM."""
        import schedule

        scheduler = schedule.Scheduler()
        self._pass(autopilot)
        interval = autopilot.interval_seconds
        scheduler.every(max(1, round(interval))).seconds.do(self._pass, autopilot)
        self.say(f"Watching {autopilot.folders.inbox} every {interval / 60:g} minute(s). "
                 "Press Ctrl+C to stop.")
        while True:
            scheduler.run_pending()
            if autopilot.interval_seconds != interval:  # the setting was changed
                interval = autopilot.interval_seconds
                scheduler.clear()
                scheduler.every(max(1, round(interval))).seconds.do(self._pass, autopilot)
                autopilot.log.info("inbox check interval is now %g minute(s)", interval / 60)
            idle = scheduler.idle_seconds
            self.sleep(min(1.0, max(0.05, idle if idle is not None else 1.0)))

    @staticmethod
    def _stop_on_sigterm() -> Callable[[], None]:
        """Make SIGTERM (systemd stop, kill) stop the autopilot like Ctrl+C; returns undo."""
        if threading.current_thread() is not threading.main_thread() or \
                not hasattr(signal, "SIGTERM"):
            return lambda: None

        def stop(_signum, _frame):
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, stop)
        return lambda: signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    """Entry point of scripts/autopilot.py."""
    return AutopilotCommand().main(argv)
