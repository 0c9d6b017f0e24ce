"""The rules of New Yalta: phases, resolution and scoring.

``Rules`` compiles a content pack once and then works on game states. Functions whose
names start with ``_`` mutate the state they are handed (always a private copy made by the
public verbs in ``api``). Every change of every number goes through ``_change`` and is
recorded with its cause, so the log, the report and the bots' explanations all read the
same record.

``game.fastsim`` plays games between simple bots a second time, in one loop over plain
numbers, for batch simulation. A change to a phase or a formula here must be made there too:
``tests/engine/test_fastsim.py`` compares the two and says where they part.
"""

from __future__ import annotations

from typing import Optional

from ..content import schema as S
from ..content.loader import Pack
from .rng import Stream
from .state import (PHASES, RISKS, SIDES, STATS, ChannelState, Deal, GameState, Incident,
                    Side, TurnRecord, other, snapshot)

STAT_MAX = {"capital": 20.0}
ENDINGS = ("new_yalta", "parallel_worlds", "race_to_bottom", "suckers_payoff",
           "managed_rivalry", "gunfight", "catastrophe", "classic")
MAX_MESSAGE = 280


_WANT = {"talks": "talk", "orders": "orders"}  # the input a phase asks of every side
_TARGETS: dict = {}  # target text -> (kind, key, upper bound), filled as targets are met


def _target(target: str) -> tuple:
    """How ``_change`` reaches a number named like "us.capital", "trust" or "risk.bio"."""
    head, _, rest = target.partition(".")
    if head in SIDES:
        t = (0, (head, rest), STAT_MAX.get(rest, 100.0))
    elif head in ("trust", "tension"):
        t = (1, head, 100.0)
    elif head == "welfare":
        t = (2, None, None)
    elif head in ("risk", "channel", "swing"):
        t = ({"risk": 3, "channel": 4, "swing": 5}[head], rest, 100.0)
    else:  # pragma: no cover - compiled targets are checked by the schema
        raise ValueError(target)
    _TARGETS[target] = t
    return t


class IllegalMove(ValueError):
    """An input that the rules do not accept. ``key`` names why (``illegal.KEY`` in the UI
    texts, in every language) and ``fields`` fill the sentence in; ``str()`` is the English
    sentence and ``text(lang)`` the sentence in ``lang``."""

    def __init__(self, key: str, /, **fields):
        super().__init__(key)
        self.key = key
        self.fields = fields

    def text(self, lang: str = "en") -> str:
        from ..i18n import t  # texts only: the engine knows nothing of any screen

        fields = dict(self.fields)
        for name in ("side", "awaited"):  # sides and phases are said in the language too
            v = fields.get(name)
            if v in SIDES:
                fields[name] = t(f"side.{v}", lang)
            elif isinstance(v, tuple):
                fields[name] = t("illegal.and", lang).join(t(f"side.{x}", lang) for x in v)
        for name in ("phase", "now_phase"):
            if fields.get(name) in PHASES:
                fields[name] = t(f"phase.{fields[name]}", lang)
        return t(f"illegal.{self.key}", lang, **fields)

    def __str__(self) -> str:
        return self.text("en")

    def __reduce__(self):  # survives pickling (worker processes) with its fields
        return (_illegal, (self.key, self.fields))


def _illegal(key: str, fields: dict) -> IllegalMove:
    return IllegalMove(key, **fields)


def _compile_effects(effects) -> tuple:
    out = []
    for e in effects:
        if e.open is not None:
            out.append(("open", None, e.open, 0.0, e.chance))
        elif e.close is not None:
            out.append(("close", None, e.close, 0.0, e.chance))
        else:
            head, _, rest = e.stat.partition(".")
            if head in ("self", "other", "us", "cn"):
                out.append(("side", head, rest, float(e.delta), e.chance))
            elif head in ("trust", "tension", "welfare"):
                out.append((head, None, None, float(e.delta), e.chance))
            else:  # risk / channel / swing
                out.append((head, None, rest, float(e.delta), e.chance))
    return tuple(out)


def _met(st: GameState, c: tuple, side: Optional[str]) -> bool:
    """Whether a compiled requirement (not ``True``) holds in ``st`` for ``side``."""
    min_trust, max_trust, min_tension, max_tension, min_turn, channels, stats = c
    if not (min_trust <= st.trust <= max_trust and min_tension <= st.tension <= max_tension):
        return False
    if st.turn < min_turn:
        return False
    for ch_id in channels:
        ch = st.channels.get(ch_id)
        if ch is None or not ch.open:
            return False
    if stats and side is not None:
        for who, stat, v in stats:
            s = side if who == "self" else other(side)
            if getattr(st.sides[s], stat) < v:
                return False
    return True


def _compile_requires(req: S.Requires):
    """True when a requirement asks nothing, else a tuple that is quick to test."""
    default = S.Requires()
    if req == default:
        return True
    stats = tuple((k.partition(".")[0], k.partition(".")[2], v) for k, v in req.min_stat.items())
    return (req.min_trust, req.max_trust, req.min_tension, req.max_tension, req.min_turn,
            tuple(req.channels_open), stats)


class Rules:
    """A pack's rules, compiled for one scenario."""

    def __init__(self, pack: Pack, scenario_id: str | None = None):
        self.pack = pack
        self.scenario = pack.scenario(scenario_id)
        self.r = self.scenario.rules
        self.w = self.scenario.scoring
        self.classic = self.r.mode == "classic"
        self.actions = pack.actions
        self.effects = {aid: _compile_effects(a.effects) for aid, a in pack.actions.items()}
        self.side_actions = {s: [a.id for a in pack.actions_for(s)] for s in SIDES}
        self.side_set = {s: frozenset(v) for s, v in self.side_actions.items()}
        self.offer_fx = {
            oid: (_compile_effects(o.on_sign), _compile_effects(o.benefits_each),
                  _compile_effects(o.benefits_shared),
                  {s: _compile_effects(o.gives[s].effects_per_turn) for s in SIDES},
                  {s: frozenset(o.gives[s].forbid_tags) for s in SIDES})
            for oid, o in pack.offers.items()
        }
        self.event_fx = {eid: _compile_effects(e.effects) for eid, e in pack.events.items()}
        self.option_fx = {
            (eid, o.id): _compile_effects(o.effects)
            for eid, e in pack.events.items() if e.responses for o in e.responses.options
        }
        self.era_of = {}
        for era, span in self.scenario.eras.items():
            if span:
                for t in range(span[0], span[-1] + 1):
                    self.era_of[t] = era
        self.events_by_era = {e: [ev for ev in pack.events.values() if ev.era == e] for e in S.ERAS}
        self._req_cache: dict = {}
        # requirements compiled once, for the checks made many times a turn
        self._cards = {s: [(aid, _compile_requires(pack.actions[aid].requires), pack.actions[aid].cost,
                            pack.actions[aid].stance == "cooperative") for aid in self.side_actions[s]]
                       for s in SIDES}
        self._offer_reqs = [(oid, _compile_requires(o.requires)) for oid, o in pack.offers.items()]
        self._era_events = {
            era: [(ev, _compile_requires(ev.requires),
                   tuple((_compile_requires(m.when), m.factor) for m in ev.weight_mods))
                  for ev in evs]
            for era, evs in self.events_by_era.items()}

    # ===================================================================================
    # Setting up

    def new_state(self, seed: int, turns: int | None = None, noise: float = 0.0,
                  options: dict | None = None, begin: bool = True) -> GameState:
        """A new game at its first turn's news. With ``begin=False`` the first turn is not
        begun yet (no noise, no event drawn): for loops that begin every turn themselves."""
        sc = self.scenario
        rng = Stream(seed)
        objectives = self.draw_objectives(rng)
        sides = {}
        for s in SIDES:
            st = sc.sides[s]
            sides[s] = Side(st.compute, st.capability, st.economy, st.security, st.influence,
                            st.capital, st.pressure, objectives[s])
        opts = {"channels": True, "deals": True, "verification": True}
        opts.update(options or {})
        channels = {}
        for cid in sorted(self.pack.channels):
            c = sc.channels.get(cid)
            is_open = bool(c and c.open and opts["channels"])
            channels[cid] = ChannelState(is_open, float(c.strength) if is_open else 0.0)
        state = GameState(
            pack=self.pack.id, scenario=sc.id, seed=int(seed), noise=float(noise),
            turns=int(turns or sc.turns), turn=1, phase="news",
            sides=sides,
            start={s: {k: getattr(sides[s], k) for k in STATS} for s in SIDES},
            trust=float(sc.trust), tension=float(sc.tension), welfare=0.0,
            risk={k: float(sc.risk.get(k, 0)) for k in RISKS},
            channels=channels,
            swing={sid: float(sc.swing.get(sid, self.pack.swing_states[sid].lean))
                   for sid in sorted(self.pack.swing_states)},
            deals=[], incidents=[], used_events=[], news_responders=[], pending={},
            talk_round=0, open_offers=[], history=[], current=TurnRecord(1), log=[], rng=rng,
            options=opts,
        )
        if begin:
            self._begin_turn(state)
        return state

    def draw_objectives(self, rng: Stream) -> dict:
        """Each side's secret objective, drawn from a new game's stream (us first)."""
        out = {}
        for s in SIDES:
            objs = self.scenario.objectives.get(s, [])
            out[s] = objs[int(rng.random() * len(objs))] if objs else None
        return out

    # ===================================================================================
    # Who must act

    def awaiting(self, st: GameState) -> dict:
        """side -> the kind of input awaited from it now ("response", "talk", "orders")."""
        if st.phase == "news":
            return {s: "response" for s in st.news_responders if s not in st.pending}
        if st.phase == "talks":
            return {s: "talk" for s in SIDES if s not in st.pending}
        if st.phase == "orders":
            return {s: "orders" for s in SIDES if s not in st.pending}
        return {}

    # ===================================================================================
    # Legality

    def _requires_ok(self, st: GameState, req: S.Requires, side: Optional[str]) -> bool:
        c = self._req_cache.get(id(req))
        if c is None:
            c = self._req_cache[id(req)] = _compile_requires(req)
        return c is True or _met(st, c, side)

    def card_cost(self, st: GameState, side: str, aid: str) -> int:
        a = self.actions[aid]
        cost = a.cost
        if (not self.classic and a.stance == "cooperative"
                and st.sides[side].pressure >= self.r.pressure_cost_threshold):
            cost += 1  # domestic hawks make every concession dearer
        return cost

    def fatigue_scale(self, st: GameState, side: str, aid: str) -> float:
        return self.fatigue_scales(st, side, (aid,))[0]

    def fatigue_scales(self, st: GameState, side: str, aids: list) -> list[float]:
        """``fatigue_scale`` of each card: the fatigue factor to the power of how many turns in
        a row, just before this one, ``side`` played it (at most 3); the last turns' orders are
        read once."""
        recent = [h.orders.get(side, ()) for h in reversed(st.history[-3:])]
        fatigue = self.r.fatigue
        out = []
        for aid in aids:
            k = 0
            for played in recent:
                if aid not in played:
                    break
                k += 1
            out.append(fatigue ** k if k else 1.0)
        return out

    def legal_actions(self, st: GameState, side: str) -> list[str]:
        """The cards a side may put in its orders now (each affordable on its own)."""
        if st.phase == "over":
            return []
        sd = st.sides[side]
        cap = sd.capital
        dear = not self.classic and sd.pressure >= self.r.pressure_cost_threshold
        classic = self.classic
        out = []
        for aid, req, cost, coop in self._cards[side]:
            if (req is True or _met(st, req, side)) and (
                    classic or cost + (1 if dear and coop else 0) <= cap):
                out.append(aid)
        return out

    def legal_offers(self, st: GameState, side: str) -> list[str]:
        if self.classic or not st.options.get("deals", True):
            return []
        active = {d.offer for d in st.deals if d.status == "active"}
        # a side may counter an open offer with the same template on other terms
        pending = {o["offer"] for o in st.open_offers if o["from"] == side}
        return [oid for oid, req in self._offer_reqs
                if oid not in active and oid not in pending
                and (req is True or _met(st, req, side))]

    def verification_choices(self, st: GameState, oid: str) -> list[str]:
        o = self.pack.offers[oid]
        out = []
        for v in o.terms.verification:
            if v == "joint_testing" and not (st.channels.get("joint_testing") and st.channels["joint_testing"].open):
                continue
            if not st.options.get("verification", True) and v != "none":
                continue
            out.append(v)
        return out or (["none"] if not st.options.get("verification", True) else [])

    def response_options(self, st: GameState, side: str) -> list[str]:
        ev = self.pack.events.get(st.current.event) if st.current.event else None
        if ev is None or ev.responses is None:
            return []
        cap = st.sides[side].capital
        return [o.id for o in ev.responses.options
                if o.cost <= cap and self._requires_ok(st, o.requires, side)]

    # ===================================================================================
    # Submitting input

    def submit(self, st: GameState, side: str, decision: dict) -> None:
        """Check and store one side's input for the current phase (mutates ``st``)."""
        if side not in SIDES:
            raise IllegalMove("unknown_side", side=repr(side))
        phase = st.phase
        if side in st.pending:
            want = None
        elif phase == "news":
            want = "response" if side in st.news_responders else None
        else:
            want = _WANT.get(phase)
        if want is None:
            if st.phase == "over":
                raise IllegalMove("over")
            raise IllegalMove("not_awaited", side=side, phase=st.phase)
        if not isinstance(decision, dict):
            raise IllegalMove("not_mapping")
        kind = decision.get("kind", want)
        if kind != want:
            raise IllegalMove("wrong_kind", side=side, want=want, kind=repr(kind))
        if want == "response":
            clean = self._check_response(st, side, decision)
        elif want == "talk":
            clean = self._check_talk(st, side, decision)
        else:
            clean = self._check_orders(st, side, decision)
        st.pending[side] = clean
        st.log.append([st.turn, st.phase, st.talk_round, side, clean])

    def _check_response(self, st, side, d) -> dict:
        opt = d.get("option")
        legal = self.response_options(st, side)
        if opt not in legal:
            raise IllegalMove("bad_response", option=repr(opt), legal=", ".join(legal))
        _reject_extra(d, {"kind", "option"})
        return {"kind": "response", "option": opt}

    def _check_talk(self, st, side, d) -> dict:
        _reject_extra(d, {"kind", "responses", "propose", "message"})
        answers = d.get("responses") or {}
        if not isinstance(answers, dict):
            raise IllegalMove("bad_responses")
        mine = {str(o["id"]): o for o in st.open_offers if o["to"] == side}
        clean_answers = {}
        for k, v in answers.items():
            if str(k) not in mine:
                raise IllegalMove("no_offer", offer=k, side=side)
            if v not in ("accept", "reject"):
                raise IllegalMove("bad_answer", offer=k, answer=repr(v))
            clean_answers[str(k)] = v
        prop = d.get("propose")
        clean_prop = None
        if prop:
            if st.talk_round >= self.r.talk_rounds:
                raise IllegalMove("last_round")
            if not isinstance(prop, dict):
                raise IllegalMove("bad_proposal")
            _reject_extra(prop, {"offer", "duration", "verification"})
            oid = prop.get("offer")
            if oid not in self.legal_offers(st, side):
                raise IllegalMove("cannot_propose", offer=repr(oid))
            o = self.pack.offers[oid]
            dur = prop.get("duration", o.terms.durations[0])
            if dur not in o.terms.durations:
                raise IllegalMove("bad_duration", duration=repr(dur), choices=", ".join(map(str, o.terms.durations)))
            choices = self.verification_choices(st, oid)
            ver = prop.get("verification", choices[0] if choices else None)
            if ver not in choices:
                raise IllegalMove("bad_verification", verification=repr(ver), choices=", ".join(choices))
            clean_prop = {"offer": oid, "duration": int(dur), "verification": ver}
        msg = d.get("message")
        if msg is not None:
            if not isinstance(msg, str):
                raise IllegalMove("bad_message")
            msg = " ".join(msg.split())[:MAX_MESSAGE] or None
        return {"kind": "talk", "responses": clean_answers, "propose": clean_prop, "message": msg}

    def _check_orders(self, st, side, d) -> dict:
        _reject_extra(d, {"kind", "actions"})
        acts = d.get("actions", [])
        if not isinstance(acts, list) or not all(isinstance(a, str) for a in acts):
            raise IllegalMove("bad_actions")
        if len(set(acts)) != len(acts):
            raise IllegalMove("card_twice")
        if acts:  # the same test as the cards offered to the side (legal_actions)
            legal = self.legal_actions(st, side)
            for a in acts:
                if a not in legal:
                    raise IllegalMove("cannot_play", card=repr(a), side=side)
        if self.classic:
            if len(acts) != 1:
                raise IllegalMove("classic_one_card")
        else:
            if len(acts) > self.r.max_cards:
                raise IllegalMove("too_many_cards", n=self.r.max_cards)
            total = sum(self.card_cost(st, side, a) for a in acts)
            if total > st.sides[side].capital:
                raise IllegalMove("over_budget", cost=total, side=side, capital=f"{st.sides[side].capital:g}")
        return {"kind": "orders", "actions": list(acts)}

    # ===================================================================================
    # Changing numbers, with reasons

    def _change(self, st: GameState, target: str, delta: float, cause: list) -> float:
        kind, key, hi = _TARGETS.get(target) or _target(target)
        if kind == 0:  # a side's stat
            obj = st.sides[key[0]]
            before = getattr(obj, key[1])
            after = before + delta
            after = hi if after > hi else 0.0 if after < 0.0 else after
            setattr(obj, key[1], after)
        elif kind == 1:  # trust, tension
            before = getattr(st, key)
            after = before + delta
            after = 100.0 if after > 100.0 else 0.0 if after < 0.0 else after
            setattr(st, key, after)
        elif kind == 2:  # welfare: unbounded
            before = st.welfare
            after = st.welfare = before + delta
        elif kind == 3:  # risk
            risk = st.risk
            before = risk[key]
            after = before + delta
            after = risk[key] = 100.0 if after > 100.0 else 0.0 if after < 0.0 else after
        elif kind == 4:  # a channel's strength, while it is open
            ch = st.channels[key]
            if not ch.open:
                return 0.0
            before = ch.strength
            after = before + delta
            after = ch.strength = 100.0 if after > 100.0 else 0.0 if after < 0.0 else after
        else:  # a swing state's lean
            swing = st.swing
            before = swing[key]
            after = before + delta
            after = swing[key] = 100.0 if after > 100.0 else -100.0 if after < -100.0 else after
        real = after - before
        if real != 0.0:
            st.current.changes.append([st.phase, target, real, after, cause])
        return real

    def _set_channel(self, st: GameState, cid: str, is_open: bool, cause: list) -> None:
        ch = st.channels.get(cid)
        if ch is None or ch.open == is_open:
            return
        if is_open and not st.options.get("channels", True):
            return
        ch.open = is_open
        if is_open:
            st.current.changes.append([st.phase, f"channel.{cid}", 1.0, 1.0, cause + ["opened"]])
            self._change(st, f"channel.{cid}", 30.0, cause)
        else:
            st.current.changes.append([st.phase, f"channel.{cid}", -ch.strength, 0.0, cause + ["closed"]])
            ch.strength = 0.0

    def _apply(self, st: GameState, effects: tuple, actor: Optional[str], cause: list, scale: float = 1.0) -> None:
        rng = st.rng
        for kind, who, what, delta, chance in effects:
            if chance < 1.0 and not rng.chance(chance):
                continue
            d = delta * scale
            if kind == "side":
                side = actor if who == "self" else other(actor) if who == "other" else who
                self._change(st, f"{side}.{what}", d, cause)
            elif kind in ("trust", "tension", "welfare"):
                self._change(st, kind, d, cause)
            elif kind == "risk":
                self._change(st, f"risk.{what}", d, cause)
            elif kind == "channel":
                self._change(st, f"channel.{what}", d, cause)
            elif kind == "swing":
                sign = -1.0 if actor == "cn" else 1.0
                self._change(st, f"swing.{what}", sign * d, cause)
            elif kind == "open":
                self._set_channel(st, what, True, cause)
            elif kind == "close":
                self._set_channel(st, what, False, cause)

    # ===================================================================================
    # Phases

    def advance(self, st: GameState, event: Optional[str] = None) -> None:
        """Do the work of the current phase and move to the next (mutates ``st``). From an
        assessment, ``event`` makes that event the next turn's news instead of a drawn one
        (a facilitator's injection); the draw still consumes the random stream as usual."""
        if event is not None and (st.phase != "assessment" or event not in self.pack.events):
            raise IllegalMove("bad_news", event=repr(event))
        if st.phase == "over":
            raise IllegalMove("over")
        waiting = self.awaiting(st)
        if waiting:
            raise IllegalMove("waiting", awaited=tuple(waiting))
        if st.phase == "news":
            self._finish_news(st)
        elif st.phase == "talks":
            self._talk_round(st)
        elif st.phase == "orders":
            st.current.orders = {s: list(st.pending[s]["actions"]) for s in SIDES}
            st.pending = {}
            st.phase = "resolution"
        elif st.phase == "resolution":
            if self.classic:
                self._resolve_classic(st)
            else:
                self._resolve(st)
            st.phase = "assessment"
        elif st.phase == "assessment":
            self._assess(st, event)

    def _begin_turn(self, st: GameState, event: Optional[str] = None) -> None:
        st.current = TurnRecord(st.turn)
        st.pending = {}
        st.news_responders = []
        st.open_offers = []
        st.talk_round = 0
        if self.classic:
            st.phase = "orders"
            return
        st.phase = "news"
        if st.turn > 1:
            self._income(st)
        self._forensics(st)
        self._noise(st)
        self._draw_event(st, event)

    def _income(self, st: GameState) -> None:
        for s in SIDES:
            cap = st.sides[s].capital
            gain = min(self.r.capital_income, self.r.capital_cap - cap)
            if gain > 0:
                self._change(st, f"{s}.capital", gain, ["rule", "income"])

    # -- news ----------------------------------------------------------------------------
    def _clarify_chance(self, st: GameState) -> float:
        """Open channels, and deals whose verification lets each side look, clear fog."""
        p = 0.0
        for cid, ch in st.channels.items():
            if ch.open:
                p += self.pack.channels[cid].clarify * ch.strength / 100.0
        for d in st.deals:
            if d.status == "active":
                p += self.r.verified_clarity.get(d.verification, 0.0)
        return min(0.9, p)

    def _new_incident(self, st, kind, source, blamed, confidence, false_flag, reveal_in) -> Incident:
        inc = Incident(st.next_id, st.turn, kind, source, blamed, confidence, false_flag,
                       st.turn + reveal_in)
        st.next_id += 1
        st.incidents.append(inc)
        st.current.incidents.append(inc.id)
        if st.rng.chance(self._clarify_chance(st)):
            inc.clarified = True
        return inc

    def _noise(self, st: GameState) -> None:
        if st.noise <= 0:
            return
        for s in SIDES:
            if st.rng.chance(st.noise):
                conf = st.rng.uniform(0.5, 0.9)
                inc = self._new_incident(st, "noise", None, s, conf, True, 2)
                scale = 0.4 if inc.clarified else 1.0
                cause = ["incident", inc.id]
                self._change(st, "trust", -self.r.noise_trust * conf * scale, cause)
                self._change(st, "tension", self.r.noise_tension * conf * scale, cause)

    def _forensics(self, st: GameState) -> None:
        for inc in st.incidents:
            if not inc.revealed and inc.reveal_turn <= st.turn:
                inc.revealed = True
                cause = ["forensics", inc.id]
                if inc.false_flag:
                    if not inc.clarified:
                        self._change(st, "trust", self.r.noise_trust * inc.confidence * 0.5, cause)
                else:
                    self._change(st, "trust", -2.0, cause)

    def _era(self, st: GameState) -> str:
        era = self.era_of.get(st.turn)
        if era is None:
            frac = (st.turn - 1) / max(1, st.turns)
            era = "early" if frac < 1 / 3 else "middle" if frac < 2 / 3 else "late"
        return era

    def _draw_event(self, st: GameState, forced: Optional[str] = None) -> None:
        if forced is not None:
            st.rng.random()  # the draw a one-candidate choice would make
            self._news(st, self.pack.events[forced])
            return
        cands, weights = [], []
        used = set(st.used_events)
        trust, tension = st.trust, st.tension
        for ev, req, mods in self._era_events[self._era(st)]:
            if ev.once and ev.id in used:
                continue
            if req is not True and not _met(st, req, None):
                continue
            w = ev.weight
            if ev.tone == "bad":
                w *= 1.0 + max(0.0, 50.0 - trust) / 50.0 + tension / 100.0
            elif ev.tone == "good":
                w *= 0.5 + trust / 50.0
            for when, factor in mods:
                if when is True or _met(st, when, None):
                    w *= factor
            cands.append(ev)
            weights.append(w)
        if not cands:
            return
        self._news(st, cands[st.rng.choice_index(weights)])

    def _news(self, st: GameState, ev) -> None:
        st.current.event = ev.id
        st.used_events.append(ev.id)
        cause = ["event", ev.id]
        blamed = None
        if ev.fog:
            f = ev.fog
            conf = st.rng.uniform(f.confidence[0], f.confidence[1])
            ff = st.rng.chance(f.false_flag)
            inc = self._new_incident(st, "event", ev.id, f.blamed, conf, ff, f.forensics_turns)
            blamed = f.blamed
            scale = 0.4 if inc.clarified else 1.0
            self._change(st, "trust", -self.r.noise_trust * conf * scale, cause)
        self._apply(st, self.event_fx[ev.id], None, cause)
        if ev.responses:
            who = ev.responses.side
            if who == "both":
                sides = list(SIDES)
            elif who == "victim":
                sides = [other(blamed)]
            elif who == "blamed":
                sides = [blamed]
            else:
                sides = [who]
            st.news_responders = [s for s in sides if self.response_options(st, s)]

    def _finish_news(self, st: GameState) -> None:
        ev = self.pack.events.get(st.current.event) if st.current.event else None
        for s in SIDES:
            d = st.pending.get(s)
            if d is None or ev is None:
                continue
            opt = next(o for o in ev.responses.options if o.id == d["option"])
            st.current.responses[s] = opt.id
            cause = ["response", s, ev.id, opt.id]
            if opt.cost:
                self._change(st, f"{s}.capital", -opt.cost, cause)
            self._apply(st, self.option_fx[(ev.id, opt.id)], s, cause)
        st.pending = {}
        st.news_responders = []
        if st.options.get("deals", True) and self.r.talk_rounds > 0:
            st.phase = "talks"
            st.talk_round = 1
        else:
            st.phase = "orders"

    # -- talks ---------------------------------------------------------------------------
    def _talk_round(self, st: GameState) -> None:
        rnd = st.talk_round
        moves = st.pending
        for o in st.open_offers:
            answer = moves[o["to"]]["responses"].get(str(o["id"]), "reject")
            rec = next(x for x in st.current.offers if x["id"] == o["id"])
            if answer == "accept" and o["offer"] not in {d.offer for d in st.active_deals()}:
                rec["status"] = "accepted"
                self._sign(st, o)
            else:
                rec["status"] = "rejected"
        st.open_offers = []
        any_new = False
        for s in SIDES:
            m = moves[s]
            if m.get("message"):
                st.current.messages.append([rnd, s, m["message"]])
            p = m.get("propose")
            if p:
                any_new = True
                offer = {"id": st.next_id, "from": s, "to": other(s), "offer": p["offer"],
                         "duration": p["duration"], "verification": p["verification"], "round": rnd}
                st.next_id += 1
                st.open_offers.append(offer)
                st.current.offers.append(dict(offer, status="open"))
        st.pending = {}
        if any_new and rnd < self.r.talk_rounds:
            st.talk_round = rnd + 1
        else:
            for o in st.open_offers:
                rec = next(x for x in st.current.offers if x["id"] == o["id"])
                rec["status"] = "expired"
            st.open_offers = []
            st.phase = "orders"
            st.talk_round = 0

    def _sign(self, st: GameState, o: dict) -> None:
        deal = Deal(o["id"], o["offer"], o["from"], o["duration"], o["verification"], st.turn,
                    st.turn + o["duration"] - 1)
        st.deals.append(deal)
        on_sign = self.offer_fx[o["offer"]][0]
        self._apply(st, on_sign, o["from"], ["deal", deal.id, "signed"])

    # -- resolution ----------------------------------------------------------------------
    def _dampen(self, st: GameState) -> float:
        d = 0.0
        for cid, ch in st.channels.items():
            if ch.open:
                d += self.pack.channels[cid].dampen * ch.strength / 100.0
        return min(0.8, d)

    def _resolve(self, st: GameState) -> None:
        r = self.r
        orders = st.current.orders
        rng = st.rng
        coop = {s: 0 for s in SIDES}
        comp = {s: 0 for s in SIDES}
        for s in SIDES:
            for aid in orders[s]:
                cost = self.card_cost(st, s, aid)
                cause = ["action", s, aid]
                if cost:
                    self._change(st, f"{s}.capital", -cost, cause)
        for s in SIDES:  # simultaneous: both order sets read the state as it stood
            for aid in orders[s]:
                self._apply(st, self.effects[aid], s, ["action", s, aid],
                            scale=self.fatigue_scale(st, s, aid))
                stance = self.actions[aid].stance
                if stance == "cooperative":
                    coop[s] += 1
                elif stance == "competitive":
                    comp[s] += 1
        for s, opt in st.current.responses.items():
            ev = self.pack.events[st.current.event]
            stance = next(o.stance for o in ev.responses.options if o.id == opt)
            if stance == "cooperative":
                coop[s] += 1
            elif stance == "competitive":
                comp[s] += 1

        # stance: trust is slow to build and fast to lose; competition climbs the ladder
        damp = self._dampen(st)
        for s in SIDES:
            if coop[s]:
                gain = r.trust_per_coop * coop[s] * (1.0 - st.trust / 120.0)
                self._change(st, "trust", gain, ["rule", "cooperation", s])
                self._change(st, "tension", -r.tension_per_coop * coop[s], ["rule", "cooperation", s])
            if comp[s]:
                self._change(st, "trust", -r.trust_per_comp * comp[s], ["rule", "competition", s])
                self._change(st, "tension", r.tension_per_comp * comp[s] * (1.0 - damp),
                             ["rule", "competition", s])

        # deals: obligations, compliance, verification, benefits
        breached = {s: False for s in SIDES}
        accused = {s: False for s in SIDES}
        for deal in st.active_deals():
            on_sign, each, shared, costs, forbid = self.offer_fx[deal.offer]
            cause = ["deal", deal.id]
            verify_bonus = sum(self.pack.channels[c].verify * ch.strength / 100.0
                               for c, ch in st.channels.items() if ch.open)
            p_detect = min(0.98, r.detection[deal.verification] + verify_bonus)
            broken_by = None
            for s in SIDES:
                bad = [a for a in orders[s] if forbid[s].intersection(self.actions[a].tags)]
                if bad:
                    detected = rng.chance(p_detect)
                    deal.breaches.append([st.turn, s, detected])
                    if detected:
                        broken_by = s
                        breached[s] = True
                    else:
                        st.secrets.append([st.turn, s, ["undetected_breach", deal.id]])
                elif rng.chance(r.false_alarm[deal.verification]):
                    deal.alarms.append([st.turn, s])
                    inc = self._new_incident(st, "alarm", str(deal.id), s, 0.7, True, 2)
                    accused[s] = not inc.clarified
                    broken_by = broken_by or s
            if broken_by is not None:
                deal.status = "broken" if breached[broken_by] else "collapsed"
                tag = "breach" if breached[broken_by] else "false_alarm"
                self._change(st, "trust", -r.breach_trust * (1.0 if breached[broken_by] else 0.5),
                             ["deal", deal.id, tag, broken_by])
                self._change(st, "tension", r.breach_tension, ["deal", deal.id, tag, broken_by])
                continue
            for s in SIDES:
                self._apply(st, each, s, cause + ["benefit"])
                self._apply(st, costs[s], s, cause + ["gives"])
                vc = r.verification_cost[deal.verification]
                if vc:
                    self._change(st, f"{s}.capital", -vc, cause + ["verification"])
            self._apply(st, shared, None, cause + ["benefit"])
            if deal.ends <= st.turn:
                deal.status = "kept"
                self._change(st, "trust", r.deal_kept_trust, cause + ["kept"])

        # postures: what each side did, and what the world saw
        posture, public = {}, {}
        blamed_now = {s: False for s in SIDES}
        for inc in st.incidents:
            if inc.turn == st.turn and not inc.clarified:
                blamed_now[inc.blamed] = True
        for s in SIDES:
            p = "C" if (comp[s] == 0 or coop[s] > comp[s]) and not breached[s] else "D"
            posture[s] = p
            public[s] = "D" if (p == "D" or blamed_now[s] or accused[s]) else "C"
        st.current.posture = posture
        st.current.public = public

        us, cn = posture["us"], posture["cn"]
        if us == "C" and cn == "C":
            self._change(st, "trust", r.mutual_coop_trust, ["rule", "mutual_cooperation"])
            self._change(st, "welfare", r.mutual_coop_welfare, ["rule", "mutual_cooperation"])
            for s in SIDES:
                self._change(st, f"{s}.pressure", -2.0, ["rule", "mutual_cooperation"])
                self._change(st, f"{s}.economy", r.mutual_coop_economy, ["rule", "mutual_cooperation"])
        elif us == "D" and cn == "D":
            self._change(st, "tension", r.mutual_comp_tension * (1.0 - damp), ["rule", "head_on_race"])
            for k in RISKS:
                self._change(st, f"risk.{k}", r.mutual_comp_risk, ["rule", "head_on_race"])
        else:
            sucker = "us" if us == "C" else "cn"
            self._change(st, f"{sucker}.pressure", r.exploit_pressure, ["rule", "exploited", sucker])
        for s in SIDES:
            if public[other(s)] == "D":
                self._change(st, f"{s}.pressure", 2.0, ["rule", "hostility_seen", other(s)])

        # tension relaxes by itself when nothing feeds it
        if st.tension > r.tension_floor:
            self._change(st, "tension", -(st.tension - r.tension_floor) * r.tension_relax,
                         ["rule", "relaxation"])

        # channels: contact builds trust; unused channels fade and lapse
        for cid, ch in st.channels.items():
            if not ch.open:
                continue
            spec = self.pack.channels[cid]
            if spec.trust_gain:
                self._change(st, "trust", spec.trust_gain * ch.strength / 100.0, ["channel", cid])
            self._change(st, f"channel.{cid}", -spec.decay, ["channel", cid, "decay"])
            if ch.strength <= 0.0:
                self._set_channel(st, cid, False, ["channel", cid, "lapsed"])

        # swing states drift toward the more influential side, and play both when courted
        gap = (st.sides["us"].influence - st.sides["cn"].influence) / 50.0
        courted = {s: set() for s in SIDES}
        for s in SIDES:
            for aid in orders[s]:
                for kind, _, what, _, _ in self.effects[aid]:
                    if kind == "swing":
                        courted[s].add(what)
        for sid in st.swing:
            if sid in courted["us"] and sid in courted["cn"]:
                for s in SIDES:
                    self._change(st, f"{s}.economy", -1.0, ["swing", sid, "plays_both"])
            self._change(st, f"swing.{sid}", r.swing_drift * gap, ["swing", sid, "drift"])

        # growth: compute feeds capability, capability feeds the economy; tension taxes both
        g = r.growth
        for s in SIDES:
            sd = st.sides[s]
            self._change(st, f"{s}.capability", g * (sd.compute - 40.0) / 40.0, ["rule", "growth"])
            self._change(st, f"{s}.economy", g * (0.5 + (sd.capability - 60.0) / 40.0 - st.tension / 100.0),
                         ["rule", "growth"])

        # risk: slow natural decay; joint testing of models pulls bio and autonomy down
        for k in RISKS:
            self._change(st, f"risk.{k}", -1.0, ["rule", "risk_decay"])
        jt = st.channels.get("joint_testing")
        if jt and jt.open and jt.strength > 0:
            for k in ("bio", "autonomy"):
                self._change(st, f"risk.{k}", -jt.strength / 40.0, ["channel", "joint_testing"])

        # global welfare accrues every turn
        econ = (st.sides["us"].economy + st.sides["cn"].economy) / 50.0
        mean_risk = sum(st.risk.values()) / len(st.risk)
        gain = (r.welfare_base + econ - st.tension * r.welfare_per_tension
                - mean_risk * r.welfare_per_risk + r.deal_welfare * len(st.active_deals()))
        self._change(st, "welfare", gain, ["rule", "welfare"])

        # sudden ends: the ladder's top, or a risk that materialises
        if st.tension >= 100.0:
            self._sudden(st, "gunfight", ["rule", "conflict"])
            return
        if st.tension >= r.conflict_threshold:
            x = (st.tension - r.conflict_threshold) / (100.0 - r.conflict_threshold)
            if rng.chance(r.conflict_chance * x * x * (1.0 - damp)):
                self._sudden(st, "gunfight", ["rule", "conflict"])
                return
        for k in RISKS:
            v = st.risk[k]
            if v > r.catastrophe_threshold:
                x = (v - r.catastrophe_threshold) / (100.0 - r.catastrophe_threshold)
                if rng.chance(r.catastrophe_scale * x * x):
                    self._sudden(st, "catastrophe", ["risk", k])
                    return

    def _sudden(self, st: GameState, ending: str, cause: list) -> None:
        st.ending = ending
        st.sudden = True
        self._change(st, "welfare", -abs(st.welfare) * self.r.welfare_collapse - 20.0, cause)

    def _resolve_classic(self, st: GameState) -> None:
        pay = self.r.payoffs
        played = {}
        for s in SIDES:
            a = st.current.orders[s][0]
            move = "C" if self.actions[a].stance == "cooperative" else "D"
            if st.noise > 0 and st.rng.chance(st.noise):
                move = "D" if move == "C" else "C"
                st.current.changes.append([st.phase, f"{s}.move", 0.0, 0.0, ["noise", s]])
            played[s] = move
        table = {("C", "C"): ("R", "R"), ("C", "D"): ("S", "T"),
                 ("D", "C"): ("T", "S"), ("D", "D"): ("P", "P")}
        ku, kc = table[(played["us"], played["cn"])]
        for s, k in (("us", ku), ("cn", kc)):
            sd = st.sides[s]
            sd.national += pay[k]
            st.current.changes.append([st.phase, f"{s}.national", pay[k], sd.national, ["payoff", k]])
        st.welfare += pay[ku] + pay[kc]
        st.current.changes.append([st.phase, "welfare", pay[ku] + pay[kc], st.welfare, ["payoff", ku + kc]])
        st.current.posture = dict(played)
        st.current.public = dict(played)

    # -- assessment ----------------------------------------------------------------------
    def national(self, st: GameState, side: str, final: bool = False) -> float:
        if self.classic:
            return st.sides[side].national
        sd = st.sides[side]
        base = st.start[side]
        score = 0.0
        for k, w in self.w.national.items():
            score += w * (getattr(sd, k) - base[k])
        sign = 1.0 if side == "us" else -1.0
        score += self.w.swing * sum([sign * v for v in st.swing.values()]) / 25.0
        if st.sudden:
            score -= self.r.ending_penalty
        if final and sd.objective and self.objective_met(st, side, sd.objective):
            score += self.pack.objectives[sd.objective].bonus
        return round(score, 6)

    def metric(self, st: GameState, side: str, metric: str) -> float:
        if metric == "trust":
            return st.trust
        if metric == "tension":
            return st.tension
        if metric == "welfare":
            return st.welfare
        if metric == "swing_count":
            sign = 1.0 if side == "us" else -1.0
            return float(sum(1 for v in st.swing.values() if sign * v > 0))
        if metric == "deals_kept":
            return float(sum(1 for d in st.deals if d.status == "kept"))
        who, _, stat = metric.partition(".")
        mine, theirs = getattr(st.sides[side], stat), getattr(st.sides[other(side)], stat)
        return mine if who == "self" else theirs if who == "other" else mine - theirs

    def objective_met(self, st: GameState, side: str, oid: str) -> bool:
        c = self.pack.objectives[oid].condition
        v = self.metric(st, side, c.metric)
        return (c.min is None or v >= c.min) and (c.max is None or v <= c.max)

    def final_score(self, st: GameState, side: str, national: float | None = None) -> float:
        """The side's final score; ``national`` may pass in ``national(st, side, final=...)``
        when it is already known."""
        if self.classic:
            return st.sides[side].national
        nat = self.national(st, side, final=st.phase == "over") if national is None else national
        return round(self.w.final_national * nat + self.w.final_welfare * st.welfare / 2.0, 6)

    def _assess(self, st: GameState, event: Optional[str] = None) -> None:
        last = st.turn >= st.turns
        done = st.ending is not None or last
        for s in SIDES:
            if not self.classic:
                st.sides[s].national = self.national(st, s, final=done)
        st.current.snapshot = snapshot(st)
        st.history.append(st.current)
        if done:
            if st.ending is None:
                st.ending = "classic" if self.classic else self.ending_label(st)
            st.phase = "over"
            st.current = TurnRecord(st.turn)
            return
        st.turn += 1
        self._begin_turn(st, event)

    def cooperation(self, st: GameState) -> dict:
        n = len(st.history)
        return {s: (sum(1 for h in st.history if h.posture.get(s) == "C") / n if n else 0.0)
                for s in SIDES}

    def ending_label(self, st: GameState) -> str:
        coop = self.cooperation(st)
        kept = sum(1 for d in st.deals if d.status == "kept")
        active = len(st.active_deals())
        broken = sum(1 for d in st.deals if d.status == "broken")
        more, less = ("us", "cn") if coop["us"] > coop["cn"] else ("cn", "us")
        # the exploiter's lead, worked out only when one side cooperated far more
        if coop[more] - coop[less] >= 0.4 and self.national(st, less) - self.national(st, more) >= 10:
            return "suckers_payoff"
        if (st.trust >= 55 and st.level <= 2 and kept + active >= 2 and broken == 0
                and min(coop.values()) >= 0.5):  # a framework both sides kept up, not one
            return "new_yalta"
        if coop["us"] <= 0.34 and coop["cn"] <= 0.34:
            return "race_to_bottom"
        if st.trust < 25 and kept + active == 0:
            return "parallel_worlds"
        return "managed_rivalry"


def _reject_extra(d: dict, allowed: set) -> None:
    extra = set(d) - allowed
    if extra:
        raise IllegalMove("unknown_fields", fields=", ".join(sorted(map(str, extra))))
