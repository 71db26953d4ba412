"""Settings: read once in `main` from flags and the environment, then passed to every part."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import campaigns as sample_campaigns

DEFAULT_API_URL = "https://api.telegram.org"
# The open data's licence unless MEDBORGARDIALOG_DATA_LICENCE names another: CC0 1.0.
DEFAULT_DATA_LICENCE = "http://creativecommons.org/publicdomain/zero/1.0/"


@dataclass(frozen=True)
class Settings:
    """Everything configurable, for every part of the product."""

    db: Path
    campaigns_dir: Path
    secret_file: Path
    host: str = "127.0.0.1"
    port: int = 8080
    telegram_token: str | None = None
    telegram_api_url: str = DEFAULT_API_URL
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: str | None = None
    frame_ancestors: str = "'self'"
    require_kiosk_key: bool = False
    idle_warning_seconds: int = 45
    idle_reset_seconds: int = 60
    public_url: str | None = None
    promise_quiet_days: int = 90
    telegram_bot_username: str | None = None
    organisation: str | None = None
    contact: str | None = None
    body_timeout_seconds: float = 30.0
    keepalive_timeout_seconds: float = 15.0
    trusted_proxies: str | None = None
    smtp_url: str | None = None
    mail_from: str | None = None
    notice_digest_seconds: int = 86_400
    notice_grace_days: int = 90
    notice_poll_seconds: float = 2.0
    notice_lease_seconds: int = 30
    data_licence: str = DEFAULT_DATA_LICENCE
    # espeak-ng for recorded speech (MEDBORGARDIALOG_ESPEAK: its path, or "off"); found on
    # the PATH unless named.
    espeak: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **flags) -> Settings:
        """Flags win over the environment, the environment over the defaults."""
        env = os.environ if env is None else env
        given = {k: v for k, v in flags.items() if v is not None}
        db = Path(given.pop("db", None) or env.get("MEDBORGARDIALOG_DB") or "medborgardialog.db")
        secret = given.pop("secret_file", None) or env.get("MEDBORGARDIALOG_SECRET_FILE")
        values = {
            "db": db,
            "campaigns_dir": Path(
                given.pop("campaigns_dir", None)
                or env.get("MEDBORGARDIALOG_CAMPAIGNS")
                or sample_campaigns.SAMPLE_DIR
            ),
            "secret_file": Path(secret) if secret else db.with_name(db.name + ".secret"),
            "telegram_token": env.get("TELEGRAM_BOT_TOKEN") or None,
            "telegram_api_url": (env.get("TELEGRAM_API_URL") or DEFAULT_API_URL).rstrip("/"),
            "telegram_webhook_url": env.get("TELEGRAM_WEBHOOK_URL") or None,
            "telegram_webhook_secret": env.get("TELEGRAM_WEBHOOK_SECRET") or None,
            "frame_ancestors": env.get("MEDBORGARDIALOG_FRAME_ANCESTORS") or "'self'",
            "require_kiosk_key": env.get("MEDBORGARDIALOG_REQUIRE_KIOSK_KEY", "") in ("1", "true"),
            "public_url": public_url(env.get("MEDBORGARDIALOG_PUBLIC_URL")),
            "telegram_bot_username": (env.get("TELEGRAM_BOT_USERNAME") or "").lstrip("@") or None,
            "organisation": env.get("MEDBORGARDIALOG_ORGANISATION") or None,
            "contact": env.get("MEDBORGARDIALOG_CONTACT") or None,
            "trusted_proxies": trusted_proxies(env.get("MEDBORGARDIALOG_TRUSTED_PROXIES")),
            "data_licence": data_licence(env.get("MEDBORGARDIALOG_DATA_LICENCE")),
            "espeak": espeak(env.get("MEDBORGARDIALOG_ESPEAK")),
            **notice_settings(env),
        }
        for key, name in (
            ("idle_warning_seconds", "MEDBORGARDIALOG_KIOSK_IDLE_WARNING"),
            ("idle_reset_seconds", "MEDBORGARDIALOG_KIOSK_IDLE_RESET"),
            ("promise_quiet_days", "MEDBORGARDIALOG_PROMISE_QUIET_DAYS"),
        ):
            if env.get(name):
                values[key] = int(env[name])
        for key, name in (
            ("body_timeout_seconds", "MEDBORGARDIALOG_BODY_TIMEOUT"),
            ("keepalive_timeout_seconds", "MEDBORGARDIALOG_KEEPALIVE_TIMEOUT"),
        ):
            if env.get(name):
                values[key] = positive_seconds(name, env[name])
        values.update(given)
        return cls(**values)


def public_url(value: str | None) -> str | None:
    """The public address without a trailing slash; ValueError unless it is http(s)://host."""
    if not value:
        return None
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(
            f"MEDBORGARDIALOG_PUBLIC_URL must be an http:// or https:// address, not {value!r}"
        )
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/"), "", ""))


def espeak(value: str | None) -> str | None:
    """espeak-ng as named (a path or a command), none when "off", or the one on the PATH."""
    if value and value.strip().lower() == "off":
        return None
    return shutil.which(value.strip() if value and value.strip() else "espeak-ng")


def data_licence(value: str | None) -> str:
    """The open data's licence as an address (a URI); ValueError unless it is http(s)://."""
    if not value or not value.strip():
        return DEFAULT_DATA_LICENCE
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(
            f"MEDBORGARDIALOG_DATA_LICENCE must be the licence's http(s) address, not {value!r}"
        )
    return value.strip()


def trusted_proxies(value: str | None) -> str | None:
    """The trusted proxies as given, once they read as addresses or networks."""
    from kiosk.edge.client_address import trusted_networks

    trusted_networks(value)  # ValueError naming the entry that is not one
    return value or None


def positive_seconds(name: str, value: str) -> float:
    """A number of seconds from the environment; ValueError naming the variable otherwise."""
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise ValueError(f"{name} must be a positive number of seconds, not {value!r}")
    return seconds


def notice_settings(env: Mapping[str, str]) -> dict:
    """The settings of subscriptions and notices (see `medborgardialog.notice_wiring`)."""
    values: dict = {
        "smtp_url": env.get("MEDBORGARDIALOG_SMTP_URL") or None,
        "mail_from": env.get("MEDBORGARDIALOG_MAIL_FROM") or None,
    }
    if env.get("MEDBORGARDIALOG_NOTICE_DIGEST"):
        values["notice_digest_seconds"] = duration_seconds(env["MEDBORGARDIALOG_NOTICE_DIGEST"])
    if env.get("MEDBORGARDIALOG_NOTICE_GRACE_DAYS"):
        values["notice_grace_days"] = int(env["MEDBORGARDIALOG_NOTICE_GRACE_DAYS"])
    if env.get("MEDBORGARDIALOG_NOTICE_LEASE"):
        values["notice_lease_seconds"] = int(env["MEDBORGARDIALOG_NOTICE_LEASE"])
    if env.get("MEDBORGARDIALOG_NOTICE_POLL"):
        values["notice_poll_seconds"] = float(env["MEDBORGARDIALOG_NOTICE_POLL"])
    return values


def duration_seconds(text: str) -> int:
    """`86400`, `90m`, `6h` or `1d` as seconds (`0`: at once)."""
    text = text.strip().lower()
    unit = {"s": 1, "m": 60, "h": 3600, "d": 86_400}.get(text[-1:])
    number = text[:-1] if unit else text
    if not number.isdigit():
        raise ValueError(f"not a duration: {text!r} (e.g. 0, 3600, 6h, 1d)")
    return int(number) * (unit or 1)


def load_secret(path: Path) -> bytes:
    """The key for pseudonyms and sessions; created with mode 0600 if absent. Never in the DB."""
    try:
        return bytes.fromhex(path.read_text().strip())
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    key = secrets.token_bytes(32)
    with os.fdopen(fd, "w") as handle:
        handle.write(key.hex() + "\n")
    return key
