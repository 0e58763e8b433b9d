"""The daily digest: what needs the manager's attention, from the latest result of each
command, kept generic.

Each command's latest run is read from the journal: its status, warnings, outputs and
key figures (the `figures` of its Outcome, as in its --json summary). A figure whose
name speaks of something to act on (reorder, expiring, overdue, over budget, urgent,
due, below, short, missing) and whose value is not zero is listed under "Needs
attention", so a new command's figures show up without any change here. Figures of
confidential commands (payroll) are never shown: the digest may go to everyone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pandas as pd

from ..delivery.email import command_title, figure_lines, is_confidential, subject
from ..delivery.message import Attachment, Mail

ATTENTION_WORDS = ("reorder", "expir", "overdue", "over_budget", "over budget", "lines_over",
                   "urgent", "due", "below", "short", "missing", "attention")
STATUS_TEXT = {
    "ok": "done",
    "input-errors": "the inputs have errors",
    "settings-error": "the settings have errors",
    "usage-error": "could not run with these inputs",
    "internal-error": "crashed (a bug; see the log)",
    "error": "could not finish",
}


@dataclass
class Digest:
    """What the digest says: attention items and the latest result of each command."""

    day: dt.date
    attention: list[tuple[str, str]] = field(default_factory=list)  # (topic, what to do)
    results: list[dict] = field(default_factory=list)  # one row per command


def gather(day: dt.date, journal, commands: dict, inbox_notes: list[tuple[str, str]],
           queued: list) -> Digest:
    """Build the digest from the journal's latest runs, the inbox's state and the queue."""
    digest = Digest(day=day)
    for name, cls in sorted(commands.items()):
        run = journal.last_run(name)
        if run is None:
            continue
        topic = command_title(name)
        secret = is_confidential(cls)
        status = run.get("status", "?")
        outputs = run.get("outputs") or []
        if status == "input-errors":
            digest.attention.append((topic, f"the inputs have {run.get('errors', 0)} "
                                     f"error(s): see {', '.join(outputs) or 'the problems report'}"
                                     " in the outbox, fix the workbook and save it again."))
        elif status != "ok":
            digest.attention.append((topic, STATUS_TEXT.get(status, status) + "."))
        else:
            if not secret:
                for label, value in attention_figures(run.get("figures") or {}):
                    digest.attention.append((topic, f"{label}: {value}"))
            if run.get("warnings"):
                digest.attention.append((topic, f"{run['warnings']} warning(s) on the Check "
                                         f"these sheet of {outputs[0] if outputs else 'it'}."))
        digest.results.append({
            "Report": topic, "Ran at": dt.datetime.fromisoformat(run["ran_at"]),
            "Status": STATUS_TEXT.get(status, status), "Warnings": int(run.get("warnings", 0)),
            "Outputs": ", ".join(outputs),
            "Key figures": "" if secret else "; ".join(
                f"{label} {value}" for label, value in figure_lines(run.get("figures") or {})),
        })
    digest.attention.extend(inbox_notes)
    queued = [q for q in queued if q.attempts]  # tried and failed at least once
    if queued:
        reason = next((q.last_error for q in queued if q.last_error), "")
        digest.attention.append(("Email", f"{len(queued)} message(s) not sent yet"
                                 + (f" ({reason})" if reason else "")
                                 + "; they will be sent when the mail server answers."))
    return digest


def attention_figures(figures: dict) -> list[tuple[str, str]]:
    """The figures that name something to act on and are not zero or empty."""
    found = []
    for label_value, key in zip(figure_lines(figures), figures, strict=True):
        value = figures[key]
        if not any(word in str(key).lower() for word in ATTENTION_WORDS):
            continue
        if _is_nothing(value):
            continue
        found.append(label_value)
    return found


def digest_report(digest: Digest, settings, now: dt.datetime):
    """The digest as a Report (Summary, Needs attention, Latest results, About)."""
    from .. import __version__
    from ..report import Col, Figure, Report, Table

    attention = pd.DataFrame(digest.attention, columns=["Topic", "Detail"])
    results = pd.DataFrame(digest.results, columns=["Report", "Ran at", "Status", "Warnings",
                                                    "Outputs", "Key figures"])
    report = Report(title=f"Daily digest {digest.day}", office=settings.office_name,
                    period=str(digest.day))
    report.figures = [Figure("Needs attention", len(digest.attention), "integer",
                             level="watch" if digest.attention else "good"),
                      Figure("Reports with a result", len(digest.results), "integer")]
    report.notes = ["Nothing needs attention today."] if not digest.attention else [
        f"{topic}: {detail}" for topic, detail in digest.attention]
    report.tables = [
        Table("Needs attention", [Col("Topic"), Col("Detail", width=90)], attention),
        Table("Latest results", [Col("Report"), Col("Ran at", "datetime"), Col("Status"),
                                 Col("Warnings", "integer"), Col("Outputs", width=50),
                                 Col("Key figures", width=60)], results),
    ]
    report.settings = [(k, v) for k, v, _ in settings.used()]
    report.program = f"medoffice {__version__} autopilot digest"
    report.ran_at = now.replace(microsecond=0)
    return report


def digest_mails(digest: Digest, settings, workbook: Attachment | None) -> list[Mail]:
    """One message per `digest` (and `all`) recipient row."""
    from ..delivery.email import recipients_for

    title = f"Daily digest {digest.day}"
    if digest.attention:
        lines = [f"- {topic}: {detail}" for topic, detail in digest.attention]
        paragraphs = [f"{len(digest.attention)} thing(s) need attention:", "\n".join(lines)]
    else:
        paragraphs = ["Nothing needs attention today."]
    done = [f"- {r['Report']}: {r['Status']} ({r['Ran at']:%Y-%m-%d %H:%M})"
            for r in digest.results]
    if done:
        paragraphs += ["Latest results:", "\n".join(done)]
    identity = {"kind": "digest", "day": str(digest.day)}
    return [Mail(report="digest", subject=subject(settings, title), to=to, cc=cc,
                 heading=f"{settings.office_name}: {title}", paragraphs=paragraphs,
                 attachments=[workbook] if workbook else [], identity=identity,
                 stem=f"digest_{digest.day}")
            for to, cc in recipients_for(settings, "digest")]


def _is_nothing(value: object) -> bool:
    if value in (None, "", [], {}, (), False):
        return True
    try:
        return Decimal(str(value)) == 0
    except (InvalidOperation, ValueError):
        return False
