"""The autopilot, pass by pass, with a frozen clock and a real SMTP server on localhost.

Commands run for real (payroll on the example office, plus small real commands defined
here for the calendar and crash cases); nothing sleeps: the clock and the settle wait
are injected.
"""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from mailserver import EXAMPLES, MailServer, office_settings
from medoffice.autopilot.calendar import (
    budget_occurrence,
    digest_occurrence,
    inventory_occurrence,
    payroll_occurrence,
)
from medoffice.autopilot.inbox import open_elsewhere
from medoffice.autopilot.log import redact
from medoffice.autopilot.runner import Autopilot
from medoffice.cli.base import Command, Outcome, Output
from medoffice.delivery.journal import Journal
from medoffice.report import Col, Report, Table, render_report
from medoffice.schemas import STAFF
from medoffice.settings import default_settings, load_settings
from workbook_builder import write_workbook

PAYROLL = {"payroll": "medoffice.cli.payroll:PayrollCommand"}
MANAGER, EVERYONE = "manager@riverside.example", "office@riverside.example"
NAMES = ("Elena Marsh", "Daniel Okonkwo", "Priya Raman", "Grace Holloway", "Marcus Bell",
         "Sofia Delgado", "Tanya Whitaker", "Kevin Tran", "Lauren Pike", "Jamal Foster",
         "Hannah Kowalski", "Oscar Lindqvist")


class Clock:
    """A frozen clock the test moves by hand."""

    def __init__(self, when: str):
        self.now = dt.datetime.fromisoformat(when)

    def __call__(self) -> dt.datetime:
        return self.now

    def set(self, when: str) -> None:
        self.now = dt.datetime.fromisoformat(when)


class DatedCommand(Command):
    """A small real command with an --as-of date (like inventory and budget): lists the
    roster and reports figures that the digest should flag."""

    name = "dated"
    schemas = (STAFF,)
    needs = ("Staff",)

    def add_arguments(self, parser) -> None:
        parser.add_argument("--as-of", type=dt.date.fromisoformat)

    def compute(self, inputs, settings) -> Outcome:
        as_of = self.args.as_of or self.clock().date()
        staff = inputs.records("Staff").data
        report = Report(title=f"{self.name} {as_of}", office=settings.office_name,
                        period=str(as_of), tables=[Table("Staff", [Col("Name")], staff)])
        return Outcome(outputs=[Output(f"{self.name}_{as_of}.xlsx",
                                       lambda path: render_report(report, path))],
                       summary=[f"{len(staff)} staff"],
                       figures={"as_of": as_of.isoformat(), "items_to_reorder": 2,
                                "expired_lots": 0, "restock_cost": "120.50"})


class InventoryLike(DatedCommand):
    name = "inventory"


class BudgetLike(DatedCommand):
    name = "budget"


class CrashCommand(Command):
    """A command with a bug: compute raises."""

    name = "crash"
    schemas = (STAFF,)
    needs = ("Staff",)

    def compute(self, inputs, settings) -> Outcome:
        raise RuntimeError("boom in compute")


@pytest.fixture
def pilots():
    """Make Autopilots over an office; their logs are closed at the end."""
    made = []

    def make(folders, clock, commands=PAYROLL, **kwargs) -> Autopilot:
        kwargs.setdefault("settle_seconds", 0)
        pilot = Autopilot(folders, clock=clock, commands=commands, **kwargs)
        made.append(pilot)
        return pilot

    yield make
    from medoffice.autopilot.log import close_log

    for pilot in made:
        close_log(pilot.log)


def _drop(office, *names: str) -> None:
    for name in names:
        shutil.copy2(EXAMPLES / name, office.inbox / name)


def _log(office) -> str:
    return (office.inbox.parent / ".medoffice" / "autopilot.log").read_text(encoding="utf-8")


def _journal(office) -> Journal:
    return Journal(office.inbox.parent / ".medoffice" / "journal.json")


def _settings(path: Path):
    settings, problems = load_settings(path)
    assert not [p for p in problems if p.is_error]
    return settings


# --- the calendar (pure) ------------------------------------------------------------------
def test_payroll_is_due_the_day_after_a_pay_period_ends():
    settings = _settings(EXAMPLES / "settings.xlsx")  # biweekly from 2026-01-11, 07:00
    # Periods run 2026-11-15..28 and 2026-11-29..12-12; the day after the first ends is
    # 11-29. Before 07:00 on 11-29 the latest moment is still 11-15 (for 11-01..14).
    early = payroll_occurrence(dt.datetime(2026, 11, 29, 6, 59), settings)
    assert early.at == dt.datetime(2026, 11, 15, 7, 0)
    assert early.period == (dt.date(2026, 11, 1), dt.date(2026, 11, 14))
    due = payroll_occurrence(dt.datetime(2026, 11, 29, 7, 0), settings)
    assert due.at == dt.datetime(2026, 11, 29, 7, 0)
    assert due.period == (dt.date(2026, 11, 15), dt.date(2026, 11, 28))
    assert due.args == ("--period-start", "2026-11-15")
    assert due.expect == {"period_start": "2026-11-15"}
    # Any moment up to the next period's end maps to the same occurrence.
    assert payroll_occurrence(dt.datetime(2026, 12, 12, 23, 0), settings) == due


def test_inventory_weekly_budget_monthly_digest_daily():
    settings = default_settings()  # Monday, the 3rd, 07:00
    friday = dt.datetime(2026, 11, 27, 9, 0)
    assert inventory_occurrence(friday, settings).at == dt.datetime(2026, 11, 23, 7, 0)
    monday_early = dt.datetime(2026, 11, 30, 6, 0)
    assert inventory_occurrence(monday_early, settings).at == dt.datetime(2026, 11, 23, 7, 0)
    monday = dt.datetime(2026, 11, 30, 7, 0)
    assert inventory_occurrence(monday, settings).args == ("--as-of", "2026-11-30")
    # Budget on the 3rd, as of the last day of the month before (January: December).
    assert budget_occurrence(dt.datetime(2026, 12, 2, 12, 0), settings).args == (
        "--as-of", "2026-10-31")
    assert budget_occurrence(dt.datetime(2026, 12, 3, 7, 0), settings).args == (
        "--as-of", "2026-11-30")
    assert budget_occurrence(dt.datetime(2027, 1, 5, 7, 0), settings).args == (
        "--as-of", "2026-12-31")
    assert digest_occurrence(dt.datetime(2026, 11, 27, 6, 0), settings).at == \
        dt.datetime(2026, 11, 26, 7, 0)
    assert digest_occurrence(dt.datetime(2026, 11, 27, 8, 0), settings).at == \
        dt.datetime(2026, 11, 27, 7, 0)


def test_calendar_days_and_time_come_from_the_settings(tmp_path):
    path = office_settings(tmp_path / "settings.xlsx", None, extra={
        "Autopilot time": "06:30", "Inventory day": "Wednesday", "Budget day": 10})
    settings = _settings(path)
    now = dt.datetime(2026, 11, 27, 12, 0)  # a Friday
    assert inventory_occurrence(now, settings).at == dt.datetime(2026, 11, 25, 6, 30)
    assert budget_occurrence(now, settings).at == dt.datetime(2026, 11, 10, 6, 30)
    assert digest_occurrence(now, settings).at == dt.datetime(2026, 11, 27, 6, 30)


# --- passes -------------------------------------------------------------------------------
def test_dropped_workbooks_are_computed_and_emailed_once(office, mail, pilots):
    office_settings(office.settings, mail.port)
    _drop(office, "staff.xlsx", "timesheet.xlsx")
    clock = Clock("2026-11-27T10:00")
    pilot = pilots(office, clock)
    first = pilot.run_pass()
    outputs = sorted(p.name for p in office.outbox.iterdir())
    assert {"payroll_2026-11-15_to_2026-11-28.xlsx",
            "payroll_2026-11-15_to_2026-11-28_export.csv"} <= set(outputs)
    assert [r.rcpt_tos for r in mail.received] == [[MANAGER]]
    assert first.lines[0].startswith("payroll: wrote payroll_2026-11-15_to_2026-11-28.xlsx, "
                                     "payroll_2026-11-15_to_2026-11-28_export.csv")
    # Inputs are never moved or modified.
    assert (office.inbox / "timesheet.xlsx").read_bytes() == \
        (EXAMPLES / "timesheet.xlsx").read_bytes()
    clock.set("2026-11-27T10:01")
    second = pilot.run_pass()
    assert second.lines == []
    assert sorted(p.name for p in office.outbox.iterdir()) == outputs
    assert len(mail.received) == 1
    # A changed input is a new version: computed again, the earlier result kept.
    book = openpyxl.load_workbook(office.inbox / "timesheet.xlsx")
    book["Time"].append(["1009", dt.datetime(2026, 11, 27), None, None, None, 2])
    book.save(office.inbox / "timesheet.xlsx")
    clock.set("2026-11-27T10:02")
    pilot.run_pass()
    assert (office.outbox / "payroll_2026-11-15_to_2026-11-28 (earlier 1).xlsx").exists()
    assert len(mail.received) == 2


def test_calendar_payroll_runs_for_the_period_that_ended(office, mail, pilots):
    """The inbox run computes the busiest period; the day after the other period ends,
    the calendar runs payroll for that one too (and never twice for the same)."""
    office_settings(office.settings, mail.port)
    _drop(office, "staff.xlsx")
    clock = Clock("2026-11-14T12:00")
    pilot = pilots(office, clock)
    report = pilot.run_pass()  # a roster alone: payroll waits for a timesheet
    assert ("Payroll", "waiting for a Time sheet (have staff.xlsx).") in report.waiting
    # Lauren Pike (1009, $18.75/h): 8 h on Mon 11-02 and Tue 11-03 (period 11-01..14),
    # and 8 h on three days of 11-16..18 (period 11-15..28, the busiest).
    write_workbook(office.inbox / "hours.xlsx", {"Time": [
        ["Employee ID", "Date", "Hours"],
        *[["1009", f"2026-11-{d:02d}", 8] for d in (2, 3, 16, 17, 18)]]})
    clock.set("2026-11-15T08:00")
    report = pilot.run_pass()
    names = sorted(p.name for p in office.outbox.glob("payroll_*.xlsx"))
    assert names == ["payroll_2026-11-01_to_2026-11-14.xlsx",
                     "payroll_2026-11-15_to_2026-11-28.xlsx"]
    runs = _journal(office).runs["payroll"]
    assert [(r["trigger"], r["figures"]["period_start"]) for r in runs] == [
        ("inbox change", "2026-11-15"), ("calendar payroll", "2026-11-01")]
    # Lauren: 2 days x 8 h x $18.75 = $300.00 (16 h in the week: no overtime). The exempt
    # salaried staff are paid every period: 245,000 / 26 = 9,423.08; 232,000 / 26 =
    # 8,923.08; 82,000 / 26 = 3,153.85. Total 300.00 + 21,500.01 = $21,800.01.
    assert Decimal(runs[1]["figures"]["gross_pay"]) == Decimal("21800.01")
    # The day after 11-15..28 ends: that period was already computed on these inputs.
    clock.set("2026-11-29T07:30")
    lines = pilot.run_pass().lines
    assert [line for line in lines if line.startswith("payroll")] == []
    assert "already done on these inputs" in _log(office)
    # Two weeks on, the period 11-29..12-12 has no rows yet: the job waits, undone.
    clock.set("2026-12-13T08:00")
    report = pilot.run_pass()
    assert ("Payroll", "waiting for the timesheet of 2026-11-29 to 2026-12-12.") \
        in report.waiting
    assert _journal(office).calendar["payroll"] == "2026-11-29T07:00"
    payroll_mail = [r.subject for r in mail.received if "Payroll" in r.subject]
    assert payroll_mail == ["Riverside Family Practice — Payroll 2026-11-15 to 2026-11-28",
                            "Riverside Family Practice — Payroll 2026-11-01 to 2026-11-14"]


def test_weekly_monthly_and_daily_jobs_with_a_digest(office, mail, pilots):
    office_settings(office.settings, mail.port, recipients=(
        ("payroll", MANAGER, None), ("digest", MANAGER, None), ("all", EVERYONE, None)))
    _drop(office, "staff.xlsx", "timesheet.xlsx")
    commands = {**PAYROLL, "inventory": "test_autopilot:InventoryLike",
                "budget": "test_autopilot:BudgetLike"}
    clock = Clock("2026-11-22T09:00")  # a Sunday: the calendar starts from here
    pilot = pilots(office, clock, commands)
    pilot.run_pass()
    assert {p.name for p in office.outbox.glob("*_2026-11-22.xlsx")} == {
        "inventory_2026-11-22.xlsx", "budget_2026-11-22.xlsx"}  # new inputs: run once
    clock.set("2026-11-23T06:59")  # Monday before 07:00: nothing yet
    assert pilot.run_pass().lines == []
    clock.set("2026-11-23T07:00")  # inventory day, and the day's digest
    lines = pilot.run_pass().lines
    assert (office.outbox / "inventory_2026-11-23.xlsx").exists()
    assert not (office.outbox / "budget_2026-11-23.xlsx").exists()
    assert "digest: wrote digest_2026-11-23.xlsx" in lines
    assert not list(office.outbox.glob("digest_2026-11-22.xlsx"))  # it started after 07:00
    digest = [r for r in mail.received if "Daily digest" in r.subject]
    assert [sorted(r.rcpt_tos) for r in digest] == [[MANAGER], [EVERYONE]]
    text = digest[0].text()
    assert "- Inventory: Items to reorder: 2" in text
    assert "Expired lots" not in text  # zero: nothing to do
    # Payroll is confidential: its figures never reach the digest.
    assert "Gross pay" not in text and "$40" not in text
    assert "- Payroll: done" in text
    rows = openpyxl.load_workbook(office.outbox / "digest_2026-11-23.xlsx")["Latest results"]
    reports = [r[0] for r in rows.iter_rows(min_row=2, values_only=True)]
    assert reports == ["Budget", "Inventory", "Payroll"]
    clock.set("2026-12-03T07:05")  # budget day, as of the end of November; the machine
    pilot.run_pass()               # was off since 11-23: one digest, today's, and one
    assert (office.outbox / "budget_2026-11-30.xlsx").exists()  # inventory, for 11-30
    assert (office.outbox / "inventory_2026-11-30.xlsx").exists()
    assert sorted(p.name for p in office.outbox.glob("digest_*.xlsx")) == [
        "digest_2026-11-23.xlsx", "digest_2026-12-03.xlsx"]
    assert len([r for r in mail.received if "Daily digest 2026-12-03" in r.subject]) == 2


def test_files_being_written_or_open_in_excel_wait(office, mail, pilots):
    office_settings(office.settings, mail.port)
    _drop(office, "staff.xlsx", "timesheet.xlsx")
    (office.inbox / "~$mesheet.xlsx").write_bytes(b"owner")  # Excel has timesheet.xlsx open
    clock = Clock("2026-11-27T10:00")
    pilot = pilots(office, clock)
    report = pilot.run_pass()
    assert list(office.outbox.iterdir()) == []
    assert ("Inbox", "timesheet.xlsx is open in Excel or still being copied; it will be read "
            "once it is closed.") in report.waiting
    (office.inbox / "~$mesheet.xlsx").unlink()  # Excel closed it
    clock.set("2026-11-27T10:01")
    pilot.run_pass()
    assert (office.outbox / "payroll_2026-11-15_to_2026-11-28.xlsx").exists()


def test_a_file_still_being_copied_waits_for_the_next_pass(office, mail, pilots):
    office_settings(office.settings, mail.port)
    _drop(office, "staff.xlsx")
    timesheet = office.inbox / "timesheet.xlsx"
    timesheet.write_bytes((EXAMPLES / "timesheet.xlsx").read_bytes()[:5000])
    waits = []

    def still_copying(seconds: float) -> None:  # the copy goes on while we wait
        waits.append(seconds)
        with timesheet.open("ab") as handle:
            handle.write((EXAMPLES / "timesheet.xlsx").read_bytes()[5000:])

    clock = Clock("2026-11-27T10:00")
    report = pilots(office, clock, sleep=still_copying, settle_seconds=2).run_pass()
    assert waits == [2]
    assert list(office.outbox.iterdir()) == []  # never read half a file
    assert any("timesheet.xlsx is open in Excel or still being copied" in why
               for _, why in report.waiting)
    clock.set("2026-11-27T10:01")  # unchanged since the last look: settled, read now
    pilots(office, clock, sleep=lambda s: None, settle_seconds=2).run_pass()
    assert (office.outbox / "payroll_2026-11-15_to_2026-11-28.xlsx").exists()


def test_open_elsewhere_knows_excel_and_libreoffice_lock_files(tmp_path):
    for name in ("timesheet.xlsx", "~$mesheet.xlsx", "a.xlsx", "~$a.xlsx", "budget.ods",
                 ".~lock.budget.ods#", "staff.xlsx"):
        (tmp_path / name).write_bytes(b"x")
    assert open_elsewhere(tmp_path) == {"timesheet.xlsx", "a.xlsx", "budget.ods"}


def test_a_crashing_job_is_logged_with_its_traceback_and_the_rest_goes_on(office, mail,
                                                                         pilots):
    office_settings(office.settings, mail.port)
    _drop(office, "staff.xlsx", "timesheet.xlsx")
    commands = {"crash": "test_autopilot:CrashCommand", **PAYROLL,
                "missing": "medoffice.cli.no_such_module:Nothing"}
    clock = Clock("2026-11-27T10:00")
    pilot = pilots(office, clock, commands)
    report = pilot.run_pass()
    assert report.failed == ["crash"]
    assert (office.outbox / "payroll_2026-11-15_to_2026-11-28.xlsx").exists()
    log = _log(office)
    assert "crash: crashed; nothing was written. Traceback:" in log
    assert 'in compute\n    raise RuntimeError("boom in compute")' in log
    assert "RuntimeError: boom in compute" in log
    assert "missing: cannot be loaded; it is skipped" in log
    assert "ModuleNotFoundError" in log
    # The same inputs again: the crash is not retried (nor logged) on every pass.
    clock.set("2026-11-27T10:01")
    pilot.run_pass()
    # The crash and the failed import, once each.
    assert _log(office).count("Traceback (most recent call last)") == 2


def test_the_log_holds_no_pay_amounts_and_no_names(office, mail, pilots):
    office_settings(office.settings, mail.port)
    _drop(office, "staff.xlsx", "timesheet.xlsx")
    clock = Clock("2026-11-27T10:00")
    pilots(office, clock).run_pass()
    timesheet = office.inbox / "timesheet.xlsx"
    book = openpyxl.load_workbook(timesheet)
    book["Time"]["A5"] = "1099"  # not on the roster: "did you mean 1009 (Lauren Pike)?"
    book.save(timesheet)
    clock.set("2026-11-27T10:01")
    pilots(office, clock).run_pass()
    log = _log(office)
    assert "payroll: done" in log and "1 error(s) in timesheet.xlsx (cell-unknown-ref)" in log
    assert "$" not in log
    gross = _journal(office).runs["payroll"][0]["figures"]["gross_pay"]
    assert gross not in log and f"{Decimal(gross):,.2f}" not in log
    for name in NAMES:
        assert name not in log and name.split()[1] not in log


def test_redact_masks_amounts_but_keeps_dates_versions_and_hashes():
    line = ("gross 40781.38 or $40,781.38 on 2026-11-28 at 07:00, medoffice 0.1.0, "
            "file [5fbe2663b185], rate 18.75")
    assert redact(line) == ("gross #.## or #.## on 2026-11-28 at 07:00, medoffice 0.1.0, "
                            "file [5fbe2663b185], rate #.##")


def test_unreadable_and_unknown_files_are_reported_once_per_version(office, mail, pilots):
    office_settings(office.settings, mail.port)
    broken = office.inbox / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    (office.inbox / "notes.csv").write_text("Topic,Detail\nlunch,noon\n")
    clock = Clock("2026-11-27T10:00")
    pilot = pilots(office, clock)
    pilot.run_pass()
    assert (office.outbox / "broken_problems.xlsx").exists()
    assert [r.subject for r in mail.received] == [
        "Riverside Family Practice — broken.xlsx cannot be used"]
    assert mail.received[0].rcpt_tos == [MANAGER]
    assert "notes.csv [" in _log(office) and "not recognised" in _log(office)
    clock.set("2026-11-27T10:01")
    pilot.run_pass()
    assert len(mail.received) == 1
    broken.write_bytes(b"PK\x03\x04 still not a workbook")
    clock.set("2026-11-27T10:02")
    pilot.run_pass()
    assert len(mail.received) == 2
    assert _log(office).count("not recognised") == 1


def test_send_failures_are_retried_on_later_passes_with_backoff(office, pilots):
    server = MailServer()  # down
    office_settings(office.settings, server.port)
    _drop(office, "staff.xlsx", "timesheet.xlsx")
    clock = Clock("2026-11-27T10:00")
    pilot = pilots(office, clock)
    pilot.run_pass()
    assert (office.outbox / "payroll_2026-11-15_to_2026-11-28.xlsx").exists()
    server.start()
    try:
        clock.set("2026-11-27T10:00:30")  # within the first 1-minute wait: not tried
        pilot.run_pass()
        assert server.received == []
        clock.set("2026-11-27T10:01:30")
        assert "emailed Riverside Family Practice — Payroll 2026-11-15 to 2026-11-28" in \
            pilot.run_pass().lines
        clock.set("2026-11-27T10:05")
        pilot.run_pass()
        assert len(server.received) == 1
    finally:
        server.stop()
