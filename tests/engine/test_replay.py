"""A seed plus the order log replays a game exactly, including across a save and load."""

import pytest

from game.engine import Engine, IllegalMove, replay
from game.sim import play_game


def _continue(engine, st, log_tail):
    rules = engine.rules
    st = st.clone()
    for turn, phase, rnd, side, decision in log_tail:
        while not rules.awaiting(st):
            rules.advance(st)
        rules.submit(st, side, decision)
    while st.phase != "over":
        assert not rules.awaiting(st)
        rules.advance(st)
    return st


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_replay_is_exact(engine, seed):
    g = play_game(engine, "random", "generous", seed=seed, noise=0.2)
    again = replay(engine, seed, g.state.log, noise=0.2)
    assert Engine.to_json(again) == Engine.to_json(g.state)


@pytest.mark.parametrize("seed", [5, 6, 7])
def test_play_on_after_a_json_round_trip(engine, seed):
    g = play_game(engine, "random", "random", seed=seed, noise=0.2)
    log = g.state.log
    for cut in range(0, len(log), max(1, len(log) // 7)):
        st = replay(engine, seed, log, noise=0.2, upto=cut)
        reloaded = Engine.from_json(Engine.to_json(st))  # keys come back sorted
        final = _continue(engine, reloaded, log[cut:])
        assert Engine.to_json(final) == Engine.to_json(g.state), cut


def test_a_tampered_log_is_refused(engine):
    g = play_game(engine, "dove", "hawk", seed=9)
    log = [list(e) for e in g.state.log]
    i = next(i for i, e in enumerate(log) if e[1] == "orders")
    log[i][4] = {"kind": "orders", "actions": ["no_such_card"]}
    with pytest.raises(IllegalMove):
        replay(engine, 9, log)


def test_counter_offer_with_the_same_template(engine):
    st = engine.new_game(3)
    rules = engine.rules
    while st.phase != "talks":
        for side, kind in engine.awaiting(st).items():
            st = engine.submit(st, side, {"kind": "response", "option": engine.response_options(st, side)[0]})
        if not engine.awaiting(st):
            st = engine.advance(st)
    oid = engine.legal_offers(st, "us")[0]
    durations = engine.pack.offers[oid].terms.durations
    ver = rules.verification_choices(st, oid)[0]
    st = engine.apply(st, {"us": {"kind": "talk", "propose": {"offer": oid, "duration": durations[0], "verification": ver}},
                           "cn": {"kind": "talk"}})
    assert oid in engine.legal_offers(st, "cn")  # China may counter with other terms
    assert oid not in engine.legal_offers(st, "us")


def test_advance_can_set_the_next_turns_news(engine):
    """A facilitator's injected news: the named event instead of a drawn one, the random
    stream consumed as a draw would, and only from an assessment."""
    st = engine.new_game(5)
    while st.phase != "assessment":
        inputs = {s: _idle(engine, st, s, k) for s, k in engine.awaiting(st).items()}
        st = engine.apply(st, inputs) if inputs else engine.advance(st)
    drawn = engine.advance(st)
    pick = next(e for e in engine.pack.events if e != drawn.current.event and not engine.pack.events[e].fog)
    forced = engine.advance(st, event=pick)
    assert forced.current.event == pick and forced.turn == drawn.turn == st.turn + 1
    assert pick in forced.used_events and drawn.current.event not in forced.used_events
    assert engine.to_json(engine.advance(st, event=pick)) == engine.to_json(forced)
    with pytest.raises(IllegalMove):
        engine.advance(forced, event=pick)  # not an assessment
    with pytest.raises(IllegalMove):
        engine.advance(st, event="no_such_event")


def _idle(engine, st, side, kind):
    if kind == "response":
        return {"kind": "response", "option": engine.response_options(st, side)[0]}
    if kind == "talk":
        return {"kind": "talk", "responses": {}, "propose": None, "message": None}
    return {"kind": "orders", "actions": []}


def test_a_refused_move_says_why_in_every_language():
    import pickle

    from game.engine.rules import IllegalMove

    e = IllegalMove("not_awaited", side="cn", phase="talks")
    assert str(e) == "no input is awaited from China in the Talks phase"
    assert e.text("zh-Hant") == "談判階段不需要中國的輸入"
    again = pickle.loads(pickle.dumps(e))  # as it leaves a worker process
    assert again.key == "not_awaited" and again.text("zh-Hans") == "谈判阶段不需要中国的输入"


def test_every_refusal_the_engine_can_raise_has_its_sentence():
    import re
    from pathlib import Path

    from game.i18n import missing, texts

    root = Path(__file__).resolve().parents[2] / "game"
    keys = set()
    for f in list((root / "engine").glob("*.py")) + [root / "report" / "replay.py"]:
        keys |= set(re.findall(r'IllegalMove\(\s*"([a-z_]+)"', f.read_text(encoding="utf-8")))
    assert len(keys) > 20
    assert not [k for k in keys if f"illegal.{k}" not in texts()]
    for lang in ("zh-Hant", "zh-Hans"):
        assert not [k for k in missing(lang) if k.startswith("illegal.")]
