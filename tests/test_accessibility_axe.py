"""axe-core in Chromium on every public page and every staff page, in Swedish and Arabic:
no violation of WCAG 2.1 level A or AA."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from storage.campaign_changes import save_draft
from storage.sample_data import add_sample_data
from storage.staff import add_staff
from survey.campaign_document import campaign_as_toml, new_document
from survey.toml_writer import dumps
from tests.campaign_copies import demo_copy
from tests.live_server import LiveServer
from tests.staff_support import _HASH, PASSWORD

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
LANGUAGES = ["sv", "ar"]
PUBLIC = ["/", "/integritet", "/tillganglighet", "/c/karlstad-2016/", "/c/nowhere/", "/api/"]
STAFF = [
    "/staff/",
    "/staff/c/demo/",
    "/staff/c/demo/comments",
    "/staff/c/demo/places",
    "/staff/c/demo/places?channel=kiosk",
    "/staff/c/demo/place-notes",
    "/staff/c/demo/paper",
    "/staff/c/demo/exports",
    "/staff/c/demo/report",
    "/staff/c/demo/report?lang=ar",
    "/staff/admin/",
    "/staff/admin/log",
    "/staff/admin/log?actor=cli&page=1",
    "/staff/campaigns/",
    "/staff/campaigns/demo/",
    "/staff/campaigns/utkast/",
    "/staff/campaigns/forhand/",
    "/staff/campaigns/forhand/preview",
]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def server(settings, campaigns):
    with LiveServer(settings) as server:
        store = server.parts.store
        store.call(add_staff, "ada", _HASH, "admin", write=True)
        now = datetime.now(UTC)
        store.call(add_sample_data, campaigns["demo"], now, write=True)
        draft = dumps(new_document("utkast", ["sv", "ar"], now.date()))
        store.call(  # a draft with problems to show beside its fields
            lambda db: save_draft(db, "utkast", draft, None, actor="ada", action="campaign.create"),
            write=True,
        )
        ready = demo_copy("forhand", ("sv", "ar"))
        store.call(
            lambda db: save_draft(
                db, "forhand", campaign_as_toml(ready), ready, actor="ada", action="campaign.create"
            ),
            write=True,
        )
        yield server


def violations(axe: Axe, page: Page) -> list[str]:
    """Each violation as "rule: where", for a readable failure."""
    found = axe.run(page, options=WCAG_21_AA).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {', '.join(n['target'][0] for n in v['nodes'][:3])}"
        for v in found
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_public_pages(page: Page, server, axe, lang):
    for path in PUBLIC:
        page.goto(f"{server.url}{path}?lang={lang}")
        assert [] == violations(axe, page), path


# Lättläst on: the demo's easy Swedish, and Arabic where the demo has none (nothing changes).
@pytest.mark.parametrize("easy", ["", "&easy=1"], ids=["plain", "lattlast"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_step_of_the_web_survey_and_its_thanks(page: Page, server, axe, lang, easy):
    page.goto(f"{server.url}/c/demo/?lang={lang}{easy}")
    found = {}
    for step in range(9):
        visible = page.locator(".step:visible, fieldset.step:visible, section.step:visible")
        if page.locator("#areas").is_visible():
            for area in ("violence-public", "drugs-alcohol", "traffic"):
                page.locator(f"label[for=area-{area}]").click()
        found[step] = violations(axe, page)
        assert visible.count() <= 1
        forward = page.locator(".step-nav button.primary:visible")
        forward.click()
    expect(page.locator("#thanks")).to_be_visible()
    found["thanks"] = violations(axe, page)
    assert {} == {step: problems for step, problems in found.items() if problems}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_web_survey_as_one_form_with_errors(page: Page, server, axe, lang):
    # Without the survey's script (axe itself needs JavaScript): the form as it works without.
    page.route("**/static/survey.js*", lambda route: route.abort())
    page.goto(f"{server.url}/c/demo/?lang={lang}")
    page.locator("button[type=submit].primary").click()  # nothing chosen: errors shown
    expect(page.locator("#error-summary")).to_be_visible()
    errors = violations(axe, page)
    for area in ("violence-public", "drugs-alcohol", "traffic"):
        page.locator(f"#area-{area}").check()
    page.locator("button[type=submit].primary").click()
    expect(page.locator(".summary")).to_be_visible()
    assert ([], []) == (errors, violations(axe, page))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_staff_pages(page: Page, server, axe, lang):
    page.goto(f"{server.url}/staff/login")
    login = violations(axe, page)
    page.get_by_label("Användarnamn").fill("ada")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name="Medborgardialoger")).to_be_visible()
    page.locator("#staff-language").select_option(lang)
    page.locator("form.language button").click()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    found = {"/staff/login": login}
    for path in STAFF:
        page.goto(f"{server.url}{path}")
        found[path] = violations(axe, page)
    assert {} == {path: problems for path, problems in found.items() if problems}
