"""The HTTP server's own log: a request its parser refused is one INFO line, not a traceback.

aiohttp logs a malformed request (a NUL in a header, two Content-Lengths, a bad chunk) with
`logger.exception`, which on the open internet fills the log with tracebacks of nothing
but other people's mistakes. Real failures still reach the log as errors.
"""

from __future__ import annotations

import logging
from typing import Any

from aiohttp.http_exceptions import HttpProcessingError
from aiohttp.web_protocol import RequestPayloadError

REFUSED = (HttpProcessingError, RequestPayloadError)


class ProtocolLog(logging.LoggerAdapter):
    """aiohttp's server logger, with the parser's refusals demoted to one INFO line."""

    def __init__(self, logger: logging.Logger | None = None):
        super().__init__(logger or logging.getLogger("aiohttp.server"), {})

    def exception(self, msg: Any, *args: Any, exc_info: Any = True, **kwargs: Any) -> None:
        if isinstance(exc_info, REFUSED):
            reason = str(exc_info).replace("\n", " ").strip()
            self.info("refused a malformed request: %s (%s)", reason, type(exc_info).__name__)
            return
        super().exception(msg, *args, exc_info=exc_info, **kwargs)
