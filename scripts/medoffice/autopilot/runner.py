"""One pass of the autopilot: look at the inbox, run what is due, send what is waiting.

A pass
1. looks at the inbox and keeps only settled files (not being written, not open);
2. reads each settled file once and classifies it by its sheets (content, not name);
3. runs every registered command whose inputs changed since it last ran (the journal
   keys runs by the SHA-256 of each input and of the settings);
4. runs the calendar jobs that are due (calendar.py), then the daily digest;
5. sends the mail that is due (retrying earlier failures with growing waits).

Commands run in-process through their own `main` (the same code as on the command
line) with `--json`, and their summary is what the journal keeps. One job failing,
even crashing, is logged with its traceback and the pass goes on. Inputs are only read.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..cli.base import EXIT_INTERNAL, Folders
from ..cli.registry import COMMANDS
from ..delivery import sha256_of, write_output
from ..delivery.journal import Journal, fingerprint
from ..delivery.state import state_dir
from .calendar import Occurrence, due_occurrences, latest_occurrences
from .inbox import Classifier, InboxFile, settle
from .log import open_log

LEFTOVER_SECONDS = 600  # a temp file this old was left by a run that was killed


@dataclass
class PassReport:
    """What one pass did, for the console."""

    lines: list[str] = field(default_factory=list)  # one plain line per thing done
    waiting: list[tuple[str, str]] = field(default_factory=list)  # (topic, why)
    failed: list[str] = field(default_factory=list)  # jobs that crashed


class Autopilot:
    """Runs passes over one workbooks folder. Construct once; call run_pass() repeatedly."""

    def __init__(self, folders: Folders, *, out: Path | None = None,
                 settings_path: Path | None = None, email: str = "auto",
                 email_stubs: bool = False, clock: Callable[[], dt.datetime] | None = None,
                 sleep: Callable[[float], None] = time.sleep, settle_seconds: float = 2.0,
                 commands: dict[str, str] | None = None):
        self.folders = folders
        self.out = Path(out) if out else folders.outbox
        self.settings_path = settings_path
        self.email = email  # "auto" (send when the mail server is set up), "preview", "off"
        self.email_stubs = email_stubs
        self.clock = clock or dt.datetime.now
        self.sleep = sleep
        self.settle_seconds = settle_seconds
        self.commands = dict(COMMANDS if commands is None else commands)
        self.state = state_dir(folders.inbox.parent)
        self.log = open_log(self.state)
        self.interval_seconds = 60.0
        self._classifier: Classifier | None = None

    # --- one pass ------------------------------------------------------------------------
    def run_pass(self) -> PassReport:
        """Look at the inbox once and do everything that is due."""
        report = PassReport()
        journal = Journal(self.state / "journal.json")
        now = self.clock()
        classes = self._command_classes(journal)
        self._sweep_leftovers()
        settled, waiting, seen = settle(self.folders.inbox, journal.seen, self.sleep,
                                        self.settle_seconds)
        journal.seen = seen
        for name in waiting:
            report.waiting.append(("Inbox", f"{name} is open in Excel or still being copied; "
                                   "it will be read once it is closed."))
            if journal.note_changed(f"busy:{name}", "busy"):
                self.log.info("%s: being written or open in another program; waiting", name)
        for name in list(journal.notes):
            if name.startswith("busy:") and name[5:] not in waiting:
                journal.clear_note(name)
        files = [self._classify(path, classes) for path in settled]
        files = [f for f in files if f is not None]
        context = self._settings(files, journal, report, now)
        if context is None:
            journal.save()
            return report
        settings, settings_path, settings_sha = context
        self.interval_seconds = float(settings.inbox_check_minutes) * 60
        mail = self._mail_mode(settings, journal)
        self._report_bad_files(files, settings, mail, journal, report, now)
        run = _Run(settings=settings, settings_path=settings_path, settings_sha=settings_sha,
                   mail=mail, files=files, journal=journal, report=report, now=now)
        for name, cls in classes.items():
            self._guard(f"{name} (inbox)", lambda n=name, c=cls: self._inbox_job(n, c, run),
                        report)
        self._start_calendar(now, settings, journal)
        for occurrence in due_occurrences(now, settings, journal.calendar_done):
            self._guard(occurrence.job,
                        lambda o=occurrence: self._calendar_job(o, classes, run), report)
        self._guard("sending mail", lambda: self._flush_mail(settings, mail, now, report), report)
        journal.save()
        return report

    # --- jobs ------------------------------------------------------------------------------
    def _inbox_job(self, name: str, cls, run: _Run) -> None:
        """Run a command when its inputs are all in and changed since it last ran."""
        mine, missing = self._inputs_for(cls, run.files)
        if not mine:
            run.journal.clear_note(f"needs:{name}")
            return
        if missing:
            why = f"waiting for a {' and a '.join(missing)} sheet (have " \
                  f"{', '.join(f.name for f in mine)})"
            run.report.waiting.append((_title(name), why + "."))
            if run.journal.note_changed(f"needs:{name}", why):
                self.log.info("%s: %s", name, why)
            return
        run.journal.clear_note(f"needs:{name}")
        inputs = {f.name: f.sha256 for f in mine}
        last = run.journal.last_done(name)
        if last and last.get("fingerprint") == fingerprint(inputs, run.settings_sha):
            return
        self._run_command(name, cls, mine, (), "inbox change", run)

    def _calendar_job(self, occurrence: Occurrence, classes: dict, run: _Run) -> None:
        """Run a due calendar job (or the digest), or say why it waits."""
        journal = run.journal
        if occurrence.command is None:
            self._digest(occurrence, classes, run)
            journal.mark_calendar(occurrence.job, occurrence.at)
            return
        cls = classes.get(occurrence.command)
        mine, missing = self._inputs_for(cls, run.files) if cls else ([], ["it"])
        if not mine or missing:  # nothing to run it on: done for this time
            self.log.info("calendar %s: no inputs in the inbox; skipped", occurrence.describe())
            journal.mark_calendar(occurrence.job, occurrence.at)
            return
        if occurrence.period and not _covers(mine, occurrence.period, run.settings):
            why = f"waiting for the timesheet of {occurrence.period[0]} to {occurrence.period[1]}"
            run.report.waiting.append((_title(occurrence.job), why + "."))
            if journal.note_changed(f"calendar:{occurrence.job}", why):
                self.log.info("calendar %s: %s", occurrence.describe(), why)
            return
        journal.clear_note(f"calendar:{occurrence.job}")
        inputs = {f.name: f.sha256 for f in mine}
        if journal.covered(occurrence.command, fingerprint(inputs, run.settings_sha),
                           occurrence.expect):
            self.log.info("calendar %s: already done on these inputs", occurrence.describe())
            journal.mark_calendar(occurrence.job, occurrence.at)
            return
        record = self._run_command(occurrence.command, cls, mine, occurrence.args,
                                   f"calendar {occurrence.job}", run)
        if record["status"] != "error":  # a passing failure is tried again next pass
            journal.mark_calendar(occurrence.job, occurrence.at)

    def _start_calendar(self, now: dt.datetime, settings, journal: Journal) -> None:
        """A calendar job seen for the first time starts from now: moments that passed
        before the autopilot ever ran are not caught up (only later missed ones are)."""
        for occurrence in latest_occurrences(now, settings):
            if occurrence.job not in journal.calendar:
                journal.mark_calendar(occurrence.job, occurrence.at)
                self.log.info("calendar %s: starts after %s", occurrence.job,
                              occurrence.at.strftime("%Y-%m-%d %H:%M"))

    def _run_command(self, name: str, cls, files: list[InboxFile], args, trigger: str,
                     run: _Run) -> dict:
        """Run one command in-process on the given files; record and log what happened."""
        argv = [str(f.path) for f in files] + ["--json", "-v", "--out", str(self.out)]
        if run.settings_path:
            argv += ["--settings", str(run.settings_path)]
        argv += {"send": ["--email"], "preview": ["--email-preview"]}.get(run.mail, [])
        if self.email_stubs and run.mail != "off":
            argv.append("--email-stubs")
        argv += list(args)
        shown = ", ".join(f"{f.name} [{f.sha256[:12]}]" for f in files)
        self.log.info("%s: running (%s%s) on %s", name, trigger,
                      f" {' '.join(args)}" if args else "", shown)
        out, err = io.StringIO(), io.StringIO()
        code = cls(stdout=out, stderr=err, folders=self.folders, clock=self.clock).main(argv)
        summary = _json_summary(out.getvalue())
        status = summary.get("status") or "usage-error"
        if status == "error" and code == 2:
            status = "usage-error"
        problems = summary.get("problems") or []
        inputs = {f.name: f.sha256 for f in files}
        record = {
            "trigger": trigger, "args": list(args), "ran_at": run.now.isoformat(timespec="seconds"),
            "fingerprint": fingerprint(inputs, run.settings_sha), "inputs": inputs,
            "settings": run.settings_sha, "exit_code": code, "status": status,
            "outputs": [Path(p).name for p in summary.get("outputs") or []],
            "figures": summary.get("figures") or {},
            "errors": sum(1 for p in problems if p.get("severity") == "error"),
            "warnings": sum(1 for p in problems if p.get("severity") == "warning"),
        }
        run.journal.record_run(name, record)
        run.journal.save()
        self._log_run(name, code, record, summary, problems, err.getvalue(), run.report)
        return record

    def _log_run(self, name, code, record, summary, problems, stderr, report) -> None:
        outputs = ", ".join(record["outputs"]) or "nothing"
        if code == EXIT_INTERNAL:
            trace = _traceback_in(stderr) or "(no traceback was printed)"
            self.log.error("%s: crashed; nothing was written. Traceback:\n%s", name, trace)
            report.failed.append(name)
            report.lines.append(f"{name}: crashed (see the log in {self.state})")
        elif record["status"] == "ok":
            self.log.info("%s: done; wrote %s; %d warning(s)", name, outputs, record["warnings"])
            report.lines.append(f"{name}: wrote {outputs}")
        elif record["status"] == "input-errors":
            codes = sorted({p.get("code", "") for p in problems if p.get("severity") == "error"})
            files = sorted({p.get("file", "") for p in problems if p.get("severity") == "error"})
            self.log.warning("%s: %d error(s) in %s (%s); wrote %s", name, record["errors"],
                             ", ".join(f for f in files if f) or "the inputs", ", ".join(codes),
                             outputs)
            report.lines.append(f"{name}: the inputs have errors; wrote {outputs}")
        else:
            self.log.warning("%s: %s (exit %d): %s", name, record["status"], code,
                             summary.get("message", ""))
            report.lines.append(f"{name}: {record['status']}: {summary.get('message', '')}")
        email = summary.get("email") or {}
        for subject_line in email.get("sent", []):
            self.log.info("%s: emailed %s", name, subject_line)
        for subject_line in email.get("queued", []):
            self.log.warning("%s: could not email %s yet; queued", name, subject_line)
        for path in email.get("previews", []):
            self.log.info("%s: wrote email preview %s", name, Path(path).name)

    def _digest(self, occurrence: Occurrence, classes: dict, run: _Run) -> None:
        """Write the digest workbook and mail it to the digest (and all) recipients."""
        from ..delivery.ledger import Postbox
        from ..delivery.message import Attachment
        from ..report import render_report
        from .digest import digest_mails, digest_report, gather

        day = occurrence.at.date()
        queued = Postbox(self.state).queued() if run.mail == "send" else []
        digest = gather(day, run.journal, classes, run.report.waiting, queued)
        path = write_output(self.out / f"digest_{day}.xlsx",
                            lambda p: render_report(digest_report(digest, run.settings,
                                                                  run.now), p))
        self.log.info("digest %s: %d item(s) need attention; wrote %s", day,
                      len(digest.attention), path.name)
        run.report.lines.append(f"digest: wrote {path.name}")
        mails = digest_mails(digest, run.settings, Attachment(path.name, path.read_bytes()))
        self._send_own(mails, run.settings, run.mail, run.now)

    # --- files that cannot be used -------------------------------------------------------
    def _report_bad_files(self, files, settings, mail, journal, report, now) -> None:
        """Unreadable files get a problems report and one email per version; files that
        hold nothing any command reads are logged once per version."""
        from ..problems import warning
        from ..report import write_problems_report

        for f in files:
            if f.refused is not None:
                report.waiting.append(("Inbox", f.refused.line()))
                key = f"refused:{f.name}:{f.sha256}"
                if key in journal.reported:
                    continue
                path = write_output(self.out / f"{f.path.stem}_problems.xlsx",
                                    lambda p, f=f: write_problems_report(
                                        [f.refused], [], p, f"Problems in {f.name}"))
                self.log.warning("%s [%s]: cannot be read (%s); wrote %s", f.name,
                                 f.sha256[:12], f.refused.code, path.name)
                report.lines.append(f"{f.name}: cannot be read; wrote {path.name}")
                self._send_own(self._file_error_mails(f, [f.refused], [path], settings),
                               settings, mail, now)
                journal.reported[key] = now.isoformat(timespec="seconds")
            elif not f.sheets and not f.is_settings:
                note = warning("autopilot-unrecognised",
                               "this workbook holds none of the sheets the commands read "
                               "(see templates/ for their sheets and headers); it is left "
                               "alone.", file=f.name)
                report.waiting.append(("Inbox", note.line()))
                key = f"unknown:{f.name}:{f.sha256}"
                if key not in journal.reported:
                    self.log.warning("%s [%s]: not recognised (no known sheet); left alone",
                                     f.name, f.sha256[:12])
                    report.lines.append(f"{f.name}: not recognised; left alone")
                    journal.reported[key] = now.isoformat(timespec="seconds")

    def _file_error_mails(self, f: InboxFile, problems, written, settings):
        from types import SimpleNamespace

        from ..delivery.email import error_mails

        return error_mails(SimpleNamespace(name="autopilot"), settings,
                           SimpleNamespace(files=[]), problems, written, [f.path])

    # --- settings --------------------------------------------------------------------------
    def _settings(self, files, journal, report, now):
        """(settings, path, its SHA-256) for this pass; None when the settings have errors.

        The settings workbook is --settings, else workbooks/settings.xlsx, else a
        settings workbook dropped in the inbox, else the built-in defaults.
        """
        from ..settings import default_settings, load_settings

        path = self.settings_path
        if path is None and self.folders.settings.is_file():
            path = self.folders.settings
        if path is None:
            found = [f for f in files if f.is_settings and f.refused is None]
            path = found[0].path if found else None
        if path is None:
            return default_settings(), None, None
        settings, problems = load_settings(path)
        sha = sha256_of(path)
        errors = [p for p in problems if p.is_error]
        if not errors:
            journal.clear_note("settings")
            return settings, path, sha
        report.waiting.append(("Settings", f"{path.name} has {len(errors)} error(s); nothing "
                               "runs until they are fixed."))
        if journal.note_changed("settings", sha):
            self.log.error("settings %s [%s]: %d error(s) (%s); nothing runs until fixed",
                           path.name, sha[:12], len(errors),
                           ", ".join(sorted({p.code for p in errors})))
            written = self._settings_problems_report(path, problems)
            mail = self._mail_mode(settings, journal)
            self._send_own(self._file_error_mails(
                InboxFile(path=path, sha256=sha), errors, written, settings), settings, mail, now)
            self._flush_mail(settings, mail, now, report)
        report.lines.append(f"settings: {path.name} has errors; nothing was run")
        return None

    def _settings_problems_report(self, path: Path, problems) -> list[Path]:
        from ..intake import read_source
        from ..report import write_problems_report

        sheets = list(read_source(path).sheets.values())
        wanted = {(p.file, p.sheet) for p in problems}
        sources = [s for s in sheets if (s.file, s.name) in wanted]
        return [write_output(self.out / f"{path.stem}_problems.xlsx",
                             lambda p: write_problems_report(problems, sources, p,
                                                             f"Problems in {path.name}"))]

    # --- mail -------------------------------------------------------------------------------
    def _mail_mode(self, settings, journal) -> str:
        """"send", "preview" or "off" for this pass."""
        from ..delivery.smtp import SmtpConfig

        if self.email in ("off", "preview"):
            return self.email
        missing = SmtpConfig.from_settings(settings).missing()
        if missing:
            if journal.note_changed("email", missing):
                self.log.info("email is off: %s", missing)
            return "off"
        journal.clear_note("email")
        return "send"

    def _send_own(self, mails, settings, mail: str, now: dt.datetime) -> None:
        """Queue (or preview) messages the autopilot itself writes; sent at the pass end."""
        from ..delivery.email import deliver_mails, queue_mails
        from ..delivery.ledger import Postbox

        if mail == "off" or not mails:
            return
        if mail == "preview":
            deliver_mails(mails, settings, state=self.state, out=self.out, preview=True,
                          now=now, say=lambda text, err=False: self.log.info("%s", text))
            return
        for item, status in queue_mails(mails, settings, Postbox(self.state), now):
            if status == "queued":
                self.log.info("queued email %s to %s", item.subject, ", ".join(item.to))

    def _flush_mail(self, settings, mail: str, now: dt.datetime, report: PassReport) -> None:
        from ..delivery.ledger import Postbox
        from ..delivery.smtp import SmtpConfig

        if mail != "send":
            return
        result = Postbox(self.state).flush(SmtpConfig.from_settings(settings), now)
        for item in result.sent:
            self.log.info("emailed %s to %s", item.subject, item.to)
            report.lines.append(f"emailed {item.subject}")
        for item, reason in result.failed:
            self.log.warning("could not email %s to %s (try %d): %s; next try at %s",
                             item.subject, item.to, item.attempts, reason,
                             item.next_try.strftime("%Y-%m-%d %H:%M"))
        if result.failed:
            report.lines.append(f"{len(result.failed)} email(s) not sent yet; will retry")

    # --- helpers --------------------------------------------------------------------------
    def _sweep_leftovers(self) -> None:
        """Remove temp files that a killed run left in the out folder. Only old ones: a
        command run by hand may be writing a fresh one right now."""
        from ..delivery.outbox import TEMP_PREFIX

        if not self.out.is_dir():
            return
        for path in self.out.glob(f"{TEMP_PREFIX}*"):
            try:
                if time.time() - path.stat().st_mtime > LEFTOVER_SECONDS:
                    path.unlink()
                    self.log.info("removed %s, left by an interrupted run", path.name)
            except OSError:
                continue

    def _command_classes(self, journal) -> dict:
        """The registered command classes; one that cannot be imported is logged and left out."""
        from importlib import import_module

        classes = {}
        for name, target in self.commands.items():
            module, _, attr = target.partition(":")
            try:
                classes[name] = getattr(import_module(module), attr)
            except Exception:
                if journal.note_changed(f"import:{name}", target):
                    self.log.exception("%s: cannot be loaded; it is skipped", name)
        return classes

    def _classify(self, path: Path, classes: dict) -> InboxFile | None:
        if self._classifier is None:
            schemas = {}
            for cls in classes.values():
                for schema in cls.schemas:
                    schemas.setdefault(schema.name, schema)
            self._classifier = Classifier(tuple(schemas.values()))
        try:
            return self._classifier(path)
        except OSError:
            return None  # vanished or unreadable for a moment: next pass

    @staticmethod
    def _inputs_for(cls, files: list[InboxFile]) -> tuple[list[InboxFile], list[str]]:
        """The files holding this command's sheets, and its needed sheets still missing."""
        names = {s.name for s in cls.schemas}
        mine = [f for f in files if f.sheets & names]
        present = set().union(*(f.sheets for f in mine)) if mine else set()
        return mine, [n for n in cls.needs if n not in present]

    def _guard(self, what: str, job: Callable[[], None], report: PassReport) -> None:
        """Run one job; a crash is logged with its traceback and the pass goes on."""
        try:
            job()
        except Exception:
            self.log.exception("%s: the job crashed; the autopilot goes on", what)
            report.failed.append(what)
            report.lines.append(f"{what}: crashed (see the log in {self.state})")


@dataclass
class _Run:
    """What the jobs of one pass share."""

    settings: object
    settings_path: Path | None
    settings_sha: str | None
    mail: str
    files: list[InboxFile]
    journal: Journal
    report: PassReport
    now: dt.datetime


def _covers(files: list[InboxFile], period: tuple[dt.date, dt.date], settings) -> bool:
    """True when the Time sheets among `files` have rows dated inside `period`."""
    from ..intake import load_inputs
    from ..schemas import TIME

    paths = [f.path for f in files if TIME.name in f.sheets]
    if not paths:
        return False
    inputs = load_inputs(paths, (TIME,), day_first=settings.day_first)
    dates = inputs.records(TIME.name).data.get("Date", [])
    return any(d is not None and period[0] <= d <= period[1] for d in dates)


def _json_summary(text: str) -> dict:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _traceback_in(stderr: str) -> str:
    """The traceback block a command printed with -v (and nothing else it printed)."""
    start = stderr.find("Traceback (most recent call last):")
    if start < 0:
        return ""
    block = stderr[start:]
    end = block.find("\nInternal error:")
    return block[:end] if end >= 0 else block


def _title(name: str) -> str:
    from ..delivery.email import command_title

    return command_title(name)
