"""A fast loop for batches of full-rules games between two simple bots.

``yalta simulate`` and the tests of the numbers' properties play thousands of games and keep
only each game's outcome. For those, ``play_lean`` plays a whole game between two of the
simple bots (``game.bots.simple``) in one loop over plain numbers: no views, no checked
submissions, no reasons, no turn records. It follows the rules of ``game.engine.rules`` and
the bots' decisions step by step, draw for draw from the same random streams, and returns
what ``play_game`` needs: the final numbers, which the engine's own scoring reads for the
summary (``sim.outcome_numbers``), and the decisions, which ``order_log`` writes out as the
engine's order log. Because a seed and the log replay any game, the full state, every change
with its cause, is rebuilt from them by the engine itself whenever someone asks for it.

What a simple bot decides depends on little (its posture, its last cards, its budget, the
deals in force), so the loop remembers orders, legal cards and re-sorted card lists between
games; the tables are bounded, and they go when the pack's rules go.

``tests/engine/test_fastsim.py`` plays the same games through the generic path and compares
the summaries and the order logs, and rebuilds the state from the loop's log, over every
pair of simple bots, both scenarios, several seeds, noise and the rule options. A change to
the rules or to a simple bot that this loop does not follow fails there. A pack, a bot or an
option this loop does not know gets ``None``, and the generic path plays the game.
"""

from __future__ import annotations

from typing import Optional
from weakref import WeakKeyDictionary

from .bots.base import VERIFY_PREFERENCE
from .bots.simple import Dove, Generous, Grim, Hawk, Pavlov, RandomBot, TitForTat
from .engine.rng import Stream
from .engine.rules import STAT_MAX
from .engine.state import (
    RISKS,
    SIDES,
    STATS,
    ChannelState,
    Deal,
    GameState,
    Side,
)

_KINDS = {Dove: "dove", Hawk: "hawk", TitForTat: "tit-for-tat", Generous: "generous",
          Grim: "grim", Pavlov: "pavlov", RandomBot: "random"}
_STAT = {k: i for i, k in enumerate(STATS)}
CAPITAL, PRESSURE, ECONOMY = _STAT["capital"], _STAT["pressure"], _STAT["economy"]
COMPUTE, CAPABILITY, INFLUENCE = _STAT["compute"], _STAT["capability"], _STAT["influence"]
_HI = [STAT_MAX.get(k, 100.0) for k in STATS]
_SIZE = {"small": 0, "medium": 1, "large": 2}
_EMPTY: frozenset = frozenset()

# the side a "self" (0), "other" (1), "us" (2) or "cn" (3) effect reaches, by actor (None:
# an event's effect, where "other" reads as Rules' other(None), the US)
_WHOSE = {0: (0, 1, 0, 1), 1: (1, 0, 0, 1), None: (None, 0, 0, 1)}

# compiled effect operations (``apply`` in the loop tests them by number)
(OP_SIDE, OP_TRUST, OP_TENSION, OP_WELFARE, OP_RISK, OP_CHANNEL, OP_SWING, OP_OPEN,
 OP_CLOSE) = range(9)


class _Turn:
    """What the scoring reads of a finished turn: what each side did."""

    __slots__ = ("turn", "posture")

    def __init__(self, turn: int, posture: dict):
        self.turn = turn
        self.posture = posture


class Unsupported(Exception):
    """Content this loop does not know: the generic path plays the game."""


class _Compiled:
    """A pack's rules in the shape the loop reads: indices instead of names."""

    def __init__(self, rules, channel_ids: list, swing_ids: list):
        self.ch_ids = channel_ids
        self.ch_index = {c: i for i, c in enumerate(channel_ids)}
        self.swing_index = {s: i for i, s in enumerate(swing_ids)}
        spec = rules.pack.channels
        self.ch_clarify = [spec[c].clarify for c in channel_ids]
        self.ch_dampen = [spec[c].dampen for c in channel_ids]
        self.ch_trust = [spec[c].trust_gain for c in channel_ids]
        self.ch_verify = [spec[c].verify for c in channel_ids]
        self.ch_decay = [spec[c].decay for c in channel_ids]
        self.jt = self.ch_index.get("joint_testing")

        self.card_fx = {aid: self.effects(fx) for aid, fx in rules.effects.items()}
        self.event_fx = {eid: self.effects(fx) for eid, fx in rules.event_fx.items()}
        self.option_fx = {k: self.effects(fx) for k, fx in rules.option_fx.items()}
        self.offer_fx = {}
        for oid, (on_sign, each, shared, costs, forbid) in rules.offer_fx.items():
            self.offer_fx[oid] = (self.effects(on_sign), self.effects(each), self.effects(shared),
                                  (self.effects(costs["us"]), self.effects(costs["cn"])),
                                  (forbid["us"], forbid["cn"]))
        self.offer_moves_channels = {  # whether a deal's turn can change a channel
            oid: any(op in (OP_CHANNEL, OP_OPEN, OP_CLOSE)
                     for fx in (each, shared) + costs for op, _, _, _, _ in fx)
            for oid, (_, each, shared, costs, _) in self.offer_fx.items()}
        acts = rules.actions
        self.tags = {aid: frozenset(a.tags) for aid, a in acts.items()}
        self.stance = {aid: a.stance for aid, a in acts.items()}
        self.coop = {aid: a.stance == "cooperative" for aid, a in acts.items()}
        self.stance_code = {aid: {"cooperative": 1, "competitive": -1}.get(a.stance, 0)
                            for aid, a in acts.items()}
        self.cost = {aid: a.cost for aid, a in acts.items()}
        self.req = {aid: self.requires(a.requires) for aid, a in acts.items()}
        self.courts = {aid: tuple(sorted({i for op, _, i, _, _ in fx if op == OP_SWING}))
                       for aid, fx in self.card_fx.items()}
        # each side's cards in the order legal_actions lists them
        self.side_cards = tuple(tuple(rules.side_actions[s]) for s in SIDES)
        self.req_cards = tuple(tuple(self.req[a] for a in self.side_cards[i] if self.req[a] is not True)
                               for i in (0, 1))
        self.values: Optional[dict] = None  # filled by card_order
        self.groups: tuple = ()
        self._tired: dict = {}  # (group, fatigue) -> the group re-sorted (refatigue)
        self.picks: dict = {}  # what a simple bot's orders depend on -> its cards
        self.courted_by: dict = {}  # a turn's cards -> the swing states they court
        self.legal_of: dict = {}  # what a side's legal cards depend on -> the cards
        # offers in the order a bot prefers them (smallest first), and in the pack's order
        pack = rules.pack
        self.offer_req = {oid: self.requires(o.requires) for oid, o in pack.offers.items()}
        self.offer_order = tuple(oid for oid, _ in rules._offer_reqs)
        self.offer_reqs = tuple((oid, self.offer_req[oid]) for oid in self.offer_order)
        self.offer_pref = tuple(sorted(pack.offers, key=lambda o: (_SIZE[pack.offers[o].size], o)))
        self.offer_terms = {oid: (tuple(o.terms.verification), tuple(o.terms.durations))
                            for oid, o in pack.offers.items()}
        self.jt_terms = {oid: "joint_testing" in o.terms.verification
                         for oid, o in pack.offers.items()}
        # events: per era, (id, once, requirement, weight, tone, mods)
        self.era_events = {}
        for era, evs in rules._era_events.items():
            self.era_events[era] = tuple(
                (ev.id, ev.once, self.requires(ev.requires), ev.weight,
                 {"bad": 1, "good": 2}.get(ev.tone, 0),
                 tuple((self.requires(m.when), m.factor) for m in ev.weight_mods))
                for ev, _, _ in evs)
        self.events = {}
        self.option_stance: dict = {}  # event -> {option: stance}
        self.option_cost: dict = {}  # (event, option) -> cost
        for eid, ev in pack.events.items():
            fog = ev.fog
            fog_t = None if fog is None else (fog.confidence[0], fog.confidence[1], fog.false_flag,
                                              fog.blamed, fog.forensics_turns)
            resp = None
            if ev.responses is not None:
                if ev.responses.side == "blamed" and fog is None:
                    raise Unsupported(eid)  # nobody to ask: the generic path says so
                resp = (ev.responses.side,
                        tuple((o.id, o.cost, self.requires(o.requires), o.stance)
                              for o in ev.responses.options))
                self.option_stance[eid] = {o.id: o.stance for o in ev.responses.options}
                for o in ev.responses.options:
                    self.option_cost[eid, o.id] = o.cost
            self.events[eid] = (fog_t, resp)

    def card_order(self, bot) -> tuple:
        """What a simple bot reads of each card before fatigue, worked out once: card ->
        value / (1 + cost) and ("raw", card) -> value; and each side's cards of each stance,
        best first, as ``Bot.pick_cards`` sorts them."""
        if self.values is None:
            values: dict = {}
            for a in self.cost:
                v = bot.card_value(None, a)
                values["raw", a] = v
                values[a] = v / (1.0 + self.cost[a])
            self.groups = tuple(
                {st: sorted(((values[a], a) for a in self.side_cards[i] if self.stance[a] == st),
                            reverse=True)
                 for st in ("cooperative", "competitive", "neutral")} for i in (0, 1))
            self.values = values
        return self.values, self.groups

    def refatigue(self, group: list, fat: dict) -> list:
        """A stance's cards re-sorted after fatigue: a tired card's value is scaled before it
        is divided by its cost, exactly as ``Bot.pick_cards`` works it out. Remembered, as
        the same cards tire the same way game after game."""
        key = (id(group), tuple(fat.items()))
        out = self._tired.get(key)
        if out is None:
            if not any(a in fat for _, a in group):
                out = group
            else:
                out = []
                for v, a in group:
                    s = fat.get(a)
                    if s is not None:
                        v = self.values["raw", a] * s / (1.0 + self.cost[a])
                    out.append((v, a))
                out.sort(reverse=True)
            if len(self._tired) > 50_000:
                self._tired.clear()
            self._tired[key] = out
        return out

    def requires(self, req):
        """A requirement as True (none), or (min trust, max trust, min tension, max tension,
        rest), where rest is None or (first turn, channel indices, stats) when the
        requirement asks more than bounds on trust and tension."""
        from .engine.rules import _compile_requires

        c = _compile_requires(req)
        if c is True:
            return True
        min_trust, max_trust, min_tension, max_tension, min_turn, channels, stats = c
        try:
            chans = tuple(self.ch_index[x] for x in channels)
        except KeyError:
            chans = (-1,)  # a channel the scenario does not have is never open
        lean_stats = []
        for who, stat, v in stats:
            if stat not in _STAT or who not in ("self", "other"):
                raise Unsupported(stat)
            lean_stats.append((who == "other", _STAT[stat], v))
        rest = None
        if min_turn > 1 or chans or lean_stats:
            rest = (min_turn, chans, tuple(lean_stats))
        return (min_trust, max_trust, min_tension, max_tension, rest)

    def effects(self, fx: tuple) -> tuple:
        out = []
        for kind, who, what, delta, chance in fx:
            if kind == "side":
                if what not in _STAT:
                    raise Unsupported(what)
                code = {"self": 0, "other": 1, "us": 2, "cn": 3}[who]
                out.append((OP_SIDE, code, _STAT[what], delta, chance))
            elif kind in ("trust", "tension", "welfare"):
                op = {"trust": OP_TRUST, "tension": OP_TENSION, "welfare": OP_WELFARE}[kind]
                out.append((op, 0, 0, delta, chance))
            elif kind == "risk":
                if what not in RISKS:
                    raise Unsupported(what)
                out.append((OP_RISK, 0, RISKS.index(what), delta, chance))
            elif kind in ("channel", "open", "close"):
                if what not in self.ch_index:
                    raise Unsupported(what)
                op = {"channel": OP_CHANNEL, "open": OP_OPEN, "close": OP_CLOSE}[kind]
                out.append((op, 0, self.ch_index[what], delta, chance))
            elif kind == "swing":
                if what not in self.swing_index:
                    raise Unsupported(what)
                out.append((OP_SWING, 0, self.swing_index[what], delta, chance))
            else:
                raise Unsupported(kind)
        return tuple(out)


# rules -> what this loop keeps for them, dropped with the rules (nothing kept refers back
# to them): {"compiled": {(channels, swing): _Compiled},
#            "templates": {(turns, noise, options): (unbegun state, _Compiled, its numbers)}}
_KEPT: WeakKeyDictionary = WeakKeyDictionary()


def _kept(rules) -> dict:
    kept = _KEPT.get(rules)
    if kept is None:
        kept = _KEPT[rules] = {"compiled": {}, "templates": {}}
    return kept


def _compiled(rules, channel_ids: list, swing_ids: list) -> _Compiled:
    compiled = _kept(rules)["compiled"]
    key = (tuple(channel_ids), tuple(swing_ids))
    c = compiled.get(key)
    if c is None:
        c = compiled[key] = _Compiled(rules, channel_ids, swing_ids)
    return c


def bot_kinds(engine, bots: dict) -> Optional[tuple]:
    """The two bots' kinds when this loop can play them (simple bots of this engine, exact
    classes, on their own sides), else None."""
    out = []
    for s in SIDES:
        bot = bots[s]
        kind = _KINDS.get(type(bot))
        if kind is None or bot.engine is not engine or bot.side != s:
            return None
        out.append(kind)
    return tuple(out)


def play_lean(engine, bots: dict, seed: int, turns: int | None = None, noise: float = 0.0,
              options: dict | None = None) -> Optional[tuple]:
    """Play a new full-rules game (``engine.new_game`` with these arguments) to the end
    with two simple bots. Returns ``(final, decisions)``: ``final`` is a ``GameState``
    holding the final numbers that the engine's scoring reads (``outcome_numbers`` takes
    it; its turn records and log are left empty) and ``decisions`` the bots' decisions,
    which ``order_log`` writes out as the engine's order log.
    Returns ``None`` when the generic path must play this game (the bots are untouched)."""
    rules = engine.rules
    if rules.classic:
        return None
    kinds = bot_kinds(engine, bots)
    if kinds is None:
        return None
    # a new game's numbers are the scenario's whatever the seed: only the stream and the
    # secret objectives drawn from it differ
    templates = _kept(rules)["templates"]
    key = (turns, noise, tuple(sorted((options or {}).items())))
    try:
        hit = templates.get(key)
    except TypeError:  # options this loop cannot key on
        return None
    if hit is None:
        template = rules.new_state(0, turns=turns, noise=noise, options=options, begin=False)
        try:
            comp = _compiled(rules, list(template.channels), list(template.swing))
        except Unsupported:
            comp = None
        start = (tuple(getattr(template.sides["us"], k) for k in STATS),
                 tuple(getattr(template.sides["cn"], k) for k in STATS),
                 template.trust, template.tension, template.welfare,
                 tuple(template.risk[k] for k in RISKS),
                 tuple(ch.open for ch in template.channels.values()),
                 tuple(ch.strength for ch in template.channels.values()),
                 tuple(template.swing.values()))
        if len(templates) > 256:
            templates.clear()
        hit = templates[key] = (template, comp, start)
    template, comp, start = hit
    if comp is None:
        return None
    rng = Stream(seed)
    objectives = rules.draw_objectives(rng)
    return _Game(engine, comp, template, start, int(seed), rng, objectives, bots, kinds).play()


class _Game:
    """One game's numbers, as plain lists and floats, and the loop that plays it."""

    def __init__(self, engine, comp: _Compiled, template: GameState, start: tuple, seed: int,
                 rng: Stream, objectives: dict, bots: dict, kinds: tuple):
        self.engine = engine
        self.rules = engine.rules
        self.c = comp
        self.st0 = template  # the state every new game of these settings starts from
        self.start = start  # its numbers, as the loop holds them
        self.seed = seed
        self.rng = rng  # the game's stream, past the objectives' draws
        self.objectives = objectives
        self.bots = (bots["us"], bots["cn"])
        self.kinds = kinds

    # the whole loop is one method, so that the numbers live in local variables
    def play(self) -> tuple:
        rules, c, st0 = self.rules, self.c, self.st0
        r = rules.r
        rng = self.rng
        rand = rng.random
        turns = st0.turns
        noise = st0.noise
        opts = st0.options
        deals_on = opts.get("deals", True)
        channels_on = opts.get("channels", True)
        verify_on = opts.get("verification", True)
        talk_rounds = r.talk_rounds
        max_cards = r.max_cards
        dear_at = r.pressure_cost_threshold
        fatigue = r.fatigue
        tired = (1.0, fatigue ** 1, fatigue ** 2, fatigue ** 3)

        start = self.start
        stats = [list(start[0]), list(start[1])]
        trust, tension, welfare = start[2], start[3], start[4]
        risk = list(start[5])
        ch_open = list(start[6])
        ch_str = list(start[7])
        nch = len(ch_open)
        swing = list(start[8])
        nswing = len(swing)
        # incidents: [turn, blamed side index, confidence, false flag, reveal turn, revealed, clarified]
        sidx = {"us": 0, "cn": 1}
        unrevealed: list = []
        # deals: [id, offer, proposer index, duration, verification, signed, ends, status]
        deals: list = []
        active: list = []  # the active deals, in order (rebuilt when one starts or ends)
        active_ids: set = set()  # their offers
        forbid_of: list = [None, None]  # each side's forbidden tags while the deals stand
        next_id = st0.next_id
        event = None
        responders: list = []
        log: list = []  # the decisions, kept short (order_log writes them out)
        hist_orders: list = [[], []]  # per side: each finished turn's cards, as tuples
        hist_posture: list = []  # (us, cn) per finished turn
        hist_public: list = []
        seen_d = [False, False]  # whether each side was ever seen competing (for grim)
        ending = None
        sudden = False
        turn = 1

        card_fx, cost_of, coop_of, tags_of, req_of = c.card_fx, c.cost, c.coop, c.tags, c.req
        stance_of = c.stance_code
        CAP_HI = _HI[CAPITAL]
        ch_clarify, ch_dampen, ch_verify = c.ch_clarify, c.ch_dampen, c.ch_verify
        detection, false_alarm = r.detection, r.false_alarm
        verification_cost, verified_clarity = r.verification_cost, r.verified_clarity
        bots, kinds = self.bots, self.kinds
        bot_rand = (bots[0].rng.random, bots[1].rng.random)
        forgive = tuple(b.forgiveness() if k == "generous" else 0.0 for b, k in zip(bots, kinds))
        _, groups = c.card_order(bots[0])
        jt_terms = c.jt_terms
        moves_channels = c.offer_moves_channels
        offer_reqs = c.offer_reqs
        pools = {}  # era -> the events still to draw, copied when the era begins
        ch_trust, ch_decay, jt, courts = c.ch_trust, c.ch_decay, c.jt, c.courts
        nrisk = len(risk)
        fresh: list = []  # incidents of the current turn
        # the scenario's numbers, read once
        TRUST_PER_COOP, TENSION_PER_COOP = r.trust_per_coop, r.tension_per_coop
        TRUST_PER_COMP, TENSION_PER_COMP = r.trust_per_comp, r.tension_per_comp
        MUTUAL_COOP_TRUST, MUTUAL_COOP_WELFARE = r.mutual_coop_trust, r.mutual_coop_welfare
        MUTUAL_COOP_ECONOMY, MUTUAL_COMP_TENSION = r.mutual_coop_economy, r.mutual_comp_tension
        MUTUAL_COMP_RISK, EXPLOIT_PRESSURE = r.mutual_comp_risk, r.exploit_pressure
        TENSION_FLOOR, TENSION_RELAX, SWING_DRIFT = r.tension_floor, r.tension_relax, r.swing_drift
        GROWTH, WELFARE_BASE = r.growth, r.welfare_base
        WELFARE_PER_TENSION, WELFARE_PER_RISK = r.welfare_per_tension, r.welfare_per_risk
        DEAL_WELFARE, CONFLICT_AT, CONFLICT_CHANCE = r.deal_welfare, r.conflict_threshold, r.conflict_chance
        CATASTROPHE_AT, CATASTROPHE_SCALE = r.catastrophe_threshold, r.catastrophe_scale
        CAPITAL_INCOME, CAPITAL_CAP = r.capital_income, r.capital_cap
        picks = c.picks
        HI, WHOSE = _HI, _WHOSE
        courted_by = c.courted_by
        legal_of = c.legal_of
        req_cards = c.req_cards

        # -- the state's small reads -----------------------------------------------------
        def met(req, side) -> bool:
            """Whether a compiled requirement (not True) holds, for ``side`` (or None)."""
            if not (req[0] <= trust <= req[1] and req[2] <= tension <= req[3]):
                return False
            rest = req[4]
            if rest is None:
                return True
            min_turn, chans, need = rest
            if turn < min_turn:
                return False
            for i in chans:
                if i < 0 or not ch_open[i]:
                    return False
            if need and side is not None:
                for foe, k, v in need:
                    if stats[1 - side if foe else side][k] < v:
                        return False
            return True

        def clarify_chance() -> float:
            p = 0.0
            for i in range(nch):
                if ch_open[i]:
                    p += ch_clarify[i] * ch_str[i] / 100.0
            for d in active:
                p += verified_clarity.get(d[4], 0.0)
            return min(0.9, p)

        def new_incident(blamed, confidence, false_flag, reveal_in) -> list:
            nonlocal next_id
            inc = [turn, blamed, confidence, false_flag, turn + reveal_in, False, False]
            next_id += 1
            unrevealed.append(inc)
            fresh.append(inc)
            if rand() < clarify_chance():
                inc[6] = True
            return inc

        # -- changing numbers, clamped as Rules._change clamps them -------------------------
        def add_trust(d):
            nonlocal trust
            a = trust + d
            trust = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a

        def add_tension(d):
            nonlocal tension
            a = tension + d
            tension = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a

        def add_stat(side, k, d):
            row = stats[side]
            a = row[k] + d
            hi = _HI[k]
            row[k] = hi if a > hi else 0.0 if a < 0.0 else a

        def add_risk(k, d):
            a = risk[k] + d
            risk[k] = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a

        def add_channel(i, d):
            if ch_open[i]:
                a = ch_str[i] + d
                ch_str[i] = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a

        def set_channel(i, is_open):
            if ch_open[i] == is_open:
                return
            if is_open and not channels_on:
                return
            ch_open[i] = is_open
            if is_open:
                add_channel(i, 30.0)
            else:
                ch_str[i] = 0.0

        def apply(fx, actor, scale=1.0):
            # the operations by number (OP_SIDE ... OP_CLOSE), most frequent first
            nonlocal welfare, trust, tension
            whose = WHOSE[actor]
            for op, who, k, delta, chance in fx:
                if chance < 1.0 and not rand() < chance:
                    continue
                d = delta * scale
                if op == 0:  # OP_SIDE
                    row = stats[whose[who]]
                    a = row[k] + d
                    hi = HI[k]
                    row[k] = hi if a > hi else 0.0 if a < 0.0 else a
                elif op == 4:  # OP_RISK
                    a = risk[k] + d
                    risk[k] = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a
                elif op == 2:  # OP_TENSION
                    a = tension + d
                    tension = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a
                elif op == 1:  # OP_TRUST
                    a = trust + d
                    trust = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a
                elif op == 3:  # OP_WELFARE
                    welfare = welfare + d
                elif op == 5:  # OP_CHANNEL
                    add_channel(k, d)
                elif op == 6:  # OP_SWING
                    a = swing[k] + (-1.0 if actor == 1 else 1.0) * d
                    swing[k] = 100.0 if a > 100.0 else -100.0 if a < -100.0 else a
                elif op == 7:  # OP_OPEN
                    set_channel(k, True)
                else:  # OP_CLOSE
                    set_channel(k, False)

        # -- the bots' choices, as game.bots.simple makes them -----------------------------
        def posture(i) -> str:
            kind = kinds[i]
            if kind == "dove":
                return "C"
            if kind == "hawk":
                return "D"
            if kind == "random":
                return "C" if bot_rand[i]() < 0.5 else "D"
            if not hist_public:
                return "C"
            last = hist_public[-1]
            if kind == "tit-for-tat":
                return last[1 - i]
            if kind == "generous":
                if last[1 - i] == "C":
                    return "C"
                return "C" if bot_rand[i]() < forgive[i] else "D"
            if kind == "grim":
                return "D" if seen_d[1 - i] else "C"
            mine = hist_posture[-1][i]  # pavlov
            if last[1 - i] == "C":
                return mine
            return "D" if mine == "C" else "C"

        def response_options(i) -> list:
            cap = stats[i][CAPITAL]
            out = []
            for oid, cost, req, _ in c.events[event][1][1]:
                if cost <= cap and (req is True or met(req, i)):
                    out.append(oid)
            return out

        def card_cost(i, a) -> int:
            cost = cost_of[a]
            if coop_of[a] and stats[i][PRESSURE] >= dear_at:
                cost += 1
            return cost

        def recent(i) -> tuple:
            """The cards side ``i`` played in the last three turns, the latest first."""
            h = hist_orders[i]
            n = len(h)
            if n > 2:
                return h[-1], h[-2], h[-3]
            if n == 2:
                return h[-1], h[-2], ()
            return (h[-1], (), ()) if n else ((), (), ())

        def fatigue_scales(last, before, earlier) -> dict:
            """card -> fatigue factor (Rules.fatigue_scales) for the cards played last turn:
            the factor to the power of the turns in a row (at most 3); others: 1.0."""
            return {a: tired[3 if a in before and a in earlier else 2 if a in before else 1]
                    for a in last}

        def courted(cards: tuple) -> frozenset:
            """The swing states these cards court (remembered per set of cards)."""
            out = courted_by.get(cards)
            if out is None:
                out = courted_by[cards] = frozenset(k for a in cards for k in courts[a])
            return out

        def holds(i) -> tuple:
            """Whether each of side ``i``'s cards that have requirements may be played now."""
            reqs = req_cards[i]
            if not reqs:
                return ()
            out = []
            for req in reqs:
                out.append(req[0] <= trust <= req[1] and req[2] <= tension <= req[3]
                           and (req[4] is None or met(req, i)))
            return tuple(out)

        def forbidden(i) -> frozenset:
            """The tags side ``i``'s active deals forbid (kept until the deals change)."""
            out = forbid_of[i]
            if out is None:
                tags: set = set()
                for d in active:
                    tags |= c.offer_fx[d[1]][4][i]
                out = forbid_of[i] = frozenset(tags)
            return out

        def pick_cards(i, p, last3) -> tuple:
            """Bot.pick_cards, remembered: the cards depend only on what the key holds."""
            forbid = forbidden(i) if active else _EMPTY
            row = stats[i]
            budget = row[CAPITAL]
            extra = 1 if row[PRESSURE] >= dear_at else 0
            held = holds(i)
            key = (i, p, last3, forbid, budget, extra, held)
            picked = picks.get(key)
            if picked is None:
                fat = fatigue_scales(*last3) if last3[0] else None
                picked = picks[key] = tuple(choose_cards(i, p, fat, forbid, budget, extra))
                if len(picks) > 100_000:
                    picks.clear()
            return picked

        def choose_cards(i, p, fat, forbid, budget, extra) -> list:
            want = groups[i]["cooperative" if p == "C" else "competitive"]
            filler = groups[i]["neutral"]
            if fat:
                want = c.refatigue(want, fat)
                filler = c.refatigue(filler, fat)
            picked: list = []
            for group in (want, filler):
                for _, a in group:
                    if len(picked) >= max_cards:
                        return picked
                    req = req_of[a]
                    if req is not True and not (req[0] <= trust <= req[1] and req[2] <= tension <= req[3]
                                                and (req[4] is None or met(req, i))):
                        continue
                    if forbid and not forbid.isdisjoint(tags_of[a]):
                        continue
                    cost = cost_of[a] + (extra if coop_of[a] else 0)
                    if cost <= budget:
                        picked.append(a)
                        budget -= cost
            return picked

        def legal_actions(i) -> list:
            """Rules.legal_actions, remembered by capital, pressure and requirements met."""
            row = stats[i]
            cap = row[CAPITAL]
            extra = 1 if row[PRESSURE] >= dear_at else 0
            held = holds(i)
            key = (i, cap, extra, held)
            out = legal_of.get(key)
            if out is None:
                out = legal_of[key] = tuple(
                    a for a in c.side_cards[i]
                    if (req_of[a] is True or met(req_of[a], i))
                    and cost_of[a] + (extra if coop_of[a] else 0) <= cap)
                if len(legal_of) > 100_000:
                    legal_of.clear()
            return list(out)

        def legal_offers(i, open_offers) -> list:
            pending = [o[4] for o in open_offers if o[1] == i]
            out = []
            for oid, req in offer_reqs:
                if oid in active_ids or oid in pending:
                    continue
                if req is True or (req[0] <= trust <= req[1] and req[2] <= tension <= req[3]
                                   and (req[4] is None or met(req, i))):
                    out.append(oid)
            return out

        def verification_choices(oid) -> list:
            if verify_on and (not jt_terms[oid] or (c.jt is not None and ch_open[c.jt])):
                return list(c.offer_terms[oid][0])  # every term the offer names
            out = []
            for v in c.offer_terms[oid][0]:
                if v == "joint_testing" and not (c.jt is not None and ch_open[c.jt]):
                    continue
                if not verify_on and v != "none":
                    continue
                out.append(v)
            return out or (["none"] if not verify_on else [])

        def best_offer(i, open_offers):
            pending = []
            for o in open_offers:
                if o[1] == i:
                    pending.append(o[4])
            offer_req = c.offer_req
            for oid in c.offer_pref:  # the smallest legal offer (Bot.best_offer's min)
                if oid in active_ids or oid in pending:
                    continue
                req = offer_req[oid]
                if req is True or (req[0] <= trust <= req[1] and req[2] <= tension <= req[3]
                                   and (req[4] is None or met(req, i))):
                    break
            else:
                return None
            choices = verification_choices(oid)
            if not choices:
                return None
            room = max(0.0, stats[i][CAPITAL] - 2)
            for ver in VERIFY_PREFERENCE:
                if ver in choices and verification_cost[ver] <= room:
                    break
            else:
                ver = choices[-1]
            return {"offer": oid, "duration": int(c.offer_terms[oid][1][0]), "verification": ver}

        def talk(i, p, rnd, open_offers) -> dict:
            # (loops rather than comprehensions: this runs several times a turn)
            kind = kinds[i]
            prop = None
            answers = {}
            if kind == "random":
                rr = bot_rand[i]
                for o in open_offers:  # one draw per offer to this side, in order
                    if o[2] == i:
                        answers[o[3]] = "accept" if rr() < 0.5 else "reject"
                offers = legal_offers(i, open_offers)
                if offers and rnd < talk_rounds and rr() < 0.4:
                    oid = offers[int(rr() * len(offers))]
                    choices = verification_choices(oid)
                    if choices:
                        durs = c.offer_terms[oid][1]
                        dur = durs[int(rr() * len(durs))]
                        prop = {"offer": oid, "duration": int(dur),
                                "verification": choices[int(rr() * len(choices))]}
            else:
                answer = "accept" if p == "C" and kind != "hawk" else "reject"
                for o in open_offers:
                    if o[2] == i:
                        answers[o[3]] = answer
                if p == "C" and kind != "hawk" and rnd < talk_rounds and not answers:
                    prop = best_offer(i, open_offers)
            return {"kind": "talk", "responses": answers, "propose": prop, "message": None}

        def orders(i, p, last3) -> tuple:
            if kinds[i] != "random":
                return pick_cards(i, p, last3)
            rr = bot_rand[i]
            pool = legal_actions(i)
            budget = stats[i][CAPITAL]
            cards: list = []
            n = 1 + int(rr() * max_cards)
            while pool and len(cards) < n:
                a = pool.pop(int(rr() * len(pool)))
                cost = card_cost(i, a)
                if cost <= budget:
                    cards.append(a)
                    budget -= cost
            return tuple(cards)

        def draw_event():
            era = rules.era_of.get(turn)
            if era is None:
                frac = (turn - 1) / max(1, turns)
                era = "early" if frac < 1 / 3 else "middle" if frac < 2 / 3 else "late"
            cands, weights = [], []
            # a weight times the tone's factor (neutral: times 1.0, which changes nothing)
            factor_of = (1.0, 1.0 + max(0.0, 50.0 - trust) / 50.0 + tension / 100.0,
                         0.5 + trust / 50.0)
            pool = pools.get(era)
            if pool is None:
                pool = pools[era] = list(c.era_events[era])
            for entry in pool:
                _, _, req, w, tone, mods = entry
                if req is not True and not (req[0] <= trust <= req[1] and req[2] <= tension <= req[3]
                                            and (req[4] is None or met(req, None))):
                    continue
                w *= factor_of[tone]
                for when, factor in mods:
                    if when is True or (when[0] <= trust <= when[1] and when[2] <= tension <= when[3]
                                        and (when[4] is None or met(when, None))):
                        w *= factor
                cands.append(entry)
                weights.append(w)
            if not cands:
                return
            entry = cands[rng.choice_index(weights)]
            if entry[1]:  # a once-only event leaves this game's pool
                pool.remove(entry)
            news(entry[0])

        def news(eid):
            nonlocal event, responders
            event = eid
            fog, resp = c.events[eid]
            blamed = None
            if fog is not None:
                lo, hi, ff_p, blamed_s, reveal_in = fog
                conf = lo + (hi - lo) * rand()
                ff = rand() < ff_p
                blamed = sidx[blamed_s]
                inc = new_incident(blamed, conf, ff, reveal_in)
                scale = 0.4 if inc[6] else 1.0
                add_trust(-r.noise_trust * conf * scale)
            fx = c.event_fx[eid]
            if fx:
                apply(fx, None)
            if resp is not None:
                who = resp[0]
                if who == "both":
                    sides = [0, 1]
                elif who == "victim":
                    sides = [0 if blamed == 1 else 1 if blamed == 0 else 0]
                elif who == "blamed":
                    sides = [blamed]
                else:
                    sides = [sidx[who]]
                responders = []  # (side, its options), asked in this order
                for i in sides:
                    opts_i = response_options(i)
                    if opts_i:
                        responders.append((i, opts_i))

        # ===============================================================================
        while True:
            # -- a new turn: Rules._begin_turn -------------------------------------------
            event = None
            responders = []
            if turn > 1:
                for row in stats:
                    gain = min(CAPITAL_INCOME, CAPITAL_CAP - row[CAPITAL])
                    if gain > 0:
                        a = row[CAPITAL] + gain
                        row[CAPITAL] = CAP_HI if a > CAP_HI else 0.0 if a < 0.0 else a
            if unrevealed:  # forensics, in the order the incidents happened
                still = []
                for inc in unrevealed:
                    if inc[4] <= turn:
                        inc[5] = True
                        if inc[3]:
                            if not inc[6]:
                                add_trust(r.noise_trust * inc[2] * 0.5)
                        else:
                            add_trust(-2.0)
                    else:
                        still.append(inc)
                unrevealed[:] = still
            if noise > 0:
                for i in (0, 1):
                    if rand() < noise:
                        conf = 0.5 + (0.9 - 0.5) * rand()
                        inc = new_incident(i, conf, True, 2)
                        scale = 0.4 if inc[6] else 1.0
                        add_trust(-r.noise_trust * conf * scale)
                        add_tension(r.noise_tension * conf * scale)
            draw_event()

            # -- news: answers to the event ----------------------------------------------
            postures = (posture(0), posture(1))
            responses = {}
            if responders:
                stance = c.option_stance[event]
                for i, opts_i in responders:
                    if kinds[i] == "random":
                        opt = opts_i[int(bot_rand[i]() * len(opts_i))]
                    else:  # Bot.pick_response
                        want = "cooperative" if postures[i] == "C" else "competitive"
                        for pref in (want, "neutral"):
                            for opt in opts_i:
                                if stance[opt] == pref:
                                    break
                            else:
                                continue
                            break
                        else:
                            opt = opts_i[0]
                    log.append((turn, 0, i, opt))
                    responses[i] = opt
                for i in (0, 1):
                    if i in responses:
                        opt = responses[i]
                        cost = c.option_cost[event, opt]
                        if cost:
                            add_stat(i, CAPITAL, -cost)
                        fx = c.option_fx[event, opt]
                        if fx:
                            apply(fx, i)

            # -- talks -------------------------------------------------------------------
            if deals_on and talk_rounds > 0:
                rnd = 1
                # open offers: [id, from, to, id as text, offer, duration, verification]
                open_offers: list = []
                while True:
                    moves = [talk(0, postures[0], rnd, open_offers),
                             talk(1, postures[1], rnd, open_offers)]
                    log.append((turn, 1, rnd, moves))
                    for o in open_offers:
                        answer = moves[o[2]]["responses"].get(o[3], "reject")
                        if answer == "accept" and o[4] not in active_ids:
                            # signed: Rules._sign
                            oid_, frm, dur = o[4], o[1], o[5]
                            deal = [o[0], oid_, frm, dur, o[6], turn, turn + dur - 1, "active"]
                            deals.append(deal)
                            active.append(deal)
                            active_ids.add(oid_)
                            forbid_of[0] = forbid_of[1] = None
                            fx = c.offer_fx[oid_][0]
                            if fx:
                                apply(fx, frm)
                    open_offers = []
                    any_new = False
                    for i in (0, 1):
                        p = moves[i]["propose"]
                        if p:
                            any_new = True
                            open_offers.append([next_id, i, 1 - i, str(next_id), p["offer"],
                                                p["duration"], p["verification"]])
                            next_id += 1
                    if any_new and rnd < talk_rounds:
                        rnd += 1
                    else:
                        break

            # -- orders --------------------------------------------------------------------
            last3 = (recent(0), recent(1))
            played = (orders(0, postures[0], last3[0]), orders(1, postures[1], last3[1]))
            log.append((turn, 2, played))

            # -- resolution: Rules._resolve ---------------------------------------------------
            coop = [0, 0]
            comp = [0, 0]
            for i in (0, 1):
                row = stats[i]
                extra = 1 if row[PRESSURE] >= dear_at else 0
                for a in played[i]:
                    cost = cost_of[a] + (extra if coop_of[a] else 0)
                    if cost:
                        x = row[CAPITAL] - cost
                        row[CAPITAL] = CAP_HI if x > CAP_HI else 0.0 if x < 0.0 else x
            for i in (0, 1):
                last, before, earlier = last3[i]
                for a in played[i]:
                    if a in last:  # tired: Rules.fatigue_scale
                        scale = tired[3 if a in before and a in earlier else 2 if a in before else 1]
                    else:
                        scale = 1.0
                    apply(card_fx[a], i, scale)
                    stance = stance_of[a]
                    if stance == 1:
                        coop[i] += 1
                    elif stance == -1:
                        comp[i] += 1
            if responses:
                stance = c.option_stance[event]
                for i in (0, 1):  # Rules records responses by side, us first
                    if i in responses:
                        st_i = stance[responses[i]]
                        if st_i == "cooperative":
                            coop[i] += 1
                        elif st_i == "competitive":
                            comp[i] += 1
            damp = 0.0
            any_open = True in ch_open
            if any_open:
                for i in range(nch):
                    if ch_open[i]:
                        damp += ch_dampen[i] * ch_str[i] / 100.0
                damp = min(0.8, damp)
            for i in (0, 1):
                n = coop[i]
                if n:
                    a = trust + TRUST_PER_COOP * n * (1.0 - trust / 120.0)
                    trust = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a
                    a = tension + -TENSION_PER_COOP * n
                    tension = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a
                n = comp[i]
                if n:
                    a = trust + -TRUST_PER_COMP * n
                    trust = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a
                    a = tension + TENSION_PER_COMP * n * (1.0 - damp)
                    tension = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a

            breached = [False, False]
            accused = [False, False]
            if active:
                verify_bonus = None  # the same for every deal while no deal moves a channel
                for deal in list(active):
                    _, each, shared, costs, forbid = c.offer_fx[deal[1]]
                    ver = deal[4]
                    if verify_bonus is None:
                        verify_bonus = 0
                        for i in range(nch):
                            if ch_open[i]:
                                verify_bonus += ch_verify[i] * ch_str[i] / 100.0
                    p_detect = min(0.98, detection[ver] + verify_bonus)
                    broken_by = None
                    for i in (0, 1):
                        fb = forbid[i]
                        bad = False
                        if fb:
                            for a in played[i]:
                                if not fb.isdisjoint(tags_of[a]):
                                    bad = True
                                    break
                        if bad:
                            if rand() < p_detect:
                                broken_by = i
                                breached[i] = True
                        elif rand() < false_alarm[ver]:
                            inc = new_incident(i, 0.7, True, 2)
                            accused[i] = not inc[6]
                            broken_by = i if broken_by is None else broken_by
                    if broken_by is not None:
                        was = breached[broken_by]
                        deal[7] = "broken" if was else "collapsed"
                        active.remove(deal)
                        active_ids.discard(deal[1])
                        forbid_of[0] = forbid_of[1] = None
                        add_trust(-r.breach_trust * (1.0 if was else 0.5))
                        add_tension(r.breach_tension)
                        continue
                    vc = verification_cost[ver]
                    for i in (0, 1):
                        if each:
                            apply(each, i)
                        if costs[i]:
                            apply(costs[i], i)
                        if vc:
                            add_stat(i, CAPITAL, -vc)
                    if shared:
                        apply(shared, None)
                    if moves_channels[deal[1]]:
                        verify_bonus = None
                    if deal[6] <= turn:
                        deal[7] = "kept"
                        active.remove(deal)
                        active_ids.discard(deal[1])
                        forbid_of[0] = forbid_of[1] = None
                        add_trust(r.deal_kept_trust)

            blamed_us = blamed_cn = False
            for inc in fresh:  # the incidents of this turn
                if not inc[6]:
                    if inc[1]:
                        blamed_cn = True
                    else:
                        blamed_us = True
            fresh.clear()
            us = "C" if (comp[0] == 0 or coop[0] > comp[0]) and not breached[0] else "D"
            cn = "C" if (comp[1] == 0 or coop[1] > comp[1]) and not breached[1] else "D"
            pub_us = "D" if (us == "D" or blamed_us or accused[0]) else "C"
            pub_cn = "D" if (cn == "D" or blamed_cn or accused[1]) else "C"
            row_us, row_cn = stats
            if us == "C" and cn == "C":
                a = trust + MUTUAL_COOP_TRUST
                trust = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a
                welfare = welfare + MUTUAL_COOP_WELFARE
                for row in stats:
                    a = row[PRESSURE] + -2.0
                    row[PRESSURE] = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a
                    a = row[ECONOMY] + MUTUAL_COOP_ECONOMY
                    row[ECONOMY] = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a
            elif us == "D" and cn == "D":
                a = tension + MUTUAL_COMP_TENSION * (1.0 - damp)
                tension = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a
                for k in range(nrisk):
                    a = risk[k] + MUTUAL_COMP_RISK
                    risk[k] = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a
            else:
                row = row_us if us == "C" else row_cn
                a = row[PRESSURE] + EXPLOIT_PRESSURE
                row[PRESSURE] = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a
            if pub_cn == "D":
                a = row_us[PRESSURE] + 2.0
                row_us[PRESSURE] = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a
            if pub_us == "D":
                a = row_cn[PRESSURE] + 2.0
                row_cn[PRESSURE] = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a

            if tension > TENSION_FLOOR:
                a = tension + -(tension - TENSION_FLOOR) * TENSION_RELAX
                tension = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a

            if True in ch_open:
                for i in range(nch):
                    if not ch_open[i]:
                        continue
                    gain = ch_trust[i]
                    if gain:
                        a = trust + gain * ch_str[i] / 100.0
                        trust = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a
                    a = ch_str[i] + -ch_decay[i]
                    ch_str[i] = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a
                    if ch_str[i] <= 0.0:
                        set_channel(i, False)

            drift = SWING_DRIFT * ((row_us[INFLUENCE] - row_cn[INFLUENCE]) / 50.0)
            both = None
            court_us = courted(played[0])
            if court_us:
                court_cn = courted(played[1])
                if court_cn:
                    both = court_us & court_cn
            for k in range(nswing):
                if both and k in both:
                    for row in stats:
                        a = row[ECONOMY] + -1.0
                        row[ECONOMY] = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a
                a = swing[k] + drift
                swing[k] = 100.0 if a > 100.0 else -100.0 if a < -100.0 else a

            for row in stats:
                a = row[CAPABILITY] + GROWTH * (row[COMPUTE] - 40.0) / 40.0
                row[CAPABILITY] = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a
                a = row[ECONOMY] + GROWTH * (0.5 + (row[CAPABILITY] - 60.0) / 40.0 - tension / 100.0)
                row[ECONOMY] = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a

            for k in range(nrisk):
                a = risk[k] + -1.0
                risk[k] = 100.0 if a > 100.0 else 0.0 if a < 0.0 else a
            if jt is not None and ch_open[jt] and ch_str[jt] > 0:
                for k in (1, 2):  # bio, autonomy
                    add_risk(k, -ch_str[jt] / 40.0)

            econ = (row_us[ECONOMY] + row_cn[ECONOMY]) / 50.0
            mean_risk = sum(risk) / nrisk
            welfare = welfare + (WELFARE_BASE + econ - tension * WELFARE_PER_TENSION
                                 - mean_risk * WELFARE_PER_RISK + DEAL_WELFARE * len(active))

            end = None
            if tension >= 100.0:
                end = "gunfight"
            elif tension >= CONFLICT_AT:
                x = (tension - CONFLICT_AT) / (100.0 - CONFLICT_AT)
                if rand() < CONFLICT_CHANCE * x * x * (1.0 - damp):
                    end = "gunfight"
            if end is None:
                for k in range(nrisk):
                    v = risk[k]
                    if v > CATASTROPHE_AT:
                        x = (v - CATASTROPHE_AT) / (100.0 - CATASTROPHE_AT)
                        if rand() < CATASTROPHE_SCALE * x * x:
                            end = "catastrophe"
                            break
            if end is not None:
                ending, sudden = end, True
                welfare = welfare + (-abs(welfare) * r.welfare_collapse - 20.0)
            post = (us, cn)
            public = (pub_us, pub_cn)

            # -- assessment ------------------------------------------------------------------
            hist_orders[0].append(played[0])
            hist_orders[1].append(played[1])
            hist_posture.append(post)
            hist_public.append(public)
            if pub_us == "D":
                seen_d[0] = True
            if pub_cn == "D":
                seen_d[1] = True
            if ending is not None or turn >= turns:
                break
            turn += 1

        # -- the end: scored by the engine's own functions on the final numbers -----------
        final = self._final_state(stats, trust, tension, welfare, risk, ch_open, ch_str, swing,
                                  deals, hist_posture, ending, sudden, turn)
        return final, log

    def _final_state(self, stats, trust, tension, welfare, risk, ch_open, ch_str, swing, deals,
                     hist_posture, ending, sudden, turn) -> GameState:
        """The final numbers in a ``GameState`` that the engine's scoring reads (sides,
        channels, swing states, deals, postures); the rest of it is left empty."""
        st0, rules = self.st0, self.rules
        sides = {}
        for i, s in enumerate(SIDES):
            sides[s] = Side(*stats[i], self.objectives[s])
        deal_objs = [Deal(d[0], d[1], SIDES[d[2]], d[3], d[4], d[5], d[6], d[7]) for d in deals]
        history = [_Turn(t + 1, {"us": p[0], "cn": p[1]}) for t, p in enumerate(hist_posture)]
        channels = {cid: ChannelState(ch_open[i], ch_str[i]) for i, cid in enumerate(self.c.ch_ids)}
        st = GameState(
            st0.pack, st0.scenario, self.seed, st0.noise, st0.turns, turn, "over", sides,
            st0.start, trust, tension, welfare, dict(zip(RISKS, risk)), channels,
            dict(zip(st0.swing, swing)), deal_objs, [], [], [], {}, 0, [], history,
            st0.current, [], self.rng, [], 0, ending, sudden, dict(st0.options))
        if st.ending is None:
            st.ending = rules.ending_label(st)
        return st


def order_log(decisions: list) -> list:
    """The order log, as the engine keeps it, of the decisions ``play_lean`` returns."""
    out = []
    for d in decisions:
        turn, kind = d[0], d[1]
        if kind == 0:
            out.append([turn, "news", 0, SIDES[d[2]], {"kind": "response", "option": d[3]}])
        elif kind == 1:
            us, cn = d[3]
            out.append([turn, "talks", d[2], "us", us])
            out.append([turn, "talks", d[2], "cn", cn])
        else:
            us, cn = d[2]
            out.append([turn, "orders", 0, "us", {"kind": "orders", "actions": list(us)}])
            out.append([turn, "orders", 0, "cn", {"kind": "orders", "actions": list(cn)}])
    return out
