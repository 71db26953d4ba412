"""The whole product on a real socket with the HTTP server options `serve` uses, and raw
HTTP for what no well-behaved client sends (tests of the edge)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

from aiohttp.test_utils import TestServer

from medborgardialog.parts import assemble
from medborgardialog.server import build_app, server_options
from medborgardialog.settings import Settings


def edge_settings(settings: Settings, **changes) -> Settings:
    return replace(settings, body_timeout_seconds=1.0, keepalive_timeout_seconds=1.0, **changes)


async def start(aiohttp_client, settings: Settings):
    """A client of the product served as `serve` serves it; the store closes with the app."""
    parts = assemble(settings)
    server = TestServer(build_app(parts))
    # TestServer drops options given to it; started here, they reach the HTTP protocol.
    await server.start_server(**server_options(settings))
    return await aiohttp_client(server), parts


async def raw_exchange(client, data: bytes, *, pause: float | None = None) -> bytes:
    """Send `data` as it is on a new connection and read what comes back until it closes."""
    reader, writer = await asyncio.open_connection(client.server.host, client.server.port)
    writer.write(data)
    await writer.drain()
    try:
        return await asyncio.wait_for(reader.read(65536), timeout=pause or 10)
    finally:
        writer.close()


def status_of(raw: bytes) -> int:
    return int(raw.split(b" ", 2)[1])


def problems_in(records: list[logging.LogRecord]) -> list[str]:
    """Log lines that are errors or carry a traceback."""
    return [
        f"{r.name}: {r.getMessage()}" for r in records if r.levelno >= logging.ERROR or r.exc_info
    ]
