"""The five properties the numbers must have (GAME.md), each over many seeds."""

from collections import Counter
from statistics import mean

import pytest

from game.bots import make_bot
from game.sim import game_seeds, play_game

SEEDS = game_seeds(2025, 30)
RECIPROCATORS = ["tit-for-tat", "generous", "pavlov", "grim"]
SIMPLE = ["dove", "hawk", "tit-for-tat", "generous", "grim", "pavlov", "random"]


def _means(engine, us, cn, seeds=SEEDS, **kw):
    games = [play_game(engine, us, cn, seed=s, keep_reasons=False, **kw).summary(engine)
             for s in seeds]
    return {
        "us": mean(g["national"]["us"] for g in games),
        "cn": mean(g["national"]["cn"] for g in games),
        "welfare": mean(g["welfare"] for g in games),
        "coop": mean((g["cooperation"]["us"] + g["cooperation"]["cn"]) / 2 for g in games),
    }


@pytest.mark.parametrize("scenario", ["race_2025", "parallel_2027"])
def test_1_a_true_prisoners_dilemma(default_pack, scenario):
    from game.engine import Engine

    eng = Engine(default_pack, scenario)
    cc = _means(eng, "dove", "dove")
    dd = _means(eng, "hawk", "hawk")
    dc = _means(eng, "hawk", "dove")  # us defects, cn cooperates
    cd = _means(eng, "dove", "hawk")
    for side, (t, s) in {"us": (dc, cd), "cn": (cd, dc)}.items():
        T, R, P, S = t[side], cc[side], dd[side], s[side]
        assert T > R > P > S, (side, T, R, P, S)
        assert 2 * R > T + S, (side, T, R, S)
    assert cc["welfare"] > dd["welfare"]


@pytest.fixture(scope="module")
def round_robin(engine):
    scores = {b: [] for b in SIMPLE}
    for a in SIMPLE:
        for b in SIMPLE:
            for s in SEEDS[:12]:
                g = play_game(engine, a, b, seed=s, keep_reasons=False).summary(engine)
                scores[a].append(g["national"]["us"])
                scores[b].append(g["national"]["cn"])
    return {b: mean(v) for b, v in scores.items()}


def test_2_reciprocity_pays(round_robin):
    hawk = round_robin["hawk"]
    for b in RECIPROCATORS:
        assert round_robin[b] > hawk, (b, round_robin)
    assert mean(round_robin[b] for b in RECIPROCATORS) > hawk


def test_3_under_fog_generosity_beats_strict_reciprocity(engine):
    gen = _means(engine, "generous", "generous", noise=0.15)
    tft = _means(engine, "tit-for-tat", "tit-for-tat", noise=0.15)
    assert gen["welfare"] > tft["welfare"]
    assert gen["coop"] > tft["coop"]


def test_4_the_remedy_works(engine):
    """Channels, verification and deals raise cooperation and welfare among reciprocators
    playing in the fog, compared with the same players and seeds without them."""
    def field(options):
        rows = [_means(engine, a, b, seeds=SEEDS[:10], noise=0.1, options=options)
                for a in RECIPROCATORS for b in RECIPROCATORS]
        return mean(r["coop"] for r in rows), mean(r["welfare"] for r in rows)

    with_all = field(None)
    without = field({"channels": False, "deals": False, "verification": False})
    assert with_all[0] > without[0] + 0.03
    assert with_all[1] > without[1] * 1.1
    # and each lever on its own counts
    for off in ({"channels": False}, {"deals": False}, {"verification": False}):
        part = field(off)
        assert with_all[1] > part[1], off


def test_5_no_dead_cards(engine, default_pack):
    """Every card is chosen by some bot in some game."""
    played = Counter()
    for a in SIMPLE:
        for b in SIMPLE:
            for s in SEEDS[:4]:
                r = play_game(engine, a, b, seed=s, keep_reasons=False)
                for h in r.state.history:
                    for side in ("us", "cn"):
                        played.update(h.orders.get(side, []))
    dead = sorted(set(default_pack.actions) - set(played))
    assert not dead, dead


def test_5_no_dominant_card(engine, default_pack):
    """No card is best for its player in every situation: for each card there are sampled
    states where swapping it for another legal card leaves its player better off after the
    turn resolves (same seed, same opponent orders, so only the card differs)."""
    from game.engine.state import SIDES

    rules = engine.rules
    states = []
    for a, b in (("random", "random"), ("tit-for-tat", "random"), ("random", "hawk")):
        for s in SEEDS[:6]:
            r = play_game(engine, a, b, seed=s, keep_reasons=False, turns=6)
            states.extend(h for h in r.state.history)

    beaten = {aid: False for aid in default_pack.actions}
    for seed in SEEDS[:8]:
        st = engine.new_game(seed)
        bots = {s: make_bot("random", engine, s, seed=seed) for s in SIDES}
        for _turn in range(6):
            while st.phase != "orders" and st.phase != "over":
                for side, kind in engine.awaiting(st).items():
                    st = engine.submit(st, side, bots[side].act(engine.view(st, side), kind).decision)
                if not engine.awaiting(st):
                    st = engine.advance(st)
            if st.phase == "over":
                break
            foe_orders = {s: bots[s].act(engine.view(st, s), "orders").decision for s in SIDES}
            for side in SIDES:
                legal = engine.legal_actions(st, side)
                results = {}
                for aid in legal:
                    orders = dict(foe_orders)
                    orders[side] = {"kind": "orders", "actions": [aid]}
                    after = engine.advance(engine.apply(st, orders))
                    results[aid] = rules.national(after, side)
                for aid, v in results.items():
                    if any(w > v for b, w in results.items() if b != aid):
                        beaten[aid] = True
            st = engine.apply(st, foe_orders)
            while st.phase in ("resolution", "assessment"):
                st = engine.advance(st)
    dominant = [a for a, b in beaten.items() if not b]
    assert not dominant, dominant
