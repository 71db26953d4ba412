"""A translation keeps every placeholder of its message id: `{n}`, `%(area)s`, `%(num)d`, so
that no screen shows a raw "%(n)d" or loses a number."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from locales import DOMAINS, LANGUAGES, LOCALES_DIR

PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_0-9]*\}")


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def catalog_entries():
    for lang in LANGUAGES:
        for domain in DOMAINS:
            path = LOCALES_DIR / lang / "LC_MESSAGES" / f"{domain}.po"
            if path.exists():
                with path.open("rb") as handle:
                    yield lang, domain, read_po(handle, locale=lang, domain=domain)


@pytest.mark.parametrize(("lang", "domain", "catalog"), list(catalog_entries()))
def test_every_translation_keeps_the_placeholders_of_its_id(lang, domain, catalog):
    wrong = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(placeholders(i) for i in ids))
        # A plural form may say "one" or "two" in words instead of the number, as Arabic does.
        in_words = {"%(num)d", "%(n)d", "%(num)s", "%(n)s"} & wanted if len(ids) > 1 else set()
        for form in strings:
            missing = wanted - placeholders(form) - in_words
            extra = placeholders(form) - wanted
            if missing or extra:
                wrong.append(f"{ids[0]!r}: {form!r}")
    assert [] == wrong, f"{lang}/{domain}"


def test_a_lost_placeholder_is_found():
    assert {"%(area)s", "{n}"} == placeholders("Välj {n} i %(area)s")
