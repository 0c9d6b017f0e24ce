"""The world at a glance: trust, escalation, welfare, risks, the powers, channels, deals,
swing states. Drawn as one Rich renderable from a state (or a side's view of it)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ...engine.state import LADDER, STATS
from ...i18n import t
from ...narrate import ladder_name
from .charts import gauge, pad, sparkline

LADDER_STYLE = ("green", "chartreuse3", "yellow", "dark_orange", "red", "bold red")
SPARK = 10


def _series(state, path: tuple, current: float) -> list[float]:
    out = []
    for h in state.history:
        node = h.snapshot
        try:
            for p in path:
                node = node[p]
            out.append(float(node))
        except (KeyError, TypeError):
            pass
    out.append(float(current))
    return out


def classic_renderable(state, pack, lang: str = "en"):
    """The classic prisoner's dilemma has no trust or ladder: show the payoffs, the scores
    and the moves so far."""
    sc = next(iter(pack.scenarios.values()))
    pay = sc.rules.payoffs
    parts = [Text(t("world.classic_title", lang), style="bold underline")]
    grid = Table(box=None, padding=(0, 1), show_header=True, header_style="bold")
    grid.add_column("")
    grid.add_column(t("world.classic_they_c", lang), justify="center")
    grid.add_column(t("world.classic_they_d", lang), justify="center")
    grid.add_row(t("world.classic_you_c", lang), f"{pay['R']:g}, {pay['R']:g}", f"{pay['S']:g}, {pay['T']:g}")
    grid.add_row(t("world.classic_you_d", lang), f"{pay['T']:g}, {pay['S']:g}", f"{pay['P']:g}, {pay['P']:g}")
    parts.append(grid)
    score = Text()
    for side, style in (("us", "blue"), ("cn", "red")):
        score.append(f"{t(f'side_title.{side}', lang)} {state.sides[side].national:g}   ",
                     style=f"bold {style}")
    parts.append(score)
    for side, style in (("us", "blue"), ("cn", "red")):
        moves = "".join(h.posture.get(side, "?") for h in state.history[-30:])
        line = Text(pad(t(f"side_short.{side}", lang), 4), style=f"bold {style}")
        for m in moves:
            line.append(m, style="green" if m == "C" else "red")
        parts.append(line)
    return Group(*parts)


def _names(table: dict, ids, lang: str) -> dict:
    """id -> name in ``lang`` for content entries (the id itself when the pack lacks one)."""
    return {i: table[i].name.get(lang) if i in table else i for i in ids}


def _name_width(names, most: int) -> int:
    """A name column as wide as its longest name, so that names show whole, up to ``most``
    cells."""
    return min(most, max((cell_len(n) for n in names), default=0))


def world_renderable(state, pack, lang: str = "en", wide: bool = True):
    if pack.scenarios and next(iter(pack.scenarios.values())).rules.mode == "classic":
        return classic_renderable(state, pack, lang)
    bar = 16 if wide else 12
    parts = []
    head = lambda key: Text(t(key, lang), style="bold underline")

    # trust
    trust = Text()
    trust.append(pad(t("world.trust", lang), 11), style="bold")
    style = "green" if state.trust >= 55 else "yellow" if state.trust >= 25 else "red"
    trust.append_text(gauge(state.trust, 0, 100, bar, style))
    trust.append(f" {state.trust:5.1f} ")
    trust.append(sparkline(_series(state, ("trust",), state.trust), 0, 100, SPARK), style=style)
    parts.append(trust)

    # escalation ladder
    lvl = state.level
    lad = Text()
    lad.append(pad(t("world.ladder", lang), 11), style="bold")
    for i in range(len(LADDER)):
        lad.append("■" if i <= lvl else "□", style=LADDER_STYLE[i] if i <= lvl else "grey35")
    lad.append(f" {ladder_name(lvl, lang)} ", style=LADDER_STYLE[lvl])
    lad.append(f"{state.tension:.0f} ")
    lad.append(sparkline(_series(state, ("tension",), state.tension), 0, 100, SPARK),
               style=LADDER_STYLE[lvl])
    parts.append(lad)

    # welfare
    wel = Text()
    wel.append(pad(t("world.welfare", lang), 11), style="bold")
    wel.append(f"{state.welfare:7.1f} ", style="cyan")
    wel.append(sparkline(_series(state, ("welfare",), state.welfare), width=SPARK), style="cyan")
    parts.append(wel)

    # risks
    parts.append(head("world.risks"))
    for k, v in state.risk.items():
        r = Text()
        r.append("  " + pad(t("risk." + k, lang), 10) + " ")
        style = "red" if v >= 60 else "yellow" if v >= 35 else "green"
        r.append_text(gauge(v, 0, 100, bar - 4, style))
        r.append(f" {v:4.0f}")
        parts.append(r)

    # the powers
    tab = Table(box=None, padding=(0, 1), show_edge=False, expand=False, title_justify="left")
    tab.add_column(t("world.sides", lang), style="bold", no_wrap=True)
    tab.add_column(t("side_short.us", lang), justify="right", style="blue")
    tab.add_column(t("side_short.cn", lang), justify="right", style="red")
    if wide:
        tab.add_column("", no_wrap=True)
        tab.add_column("", no_wrap=True)
    for stat in STATS + ("national",):
        row = [t(f"stat_short.{stat}", lang) if stat != "national" else t("world.national", lang)]
        for s in ("us", "cn"):
            row.append(f"{getattr(state.sides[s], stat):.0f}" if stat != "national"
                       else f"{state.sides[s].national:.1f}")
        if wide:
            for s, style in (("us", "blue"), ("cn", "red")):
                row.append(Text(sparkline(_series(state, (s, stat), getattr(state.sides[s], stat)),
                                          width=8), style=style))
        tab.add_row(*row)
    parts.append(tab)

    # channels
    if state.channels:
        parts.append(head("world.channels"))
        names = _names(pack.channels, state.channels, lang)
        width = _name_width(names.values(), 24)
        for cid, ch in state.channels.items():
            c = Text()
            c.append("  " + pad(names[cid], width) + " ")
            if ch.open:
                c.append_text(gauge(ch.strength, 0, 100, 8, "cyan"))
                c.append(f" {ch.strength:3.0f}")
            else:
                c.append(t("world.closed", lang), style="grey50")
            parts.append(c)

    # deals
    active = [d for d in state.deals if d.status == "active"]
    if pack.offers:
        parts.append(head("world.deals"))
        if not active:
            parts.append(Text("  " + t("world.no_deals", lang), style="grey50"))
        for d in active:
            name = pack.offers[d.offer].name.get(lang) if d.offer in pack.offers else d.offer
            parts.append(Text("  " + t("world.deal_line", lang, name=name,
                                        v=t("verification." + d.verification, lang), ends=d.ends),
                              style="green"))
        done = [d for d in state.deals if d.status != "active"]
        for d in done[-3:]:
            name = pack.offers[d.offer].name.get(lang) if d.offer in pack.offers else d.offer
            style = "green" if d.status == "kept" else "red"
            parts.append(Text(f"  {name} · {t('report.status.' + d.status, lang)}", style=style))

    # swing states
    if state.swing:
        parts.append(head("world.swing"))
        names = _names(pack.swing_states, state.swing, lang)
        width = _name_width(names.values(), 20)
        for sid, lean in state.swing.items():
            s = Text()
            s.append("  " + pad(names[sid], width) + " ")
            half = 6
            pos = int(round(lean / 100 * half))
            left = "".join("█" if -i >= pos and pos < 0 else "·" for i in range(half, 0, -1))
            right = "".join("█" if i <= pos and pos > 0 else "·" for i in range(1, half + 1))
            s.append(left, style="red")
            s.append("│")
            s.append(right, style="blue")
            s.append(f" {lean:+.0f}")
            parts.append(s)
    return Group(*parts)


class WorldPanel(Static):
    """Shows ``world_renderable`` for the state it was last given."""

    DEFAULT_CSS = """
    WorldPanel { padding: 0 1; }
    """

    def show(self, state, pack, lang: str, wide: bool = True) -> None:
        self.update(world_renderable(state, pack, lang, wide))
