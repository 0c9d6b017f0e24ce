"""A person in a seat over the network: ``yalta join HOST:PORT --code CODE``.

The game's own screens (``game.tui``) drive a ``Session``; here a ``RemoteSession`` stands in
for it. It holds the latest view the server sent for this seat, checks input with the same
engine before sending it, and plays the server's phase changes back one at a time, so the
game screen shows the reveal and the turn summary exactly as in a local game. The server
decides everything: what the session shows is only ever what the server sent.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Optional

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from ..bots import Choice
from ..engine import IllegalMove
from ..engine.state import SIDES, other
from ..i18n import t
from ..tui.app import YaltaApp
from ..tui.screens.game import GameScreen
from .bot_client import load_engine_for
from .link import Link
from .protocol import error_text, notice_text
from .table import moment
from ..tui.widgets.footer import LocalFooter



class RemoteSession:
    """What the game screen needs of a session, for one seat of a networked table."""

    mode = "network"
    level = "normal"
    autosave_enabled = False
    last_autosave = None
    store = None

    def __init__(self, engine, side: str, link: Optional[Link] = None):
        self.engine = engine
        self.side = side
        self.foe = other(side)
        self.link = link
        self.state = None
        self.queue: deque = deque()
        self.seats = {side: "human", self.foe: "remote"}
        self.bots: dict = {}
        self.reasons: list = []
        self.game_id = ""
        self.server_msg: dict = {}
        self.sent: Optional[tuple] = None  # (moment, decision) of our last answer
        self.resend = False
        self.on_change = lambda: None
        self.on_error = lambda text: None

    # -- what the screens read -----------------------------------------------------------
    @property
    def pack(self):
        return self.engine.pack

    def is_human(self, side: str) -> bool:
        return side == self.side

    @property
    def humans(self) -> list[str]:
        return [self.side]

    def bot_name(self, side: str, lang: Optional[str] = None) -> str:
        if side == self.side:
            return ""
        name = (self.server_msg.get("seats") or {}).get(side, "")
        return name.removeprefix("bot:") if name.startswith("bot:") else "remote"

    def awaiting(self) -> dict:
        st = self.state
        if self.queue and st.phase != "assessment":
            return {}  # the game has moved on: let the screen advance to the next state
        aw = self.engine.awaiting(st)
        if not aw and st.phase not in ("assessment", "over") and not self.queue:
            return {self.foe: "wait"}  # the server has not told us what comes next yet
        return aw

    @property
    def paused(self) -> bool:
        return bool(self.server_msg.get("paused"))

    def human_awaiting(self) -> dict:
        return {s: k for s, k in self.awaiting().items() if s == self.side}

    def bot_awaiting(self) -> dict:
        return {}

    @property
    def over(self) -> bool:
        return self.state is not None and self.state.phase == "over"

    def can_advance(self) -> bool:
        return bool(self.queue)

    def view(self, side: Optional[str] = None):
        return self.state

    def stamp(self) -> tuple:
        st = self.state
        return (st.turn, st.phase, st.talk_round, len(st.log))

    def reasons_for(self, turn: int, phase: Optional[str] = None) -> list:
        return []

    @property
    def unsaved(self) -> bool:
        return False

    def title(self) -> str:
        st = self.state
        return f"{self.engine.scenario.id} t{st.turn}/{st.turns} {st.phase} (network, {self.side})"

    # -- what the server says ------------------------------------------------------------
    def receive(self, msg: dict) -> None:
        """A state from the server. A new moment is queued and played back through the game
        screen's own advance (so it narrates the reveal and shows each turn's summary); news
        about the moment on screen (the other side has answered, say) replaces it; of several
        queued states for one moment only the newest is kept."""
        st = self._with_mine(msg["_state"])
        self.server_msg = msg
        cur = self.state
        if cur is None or (not self.queue and moment(st) == moment(cur)):
            self.state = st
        elif self.queue and moment(self.queue[-1]) == moment(st):
            self.queue[-1] = st
        else:
            self.queue.append(st)
        self.on_change()

    def reconnected(self) -> None:
        self.resend = True

    def _with_mine(self, st):
        """A state for the moment we have answered but the server had not yet heard: keep
        our answer in it (and send it again after a reconnect, in case it was lost)."""
        if self.sent is None or self.sent[0] != moment(st) or self.side not in self.engine.awaiting(st):
            self.resend = False
            return st
        if self.resend and self.link is not None:
            self.resend = False
            asyncio.ensure_future(self._send({"type": "submit", "decision": self.sent[1],
                                              "at": self.sent[0]}))
        try:
            return self.engine.submit(st, self.side, self.sent[1])
        except IllegalMove:
            return st

    # -- what the player does ------------------------------------------------------------
    def submit(self, side: str, decision: dict) -> None:
        """Check with the rules here (``IllegalMove`` as in a local game), then send."""
        st = self.state
        at = moment(st)
        new = self.engine.submit(st, side, decision)  # raises IllegalMove
        self.state = new
        self.sent = (at, decision)
        if self.link is not None:
            asyncio.ensure_future(self._send({"type": "submit", "decision": decision, "at": at}))

    async def _send(self, msg: dict) -> None:
        if not await self.link.send(msg):
            self.on_error(t("net.not_connected", self.lang))

    def advance(self) -> None:
        if self.queue:
            st = self.queue.popleft()
            while self.queue and moment(self.queue[0]) == moment(st):
                st = self.queue.popleft()
            self.state = st

    def apply_bot(self, side: str, choice: Choice) -> None:  # pragma: no cover - no bots here
        self.submit(side, choice.decision)

    def save_as(self, name: str):
        from ..saves import SaveError
        raise SaveError("the server saves this game after every phase")

    def autosave(self):
        return None

    def document(self, kind: str = "auto", name: str = "") -> dict:
        from .. import saves as S
        return S.build(self.engine, self.state, seats={s: "human" for s in SIDES}, mode="network",
                       name=name or self.title(), kind=kind)


class CodeScreen(Screen):
    """Asks for the seat's code (when none was given) and shows how the connection goes."""

    BINDINGS = [Binding("ctrl+q", "app.quit", "Quit", show=True, priority=True)]

    DEFAULT_CSS = """
    CodeScreen { align: center middle; }
    CodeScreen > Vertical { width: 64; height: auto; border: round $primary; padding: 1 2; }
    CodeScreen Input { margin: 1 0; }
    """

    def __init__(self, addr: str, code: Optional[str]):
        super().__init__()
        self.addr = addr
        self.code = code

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"New Yalta · {self.addr}", style="bold"))
            yield Static("Type the code of your seat (from the facilitator), then Enter.",
                         id="prompt")
            yield Input(value=self.code or "", placeholder="CODE", id="code", max_length=40)
            yield Static("", id="status")
        yield LocalFooter()

    def on_mount(self) -> None:
        if self.code:
            self.query_one("#code", Input).disabled = True
            self.app.connect(self.code)
        else:
            self.query_one("#code", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        code = event.value.strip()
        if code:
            self.query_one("#code", Input).disabled = True
            self.app.connect(code)

    def status(self, text: str, style: str = "") -> None:
        self.query_one("#status", Static).update(Text(text, style=style))

    def refused(self, text: str) -> None:
        self.status(text, "bold red")
        inp = self.query_one("#code", Input)
        inp.disabled = False
        inp.value = ""
        inp.focus()


class RemoteApp(YaltaApp):
    """The game app for one seat of a networked table."""

    BINDINGS = YaltaApp.BINDINGS

    def __init__(self, addr: str, code: Optional[str] = None, lang: Optional[str] = None):
        super().__init__(lang=lang, autosave=False)
        self.addr = addr
        self.code = code
        self.link: Optional[Link] = None
        self.session: Optional[RemoteSession] = None
        self.code_screen = CodeScreen(addr, code)

    def on_mount(self, event) -> None:
        event.prevent_default()  # not the local game's menu: this app opens on the seat
        theme = self.settings.get("theme")
        if theme in self.available_themes:
            self.theme = theme
        self.title = t("app.title", self.lang)
        self.push_screen(self.code_screen)

    # -- the connection ------------------------------------------------------------------
    def connect(self, code: str) -> None:
        self.code = code
        self.code_screen.status(t("net.connecting", self.lang, addr=self.addr))
        self.link = Link(self.addr, code, self.on_net, self.on_status, lang=self.lang, steps=True)
        self.run_worker(self.link.run(), exclusive=True, group="net")

    def on_status(self, kind: str, text: str) -> None:
        if kind == "refused":
            if self.session is None:
                self.code_screen.refused(t("net.refused", self.lang, text=text))
            else:
                self.notify(t("net.refused", self.lang, text=text), severity="error", timeout=10)
        elif kind == "lost":
            if self.session is None:
                self.code_screen.status(t("net.cannot_reach", self.lang, addr=self.addr), "yellow")
            else:
                self.notify(t("net.lost", self.lang), severity="warning")
        elif kind == "connected" and self.session is not None:
            self.notify(t("net.connected", self.lang))

    def on_net(self, msg: dict) -> None:
        kind = msg.get("type")
        if kind == "welcome":
            if msg.get("role") != "seat":
                self.link.stop()
                self.code_screen.refused(t("net.not_seat_code", self.lang))
                return
            if self.session is None:
                engine = load_engine_for(msg)
                self.session = RemoteSession(engine, msg["side"], self.link)
                self.session.on_change = self._changed
                self.session.on_error = lambda text: self.notify(text, severity="warning")
                self.session.game_id = f"table-{msg.get('table')}"
            self.session.link = self.link
            self.session.reconnected()
        elif kind == "state" and self.session is not None:
            first = self.session.state is None
            self.session.receive(msg)
            if first:
                self.push_screen(GameScreen())
        elif kind == "notice":
            pack = self.session.engine.pack if self.session is not None else None
            self.notify(notice_text(msg, self.lang, pack), timeout=8)
        elif kind == "error":
            self.notify(error_text(str(msg.get("code")), str(msg.get("message", "error")), self.lang,
                                   msg.get("reason")), severity="error")
            if self.session is not None and msg.get("code") in ("stale", "illegal", "not_your_turn"):
                asyncio.ensure_future(self.link.send({"type": "sync"}))

    def _changed(self) -> None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, GameScreen):
                screen.refresh_world()
                screen.step()
                break

    # -- what a local game would do differently ------------------------------------------
    def action_save_as(self) -> None:
        self.notify(t("net.server_saves", self.lang))

    def play_again(self) -> None:
        self.notify(t("net.facilitator_starts", self.lang))

    def to_menu(self) -> None:
        self.exit(0)

    def action_new_game(self) -> None:
        self.notify(t("net.networked_seat", self.lang))

    def action_load(self) -> None:
        self.action_new_game()

    def action_continue(self) -> None:
        self.action_new_game()

    def action_request_quit(self) -> None:
        self.exit(0)

    def on_unmount(self) -> None:
        if self.link is not None:
            self.link.stop()


def run_join(addr: str, code: Optional[str], lang: Optional[str] = None) -> int:
    app = RemoteApp(addr, code, lang)
    app.run()
    rc = app.return_code
    return int(rc) if isinstance(rc, int) else 0
