"""The web app factory: API, web survey, kiosk and (mounted by `kiosk.staff`) the staff pages.

What the staff pages rely on, kept stable:
- the AppKeys in `kiosk.app_keys` (CONFIG, STORE, CAMPAIGNS, CATALOGS, SECRET, and LANGUAGE on
  each request);
- the Jinja environment (templates in kiosk/templates, autoescape on, `_`/`ngettext` that
  follow the request's language, `static_url(path)`, `current_language()`,
  `text_direction(lang)`); `base.html` has the blocks `title`, `head`, `content`, `scripts`
  and sets `lang` and `dir` on <html>;
- the language (`kiosk.edge.language`) and the errors (`kiosk.edge.errors`) come first, in that
  order, then the body's guards (`kiosk.edge.request_body`), all in one middleware
  (`kiosk.edge.middleware`); the security headers
  (`kiosk.edge.headers`) are added to every response;
- static files under /static/ from kiosk/static (staff files in kiosk/static/staff/).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import web

from kiosk import (
    answering,
    edge,
    follow,
    i18n,
    information,
    listen,
    open_data,
    promises,
    results,
    staff,
    walks,
)
from kiosk.app_keys import CAMPAIGNS, CATALOGS, CONFIG, SECRET, STORE
from kiosk.clock import CLOCK, Clock
from kiosk.config import WebConfig
from kiosk.edge.headers import add_security_headers
from kiosk.edge.loop_watch import setup_loop_watch
from kiosk.edge.middleware import edge_middleware
from kiosk.edge.storage_failure import STORAGE_ALARM, StorageAlarm
from kiosk.speech_audio import SPEECH_AUDIO, SpeechAudio
from locales import Catalogs, language_name
from storage import Store
from survey import Campaign

HERE = Path(__file__).parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"
# Forms and answers are small; the API reads its own bodies with a tighter limit.
CLIENT_MAX_SIZE = 1024 * 1024


@cache
def static_url(path: str) -> str:
    """The URL of a static file, versioned by its content so a new release is never stale."""
    digest = hashlib.sha256((STATIC_DIR / path).read_bytes()).hexdigest()[:10]
    return f"/static/{path}?v={digest}"


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per process, shared by every app built in it (Jinja checks
    each template's source against what was compiled, so an edited one is compiled again)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


def setup_templates(app: web.Application) -> jinja2.Environment:
    env = aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        bytecode_cache=COMPILED_TEMPLATES,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    i18n.install(env)
    env.globals["static_url"] = static_url
    env.globals["language_name"] = language_name
    return env


def create_app(
    config: WebConfig,
    store: Store,
    campaigns: Mapping[str, Campaign],
    catalogs: Catalogs,
    secret: bytes,
    clock: Clock | None = None,
) -> web.Application:
    """Build the whole web app from its parts; nothing is read from globals."""
    clock = clock or Clock()
    app = web.Application(
        middlewares=[edge_middleware],
        client_max_size=CLIENT_MAX_SIZE,
    )
    app[CONFIG] = config
    app[STORE] = store
    app[CAMPAIGNS] = campaigns
    app[CATALOGS] = catalogs
    app[SECRET] = secret
    app[CLOCK] = clock
    app[STORAGE_ALARM] = StorageAlarm(clock)
    app[SPEECH_AUDIO] = SpeechAudio(config.espeak, config.speech_folder)
    setup_templates(app)
    app.on_response_prepare.append(add_security_headers)
    for room in (answering, edge, promises, results, follow, walks, listen):
        room.add_routes(app)
    app.router.add_static("/static/", STATIC_DIR, name="static")
    staff.add_routes(app)
    information.add_routes(app)
    open_data.add_routes(app)  # after the routes it adds ETags and CORS to
    setup_loop_watch(app)  # last: it learns every view of the app when it starts
    return app
