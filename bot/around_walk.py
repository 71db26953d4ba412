"""The messages around the walk: choosing a campaign, the stored answer, thanks, help, privacy."""

from __future__ import annotations

from bot import callback_data as cd
from bot.i18n import Tr
from bot.screens import Link, Screen, crime_warning, rows, summary
from bot.subscription_texts import consent_terms
from bot.subscription_texts import privacy as subscription_privacy
from survey import Campaign, Response

COMMANDS = ("start", "language", "privacy", "delete", "cancel", "help")


def command_descriptions(tr: Tr) -> dict[str, str]:
    """What each command does, as the Telegram menu shows it (at most 256 characters)."""
    return {
        "start": tr._("Börja eller fortsätt"),
        "language": tr._("Byt språk"),
        "privacy": tr._("Så hanterar vi dina uppgifter"),
        "delete": tr._("Radera ditt svar"),
        "cancel": tr._("Avbryt ett påbörjat svar"),
        "help": tr._("Hjälp"),
    }


def bot_descriptions(tr: Tr) -> tuple[str, str]:
    """The bot's description (at most 512 characters) and short description (at most 120)."""
    long = tr._(
        "Här kan du berätta vad du tycker att polisen och kommunen ska prioritera där du bor, "
        "inför ett medborgarlöfte. Det tar ett par minuter. Ditt svar sparas utan ditt namn, "
        "användarnamn eller Telegram-id. Tryck på Starta för att börja."
    )
    short = tr._("Berätta vad polisen och kommunen ska prioritera där du bor.")
    return long, short


def open_campaigns(campaigns: list[Campaign], tr: Tr) -> Screen:
    """The campaigns open now to choose from, or that there is none."""
    return campaign_choice(campaigns, tr) if campaigns else no_open_campaign(tr)


def show_open_button(tr: Tr) -> tuple[str, str]:
    return tr._("Visa öppna enkäter"), cd.encode(None, "O")


def campaign_choice(campaigns: list[Campaign], tr: Tr) -> Screen:
    buttons = tuple(
        (c.text(c.title, tr.lang), cd.encode(cd.campaign_token(c.id), "P")) for c in campaigns
    )
    return Screen(tr._("Vilken enkät vill du svara på?"), rows(*buttons))


def no_open_campaign(tr: Tr) -> Screen:
    return Screen(tr._("Det finns ingen öppen enkät just nu. Tack för ditt intresse!"))


def unknown_campaign(tr: Tr) -> Screen:
    return Screen(
        tr._("Den enkäten hittades inte. Kontrollera länken, eller välj bland de öppna enkäterna."),
        rows(show_open_button(tr)),
    )


def not_open(campaign: Campaign, status: str, tr: Tr) -> Screen:
    """A closed or upcoming campaign, said politely, with the way to the open ones."""
    title = campaign.text(campaign.title, tr.lang, tr.easy)
    if status == "upcoming":
        line = tr._("Enkäten har inte öppnat än. Den öppnar %(date)s.") % {
            "date": tr.date(campaign.opens)
        }
    else:
        line = tr._("Enkäten är stängd. Tack för ditt intresse!")
    return Screen(f"{title}\n\n{line}", rows(show_open_button(tr)))


def stored_answer(
    campaign: Campaign, response: Response, tr: Tr, note: str | None = None
) -> Screen:
    """A returning resident's answer, with ways to change or delete it until the campaign closes."""
    token = cd.campaign_token(campaign.id)
    until = (
        tr._("Du kan ändra eller radera ditt svar till och med %(date)s.")
        % {"date": tr.date(campaign.closes)}
        if campaign.closes
        else tr._("Du kan ändra eller radera ditt svar så länge enkäten är öppen.")
    )
    text = "\n\n".join(
        [
            tr._("Du har redan svarat på %(title)s. Ditt svar:")
            % {"title": campaign.text(campaign.title, tr.lang, tr.easy)},
            summary(campaign, response, tr),
            until,
        ]
    )
    buttons = (
        (tr._("✏️ Ändra mitt svar"), cd.encode(token, "R")),
        consent_button(token, response.followup_consent, "s", tr),
        (tr._("🗑 Radera mitt svar"), cd.encode(token, "X")),
    )
    return Screen(text, rows(*buttons)).with_note(note)


def consent_button(token: str, consent: bool, where: str, tr: Tr) -> tuple[str, str]:
    if consent:
        return tr._("✅ Du får höra om uppföljningen (ångra)"), cd.encode(token, "F", f"0{where}")
    return tr._("🔔 Ja, berätta om uppföljningen"), cd.encode(token, "F", f"1{where}")


def thanks(campaign: Campaign, consent: bool, tr: Tr) -> Screen:
    """The thank-you, what happens next, and the offer to hear about the follow-up."""
    token = cd.campaign_token(campaign.id)
    text = "\n\n".join(
        [
            tr._("Tack! Ditt svar är sparat."),
            tr._("Vad händer nu?"),
            campaign.text(campaign.next_steps, tr.lang, tr.easy),
            tr._(
                "Vill du att vi berättar om uppföljningen här i chatten? Det är frivilligt, och "
                "du kan ändra dig när du vill med /start."
            ),
            consent_terms(tr),
        ]
    )
    return Screen(text, rows(consent_button(token, consent, "t", tr)))


def confirm_delete(campaign: Campaign, has_answer: bool, has_draft: object, tr: Tr) -> Screen:
    """Ask before deleting, naming exactly what there is to delete."""
    token = cd.campaign_token(campaign.id)
    title = {"title": campaign.text(campaign.title, tr.lang, tr.easy)}
    if has_answer and has_draft:
        text = tr._(
            "Vill du radera ditt svar på %(title)s och ditt påbörjade svar? Det går inte att ångra."
        )
    elif has_answer:
        text = tr._("Vill du radera ditt svar på %(title)s? Det går inte att ångra.")
    else:
        text = tr._(
            "Du har inte skickat något svar på %(title)s, men ett påbörjat svar finns. "
            "Vill du radera det? Det går inte att ångra."
        )
    text %= title
    buttons = (
        (tr._("🗑 Ja, radera"), cd.encode(token, "D")),
        (tr._("Nej, behåll"), cd.encode(token, "B")),
    )
    return Screen(text, rows(*buttons))


def deleted(answer: bool, draft: bool, tr: Tr) -> Screen:
    """What was deleted: the answer, the draft, both, or (deleted meanwhile) nothing."""
    if answer and draft:
        text = tr._("Ditt svar och ditt påbörjade svar är raderade.")
    elif answer:
        text = tr._("Ditt svar är raderat.")
    elif draft:
        text = tr._("Ditt påbörjade svar är raderat. Du hade inte skickat något svar.")
    else:
        return nothing_to_delete(tr)
    return Screen(f"{text} {tr._('Skriv /start om du vill svara igen.')}")


def kept(tr: Tr) -> Screen:
    return Screen(tr._("Inget raderades."))


def nothing_to_delete(tr: Tr) -> Screen:
    return Screen(tr._("Det finns inget sparat svar från dig att radera."))


def closed_cannot_change(campaign: Campaign, tr: Tr) -> Screen:
    return Screen(
        tr._(
            "Enkäten är stängd, så svaret kan inte längre ändras eller raderas här. "
            "Kontakta arrangörerna (%(organisers)s) om du vill att ditt svar raderas."
        )
        % {"organisers": tr.names(campaign.organisers_in(tr.lang))}
    )


def cancelled(had_answer: bool, tr: Tr) -> Screen:
    text = tr._("Ditt påbörjade svar är borttaget. Skriv /start för att börja om.")
    if had_answer:
        text += "\n\n" + tr._("Svaret som du skickade in tidigare finns kvar.")
    return Screen(text)


def nothing_to_cancel(tr: Tr) -> Screen:
    return Screen(tr._("Det finns inget påbörjat svar att avbryta. Skriv /start för att börja."))


def language_set(tr: Tr) -> Screen:
    return Screen(
        tr._("Språket är nu %(language)s. Skriv /start för att börja.")
        % {"language": tr.language_name(tr.lang)}
    )


def hint_start(tr: Tr) -> Screen:
    return Screen(tr._("Hej! Skriv /start för att börja, eller /help för hjälp."))


def help_page(tr: Tr) -> Screen:
    lines = [
        tr._(
            "Här kan du berätta vad du tycker att polisen och kommunen ska prioritera där du bor."
        ),
        "\n".join(
            tr._("%(command)s – %(what)s") % {"command": f"/{name}", "what": what}
            for name, what in command_descriptions(tr).items()
        ),
        crime_warning(tr),
    ]
    return Screen("\n\n".join(lines))


def privacy_page(campaign: Campaign | None, tr: Tr) -> Screen:
    """The full privacy notice: controller, purpose, what is stored, how long, rights, transfer."""
    controller = (
        tr.names(campaign.organisers_in(tr.lang))
        if campaign
        else tr._("arrangörerna av respektive enkät (polisen och kommunen)")
    )
    title = campaign.text(campaign.title, tr.lang, tr.easy) if campaign else tr._("Integritet")
    parts = [
        f"🔒 {title}",
        tr._("Personuppgiftsansvariga: %(controller)s.") % {"controller": controller},
        tr._(
            "Syfte: att ta reda på vad invånarna vill att polisen och kommunen prioriterar, "
            "inför ett gemensamt medborgarlöfte."
        ),
        tr._(
            "Vad vi sparar: de områden du väljer, din synpunkt om du skriver en, dina svar på "
            "frågorna om dig, språk, tidpunkt och om du vill höra om uppföljningen. Du sparas "
            "bara som en kod som räknas fram ur ditt Telegram-id med en hemlig nyckel. Vi sparar "
            "aldrig ditt namn, användarnamn, telefonnummer eller Telegram-id."
        ),
        subscription_privacy(tr),
        tr._(
            "Hur länge: ett påbörjat svar raderas när du skickar in det eller när enkäten "
            "stänger. Inskickade svar sparas tills arrangörerna har följt upp medborgarlöftet "
            "och raderas sedan."
        ),
        tr._(
            "Dina rättigheter: du kan se och ändra ditt svar med /start och radera det med "
            "/delete så länge enkäten är öppen. Du har rätt att begära tillgång till, rättelse "
            "och radering av dina uppgifter hos arrangörerna, och att klaga hos "
            "Integritetsskyddsmyndigheten (IMY)."
        ),
        tr._(
            "Överföring via Telegram: dina meddelanden går via Telegram, ett företag utanför "
            "EU, enligt Telegrams egna villkor. Arrangörerna bestämmer inte över vad Telegram "
            "sparar. Vill du inte det kan du svara i webbenkäten eller vid en skärm i stället."
        ),
        tr._("Skriv inga namn eller andra personuppgifter i din synpunkt."),
    ]
    return Screen("\n\n".join(parts))


def in_group(username: str, payload: str | None, tr: Tr) -> Screen:
    """The one answer in a group: answers are given in a private chat, a button away."""
    link = f"https://t.me/{username}" + (f"?start={payload}" if payload else "")
    text = tr._(
        "Hej! Här kan du svara på vad polisen och kommunen ska prioritera där du bor. "
        "Svaren tas bara emot i en privat chatt med mig, inte här i gruppen."
    )
    return Screen(text, ((Link(tr._("Svara i en privat chatt"), link),),))
