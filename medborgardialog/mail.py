"""E-mail: the confirmation of a subscription and the notices, over SMTP with STARTTLS.

`MEDBORGARDIALOG_SMTP_URL` is `smtp://user:pass@host:587` (STARTTLS, required),
`smtps://...:465` (TLS from the start); `?cafile=PATH` trusts another CA (a local relay).
Every mail is plain text and HTML; notices carry `List-Unsubscribe` and
`List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).
"""

from __future__ import annotations

import html
import logging
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import parse_qs, unquote, urlsplit

import aiosmtplib

from locales import Catalogs
from storage.contacts import ContactBox
from survey.promises.notice_text import NoticeMessage, plain_text, question

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SmtpServer:
    hostname: str
    port: int
    username: str | None
    password: str | None
    implicit_tls: bool
    tls_context: ssl.SSLContext

    @classmethod
    def from_url(cls, url: str) -> SmtpServer:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError("MEDBORGARDIALOG_SMTP_URL must be smtp://host:587 or smtps://host:465")
        cafile = parse_qs(parts.query).get("cafile", [None])[0]
        return cls(
            hostname=parts.hostname,
            port=parts.port or (465 if parts.scheme == "smtps" else 587),
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            implicit_tls=parts.scheme == "smtps",
            tls_context=ssl.create_default_context(cafile=cafile),
        )

    async def send(self, message: EmailMessage) -> None:
        await aiosmtplib.send(
            message,
            hostname=self.hostname,
            port=self.port,
            username=self.username,
            password=self.password,
            use_tls=self.implicit_tls,
            start_tls=not self.implicit_tls,
            tls_context=self.tls_context,
            timeout=30,
        )


def _html(paragraphs: list[str], lang: str) -> str:
    """Paragraphs as a small HTML document; links made clickable, everything escaped."""
    body = []
    for paragraph in paragraphs:
        lines = []
        for line in paragraph.split("\n"):
            if line.startswith(("http://", "https://")):
                url = html.escape(line, quote=True)
                lines.append(f'<a href="{url}">{url}</a>')
            else:
                lines.append(html.escape(line))
        body.append(f"<p>{'<br>'.join(lines)}</p>")
    direction = "rtl" if lang == "ar" else "ltr"
    return (
        f'<!doctype html><html lang="{lang}" dir="{direction}"><body>{"".join(body)}</body></html>'
    )


class MailNotices:
    """The sender's e-mail channel, and the confirmation mail of a new subscription."""

    channel = "email"

    def __init__(
        self, smtp_url: str, mail_from: str, secret: bytes, catalogs: Catalogs, public_url: str
    ) -> None:
        self.server = SmtpServer.from_url(smtp_url)
        self.mail_from, self.catalogs = mail_from, catalogs
        self.box, self.public_url = ContactBox(secret), public_url.rstrip("/")

    def _message(self, to: str, subject: str, paragraphs: list[str], lang: str) -> EmailMessage:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.mail_from, to, subject
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = make_msgid(domain=self.mail_from.rpartition("@")[2] or None)
        message["Content-Language"] = lang
        message.set_content("\n\n".join(paragraphs))
        message.add_alternative(_html(paragraphs, lang), subtype="html")
        return message

    async def send_confirmation(self, to: str, subscription: int, lang: str, base: str) -> None:
        """The double opt-in: a link that confirms, valid for 48 hours."""
        _ = self.catalogs.get(lang).gettext
        link = f"{self.public_url or base}/follow/confirm/{self.box.token(subscription, 'confirm')}"
        paragraphs = [
            _("Någon, förhoppningsvis du, vill få veta vad som händer efter medborgardialogen."),
            _("Bekräfta med länken nedan inom 48 timmar. Annars raderas adressen."),
            link,
            _("Har du inte bett om det här behöver du inte göra något."),
        ]
        await self.server.send(self._message(to, _("Bekräfta din prenumeration"), paragraphs, lang))

    def notice(self, to: str, message: NoticeMessage, lang: str, subscription: int) -> EmailMessage:
        _ = self.catalogs.get(lang).gettext
        stop = f"{self.public_url}/follow/stop/{self.box.token(subscription, 'stop')}"
        text = plain_text(
            message, _, _("Vill du inte få fler meddelanden? Avsluta här:") + "\n" + stop
        )
        paragraphs = text.split("\n\n")
        if message.asks_question:
            answer = f"{self.public_url}/follow/answer/{self.box.token(subscription, 'answer')}"
            at = paragraphs.index(question(_))
            paragraphs.insert(at + 1, _("Svara med ett klick:") + "\n" + answer)
        mail = self._message(to, message.subject, paragraphs, lang)
        mail["List-Unsubscribe"] = f"<{stop}>"
        mail["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        return mail

    async def deliver(
        self, contact: str, message: NoticeMessage, lang: str, subscription: int
    ) -> tuple[str, float]:
        """Send one notice: (outcome, seconds to wait before a retry)."""
        try:
            await self.server.send(self.notice(contact, message, lang, subscription))
        except aiosmtplib.SMTPSenderRefused as error:  # our own address: not the subscriber's fault
            logger.warning("the mail server refused the sender address: %s", error)
            return "retry", 0.0
        except aiosmtplib.SMTPRecipientsRefused as error:
            codes = [refused.code for refused in error.recipients]
            return ("gone" if all(code >= 500 for code in codes) else "retry"), 0.0
        except aiosmtplib.SMTPResponseException as error:
            return ("gone" if error.code >= 500 else "retry"), 0.0
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
            logger.info("a notice mail could not be sent, retrying: %s", error)
            return "retry", 0.0
        return "sent", 0.0
