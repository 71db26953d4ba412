"""Shared steps for the kiosk's browser tests: a live server and a resident's taps."""

from __future__ import annotations

import time

from playwright.sync_api import Page, expect

from storage.responses import iter_responses

KIOSK = "/kiosk/demo/?source=mitt-i-city"


def stored(server, campaign: str = "demo") -> list:
    return server.parts.store.call(lambda db: list(iter_responses(db, campaign)))


def wait_for_stored(server, count: int, timeout: float = 30.0, campaign: str = "demo") -> list:
    """Poll the store until `count` answers are there (the kiosk sends in the background)."""
    deadline = time.monotonic() + timeout
    while True:
        found = stored(server, campaign)
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def next_step(page: Page) -> None:
    page.locator(".nav .primary").tap()


def past_topic_questions(page: Page) -> None:
    """Next on the demo's three optional topic questions (how safe, when, where), right
    after the areas: all left unanswered."""
    expect(page.locator(".screen-choice .choices.scale")).to_be_visible()
    next_step(page)
    expect(page.locator(".screen-choice .tiles.multi")).to_be_visible()
    next_step(page)
    expect(page.locator(".screen-choice .place-map")).to_be_visible()
    next_step(page)


def walk_to_confirm(page: Page, tiles: tuple[int, ...] = (0, 1, 2)) -> None:
    """From the attract screen, in Swedish: three areas, then every optional step skipped,
    up to the summary."""
    page.locator(".screen-attract").tap()
    page.get_by_role("button", name="svenska").tap()
    next_step(page)
    for index in tiles:
        page.locator(".tile").nth(index).tap()
    next_step(page)
    for _ in range(10):
        if page.locator(".screen-confirm").count():
            return
        next_step(page)
    raise AssertionError("the kiosk never reached its summary")


def quick_walk(page: Page, tiles: tuple[int, ...] = (0, 1, 2)) -> None:
    """A resident who picks three areas and sends, skipping everything optional."""
    walk_to_confirm(page, tiles)
    next_step(page)
    expect(page.locator(".screen-thanks h1")).to_be_visible()
    page.locator(".screen-thanks .primary").tap()
    expect(page.locator(".screen-attract")).to_be_visible()
