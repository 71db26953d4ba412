"""The schema, as sqlite-utils migrations applied in order at start-up."""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from storage.connection import immediate
from storage.responses import recomputed_texts

migrations = Migrations("medborgardialog")


@migrations()
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


@migrations()
def m002_staff_work(db: Database) -> None:
    """Comment moderation and themes, staff login sessions, paper imports; indexes for answers
    per day and for counting comments.

    A moderation row counts only while `moderated_at` is not older than the response's
    `updated_at`: a resident who replaces their answer is moderated afresh.
    """
    run_script(
        db,
        """
        CREATE TABLE comment_moderation (
            response_seq INTEGER PRIMARY KEY REFERENCES responses(seq) ON DELETE CASCADE,
            campaign TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('new', 'approved', 'hidden')),
            redacted TEXT,
            moderated_by TEXT NOT NULL,
            moderated_at TEXT NOT NULL
        );
        CREATE INDEX comment_moderation_by_status ON comment_moderation (campaign, status);
        CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            campaign TEXT NOT NULL,
            name TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (campaign, name)
        );
        CREATE TABLE comment_tags (
            response_seq INTEGER NOT NULL REFERENCES responses(seq) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            PRIMARY KEY (response_seq, tag_id)
        ) WITHOUT ROWID;
        CREATE INDEX comment_tags_by_tag ON comment_tags (tag_id);
        CREATE TABLE staff_sessions (
            sid TEXT PRIMARY KEY,
            username TEXT NOT NULL REFERENCES staff(username) ON DELETE CASCADE,
            created_at TEXT NOT NULL,
            ended_at TEXT
        );
        CREATE TABLE paper_imports (
            id INTEGER PRIMARY KEY,
            campaign TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            imported_by TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            stored INTEGER NOT NULL,
            refused INTEGER NOT NULL,
            UNIQUE (campaign, sha256)
        );
        CREATE INDEX responses_by_time ON responses (campaign, submitted_at);
        CREATE INDEX responses_with_comment ON responses (campaign) WHERE comment IS NOT NULL;
        """,
    )


@migrations()
def m003_choices_in_responses(db: Database) -> None:
    """Count areas and background answers from the responses' own columns, over one index.

    The copies of each answer's areas and background answers in rows of their own cost a
    third of the database's work per stored answer; the counts group the few distinct
    choices instead (Karlstad: at most 336 orderings of 3 areas out of 8), over an index
    that covers them.
    """
    run_script(
        db,
        """
        DROP TABLE response_areas;
        DROP TABLE response_answers;
        CREATE INDEX responses_by_choice ON responses (campaign, areas, answers);
        """,
    )


@migrations()
def m004_cycle_events(db: Database) -> None:
    """The events of the cycle after the dialogue that residents may hear about.

    Each is written in the transaction of the change that causes it, so the notices it owes
    are never lost to a crash between the change and the telling.
    """
    run_script(
        db,
        """
        CREATE TABLE cycle_events (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            campaign TEXT,
            promise TEXT,
            activity TEXT,
            areas TEXT NOT NULL DEFAULT '[]',
            detail TEXT NOT NULL DEFAULT '{}',
            happened_at TEXT NOT NULL
        );
        CREATE INDEX cycle_events_by_promise ON cycle_events (promise, id);
        """,
    )


@migrations()
def m005_when_given(db: Database) -> None:
    """When and how an answer was given: captured offline and delivered late, how long the
    walk took, a pseudonymous signal of its origin, and the day on a paper answer.

    Paper answers had only a noon stamp invented from their day; that day is kept as theirs.
    """
    run_script(
        db,
        """
        ALTER TABLE responses ADD COLUMN captured_at TEXT;
        ALTER TABLE responses ADD COLUMN late INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE responses ADD COLUMN walk_seconds INTEGER;
        ALTER TABLE responses ADD COLUMN signal TEXT;
        ALTER TABLE responses ADD COLUMN paper_date TEXT;
        UPDATE responses SET paper_date = substr(submitted_at, 1, 10) WHERE channel = 'paper';
        """,
    )


@migrations()
def m006_published_results(db: Database) -> None:
    """Published results with staff's summary per language, staff's review of flagged answers,
    the daily salts of the web's answer signals, and the answer's signal and walk duration.

    `signal` and `walk_seconds` may already have been added by the submit path's migration;
    they are added here only where missing, so both orders of the two leave one column each.
    """
    run_script(
        db,
        """
        CREATE TABLE published_results (
            campaign TEXT PRIMARY KEY,
            published_at TEXT NOT NULL,
            published_by TEXT NOT NULL
        );
        CREATE TABLE result_summaries (
            campaign TEXT NOT NULL,
            locale TEXT NOT NULL,
            text TEXT NOT NULL,
            updated_by TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (campaign, locale)
        );
        CREATE TABLE flag_reviews (
            response_seq INTEGER PRIMARY KEY REFERENCES responses(seq) ON DELETE CASCADE,
            campaign TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('cleared', 'confirmed')),
            reviewed_by TEXT NOT NULL,
            reviewed_at TEXT NOT NULL
        );
        CREATE TABLE signal_salts (
            campaign TEXT NOT NULL,
            day TEXT NOT NULL,
            salt BLOB NOT NULL,
            PRIMARY KEY (campaign, day)
        )
        """,
    )
    columns = {column.name for column in db["responses"].columns}
    for name, kind in (("signal", "TEXT"), ("walk_seconds", "INTEGER")):
        if name not in columns:
            db.execute(f"ALTER TABLE responses ADD COLUMN {name} {kind}")
    # The flags read the few answers that carry either, not the whole table.
    run_script(
        db,
        """
        CREATE INDEX responses_with_signal ON responses (campaign, signal, submitted_at)
            WHERE signal IS NOT NULL;
        CREATE INDEX responses_with_walk ON responses (campaign, walk_seconds)
            WHERE walk_seconds IS NOT NULL
        """,
    )


@migrations()
def m007_promises(db: Database) -> None:
    """Citizen promises: their activities, progress updates, follow-ups and the approvals
    of the parties that sign them; and the party a staff account belongs to.

    An approval holds for the promise's `revision` it was given at: any later change raises
    the revision, so the parties approve again what is actually published.
    """
    run_script(
        db,
        """
        CREATE TABLE promises (
            id TEXT PRIMARY KEY,
            head TEXT NOT NULL,
            published_on TEXT,
            revision INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE promise_activities (
            promise TEXT NOT NULL REFERENCES promises(id) ON DELETE CASCADE,
            id TEXT NOT NULL,
            position INTEGER NOT NULL,
            definition TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN
                ('planned', 'ongoing', 'done', 'delayed', 'changed', 'cancelled')),
            PRIMARY KEY (promise, id)
        );
        CREATE TABLE promise_updates (
            id INTEGER PRIMARY KEY,
            promise TEXT NOT NULL REFERENCES promises(id) ON DELETE CASCADE,
            activity TEXT NOT NULL,
            on_date TEXT NOT NULL,
            status TEXT NOT NULL,
            text TEXT NOT NULL,
            public INTEGER NOT NULL,
            entered_by TEXT NOT NULL,
            entered_at TEXT NOT NULL
        );
        CREATE INDEX promise_updates_by_activity ON promise_updates (promise, activity, on_date);
        CREATE TABLE promise_followups (
            promise TEXT PRIMARY KEY REFERENCES promises(id) ON DELETE CASCADE,
            definition TEXT NOT NULL,
            published_at TEXT
        );
        CREATE TABLE promise_approvals (
            promise TEXT NOT NULL REFERENCES promises(id) ON DELETE CASCADE,
            subject TEXT NOT NULL CHECK (subject IN ('promise', 'followup')),
            party TEXT NOT NULL,
            username TEXT NOT NULL,
            revision INTEGER NOT NULL,
            approved_at TEXT NOT NULL,
            PRIMARY KEY (promise, subject, party)
        );
        ALTER TABLE staff ADD COLUMN party TEXT
        """,
    )


@migrations()
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


@migrations()
def m009_health_probe(db: Database) -> None:
    """One row that `/healthz` rewrites: proof that the file takes writes right now."""
    db.execute("CREATE TABLE health_probe (id INTEGER PRIMARY KEY CHECK (id = 1), at TEXT)")


@migrations()
def m009_sample_data(db: Database) -> None:
    """Mark the demo's sample answers, so that every page and export can say so and one
    click removes them all."""
    db.execute("ALTER TABLE responses ADD COLUMN sample INTEGER NOT NULL DEFAULT 0")
    db.execute("CREATE INDEX responses_sample ON responses (campaign) WHERE sample = 1")


@migrations()
def m010_campaigns_in_store(db: Database) -> None:
    """Campaigns live in the store: their file's text (`document`), where they came from
    (`origin`: the file's name, NULL when made in the staff pages), whether staff have opened
    them yet, and one stamp that every change moves, for running processes to notice. Staff
    accounts may now also be organisers, who make campaigns.

    The staff table is made anew for its role check; its sessions are kept aside meanwhile,
    since dropping the old table deletes the rows that refer to it.
    """
    run_script(
        db,
        """
        ALTER TABLE campaigns ADD COLUMN document TEXT;
        ALTER TABLE campaigns ADD COLUMN origin TEXT;
        ALTER TABLE campaigns ADD COLUMN state TEXT NOT NULL DEFAULT 'published'
            CHECK (state IN ('draft', 'published'));
        ALTER TABLE campaigns ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
        CREATE TABLE campaigns_stamp (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            revision INTEGER NOT NULL
        );
        INSERT INTO campaigns_stamp (id, revision) VALUES (1, 0);
        CREATE TABLE staff_new (
            username TEXT PRIMARY KEY,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'organiser')),
            failed_logins INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            created_at TEXT NOT NULL,
            party TEXT
        );
        INSERT INTO staff_new (username, password_hash, role, failed_logins, locked_until,
            created_at, party)
            SELECT username, password_hash, role, failed_logins, locked_until, created_at, party
            FROM staff;
        CREATE TEMP TABLE sessions_kept AS SELECT * FROM staff_sessions;
        DROP TABLE staff;
        ALTER TABLE staff_new RENAME TO staff;
        INSERT INTO staff_sessions SELECT * FROM temp.sessions_kept;
        DROP TABLE temp.sessions_kept
        """,
    )


@migrations()
def m011_cheaper_fingerprints(db: Database) -> None:
    """Fingerprints made from the stored texts of an answer's choices, and background answers
    stored with their keys sorted (`survey.response`): the same fingerprint costs a fraction
    of what a canonical JSON text of the whole answer did, on every answer stored."""
    after = 0
    while batch := db.execute(
        "SELECT seq, campaign, channel, source, locale, areas, comment, answers FROM responses "
        "WHERE seq > ? ORDER BY seq LIMIT 1000",
        [after],
    ).fetchall():
        db.conn.executemany(
            "UPDATE responses SET answers = ?, fingerprint = ? WHERE seq = ?",
            [(*recomputed_texts(*row[1:]), row[0]) for row in batch],
        )
        after = batch[-1][0]


def run_script(db: Database, script: str) -> None:
    """Run `;`-separated statements inside the open transaction (executescript would commit)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def migrate(db: Database) -> None:
    """Bring the schema up to date; one transaction, so two processes starting at once agree."""
    with immediate(db):
        migrations.apply(db)
