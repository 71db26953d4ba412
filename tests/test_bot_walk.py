"""A whole walk in the chat, in Swedish and in Arabic, stored as one response."""

from __future__ import annotations

import re

from locales import Catalogs
from tests.bot_harness import answered, data, demo_walk, press, say, skip_topic

pytest_plugins = ["tests.bot_fixtures"]

AR = Catalogs.load().get("ar")
WALK_METHODS = ("sendMessage", "editMessageText", "editMessageReplyMarkup", "answerCallbackQuery")


def swedish_texts() -> list[str]:
    """The bot's Swedish source texts, cut at their placeholders (pieces of 8+ letters)."""
    from babel.messages.pofile import read_po

    from locales import LOCALES_DIR

    with (LOCALES_DIR / "bot.pot").open("rb") as handle:
        template = read_po(handle)
    pieces = set()
    for message in template:
        for text in message.id if isinstance(message.id, tuple) else (message.id,):
            pieces.update(p.strip() for p in re.split(r"%\(\w+\)[sd]|/\w+", text))
    return sorted(p for p in pieces if len(p) >= 8)


def message_calls(tg) -> int:
    return sum(tg.count_calls(method) for method in WALK_METHODS)


async def test_a_full_walk_in_swedish(bot, tg):
    user = tg.user(7350123468, first_name="Anna", language_code="sv", username="anna_k")
    await demo_walk(user, areas=(0, 2, 5), comment="Mer belysning i parken, tack.")

    [stored] = await bot.responses()
    assert ("violence-public", "drugs-alcohol", "social-unrest") == stored.areas
    assert "Mer belysning i parken, tack." == stored.comment
    assert {"age": "20-34", "district": "prefer-not-to-say"} == dict(stored.answers)
    assert ("telegram", "sv", False) == (stored.channel, stored.locale, stored.followup_consent)
    assert stored.participant is not None and 64 == len(stored.participant)
    assert user.last_text.startswith("Tack! Ditt svar är sparat.")
    assert "Tack för att du testade!" in user.last_text  # the campaign's next steps
    assert [[("🔔 Ja, berätta om uppföljningen", data("demo", "F", "1t"))]] == user.buttons()
    assert 0 == bot.table_count("drafts WHERE campaign = 'demo'")
    assert all(alert.get("callback_query_id") for alert in user.alerts)


async def test_the_intro_names_who_asks_the_dates_and_privacy(bot, tg):
    user = tg.user(1001, language_code="sv")
    await say(user, "/start")
    intro = user.last_text
    assert intro.startswith("Demo: Trygg och säker")
    assert "Frågorna ställs av: Polisen och Kommunen." in intro
    assert "Enkäten är öppen från 1 januari 2024." in intro
    assert "/privacy" in intro
    # The first question is on the same message: there is nothing to press to begin.
    assert intro.endswith(
        "Välj de 3 områden som du tycker att polisen och kommunen ska prioritera.\n\n0 av 3 valda"
    )
    labels = [[label for label, _ in row] for row in user.buttons()]
    assert ["⬜ Våld i offentlig miljö"] == labels[0] and ["🌐 Språk"] == labels[-1]
    assert 9 == len(labels)  # eight areas and the language: "Klar" only once three are chosen


async def test_a_full_walk_in_arabic(bot, tg):
    user = tg.user(1002, first_name="Layla", language_code="ar")
    await say(user, "/start")
    intro = user.last_text
    assert intro.startswith("نسخة تجريبية: آمن ومطمئن")  # the campaign's Arabic title
    assert (
        AR.gettext("Frågorna ställs av: %(organisers)s.") % {"organisers": "الشرطة والبلدية"}
        in intro
    )
    assert "\u200e" not in intro and "\u202a" not in intro  # no left-to-right marks
    assert "\n\nاختر" in user.last_text  # the areas, under the intro
    assert "\u20680\u2069 من \u20683\u2069" in user.last_text
    assert "العنف في الأماكن العامة" in user.buttons()[0][0][0]
    for index in (1, 3):
        await press(user, "demo", "A", index)
    assert "\u20682\u2069 من \u20683\u2069" in user.last_text  # numbers isolated
    await press(user, "demo", "A", 4)  # the third: on to the topic questions, then the comment
    await skip_topic(user)
    assert "\u20681\u2069. الأماكن التي تثير الشعور بعدم الأمان" in user.last_text
    assert "\u2068112\u2069" in user.last_text and "\u2068114 14\u2069" in user.last_text
    await say(user, "نحتاج إلى إضاءة أفضل في الحديقة")
    await press(user, "demo", "K")
    assert "كم عمرك؟" in user.last_text
    assert "أفضّل عدم الإجابة" == user.buttons()[-2][0][0]  # an answer; skipping is not
    await press(user, "demo", "Q", "0-5")
    await press(user, "demo", "Q", "1-7")
    assert "نحتاج إلى إضاءة أفضل في الحديقة" in user.last_text
    await press(user, "demo", "C")
    assert user.last_text.startswith(AR.gettext("Tack! Ditt svar är sparat."))
    assert "شكرًا لتجربتك!" in user.last_text  # the campaign's next steps in Arabic

    [stored] = await bot.responses()
    assert ("unsafe-places", "theft-burglary", "domestic-violence") == stored.areas
    assert ("ar", "نحتاج إلى إضاءة أفضل في الحديقة") == (stored.locale, stored.comment)
    await say(user, "/start")  # the stored answer, summarised
    await say(user, "/help")
    shown = [m["text"] for m in user.messages] + [b for row in user.buttons() for b, _ in row]
    for swedish in swedish_texts():
        assert not any(swedish in text for text in shown), swedish


async def test_the_language_is_offered_when_telegrams_is_not_and_can_be_changed(bot, tg):
    user = tg.user(1003, language_code="de")
    await say(user, "/start")
    assert "🌐 Välj språk\n🌐 Choose a language" in user.last_text
    languages = ["✅ svenska", "svenska – lättläst", "English", "العربية", "suomi"]
    assert languages == [row[0][0] for row in user.buttons()]
    await press(user, "-", "L", "en")
    assert user.last_text.startswith("Demo: Safe and secure")
    await press(user, "demo", "G")
    await press(user, "-", "L", "fi")
    assert user.last_text.startswith("Demo: Turvallinen ja varma")
    await say(user, "/language")
    await press(user, "-", "L", "sv")
    assert user.last_text.startswith("Demo: Trygg och säker")
    assert "\n\nVälj de 3 områden" in user.last_text


async def test_areas_are_ticked_in_place_the_third_goes_on_and_a_fourth_is_refused(bot, tg):
    user = tg.user(1004, language_code="sv")
    await say(user, "/start")
    areas_message = user.last
    sent = tg.count_calls("sendMessage")
    await press(user, "demo", "A", 0)
    edits = tg.count_calls("editMessageText")
    await answered(user, user.press_data(data("demo", "A", "0+")))  # a double tap
    assert edits == tg.count_calls("editMessageText")  # the message shows that already
    await press(user, "demo", "A", 1)
    assert "2 av 3 valda" in user.last_text
    await answered(user, user.press_data(data("demo", "N")))  # an old "Klar" with two
    assert "Välj 3 områden." == user.alerts[-1]["text"] and user.alerts[-1]["show_alert"]
    await press(user, "demo", "A", 2)  # the third: on to the topic questions, then the comment
    await skip_topic(user)
    assert user.last_text.startswith(
        "Dina områden:\n1. Våld i offentlig miljö\n2. Otrygga miljöer\n"
        "3. Narkotika- och alkoholrelaterad brottslighet\n\nVill du lämna en synpunkt"
    )
    assert [["Hoppa över ▶"], ["Ändra områden"]] == [[b for b, _ in r] for r in user.buttons()]
    await press(user, "demo", "H")  # a third area ticked by mistake: back
    assert "3 av 3 valda" in user.last_text and "Klar ▶" == user.buttons()[-2][0][0]
    edits = tg.count_calls("editMessageText")
    await press(user, "demo", "A", 3)
    assert "Du kan välja 3 områden. Ta bort ett val först." == user.alerts[-1]["text"]
    assert edits == tg.count_calls("editMessageText")  # a refused press shows no change
    await press(user, "demo", "A", 1)
    assert "2 av 3 valda" in user.last_text
    assert "Klar ▶" not in [row[0][0] for row in user.buttons()]
    await press(user, "demo", "A", 3)  # the third again: on, past the topic questions
    await skip_topic(user)
    assert "2. Narkotika- och alkoholrelaterad brottslighet\n3. Stölder och inbrott" in (
        user.last_text
    )
    # Every change was an edit of one message; the place question's reply keyboard came
    # and went in messages of its own, each of the two times the walk passed it.
    assert sent + 4 == tg.count_calls("sendMessage")
    assert areas_message is user.last and 5 == len(user.messages)


async def test_a_too_long_comment_is_refused_and_the_chat_keeps_it(bot, tg):
    user = tg.user(1005, language_code="sv")
    await say(user, "/start")
    for index in (0, 1, 2):
        await press(user, "demo", "A", index)
    await skip_topic(user)
    await say(user, "x" * 2001)
    assert "högst 2000 tecken lång (din är 2001)" in user.last_text
    reply = [params for name, params in tg.calls if name.lower() == "sendmessage"][-1]
    assert "reply_parameters" in reply  # a reply to the resident's own message
    await say(user, "x" * 2000)
    assert user.last_text.startswith("Synpunkten är mottagen, 2000 tecken.")
    await press(user, "demo", "K")
    assert "Hur gammal är du?" in user.last_text


async def test_the_comment_can_be_skipped_and_changed_from_the_summary(bot, tg):
    user = tg.user(1006, language_code="sv")
    await say(user, "/start")
    for index in (0, 1, 2):
        await press(user, "demo", "A", index)
    await skip_topic(user)
    await say(user, "Hej")  # the comment
    await press(user, "demo", "K")
    await say(user, "Hallå")  # not at the comment step any more: pointed to the buttons
    assert user.last_text.startswith("Använd knapparna")
    await press(user, "demo", "Q", "0-0")
    await press(user, "demo", "Q", "1-0")
    await press(user, "demo", "E", "c")
    assert "Din synpunkt nu: «Hej»" in user.last_text
    await press(user, "demo", "S")
    assert user.last_text.startswith("Stämmer det här?")  # back at the summary
    assert "Din synpunkt: (ingen)" in user.last_text
    await press(user, "demo", "E", "a")
    await press(user, "demo", "A", 0)
    await press(user, "demo", "A", 7)  # the third: back to the summary
    assert "3. Klotter och vandalisering" in user.last_text
    await press(user, "demo", "C")
    [stored] = await bot.responses()
    assert (("unsafe-places", "drugs-alcohol", "graffiti-vandalism"), None) == (
        stored.areas,
        stored.comment,
    )


async def test_a_walk_stays_within_the_bot_api_budget(bot, tg):
    """At most two calls per button press (answer, edit), one per command, and two per part
    of the comment (the receipt, and the spent keyboard above it taken away), and two for the
    place question's reply keyboard (shown, taken away): 25 in all."""
    user = tg.user(1007, language_code="sv")
    before = message_calls(tg)
    await demo_walk(user)
    presses = sum(1 for line in user.transcript if line.startswith("* press"))
    typed = sum(1 for line in user.transcript if line.startswith("> "))
    # Three areas, three topic questions skipped, Klar, two answers, Skicka; /start, comment.
    assert (10, 2) == (presses, typed)
    assert message_calls(tg) - before <= 2 * presses + 1 + 2 + 2 <= 25
    assert presses == tg.count_calls("answerCallbackQuery")


async def test_a_topic_question_shows_the_areas_and_leads_back_to_them(bot, tg):
    user = tg.user(1010, language_code="sv")
    await say(user, "/start")
    for area in (0, 1, 2):  # the third goes on to the first topic question
        await press(user, "demo", "A", area)
    assert user.last_text.startswith(
        "Dina områden:\n1. Våld i offentlig miljö\n2. Otrygga miljöer\n"
        "3. Narkotika- och alkoholrelaterad brottslighet\n\n"
    )
    assert ("Ändra områden", data("demo", "H")) == user.buttons()[-1][0]
    await press(user, "demo", "H")  # a third area ticked by mistake: back, from the question
    assert "3 av 3 valda" in user.last_text
    await press(user, "demo", "A", 2)
    await press(user, "demo", "A", 3)  # the third again: on to the first topic question
    assert "2. Otrygga miljöer\n3. Stölder och inbrott" in user.last_text
    await skip_topic(user)  # the comment shows them too, as before
    assert "3. Stölder och inbrott" in user.last_text
    assert ("Ändra områden", data("demo", "H")) == user.buttons()[-1][0]


async def test_background_questions_and_the_summary_do_not_lead_back_to_the_areas(bot, tg):
    user = tg.user(1011, language_code="sv")
    await say(user, "/start")
    for area in (0, 1, 2):
        await press(user, "demo", "A", area)
    await skip_topic(user)
    await press(user, "demo", "S")  # no comment: on to the first background question
    assert not user.last_text.startswith("Dina områden:")
    assert "Ändra områden" not in [label for row in user.buttons() for label, _ in row]
    question = user.last_text
    await answered(user, user.press_data(data("demo", "H")))  # an old button: nothing moves
    assert question == user.last_text
