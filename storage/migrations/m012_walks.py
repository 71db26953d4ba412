"""The schema change `m012_walks`, as it shipped."""

from __future__ import annotations

from sqlite_utils import Database

from .sql_script import run_script


def m012_walks(db: Database) -> None:
    """Safety walks (trygghetsvandringar) of a promise's activity, the places marked on them
    and their photos.

    A walk keeps only a hash of its participants' key, never the key. A place is kept on a
    fine grid (a lamp post, not a home). A photo is stored re-encoded, without its metadata,
    in the database itself so that a backup carries it; it stays private until staff approve
    it, as a note does.
    """
    run_script(
        db,
        """
        CREATE TABLE walks (
            id TEXT PRIMARY KEY,
            promise TEXT NOT NULL,
            activity TEXT NOT NULL,
            campaign TEXT NOT NULL,
            on_date TEXT NOT NULL,
            title TEXT NOT NULL,
            meeting_point TEXT,
            key_hash TEXT NOT NULL,
            open INTEGER NOT NULL DEFAULT 1,
            published_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX walks_by_activity ON walks (promise, activity, on_date);
        CREATE TABLE walk_points (
            walk TEXT NOT NULL REFERENCES walks(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            lat REAL NOT NULL,
            lon REAL NOT NULL,
            zone TEXT,
            category TEXT NOT NULL CHECK (category IN ('lighting', 'vegetation', 'litter',
                'vandalism', 'traffic', 'people', 'other')),
            note TEXT,
            captured_at TEXT,
            fingerprint TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'planned', 'fixed', 'rejected')),
            responsible TEXT,
            reason TEXT,
            note_approved INTEGER,
            merged_into TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (walk, id),
            CHECK (status != 'rejected' OR reason IS NOT NULL)
        ) WITHOUT ROWID;
        CREATE TABLE walk_photos (
            walk TEXT NOT NULL,
            point TEXT NOT NULL,
            upload_sha256 TEXT NOT NULL,
            content_type TEXT NOT NULL,
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            data BLOB NOT NULL,
            approved INTEGER,
            created_at TEXT NOT NULL,
            PRIMARY KEY (walk, point),
            FOREIGN KEY (walk, point) REFERENCES walk_points (walk, id) ON DELETE CASCADE
        )
        """,
    )
