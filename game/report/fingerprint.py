"""Strategy fingerprints: which textbook personality a side's play looks most like.

For every simple personality (dove, hawk, tit-for-tat, generous, grim, pavlov, random) the
posture rule of ``game.bots.simple`` is re-run turn by turn on the same public history the
side saw, and its choice is set beside what the side actually did (``TurnRecord.posture``).

* **Agreement** is the share of turns on which the personality's rule makes the side's
  actual choice. A rule that flips a coin (random; generous after being wronged, which
  forgives with probability *f*) counts its probability of making that choice, so
  agreement is an expected share and random's is always 50%.
* **Ranking** uses the likelihood of the whole sequence under each rule, with a small
  tremble ``EPSILON`` (the chance that a side's turn comes out against its intent: no
  affordable card of the wanted stance, a forced response, a caught breach). Agreement alone
  cannot tell generous tit-for-tat from strict tit-for-tat, nor random from a rule that
  happens to fit half the turns; the likelihood can: one act of forgiveness is cheap for
  generous and costly for tit-for-tat, and a rule needs to fit well above half the turns
  to beat a coin.
* **Ties** (several rules explain the play equally well, e.g. tit-for-tat, grim, pavlov and
  dove all cooperate every turn against a dove) are named by the first in ``PERSONALITIES``
  order. Every other rule without chance that would have made exactly the same choices is
  listed as ``consistent``: this game cannot tell those apart.
"""

from __future__ import annotations

import math
from typing import Iterable

PERSONALITIES = ("dove", "hawk", "tit-for-tat", "grim", "pavlov", "generous", "random")
DETERMINISTIC = ("dove", "hawk", "tit-for-tat", "grim", "pavlov")
EPSILON = 0.02


def _get(rec, key: str) -> dict:
    return rec[key] if isinstance(rec, dict) else getattr(rec, key)


def forgiveness(engine) -> float:
    """Generous tit-for-tat's chance of forgiving, as the bot computes it."""
    from ..bots import make_bot

    return make_bot("generous", engine, "us").forgiveness()


def chance_of_cooperating(name: str, side: str, before: list, f: float) -> float:
    """The probability that personality ``name`` cooperates this turn, given the turn
    records ``before`` it (each with ``posture`` and ``public``)."""
    foe = "cn" if side == "us" else "us"
    if name == "dove":
        return 1.0
    if name == "hawk":
        return 0.0
    if name == "random":
        return 0.5
    if name == "grim":
        return 0.0 if any(_get(h, "public").get(foe) == "D" for h in before) else 1.0
    if not before:
        return 1.0
    last = before[-1]
    theirs = _get(last, "public").get(foe, "C")
    if name == "tit-for-tat":
        return 1.0 if theirs == "C" else 0.0
    if name == "generous":
        return 1.0 if theirs == "C" else f
    if name == "pavlov":
        mine = _get(last, "posture").get(side, "C")
        stay = mine if theirs == "C" else ("D" if mine == "C" else "C")
        return 1.0 if stay == "C" else 0.0
    raise KeyError(name)


def score_side(records: list, side: str, f: float,
               names: Iterable[str] = PERSONALITIES, tremble: float = EPSILON) -> dict:
    """name -> {"agreement": share, "loglik": log-likelihood, "exact": made every choice}."""
    out = {}
    n = len(records)
    for name in names:
        agree, ll, exact = 0.0, 0.0, True
        for i, rec in enumerate(records):
            actual = _get(rec, "posture").get(side)
            p = chance_of_cooperating(name, side, records[:i], f)
            q = p if actual == "C" else 1.0 - p
            agree += q
            exact = exact and q > 0.0
            ll += math.log((1.0 - tremble) * q + tremble * (1.0 - q))
        if name == "random" and n:
            # a coin of the side's own bias: the best a rule blind to history can do,
            # charged for the one number it fits (half a log of n, as BIC does)
            # (with the same tremble as every rule, so that a side that always cooperates
            # is a dove, not a coin that always lands heads)
            k = sum(1 for rec in records if _get(rec, "posture").get(side) == "C")
            p = (1.0 - tremble) * k / n + tremble * (n - k) / n
            ll = sum(c * math.log(x) for c, x in ((k, p), (n - k, 1.0 - p)) if c)
            ll -= 0.5 * math.log(n)
        out[name] = {"agreement": agree / n if n else 0.0, "loglik": ll, "exact": exact}
    return out


def fingerprint_side(records: list, side: str, f: float, tremble: float = EPSILON) -> dict:
    """The personality a side played most like: ``{"bot", "agreement", "consistent",
    "scores"}``, where scores maps every personality to its agreement."""
    scores = score_side(records, side, f, tremble=tremble)
    best = max(scores.values(), key=lambda s: s["loglik"])["loglik"] if scores else 0.0
    name = next(n for n in PERSONALITIES if abs(scores[n]["loglik"] - best) < 1e-9)
    return {
        "bot": name,
        "agreement": round(scores[name]["agreement"], 4),
        # other rules without chance that would have made exactly the same choices
        "consistent": [n for n in DETERMINISTIC if n != name and scores[n]["exact"]],
        "scores": {n: round(s["agreement"], 4) for n, s in scores.items()},
    }


def tremble_for(engine, noise: float) -> float:
    """In the classic pack noise flips the moves themselves, so it adds to the tremble; in
    the full game fog only changes what the world sees, which the rules are given."""
    return max(EPSILON, noise) if engine.rules.classic else EPSILON


def fingerprint(records: list, engine, noise: float = 0.0) -> dict:
    """``{"us": {...}, "cn": {...}}`` for the finished turns ``records``."""
    f = forgiveness(engine)
    e = tremble_for(engine, noise)
    return {s: fingerprint_side(records, s, f, tremble=e) for s in ("us", "cn")}
