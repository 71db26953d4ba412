"""One renderer per step type; every step of every campaign renders in every language."""

from __future__ import annotations

import pytest

from bot import callback_data as cd
from bot import missing_renderers
from bot.i18n import tr_for
from bot.screens import RENDERERS, View, render
from survey import STEP_TYPES, CommentStep
from survey.walk import new_draft, steps


def test_every_step_type_has_a_bot_renderer():
    assert [] == missing_renderers()
    assert set(STEP_TYPES) == set(RENDERERS)


def test_a_step_type_without_a_renderer_is_caught(monkeypatch):
    monkeypatch.delitem(RENDERERS, CommentStep)
    assert ["CommentStep"] == missing_renderers()
    from bot import build_application

    with pytest.raises(RuntimeError, match="no bot renderer for CommentStep"):
        build_application(None, "1:x", "http://127.0.0.1:9/bot")


def test_every_step_renders_in_every_language_with_valid_buttons(campaigns, catalogs):
    for campaign in campaigns.values():
        for lang in campaign.languages:
            draft = new_draft(campaign, "00000000-0000-4000-8000-000000000000", lang)
            draft = draft.__class__(**{**vars(draft), "comment": "å" * campaign.comment.max_length})
            for step in steps(campaign):
                screen = render(step, View(campaign, draft.at(step.id), tr_for(catalogs, lang)))
                assert screen.text.strip() and len(screen.text) <= 4096, (campaign.id, step.id)
                for row in screen.buttons:
                    for label, data in row:
                        assert label.strip(), (campaign.id, step.id)
                        assert len(data.encode()) <= cd.MAX_BYTES
                        assert cd.parse(data) is not None, data


def test_the_comment_step_warns_that_it_is_no_way_to_report_a_crime(campaigns, catalogs):
    campaign = campaigns["demo"]
    draft = new_draft(campaign, "id", "sv").at("comment")
    for lang in campaign.languages:
        text = render(CommentStep(), View(campaign, draft, tr_for(catalogs, lang))).text
        assert "112" in text and "114 14" in text, lang


def test_campaign_tokens_are_short_and_distinct(campaigns):
    tokens = {cd.campaign_token(c) for c in campaigns}
    assert len(campaigns) == len(tokens)
    assert all(6 == len(t) for t in tokens)


def test_arabic_texts_carry_no_direction_marks(catalogs):
    """Telegram sets right to left by itself; a left-to-right mark would break a line."""
    from babel.messages.pofile import read_po

    from locales import LOCALES_DIR

    with (LOCALES_DIR / "ar" / "LC_MESSAGES" / "bot.po").open("rb") as handle:
        catalog = read_po(handle, locale="ar")
    marks = ("\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066")
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert not any(mark in text for text in strings for mark in marks), message.id


def test_the_comment_receipt_and_the_warning_render_in_every_language(campaigns, catalogs):
    from dataclasses import replace

    from bot.screens import comment_warning

    campaign = campaigns["demo"]
    draft = replace(new_draft(campaign, "id", "sv").at("comment"), comment="x" * 312)
    kinds = ("name", "personnummer", "phone", "email")
    for lang in campaign.languages:
        tr = tr_for(catalogs, lang)
        receipt = render(CommentStep(), View(campaign, draft, tr, collecting=True))
        assert "312" in receipt.text and 2 == len(receipt.buttons), lang
        warning = comment_warning(View(campaign, draft, tr), kinds)
        assert ["V", "W"] == [cd.parse(row[0][1]).op for row in warning.buttons], lang
        if lang != "sv":
            assert "tecken" not in receipt.text and "personnummer" not in warning.text, lang
