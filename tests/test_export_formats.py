"""CSV and XLSX exports: the shape of each table, and no cell ever read as a formula."""

from __future__ import annotations

import io
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from storage.campaigns import register_campaigns
from storage.connection import immediate
from storage.export_csv import csv_chunks
from storage.export_tables import export_table
from storage.export_xlsx import write_xlsx
from storage.migrations import migrate
from storage.moderation import add_tag, list_tags, moderate
from storage.responses import save_response
from survey import Response
from survey.formula import FORMULA_STARTS
from tests.export_readers import read_csv, read_xlsx

AREAS = ("violence-public", "unsafe-places", "traffic")


@pytest.fixture(scope="module")
def db(campaigns):
    db = Database(memory=True)
    db.conn.execute("PRAGMA foreign_keys = ON")
    migrate(db)
    with immediate(db):
        register_campaigns(db, list(campaigns.values()))
    return db


def store(db, *responses: Response) -> None:
    with immediate(db):
        db.conn.execute("DELETE FROM responses")
        for response in responses:
            save_response(db, response)


def answer(comment=None, source=None, channel="web", areas=AREAS, answers=None) -> Response:
    return Response(
        id=str(uuid.uuid4()),
        campaign="demo",
        channel=channel,
        locale="sv",
        areas=areas,
        comment=comment,
        source=source,
        answers=answers or {},
    )


def csv_rows(db, campaign, table="responses", delimiter=";", **options):
    data = "".join(csv_chunks(export_table(db, campaign, table, **options), delimiter))
    return read_csv(data.encode("utf-8"), delimiter)


def xlsx_rows(db, campaign, table="responses", **options):
    buffer = io.BytesIO()
    write_xlsx(export_table(db, campaign, table, **options), buffer)
    buffer.seek(0)
    return read_xlsx(buffer)


def survives(original: str, cell) -> bool:
    """The cell is the text, with a leading apostrophe exactly when it starts like a formula."""
    if original.startswith(FORMULA_STARTS):
        return cell == "'" + original
    return cell == original


# Text a resident could send: anything but lone surrogates, which no UTF-8 file can hold.
texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60)
dangerous = st.sampled_from(FORMULA_STARTS).flatmap(lambda c: texts.map(lambda t: c + t))
any_text = st.one_of(texts, dangerous)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(comment=any_text, source=any_text, delimiter=st.sampled_from([";", ","]))
def test_csv_cells_never_start_like_a_formula_and_keep_their_text(
    db, campaigns, comment, source, delimiter
):
    store(db, answer(comment=comment, source=source))
    header, row = csv_rows(db, campaigns["demo"], delimiter=delimiter, machine_names=True)
    for cell in row:
        assert not cell.startswith(FORMULA_STARTS)
    assert survives(comment, row[header.index("comment")])
    assert survives(source, row[header.index("source")])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(comment=any_text, source=any_text)
def test_xlsx_cells_are_text_as_typed_and_never_formulas(db, campaigns, comment, source):
    store(db, answer(comment=comment, source=source))
    header, row = xlsx_rows(db, campaigns["demo"], machine_names=True)  # no formula: checked
    assert comment == row[header.index("comment")]
    assert source == row[header.index("source")]


def test_the_responses_table_has_a_column_per_area_and_labelled_answers(db, campaigns, catalogs):
    store(db, answer(comment="Mer ljus", answers={"age": "20-34"}))
    demo = campaigns["demo"]
    header, row = csv_rows(db, demo)
    labels = [a.label["sv"] for a in demo.areas]
    first = ["Svarets id", "Inskickat (lokal tid)", "Inskickat (UTC)", "Kanal", "Plats", "Språk"]
    assert [*first, *labels] == header[:14]
    times = [f"När känner du dig otrygg?: {t}" for t in ("Dag", "Kväll", "Natt", "Helger")]
    parts = ("latitud", "longitud", "zon", "varför", "anteckning")
    places = [f"Var känner du dig otrygg? {n}: {part}" for n in (1, 2, 3) for part in parts]
    questions = [
        "Hur gammal är du?",
        "Var bor du?",
        "Hur trygg känner du dig ute ensam en sen kväll där du bor?",
        *times,
        *places,
    ]
    assert ["Synpunkt", *questions, "Kom in efter stängning", "Lättläst", "Flagga"] == header[14:]
    chosen = dict(zip(labels, row[6:14], strict=True))
    assert {"Våld i offentlig miljö": "1", "Otrygga miljöer": "1", "Trafikbrott": "1"} == {
        label: mark for label, mark in chosen.items() if mark
    }
    assert ["Mer ljus", "20–34 år", "", "", "", "", "", "", "", "", "", *[""] * 15] == row[14:]
    english_header, _ = csv_rows(db, demo, lang="en", gettext=catalogs.get("en").gettext)
    assert ["Response id", "Submitted (local time)", "Submitted (UTC)"] == english_header[:3]
    assert "Traffic offences" in english_header
    machine, _ = csv_rows(db, demo, machine_names=True)
    assert ["id", "submitted_at", "submitted_at_utc", "channel", "source", "locale"] == machine[:6]
    assert "area_traffic" in machine and "comment" in machine and "age" in machine


def test_the_tally_uses_a_decimal_comma_for_swedish_excel(db, campaigns):
    store(db, answer(), answer(areas=("traffic", "social-unrest", "unsafe-places")))
    rows = csv_rows(db, campaigns["demo"], "tally")
    assert ["Placering", "Områdets id", "Område", "Röster", "Andel av deltagarna (%)"] == rows[0]
    assert ["1", "unsafe-places", "Otrygga miljöer", "2", "100,0"] == rows[1]
    comma = csv_rows(db, campaigns["demo"], "tally", delimiter=",")
    assert "100.0" == comma[1][4]
    assert [1.0, "unsafe-places", "Otrygga miljöer", 2.0, 1.0] == xlsx_rows(
        db, campaigns["demo"], "tally"
    )[1]


def test_published_comments_are_the_approved_ones_redacted(db, campaigns):
    shown = answer(comment="Ring mig på 070-123 45 67 om belysningen.")
    hidden = answer(comment="Spam")
    fresh = answer(comment="Inte granskad än")
    store(db, shown, hidden, fresh)
    with immediate(db):
        add_tag(db, "demo", "Belysning", "kim")
        (tag,) = list_tags(db, "demo")
        moderate(
            db, "demo", shown.id, status="approved", redacted=None, tag_ids=[tag.id], actor="kim"
        )
        moderate(db, "demo", hidden.id, status="hidden", redacted=None, tag_ids=[], actor="kim")
    rows = csv_rows(db, campaigns["demo"], "comments", published=True, machine_names=True)
    assert ["date", "areas", "themes", "comment"] == rows[0]
    assert 2 == len(rows)
    assert "Belysning" == rows[1][2]
    assert "Ring mig på […] om belysningen." == rows[1][3]
    everything = csv_rows(db, campaigns["demo"], "comments")
    assert "Granskning" == everything[0][6]
    assert {"approved", "hidden", "new"} == {row[6] for row in everything[1:]}
    assert {shown.comment, "Spam", "Inte granskad än"} == {row[8] for row in everything[1:]}


def test_every_line_ends_in_crlf_even_with_line_breaks_in_a_comment(db, campaigns):
    store(db, answer(comment='första raden\nandra; med "citat"'))
    data = "".join(csv_chunks(export_table(db, campaigns["demo"], "responses")))
    assert data.startswith("\ufeffSvarets id;Inskickat (lokal tid);")
    assert data.endswith("\r\n")
    assert 'första raden\nandra; med ""citat""' in data
    assert 2 == data.count("\r\n")
