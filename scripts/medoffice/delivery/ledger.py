"""The mail queue and the ledger of sent messages: nothing lost, nothing sent twice.

    workbooks/.medoffice/mail/outgoing/<key>.eml   a message waiting to be sent
    workbooks/.medoffice/mail/outgoing/<key>.json  its failed attempts and next try
    workbooks/.medoffice/mail/sent/<key>.json      the ledger: sent when, to whom

A message is first queued (its .eml written atomically), then sent; only after the
server accepted it is its ledger entry written (atomically) and the queued copy
removed. A crash at any point leaves the message either queued (sent on a later try)
or in the ledger (never sent again). A message whose key is in the ledger or the queue
is not queued again. The one window no program can close: a crash after the server
accepted a message but before the ledger entry was written sends it again on the next
try; it then carries the same Message-ID, which mail programs use to show it once.

One sender at a time: sending holds `mail/sending.lock` (see lock.py).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from pathlib import Path

from .lock import Lock
from .smtp import SendFailed, SmtpConfig, SmtpTransport
from .state import read_json, write_bytes_atomic, write_json_atomic

BACKOFF_MINUTES = (1, 2, 5, 10, 30, 60)  # wait before try 2, 3, ...; then hourly


def next_try_after(attempts: int, now: dt.datetime) -> dt.datetime:
    """When to try again after `attempts` failed tries (growing waits, at most an hour)."""
    minutes = BACKOFF_MINUTES[min(attempts, len(BACKOFF_MINUTES)) - 1] if attempts else 0
    return now + dt.timedelta(minutes=minutes)


@dataclass
class Queued:
    """A message waiting in the queue."""

    key: str
    path: Path
    subject: str
    to: str
    attempts: int = 0
    next_try: dt.datetime | None = None
    last_error: str = ""

    def due(self, now: dt.datetime) -> bool:
        """True when it may be tried now."""
        return self.next_try is None or self.next_try <= now


@dataclass
class FlushResult:
    """What one round of sending did."""

    sent: list[Queued] = field(default_factory=list)
    failed: list[tuple[Queued, str]] = field(default_factory=list)
    waiting: list[Queued] = field(default_factory=list)  # not due yet (backing off)
    busy: bool = False  # another process was sending


class Postbox:
    """The queue and ledger in one state folder."""

    def __init__(self, state: Path):
        self.root = Path(state) / "mail"
        self.outgoing = self.root / "outgoing"
        self.sent_folder = self.root / "sent"

    # --- the ledger ------------------------------------------------------------------
    def sent_entry(self, key: str) -> dict | None:
        """The ledger entry of a sent message, or None when it was never sent."""
        return read_json(self.sent_folder / f"{key}.json")

    def is_queued(self, key: str) -> bool:
        """True when the message waits in the queue."""
        return (self.outgoing / f"{key}.eml").exists()

    # --- queueing --------------------------------------------------------------------
    def enqueue(self, key: str, data: bytes) -> str:
        """Queue a message unless it is already sent or queued.

        Returns "queued", "already-queued" or "already-sent".
        """
        if self.sent_entry(key) is not None:
            return "already-sent"
        if self.is_queued(key):
            return "already-queued"
        write_bytes_atomic(self.outgoing / f"{key}.eml", data)
        return "queued"

    def queued(self) -> list[Queued]:
        """Every message waiting, oldest first."""
        if not self.outgoing.is_dir():
            return []
        found = []
        for path in sorted(self.outgoing.glob("*.eml"), key=lambda p: p.stat().st_mtime):
            key = path.stem
            state = read_json(self.outgoing / f"{key}.json", {}) or {}
            headers = _headers(path)
            nxt = state.get("next_try")
            found.append(Queued(key=key, path=path, subject=headers.get("Subject", ""),
                                to=headers.get("To", ""), attempts=int(state.get("attempts", 0)),
                                next_try=dt.datetime.fromisoformat(nxt) if nxt else None,
                                last_error=state.get("last_error", "")))
        return found

    # --- sending ---------------------------------------------------------------------
    def flush(self, config: SmtpConfig, now: dt.datetime, *, only_due: bool = True,
              wait_seconds: float = 0.0) -> FlushResult:
        """Send the queued messages that are due, over one connection.

        A failure is recorded on the message (attempts, next try, reason) and the message
        stays queued. When another process is sending, waits up to `wait_seconds`.
        """
        result = FlushResult()
        lock = Lock(self.root / "sending.lock")
        deadline = time.monotonic() + wait_seconds
        while not lock.acquire():
            if time.monotonic() >= deadline:
                result.busy = True
                return result
            time.sleep(0.2)
        try:
            due = []
            for item in self.queued():
                if self.sent_entry(item.key) is not None:
                    self._forget(item)  # sent just before a crash: only the cleanup was left
                elif only_due and not item.due(now):
                    result.waiting.append(item)
                else:
                    due.append(item)
            if due:
                self._send(config, due, now, result)
        finally:
            lock.release()
        return result

    def _send(self, config: SmtpConfig, due: list[Queued], now: dt.datetime,
              result: FlushResult) -> None:
        done: set[str] = set()
        try:
            with SmtpTransport(config) as transport:
                for item in due:
                    try:
                        refused = transport.send(item.path.read_bytes())
                    except SendFailed as exc:
                        self._failed(item, now, str(exc), result)
                    else:
                        self._record_sent(item, now, refused)
                        result.sent.append(item)
                    done.add(item.key)
        except SendFailed as exc:  # could not connect (or log in) at all
            for item in due:
                if item.key not in done:
                    self._failed(item, now, str(exc), result)

    def _record_sent(self, item: Queued, now: dt.datetime, refused: dict) -> None:
        headers = _headers(item.path)
        entry = {"key": item.key, "subject": headers.get("Subject", ""),
                 "to": headers.get("To", ""), "cc": headers.get("Cc", ""),
                 "message_id": headers.get("Message-ID", ""),
                 "sent_at": now.isoformat(timespec="seconds"),
                 "attempts": item.attempts + 1,
                 "refused": sorted(refused or {})}
        write_json_atomic(self.sent_folder / f"{item.key}.json", entry)
        self._forget(item)

    def _failed(self, item: Queued, now: dt.datetime, reason: str,
                result: FlushResult) -> None:
        item.attempts += 1
        item.last_error = reason
        item.next_try = next_try_after(item.attempts, now)
        write_json_atomic(self.outgoing / f"{item.key}.json",
                          {"attempts": item.attempts, "last_error": reason,
                           "next_try": item.next_try.isoformat(timespec="seconds")})
        result.failed.append((item, reason))

    def _forget(self, item: Queued) -> None:
        item.path.unlink(missing_ok=True)
        (self.outgoing / f"{item.key}.json").unlink(missing_ok=True)


def _headers(path: Path) -> dict[str, str]:
    try:
        with path.open("rb") as handle:
            parsed = BytesParser(policy=policy.default).parse(handle, headersonly=True)
    except OSError:
        return {}
    return {k: str(v) for k, v in parsed.items()}
