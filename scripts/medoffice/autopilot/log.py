"""The autopilot's log: `workbooks/.medoffice/autopilot.log`, rotated, free of personal data.

What is logged is chosen to hold no pay amounts and no patient identifiers: file names,
SHA-256 prefixes, command names, problem codes and counts, output names, email subjects
and addresses. As a second guard, every line passes a filter that masks anything that
looks like an amount of money, in case an error message carries one.
"""

from __future__ import annotations

import logging
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_NAME = "autopilot.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
_MONEY = re.compile(r"\$\s?-?\d[\d,]*(?:\.\d+)?|(?<![\w.])-?\d[\d,]*\.\d{2,}(?![\w.])")


def redact(text: str) -> str:
    """Mask amounts such as `$1,234.50` or `40781.38` (dates and versions are kept)."""
    return _MONEY.sub("#.##", text)


class RedactAmounts(logging.Filter):
    """Masks amounts in every record (message, arguments and traceback)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = ()
        if record.exc_info:
            formatter = logging.Formatter()
            record.exc_text = redact(formatter.formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def open_log(state: Path, name: str = "medoffice.autopilot") -> logging.Logger:
    """A logger writing to the rotating log file in the state folder (and nowhere else)."""
    logger = logging.getLogger(f"{name}.{Path(state).resolve()}")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    if not logger.handlers:
        handler = RotatingFileHandler(Path(state) / LOG_NAME, maxBytes=MAX_BYTES,
                                      backupCount=BACKUPS, encoding="utf-8", delay=True)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s",
                                               "%Y-%m-%d %H:%M:%S"))
        handler.addFilter(RedactAmounts())
        logger.addHandler(handler)
    return logger


def close_log(logger: logging.Logger) -> None:
    """Close the log file (so it can be moved or rotated by others, e.g. on Windows)."""
    for handler in list(logger.handlers):
        handler.close()
        logger.removeHandler(handler)
