"""The whole product served in a background thread, for browser tests (Playwright owns the
main thread's loop). It can be stopped and started again on the same port."""

from __future__ import annotations

import asyncio
import socket
import threading
from dataclasses import replace

from aiohttp import web

from medborgardialog.server import assemble, build_app
from medborgardialog.settings import Settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """`medborgardialog serve` on 127.0.0.1, in a thread with its own event loop."""

    def __init__(self, settings: Settings, port: int | None = None):
        self.settings = replace(settings, host="127.0.0.1", port=port or free_port())
        self.url = f"http://127.0.0.1:{self.settings.port}"
        self.parts = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None

    def start(self) -> LiveServer:
        started = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                self.parts = assemble(self.settings)
                self._runner = web.AppRunner(build_app(self.parts))
                loop.run_until_complete(self._runner.setup())
                site = web.TCPSite(self._runner, "127.0.0.1", self.settings.port,
                                   reuse_address=True)
                loop.run_until_complete(site.start())
            except BaseException as error:
                failure.append(error)
                started.set()
                loop.close()
                return
            started.set()
            loop.run_forever()
            loop.run_until_complete(self._runner.cleanup())
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

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
