"""What staff see before they publish a change: how many subscribers will be told, and the
text they will get in each language."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlite_utils import Database

from locales import Catalogs
from storage.notices import count_matching
from survey.promises.notice_text import NoticeItem, compose, plain_text


def preview_notices(
    db: Database,
    event,
    catalogs: Catalogs,
    *,
    base_url: str = "",
    now: datetime | None = None,
) -> tuple[int, dict[str, str]]:
    """(subscribers `event` would tell, {lang: the notice's text}) without recording anything.

    The text is the notice as it reads when this event is the only news in it; a digest
    adds the other news of the same period as further lines.
    """
    count = count_matching(db, event, now or datetime.now(UTC))
    item = NoticeItem(event.kind, dict(event.detail), event.campaign, event.promise)
    texts = {}
    for lang in catalogs.languages:
        translations = catalogs.get(lang)
        message = compose([item], lang, translations, base_url)
        texts[lang] = plain_text(message, translations.gettext, "")
    return count, {lang: text.rstrip() for lang, text in texts.items()}
