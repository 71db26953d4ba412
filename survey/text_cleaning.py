"""A resident's free text as it is kept: normalised, without control characters, trimmed."""

from __future__ import annotations

import re
import unicodedata

# Control characters (Unicode category Cc) but tab and line feed, and lone surrogates (Cs).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_comment(text: str | None) -> str | None:
    """Normalise a comment: NFC, no control characters but line breaks, trimmed; empty is None."""
    if text is None:
        return None
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = CONTROL.sub("", text)
    text = text.strip()
    return text or None
