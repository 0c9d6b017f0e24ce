"""The classic pack is the textbook iterated prisoner's dilemma (R=3, T=5, S=0, P=1)."""

import pytest

from game.sim import play_game

# Deterministic match-ups over 200 turns: the scores any implementation of the standard
# strategies must give (they are the Axelrod library's too; see test_axelrod_agreement).
EXACT = [
    ("tit-for-tat", "hawk", 199, 204),
    ("hawk", "tit-for-tat", 204, 199),
    ("dove", "hawk", 0, 1000),
    ("dove", "dove", 600, 600),
    ("hawk", "hawk", 200, 200),
    ("tit-for-tat", "tit-for-tat", 600, 600),
    ("grim", "hawk", 199, 204),
    ("pavlov", "hawk", 100, 600),
    ("pavlov", "tit-for-tat", 600, 600),
    ("grim", "dove", 600, 600),
]


@pytest.mark.parametrize("us,cn,su,sc", EXACT)
def test_deterministic_matchups_give_standard_scores(classic, us, cn, su, sc):
    r = play_game(classic, us, cn, seed=3, turns=200)
    s = r.summary(classic)
    assert (s["national"]["us"], s["national"]["cn"]) == (su, sc)
    assert s["turns"] == 200 and s["outcome"] == "classic"


def test_national_is_the_sum_of_payoffs(classic):
    r = play_game(classic, "random", "generous", seed=11, turns=50)
    pay = classic.rules.r.payoffs
    table = {("C", "C"): ("R", "R"), ("C", "D"): ("S", "T"), ("D", "C"): ("T", "S"), ("D", "D"): ("P", "P")}
    totals = {"us": 0.0, "cn": 0.0}
    for h in r.state.history:
        ku, kc = table[(h.posture["us"], h.posture["cn"])]
        totals["us"] += pay[ku]
        totals["cn"] += pay[kc]
    assert classic.national(r.state) == totals
    assert r.state.welfare == totals["us"] + totals["cn"]


def test_noise_flips_moves_and_is_seeded(classic):
    a = play_game(classic, "dove", "dove", seed=5, turns=200, noise=0.1).summary(classic)
    b = play_game(classic, "dove", "dove", seed=5, turns=200, noise=0.1).summary(classic)
    assert a == b
    assert a["cooperation"]["us"] < 1.0  # some moves were flipped
    assert 0.8 < a["cooperation"]["us"] < 0.97


def test_generous_forgiveness_is_the_textbook_value(classic):
    from game.bots import make_bot

    bot = make_bot("generous", classic, "us", seed=1)
    assert bot.forgiveness() == pytest.approx(1 / 3)


def test_axelrod_agreement(classic):
    axl = pytest.importorskip("axelrod")
    pairs = {"tit-for-tat": axl.TitForTat, "hawk": axl.Defector, "dove": axl.Cooperator,
             "grim": axl.Grudger, "pavlov": axl.WinStayLoseShift}
    names = list(pairs)
    for a in names:
        for b in names:
            m = axl.Match((pairs[a](), pairs[b]()), turns=200)
            m.play()
            want = m.final_score()
            got = play_game(classic, a, b, seed=1, turns=200).summary(classic)["national"]
            assert (got["us"], got["cn"]) == tuple(want), (a, b)
