"""Open data: the DCAT-AP-SE catalogue lists a dataset per published result and public
promise, with licence, publisher, titles and distributions that download; `results.csv` is
the published figures, small counts suppressed, formulas neutralised; nothing unpublished."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import subprocess
from dataclasses import replace
from datetime import UTC, datetime

import openpyxl
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

import promises as sample_promises
from kiosk.app import create_app
from kiosk.app_keys import STORE
from kiosk.config import WebConfig
from kiosk.open_data.dcat import CC0, FRESH_SECONDS, THEME
from kiosk.open_data.results_csv import results_csv
from medborgardialog.settings import Settings
from storage import Store
from storage.promises import save_promise
from storage.publication import publish, unpublish
from storage.published_results import ResultsData
from storage.sample_data import add_sample_data
from survey import Area
from survey.promises.loader import load_promise
from survey.tally import tally_from_counts
from tests.campaign_copies import demo_copy
from tests.fake_clock import FakeClock

ORGANISATION = "Karlstads kommun och Polisen i Karlstad"
CONTACT = "dialog@karlstad.example"


@pytest.fixture
def clock():
    return FakeClock("2026-03-02T10:00:00+01:00")


@pytest.fixture
async def client(aiohttp_client, tmp_path, campaigns, catalogs, clock):
    store = Store(tmp_path / "open.db")
    await store.register_campaigns(list(campaigns.values()))
    store.call(add_sample_data, campaigns["demo"], datetime(2026, 3, 1, tzinfo=UTC), write=True)
    config = WebConfig(organisation=ORGANISATION, contact=CONTACT)
    app = create_app(config, store, campaigns, catalogs, b"k" * 32, clock=clock)
    yield await aiohttp_client(app)
    store.close()


def publish_demo(client, clock) -> None:
    client.app[STORE].call(
        lambda db: publish(db, "demo", "ada", datetime(2026, 3, 2, tzinfo=UTC)), write=True
    )
    clock.advance(FRESH_SECONDS + 1)


async def catalogue(client, accept: str | None = None) -> Graph:
    headers = {"Accept": accept} if accept else {}
    response = await client.get("/api/v1/dcat", headers=headers)
    assert 200 == response.status
    graph = Graph()
    fmt = {"application/rdf+xml": "xml"}.get(accept or "", "turtle")
    graph.parse(data=await response.text(), format=fmt)
    return graph


def datasets(graph: Graph) -> list[URIRef]:
    return sorted(graph.subjects(RDF.type, DCAT.Dataset))


async def test_nothing_is_listed_before_results_are_published(client):
    graph = await catalogue(client)
    assert 1 == len(list(graph.subjects(RDF.type, DCAT.Catalog)))
    assert [] == datasets(graph)


async def test_published_results_are_a_dataset_with_what_dcat_ap_se_asks(client, clock):
    publish_demo(client, clock)
    graph = await catalogue(client)
    [dataset] = datasets(graph)
    titles = {t.language: str(t) for t in graph.objects(dataset, DCTERMS.title)}
    assert {"sv", "en", "ar", "fi"} == set(titles)
    assert "Demo: Trygg och säker" in titles["sv"]
    assert {"sv", "en", "ar", "fi"} == {
        d.language for d in graph.objects(dataset, DCTERMS.description)
    }
    [publisher] = graph.objects(dataset, DCTERMS.publisher)
    assert ORGANISATION == str(graph.value(publisher, FOAF.name))
    [contact] = graph.objects(dataset, DCAT.contactPoint)
    vcard = "http://www.w3.org/2006/vcard/ns#"
    assert URIRef(f"mailto:{CONTACT}") == graph.value(contact, URIRef(vcard + "hasEmail"))
    assert THEME in set(graph.objects(dataset, DCAT.theme))
    assert "2026-03-02" == str(graph.value(dataset, DCTERMS.issued))
    assert graph.value(dataset, DCTERMS.modified) is not None
    distributions = list(graph.objects(dataset, DCAT.distribution))
    assert 3 == len(distributions)  # JSON, CSV, and GeoJSON: the demo asks where
    for distribution in distributions:
        assert URIRef(CC0) == graph.value(distribution, DCTERMS.license)
        url = str(graph.value(distribution, DCAT.downloadURL))
        assert url.startswith(str(client.make_url("/")))
        download = await client.get(url.removeprefix(str(client.make_url("")).rstrip("/")))
        assert 200 == download.status, url
        assert "*" == download.headers["Access-Control-Allow-Origin"]


async def test_rdf_xml_when_asked(client, clock):
    publish_demo(client, clock)
    response = await client.get("/api/v1/dcat", headers={"Accept": "application/rdf+xml"})
    assert response.content_type == "application/rdf+xml"
    graph = await catalogue(client, "application/rdf+xml")
    assert 1 == len(datasets(graph))
    turtle = await client.get("/api/v1/dcat")
    assert turtle.content_type == "text/turtle"


async def test_unpublished_results_leave_the_catalogue(client, clock):
    publish_demo(client, clock)
    client.app[STORE].call(lambda db: unpublish(db, "demo", "ada"), write=True)
    clock.advance(FRESH_SECONDS + 1)
    assert [] == datasets(await catalogue(client))
    assert 404 == (await client.get("/api/v1/campaigns/demo/results.csv")).status


async def test_a_public_promise_is_a_dataset_and_a_draft_is_not(client, clock):
    promise = load_promise(sample_promises.SAMPLE_DIR / "demo.toml")
    draft = replace(promise, id="utkast", published=None)
    now = datetime(2026, 3, 2, tzinfo=UTC)
    for found in (promise, draft):
        client.app[STORE].call(
            lambda db, p=found: save_promise(db, p, actor="ada", now=now), write=True
        )
    graph = await catalogue(client)
    [dataset] = datasets(graph)
    assert str(dataset).endswith("#promise-demo")
    [distribution] = graph.objects(dataset, DCAT.distribution)
    url = str(graph.value(distribution, DCAT.downloadURL))
    assert url.endswith("/api/v1/promises/demo")
    assert 200 == (await client.get("/api/v1/promises/demo")).status
    assert URIRef(CC0) == graph.value(distribution, DCTERMS.license)


async def test_results_csv_has_the_published_figures(client, clock):
    assert 404 == (await client.get("/api/v1/campaigns/demo/results.csv")).status
    publish_demo(client, clock)
    response = await client.get("/api/v1/campaigns/demo/results.csv")
    assert 200 == response.status
    assert "text/csv" == response.content_type and "utf-8" == response.charset
    raw = await response.read()
    assert not raw.startswith(b"\xef\xbb\xbf")
    every = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    rows = [row for row in every if row["table"] == "areas"]
    published = await (await client.get("/api/v1/campaigns/demo/results")).json()
    assert [r["area"] for r in published["tally"]] == [row["id"] for row in rows]
    # The demo's public questions follow, one row per option, with the published counts.
    counted = {
        (q["id"], c["option"]): c["count"] for q in published["questions"] for c in q["counts"]
    }
    asked = {(row["question"], row["id"]): row["count"] for row in every[len(rows) :]}
    assert {key: "" if n is None else str(n) for key, n in counted.items()} == asked
    for row, figure in zip(rows, published["tally"], strict=True):
        assert "areas" == row["table"]
        assert str(figure["votes"]) == row["count"]
        assert str(figure["rank"]) == row["rank"]
        assert figure["label"]["sv"] == row["label_sv"]
        assert abs(figure["share"] - float(row["share"])) < 0.0001
    header = raw.decode().splitlines()[0]
    assert "table,question,id,label_sv,label_en,label_ar,label_fi,count,share,rank" == header
    for comment in published["comments"]:
        assert comment["text"] not in raw.decode()


def test_small_counts_are_left_out_and_formulas_neutralised():
    campaign = demo_copy("liten", ("sv", "en"))
    first = campaign.areas[0]
    campaign = replace(
        campaign,
        areas=(Area(first.id, {"sv": "=HYPERLINK(1)", "en": "+1"}), *campaign.areas[1:]),
    )
    votes = {area.id: 20 for area in campaign.areas}
    votes[campaign.areas[1].id] = 3  # under five: left out, and the next smallest with it
    votes[campaign.areas[2].id] = 7
    tally = tally_from_counts(campaign, 50, 0, votes)
    data = ResultsData(campaign, None, tally, 0, tally, {}, [], {}, [], None, [])
    rows = list(csv.DictReader(io.StringIO(results_csv(data).decode())))
    by_id = {row["id"]: row for row in rows}
    assert "" == by_id[campaign.areas[1].id]["count"] == by_id[campaign.areas[1].id]["share"]
    assert "" == by_id[campaign.areas[2].id]["count"]
    assert "'=HYPERLINK(1)" == by_id[first.id]["label_sv"]
    assert "'+1" == by_id[first.id]["label_en"]
    assert all(row["count"] == "" or int(row["count"]) >= 5 for row in rows)


def test_the_data_licence_setting():
    assert CC0 == Settings.from_env(env={}).data_licence
    other = "https://creativecommons.org/licenses/by/4.0/"
    assert other == Settings.from_env(env={"MEDBORGARDIALOG_DATA_LICENCE": other}).data_licence
    with pytest.raises(ValueError, match="MEDBORGARDIALOG_DATA_LICENCE"):
        Settings.from_env(env={"MEDBORGARDIALOG_DATA_LICENCE": "CC0"})


@pytest.mark.process  # LibreOffice is started as a program, as a person would open the file
async def test_results_csv_opens_in_libreoffice_calc_with_the_published_figures(
    client, clock, tmp_path
):
    publish_demo(client, clock)
    raw = await (await client.get("/api/v1/campaigns/demo/results.csv")).read()
    published = await (await client.get("/api/v1/campaigns/demo/results")).json()
    (tmp_path / "results.csv").write_bytes(raw)
    # Calc's own CSV import: comma-separated, UTF-8 (76), first row as given.
    done = await asyncio.to_thread(
        subprocess.run,
        ["soffice", "--headless", "--calc", "--infilter=CSV:44,34,76,1", "--convert-to",
         "xlsx", "--outdir", str(tmp_path), str(tmp_path / "results.csv")],
        capture_output=True,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path)},
    )  # fmt: skip
    assert 0 == done.returncode, done.stderr
    sheet = openpyxl.load_workbook(tmp_path / "results.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert "table" == rows[0][0]
    areas = [row for row in rows[1:] if row[0] == "areas"]
    assert [(f["area"], f["votes"]) for f in published["tally"]] == [(r[2], r[7]) for r in areas]
    arabic = rows[0].index("label_ar")
    assert published["tally"][0]["label"]["ar"] == areas[0][arabic]
