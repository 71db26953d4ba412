"""A generator of hostile HTTP requests for the fuzz test: odd methods, paths, headers,
encodings and bodies, mixed with almost-valid answers so that deep code paths are reached."""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass, field

CAMPAIGNS = ["demo", "karlstad-2016", "nope", "", "d%00mo", "..", "%ff", "ö" * 3, "x" * 300]
AREAS = ["violence-public", "unsafe-places", "traffic", "drugs-alcohol", "\ud800", "", "x" * 99]
TEXTS = ["", "a", "\x00", "\ud800", "\udfff x", "=1+2", "<script>", "é" * 2000, "\u202e", "\r\n"]
LANGS = ["sv", "en", "ar", "fi", "xx", "", "sv-SE", "*", "%ff", "\u00e5", "a" * 100]
CONTENT_TYPES = [
    "application/json",
    "application/json; charset=latin-1",
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=utf-16",
    "application/x-www-form-urlencoded; charset=nope",
    "multipart/form-data",
    "multipart/form-data; boundary=b",
    "multipart/form-data; boundary=",
    "text/plain",
    "application/octet-stream",
]


@dataclass
class Hostile:
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None


# Every public route of the app, as its router names them (the fuzz test checks that this
# list is complete), and the values its placeholders are filled with.
PUBLIC_ROUTES = (
    "/",
    "/api/",
    "/api/v1/campaigns/{campaign}",
    "/api/v1/campaigns/{campaign}/comment-check",
    "/api/v1/campaigns/{campaign}/responses",
    "/api/v1/campaigns/{campaign}/results",
    "/api/v1/campaigns/{campaign}/results.csv",
    "/api/v1/campaigns/{campaign}/results/places.geojson",
    "/api/v1/campaigns/{campaign}/results/speech/{lang}",
    "/api/v1/campaigns/{campaign}/speech/{lang}/{step}",
    "/api/v1/dcat",
    "/api/v1/openapi.json",
    "/api/v1/promises/{promise}",
    "/api/v1/promises/{promise}/speech/{lang}/{section}",
    "/api/v1/walks/{walk}",
    "/api/v1/walks/{walk}/points",
    "/api/v1/walks/{walk}/points.geojson",
    "/api/v1/walks/{walk}/points/{point}/photo",
    "/c/{campaign}",
    "/c/{campaign}/",
    "/c/{campaign}/follow",
    "/c/{campaign}/follow.svg",
    "/c/{campaign}/results",
    "/favicon.ico",
    "/follow/answer/{token}",
    "/follow/confirm/{token}",
    "/follow/stop/{token}",
    "/healthz",
    "/integritet",
    "/kiosk/sw.js",
    "/kiosk/{campaign}",
    "/kiosk/{campaign}/",
    "/kiosk/{campaign}/promise",
    "/kiosk/{campaign}/status",
    "/p",
    "/p/",
    "/p/{promise}",
    "/p/{promise}/",
    "/p/{promise}/qr.svg",
    "/p/{promise}/walks/{walk}",
    "/staff",
    "/staff/language",
    "/staff/login",
    "/static/{filename}",
    "/tillganglighet",
    "/w/{walk}",
    "/w/{walk}/",
)
PROMISES = ["demo", "filipstad-2017", "nope", "", "%ff", "..", "x" * 300, "\u00e5"]
TOKENS = ["", "x", "a" * 500, "%00", "..%2f..", "gAAAAABkZXNpZ25lZA==", "\u00e5\u00e4"]
WALKS = ["nosuch", "", "%ff", "..", "x" * 300, "\u00e5", "0123456789"]
POINTS = [str(uuid.UUID(int=1)), "nope", "", "%00", "x" * 300]
SPOKEN = ["sv", "ar", "de", "", "%ff", "x" * 300]
STEPS = ["intro", "areas", "question:safety", "question%3Asafety", "nope", "%00", "x" * 300]
SECTIONS = ["said", "promised", "progress", "nope", "..", "%ff"]
STATIC = ["site.css", "kiosk/main.js", "../kiosk/app.py", "%2e%2e/secret", "nope.css", ""]


def route_path(rng: random.Random, route: str) -> str:
    """The route with hostile or ordinary values in its placeholders."""
    return (
        route.replace("{campaign}", rng.choice(CAMPAIGNS))
        .replace("{promise}", rng.choice(PROMISES))
        .replace("{token}", rng.choice(TOKENS))
        .replace("{filename}", rng.choice(STATIC))
        .replace("{walk}", rng.choice(WALKS))
        .replace("{point}", rng.choice(POINTS))
        .replace("{lang}", rng.choice(SPOKEN))
        .replace("{step}", rng.choice(STEPS))
        .replace("{section}", rng.choice(SECTIONS))
    )


def almost_an_answer(rng: random.Random):
    body: dict = {
        "id": rng.choice([str(uuid.uuid4()), "not-a-uuid", 7, None, "x" * 100]),
        "areas": rng.sample(AREAS, rng.randint(0, 4)),
        "comment": rng.choice([*TEXTS, None, 5, ["x"]]),
        "locale": rng.choice(LANGS),
        "channel": rng.choice(["kiosk", "web", "telegram", "", None]),
        "answers": rng.choice([{}, {"age": "35-49"}, {"\ud800": "x"}, {"age": 3}, [], "x"]),
        "source": rng.choice([None, "mitt-i-city", "../../etc", "\x00", "a" * 80]),
        "captured_at": rng.choice([None, "2016-05-01T10:00:00Z", "tomorrow", 12, "9999-12-31"]),
    }
    for key in rng.sample(list(body), rng.randint(0, 3)):
        del body[key]
    return body


def json_body(rng: random.Random) -> bytes:
    kind = rng.randrange(8)
    if kind == 0:
        return b"[" * rng.randint(1, 5000)
    if kind == 1:
        return rng.randbytes(rng.randint(0, 200))
    if kind == 2:
        return b'{"id": "%s", "areas": ["\\ud800"], "locale": "sv", "channel": "web"}' % (
            str(uuid.uuid4()).encode()
        )
    if kind == 3:
        return json.dumps(rng.choice([1, "x", None, [], 1e308, {"a": {"b": []}}])).encode()
    if kind == 4:
        return b'{"id": 1, "id": 2, "areas": 1e999}'
    text = json.dumps(almost_an_answer(rng), ensure_ascii=rng.random() < 0.5)
    return text.encode("utf-8", "surrogatepass")


def form_body(rng: random.Random) -> bytes:
    kind = rng.randrange(6)
    if kind == 0:
        return b"\xff=1&areas=\xfe"
    if kind == 1:
        return b"areas=traffic&areas=unsafe-places&areas=violence-public&comment=" + rng.randbytes(
            9
        )
    if kind == 2:
        return b'--b\r\nContent-Disposition: form-data; name="areas"\r\n\r\ntraf'
    if kind == 3:
        return b"--b\r\nContent-Disposition: form-data\r\n\r\n1\r\n--b--\r\n"
    if kind == 4:
        return "&".join(
            f"{rng.choice(['areas', 'comment', 'id', 'q-age', 'switch_language', 'step', 'csrf'])}"
            f"={rng.choice(TEXTS + AREAS + LANGS)}"
            for _ in range(rng.randint(0, 8))
        ).encode("utf-8", "surrogatepass")
    return rng.randbytes(rng.randint(0, 100))


def hostile_request(rng: random.Random, route: str) -> Hostile:
    path = route_path(rng, route)
    if rng.random() < 0.3:
        path += rng.choice(["?lang=", "?source=", "?lang=ar&source=", "?next="]) + rng.choice(
            [*LANGS, "%ff%fe", "mitt-i-city", "//evil.example"]
        )
    method = rng.choice(
        ["GET", "POST", "POST", "POST", "PUT", "DELETE", "OPTIONS", "HEAD", "PATCH"]
    )
    headers: dict[str, str] = {}
    if rng.random() < 0.5:
        headers["Accept-Language"] = rng.choice(["ar", "fi;q=x", "*", ",,,", "en-US;q=0.5, sv"])
    if rng.random() < 0.3:
        headers["Cookie"] = rng.choice(
            ["lang=xx", "lang=ar", "medborgardialog_staff=junk", "medborgardialog_staff=", "a"]
        )
    if rng.random() < 0.2:
        headers["X-Kiosk-Key"] = rng.choice(["", "x" * 500, "valid-looking-key"])
    if rng.random() < 0.1:
        headers["Content-Encoding"] = rng.choice(["gzip", "deflate", "identity", "x"])
    if rng.random() < 0.2:
        headers["Origin"] = rng.choice(["http://evil.example", "null", ""])
    body = None
    if method in ("POST", "PUT", "PATCH"):
        headers["Content-Type"] = rng.choice(CONTENT_TYPES)
        if "json" in headers["Content-Type"] or "/api/" in path:
            body = json_body(rng)
        else:
            body = form_body(rng)
    return Hostile(method, path, headers, body)


RAW = [
    b"GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n",
    b"POST /c/demo/ HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nab",
    b"POST /api/v1/campaigns/demo/responses HTTP/1.1\r\nHost: x\r\n"
    b"Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
    b"GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET / HTTP/9.9\r\nHost: x\r\n\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
    b"GET / HTTP/1.1\r\n" + b"X: " + b"a" * 10000 + b"\r\n\r\n",
    b"POST /c/demo/ HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
    b"POST /c/demo/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
]
