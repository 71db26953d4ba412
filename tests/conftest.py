"""Fixtures shared by every test: campaigns, catalogs, a store on a temp file, a browser."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from argon2 import PasswordHasher, profiles

from campaigns import SAMPLE_DIR
from locales import Catalogs
from medborgardialog.settings import Settings
from storage import Store, staff
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


# The Playwright fixtures, and the project's own that stand on them (`no_script_page`): a test
# that uses any of them, directly or through another fixture, drives Chromium.
PLAYWRIGHT = {"page", "context", "browser", "browser_type", "playwright", "new_context"}


def pytest_collection_modifyitems(items):
    """Mark the browser tests `browser`, and run them last: once the sync Playwright fixtures
    start, they keep an event loop running on the main thread for the rest of the session,
    which asyncio tests cannot share."""
    for item in items:
        if PLAYWRIGHT & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(autouse=True)
def processes_only_where_marked(request, monkeypatch):
    """A test that starts a process is marked `process` (or `browser`: Chromium is one), so
    that the quick loop (`-m "not browser and not process"`) leaves out every such test."""
    if request.node.get_closest_marker("process") or request.node.get_closest_marker("browser"):
        return

    def refuse(self, args, *rest, **options):
        raise AssertionError(f"this test starts a process ({args!r}): mark it `process`")

    monkeypatch.setattr(subprocess.Popen, "__init__", refuse)


@pytest.fixture(autouse=True)
def cheap_password_hashes(monkeypatch):
    """Staff passwords hashed in this process use argon2id at its cheapest settings: the
    same algorithm, code and checks, without 60 ms of CPU per login. (A product started as a
    process, and `staff add`, hash as in production; tests/test_cli.py checks that.)"""
    monkeypatch.setattr(staff, "_hasher", PasswordHasher.from_parameters(profiles.CHEAPEST))


def quick_loop(config: pytest.Config) -> bool:
    """Whether this run is the quick loop, which leaves out the browser tests."""
    return "not browser" in (config.option.markexpr or "")


QUICK_LOOP_WORKERS = 2


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """The quick loop on both cores: its tests spread over two worker processes
    (pytest-xdist). The whole suite keeps to one process, as its browser tests and timing
    probes want the machine to themselves. An explicit `-n` wins; without pytest-xdist, on
    one core, or in a worker, nothing changes."""
    if not quick_loop(config) or hasattr(config, "workerinput"):
        return
    if not config.pluginmanager.hasplugin("xdist") or config.getoption("numprocesses"):
        return
    if (os.cpu_count() or 1) < QUICK_LOOP_WORKERS or config.getoption("collectonly"):
        return
    config.option.numprocesses = QUICK_LOOP_WORKERS
    config.option.dist = "load"
    config.option.tx = ["popen"] * QUICK_LOOP_WORKERS


@pytest.fixture(scope="session")
def fuzz_depth(request) -> int:
    """Hostile requests per route: 1,000 in the whole suite, 100 in the quick loop (new ones
    each run). FUZZ_REQUESTS sets any other number."""
    default = 100 if quick_loop(request.config) else 1000
    return int(os.environ.get("FUZZ_REQUESTS") or default)


@pytest.fixture
def no_script_page(browser):
    """A page of a browser with JavaScript switched off."""
    context = browser.new_context(java_script_enabled=False)
    try:
        yield context.new_page()
    finally:
        context.close()
