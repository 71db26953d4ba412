"""The fake Bot API server: aiohttp app, routing, failure injection, update queue and polling."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import ClientError, ClientSession, web

from tests.fake_telegram.errors import ApiError
from tests.fake_telegram.methods import BotApiMethods, _commands_key
from tests.fake_telegram.users import FakeGroup, FakeUser

_PATH = re.compile(r"^/bot(?P<token>[^/]+)/(?P<method>[A-Za-z]\w*)$")
# Form fields kept as plain strings; every other form value is JSON-decoded when it parses.
_STRING_FIELDS = frozenset([
    "text", "caption", "parse_mode", "url", "secret_token", "callback_query_id", "action",
    "language_code", "description", "short_description", "name", "title", "data", "emoji",
    "query", "inline_message_id", "business_connection_id", "message_effect_id", "ip_address",
    "first_name", "last_name", "username", "question", "explanation", "payload", "currency",
    "start_parameter", "phone_number", "vcard", "address", "custom_title", "next_offset",
])  # fmt: skip


@dataclass
class _Pending:
    update: dict
    user_id: int | None
    delivered: bool = False


def _decode(key: str, value: str) -> Any:
    if key in _STRING_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


class FakeTelegram(BotApiMethods):
    """Fake Bot API server on 127.0.0.1: POST {url}/bot{token}/{method}."""

    def __init__(self, token: str = "123456:TEST-TOKEN", bot_username: str = "MedborgarBot"):
        self.token, self.bot_username = token, bot_username
        head = token.split(":", 1)[0]
        self.bot_id = int(head) if head.isdigit() else 123456
        self.url = self.api_url = ""
        self.calls: list[tuple[str, dict]] = []
        self.users: dict[int, FakeUser] = {}
        self.webhook: dict | None = None
        self.my_commands: dict[tuple[str, str], list] = {}  # (scope JSON, language_code)
        self.menu_buttons: dict[int | None, dict] = {}  # chat_id (None: default) -> menu_button
        self.descriptions: dict[str, str] = {}  # language_code ("" the default) -> description
        self.short_descriptions: dict[str, str] = {}
        self._queue: list[_Pending] = []
        self._next_update_id = 1
        self._failures: dict[str, list[int]] = {}
        self._queries: dict[str, FakeUser] = {}  # unanswered callback query id -> user
        self._query_ids = itertools.count(4_700_000_000_000_000_001)
        self._poll_gen = self._in_flight = 0
        self._last_activity = 0.0
        # Set by a test harness that runs the bot in this loop: waits until the bot has
        # handled every update it fetched (then `wait_idle` needs no quiet period).
        self.bot_settled: Callable[[], Awaitable[None]] | None = None
        self._closing = False
        self._wakeup: asyncio.Event | None = None
        self._runner: web.AppRunner | None = None
        self._session: ClientSession | None = None

    @property
    def me(self) -> dict:
        """The bot's User object (as in Message.from)."""
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_username,
            "username": self.bot_username,
        }

    async def start(self) -> None:
        """Bind 127.0.0.1 on a free port and start serving."""
        self._closing, self._wakeup = False, asyncio.Event()
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.url = self.api_url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"
        self._session = ClientSession()

    async def stop(self) -> None:
        """Release pending long polls and shut the server down (idempotent)."""
        self._closing = True
        self._notify()
        session, runner, self._session, self._runner = self._session, self._runner, None, None
        if session is not None:
            await session.close()
        if runner is not None:
            await runner.cleanup()

    async def __aenter__(self) -> FakeTelegram:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    def user(
        self,
        user_id: int,
        first_name: str = "Test",
        language_code: str = "sv",
        username: str | None = None,
    ) -> FakeUser:
        """The FakeUser with this id (created on first use)."""
        if user_id not in self.users:
            self.users[user_id] = FakeUser(self, user_id, first_name, language_code, username)
        return self.users[user_id]

    def group(self, group_id: int = -1001, title: str = "Grannar i Kroppkärr") -> FakeGroup:
        """The group chat with this id (created on first use); its id is negative."""
        if group_id not in self.users:
            self.users[group_id] = FakeGroup(self, group_id, title)
        return self.users[group_id]

    def count_calls(self, method: str | None = None) -> int:
        """Number of API calls received (of METHOD, case-insensitive)."""
        return sum(1 for name, _ in self.calls if method is None or name.lower() == method.lower())

    def fail_next(self, method: str, times: int = 1, retry_after: int = 1) -> None:
        """Answer the next `times` calls of METHOD with 429 and parameters.retry_after."""
        self._failures[method.lower()] = [times, retry_after]

    def commands_for(self, language_code: str = "", scope: dict | None = None) -> list:
        """Commands set by setMyCommands for this language_code and scope."""
        return self.my_commands.get(
            _commands_key({"language_code": language_code, "scope": scope}), []
        )

    def push_update(self, update: dict) -> None:
        """Enqueue a raw update as given (its update_id too, e.g. a duplicate)."""
        body = next((v for v in update.values() if isinstance(v, dict) and "from" in v), {})
        self._next_update_id = max(self._next_update_id, update["update_id"] + 1)
        self._queue.append(_Pending(update, body.get("from", {}).get("id")))
        self._notify()

    async def deliver_to_webhook(self, update: dict, secret: str | None) -> int:
        """POST an update to the webhook url (with the secret header if given); HTTP status."""
        assert self.webhook and self._session, "no webhook set (or server not started)"
        headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
        self._last_activity = asyncio.get_running_loop().time()
        async with self._session.post(self.webhook["url"], json=update, headers=headers) as resp:
            await resp.read()
            return resp.status

    async def _enqueue(self, body: dict, user: FakeUser) -> dict:
        update = {"update_id": self._next_update_id, **body}
        self._next_update_id += 1
        if self.webhook is not None:  # like Telegram: push to the webhook, queue on failure
            with contextlib.suppress(ClientError, OSError):
                if 200 <= await self.deliver_to_webhook(update, self.webhook["secret_token"]) < 300:
                    return update
        self._queue.append(_Pending(update, user.id))
        self._notify()
        return update

    def _notify(self) -> None:
        if self._wakeup is not None:
            self._wakeup.set()

    async def _handle(self, request: web.Request) -> web.Response:
        match = _PATH.match(request.path)
        if match is None or match["token"] != self.token:
            error = ApiError(404, "Not Found") if match is None else ApiError(401, "Unauthorized")
            return _error_response(error)
        method, params = match["method"], await _params(request)
        name, loop = method.lower(), asyncio.get_running_loop()
        polling = name == "getupdates"
        self.calls.append((method, params))
        if not polling:
            self._in_flight += 1
            self._last_activity = loop.time()
        try:
            failure = self._failures.get(name)
            if failure and failure[0] > 0:
                failure[0] -= 1
                raise ApiError(
                    429, f"Too Many Requests: retry after {failure[1]}", {"retry_after": failure[1]}
                )
            handler = getattr(self, f"_api_{name}", None)
            if handler is not None:
                result = handler(params)
                result = await result if asyncio.iscoroutine(result) else result
            else:  # other send* methods produce a message; anything else just succeeds
                result = self._new_message(params) if name.startswith("send") else True
            return web.json_response({"ok": True, "result": result})
        except ApiError as exc:
            return _error_response(exc)
        finally:
            if not polling:
                self._in_flight -= 1
                self._last_activity = loop.time()

    # --- Update delivery: getUpdates long polling and webhooks (_api_<lowercase name>) --------

    async def _api_getupdates(self, p: dict) -> list[dict]:
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset, limit = int(p.get("offset") or 0), int(p.get("limit") or 100)
        if offset < 0:
            self._queue = self._queue[offset:]
        elif offset:  # confirm: forget delivered updates below offset
            self._queue = [
                q for q in self._queue if not (q.delivered and q.update["update_id"] < offset)
            ]
        self._poll_gen += 1
        gen = self._poll_gen
        self._notify()  # a newer getUpdates terminates older ones (409), as on Telegram
        loop = asyncio.get_running_loop()
        deadline = loop.time() + float(p.get("timeout") or 0)
        while not (self._queue or self._closing or gen != self._poll_gen):
            if loop.time() >= deadline or self._wakeup is None:
                break
            self._wakeup.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wakeup.wait(), deadline - loop.time())
        if self._closing:
            return []
        if gen != self._poll_gen:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; make sure "
                "that only one bot instance is running",
            )
        batch = sorted(self._queue, key=lambda q: q.update["update_id"])[:limit]
        for pending in batch:
            pending.delivered = True
            self._last_activity = loop.time()
        return [q.update for q in batch]

    def _api_setwebhook(self, p: dict) -> bool:
        self._api_deletewebhook(p)
        self.webhook = {"secret_token": None, **p} if p.get("url") else None
        return True

    def _api_deletewebhook(self, p: dict) -> bool:
        if p.get("drop_pending_updates"):
            self._queue.clear()
        self.webhook = None
        return True

    def _api_getwebhookinfo(self, p: dict) -> dict:
        return {
            "url": (self.webhook or {}).get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": sum(not q.delivered for q in self._queue),
        }


def _error_response(error: ApiError) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": error.code, "description": error.description}
    if error.parameters:
        body["parameters"] = error.parameters
    return web.json_response(body, status=error.code)


async def _params(request: web.Request) -> dict:
    """Query string + JSON body, or form/multipart fields with non-string fields JSON-decoded."""
    params = {key: _decode(key, value) for key, value in request.query.items()}
    if request.content_type == "application/json":
        body = await request.read()
        return params | (json.loads(body) if body else {})
    for key, value in (await request.post()).items():
        if isinstance(value, web.FileField):
            params[key] = {"filename": value.filename, "size": len(value.file.read())}
        else:
            params[key] = _decode(key, value)
    return params
