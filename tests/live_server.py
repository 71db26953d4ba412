"""Apps served in a background thread, for browser tests (Playwright owns the main thread's
loop): the whole product, and anything else a test puts in front of it. Each can be stopped
and started again on the same port."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable
from dataclasses import replace

from aiohttp import web

from medborgardialog.parts import assemble
from medborgardialog.server import build_app
from medborgardialog.settings import Settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class BackgroundSite:
    """An aiohttp app on 127.0.0.1, built and served in a thread with its own event loop."""

    def __init__(self, make_app: Callable[[], web.Application], port: int | None = None):
        self._make_app = make_app
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    def start(self):
        started = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                runner = web.AppRunner(self._make_app())
                loop.run_until_complete(runner.setup())
                site = web.TCPSite(runner, "127.0.0.1", self.port, reuse_address=True)
                loop.run_until_complete(site.start())
            except BaseException as error:
                failure.append(error)
                started.set()
                loop.close()
                return
            started.set()
            loop.run_forever()
            loop.run_until_complete(runner.cleanup())
            loop.close()

        self._thread = threading.Thread(target=run, name="live-server", daemon=True)
        self._thread.start()
        started.wait(30)
        if failure:
            raise failure[0]
        return self

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(30)
        self._loop = self._thread = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class LiveServer(BackgroundSite):
    """`medborgardialog serve` on 127.0.0.1."""

    def __init__(self, settings: Settings, port: int | None = None):
        super().__init__(self._build, port)
        self.settings = replace(settings, host="127.0.0.1", port=self.port)
        self.parts = None

    def _build(self) -> web.Application:
        self.parts = assemble(self.settings)
        return build_app(self.parts)
