"""The textbook personalities. Each decides a posture for the turn (cooperate or compete)
from what the world saw last turn, then plays cards, answers news and negotiates in line
with it. In the classic pack they are exactly the strategies of the same names.

Reasons are given as data (see ``speech``), so they read in the player's language.

Under the full rules, ``game.fastsim`` makes the same choices as these classes (and as
``Bot.pick_cards``, ``pick_response`` and ``best_offer``) for batch simulation: a change to
how a simple bot decides must be made there too; ``tests/engine/test_fastsim.py`` compares."""

from __future__ import annotations

from ..engine.state import GameState
from .base import Bot, Choice


class PostureBot(Bot):
    keeps_deals = True
    makes_offers = True

    def posture(self, view: GameState) -> tuple[str, dict]:  # pragma: no cover - abstract
        raise NotImplementedError

    # In the classic pack a personality is a textbook strategy, and the fast classic loop
    # (``game.engine.classic``) asks each bot for it once per game: ``classic_rule()``
    # returns ``rule(turn, mine, theirs) -> (move, reason)``, the same move and reason as
    # ``posture`` gives from a view, taken from the two sides' moves of the previous turn
    # as played (``None`` on the first turn), with the same draws from the bot's own
    # stream. Only a class that defines ``classic_rule`` itself is played that way, so a
    # subclass that changes ``posture`` falls back to the generic path.

    def _posture(self, view: GameState) -> tuple[str, dict]:
        # one posture per turn, decided once and remembered, so talk and orders agree
        key = (view.turn, id(self))
        cached = getattr(self, "_cache", None)
        if cached and cached[0] == key:
            return cached[1]
        p = self.posture(view)
        self._cache = (key, p)
        return p

    def act(self, view: GameState, kind: str) -> Choice:
        posture, why = self._posture(view)
        if kind == "response":
            opt = self.pick_response(view, posture)
            return self.choose({"kind": "response", "option": opt},
                               {"k": "respond", "option": opt, "event": view.current.event,
                                "reason": why})
        if kind == "talk":
            return self.talk(view, posture, why)
        cards = self.pick_cards(view, posture, keep_deals=self.keeps_deals)
        return self.choose({"kind": "orders", "actions": cards},
                           {"k": "play", "cards": cards, "reason": why})

    def talk(self, view: GameState, posture: str, why: dict) -> Choice:
        answers = {}
        for o in self.open_offers_to_me(view):
            answers[str(o["id"])] = "accept" if posture == "C" else "reject"
        prop = None
        if posture == "C" and self.makes_offers and view.talk_round < self.rules.r.talk_rounds:
            if not answers:
                prop = self.best_offer(view)
        parts = []
        if answers:
            parts.append({"k": "accept" if posture == "C" else "reject"})
        if prop:
            parts.append({"k": "propose", "offer": prop["offer"], "n": prop["duration"],
                          "verification": prop["verification"]})
        what = parts or {"k": "nothing_to_offer"}
        return self.choose({"kind": "talk", "responses": answers, "propose": prop, "message": None},
                           {"k": "talk", "what": what, "reason": why})


class Dove(PostureBot):
    name = "dove"
    description = "Always cooperates: testing, dialogue, restraint, whatever the other side does."

    def posture(self, view):
        return "C", {"k": "always_coop"}

    def classic_rule(self):
        out = ("C", {"k": "always_coop"})
        return lambda turn, mine, theirs: out


class Hawk(PostureBot):
    name = "hawk"
    description = "Always competes: controls, racing, pressure. Signs nothing."
    makes_offers = False

    def posture(self, view):
        return "D", {"k": "always_comp"}

    def classic_rule(self):
        out = ("D", {"k": "always_comp"})
        return lambda turn, mine, theirs: out

    def talk(self, view, posture, why):
        answers = {str(o["id"]): "reject" for o in self.open_offers_to_me(view)}
        return self.choose({"kind": "talk", "responses": answers, "propose": None, "message": None},
                           {"k": "hawk_reject" if answers else "hawk_nothing"})


class TitForTat(PostureBot):
    name = "tit-for-tat"
    description = "Cooperates first, then does what the other side was seen doing last turn."

    def posture(self, view):
        last = self.last_public(view, self.foe)
        if last is None:
            return "C", {"k": "open_coop"}
        if last == "C":
            return "C", {"k": "seen_coop", "foe": self.foe}
        return "D", {"k": "seen_comp", "foe": self.foe}

    def classic_rule(self):
        first, coop = ("C", {"k": "open_coop"}), ("C", {"k": "seen_coop", "foe": self.foe})
        comp = ("D", {"k": "seen_comp", "foe": self.foe})

        def rule(turn, mine, theirs):
            if theirs is None:
                return first
            return coop if theirs == "C" else comp
        return rule


class Generous(PostureBot):
    name = "generous"
    description = "Tit-for-tat that forgives a third of the time, so one incident cannot start a feud."

    def forgiveness(self) -> float:
        p = self.rules.r.payoffs
        return min(1 - (p["T"] - p["R"]) / (p["R"] - p["S"]), (p["R"] - p["P"]) / (p["T"] - p["P"]))

    def posture(self, view):
        last = self.last_public(view, self.foe)
        if last is None:
            return "C", {"k": "open_coop"}
        if last == "C":
            return "C", {"k": "seen_coop", "foe": self.foe}
        if self.rng.random() < self.forgiveness():
            return "C", {"k": "forgive", "foe": self.foe}
        return "D", {"k": "seen_comp", "foe": self.foe}

    def classic_rule(self):
        first, coop = ("C", {"k": "open_coop"}), ("C", {"k": "seen_coop", "foe": self.foe})
        forgive = ("C", {"k": "forgive", "foe": self.foe})
        comp = ("D", {"k": "seen_comp", "foe": self.foe})
        f, rand = self.forgiveness(), self.rng.random

        def rule(turn, mine, theirs):
            if theirs is None:
                return first
            if theirs == "C":
                return coop
            return forgive if rand() < f else comp
        return rule


class Grim(PostureBot):
    name = "grim"
    description = "Cooperates until the other side is seen competing once, then never again."

    def posture(self, view):
        for h in view.history:
            if h.public.get(self.foe) == "D":
                return "D", {"k": "grim_d", "foe": self.foe, "turn": h.turn}
        return "C", {"k": "grim_c", "foe": self.foe}

    def classic_rule(self):
        coop, foe = ("C", {"k": "grim_c", "foe": self.foe}), self.foe
        fallen = None  # (D, reason) from the turn after the other side was first seen competing

        def rule(turn, mine, theirs):
            nonlocal fallen
            if fallen is None:
                if theirs != "D":
                    return coop
                fallen = ("D", {"k": "grim_d", "foe": foe, "turn": turn - 1})
            return fallen
        return rule


class Pavlov(PostureBot):
    name = "pavlov"
    description = "Win-stay, lose-shift: repeats its last posture when the other side cooperated."

    def posture(self, view):
        if not view.history:
            return "C", {"k": "open_coop"}
        h = view.history[-1]
        mine, theirs = h.posture.get(self.side, "C"), h.public.get(self.foe, "C")
        if theirs == "C":
            return mine, {"k": "stay"}
        return ("D" if mine == "C" else "C"), {"k": "shift"}

    def classic_rule(self):
        first = ("C", {"k": "open_coop"})
        stay = {"C": ("C", {"k": "stay"}), "D": ("D", {"k": "stay"})}
        shift = {"C": ("D", {"k": "shift"}), "D": ("C", {"k": "shift"})}

        def rule(turn, mine, theirs):
            if mine is None:
                return first
            return stay[mine] if theirs == "C" else shift[mine]
        return rule


class RandomBot(PostureBot):
    name = "random"
    description = "Flips a coin for its posture and picks any legal cards."
    keeps_deals = False

    def posture(self, view):
        if self.rng.random() < 0.5:
            return "C", {"k": "coin_c"}
        return "D", {"k": "coin_d"}

    def classic_rule(self):
        heads, tails, rand = ("C", {"k": "coin_c"}), ("D", {"k": "coin_d"}), self.rng.random
        return lambda turn, mine, theirs: heads if rand() < 0.5 else tails

    def act(self, view, kind):
        posture, why = self._posture(view)
        if kind == "orders" and not self.rules.classic:
            legal = self.engine.legal_actions(view, self.side)
            budget = view.sides[self.side].capital
            cards = []
            pool = list(legal)
            n = 1 + int(self.rng.random() * self.rules.r.max_cards)
            while pool and len(cards) < n:
                a = pool.pop(int(self.rng.random() * len(pool)))
                c = self.rules.card_cost(view, self.side, a)
                if c <= budget:
                    cards.append(a)
                    budget -= c
            return self.choose({"kind": "orders", "actions": cards}, {"k": "random_cards", "cards": cards})
        if kind == "response":
            opts = self.engine.response_options(view, self.side)
            o = opts[int(self.rng.random() * len(opts))]
            return self.choose({"kind": "response", "option": o}, {"k": "random_response"})
        if kind == "talk":
            answers = {str(o["id"]): ("accept" if self.rng.random() < 0.5 else "reject")
                       for o in self.open_offers_to_me(view)}
            prop = None
            offers = self.engine.legal_offers(view, self.side)
            if offers and view.talk_round < self.rules.r.talk_rounds and self.rng.random() < 0.4:
                oid = offers[int(self.rng.random() * len(offers))]
                o = self.rules.pack.offers[oid]
                choices = self.rules.verification_choices(view, oid)
                if choices:
                    prop = {"offer": oid,
                            "duration": o.terms.durations[int(self.rng.random() * len(o.terms.durations))],
                            "verification": choices[int(self.rng.random() * len(choices))]}
            return self.choose({"kind": "talk", "responses": answers, "propose": prop, "message": None},
                               {"k": "random_talk"})
        return super().act(view, kind)
