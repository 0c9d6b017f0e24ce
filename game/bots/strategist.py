"""Strategist: a search-based planner with a model of its opponent.

How it decides, at every decision, from its own view only:

1. **Which kind of player is the other side?** A Bayesian model over the textbook
   personalities (dove, hawk, tit-for-tat, generous, grim, pavlov, random) and the
   transactional doctrine. Each turn of public history updates the posterior: the other
   side's revealed posture is compared with what each personality would have done given
   what the world saw. A small tremble keeps every type possible, so fog and unmodelled
   players cannot drive a probability to zero.
2. **Determinize.** It builds a few possible worlds consistent with its view: a fresh random
   stream of its own, a secret objective for the other side drawn from the scenario's list,
   the truth behind unrevealed incidents drawn from the event's odds, the other side's
   not-yet-revealed input and all its future play drawn from a personality sampled from the
   posterior (worlds are split between types in proportion to their probability, so the
   weights stay exact). It never reads what its view hides.
3. **Search.** Each candidate decision (order sets of several shapes, answers to offers,
   proposals, news responses) is followed in every world by a *plan* for its own later play
   (reciprocate, cooperate, compete, forgive); the game is simulated with the engine's own
   rules, to the end or to a horizon with the recent trend extrapolated. A candidate is worth
   the best plan's mean final score. All candidates share the same worlds (common random
   numbers), so differences between them are not drowned in luck.
4. **Explain.** The sentence names what it chose, the player it thinks it faces, and the
   expected difference against the best alternative. It is given as data (``say``, see
   ``speech``), so it reads in the player's language; the English rendering is ``why``.

Levels trade thinking for speed: ``easy`` ignores the history when judging its opponent and
looks a few turns ahead in two worlds; ``hard`` uses more worlds, more candidates and plans,
and looks to the end of the game.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import product
from weakref import WeakKeyDictionary

from ..engine.rng import Stream
from ..engine.rules import IllegalMove
from ..engine.state import HIDDEN, GameState
from .base import VERIFY_PREFERENCE, Bot, Choice
from .simple import Dove, Generous, Grim, Hawk, Pavlov, RandomBot, TitForTat
from .transactional import Transactional, posture_from_history

TYPES = ("dove", "hawk", "tit-for-tat", "generous", "grim", "pavlov", "random", "transactional")
TYPE_CLASS = {"dove": Dove, "hawk": Hawk, "tit-for-tat": TitForTat, "generous": Generous,
              "grim": Grim, "pavlov": Pavlov, "random": RandomBot, "transactional": Transactional}
# The words for a type of player (``why.st_type_*``), an own plan (``why.st_plan_*``) and a
# verification (``why.st_ver_*``) live in the UI texts, in every language.


def _type_say(kind: str) -> dict:
    return {"k": "st_type_" + kind.replace("-", "_")}


def _plan_say(plan: str) -> dict:
    return {"k": "st_plan_" + plan.replace("-", "_")}


def _ver_say(verification: str) -> dict:
    return {"k": "st_ver_" + verification}


@dataclass(frozen=True)
class Level:
    worlds: int  # determinized worlds when choosing orders
    talk_worlds: int  # ... when answering news and negotiating
    horizon: int  # turns simulated after the current one (then the trend is extrapolated)
    candidates: int  # order sets considered
    finalists: int  # order sets re-examined under every plan
    proposals: int  # offers considered for proposing
    plans: tuple  # own continuation plans considered at orders
    model: bool  # learn the opponent's type from history


LEVELS = {
    "easy": Level(worlds=2, talk_worlds=1, horizon=1, candidates=3, finalists=1, proposals=1,
                  plans=("tit-for-tat",), model=False),
    "normal": Level(worlds=3, talk_worlds=2, horizon=2, candidates=5, finalists=2, proposals=2,
                    plans=("tit-for-tat", "dove", "hawk"), model=True),
    "hard": Level(worlds=6, talk_worlds=3, horizon=4, candidates=7, finalists=2, proposals=3,
                  plans=("tit-for-tat", "dove", "hawk", "generous"), model=True),
}
CLASSIC_HORIZON = {"easy": 3, "normal": 6, "hard": 10}


# =======================================================================================
# The opponent model

class OpponentModel:
    """P(type | public history) over ``TYPES``, updated turn by turn."""

    def __init__(self, rules, side: str, foe: str, noise: float, learn: bool = True):
        self.rules = rules
        self.side, self.foe = side, foe
        self.learn = learn
        pay = rules.r.payoffs
        self.forgive = max(0.0, min(1 - (pay["T"] - pay["R"]) / (pay["R"] - pay["S"]),
                                    (pay["R"] - pay["P"]) / (pay["T"] - pay["P"])))
        # trembles: fog flips classic moves; in the full game a personality sometimes has no
        # card of its stance it can afford, or meets a rule it did not plan for
        self.eps = min(0.3, (noise + 0.02) if rules.classic else 0.08)
        self.logp = {t: 0.0 for t in TYPES}
        self.seen = 0

    def p_coop(self, kind: str, hist: list) -> float:
        """Chance that a player of ``kind`` on the foe's seat cooperates after ``hist``."""
        me, foe = self.side, self.foe
        if kind == "dove":
            return 1.0
        if kind == "hawk":
            return 0.0
        if kind == "random":
            return 0.5
        if kind == "transactional":
            return 1.0 if posture_from_history(hist, foe, me) == "C" else 0.0
        if not hist:
            return 1.0
        last = hist[-1]
        mine = last.public.get(me, "C")
        if kind == "tit-for-tat":
            return 1.0 if mine == "C" else 0.0
        if kind == "generous":
            return 1.0 if mine == "C" else self.forgive
        if kind == "grim":
            return 0.0 if any(h.public.get(me) == "D" for h in hist) else 1.0
        if kind == "pavlov":
            own = last.posture.get(foe, "C")
            if mine == "C":
                return 1.0 if own == "C" else 0.0
            return 0.0 if own == "C" else 1.0
        return 0.5

    def observe(self, history: list) -> None:
        if not self.learn:
            return
        while self.seen < len(history):
            i = self.seen
            did = history[i].posture.get(self.foe)
            if did in ("C", "D"):
                for t in TYPES:
                    p = self.p_coop(t, history[:i])
                    p = self.eps + (1 - 2 * self.eps) * p
                    self.logp[t] += math.log(p if did == "C" else 1.0 - p)
            self.seen += 1

    def posterior(self) -> dict:
        top = max(self.logp.values())
        w = {t: math.exp(v - top) for t, v in self.logp.items()}
        z = sum(w.values())
        return {t: w[t] / z for t in TYPES}

    def likely(self) -> tuple[str, float]:
        post = self.posterior()
        t = max(TYPES, key=lambda k: (post[k], -TYPES.index(k)))
        return t, post[t]


# =======================================================================================
# The strategist

@dataclass
class World:
    kind: str  # the opponent's personality in this world
    weight: float
    seed: int
    objective: str | None


class Strategist(Bot):
    name = "strategist"
    description = ("Plans by simulating the game forward in sampled worlds, with a model of "
                   "which kind of player it faces; levels easy, normal, hard.")
    levels = tuple(LEVELS)

    def __init__(self, engine, side, seed=0, level="normal"):
        level = level if level in LEVELS else "normal"
        super().__init__(engine, side, seed=seed, level=level)
        self.cfg = LEVELS[level]
        self.seed = int(seed)
        self.model: OpponentModel | None = None
        self.plan = "tit-for-tat"  # own continuation plan, revised at every orders decision

    # -- the protocol ----------------------------------------------------------------------
    def act(self, view: GameState, kind: str) -> Choice:
        if self.model is None:
            self.model = OpponentModel(self.rules, self.side, self.foe, view.noise,
                                       learn=self.cfg.model)
        self.model.observe(view.history)
        if kind == "response":
            return self._respond(view)
        if kind == "talk":
            return self._talk(view)
        return self._orders(view)

    # -- worlds ----------------------------------------------------------------------------
    def _decision_seed(self, view: GameState, salt: int = 0) -> int:
        phase = ("news", "talks", "orders").index(view.phase) if view.phase in ("news", "talks", "orders") else 3
        x = (self.seed * 1_000_003 + (0 if self.side == "us" else 7) + view.turn * 101
             + phase * 17 + view.talk_round * 5 + salt * 7919)
        return x & 0x7FFFFFFFFFFF

    def _worlds(self, view: GameState, n: int) -> list[World]:
        post = self.model.posterior()
        ranked = sorted(TYPES, key=lambda t: (-post[t], TYPES.index(t)))
        chosen = [t for t in ranked if post[t] >= 0.04][:n] or ranked[:1]
        mass = sum(post[t] for t in chosen)
        # at least one world per chosen type, the rest by largest remainder
        counts = {t: 1 for t in chosen}
        spare = n - len(chosen)
        if spare > 0:
            quota = {t: post[t] / mass * n - 1 for t in chosen}
            for _ in range(spare):
                t = max(chosen, key=lambda k: (quota[k], -ranked.index(k)))
                counts[t] += 1
                quota[t] -= 1
        rng = Stream(self._decision_seed(view, 1))
        objs = self.rules.scenario.objectives.get(self.foe, [])
        worlds = []
        for t in chosen:
            for _ in range(counts[t]):
                seed = int(rng.random() * 2**47)
                obj = objs[int(rng.random() * len(objs))] if objs else None
                worlds.append(World(t, post[t] / mass / counts[t], seed, obj))
        return worlds

    def _determinize(self, view: GameState, world: World) -> GameState:
        st = view.clone()
        st.rng = Stream(world.seed)
        st.seed = world.seed
        st.sides[self.foe].objective = world.objective
        events = self.rules.pack.events
        for inc in st.incidents:
            if inc.false_flag is None:
                ev = events.get(inc.source) if inc.kind == "event" else None
                p = ev.fog.false_flag if ev is not None and ev.fog else 1.0
                inc.false_flag = st.rng.chance(p)
        if st.pending.get(self.foe) == HIDDEN:
            del st.pending[self.foe]
        return st

    def _bot(self, kind: str, side: str, seed: int) -> Bot:
        return _fast_class(kind)(self.engine, side, seed=seed)

    # -- simulation ------------------------------------------------------------------------
    def _horizon(self, view: GameState) -> int:
        if self.rules.classic:
            return view.turn + CLASSIC_HORIZON[self.level]
        return view.turn + self.cfg.horizon

    def _rollout(self, st: GameState, first: dict, plan: str, world: World, stop: int) -> float:
        rules, me = self.rules, self.side
        bots = {me: self._bot(plan, me, world.seed + 1), self.foe: self._bot(world.kind, self.foe, world.seed)}
        try:
            rules.submit(st, me, first)
        except IllegalMove:
            return -1e9
        marks = []
        turn = st.turn
        while st.phase != "over":
            if st.turn != turn:
                turn = st.turn
                marks.append(rules.final_score(st, me))
                if turn > stop:
                    break
            for side, kind in rules.awaiting(st).items():
                try:
                    rules.submit(st, side, bots[side].act(st, kind).decision)
                except IllegalMove:
                    rules.submit(st, side, _fallback(kind, rules, st, side))
            rules.advance(st)
        value = rules.final_score(st, me)
        if st.phase != "over":
            # the trend since this turn settled, carried on for at most twice the
            # simulated span: beyond that one decision's echo is lost in the noise
            span = max(1, len(marks) - 1)
            left = min(st.turns - st.turn + 1, 2 * span)
            if len(marks) >= 2:
                value += left * (marks[-1] - marks[0]) / span
            obj = st.sides[me].objective
            if obj and not rules.classic and rules.objective_met(st, me, obj):
                value += 0.5 * rules.w.final_national * rules.pack.objectives[obj].bonus
        return value

    def _evaluate(self, view: GameState, candidates: list[dict], plans: tuple,
                  worlds: list[World]) -> list[tuple[float, str]]:
        """For each candidate, (best expected final score over plans, that plan)."""
        stop = self._horizon(view)
        bases = [self._determinize(view, w) for w in worlds]
        out = []
        for cand in candidates:
            best = None
            for plan in plans:
                v = 0.0
                for w, base in zip(worlds, bases):
                    v += w.weight * self._rollout(base.clone(), cand, plan, w, stop)
                if best is None or v > best[0] + 1e-9:
                    best = (v, plan)
            out.append(best)
        return out

    # -- describing (as data: see ``speech``) -----------------------------------------------
    def _belief(self, view: GameState) -> dict:
        foe = self.foe
        if not self.cfg.model or not view.history:
            return {"k": "st_unknown", "foe": foe}
        t, p = self.model.likely()
        if p >= 0.4:
            return {"k": "st_looks_like", "foe": foe, "kind": _type_say(t), "p": p}
        n = len(view.history)
        k = sum(1 for h in view.history if h.posture.get(self.foe) == "C")
        if k == n:
            return {"k": "st_always_coop", "foe": foe}
        if k == 0:
            return {"k": "st_always_comp", "foe": foe}
        return {"k": "st_mixed", "foe": foe, "coop": k, "n": n}

    def _betrayal_note(self, view: GameState):
        """Data for a betrayal worth naming first, or "" when there is none."""
        broke = [(d, b[0]) for d in view.deals for b in d.breaches if b[1] == self.foe and b[2]]
        if broke:
            d, t = broke[-1]
            return {"k": "st_broke", "foe": self.foe, "offer": d.offer, "turn": t}
        bad = [h.turn for h in view.history
               if h.posture.get(self.foe) == "D" and h.posture.get(self.side) == "C"]
        if bad and view.history and bad[-1] == view.history[-1].turn:
            return {"k": "st_betrayed", "foe": self.foe, "turn": bad[-1]}
        return ""

    # =====================================================================================
    # News responses

    def _respond(self, view: GameState) -> Choice:
        opts = self.engine.response_options(view, self.side)
        event = view.current.event
        if len(opts) == 1:
            return self.choose({"kind": "response", "option": opts[0]},
                               {"k": "st_only_answer", "option": opts[0], "event": event})
        cands = [{"kind": "response", "option": o} for o in opts]
        worlds = self._worlds(view, self.cfg.talk_worlds)
        vals = self._evaluate(view, cands, (self.plan,), worlds)
        i = _argmax(vals)
        runner = max(v for j, (v, _) in enumerate(vals) if j != i)
        return self.choose(cands[i], {"k": "st_answer", "option": opts[i], "event": event,
                                      "belief": self._belief(view), "margin": vals[i][0] - runner})

    # =====================================================================================
    # Talks

    def _terms(self, view: GameState, oid: str) -> dict | None:
        o = self.rules.pack.offers[oid]
        choices = self.rules.verification_choices(view, oid)
        if not choices:
            return None
        cap = view.sides[self.side].capital
        cheated = any(b[1] == self.foe and b[2] for d in view.deals for b in d.breaches)
        prefs = VERIFY_PREFERENCE
        if cheated:  # after a detected breach, only sign what can be checked
            prefs = ("joint_testing", "inspections")
        ver = next((v for v in prefs if v in choices
                    and self.rules.r.verification_cost[v] <= max(0.0, cap - 2)), None)
        if ver is None:
            if cheated:
                return None
            ver = choices[-1]
        return {"offer": oid, "duration": min(o.terms.durations), "verification": ver}

    def _talk(self, view: GameState) -> Choice:
        mine = self.open_offers_to_me(view)
        can_propose = view.talk_round < self.rules.r.talk_rounds
        props: list = []
        if can_propose:
            size = {"small": 0, "medium": 1, "large": 2}
            offers = sorted(self.engine.legal_offers(view, self.side),
                            key=lambda o: (size[self.rules.pack.offers[o].size], o))
            for oid in offers:
                t = self._terms(view, oid)
                if t:
                    props.append(t)
                if len(props) >= self.cfg.proposals:
                    break
        if not mine and not props:
            return self.choose({"kind": "talk", "responses": {}, "propose": None, "message": None},
                               {"k": "st_talk_nothing"})
        worlds = self._worlds(view, self.cfg.talk_worlds)
        # 1. answers: every accept/reject combination (offers to me are few)
        answer_sets = [dict(zip([str(o["id"]) for o in mine], combo))
                       for combo in product(("accept", "reject"), repeat=len(mine))][:8]
        if not answer_sets:
            answer_sets = [{}]
        cands = [{"kind": "talk", "responses": a, "propose": None, "message": None} for a in answer_sets]
        vals = self._evaluate(view, cands, (self.plan,), worlds) if len(cands) > 1 else [(0.0, self.plan)]
        ia = _argmax(vals)
        answers = answer_sets[ia]
        # 2. a proposal, given those answers
        prop, gain = None, 0.0
        if props:
            pc = [{"kind": "talk", "responses": answers, "propose": p, "message": None}
                  for p in [None] + props]
            pv = self._evaluate(view, pc, (self.plan,), worlds)
            ip = _argmax(pv)
            if ip > 0:
                prop, gain = props[ip - 1], pv[ip][0] - pv[0][0]
        parts: list = []
        for o in mine:
            verb = answers.get(str(o["id"]), "reject")
            parts.append({"k": "st_" + verb, "offer": o["offer"]})
        if parts and len(answer_sets) > 1:
            others = [v for j, (v, _) in enumerate(vals) if j != ia]
            parts[-1] = {"k": "st_answer_worth", "answer": parts[-1],
                         "margin": vals[ia][0] - max(others)}
        if prop:
            parts.append({"k": "st_propose", "offer": prop["offer"], "n": prop["duration"],
                          "ver": _ver_say(prop["verification"]), "gain": gain})
        elif props:
            parts.append({"k": "st_propose_nothing"})
        say = {"k": "cap", "body": {"k": "st_talk", "note": self._betrayal_note(view),
                                    "parts": parts, "belief": self._belief(view)}}
        return self.choose({"kind": "talk", "responses": answers, "propose": prop, "message": None},
                           say)

    # =====================================================================================
    # Orders

    def _orders(self, view: GameState) -> Choice:
        if self.rules.classic:
            cands = [["cooperate"], ["defect"]]
            shapes = ["C", "D"]
        else:
            cands, shapes = self._order_candidates(view)
        decisions = [{"kind": "orders", "actions": c} for c in cands]
        worlds = self._worlds(view, self.cfg.worlds)
        plans = self.cfg.plans if view.turn < view.turns else self.cfg.plans[:1]
        # every candidate under the current plan, then the finalists under every plan
        first = (self.plan,) if self.plan in plans else plans[:1]
        vals = self._evaluate(view, decisions, first, worlds)
        others = tuple(p for p in plans if p not in first)
        if others and len(decisions) > 1:
            order = sorted(range(len(decisions)), key=lambda j: (-vals[j][0], j))
            top = order[:self.cfg.finalists]
            more = self._evaluate(view, [decisions[j] for j in top], others, worlds)
            for j, m in zip(top, more):
                if m[0] > vals[j][0] + 1e-9:
                    vals[j] = m
        i = _argmax(vals)
        self.plan = vals[i][1]
        return self.choose(decisions[i], self._orders_why(view, cands, shapes, vals, i))

    def _order_candidates(self, view: GameState) -> tuple[list, list]:
        rules, me = self.rules, self.side
        actions = rules.actions
        legal = self.engine.legal_actions(view, me)
        forbid = self.forbidden_tags(view)
        keeps = [a for a in legal if not forbid.intersection(actions[a].tags)]
        value = self._card_values(view, legal)
        cap = view.sides[me].capital
        maxc = rules.r.max_cards

        def greedy(pool, must=None):
            picked, budget = [], cap
            if must:
                c = rules.card_cost(view, me, must)
                if c > budget:
                    return None
                picked.append(must)
                budget -= c
            for a in sorted(pool, key=lambda a: (-value[a] / (1.0 + rules.card_cost(view, me, a)), a)):
                if len(picked) >= maxc:
                    break
                c = rules.card_cost(view, me, a)
                if a not in picked and c <= budget and value[a] > 0:
                    picked.append(a)
                    budget -= c
            return picked

        st = lambda a: actions[a].stance  # noqa: E731
        coop = [a for a in keeps if st(a) == "cooperative"]
        neut = [a for a in keeps if st(a) == "neutral"]
        comp = [a for a in keeps if st(a) == "competitive"]
        out, shapes = [], []

        def add(cards, shape):
            if cards is None:
                return
            key = sorted(cards)
            if all(sorted(c) != key for c in out):
                out.append(list(cards))
                shapes.append(shape)

        best_coop = max(coop, key=lambda a: (value[a], a), default=None)
        best_comp = max(comp, key=lambda a: (value[a], a), default=None)
        add(greedy(coop + neut), "C")
        if best_coop:
            add(greedy(coop + neut, must=best_coop), "C")
        if best_comp:
            add(greedy(comp + neut), "D")
            add(greedy(neut, must=best_comp), "D")
        add(greedy(neut), "N")
        breach = [a for a in legal if a not in keeps]
        if breach:
            b = max(breach, key=lambda a: (value[a], a))
            add(greedy([a for a in legal if st(a) != "cooperative"], must=b), "B")
        chan = [a for a in coop if any(k == "open" or (k == "channel" and d > 0)
                                       for k, _, _, d, _ in rules.effects[a])]
        if chan:
            add(greedy(coop + neut, must=min(chan, key=lambda a: (rules.card_cost(view, me, a), a))), "C")
        add([], "N")
        n = self.cfg.candidates
        return out[:n], shapes[:n]

    def _card_values(self, view: GameState, legal: list) -> dict:
        """Each card's worth over one turn on its own, simulated against the opponent's most
        likely orders, plus its static read (which sees effects beyond this turn)."""
        me = self.side
        kind, _ = self.model.likely() if self.cfg.model else ("tit-for-tat", 1.0)
        w = World(kind, 1.0, self._decision_seed(view, 2), None)
        base = self._determinize(view, w)
        foe_bot = self._bot(kind, self.foe, w.seed)
        if self.foe not in base.pending:
            try:
                self.rules.submit(base, self.foe, foe_bot.act(base, "orders").decision)
            except IllegalMove:
                self.rules.submit(base, self.foe, {"kind": "orders", "actions": []})

        def after(cards):
            s = base.clone()
            self.rules.submit(s, me, {"kind": "orders", "actions": cards})
            self.rules.advance(s)  # orders -> resolution
            self.rules.advance(s)  # resolution -> assessment
            return self.rules.final_score(s, me)

        zero = after([])
        return {a: (after([a]) - zero) + 0.5 * self.card_value(view, a) for a in legal}

    def _orders_why(self, view, cands, shapes, vals, i) -> dict:
        cards = cands[i]
        shape = shapes[i]
        say = {"cards": cards, "note": self._betrayal_note(view), "belief": self._belief(view)}
        then = "" if view.turn >= view.turns else {"k": "st_then", "plan": _plan_say(vals[i][1])}
        others = [(v, shapes[j]) for j, (v, _) in enumerate(vals) if j != i]
        if not others:
            return dict(say, k="st_play")
        opposite = [v for v, s in others if (s == "D") != (shape in ("D", "B"))]
        if shape == "B":
            tags = {tag for a in cards for tag in self.rules.actions[a].tags}
            d = [x for x in view.active_deals()
                 if self.rules.offer_fx[x.offer][4][self.side].intersection(tags)]
            what = {"k": "st_breaking", "offer": d[0].offer} if d else {"k": "st_pays_best"}
            margin = vals[i][0] - max(v for v, _ in others)
            return dict(say, k="st_play_breach", what=what, margin=margin, then=then)
        if opposite:
            margin = vals[i][0] - max(opposite)
            k = "st_play_compete" if shape == "D" else "st_play_hold_back"
            return dict(say, k=k, margin=margin, then=then)
        margin = vals[i][0] - max(v for v, _ in others)
        return dict(say, k="st_play_other", margin=margin, then=then)


# =======================================================================================
# helpers

_FAST: dict = {}
_MEMO: WeakKeyDictionary = WeakKeyDictionary()  # rules -> {(side, card): value}


def _fast_class(kind: str) -> type:
    """The personality's class with its card reading memoised: a card's static value never
    changes during a game, and the simulations ask for it many thousand times."""
    cls = _FAST.get(kind)
    if cls is None:
        base = TYPE_CLASS[kind]

        def card_value(self, view, aid, _orig=base.card_value):
            memo = _MEMO.setdefault(self.rules, {})
            key = (self.side, aid)
            v = memo.get(key)
            if v is None:
                v = memo[key] = _orig(self, view, aid)
            return v

        cls = _FAST[kind] = type(base.__name__, (base,), {"card_value": card_value})
    return cls


def _argmax(vals: list) -> int:
    best = 0
    for j, (v, _) in enumerate(vals):
        if v > vals[best][0] + 1e-9:
            best = j
    return best


def _fallback(kind: str, rules, st: GameState, side: str) -> dict:
    if kind == "response":
        return {"kind": "response", "option": rules.response_options(st, side)[0]}
    if kind == "talk":
        return {"kind": "talk", "responses": {}, "propose": None, "message": None}
    if rules.classic:
        return {"kind": "orders", "actions": ["cooperate"]}
    return {"kind": "orders", "actions": []}
