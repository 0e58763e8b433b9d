"""One email as we build it (a Mail) and its MIME form: plain text, simple HTML, files.

A Mail carries an `identity`: what makes two messages the same message (the report,
the inputs' SHA-256, the outputs, the key figures, the recipients). Its key is the
hash of that identity; the ledger uses it so a message is sent once, whatever runs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import mimetypes
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from .. import __version__

MIME_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
    ".xls": "application/vnd.ms-excel",
    ".csv": "text/csv",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}


@dataclass(frozen=True)
class Attachment:
    """A file attached to a message: its name and its bytes."""

    filename: str
    data: bytes


@dataclass
class Mail:
    """A message to send: recipients, subject, body parts, files and its identity."""

    report: str  # a command name, "errors", "digest" or "stub"
    subject: str
    to: tuple[str, ...]
    cc: tuple[str, ...] = ()
    heading: str = ""  # first line of the body
    paragraphs: list[str] = field(default_factory=list)  # plain sentences or lines
    figures: list[tuple[str, str]] = field(default_factory=list)  # (label, value)
    attachments: list[Attachment] = field(default_factory=list)
    identity: dict = field(default_factory=dict)
    stem: str = "email"  # preview file name starts with this

    @property
    def key(self) -> str:
        """Stable id of this message: the same identity and recipients give the same key."""
        blob = json.dumps({"report": self.report, "to": sorted(self.to),
                           "cc": sorted(self.cc), "identity": self.identity},
                          sort_keys=True, default=str)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]

    def text(self) -> str:
        """The plain-text body."""
        lines = [self.heading, ""] if self.heading else []
        for paragraph in self.paragraphs:
            lines.extend([paragraph, ""])
        if self.figures:
            width = max(len(label) for label, _ in self.figures)
            lines.append("Key figures")
            lines.extend(f"  {label + ':':<{width + 1}} {value}" for label, value in self.figures)
            lines.append("")
        if self.attachments:
            lines.append("Attached")
            lines.extend(f"  {a.filename}" for a in self.attachments)
            lines.append("")
        lines.append(f"Sent by medoffice {__version__}.")
        return "\n".join(lines) + "\n"

    def html(self) -> str:
        """The HTML body: the same content, simply marked up, every value escaped."""
        e = html.escape
        parts = ['<html><body style="font-family: Calibri, Arial, sans-serif">']
        if self.heading:
            parts.append(f"<h2>{e(self.heading)}</h2>")
        for paragraph in self.paragraphs:
            parts.append("<p>" + "<br>".join(e(line) for line in paragraph.split("\n")) + "</p>")
        if self.figures:
            parts.append("<h3>Key figures</h3><table cellpadding=\"4\">")
            parts.extend(f"<tr><td>{e(label)}</td><td align=\"right\"><b>{e(value)}</b></td></tr>"
                         for label, value in self.figures)
            parts.append("</table>")
        if self.attachments:
            parts.append("<h3>Attached</h3><ul>")
            parts.extend(f"<li>{e(a.filename)}</li>" for a in self.attachments)
            parts.append("</ul>")
        parts.append(f"<p style=\"color:#666\">Sent by medoffice {e(__version__)}.</p>")
        parts.append("</body></html>")
        return "\n".join(parts)


def to_message(mail: Mail, sender: str, office: str, now: dt.datetime) -> EmailMessage:
    """The MIME message: text and HTML alternatives, the files attached, a Message-ID made
    from the mail's key (so a message sent again is recognisably the same one)."""
    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = mail.subject
    message["From"] = formataddr((office, sender)) if office else sender
    message["To"] = ", ".join(mail.to)
    if mail.cc:
        message["Cc"] = ", ".join(mail.cc)
    message["Date"] = format_datetime(now.astimezone())
    domain = sender.rpartition("@")[2] or "medoffice.local"
    message["Message-ID"] = f"<{mail.key}@{domain}>"
    message["X-Medoffice-Key"] = mail.key
    message.set_content(mail.text())
    message.add_alternative(mail.html(), subtype="html")
    for attachment in mail.attachments:
        mime = MIME_TYPES.get(_suffix(attachment.filename)) or \
            mimetypes.guess_type(attachment.filename)[0] or "application/octet-stream"
        maintype, _, subtype = mime.partition("/")
        message.add_attachment(attachment.data, maintype=maintype, subtype=subtype,
                               filename=attachment.filename)
    return message


def preview_name(mail: Mail) -> str:
    """File name of a message previewed as .eml: `<stem>_email_to_<first address>.eml`."""
    first = mail.to[0] if mail.to else "nobody"
    safe = re.sub(r"[^0-9A-Za-z@._-]+", "_", first)
    return f"{mail.stem}_email_to_{safe}.eml"


def humanize(key: str) -> str:
    """`gross_pay` -> `Gross pay`: a figure's JSON key as a label."""
    text = str(key).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def show(value: object) -> str:
    """A figure's value as plain text: lists joined, numbers and dates as they print."""
    if isinstance(value, (list, tuple, set)):
        return ", ".join(show(v) for v in value) if value else "none"
    if isinstance(value, dict):
        return "; ".join(f"{humanize(k)} {show(v)}" for k, v in value.items()) or "none"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot >= 0 else ""
