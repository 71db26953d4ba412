"""What a notice says: the events a subscriber is owed, grouped into one message in their
language. Pure: the translations come in, text goes out; each channel adds its own way
to stop and to answer.

An event's `detail` (filled by whoever records it) may carry `title` and `text`
({lang: text}: the promise's or result's title; the activity's text or the update's text),
`status` (an activity status) and `url` (the path of the public page, e.g. "/p/x/").
A `point_decided` event (a place marked on a safety walk, now fixed or not to be) carries
the walk's title as `title`, the place's `status` (`fixed` or `rejected`), its `category`,
staff's public `reason`, and `url` once the walk is published.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from survey.promises.walks import category_labels

STATUSES = ("planned", "ongoing", "done", "delayed", "changed", "cancelled")
FOLLOWUP_OPTIONS = ("clearly", "somewhat", "no", "unknown")


@dataclass(frozen=True)
class NoticeItem:
    """One event as a notice shows it."""

    kind: str
    detail: Mapping[str, Any] = field(default_factory=dict)
    campaign: str | None = None
    promise: str | None = None


@dataclass(frozen=True)
class NoticeMessage:
    """One message to one subscriber: a subject, lines, links, and whether it asks the question."""

    subject: str
    lines: tuple[str, ...]
    links: tuple[str, ...]
    asks_question: bool


def _pick(texts: Any, lang: str) -> str | None:
    if isinstance(texts, Mapping):
        found = texts.get(lang) or texts.get("sv") or next(iter(texts.values()), None)
        return str(found) if found else None
    return str(texts) if texts else None


def status_label(status: str, _) -> str:
    labels = {
        "planned": _("planerad"),
        "ongoing": _("pågår"),
        "done": _("genomförd"),
        "delayed": _("försenad"),
        "changed": _("ändrad"),
        "cancelled": _("inställd"),
    }
    return labels.get(status, status)


def followup_options(_) -> tuple[tuple[str, str], ...]:
    """The four answers to the follow-up question, (id, label), in order."""
    return (
        ("clearly", _("Ja, tydligt")),
        ("somewhat", _("Ja, lite")),
        ("no", _("Nej")),
        ("unknown", _("Vet inte")),
    )


def question(_) -> str:
    return _("Har du märkt någon skillnad?")


def point_line(item: NoticeItem, _) -> str:
    """What became of a place the subscriber marked on a safety walk."""
    category = str(item.detail.get("category", ""))
    what = category_labels(_).get(category, category).lower()
    if item.detail.get("status") == "rejected":
        line = _("En plats du markerade (%(category)s) kommer inte att åtgärdas.") % {
            "category": what
        }
        reason = item.detail.get("reason")
        return f"{line} {_('Skäl:')} {reason}" if reason else line
    return _("En plats du markerade (%(category)s) är åtgärdad.") % {"category": what}


def item_line(item: NoticeItem, lang: str, _) -> str:
    """One line for one event."""
    if item.kind == "point_decided":
        title = _pick(item.detail.get("title"), lang)
        line = point_line(item, _)
        return f"{title}: {line}" if title else line
    title = _pick(item.detail.get("title"), lang)
    text = _pick(item.detail.get("text"), lang)
    if item.kind == "results_published":
        line = _("Resultatet av medborgardialogen är publicerat.")
    elif item.kind == "promise_published":
        line = _("Medborgarlöftet är undertecknat och publicerat.")
    elif item.kind == "activity_status":
        status = status_label(str(item.detail.get("status", "")), _)
        line = _("En aktivitet har ny status: %(status)s.") % {"status": status}
    elif item.kind == "activity_update":
        line = _("En aktivitet har en ny lägesuppdatering.")
    elif item.kind == "walk_published":
        line = _("En trygghetsvandring är publicerad, med platserna som markerades.")
    else:
        line = _("Uppföljningen av medborgarlöftet är publicerad.")
    if item.kind in ("activity_status", "activity_update", "walk_published") and text:
        line += f" «{text}»"
    elif text:
        line += f" {text}"
    return f"{title}: {line}" if title else line


def compose(items: Sequence[NoticeItem], lang: str, translations, base_url: str) -> NoticeMessage:
    """The one message that tells a subscriber everything they are owed, in `lang`."""
    _ = translations.gettext
    lines = [_("Nytt om det du bad att få höra om:")]
    lines += [f"• {item_line(item, lang, _)}" for item in items]
    links: list[str] = []
    for item in items:
        path = item.detail.get("url")
        if isinstance(path, str) and path.startswith("/"):
            link = base_url.rstrip("/") + path
            if link not in links:
                links.append(link)
    asks = any(item.kind == "followup_published" for item in items)
    subject = (
        _("Uppföljningen är publicerad")
        if asks
        else _("Nytt om platsen du markerade")
        if all(i.kind == "point_decided" for i in items)
        else _("Nytt om medborgarlöftet")
        if any(i.kind != "results_published" for i in items)
        else _("Resultatet är publicerat")
    )
    return NoticeMessage(subject, tuple(lines), tuple(links), asks)


def plain_text(message: NoticeMessage, _, stop_line: str) -> str:
    """The message as plain text, ending with how to stop."""
    parts = ["\n".join(message.lines)]
    if message.links:
        parts.append(_("Läs mer:") + "\n" + "\n".join(message.links))
    if message.asks_question:
        parts.append(question(_))
    parts.append(stop_line)
    return "\n\n".join(parts)
