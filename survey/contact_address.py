"""What counts as an e-mail address a resident may give to hear back: one rule for the
subscription pages and the safety walk's "tell me when it is fixed"."""

from __future__ import annotations

import re

EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s.]{2,63}$")


def is_email(text: str) -> bool:
    return bool(EMAIL.fullmatch(text))
