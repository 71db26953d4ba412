"""python-telegram-bot's HTTP requests made with aiohttp instead of its default, httpx.

The bot makes about two Bot API calls for every update it handles. With httpx each call
costs close to a millisecond of CPU, more than everything else the bot does for the update;
aiohttp (already the product's web server) makes the same call for about a fifth of that.
This is the request class PTB documents for such a swap (`telegram.request.BaseRequest`).
"""

from __future__ import annotations

import json

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

DefaultValue = type(BaseRequest.DEFAULT_NONE)  # "not given": PTB's marker for a default timeout

READ_TIMEOUT = 5.0
WRITE_TIMEOUT = 5.0
CONNECT_TIMEOUT = 5.0
MEDIA_WRITE_TIMEOUT = 20.0
JSON_HEADERS = {"Content-Type": "application/json"}


class AiohttpRequest(BaseRequest):
    """Bot API requests over one aiohttp session with at most `connections` connections."""

    def __init__(self, connections: int = 32, read_timeout: float | None = READ_TIMEOUT) -> None:
        self._connections = connections
        self._read_timeout = read_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._connections),
                headers={"User-Agent": self.USER_AGENT},
            )

    async def shutdown(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout=BaseRequest.DEFAULT_NONE,
        write_timeout=BaseRequest.DEFAULT_NONE,
        connect_timeout=BaseRequest.DEFAULT_NONE,
        pool_timeout=BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Make one request; PTB turns the status and body into a result or an error."""
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data else None
        if isinstance(read_timeout, DefaultValue):
            read_timeout = self._read_timeout
        if isinstance(connect_timeout, DefaultValue):
            connect_timeout = CONNECT_TIMEOUT
        if isinstance(write_timeout, DefaultValue):
            write_timeout = MEDIA_WRITE_TIMEOUT if files else WRITE_TIMEOUT
        if isinstance(pool_timeout, DefaultValue):
            pool_timeout = None
        timeout = aiohttp.ClientTimeout(
            sock_read=read_timeout,
            sock_connect=connect_timeout,
            connect=_sum(pool_timeout, connect_timeout),
        )
        data, headers = None, None
        if files:
            data = _multipart(request_data, files)
        elif request_data is not None:
            # JSON (which the Bot API takes as well as forms): encoded in C in one go, where
            # a form is percent-encoded character by character in Python.
            data = json.dumps(request_data.parameters, ensure_ascii=False).encode()
            headers = JSON_HEADERS
        try:
            async with self._session.request(
                method, url, data=data, headers=headers, timeout=timeout
            ) as response:
                return response.status, await response.read()
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{error.__class__.__name__}: {error}") from error


def _sum(*timeouts: float | None) -> float | None:
    """A timeout made of several waits; None (no limit) if any of them has none."""
    if any(timeout is None for timeout in timeouts):
        return None
    return sum(timeouts)


def _multipart(request_data: RequestData, files) -> aiohttp.FormData:
    """Parameters and files as multipart/form-data, as PTB's own request sends them."""
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, upload in files.items():
        if isinstance(upload, tuple):
            filename, content, *rest = upload
            form.add_field(name, content, filename=filename, content_type=rest[0] if rest else None)
        else:
            form.add_field(name, upload)
    return form
