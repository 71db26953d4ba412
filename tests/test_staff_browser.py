"""The staff pages in Chromium: log in, read the ranking, moderate, download, stay safe."""

from __future__ import annotations

import json
import urllib.request
import uuid
import zipfile

import pytest
from playwright.sync_api import Page, expect

from storage.moderation import add_tag, list_tags
from storage.responses import save_response
from storage.staff import add_staff
from tests.export_readers import read_csv, read_xlsx
from tests.live_server import LiveServer
from tests.staff_support import _HASH, PASSWORD, answer

PAYLOADS = (
    "<script>alert('xss-script')</script>",
    "<img src=x onerror=\"alert('xss-img')\">",
    '"><svg onload=alert("xss-svg")>',
)


@pytest.fixture
def server(settings):
    with LiveServer(settings) as server:
        server.parts.store.call(add_staff, "ada", _HASH, "admin", write=True)
        yield server


def seed(server, *responses) -> None:
    def store(db):
        for response in responses:
            save_response(db, response)

    server.parts.store.call(store, write=True)


def log_in(page: Page, server, username: str = "ada") -> None:
    page.goto(f"{server.url}/staff/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name="Medborgardialoger")).to_be_visible()


def test_log_in_read_the_ranking_moderate_and_download(page: Page, server, tmp_path):
    seed(
        server,
        answer(areas=("traffic", "unsafe-places", "social-unrest"), comment="Mörkt vid Nobelplan"),
        answer(areas=("traffic", "unsafe-places", "drugs-alcohol")),
        answer(
            areas=("traffic", "violence-public", "drugs-alcohol"),
            channel="kiosk",
            source="mitt-i-city",
        ),
    )
    log_in(page, server)
    page.get_by_role("link", name="Demo: Trygg och säker").click()
    rows = page.locator("table.data").first.locator("tbody tr")
    expect(rows.nth(0)).to_contain_text("Trafikbrott")
    expect(rows.nth(0)).to_contain_text("3")
    expect(rows.nth(1)).to_contain_text("Otrygga miljöer")
    expect(page.locator("svg.chart").first).to_contain_text("1. Trafikbrott")

    page.get_by_role("link", name="Synpunkter").click()
    comment = page.locator("article.comment").filter(has_text="Mörkt vid Nobelplan")
    expect(comment.locator(".badge")).to_have_text("Ny")
    comment.get_by_role("button", name="Godkänn").click()
    expect(page.get_by_role("status")).to_contain_text("Godkänd")
    comment = page.locator("article.comment").filter(has_text="Mörkt vid Nobelplan")
    expect(comment.locator(".badge")).to_have_text("Godkänd")

    page.get_by_role("link", name="Export").click()
    links = page.locator("table.exports a")
    files = []
    for index in range(links.count()):
        with page.expect_download() as info:
            links.nth(index).click()
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        files.append(target)
    assert 10 == len(files)
    by_name = {f.name.rsplit("-", 3)[0] + f.suffix: f for f in files}
    responses = read_csv(by_name["demo-responses.csv"].read_bytes())
    assert 4 == len(responses)
    assert 4 == len(read_xlsx(by_name["demo-responses.xlsx"]))
    exported = json.loads(by_name["demo-responses.json"].read_text(encoding="utf-8"))
    assert 3 == exported["participants"]
    published = read_csv(by_name["demo-comments-published.csv"].read_bytes())
    assert "Mörkt vid Nobelplan" == published[1][3]
    assert "Trafikbrott" in read_csv(by_name["demo-responses-comma.csv"].read_bytes(), ",")[0]
    assert all(zipfile.is_zipfile(f) for f in files if f.suffix == ".xlsx")


def post_api(server, comment: str) -> None:
    body = {
        "id": str(uuid.uuid4()),
        "areas": ["traffic", "unsafe-places", "social-unrest"],
        "comment": comment,
        "locale": "sv",
        "channel": "web",
        "answers": {},
    }
    request = urllib.request.Request(
        f"{server.url}/api/v1/campaigns/demo/responses",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert 201 == response.status


def test_payloads_in_comments_sources_and_themes_never_run(page: Page, server):
    for payload in PAYLOADS:
        post_api(server, f"via webben {payload}")
    bot = [answer(channel="telegram", comment=f"via boten {p}") for p in PAYLOADS]
    paper = answer(channel="paper", source=PAYLOADS[1], comment=PAYLOADS[2])
    seed(server, *bot, paper)

    def themes(db):
        for payload in PAYLOADS:
            add_tag(db, "demo", payload, "ada")
        return [tag.id for tag in list_tags(db, "demo")]

    tag_ids = server.parts.store.call(themes, write=True)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, server)

    page.goto(f"{server.url}/staff/c/demo/comments")
    for index in range(3):  # approve some, with every theme, so the report quotes them
        article = page.locator("article.comment").nth(index)
        for tag_id in tag_ids:
            article.locator(f'input[name="tag"][value="{tag_id}"]').check()
        article.get_by_role("button", name="Godkänn").click()
        expect(page.get_by_role("status")).to_contain_text("Godkänd")

    pages = [
        "/staff/",
        "/staff/c/demo/",
        "/staff/c/demo/comments",
        "/staff/c/demo/comments?status=approved",
        "/staff/c/demo/paper",
        "/staff/c/demo/exports",
        "/staff/c/demo/report",
        "/staff/c/demo/report?lang=ar",
        "/staff/admin/",
    ]
    for path in pages:
        page.goto(f"{server.url}{path}")
        page.wait_for_load_state("networkidle")
        assert 0 == page.locator("body script:not([src]), img[src='x'], svg[onload]").count(), path
    page.goto(f"{server.url}/staff/c/demo/comments")
    text = page.locator("main").inner_text()
    for payload in PAYLOADS:
        assert f"via webben {payload}" in text
        assert f"via boten {payload}" in text
    page.goto(f"{server.url}/staff/c/demo/report")
    report = page.locator("article.report").inner_text()
    assert PAYLOADS[0] in report  # a theme's name, shown as text
    page.goto(f"{server.url}/staff/c/demo/")
    assert PAYLOADS[1] in page.locator("main").inner_text()  # the paper answer's source
    # One round of the live update, which swaps in new HTML and then says when it updated.
    live = page.locator("#live-status")
    updated = live.get_attribute("data-updated-text").split("%(time)s")[0]
    expect(live).to_contain_text(updated, timeout=15_000)
    assert [] == dialogs


def test_results_update_while_the_page_is_open(page: Page, server):
    seed(server, answer())
    log_in(page, server)
    page.goto(f"{server.url}/staff/c/demo/")
    expect(page.locator("#participants")).to_have_text("1")
    page.evaluate("window.notReloaded = true")
    seed(server, answer(), answer(channel="paper", source="Workshop KCCC"))
    expect(page.locator("#participants")).to_have_text("3", timeout=15_000)
    assert page.evaluate("window.notReloaded === true")
    expect(page.locator("#figures")).to_contain_text("Workshop KCCC")
