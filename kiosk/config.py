"""What the web app needs to know about its deployment."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WebConfig:
    """Settings of the web app (built from the product's Settings in `medborgardialog`)."""

    frame_ancestors: str = "'self'"
    require_kiosk_key: bool = False
    idle_warning_seconds: int = 45
    idle_reset_seconds: int = 60
    secure_cookies: bool = False
    # How long the kiosk's thank-you stays before the attract screen returns.
    thanks_seconds: int = 8
    # The kiosk outbox retries after 1, 2, 4 ... seconds, never waiting longer than this.
    outbox_max_backoff_seconds: int = 15
    # The address residents reach (absolute links in QR codes); None: the request's own host.
    public_url: str | None = None
    # An activity without public news for longer than this says how long it has been.
    promise_quiet_days: int = 90
    # The bot's username for its deep links (TELEGRAM_BOT_USERNAME); None: asked at start-up.
    bot_username: str | None = None
    # Who runs the service, and where residents report a problem (the accessibility
    # statement and the privacy page name them).
    organisation: str | None = None
    contact: str | None = None
    # A request body still arriving after this long gets 408 (a slow or endless upload).
    body_timeout_seconds: float = 30.0
    # Reverse proxies whose X-Forwarded-For is believed (see kiosk.edge.client_address).
    trusted_proxies: tuple = ()
    # The licence of the open data (MEDBORGARDIALOG_DATA_LICENCE): CC0 1.0 unless configured.
    data_licence: str = "http://creativecommons.org/publicdomain/zero/1.0/"
    # espeak-ng for "Lyssna" where the browser has no voice (None: no recorded speech), and
    # the folder its recordings are kept in.
    espeak: str | None = None
    speech_folder: Path | None = None
