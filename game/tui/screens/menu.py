"""The main menu: New game, Continue, Load, How to play, Settings, Quit."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...i18n import t
from ...narrate import scenario_name
from ..widgets.footer import LocalFooter

TITLE_ART = r"""
 _  _                __   __    _ _
| \| |_____ __ __    \ \ / /_ _| | |_ __ _
| .` / -_) V  V /     \ V / _` | |  _/ _` |
|_|\_\___|\_/\_/       |_|\__,_|_|\__\__,_|
"""
# every line as wide as the widest, so that centring keeps the letters over each other
_W = max(len(line) for line in TITLE_ART.splitlines())
TITLE_ART = "\n".join(line.ljust(_W) for line in TITLE_ART.strip("\n").splitlines())


class MainMenu(Screen):
    BINDINGS = [("n", "pick('new')", "New"), ("c", "pick('continue')", "Continue"),
                ("l", "pick('load')", "Load")]

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        latest = self.app.store.latest()
        items = [Option(t("menu.new", lang), id="new")]
        if latest:
            label = t("menu.continue_what", lang,
                      what=f"{scenario_name(latest.pack, latest.scenario, lang)} · "
                           f"{t('phase.' + latest.phase, lang)} {latest.turn}/{latest.turns}")
            items.append(Option(label, id="continue"))
        else:
            items.append(Option(t("menu.continue", lang) + " — " + t("menu.no_continue", lang),
                                id="continue", disabled=True))
        items += [Option(t("menu.load", lang), id="load"), Option(t("menu.help", lang), id="help"),
                  Option(t("menu.settings", lang), id="settings"), Option(t("menu.quit", lang), id="quit")]
        with Vertical(id="menu-box"):
            yield Static(TITLE_ART if self.app.size.height >= 24 else "", id="title-art")
            yield Static(t("app.title", lang), id="menu-title")
            yield Static(t("app.subtitle", lang), id="menu-subtitle")
            with Center():
                yield OptionList(*items, id="menu")
            yield Static(t("app.tagline", lang), id="menu-tagline")
            yield Static(t("menu.hint", lang), id="menu-hint")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.query_one("#menu", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh(recompose=True)
        self.call_after_refresh(lambda: self.query_one("#menu", OptionList).focus())

    @on(OptionList.OptionSelected, "#menu")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_pick(event.option.id)

    def action_pick(self, what: str) -> None:
        app = self.app
        if what == "new":
            app.action_new_game()
        elif what == "continue":
            app.action_continue()
        elif what == "load":
            app.action_load()
        elif what == "help":
            app.action_help()
        elif what == "settings":
            app.action_settings()
        elif what == "quit":
            app.action_request_quit()
