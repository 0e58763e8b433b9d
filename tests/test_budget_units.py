"""The budget's small pure parts: the fiscal calendar, account matching and suggestions,
the variance status rules, and month headers that are dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from medoffice.budget.accounts import Account, department_key, suggest
from medoffice.budget.actual_rows import to_cents
from medoffice.budget.compare import Comparison, Thresholds
from medoffice.budget.fiscal import Elapsed, fiscal_year_of
from medoffice.budget.lines import BudgetLine
from medoffice.budget.matching import Matcher
from medoffice.intake.table import header_date
from medoffice.money import cents

D = dt.date.fromisoformat
TH = Thresholds(Decimal(10), Decimal(250))


@pytest.mark.parametrize(("day", "start_month", "first", "last"), [
    ("2026-10-31", 1, "2026-01-01", "2026-12-31"),
    ("2026-06-30", 7, "2025-07-01", "2026-06-30"),
    ("2026-07-01", 7, "2026-07-01", "2027-06-30"),
    ("2026-02-28", 3, "2025-03-01", "2026-02-28"),
])
def test_fiscal_year_of(day, start_month, first, last):
    year = fiscal_year_of(D(day), start_month)
    assert (year.start, year.end) == (D(first), D(last))


def test_elapsed_share_of_a_leap_february():
    # Fiscal year from July 2027: February 2028 is fiscal month 7 (0-based) and has 29 days.
    elapsed = Elapsed(fiscal_year_of(D("2028-02-10"), 7), D("2028-02-10"))
    assert elapsed.month == 7
    assert elapsed.share(6) == 1 and elapsed.share(8) == 0
    assert elapsed.share(7) == Fraction(10, 29)
    assert elapsed.fraction == (7 + Fraction(10, 29)) / 12


@pytest.mark.parametrize(("text", "number", "name"), [
    ("6100 Medical supplies", "6100", "Medical supplies"),
    ("6100 · Medical Supplies", "6100", "Medical Supplies"),
    ("6100-01 Exam gloves", "6100-01", "Exam gloves"),
    ("5000 - Salaries and wages", "5000", "Salaries and wages"),
    ("Medical supplies", None, "Medical supplies"),
    ("401(k) match", None, "401(k) match"),  # a number inside a name is not an account number
])
def test_account_numbers_and_names(text, number, name):
    account = Account.parse(text)
    assert (account.number, account.name) == (number, name)


def test_accounts_match_on_number_else_on_name():
    assert Account.parse("6100 Supplies").same_as(Account.parse("6100 · Medical supplies"))
    assert not Account.parse("6100 Supplies").same_as(Account.parse("6200 Supplies"))
    assert Account.parse("MEDICAL  supplies").same_as(Account.parse("6100 Medical supplies"))
    assert department_key(" Front  Office") == department_key("front office")
    assert department_key("(none)") == department_key(None) == ""


def test_suggestions_are_close_names_only():
    budget = [Account.parse(t) for t in ("6030 Repairs and maintenance",
                                         "6020 Cleaning and janitorial",
                                         "6100 Medical supplies", "6000 Rent")]
    assert suggest(Account.parse("Medical suplies"), budget).number == "6100"
    assert suggest(Account.parse("Janitorial"), budget).number == "6020"
    assert suggest(Account.parse("Rent expense"), budget).number == "6000"
    # "meals and entertainment" is 61% like "repairs and maintenance": not a suggestion
    assert suggest(Account.parse("6960 Meals and entertainment"), budget) is None


def comparison(kind, budget, actual, budgeted=True):
    return Comparison(kind, Decimal(budget), Decimal(budget), Decimal(actual),
                      Decimal(actual), budgeted)


@pytest.mark.parametrize(("kind", "budget", "actual", "favorable", "status"), [
    ("Expense", 1000, 1000, True, "OK"),      # on budget
    ("Expense", 1000, 900, True, "OK"),       # under: favorable, however far
    ("Expense", 1000, 1101, False, "Watch"),  # 10.1% but only $101
    ("Expense", 5000, 5260, False, "Watch"),  # $260 but only 5.2%
    ("Expense", 5000, 5600, False, "Over"),   # $600 and 12%
    ("Expense", 1000, 1100, False, "OK"),     # exactly 10%: not beyond
    ("Revenue", 5000, 4400, False, "Over"),   # $600 and 12% short
    ("Revenue", 5000, 6000, True, "OK"),
    ("Net", 7000, 6900, False, "OK"),
    ("Expense", 0, 40, False, "Watch"),       # nothing budgeted to date: beyond the %
])
def test_status_rules(kind, budget, actual, favorable, status):
    row = comparison(kind, budget, actual)
    assert row.favorable is favorable
    assert row.status(TH) == status


def test_no_budget_status_and_variance_percent():
    assert comparison("Expense", 0, 50, budgeted=False).status(TH) == "No budget"
    assert comparison("Expense", 0, 50).variance_pct is None
    assert comparison("Expense", 800, 1000).variance_pct == Decimal("0.25")


@pytest.mark.parametrize(("value", "expected"), [
    (dt.datetime(2026, 7, 1), "2026-07-01"),
    ("2026-07-01", "2026-07-01"),
    ("7/1/2026", "2026-07-01"),
    ("Jul 2026", "2026-07-01"),
    ("July-26", "2026-07-01"),
    ("Sept 2026", "2026-09-01"),
    ("2026-07", "2026-07-01"),
    ("Annual", None),
    ("Marketing 2026", None),
    ("Year 2026", None),
])
def test_header_dates(value, expected):
    found = header_date(value)
    assert (found.isoformat() if found else None) == expected


def test_header_dates_follow_the_date_order():
    assert header_date("1/7/2026", day_first=True) == D("2026-07-01")


# ---------------------------------------------------------------------- indexed matching


def budget_line(text, dept=None):
    return BudgetLine(Account.parse(text), "Expense", dept or "", [Decimal(0)] * 12)


MATCH_LINES = [budget_line("6100 Medical supplies", "Clinical"),   # 0
               budget_line("Medical supplies"),                    # 1: office-wide, no number
               budget_line("6100 Supplies", "Lab"),                # 2: same number as 0
               budget_line("Lab fees"),                            # 3
               budget_line("6300 Lab fees", "Billing")]            # 4


@pytest.mark.parametrize(("text", "expected"), [
    ("6100 · MEDICAL", [0, 2]),             # a number matches every line with that number
    ("6999 Medical supplies", [1]),         # no line has 6999: the name, on unnumbered lines
    ("Medical  Supplies", [0, 1]),          # no number: the name, numbered or not
    ("Lab fees", [3, 4]),
    ("6300 Anything", [4]),
    ("6999", []),                           # a number alone, no line has it
    ("Rent", []),
])
def test_the_lines_of_an_account_are_found_by_number_else_by_name(text, expected):
    found = Matcher(MATCH_LINES).candidates(Account.parse(text))
    assert [MATCH_LINES.index(line) for line in found] == expected


@pytest.mark.parametrize(("text", "dept", "expected"), [
    ("Medical supplies", "clinical ", 0),   # its department
    ("Medical supplies", "Front desk", 1),  # no line for Front desk: the office-wide line
    ("6100 Gloves", "Radiology", None),     # lines 0 and 2, neither office-wide
    ("6100 Gloves", None, None),            # two lines: no single one to choose
    ("6300 Lab fees", "(none)", 4),         # a blank department and the account's only line
    ("6300 Lab fees", "Billing", 4),
])
def test_an_account_and_department_find_their_line(text, dept, expected):
    line, _found = Matcher(MATCH_LINES).match(Account.parse(text), dept or "")
    assert (MATCH_LINES.index(line) if line is not None else None) == expected


# ---------------------------------------------------------------------- cents


@pytest.mark.parametrize(("text", "expected"), [
    ("1.005", 101), ("-1.005", -101),       # a half cent: half-up, away from zero
    ("2.675", 268),                         # 2.675 as a float is 2.67499...: still 268
    ("0.125", 13), ("-0.125", -13), ("1.00499999", 100), ("0.004", 0), ("-0.005", -1),
    ("12345678901234.565", 1234567890123457),  # beyond a float's cents: exact anyway
    ("1614.48", 161448), ("-1614.48", -161448), ("0", 0),
])
def test_amounts_become_cents_half_up(text, expected):
    assert to_cents(pd.Series([Decimal(text)], dtype=object)).tolist() == [expected]


@given(st.lists(st.decimals(min_value=-10**9, max_value=10**9, places=4,
                            allow_nan=False, allow_infinity=False), max_size=50))
def test_cents_of_many_amounts_are_money_cents(amounts):
    expected = [int(cents(a) * 100) for a in amounts]
    assert to_cents(pd.Series(amounts, dtype=object)).tolist() == expected
