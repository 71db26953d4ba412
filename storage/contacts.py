"""Ways to reach a subscriber, kept only encrypted (Fernet) under a key made from the secret.

The same secret that makes the pseudonyms derives two keys of its own: one encrypts the
contact (a Telegram chat id or an e-mail address), the other makes `contact_key`, a keyed
hash that finds a subscriber's rows again (a /stopp, a blocked bot, a repeated sign-up)
without decrypting anything. Neither key is ever stored in the database.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass, field

from cryptography.fernet import Fernet, InvalidToken


def _derive(secret: bytes, purpose: str) -> bytes:
    return hmac.new(secret, f"medborgardialog:{purpose}".encode(), hashlib.sha256).digest()


@dataclass(frozen=True)
class ContactBox:
    """Encrypts, decrypts and keys contacts with keys derived from the product's secret."""

    secret: bytes = field(repr=False)

    def __post_init__(self) -> None:
        key = base64.urlsafe_b64encode(_derive(self.secret, "contact-encryption"))
        object.__setattr__(self, "_fernet", Fernet(key))
        object.__setattr__(self, "_lookup", _derive(self.secret, "contact-lookup"))

    def seal(self, contact: str) -> bytes:
        return self._fernet.encrypt(contact.encode())

    def open(self, sealed: bytes | None) -> str | None:
        """The contact, or None when there is none or it was sealed with another secret."""
        if not sealed:
            return None
        try:
            return self._fernet.decrypt(bytes(sealed)).decode()
        except InvalidToken:
            return None

    def key(self, channel: str, contact: str, scope: str = "") -> str:
        """The keyed hash of a contact; `scope` (one place on a safety walk) keeps apart the
        subscriptions one contact may hold within one campaign."""
        normal = contact.strip().lower() if channel == "email" else contact.strip()
        message = f"{channel}:{normal}" + (f"#{scope}" if scope else "")
        return hmac.new(self._lookup, message.encode(), hashlib.sha256).hexdigest()

    def token(self, subscription_id: int, purpose: str) -> str:
        """The token of a link in a mail (confirm, stop, answer): nothing to store, unforgeable."""
        message = f"{purpose}:{subscription_id}".encode()
        digest = hmac.new(self._lookup, message, hashlib.sha256).digest()[:16]
        return f"{subscription_id}.{base64.urlsafe_b64encode(digest).decode().rstrip('=')}"

    def check_token(self, token: str, purpose: str) -> int | None:
        """The subscription id in a token made by `token`, or None if it was not."""
        head, _, _ = token.partition(".")
        if not head.isdigit() or len(head) > 18:
            return None
        expected = self.token(int(head), purpose)
        return int(head) if hmac.compare_digest(expected.encode(), token.encode()) else None
