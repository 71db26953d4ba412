"""Safety walks over HTTP: the participants' points and photos, and the published walk."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from rdflib import Graph
from rdflib.namespace import DCAT
from yarl import URL

from kiosk.open_data.dcat import CATALOGUE_CACHE
from kiosk.promises.cache import PROMISE_CACHE
from storage.walks import decide_note, decide_photo, get_walk, set_point_status
from survey.promises.walk_photo import MAX_SIDE
from tests.fake_clock import FakeClock
from tests.promise_support import NOW
from tests.staff_support import staff_app
from tests.walk_support import GPS_IFD, OUTSIDE, gps_jpeg, make_walk, mapped_campaigns, point


@pytest.fixture
async def walk_and_key(store):
    return await store.write(lambda db: make_walk(db))


@pytest.fixture
async def client(aiohttp_client, store, campaigns, catalogs, walk_and_key):
    app = staff_app(store, mapped_campaigns(campaigns), catalogs, clock=FakeClock(NOW))
    return await aiohttp_client(app)


def points_url(walk) -> str:
    return f"/api/v1/walks/{walk.id}/points"


async def post(client, walk, key, body, **headers):
    return await client.post(points_url(walk), json=body, headers={"X-Walk-Key": key, **headers})


async def test_a_point_is_stored_once_and_a_resend_is_harmless(client, walk_and_key, store):
    walk, key = walk_and_key
    body = point()
    first = await post(client, walk, key, body)
    assert 201 == first.status
    assert {"id": body["id"], "status": "created", "warnings": []} == await first.json()
    again = await post(client, walk, key, body)
    assert 200 == again.status
    assert "already_stored" == (await again.json())["status"]
    other = await post(client, walk, key, {**body, "category": "litter"})
    assert 409 == other.status
    assert "id.conflict" == (await other.json())["error"]
    (count,) = await store.read(
        lambda db: db.conn.execute("SELECT count(*) FROM walk_points").fetchone()
    )
    assert 1 == count


async def test_a_point_is_kept_to_about_five_metres(client, walk_and_key, store):
    walk, key = walk_and_key
    body = point(where=(59.3801234, 13.5051234))
    assert 201 == (await post(client, walk, key, body)).status
    lat, lon = await store.read(
        lambda db: db.conn.execute("SELECT lat, lon FROM walk_points").fetchone()
    )
    assert abs(lat - 59.3801234) * 111_320 <= 2.6
    assert (lat, lon) != (59.3801234, 13.5051234)


@pytest.mark.parametrize("key", [None, "", "wrong-key-000000000000000000000000"])
async def test_without_the_walks_key_nothing_is_stored(client, walk_and_key, key):
    walk, _ = walk_and_key
    headers = {} if key is None else {"X-Walk-Key": key}
    response = await client.post(points_url(walk), json=point(), headers=headers)
    assert 403 == response.status
    assert "walk_key.invalid" == (await response.json())["error"]


async def test_an_unknown_walk_is_refused_like_a_wrong_key(client, walk_and_key):
    _, key = walk_and_key
    response = await client.post(
        "/api/v1/walks/nosuch/points", json=point(), headers={"X-Walk-Key": key}
    )
    assert 403 == response.status


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"lat": OUTSIDE[0], "lon": OUTSIDE[1]}, "point.outside_map"),
        ({"category": "ufo"}, "point.category_unknown"),
        ({"lat": None}, "point.position_missing"),
        ({"lon": "13.5"}, "point.position_missing"),
        ({"note": "x" * 281}, "point.note_too_long"),
        ({"id": "not-a-uuid"}, "id.invalid"),
        ({"captured_at": "yesterday"}, "time.invalid"),
        ({"captured_at": "2027-01-01T00:00:00Z"}, "captured_at.future"),
    ],
)
async def test_an_invalid_point_is_refused_with_a_translated_reason(
    client, walk_and_key, change, code
):
    walk, key = walk_and_key
    response = await post(client, walk, key, {**point(), **change}, **{"Accept-Language": "en"})
    assert 422 == response.status
    body = await response.json()
    assert code == body["error"]
    assert body["message"]


async def test_nan_is_refused(client, walk_and_key):
    walk, key = walk_and_key
    text = point()
    raw = (
        f'{{"id": "{text["id"]}", "lat": NaN, "lon": 13.5, "category": "lighting", '
        '"note": null, "captured_at": null}'
    )
    response = await client.post(
        points_url(walk), data=raw, headers={"X-Walk-Key": key, "Content-Type": "application/json"}
    )
    assert 422 == response.status
    assert "point.position_invalid" == (await response.json())["error"]


async def test_a_closed_walk_takes_no_more_points(client, walk_and_key, store):
    walk, key = walk_and_key
    await store.write(lambda db: db.conn.execute("UPDATE walks SET open = 0"))
    response = await post(client, walk, key, point())
    assert 410 == response.status
    assert "walk.closed" == (await response.json())["error"]


async def test_a_note_with_personal_data_is_stored_with_a_warning(client, walk_and_key):
    walk, key = walk_and_key
    response = await post(client, walk, key, point(note="Ring mig på 070-123 45 67"))
    assert 201 == response.status
    assert ["phone"] == (await response.json())["warnings"]


async def add_photo(client, walk, key, point_id, body, content_type="image/jpeg"):
    return await client.post(
        f"{points_url(walk)}/{point_id}/photo",
        data=body,
        headers={"X-Walk-Key": key, "Content-Type": content_type},
    )


async def test_a_photo_is_stored_upright_smaller_and_without_its_gps(client, walk_and_key):
    walk, key = walk_and_key
    body = point()
    await post(client, walk, key, body)
    upload = gps_jpeg()
    assert Image.open(io.BytesIO(upload)).getexif().get_ifd(GPS_IFD)  # it does carry one
    response = await add_photo(client, walk, key, body["id"], upload)
    assert 201 == response.status
    assert 200 == (await add_photo(client, walk, key, body["id"], upload)).status
    fetched = await client.get(
        f"{points_url(walk)}/{body['id']}/photo", headers={"X-Walk-Key": key}
    )
    assert 200 == fetched.status
    assert "image/jpeg" == fetched.headers["Content-Type"]
    assert "inline" == fetched.headers["Content-Disposition"]
    assert "nosniff" == fetched.headers["X-Content-Type-Options"]
    stored = Image.open(io.BytesIO(await fetched.read()))
    assert "JPEG" == stored.format
    assert 0 == len(stored.getexif())
    assert b"Exif" not in await fetched.read()
    assert (683, MAX_SIDE) == stored.size  # turned upright: it was 3000 × 1000 on its side
    # Without the key, and before staff approve it, nobody sees it.
    assert 404 == (await client.get(f"{points_url(walk)}/{body['id']}/photo")).status


async def test_a_png_stays_a_png(client, walk_and_key):
    walk, key = walk_and_key
    body = point()
    await post(client, walk, key, body)
    out = io.BytesIO()
    Image.new("RGBA", (40, 30), (0, 0, 255, 128)).save(out, "PNG")
    assert (
        201 == (await add_photo(client, walk, key, body["id"], out.getvalue(), "image/png")).status
    )
    fetched = await client.get(
        f"{points_url(walk)}/{body['id']}/photo", headers={"X-Walk-Key": key}
    )
    assert "image/png" == fetched.headers["Content-Type"]


async def test_what_is_not_an_image_is_refused(client, walk_and_key):
    walk, key = walk_and_key
    body = point()
    await post(client, walk, key, body)
    not_image = await add_photo(client, walk, key, body["id"], b"<script>alert(1)</script>")
    assert 422 == not_image.status
    assert "photo.not_image" == (await not_image.json())["error"]
    wrong_type = await add_photo(client, walk, key, body["id"], b"GIF89a", "text/html")
    assert 415 == wrong_type.status
    too_big = await add_photo(
        client, walk, key, body["id"], io.BytesIO(b"\xff" * (10 * 1024 * 1024 + 1))
    )
    assert 413 == too_big.status
    no_key = await client.post(
        f"{points_url(walk)}/{body['id']}/photo",
        data=gps_jpeg(),
        headers={"Content-Type": "image/jpeg"},
    )
    assert 403 == no_key.status


async def test_a_decompression_bomb_is_refused(client, walk_and_key):
    walk, key = walk_and_key
    body = point()
    await post(client, walk, key, body)
    out = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(out, "PNG")  # 144 megapixels, a few kilobytes
    response = await add_photo(client, walk, key, body["id"], out.getvalue(), "image/png")
    assert 422 == response.status
    assert "photo.too_many_pixels" == (await response.json())["error"]


async def test_the_walk_is_not_public_before_it_is_published(client, walk_and_key):
    walk, _ = walk_and_key
    assert 404 == (await client.get(f"/api/v1/walks/{walk.id}")).status
    assert 404 == (await client.get(f"/api/v1/walks/{walk.id}/points.geojson")).status
    assert 404 == (await client.get(f"/p/demo/walks/{walk.id}")).status


async def test_the_published_walk_shows_notes_and_photos_only_once_approved(
    client, walk_and_key, store
):
    walk, key = walk_and_key
    marked = [point(), point("vegetation", note="Buskarna skymmer gångvägen")]
    for body in marked:
        assert 201 == (await post(client, walk, key, body)).status
    assert 201 == (await add_photo(client, walk, key, marked[0]["id"], gps_jpeg())).status
    await store.write(lambda db: db.conn.execute("UPDATE walks SET published_at = '2026-12-01'"))
    body = await (await client.get(f"/api/v1/walks/{walk.id}")).json()
    assert {"id", "title", "date", "promise", "activity", "points"} == set(body)
    assert (walk.id, "demo", "trygghetsvandringar", "2026-11-20") == (
        body["id"],
        body["promise"],
        body["activity"],
        body["date"],
    )
    assert [None, None] == [p["note"] for p in body["points"]]
    assert [None, None] == [p["photo"] for p in body["points"]]
    assert key not in str(body)
    first = marked[0]["id"]
    stored = await store.read(get_walk, walk.id)
    await store.write(lambda db: decide_note(db, stored, first, True, actor="kim", now=NOW))
    await store.write(lambda db: decide_photo(db, stored, first, True, actor="kim", now=NOW))
    body = await (await client.get(f"/api/v1/walks/{walk.id}")).json()
    shown = {p["id"]: p for p in body["points"]}
    assert "Lampan är trasig" == shown[first]["note"]
    photo = shown[first]["photo"]
    assert photo.endswith(f"/points/{first}/photo")
    assert None is shown[marked[1]["id"]]["note"]
    public = await client.get(photo)
    assert 200 == public.status
    assert 0 == len(Image.open(io.BytesIO(await public.read())).getexif())
    geo = await client.get(f"/api/v1/walks/{walk.id}/points.geojson")
    assert "application/geo+json" == geo.content_type
    features = {f["id"]: f for f in (await geo.json())["features"]}
    coordinates = features[first]["geometry"]["coordinates"]
    assert [13.505, 59.38] == [round(c, 3) for c in coordinates]
    assert "Lampan är trasig" == features[first]["properties"]["note"]
    assert None is features[marked[1]["id"]]["properties"]["note"]
    page = await client.get(f"/p/demo/walks/{walk.id}")
    assert 200 == page.status
    html = await page.text()
    assert "Lampan är trasig" in html and "Buskarna" not in html and key not in html


async def test_the_promise_counts_its_walks_places_and_fixed_ones(client, walk_and_key, store):
    walk, key = walk_and_key
    marked = [point(), point("litter"), point("traffic")]
    for body in marked:
        await post(client, walk, key, body)
    stored = await store.read(get_walk, walk.id)

    def statuses(db):
        set_point_status(
            db,
            stored,
            marked[0]["id"],
            "fixed",
            responsible="kommunen",
            reason=None,
            actor="kim",
            now=NOW,
        )
        set_point_status(
            db,
            stored,
            marked[1]["id"],
            "rejected",
            responsible="Trafikverket",
            reason="Privat mark",
            actor="kim",
            now=NOW,
        )
        db.conn.execute("UPDATE walks SET published_at = '2026-12-01'")

    await store.write(statuses)
    client.server.app[PROMISE_CACHE].clear()
    body = await (await client.get("/api/v1/promises/demo")).json()
    activity = next(a for a in body["activities"] if a["id"] == "trygghetsvandringar")
    assert [
        {
            "id": walk.id,
            "title": "Kvällsvandring i centrum",
            "date": "2026-11-20",
            "points": 3,
            "fixed": 1,
        }
    ] == activity["walks"]
    assert all("walks" in a for a in body["activities"])
    walk_body = await (await client.get(f"/api/v1/walks/{walk.id}")).json()
    rejected = next(p for p in walk_body["points"] if p["id"] == marked[1]["id"])
    assert ("rejected", "Trafikverket", "Privat mark") == (
        rejected["status"],
        rejected["responsible"],
        rejected["reason"],
    )
    page = await (await client.get("/p/demo/")).text()
    assert "1 trygghetsvandring genomförd · 3 platser · 1 åtgärdad" in " ".join(page.split())
    assert f'href="/p/demo/walks/{walk.id}"' in page


async def test_a_rejection_needs_a_reason(store, walk_and_key):
    walk, _ = walk_and_key

    def reject(db):
        db.conn.execute(
            "INSERT INTO walk_points (walk, id, lat, lon, category, fingerprint, created_at, "
            "updated_at) VALUES (?, 'p1', 59.38, 13.5, 'other', 'x', 'now', 'now')",
            (walk.id,),
        )
        set_point_status(
            db, walk, "p1", "rejected", responsible=None, reason="  ", actor="kim", now=NOW
        )

    with pytest.raises(ValueError, match="reason"):
        await store.write(reject)


async def test_points_per_key_are_rate_limited(client, walk_and_key):
    walk, key = walk_and_key
    statuses = [(await post(client, walk, key, point())).status for _ in range(205)]
    assert 201 == statuses[0]
    assert 429 == statuses[-1]


async def test_the_catalogue_lists_a_walk_once_it_is_published(client, walk_and_key, store):
    walk, _ = walk_and_key

    async def downloads() -> set[str]:
        response = await client.get("/api/v1/dcat")
        assert 200 == response.status
        graph = Graph().parse(data=await response.text(), format="turtle")
        return {str(url) for url in graph.objects(None, DCAT.downloadURL)}

    assert not any(f"/api/v1/walks/{walk.id}" in url for url in await downloads())
    await store.write(lambda db: db.conn.execute("UPDATE walks SET published_at = '2026-12-01'"))
    client.app[CATALOGUE_CACHE].made.clear()
    found = [url for url in await downloads() if f"/api/v1/walks/{walk.id}" in url]
    assert 2 == len(found)  # the walk as JSON and its places as GeoJSON
    for url in found:
        assert 200 == (await client.get(URL(url).path)).status
