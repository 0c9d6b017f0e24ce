"""The fast full-rules loop (``game.fastsim``) gives exactly the games of the generic path.

``play_game`` plays two simple bots whose reasons are not kept in a loop of its own, which
returns each game's summary and order log without the turn records. These tests play the
same games through the generic rules (``fast=False``) and compare the summaries and the
order logs, and the state the engine rebuilds from the loop's log with the generic game's
state. A change to the full rules or to a simple bot that the loop does not follow fails
here.
"""

import itertools
import shutil

import pytest

from game import fastsim
from game.bots import make_bot
from game.bots.simple import Dove
from game.content.loader import builtin_packs_dir, load_pack
from game.engine import Engine, api
from game.sim import play_game

SIMPLE = ["dove", "hawk", "tit-for-tat", "generous", "grim", "pavlov", "random"]
PAIRS = list(itertools.product(SIMPLE, SIMPLE))


def _same(engine, us, cn, whole=False, **kw):
    """Plays a game both ways; ``whole`` also compares the state rebuilt from the log."""
    slow = play_game(engine, us, cn, fast=False, keep_reasons=False, **kw)
    quick = play_game(engine, us, cn, keep_reasons=False, **kw)
    where = (us, cn, kw)
    assert quick._lean is not None, where  # the fast loop played it
    assert quick.summary(engine) == slow.summary(engine), where
    assert quick.log == slow.state.log, where
    if whole:
        assert Engine.to_json(quick.state) == Engine.to_json(slow.state), where
    return quick


@pytest.fixture(scope="module")
def parallel(default_pack):
    return Engine(default_pack, "parallel_2027")


@pytest.mark.parametrize("noise", [0.0, 0.15])
@pytest.mark.parametrize("seed", [1, 17, 4_000_000_007])
def test_every_pair_matches_the_generic_path(engine, seed, noise):
    for us, cn in PAIRS:
        _same(engine, us, cn, whole=seed == 17, seed=seed, noise=noise)


@pytest.mark.parametrize("seed", [3, 99])
def test_the_second_scenario(parallel, seed):
    for us, cn in PAIRS:
        _same(parallel, us, cn, whole=seed == 3, seed=seed, noise=0.1)


@pytest.mark.parametrize("options", [{"channels": False}, {"deals": False},
                                     {"verification": False},
                                     {"channels": False, "verification": False}])
def test_rule_options(engine, options):
    for us, cn in PAIRS[::3]:
        _same(engine, us, cn, whole=True, seed=5, noise=0.1, options=options)


@pytest.mark.parametrize("turns", [1, 2, 20])
def test_game_lengths(engine, turns):
    # 20 turns runs past the scenario's eras, where the era follows from the fraction played
    for us, cn in PAIRS[::2]:
        _same(engine, us, cn, seed=11, turns=turns, noise=0.05)


def test_many_seeds_of_the_deal_makers(engine):
    for seed in range(40):
        for us, cn in (("dove", "random"), ("generous", "tit-for-tat"), ("random", "grim")):
            _same(engine, us, cn, seed=seed, noise=0.2)


def test_other_rule_numbers(tmp_path):
    """A pack whose scenario changes the numbers the loop reads: fewer talk rounds and
    cards, harsher fatigue, dearer concessions, an earlier ladder top."""
    dst = tmp_path / "variant"
    shutil.copytree(builtin_packs_dir() / "default", dst)
    sc = dst / "scenarios.yaml"
    text = sc.read_text(encoding="utf-8")
    rules = ("    rules: {talk_rounds: 1, max_cards: 2, fatigue: 0.5, pressure_cost_threshold: 50,"
             " conflict_threshold: 45, catastrophe_threshold: 40, capital_income: 3}\n")
    text = text.replace("    turns: 12\n", "    turns: 12\n" + rules, 1)
    sc.write_text(text, encoding="utf-8")
    eng = Engine(load_pack(dst))
    assert eng.rules.r.talk_rounds == 1 and eng.rules.r.max_cards == 2
    for us, cn in PAIRS[::2]:
        _same(eng, us, cn, seed=4, noise=0.1)


def test_requirements_and_responders_the_default_pack_does_not_use(tmp_path):
    """Cards, offers and answers that ask for a turn or a side's numbers, a deal whose turns
    move a channel, an event the blamed side answers, and a ladder that reaches its top."""
    dst = tmp_path / "variant"
    shutil.copytree(builtin_packs_dir() / "default", dst)

    def edit(name, old, new):
        path = dst / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    edit("actions_cn.yaml", "requires: {channels_open: [gov_dialogue]}",
         "requires: {channels_open: [gov_dialogue], min_turn: 3,"
         " min_stat: {self.capital: 2, other.pressure: 30}}")
    edit("offers.yaml", "requires: {min_trust: 20}",
         "requires: {min_trust: 20, min_turn: 2, min_stat: {self.economy: 50}}")
    edit("offers.yaml", "    benefits_shared:\n      - {stat: tension, delta: -1.5}\n",
         "    benefits_shared:\n      - {stat: tension, delta: -1.5}\n"
         "      - {stat: channel.track2, delta: 4}\n      - {open: hotline}\n")
    edit("events_early.yaml", "      side: victim\n", "      side: blamed\n")
    edit("scenarios.yaml", "    turns: 12\n",
         "    turns: 12\n    rules: {tension_per_comp: 12.0, tension_relax: 0.0, conflict_threshold: 99, catastrophe_threshold: 99}\n")
    eng = Engine(load_pack(dst))
    for seed in (1, 2, 3):
        for us, cn in PAIRS[::2]:
            _same(eng, us, cn, seed=seed, noise=0.1)
    endings = {play_game(eng, "hawk", "hawk", seed=s, keep_reasons=False).summary(eng)["outcome"]
               for s in range(6)}
    assert "gunfight" in endings


def test_the_bots_streams_end_where_the_generic_path_leaves_them(engine):
    for us, cn in (("random", "generous"), ("generous", "random")):
        ends = []
        for fast in (True, False):
            bots = {"us": make_bot(us, engine, "us", seed=8), "cn": make_bot(cn, engine, "cn", seed=8)}
            if fast:
                assert fastsim.play_lean(engine, bots, 8, noise=0.2) is not None
            else:
                def decide(st, side, kind, bots=bots):
                    return bots[side].act(engine.view(st, side), kind).decision

                engine.play(engine.new_game(8, noise=0.2), decide)
            ends.append([(b.rng.block, b.rng.pos) for b in bots.values()])
        assert ends[0] == ends[1]
        assert ends[0] != [(0, 0), (0, 0)]  # the bots did draw


def test_the_state_is_rebuilt_only_when_read(engine, monkeypatch):
    calls = []
    real = api.replay
    monkeypatch.setattr(api, "replay", lambda *a, **k: calls.append(1) or real(*a, **k))
    r = play_game(engine, "dove", "hawk", seed=2, keep_reasons=False)
    r.summary(engine)
    assert r.log and not calls
    st = r.state
    assert calls == [1] and st.phase == "over" and st.log == r.log
    assert r.state is st


# -- when the fast loop stands aside ------------------------------------------------------

def test_reasons_timing_and_other_bots_take_the_generic_path(engine, monkeypatch):
    played = []
    real = fastsim.play_lean
    monkeypatch.setattr("game.sim.play_lean",
                        lambda *a, **k: played.append(1) or real(*a, **k))
    assert play_game(engine, "dove", "hawk", seed=1).reasons  # reasons kept: generic
    play_game(engine, "dove", "hawk", seed=1, keep_reasons=False, timed=True)
    play_game(engine, "dove", "hawk", seed=1, keep_reasons=False, fast=False)
    assert played == []
    r = play_game(engine, "strategist", "hawk", seed=1, keep_reasons=False)
    assert played == [1] and r._lean is None  # asked, and declined


def test_a_subclass_of_a_simple_bot_is_not_played_as_its_parent(engine):
    class Softer(Dove):
        def posture(self, view):
            return "D", {"k": "always_comp"}

    bots = {"us": Softer(engine, "us", seed=1), "cn": make_bot("hawk", engine, "cn", seed=1)}
    assert fastsim.play_lean(engine, bots, 1) is None


def test_the_classic_pack_is_not_its_business(classic):
    bots = {s: make_bot("dove", classic, s, seed=1) for s in ("us", "cn")}
    assert fastsim.play_lean(classic, bots, 1) is None
