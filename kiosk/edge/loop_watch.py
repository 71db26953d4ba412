"""The server watches its own event loop: a request that holds it is logged, with its route.

A heartbeat on the loop stamps the time every 50 ms; a thread beside it looks at the stamp.
When the loop has not come round for longer than `threshold` (200 ms by default), the
thread logs one warning for that stall: the route whose view holds the loop, found by
walking the loop thread's stack up to a view's own code (and its request), and the innermost
line of ours. Nothing is added to a request's path: the views are known by their code
objects, collected once when the app starts.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from types import CodeType, FrameType

from aiohttp import web

logger = logging.getLogger(__name__)

BEAT_SECONDS = 0.05
STALL_SECONDS = 0.2
PRODUCT = Path(__file__).resolve().parents[2]
OUR_CODE = tuple(str(PRODUCT / package) for package in ("kiosk", "survey", "storage", "bot"))


def _codes(handler) -> Iterable[CodeType]:
    """The code objects a view runs as: the handler and whatever it wraps."""
    seen = 0
    while handler is not None and seen < 8:
        code = getattr(handler, "__code__", None)
        if code is not None:
            yield code
        handler = getattr(handler, "__wrapped__", None)
        seen += 1


def view_codes(app: web.Application) -> dict[CodeType, str]:
    """Each view's code, mapped to its route as `METHOD /path/{name}`, sub-apps included."""
    found: dict[CodeType, str] = {}
    apps = [app]
    while apps:
        current = apps.pop()
        for route in current.router.routes():
            resource = route.resource
            if resource is None:
                continue
            for code in _codes(route.handler):
                found.setdefault(code, f"{route.method} {resource.canonical}")
        for resource in current.router.resources():
            inner = getattr(resource, "_app", None)
            if isinstance(inner, web.Application):
                apps.append(inner)
    return found


def describe(frame: FrameType | None, views: dict[CodeType, str]) -> tuple[str, str]:
    """The route whose view is on the stack, and the innermost line of the product's code."""
    route, where = "no request (outside any view)", "not in the product's code"
    innermost = True
    while frame is not None:
        code = frame.f_code
        if innermost and code.co_filename.startswith(OUR_CODE):
            where = f"{Path(code.co_filename).relative_to(PRODUCT)}:{frame.f_lineno}"
            where += f" in {code.co_name}"
            innermost = False
        if code in views:
            return _route(frame, views[code]), where
        frame = frame.f_back
    return route, where


def _route(frame: FrameType, default: str) -> str:
    """The route of the request a view's frame serves (one view may serve several routes)."""
    request = frame.f_locals.get("request")  # read while the loop's thread waits for the GIL
    if not isinstance(request, web.BaseRequest):
        return default
    resource = request.match_info.route.resource
    return f"{request.method} {resource.canonical if resource else request.path}"


class LoopWatch:
    """A heartbeat on the loop and a thread that notices when it stops beating."""

    def __init__(self, views: dict[CodeType, str], threshold: float = STALL_SECONDS):
        self.views = views
        self.threshold = threshold
        self.stalls = 0
        self._beat = time.monotonic()
        self._stop = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread = 0
        self._handle: asyncio.TimerHandle | None = None
        self._thread: threading.Thread | None = None
        self._runs = 0  # an app may be served more than once (tests serve one app twice)

    def start(self) -> None:
        self._runs += 1
        if self._runs > 1:
            return
        self._loop = asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        self._stop.clear()
        self._beat_now()
        self._thread = threading.Thread(target=self._watch, name="loop-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._runs -= 1
        if self._runs > 0 or self._thread is None:
            return
        self._stop.set()
        if self._handle is not None:
            self._handle.cancel()
        self._thread.join(timeout=1)

    def _beat_now(self) -> None:
        self._beat = time.monotonic()
        assert self._loop is not None
        self._handle = self._loop.call_later(BEAT_SECONDS, self._beat_now)

    def _watch(self) -> None:
        reported = False
        while not self._stop.wait(BEAT_SECONDS):
            held = time.monotonic() - self._beat
            if held <= self.threshold:
                reported = False
            elif not reported:
                reported = True
                self.stalls += 1
                self._report(held)

    def _report(self, held: float) -> None:
        frame = sys._current_frames().get(self._loop_thread)
        route, where = describe(frame, self.views)
        logger.warning(
            "the event loop has been held for %d ms by %s (%s)", held * 1000, route, where
        )


LOOP_WATCH = web.AppKey("loop_watch", LoopWatch)


async def _watch_while_running(app: web.Application) -> AsyncIterator[None]:
    watch = app[LOOP_WATCH]
    watch.views.update(view_codes(app))  # every route is added by now
    watch.start()
    yield
    watch.stop()


def setup_loop_watch(app: web.Application) -> None:
    """Watch the loop for as long as the app runs."""
    app[LOOP_WATCH] = LoopWatch({})
    app.cleanup_ctx.append(_watch_while_running)
