"""The schema change `m013_point_and_zone_notices`, as it shipped."""

from __future__ import annotations

from sqlite_utils import Database

from .sql_script import run_script


def m013_point_and_zone_notices(db: Database) -> None:
    """Subscriptions that cover one place marked on a safety walk, and subscriptions that
    know the zones of the campaign's map where the resident marked places.

    A place's subscription (`walk`, `point`) is told once, when staff decide the place is
    fixed or will not be, and is deleted with its contact as soon as it has been told.
    `zones` is copied from the resident's own answer when they opt in, as `areas` is; an
    event names the zones of its activity beside its areas.
    """
    run_script(
        db,
        """
        ALTER TABLE subscriptions ADD COLUMN walk TEXT;
        ALTER TABLE subscriptions ADD COLUMN point TEXT;
        ALTER TABLE subscriptions ADD COLUMN zones TEXT NOT NULL DEFAULT '[]';
        CREATE INDEX subscriptions_by_point ON subscriptions (walk, point)
            WHERE point IS NOT NULL;
        ALTER TABLE cycle_events ADD COLUMN zones TEXT NOT NULL DEFAULT '[]'
        """,
    )
