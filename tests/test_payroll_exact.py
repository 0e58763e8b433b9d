"""The exact-arithmetic helpers of payroll (payroll/exact.py): half-up rounding done in
integers, hours from whole seconds, a rate from cents and seconds, and the splitting of a
rounded total into parts. Every expected value is worked out by hand in the comment."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction as F

from medoffice.payroll.exact import (
    hours,
    hours_text,
    rate_per_hour,
    rate_text,
    rounded,
    rounded_ratio,
    split_to_target,
    to_cents,
)


def test_half_up_rounds_away_from_zero_and_never_gives_minus_zero():
    # 5/1000 = 0.005 -> 0.01 (half up); -0.005 -> -0.01 (away from zero)
    assert str(rounded_ratio(5, 1000, 2)) == "0.01"
    assert str(rounded_ratio(-5, 1000, 2)) == "-0.01"
    # 0.00499 -> 0.00; -0.001 -> 0.00, not -0.00
    assert str(rounded_ratio(499, 100000, 2)) == "0.00"
    assert str(rounded_ratio(-1, 1000, 2)) == "0.00"
    # 1/3 -> 0.3333; 2/3 -> 0.6667
    assert str(rounded(F(1, 3), 4)) == "0.3333"
    assert str(rounded(F(2, 3), 4)) == "0.6667"
    # a whole number keeps its places: 7 -> 7.00
    assert str(to_cents(F(7))) == "7.00"
    # FS#56C: $480 / 43 h = $11.162790... -> $11.16
    assert to_cents(F(480, 43)) == D("11.16")


def test_hours_from_whole_seconds():
    # 1 s = 0.000277... h -> 0.0003; 18 s = 0.005 h -> 0.0050; 46 h -> 46.0000
    assert str(hours(1)) == "0.0003"
    assert str(hours(18)) == "0.0050"
    assert str(hours(46 * 3600)) == "46.0000"
    # 20 min 34 s = 1234 s = 0.342777... h -> 0.3428; and negative the same way
    assert str(hours(1234)) == "0.3428"
    assert str(hours(-1234)) == "-0.3428"
    # a Fraction of a second is rounded the same way: 1/2 s = 0.000138... h -> 0.0001
    assert str(hours(F(1, 2))) == "0.0001"
    # text: two places when exact (36 s = 0.01 h), else four
    assert hours_text(36) == "0.01 h" and hours_text(1234) == "0.3428 h"


def test_rate_per_hour_from_cents_and_seconds():
    # $588.00 for 46 h: 12.782608... -> 12.7826; $39.00 for 6 h: 6.5000
    assert str(rate_per_hour(D("588.00"), 46 * 3600)) == "12.7826"
    assert str(rate_per_hour(D("39.00"), 6 * 3600)) == "6.5000"
    # $0.01 for 7 s = 5.142857... $/h -> 5.1429; a refund stays negative
    assert str(rate_per_hour(D("0.01"), 7)) == "5.1429"
    assert str(rate_per_hour(D("-0.01"), 7)) == "-5.1429"


def test_rate_text_shows_four_decimals_only_when_cents_are_not_exact():
    # $13 -> $13.00; $6.50 -> $6.50; $480/43 -> $11.1628
    assert rate_text(F(13)) == "$13.00" and rate_text(F(13, 2)) == "$6.50"
    assert rate_text(F(480, 43)) == "$11.1628"


def test_split_to_target_gives_missing_cents_to_the_parts_that_lost_most():
    # 1/3 + 1/3 + 1/3 = 1.00, but each rounds to 0.33 (sum 0.99): the missing cent goes
    # to the first (all lost the same 0.00333...)
    assert split_to_target([F(1, 3)] * 3, D("1.00")) == [D("0.34"), D("0.33"), D("0.33")]
    # 0.005 + 0.005 round to 0.01 each (0.02) against a total of 0.01: one cent too
    # many, taken back from the first of the two that gained most (ties to the first)
    assert split_to_target([F(1, 200), F(1, 200)], D("0.01")) == [D("0.00"), D("0.01")]
    # nothing to fix: the parts as rounded
    assert split_to_target([F(1, 4), F(3, 4)], D("1.00")) == [D("0.25"), D("0.75")]
