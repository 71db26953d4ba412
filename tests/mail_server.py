"""An SMTP server on 127.0.0.1 (aiosmtpd) that requires STARTTLS, for the e-mail tests."""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import ssl
from dataclasses import replace
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.live_server import free_port


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


class Mailbox:
    """The aiosmtpd handler: keeps every mail; refuses recipients in `refuse` with a 550."""

    def __init__(self) -> None:
        self.mails: list[EmailMessage] = []
        self.refuse: set[str] = set()
        self.tls_seen: list[bool] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.tls_seen.append(session.ssl is not None)
        self.mails.append(message_from_bytes(envelope.original_content, policy=policy.default))
        return "250 Message accepted for delivery"

    async def wait(self, count: int, timeout: float = 10.0) -> EmailMessage:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while len(self.mails) < count:
            assert loop.time() < deadline, f"{len(self.mails)} mails, not {count}"
            await asyncio.sleep(0.02)
        return self.mails[count - 1]


class MailServer:
    """`with MailServer(tmp_path) as smtp:` an SMTP server on 127.0.0.1 with STARTTLS."""

    def __init__(self, folder: Path) -> None:
        self.cert, key = self_signed(folder)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, key)
        self.mailbox = Mailbox()
        self.port = free_port()
        self._controller = Controller(
            self.mailbox,
            hostname="127.0.0.1",
            port=self.port,
            tls_context=context,
            require_starttls=True,
        )

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}?cafile={self.cert}"

    def notice_env(self, port: int) -> dict[str, str]:
        """The environment of a product on `port` that mails its notices here, at once (no
        daily digest) and soon after each event."""
        return {
            "MEDBORGARDIALOG_SMTP_URL": self.url,
            "MEDBORGARDIALOG_MAIL_FROM": "dialog@kommun.example",
            "MEDBORGARDIALOG_PUBLIC_URL": f"http://127.0.0.1:{port}",
            "MEDBORGARDIALOG_NOTICE_DIGEST": "0",
            "MEDBORGARDIALOG_NOTICE_POLL": "0.05",
        }

    def __enter__(self) -> MailServer:
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self._controller.stop()


def mailing_settings(settings: Any, smtp: MailServer, port: int, **more: Any) -> Any:
    """`settings` for a server on `port` that mails through `smtp` (its links to that port)."""
    return replace(
        settings,
        smtp_url=smtp.url,
        mail_from="dialog@kommun.example",
        public_url=f"http://127.0.0.1:{port}",
        **more,
    )
