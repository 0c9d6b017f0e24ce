"""The New Yalta app: owns the session, the saves and the settings; screens render them.

``yalta`` with no arguments calls ``run_app``; ``yalta play`` calls ``run_app`` with a game
to start at once.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable, Optional

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from .. import saves as S
from ..i18n import default_lang, localize, norm_lang, t
from .dialogs.common import ConfirmDialog, HelpScreen, LoadDialog, SaveAsDialog, SettingsDialog
from .screens.menu import MainMenu

# The engine, the content and the bots are imported when a game starts, not before the menu:
# the menu shows at once (see benchmarks/tui_bench.py).


def settings_path() -> Path:
    env = os.environ.get("YALTA_CONFIG")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "new-yalta" / "settings.json"


class YaltaApp(App):
    CSS_PATH = Path(__file__).with_name("yalta.tcss")
    TITLE = "New Yalta"
    BINDINGS = [
        Binding("ctrl+q", "request_quit", "Quit", show=True, priority=True, id="quit"),
        Binding("f1", "help", "Help", show=True, id="help"),
        Binding("question_mark", "help", "Help", show=False, id="help2"),
    ]

    def __init__(self, lang: Optional[str] = None, saves_dir: Optional[str | Path] = None,
                 start: Optional[dict] = None, speed: Optional[float] = None,
                 autosave: bool = True):
        super().__init__()
        self.store = S.SaveStore(saves_dir)
        self.settings = self._read_settings()
        self.lang = norm_lang(lang or self.settings.get("lang") or default_lang())
        self.start_args = start
        self.speed = speed
        self.autosave = autosave
        self.session = None  # the Session being played
        self.last_start: Optional[dict] = None

    # -- settings ------------------------------------------------------------------------
    def _read_settings(self) -> dict:
        try:
            d = json.loads(settings_path().read_text(encoding="utf-8"))
            return d if isinstance(d, dict) else {}
        except (OSError, ValueError):
            return {}

    def save_settings(self) -> None:
        self.settings.update({"lang": self.lang, "theme": self.theme})
        try:
            S.write_atomic(settings_path(), json.dumps(self.settings).encode("utf-8"))
        except OSError:
            pass  # settings are a convenience; never fail the game over them

    def set_language(self, lang: str) -> None:
        self.lang = norm_lang(lang)
        self.save_settings()
        self.title = t("app.title", self.lang)
        from .screens.end import EndScreen
        from .screens.game import GameScreen
        for screen in self.screen_stack:
            if isinstance(screen, (MainMenu, EndScreen)):
                screen.refresh(recompose=True)
            elif isinstance(screen, GameScreen):
                screen.refresh_world()
                screen.showing = None
                screen.call_after_refresh(screen.step)

    # -- start ---------------------------------------------------------------------------
    def on_mount(self) -> None:
        theme = self.settings.get("theme")
        if theme in self.available_themes:
            self.theme = theme
        self.title = t("app.title", self.lang)
        self.push_screen(MainMenu())
        if self.start_args:
            start, self.start_args = self.start_args, None
            self.start_game(**start)

    def start_game(self, *, pack: str, scenario: Optional[str], seed: int, seats: dict,
                   turns: Optional[int] = None, level: str = "normal", mode: str = "hotseat",
                   noise: float = 0.0) -> None:
        from ..content.loader import ContentError, problem_text
        from .session import Session
        self.last_start = dict(pack=pack, scenario=scenario, seed=seed, seats=dict(seats),
                               turns=turns, level=level, mode=mode, noise=noise)
        try:
            sess = Session.new(pack, scenario, seed, seats, turns=turns, noise=noise, level=level,
                               mode=mode, store=self.store)
        except (ContentError, KeyError) as e:
            msg = problem_text(e.problems[0], self.lang) if isinstance(e, ContentError) else str(e)
            self.notify(msg, severity="error", timeout=8)
            return
        sess.autosave_enabled = self.autosave
        sess.autosave()
        self.open_session(sess)

    def open_session(self, sess) -> None:
        from .screens.game import GameScreen
        self.session = sess
        # back to the menu underneath, then the game on top
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if not isinstance(self.screen, MainMenu):
            self.pop_screen() if len(self.screen_stack) > 1 else None
        self.push_screen(GameScreen(speed=self.speed))

    def show_end(self) -> None:
        from .screens.end import EndScreen
        from .screens.game import GameScreen
        if isinstance(self.screen, GameScreen):
            self.switch_screen(EndScreen())

    def play_again(self) -> None:
        if self.last_start:
            from .session import new_seed
            start = dict(self.last_start, seed=new_seed())
            self.start_game(**start)
        else:
            self.action_new_game()

    def to_menu(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if not isinstance(self.screen, MainMenu):
            self.pop_screen()

    # -- actions -------------------------------------------------------------------------
    def action_new_game(self) -> None:
        from .screens.newgame import NewGameScreen
        self.push_screen(NewGameScreen())

    def action_continue(self) -> None:
        info = self.store.latest()
        if info is None:
            self.notify(t("menu.no_continue", self.lang), severity="warning")
            return
        self.load_path(info.path)

    def action_load(self) -> None:
        def chosen(path):
            if path:
                self.load_path(path)
        self.push_screen(LoadDialog(self.store), chosen)

    def load_path(self, path: Path) -> None:
        from .screens.end import EndScreen
        from .session import Session
        try:
            loaded = S.load(path)
        except S.SaveError as e:
            self.notify(e.text(self.lang), severity="error", timeout=8)
            return
        if loaded.warning:
            self.notify(localize(loaded.warning, self.lang), severity="warning", timeout=8)
        sess = Session.from_save(loaded, self.store)
        sess.autosave_enabled = self.autosave
        self.last_start = None
        self.notify(t("saves.loaded", self.lang, name=loaded.data.get("name") or path.name))
        if sess.over:
            self.session = sess
            self.to_menu()
            self.push_screen(EndScreen())
        else:
            self.open_session(sess)

    def action_export_report(self) -> None:
        """Write the after-action report (HTML and Markdown) into saves/reports/."""
        if self.session is None:
            return
        self._export_report()

    @work(thread=True, exclusive=True, group="report")
    def _export_report(self) -> None:
        from .screens.report import export_report

        try:
            paths = export_report(self.session, self.store.root / "reports", self.lang)
        except Exception as e:  # the game goes on whatever the report does
            self.call_from_thread(self.notify, str(e), severity="error")
            return
        self.call_from_thread(self.notify, t("end.exported", self.lang,
                                             paths=", ".join(str(p) for p in paths)))

    def action_save_as(self) -> None:
        if self.session is None:
            return

        def named(name):
            if not name:
                return
            try:
                path = self.session.save_as(name)
            except S.SaveError as e:
                self.notify(e.text(self.lang), severity="error")
                return
            self.notify(t("saves.saved", self.lang, path=str(path)))
        st = self.session.state
        self.push_screen(SaveAsDialog(f"{self.session.engine.scenario.id}-turn{st.turn}"), named)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_settings(self) -> None:
        self.push_screen(SettingsDialog())

    def action_toggle_language(self) -> None:
        order = ("en", "zh-Hant", "zh-Hans")
        self.set_language(order[(order.index(self.lang) + 1) % len(order)])

    def action_request_quit(self) -> None:
        if self.session is not None and self.session.unsaved and not self.session.over:
            def answer(yes):
                if yes:
                    self.exit(0)
            self.push_screen(ConfirmDialog(t("game.quit_confirm", self.lang)), answer)
        else:
            self.exit(0)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        lang = self.lang
        yield SystemCommand(t("palette.new", lang), t("palette.new_help", lang), self.action_new_game)
        if self.session is not None:
            yield SystemCommand(t("palette.save", lang), t("palette.save_help", lang), self.action_save_as)
        yield SystemCommand(t("palette.load", lang), t("palette.load_help", lang), self.action_load)
        yield SystemCommand(t("palette.help", lang), t("palette.help_help", lang), self.action_help)
        yield SystemCommand(t("palette.language", lang), t("palette.language_help", lang),
                            self.action_toggle_language)
        yield SystemCommand(t("palette.menu", lang), t("palette.menu_help", lang), self.to_menu)
        yield from super().get_system_commands(screen)


def run_app(lang: Optional[str] = None, saves_dir: Optional[str] = None,
            start: Optional[dict] = None, speed: Optional[float] = None) -> int:
    """Run the game in the terminal; returns the exit code."""
    app = YaltaApp(lang=lang, saves_dir=saves_dir, start=start, speed=speed)
    app.run()
    rc = app.return_code
    return int(rc) if isinstance(rc, int) else 0
