"""Keeping the catalogs in step with the code: extract, update, and check completeness."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from locales import DOMAINS, LANGUAGES, LOCALES_DIR

ROOT = LOCALES_DIR.parent
PYTHON = ("**.py", "python")
TEMPLATES = ("**/templates/**.html", "jinja2")
# Which sources feed which domain; staff pages live in kiosk/ but have a domain of their own.
DOMAIN_SOURCES: dict[str, list[tuple[str, list[tuple[str, str]]]]] = {
    "core": [("survey", [PYTHON]), ("locales", [PYTHON]), ("medborgardialog", [PYTHON])],
    "bot": [("bot", [PYTHON])],
    "web": [
        ("kiosk", [("staff/**", "ignore"), ("templates/staff/**", "ignore"), PYTHON, TEMPLATES])
    ],
    "staff": [("kiosk/staff", [PYTHON]), ("kiosk/templates/staff", [("**.html", "jinja2")])],
}
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "pgettext": ((1, "c"), 2)}
# Babel's own Arabic plural rule swaps forms 4 and 5 (Babel issue 816); this is CLDR's.
# A fixed stamp in every header, so that an update touches only the entries that changed.
STAMP = datetime(2026, 1, 1, tzinfo=UTC)
# pybabel's own wrap width, so that its `update` and ours write the same files.
WIDTH = 76
ARABIC_PLURALS = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 ? 4 : 5);"
)


def extract(domain: str) -> Catalog:
    """The template catalog (what `.pot` holds) of one domain, from the sources."""
    template = Catalog(
        domain=domain,
        project="Medborgardialog",
        charset="utf-8",
        creation_date=STAMP,
        revision_date=STAMP,
    )
    for folder, method_map in DOMAIN_SOURCES[domain]:
        path = ROOT / folder
        if not path.is_dir():
            continue
        for filename, lineno, message, comments, context in extract_from_dir(
            str(path),
            method_map,
            keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",),
            options_map={"**.html": {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"}},
        ):
            template.add(
                message,
                None,
                [(f"{folder}/{filename}", lineno)],
                auto_comments=comments,
                context=context,
            )
    return template


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(
            handle,
            catalog,
            width=WIDTH,
            no_location=True,
            omit_header=False,
            ignore_obsolete=True,
            include_previous=True,
            sort_output=False,
        )


def update(domain: str) -> None:
    """Re-extract a domain, then bring every language's `.po` in line (Swedish = the ids)."""
    template = extract(domain)
    _write(template, LOCALES_DIR / f"{domain}.pot")
    for lang in LANGUAGES:
        path = LOCALES_DIR / lang / "LC_MESSAGES" / f"{domain}.po"
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=lang, domain=domain)
        else:
            catalog = Catalog(
                locale=lang,
                domain=domain,
                project="Medborgardialog",
                fuzzy=False,
                creation_date=STAMP,
            )
        if lang == "ar":
            catalog.mime_headers = [*catalog.mime_headers, ("Plural-Forms", ARABIC_PLURALS)]
        # A changed message id keeps its old translation as a fuzzy hint, as `pybabel update` does.
        catalog.update(copy.deepcopy(template), update_header_comment=False)
        catalog.revision_date = STAMP
        if lang == "sv":
            for message in catalog:
                if message.id:
                    message.string = message.id
                    message.flags.discard("fuzzy")
        _write(catalog, path)


def problems(lang: str, domain: str) -> list[str]:
    """What is missing or fuzzy in a shipped catalog; an empty list means complete."""
    path = LOCALES_DIR / lang / "LC_MESSAGES" / f"{domain}.po"
    template_path = LOCALES_DIR / f"{domain}.pot"
    if not template_path.exists():
        return []
    if not path.exists():
        return [f"{path.relative_to(ROOT)} is missing"]
    with template_path.open("rb") as handle:
        template = read_po(handle)
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    found = []
    for message in template:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        translated = catalog.get(key, message.context)
        where = f"{lang}/{domain}.po: {key!r}"
        if translated is None:
            found.append(f"{where} is missing")
        elif translated.fuzzy:
            found.append(f"{where} is fuzzy")
        elif isinstance(translated.string, tuple):
            if len(translated.string) != catalog.num_plurals or not all(translated.string):
                found.append(f"{where} lacks plural forms")
        elif not translated.string:
            found.append(f"{where} is untranslated")
    return found


def all_problems() -> list[str]:
    return [p for lang in LANGUAGES for domain in DOMAINS for p in problems(lang, domain)]
