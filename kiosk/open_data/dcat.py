"""`GET /api/v1/dcat`: the open data as a DCAT-AP-SE catalogue, for dataportal.se.

One `dcat:Dataset` per published result and per public promise, with its title and
description in every language it has, the publisher (`MEDBORGARDIALOG_ORGANISATION`), the
contact point (`MEDBORGARDIALOG_CONTACT`), when it was issued and last modified, the EU data
theme "Justice, legal system and public safety", and distributions (JSON, and CSV for
results) under the data licence (`MEDBORGARDIALOG_DATA_LICENCE`, CC0 1.0 by default).
Turtle by default; RDF/XML or JSON-LD when `Accept` asks for them.

Only what is public is listed: unpublished results and promises not yet public are not,
and every distribution is one of the public read-only routes.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime

from aiohttp import web
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from kiosk.app_keys import CAMPAIGNS, CATALOGS, CONFIG, STORE
from kiosk.clock import CLOCK
from kiosk.edge.links import public_base
from kiosk.edge.negotiation import preferred
from kiosk.open_data.openapi_parts import N_
from locales import Catalogs
from storage.promises import list_promises
from storage.publication import published_campaigns
from storage.walks import list_walks
from survey import Campaign
from survey.area_map import AreaMap
from survey.promises.promise import Promise
from survey.promises.walks import Walk

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
THEME = URIRef(EU + "data-theme/JUST")
THEMES = URIRef(EU + "data-theme")
LANGUAGE = {
    lang: URIRef(EU + "language/" + code)
    for lang, code in {"sv": "SWE", "en": "ENG", "ar": "ARA", "fi": "FIN"}.items()
}
FILE_TYPE = {
    "json": URIRef(EU + "file-type/JSON"),
    "csv": URIRef(EU + "file-type/CSV"),
    "geojson": URIRef(EU + "file-type/GEOJSON"),
}
GEOSPARQL = Namespace("http://www.opengis.net/ont/geosparql#")
MEDIA_TYPE = {
    "json": URIRef("https://www.iana.org/assignments/media-types/application/json"),
    "csv": URIRef("https://www.iana.org/assignments/media-types/text/csv"),
    "geojson": URIRef("https://www.iana.org/assignments/media-types/application/geo+json"),
}
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"

# Media type asked for (Accept) to rdflib's name of the format; Turtle when none fits.
FORMATS = {
    "text/turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}
DEFAULT_MEDIA = "text/turtle"
FRESH_SECONDS = 5.0

RESULTS_TITLE = N_("%(title)s: resultat")
RESULTS_TEXT = N_(
    "Hur invånarna prioriterade områdena i medborgardialogen %(title)s: antal deltagare, "
    "röster, andel och rang per område. Antal under fem visas inte, och inga enskilda svar."
)
PROMISE_TEXT = N_(
    "Medborgarlöftet %(title)s: aktiviteterna, vem som ansvarar, status, offentliga "
    "lägesuppdateringar, giltighet och uppföljning."
)
WALK_TEXT = N_(
    "Trygghetsvandringen %(title)s (%(date)s): platserna som markerades, med kategori, status, "
    "vem som ansvarar och varför; anteckningar och foton först när de har godkänts."
)
CATALOGUE_TITLE = N_("Öppna data från medborgardialoger")
CATALOGUE_TEXT = N_(
    "Publicerade resultat av medborgardialoger och de medborgarlöften som följde dem."
)
KEYWORD = N_("medborgardialog")


@dataclass(frozen=True)
class Publisher:
    name: str
    contact: str | None


def _text(catalogs: Catalogs, lang: str, message: str, **values) -> Literal:
    return Literal(catalogs.get(lang).gettext(message) % values, lang=lang)


def _day(value: str | date | datetime) -> Literal:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return Literal(value.isoformat(), datatype=XSD.date)


class CatalogueGraph:
    """A DCAT-AP-SE graph being built for one base address."""

    def __init__(self, base: str, catalogs: Catalogs, licence: str, publisher: Publisher):
        self.base, self.catalogs, self.licence = base, catalogs, URIRef(licence)
        self.graph = Graph()
        for prefix, namespace in (
            ("dcat", DCAT),
            ("dcterms", DCTERMS),
            ("foaf", FOAF),
            ("vcard", VCARD),
        ):
            self.graph.bind(prefix, namespace)
        self.catalogue = URIRef(f"{base}/api/v1/dcat")
        self.publisher = self._agent(publisher.name)
        self.contact = self._contact(publisher) if publisher.contact else None
        self._describe_catalogue()

    def _agent(self, name: str) -> BNode:
        agent = BNode()
        self.graph.add((agent, RDF.type, FOAF.Agent))
        self.graph.add((agent, FOAF.name, Literal(name)))
        return agent

    def _contact(self, publisher: Publisher) -> BNode:
        contact = BNode()
        g = self.graph
        g.add((contact, RDF.type, VCARD.Organization))
        g.add((contact, VCARD.fn, Literal(publisher.name)))
        address = publisher.contact
        target = address if ":" in address else f"mailto:{address}"
        g.add((contact, VCARD.hasEmail, URIRef(target)))
        return contact

    def _describe_catalogue(self) -> None:
        g, c = self.graph, self.catalogue
        g.add((c, RDF.type, DCAT.Catalog))
        for lang in self.catalogs.by_language:
            g.add((c, DCTERMS.title, _text(self.catalogs, lang, CATALOGUE_TITLE)))
            g.add((c, DCTERMS.description, _text(self.catalogs, lang, CATALOGUE_TEXT)))
            if lang in LANGUAGE:
                g.add((c, DCTERMS.language, LANGUAGE[lang]))
        g.add((c, DCTERMS.publisher, self.publisher))
        g.add((c, DCTERMS.license, self.licence))
        g.add((c, FOAF.homepage, URIRef(f"{self.base}/")))
        g.add((c, DCAT.themeTaxonomy, THEMES))

    def _dataset(
        self,
        name: str,
        languages: tuple[str, ...],
        title,
        description,
        issued,
        modified,
        page: str,
    ) -> URIRef:
        g = self.graph
        dataset = URIRef(f"{self.catalogue}#{name}")
        g.add((self.catalogue, DCAT.dataset, dataset))
        g.add((dataset, RDF.type, DCAT.Dataset))
        for lang in languages:
            g.add((dataset, DCTERMS.title, title(lang)))
            g.add((dataset, DCTERMS.description, description(lang)))
            g.add((dataset, DCAT.keyword, _text(self.catalogs, lang, KEYWORD)))
            if lang in LANGUAGE:
                g.add((dataset, DCTERMS.language, LANGUAGE[lang]))
        g.add((dataset, DCTERMS.identifier, Literal(str(dataset))))
        g.add((dataset, DCTERMS.publisher, self.publisher))
        if self.contact is not None:
            g.add((dataset, DCAT.contactPoint, self.contact))
        g.add((dataset, DCAT.theme, THEME))
        g.add((dataset, DCTERMS.issued, _day(issued)))
        g.add((dataset, DCTERMS.modified, _day(modified)))
        g.add((dataset, DCAT.landingPage, URIRef(self.base + page)))
        return dataset

    def _distribution(self, dataset: URIRef, kind: str, path: str, title: str) -> None:
        g = self.graph
        url = URIRef(self.base + path)
        distribution = URIRef(f"{dataset}-{kind}")
        g.add((dataset, DCAT.distribution, distribution))
        g.add((distribution, RDF.type, DCAT.Distribution))
        g.add((distribution, DCTERMS.title, Literal(title)))
        g.add((distribution, DCAT.accessURL, url))
        g.add((distribution, DCAT.downloadURL, url))
        g.add((distribution, DCTERMS.format, FILE_TYPE[kind]))
        g.add((distribution, DCAT.mediaType, MEDIA_TYPE[kind]))
        g.add((distribution, DCTERMS.license, self.licence))

    def add_results(self, campaign: Campaign, published_at: str, modified: date) -> None:
        """A dataset of a campaign's published results, as JSON and as CSV."""
        catalogs = self.catalogs
        dataset = self._dataset(
            f"results-{campaign.id}",
            campaign.languages,
            lambda lang: _text(
                catalogs, lang, RESULTS_TITLE, title=campaign.text(campaign.title, lang)
            ),
            lambda lang: _text(
                catalogs, lang, RESULTS_TEXT, title=campaign.text(campaign.title, lang)
            ),
            published_at,
            max(modified, date.fromisoformat(published_at[:10])),
            f"/c/{campaign.id}/results",
        )
        self._distribution(dataset, "json", f"/api/v1/campaigns/{campaign.id}/results", "JSON")
        self._distribution(dataset, "csv", f"/api/v1/campaigns/{campaign.id}/results.csv", "CSV")
        if campaign.map is not None:
            self._spatial(dataset, campaign.map)
        if any(question.kind == "place" for question in campaign.questions):
            path = f"/api/v1/campaigns/{campaign.id}/results/places.geojson"
            self._distribution(dataset, "geojson", path, "GeoJSON")

    def _spatial(self, dataset: URIRef, area_map: AreaMap) -> None:
        """The campaign's map as the dataset's spatial coverage: its bounds as a WKT box."""
        g = self.graph
        where = BNode()
        w, s, e, n = area_map.west, area_map.south, area_map.east, area_map.north
        box = f"POLYGON(({w} {s}, {e} {s}, {e} {n}, {w} {n}, {w} {s}))"
        g.add((dataset, DCTERMS.spatial, where))
        g.add((where, RDF.type, DCTERMS.Location))
        g.add((where, DCAT.bbox, Literal(box, datatype=GEOSPARQL.wktLiteral)))

    def add_promise(self, promise: Promise, updated_at: str) -> None:
        """A dataset of a public promise, as JSON."""
        catalogs = self.catalogs
        dataset = self._dataset(
            f"promise-{promise.id}",
            promise.languages,
            lambda lang: Literal(promise.text(promise.title, lang), lang=lang),
            lambda lang: _text(
                catalogs, lang, PROMISE_TEXT, title=promise.text(promise.title, lang)
            ),
            promise.published,
            max(date.fromisoformat(updated_at[:10]), promise.published),
            f"/p/{promise.id}/",
        )
        self._distribution(dataset, "json", f"/api/v1/promises/{promise.id}", "JSON")

    def add_walk(self, walk: Walk, promise: Promise, area_map: AreaMap | None) -> None:
        """A dataset of a published safety walk, as JSON and as GeoJSON."""
        catalogs = self.catalogs
        day = walk.date.isoformat()
        dataset = self._dataset(
            f"walk-{walk.id}",
            promise.languages,
            lambda lang: Literal(walk.title, lang=promise.default_language),
            lambda lang: _text(catalogs, lang, WALK_TEXT, title=walk.title, date=day),
            walk.published_at or day,
            date.fromisoformat((walk.published_at or day)[:10]),
            f"/p/{promise.id}/walks/{walk.id}",
        )
        self._distribution(dataset, "json", f"/api/v1/walks/{walk.id}", "JSON")
        path = f"/api/v1/walks/{walk.id}/points.geojson"
        self._distribution(dataset, "geojson", path, "GeoJSON")
        if area_map is not None:
            self._spatial(dataset, area_map)


def results_modified(campaign: Campaign, published_at: str, today: date) -> date:
    """When the published figures last changed: today while the campaign takes answers,
    else the day it closed (or was published, if later). No answer's time is used."""
    published = date.fromisoformat(published_at[:10])
    closes = campaign.closes
    if closes is None or closes >= today:
        return today
    return max(published, closes)


def publisher_of(config, campaigns: list[Campaign]) -> Publisher:
    """Who publishes the data: the configured organisation, else the campaigns' organisers."""
    name = config.organisation
    if not name:
        names = dict.fromkeys(n for c in campaigns for n in c.organisers_in(c.default_language))
        name = ", ".join(names) or "Medborgardialog"
    return Publisher(name, config.contact)


async def catalogue_graph(request: web.Request) -> Graph:
    """The catalogue of what is public now."""
    app = request.app
    campaigns = app[CAMPAIGNS]
    today = app[CLOCK].today()
    published = await app[STORE].read(published_campaigns)
    stored = await app[STORE].read(list_promises)
    shown = [(campaigns[cid], at) for cid, at in published.items() if cid in campaigns]
    config = app[CONFIG]
    built = CatalogueGraph(
        public_base(request),
        app[CATALOGS],
        config.data_licence,
        publisher_of(config, [c for c, _ in shown] or list(campaigns.values())),
    )
    for campaign, at in shown:
        built.add_results(campaign, at, results_modified(campaign, at, today))
    public = {}
    for found in stored:
        if found.promise.is_public(today):
            built.add_promise(found.promise, found.updated_at)
            public[found.promise.id] = found.promise
    for walk in await app[STORE].read(list_walks):
        if walk.published_at and walk.promise in public:
            area_map = campaigns[walk.campaign].map if walk.campaign in campaigns else None
            built.add_walk(walk, public[walk.promise], area_map)
    return built.graph


def chosen_media(request: web.Request) -> str:
    """The RDF syntax `Accept` prefers among those offered; Turtle when it names none."""
    wanted = preferred(request.headers.get("Accept", "").lower())
    return next((media for media in wanted if media in FORMATS), DEFAULT_MEDIA)


@dataclass
class CatalogueCache:
    """The serialised catalogue per (base, media type), kept a few seconds: a harvester's
    burst of requests builds it once."""

    made: dict[tuple[str, str], tuple[float, bytes]]


CATALOGUE_CACHE = web.AppKey("dcat_cache", CatalogueCache)


async def dcat_view(request: web.Request) -> web.Response:
    """The DCAT-AP-SE catalogue, in the syntax the client accepts."""
    media = chosen_media(request)
    key = (public_base(request), media)
    cache = request.app[CATALOGUE_CACHE]
    now = request.app[CLOCK].monotonic()
    found = cache.made.get(key)
    if found is None or now - found[0] >= FRESH_SECONDS:
        graph = await catalogue_graph(request)
        # rdflib takes its time (the first time it also loads its serialisers): not on the loop.
        text = await asyncio.to_thread(graph.serialize, format=FORMATS[media])
        body = text.encode()
        found = cache.made[key] = (now, body)
    return web.Response(
        body=found[1], content_type=media, charset="utf-8", headers={"Vary": "Accept"}
    )
