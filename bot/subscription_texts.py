"""What the bot says about hearing back: the terms shown before the choice, and after it."""

from __future__ import annotations

from bot.i18n import Tr

# Stored with each consent, so that what a resident was shown can be told later.
CONSENT_TEXT_VERSION = "bot-notices-1"
STOP_COMMANDS = ("stopp", "stop", "lopeta", "avsluta")


def consent_terms(tr: Tr) -> str:
    """What will be sent, how often at most, until when, and how to stop."""
    return tr._(
        "Säger du ja får du här i chatten högst ett meddelande om dagen, bara när något händer "
        "med medborgarlöftet i de områden du valde: resultatet, löftet, ändringar och "
        "uppföljningen. Det upphör 90 dagar efter uppföljningen och senast ett år efter att "
        "löftet slutat gälla. Skriv /stopp när du vill, så raderas det på en gång."
    )


def stopped(tr: Tr, removed: int) -> str:
    if removed:
        return tr._("Du får inga fler meddelanden från oss. Din prenumeration är raderad.")
    return tr._("Du har ingen prenumeration hos oss, så du får inga meddelanden.")


def stop_label(tr: Tr) -> str:
    return tr._("🔕 Sluta skicka")


def answered(tr: Tr, outcome: str) -> str:
    if outcome == "counted":
        return tr._("Tack för ditt svar!")
    if outcome == "already":
        return tr._("Du har redan svarat. Tack!")
    return tr._("Den här frågan gäller inte längre.")


def privacy(tr: Tr) -> str:
    """The subscription's part of /privacy."""
    return tr._(
        "Om du ber att få höra av oss sparar vi ditt chatt-id krypterat, i en tabell för sig och "
        "aldrig tillsammans med ditt svar, med de områden du valde. Det raderas när du skriver "
        "/stopp, om du blockerar boten, 90 dagar efter att uppföljningen publicerats och senast "
        "ett år efter att löftet slutat gälla. Svar på frågan om uppföljningen räknas utan "
        "koppling till dig."
    )
