"""The projector: ``yalta watch HOST:PORT --code WATCH``.

Shows one table's public state (the server sends a watcher neither side's secrets, unless the
facilitator reveals the objectives), its charts turn by turn, and a chronicle of what the
room may know. Nothing here can send input to the game.
"""

from __future__ import annotations

from typing import Optional

from rich.console import Group
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import RichLog, Static

from ..engine.api import engine_for
from ..engine.state import SIDES
from .protocol import notice_text
from ..i18n import norm_lang, t
from ..narrate import date_of, ending_name, phase_name
from ..tui.widgets.charts import column_chart
from ..tui.widgets.world import WorldPanel, world_renderable
from .link import Link
from ..tui.widgets.footer import LocalFooter

WAIT_WORDS = {"response": "a response", "talk": "talks", "orders": "orders"}


def engine_of(welcome: dict):
    try:
        return engine_for(welcome["pack"], welcome.get("scenario"))
    except Exception:
        return engine_for(welcome.get("pack_path") or welcome["pack"], welcome.get("scenario"))


def headline(msg: dict, st, engine, lang: str) -> Text:
    sc = engine.scenario
    line = Text()
    line.append(f"{t('app.title', lang)} · {sc.name.get(lang)} · ", style="bold")
    if st.phase == "over":
        line.append(f"{phase_name('over', lang)}: {ending_name(st.ending, lang)}", style="bold magenta")
        return line
    line.append(f"{date_of(sc, st.turn, lang)} · {st.turn}/{st.turns} · {phase_name(st.phase, lang)}")
    if st.phase == "talks":
        line.append(f" {st.talk_round}")
    aw = msg.get("awaiting") or {}
    if aw:
        who = ", ".join(t(f"side_title.{s}", lang) for s in aw)
        line.append(f" · waiting for {who}", style="yellow")
    if msg.get("paused"):
        line.append(" · PAUSED", style="bold red")
    left = msg.get("seconds_left")
    if left is not None:
        m, s = divmod(int(left), 60)
        line.append(f" · ⏱ {m}:{s:02d}", style="bold cyan")
    ev = engine.pack.events.get(st.current.event) if st.current.event else None
    if ev is not None:
        line.append("\n" + t("game.chron_event", lang, name=ev.name.get(lang)), style="italic")
    return line


def charts(st, lang: str, width: int = 100, height: int = 7):
    hist = st.history
    if not hist:
        return Text("Charts appear after the first turn.", style="grey50")
    side_by_side = width >= 90
    room = width // 3 - 8 if side_by_side else width - 8
    cw = max(1, min(3, room // max(1, len(hist))))
    parts = []
    for key, path, style, lo, hi in (("end.chart_trust", "trust", "green", 0, 100),
                                     ("end.chart_welfare", "welfare", "cyan", None, None),
                                     ("end.chart_tension", "tension", "red", 0, 100)):
        series = [h.snapshot.get(path, 0) for h in hist]
        parts.append(Group(Text(t(key, lang), style=f"bold {style}"),
                           column_chart(series, height=height, lo=lo, hi=hi, style=style,
                                        col_width=cw)))
    if side_by_side:
        from rich.table import Table
        grid = Table.grid(padding=(0, 3))
        grid.add_row(*parts)
        return grid
    return Group(*parts)


def turn_story(rec, engine, lang: str) -> list[Text]:
    """What the room learns about a finished turn."""
    pack = engine.pack
    out = [Text(t("game.chron_turn", lang, date=date_of(engine.scenario, rec.turn, lang),
                  turn=rec.turn), style="bold")]
    ev = pack.events.get(rec.event) if rec.event else None
    if ev:
        out.append(Text(t("game.chron_event", lang, name=ev.name.get(lang)), style="yellow"))
    for o in rec.offers:
        off = pack.offers.get(o["offer"])
        name = off.name.get(lang) if off else o["offer"]
        who = t(f"side_short.{o['from']}", lang)
        out.append(Text(f"  {who} → {name}: {o.get('status', '')}",
                        style="green" if o.get("status") == "accepted" else ""))
    for side in SIDES:
        cards = [pack.actions[a].name.get(lang) for a in rec.orders.get(side, []) if a in pack.actions]
        out.append(Text(t("game.chron_orders", lang, side=t(f"side_title.{side}", lang),
                          cards=", ".join(cards) or t("game.nothing", lang)),
                        style="blue" if side == "us" else "red"))
    if rec.public:
        out.append(Text(t("game.posture", lang, us=t("game.posture_" + rec.public.get("us", "C"), lang),
                          cn=t("game.posture_" + rec.public.get("cn", "C"), lang)), style="italic"))
    return out


def objectives_line(st, engine, lang: str) -> Optional[Text]:
    parts = []
    for s in SIDES:
        oid = st.sides[s].objective
        if oid and oid in engine.pack.objectives:
            parts.append(f"{t(f'side_title.{s}', lang)}: {engine.pack.objectives[oid].name.get(lang)}")
    if not parts:
        return None
    return Text("Secret objectives (revealed): " + " · ".join(parts), style="bold magenta")


class WatchApp(App):
    TITLE = "New Yalta — projector"
    CSS = """
    #head { height: auto; padding: 0 1; background: $boost; }
    #body { height: 1fr; }
    #world-scroll { width: 62; }
    #right { width: 1fr; }
    #charts { height: auto; padding: 0 1; }
    #chronicle { height: 1fr; border-top: solid $primary; }
    """
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=True, priority=True),
                Binding("l", "language", "Language", show=True)]

    def __init__(self, addr: str, code: str, lang: Optional[str] = None):
        super().__init__()
        self.addr, self.code = addr, code
        self.lang = norm_lang(lang)
        self.engine = None
        self.last: Optional[dict] = None
        self.state = None
        self.told_turns = 0
        self.link = Link(addr, code, self.on_net, self.on_status)

    def compose(self) -> ComposeResult:
        yield Static("Connecting…", id="head")
        with Horizontal(id="body"):
            with VerticalScroll(id="world-scroll"):
                yield WorldPanel(id="world")
            with Vertical(id="right"):
                yield Static(id="charts")
                yield RichLog(id="chronicle", wrap=True, markup=False, max_lines=3000, min_width=20)
        yield LocalFooter()

    def on_mount(self) -> None:
        self.run_worker(self.link.run(), exclusive=True, group="net")
        self.set_interval(1.0, self._tick)

    def on_status(self, kind: str, text: str) -> None:
        if kind == "refused":
            self.query_one("#head", Static).update(Text(f"Refused: {text}", style="bold red"))
        elif kind == "lost":
            self.notify("Connection lost; reconnecting…", severity="warning")

    def on_net(self, msg: dict) -> None:
        kind = msg.get("type")
        log = self.query_one("#chronicle", RichLog)
        if kind == "welcome":
            if msg.get("role") != "watch":
                self.query_one("#head", Static).update(
                    Text("That code is not a projector code.", style="bold red"))
                self.link.stop()
                return
            self.engine = engine_of(msg)
            self.told_turns = 0
            log.clear()
        elif kind == "state" and self.engine is not None:
            self.last = msg
            self.state = msg["_state"]
            self.redraw()
        elif kind == "notice":
            pack = self.engine.pack if self.engine is not None else None
            log.write(Text("» " + notice_text(msg, self.lang, pack), style="bold yellow"))

    def redraw(self) -> None:
        st, eng, lang = self.state, self.engine, self.lang
        if st is None:
            return
        self.query_one("#head", Static).update(headline(self.last, st, eng, lang))
        world = world_renderable(st, eng.pack, lang, wide=True)
        obj = objectives_line(st, eng, lang) if (self.last.get("revealed") or st.phase == "over") else None
        self.query_one("#world", WorldPanel).update(Group(obj, world) if obj else world)
        self.query_one("#charts", Static).update(charts(st, lang, self.size.width - 64))
        log = self.query_one("#chronicle", RichLog)
        for rec in st.history[self.told_turns:]:
            for line in turn_story(rec, eng, lang):
                log.write(line)
        self.told_turns = len(st.history)

    def _tick(self) -> None:
        if self.last and self.last.get("seconds_left") is not None and not self.last.get("paused"):
            self.last["seconds_left"] = max(0.0, self.last["seconds_left"] - 1.0)
            self.query_one("#head", Static).update(headline(self.last, self.state, self.engine, self.lang))

    def action_language(self) -> None:
        self.lang = "en" if self.lang == "zh-Hant" else "zh-Hant"
        self.told_turns = 0
        self.query_one("#chronicle", RichLog).clear()
        self.redraw()

    def on_unmount(self) -> None:
        self.link.stop()


def run_watch(addr: str, code: str, lang: Optional[str] = None) -> int:
    WatchApp(addr, code, lang).run()
    return 0


async def print_once(addr: str, code: str, lang: str = "en") -> int:
    """Print the table's public state once (for a terminal without the app, or a script)."""
    from rich.console import Console

    from .client import Client, JoinError, ViewTracker

    lang = norm_lang(lang)
    c = Client(addr, code)
    welcome = await c.open()
    try:
        if welcome.get("role") != "watch":
            raise JoinError("not_watch", "that code is not a projector code")
        engine = engine_of(welcome)
        while True:
            msg = await c.recv(30)
            if msg.get("type") == "state":
                break
        st = ViewTracker().apply(msg)
    finally:
        await c.close()
    con = Console()
    con.print(headline(msg, st, engine, lang))
    obj = objectives_line(st, engine, lang) if (msg.get("revealed") or st.phase == "over") else None
    if obj:
        con.print(obj)
    con.print(world_renderable(st, engine.pack, lang, wide=True))
    con.print(charts(st, lang, con.width))
    return 0
