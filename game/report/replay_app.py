"""A small Textual screen to step through a saved game phase by phase.

A header with the turn, date and phase; the numbers after that phase; the phase's changes
with their reasons. Keys: left/right step, home/end jump, q quits.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from .. import narrate
from ..engine.state import STATS
from ..i18n import norm_lang, t
from ..tui.widgets.footer import LocalFooter
from .model import tr
from .render_md import status, verification
from .replay import Frame


def pad(text: str, width: int, right: bool = False) -> str:
    """``text`` padded to ``width`` terminal columns (a CJK character takes two)."""
    gap = " " * max(0, width - cell_len(text))
    return gap + text if right else text + gap


def stat_label(key: str, lang: str) -> str:
    """A stat's short name as the world panel shows it (``frontier AI``, ``score``)."""
    return t("world.national", lang) if key == "national" else t(f"stat_short.{key}", lang)


def numbers_text(f: Frame, lang: str = "en", pack=None) -> str:
    """The numbers after a phase, in a column about 38 cells wide: one line a number, so
    that nothing wraps in the middle of a name."""
    x = f.numbers
    labels = [tr(lang, "replay_trust"), tr(lang, "replay_tension"), tr(lang, "replay_welfare"),
              t("world.ladder", lang)]
    risks = {k: t(f"risk.{k}", lang) for k in x.get("risk", {})}
    w = max(cell_len(s) for s in labels + [f"  {r}" for r in risks.values()]) + 2
    lines = [f"{pad(labels[0], w)}{x.get('trust', 0):6.1f}",
             f"{pad(labels[1], w)}{x.get('tension', 0):6.1f}",
             f"{pad(labels[3], w)}{narrate.ladder_name(x.get('level', 0), lang)}",
             f"{pad(labels[2], w)}{x.get('welfare', 0):6.1f}",
             tr(lang, "replay_risk")]
    lines += [f"{pad('  ' + risks[k], w)}{v:6.0f}" for k, v in x.get("risk", {}).items()]
    keys = STATS + ("national",)
    lw = max([12] + [cell_len(stat_label(k, lang)) + 2 for k in keys])
    lines.append("")
    lines.append(pad("", lw) + pad(tr(lang, "who.us"), 8, True) + pad(tr(lang, "who.cn"), 8, True))
    for k in keys:
        lines.append(f"{pad(stat_label(k, lang), lw)}{x.get('us', {}).get(k, 0):8.1f}"
                     f"{x.get('cn', {}).get(k, 0):8.1f}")
    open_ch = [(_name(pack.channels, k, lang) if pack is not None else k, v[1])
               for k, v in f.channels.items() if v[0]]
    lines.append("")
    if open_ch:
        lines.append(tr(lang, "replay_channels_head"))
        cw = max(cell_len(n) for n, _ in open_ch) + 4
        lines += [f"{pad('  ' + n, cw)}{v:3.0f}" for n, v in open_ch]
    else:
        lines.append(tr(lang, "replay_channels", list=tr(lang, "none")))
    active = [d for d in f.deals if d["status"] == "active"]
    lines.append(tr(lang, "replay_deals", n=len(active)))
    return "\n".join(lines)


def _name(table, key, lang):
    e = table.get(key) if table else None
    return e.name.get(lang) if e is not None else str(key)


def phase_lines(engine, f: Frame, lang: str = "en") -> list[str]:
    pack = engine.pack
    rec = f.record
    out: list[str] = []
    if f.phase == "news" and rec.get("event"):
        ev = pack.events.get(rec["event"])
        out.append(tr(lang, "replay_news", name=ev.name.get(lang) if ev else rec["event"]))
        for side, opt in rec.get("responses", {}).items():
            if ev is not None and ev.responses:
                opt = next((o.name.get(lang) for o in ev.responses.options if o.id == opt), opt)
            out.append(tr(lang, "replay_responds", side=narrate.side_name(side, lang), option=opt))
    if f.phase == "talks":
        for o in rec.get("offers", []):
            out.append(tr(lang, "replay_offers", side=narrate.side_name(o["from"], lang),
                          name=_name(pack.offers, o["offer"], lang), n=o["duration"],
                          v=verification(o["verification"], lang),
                          status=status(o.get("status", "open"), lang)))
        for m in rec.get("messages", []):
            out.append(tr(lang, "said", side=narrate.side_name(m[1], lang), text=m[2]))
        if not rec.get("offers"):
            out.append(tr(lang, "replay_no_offers"))
    if f.phase == "orders":
        for side, cards in rec.get("orders", {}).items():
            names = tr(lang, "list_sep").join(_name(pack.actions, a, lang) for a in cards)
            out.append(tr(lang, "replay_plays", side=narrate.side_name(side, lang),
                          cards=names or tr(lang, "nothing")))
    if f.phase == "resolution" and rec.get("posture"):
        p, q = rec["posture"], rec.get("public", {})
        out.append(tr(lang, "replay_postures", us=tr(lang, "who.us"), cn=tr(lang, "who.cn"),
                      us_did=p.get("us"), us_seen=q.get("us"), cn_did=p.get("cn"),
                      cn_seen=q.get("cn")))
    if f.phase == "assessment":
        out.append(tr(lang, "replay_assessment"))
    changes = [c for c in rec.get("changes", []) if c[0] == f.phase]
    if changes:
        out.append("")
        out += [narrate.change_line(c, pack, lang, f.deals) for c in changes]
    return out


def frame_text(engine, f: Frame, lang: str = "en") -> str:
    head = tr(lang, "replay_head", turn=f.turn, date=narrate.date_of(engine.scenario, f.turn, lang),
              phase=narrate.phase_name(f.phase, lang))
    return "\n".join([f"== {head} =="] + phase_lines(engine, f, lang))


class ReplayApp(App):
    TITLE = "New Yalta — replay"
    CSS = """
    #head { height: 1; background: $primary; color: $text; padding: 0 1; text-style: bold; }
    #body { height: 1fr; }
    #numbers { width: 42; padding: 1 2; border-right: solid $primary-lighten-2; }
    #changes { padding: 1 2; }
    """
    BINDINGS = [
        # priority: the scrolling list of changes has bindings of its own for these keys,
        # which would hide them from the footer
        Binding("left", "step(-1)", "Back", show=True, id="replay.back", priority=True),
        Binding("right", "step(1)", "Forward", show=True, id="replay.forward", priority=True),
        Binding("home", "jump(0)", "First", show=True, id="replay.first", priority=True),
        Binding("end", "jump(-1)", "Last", show=True, id="replay.last", priority=True),
        Binding("q", "quit", "Quit", show=True, id="replay.quit"),
    ]

    def __init__(self, engine, frames: list[Frame], title: str = "", lang: str = "en"):
        super().__init__()
        self.lang = norm_lang(lang)
        self.title = tr(self.lang, "replay_title")
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
        lang = self.lang
        head = tr(lang, "replay_head", turn=f.turn,
                  date=narrate.date_of(self.engine.scenario, f.turn, lang),
                  phase=narrate.phase_name(f.phase, lang))
        # plain Text, so that brackets in content are never read as markup
        self.query_one("#head", Static).update(Text(
            head + "   " + tr(lang, "replay_step", i=self.index + 1, n=len(self.frames))))
        self.query_one("#numbers", Static).update(Text(numbers_text(f, lang, self.engine.pack)))
        self.query_one("#changes", Static).update(
            Text("\n".join(phase_lines(self.engine, f, lang)) or "—"))

    def action_step(self, d: int) -> None:
        self.index = max(0, min(len(self.frames) - 1, self.index + d))
        self.show()

    def action_jump(self, i: int) -> None:
        self.index = len(self.frames) - 1 if i < 0 else i
        self.show()
