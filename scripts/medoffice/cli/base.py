"""The one base every command stands on: flags, input discovery, settings, error
reports, output delivery, console summary, --json and exit codes.

A command subclasses Command, declares the sheets it reads, and implements `compute`,
which returns an Outcome (outputs to write, warnings, errors, key figures). Everything
else (finding files, validating them, refusing bad ones, writing the error report,
writing outputs atomically, printing) happens here, the same way for every command.

Exit codes: 0 done (warnings allowed), 1 the inputs have errors, 2 usage or settings
error, 3 an internal error (a bug: please report it; -v shows the traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .. import __version__
from ..problems import MedofficeError, Problem, UsageError, has_errors, sort_key

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
REPO_ROOT = Path(__file__).resolve().parents[3]


def iso_date(text: str):
    """argparse type for YYYY-MM-DD dates (--as-of, --period-start)."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-15") from None


@dataclass
class Output:
    """One file a command delivers: its name and a function that writes it to a path."""

    name: str
    write: Callable[[Path], None]
    kind: str = "workbook"  # "workbook", "csv", ...
    # Writes one employee's own part (a pay stub) to a path; False when they have none.
    # --email-stubs sends each part to that employee's Email on the Staff roster only.
    employee_part: Callable[[str, Path], bool] | None = None


@dataclass
class Outcome:
    """What a command's computation produced."""

    outputs: list[Output] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # warnings and errors
    summary: list[str] = field(default_factory=list)  # console lines, plain
    figures: dict[str, object] = field(default_factory=dict)  # for --json


@dataclass
class Folders:
    """Where a run reads and writes."""

    inbox: Path
    outbox: Path
    examples: Path
    settings: Path


def default_folders(root: Path = REPO_ROOT) -> Folders:
    """The folders of a checkout: workbooks/inbox, outbox, examples and settings.xlsx."""
    workbooks = root / "workbooks"
    return Folders(inbox=workbooks / "inbox", outbox=workbooks / "outbox",
                   examples=workbooks / "examples", settings=workbooks / "settings.xlsx")


# The garbage collector's thresholds during a command: a run allocates millions of
# long-lived objects (cells, rows, Decimals) and almost no reference cycles, so Python's
# default (a young collection every 700 allocations, full ones as the heap grows) spends
# up to a tenth of a large run finding nothing. Measured on the benchmark workloads:
# every full collection during a run freed 0 objects.
RUN_GC_THRESHOLDS = (50_000, 50, 1_000)


@contextlib.contextmanager
def fewer_collections():
    """Collect garbage rarely while a command runs; restore the previous thresholds and
    release what settle() set aside."""
    before = gc.get_threshold()
    gc.set_threshold(*RUN_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def settle() -> None:
    """Set the objects alive now (the inputs, then the results) aside from the garbage
    collector until the run ends: they live to its end anyway, and each collection would
    walk all of them again (about a second at 10,000 staff). Memory they free by reference
    counting is freed as usual."""
    gc.freeze()


class Command:
    """Base of every command. Subclasses set the class attributes and implement compute."""

    name = "command"
    help = ""
    schemas: tuple = ()  # SheetSchemas this command reads
    needs: tuple[str, ...] = ()  # sheet names without which it cannot run
    needs_help = ""  # what to drop in the inbox, e.g. "a timesheet and a staff roster"
    confidential = False  # True: results are emailed only to its own recipients, never "all"

    def __init__(self, stdout: TextIO | None = None, stderr: TextIO | None = None,
                 folders: Folders | None = None, clock: Callable = None):
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.folders = folders or default_folders()
        self.clock = clock  # returns "now" as a datetime; injected so tests can freeze it
        self.args: argparse.Namespace | None = None

    # --- to be provided by each command ------------------------------------------------
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        """Add the command's own flags."""

    def compute(self, inputs, settings) -> Outcome:
        """Compute from validated inputs and settings; return the outputs to deliver."""
        raise NotImplementedError

    # --- the shared machinery ------------------------------------------------------------
    def parser(self) -> argparse.ArgumentParser:
        """The argument parser with the flags every command shares."""
        p = argparse.ArgumentParser(prog=f"{self.name}.py", description=self.help)
        p.add_argument("files", nargs="*", type=Path, metavar="FILE",
                       help="input workbooks (default: the files in workbooks/inbox/, or the "
                            "examples when the inbox has none)")
        p.add_argument("--settings", type=Path, metavar="PATH",
                       help="settings workbook (default: workbooks/settings.xlsx if present)")
        p.add_argument("--out", type=Path, metavar="DIR",
                       help="folder for the results (default: workbooks/outbox/)")
        p.add_argument("--email", action="store_true",
                       help="email the results to the recipients on the Recipients sheet")
        p.add_argument("--email-preview", action="store_true",
                       help="write the emails as .eml files into the out folder instead of "
                            "sending them")
        p.add_argument("--email-stubs", action="store_true",
                       help="email each employee their own pay stub (to the Email on the "
                            "Staff roster, and to no one else)")
        p.add_argument("--json", action="store_true",
                       help="print a machine-readable summary on stdout")
        p.add_argument("-q", "--quiet", action="store_true", help="print only problems")
        p.add_argument("-v", "--verbose", action="store_true",
                       help="print more, including tracebacks of internal errors")
        p.add_argument("--version", action="version", version=f"medoffice {__version__}")
        self.add_arguments(p)
        return p

    def main(self, argv: list[str] | None = None) -> int:
        """Run the command; return its exit code. Never lets a traceback reach the user."""
        try:  # argparse prints --help and usage errors itself: onto our streams
            with contextlib.redirect_stdout(self.stdout), contextlib.redirect_stderr(self.stderr):
                self.args = self.parser().parse_args(argv)
        except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
            return int(exc.code or 0)
        started = time.monotonic()
        try:
            with fewer_collections():
                code, report = self._run()
        except MedofficeError as exc:
            self.say(f"Error: {exc}", err=True)
            code, report = exc.exit_code, {"status": "error", "message": str(exc)}
        except KeyboardInterrupt:
            self.say("Stopped.", err=True)
            return 130
        except Exception as exc:  # a bug, not the user's mistake
            if self.args.verbose:
                traceback.print_exc(file=self.stderr)
            self.say(f"Internal error: {type(exc).__name__}: {exc}. Nothing was written. "
                     "Run again with -v for details, and please report it.", err=True)
            code, report = EXIT_INTERNAL, {"status": "internal-error", "message": str(exc)}
        if self.args.json:
            report.setdefault("command", self.name)
            report["exit_code"] = code
            report["seconds"] = round(time.monotonic() - started, 3)
            self._write(self.stdout, json.dumps(report, indent=2, default=str) + "\n")
        return code

    def say(self, text: str, err: bool = False) -> None:
        """Print a console line (to stderr when --json owns stdout, or for errors)."""
        if self.args and self.args.quiet and not err:
            return
        stream = self.stderr if err or (self.args and self.args.json) else self.stdout
        self._write(stream, text + "\n")

    def _write(self, stream: TextIO, text: str) -> None:
        """Write console text; a reader that went away (`... | head`) is not an error:
        the outputs are already written, so the rest of the text is dropped quietly."""
        try:
            stream.write(text)
            stream.flush()
        except BrokenPipeError:
            devnull = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the command
            if stream is sys.stdout or stream is sys.stderr:
                os.dup2(devnull.fileno(), stream.fileno())  # no "Exception ignored" at exit
            if stream is self.stdout:
                self.stdout = devnull
            else:
                self.stderr = devnull

    def progress(self, step: str) -> None:
        """Show what is happening now, on a terminal only (a one-line live status)."""
        if self.args.quiet or self.args.json or not getattr(self.stderr, "isatty", bool)():
            return
        self.stderr.write(f"\r\033[K{step}")
        self.stderr.flush()

    def _done_progress(self) -> None:
        if not (self.args.quiet or self.args.json) and getattr(self.stderr, "isatty", bool)():
            self.stderr.write("\r\033[K")

    def _run(self) -> tuple[int, dict]:
        from ..intake import validate
        from ..settings import load_settings

        args = self.args
        paths, settings_path, note = self.discover()
        if note:
            self.say(note)
        self.progress("Reading settings…")
        settings, setting_problems = load_settings(settings_path)
        if has_errors(setting_problems):
            self._done_progress()
            self._print_problems(setting_problems)
            self.say(f"Error: the settings have errors; fix {settings_path} and run again.",
                     err=True)
            return EXIT_USAGE, self._json("settings-error", setting_problems)
        self._email_ready(settings, paths)
        self.progress(f"Reading {len(paths)} workbook(s)…")
        files, refused = self._read(paths)
        inputs = validate(files, self.schemas, day_first=settings.day_first)
        settle()
        inputs.problems[:0] = refused
        # A sheet recognised but unreadable, or a file refused whole, has its own problem;
        # "no Time sheet was found" would only be a second, misleading one.
        missing = [n for n in self.needs if not inputs.recognised(n)]
        for name in missing if not refused else ():
            inputs.problems.append(self._missing_sheet_problem(name, paths))
        inputs.problems.extend(self._empty_sheet_problems(inputs))
        if all(inputs.has(name) for name in self.needs):
            inputs.problems.extend(self.check_across(inputs, settings))
        out = args.out or self.folders.outbox
        errors = [p for p in inputs.problems if p.is_error]
        if errors:
            return self._fail(inputs, inputs.problems, out)
        self.progress("Computing…")
        outcome = self.compute(inputs, settings)
        settle()
        problems = inputs.problems + setting_problems + outcome.problems
        if has_errors(problems):
            return self._fail(inputs, problems, out)
        self.progress("Writing results…")
        written = self.deliver(outcome, out)
        self._done_progress()
        warnings = [p for p in problems if not p.is_error]
        for line in outcome.summary:
            self.say(line)
        for path in written:
            self.say(f"Wrote {self._show_path(path)}")
        if warnings:
            self.say(f"{len(warnings)} warning(s): see the 'Check these' sheet.")
            if args.verbose:
                self._print_problems(warnings)
        report = self._json("ok", warnings)
        report["outputs"] = [str(p) for p in written]
        report["figures"] = outcome.figures
        self._attach_email(report, "result", inputs, written, outcome=outcome, problems=warnings)
        return EXIT_OK, report

    def discover(self) -> tuple[list[Path], Path | None, str]:
        """The input files, the settings workbook and a one-line note about the choice.

        Explicit files win. Otherwise the inbox; when the inbox holds none of the sheets
        this command needs, the examples folder (with the examples' own settings).
        """
        from ..intake import is_candidate

        args = self.args
        explicit_settings = args.settings
        if explicit_settings is not None and not explicit_settings.is_file():
            raise UsageError(f"settings file {explicit_settings} does not exist.")
        default_settings = self.folders.settings if self.folders.settings.is_file() else None
        if args.files:
            missing = [p for p in args.files if not p.exists()]
            if missing:
                raise UsageError(f"{missing[0]} does not exist. Check the name and folder.")
            files = []
            for p in args.files:
                files.extend(sorted(f for f in p.iterdir() if is_candidate(f))
                             if p.is_dir() else [p])
            return files, explicit_settings or default_settings, ""
        inbox = sorted(f for f in self.folders.inbox.glob("*") if is_candidate(f)) \
            if self.folders.inbox.is_dir() else []
        if inbox and self._holds_needed(inbox):
            return inbox, explicit_settings or default_settings, ""
        examples = sorted(f for f in self.folders.examples.glob("*") if is_candidate(f))
        example_settings = self.folders.examples / "settings.xlsx"
        note = (f"No {self.needs_help or 'input'} in {self._show_path(self.folders.inbox)}: "
                f"using the example office in {self._show_path(self.folders.examples)}.")
        chosen = explicit_settings or (example_settings if example_settings.is_file() else None)
        return [f for f in examples if f != example_settings], chosen, note

    def _read(self, paths: list[Path]):
        """Read files once per run (discovery and validation share the result)."""
        from ..intake import read_files

        cache = self.__dict__.setdefault("_read_cache", {})
        for path in paths:
            if path not in cache:  # one at a time: a refusal names only the file's name
                files, refused = read_files([path])
                cache[path] = files[0] if files else refused[0]
        hits = [cache[p] for p in paths]
        return ([h for h in hits if not isinstance(h, Problem)],
                [h for h in hits if isinstance(h, Problem)])

    def _holds_needed(self, paths: list[Path]) -> bool:
        """True when the files hold at least one of the sheets the command needs."""
        from ..intake import classify

        files, refused = self._read(paths)
        if refused:
            return True  # let the run report the bad file rather than silently skip it
        found = classify(files, self.schemas)  # as validation will: our own outputs aside
        return any(found.get(n) for n in self.needs)

    def _missing_sheet_problem(self, name: str, paths: list[Path]) -> Problem:
        from ..problems import error

        read = ", ".join(p.name for p in paths) or "no files"
        return error("sheet-missing",
                     f"no {name} sheet was found (read: {read}). Add a workbook with a sheet "
                     f"named {name} (see templates/), or check its header row.")

    def _empty_sheet_problems(self, inputs) -> list[Problem]:
        """A needed sheet that was read but holds no rows (a blank template, or one with
        only its example row) cannot be computed from: say which sheet, where."""
        from ..problems import cell_ref, error

        problems = []
        for name in self.needs:
            tables = inputs.tables.get(name, [])
            if not tables or any(len(t.data) for t in tables):
                continue
            for table in tables:
                problems.append(error(
                    "sheet-empty",
                    f"the {table.sheet} sheet has no rows below its header (row "
                    f"{table.header_row + 1}), so there is nothing to compute from. Fill it "
                    "in, or remove the file from the folder.",
                    file=table.file, sheet=table.sheet, cell=cell_ref(table.header_row + 1, 0)))
        return problems

    def _fail(self, inputs, problems: list[Problem], out: Path) -> tuple[int, dict]:
        """Inputs have errors: print them, write an error report per faulty file, exit 1."""
        from ..delivery import write_output
        from ..report import write_problems_report

        self._done_progress()
        self._print_problems(problems)
        by_file: dict[str, list[Problem]] = {}
        for p in problems:
            if p.file:
                by_file.setdefault(p.file, []).append(p)
        written = []
        raw = inputs.raw_sheets_with_problems(problems)
        for file, file_problems in by_file.items():
            if not has_errors(file_problems):
                continue
            sheets = [s for s in raw if s.file == file]
            path = out / f"{Path(file).stem}_problems.xlsx"
            out.mkdir(parents=True, exist_ok=True)
            written.append(write_output(path, lambda tmp, fp=file_problems, sh=sheets, f=file:
                                        write_problems_report(fp, sh, tmp, f"Problems in {f}")))
        n = sum(1 for p in problems if p.is_error)
        self.say(f"{n} error(s): nothing was computed. Fix them and run again.", err=True)
        for path in written:
            self.say(f"Wrote {self._show_path(path)} (the problems, marked on your sheets).",
                     err=True)
        report = self._json("input-errors", problems)
        report["outputs"] = [str(p) for p in written]
        self._attach_email(report, "errors", inputs, written, problems=problems)
        return EXIT_INPUT, report

    def _email_ready(self, settings, paths: list[Path]) -> None:
        """Keep what emailing needs; refuse --email before computing when mail is not set up."""
        from ..delivery.email import check_ready

        self._mail_context = (settings, paths)
        args = self.args
        check_ready(settings, sending=(args.email or args.email_stubs) and not args.email_preview)

    def _attach_email(self, report: dict, kind: str, inputs, written: list[Path],
                      outcome: Outcome | None = None, problems=()) -> None:
        """--email/--email-preview/--email-stubs: send or preview this run's results ("result")
        or error report ("errors"), and say what happened under report["email"]."""
        args = self.args
        if not (args.email or args.email_preview or args.email_stubs):
            return
        from ..delivery.email import email_run

        settings, paths = self._mail_context
        report["email"] = email_run(self, kind=kind, settings=settings, inputs=inputs,
                                    written=written, paths=paths, outcome=outcome,
                                    problems=list(problems))

    def check_across(self, inputs, settings) -> list[Problem]:
        """Problems found by comparing the input sheets with each other (an ID on one sheet
        missing from another), reported together with each sheet's own mistakes rather
        than after they are fixed. Runs even when some rows have errors."""
        return []

    def deliver(self, outcome: Outcome, out: Path) -> list[Path]:
        """Write every output atomically into the out folder (at the same time where the
        machine allows); earlier outputs are kept."""
        from ..delivery import write_outputs

        out.mkdir(parents=True, exist_ok=True)
        return write_outputs([(out / o.name, o.write) for o in outcome.outputs])

    def _print_problems(self, problems: list[Problem]) -> None:
        for p in sorted(problems, key=lambda p: (not p.is_error, sort_key(p))):
            self.stderr.write(p.line() + "\n")

    def _json(self, status: str, problems: list[Problem]) -> dict:
        return {"command": self.name, "status": status,
                "problems": [p.as_dict() for p in problems]}

    @staticmethod
    def _show_path(path: Path) -> str:
        try:
            return str(path.resolve().relative_to(Path.cwd()))
        except ValueError:
            return str(path)
