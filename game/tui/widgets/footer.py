"""A footer that speaks the game's language: each key's description is looked up in the UI
texts by its English wording (``keys.<slug>``), so bindings stay declared in English in code
while the footer shows English, Traditional or Simplified Chinese."""

from __future__ import annotations

import re

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from ...i18n import t


def key_slug(description: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", description.lower()).strip("_")


def translate_key(description: str, lang: str) -> str:
    if not description:
        return description
    key = f"keys.{key_slug(description)}"
    text = t(key, lang)
    return description if text == key else text


class LocalFooter(Footer):
    def compose(self):
        lang = getattr(self.app, "lang", "en")
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = translate_key(widget.description, lang)
            yield widget
