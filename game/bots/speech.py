"""Bots' reasons in the player's language.

A bot says why as data: ``{"k": "seen_comp", "foe": "cn"}``, nested where one reason wraps
another (``{"k": "play", "cards": [...], "reason": {...}}``). ``speak`` renders it in any
language from the UI texts (``why.*``), naming cards, offers and news responses from the
content pack; the English rendering is the bot's ``why``. Reasons stored in saves keep the
data, so a game reads in the language of whoever opens it.

Values that are plain strings or numbers are passed to the text as they are (an empty string
leaves an optional part out); ``{"k": "cap", "body": ...}`` starts a sentence whose first word
may be a side's name with a capital letter.
"""

from __future__ import annotations

from ..i18n import t

SEP = {"en": ", ", "zh-Hant": "、", "zh-Hans": "、"}
JOIN = {"en": "; ", "zh-Hant": "；", "zh-Hans": "；"}


def _name(table: dict, key: str, lang: str) -> str:
    entry = table.get(key)
    return entry.name.get(lang) if entry is not None else key


def speak(say, pack, lang: str = "en") -> str:
    """The sentence for a reason given as data (a dict with ``k``, or a list of them)."""
    if isinstance(say, list):
        return JOIN.get(lang, "; ").join(speak(s, pack, lang) for s in say)
    params = {}
    for key, value in say.items():
        if key == "k":
            continue
        if isinstance(value, (dict, list)) and key != "cards":
            params[key] = speak(value, pack, lang)
        elif key == "cards":
            names = [_name(pack.actions, c, lang) for c in value]
            params[key] = SEP.get(lang, ", ").join(names) if names else t("why.nothing", lang)
        elif key == "offer":
            params[key] = _name(pack.offers, value, lang)
        elif key == "option":
            ev = pack.events.get(say.get("event", ""))
            opts = {o.id: o for o in ev.responses.options} if ev and ev.responses else {}
            params[key] = opts[value].name.get(lang) if value in opts else value
        elif key == "foe":
            params[key] = t(f"side.{value}", lang)
        elif key == "verification":
            params[key] = t(f"verification.{value}", lang)
        else:
            params[key] = value
    text = t(f"why.{say['k']}", lang, **params)
    if say["k"] == "cap" and text:
        text = text[0].upper() + text[1:]
    return text


def reason_text(row: list, pack, lang: str = "en") -> str:
    """A stored reason ``[turn, phase, round, side, why(, say)]`` in ``lang``."""
    if len(row) > 5 and row[5]:
        try:
            return speak(row[5], pack, lang)
        except (KeyError, TypeError, AttributeError):
            pass
    return row[4]
