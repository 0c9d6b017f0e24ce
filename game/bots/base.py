"""The one small protocol every bot speaks.

A bot is made for one side of one game, with its own seed, and is asked for input through
``act(view, kind)``: ``view`` is the engine's view of the state for the bot's side (never
the full state), ``kind`` is ``"response"``, ``"talk"`` or ``"orders"``. It returns a
``Choice``: the decision the engine accepts, and one sentence saying why.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from ..engine.api import Engine
from ..engine.rng import Stream
from ..engine.state import GameState, other

_VALUES: WeakKeyDictionary = WeakKeyDictionary()  # rules -> {card: static value}

VERIFY_PREFERENCE = ("joint_testing", "inspections", "self_report", "none")


class Choice:
    """A decision and one sentence of why. ``say`` is the same reason as data, which
    ``game.bots.speech.speak`` renders in any language (empty for bots that only speak
    English). When only ``say`` is given, the English sentence is rendered the first time
    ``why`` is read, so batch simulations that keep no reasons never pay for it."""

    __slots__ = ("decision", "_why", "say", "_pack")

    def __init__(self, decision: dict, why: str | None = None, say: object = None, pack=None):
        self.decision = decision
        self._why = why
        self.say = say
        self._pack = pack

    @property
    def why(self) -> str:
        if self._why is None:
            from .speech import speak

            self._why = speak(self.say, self._pack, "en") if self.say is not None else ""
        return self._why

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Choice) and self.decision == other.decision
                and self.why == other.why and self.say == other.say)

    def __repr__(self) -> str:
        return f"Choice(decision={self.decision!r}, why={self.why!r}, say={self.say!r})"


class Bot:
    """Base class: seeded randomness, the engine's compiled content, and shared helpers."""

    name = "bot"
    description = ""

    def __init__(self, engine: Engine, side: str, seed: int = 0, level: str = "normal"):
        self.engine = engine
        self.rules = engine.rules
        self.side = side
        self.foe = other(side)
        self.rng = Stream(seed * 2 + (0 if side == "us" else 1))
        self.level = level
        values = _VALUES.get(self.rules)
        if values is None:
            values = _VALUES[self.rules] = {}
        self._values = values  # card -> static value, shared by every bot of this pack

    def act(self, view: GameState, kind: str) -> Choice:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- helpers shared by the simple personalities -------------------------------------
    def last_public(self, view: GameState, side: str) -> str | None:
        """What the world saw ``side`` do last turn ("C"/"D"), or None on the first turn."""
        return view.history[-1].public.get(side) if view.history else None

    def card_value(self, view: GameState, aid: str) -> float:
        """A quick read of what a card does for this side's national score (the same for
        every side and state, so it is worked out once per card)."""
        v = self._values.get(aid)
        if v is None:
            v = self._values[aid] = self._card_value(aid)
        return v

    def _card_value(self, aid: str) -> float:
        w = self.rules.w.national
        v = 0.0
        for kind, who, what, delta, chance in self.rules.effects[aid]:
            if kind == "side":
                if who == "self":
                    v += w.get(what, 0.2) * delta * chance
                elif who == "other":
                    v -= 0.3 * w.get(what, 0.2) * delta * chance
            elif kind == "swing":
                v += self.rules.w.swing * delta * chance / 25.0
            elif kind == "welfare":
                v += 0.3 * delta * chance
        return v

    def forbidden_tags(self, view: GameState) -> set:
        out: set = set()
        for d in view.deals:
            if d.status == "active":
                out |= self.rules.offer_fx[d.offer][4][self.side]
        return out

    def pick_cards(self, view: GameState, posture: str, keep_deals: bool = True,
                   jitter: float = 0.0) -> list[str]:
        """Cards for a cooperative ("C") or competitive ("D") turn, best value first, within
        the budget and the card limit; a C turn holds no competitive card."""
        if self.rules.classic:
            return ["cooperate" if posture == "C" else "defect"]
        legal = self.engine.legal_actions(view, self.side)
        actions = self.rules.actions
        forbid = self.forbidden_tags(view) if keep_deals else set()
        if forbid:
            legal = [a for a in legal if not forbid.intersection(actions[a].tags)]
        want = ("cooperative",) if posture == "C" else ("competitive",)
        scored = []
        for a, scale in zip(legal, self.rules.fatigue_scales(view, self.side, legal)):
            v = self.card_value(view, a) * scale / (1.0 + actions[a].cost)
            if jitter:
                v += jitter * self.rng.random()
            scored.append((v, a))
        primary = sorted((x for x in scored if actions[x[1]].stance in want), reverse=True)
        filler = sorted((x for x in scored if actions[x[1]].stance == "neutral"), reverse=True)
        budget = view.sides[self.side].capital
        picked: list[str] = []
        for _, a in primary + filler:
            if len(picked) >= self.rules.r.max_cards:
                break
            c = self.rules.card_cost(view, self.side, a)
            if c <= budget:
                picked.append(a)
                budget -= c
        return picked

    def pick_response(self, view: GameState, posture: str) -> str:
        opts = self.engine.response_options(view, self.side)
        ev = self.rules.pack.events[view.current.event]
        stance = {o.id: o.stance for o in ev.responses.options}
        want = ("cooperative", "neutral") if posture == "C" else ("competitive", "neutral")
        for pref in want:
            for o in opts:
                if stance[o] == pref:
                    return o
        return opts[0]

    def best_offer(self, view: GameState) -> dict | None:
        """The smallest (most incremental) offer on the table, with the best verification
        this side can pay for."""
        offers = self.engine.legal_offers(view, self.side)
        if not offers:
            return None
        size_rank = {"small": 0, "medium": 1, "large": 2}
        pack = self.rules.pack
        oid = min(offers, key=lambda o: (size_rank[pack.offers[o].size], o))
        choices = self.rules.verification_choices(view, oid)
        if not choices:
            return None
        cap = view.sides[self.side].capital
        ver = next((v for v in VERIFY_PREFERENCE if v in choices
                    and self.rules.r.verification_cost[v] <= max(0.0, cap - 2)), choices[-1])
        return {"offer": oid, "duration": pack.offers[oid].terms.durations[0], "verification": ver}

    def open_offers_to_me(self, view: GameState) -> list[dict]:
        return [o for o in view.open_offers if o["to"] == self.side]

    def choose(self, decision: dict, say) -> Choice:
        """A Choice whose English sentence is rendered from ``say`` when it is read."""
        return Choice(decision, None, say, self.rules.pack)

    def name_of(self, kind: str, key: str) -> str:
        table = getattr(self.rules.pack, kind)
        return table[key].name.en if key in table else key
