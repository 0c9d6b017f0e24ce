"""``yalta tournament``: the round robin, its ranking, and its independence of workers."""

import json

import pytest

from game.cli import main
from game.tournament import parse_entries, run_tournament

FAST = dict(games=2, seed=5, noise=0.05, content="classic", turns=12)


def test_result_does_not_depend_on_jobs():
    entries = parse_entries("tit-for-tat,hawk,strategist:easy,transactional")
    one = run_tournament(entries, jobs=1, **FAST)
    two = run_tournament(entries, jobs=2, **FAST)
    assert one == two
    assert json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)


def test_ranking_shape_and_order():
    entries = parse_entries("dove,hawk,tit-for-tat")
    r = run_tournament(entries, games=3, seed=1, content="classic", turns=20)
    names = [x["bot"] for x in r["ranking"]]
    assert sorted(names) == ["dove", "hawk", "tit-for-tat"]
    means = [x["mean"] for x in r["ranking"]]
    assert means == sorted(means, reverse=True)
    for x in r["ranking"]:
        lo, hi = x["ci95"]
        assert lo <= x["mean"] <= hi
        assert x["games"] == 2 * 3 * 3  # both seats against each of 3 entries, itself included
    # deterministic classic match-ups: the textbook numbers
    assert r["matrix"]["hawk"]["dove"] == 100.0
    assert r["matrix"]["tit-for-tat"]["tit-for-tat"] == 60.0
    assert r["matrix"]["tit-for-tat"]["hawk"] == 19.0


def test_entries():
    all_ = parse_entries("all")
    labels = [e.label for e in all_]
    assert "strategist:hard" in labels and "transactional" in labels and "dove" in labels
    assert [e.label for e in parse_entries("all", level="easy")].count("strategist:easy") == 1
    assert [e.label for e in parse_entries("tft,strategist:easy,strategist")] == \
        ["tit-for-tat", "strategist:easy", "strategist:hard"]
    for bad, msg in (("dove", "at least two"), ("dove,nope", "unknown bot"),
                     ("dove,hawk:hard", "no levels"), ("dove,strategist:expert", "not one of")):
        with pytest.raises(ValueError, match=msg):
            parse_entries(bad)


def test_cli_json(capsys):
    code = main(["tournament", "--bots", "dove,hawk,grim", "--games", "2", "--content", "classic",
                 "--turns", "10", "--json", "--jobs", "1"])
    assert code == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert out.count("\n") == 1
    assert [x["bot"] for x in data["ranking"]][0] in ("hawk", "grim")
    for x in data["ranking"]:
        assert set(x) >= {"bot", "mean", "ci95"} and len(x["ci95"]) == 2
    assert data["pack"] == "classic" and data["games"] == 2 and data["noise"] == 0.0


def test_cli_table_and_errors(capsys):
    assert main(["tournament", "--bots", "dove,hawk", "--games", "1", "--content", "classic",
                 "--turns", "5", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "hawk" in out and "dove" in out and "95% interval" in out
    assert main(["tournament", "--bots", "dove,nobody"]) == 2
    assert "unknown bot 'nobody'" in capsys.readouterr().err
    assert main(["tournament", "--bots", "dove,hawk", "--scenario", "nowhere"]) == 2
    assert "no scenario 'nowhere'" in capsys.readouterr().err


def test_a_game_scores_the_same_whichever_loop_plays_it(engine):
    """play_one sends games whose bots share a level to play_game (the fast loop for simple
    bots); each score must be what the engine's generic path gives."""
    from game.bots import make_bot
    from game.engine.state import SIDES
    from game.tournament import play_one

    def generic(us, cn, seed, noise):
        bots = {"us": make_bot(us.bot, engine, "us", seed=seed, level=us.level),
                "cn": make_bot(cn.bot, engine, "cn", seed=seed, level=cn.level)}
        final = engine.play(engine.new_game(seed, noise=noise),
                            lambda st, side, kind: bots[side].act(engine.view(st, side), kind).decision)
        ret = engine.returns(final)
        return {s: float(ret[s]) for s in SIDES}

    entries = parse_entries("dove,random,generous,transactional,strategist:easy")
    for us in entries:
        for cn in entries:
            for seed in (3, 8):
                assert play_one(engine, us, cn, seed, noise=0.1) == generic(us, cn, seed, 0.1), (us, cn)
