"""The textbook personalities. Each decides a posture for the turn (cooperate or compete)
from what the world saw last turn, then plays cards, answers news and negotiates in line
with it. In the classic pack they are exactly the strategies of the same names."""

from __future__ import annotations

from ..engine.state import GameState
from .base import Bot, Choice

SIDE_NAME = {"us": "the United States", "cn": "China"}


class PostureBot(Bot):
    keeps_deals = True
    makes_offers = True

    def posture(self, view: GameState) -> tuple[str, str]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _posture(self, view: GameState) -> tuple[str, str]:
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
            ev = self.rules.pack.events[view.current.event]
            name = next(o.name.en for o in ev.responses.options if o.id == opt)
            return Choice({"kind": "response", "option": opt}, f"{name}: {why}")
        if kind == "talk":
            return self.talk(view, posture, why)
        cards = self.pick_cards(view, posture, keep_deals=self.keeps_deals)
        names = ", ".join(self.name_of("actions", a) for a in cards) or "nothing"
        return Choice({"kind": "orders", "actions": cards}, f"I play {names}: {why}")

    def talk(self, view: GameState, posture: str, why: str) -> Choice:
        answers = {}
        for o in self.open_offers_to_me(view):
            answers[str(o["id"])] = "accept" if posture == "C" else "reject"
        prop = None
        if posture == "C" and self.makes_offers and view.talk_round < self.rules.r.talk_rounds:
            if not answers:
                prop = self.best_offer(view)
        parts = []
        if answers:
            verb = "accept" if posture == "C" else "reject"
            parts.append(f"I {verb} the offer on the table")
        if prop:
            parts.append(f"I propose {self.name_of('offers', prop['offer'])} "
                         f"({prop['duration']} turns, {prop['verification'].replace('_', ' ')})")
        text = "; ".join(parts) or "I have nothing to put on the table"
        return Choice({"kind": "talk", "responses": answers, "propose": prop, "message": None},
                      f"{text}: {why}")


class Dove(PostureBot):
    name = "dove"
    description = "Always cooperates: testing, dialogue, restraint, whatever the other side does."

    def posture(self, view):
        return "C", "I cooperate whatever happens, because the race hurts everyone."


class Hawk(PostureBot):
    name = "hawk"
    description = "Always competes: controls, racing, pressure. Signs nothing."
    makes_offers = False

    def posture(self, view):
        return "D", "I compete every turn, because the other side will exploit any restraint."

    def talk(self, view, posture, why):
        answers = {str(o["id"]): "reject" for o in self.open_offers_to_me(view)}
        text = "I reject the offer" if answers else "I offer nothing"
        return Choice({"kind": "talk", "responses": answers, "propose": None, "message": None},
                      f"{text}: deals only tie my hands.")


class TitForTat(PostureBot):
    name = "tit-for-tat"
    description = "Cooperates first, then does what the other side was seen doing last turn."

    def posture(self, view):
        last = self.last_public(view, self.foe)
        if last is None:
            return "C", "I open with cooperation."
        if last == "C":
            return "C", f"{SIDE_NAME[self.foe]} was seen cooperating last turn, so I cooperate."
        return "D", f"{SIDE_NAME[self.foe]} was seen competing last turn, so I answer in kind."


class Generous(PostureBot):
    name = "generous"
    description = "Tit-for-tat that forgives a third of the time, so one incident cannot start a feud."

    def forgiveness(self) -> float:
        p = self.rules.r.payoffs
        return min(1 - (p["T"] - p["R"]) / (p["R"] - p["S"]), (p["R"] - p["P"]) / (p["T"] - p["P"]))

    def posture(self, view):
        last = self.last_public(view, self.foe)
        if last is None:
            return "C", "I open with cooperation."
        if last == "C":
            return "C", f"{SIDE_NAME[self.foe]} was seen cooperating last turn, so I cooperate."
        if self.rng.random() < self.forgiveness():
            return "C", (f"{SIDE_NAME[self.foe]} was seen competing, but I forgive it this once: "
                         "in this fog one incident must not start a feud.")
        return "D", f"{SIDE_NAME[self.foe]} was seen competing last turn, so I answer in kind."


class Grim(PostureBot):
    name = "grim"
    description = "Cooperates until the other side is seen competing once, then never again."

    def posture(self, view):
        for h in view.history:
            if h.public.get(self.foe) == "D":
                return "D", f"{SIDE_NAME[self.foe]} competed in turn {h.turn}; I never forget."
        return "C", f"{SIDE_NAME[self.foe]} has never been seen competing, so I cooperate."


class Pavlov(PostureBot):
    name = "pavlov"
    description = "Win-stay, lose-shift: repeats its last posture when the other side cooperated."

    def posture(self, view):
        if not view.history:
            return "C", "I open with cooperation."
        h = view.history[-1]
        mine, theirs = h.posture.get(self.side, "C"), h.public.get(self.foe, "C")
        if theirs == "C":
            return mine, "last turn went well for me, so I stay with what I did."
        flip = "D" if mine == "C" else "C"
        return flip, "last turn went badly for me, so I change course."


class RandomBot(PostureBot):
    name = "random"
    description = "Flips a coin for its posture and picks any legal cards."
    keeps_deals = False

    def posture(self, view):
        if self.rng.random() < 0.5:
            return "C", "the coin came up cooperate."
        return "D", "the coin came up compete."

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
            names = ", ".join(self.name_of("actions", a) for a in cards) or "nothing"
            return Choice({"kind": "orders", "actions": cards}, f"I play {names}: chosen at random.")
        if kind == "response":
            opts = self.engine.response_options(view, self.side)
            o = opts[int(self.rng.random() * len(opts))]
            return Choice({"kind": "response", "option": o}, "I answer the news at random.")
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
            return Choice({"kind": "talk", "responses": answers, "propose": prop, "message": None},
                          "I talk at random.")
        return super().act(view, kind)
