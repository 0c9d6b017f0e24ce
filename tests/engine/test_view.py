"""A side's view: the cheap shared view hides exactly what a masked full copy hides, and
making one changes nothing in the state it is made from."""

from __future__ import annotations

import itertools

import pytest

from game.bots import make_bot
from game.engine.state import HIDDEN, SIDES, other


def masked_copy(st, side):
    """The plain way to make a view: copy everything, then take the secrets out."""
    v = st.clone()
    foe = other(side)
    over = st.phase == "over"
    if not over:
        v.sides[foe].objective = None
    if foe in v.pending:
        v.pending[foe] = HIDDEN
    for inc in v.incidents:
        if not inc.revealed and not over:
            inc.false_flag = None
    for d in v.deals:
        d.breaches = [b for b in d.breaches if b[1] == side or b[2]]
    if not over:
        v.secrets = [x for x in v.secrets if x[1] == side]
        order = ("news", "talks", "orders", "resolution", "assessment")
        for i, e in enumerate(v.log):
            if e[0] != st.turn or e[3] == side:
                continue
            seen = e[1] == "talks" and e[2] < st.talk_round
            if not seen and order.index(st.phase) <= order.index(e[1]):
                v.log[i] = [e[0], e[1], e[2], e[3], HIDDEN]
    v.seed = -1
    d = v.to_dict()
    d.pop("rng")
    return d


@pytest.mark.parametrize("us,cn", [("transactional", "hawk"), ("generous", "pavlov"),
                                   ("tit-for-tat", "transactional"), ("random", "grim")])
def test_view_hides_what_a_masked_copy_hides(engine, us, cn):
    seen = 0
    for seed, noise in itertools.product((3, 11, 29), (0.0, 0.2)):
        bots = {"us": make_bot(us, engine, "us", seed=seed), "cn": make_bot(cn, engine, "cn", seed=seed)}
        st = engine.new_game(seed, noise=noise)
        while True:
            before = engine.to_json(st)
            for side in SIDES:
                v = engine.view(st, side)
                got = v.to_dict()
                assert got.pop("rng") == {"seed": 0, "block": 0, "pos": 0, "buf": []}  # no future
                assert got == masked_copy(st, side)
                assert v.clone().to_dict() == v.to_dict()
                seen += 1
            assert engine.to_json(st) == before  # making views changed nothing
            if st.phase == "over":
                break
            inputs = {s: bots[s].act(engine.view(st, s), k).decision
                      for s, k in engine.awaiting(st).items()}
            st = engine.apply(st, inputs)
    assert seen > 100
