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
    then the keys sit closer together (Textual's compact style), and last the keys that
    the widget defining them already lists on screen (its ``INLINE_KEYS``) leave the
    footer, so that Quit and Help stay in it."""

    _inline: frozenset = frozenset()  # keys left out of the footer at this width

    def _fit(self) -> None:
        lang = getattr(self.app, "lang", "en")
        need = compact = rest = 0  # cells: all keys, all keys compact, keys not inline
        inline = set()
        for node, binding, _enabled, _tip in self.screen.active_bindings.values():
            if binding.show:
                cells = (cell_len(self.app.get_key_display(binding))
                         + cell_len(translate_key(binding.description, lang)))
                need += cells + 3
                compact += cells + 1
                if binding.key in getattr(node, "INLINE_KEYS", ()):
                    inline.add(binding.key)
                else:
                    rest += cells + 3
        width = self.app.size.width
        self.set_reactive(Footer.show_command_palette, need + PALETTE_CELLS <= width)
        self._inline = frozenset(inline) if compact > width else frozenset()
        self.compact = (rest if self._inline else need) > width

    def on_resize(self, event) -> None:
        before = (self.show_command_palette, self.compact, self._inline)
        try:
            self._fit()
        except Exception:  # no screen yet
            return
        if (self.show_command_palette, self.compact, self._inline) != before:
            self.refresh(recompose=True)

    def compose(self):
        try:
            self._fit()
        except Exception:  # no screen yet: Textual's defaults
            pass
        lang = getattr(self.app, "lang", "en")
        widgets = []
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                if widget.key in self._inline and not widget.has_class("-command-palette"):
                    continue
                widget.description = translate_key(widget.description, lang)
            widgets.append(widget)
        if self._inline:  # one grid column per key shown
            self.styles.grid_size_columns = sum(
                1 for w in widgets if isinstance(w, FooterKey) and not w.has_class("-command-palette"))
        yield from widgets
