"""The audit log in words: each recorded action as a sentence in the staff member's
language, at the local time, instead of codes and UTC stamps."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from kiosk.i18n import gettext
from storage.audit_log import AuditEntry


def action_name(action: str) -> str:
    """What an action code is called in the filter."""
    names = {
        "login": gettext("Inloggning"),
        "logout": gettext("Utloggning"),
        "login.refused": gettext("Nekad inloggning"),
        "staff.add": gettext("Nytt konto"),
        "staff.password": gettext("Nytt lösenord"),
        "staff.unlock": gettext("Upplåst konto"),
        "kiosk_key.create": gettext("Ny kiosknyckel"),
        "kiosk_key.revoke": gettext("Spärrad kiosknyckel"),
        "comment.moderate": gettext("Granskad synpunkt"),
        "tag.add": gettext("Nytt tema"),
        "tag.delete": gettext("Borttaget tema"),
        "export": gettext("Export"),
        "paper.entry": gettext("Papperssvar"),
        "paper.import": gettext("Import av papperssvar"),
        "sample_data.add": gettext("Exempelsvar tillagda"),
        "sample_data.remove": gettext("Exempelsvar borttagna"),
        "campaign.create": gettext("Ny medborgardialog"),
        "campaign.copy": gettext("Ny omgång"),
        "campaign.edit": gettext("Ändrad medborgardialog"),
        "campaign.open": gettext("Öppnad medborgardialog"),
        "campaign.close": gettext("Stängd medborgardialog"),
        "campaign.import": gettext("Importerad medborgardialog"),
    }
    return names.get(action, action)


def actor_name(actor: str) -> str:
    if actor == "cli":
        return gettext("Kommandoraden")
    if actor == "-":
        return gettext("okänt användarnamn")
    return actor


def sentence(entry: AuditEntry) -> str:
    """What happened, as a sentence."""
    d = entry.detail
    values = {
        "actor": actor_name(entry.actor),
        "username": d.get("username", ""),
        "source": d.get("source", ""),
        "key": d.get("key", ""),
        "name": d.get("name", ""),
        "count": d.get("count", d.get("stored", "")),
        "format": str(d.get("format", "")).upper(),
    }
    action = entry.action
    if action == "login":
        return gettext("%(actor)s loggade in.") % values
    if action == "logout":
        return gettext("%(actor)s loggade ut.") % values
    if action == "login.refused":
        if d.get("locked"):
            return gettext("En inloggning som %(actor)s nekades: kontot var låst.") % values
        return gettext("En inloggning som %(actor)s nekades.") % values
    if action == "staff.add":
        roles = {"admin": gettext("administratör"), "organiser": gettext("arrangör")}
        values["role"] = roles.get(d.get("role"), gettext("analytiker"))
        return gettext("%(actor)s skapade kontot %(username)s (%(role)s).") % values
    if action == "staff.password":
        return gettext("%(actor)s satte ett nytt lösenord för %(username)s.") % values
    if action == "staff.unlock":
        return gettext("%(actor)s låste upp kontot %(username)s.") % values
    if action == "kiosk_key.create":
        return gettext("%(actor)s skapade en kiosknyckel för %(source)s.") % values
    if action == "kiosk_key.revoke":
        return gettext("%(actor)s spärrade kiosknyckel nummer %(key)s.") % values
    if action == "comment.moderate":
        statuses = {
            "approved": gettext("godkänd"),
            "hidden": gettext("dold"),
            "new": gettext("ej granskad"),
        }
        values["status"] = statuses.get(d.get("status"), d.get("status", ""))
        return gettext("%(actor)s granskade en synpunkt: %(status)s.") % values
    if action == "tag.add":
        return gettext("%(actor)s lade till temat %(name)s.") % values
    if action == "tag.delete":
        return gettext("%(actor)s tog bort ett tema.") % values
    if action == "export":
        tables = {
            "responses": gettext("alla svar"),
            "tally": gettext("resultatet"),
            "comments": gettext("de publicerbara synpunkterna")
            if d.get("published")
            else gettext("alla synpunkter"),
        }
        values["table"] = tables.get(d.get("table"), d.get("table", ""))
        return gettext("%(actor)s exporterade %(table)s som %(format)s.") % values
    if action == "paper.entry":
        return gettext("%(actor)s förde in ett papperssvar.") % values
    if action == "paper.import":
        return gettext("%(actor)s importerade %(count)s papperssvar från en fil.") % values
    if action == "sample_data.add":
        return gettext("%(actor)s lade till %(count)s exempelsvar.") % values
    if action == "sample_data.remove":
        return gettext("%(actor)s tog bort %(count)s exempelsvar.") % values
    values["campaign"] = entry.campaign or ""
    campaign_sentences = {
        "campaign.create": gettext("%(actor)s skapade medborgardialogen %(campaign)s."),
        "campaign.copy": gettext("%(actor)s gjorde en ny omgång, %(campaign)s."),
        "campaign.edit": gettext("%(actor)s ändrade medborgardialogen %(campaign)s."),
        "campaign.open": gettext("%(actor)s öppnade medborgardialogen %(campaign)s."),
        "campaign.close": gettext("%(actor)s stängde medborgardialogen %(campaign)s i förtid."),
        "campaign.import": gettext("%(actor)s importerade medborgardialogen %(campaign)s."),
    }
    if action in campaign_sentences:
        return campaign_sentences[action] % values
    return f"{values['actor']}: {action}"


def local_time(stamp: str, zone: str, lang: str) -> str:
    """A stored UTC time at the given time zone, in the reader's language."""
    at = datetime.fromisoformat(stamp)
    return format_datetime(at, "medium", tzinfo=ZoneInfo(zone), locale=lang)
