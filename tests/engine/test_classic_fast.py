"""The fast classic loop (``game.engine.classic``) gives exactly the game of the generic path.

``play_game`` plays the classic pack with two simple bots in a loop of its own; these tests
play the same games through the generic rules (``fast=False``) and compare everything: the
state's JSON and dict (history, changes, order log, random stream, scores, ending) and the
reasons. A change to the classic rules, to what a turn records or to a simple bot that the
fast loop does not follow fails here.
"""

import itertools
import shutil

import pytest

from game.bots import make_bot
from game.bots.simple import TitForTat
from game.content.loader import builtin_packs_dir, load_pack
from game.engine import Engine, replay
from game.engine import classic as fast_classic
from game.sim import play_game

SIMPLE = ["dove", "hawk", "tit-for-tat", "generous", "grim", "pavlov", "random"]
PAIRS = list(itertools.product(SIMPLE, SIMPLE))


def _same(engine, us, cn, **kw):
    slow = play_game(engine, us, cn, fast=False, **kw)
    quick = play_game(engine, us, cn, **kw)
    where = (us, cn, kw)
    assert Engine.to_json(quick.state) == Engine.to_json(slow.state), where
    assert quick.state.to_dict() == slow.state.to_dict(), where
    assert quick.state.history == slow.state.history, where  # TurnRecord types and all
    assert quick.reasons == slow.reasons, where
    assert quick.summary(engine) == slow.summary(engine), where
    return quick


@pytest.fixture
def uses_fast_loop(monkeypatch):
    """Counts the games the fast loop played (and so proves it is the one compared)."""
    played = []
    real = fast_classic.play_classic

    def counting(*a, **k):
        out = real(*a, **k)
        if out is not None:
            played.append(out[0])
        return out

    monkeypatch.setattr("game.sim.play_classic", counting)
    return played


@pytest.mark.parametrize("noise", [0.0, 0.05])
@pytest.mark.parametrize("seed", [1, 17, 4_000_000_007])
def test_every_pair_matches_the_generic_path(classic, uses_fast_loop, seed, noise):
    for us, cn in PAIRS:
        _same(classic, us, cn, seed=seed, turns=60, noise=noise)
    assert len(uses_fast_loop) == len(PAIRS)


@pytest.mark.parametrize("turns,noise", [(None, 0.05), (200, 0.0), (1, 0.05), (2, 0.5),
                                         (-3, 0.0), (37, 1.0)])
def test_lengths_and_noise_levels(classic, uses_fast_loop, turns, noise):
    for us, cn in PAIRS:
        _same(classic, us, cn, seed=9, turns=turns, noise=noise)
    assert len(uses_fast_loop) == len(PAIRS)


def test_reasons_off_and_aliases(classic, uses_fast_loop):
    for us, cn in (("gtft", "wsls"), ("tft", "random"), ("Grim", "generous")):
        r = _same(classic, us, cn, seed=5, turns=40, noise=0.1, keep_reasons=False)
        assert r.reasons == []
    assert len(uses_fast_loop) == 3


def test_reasons_are_fresh_data(classic):
    r = play_game(classic, "grim", "random", seed=3, turns=20, noise=0.2)
    says = [x[4] for x in r.reasons]
    assert len({id(s) for s in says}) == len(says)
    assert len({id(s["reason"]) for s in says}) == len(says)
    assert any(s["reason"]["k"] == "grim_d" for s in says)


def test_the_log_replays_to_the_same_state(classic):
    for us, cn in (("random", "generous"), ("pavlov", "grim")):
        g = play_game(classic, us, cn, seed=21, turns=80, noise=0.1)
        again = replay(classic, 21, g.state.log, turns=80, noise=0.1)
        assert Engine.to_json(again) == Engine.to_json(g.state)
        assert Engine.to_json(Engine.from_json(Engine.to_json(g.state))) == Engine.to_json(g.state)


def _pack_copy(tmp_path, edit):
    dst = tmp_path / "variant"
    shutil.copytree(builtin_packs_dir() / "classic", dst)
    sc = dst / "scenarios.yaml"
    sc.write_text(edit(sc.read_text(encoding="utf-8")), encoding="utf-8")
    return Engine(load_pack(dst))


@pytest.mark.parametrize("payoffs", [
    "payoffs: {R: 3.3, T: 5.1, S: 0.2, P: 1.05}",  # fractions: the snapshot rounds
    "payoffs: {R: 3, T: 7, S: -1, P: 0}",
])
def test_other_payoffs(tmp_path, uses_fast_loop, payoffs):
    eng = _pack_copy(tmp_path, lambda t: t.replace("payoffs: {R: 3, T: 5, S: 0, P: 1}", payoffs))
    assert eng.rules.r.payoffs["T"] != 5
    for us, cn in PAIRS[::4]:
        _same(eng, us, cn, seed=2, turns=90, noise=0.05)
    assert uses_fast_loop


def test_default_payoffs_when_the_scenario_names_none(tmp_path, uses_fast_loop):
    eng = _pack_copy(tmp_path, lambda t: t.replace("      payoffs: {R: 3, T: 5, S: 0, P: 1}\n", ""))
    for us, cn in PAIRS[::5]:
        _same(eng, us, cn, seed=8, turns=30, noise=0.05)
    assert uses_fast_loop


# -- when the fast loop stands aside ------------------------------------------------------

def test_other_bots_and_packs_take_the_generic_path(classic, engine):
    st = classic.new_game(1, turns=5)
    for us, cn in (("strategist", "dove"), ("hawk", "transactional")):
        bots = {"us": make_bot(us, classic, "us", seed=1), "cn": make_bot(cn, classic, "cn", seed=1)}
        assert fast_classic.play_classic(classic, st, bots) is None
    assert st.history == [] and st.log == [] and st.phase == "orders"
    bots = {"us": make_bot("dove", engine, "us"), "cn": make_bot("hawk", engine, "cn")}
    assert fast_classic.play_classic(engine, engine.new_game(1), bots) is None


def test_a_subclass_without_its_own_rule_takes_the_generic_path(classic):
    class Stubborn(TitForTat):
        def posture(self, view):
            return "D", {"k": "always_comp"}

    bots = {"us": Stubborn(classic, "us", seed=1), "cn": make_bot("dove", classic, "cn", seed=1)}
    assert fast_classic.play_classic(classic, classic.new_game(1, turns=5), bots) is None


def test_strategist_in_classic_still_plays(classic, uses_fast_loop):
    r = play_game(classic, "strategist", "random", seed=2, turns=10, noise=0.05)
    assert len(r.state.history) == 10 and not uses_fast_loop


def test_timed_games_take_the_generic_path(classic, uses_fast_loop):
    r = play_game(classic, "tit-for-tat", "random", seed=4, turns=12, timed=True)
    assert not uses_fast_loop
    assert len(r.timing["us"]) == 12 and len(r.timing["cn"]) == 12
    q = play_game(classic, "tit-for-tat", "random", seed=4, turns=12)
    assert Engine.to_json(q.state) == Engine.to_json(r.state) and q.reasons == r.reasons
    assert q.timing == {"us": [], "cn": []}
