"""The schema, as sqlite-utils migrations applied in order at start-up.

One module per migration, named as the migration is: a database records the migrations it
has by name, so a name never changes (two that shipped together share the number 9). A
migration that has shipped is never edited, and it imports no product code: what it needs
it carries as it was when it shipped, so later changes cannot change what it does to an
older database. A schema change is a new module, added at the end of `IN_ORDER`.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from storage.connection import immediate

from .m001_initial import m001_initial
from .m002_staff_work import m002_staff_work
from .m003_choices_in_responses import m003_choices_in_responses
from .m004_cycle_events import m004_cycle_events
from .m005_when_given import m005_when_given
from .m006_published_results import m006_published_results
from .m007_promises import m007_promises
from .m008_subscriptions import m008_subscriptions
from .m009_health_probe import m009_health_probe
from .m009_sample_data import m009_sample_data
from .m010_campaigns_in_store import m010_campaigns_in_store
from .m011_cheaper_fingerprints import m011_cheaper_fingerprints
from .m012_walks import m012_walks
from .m013_point_and_zone_notices import m013_point_and_zone_notices
from .m014_easy_read import m014_easy_read
from .m015_place_note_moderation import m015_place_note_moderation
from .m016_answers_known_by_content import m016_answers_known_by_content

IN_ORDER = (
    m001_initial,
    m002_staff_work,
    m003_choices_in_responses,
    m004_cycle_events,
    m005_when_given,
    m006_published_results,
    m007_promises,
    m008_subscriptions,
    m009_health_probe,
    m009_sample_data,
    m010_campaigns_in_store,
    m011_cheaper_fingerprints,
    m012_walks,
    m013_point_and_zone_notices,
    m014_easy_read,
    m015_place_note_moderation,
    m016_answers_known_by_content,
)

migrations = Migrations("medborgardialog")
for step in IN_ORDER:
    migrations()(step)


def migrate(db: Database) -> None:
    """Bring the schema up to date; one transaction, so two processes starting at once agree."""
    with immediate(db):
        migrations.apply(db)
