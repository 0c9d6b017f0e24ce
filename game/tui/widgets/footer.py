"""A footer that speaks the game's language: each key's description is looked up in the UI
texts by its English wording (``keys.<slug>``), so bindings stay declared in English in code
while the footer shows English, Traditional or Simplified Chinese."""

from __future__ import annotations

import re

from rich.cells import cell_len
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


PALETTE_CELLS = 13  # the command palette's key at the right, with its separator


class LocalFooter(Footer):
    """Textual's footer in the game's language. When a screen's keys do not fit on the
    line, the command palette's key goes first (ctrl+p still opens it; the help lists it),
    then the keys sit closer together (Textual's compact style)."""

    def _fit(self) -> None:
        lang = getattr(self.app, "lang", "en")
        need = 0
        for _node, binding, _enabled, _tip in self.screen.active_bindings.values():
            if binding.show:
                need += (cell_len(self.app.get_key_display(binding)) + 3
                         + cell_len(translate_key(binding.description, lang)))
        width = self.app.size.width
        self.set_reactive(Footer.show_command_palette, need + PALETTE_CELLS <= width)
        self.compact = need > width

    def on_resize(self, event) -> None:
        before = (self.show_command_palette, self.compact)
        try:
            self._fit()
        except Exception:  # no screen yet
            return
        if (self.show_command_palette, self.compact) != before:
            self.refresh(recompose=True)

    def compose(self):
        try:
            self._fit()
        except Exception:  # no screen yet: Textual's defaults
            pass
        lang = getattr(self.app, "lang", "en")
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = translate_key(widget.description, lang)
            yield widget
