"""Likely personal data in comments: found, highlighted and redacted; other text untouched."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from survey.personal_data import (
    REDACTED,
    comment_warnings,
    find_personal_data,
    luhn_valid,
    redact,
    segments,
)


def with_check_digit(nine: str) -> str:
    """A personnummer's ten digits: nine plus the Luhn check digit."""
    return nine + next(d for d in "0123456789" if luhn_valid(nine + d))


@pytest.mark.parametrize(
    "text",
    [
        "811228-9874",
        "19811228-9874",
        "198112289874",
        "8112289874",
        "811228+9874",  # over a hundred years old
        "811288-9871",  # samordningsnummer: day + 60
    ],
)
def test_a_valid_personnummer_is_found(text):
    assert [(0, len(text), "personnummer")] == [
        (s.start, s.end, s.kind) for s in find_personal_data(text)
    ]


def test_a_personnummer_failing_the_luhn_check_is_not_one():
    assert [] == find_personal_data("Ärende 811228-9875 gäller Nobelplan")


@pytest.mark.parametrize(
    "phone",
    [
        "070-123 45 67",
        "0701234567",
        "070 123 45 67",
        "+46 70 123 45 67",
        "+46 (0)70-123 45 67",
        "0046701234567",
        "054-29 50 00",
        "054 - 29 50 00",
        "08-123 456 78",
        "(054) 29 50 00",
    ],
)
def test_phone_numbers_are_found(phone):
    text = f"Ring mig på {phone} efter fem."
    assert f"Ring mig på {REDACTED} efter fem." == redact(text)


@pytest.mark.parametrize(
    "address", ["anna.berg@example.se", "kim+polis@karlstad.se", "örjan@exempel.nu"]
)
def test_email_addresses_are_found(address):
    assert f"Mejla {REDACTED}, tack" == redact(f"Mejla {address}, tack")


@pytest.mark.parametrize(
    "text",
    [
        "Sammanlagt 813 personer svarade, 268 lämnade synpunkter.",
        "Dialogen hölls 2016-02-22 till 2016-03-18.",
        "Bussen kl 08:00 och 23.15 är otrygg, linje 1 och 11.",
        "Nobelplan 12, 100 000 kr i skador sedan 2015.",
        "Ring 112 vid nödläge, 114 14 annars.",
    ],
)
def test_ordinary_numbers_are_left_alone(text):
    assert text == redact(text)


def test_segments_mark_what_to_highlight():
    assert [
        ("Ring ", None),
        ("070-123 45 67", "phone"),
        (" eller ", None),
        ("a@b.se", "email"),
    ] == segments("Ring 070-123 45 67 eller a@b.se")


@given(st.text(st.characters(blacklist_categories=("Nd",), blacklist_characters="@"), max_size=200))
def test_text_without_digits_or_at_signs_is_never_changed(text):
    assert text == redact(text)


@given(
    before=st.text(st.sampled_from("abc åäö,.!?\n"), max_size=30),
    after=st.text(st.sampled_from("abc åäö,.!?\n"), max_size=30),
    born=st.dates(min_value=date(1880, 1, 1), max_value=date(2029, 12, 31)),
    serial=st.integers(0, 999),
    separator=st.sampled_from(["-", "", "+"]),
    century=st.booleans(),
)
def test_any_valid_personnummer_in_any_text_is_redacted(
    before, after, born, serial, separator, century
):
    ten = with_check_digit(f"{born:%y%m%d}{serial:03d}")
    number = f"{born:%Y}"[:2] * century + ten[:6] + separator + ten[6:]
    assert before + REDACTED + after == redact(before + number + after)


def test_comment_warnings_name_each_kind_once_in_a_fixed_order():
    text = (
        "Min granne Kalle Svensson, 19121212-1212, säljer knark. Ring mig på 070-123 45 67 "
        "eller mejla ali@example.se."
    )
    assert ("name", "personnummer", "phone", "email") == comment_warnings(text)
    assert () == comment_warnings("Bättre belysning i parken, tack.")
    assert () == comment_warnings(None)


def test_a_likely_name_is_two_capitalised_words_not_opening_a_sentence():
    assert ("name",) == comment_warnings("Det är grannen Anna-Karin Berg som bråkar.")
    assert ("name",) == comment_warnings("Fråga Per Olsson.")
    assert () == comment_warnings("Kalle Anka är en tecknad figur.")  # a sentence's start
    assert () == comment_warnings("Det är mörkt vid Stora Torget i Karlstad.")
    assert () == comment_warnings("Mer ljus på Karlstad Centralstation och Region Värmland.")
    assert () == comment_warnings("Trafiken på Karlstad Drottninggatan är farlig.")
