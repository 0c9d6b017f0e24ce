"""The new-game screen: mode, content and scenario, side, bot and difficulty, seed, turns."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from ...bots import bot_names
from ...content.loader import ContentError, list_packs
from ...engine.api import engine_for
from ...i18n import bot_label, t
from ..session import new_seed
from ..widgets.footer import LocalFooter

LEVELS = ("easy", "normal", "hard")


class NewGameScreen(Screen):
    BINDINGS = [Binding("escape", "back", "Back", show=True),
                Binding("ctrl+s", "start", "Start", show=True)]

    def __init__(self, defaults: dict | None = None):
        super().__init__()
        self.defaults = defaults or {}

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        d = self.defaults
        bots = bot_names()
        packs = list_packs()
        pack = d.get("pack", "default" if "default" in packs else packs[0])
        with VerticalScroll(id="newgame"):
            yield Static(t("newgame.title", lang) + "  —  " + t("newgame.keys", lang),
                         classes="screen-title")
            with Horizontal(classes="field"):
                yield Label(t("newgame.mode", lang))
                yield Select([(t("newgame.mode_bot", lang), "bot"),
                              (t("newgame.mode_hotseat", lang), "hotseat"),
                              (t("newgame.mode_watch", lang), "watch")],
                             value=d.get("mode", "bot"), allow_blank=False, compact=True, id="mode")
            with Horizontal(classes="field"):
                yield Label(t("newgame.pack", lang))
                yield Select([(p, p) for p in packs], value=pack, allow_blank=False, compact=True, id="pack")
            with Horizontal(classes="field"):
                yield Label(t("newgame.scenario", lang))
                yield Select(self._scenarios(pack), allow_blank=False, compact=True, id="scenario")
            with Horizontal(classes="field"):
                yield Label(t("newgame.side", lang))
                yield Select([(t("side_title.us", lang), "us"), (t("side_title.cn", lang), "cn")],
                             value=d.get("side", "us"), allow_blank=False, compact=True, id="side")
            with Horizontal(classes="field"):
                yield Label(t("newgame.bot", lang))
                yield Select([(bot_label(b, lang), b) for b in bots], value=d.get("bot", _default_bot(bots)),
                             allow_blank=False, compact=True, id="bot")
            with Horizontal(classes="field", id="bot-us-field"):
                yield Label(t("newgame.bot_us", lang))
                yield Select([(bot_label(b, lang), b) for b in bots], value=d.get("bot_us", _default_bot(bots)),
                             allow_blank=False, compact=True, id="bot_us")
            with Horizontal(classes="field"):
                yield Label(t("newgame.level", lang))
                yield Select([(t(f"level.{lv}", lang), lv) for lv in LEVELS],
                             value=d.get("level", "normal"), allow_blank=False, compact=True, id="level")
            with Horizontal(classes="field"):
                yield Label(t("newgame.seed", lang))
                yield Input(str(d.get("seed", new_seed())), id="seed", type="integer", compact=True)
            with Horizontal(classes="field"):
                yield Label(t("newgame.turns", lang))
                yield Input(str(d.get("turns", "")), id="turns", type="integer", compact=True,
                            placeholder=self._default_turns(pack))
            with Horizontal(classes="buttons"):
                yield Button(t("newgame.start", lang), id="start", variant="success")
                yield Button(t("newgame.back", lang), id="back")
        yield LocalFooter()

    def _scenarios(self, pack: str) -> list:
        try:
            eng = engine_for(pack)
        except (ContentError, KeyError):
            return [("—", "")]
        lang = self.app.lang
        return [(sc.name.get(lang), sid) for sid, sc in eng.pack.scenarios.items()]

    def _default_turns(self, pack: str, scenario: str | None = None) -> str:
        try:
            return str(engine_for(pack, scenario or None).scenario.turns)
        except (ContentError, KeyError):
            return ""

    def on_mount(self) -> None:
        self._sync_mode()
        self.query_one("#start", Button).focus()

    @on(Select.Changed, "#mode")
    def _sync_mode(self) -> None:
        mode = self.query_one("#mode", Select).value
        self.query_one("#bot-us-field").display = mode == "watch"

    @on(Select.Changed, "#pack")
    def _pack_changed(self, event: Select.Changed) -> None:
        sel = self.query_one("#scenario", Select)
        sel.set_options(self._scenarios(str(event.value)))
        self.query_one("#turns", Input).placeholder = self._default_turns(str(event.value))

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.app.pop_screen()

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        lang = self.app.lang
        v = lambda i: self.query_one(f"#{i}", Select).value
        try:
            seed = int(self.query_one("#seed", Input).value or new_seed())
        except ValueError:
            self.app.notify(t("newgame.bad_seed", lang), severity="error")
            return
        raw = self.query_one("#turns", Input).value.strip()
        turns = None
        if raw:
            try:
                turns = int(raw)
                assert 1 <= turns <= 40
            except (ValueError, AssertionError):
                self.app.notify(t("newgame.bad_turns", lang), severity="error")
                return
        mode, side = v("mode"), v("side")
        bot = f"bot:{v('bot')}"
        if mode == "hotseat":
            seats = {"us": "human", "cn": "human"}
        elif mode == "watch":
            seats = {"us": f"bot:{v('bot_us')}", "cn": bot}
        else:
            seats = {side: "human", ("cn" if side == "us" else "us"): bot}
        self.app.start_game(pack=v("pack"), scenario=v("scenario") or None, seed=seed,
                            turns=turns, seats=seats, level=v("level"), mode=mode)


def _default_bot(bots: list) -> str:
    for pref in ("transactional", "strategist", "tit-for-tat"):
        if pref in bots:
            return pref
    return bots[0]
