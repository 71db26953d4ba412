"""Staff sessions in an encrypted cookie (Fernet: AES with an HMAC), nothing else client-side.

Small on purpose: aiohttp-session keys the request with plain strings, which aiohttp 3.14
warns about on every request. The cookie only carries the session id (checked against
the store on every request), the CSRF token, times and preferences.
"""

from __future__ import annotations

import base64
import json

from aiohttp import web
from cryptography.fernet import Fernet, InvalidToken

from storage.staff_login import SessionOwner


class Session(dict):
    """The session's data; `changed` tells whether the cookie must be written again."""

    changed = False

    def __setitem__(self, key, value) -> None:
        self.changed = True
        super().__setitem__(key, value)

    def __delitem__(self, key) -> None:
        self.changed = True
        super().__delitem__(key)

    def pop(self, key, *default):
        self.changed = self.changed or key in self
        return super().pop(key, *default)

    def setdefault(self, key, default=None):
        self.changed = self.changed or key not in self
        return super().setdefault(key, default)

    def clear(self) -> None:
        self.changed = True
        super().clear()

    def update(self, *args, **kwargs) -> None:
        self.changed = True
        super().update(*args, **kwargs)


SESSION = web.RequestKey("staff_session", Session)
# The logged-in staff member of the request, or None (set by `kiosk.staff.access.auth.guard`).
STAFF = web.RequestKey("staff_user", SessionOwner)


class CookieSessions:
    """Reads and writes sessions as one encrypted, HttpOnly, SameSite=Lax cookie."""

    def __init__(self, key: bytes, *, name: str, path: str, secure: bool):
        self._fernet = Fernet(base64.urlsafe_b64encode(key))
        self.name, self.path, self.secure = name, path, secure

    def load(self, request: web.Request) -> Session:
        """The request's session; an empty one if the cookie is absent, forged or damaged."""
        session = Session()
        cookie = request.cookies.get(self.name)
        if cookie:
            try:
                data = json.loads(self._fernet.decrypt(cookie.encode()))
            except (InvalidToken, ValueError):
                data = None
            if isinstance(data, dict):
                dict.update(session, data)
        return session

    def save(self, response: web.StreamResponse, session: Session) -> None:
        """Write the cookie if the session changed (remove it once the session is empty)."""
        if not session.changed:
            return
        if not session:
            response.del_cookie(self.name, path=self.path)
            return
        value = self._fernet.encrypt(json.dumps(session, separators=(",", ":")).encode())
        response.set_cookie(
            self.name,
            value.decode(),
            path=self.path,
            httponly=True,
            samesite="Lax",
            secure=self.secure,
        )
