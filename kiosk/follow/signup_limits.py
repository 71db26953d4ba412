"""How often confirmation mails go out, so that the sign-up cannot be used to flood anybody's
inbox: one mail per address per RESEND_SECONDS, and at most MAILS_PER_HOUR from this process.

Kept in memory only: the keys are the keyed hashes the subscriptions already use, never an
address in the clear, and nothing of it is written anywhere.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from aiohttp import web

from kiosk.clock import Clock

RESEND_SECONDS = 600.0
MAILS_PER_HOUR = 200
HOUR = 3600.0


@dataclass
class SignupLimits:
    clock: Clock = field(default_factory=Clock)
    last_mail: dict[str, float] = field(default_factory=dict)  # contact key: when
    sent: deque[float] = field(default_factory=deque)  # when each recent mail went out

    def refusal(self, contact_key: str) -> str | None:
        """Why no mail may go to this address now ("address" or "busy"), or None, in which
        case the mail is counted as sent."""
        now = self.clock.monotonic()
        while self.sent and now - self.sent[0] >= HOUR:
            self.sent.popleft()
        if len(self.last_mail) > 4 * MAILS_PER_HOUR:  # forget what no longer limits
            self.last_mail = {k: t for k, t in self.last_mail.items() if now - t < RESEND_SECONDS}
        last = self.last_mail.get(contact_key)
        if last is not None and now - last < RESEND_SECONDS:
            return "address"
        if len(self.sent) >= MAILS_PER_HOUR:
            return "busy"
        self.last_mail[contact_key] = now
        self.sent.append(now)
        return None


SIGNUP_LIMITS = web.AppKey("signup_limits", SignupLimits)
