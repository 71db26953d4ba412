"""The same answers walked through every channel are stored alike (apart from the channel,
the venue and who answered): the bot (fake Bot API), the kiosk and the web survey (Chromium,
with and without JavaScript), once with every step answered and once with the optional
ones skipped; and a scale and a multi (answered, or skipped) in the kinds campaign, whose
required scale a forged answer cannot leave out. A channel that keeps a rule of its own
fails here."""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.bot_harness import RunningBot, bot_settings_for, campaign_walk, demo_walk
from tests.fake_telegram import FakeTelegram
from tests.kinds_campaign import kinds_folder
from tests.kiosk_helpers import KIOSK, past_topic_questions, wait_for_stored
from tests.kiosk_helpers import next_step as kiosk_next
from tests.live_server import LiveServer

AREAS = ("violence-public", "unsafe-places", "traffic")  # in the campaign's order
AREA_INDEXES = (0, 1, 6)
PREFER_NOT_TO_SAY = "prefer-not-to-say"


@dataclass(frozen=True)
class Walk:
    """One resident's answers: None for an optional step skipped."""

    comment: str | None
    age: str | None
    district: str | None

    def expected(self) -> tuple:
        answers = tuple((q, o) for q, o in (("age", self.age), ("district", self.district)) if o)
        return ("sv", AREAS, self.comment, answers, False)


ANSWERED = Walk("Mer belysning vid busshållplatsen", PREFER_NOT_TO_SAY, "norrstrand")
# An optional comment and an optional question skipped, and "prefer not to say" answered.
SKIPPED = Walk(None, None, PREFER_NOT_TO_SAY)
LABELS = {"norrstrand": "Norrstrand", PREFER_NOT_TO_SAY: "Vill inte svara"}
OPTION_INDEX = {"age": {PREFER_NOT_TO_SAY: 5}, "district": {"norrstrand": 1, PREFER_NOT_TO_SAY: 7}}


def content(response) -> tuple:
    """What the resident chose, without where and how it reached us."""
    answers = tuple(sorted(response.answers.items()))
    return (response.locale, response.areas, response.comment, answers, response.late)


@pytest.fixture
def server(settings):
    with LiveServer(settings) as live:
        yield live


def walk_web(page: Page, server, walk: Walk) -> None:
    """The web survey with JavaScript, step by step."""
    page.goto(server.url + "/c/demo/?lang=sv")

    def step_button(name: str) -> None:
        page.locator(".step.current").get_by_role("button", name=name).click()

    step_button("Nästa")
    for area in AREAS:
        page.locator(f"label[for=area-{area}]").click()
    step_button("Nästa")
    for _ in range(3):  # the three optional topic questions: how safe, when, where
        step_button("Hoppa över")
    if walk.comment is None:
        step_button("Hoppa över")
    else:
        page.fill("#comment", walk.comment)
        step_button("Nästa")
    for question, option in (("age", walk.age), ("district", walk.district)):
        expect(page.locator(f"#q-{question}")).to_be_visible()
        if option is None:
            step_button("Hoppa över")
        else:
            page.locator(f"label[for=q-{question}-{option}]").click()
            step_button("Nästa")
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.get_by_role("heading", name="Tack för ditt svar!")).to_be_visible()


def walk_form(browser: Browser, server, walk: Walk) -> None:
    """The web survey without JavaScript: one form."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url + "/c/demo/?lang=sv")
        for area in AREAS:
            page.locator(f"#area-{area}").check()
        if walk.comment is not None:
            page.fill("#comment", walk.comment)
        for question, option in (("age", walk.age), ("district", walk.district)):
            if option is not None:
                page.locator(f"#q-{question}-{option}").check()
        page.get_by_role("button", name="Skicka svar").click()
        expect(page.locator("h1")).to_have_text("Tack för ditt svar!")
    finally:
        context.close()


def walk_kiosk(page: Page, server, walk: Walk) -> None:
    """The kiosk, by taps."""
    page.goto(server.url + KIOSK)
    page.locator(".screen-attract").tap()
    page.get_by_role("button", name="svenska").tap()
    kiosk_next(page)
    for index in AREA_INDEXES:
        page.locator(".tile").nth(index).tap()
    kiosk_next(page)
    past_topic_questions(page)
    if walk.comment is not None:
        page.fill("#comment", walk.comment)
    kiosk_next(page)
    for option in (walk.age, walk.district):
        if option is not None:
            page.get_by_role("button", name=LABELS[option]).tap()
        kiosk_next(page)
    expect(page.locator(".screen-confirm")).to_be_visible()
    kiosk_next(page)
    expect(page.locator(".screen-thanks h1")).to_have_text("Tack för ditt svar!")


def walk_bot(tmp_path: Path, walk: Walk) -> list:
    """The bot, in a chat with the fake Bot API (in a thread: the browser owns this loop)."""

    async def chat() -> list:
        async with FakeTelegram() as tg:
            bot = RunningBot(bot_settings_for(tg, tmp_path), tg)
            await bot.start()
            try:
                user = tg.user(7350123468, language_code="sv")
                answers = tuple(
                    OPTION_INDEX[question].get(option)
                    for question, option in (("age", walk.age), ("district", walk.district))
                )
                await demo_walk(user, areas=AREA_INDEXES, comment=walk.comment, answers=answers)
                return await bot.responses()
            finally:
                await bot.stop()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, chat()).result(120)


def test_answered_steps_are_stored_alike_on_every_channel(page: Page, browser, server, tmp_path):
    walk_web(page, server, ANSWERED)
    walk_form(browser, server, ANSWERED)
    walk_kiosk(page, server, ANSWERED)
    [from_bot] = walk_bot(tmp_path, ANSWERED)
    assert ("telegram", 64) == (from_bot.channel, len(from_bot.participant))
    found = [*wait_for_stored(server, 3), from_bot]
    assert ["kiosk", "telegram", "web", "web"] == sorted(r.channel for r in found)
    assert [ANSWERED.expected()] * 4 == [content(r) for r in found]


def test_skipped_steps_store_no_answer_on_every_channel(page: Page, browser, server, tmp_path):
    walk_web(page, server, SKIPPED)
    walk_form(browser, server, SKIPPED)
    walk_kiosk(page, server, SKIPPED)
    [from_bot] = walk_bot(tmp_path, SKIPPED)
    found = [*wait_for_stored(server, 3), from_bot]
    assert ["kiosk", "telegram", "web", "web"] == sorted(r.channel for r in found)
    assert [SKIPPED.expected()] * 4 == [content(r) for r in found]


@dataclass(frozen=True)
class KindsWalk:
    """One resident's answers in the kinds campaign: a scale, a multi (None: skipped), no
    comment, the age question skipped and where they live."""

    scale: str
    multi: tuple[str, ...] | None
    district: str

    def expected(self) -> tuple:
        answers = {"safe-evening": self.scale, "district": self.district}
        if self.multi is not None:
            answers["when-unsafe"] = list(self.multi)
        return ("sv", AREAS, None, tuple(sorted(answers.items())), False)


SCALE = ("very-unsafe", "rather-unsafe", "rather-safe", "very-safe", "dont-know")
TIMES = ("day", "evening", "night", "weekends")
KIND_LABELS = {
    "rather-unsafe": "Ganska otrygg",
    "dont-know": "Vet inte",
    "evening": "Kväll",
    "night": "Natt",
    **LABELS,
}


@pytest.fixture
def kinds_server(settings, tmp_path):
    folder = kinds_folder(tmp_path / "campaigns", with_demo=True)
    with LiveServer(replace(settings, campaigns_dir=folder)) as live:
        yield live


def walk_web_kinds(page: Page, server, walk: KindsWalk) -> None:
    page.goto(server.url + "/c/kinds/?lang=sv")

    def step_button(name: str) -> None:
        page.locator(".step.current").get_by_role("button", name=name).click()

    step_button("Nästa")
    for area in AREAS:
        page.locator(f"label[for=area-{area}]").click()
    step_button("Nästa")
    page.locator(f"label[for=q-safe-evening-{walk.scale}]").click()
    step_button("Nästa")
    if walk.multi is None:
        step_button("Hoppa över")
    else:
        for option in walk.multi:
            page.locator(f"label[for=q-when-unsafe-{option}]").click()
        step_button("Nästa")
    step_button("Hoppa över")  # no comment
    step_button("Hoppa över")  # age
    page.locator(f"label[for=q-district-{walk.district}]").click()
    step_button("Nästa")
    page.get_by_role("button", name="Skicka svar").click()
    expect(page.get_by_role("heading", name="Tack för ditt svar!")).to_be_visible()


def walk_form_kinds(browser: Browser, server, walk: KindsWalk) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url + "/c/kinds/?lang=sv")
        for area in AREAS:
            page.locator(f"#area-{area}").check()
        page.locator(f"#q-safe-evening-{walk.scale}").check()
        for option in walk.multi or ():
            page.locator(f"#q-when-unsafe-{option}").check()
        page.locator(f"#q-district-{walk.district}").check()
        page.get_by_role("button", name="Skicka svar").click()
        expect(page.locator("h1")).to_have_text("Tack för ditt svar!")
    finally:
        context.close()


def walk_kiosk_kinds(page: Page, server, walk: KindsWalk) -> None:
    page.goto(server.url + "/kiosk/kinds/?source=mitt-i-city")
    page.locator(".screen-attract").tap()
    page.get_by_role("button", name="svenska").tap()
    kiosk_next(page)
    for index in AREA_INDEXES:
        page.locator(".tile").nth(index).tap()
    kiosk_next(page)
    page.get_by_role("button", name=KIND_LABELS[walk.scale]).tap()
    kiosk_next(page)
    for option in walk.multi or ():
        page.get_by_role("button", name=KIND_LABELS[option]).tap()
    kiosk_next(page)
    kiosk_next(page)  # no comment
    kiosk_next(page)  # age skipped
    page.get_by_role("button", name=KIND_LABELS[walk.district]).tap()
    kiosk_next(page)
    expect(page.locator(".screen-confirm")).to_be_visible()
    kiosk_next(page)
    expect(page.locator(".screen-thanks h1")).to_have_text("Tack för ditt svar!")


def walk_bot_kinds(tmp_path: Path, walk: KindsWalk) -> list:
    folder = kinds_folder(tmp_path / "bot-campaigns")

    async def chat() -> list:
        async with FakeTelegram() as tg:
            bot = RunningBot(bot_settings_for(tg, tmp_path, campaigns_dir=folder), tg)
            await bot.start()
            try:
                user = tg.user(7350123469, language_code="sv")
                multi = None if walk.multi is None else tuple(TIMES.index(o) for o in walk.multi)
                topic = {2: SCALE.index(walk.scale), 3: multi}
                district = OPTION_INDEX["district"][walk.district]
                background = {0: None, 1: district}
                await campaign_walk(user, "kinds", AREA_INDEXES, topic, None, background)
                return await bot.responses("kinds")
            finally:
                await bot.stop()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, chat()).result(120)


@pytest.mark.parametrize(
    "walk",
    [
        KindsWalk("rather-unsafe", ("evening", "night"), "norrstrand"),
        KindsWalk("dont-know", None, PREFER_NOT_TO_SAY),
    ],
    ids=["multi-answered", "multi-skipped"],
)
def test_a_scale_and_a_multi_are_stored_alike_on_every_channel(
    page: Page, browser, kinds_server, tmp_path, walk
):
    walk_web_kinds(page, kinds_server, walk)
    walk_form_kinds(browser, kinds_server, walk)
    walk_kiosk_kinds(page, kinds_server, walk)
    [from_bot] = walk_bot_kinds(tmp_path, walk)
    found = [*wait_for_stored(kinds_server, 3, campaign="kinds"), from_bot]
    assert ["kiosk", "telegram", "web", "web"] == sorted(r.channel for r in found)
    assert [walk.expected()] * 4 == [content(r) for r in found]


def test_a_forged_answer_without_the_required_scale_is_refused(kinds_server):
    body = {
        "id": str(uuid.uuid4()),
        "areas": list(AREAS),
        "comment": None,
        "locale": "sv",
        "channel": "web",
        "answers": {"when-unsafe": ["night"]},
    }
    request = urllib.request.Request(
        kinds_server.url + "/api/v1/campaigns/kinds/responses",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "Accept-Language": "sv"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert 422 == refused.value.code
    assert "question.required" == json.loads(refused.value.read())["error"]
