"""Column-at-a-time helpers for the large sheets (ledgers, usage logs): a column repeats
few distinct values, so each distinct value is worked out once and the answers spread
back over the rows as a numpy array."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd


def per_distinct(values, work: Callable, missing=None, dtype=object) -> np.ndarray:
    """`work(value)` for each value of a column (a Series or array), worked out once per
    distinct value; `missing` where the value is None or NaN."""
    codes, distinct = pd.factorize(values, use_na_sentinel=True)
    done = np.empty(len(distinct) + 1, dtype=dtype)
    done[:-1] = [work(value) for value in distinct]
    done[-1] = missing
    return done[codes]


def day_numbers(dates) -> np.ndarray:
    """Each date as its day number (`date.toordinal()`, int64; 0 for a missing date), so
    that dates compare and subtract as integers."""
    return per_distinct(dates, dt.date.toordinal, 0, np.int64)
