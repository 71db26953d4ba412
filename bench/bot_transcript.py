"""Print a Swedish and an Arabic walk through the bot, as the residents see them.

    python bench/bot_transcript.py

The real bot polls the fake Bot API (tests/fake_telegram/) on 127.0.0.1 with a store in a
temporary directory; each chat is printed one event a line: `>` the resident, `<` a new bot
message, `~` an edit, `!` the answer to a button, `*` a press, `x` a deleted message.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PTB_TIMEDELTA", "true")

WALKS = {
    "sv": ("Det är mörkt vid busshållplatsen på kvällarna.", "Och cyklar körs för fort där."),
    "ar": ("الإضاءة ضعيفة عند موقف الحافلات في المساء.", "والدراجات تسير بسرعة كبيرة هناك."),
}


async def walk(user, messages: tuple[str, ...]) -> None:
    from tests.bot_harness import press, say

    await say(user, "/start demo--bibliotek")
    for index in (0, 2, 5):  # the third goes on to the comment
        await press(user, "demo", "A", index)
    for message in messages:
        await say(user, message)
    await press(user, "demo", "K")
    await press(user, "demo", "Y", 0)
    await press(user, "demo", "Q", "1-7")
    await press(user, "demo", "C")


async def main() -> None:
    from tests.bot_harness import RunningBot, bot_settings_for
    from tests.fake_telegram import FakeTelegram

    with tempfile.TemporaryDirectory() as tmp:
        async with FakeTelegram() as tg:
            bot = await RunningBot(bot_settings_for(tg, Path(tmp)), tg).start()
            try:
                for number, (lang, messages) in enumerate(WALKS.items()):
                    user = tg.user(9000 + number, first_name=lang, language_code=lang)
                    await walk(user, messages)
                    print(user.format(), end="\n\n")
            finally:
                await bot.stop()


if __name__ == "__main__":
    asyncio.run(main())
