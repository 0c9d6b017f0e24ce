"""The phase panels of the game screen: news, talks, orders, turn summary, waiting.

Each panel shows one side's input for one phase and posts a ``Decided`` message with the
decision; the game screen submits it to the session. Panels never touch the session's state.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import (Button, Input, LoadingIndicator, OptionList, SelectionList, Static)
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from ...i18n import t
from ...narrate import effect_line

STANCE_STYLE = {"cooperative": "green", "competitive": "red", "neutral": "yellow"}


class Decided(Message):
    def __init__(self, side: str, decision: dict):
        super().__init__()
        self.side = side
        self.decision = decision


def _fx(effects, pack, lang, limit: int = 6, width: int = 0, first: int = 0,
        indent: str = "") -> str:
    """Effects as ``Tension +3 · Trust −1``. With a ``width`` (in cells), lines break between
    effects, never inside one (where the first line already holds ``first`` cells, and later
    lines start with ``indent``): left to wrap, a line could end in "Tension" and the next
    begin with "+3"."""
    lines = [effect_line(e, pack, lang) for e in effects]
    if len(lines) > limit:
        lines = lines[:limit] + ["…"]
    if width <= 0:
        return " · ".join(lines)
    out, cur, used = [], "", first
    for k, phrase in enumerate(lines):
        piece = phrase if not cur else " · " + phrase
        room = width if k == len(lines) - 1 else width - 2  # a line that breaks ends in " ·"
        if cur and used + cell_len(piece) > room:
            out.append(cur + " ·")
            cur = indent + phrase
            used = cell_len(cur)
        else:
            cur += piece
            used += cell_len(piece)
    out.append(cur)
    return "\n".join(out)


def _width(widget, fallback: int) -> int:
    """The cells a widget's content has across, or ``fallback`` before it is laid out."""
    return widget.content_size.width or fallback


class Panel(Vertical):
    side: str = "us"

    @property
    def lang(self) -> str:
        return self.app.lang


# -- news ---------------------------------------------------------------------------------
class NewsPanel(Panel):
    def compose(self) -> ComposeResult:
        yield Static(id="news-title", classes="panel-title")
        yield Static(id="news-text")
        yield Static(id="news-prompt", classes="prompt")
        yield OptionList(id="news-options")

    def load(self, session, side: str) -> None:
        self.side = side
        lang = self.lang
        st = session.view(side)
        pack = session.pack
        ev = pack.events.get(st.current.event) if st.current.event else None
        self.query_one("#news-title", Static).update(
            Text(ev.name.get(lang) if ev else t("game.no_event", lang), style="bold"))
        body = Text(ev.text.get(lang) if ev else "")
        if ev and ev.fog:
            inc = next((i for i in st.incidents if i.source == ev.id and i.turn == st.turn), None)
            if inc:
                body.append("\n" + t("game.fog", lang, side=t(f"side.{inc.blamed}", lang),
                                     conf=inc.confidence), style="italic yellow")
        self.query_one("#news-text", Static).update(body)
        self.query_one("#news-prompt", Static).update(t("game.respond", lang))
        ol = self.query_one("#news-options", OptionList)
        ol.clear_options()
        legal = session.engine.response_options(st, side)
        for o in ev.responses.options if ev and ev.responses else []:
            if o.id not in legal:
                continue
            txt = Text()
            txt.append(o.name.get(lang), style=f"bold {STANCE_STYLE[o.stance]}")
            txt.append(f"  [{t('game.stance_' + o.stance, lang)}")
            if o.cost:
                txt.append(", " + t("game.cost", lang, n=o.cost))
            txt.append("]")
            if o.text:
                txt.append("\n  " + o.text.get(lang), style="dim")
            # the options' width less their padding and the indent
            fx = _fx(o.effects, pack, lang, width=_width(ol, self.app.size.width - 6) - 4,
                     indent="  ")
            if fx:
                txt.append("\n  " + fx, style="italic")
            ol.add_option(Option(txt, id=o.id))
        ol.highlighted = 0 if ol.option_count else None
        ol.focus()

    @on(OptionList.OptionSelected, "#news-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(Decided(self.side, {"kind": "response", "option": event.option.id}))


# -- talks --------------------------------------------------------------------------------
class TalksPanel(Panel):
    # listed in the panel itself ("a accept · r reject · c counter", "d duration ·
    # v verification"): the footer may leave them out when the screen is narrow
    INLINE_KEYS = ("a", "r", "c", "d", "v")
    BINDINGS = [Binding("a", "answer('accept')", "Accept", show=True),
                Binding("r", "answer('reject')", "Reject", show=True),
                Binding("c", "counter", "Counter", show=True),
                Binding("d", "duration", "Duration", show=True),
                Binding("v", "verification", "Verification", show=True),
                Binding("s", "send", "Send", show=True),
                Binding("p", "focus_proposals", "Propose", show=False),
                Binding("m", "focus_message", "Message", show=False)]

    def compose(self) -> ComposeResult:
        yield Static(id="talk-head", classes="panel-title")
        with VerticalScroll(id="talk-body"):
            yield Static(id="incoming-label", classes="prompt")
            yield OptionList(id="incoming")
            yield Static(id="propose-label", classes="prompt")
            yield Static(id="chosen")
            yield OptionList(id="proposals")
            yield Static(id="terms")
        with Horizontal(id="talk-send"):
            yield Input(id="message", max_length=280)
            yield Button(id="send-talk", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#talk-body").can_focus = False

    def load(self, session, side: str) -> None:
        self.side = side
        self.session = session
        lang = self.lang
        eng = session.engine
        st = session.view(side)
        self.st = st
        rules = eng.rules
        self.last_round = st.talk_round >= rules.r.talk_rounds
        self.incoming = [o for o in st.open_offers if o["to"] == side]
        self.answers = {str(o["id"]): "reject" for o in self.incoming}
        self.legal = [] if self.last_round else eng.legal_offers(st, side)
        self.choice = None  # offer id
        self.dur_i = 0
        self.ver_i = 0
        head = Text(t("phase.talks", lang) + " · " +
                    t("game.round", lang, n=st.talk_round, m=rules.r.talk_rounds), style="bold")
        obj = st.sides[side].objective
        if obj and obj in session.pack.objectives:
            o = session.pack.objectives[obj]
            head.append("\n" + t("game.objective", lang, name=o.name.get(lang), text=o.text.get(lang)),
                        style="italic magenta")
        self.query_one("#talk-head", Static).update(head)
        self.query_one("#incoming-label", Static).update(
            t("game.incoming", lang) if self.incoming else t("game.no_incoming", lang))
        inc = self.query_one("#incoming", OptionList)
        inc.display = bool(self.incoming)
        self._fill_incoming()
        self.query_one("#propose-label", Static).update(
            t("game.last_round", lang) if self.last_round else t("game.propose", lang))
        props = self.query_one("#proposals", OptionList)
        props.clear_options()
        props.display = not self.last_round
        if not self.last_round:
            props.add_option(Option(t("game.no_proposal", lang), id="-"))
            for oid in self.legal:
                o = session.pack.offers[oid]
                props.add_option(Option(Text.assemble((o.name.get(lang), "bold"),
                                                      f"  [{t('offer_size.' + o.size, lang)}]"), id=oid))
            props.highlighted = 0
        self.query_one("#message", Input).value = ""
        self.query_one("#message", Input).placeholder = t("game.message", lang)
        self.query_one("#send-talk", Button).label = t("game.send_talk", lang)
        self._show_terms(None)
        (inc if self.incoming else props if not self.last_round else self.query_one("#message")).focus()

    def _fill_incoming(self) -> None:
        lang = self.lang
        inc = self.query_one("#incoming", OptionList)
        keep = inc.highlighted
        inc.clear_options()
        pack = self.session.pack
        for o in self.incoming:
            off = pack.offers[o["offer"]]
            ans = self.answers[str(o["id"])]
            txt = Text()
            txt.append(f"[{t('game.answer_' + ans, lang)}] ",
                       style="bold green" if ans == "accept" else "bold red")
            txt.append(t("game.offer_line", lang, **{"from": t(f"side_title.{o['from']}", lang)},
                         name=off.name.get(lang), n=o["duration"],
                         v=t("verification." + o["verification"], lang)))
            txt.append("\n  " + off.text.get(lang), style="dim")
            for s in ("us", "cn"):
                txt.append("\n  " + t(f"game.gives_{s}", lang, text=off.gives[s].text.get(lang)),
                           style="blue" if s == "us" else "red")
            inc.add_option(Option(txt, id=str(o["id"])))
        if self.incoming:
            inc.highlighted = keep if keep is not None and keep < len(self.incoming) else 0

    def _terms(self) -> tuple:
        o = self.session.pack.offers[self.choice]
        durs = o.terms.durations
        vers = self.session.engine.rules.verification_choices(self.st, self.choice)
        return durs, vers

    def _show_terms(self, oid: str | None) -> None:
        lang = self.lang
        terms = self.query_one("#terms", Static)
        shown = oid or self.choice
        if not shown:
            terms.update("")
            self.query_one("#chosen", Static).update("")
            return
        pack = self.session.pack
        o = pack.offers[shown]
        txt = Text()
        chosen = self.query_one("#chosen", Static)
        if self.choice:
            durs, vers = self._terms()
            v = vers[self.ver_i % len(vers)] if vers else "none"
            chosen.update(Text("✓ " + t("game.terms", lang, name=pack.offers[self.choice].name.get(lang),
                                        n=durs[self.dur_i % len(durs)],
                                        v=t("verification." + v, lang)), style="bold green"))
        else:
            chosen.update("")
        txt.append(o.text.get(lang) + "\n", style="dim")
        for s in ("us", "cn"):
            txt.append(t(f"game.gives_{s}", lang, text=o.gives[s].text.get(lang)) + "\n",
                       style="blue" if s == "us" else "red")
        ben = _fx(list(o.benefits_each) + list(o.benefits_shared) + list(o.on_sign), pack, lang,
                  width=_width(terms, self.app.size.width - 6) - 1,
                  first=cell_len(t("game.benefits", lang, text="")))
        if ben:
            txt.append(t("game.benefits", lang, text=ben), style="green")
        terms.update(txt)

    @on(OptionList.OptionHighlighted, "#proposals")
    def _hl(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        oid = event.option.id
        self._show_terms(None if oid == "-" else oid)

    @on(OptionList.OptionSelected, "#proposals")
    def _pick(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        oid = event.option.id
        self.choice = None if oid == "-" else oid
        self.dur_i = self.ver_i = 0
        self._show_terms(self.choice)

    @on(OptionList.OptionSelected, "#incoming")
    def _toggle(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        k = event.option.id
        self.answers[k] = "accept" if self.answers[k] == "reject" else "reject"
        self._fill_incoming()

    def action_answer(self, what: str) -> None:
        inc = self.query_one("#incoming", OptionList)
        if not self.incoming or inc.highlighted is None:
            return
        k = str(self.incoming[inc.highlighted]["id"])
        self.answers[k] = what
        self._fill_incoming()

    def action_counter(self) -> None:
        """Reject the highlighted offer and go to the proposals to put other terms."""
        self.action_answer("reject")
        if not self.last_round:
            self.query_one("#proposals", OptionList).focus()

    def action_focus_proposals(self) -> None:
        if not self.last_round:
            self.query_one("#proposals", OptionList).focus()

    def action_focus_message(self) -> None:
        self.query_one("#message", Input).focus()

    def action_duration(self) -> None:
        if self.choice:
            self.dur_i += 1
            self._show_terms(self.choice)

    def action_verification(self) -> None:
        if self.choice:
            self.ver_i += 1
            self._show_terms(self.choice)

    @on(Input.Submitted, "#message")
    @on(Button.Pressed, "#send-talk")
    def action_send(self) -> None:
        prop = None
        if self.choice:
            durs, vers = self._terms()
            prop = {"offer": self.choice, "duration": durs[self.dur_i % len(durs)],
                    "verification": vers[self.ver_i % len(vers)] if vers else "none"}
        msg = self.query_one("#message", Input).value.strip() or None
        self.post_message(Decided(self.side, {"kind": "talk", "responses": dict(self.answers),
                                              "propose": prop, "message": msg}))


# -- orders -------------------------------------------------------------------------------
class OrdersPanel(Panel):
    BINDINGS = [Binding("s", "send", "Send orders", show=True)]

    def compose(self) -> ComposeResult:
        yield Static(id="orders-head", classes="panel-title")
        yield Static(id="budget", classes="prompt")
        yield SelectionList(id="cards")
        yield OptionList(id="classic-cards")
        yield Static(id="card-preview")
        yield Button(id="send-orders", variant="primary", compact=True)

    def load(self, session, side: str) -> None:
        self.side = side
        self.session = session
        lang = self.lang
        eng = session.engine
        st = session.view(side)
        self.st = st
        self.classic = eng.rules.classic
        self.legal = eng.legal_actions(st, side)
        pack = session.pack
        head = Text(t("phase.orders", lang) + " — " + t(f"side_title.{side}", lang), style="bold")
        obj = st.sides[side].objective
        if obj and obj in pack.objectives:
            o = pack.objectives[obj]
            head.append("\n" + t("game.objective", lang, name=o.name.get(lang), text=o.text.get(lang)),
                        style="italic magenta")
        self.query_one("#orders-head", Static).update(head)
        forbid = set()
        for d in st.deals:
            if d.status == "active":
                forbid |= set(pack.offers[d.offer].gives[side].forbid_tags)
        self.forbid = forbid
        cards = self.query_one("#cards", SelectionList)
        classic = self.query_one("#classic-cards", OptionList)
        cards.display = not self.classic
        classic.display = self.classic
        self.query_one("#send-orders", Button).display = not self.classic
        self.query_one("#send-orders", Button).label = t("game.send_orders", lang)
        if self.classic:
            classic.clear_options()
            for aid in self.legal:
                a = pack.actions[aid]
                classic.add_option(Option(Text(a.name.get(lang), style=f"bold {STANCE_STYLE[a.stance]}"), id=aid))
            classic.highlighted = 0
            self.query_one("#budget", Static).update(t("game.classic_help", lang))
            classic.focus()
            self._preview(self.legal[0] if self.legal else None)
            return
        cards.clear_options()
        for aid in self.legal:
            a = pack.actions[aid]
            cost = eng.rules.card_cost(st, side, aid)
            txt = Text()
            txt.append(f"({cost}) ", style="bold")
            txt.append(a.name.get(lang), style=STANCE_STYLE[a.stance])
            if forbid.intersection(a.tags):
                txt.append(" ⚠", style="bold red")
            cards.add_option(Selection(txt, aid))
        cards.highlighted = 0 if self.legal else None
        self._budget()
        self._preview(self.legal[0] if self.legal else None)
        cards.focus()

    def _chosen(self) -> list[str]:
        return list(self.query_one("#cards", SelectionList).selected)

    def _budget(self) -> None:
        lang = self.lang
        eng = self.session.engine
        chosen = self._chosen()
        cost = sum(eng.rules.card_cost(self.st, self.side, a) for a in chosen)
        cap = self.st.sides[self.side].capital
        mx = eng.rules.r.max_cards
        txt = Text(t("game.budget", lang, cap=cap, cost=cost, n=len(chosen), max=mx),
                   style="bold red" if cost > cap or len(chosen) > mx else "bold")
        txt.append("  " + t("game.orders_help", lang), style="dim")
        self.query_one("#budget", Static).update(txt)

    def _preview(self, aid: str | None) -> None:
        prev = self.query_one("#card-preview", Static)
        # the preview has a fixed height (yalta.tcss), so a new card needs no layout pass:
        # that keeps moving through the cards from repainting the whole screen
        if not aid:
            prev.update("", layout=False)
            return
        lang = self.lang
        pack = self.session.pack
        a = pack.actions[aid]
        txt = Text()
        txt.append(a.name.get(lang), style=f"bold {STANCE_STYLE[a.stance]}")
        txt.append(f"  [{t('game.stance_' + a.stance, lang)}, "
                   f"{t('game.cost', lang, n=self.session.engine.rules.card_cost(self.st, self.side, aid))}]\n")
        # what the card does comes before its story: in a short window (80x24, where the
        # preview has three lines) the effects are what a player must see
        fx = _fx(a.effects, pack, lang, limit=8, width=_width(prev, 0) - 1)
        if fx:
            txt.append(fx + "\n", style="italic")
        if self.forbid.intersection(a.tags):
            txt.append("⚠ " + ", ".join(
                pack.offers[d.offer].name.get(lang) for d in self.st.deals
                if d.status == "active" and set(pack.offers[d.offer].gives[self.side].forbid_tags) & set(a.tags))
                + "\n", style="bold red")
        txt.append(a.text.get(lang), style="dim")
        prev.update(txt, layout=False)

    @on(SelectionList.SelectionHighlighted, "#cards")
    def _hl(self, event) -> None:
        event.stop()
        self._preview(event.selection.value)

    @on(OptionList.OptionHighlighted, "#classic-cards")
    def _hl_classic(self, event) -> None:
        event.stop()
        self._preview(event.option.id)

    @on(SelectionList.SelectedChanged, "#cards")
    def _changed(self, event) -> None:
        event.stop()
        self._budget()

    @on(OptionList.OptionSelected, "#classic-cards")
    def _classic(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(Decided(self.side, {"kind": "orders", "actions": [event.option.id]}))

    @on(Button.Pressed, "#send-orders")
    def action_send(self) -> None:
        if self.classic:
            ol = self.query_one("#classic-cards", OptionList)
            if ol.highlighted is not None:
                self.post_message(Decided(self.side, {"kind": "orders",
                                                      "actions": [self.legal[ol.highlighted]]}))
            return
        eng = self.session.engine
        chosen = self._chosen()
        # keep the order the cards are listed in, so a replay reads the same
        chosen = [a for a in self.legal if a in chosen]
        lang = self.lang
        if len(chosen) > eng.rules.r.max_cards:
            self.app.notify(t("game.too_many", lang, n=eng.rules.r.max_cards), severity="warning")
            return
        if sum(eng.rules.card_cost(self.st, self.side, a) for a in chosen) > self.st.sides[self.side].capital:
            self.app.notify(t("game.over_budget", lang), severity="warning")
            return
        self.post_message(Decided(self.side, {"kind": "orders", "actions": chosen}))


# -- summary and waiting ------------------------------------------------------------------
class SummaryPanel(Panel):
    class Continue(Message):
        pass

    BINDINGS = [Binding("space", "go", "Continue", show=False)]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary-scroll"):
            yield Static(id="summary-body")
        yield Button(id="continue", variant="primary", compact=True)

    def show(self, renderable) -> None:
        self.query_one("#summary-body", Static).update(renderable)
        self.query_one("#continue", Button).label = t("game.continue", self.lang)
        self.query_one("#summary-scroll").scroll_home(animate=False)
        self.query_one("#continue", Button).focus()

    @on(Button.Pressed, "#continue")
    def action_go(self) -> None:
        self.post_message(self.Continue())


class WaitPanel(Panel):
    def compose(self) -> ComposeResult:
        yield Static(id="wait-text", classes="panel-title")
        yield LoadingIndicator()

    def show(self, text: str) -> None:
        self.query_one("#wait-text", Static).update(text)
