"""The column helpers the large-sheet code shares."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from medoffice.vectors import day_numbers, per_distinct


def test_per_distinct_works_each_value_out_once_and_marks_missing():
    calls = []

    def work(text: str) -> str:
        calls.append(text)
        return text.strip()

    column = pd.Series([" Nursing", None, " Nursing", "Lab "], dtype=object)
    assert per_distinct(column, work, "").tolist() == ["Nursing", "", "Nursing", "Lab"]
    assert calls == [" Nursing", "Lab "]


def test_day_numbers_subtract_as_days():
    # 2026-03-01 is 29 days after 2026-01-31 (28 days of February, plus one).
    days = day_numbers(np.array([dt.date(2026, 1, 31), None, dt.date(2026, 3, 1)],
                                dtype=object))
    assert days.dtype == np.int64
    assert days[2] - days[0] == 29 and days[1] == 0
