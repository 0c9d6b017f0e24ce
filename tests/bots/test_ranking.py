"""The issue's done-condition: in a round robin of every bot, the hard strategist ranks first
with its 95% interval clear of the runner-up's, on the default scenario, the default scenario
with attribution fog, and the classic pack with noise.

Slow (several minutes on two cores): ``pytest -m slow tests/bots/test_ranking.py``.
"""

import pytest

from game.tournament import default_jobs, parse_entries, run_tournament

CASES = [("default", 0.0), ("default", 0.1), ("classic", 0.05)]


@pytest.mark.slow
@pytest.mark.parametrize("content,noise", CASES)
def test_hard_strategist_ranks_first_and_clear(content, noise):
    r = run_tournament(parse_entries("all", level="hard"), games=5, seed=1, noise=noise,
                       content=content, jobs=default_jobs())
    first, second = r["ranking"][0], r["ranking"][1]
    assert first["bot"] == "strategist:hard", r["ranking"]
    assert first["ci95"][0] > second["ci95"][1], (first, second)
