"""Organisers make campaigns in the staff pages: create, write, open, change within the
rules once answers exist, close early, copy ("Ny omgång"); every change in the audit log."""

from __future__ import annotations

import json
import uuid
from functools import partial

import pytest
from bs4 import BeautifulSoup
from multidict import MultiDict

from bot.preview import preview_messages
from campaigns import SAMPLE_DIR
from kiosk.staff.campaigns.form import read_form
from kiosk.staff.campaigns.preview import BOT_PREVIEW
from storage.audit_log import recent_audit
from storage.campaigns import published_campaigns
from survey import load_campaign
from survey.campaign_document import campaign_document
from survey.registry import CampaignRegistry
from tests.editor_support import as_multidict, editor_form
from tests.staff_support import add_account, csrf_of, log_in, staff_app


@pytest.fixture
async def registry(store):
    return CampaignRegistry(await store.read(published_campaigns))


@pytest.fixture
async def organiser(aiohttp_client, store, registry, catalogs):
    await add_account(store, "olle", "organiser")
    app = staff_app(store, registry, catalogs)
    app[BOT_PREVIEW] = partial(preview_messages, catalogs)
    client = await aiohttp_client(app)
    await log_in(client, "olle")
    return client


async def page_of(client, path: str) -> tuple[str, BeautifulSoup]:
    response = await client.get(path)
    assert 200 == response.status, path
    html = await response.text()
    return html, BeautifulSoup(html, "html.parser")


async def create(client, campaign_id="kil-2026", languages=("sv", "en")):
    html, _ = await page_of(client, "/staff/campaigns/")
    data = [("csrf", csrf_of(html)), ("id", campaign_id)] + [("languages", x) for x in languages]
    return await client.post("/staff/campaigns/", data=data, allow_redirects=False)


async def save(client, campaign_id="kil-2026", **changes):
    html, soup = await page_of(client, f"/staff/campaigns/{campaign_id}/")
    revision = int(soup.find("input", {"name": "revision"})["value"])
    form = editor_form(csrf_of(html), revision, **changes)
    return await client.post(f"/staff/campaigns/{campaign_id}/", data=as_multidict(form))


async def press(client, campaign_id: str, action: str):
    html, _ = await page_of(client, f"/staff/campaigns/{campaign_id}/")
    return await client.post(
        f"/staff/campaigns/{campaign_id}/{action}", data={"csrf": csrf_of(html)}
    )


def problems(soup: BeautifulSoup) -> dict[str, str]:
    """Each problem shown beside a field: the field's id to the message."""
    return {p["id"].removeprefix("e-"): p.get_text(strip=True) for p in soup.select(".field-error")}


async def post_answer(client, areas, campaign_id="kil-2026"):
    body = {"id": str(uuid.uuid4()), "areas": areas, "comment": None, "locale": "sv",
            "channel": "web", "answers": {}}  # fmt: skip
    return await client.post(f"/api/v1/campaigns/{campaign_id}/responses", json=body)


async def test_only_organisers_and_admins_reach_the_editor(
    aiohttp_client, store, registry, catalogs
):
    await add_account(store, "kim", "analyst")
    client = await aiohttp_client(staff_app(store, registry, catalogs))
    await log_in(client, "kim")
    response = await client.get("/staff/campaigns/")
    assert 403 == response.status
    assert "bara för arrangörer" in await response.text()


async def test_an_organiser_writes_and_opens_a_campaign_every_channel_serves(organiser, registry):
    assert 303 == (await create(organiser)).status
    _, soup = await page_of(organiser, "/staff/campaigns/kil-2026/")
    assert "Utkast" in soup.get_text()
    response = await save(organiser, **{"intro.en": ""})
    soup = BeautifulSoup(await response.text(), "html.parser")
    assert {"f-intro-en": "Skriv texten på engelska."} == problems(soup)
    missing = soup.find(id="missing-h").find_parent("section").get_text(" ", strip=True)
    assert "English: 1 text saknas: intro" in missing
    assert "kil-2026" not in registry  # a draft is not served
    assert 303 == (await save(organiser)).history[0].status
    assert 200 == (await press(organiser, "kil-2026", "open")).status
    assert 6 == len(registry["kil-2026"].areas)
    served = await organiser.get("/api/v1/campaigns/kil-2026")
    assert ["sv", "en"] == (await served.json())["languages"]
    assert 201 == (await post_answer(organiser, ["belysning", "trafik", "klotter"])).status


async def test_with_answers_removing_an_area_or_changing_the_pick_is_refused(organiser, registry):
    await create(organiser)
    await save(organiser)
    await press(organiser, "kil-2026", "open")
    assert 201 == (await post_answer(organiser, ["belysning", "trafik", "klotter"])).status
    removed = await save(organiser, **{"area-0.remove": "on"})
    assert 422 == removed.status
    soup = BeautifulSoup(await removed.text(), "html.parser")
    assert "Området belysning har svar" in soup.find(id="problems").get_text()
    picked = await save(organiser, pick="2")
    assert 422 == picked.status
    assert "Antalet områden att välja kan inte ändras" in await picked.text()
    relabelled = await save(organiser, **{"area-0.label.sv": "Mörka platser"})
    assert 200 == relabelled.status
    assert "Mörka platser" == registry["kil-2026"].area("belysning").label["sv"]
    moved = await save(organiser, opens="2026-12-15")
    assert "1 svar ligger nu utanför perioden" in await moved.text()


async def test_bad_input_to_an_open_campaign_is_a_translated_422(organiser, registry):
    await create(organiser)
    await save(organiser)
    await press(organiser, "kil-2026", "open")
    response = await save(organiser, pick="tre")
    assert 422 == response.status
    assert {"f-pick": "Ska vara ett heltal."} == problems(
        BeautifulSoup(await response.text(), "html.parser")
    )
    assert 3 == registry["kil-2026"].pick


async def test_closing_early_stops_the_answers_and_a_new_round_copies_it(
    organiser, registry, store
):
    await create(organiser)
    await save(organiser)
    await press(organiser, "kil-2026", "open")
    assert 200 == (await press(organiser, "kil-2026", "close")).status
    assert 410 == (await post_answer(organiser, ["belysning", "trafik", "klotter"])).status
    html, _ = await page_of(organiser, "/staff/campaigns/")
    copied = await organiser.post(
        "/staff/campaigns/copy",
        data={"csrf": csrf_of(html), "source": "kil-2026", "id": "kil-2027"},
    )
    assert 200 == copied.status
    _, soup = await page_of(organiser, "/staff/campaigns/kil-2027/")
    assert "belysning" == soup.find(id="f-area-0-id")["value"]
    assert "" == soup.find(id="f-closes")["value"]
    actions = [(e.action, e.campaign) for e in await store.read(recent_audit)]
    for expected in (
        ("campaign.create", "kil-2026"),
        ("campaign.edit", "kil-2026"),
        ("campaign.open", "kil-2026"),
        ("campaign.close", "kil-2026"),
        ("campaign.copy", "kil-2027"),
    ):
        assert expected in actions


async def test_a_file_campaign_is_changed_in_its_file_and_an_unknown_id_is_404(organiser, store):
    from campaigns import SAMPLE_DIR
    from storage.campaigns import register_campaigns
    from survey import load_campaign

    demo = load_campaign(SAMPLE_DIR / "demo.toml")
    await store.write(register_campaigns, [demo], {"demo": "demo.toml"})
    _, soup = await page_of(organiser, "/staff/campaigns/demo/")
    assert "kommer från filen demo.toml" in soup.get_text()
    refused = await save(organiser, "demo")
    assert 403 == refused.status
    assert 404 == (await organiser.get("/staff/campaigns/nothing/")).status


async def test_a_taken_or_malformed_id_is_refused(organiser):
    assert 422 == (await create(organiser, "demo")).status
    response = await create(organiser, "Inte OK")
    assert 422 == response.status
    assert "a–z, 0–9 och bindestreck" in await response.text()


async def test_the_preview_shows_the_walk_as_each_channel_draws_it(organiser, registry):
    await create(organiser)
    await save(organiser)
    _, soup = await page_of(organiser, "/staff/campaigns/kil-2026/preview?lang=en")
    messages = [m.get_text() for m in soup.select(".bot-message")]
    assert "Safe in Kil" in messages[1]  # after the choice of language, the intro
    buttons = [b.get_text() for b in soup.select(".bot-buttons li")]
    assert {"Poor lighting", "Disturbing youths"} <= {b.strip("⬜ ✅") for b in buttons}
    _, soup = await page_of(organiser, "/staff/campaigns/kil-2026/preview/web?lang=en")
    assert "Poor lighting" in soup.get_text() and "en" == soup.html["lang"]
    _, soup = await page_of(organiser, "/staff/campaigns/kil-2026/preview/kiosk")
    kiosk = json.loads(soup.find(id="kiosk-data").string)["campaign"]
    assert "Dålig belysning" == kiosk["areas"][0]["label"]["sv"]
    assert "kil-2026" not in registry  # previewed, still not served


async def test_an_incomplete_campaign_has_no_preview_yet(organiser):
    await create(organiser)
    response = await organiser.get("/staff/campaigns/kil-2026/preview")
    assert 422 == response.status
    assert "Förhandsvisningen visas när medborgardialogen är komplett" in await response.text()


async def test_hostile_editor_input_gets_a_page_never_a_500(organiser):
    await create(organiser)
    for changes in (
        {"opens": "2026-13-45", "pick": "9" * 30},
        {"comment.max_length": "-1", "timezone": "Mars/Olympus"},
        {"area-0.order": "nan", "area-1.order": "1e999", "area-2.id": "Ä\x00"},
        {"reference.question": "age", "reference.shares.x": "0.5", "reference.year": "x"},
        {"question-0.id": "age", "question-0.text.sv": "Ålder?", "theme-0.keywords": ",,,"},
        {"title.sv": '\x7f\x01"\\n' * 50, "languages": ["xx", "sv"]},
    ):
        response = await save(organiser, **changes)
        assert 200 == response.status, changes  # a draft: saved, its problems shown
        assert "Utkastet är sparat." in await response.text(), changes


def test_a_campaigns_map_is_kept_when_the_editor_saves_it():
    stored = campaign_document(load_campaign(SAMPLE_DIR / "demo.toml"))
    form = MultiDict(as_multidict(editor_form("csrf", 1)))
    saved = read_form(form, stored, ("sv", "en"), {"sv": "Vill inte svara", "en": "Rather not"})
    assert stored["map"] == saved["map"]


async def test_the_editor_writes_lattlast_and_lists_the_texts_without_it(organiser, registry):
    await create(organiser)
    easy = {"title.sv-easy": "Trygg i Kil", "area-1.label.sv-easy": "Bilar och trafik"}
    response = await save(organiser, **easy, **{"intro.en-easy": "  "})
    soup = BeautifulSoup(await response.text(), "html.parser")
    assert soup.find(id="f-title-sv-easy")["value"] == "Trygg i Kil"
    assert soup.find("label", {"for": "f-intro-sv-easy"}).get_text() == "svenska, lättläst"
    missing = soup.find(id="missing-easy-h").find_next("ul").get_text(" ", strip=True)
    assert "svenska: 7 texter saknar lättläst version: intro, next_steps, areas[0].label" in missing
    assert 303 == (await save(organiser, **easy)).history[0].status
    assert 200 == (await press(organiser, "kil-2026", "open")).status
    served = await (await organiser.get("/api/v1/campaigns/kil-2026")).json()
    assert ["sv"] == served["easy_languages"]
    assert "Bilar och trafik" == served["areas"][1]["label"]["sv-easy"]
