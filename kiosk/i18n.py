"""Per-request translations: a middleware picks the language, templates and views read it."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from babel.support import NullTranslations
from jinja2 import Environment

from locales import text_direction

_current: ContextVar[tuple[str, NullTranslations | _Chosen]] = ContextVar(
    "translations", default=("sv", NullTranslations())
)


def activate(lang: str, translations: NullTranslations) -> None:
    """Use `lang` for the rest of this request (the context of its handler task)."""
    _current.set((lang, translations))


class _Chosen:
    """Translations chosen when first asked for (`defer`): a view that may never need a
    text does not pay for choosing its language."""

    __slots__ = ("choose",)

    def __init__(self, choose: Callable[[], None]):
        self.choose = choose

    def __getattr__(self, name: str):  # gettext, ngettext, pgettext
        self.choose()  # activates the language chosen
        return getattr(_current.get()[1], name)


def defer(choose: Callable[[], None]) -> None:
    """Let `choose` activate the request's language the first time a text is asked for."""
    _current.set(("", _Chosen(choose)))


def current_language() -> str:
    lang, translations = _current.get()
    if not lang:
        translations.choose()
        lang = _current.get()[0]
    return lang


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
