"""Fingerprints name the personality that played.

Some games cannot tell personalities apart: against a dove, tit-for-tat, grim, pavlov and
dove all cooperate every turn; generous tit-for-tat that never happens to forgive plays
exactly like tit-for-tat. So the accuracy is measured against the random bot (whose mixed
play makes the rules disagree), over the games where no *other* rule without chance would
have made exactly the same choices. The share of such ambiguous games is small and is
checked too.
"""

from collections import Counter

import pytest

from game.engine.api import engine_for
from game.report import fingerprint as F
from game.sim import play_game

SIMPLE = ("dove", "hawk", "tit-for-tat", "generous", "grim", "pavlov", "random")


def accuracy(pack: str, noise: float, seeds: range, turns=None, opponent="random"):
    eng = engine_for(pack)
    f = F.forgiveness(eng)
    right = total = ambiguous = 0
    per_bot: dict = {b: Counter() for b in SIMPLE}
    for bot in SIMPLE:
        for seed in seeds:
            st = play_game(eng, bot, opponent, seed=seed, noise=noise, turns=turns,
                           keep_reasons=False).state
            named = F.fingerprint(st.history, eng, noise)["us"]["bot"]
            scores = F.score_side(st.history, "us", f)
            if any(scores[n]["exact"] for n in F.DETERMINISTIC if n != bot):
                ambiguous += 1
                continue
            total += 1
            right += named == bot
            per_bot[bot][named == bot] += 1
    return right / total, ambiguous / (total + ambiguous), per_bot


@pytest.mark.slow
@pytest.mark.parametrize("noise", [0.0, 0.1])
def test_full_game_fingerprints_name_the_bot(noise):
    acc, amb, per_bot = accuracy("default", noise, range(60))
    assert acc >= 0.90, (acc, per_bot)
    assert amb <= 0.10
    for bot, c in per_bot.items():  # no personality is systematically missed
        assert c[True] / max(1, c[True] + c[False]) >= 0.75, (bot, c)


@pytest.mark.slow
@pytest.mark.parametrize("noise", [0.0, 0.05])
def test_classic_fingerprints_name_the_bot(noise):
    acc, _, per_bot = accuracy("classic", noise, range(40), turns=30)
    assert acc >= 0.90, (acc, per_bot)


def _rec(us, cn, pub_us=None, pub_cn=None):
    return {"posture": {"us": us, "cn": cn}, "public": {"us": pub_us or us, "cn": pub_cn or cn}}


def test_ties_go_to_the_simplest_and_list_the_rest():
    recs = [_rec("C", "C") for _ in range(10)]
    fp = F.fingerprint_side(recs, "us", 1 / 3)
    assert fp["bot"] == "dove" and fp["agreement"] == 1.0
    assert set(fp["consistent"]) == {"tit-for-tat", "grim", "pavlov"}


def test_tit_for_tat_answers_what_was_seen():
    # the world saw China compete in turn 2 (a misread: it cooperated); the US answered
    recs = [_rec("C", "C"), _rec("C", "C", pub_cn="D"), _rec("D", "C"), _rec("C", "C"),
            _rec("C", "D"), _rec("D", "C"), _rec("C", "C")]
    fp = F.fingerprint_side(recs, "us", 1 / 3)
    assert fp["bot"] == "tit-for-tat" and fp["agreement"] == 1.0
    assert fp["scores"]["grim"] < 1.0


def test_random_is_named_when_no_rule_fits():
    seq = "CDDCCDCDDCDCCDDC"
    foe = "DCCDDCDCCDCDDCCD"[::-1]
    recs = [_rec(a, b) for a, b in zip(seq, foe)]
    fp = F.fingerprint_side(recs, "us", 1 / 3)
    assert fp["bot"] == "random" and fp["agreement"] == 0.5


def test_json_shape(engine):
    st = play_game(engine, "grim", "random", seed=3, keep_reasons=False).state
    fp = F.fingerprint(st.history, engine)
    for s in ("us", "cn"):
        assert set(fp[s]) >= {"bot", "agreement"}
        assert fp[s]["bot"] in F.PERSONALITIES and 0.0 <= fp[s]["agreement"] <= 1.0
