"""The game screen: the world at a glance, the phase panel of whoever is at the keys, and
the chronicle. It drives the session: asks humans for input (with a hand-over screen in
hotseat), lets bots think in a worker, advances phases, shows each turn's summary."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import ContentSwitcher, RichLog, Static

from ...engine import IllegalMove, SIDES
from ...bots.speech import SEP, reason_text
from ...i18n import t
from ...narrate import change_line, date_of, merge_changes, phase_name
from ..widgets.world import WorldPanel
from .handover import HandoverScreen
from .panels import Decided, NewsPanel, OrdersPanel, SummaryPanel, TalksPanel, WaitPanel
from ..widgets.footer import LocalFooter

NARROW = 100


class GameScreen(Screen):
    BINDINGS = [Binding("f2", "app.save_as", "Save", show=True),
                Binding("w", "toggle_world", "World", show=True)]

    def __init__(self, speed: float | None = None):
        super().__init__()
        self.speed = speed  # watch mode: seconds per phase
        self.at_keys: str | None = None  # the side that last gave private input (hotseat)
        self.showing: tuple | None = None  # (side, kind, turn, phase, round) of the open panel
        self.thinking = False
        self.summary_for: int | None = None
        self.pending_timer = None
        self.handing_over = False

    @property
    def session(self):
        return self.app.session

    @property
    def lang(self) -> str:
        return self.app.lang

    # -- layout --------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="status")
        with Horizontal(id="body"):
            with VerticalScroll(id="world-scroll"):
                yield WorldPanel(id="world")
            with Vertical(id="main"):
                with ContentSwitcher(initial="wait", id="panels"):
                    yield NewsPanel(id="news")
                    yield TalksPanel(id="talks")
                    yield OrdersPanel(id="orders")
                    yield SummaryPanel(id="summary")
                    yield WaitPanel(id="wait")
                yield RichLog(id="chronicle", wrap=True, markup=False, max_lines=2000, min_width=20)
        yield LocalFooter()

    def on_mount(self) -> None:
        self.set_class(self.app.size.width < NARROW, "narrow")
        self._rebuild_chronicle()
        self.refresh_world()
        self.call_after_refresh(self.step)

    def on_resize(self, event) -> None:
        self.set_class(event.size.width < NARROW, "narrow")
        self.refresh_world()

    def action_toggle_world(self) -> None:
        self.toggle_class("show-world")
        if not self.has_class("narrow"):
            return
        # on a narrow screen the world takes the whole body: it gets the keys (arrows and page
        # keys scroll it) and gives them back to the panel the player was in
        if self.has_class("show-world"):
            self._focus_before_world = self.focused
            self.query_one("#world-scroll").focus()
        else:
            back = getattr(self, "_focus_before_world", None)
            self._focus_before_world = None
            if back is not None and back.is_attached:
                back.focus()

    def viewer(self) -> str | None:
        s = self.session
        if len(s.humans) == 1:
            return s.humans[0]
        return None  # hotseat and watch: what both may see (every world number is public)

    def refresh_world(self) -> None:
        s = self.session
        st = s.state
        view = s.view(self.viewer()) if self.viewer() else st
        wide = self.app.size.width >= NARROW or self.has_class("show-world")
        self.query_one("#world", WorldPanel).show(view, s.pack, self.lang, wide=wide)
        lang = self.lang
        parts = [t("game.status", lang, date=date_of(s.engine.scenario, st.turn, lang), turn=st.turn,
                   turns=st.turns, phase=phase_name(st.phase, lang))]
        if st.phase == "talks":
            parts[0] += " " + t("game.round", lang, n=st.talk_round, m=s.engine.rules.r.talk_rounds)
        if s.mode == "watch":
            parts.append(t("game.watching", lang, us=s.bot_name("us", lang), cn=s.bot_name("cn", lang)))
        elif self.at_keys and self.showing:
            parts.append(t("game.at_keys", lang, side=t(f"side_title.{self.at_keys}", lang)) + " · "
                         + t("game.capital", lang, n=f"{st.sides[self.at_keys].capital:g}"))
        line = Text(" · ".join(parts), style="bold")
        ev = s.pack.events.get(st.current.event) if st.current.event else None
        if ev is not None and st.phase != "over":
            line.append("\n" + t("game.chron_event", lang, name=ev.name.get(lang)), style="italic")
        self.query_one("#status", Static).update(line)

    # -- the chronicle -------------------------------------------------------------------
    def _log(self, text, style: str = "") -> None:
        self.query_one("#chronicle", RichLog).write(Text(text, style=style) if isinstance(text, str) else text)

    def _rebuild_chronicle(self) -> None:
        s = self.session
        for rec in s.state.history:
            self._chronicle_turn_start(rec)
            self._chronicle_news(rec)
            self._chronicle_talks(rec, None)
            self._chronicle_orders(rec)
        if s.state.phase != "over":
            rec = s.state.current
            self._chronicle_turn_start(rec)
            if s.state.phase != "news":
                self._chronicle_news(rec)
            self._chronicle_talks(rec, None)

    def _chronicle_turn_start(self, rec) -> None:
        s, lang = self.session, self.lang
        self._log(t("game.chron_turn", lang, date=date_of(s.engine.scenario, rec.turn, lang),
                    turn=rec.turn), "bold")
        ev = s.pack.events.get(rec.event) if rec.event else None
        if ev:
            self._log(t("game.chron_event", lang, name=ev.name.get(lang)), "bold yellow")

    def _chronicle_news(self, rec) -> None:
        s, lang = self.session, self.lang
        ev = s.pack.events.get(rec.event) if rec.event else None
        for side, opt in rec.responses.items():
            name = next((o.name.get(lang) for o in ev.responses.options if o.id == opt), opt) if ev else opt
            self._log(t("game.chron_response", lang, side=t(f"side_title.{side}", lang), option=name))

    def _chronicle_talks(self, rec, rnd: int | None) -> None:
        """Messages and offers of one round of talks just settled (``rnd``), with the answers
        to the previous round's offers; or, with ``rnd`` None, the whole turn's talks."""
        s, lang = self.session, self.lang
        rounds = sorted({o["round"] for o in rec.offers} | {m[0] for m in rec.messages})
        for r in rounds if rnd is None else [rnd]:
            for m in rec.messages:
                if m[0] == r:
                    self._log(t("game.chron_message", lang, side=t(f"side_title.{m[1]}", lang), text=m[2]),
                              "blue" if m[1] == "us" else "red")
            answered = [o for o in rec.offers if rnd is not None and o["round"] == r - 1]
            for o in answered + [o for o in rec.offers if o["round"] == r]:
                off = s.pack.offers.get(o["offer"])
                self._log(t("game.chron_offer", lang, side=t(f"side_title.{o['from']}", lang),
                            name=off.name.get(lang) if off else o["offer"], n=o["duration"],
                            v=t("verification." + o["verification"], lang))
                          + t("game.chron_offer_status", lang,
                              status=t("game.status_" + o.get("status", "open"), lang)),
                          "green" if o.get("status") == "accepted" else "")
            for rr in s.reasons_for(rec.turn, "talks"):
                if rr[2] == r:
                    # no space in Chinese, so the reason starts on the speaker's line (the
                    # log wraps at spaces and folds a long run of Chinese only on a new line)
                    sep = " · " if lang == "en" else "·"
                    self._log("  " + t(f"side_short.{rr[3]}", lang) + sep + t("game.why", lang, why=reason_text(rr, s.pack, lang)),
                              "dim")

    def _chronicle_orders(self, rec) -> None:
        s, lang = self.session, self.lang
        for side in SIDES:
            cards = [s.pack.actions[a].name.get(lang) for a in rec.orders.get(side, [])]
            self._log(t("game.chron_orders", lang, side=t(f"side_title.{side}", lang),
                        cards=SEP.get(lang, ", ").join(cards) or t("game.nothing", lang)),
                      "blue" if side == "us" else "red")
        if rec.public:
            self._log(t("game.posture", lang, us=t("game.posture_" + rec.public.get("us", "C"), lang),
                        cn=t("game.posture_" + rec.public.get("cn", "C"), lang)), "italic")

    # -- driving the game ----------------------------------------------------------------
    def step(self) -> None:
        """Look at the session and do the next thing: ask someone, think, or advance."""
        if not self.is_current and not self.handing_over:
            return
        s = self.session
        self.refresh_world()
        if s.over:
            self.app.show_end()
            return
        awaiting = s.awaiting()
        if not awaiting:
            if s.state.phase == "assessment":
                self.show_summary()
            else:
                self._advance_later()
            return
        bots = s.bot_awaiting()
        if bots and not self.thinking:
            self.thinking = True
            self.think(s.state, dict(bots))
        humans = s.human_awaiting()
        if not humans:
            self.showing = None
            names = ", ".join(f"{t(f'side_title.{b}', self.lang)}" for b in bots)
            bot = ", ".join(s.bot_name(b, self.lang) for b in bots)
            self.query_one("#panels", ContentSwitcher).current = "wait"
            self.query_one("#wait", WaitPanel).show(t("game.thinking", self.lang, side=names, bot=bot))
            return
        st = s.state
        order = sorted(humans, key=lambda x: x != self.at_keys)  # whoever is looking goes first
        side = order[0]
        kind = humans[side]
        key = (side, kind, st.turn, st.phase, st.talk_round)
        if self.showing == key:
            return
        if s.mode == "hotseat" and side != self.at_keys:
            self.showing = None
            self.query_one("#panels", ContentSwitcher).current = "wait"
            self.query_one("#wait", WaitPanel).show("")
            if not self.handing_over:
                self.handing_over = True
                self.app.push_screen(HandoverScreen(side), lambda _=None: self._handed(side))
            return
        self.at_keys = side
        self.open_panel(side, kind, key)

    def _handed(self, side: str) -> None:
        self.handing_over = False
        self.at_keys = side
        self.call_after_refresh(self.step)

    def open_panel(self, side: str, kind: str, key: tuple) -> None:
        s = self.session
        self.showing = key
        panel_id = {"response": "news", "talk": "talks", "orders": "orders"}[kind]
        self.query_one("#panels", ContentSwitcher).current = panel_id
        self.query_one(f"#{panel_id}").load(s, side)
        self.refresh_world()

    @on(Decided)
    def _decided(self, event: Decided) -> None:
        event.stop()
        s = self.session
        try:
            s.submit(event.side, event.decision)
        except IllegalMove as e:
            self.app.notify(e.text(self.lang), severity="error")
            return
        if s.last_autosave:
            self.app.notify(t("saves.failed", self.lang, error=s.last_autosave), severity="warning")
        self.showing = None
        self.step()

    @work(thread=True, exclusive=True, group="bot")
    def think(self, state, bots: dict) -> None:
        """Bots decide in a worker thread, each from its own view of ``state``."""
        s = self.session
        out = []
        for side, kind in bots.items():
            view = s.engine.view(state, side)
            out.append((side, s.bots[side].act(view, kind)))
        stamp = (state.turn, state.phase, state.talk_round)
        self.app.call_from_thread(self._bots_done, stamp, out)

    def _bots_done(self, stamp: tuple, out: list) -> None:
        self.thinking = False
        s = self.session
        st = s.state
        if (st.turn, st.phase, st.talk_round) == stamp:
            for side, choice in out:
                if side in s.bot_awaiting():
                    try:
                        s.apply_bot(side, choice)
                    except IllegalMove as e:  # a bot bug must not stop the game
                        self.app.notify(f"{side}: {e}", severity="error")
                        s.apply_bot(side, _fallback(s, side))
        self.step()

    def _advance_later(self) -> None:
        delay = self.speed if self.session.mode == "watch" and self.speed else 0
        if self.pending_timer is not None:
            return
        if delay:
            self.pending_timer = self.set_timer(delay, self._advance)
        else:
            self.pending_timer = self.set_timer(0.001, self._advance)

    def _advance(self) -> None:
        self.pending_timer = None
        s = self.session
        if not s.can_advance():
            self.step()
            return
        before = s.state
        s.advance()
        self._narrate_advance(before, s.state)
        self.step()

    def _narrate_advance(self, before, after) -> None:
        if before.phase == "news":
            self._chronicle_news(after.current)
        elif before.phase == "talks":
            self._chronicle_talks(after.current, before.talk_round)
        elif before.phase == "resolution":
            self._chronicle_orders(after.current)
        elif before.phase == "assessment" and after.phase != "over":
            self._chronicle_turn_start(after.current)

    def show_summary(self) -> None:
        s = self.session
        st = s.state
        if self.summary_for == st.turn and self.query_one("#panels", ContentSwitcher).current == "summary":
            return
        self.summary_for = st.turn
        self.showing = None
        self.at_keys = None  # a public screen: everyone may be looking
        self.query_one("#panels", ContentSwitcher).current = "summary"
        self.query_one("#summary", SummaryPanel).show(summary_renderable(s, self.lang))
        self.refresh_world()
        if s.mode == "watch":
            self.pending_timer = self.set_timer(max(self.speed or 0, 0.001) * 2 if self.speed else 0.001,
                                                self._continue)

    @on(SummaryPanel.Continue)
    def _continue(self, event=None) -> None:
        if self.session.state.phase == "assessment":
            self.pending_timer = None
            self._advance()


def _fallback(session, side: str):
    from ...bots import Choice
    kind = session.awaiting()[side]
    st = session.view(side)
    if kind == "response":
        return Choice({"kind": "response", "option": session.engine.response_options(st, side)[0]}, "fallback")
    if kind == "talk":
        return Choice({"kind": "talk", "responses": {}, "propose": None, "message": None}, "fallback")
    legal = session.engine.legal_actions(st, side)
    acts = legal[:1] if session.engine.rules.classic else []
    return Choice({"kind": "orders", "actions": acts}, "fallback")


def summary_renderable(session, lang: str):
    """The turn just resolved: both sides' orders (with the bots' reasons), the posture the
    world saw, and every change with its reason."""
    from rich.console import Group

    st = session.state
    rec = st.current
    pack = session.pack
    parts = [Text(t("game.summary", lang, turn=rec.turn), style="bold underline")]
    for side in SIDES:
        cards = [pack.actions[a].name.get(lang) for a in rec.orders.get(side, [])]
        line = Text(t("game.orders_of", lang, side=t(f"side_title.{side}", lang),
                      cards=SEP.get(lang, ", ").join(cards) or t("game.nothing", lang)),
                    style="bold blue" if side == "us" else "bold red")
        parts.append(line)
        for r in session.reasons_for(rec.turn, "orders"):
            if r[3] == side:
                parts.append(Text("  " + t("game.why", lang, why=reason_text(r, session.pack, lang)),
                                  style="italic dim"))
    if rec.public:
        parts.append(Text(t("game.posture", lang, us=t("game.posture_" + rec.public.get("us", "C"), lang),
                            cn=t("game.posture_" + rec.public.get("cn", "C"), lang)), style="italic"))
    parts.append(Text(""))
    for ch in merge_changes(rec.changes):
        target, delta = ch[1], ch[2]
        good = delta > 0
        if target in ("tension",) or target.endswith(".pressure") or target.startswith("risk."):
            good = not good
        style = "green" if good else "red"
        if target.startswith("swing.") or target.startswith("cn.") or target.startswith("us."):
            style = "blue" if target.startswith("us.") else "red" if target.startswith("cn.") else "magenta"
        parts.append(Text("• " + change_line(ch, pack, lang, st.deals), style=style))
    return Group(*parts)
