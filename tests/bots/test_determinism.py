"""Bots are seeded: the same seed gives the same game, decision by decision."""

import pytest

from game.sim import play_game, timing_summary


@pytest.mark.parametrize("us,cn,level", [("strategist", "transactional", "normal"),
                                         ("transactional", "strategist", "hard"),
                                         ("strategist", "strategist", "easy")])
def test_same_seed_same_game(engine, us, cn, level):
    a = play_game(engine, us, cn, seed=17, noise=0.1, level=level)
    b = play_game(engine, us, cn, seed=17, noise=0.1, level=level)
    assert a.state.log == b.state.log
    assert a.reasons == b.reasons
    assert engine.returns(a.state) == engine.returns(b.state)


def test_classic_strategist_is_stable(classic):
    a = play_game(classic, "strategist", "random", seed=2, turns=30, noise=0.05, level="hard")
    b = play_game(classic, "strategist", "random", seed=2, turns=30, noise=0.05, level="hard")
    assert a.state.log == b.state.log


def test_timing_summary_shape(engine):
    res = play_game(engine, "strategist", "tit-for-tat", seed=3, level="easy", timed=True)
    t = timing_summary([res.timing])
    assert set(t) == {"us", "cn"}
    for side in ("us", "cn"):
        assert set(t[side]) == {"decisions", "median_ms", "p95_ms"}
        assert t[side]["decisions"] == len(res.timing[side]) > 0
        assert 0 <= t[side]["median_ms"] <= t[side]["p95_ms"]
    assert timing_summary([]) == {s: {"decisions": 0, "median_ms": 0.0, "p95_ms": 0.0}
                                  for s in ("us", "cn")}
