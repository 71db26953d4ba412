"""The simulated users of the fake Bot API: private chats that type text, press inline buttons
and record a transcript of everything that happens in them."""

from __future__ import annotations

import asyncio
import copy
import itertools
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.fake_telegram.server import FakeTelegram


class _CallableStr(str):
    """A str that also returns itself when called."""

    def __call__(self) -> str:
        return str(self)


class FakeUser:
    """A private chat between one user and the bot; chat id == user id."""

    def __init__(
        self,
        tg: FakeTelegram,
        user_id: int,
        first_name: str,
        language_code: str,
        username: str | None,
    ) -> None:
        self.tg, self.id, self.first_name = tg, user_id, first_name
        self.language_code, self.username = language_code, username
        self.messages: list[dict] = []  # bot messages, current state (edits applied in place)
        self.alerts: list[dict] = []  # answerCallbackQuery params for this user's queries
        self.reply_keyboard: dict | None = None  # last non-inline reply_markup sent here
        self.keyboard_messages: set[int] = set()  # ids of messages that carried one
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
            raise TimeoutError(
                f"the chat did not reach {length} events within {timeout}s\n{self.format()}"
            ) from None
        finally:
            if waiter in self._waiters:
                self._waiters.remove(waiter)

    @property
    def as_user(self) -> dict:
        """The Telegram User object of this user."""
        user = {
            "id": self.id,
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": self.language_code,
        }
        return user | ({"username": self.username} if self.username else {})

    @property
    def chat(self) -> dict:
        """The Telegram Chat object of this private chat."""
        chat = {"id": self.id, "type": "private", "first_name": self.first_name}
        return chat | ({"username": self.username} if self.username else {})

    async def send(self, text: str) -> dict:
        """Enqueue a text message from the user (bot_command entity for /commands)."""
        message = {
            "message_id": next(self._ids),
            "from": self.as_user,
            "chat": self.chat,
            "date": int(time.time()),
            "text": text,
        }
        if text.startswith("/"):
            length = len(text.split(maxsplit=1)[0].encode("utf-16-le")) // 2
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        self._log(f"> {text}")
        return await self.tg._enqueue({"message": message}, self)

    def _message(self, **fields: Any) -> dict:
        return {
            "message_id": next(self._ids),
            "from": self.as_user,
            "chat": self.chat,
            "date": int(time.time()),
            **fields,
        }

    async def send_photo(self, caption: str | None = None) -> dict:
        """Send a photo, with a caption if given (the bot must never need the photo)."""
        photo = [{"file_id": "AgAD-photo", "file_unique_id": "ph1", "width": 90, "height": 90}]
        message = self._message(photo=photo, **({"caption": caption} if caption else {}))
        self._log(f"> <photo> {caption or ''}")
        return await self.tg._enqueue({"message": message}, self)

    async def send_location(
        self, latitude: float, longitude: float, venue: str | None = None
    ) -> dict:
        """Share a location (as "📍 Skicka plats" on a reply keyboard does), or a venue there."""
        location = {"latitude": latitude, "longitude": longitude}
        fields: dict[str, Any] = {"location": location}
        if venue is not None:
            fields["venue"] = {"location": location, "title": venue, "address": "Storgatan 1"}
        message = self._message(**fields)
        self._log(f"> <location> {latitude}, {longitude} {venue or ''}")
        return await self.tg._enqueue({"message": message}, self)

    async def edit(self, message_id: int, text: str) -> dict:
        """Edit a message the user sent earlier to read `text`."""
        message = self._message(text=text, edit_date=int(time.time()))
        message["message_id"] = message_id
        self._log(f"> (edited #{message_id}) {text}")
        return await self.tg._enqueue({"edited_message": message}, self)

    async def start(self, payload: str | None = None) -> dict:
        """Send "/start" or "/start PAYLOAD"."""
        return await self.send(f"/start {payload}" if payload else "/start")

    async def press(self, text_or_data: str, message: dict | None = None) -> dict:
        """Press an inline button found by visible text or callback_data; enqueue the query."""
        message = message or self._keyboard_message()
        buttons = list(
            itertools.chain.from_iterable(
                message.get("reply_markup", {}).get("inline_keyboard", [])
            )
        )
        found = next((b for b in buttons if b.get("text") == text_or_data), None) or next(
            (b for b in buttons if b.get("callback_data") == text_or_data), None
        )
        if found is None or "callback_data" not in found:
            raise AssertionError(
                f"no callback button {text_or_data!r} on message "
                f"#{message['message_id']}; available: {self.buttons(message)}"
            )
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
        query = {
            "id": query_id,
            "from": self.as_user,
            "message": copy.deepcopy(message),
            "chat_instance": f"{self.id}{self.tg.bot_id}",
            "data": data,
        }
        return await self.tg._enqueue({"callback_query": query}, self)

    def _keyboard_message(self) -> dict:
        for message in reversed(self.messages):
            if message.get("reply_markup", {}).get("inline_keyboard"):
                return message
        raise AssertionError(f"no bot message with an inline keyboard\n{self.format()}")

    @property
    def last(self) -> dict:
        """The latest bot message in this chat, not counting one that only shows or takes
        away the reply keyboard with "📍 Skicka plats" (a place question's): the walk goes
        on in the message before it."""
        if not self.messages:
            raise AssertionError(f"the bot has sent no message to {self.id}\n{self.format()}")
        said = [m for m in self.messages if m["message_id"] not in self.keyboard_messages]
        return said[-1] if said else self.messages[-1]

    @property
    def last_text(self) -> _CallableStr:
        """Text (or caption) of the latest bot message; works as `last_text` and `last_text()`."""
        return _CallableStr(self.last.get("text") or self.last.get("caption") or "")

    def buttons(self, message: dict | None = None) -> list[list[tuple[str, str]]]:
        """Rows of (text, callback_data or url) of a message's inline keyboard (default: last)."""
        message = self.last if message is None else message
        rows = message.get("reply_markup", {}).get("inline_keyboard", [])
        return [
            [(b["text"], b.get("callback_data") or b.get("url") or "") for b in row] for row in rows
        ]

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
            lambda m: substring in (m.get("text") or m.get("caption") or ""), timeout
        )

    async def wait_idle(self, timeout: float = 5.0, settle: float | None = None) -> None:
        """Wait until the bot fetched all our updates, handled them and has no API call open,
        and then, with `settle`, until it made no API call for `settle` s (for what the bot
        sends on its own, such as notices).

        A bot that tells when it has handled what it fetched (`tg.bot_settled`) is waited for
        exactly; any other is taken as idle after `settle` (0.1 s unless given) without a call.
        """
        tg, loop = self.tg, asyncio.get_running_loop()
        deadline = loop.time() + timeout
        quiet = settle if settle is not None else (0.0 if tg.bot_settled else 0.1)

        def busy() -> bool:
            return bool(
                any(p.user_id == self.id and not p.delivered for p in tg._queue)
                or tg._in_flight
                or loop.time() - tg._last_activity < quiet
            )

        while True:
            while busy():
                if loop.time() >= deadline:
                    raise TimeoutError(f"bot not idle within {timeout}s\n{self.format()}")
                await asyncio.sleep(0.005)
            if tg.bot_settled is None:
                return
            calls = len(tg.calls)
            try:
                await asyncio.wait_for(tg.bot_settled(), max(deadline - loop.time(), 0.001))
            except TimeoutError:
                raise TimeoutError(f"bot not idle within {timeout}s\n{self.format()}") from None
            if len(tg.calls) == calls and not busy():
                return


class FakeGroup(FakeUser):
    """A group chat with the bot in it: members post, and the bot's messages land here."""

    def __init__(self, tg: FakeTelegram, group_id: int, title: str) -> None:
        super().__init__(tg, group_id, title, "sv", None)
        self.title = title

    @property
    def chat(self) -> dict:
        return {"id": self.id, "type": "group", "title": self.title}

    async def add_bot(self, by: FakeUser) -> dict:
        """`by` adds the bot to the group (the service message Telegram sends)."""
        return await self.post(by, new_chat_members=[self.tg.me])

    async def say(self, by: FakeUser, text: str) -> dict:
        """`by` writes `text` in the group (a /command gets its entity)."""
        entities = []
        if text.startswith("/"):
            length = len(text.split(maxsplit=1)[0].encode("utf-16-le")) // 2
            entities = [{"type": "bot_command", "offset": 0, "length": length}]
        return await self.post(by, text=text, **({"entities": entities} if entities else {}))

    async def post(self, by: FakeUser, **fields: Any) -> dict:
        message = {
            "message_id": next(self._ids),
            "from": by.as_user,
            "chat": self.chat,
            "date": int(time.time()),
            **fields,
        }
        self._log(f"> {by.first_name}: {fields.get('text') or '<joined>'}")
        return await self.tg._enqueue({"message": message}, by)
