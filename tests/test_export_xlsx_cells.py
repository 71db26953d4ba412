"""XLSX as an analyst opens it (read back with openpyxl): real date-time cells in local time
with the UTC time beside them, an autofilter, column widths, text exactly as typed; CSV
headers in the export's language, machine names on request."""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from storage import Store
from storage.campaigns import register_campaigns
from storage.export_tables import local_time
from storage.responses import save_response
from survey import Response
from tests.cli_process import run_cli
from tests.export_readers import read_csv

TYPED = ("-5 grader på morgonen", "+46 70 123 45 67", "=SUMMA(A1:A2)", "@kommunen")


@pytest.fixture
def db(tmp_path: Path, campaigns) -> Path:
    path = tmp_path / "dialog.db"
    store = Store(path)

    def seed(db):
        register_campaigns(db, list(campaigns.values()))
        for n, comment in enumerate(TYPED):
            save_response(
                db,
                Response(
                    id=str(uuid.UUID(int=n + 1)),
                    campaign="karlstad-2016",
                    channel="kiosk",
                    locale="sv",
                    areas=("violence-public", "unsafe-places", "drugs-alcohol"),
                    comment=comment,
                    source="Mitt i City",
                    # 13:05 UTC on 1 March 2016 is 14:05 in Karlstad (CET).
                    submitted_at=f"2016-03-01T13:05:0{n}.250000Z",
                ),
            )

    store.call(seed, write=True)
    store.close()
    return path


def export(db: Path, out: Path, *args: str) -> None:
    result = run_cli(
        "export", "--db", str(db), "--campaign", "karlstad-2016", "--out", str(out), *args
    )
    assert 0 == result.returncode, result.stderr


@pytest.mark.process
def test_xlsx_has_local_date_times_an_autofilter_widths_and_text_as_typed(db, tmp_path):
    out = tmp_path / "svar.xlsx"
    export(db, out, "--format", "xlsx")
    sheet = openpyxl.load_workbook(out).active
    header = [cell.value for cell in sheet[1]]
    local = header.index("Inskickat (lokal tid)")
    utc = header.index("Inskickat (UTC)")
    comment = header.index("Synpunkt")
    first = [cell for cell in sheet[2]]
    assert datetime(2016, 3, 1, 14, 5, 0) == first[local].value
    assert first[local].is_date and "yyyy-mm-dd hh:mm:ss" == first[local].number_format
    assert datetime(2016, 3, 1, 13, 5, 0) == first[utc].value
    assert list(TYPED) == [row[comment].value for row in sheet.iter_rows(min_row=2)]
    assert all(row[comment].data_type == "s" for row in sheet.iter_rows(min_row=2))
    assert f"A1:{openpyxl.utils.get_column_letter(len(header))}5" == sheet.auto_filter.ref
    widths = {
        header[i]: sheet.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width
        for i in range(len(header))
    }
    assert widths["Synpunkt"] >= 50 and widths["Inskickat (lokal tid)"] >= 19
    assert 1.0 == first[header.index("Våld i offentlig miljö")].value


@pytest.mark.process
def test_csv_keeps_the_apostrophe_and_speaks_the_exports_language(db, tmp_path):
    out = tmp_path / "svar.csv"
    export(db, out, "--format", "csv", "--lang", "en")
    header, *rows = read_csv(out.read_bytes())
    assert ["Response id", "Submitted (local time)", "Submitted (UTC)", "Channel"] == header[:4]
    assert "Violence in public places" in header
    comments = [row[header.index("Comment")] for row in rows]
    assert ["'-5 grader på morgonen", "'+46 70 123 45 67", "'=SUMMA(A1:A2)", "'@kommunen"] == (
        comments
    )
    assert "2016-03-01 14:05:00" == rows[0][1]


@pytest.mark.process
def test_machine_names_for_scripts(db, tmp_path):
    out = tmp_path / "svar.csv"
    export(db, out, "--format", "csv", "--machine-names", "--lang", "fi")
    header = read_csv(out.read_bytes())[0]
    assert ["id", "submitted_at", "submitted_at_utc", "channel", "source", "locale"] == header[:6]
    assert "area_violence-public" in header


@pytest.mark.process
def test_a_language_the_campaign_does_not_offer_is_one_line(db, tmp_path):
    result = run_cli(
        "export", "--db", str(db), "--campaign", "karlstad-2016", "--format", "csv", "--lang", "de"
    )
    assert 1 == result.returncode
    assert "medborgardialog: error: karlstad-2016 is not in 'de'" in result.stderr


def test_local_time_follows_summer_time(campaigns):
    local = local_time(campaigns["karlstad-2016"])
    assert "2016-03-27 01:59:59" == local("2016-03-27T00:59:59.000000Z")  # winter, +1
    assert "2016-03-27 03:00:00" == local("2016-03-27T01:00:00.000000Z")  # summer, +2
    assert "2016-07-01 14:00:00" == local("2016-07-01T12:00:00.5Z")
