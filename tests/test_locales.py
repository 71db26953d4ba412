"""Translations: every shipped catalog complete, every campaign language shipped, dates by Babel."""

from __future__ import annotations

from datetime import date

import pytest

from locales import (
    LANGUAGES,
    format_long_date,
    format_period,
    isolate_numbers,
    language_name,
    text_direction,
)
from locales.catalogs import all_problems
from locales.problems import problem_message
from survey import Problem


def test_every_shipped_catalog_is_complete_and_not_fuzzy():
    assert [] == all_problems()


def test_every_campaign_language_has_a_catalog(campaigns, catalogs):
    for campaign in campaigns.values():
        assert set(campaign.languages) <= set(catalogs.languages), campaign.id
    assert set(LANGUAGES) == set(catalogs.languages)


def test_arabic_has_the_correct_plural_rule(catalogs):
    arabic = catalogs.get("ar")
    assert [0, 1, 2, 3, 4, 5] == [arabic.plural(n) for n in (0, 1, 2, 3, 11, 100)]
    ngettext = arabic.ngettext
    assert "اختر %(n)d مجالًا." == ngettext("Välj %(n)d område.", "Välj %(n)d områden.", 11)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sv", "22 februari–18 mars 2016"),
        ("en", "22 February–18 March 2016"),  # en-GB, as read in Sweden and Europe
        ("fi", "22. helmikuuta–18. maaliskuuta 2016"),
    ],
)
def test_periods_are_formatted_in_the_readers_language(lang, expected):
    assert expected == format_period(date(2016, 2, 22), date(2016, 3, 18), lang)


def test_english_dates_are_british():
    assert "1 January 2024" == format_long_date(date(2024, 1, 1), "en")
    assert "1 januari 2024" == format_long_date(date(2024, 1, 1), "sv")


def test_numbers_in_arabic_text_are_isolated_and_other_text_is_untouched():
    said = "للحالات الطارئة: اتصل بالرقم 112. لبلاغات أخرى: 114 14 أو +46 70-123 45 67."
    assert (
        "للحالات الطارئة: اتصل بالرقم \u2068112\u2069. لبلاغات أخرى: \u2068114 14\u2069 أو "
        "\u2068+46 70-123 45 67\u2069."
    ) == isolate_numbers(said, "ar")
    assert isolate_numbers(said, "ar") == isolate_numbers(isolate_numbers(said, "ar"), "ar")
    assert "ring 114 14" == isolate_numbers("ring 114 14", "sv")
    assert "\u206820–34\u2069 سنة" == isolate_numbers("20–34 سنة", "ar")  # a range stays whole


def test_arabic_reads_right_to_left():
    assert ("rtl", "ltr") == (text_direction("ar"), text_direction("sv"))
    assert "العربية" == language_name("ar")


def test_problems_are_told_in_each_language(catalogs):
    problem = Problem("areas.count", "areas", {"expected": 3, "given": 4})
    said = {lang: problem_message(problem, catalogs.get(lang)) for lang in LANGUAGES}
    assert "Välj 3 områden." == said["sv"]
    assert "Choose 3 areas." == said["en"]
    assert 4 == len(set(said.values()))
