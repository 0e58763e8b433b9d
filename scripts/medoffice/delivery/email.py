"""Email a command's results: who gets what, what it says, and sending or previewing it.

Every command gets `--email`, `--email-preview` and `--email-stubs` from cli/base.py,
which calls `email_run` after the outputs are written (or after an error report was
written). Recipients come from the Recipients sheet of the settings:

- a result goes to the rows naming its command, and to the `all` rows, except for
  confidential commands (payroll: pay data goes only to those named for payroll);
- an error report goes to the `errors` rows, once per version of the faulty files;
- with --email-stubs, each employee's own part of an output (a pay stub) goes to that
  employee's Email on the Staff roster, and to no one else.

Messages are queued and sent through the ledger (ledger.py), so a message is sent once
even when runs repeat, and a failed send is retried later, never lost.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..problems import Problem, UsageError, warning
from .message import Attachment, Mail, humanize, preview_name, show, to_message
from .smtp import SmtpConfig

CONFIDENTIAL_COMMANDS = frozenset({"payroll"})  # their results never go to `all`
MONEY_WORDS = ("pay", "cost", "amount", "total", "value", "budget", "actual", "variance",
               "spend", "spent")
MAX_PROBLEM_LINES = 20


# --- who ---------------------------------------------------------------------------------
def split_addresses(text: str) -> tuple[str, ...]:
    """`a@x.org; b@x.org, c@x.org` -> the addresses, in order, without repeats."""
    seen: dict[str, None] = {}
    for part in re.split(r"[;,]", text or ""):
        if part.strip():
            seen.setdefault(part.strip(), None)
    return tuple(seen)


def recipients_for(settings, report: str, *, include_all: bool = True
                   ) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(to, cc) of each Recipients row for this report, plus the `all` rows when allowed;
    rows with the same addresses are merged."""
    found: dict[tuple, tuple] = {}
    for name, to, cc in settings.recipients:
        if name == report or (include_all and name == "all"):
            to_list, cc_list = split_addresses(to), split_addresses(cc)
            if to_list:
                ident = (frozenset(a.lower() for a in to_list),
                         frozenset(a.lower() for a in cc_list))
                found.setdefault(ident, (to_list, cc_list))
    return list(found.values())


def is_confidential(command) -> bool:
    """True for commands whose results go only to their own recipients (pay data)."""
    return bool(getattr(command, "confidential", False)) or command.name in CONFIDENTIAL_COMMANDS


# --- what --------------------------------------------------------------------------------
def subject(settings, title: str) -> str:
    """`Riverside Family Practice — Payroll 2026-11-01 to 2026-11-14`."""
    return f"{settings.office_name} — {title}"


def period_text(figures: dict) -> str:
    """The period a result covers, from its figures: `X to Y`, `as of X`, or ""."""
    start, end = figures.get("period_start"), figures.get("period_end")
    if start and end:
        return f"{start} to {end}"
    for key in ("as_of", "as_of_date", "date"):
        if figures.get(key):
            return f"as of {figures[key]}"
    return ""


def figure_lines(figures: dict) -> list[tuple[str, str]]:
    """(label, value) of each key figure, money-like values shown as dollars."""
    lines = []
    for key, value in figures.items():
        lines.append((humanize(key), _money(value) if _is_money(key, value) else show(value)))
    return lines


def command_title(name: str) -> str:
    """`payroll` -> `Payroll`; `staff_records` -> `Staff records`."""
    return humanize(name)


def input_fingerprints(inputs) -> list[str]:
    """The SHA-256 of every input file read, sorted: part of what makes a message unique."""
    return sorted(f.sha256 for f in inputs.files)


def result_mails(command, settings, inputs, outcome, written: list[Path],
                 warnings: list[Problem]) -> list[Mail]:
    """One message per recipient row for a command's finished result, files attached."""
    title = " ".join(p for p in (command_title(command.name), period_text(outcome.figures)) if p)
    attachments = [Attachment(p.name, p.read_bytes()) for p in written]
    heading = f"{settings.office_name}: {title}"
    summary = [line.strip() for line in outcome.summary
               if line.strip() and line.strip().lower() != heading.lower()]
    paragraphs = ["\n".join(summary)] if summary else []
    if warnings:
        paragraphs.append(f"{len(warnings)} warning(s): see the 'Check these' sheet.")
    identity = {"kind": "result", "command": command.name,
                "inputs": input_fingerprints(inputs), "outputs": sorted(p.name for p in written),
                "figures": outcome.figures}
    stem = Path(written[0].name).stem if written else command.name
    return [Mail(report=command.name, subject=subject(settings, title), to=to, cc=cc,
                 heading=heading, paragraphs=paragraphs,
                 figures=figure_lines(outcome.figures), attachments=attachments,
                 identity=identity, stem=stem)
            for to, cc in recipients_for(settings, command.name,
                                         include_all=not is_confidential(command))]


def error_mails(command, settings, inputs, problems: list[Problem], written: list[Path],
                paths: list[Path]) -> list[Mail]:
    """The error report for the `errors` recipients, keyed by the faulty files' contents
    (so each version of a faulty workbook is reported once)."""
    errors = [p for p in problems if p.is_error]
    files = sorted({p.file for p in errors if p.file})
    versions = {f.name: f.sha256 for f in inputs.files}
    for path in paths:
        if path.name in files and path.name not in versions and path.is_file():
            from .outbox import sha256_of

            versions[path.name] = sha256_of(path)
    names = ", ".join(files) or "the inputs"
    lines = [p.line() for p in errors[:MAX_PROBLEM_LINES]]
    if len(errors) > MAX_PROBLEM_LINES:
        lines.append(f"... and {len(errors) - MAX_PROBLEM_LINES} more in the attached report.")
    if any(p.cell for p in errors):
        title = f"{command_title(command.name)}: {len(errors)} error(s) in {names}"
        intro = (f"{command_title(command.name)} found {len(errors)} error(s) in {names}, so "
                 "nothing was computed. The attached report lists each problem with its cell "
                 "and copies your sheet with the bad cells in red. Fix them in your workbook "
                 "and save it (or drop it in the inbox) again.")
    else:  # whole files refused: damaged, encrypted, empty, not a spreadsheet...
        title = f"{names} cannot be used"
        intro = (f"{names} cannot be used, so nothing was computed from it. The reason is "
                 "below and in the attached report. Save the file again from Excel (or get a "
                 "fresh copy) and put it back in the inbox.")
    paragraphs = [intro, "\n".join(lines)]
    identity = {"kind": "errors",
                "files": sorted(f"{n}:{versions.get(n, 'unknown')}" for n in files)}
    stem = Path(written[0].name).stem if written else f"{command.name}_problems"
    return [Mail(report="errors", subject=subject(settings, title), to=to, cc=cc,
                 heading=f"{settings.office_name}: {title}", paragraphs=paragraphs,
                 attachments=[Attachment(p.name, p.read_bytes()) for p in written],
                 identity=identity, stem=stem)
            for to, cc in recipients_for(settings, "errors", include_all=False)]


def stub_mails(command, settings, inputs, outcome) -> tuple[list[Mail], list[Problem]]:
    """Each employee's own part of the outputs (pay stubs), to that employee only.

    An Output offers parts through `employee_part(employee_id, path) -> bool`, which
    writes that employee's part to `path` (False: no part for them). Addresses come from
    the Email column of the Staff roster read by the command.
    """
    parts = [o for o in outcome.outputs if getattr(o, "employee_part", None)]
    problems: list[Problem] = []
    if not parts:
        problems.append(warning("email-no-stubs", f"{command.name} has no per-employee part "
                                "(such as pay stubs) to email; nothing was sent to employees."))
        return [], problems
    if "Staff" not in inputs.schemas or not inputs.has("Staff"):
        problems.append(warning("email-stub-no-address", "no Staff roster was read, so there "
                                "are no employee addresses; no pay stub was emailed."))
        return [], problems
    staff = inputs.records("Staff")
    title = " ".join(p for p in ("Your pay stub", period_text(outcome.figures)) if p)
    mails = []
    with tempfile.TemporaryDirectory(prefix="medoffice-stubs-") as tmp:
        for index, row in staff.data.iterrows():
            emp_id, name = row["Employee ID"], row.get("Name") or ""
            if not emp_id:
                continue
            attachments = []
            for output in parts:
                stem, dot, suffix = output.name.rpartition(".")
                filename = f"{stem}_{emp_id}.{suffix}" if dot else f"{output.name}_{emp_id}"
                path = Path(tmp) / filename
                if output.employee_part(emp_id, path) and path.is_file():
                    attachments.append(Attachment(filename, path.read_bytes()))
            if not attachments:
                continue
            address = split_addresses(row.get("Email") or "")
            if not address:
                problems.append(warning(
                    "email-stub-no-address",
                    f"{name or emp_id} ({emp_id}) has no Email on the Staff roster, so their "
                    "pay stub was not emailed. Type their address in the Email column.",
                    **staff.where("Email", index)))
                continue
            identity = {"kind": "stub", "command": command.name, "employee": emp_id,
                        "inputs": input_fingerprints(inputs),
                        "parts": sorted(a.filename for a in attachments)}
            mails.append(Mail(
                report="stub", subject=subject(settings, title), to=address[:1],
                heading=f"{settings.office_name}: {title}",
                paragraphs=[f"Hello {name}," if name else "Hello,",
                            "Your pay stub is attached. Please tell the office manager if "
                            "anything on it looks wrong."],
                attachments=attachments, identity=identity,
                stem=Path(attachments[0].filename).stem))
    return mails, problems


# --- sending or previewing ---------------------------------------------------------------
def check_ready(settings, *, sending: bool) -> None:
    """Refuse --email before anything is computed when the mail server is not set up."""
    if not sending:
        return
    missing = SmtpConfig.from_settings(settings).missing()
    if missing:
        raise UsageError(f"cannot email: {missing}. Fill in the SMTP settings (SMTP host, "
                         "SMTP port, SMTP security, From address) in the settings workbook, "
                         "or use --email-preview to write the messages as .eml files.")


def deliver_mails(mails: list[Mail], settings, *, state: Path | None, out: Path, preview: bool,
                  now: dt.datetime, say) -> dict:
    """Write the mails as .eml previews into `out`, or queue and send them. Returns what
    happened, for --json: sent, queued (will be retried), already sent, previews."""
    from .ledger import Postbox
    from .outbox import write_output

    report: dict[str, list] = {"sent": [], "queued": [], "already_sent": [], "previews": []}
    config = SmtpConfig.from_settings(settings)
    sender = config.sender or "medoffice@localhost"
    if preview:
        for mail in mails:
            data = to_message(mail, sender, settings.office_name, now).as_bytes()
            path = write_output(out / preview_name(mail), lambda p, d=data: p.write_bytes(d))
            report["previews"].append(str(path))
            say(f"Wrote {path.name} (email preview to {', '.join(mail.to)}; not sent)")
        return report
    postbox = Postbox(state)
    mine = {}
    for mail, status in queue_mails(mails, settings, postbox, now):
        if status == "already-sent":
            entry = postbox.sent_entry(mail.key) or {}
            report["already_sent"].append(mail.subject)
            say(f"Already emailed to {', '.join(mail.to)} on {entry.get('sent_at', '?')}: "
                f"{mail.subject} (not sent again)")
        else:
            mine[mail.key] = mail
    if not mine:
        return report
    result = postbox.flush(config, now, only_due=False, wait_seconds=60)
    for item in result.sent:
        if item.key in mine:
            report["sent"].append(item.subject)
            say(f"Emailed {item.subject} to {item.to}")
    for item, reason in result.failed:
        if item.key in mine:
            report["queued"].append(item.subject)
            say(f"Could not email {item.subject}: {reason}. It is kept and will be sent by "
                "the next --email run or the autopilot.", True)
    if result.busy:
        report["queued"].extend(m.subject for m in mine.values())
        say("Another program is sending mail right now; the messages are queued and will "
            "be sent by the next --email run or the autopilot.", True)
    others = [i for i in result.sent if i.key not in mine]
    if others:
        say(f"Also sent {len(others)} earlier message(s) that were waiting.")
    return report


def queue_mails(mails: list[Mail], settings, postbox, now: dt.datetime
                ) -> list[tuple[Mail, str]]:
    """Put each mail in the queue unless it was sent or queued before; returns each mail
    with "queued", "already-queued" or "already-sent"."""
    sender = SmtpConfig.from_settings(settings).sender or "medoffice@localhost"
    return [(mail, postbox.enqueue(mail.key, to_message(mail, sender, settings.office_name,
                                                        now).as_bytes()))
            for mail in mails]


def email_run(command, *, kind: str, settings, inputs, written: list[Path], paths=(),
              outcome=None, problems=()) -> dict:
    """The --email/--email-preview/--email-stubs step of a command run (see cli/base.py).

    kind is "result" (outputs were written) or "errors" (an error report was written).
    """
    from .state import state_dir

    args = command.args
    preview = bool(args.email_preview)
    mails: list[Mail] = []
    notes: list[Problem] = []
    if kind == "errors":
        if args.email or preview:
            mails += error_mails(command, settings, inputs, list(problems), written,
                                 list(paths))
            if not mails:
                notes.append(_nobody("errors"))
    else:
        if args.email or preview:
            mails += result_mails(command, settings, inputs, outcome, written,
                                  [p for p in problems if not p.is_error])
            if not mails:
                notes.append(_nobody(command.name))
        if args.email_stubs:
            stubs, stub_problems = stub_mails(command, settings, inputs, outcome)
            mails += stubs
            notes += stub_problems
    for note in notes:
        command.say(note.line(), err=True)
    now = command.clock() if command.clock else dt.datetime.now()
    state = None if preview else state_dir(command.folders.inbox.parent)  # previews keep none
    out = args.out or command.folders.outbox
    report = deliver_mails(mails, settings, state=state, out=out, preview=preview, now=now,
                           say=command.say)
    report["problems"] = [p.as_dict() for p in notes]
    return report


def _nobody(report: str) -> Problem:
    return warning("email-no-recipients",
                   f"nobody is listed for {report} on the Recipients sheet of the settings, so "
                   "nothing was emailed for it. Add a row with Report "
                   f"'{report}' and the To address.")


def _is_money(key: str, value: object) -> bool:
    """A figure is shown as dollars when its name speaks of money and its value has
    cents (counts such as `lines_without_cost: 1` stay plain numbers)."""
    words = str(key).lower()
    if not any(w in words for w in MONEY_WORDS) or "hours" in words:
        return False
    return not isinstance(value, (int, bool)) and "." in str(value)


def _money(value: object) -> str:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return show(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount):,.2f}"
