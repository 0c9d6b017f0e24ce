"""A small Textual screen to step through a saved game phase by phase.

A header with the turn, date and phase; the numbers after that phase; the phase's changes
with their reasons. Keys: left/right step, home/end jump, q quits.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from .. import narrate
from ..engine.state import STATS
from .replay import Frame
from ..tui.widgets.footer import LocalFooter

PHASE = {"news": "News", "talks": "Talks", "orders": "Orders", "resolution": "Resolution",
         "assessment": "Assessment"}


def numbers_text(f: Frame) -> str:
    x = f.numbers
    lines = [f"Trust    {x.get('trust', 0):6.1f}",
             f"Tension  {x.get('tension', 0):6.1f}  ({narrate.ladder_name(x.get('level', 0))})",
             f"Welfare  {x.get('welfare', 0):6.1f}",
             "Risk     " + "  ".join(f"{k} {v:.0f}" for k, v in x.get("risk", {}).items()), ""]
    lines.append(f"{'':12}{'US':>8}{'China':>8}")
    for k in STATS + ("national",):
        lines.append(f"{k:12}{x.get('us', {}).get(k, 0):8.1f}{x.get('cn', {}).get(k, 0):8.1f}")
    open_ch = [f"{k} {v[1]:.0f}" for k, v in f.channels.items() if v[0]]
    lines += ["", "Channels open: " + (", ".join(open_ch) or "none")]
    active = [d for d in f.deals if d["status"] == "active"]
    lines.append(f"Deals in force: {len(active)}")
    return "\n".join(lines)


def phase_lines(engine, f: Frame) -> list[str]:
    pack = engine.pack
    rec = f.record
    out: list[str] = []
    if f.phase == "news" and rec.get("event"):
        ev = pack.events.get(rec["event"])
        out.append(f"News: {ev.name.en if ev else rec['event']}")
        for side, opt in rec.get("responses", {}).items():
            out.append(f"{narrate.side_name(side)} responds: {opt}")
    if f.phase == "talks":
        for o in rec.get("offers", []):
            name = pack.offers[o["offer"]].name.en if o["offer"] in pack.offers else o["offer"]
            out.append(f"{narrate.side_name(o['from'])} offers {name} ({o['duration']} turns, "
                       f"{o['verification'].replace('_', ' ')}): {o.get('status', 'open')}")
        for m in rec.get("messages", []):
            out.append(f"{narrate.side_name(m[1])}: “{m[2]}”")
        if not rec.get("offers"):
            out.append("No offers.")
    if f.phase == "orders":
        for side, cards in rec.get("orders", {}).items():
            names = ", ".join(pack.actions[a].name.en if a in pack.actions else a for a in cards)
            out.append(f"{narrate.side_name(side)} plays: {names or 'nothing'}")
    if f.phase == "resolution" and rec.get("posture"):
        p, q = rec["posture"], rec.get("public", {})
        out.append(f"Postures: US {p.get('us')} (seen {q.get('us')}), China {p.get('cn')} "
                   f"(seen {q.get('cn')})")
    if f.phase == "assessment":
        out.append("End of the turn: the numbers are the turn's snapshot.")
    changes = [c for c in rec.get("changes", []) if c[0] == f.phase]
    if changes:
        out.append("")
        out += [narrate.change_line(c, pack, "en", f.deals) for c in changes]
    return out


def frame_text(engine, f: Frame) -> str:
    return "\n".join([f"== Turn {f.turn} · {narrate.date_of(engine.scenario, f.turn)} · "
                      f"{PHASE.get(f.phase, f.phase)} =="] + phase_lines(engine, f))


class ReplayApp(App):
    TITLE = "New Yalta — replay"
    CSS = """
    #head { height: 1; background: $primary; color: $text; padding: 0 1; text-style: bold; }
    #body { height: 1fr; }
    #numbers { width: 42; padding: 1 2; border-right: solid $primary-lighten-2; }
    #changes { padding: 1 2; }
    """
    BINDINGS = [
        Binding("left", "step(-1)", "Back", show=True, id="replay.back"),
        Binding("right", "step(1)", "Forward", show=True, id="replay.forward"),
        Binding("home", "jump(0)", "First", show=True, id="replay.first"),
        Binding("end", "jump(-1)", "Last", show=True, id="replay.last"),
        Binding("q", "quit", "Quit", show=True, id="replay.quit"),
    ]

    def __init__(self, engine, frames: list[Frame], title: str = ""):
        super().__init__()
        self.engine = engine
        self.frames = frames
        self.index = 0
        if title:
            self.sub_title = title

    def compose(self) -> ComposeResult:
        yield Static(id="head")
        with Horizontal(id="body"):
            yield Static(id="numbers")
            with VerticalScroll():
                yield Static(id="changes")
        yield LocalFooter()

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        f = self.frames[self.index]
        date = narrate.date_of(self.engine.scenario, f.turn)
        # plain Text, so that brackets in content are never read as markup
        self.query_one("#head", Static).update(Text(
            f"Turn {f.turn} · {date} · {PHASE.get(f.phase, f.phase)}"
            f"   (step {self.index + 1} of {len(self.frames)})"))
        self.query_one("#numbers", Static).update(Text(numbers_text(f)))
        self.query_one("#changes", Static).update(
            Text("\n".join(phase_lines(self.engine, f)) or "—"))

    def action_step(self, d: int) -> None:
        self.index = max(0, min(len(self.frames) - 1, self.index + d))
        self.show()

    def action_jump(self, i: int) -> None:
        self.index = len(self.frames) - 1 if i < 0 else i
        self.show()
