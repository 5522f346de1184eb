"""The language people read: gettext catalogs, the user's language, numbers and dates.

Every string a person reads goes through ``_`` (or ``ngettext``); strings defined at import
time are marked with ``N_`` and translated where they are shown. Codes, keys and file
formats never go through here: they stay stable and language-neutral.

The catalog (``ctgplan/locale/<lang>/LC_MESSAGES/ctg.mo``, compiled by Babel from the
``.po`` next to it) is opened on the first translated string, not at import, so that
``ctg --help`` pays for it only when it prints; English, the source language, reads no
catalog and imports no gettext machinery at all.

The language: ``CTG_LANG`` first, then ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``
as gettext reads them, then, on Windows where these are usually unset, the user's locale;
English when nothing names a language ctg speaks.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date, datetime
    from gettext import NullTranslations

DOMAIN = "ctg"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "fr")
"""The languages ctg speaks; English is the source language of the messages."""


def _from_tag(tag: str) -> str | None:
    """``fr_FR.UTF-8`` -> ``fr``; ``C``/``POSIX``/empty -> None (says nothing)."""
    tag = tag.strip()
    if not tag or tag in {"C", "POSIX"} or tag.startswith(("C.", "POSIX.")):
        return None
    return tag.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower() or None


def _windows_language() -> str | None:  # pragma: no cover - Windows only
    try:
        import ctypes

        buffer = ctypes.create_unicode_buffer(85)
        if ctypes.windll.kernel32.GetUserDefaultLocaleName(buffer, 85):  # type: ignore[attr-defined]
            return _from_tag(buffer.value)
    except (AttributeError, OSError):
        return None
    return None


def detect_language(environ: dict[str, str] | None = None, platform: str | None = None) -> str:
    """The language to speak, from the environment (see the module's docstring)."""
    env = os.environ if environ is None else environ
    chosen = env.get("CTG_LANG", "").strip()
    if chosen:
        lang = _from_tag(chosen)
        return lang if lang in LANGUAGES else "en"
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        # LANGUAGE is a priority list (fr:en); the others hold one locale.
        for tag in value.split(":") if name == "LANGUAGE" else [value]:
            lang = _from_tag(tag)
            if lang in LANGUAGES:
                return lang
        if name != "LANGUAGE" and _from_tag(value) is not None:
            return "en"  # a locale is set, in a language ctg does not speak
    if (platform or sys.platform) == "win32":
        lang = _windows_language()
        if lang in LANGUAGES:
            return lang
    return "en"


@cache
def _translations(lang: str) -> NullTranslations:
    """The catalog of ``lang``, read once, on its first message (not for English)."""
    from gettext import GNUTranslations, NullTranslations

    mo = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not mo.is_file():
        return NullTranslations()
    with mo.open("rb") as handle:
        return GNUTranslations(handle)


_forced: list[str] = []


def use_language(lang: str | None) -> None:
    """Speak ``lang`` from now on (a document written for a French committee, a test);
    ``None`` goes back to the environment's language."""
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(lang)
    _forced[:] = [lang] if lang else []


def language() -> str:
    """The language of this run."""
    return _forced[0] if _forced else detect_language()


def gettext(message: str) -> str:
    """``message`` in the user's language (English, the source, costs nothing)."""
    lang = language()
    return message if lang == "en" else _translations(lang).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for ``n``, in the user's language."""
    lang = language()
    if lang == "en":
        return singular if n == 1 else plural
    return _translations(lang).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for translation where it is defined; translate it where it is shown."""
    return message


_ = gettext


# -- numbers and dates shown to people (machine formats never come here) -----------------

def number(value: float | int, digits: int | None = 1) -> str:
    """A number for a person: ``37,5`` in French, ``37.5`` in English; integers stay whole.

    ``digits`` rounds to that many decimals (trailing zeros dropped); ``None`` keeps the
    number as Python writes it exactly (a recorded value, a target).
    """
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or float(value).is_integer():
        text = f"{int(value)}"
    elif digits is None:
        text = repr(float(value))
    else:
        text = f"{value:.{digits}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") if language() == "fr" else text


def percent(value: float | int, digits: int | None = 1) -> str:
    """A percentage for a person: ``37,5 %`` in French (no-break space), ``37.5%`` in English."""
    text = number(value, digits)
    return f"{text}\u00a0%" if language() == "fr" else f"{text}%"


def day(value: date | datetime | str) -> str:
    """A date for a person: ``29/11/2026`` in French, ``2026-11-29`` in English."""
    from datetime import date, datetime

    if isinstance(value, str):
        try:
            parsed = date.fromisoformat(value[:10])
        except ValueError:
            return value
    else:
        parsed = value.date() if isinstance(value, datetime) else value
    return parsed.strftime("%d/%m/%Y") if language() == "fr" else parsed.isoformat()
