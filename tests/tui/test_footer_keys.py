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


def test_footer_makes_room_for_a_screens_keys_on_a_narrow_screen():
    from textual.app import App

    from game.tui.widgets.footer import LocalFooter

    from .driver import run

    class Many(App):
        BINDINGS = [Binding(k, "bell", d) for k, d in (
            ("a", "Accept"), ("r", "Reject"), ("c", "Counter"), ("d", "Duration"),
            ("v", "Verification"), ("s", "Send"), ("f2", "Save"), ("w", "World"))]

        def compose(self):
            yield LocalFooter()

    async def go(size):
        app = Many()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            footer = app.query_one(LocalFooter)
            return footer.compact, footer.show_command_palette

    assert run(go((140, 20))) == (False, True)  # room for everything
    assert run(go((80, 20))) == (True, False)  # palette key left out, keys closer together


def test_keys_a_panel_lists_itself_leave_a_footer_too_narrow_for_them():
    """The talks panel lists a/r/c/d/v in its own lines; at 80 columns the footer leaves
    them out rather than lose Quit and Help at its end."""
    from textual.app import App
    from textual.widgets import Static

    from game.tui.widgets.footer import FooterKey, LocalFooter

    from .driver import run

    class Talks(Static, can_focus=True):
        INLINE_KEYS = ("a", "r", "c", "d", "v")
        BINDINGS = [Binding(k, f"noop('{k}')", d) for k, d in (
            ("a", "Accept"), ("r", "Reject"), ("c", "Counter"), ("d", "Duration"),
            ("v", "Verification"), ("s", "Send"))]

    class Game(App):
        BINDINGS = [Binding("f2", "noop('f2')", "Save"), Binding("w", "noop('w')", "World"),
                    Binding("ctrl+q", "quit", "Quit"), Binding("f1", "noop('f1')", "Help")]

        def compose(self):
            yield Talks("talks")
            yield LocalFooter()

        def on_mount(self):
            self.query_one(Talks).focus()

    async def go(size):
        app = Game()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            footer = app.query_one(LocalFooter)
            keys = [k.key for k in footer.query(FooterKey) if not k.has_class("-command-palette")]
            return keys, footer.compact

    keys, compact = run(go((160, 20)))
    assert keys[:6] == ["a", "r", "c", "d", "v", "s"] and not compact
    keys, compact = run(go((80, 20)))
    assert sorted(keys) == sorted(["s", "f2", "w", "ctrl+q", "f1"]) and not compact  # roomy again
