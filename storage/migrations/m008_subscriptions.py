"""The schema change `m008_subscriptions`, as it shipped."""

from __future__ import annotations

from sqlite_utils import Database

from .sql_script import run_script


def m008_subscriptions(db: Database) -> None:
    """Subscriptions to hear back, the notices owed to them (the outbox), and the counted
    answers to the follow-up question.

    A way to reach a resident (`contact`) is kept only encrypted, in a table of its own,
    never beside an answer; `contact_key` (a keyed hash) finds the row again for a stop
    without decrypting anything. The follow-up answers are counts, with no link to anyone.

    The bot's earlier yes to "hear about the follow-up" kept no way to reach anybody: those
    consents move here as subscriptions without a contact (never delivered, deleted when
    they expire), and the flag on the answers is cleared so the bot offers the choice again.
    """
    run_script(
        db,
        """
        CREATE TABLE subscriptions (
            id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL CHECK (channel IN ('telegram', 'email')),
            contact BLOB,
            contact_key TEXT,
            campaign TEXT NOT NULL,
            promise TEXT,
            areas TEXT NOT NULL DEFAULT '[]',
            locale TEXT NOT NULL,
            consent_at TEXT NOT NULL,
            consent_channel TEXT NOT NULL,
            consent_text TEXT NOT NULL,
            confirmed_at TEXT,
            expires_at TEXT NOT NULL,
            last_sent_at TEXT,
            claimed_until TEXT,
            followup_promise TEXT,
            followup_at TEXT,
            answered INTEGER NOT NULL DEFAULT 0,
            UNIQUE (contact_key, campaign)
        );
        CREATE INDEX subscriptions_by_campaign ON subscriptions (campaign, channel);
        CREATE INDEX subscriptions_by_expiry ON subscriptions (expires_at);
        CREATE TABLE notices (
            id INTEGER PRIMARY KEY,
            subscription INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
            event INTEGER NOT NULL REFERENCES cycle_events(id),
            created_at TEXT NOT NULL,
            sent_at TEXT,
            UNIQUE (subscription, event)
        );
        CREATE INDEX notices_owed ON notices (subscription) WHERE sent_at IS NULL;
        CREATE TABLE followup_answers (
            campaign TEXT NOT NULL,
            promise TEXT NOT NULL DEFAULT '',
            answer TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (campaign, promise, answer)
        ) WITHOUT ROWID;
        INSERT INTO subscriptions (channel, campaign, areas, locale, consent_at,
                                   consent_channel, consent_text, expires_at)
            SELECT 'telegram', campaign, areas, locale, updated_at, 'telegram',
                   'bot-followup-0', strftime('%Y-%m-%dT%H:%M:%S+00:00', updated_at, '+1 year')
            FROM responses WHERE followup_consent = 1 AND channel = 'telegram';
        UPDATE responses SET followup_consent = 0 WHERE followup_consent = 1
        """,
    )
