"""Fixtures shared by every test: campaigns, catalogs, a store on a temp file, a browser."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from campaigns import SAMPLE_DIR
from locales import Catalogs
from medborgardialog.settings import Settings
from storage import Store
from survey import load_campaigns

# PTB 22 warns on every RetryAfter unless timedelta values are chosen; warnings are errors here.
os.environ.setdefault("PTB_TIMEDELTA", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def campaigns():
    return load_campaigns(SAMPLE_DIR)


@pytest.fixture(scope="session")
def catalogs():
    return Catalogs.load()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.from_env(env={}, db=tmp_path / "test.db", secret_file=tmp_path / "secret")


@pytest.fixture
async def store(tmp_path: Path, campaigns):
    store = Store(tmp_path / "store.db")
    await store.register_campaigns(list(campaigns.values()))
    yield store
    store.close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded browser."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "has_touch": True}


def pytest_collection_modifyitems(items):
    """Browser tests last: once the sync Playwright fixtures start, they keep an event loop
    running on the main thread for the rest of the session, which asyncio tests cannot share."""
    playwright = {"page", "context", "browser", "browser_type", "playwright", "new_context"}
    items.sort(key=lambda item: bool(playwright & set(getattr(item, "fixturenames", ()))))
