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
from textual.widgets import DataTable, Input, OptionList, RichLog, Static
from textual.widgets.option_list import Option

from ..engine.api import engine_for
from ..i18n import default_lang, norm_lang
from ..i18n import t as tr
from ..narrate import phase_name, scenario_name, seat_label
from ..tui.widgets.footer import LocalFooter
from .protocol import error_text
from .link import Link

COLUMNS = ("table", "turn", "phase", "waiting", "us", "cn", "clock", "trust", "tension",
           "welfare", "ending")  # keys of the columns; their headings are console.col_* texts


def event_choices(pack: str = "default", scenario: Optional[str] = None,
                  lang: str = "en") -> list[tuple]:
    """(event id, name in ``lang``, era) of every event in the pack, by era."""
    eng = engine_for(pack, scenario)
    order = {"early": 0, "middle": 1, "late": 2}
    evs = sorted(eng.pack.events.values(), key=lambda e: (order.get(e.era, 9), e.id))
    return [(e.id, e.name.get(lang), e.era) for e in evs]


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

    def __init__(self, addr: str, code: str, export_dir: Optional[str] = None,
                 lang: Optional[str] = None):
        super().__init__()
        self.lang = norm_lang(lang or default_lang())
        self.title = tr("console.title", self.lang)
        self.addr, self.code = addr, code
        self.export_dir = export_dir
        self.tables: list = []
        self.pack = "default"
        self.scenario: Optional[str] = None
        self.link = Link(addr, code, self.on_net, self.on_status)
        self.n = 0

    def compose(self) -> ComposeResult:
        yield Static(tr("net.connecting", self.lang, addr=self.addr), id="head")
        yield DataTable(id="tables", cursor_type="row", zebra_stripes=True)
        yield RichLog(id="log", wrap=True, markup=False, max_lines=500, min_width=20)
        yield LocalFooter()

    def on_mount(self) -> None:
        dt = self.query_one(DataTable)
        for c in COLUMNS:
            dt.add_column(tr(f"console.col_{c}", self.lang), key=c)
        self.run_worker(self.link.run(), exclusive=True, group="net")
        self.set_interval(1.0, self.poll)

    # -- the connection ------------------------------------------------------------------
    def on_status(self, kind: str, text: str) -> None:
        head = self.query_one("#head", Static)
        if kind == "refused":
            head.update(Text(tr("net.refused", self.lang, text=text), style="bold red"))
        elif kind == "lost":
            head.update(Text(tr("console.lost", self.lang, addr=self.addr), style="yellow"))

    async def request(self, msg: dict) -> None:
        self.n += 1
        msg = dict(msg, id=f"f{self.n}")
        if not await self.link.send(msg):
            self.log_line(tr("console.not_connected", self.lang), "red")

    async def poll(self) -> None:
        if self.link.connected:
            await self.link.send({"type": "tables", "id": "poll"})

    def on_net(self, msg: dict) -> None:
        kind = msg.get("type")
        if kind == "welcome":
            if msg.get("role") != "admin":
                self.query_one("#head", Static).update(
                    Text(tr("console.not_admin", self.lang), style="bold red"))
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
            self.log_line(self.ok_text(msg), "green")
        elif kind == "error":
            text = error_text(str(msg.get("code")), str(msg.get("message")), self.lang)
            self.log_line(tr("console.refused", self.lang, text=text), "red")

    def log_line(self, text: str, style: str = "") -> None:
        self.query_one("#log", RichLog).write(Text(time.strftime("%H:%M:%S ") + text, style=style))

    def ok_text(self, msg: dict) -> str:
        """What the server did, in a sentence of the facilitator's language (the raw reply
        for an operation this console does not know)."""
        lang, op = self.lang, msg.get("op")
        tables = tr("cli.list_sep", lang)
        try:
            if op in ("pause", "resume", "timer"):
                return tr(f"console.ok_{op}", lang, tables=tables.join(map(str, msg["tables"])))
            if op == "reveal" and not msg.get("revealed"):
                return tr("console.ok_hide", lang, table=msg["table"])
            if op == "reveal":
                objs = self._objective_names(msg.get("objectives") or {})
                return tr("console.ok_reveal", lang, table=msg["table"], objectives=objs)
            if op == "step":
                return tr("console.ok_step", lang, table=msg["table"])
            if op == "inject":
                return tr("console.ok_inject_" + ("now" if msg.get("when") == "now" else "next"),
                          lang, table=msg["table"])
            if op == "end":
                return tr("console.ok_end_" + ("now" if msg["phase"] == "over" else "later"), lang,
                          table=msg["table"])
        except (KeyError, TypeError):
            pass
        shown = {k: v for k, v in msg.items() if k not in ("type", "id")}
        return tr("console.ok", lang, what=shown)

    def _objective_names(self, objectives: dict) -> str:
        lang = self.lang
        try:
            table = engine_for(self.pack, self.scenario).pack.objectives
        except Exception:  # a pack this machine does not have: the ids will do
            table = {}
        parts = []
        for side in ("us", "cn"):
            oid = objectives.get(side)
            name = table[oid].name.get(lang) if oid in table else str(oid or "—")
            parts.append(f"{tr(f'side_short.{side}', lang)} {name}")
        return " · ".join(parts)

    def show_tables(self, tables: list) -> None:
        self.tables = tables
        head = self.query_one("#head", Static)
        playing = sum(1 for t in tables if t["phase"] != "over")
        paused = sum(1 for t in tables if t["paused"])
        head.update(Text(tr("console.summary", self.lang, addr=self.addr,
                           pack=scenario_name(self.pack, self.scenario, self.lang), n=len(tables),
                           playing=playing, paused=paused), style="bold"))
        dt = self.query_one(DataTable)
        keep = dt.cursor_row
        dt.clear()
        for t in tables:
            def seat(s):
                on = t["connected"].get(s)
                who = t["seats"].get(s, "human")
                who = seat_label(who, self.lang, tr("console.human", self.lang))
                return Text(("● " if on else "○ ") + who,
                            style="green" if on else "grey50")
            clock = ""
            if t.get("timer"):
                left = t.get("seconds_left")
                clock = f"{int(t['timer'])}s" + (
                    " (" + tr("console.left", self.lang, s=f"{int(left)}s") + ")" if left is not None else "")
            phase = phase_name(t["phase"], self.lang) + (f" {t['round']}" if t["phase"] == "talks" else "")
            if t["paused"]:
                phase = "⏸ " + phase
            dt.add_row(t["id"], f"{t['turn']}/{t['turns']}", phase,
                       "、".join(tr(f"console.wait_{k}", self.lang, side=tr(f"side_short.{s}", self.lang))
                                for s, k in t["awaiting"].items()) if self.lang != "en" else
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
                self.log_line(tr("console.not_seconds", self.lang, text=repr(text)), "red")
                return
            await self.request({"type": "timer", "table": table, "seconds": secs})
        self.push_screen(AskText(tr("console.ask_seconds", self.lang), "180"), answer)

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
            events = event_choices(self.pack, self.scenario, self.lang)
        except Exception as e:  # a pack this machine does not have
            self.log_line(tr("console.no_events", self.lang, error=str(e)), "red")
            return

        async def chosen(eid: Optional[str]) -> None:
            if eid:
                await self.request({"type": "inject", "table": t["id"], "event": eid})
        self.push_screen(Choose(tr("console.news_for", self.lang, table=t["id"]),
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
        self.push_screen(Choose(tr("console.end_at", self.lang, table=t["id"]),
                                [("now", tr("console.end_now", self.lang)),
                                 ("after_turn", tr("console.end_after", self.lang))]), chosen)

    async def action_export(self) -> None:
        await self.request({"type": "export"})
        self.log_line(tr("console.export_requested", self.lang))

    def write_export(self, tables: list) -> None:
        from ..commands.net import export_tables

        out = Path(self.export_dir or f"yalta-export-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            written = export_tables(tables, out)
        except OSError as e:
            self.log_line(tr("console.cannot_write", self.lang, path=str(out), error=str(e)), "red")
            return
        self.log_line(tr("console.exported", self.lang, n=len(tables), path=str(out),
                        files=len(written)), "green")

    def on_unmount(self) -> None:
        self.link.stop()


def run_console(addr: str, code: str, lang: Optional[str] = None) -> int:
    FacilitatorApp(addr, code, lang=lang).run()
    return 0
