"""The store's part of `/healthz`: one small write, committed, proves the file is writable."""

from __future__ import annotations

from sqlite_utils import Database

from storage.responses import now_iso


def probe_write(db: Database) -> None:
    """Rewrite the one health row; call inside a write transaction."""
    db.conn.execute(
        "INSERT INTO health_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = "
        "excluded.at",
        (now_iso(),),
    )
