"""The comment in the chat: several messages make one comment, going on only at "Klar"."""

from __future__ import annotations

from dataclasses import replace

from bot.state import Session
from survey import CommentRule
from tests.bot_harness import data
from tests.bot_unit import test_campaign, unit_bot

pytest_plugins = ["tests.bot_fixtures"]


async def test_two_messages_are_one_comment_and_the_walk_goes_on_at_klar(chats):
    user = chats.user()
    await chats.to_comment(user)
    prompt = user.last
    await chats.say(user, "Det är mörkt i parken.")
    assert "Synpunkten är mottagen, 22 tecken. Skriv mer, eller tryck Klar." == user.last_text
    assert "reply_markup" not in prompt  # "Hoppa över" is spent once something was typed
    await chats.say(user, "Och skräpigt vid busshållplatsen.")
    assert user.last_text.startswith("Synpunkten är mottagen, 56 tecken.")
    assert [("Klar ▶", data("demo", "K"))] == user.buttons()[0]
    assert 1 == sum(1 for m in user.messages if m.get("reply_markup"))  # one live keyboard
    await chats.press(user, data("demo", "K"))
    assert "Hur gammal är du?" in user.last_text
    await chats.press(user, data("demo", "Q", "0-1"))
    await chats.press(user, data("demo", "Q", "1-1"))
    assert "«Det är mörkt i parken.\nOch skräpigt vid busshållplatsen.»" in user.last_text
    await chats.press(user, data("demo", "C"))
    [stored] = await chats.responses()
    assert "Det är mörkt i parken.\nOch skräpigt vid busshållplatsen." == stored.comment


async def test_a_message_over_the_limit_is_refused_whole_and_the_rest_kept(chats):
    user = chats.user()
    await chats.to_comment(user)
    await chats.say(user, "a" * 1990)
    await chats.say(user, "b" * 20)
    assert "högst 2000 tecken lång" in user.last_text
    assert "Synpunkten är som förut, 1990 tecken" in user.last_text
    assert "reply_parameters" in chats.calls("sendMessage")[-1]  # a reply to that message
    await chats.say(user, "c" * 9, later=10)  # with the line break between: 2000 exactly
    assert user.last_text.startswith("Synpunkten är mottagen, 2000 tecken.")
    await chats.press(user, data("demo", "K"))
    await chats.press(user, data("demo", "Y", 0))
    await chats.press(user, data("demo", "Y", 1))
    await chats.press(user, data("demo", "C"))
    [stored] = await chats.responses()
    assert "a" * 1990 + "\n" + "c" * 9 == stored.comment


async def test_a_paste_cut_by_the_app_that_fits_is_one_comment(tmp_path):
    campaign = test_campaign(comment=CommentRule(max_length=6000))
    words = " ".join(f"ord{n}" for n in range(1200))[:4999] + "."
    first, rest = words[:4096], words[4096:]
    async with unit_bot(tmp_path, {"demo": campaign}) as chats:
        user = chats.user()
        await chats.to_comment(user)
        await chats.say(user, first)
        await chats.say(user, rest)
        assert user.last_text.startswith("Synpunkten är mottagen, 5000 tecken.")
        await chats.press(user, data("demo", "K"))
        for question in (0, 1):
            await chats.press(user, data("demo", "Y", question))
        await chats.press(user, data("demo", "C"))
        [stored] = await chats.responses()
        assert words == stored.comment


async def test_the_tail_of_a_refused_paste_is_not_taken_as_the_comment(chats):
    user = chats.user()
    await chats.to_comment(user)
    await chats.say(user, "x" * 4096)
    assert "högst 2000 tecken lång (din är 4096)" in user.last_text
    await chats.say(user, "slutet av texten")  # the rest of the same paste, the same second
    assert "Resten av det långa meddelandet sparades inte heller." == user.last_text
    await chats.say(user, "En kortare synpunkt.", later=30)
    assert user.last_text.startswith("Synpunkten är mottagen, 20 tecken.")


async def test_a_photos_caption_is_the_comment_and_the_photo_is_not_kept(chats):
    user = chats.user()
    await chats.to_comment(user)
    await chats.do(user.send_photo())
    assert user.last_text.startswith("Skriv din synpunkt som text, tack.")
    await chats.do(user.send_photo("Lampan vid gångtunneln är trasig."))
    assert user.last_text.startswith("Bilden sparas inte. Texten till bilden är mottagen")
    assert "Synpunkten är mottagen, 33 tecken." in user.last_text
    assert not chats.calls("getFile")
    await chats.press(user, data("demo", "K"))
    for question in (0, 1):
        await chats.press(user, data("demo", "Y", question))
    await chats.press(user, data("demo", "C"))
    [stored] = await chats.responses()
    assert "Lampan vid gångtunneln är trasig." == stored.comment


async def test_an_edited_message_changes_its_part_until_the_answer_is_sent(chats):
    user = chats.user()
    await chats.to_comment(user)
    first = await chats.say(user, "Mörkt")
    await chats.say(user, "Skräpigt")
    await chats.do(user.edit(first["message"]["message_id"], "Mörkt i parken"))
    assert "Synpunkten är mottagen, 23 tecken." in user.last_text
    await chats.press(user, data("demo", "K"))
    await chats.press(user, data("demo", "Q", "0-0"))
    await chats.press(user, data("demo", "Q", "1-0"))
    summary = user.last
    await chats.do(user.edit(first["message"]["message_id"], "Mörkt i hela parken"))
    assert user.last_text.startswith("Synpunkten är ändrad.")
    assert "«Mörkt i hela parken\nSkräpigt»" in user.last_text
    assert summary not in user.messages  # the summary is shown once, updated
    await chats.press(user, data("demo", "C"))
    calls = len(chats.tg.calls)
    await chats.do(user.edit(first["message"]["message_id"], "Efteråt"))
    assert calls == len(chats.tg.calls)  # sent: an edit changes nothing any more
    [stored] = await chats.responses()
    assert "Mörkt i hela parken\nSkräpigt" == stored.comment


async def test_changing_the_comment_from_the_summary_replaces_it_and_returns(chats):
    user = chats.user()
    await chats.to_comment(user)
    await chats.say(user, "Första")
    await chats.press(user, data("demo", "K"))
    await chats.press(user, data("demo", "Q", "0-0"))
    await chats.press(user, data("demo", "Q", "1-0"))
    await chats.press(user, data("demo", "E", "c"))
    assert "Din synpunkt nu: «Första»" in user.last_text
    await chats.say(user, "Andra")
    assert user.last_text.startswith("Synpunkten är mottagen, 5 tecken.")
    await chats.press(user, data("demo", "K"))
    assert user.last_text.startswith("Stämmer det här?")
    assert "«Andra»" in user.last_text


async def test_a_required_comment_has_no_skip_and_klar_needs_text(tmp_path):
    campaign = test_campaign(comment=replace(CommentRule(), required=True))
    async with unit_bot(tmp_path, {"demo": campaign}) as chats:
        user = chats.user()
        await chats.to_comment(user)
        assert [[("Ändra områden", data("demo", "H"))]] == user.buttons()  # no skip
        await chats.say(user, "Viktigt")
        assert [[("Klar ▶", data("demo", "K"))]] == user.buttons()


async def test_the_session_keeps_where_the_parts_are_never_their_text(chats):
    user = chats.user()
    await chats.to_comment(user)
    await chats.say(user, "Hemligt förslag om parken")
    await chats.deps.drafts.close()
    rows = await chats.deps.store.read(
        lambda db: [(r["campaign"], r["data"]) for r in db["drafts"].rows]
    )
    [session] = [data for campaign, data in rows if campaign == ""]
    assert "Hemligt" not in session and '"parts"' in session
    assert any("Hemligt" in data for campaign, data in rows if campaign == "demo")


def test_an_unreadable_session_counts_as_none():
    kept = Session(
        locale="sv", campaign="demo", source="bibliotek", prompt=4, parts=((5, 0, 3, 3),)
    )
    assert kept == Session.from_json(kept.to_json())
    for raw in ('{"parts": [[1, 5, 2, 3]]}', '{"prompt": true}', '{"parts": "x"}', "[]"):
        assert Session() == Session.from_json(raw), raw
