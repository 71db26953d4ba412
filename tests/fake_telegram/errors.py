"""Error answers of the fake Bot API: the ApiError exception and the texts tests compare with."""

from __future__ import annotations

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"


class ApiError(Exception):
    """An error answer of the Bot API (HTTP status == error_code)."""

    def __init__(self, code: int, description: str, parameters: dict | None = None) -> None:
        super().__init__(code, description)
        self.code, self.description, self.parameters = code, description, parameters
