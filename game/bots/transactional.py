"""Transactional: the seed's doctrine of a transactional stability framework, as a bot.

- It seeks **small, verifiable deals**: it proposes the smallest offer on the table with the
  strongest verification it can pay for, accepts small and medium offers that are verified,
  and refuses large ones until a deal has been kept.
- It **keeps the channels open through crises**: every turn it plays a card that opens or
  strengthens a channel (Track II, the government dialogue) when one is affordable, even in a
  turn in which it answers a betrayal.
- It **answers betrayal in proportion**: one competitive turn for each betrayal, then back to
  cooperation. A betrayal is the other side competing (by its revealed orders) or a detected
  breach of a deal; a competitive turn that only answers its own retaliation is not counted
  again, so two transactional players never fall into an echo of reprisals.
- It **competes in complementary fields**: its growth cards favour its own strengths (the
  United States research and frontier models, China applications and the economy) over
  head-on moves, and when it retaliates it uses one mild competitive card, never one that
  raises catastrophe risk.

It judges the other side by the record (the orders revealed at resolution, breaches that
verification caught), not by rumours, so attribution fog does not start a feud with it.
Everything it decides is a function of the public history, which lets other bots model it.
"""

from __future__ import annotations

from ..engine.state import GameState
from .base import Bot, Choice

# The fields where each side's strength lies (seed 000: "China excels in applications and
# patents, the United States leads in research and frontier models").
COMPLEMENTARY = {"us": {"capability": 1.6, "compute": 1.4, "security": 1.0},
                 "cn": {"economy": 1.6, "influence": 1.4, "compute": 1.0}}
SIZE_RANK = {"small": 0, "medium": 1, "large": 2}
VERIFIED = ("joint_testing", "inspections", "self_report")


def betrayals(history: list, side: str, foe: str) -> list[int]:
    """Turns in which ``foe`` betrayed ``side``: competed (by its revealed posture) other than
    in answer to ``side``'s own competitive turn just before."""
    out = []
    for i, h in enumerate(history):
        if h.posture.get(foe) != "D":
            continue
        answered = i > 0 and history[i - 1].posture.get(side) == "D"
        if not answered:
            out.append(h.turn)
    return out


def owed(history: list, side: str, foe: str) -> int:
    """Competitive turns ``side`` still owes ``foe``: one per betrayal, paid in order."""
    debt = 0
    bad = set(betrayals(history, side, foe))
    for h in history:
        if h.posture.get(side) == "D" and debt > 0:
            debt -= 1
        if h.turn in bad:
            debt += 1
    return debt


def posture_from_history(history: list, side: str, foe: str) -> str:
    """The transactional posture for the next turn, from the public record alone."""
    return "D" if owed(history, side, foe) > 0 else "C"


class Transactional(Bot):
    name = "transactional"
    description = ("The seed's doctrine: small verified deals, channels kept open in crises, "
                   "one competitive turn per betrayal, competition in complementary fields.")

    # -- posture ----------------------------------------------------------------------------
    def posture(self, view: GameState) -> tuple[str, dict]:
        """The posture and its reason, as data (see ``speech``)."""
        hist = view.history
        if posture_from_history(hist, self.side, self.foe) == "D":
            last = betrayals(hist, self.side, self.foe)[-1]
            return "D", {"k": "tx_answer", "foe": self.foe, "turn": last}
        if not hist:
            return "C", {"k": "tx_start"}
        if betrayals(hist, self.side, self.foe):
            return "C", {"k": "tx_back"}
        return "C", {"k": "tx_keeping", "foe": self.foe}

    # -- the protocol ----------------------------------------------------------------------
    def act(self, view: GameState, kind: str) -> Choice:
        posture, why = self.posture(view)
        if kind == "response":
            return self._respond(view, posture, why)
        if kind == "talk":
            return self._talk(view, posture, why)
        return self._orders(view, posture, why)

    def _respond(self, view, posture, why) -> Choice:
        opts = self.engine.response_options(view, self.side)
        ev = self.rules.pack.events[view.current.event]
        spec = {o.id: o for o in ev.responses.options}
        order = ("cooperative", "neutral", "competitive") if posture == "C" else \
            ("neutral", "competitive", "cooperative")
        opt = min(opts, key=lambda o: (order.index(spec[o].stance), spec[o].cost, o))
        return self.choose({"kind": "response", "option": opt},
                           {"k": "tx_respond", "option": opt, "event": view.current.event,
                            "reason": why})

    # -- talks ------------------------------------------------------------------------------
    def _acceptable(self, view, offer: dict, posture: str) -> tuple[bool, dict]:
        o = self.rules.pack.offers[offer["offer"]]
        kept = sum(1 for d in view.deals if d.status == "kept")
        if posture == "D":
            return False, {"k": "tx_unanswered"}
        if offer["verification"] not in VERIFIED and SIZE_RANK[o.size] > 0:
            return False, {"k": "tx_unverified"}
        if SIZE_RANK[o.size] >= 2 and kept == 0:
            return False, {"k": "tx_too_large"}
        return True, {"k": "tx_small_step"}

    def _proposal(self, view) -> dict | None:
        offers = self.engine.legal_offers(view, self.side)
        if not offers:
            return None
        pack = self.rules.pack
        kept = sum(1 for d in view.deals if d.status == "kept")
        best = None
        cap = view.sides[self.side].capital
        for oid in offers:
            o = pack.offers[oid]
            if SIZE_RANK[o.size] >= 2 and kept == 0:
                continue
            choices = self.rules.verification_choices(view, oid)
            vers = [v for v in VERIFIED if v in choices
                    and self.rules.r.verification_cost[v] <= max(0.0, cap - 1)]
            if not vers:
                if o.size != "small" or not choices:
                    continue
                vers = [choices[0]]
            key = (SIZE_RANK[o.size], VERIFIED.index(vers[0]) if vers[0] in VERIFIED else 9, oid)
            if best is None or key < best[0]:
                best = (key, {"offer": oid, "duration": min(o.terms.durations),
                              "verification": vers[0]})
        return best[1] if best else None

    def _talk(self, view, posture, why) -> Choice:
        answers, parts = {}, []
        for o in self.open_offers_to_me(view):
            ok, reason = self._acceptable(view, o, posture)
            answers[str(o["id"])] = "accept" if ok else "reject"
            parts.append({"k": "tx_accept" if ok else "tx_reject", "offer": o["offer"],
                          "reason": reason})
        prop = None
        if (posture == "C" and view.talk_round < self.rules.r.talk_rounds
                and not any(v == "accept" for v in answers.values())):
            prop = self._proposal(view)
            if prop:
                parts.append({"k": "tx_propose", "offer": prop["offer"], "n": prop["duration"],
                              "verification": prop["verification"]})
        if not parts:
            parts.append({"k": "tx_keep_talking" if posture == "C" else "tx_sign_nothing",
                          "reason": why})
        return self.choose({"kind": "talk", "responses": answers, "propose": prop, "message": None},
                           {"k": "tx_sentence", "body": parts})

    # -- orders -----------------------------------------------------------------------------
    def _value(self, aid: str) -> float:
        """Card value with the side's complementary fields weighted up."""
        w = self.rules.w.national
        boost = COMPLEMENTARY.get(self.side, {})
        v = 0.0
        for kind, who, what, delta, chance in self.rules.effects[aid]:
            if kind == "side" and who == "self":
                v += w.get(what, 0.2) * boost.get(what, 1.0) * delta * chance
            elif kind == "swing":
                v += self.rules.w.swing * delta * chance / 25.0
            elif kind in ("welfare",):
                v += 0.3 * delta * chance
            elif kind == "risk" and delta > 0:
                v -= 0.5 * delta * chance
        return v

    def _harm(self, aid: str) -> float:
        """How head-on a competitive card is: damage to the other side, risk and tension."""
        h = 0.0
        for kind, who, what, delta, chance in self.rules.effects[aid]:
            if kind == "side" and who == "other" and delta < 0:
                h -= delta * chance
            elif kind in ("risk", "tension") and delta > 0:
                h += 2.0 * delta * chance
        return h

    def _is_channel_card(self, aid: str) -> bool:
        return any(k == "open" or (k == "channel" and d > 0)
                   for k, _, _, d, _ in self.rules.effects[aid])

    def _orders(self, view, posture, why) -> Choice:
        if self.rules.classic:
            card = "cooperate" if posture == "C" else "defect"
            return self.choose({"kind": "orders", "actions": [card]},
                               {"k": "tx_play", "cards": [card], "reason": why})
        actions = self.rules.actions
        forbid = self.forbidden_tags(view)
        legal = [a for a in self.engine.legal_actions(view, self.side)
                 if not forbid.intersection(actions[a].tags)]
        budget = view.sides[self.side].capital
        picked: list[str] = []

        def take(a: str) -> None:
            nonlocal budget
            picked.append(a)
            budget -= self.rules.card_cost(view, self.side, a)

        def fits(a: str) -> bool:
            return (a not in picked and len(picked) < self.rules.r.max_cards
                    and self.rules.card_cost(view, self.side, a) <= budget)

        # 1. keep a channel open: the cheapest card that opens or feeds the weakest channel
        chans = [a for a in legal if self._is_channel_card(a) and fits(a)]
        if chans:
            take(min(chans, key=lambda a: (self.rules.card_cost(view, self.side, a),
                                           -self._value(a), a)))
        # 2. a betrayal is answered with one mild competitive card
        if posture == "D":
            comp = [a for a in legal if actions[a].stance == "competitive" and fits(a)
                    and not any(k == "risk" and d > 0 for k, _, _, d, _ in self.rules.effects[a])]
            if comp:
                take(min(comp, key=lambda a: (self._harm(a), self.rules.card_cost(view, self.side, a), a)))
        # 3. grow in complementary fields (neutral cards), then further cooperative steps
        want = ("neutral",) if posture == "D" else ("neutral", "cooperative")
        rest = sorted((a for a in legal if actions[a].stance in want),
                      key=lambda a: (-self._value(a) * self.rules.fatigue_scale(view, self.side, a)
                                     / (1.0 + actions[a].cost), a))
        for a in rest:
            if fits(a) and (posture == "C" or actions[a].stance != "cooperative"):
                take(a)
        return self.choose({"kind": "orders", "actions": picked},
                           {"k": "tx_play", "cards": picked, "reason": why})
