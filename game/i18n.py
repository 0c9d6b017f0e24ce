"""The user interface's own words, in every language the game speaks.

Every string the TUI shows that is not content (cards, events, offers live in the packs) is
keyed in ``ui_texts.yaml`` next to this module: ``t("menu.new", "zh-Hant")``. A missing
translation falls back to English, a missing key shows the key itself, so a typo is visible
rather than a crash.
"""

from __future__ import annotations

import locale
import os
from functools import lru_cache
from pathlib import Path

import yaml

LANGS = ("en", "zh-Hant", "zh-Hans")
_TEXTS = Path(__file__).with_name("ui_texts.yaml")


@lru_cache(maxsize=1)
def texts() -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(_TEXTS.read_text(encoding="utf-8"))
    try:
        data = loader.get_single_data() or {}
    finally:
        loader.dispose()
    out: dict = {}

    def walk(node: dict, prefix: str) -> None:
        for k, v in node.items():
            key = f"{prefix}.{k}" if prefix else str(k)
            if isinstance(v, dict) and "en" not in v:
                walk(v, key)
            else:
                out[key] = v

    walk(data, "")
    return out


def norm_lang(lang: str | None) -> str:
    """The UI language for a requested one or a locale name: en, zh-Hant or zh-Hans.

    Simplified for zh-Hans, zh-CN, zh-SG and plain zh; Traditional for zh-Hant, zh-TW, zh-HK
    and zh-MO."""
    if not lang:
        return "en"
    low = lang.lower().replace("_", "-").split(".")[0]
    if not low.startswith("zh"):
        return "en"
    if "hant" in low or low[3:5] in ("tw", "hk", "mo"):
        return "zh-Hant"
    return "zh-Hans"


def default_lang() -> str:
    """From the environment (LC_ALL, LC_MESSAGES, LANG), then the locale."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        v = os.environ.get(var)
        if v and v not in ("C", "POSIX") and not v.startswith("C."):
            return norm_lang(v)
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:  # pragma: no cover
        loc = ""
    return norm_lang(loc)


FALLBACK = {"zh-Hans": ("zh-Hans", "zh-Hant", "en"), "zh-Hant": ("zh-Hant", "en"), "en": ("en",)}


class Localized(str):
    """A text that reads as its English words and can be said in every language the game
    speaks: ``text(lang)``. A field of ``t`` that is one is said in that text's language, so
    an error kept as a string (a save's, a content pack's) still follows the player's."""

    def text(self, lang: str = "en") -> str:
        return str(self)


class Said(Localized):
    """``t(key, lang, **fields)`` kept as data: reads as the English text."""

    def __new__(cls, key: str, /, **fields):
        self = super().__new__(cls, t(key, "en", **fields))
        self.key, self.fields = key, fields
        return self

    def text(self, lang: str = "en") -> str:
        return t(self.key, lang, **self.fields)

    def __reduce__(self):
        return (_said, (self.key, self.fields))


def _said(key: str, fields: dict) -> Said:
    return Said(key, **fields)


def localize(text, lang: str = "en") -> str:
    """``text`` in ``lang`` when it can be said in other languages, else as it is."""
    return text.text(lang) if isinstance(text, Localized) else str(text)


def t(key: str, lang: str = "en", /, **fmt) -> str:
    """The text for ``key`` in ``lang``, formatted with ``fmt``."""
    entry = texts().get(key)
    if entry is None:
        return key
    if isinstance(entry, str):
        s = entry
    else:
        s = next((entry[k] for k in FALLBACK[norm_lang(lang)] if entry.get(k)), key)
    if fmt:
        for k, v in fmt.items():
            if isinstance(v, Localized):
                fmt[k] = v.text(lang)
        try:
            return s.format(**fmt)
        except (KeyError, IndexError, ValueError):
            return s
    return s


def side_name(side: str, lang: str = "en") -> str:
    return t(f"side.{side}", lang)


def missing(lang: str) -> list[str]:
    """Keys without a text in ``lang`` (a test keeps this empty for every language)."""
    return [k for k, v in texts().items() if not isinstance(v, dict) or not v.get(lang)]


def bot_label(name: str, lang: str = "en") -> str:
    """A bot personality's name for players: ``tit-for-tat`` -> 以牙還牙 in Chinese."""
    key = "bot." + name.replace("-", "_")
    text = t(key, lang)
    return name if text == key else text
