"""The strategist plays from its view: what the view hides cannot change its choice."""

import pytest

from game.bots import make_bot
from game.engine.state import HIDDEN


def _to_phase(engine, seed, phase, turn):
    """A game played by two tit-for-tat bots up to ``phase`` of ``turn``, nothing submitted."""
    st = engine.new_game(seed, noise=0.1)
    bots = {s: make_bot("tit-for-tat", engine, s, seed=seed) for s in ("us", "cn")}
    rules = engine.rules
    st = st.clone()
    while not (st.turn == turn and st.phase == phase):
        for side, kind in rules.awaiting(st).items():
            rules.submit(st, side, bots[side].act(engine.view(st, side), kind).decision)
        rules.advance(st)
        assert st.phase != "over"
    return st


def _other_objective(engine, st, side):
    objs = engine.scenario.objectives[side]
    return next(o for o in objs if o != st.sides[side].objective)


@pytest.mark.parametrize("level", ["easy", "hard"])
def test_orders_ignore_hidden_orders_and_objective(engine, level):
    base = _to_phase(engine, 11, "orders", 3)
    legal = engine.legal_actions(base, "cn")
    a = engine.submit(base, "cn", {"kind": "orders", "actions": []})
    b = engine.submit(base, "cn", {"kind": "orders", "actions": legal[:1]})
    b.sides["cn"].objective = _other_objective(engine, b, "cn")
    for inc in b.incidents:  # the truth behind unrevealed incidents is hidden too
        if not inc.revealed:
            inc.false_flag = not inc.false_flag
    assert a.pending["cn"] != b.pending["cn"]
    va, vb = engine.view(a, "us"), engine.view(b, "us")
    assert va.pending["cn"] == HIDDEN
    assert va.to_dict() == vb.to_dict()
    ca = make_bot("strategist", engine, "us", seed=5, level=level).act(va, "orders")
    cb = make_bot("strategist", engine, "us", seed=5, level=level).act(vb, "orders")
    assert ca == cb


def test_talks_ignore_hidden_proposal(engine):
    base = _to_phase(engine, 12, "talks", 2)
    offers = engine.legal_offers(base, "us")
    assert offers, "the default scenario offers deals in its second turn"
    oid = offers[0]
    prop = {"offer": oid, "duration": engine.pack.offers[oid].terms.durations[0],
            "verification": engine.rules.verification_choices(base, oid)[0]}
    a = engine.submit(base, "us", {"kind": "talk", "propose": None})
    b = engine.submit(base, "us", {"kind": "talk", "propose": prop})
    b.sides["us"].objective = _other_objective(engine, b, "us")
    va, vb = engine.view(a, "cn"), engine.view(b, "cn")
    assert va.to_dict() == vb.to_dict()
    ca = make_bot("strategist", engine, "cn", seed=3, level="hard").act(va, "talk")
    cb = make_bot("strategist", engine, "cn", seed=3, level="hard").act(vb, "talk")
    assert ca == cb


def test_the_strategist_is_only_given_views(engine):
    """In a whole game every input the strategist gets is a view: no seed, no foe objective."""
    from game.sim import play_game

    seen = []
    bot_cls = type(make_bot("strategist", engine, "us"))
    orig = bot_cls.act

    def spy(self, view, kind):
        seen.append((view.seed, view.sides[self.foe].objective))
        return orig(self, view, kind)

    bot_cls.act = spy
    try:
        play_game(engine, "strategist", "generous", seed=4, level="easy")
    finally:
        bot_cls.act = orig
    assert seen and all(s == -1 and obj is None for s, obj in seen)
