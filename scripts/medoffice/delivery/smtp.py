"""Talk to the office's mail server with the standard library's smtplib.

Server settings come from the Settings sheet (SMTP host, port, security, user, From
address); the password only from the environment variable MEDOFFICE_SMTP_PASSWORD.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from dataclasses import dataclass
from email.utils import getaddresses, parseaddr

PASSWORD_VARIABLE = "MEDOFFICE_SMTP_PASSWORD"
TIMEOUT_SECONDS = 30


class SendFailed(Exception):
    """A message could not be handed to the mail server; the reason is one plain line."""


@dataclass(frozen=True)
class SmtpConfig:
    """How to reach the mail server."""

    host: str
    port: int
    security: str  # "STARTTLS", "SSL" or "None"
    user: str
    password: str
    sender: str

    @classmethod
    def from_settings(cls, settings, environ=None) -> SmtpConfig:
        """The server settings of the office, with the password from the environment."""
        env = os.environ if environ is None else environ
        sender = (settings.from_address or "").split(";")[0].strip()
        if not sender and "@" in (settings.smtp_user or ""):
            sender = settings.smtp_user.strip()
        return cls(host=(settings.smtp_host or "").strip(), port=int(settings.smtp_port),
                   security=settings.smtp_security or "STARTTLS",
                   user=(settings.smtp_user or "").strip(),
                   password=env.get(PASSWORD_VARIABLE, ""), sender=sender)

    def missing(self) -> str:
        """What must still be set before mail can be sent ("" when nothing)."""
        if not self.host:
            return "SMTP host is blank on the Settings sheet"
        if not self.sender:
            return "From address is blank on the Settings sheet"
        if self.user and not self.password:
            return (f"SMTP user is set but the environment variable {PASSWORD_VARIABLE} "
                    "holding its password is not")
        return ""


class SmtpTransport:
    """One connection to the server for a batch of messages: `with SmtpTransport(cfg) as t`."""

    def __init__(self, config: SmtpConfig):
        self.config = config
        self.smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpTransport:
        cfg = self.config
        try:
            if cfg.security == "SSL":
                self.smtp = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=TIMEOUT_SECONDS,
                                             context=ssl.create_default_context())
            else:
                self.smtp = smtplib.SMTP(cfg.host, cfg.port, timeout=TIMEOUT_SECONDS)
                if cfg.security == "STARTTLS":
                    self.smtp.starttls(context=ssl.create_default_context())
            if cfg.user:
                self.smtp.login(cfg.user, cfg.password)
        except (OSError, smtplib.SMTPException) as exc:
            self._close()
            raise SendFailed(f"cannot reach the mail server {cfg.host}:{cfg.port} "
                             f"({describe(exc)})") from exc
        return self

    def __exit__(self, *exc) -> None:
        self._close()

    def send(self, data: bytes) -> dict:
        """Send one message (its bytes as queued); envelope from its From, To and Cc.
        Returns the recipients the server refused while accepting the others."""
        from email import message_from_bytes, policy

        headers = message_from_bytes(data, policy=policy.default)
        sender = parseaddr(str(headers.get("From", "")))[1] or self.config.sender
        recipients = [addr for _, addr in getaddresses(
            [str(v) for v in headers.get_all("To", []) + headers.get_all("Cc", [])]) if addr]
        try:
            return self.smtp.sendmail(sender, recipients, data)
        except (OSError, smtplib.SMTPException) as exc:
            raise SendFailed(describe(exc)) from exc

    def _close(self) -> None:
        if self.smtp is None:
            return
        try:
            self.smtp.quit()
        except (OSError, smtplib.SMTPException):
            self.smtp.close()
        self.smtp = None


def describe(exc: BaseException) -> str:
    """One plain line for a network or SMTP error."""
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return "the server refused the SMTP user name or password"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = ", ".join(exc.recipients)
        return f"the server refused the recipient(s) {refused}"
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) \
            else str(exc.smtp_error)
        return f"the server answered {exc.smtp_code} {text}".strip()
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused: is the server running, and the port right?"
    if isinstance(exc, TimeoutError):
        return "no answer from the server (timed out)"
    if isinstance(exc, ssl.SSLError):
        return f"secure connection failed ({exc.reason or exc}); check SMTP security and port"
    return f"{type(exc).__name__}: {exc}".strip()
