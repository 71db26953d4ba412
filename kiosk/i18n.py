"""Per-request translations: a middleware picks the language, templates and views read it."""

from __future__ import annotations

from contextvars import ContextVar

from babel.support import NullTranslations
from jinja2 import Environment

from locales import text_direction

_current: ContextVar[tuple[str, NullTranslations]] = ContextVar(
    "translations", default=("sv", NullTranslations())
)


def activate(lang: str, translations: NullTranslations) -> None:
    """Use `lang` for the rest of this request (the context of its handler task)."""
    _current.set((lang, translations))


def current_language() -> str:
    return _current.get()[0]


def gettext(message: str) -> str:
    return _current.get()[1].gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.get()[1].ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A message of a context: `EASY_CONTEXT` marks the easy-to-read versions of UI texts."""
    return _current.get()[1].pgettext(context, message)


def install(env: Environment) -> None:
    """Give templates `_`/`gettext`/`ngettext`/`pgettext` that follow the request's language."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(
        gettext=gettext, ngettext=ngettext, pgettext=pgettext, newstyle=True
    )
    env.globals["current_language"] = current_language
    env.globals["text_direction"] = text_direction
