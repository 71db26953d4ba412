"""The conversation around the walk: warnings, spent keyboards, double taps, /delete, skips."""

from __future__ import annotations

from tests.bot_harness import data

pytest_plugins = ["tests.bot_fixtures"]

PERSONAL = (
    "Min granne Kalle Svensson, 19121212-1212, säljer knark. Ring mig på 070-123 45 67 "
    "eller mejla ali@example.se."
)


async def through_questions(chats, user, skip: bool = True) -> None:
    for question in (0, 1):
        await chats.press(user, data("demo", "Y" if skip else "Q", question if skip else "0-0"))


async def test_personal_data_is_warned_about_and_can_be_sent_anyway(chats):
    user = chats.user()
    await chats.to_comment(user)
    await chats.say(user, PERSONAL)
    await chats.press(user, data("demo", "K"))
    assert user.last_text.startswith(
        "Din synpunkt verkar innehålla ett namn, ett personnummer, ett telefonnummer och "
        "en e-postadress."
    )
    assert [["✏️ Ändra"], ["Skicka ändå ▶"]] == [[b for b, _ in r] for r in user.buttons()]
    await chats.press(user, data("demo", "W"))
    assert "Hur gammal är du?" in user.last_text
    await through_questions(chats, user)
    await chats.press(user, data("demo", "C"))
    [stored] = await chats.responses()
    assert PERSONAL == stored.comment  # warned, never blocked


async def test_change_after_the_warning_lets_the_next_message_replace_the_comment(chats):
    user = chats.user()
    await chats.to_comment(user)
    await chats.say(user, "Ring mig på 070-123 45 67.")
    await chats.press(user, data("demo", "K"))
    await chats.press(user, data("demo", "V"))
    assert "Din synpunkt nu: «Ring mig på 070-123 45 67.»" in user.last_text
    await chats.say(user, "Mer belysning, tack.")
    assert user.last_text.startswith("Synpunkten är mottagen, 20 tecken.")
    await chats.press(user, data("demo", "K"))
    assert "Hur gammal är du?" in user.last_text  # nothing to warn about now


async def test_a_double_tap_on_the_third_area_klar_or_skicka_is_answered_silently(chats):
    user = chats.user()
    await chats.say(user, "/start")
    for index in (0, 1):
        await chats.press(user, data("demo", "A", f"{index}+"))
    areas = dict(user.last, reply_markup=dict(user.last["reply_markup"]))
    await chats.press(user, data("demo", "A", "2+"))  # the third area goes on
    await chats.do(user.press(data("demo", "A", "2+"), message=areas))  # the same keyboard again
    assert not user.alerts[-1].get("text")
    assert "Hur trygg känner du dig" in user.last_text
    await chats.past_topic(user)
    assert "Vill du lämna en synpunkt" in user.last_text
    await chats.say(user, "Mer ljus.")
    received = dict(user.last, reply_markup=dict(user.last["reply_markup"]))
    await chats.press(user, data("demo", "K"))
    await chats.do(user.press(data("demo", "K"), message=received))
    assert not user.alerts[-1].get("text")
    assert "Hur gammal är du?" in user.last_text
    await through_questions(chats, user)
    summary = dict(user.last, reply_markup=dict(user.last["reply_markup"]))
    await chats.press(user, data("demo", "C"))
    await chats.do(user.press(data("demo", "C"), message=summary))
    assert not user.alerts[-1].get("text")
    assert user.last_text.startswith("Tack! Ditt svar är sparat.")
    assert 1 == len(await chats.responses())


async def test_an_old_button_still_says_it_no_longer_applies(chats):
    user = chats.user()
    await chats.say(user, "/start")
    await chats.do(user.press_data(data("demo", "C")))  # not on the shown keyboard
    assert user.alerts[-1]["text"].startswith("Den här knappen gäller inte längre.")


async def test_a_prompt_repeated_after_free_text_replaces_the_old_one(chats):
    user = chats.user()
    await chats.say(user, "/start")
    areas = user.last["message_id"]
    await chats.say(user, "Hej!")
    assert user.last_text.startswith("Använd knapparna här nedanför, tack.")
    assert areas not in [m["message_id"] for m in user.messages]  # replaced, not doubled
    assert [{"chat_id": user.id, "message_id": areas}] == chats.calls("deleteMessage")


async def test_another_language_leaves_no_keyboard_in_the_first(chats):
    user = chats.user()
    await chats.say(user, "/start")
    await chats.say(user, "/language")
    await chats.press(user, data("-", "L", "ar"))
    live = [m for m in user.messages if m.get("reply_markup")]
    assert 1 == len(live) and "\n\nاختر" in live[0]["text"]


async def test_an_optional_question_can_be_skipped_and_stores_no_answer(chats):
    user = chats.user()
    await chats.to_comment(user)
    await chats.press(user, data("demo", "S"))
    labels = [row[0][0] for row in user.buttons()]
    assert ["Vill inte svara", "Hoppa över ▶"] == labels[-2:]
    await chats.press(user, data("demo", "Y", 0))  # skipped: no answer
    await chats.press(user, data("demo", "Q", "1-7"))  # "prefer not to say": an answer
    assert "Stämmer det här?" in user.last_text
    await chats.press(user, data("demo", "C"))
    [stored] = await chats.responses()
    assert {"district": "prefer-not-to-say"} == dict(stored.answers)


async def test_delete_with_only_a_draft_says_so_and_deletes_just_that(chats):
    user = chats.user()
    await chats.say(user, "/start")
    await chats.say(user, "/delete")
    assert user.last_text.startswith(
        "Du har inte skickat något svar på Demo: Trygg och säker, men ett påbörjat svar finns."
    )
    await chats.press(user, data("demo", "D"))
    assert user.last_text.startswith(
        "Ditt påbörjade svar är raderat. Du hade inte skickat något svar."
    )


async def test_delete_with_only_an_answer_names_the_answer(chats):
    user = chats.user()
    await chats.to_comment(user)
    await chats.press(user, data("demo", "S"))
    await through_questions(chats, user)
    await chats.press(user, data("demo", "C"))
    await chats.say(user, "/delete")
    assert user.last_text == (
        "Vill du radera ditt svar på Demo: Trygg och säker? Det går inte att ångra."
    )
    await chats.press(user, data("demo", "D"))
    assert user.last_text.startswith("Ditt svar är raderat. Skriv /start")
    assert [] == await chats.responses()
