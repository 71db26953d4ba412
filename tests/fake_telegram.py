"""Fake Telegram Bot API server (aiohttp, 127.0.0.1) that the real python-telegram-bot talks to."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import ClientError, ClientSession, web

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
_PATH = re.compile(r"^/bot(?P<token>[^/]+)/(?P<method>[A-Za-z]\w*)$")
# Form fields kept as plain strings; every other form value is JSON-decoded when it parses.
_STRING_FIELDS = frozenset([
    "text", "caption", "parse_mode", "url", "secret_token", "callback_query_id", "action",
    "language_code", "description", "short_description", "name", "title", "data", "emoji",
    "query", "inline_message_id", "business_connection_id", "message_effect_id", "ip_address",
    "first_name", "last_name", "username", "question", "explanation", "payload", "currency",
    "start_parameter", "phone_number", "vcard", "address", "custom_title", "next_offset",
])  # fmt: skip


class ApiError(Exception):
    """An error answer of the Bot API (HTTP status == error_code)."""

    def __init__(self, code: int, description: str, parameters: dict | None = None) -> None:
        super().__init__(code, description)
        self.code, self.description, self.parameters = code, description, parameters


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


def _inline(raw: Any) -> dict | None:
    """Validate an inline keyboard; anything else (or an empty one) means "no markup"."""
    if not isinstance(raw, dict) or not raw.get("inline_keyboard"):
        return None
    for button in itertools.chain.from_iterable(raw["inline_keyboard"]):
        data = button.get("callback_data")
        if data is not None and not 1 <= len(str(data).encode()) <= 64:
            raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return raw


class _CallableStr(str):
    """A str that also returns itself when called."""

    def __call__(self) -> str:
        return str(self)


class FakeUser:
    """A private chat between one user and the bot; chat id == user id."""

    def __init__(self, tg: FakeTelegram, user_id: int, first_name: str, language_code: str,
                 username: str | None) -> None:
        self.tg, self.id, self.first_name = tg, user_id, first_name
        self.language_code, self.username = language_code, username
        self.messages: list[dict] = []  # bot messages, current state (edits applied in place)
        self.alerts: list[dict] = []  # answerCallbackQuery params for this user's queries
        self.reply_keyboard: dict | None = None  # last non-inline reply_markup sent here
        self.blocked = False  # True: sendMessage answers 403 "bot was blocked by the user"
        self.transcript: list[str] = []
        self._ids = itertools.count(1)  # message ids are per chat, shared by both sides
        self._waiters: list[tuple[int, asyncio.Future]] = []

    def _log(self, line: str) -> None:
        """Add a transcript line and wake whoever waits for the transcript to grow."""
        self.transcript.append(line)
        if self._waiters:
            for waiter in [w for w in self._waiters if w[0] <= len(self.transcript)]:
                self._waiters.remove(waiter)
                if not waiter[1].done():
                    waiter[1].set_result(None)

    async def wait_transcript(self, length: int, timeout: float = 5.0) -> None:
        """Wait until the transcript has `length` lines (every event in this chat adds one)."""
        if len(self.transcript) >= length:
            return
        waiter = (length, asyncio.get_running_loop().create_future())
        self._waiters.append(waiter)
        try:
            await asyncio.wait_for(waiter[1], timeout)
        except TimeoutError:
            raise TimeoutError(f"the chat did not reach {length} events within {timeout}s\n"
                               f"{self.format()}") from None
        finally:
            if waiter in self._waiters:
                self._waiters.remove(waiter)

    @property
    def as_user(self) -> dict:
        """The Telegram User object of this user."""
        user = {"id": self.id, "is_bot": False, "first_name": self.first_name,
                "language_code": self.language_code}
        return user | ({"username": self.username} if self.username else {})

    @property
    def chat(self) -> dict:
        """The Telegram Chat object of this private chat."""
        chat = {"id": self.id, "type": "private", "first_name": self.first_name}
        return chat | ({"username": self.username} if self.username else {})

    async def send(self, text: str) -> dict:
        """Enqueue a text message from the user (bot_command entity for /commands)."""
        message = {"message_id": next(self._ids), "from": self.as_user, "chat": self.chat,
                   "date": int(time.time()), "text": text}
        if text.startswith("/"):
            length = len(text.split(maxsplit=1)[0].encode("utf-16-le")) // 2
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        self._log(f"> {text}")
        return await self.tg._enqueue({"message": message}, self)

    async def start(self, payload: str | None = None) -> dict:
        """Send "/start" or "/start PAYLOAD"."""
        return await self.send(f"/start {payload}" if payload else "/start")

    async def press(self, text_or_data: str, message: dict | None = None) -> dict:
        """Press an inline button found by visible text or callback_data; enqueue the query."""
        message = message or self._keyboard_message()
        buttons = list(itertools.chain.from_iterable(
            message.get("reply_markup", {}).get("inline_keyboard", [])))
        found = next((b for b in buttons if b.get("text") == text_or_data), None) or next(
            (b for b in buttons if b.get("callback_data") == text_or_data), None)
        if found is None or "callback_data" not in found:
            raise AssertionError(f"no callback button {text_or_data!r} on message "
                                 f"#{message['message_id']}; available: {self.buttons(message)}")
        return await self._callback(found["callback_data"], message, found["text"])

    async def press_data(self, data: str, message: dict | None = None) -> dict:
        """Send a callback_query with arbitrary (possibly forged) callback_data."""
        if message is None:
            keyboards = any("reply_markup" in m for m in self.messages)
            message = self._keyboard_message() if keyboards else self.last
        return await self._callback(data, message, "<forged>")

    async def _callback(self, data: str, message: dict, label: str) -> dict:
        query_id = str(next(self.tg._query_ids))
        self.tg._queries[query_id] = self
        self._log(f"* press [{label}] data={data!r} on #{message['message_id']}")
        query = {"id": query_id, "from": self.as_user, "message": copy.deepcopy(message),
                 "chat_instance": f"{self.id}{self.tg.bot_id}", "data": data}
        return await self.tg._enqueue({"callback_query": query}, self)

    def _keyboard_message(self) -> dict:
        for message in reversed(self.messages):
            if message.get("reply_markup", {}).get("inline_keyboard"):
                return message
        raise AssertionError(f"no bot message with an inline keyboard\n{self.format()}")

    @property
    def last(self) -> dict:
        """The latest bot message in this chat."""
        if not self.messages:
            raise AssertionError(f"the bot has sent no message to {self.id}\n{self.format()}")
        return self.messages[-1]

    @property
    def last_text(self) -> _CallableStr:
        """Text (or caption) of the latest bot message; works as `last_text` and `last_text()`."""
        return _CallableStr(self.last.get("text") or self.last.get("caption") or "")

    def buttons(self, message: dict | None = None) -> list[list[tuple[str, str]]]:
        """Rows of (text, callback_data or url) of a message's inline keyboard (default: last)."""
        message = self.last if message is None else message
        rows = message.get("reply_markup", {}).get("inline_keyboard", [])
        return [[(b["text"], b.get("callback_data") or b.get("url") or "") for b in row]
                for row in rows]

    def format(self) -> str:
        """The chat transcript, one event a line."""
        return f"--- chat {self.id} ---\n" + "\n".join(self.transcript)

    async def wait_for(self, predicate: Callable[[dict], Any], timeout: float = 5.0) -> dict:
        """Wait until a bot message (newest first) satisfies predicate; return it."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            for message in reversed(self.messages):
                if predicate(message):
                    return message
            if loop.time() >= deadline:
                raise TimeoutError(f"no bot message matched within {timeout}s\n{self.format()}")
            await asyncio.sleep(0.01)

    async def wait_for_text(self, substring: str, timeout: float = 5.0) -> dict:
        """Wait until a bot message contains substring in its text or caption."""
        return await self.wait_for(
            lambda m: substring in (m.get("text") or m.get("caption") or ""), timeout)

    async def wait_idle(self, timeout: float = 5.0, settle: float = 0.1) -> None:
        """Wait until the bot fetched all our updates and made no API call for `settle` s."""
        tg, loop = self.tg, asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while (any(p.user_id == self.id and not p.delivered for p in tg._queue)
               or tg._in_flight or loop.time() - tg._last_activity < settle):
            if loop.time() >= deadline:
                raise TimeoutError(f"bot not idle within {timeout}s\n{self.format()}")
            await asyncio.sleep(0.01)


class FakeTelegram:
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
        self._queue: list[_Pending] = []
        self._next_update_id = 1
        self._failures: dict[str, list[int]] = {}
        self._queries: dict[str, FakeUser] = {}  # unanswered callback query id -> user
        self._query_ids = itertools.count(4_700_000_000_000_000_001)
        self._poll_gen = self._in_flight = 0
        self._last_activity = 0.0
        self._closing = False
        self._wakeup: asyncio.Event | None = None
        self._runner: web.AppRunner | None = None
        self._session: ClientSession | None = None

    @property
    def me(self) -> dict:
        """The bot's User object (as in Message.from)."""
        return {"id": self.bot_id, "is_bot": True, "first_name": self.bot_username,
                "username": self.bot_username}

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

    def user(self, user_id: int, first_name: str = "Test", language_code: str = "sv",
             username: str | None = None) -> FakeUser:
        """The FakeUser with this id (created on first use)."""
        if user_id not in self.users:
            self.users[user_id] = FakeUser(self, user_id, first_name, language_code, username)
        return self.users[user_id]

    def count_calls(self, method: str | None = None) -> int:
        """Number of API calls received (of METHOD, case-insensitive)."""
        return sum(1 for name, _ in self.calls if method is None or name.lower() == method.lower())

    def fail_next(self, method: str, times: int = 1, retry_after: int = 1) -> None:
        """Answer the next `times` calls of METHOD with 429 and parameters.retry_after."""
        self._failures[method.lower()] = [times, retry_after]

    def commands_for(self, language_code: str = "", scope: dict | None = None) -> list:
        """Commands set by setMyCommands for this language_code and scope."""
        return self.my_commands.get(_commands_key({"language_code": language_code,
                                                   "scope": scope}), [])

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
                raise ApiError(429, f"Too Many Requests: retry after {failure[1]}",
                               {"retry_after": failure[1]})
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

    # --- Bot API methods (_api_<lowercase name>) ------------------------------------------------

    def _api_getme(self, p: dict) -> dict:
        return self.me | {"can_join_groups": True, "can_read_all_group_messages": False,
                          "supports_inline_queries": False}

    async def _api_getupdates(self, p: dict) -> list[dict]:
        if self.webhook is not None:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                           "use deleteWebhook to delete the webhook first")
        offset, limit = int(p.get("offset") or 0), int(p.get("limit") or 100)
        if offset < 0:
            self._queue = self._queue[offset:]
        elif offset:  # confirm: forget delivered updates below offset
            self._queue = [q for q in self._queue
                           if not (q.delivered and q.update["update_id"] < offset)]
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
            raise ApiError(409, "Conflict: terminated by other getUpdates request; make sure "
                           "that only one bot instance is running")
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
        return {"url": (self.webhook or {}).get("url", ""), "has_custom_certificate": False,
                "pending_update_count": sum(not q.delivered for q in self._queue)}

    def _chat(self, chat_id: Any) -> FakeUser:
        try:
            return self.users[int(chat_id)]
        except (KeyError, TypeError, ValueError):
            raise ApiError(400, "Bad Request: chat not found") from None

    def _new_message(self, p: dict) -> dict:
        user = self._chat(p.get("chat_id"))
        if user.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        message = {"message_id": next(user._ids), "from": self.me, "chat": user.chat,
                   "date": int(time.time())}
        message |= {key: str(p[key]) for key in ("text", "caption") if p.get(key)}
        message |= {key: p[key] for key in ("entities", "caption_entities") if p.get(key)}
        raw = p.get("reply_markup")
        if markup := _inline(raw):
            message["reply_markup"] = markup
        elif isinstance(raw, dict):  # reply keyboards are not part of the returned Message
            user.reply_keyboard = None if raw.get("remove_keyboard") else raw
        user.messages.append(message)
        user._log(f"< #{message['message_id']} {message.get('text') or '<media>'}"
                               f"{user.buttons(message) or ''}")
        return message

    def _api_sendmessage(self, p: dict) -> dict:
        _check_text(p)
        return self._new_message(p)

    def _api_sendchataction(self, p: dict) -> bool:
        return bool(self._chat(p.get("chat_id")))

    def _find(self, p: dict, verb: str) -> tuple[FakeUser, dict]:
        if not p.get("inline_message_id"):
            user = self._chat(p.get("chat_id"))
            for message in user.messages:
                if message["message_id"] == int(p.get("message_id") or 0):
                    return user, message
        raise ApiError(400, f"Bad Request: message to {verb} not found")

    def _edit(self, p: dict, new: dict) -> dict:
        user, message = self._find(p, "edit")
        if "text" in new and "text" not in message:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        if all(message.get(key) == value for key, value in new.items()):
            raise ApiError(400, NOT_MODIFIED)
        for key, value in new.items():
            if value is None:
                message.pop(key, None)
            else:
                message[key] = value
        message["edit_date"] = int(time.time())
        user._log(f"~ #{message['message_id']} "
                               f"{message.get('text') or ''}{user.buttons(message) or ''}")
        return message

    def _api_editmessagetext(self, p: dict) -> dict:
        _check_text(p)
        return self._edit(p, {"text": str(p["text"]), "entities": p.get("entities") or None,
                              "reply_markup": _inline(p.get("reply_markup"))})

    def _api_editmessagereplymarkup(self, p: dict) -> dict:
        return self._edit(p, {"reply_markup": _inline(p.get("reply_markup"))})

    def _api_deletemessage(self, p: dict) -> bool:
        user, message = self._find(p, "delete")
        user.messages.remove(message)
        user._log(f"x #{message['message_id']} deleted")
        return True

    def _api_answercallbackquery(self, p: dict) -> bool:
        user = self._queries.pop(str(p.get("callback_query_id")), None)
        if user is None:  # unknown or already answered
            raise ApiError(400, QUERY_INVALID)
        user.alerts.append(p)
        user._log(f"! answer {p.get('text') or ''}"
                               f"{' (alert)' if p.get('show_alert') else ''}")
        return True

    def _api_setmycommands(self, p: dict) -> bool:
        self.my_commands[_commands_key(p)] = list(p.get("commands") or [])
        return True

    def _api_deletemycommands(self, p: dict) -> bool:
        self.my_commands.pop(_commands_key(p), None)
        return True

    def _api_getmycommands(self, p: dict) -> list:
        return self.my_commands.get(_commands_key(p), [])

    def _api_setchatmenubutton(self, p: dict) -> bool:
        self.menu_buttons[p.get("chat_id")] = p.get("menu_button") or {"type": "default"}
        return True

    def _api_getchatmenubutton(self, p: dict) -> dict:
        default = self.menu_buttons.get(None, {"type": "default"})
        return self.menu_buttons.get(p.get("chat_id"), default)


def _check_text(p: dict) -> None:
    text = str(p.get("text") or "")
    if not text.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if len(text) > 4096:
        raise ApiError(400, "Bad Request: message is too long")


def _commands_key(p: dict) -> tuple[str, str]:
    scope = p.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), p.get("language_code") or ""


def _error_response(error: ApiError) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": error.code,
                            "description": error.description}
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
