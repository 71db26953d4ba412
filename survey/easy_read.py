"""Lättläst: the easy-to-read version of a text, kept beside the plain one in the same table.

A text of a campaign or a promise is a table of languages (`{sv = "…", en = "…"}`); its
easy-to-read version in a language is the key `sv-easy` beside `sv`. A channel asks for a
text in a language, easy or not, and gets the easy version where one was written, the
plain one otherwise. Readability is measured with LIX (läsbarhetsindex).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

EASY_SUFFIX = "-easy"
# A text's key in a campaign or promise file, and the text itself (a table of languages).
Texts = Iterable[tuple[str, Any]]


def easy_key(lang: str) -> str:
    """The key of `lang`'s easy-to-read version in a text table (`sv` → `sv-easy`)."""
    return f"{lang}{EASY_SUFFIX}"


def easy_language(key: str) -> str | None:
    """The language an easy-to-read key is for (`sv-easy` → `sv`); None for a plain key."""
    return key[: -len(EASY_SUFFIX)] if key.endswith(EASY_SUFFIX) else None


def pick(text: Mapping[str, str], lang: str, easy: bool) -> str | None:
    """The text in `lang`: its easy version when `easy` and one exists, else the plain one."""
    if easy:
        found = text.get(easy_key(lang))
        if found:
            return found
    return text.get(lang)


def has_easy(text: Any, lang: str) -> bool:
    return isinstance(text, Mapping) and bool(str(text.get(easy_key(lang), "")).strip())


def easy_languages(texts: Texts, languages: Iterable[str]) -> tuple[str, ...]:
    """The languages in which at least one of `texts` has an easy-to-read version."""
    tables = [text for _key, text in texts]
    return tuple(lang for lang in languages if any(has_easy(t, lang) for t in tables))


def lacking_easy(texts: Texts, lang: str) -> list[str]:
    """The keys of the texts with a plain version in `lang` but no easy one."""
    return [
        key
        for key, text in texts
        if isinstance(text, Mapping) and text.get(lang) and not has_easy(text, lang)
    ]


def campaign_texts(document: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    """Every text a resident reads in a campaign, in the file's key notation, from the data
    of its file (complete or not): what may have an easy-to-read version."""
    for key in ("title", "intro", "next_steps"):
        yield key, document.get(key)
    for index, area in enumerate(_tables(document.get("areas"))):
        yield f"areas[{index}].label", area.get("label")
    for index, question in enumerate(_tables(document.get("questions"))):
        yield f"questions[{index}].text", question.get("text")
        for o_index, option in enumerate(_tables(question.get("options"))):
            yield f"questions[{index}].options[{o_index}].label", option.get("label")
    area_map = document.get("map")
    if isinstance(area_map, Mapping):
        for index, zone in enumerate(_tables(area_map.get("zones"))):
            yield f"map.zones[{index}].name", zone.get("name")


def promise_texts(document: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    """Every text a resident reads in a promise file, as `campaign_texts` does for campaigns."""
    yield "title", document.get("title")
    if "situation" in document:
        yield "situation", document.get("situation")
    for index, goal in enumerate(_tables(document.get("goals"))):
        yield f"goals[{index}]", goal
    for index, activity in enumerate(_tables(document.get("activities"))):
        yield f"activities[{index}].text", activity.get("text")
        roles = activity.get("roles")
        for party, role in roles.items() if isinstance(roles, Mapping) else ():
            yield f"activities[{index}].roles.{party}", role
        for u_index, update in enumerate(_tables(activity.get("updates"))):
            yield f"activities[{index}].updates[{u_index}].text", update.get("text")
    followup = document.get("followup")
    if isinstance(followup, Mapping):
        for key in ("channels", "text"):
            if key in followup:
                yield f"followup.{key}", followup.get(key)


def _tables(value: Any) -> list[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# A sentence ends at a full stop, a question or exclamation mark, or a colon (as LIX counts).
SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")
LONG_WORD = 6


def lix(texts: Iterable[str]) -> float:
    """LIX, the Swedish readability index, of the texts taken together: words per sentence
    plus the percentage of words longer than six letters. Under 25 is very easy, 25–30 easy,
    30–40 medium (a newspaper), 40–50 hard (official texts), over 50 very hard. A text without
    a full stop (a label) counts as one sentence."""
    words = sentences = long_words = 0
    for text in texts:
        found = WORD.findall(text)
        if not found:
            continue
        words += len(found)
        long_words += sum(1 for word in found if len(word) > LONG_WORD)
        sentences += max(1, len(SENTENCE_END.findall(text.strip())))
    if not words:
        return 0.0
    return words / sentences + 100 * long_words / words
