"""New Yalta bots in the Axelrod library's matches (optional extra ``research``)."""

import pytest

axl = pytest.importorskip("axelrod")

from game.bots.axelrod_adapter import make_player  # noqa: E402

TWINS = [("tit-for-tat", axl.TitForTat), ("grim", axl.Grudger), ("dove", axl.Cooperator),
         ("hawk", axl.Defector), ("pavlov", axl.WinStayLoseShift)]
OPPONENTS = [axl.Alternator, axl.Defector, axl.Cooperator, axl.TitForTat, axl.SuspiciousTitForTat,
             axl.Grudger]


@pytest.mark.parametrize("name,twin", TWINS)
def test_deterministic_bots_score_as_their_axelrod_twins(name, twin):
    for opp in OPPONENTS:
        ours = axl.Match((make_player(name), opp()), turns=60)
        ours.play()
        ref = axl.Match((twin(), opp()), turns=60)
        ref.play()
        assert ours.final_score() == ref.final_score(), (name, opp.name)


def test_strategist_plays_a_match_and_resets():
    p = make_player("strategist", seed=3, level="easy")
    assert isinstance(p, axl.Player)
    m = axl.Match((p, axl.TitForTat()), turns=30)
    first = m.play()
    again = axl.Match((p, axl.TitForTat()), turns=30).play()
    assert first == again  # seeded and reset between matches
    mine, theirs = m.final_score()
    assert mine >= theirs - 5 and mine > 30


def test_clone_and_unknown_name():
    p = make_player("transactional", seed=1)
    assert p.clone().name == p.name == "New Yalta transactional"
    with pytest.raises(KeyError, match="unknown bot"):
        make_player("nobody")
