"""Campaigns live in the store: files imported at start-up, `campaigns export|import`, and a
running process that picks up a changed campaign without a restart."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from campaigns import SAMPLE_DIR
from medborgardialog.campaign_watch import CampaignWatch
from medborgardialog.parts import assemble
from medborgardialog.settings import Settings
from storage import Store, open_database
from storage.campaign_changes import ChangeRefused, answers_outside, save_checked
from storage.campaigns import campaigns_stamp, published_campaigns, stored_campaign
from storage.connection import immediate
from storage.responses import save_response
from survey import Area, Response, load_campaign, load_campaigns
from survey.campaign_document import campaign_as_toml
from survey.loader import parse_campaign
from survey.registry import CampaignRegistry
from tests.campaign_copies import demo_copy
from tests.cli_process import run_cli


def cli(*args: str) -> subprocess.CompletedProcess:
    return run_cli(*args, timeout=60)


def test_every_sample_campaign_is_the_same_after_a_trip_through_its_exported_file():
    for campaign in load_campaigns(SAMPLE_DIR).values():
        assert campaign == parse_campaign(campaign_as_toml(campaign))


def test_texts_with_quotes_newlines_and_control_characters_survive_the_file():
    tricky = 'Säg "hej"\\n och\nny rad\t\x7f slut'
    campaign = replace(demo_copy("tricky"), title={"sv": tricky, "en": "x"})
    assert campaign == parse_campaign(campaign_as_toml(campaign))


@pytest.mark.process
def test_export_passes_check_and_imports_into_a_fresh_database_as_the_same_campaign(tmp_path):
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    assert (
        0
        == cli(
            "campaigns", "import", str(SAMPLE_DIR / "karlstad-2016.toml"), "--db", str(first)
        ).returncode
    )
    exported = tmp_path / "out" / "karlstad-2016.toml"
    exported.parent.mkdir()
    result = cli("campaigns", "export", "karlstad-2016", "--db", str(first), "--out", str(exported))
    assert 0 == result.returncode, result.stderr
    checked = cli("campaigns", "check", str(exported.parent))
    assert "karlstad-2016: ok (8 areas, pick 3, languages sv, en, ar, fi)\n" == checked.stdout
    assert 0 == cli("campaigns", "import", str(exported), "--db", str(second)).returncode
    db = open_database(second)
    assert {"karlstad-2016": load_campaign(SAMPLE_DIR / "karlstad-2016.toml")} == (
        published_campaigns(db)
    )
    assert "campaign.import" == db.conn.execute("SELECT action FROM audit").fetchone()[0]
    db.conn.close()
    again = cli("campaigns", "export", "karlstad-2016", "--db", str(second))
    assert exported.read_text(encoding="utf-8") == again.stdout


@pytest.mark.process
def test_exporting_an_unknown_campaign_is_one_line(tmp_path):
    result = cli("campaigns", "export", "nothing-here", "--db", str(tmp_path / "x.db"))
    assert 1 == result.returncode
    assert "medborgardialog: error: no campaign 'nothing-here' in the database\n" == result.stderr


def test_start_up_imports_the_files_marked_as_theirs_and_a_changed_file_updates_it(tmp_path):
    folder = tmp_path / "campaigns"
    folder.mkdir()
    path = folder / "ny.toml"
    path.write_text(campaign_as_toml(demo_copy("ny")), encoding="utf-8")
    settings = Settings.from_env(
        env={}, db=tmp_path / "x.db", secret_file=tmp_path / "secret", campaigns_dir=folder
    )
    parts = assemble(settings)
    stored = parts.store.call(stored_campaign, "ny")
    stamp = parts.store.call(campaigns_stamp)
    parts.store.close()
    assert ("ny.toml", "published", 1) == (stored.origin, stored.state, stored.revision)
    assert ["ny"] == list(parts.campaigns)
    relabelled = demo_copy("ny")
    relabelled = replace(relabelled, title={"sv": "Ny titel", "en": "New title"})
    path.write_text(campaign_as_toml(relabelled), encoding="utf-8")
    parts = assemble(settings)
    stored = parts.store.call(stored_campaign, "ny")
    assert stamp < parts.store.call(campaigns_stamp)
    parts.store.close()
    assert 2 == stored.revision
    assert "Ny titel" == parts.campaigns["ny"].title["sv"]


def answer(campaign_id: str, areas: tuple[str, ...], number: int = 1, **fields) -> Response:
    return Response(
        id=f"00000000-0000-4000-8000-{number:012d}",
        campaign=campaign_id,
        channel="web",
        locale="sv",
        areas=areas,
        **fields,
    )


def store_with_answers(path: Path, campaign, *answers: Response):
    db = open_database(path)
    with immediate(db):
        save_checked(db, campaign, actor="test", action="campaign.create")
        for one in answers:
            save_response(db, one)
    return db


def test_with_answers_an_area_can_be_relabelled_but_not_removed_nor_the_pick_changed(tmp_path):
    campaign = demo_copy("ny")
    db = store_with_answers(
        tmp_path / "x.db", campaign, answer("ny", ("traffic", "unsafe-places", "drugs-alcohol"))
    )
    without_traffic = replace(campaign, areas=tuple(a for a in campaign.areas if a.id != "traffic"))
    with pytest.raises(ChangeRefused) as refused:
        save_checked(db, without_traffic, actor="test", action="campaign.edit")
    assert [("change.area_removed", {"area": "traffic"})] == [
        (p.code, p.params) for p in refused.value.problems
    ]
    with pytest.raises(ChangeRefused) as refused:
        save_checked(db, replace(campaign, pick=2), actor="test", action="campaign.edit")
    assert ["change.pick"] == [p.code for p in refused.value.problems]
    relabelled = replace(
        campaign,
        areas=(Area("traffic", {"sv": "Trafik", "en": "Traffic"}), *campaign.areas[:-1]),
    )
    without_unused = replace(relabelled, areas=relabelled.areas[:-1])  # graffiti: no answers
    saved = save_checked(db, without_unused, actor="test", action="campaign.edit")
    assert 2 == saved.revision
    assert "Trafik" == published_campaigns(db)["ny"].area("traffic").label["sv"]
    db.conn.close()


def test_an_option_with_answers_cannot_be_removed(tmp_path):
    demo = load_campaign(SAMPLE_DIR / "demo.toml")
    db = store_with_answers(
        tmp_path / "x.db",
        demo,
        answer("demo", ("traffic", "unsafe-places", "drugs-alcohol"), answers={"age": "20-34"}),
    )
    age = demo.question("age")
    fewer = replace(age, options=tuple(o for o in age.options if o.id != "20-34"))
    changed = replace(demo, questions=(fewer, *demo.questions[1:]))
    with pytest.raises(ChangeRefused) as refused:
        save_checked(db, changed, actor="test", action="campaign.edit")
    assert [{"question": "age", "option": "20-34"}] == [p.params for p in refused.value.problems]
    db.conn.close()


def test_moving_the_dates_counts_the_answers_that_fall_outside(tmp_path):
    campaign = demo_copy("ny")
    areas = ("traffic", "unsafe-places", "drugs-alcohol")
    db = store_with_answers(
        tmp_path / "x.db",
        campaign,
        answer("ny", areas, 1, submitted_at="2024-03-01T11:00:00.000000Z"),
        answer("ny", areas, 2, submitted_at="2025-06-01T11:00:00.000000Z"),
    )
    assert 0 == answers_outside(db, campaign)
    from datetime import date

    later = replace(campaign, opens=date(2025, 1, 1))
    assert 1 == answers_outside(db, later)
    shorter = replace(campaign, closes=date(2024, 2, 29))
    assert 2 == answers_outside(db, shorter)
    db.conn.close()


def test_a_campaign_closed_early_takes_no_answers_from_that_moment():
    closed_at = datetime(2025, 5, 1, 12, 0, tzinfo=UTC)
    campaign = replace(demo_copy("ny"), closed_at=closed_at)
    assert "open" == campaign.status(datetime(2025, 5, 1, 11, 59, tzinfo=UTC))
    assert "closed" == campaign.status(closed_at)
    assert campaign == parse_campaign(campaign_as_toml(campaign))


async def test_a_watching_process_replaces_its_campaigns_when_the_stamp_moves(tmp_path):
    store = Store(tmp_path / "x.db")
    registry = CampaignRegistry()
    watch = CampaignWatch(store, registry)
    try:
        assert await watch.refresh()  # the first look reads them
        assert not await watch.refresh()
        assert {} == dict(registry)
        await store.write(
            lambda db: save_checked(db, demo_copy("ny"), actor="t", action="campaign.open")
        )
        assert await watch.refresh()
        assert ["ny"] == list(registry)
        assert not await watch.refresh()
    finally:
        store.close()


def test_a_new_campaign_is_not_saved_over_one_made_meanwhile_under_the_same_id(tmp_path):
    from storage.campaign_changes import save_draft
    from storage.campaigns import StaleCampaign

    db = open_database(tmp_path / "x.db")
    with immediate(db):
        save_draft(
            db, "ny", "id = 'ny'\n", None, actor="a", action="campaign.create", expected_revision=0
        )
    with pytest.raises(StaleCampaign), immediate(db):
        save_draft(
            db, "ny", "id = 'ny'\n", None, actor="b", action="campaign.create", expected_revision=0
        )
    assert 1 == stored_campaign(db, "ny").revision
    db.conn.close()
