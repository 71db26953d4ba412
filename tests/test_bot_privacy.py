"""Privacy: the store and the logs hold pseudonyms, never the Telegram id, name or username."""

from __future__ import annotations

import logging
from pathlib import Path

from tests.bot_harness import demo_walk, press, say

pytest_plugins = ["tests.bot_fixtures"]

USER_ID = 7350123468
FIRST_NAME = "Qwertzuiop"
USERNAME = "zz_unique_resident"


def needles() -> dict[str, bytes]:
    return {
        "id as text": str(USER_ID).encode(),
        "id as a 6-byte integer": USER_ID.to_bytes(6, "big"),
        "id as an 8-byte integer": USER_ID.to_bytes(8, "big"),
        "first name": FIRST_NAME.encode(),
        "first name (UTF-16)": FIRST_NAME.encode("utf-16-le"),
        "username": USERNAME.encode(),
    }


def files_of(db: Path) -> list[Path]:
    return [p for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")) if p.exists()]


async def test_the_database_file_holds_no_telegram_identity(bot, tg, caplog):
    caplog.set_level(logging.INFO)
    user = tg.user(USER_ID, first_name=FIRST_NAME, language_code="sv", username=USERNAME)
    await demo_walk(user, comment="Fler vuxna ute på kvällarna")
    await press(user, "demo", "F", "1t")
    await say(user, "/start")
    await press(user, "demo", "R")  # a draft beside the stored answer
    await say(user, "/language")
    await press(user, "-", "L", "en")

    db = bot.settings.db
    assert Path(f"{db}-wal") in files_of(db)  # checked while the WAL is live, then after
    for when in ("running", "stopped"):
        found = {
            (path.name, name)
            for path in files_of(db)
            for name, needle in needles().items()
            if needle in path.read_bytes()
        }
        assert set() == found, when
        if when == "running":
            await bot.stop()
    assert 1 == bot.table_count("responses")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for name, needle in needles().items():
        if name in ("id as text", "first name", "username"):
            assert needle.decode() not in logged, name


async def test_privacy_names_controller_purpose_storage_retention_rights_and_transfer(bot, tg):
    user = tg.user(7002, language_code="sv")
    await say(user, "/start")
    await say(user, "/privacy")
    text = user.last_text
    for expected in (
        "Personuppgiftsansvariga: Polisen och Kommunen.",
        "Syfte:",
        "Vad vi sparar:",
        "Hur länge:",
        "Dina rättigheter:",
        "Integritetsskyddsmyndigheten",
        "Överföring via Telegram:",
        "utanför EU",
    ):
        assert expected in text
    assert len(text) <= 4096
