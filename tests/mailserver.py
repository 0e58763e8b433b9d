"""A real SMTP server on localhost (aiosmtpd) for the email and autopilot tests.

It records every message it accepts. It can be started and stopped on a fixed port
(server down, then up), require a login, or hold the first RCPT until the test lets
it go (so a test can kill the sender in the middle of a send).
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import threading
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import openpyxl
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

EXAMPLES = Path(__file__).resolve().parents[1] / "workbooks" / "examples"
SENDER = "medoffice@riverside.example"
RECIPIENTS = (
    ("payroll", "manager@riverside.example", None),
    ("errors", "manager@riverside.example", None),
    ("all", "office@riverside.example", None),
)


@dataclass
class Received:
    """One message as the server accepted it."""

    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    def text(self) -> str:
        return self.message.get_body(("plain",)).get_content()

    def html(self) -> str:
        return self.message.get_body(("html",)).get_content()

    def attachments(self) -> dict[str, bytes]:
        return {a.get_filename(): a.get_payload(decode=True)
                for a in self.message.iter_attachments()}


class _Handler:
    def __init__(self, server: MailServer):
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        hold = self.server.hold
        if hold is not None:
            self.server.held.set()
            while not hold.is_set():
                await asyncio.sleep(0.02)
            self.server.hold = None
            return "451 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.server.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                             message))
        return "250 Message accepted for delivery"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailServer:
    """start() / stop() an SMTP server on 127.0.0.1:port; `received` lists what arrived."""

    def __init__(self, port: int | None = None, login: tuple[str, str] | None = None):
        self.port = port or free_port()
        self.login = login
        self.received: list[Received] = []
        self.hold: threading.Event | None = None  # set: hold the next RCPT until it is set
        self.held = threading.Event()  # set once a RCPT is being held
        self._controller: Controller | None = None

    def start(self) -> MailServer:
        kwargs = {}
        if self.login:
            kwargs = {"authenticator": self._authenticate, "auth_require_tls": False}
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port,
                                      **kwargs)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def _authenticate(self, server, session, envelope, mechanism, auth_data):
        user = auth_data.login.decode() if isinstance(auth_data.login, bytes) else auth_data.login
        word = auth_data.password.decode() if isinstance(auth_data.password, bytes) \
            else auth_data.password
        return AuthResult(success=(user, word) == self.login, handled=False)

    def to(self, address: str) -> list[Received]:
        """The messages whose envelope includes this address."""
        return [r for r in self.received if address in r.rcpt_tos]


def office_settings(path: Path, port: int | None, *, recipients=RECIPIENTS, user: str = "",
                    extra: dict | None = None) -> Path:
    """The example office's settings workbook with the mail server at 127.0.0.1:port
    (None: no mail server) and the given Recipients rows."""
    shutil.copy2(EXAMPLES / "settings.xlsx", path)
    book = openpyxl.load_workbook(path)
    sheet = book["Settings"]
    values = {"SMTP host": "127.0.0.1" if port else None, "SMTP port": port,
              "SMTP security": "None", "From address": SENDER, "SMTP user": user or None}
    values.update(extra or {})
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2) if row[0].value}
    for key, value in values.items():
        if key in rows:
            rows[key][1].value = value
        else:
            sheet.append([key, value])
    book.remove(book["Recipients"])
    listing = book.create_sheet("Recipients")
    listing.append(["Report", "To", "Cc"])
    for row in recipients:
        listing.append(list(row))
    book.save(path)
    return path
