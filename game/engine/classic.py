"""A fast loop for the classic pack: the iterated prisoner's dilemma without the generic phases.

In classic mode the rules skip news, talks and most of resolution: each turn both sides put
one card in their orders, noise may flip each move, the payoffs are added, and the turn is
recorded. ``play_classic`` plays a whole game that way in one tight loop, with bots that
give their classic move as a small function (``classic_rule`` in ``game.bots.simple``)
instead of reading a full view of the state, and builds exactly the state the generic path
(``Engine.play`` with the bots' ``act``) builds: the same turn records, changes with their
causes, order log, random stream position, scores and ending, and the same reasons.

``tests/engine/test_classic_fast.py`` compares the two paths over every pair of simple bots,
with and without noise, so a change to the classic rules that this loop does not follow
fails loudly. A pack or a bot this loop does not know gets ``None`` and the generic path.

A classic rule is ``rule(turn, mine, theirs) -> (move, reason)``: ``mine`` and ``theirs`` are
the two sides' moves of the previous turn as played (after noise; "C" or "D"; ``None`` on
the first turn), ``move`` is "C" or "D" and ``reason`` the bot's reason as data (shared by
the rule between turns: copied here before it is stored).
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from ..content import schema as S
from .state import SIDES, GameState, TurnRecord, snapshot

COOPERATE, DEFECT = "cooperate", "defect"  # the cards the simple bots play in classic mode
_PAIRS = {("C", "C"): ("R", "R"), ("C", "D"): ("S", "T"),
          ("D", "C"): ("T", "S"), ("D", "D"): ("P", "P")}
_ELIGIBLE: WeakKeyDictionary = WeakKeyDictionary()


def pack_is_plain_classic(rules) -> bool:
    """True when ``rules`` are classic ones this loop reproduces: both sides hold the
    ``cooperate`` (cooperative) and ``defect`` (competitive) cards with no requirements,
    and the payoffs name R, T, S and P."""
    ok = _ELIGIBLE.get(rules)
    if ok is None:
        ok = _ELIGIBLE[rules] = _check_pack(rules)
    return ok


def _check_pack(rules) -> bool:
    if not rules.classic:
        return False
    acts = rules.actions
    for aid, stance in ((COOPERATE, "cooperative"), (DEFECT, "competitive")):
        a = acts.get(aid)
        if a is None or a.stance != stance or a.requires != S.Requires():
            return False
        if any(aid not in rules.side_set[s] for s in SIDES):
            return False
    return all(k in rules.r.payoffs for k in "RTSP")


def classic_rules(engine, bots: dict):
    """The two bots' classic rules (us, cn) when the fast loop can play this game, else None."""
    if not pack_is_plain_classic(engine.rules):
        return None
    out = []
    for s in SIDES:
        bot = bots[s]
        make = type(bot).__dict__.get("classic_rule")  # the bot's own class must define it
        if make is None or bot.engine is not engine or bot.side != s:
            return None
        rule = make(bot)
        if rule is None:
            return None
        out.append(rule)
    return out


def play_classic(engine, st: GameState, bots: dict, keep_reasons: bool = True):
    """Play the fresh classic game ``st`` (straight from ``engine.new_game``) to the end, in
    place, with the two simple bots. Returns ``(state, reasons)`` as ``play_game`` keeps
    them (reasons empty unless ``keep_reasons``), or ``None`` when this game needs the
    generic path (then ``st`` and the bots are untouched)."""
    if st.phase != "orders" or st.turn != 1 or st.history or st.log or st.ending is not None:
        return None
    rules = classic_rules(engine, bots)
    if rules is None:
        return None
    rule_us, rule_cn = rules
    return _loop(engine, st, rule_us, rule_cn, keep_reasons)


def _loop(engine, st: GameState, rule_us, rule_cn, keep_reasons: bool):
    pay = engine.rules.r.payoffs
    last = max(1, st.turns)  # the game always plays its first turn

    # per pair of moves as played: the payoffs and their keys, as _resolve_classic adds them
    table: dict = {"C": {}, "D": {}}
    for (mu, mc), (ku, kc) in _PAIRS.items():
        table[mu][mc] = (pay[ku], pay[kc], ku, kc, pay[ku] + pay[kc], ku + kc)
    # sums of whole numbers stay whole, and round(x, 3) of a whole float is x itself
    exact = all(isinstance(v, (int, float)) and float(v).is_integer()
                and abs(v) * (last + 1) < 2.0 ** 50 for v in pay.values())

    # only the scores move in classic mode: the rest of each turn's snapshot is constant
    snap0 = snapshot(st)
    trust0, tension0, level0 = snap0["trust"], snap0["tension"], snap0["level"]
    risk_copy, us_copy, cn_copy = snap0["risk"].copy, snap0["us"].copy, snap0["cn"].copy
    card = {"C": COOPERATE, "D": DEFECT}
    flip = {"C": "D", "D": "C"}

    sides = st.sides
    nat_us, nat_cn, welfare = sides["us"].national, sides["cn"].national, st.welfare
    noise = st.noise
    noisy = noise > 0
    rand = st.rng.random
    hist_append = st.history.append
    log_extend = st.log.extend
    reasons: list = []
    speak_cache: dict = {}
    pack = engine.rules.pack
    mine_us = mine_cn = None  # last turn's moves as played

    for t in range(1, last + 1):
        # orders: each side's card, logged as Rules.submit logs a checked decision
        du, why_us = rule_us(t, mine_us, mine_cn)
        dc, why_cn = rule_cn(t, mine_cn, mine_us)
        cu, cc = card[du], card[dc]
        if keep_reasons:
            reasons.append(_reason(t, "us", cu, why_us, speak_cache, pack))
            reasons.append(_reason(t, "cn", cc, why_cn, speak_cache, pack))
        log_extend(([t, "orders", 0, "us", {"kind": "orders", "actions": [cu]}],
                    [t, "orders", 0, "cn", {"kind": "orders", "actions": [cc]}]))
        # resolution: noise (one draw per side, us first), then payoffs and welfare
        flipped = None
        if noisy:
            if rand() < noise:
                du = flip[du]
                flipped = [["resolution", "us.move", 0.0, 0.0, ["noise", "us"]]]
            if rand() < noise:
                dc = flip[dc]
                entry = ["resolution", "cn.move", 0.0, 0.0, ["noise", "cn"]]
                flipped = [entry] if flipped is None else flipped + [entry]
        pu, pc, ku, kc, dw, kk = table[du][dc]
        nat_us += pu
        nat_cn += pc
        welfare += dw
        changes = [["resolution", "us.national", pu, nat_us, ["payoff", ku]],
                   ["resolution", "cn.national", pc, nat_cn, ["payoff", kc]],
                   ["resolution", "welfare", dw, welfare, ["payoff", kk]]]
        if flipped is not None:
            changes = flipped + changes
        # assessment: the turn's record with its snapshot
        su, sc = us_copy(), cn_copy()
        if exact:
            su["national"], sc["national"], w = nat_us, nat_cn, welfare
        else:
            su["national"], sc["national"] = round(nat_us, 3), round(nat_cn, 3)
            w = round(welfare, 3)
        hist_append(TurnRecord(t, None, [], {}, [], [], {"us": [cu], "cn": [cc]}, changes,
                               {"us": du, "cn": dc}, {"us": du, "cn": dc},
                               {"trust": trust0, "tension": tension0, "welfare": w,
                                "level": level0, "risk": risk_copy(), "us": su, "cn": sc}))
        mine_us, mine_cn = du, dc

    sides["us"].national, sides["cn"].national = nat_us, nat_cn
    st.welfare = welfare
    st.turn = last
    st.pending = {}
    st.ending = "classic"
    st.phase = "over"
    st.current = TurnRecord(last)
    return st, reasons


def _reason(turn: int, side: str, card: str, why: dict, cache: dict, pack) -> list:
    """A reason row as ``play_game`` keeps it: [turn, phase, side, why, say]."""
    say = {"k": "play", "cards": [card], "reason": dict(why)}
    key = (card, tuple(why.items()))
    text = cache.get(key)
    if text is None:
        from ..bots.speech import speak

        text = cache[key] = speak(say, pack, "en")
    return [turn, "orders", side, text, say]
