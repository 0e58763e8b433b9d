"""--email, --email-preview and --email-stubs, against a real SMTP server on localhost.

The messages are read back as the server received them: envelope recipients, subject,
plain and HTML bodies, and attachments opened as workbooks with openpyxl.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from email import message_from_bytes, policy
from pathlib import Path

import openpyxl
import pytest
from mailserver import EXAMPLES, RECIPIENTS, SENDER, MailServer, office_settings
from medoffice.cli.about import finish_report
from medoffice.cli.base import Command, Outcome, Output
from medoffice.cli.payroll import PayrollCommand
from medoffice.delivery.ledger import BACKOFF_MINUTES, Postbox, next_try_after
from medoffice.delivery.smtp import PASSWORD_VARIABLE, SmtpConfig
from medoffice.report import Col, Report, Table, render_report
from medoffice.schemas import STAFF
from workbook_builder import write_workbook

REPO = Path(__file__).resolve().parents[1]
OFFICE = "Riverside Family Practice"
MANAGER, EVERYONE = "manager@riverside.example", "office@riverside.example"


class RosterCommand(Command):
    """A small real command for these tests: lists the staff roster. Its output offers
    each employee's own row as a one-person workbook (the --email-stubs hook)."""

    name = "roster"
    help = "List the staff."
    schemas = (STAFF,)
    needs = ("Staff",)
    needs_help = "staff roster"

    def compute(self, inputs, settings) -> Outcome:
        staff = inputs.records("Staff").data
        columns = [Col("Employee ID", "id"), Col("Name")]
        report = Report(title="Roster", office=settings.office_name, period="today")
        report.tables = [Table("Staff", columns, staff)]
        finish_report(report, inputs, settings, self)

        def one_person(employee_id: str, path: Path) -> bool:
            mine = staff[staff["Employee ID"] == employee_id]
            if mine.empty:
                return False
            card = Report(title=f"Card {employee_id}", office=settings.office_name,
                          period="today", tables=[Table("Card", columns, mine)])
            render_report(card, path)
            return True

        output = Output("roster.xlsx", lambda path: render_report(report, path))
        output.employee_part = one_person
        return Outcome(outputs=[output], summary=[f"{len(staff)} staff on the roster"],
                       figures={"staff": len(staff)})


@pytest.fixture
def payroll_inbox(office):
    for name in ("staff.xlsx", "timesheet.xlsx"):
        shutil.copy2(EXAMPLES / name, office.inbox / name)
    return office


def _json(run) -> dict:
    return json.loads(run.out)


def _sheet_rows(data: bytes, sheet: str) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    try:
        return [tuple(r) for r in book[sheet].iter_rows(values_only=True)]
    finally:
        book.close()


def _column(rows: list[tuple], header: str) -> list:
    index = rows[0].index(header)
    return [r[index] for r in rows[1:] if r[0] is not None]


# --- results ------------------------------------------------------------------------------
def test_payroll_is_emailed_to_payroll_recipients_only_with_workbooks_attached(
        payroll_inbox, mail, run_command):
    office_settings(payroll_inbox.settings, mail.port)
    run = run_command(PayrollCommand, "--email", "--json")
    assert run.code == 0, run.err
    summary = _json(run)
    start, end = summary["figures"]["period_start"], summary["figures"]["period_end"]
    assert (start, end) == ("2026-11-15", "2026-11-28")  # the example timesheet's period
    # The Recipients sheet names payroll -> manager, errors -> manager, all -> office.
    # Payroll is confidential: the `all` row must not get it. One message, to the manager.
    assert len(mail.received) == 1
    got = mail.received[0]
    assert got.rcpt_tos == [MANAGER]
    assert mail.to(EVERYONE) == []
    assert got.mail_from == SENDER
    assert got.subject == f"{OFFICE} — Payroll 2026-11-15 to 2026-11-28"
    files = got.attachments()
    workbook = "payroll_2026-11-15_to_2026-11-28.xlsx"
    assert workbook in files and "payroll_2026-11-15_to_2026-11-28_export.csv" in files
    # The attachment is the workbook written to the outbox, and it opens.
    assert files[workbook] == (run.outbox / workbook).read_bytes()
    employees = _sheet_rows(files[workbook], "Employees")
    gross = sum(Decimal(str(v)).quantize(Decimal("0.01"))
                for v in _column(employees, "Gross pay") if isinstance(v, (int, float)))
    exported = list(csv.DictReader(io.StringIO(
        files["payroll_2026-11-15_to_2026-11-28_export.csv"].decode("utf-8-sig"))))
    assert exported and "Employee ID" in exported[0]
    # The body carries the key figures as plain text and as simple HTML.
    text, html = got.text(), got.html()
    assert f"Gross pay:      ${gross:,.2f}" in text
    paid = [v for v in _column(employees, "Employee ID") if str(v).isdigit()]
    assert f"Staff paid:     {len(paid)}" in text
    assert workbook in text
    assert "<table" in html and f"${gross:,.2f}" in html
    assert summary["email"]["sent"] == [got.subject]


def test_running_again_sends_nothing_new(payroll_inbox, mail, run_command):
    office_settings(payroll_inbox.settings, mail.port)
    first = run_command(PayrollCommand, "--email")
    second = run_command(PayrollCommand, "--email", "--json")
    assert first.code == second.code == 0
    assert len(mail.received) == 1
    assert _json(second)["email"]["already_sent"] == [mail.received[0].subject]
    assert "Already emailed to manager@riverside.example" in second.err


def test_result_of_other_commands_goes_to_their_rows_and_all_with_cc(office, mail,
                                                                     run_command):
    shutil.copy2(EXAMPLES / "staff.xlsx", office.inbox / "staff.xlsx")
    office_settings(office.settings, mail.port, recipients=(
        ("roster", "hr@riverside.example", "owner@riverside.example"),
        ("payroll", MANAGER, None),
        ("all", EVERYONE, None),
    ))
    run = run_command(RosterCommand, "--email")
    assert run.code == 0, run.err
    # Two rows apply (roster, all); the payroll row does not. One message per row.
    assert sorted(sorted(r.rcpt_tos) for r in mail.received) == [
        ["hr@riverside.example", "owner@riverside.example"], [EVERYONE]]
    hr = mail.to("hr@riverside.example")[0]
    assert hr.message["Cc"] == "owner@riverside.example"
    assert hr.subject == f"{OFFICE} — Roster"
    assert "Staff:" in hr.text() and "12" in hr.text()  # the example roster has 12 people
    assert _sheet_rows(hr.attachments()["roster.xlsx"], "Staff")[0][:2] == ("Employee ID",
                                                                            "Name")


def test_email_preview_writes_eml_files_and_sends_nothing(payroll_inbox, mail, run_command):
    office_settings(payroll_inbox.settings, mail.port)
    run = run_command(PayrollCommand, "--email-preview", "--json")
    assert run.code == 0, run.err
    previews = run.outputs("*.eml")
    assert [p.name for p in previews] == [
        "payroll_2026-11-15_to_2026-11-28_email_to_manager@riverside.example.eml"]
    message = message_from_bytes(previews[0].read_bytes(), policy=policy.default)
    assert message["To"] == MANAGER
    assert message["Subject"] == f"{OFFICE} — Payroll 2026-11-15 to 2026-11-28"
    names = [a.get_filename() for a in message.iter_attachments()]
    assert "payroll_2026-11-15_to_2026-11-28.xlsx" in names
    assert mail.received == []
    assert not (payroll_inbox.inbox.parent / ".medoffice" / "mail" / "sent").exists()


def test_email_without_a_mail_server_is_a_usage_error_before_computing(payroll_inbox,
                                                                       run_command):
    office_settings(payroll_inbox.settings, None)
    run = run_command(PayrollCommand, "--email")
    assert run.code == 2
    assert "cannot email: SMTP host is blank on the Settings sheet" in run.err
    assert "--email-preview" in run.err
    assert run.outputs() == []


def test_nobody_listed_is_a_warning_and_nothing_is_sent(payroll_inbox, mail, run_command):
    office_settings(payroll_inbox.settings, mail.port, recipients=(("all", EVERYONE, None),))
    run = run_command(PayrollCommand, "--email", "--json")
    assert run.code == 0
    assert mail.received == []  # `all` never gets payroll
    codes = [p["code"] for p in _json(run)["email"]["problems"]]
    assert codes == ["email-no-recipients"]


# --- error reports ------------------------------------------------------------------------
def _break_timesheet(path: Path, employee_id: str) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book["Time"]
    header = next(r for r in sheet.iter_rows() if any(c.value == "Employee ID" for c in r))
    id_column = next(c.column for c in header if c.value == "Employee ID")
    sheet.cell(row=header[0].row + 1, column=id_column).value = employee_id
    book.save(path)


def test_errors_are_emailed_once_per_version_of_the_faulty_workbook(payroll_inbox, mail,
                                                                    run_command):
    office_settings(payroll_inbox.settings, mail.port)
    timesheet = payroll_inbox.inbox / "timesheet.xlsx"
    _break_timesheet(timesheet, "9999")
    first = run_command(PayrollCommand, "--email")
    assert first.code == 1
    assert len(mail.received) == 1
    got = mail.received[0]
    assert got.rcpt_tos == [MANAGER]  # the errors row; never `all`
    assert got.subject == f"{OFFICE} — Payroll: 1 error(s) in timesheet.xlsx"
    assert "Employee ID 9999 is not on the Staff roster" in got.text()
    report = got.attachments()["timesheet_problems.xlsx"]
    assert _sheet_rows(report, "Problems")[0][0] == "Severity"
    # The same faulty version again: no second email.
    assert run_command(PayrollCommand, "--email").code == 1
    assert len(mail.received) == 1
    # A new version (still faulty): one more.
    _break_timesheet(timesheet, "8888")
    assert run_command(PayrollCommand, "--email").code == 1
    assert len(mail.received) == 2
    assert "8888" in mail.received[1].text()


# --- per-employee parts (pay stubs) -----------------------------------------------------------
def test_each_employee_gets_only_their_own_part(office, mail, run_command):
    write_workbook(office.inbox / "staff.xlsx", {"Staff": [
        ["Employee ID", "Name", "Role", "Pay type", "Rate", "Email"],
        ["1", "Ann Able", "RN", "Hourly", 40, "ann@riverside.example"],
        ["2", "Ben Baker", "RN", "Hourly", 41, "ben@riverside.example"],
        ["3", "Cy Cole", "MA", "Hourly", 22, None],
    ]})
    office_settings(office.settings, mail.port, recipients=(
        ("roster", MANAGER, None), ("all", EVERYONE, None)))
    run = run_command(RosterCommand, "--email-stubs", "--json")
    assert run.code == 0, run.err
    # --email-stubs alone sends the parts only: one each to Ann and Ben; Cy has no Email.
    assert sorted(r.rcpt_tos[0] for r in mail.received) == ["ann@riverside.example",
                                                            "ben@riverside.example"]
    assert all(len(r.rcpt_tos) == 1 and r.message["Cc"] is None for r in mail.received)
    ann = mail.to("ann@riverside.example")[0]
    files = ann.attachments()
    assert list(files) == ["roster_1.xlsx"]
    card = _sheet_rows(files["roster_1.xlsx"], "Card")
    assert [row[:2] for row in card[1:]] == [("1", "Ann Able")]  # her row, nobody else's
    problems = _json(run)["email"]["problems"]
    assert [(p["code"], p["sheet"], p["cell"]) for p in problems] == [
        ("email-stub-no-address", "Staff", "F4")]  # Cy's blank Email cell
    assert "Cy Cole (3) has no Email" in run.err


def test_payroll_stubs_go_to_each_employee(payroll_inbox, mail, run_command):
    office_settings(payroll_inbox.settings, mail.port)
    run = run_command(PayrollCommand, "--email", "--email-stubs", "--json")
    assert run.code == 0, run.err
    assert [p for p in _json(run)["outputs"] if Path(p).name.startswith("paystubs_")]
    manager = mail.to(MANAGER)
    assert len(manager) == 1 and not mail.to(EVERYONE)
    staff = _sheet_rows((EXAMPLES / "staff.xlsx").read_bytes(), "Staff")
    header = next(i for i, r in enumerate(staff) if r and r[0] == "Employee ID")
    emails = {r[0]: r[10] for r in staff[header + 1:] if r[0]}
    for received in mail.received:
        if received in manager:
            continue
        (address,) = received.rcpt_tos
        employee = next(emp for emp, email in emails.items() if email == address)
        ((name, book),) = received.attachments().items()
        assert name.endswith(f"_{employee}.xlsx")
        # Their own stub only: one sheet, named after them, holding their page.
        wb = openpyxl.load_workbook(io.BytesIO(book))
        (ws,) = wb.worksheets
        assert ws.title.startswith(f"{employee} ")
        fields = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r[0]}
        assert fields["Employee ID"] == employee and not ws.row_breaks.brk


# --- the queue: server down, then up; logins ----------------------------------------------
def test_server_down_then_up_delivers_each_message_exactly_once(payroll_inbox, run_command):
    server = MailServer()  # not started: connection refused
    office_settings(payroll_inbox.settings, server.port)
    run = run_command(PayrollCommand, "--email", "--json")
    assert run.code == 0  # the result is written; the message waits in the queue
    assert "Could not email" in run.err and "connection refused" in run.err
    assert _json(run)["email"]["queued"] == [f"{OFFICE} — Payroll 2026-11-15 to 2026-11-28"]
    postbox = Postbox(payroll_inbox.inbox.parent / ".medoffice")
    (waiting,) = postbox.queued()
    assert waiting.attempts == 1
    from medoffice.settings import load_settings

    config = SmtpConfig.from_settings(load_settings(payroll_inbox.settings)[0])
    failed_at = waiting.next_try - dt.timedelta(minutes=BACKOFF_MINUTES[0])
    server.start()
    try:
        # Not due yet (backing off 1 minute): nothing is tried.
        early = postbox.flush(config, failed_at + dt.timedelta(seconds=30))
        assert early.sent == [] and len(early.waiting) == 1 and server.received == []
        # Due: sent once, and the ledger holds it.
        late = postbox.flush(config, failed_at + dt.timedelta(minutes=2))
        assert [i.key for i in late.sent] == [waiting.key]
        assert len(server.received) == 1 and server.received[0].rcpt_tos == [MANAGER]
        assert postbox.queued() == [] and postbox.sent_entry(waiting.key)["attempts"] == 2
        # Later rounds and runs send nothing again.
        assert postbox.flush(config, failed_at + dt.timedelta(hours=1)).sent == []
        assert run_command(PayrollCommand, "--email").code == 0
        assert len(server.received) == 1
    finally:
        server.stop()


def test_backoff_grows_and_is_capped_at_an_hour():
    now = dt.datetime(2026, 11, 29, 7, 0)
    waits = [(next_try_after(n, now) - now).total_seconds() / 60 for n in range(1, 10)]
    assert waits == [1, 2, 5, 10, 30, 60, 60, 60, 60]


def test_a_crash_after_sending_but_before_cleanup_does_not_send_again(tmp_path, mail):
    postbox = Postbox(tmp_path)
    assert postbox.enqueue("k1", b"From: a@b.example\r\nTo: c@d.example\r\n\r\nhi\r\n") \
        == "queued"
    # The ledger entry was written, then the process died before removing the queued copy.
    (postbox.sent_folder).mkdir(parents=True)
    (postbox.sent_folder / "k1.json").write_text('{"key": "k1"}')
    config = SmtpConfig("127.0.0.1", mail.port, "None", "", "", "a@b.example")
    result = postbox.flush(config, dt.datetime(2026, 11, 29, 7, 0))
    assert result.sent == [] and mail.received == []
    assert postbox.queued() == []
    assert postbox.enqueue("k1", b"x") == "already-sent"


def test_login_uses_the_password_from_the_environment(payroll_inbox, run_command,
                                                      monkeypatch):
    server = MailServer(login=("clinic", "s3cret")).start()
    try:
        office_settings(payroll_inbox.settings, server.port, user="clinic")
        monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
        missing = run_command(PayrollCommand, "--email")
        assert missing.code == 2 and PASSWORD_VARIABLE in missing.err
        monkeypatch.setenv(PASSWORD_VARIABLE, "wrong")
        refused = run_command(PayrollCommand, "--email")
        assert refused.code == 0 and "refused the SMTP user name or password" in refused.err
        assert server.received == []
        monkeypatch.setenv(PASSWORD_VARIABLE, "s3cret")
        accepted = run_command(PayrollCommand, "--email")
        assert accepted.code == 0, accepted.err
        assert len(server.received) == 1  # the queued message, sent once
    finally:
        server.stop()


# --- a real subprocess --------------------------------------------------------------------
def test_payroll_script_writes_email_previews(tmp_path):
    """`python scripts/payroll.py --email-preview` in a real process (previews touch no
    ledger, so the checkout's own workbooks/.medoffice is left alone)."""
    settings = office_settings(tmp_path / "settings.xlsx", None)
    out = tmp_path / "out"
    state_existed = (REPO / "workbooks" / ".medoffice").exists()
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "payroll.py"), str(EXAMPLES / "staff.xlsx"),
         str(EXAMPLES / "timesheet.xlsx"), "--settings", str(settings), "--out", str(out),
         "--email-preview"],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert result.returncode == 0, result.stderr
    (preview,) = out.glob("*.eml")
    message = message_from_bytes(preview.read_bytes(), policy=policy.default)
    assert message["To"] == MANAGER
    assert "(email preview to manager@riverside.example; not sent)" in result.stdout
    assert (REPO / "workbooks" / ".medoffice").exists() == state_existed  # left alone
    attached = {a.get_filename(): a.get_payload(decode=True) for a in message.iter_attachments()}
    book = attached["payroll_2026-11-15_to_2026-11-28.xlsx"]
    assert "Employees" in openpyxl.load_workbook(io.BytesIO(book), read_only=True).sheetnames


def test_recipients_rows_are_merged_and_split():
    from types import SimpleNamespace

    from medoffice.delivery.email import recipients_for

    settings = SimpleNamespace(recipients=(
        ("payroll", "a@x.example; b@x.example", "c@x.example"),
        ("all", "B@x.example, a@x.example", "c@x.example"),  # the same people: merged
        ("all", "d@x.example", ""),
        ("errors", "e@x.example", ""),
    ))
    assert recipients_for(settings, "payroll") == [
        (("a@x.example", "b@x.example"), ("c@x.example",)), (("d@x.example",), ())]
    assert recipients_for(settings, "payroll", include_all=False) == [
        (("a@x.example", "b@x.example"), ("c@x.example",))]
    assert recipients_for(settings, "errors", include_all=False) == [(("e@x.example",), ())]
    assert RECIPIENTS[0][0] == "payroll"
