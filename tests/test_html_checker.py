"""The Nu Html Checker finds no error on any public page, in every language: the pages as
the server sends them (the web survey as it works without JavaScript), gathered from the
product and checked in one run of vnu.jar."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

from campaigns import SAMPLE_DIR
from locales import LANGUAGES
from medborgardialog.parts import assemble
from medborgardialog.server import build_app
from storage.publication import publish
from tests.html_checker import fetch_jar, html_errors
from tests.live_server import LiveServer, free_port
from tests.mail_server import MailServer, mailing_settings
from tests.promise_support import NOW, import_samples
from tests.walk_support import make_walk, write_campaign_dir

pytestmark = pytest.mark.process  # Java runs the checker

AREAS = ("violence-public", "unsafe-places", "traffic")
# A variant of every page is one more line here: its name and what its address adds.
VARIANTS = {
    "plain": {},
    "lattlast": {"easy": "1"},
}


def answer(**fields) -> dict:
    return {"id": str(uuid.uuid4()), **fields}


# (name, path, posted form or None) of every public page; `{walk}` and `{key}` are the
# published safety walk's.
PAGES = [
    ("home", "/", None),
    ("survey", "/c/demo/", None),
    ("survey-errors", "/c/demo/", lambda: answer()),
    ("survey-warning", "/c/demo/", lambda: answer(areas=AREAS, comment="Ring 070-123 45 67.")),
    ("thanks", "/c/demo/", lambda: answer(areas=AREAS)),
    ("closed", "/c/karlstad-2016/", None),
    ("results", "/c/demo/results", None),
    ("promises", "/p/", None),
    ("promise", "/p/demo/", None),
    ("promise-walk", "/p/demo/walks/{walk}", None),
    ("walk", "/w/{walk}/", {"k": "{key}"}),
    ("follow", "/c/demo/follow", None),
    ("follow-confirm", "/follow/confirm/not-a-token", None),
    ("follow-stop", "/follow/stop/not-a-token", None),
    ("follow-answer", "/follow/answer/not-a-token", None),
    ("accessibility", "/tillganglighet", None),
    ("privacy", "/integritet", None),
    ("api", "/api/", None),
    ("kiosk", "/kiosk/demo/", None),
    ("kiosk-status", "/kiosk/demo/status", None),
    ("not-found", "/c/nowhere/", None),
]


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    """The checker, fetched with npm on first use (into `.cache/vnu/`, ignored by git)."""
    return fetch_jar()


class CheckedServer(LiveServer):
    """The product with something on every public page: the sample promises, the demo's
    results published, a published safety walk, e-mail notices offered."""

    walk = key = None

    def _build(self):
        self.parts = assemble(self.settings)
        store = self.parts.store
        store.call(import_samples, write=True)
        store.call(lambda db: publish(db, "demo", "test", NOW), write=True)
        walk, self.key = store.call(lambda db: make_walk(db, published=True), write=True)
        self.walk = walk.id
        return build_app(self.parts)


@pytest.fixture
def server(settings, tmp_path):
    folder = tmp_path / "campaigns"
    shutil.copytree(SAMPLE_DIR, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    write_campaign_dir(folder)  # the demo with its map and place question
    with MailServer(tmp_path) as smtp:
        port = free_port()
        configured = mailing_settings(settings, smtp, port, campaigns_dir=folder)
        with CheckedServer(configured, port=port) as live:
            yield live


def fetch(url: str, form: dict | None) -> bytes:
    data = urllib.parse.urlencode(form, doseq=True).encode() if form is not None else None
    try:
        with urllib.request.urlopen(url, data=data, timeout=60) as response:
            return response.read()
    except urllib.error.HTTPError as error:  # error pages are pages too
        return error.read()


def test_no_public_page_has_an_html_error(server, tmp_path, vnu_jar):
    saved: list[Path] = []
    for variant, extra in VARIANTS.items():
        for lang in LANGUAGES:
            for name, path, given in PAGES:
                form = given() if callable(given) else None
                query = {"lang": lang, **extra}
                if isinstance(given, dict):
                    query.update({k: v.format(key=server.key) for k, v in given.items()})
                address = path.format(walk=server.walk)
                url = f"{server.url}{address}?{urllib.parse.urlencode(query)}"
                file = tmp_path / f"{name}.{lang}.{variant}.html"
                file.write_bytes(fetch(url, form))
                saved.append(file)
    assert [] == html_errors(vnu_jar, saved)


def kiosk_screens(page, url: str, lang: str) -> list[str]:
    """The kiosk's every screen in `lang`, as its script builds them."""
    page.goto(url)
    shown = [page.content()]
    page.locator(".screen-attract").tap()
    shown.append(page.content())
    page.locator(f".screen-language [lang={lang}]:not(.easy-read)").tap()
    while page.locator(".screen-confirm").count() == 0:
        if page.locator(".screen-areas").count():
            for index in (0, 1, 2):
                page.locator(".tile").nth(index).tap()
        shown.append(page.content())
        page.locator(".nav .primary").tap()
    shown.append(page.content())
    return shown


def test_no_page_has_an_html_error_once_its_script_has_run(page, server, tmp_path, vnu_jar):
    """The web survey walked by its script up to the summary, and every kiosk screen."""
    saved: list[Path] = []
    for lang in LANGUAGES:
        page.goto(f"{server.url}/c/demo/?lang={lang}")
        documents = [page.content()]
        page.locator(".step.current .primary").click()
        for area in AREAS:
            page.locator(f"label[for=area-{area}]").click()
        while page.locator(".step.current[data-step=confirm]").count() == 0:
            page.locator(".step.current .primary").click()
        documents.append(page.content())
        documents += kiosk_screens(page, f"{server.url}/kiosk/demo/", lang)
        for n, document in enumerate(documents):
            file = tmp_path / f"scripted-{n}.{lang}.html"
            file.write_text(document, encoding="utf-8")
            saved.append(file)
    assert [] == html_errors(vnu_jar, saved)
