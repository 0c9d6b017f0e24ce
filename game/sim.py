"""Headless play: a game between two bots, and batches of games.

Used by ``yalta simulate``, the tests of the numbers' properties, and the benchmarks. Bots
only ever see ``engine.view(state, side)``.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

from .bots import make_bot
from .engine.api import Engine
from .engine.classic import play_classic
from .engine.rng import derive_seed
from .engine.state import LADDER, SIDES, GameState


@dataclass
class GameResult:
    state: GameState
    bots: dict
    reasons: list = field(default_factory=list)  # [turn, phase, side, why, say]
    timing: dict = field(default_factory=dict)  # side -> [ms per decision]

    def summary(self, engine: Engine) -> dict:
        o = outcome_numbers(engine, self.state)
        return {
            "seed": self.state.seed,
            "us_bot": self.bots["us"],
            "cn_bot": self.bots["cn"],
            "outcome": o.pop("ending"),
            "turns": o.pop("turns_played"),
            **{k: v for k, v in o.items() if k != "sudden"},
        }


def outcome_numbers(engine: Engine, st: GameState) -> dict:
    """How a game stands, rounded as every summary, report and comparison shows it."""
    nat = engine.national(st)
    fin = engine.returns(st)
    return {
        "ending": st.ending,
        "sudden": st.sudden,
        "turns_played": len(st.history),
        "national": {s: round(nat[s], 3) for s in SIDES},
        "final": {s: round(fin[s], 3) for s in SIDES},
        "welfare": round(st.welfare, 3),
        "trust": round(st.trust, 3),
        "tension": round(st.tension, 3),
        "escalation": LADDER[st.level],
        "cooperation": {s: round(v, 4) for s, v in engine.cooperation(st).items()},
        "deals": {k: sum(1 for d in st.deals if d.status == k)
                  for k in ("kept", "broken", "collapsed", "active")},
    }


def play_game(engine: Engine, us: str, cn: str, seed: int, turns: int | None = None,
              noise: float = 0.0, options: dict | None = None, level: str = "normal",
              keep_reasons: bool = True, timed: bool = False, fast: bool = True) -> GameResult:
    """Play one game between two bots. In the classic pack, two simple bots play in the fast
    classic loop (``game.engine.classic``), which gives exactly the state and reasons of the
    generic path; ``fast=False`` (or ``timed``) always plays the generic path."""
    bots = {"us": make_bot(us, engine, "us", seed=seed, level=level),
            "cn": make_bot(cn, engine, "cn", seed=seed, level=level)}
    st = engine.new_game(seed, turns=turns, noise=noise, options=options)
    if fast and not timed and engine.rules.classic:
        done = play_classic(engine, st, bots, keep_reasons)
        if done is not None:
            return GameResult(done[0], {"us": us, "cn": cn}, done[1], {s: [] for s in SIDES})
    reasons: list = []
    timing: dict = {s: [] for s in SIDES}

    def decide(state: GameState, side: str, kind: str) -> dict:
        view = engine.view(state, side)
        if timed:
            t0 = time.perf_counter()
            choice = bots[side].act(view, kind)
            timing[side].append((time.perf_counter() - t0) * 1000.0)
        else:
            choice = bots[side].act(view, kind)
        if keep_reasons:
            reasons.append([state.turn, state.phase, side, choice.why, choice.say])
        return choice.decision

    final = engine.play(st, decide)
    return GameResult(final, {"us": us, "cn": cn}, reasons, timing)


def game_seeds(seed: int, games: int) -> list[int]:
    """``games`` seeds derived from ``seed``: the first is ``seed`` itself."""
    return [seed] + [derive_seed(seed, i) for i in range(1, games)]


def timing_summary(timings: list[dict]) -> dict:
    """Decision latency per side over games' ``GameResult.timing``: for each side,
    ``{"decisions": n, "median_ms": x, "p95_ms": y}`` (nearest-rank percentiles)."""
    out: dict = {}
    for s in SIDES:
        ms = sorted(x for t in timings for x in t.get(s, []))
        n = len(ms)
        if not n:
            out[s] = {"decisions": 0, "median_ms": 0.0, "p95_ms": 0.0}
            continue
        mid = ms[n // 2] if n % 2 else (ms[n // 2 - 1] + ms[n // 2]) / 2.0
        p95 = ms[max(0, math.ceil(0.95 * n) - 1)]
        out[s] = {"decisions": n, "median_ms": round(float(mid), 3),
                  "p95_ms": round(float(p95), 3)}
    return out


def summarise(results: list[dict]) -> dict:
    n = len(results)
    if not n:
        return {"games": 0}
    out: dict = {"games": n}
    for s in SIDES:
        out[f"national_{s}"] = round(sum(r["national"][s] for r in results) / n, 3)
        out[f"final_{s}"] = round(sum(r["final"][s] for r in results) / n, 3)
        out[f"cooperation_{s}"] = round(sum(r["cooperation"][s] for r in results) / n, 4)
    out["welfare"] = round(sum(r["welfare"] for r in results) / n, 3)
    out["trust"] = round(sum(r["trust"] for r in results) / n, 3)
    outcomes: dict = {}
    for r in results:
        outcomes[r["outcome"]] = outcomes.get(r["outcome"], 0) + 1
    out["outcomes"] = dict(sorted(outcomes.items()))
    return out
