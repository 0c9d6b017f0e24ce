"""The facilitator's console: ``yalta facilitate HOST:PORT --code ADMIN``.

Lists every table (turn, phase, who is awaited, who is connected, the numbers) and pulls the
levers the server offers: pause and resume, phase timers, inject an event, reveal the secret
objectives to the room, move a paused table on by one phase, end a game, and export every
table (saves, summaries, reports) for the debrief.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, OptionList, RichLog, Static
from textual.widgets.option_list import Option

from ..engine.api import engine_for
from .link import Link

COLUMNS = ("table", "turn", "phase", "waiting for", "US", "CN", "clock", "trust", "tension",
           "welfare", "ending")


def event_choices(pack: str = "default", scenario: Optional[str] = None) -> list[tuple]:
    """(event id, name, era) of every event in the pack, by era."""
    eng = engine_for(pack, scenario)
    order = {"early": 0, "middle": 1, "late": 2}
    evs = sorted(eng.pack.events.values(), key=lambda e: (order.get(e.era, 9), e.id))
    return [(e.id, e.name.en, e.era) for e in evs]


class AskText(ModalScreen[Optional[str]]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True)]
    DEFAULT_CSS = """
    AskText { align: center middle; }
    AskText > Vertical { width: 60; height: auto; border: round $primary; padding: 1 2;
                         background: $surface; }
    """

    def __init__(self, prompt: str, value: str = ""):
        super().__init__()
        self.prompt, self.value = prompt, value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.prompt)
            yield Input(value=self.value, id="answer")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)


class Choose(ModalScreen[Optional[str]]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", show=True)]
    DEFAULT_CSS = """
    Choose { align: center middle; }
    Choose > Vertical { width: 80; height: 80%; border: round $primary; padding: 0 1;
                        background: $surface; }
    Choose OptionList { height: 1fr; }
    """

    def __init__(self, prompt: str, options: list[tuple[str, str]]):
        super().__init__()
        self.prompt, self.options = prompt, options

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.prompt)
            yield OptionList(*[Option(label, id=oid) for oid, label in self.options])

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class FacilitatorApp(App):
    TITLE = "New Yalta — facilitator"
    CSS = """
    #head { height: auto; padding: 0 1; background: $boost; }
    DataTable { height: 1fr; }
    #log { height: 12; border-top: solid $primary; }
    """
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=True, priority=True),
        Binding("p", "pause", "Pause/resume", show=True),
        Binding("P", "pause_all", "Pause all", show=True),
        Binding("R", "resume_all", "Resume all", show=True),
        Binding("t", "timer", "Timer", show=True),
        Binding("T", "timer_all", "Timer all", show=True),
        Binding("i", "inject", "Inject news", show=True),
        Binding("r", "reveal", "Reveal", show=True),
        Binding("s", "step", "Step", show=True),
        Binding("e", "end", "End game", show=True),
        Binding("x", "export", "Export all", show=True),
    ]

    def __init__(self, addr: str, code: str, export_dir: Optional[str] = None):
        super().__init__()
        self.addr, self.code = addr, code
        self.export_dir = export_dir
        self.tables: list = []
        self.pack = "default"
        self.scenario: Optional[str] = None
        self.link = Link(addr, code, self.on_net, self.on_status)
        self.n = 0

    def compose(self) -> ComposeResult:
        yield Static(f"Connecting to {self.addr}…", id="head")
        yield DataTable(id="tables", cursor_type="row", zebra_stripes=True)
        yield RichLog(id="log", wrap=True, markup=False, max_lines=500, min_width=20)
        yield Footer()

    def on_mount(self) -> None:
        dt = self.query_one(DataTable)
        for c in COLUMNS:
            dt.add_column(c, key=c)
        self.run_worker(self.link.run(), exclusive=True, group="net")
        self.set_interval(1.0, self.poll)

    # -- the connection ------------------------------------------------------------------
    def on_status(self, kind: str, text: str) -> None:
        head = self.query_one("#head", Static)
        if kind == "refused":
            head.update(Text(f"Refused: {text}", style="bold red"))
        elif kind == "lost":
            head.update(Text(f"Connection to {self.addr} lost; reconnecting…", style="yellow"))

    async def request(self, msg: dict) -> None:
        self.n += 1
        msg = dict(msg, id=f"f{self.n}")
        if not await self.link.send(msg):
            self.log_line("Not connected.", "red")

    async def poll(self) -> None:
        if self.link.connected:
            await self.link.send({"type": "tables", "id": "poll"})

    def on_net(self, msg: dict) -> None:
        kind = msg.get("type")
        if kind == "welcome":
            if msg.get("role") != "admin":
                self.query_one("#head", Static).update(
                    Text("That code is not the facilitator's.", style="bold red"))
                self.link.stop()
                return
            self.pack = msg.get("pack") or "default"
            self.scenario = msg.get("scenario")
            self.show_tables(msg.get("tables") or [])
        elif kind == "ok" and msg.get("op") == "tables":
            self.show_tables(msg.get("tables") or [])
        elif kind == "ok" and msg.get("op") == "export":
            self.write_export(msg.get("tables") or [])
        elif kind == "ok":
            shown = {k: v for k, v in msg.items() if k not in ("type", "id")}
            self.log_line(f"ok: {shown}", "green")
        elif kind == "error":
            self.log_line(f"refused: {msg.get('message')}", "red")

    def log_line(self, text: str, style: str = "") -> None:
        self.query_one("#log", RichLog).write(Text(time.strftime("%H:%M:%S ") + text, style=style))

    def show_tables(self, tables: list) -> None:
        self.tables = tables
        head = self.query_one("#head", Static)
        playing = sum(1 for t in tables if t["phase"] != "over")
        paused = sum(1 for t in tables if t["paused"])
        head.update(Text(f"{self.addr} · {self.pack}/{self.scenario or ''} · {len(tables)} tables, "
                         f"{playing} playing, {paused} paused · select a row, then a key",
                         style="bold"))
        dt = self.query_one(DataTable)
        keep = dt.cursor_row
        dt.clear()
        for t in tables:
            def seat(s):
                on = t["connected"].get(s)
                who = t["seats"].get(s, "human")
                return Text(("● " if on else "○ ") + who.removeprefix("bot:"),
                            style="green" if on else "grey50")
            clock = ""
            if t.get("timer"):
                left = t.get("seconds_left")
                clock = f"{int(t['timer'])}s" + (f" ({int(left)} left)" if left is not None else "")
            phase = t["phase"] + (f" {t['round']}" if t["phase"] == "talks" else "")
            if t["paused"]:
                phase = "⏸ " + phase
            dt.add_row(t["id"], f"{t['turn']}/{t['turns']}", phase,
                       ", ".join(f"{s} ({k})" for s, k in t["awaiting"].items()),
                       seat("us"), seat("cn"), clock, f"{t['trust']:.0f}", f"{t['tension']:.0f}",
                       f"{t['welfare']:.0f}", t.get("ending") or "", key=t["id"])
        if keep is not None and tables:
            dt.move_cursor(row=min(keep, len(tables) - 1))

    def selected(self) -> Optional[dict]:
        dt = self.query_one(DataTable)
        if not self.tables or dt.cursor_row is None or dt.cursor_row >= len(self.tables):
            return None
        return self.tables[dt.cursor_row]

    # -- the levers ----------------------------------------------------------------------
    async def action_pause(self) -> None:
        t = self.selected()
        if t:
            await self.request({"type": "resume" if t["paused"] else "pause", "table": t["id"]})

    async def action_pause_all(self) -> None:
        await self.request({"type": "pause", "table": None})

    async def action_resume_all(self) -> None:
        await self.request({"type": "resume", "table": None})

    def _timer(self, table: Optional[str]) -> None:
        async def answer(text: Optional[str]) -> None:
            if text is None:
                return
            try:
                secs = None if text.lower() in ("", "off", "0", "none") else float(text)
            except ValueError:
                self.log_line(f"not a number of seconds: {text!r}", "red")
                return
            await self.request({"type": "timer", "table": table, "seconds": secs})
        self.push_screen(AskText("Seconds per phase (5 to 86400), or off:", "180"), answer)

    def action_timer(self) -> None:
        t = self.selected()
        if t:
            self._timer(t["id"])

    def action_timer_all(self) -> None:
        self._timer(None)

    def action_inject(self) -> None:
        t = self.selected()
        if not t:
            return
        try:
            events = event_choices(self.pack, self.scenario)
        except Exception as e:  # a pack this machine does not have
            self.log_line(f"cannot list the events: {e}", "red")
            return

        async def chosen(eid: Optional[str]) -> None:
            if eid:
                await self.request({"type": "inject", "table": t["id"], "event": eid})
        self.push_screen(Choose(f"News for table {t['id']} (now if its news has just come, "
                                "else next turn):",
                                [(eid, f"[{era}] {name}") for eid, name, era in events]), chosen)

    async def action_reveal(self) -> None:
        t = self.selected()
        if t:
            await self.request({"type": "reveal", "table": t["id"]})

    async def action_step(self) -> None:
        t = self.selected()
        if t:
            await self.request({"type": "step", "table": t["id"]})

    def action_end(self) -> None:
        t = self.selected()
        if not t:
            return

        async def chosen(when: Optional[str]) -> None:
            if when:
                await self.request({"type": "end", "table": t["id"], "when": when})
        self.push_screen(Choose(f"End the game at table {t['id']}:",
                                [("now", "Now: the game ends where it stands"),
                                 ("after_turn", "After this turn: this is the last turn")]), chosen)

    async def action_export(self) -> None:
        await self.request({"type": "export"})
        self.log_line("export requested…")

    def write_export(self, tables: list) -> None:
        from ..commands.net import export_tables

        out = Path(self.export_dir or f"yalta-export-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            written = export_tables(tables, out)
        except OSError as e:
            self.log_line(f"cannot write {out}: {e}", "red")
            return
        self.log_line(f"exported {len(tables)} tables to {out} ({len(written)} files)", "green")

    def on_unmount(self) -> None:
        self.link.stop()


def run_console(addr: str, code: str) -> int:
    FacilitatorApp(addr, code).run()
    return 0
