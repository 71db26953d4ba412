"""Lättläst: easy-to-read texts beside the plain ones, checked on load, served by the API,
recorded with each answer and exported; the demo's easy Swedish is easier by LIX."""

from __future__ import annotations

import io
import json
import sqlite3
import uuid

import pytest
from sqlite_utils import Database

from campaigns import SAMPLE_DIR
from kiosk.app import create_app
from kiosk.config import WebConfig
from promises import SAMPLE_DIR as PROMISES_DIR
from storage.campaigns import register_campaigns
from storage.connection import immediate
from storage.export_csv import csv_chunks
from storage.export_json import json_export_chunks
from storage.export_sqlite import write_analyst_copy
from storage.export_tables import export_table
from storage.export_xlsx import write_xlsx
from storage.migrations import migrate
from storage.responses import save_response
from survey import CampaignError, Response
from survey.easy_read import campaign_texts, easy_languages, lacking_easy, lix, promise_texts
from survey.loader import parse_campaign
from survey.promises.loader import PromiseError, parse_promise
from tests.export_readers import read_csv, read_xlsx

DEMO = (SAMPLE_DIR / "demo.toml").read_text(encoding="utf-8")
DEMO_PROMISE = (PROMISES_DIR / "demo.toml").read_text(encoding="utf-8")
AREAS = ["violence-public", "unsafe-places", "traffic"]


def refusal(text: str) -> str:
    with pytest.raises(CampaignError) as raised:
        parse_campaign(text, "demo.toml")
    return str(raised.value)


def test_an_easy_text_sits_beside_the_plain_one_and_is_picked_where_there_is_one(campaigns):
    demo = campaigns["demo"]
    assert ("sv",) == demo.easy_languages
    assert "Ett test: Trygg och säker" == demo.text(demo.title, "sv", easy=True)
    assert "Demo: Trygg och säker" == demo.text(demo.title, "sv")
    assert "Demo: Safe and secure" == demo.text(demo.title, "en", easy=True)  # none in English
    assert not demo.offers_easy("en")
    assert ("sv",) == campaigns["demo"].easy_languages
    assert () == campaigns["karlstad-2016"].easy_languages


def test_campaigns_check_refuses_a_bad_easy_text_naming_where():
    wrong_language = DEMO.replace('sv-easy = "Brott i trafiken"', 'de-easy = "Verkehr"')
    assert refusal(wrong_language) == (
        "demo.toml: areas[6].label.de-easy: is an easy-to-read text in a language the file "
        "does not have"
    )
    empty = DEMO.replace('sv-easy = "Social oro"', 'sv-easy = "  "').replace(
        'sv-easy = "Bråk och oro där du bor"', 'sv-easy = " "'
    )
    assert "demo.toml: areas[5].label.sv-easy: must be a non-empty string" == refusal(empty)
    without_plain = DEMO.replace('sv = "Trafikbrott"\n', "")
    assert "demo.toml: areas[6].label.sv-easy: has no plain text 'sv' beside it" == refusal(
        without_plain
    )


def test_promise_files_are_checked_the_same_way():
    assert ("sv",) == parse_promise(DEMO_PROMISE, "demo.toml").easy_languages
    broken = DEMO_PROMISE.replace(
        'sv-easy = "Polisen kollar hur fort bilarna kör vid skolorna."',
        'se-easy = "Polisen kollar hur fort bilarna kör vid skolorna."',
    )
    with pytest.raises(PromiseError) as raised:
        parse_promise(broken, "demo.toml")
    assert str(raised.value) == (
        "demo.toml: activities[3].text.se-easy: is an easy-to-read text in a language the file "
        "does not have"
    )


def test_every_text_of_the_demo_and_its_promise_has_easy_swedish():
    import tomllib

    for document, texts in (
        (tomllib.loads(DEMO), campaign_texts),
        (tomllib.loads(DEMO_PROMISE), promise_texts),
    ):
        assert [] == lacking_easy(texts(document), "sv")
        assert ("sv",) == easy_languages(texts(document), document["languages"])


def plain_and_easy(texts) -> tuple[list[str], list[str]]:
    tables = [text for _key, text in texts]
    return [t["sv"] for t in tables], [t["sv-easy"] for t in tables]


def test_the_demos_easy_swedish_is_easier_by_lix(capsys):
    """LIX: words per sentence plus the share of words over six letters, in per cent."""
    import tomllib

    figures = {}
    for name, document, texts in (
        ("campaign", tomllib.loads(DEMO), campaign_texts),
        ("promise", tomllib.loads(DEMO_PROMISE), promise_texts),
    ):
        plain, easy = plain_and_easy(texts(document))
        figures[name] = (round(lix(plain), 1), round(lix(easy), 1))
    with capsys.disabled():
        for name, (plain, easy) in figures.items():
            print(f"\nLIX of the demo {name}'s Swedish: plain {plain}, lättläst {easy}")
    for plain, easy in figures.values():
        assert easy < plain
        assert easy < 30  # "easy" or "very easy" on the LIX scale


def test_lix_counts_words_sentences_and_long_words():
    # 10 words, 2 sentences, 1 word over six letters ("Karlstad" has eight): 5 + 10.
    assert 15.0 == lix(["Vi bor i Karlstad nu. Det är en fin stad."])
    assert 0.0 == lix([""])


@pytest.fixture
async def client(aiohttp_client, store, campaigns, catalogs):
    return await aiohttp_client(create_app(WebConfig(), store, campaigns, catalogs, b"k" * 32))


def body(**changes) -> dict:
    found = {
        "id": str(uuid.uuid4()),
        "areas": AREAS,
        "comment": None,
        "locale": "sv",
        "channel": "kiosk",
        "answers": {},
    }
    return {**found, **changes}


async def test_the_api_carries_both_variants_and_records_easy_read(client, store):
    campaign = await (await client.get("/api/v1/campaigns/demo")).json()
    assert ["sv"] == campaign["easy_languages"]
    assert "Ett test: Trygg och säker" == campaign["title"]["sv-easy"]
    assert "Brott i trafiken" == campaign["areas"][6]["label"]["sv-easy"]
    easy, plain, english = body(easy_read=True), body(), body(locale="en", easy_read=True)
    for posted in (easy, plain, english):
        assert 201 == (await client.post("/api/v1/campaigns/demo/responses", json=posted)).status
    # Recorded only where the campaign has easy texts in the answer's language.
    assert True is (await store.get_response(easy["id"])).easy_read
    assert False is (await store.get_response(plain["id"])).easy_read
    assert False is (await store.get_response(english["id"])).easy_read
    wrong = await client.post("/api/v1/campaigns/demo/responses", json=body(easy_read="yes"))
    assert 422 == wrong.status
    assert {"error": "field.type", "field": "easy_read"} == {
        k: v for k, v in (await wrong.json()).items() if k in ("error", "field")
    }


@pytest.fixture
def db(campaigns):
    db = Database(memory=True)
    migrate(db)
    with immediate(db):
        register_campaigns(db, list(campaigns.values()))
        for easy in (True, False):
            response = Response(
                id=str(uuid.uuid4()),
                campaign="demo",
                channel="web",
                locale="sv",
                areas=tuple(AREAS),
                easy_read=easy,
            )
            save_response(db, response)
    return db


def test_every_export_has_the_easy_read_column(db, campaigns, tmp_path):
    demo = campaigns["demo"]
    table = export_table(db, demo, "responses", machine_names=True)
    rows = read_csv("".join(csv_chunks(table, ";")).encode("utf-8"), ";")
    column = rows[0].index("easy_read")
    assert ["1", ""] == sorted((row[column] for row in rows[1:]), reverse=True)
    buffer = io.BytesIO()
    write_xlsx(export_table(db, demo, "responses"), buffer)
    buffer.seek(0)
    cells = read_xlsx(buffer)
    column = cells[0].index("Lättläst")
    marks = sorted(row[column] if len(row) > column else 0 for row in cells[1:])
    assert [0, 1] == marks  # a number, as `late` is
    exported = json.loads("".join(json_export_chunks(db, demo)))
    assert [False, True] == sorted(r["easy_read"] for r in exported["responses"])
    write_analyst_copy(db, demo, tmp_path / "demo.db", "sv", lambda message: message)
    with sqlite3.connect(tmp_path / "demo.db") as copy:
        assert [(0,), (1,)] == copy.execute(
            "SELECT easy_read FROM responses ORDER BY easy_read"
        ).fetchall()
    metadata = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    columns = metadata["databases"]["demo"]["tables"]["responses"]["columns"]
    assert "Lättläst" in columns["easy_read"]


def test_the_campaign_document_keeps_easy_texts_when_written_back(campaigns):
    from survey.campaign_document import campaign_as_toml

    text = campaign_as_toml(campaigns["demo"])
    assert "Brott i trafiken" in text
    assert ("sv",) == parse_campaign(text).easy_languages
