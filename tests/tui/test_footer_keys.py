"""Keys that Textual's own widgets show in the footer are said in the player's language."""

from __future__ import annotations

import pytest
from textual.binding import Binding
from textual.widgets import Input, OptionList, Select, SelectionList
from textual.widgets._select import SelectOverlay

from game.tui.widgets.footer import translate_key


@pytest.mark.parametrize("lang", ["zh-Hant", "zh-Hans"])
def test_built_in_keys_shown_in_the_footer_are_translated(lang):
    shown = []
    for cls in (SelectOverlay, Select, SelectionList, OptionList, Input):
        for b in cls.BINDINGS:
            if isinstance(b, tuple):  # (keys, action, description): shown
                b = Binding(*b)
            if b.show and b.description:
                shown.append(b.description)
    assert shown  # the select menu's own key at least
    for d in shown:
        assert translate_key(d, lang) != d, d
