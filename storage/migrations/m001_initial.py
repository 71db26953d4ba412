"""The schema change `m001_initial`, as it shipped."""

from __future__ import annotations

from sqlite_utils import Database

from .sql_script import run_script


def m001_initial(db: Database) -> None:
    """Campaigns, responses with their areas and answers, drafts, staff, kiosk keys, audit.

    Responses are found by their client-made UUID (`id`), but rows refer to each other by
    `seq`, which only grows: random UUIDs as the children's keys would scatter every commit
    over the whole file.
    """
    run_script(
        db,
        """
        CREATE TABLE campaigns (
            id TEXT PRIMARY KEY,
            definition TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE responses (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            campaign TEXT NOT NULL REFERENCES campaigns(id),
            channel TEXT NOT NULL,
            source TEXT,
            locale TEXT NOT NULL,
            participant TEXT,
            areas TEXT NOT NULL,
            comment TEXT,
            answers TEXT NOT NULL DEFAULT '{}',
            followup_consent INTEGER NOT NULL DEFAULT 0,
            fingerprint TEXT NOT NULL,
            entered_by TEXT,
            submitted_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX responses_by_campaign ON responses (campaign, channel, source);
        CREATE UNIQUE INDEX responses_by_participant
            ON responses (campaign, participant) WHERE participant IS NOT NULL;
        CREATE TABLE response_areas (
            response_seq INTEGER NOT NULL REFERENCES responses(seq) ON DELETE CASCADE,
            campaign TEXT NOT NULL,
            area TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (response_seq, area)
        ) WITHOUT ROWID;
        CREATE INDEX response_areas_by_campaign ON response_areas (campaign, area);
        CREATE TABLE response_answers (
            response_seq INTEGER NOT NULL REFERENCES responses(seq) ON DELETE CASCADE,
            campaign TEXT NOT NULL,
            question TEXT NOT NULL,
            option TEXT NOT NULL,
            PRIMARY KEY (response_seq, question)
        ) WITHOUT ROWID;
        CREATE INDEX response_answers_by_campaign ON response_answers (campaign, question, option);
        CREATE TABLE drafts (
            channel TEXT NOT NULL,
            participant TEXT NOT NULL,
            campaign TEXT NOT NULL,
            data TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (channel, participant)
        );
        CREATE INDEX drafts_by_campaign ON drafts (campaign);
        CREATE TABLE staff (
            username TEXT PRIMARY KEY,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin', 'analyst')),
            failed_logins INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE kiosk_keys (
            id INTEGER PRIMARY KEY,
            campaign TEXT NOT NULL,
            source TEXT NOT NULL,
            key_hash TEXT NOT NULL UNIQUE,
            created_by TEXT,
            created_at TEXT NOT NULL,
            revoked_at TEXT
        );
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            campaign TEXT,
            detail TEXT
        );
        """,
    )
