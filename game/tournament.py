"""Round-robin tournaments between bots.

Every ordered pair of entries plays ``games`` games, so each pair meets on both seats (the
default scenario is asymmetric), and every entry also plays a copy of itself, as in
Axelrod's tournaments: a strategy that cannot live with itself should pay for it. A
self-play game gives the entry both seats' scores, so every entry has the same number of
scores (``2 × games`` per opponent, itself included).

Every pairing uses the same list of game seeds (``game.sim.game_seeds``), so luck is shared
and the comparison is fair. Games run in worker processes when asked; each game is a pure
function of its seed and the two entries, and results are gathered by game, so the outcome
does not depend on how many workers played it.

The ranking is by mean final score (``engine.returns`` for the entry's seat). The 95%
interval treats the field as fixed and the seeds as the random part: the mean's variance is
summed over the strata (opponent and seat), each estimated from its own games. When a
stratum has a single game the plain interval over all games is used instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Optional

from .engine.state import SIDES
from .sim import batch_engine, default_jobs, game_seeds, play_game, worker_pool  # noqa: F401 - default_jobs is part of this API

DEFAULT_LEVEL = "hard"


@dataclass(frozen=True)
class Entry:
    """A bot in the tournament: a registry name and, for bots with levels, a level."""

    bot: str
    level: str = "normal"
    label: str = ""


def has_levels(bot: str) -> bool:
    from .bots import REGISTRY

    return bool(getattr(REGISTRY[bot], "levels", ()))


def parse_entries(spec: str, level: str = DEFAULT_LEVEL) -> list[Entry]:
    """``"all"``, or a comma list of ``NAME`` or ``NAME:LEVEL`` (``all`` may be mixed in).

    ``all`` is every registered bot, levelled ones at ``level``. Raises ``ValueError`` with
    a sentence saying what is wrong."""
    from .bots import ALIASES, REGISTRY

    out: list[Entry] = []
    for raw in spec.split(","):
        tok = raw.strip()
        if not tok:
            continue
        if tok.lower() == "all":
            for name in REGISTRY:
                out.append(_entry(name, level))
            continue
        name, _, lvl = tok.partition(":")
        key = ALIASES.get(name.lower(), name.lower())
        if key not in REGISTRY:
            raise ValueError(f"unknown bot {name!r} (known: {', '.join(REGISTRY)})")
        levels = getattr(REGISTRY[key], "levels", ())
        if lvl and not levels:
            raise ValueError(f"bot {key!r} has no levels")
        if lvl and lvl not in levels:
            raise ValueError(f"level {lvl!r} of {key!r} is not one of {', '.join(levels)}")
        out.append(_entry(key, lvl or level))
    seen, unique = set(), []
    for e in out:
        if e.label not in seen:
            seen.add(e.label)
            unique.append(e)
    if len(unique) < 2:
        raise ValueError("a tournament needs at least two different bots")
    return unique


def _entry(name: str, level: str) -> Entry:
    if has_levels(name):
        return Entry(name, level, f"{name}:{level}")
    return Entry(name, "normal", name)


# ---------------------------------------------------------------------------------------
# One game (runs in a worker)

def play_one(engine, us: Entry, cn: Entry, seed: int, turns: Optional[int] = None,
             noise: float = 0.0) -> dict:
    """One game between two entries; final scores per seat."""
    from .bots import make_bot

    # play_game gives both bots one level: enough unless both have levels and they differ
    level = us.level if has_levels(us.bot) else cn.level
    if not (has_levels(us.bot) and has_levels(cn.bot) and us.level != cn.level):
        res = play_game(engine, us.bot, cn.bot, seed=seed, turns=turns, noise=noise, level=level,
                        keep_reasons=False)  # simple bots play in the fast loop
        return {s: float(v) for s, v in res.returns(engine).items()}
    bots = {"us": make_bot(us.bot, engine, "us", seed=seed, level=us.level),
            "cn": make_bot(cn.bot, engine, "cn", seed=seed, level=cn.level)}
    st = engine.new_game(seed, turns=turns, noise=noise)

    def decide(state, side, kind):
        return bots[side].act(engine.view(state, side), kind).decision

    final = engine.play(st, decide)
    ret = engine.returns(final)
    return {s: float(ret[s]) for s in SIDES}


def _task(args: tuple) -> tuple:
    key, content, scenario, us, cn, seed, turns, noise = args
    eng = batch_engine(content, scenario)
    return key, play_one(eng, us, cn, seed, turns=turns, noise=noise)


# ---------------------------------------------------------------------------------------
# The round robin

def run_tournament(entries: list[Entry], games: int = 5, seed: int = 1, noise: float = 0.0,
                   content: str = "default", scenario: Optional[str] = None,
                   turns: Optional[int] = None, jobs: int = 1,
                   on_game: Optional[Callable[[], None]] = None) -> dict:
    """Play the round robin and rank the entries; the result is independent of ``jobs``."""
    engine = batch_engine(content, scenario)
    seeds = game_seeds(seed, games)
    n = len(entries)
    tasks = []
    for i in range(n):
        for j in range(n):
            for k, s in enumerate(seeds):
                tasks.append(((i, j, k), content, scenario, entries[i], entries[j], s, turns, noise))
    # the slowest pairings first, so workers finish together
    weight = {e.label: (10 if has_levels(e.bot) else 1) for e in entries}
    tasks.sort(key=lambda t: (-(weight[t[3].label] + weight[t[4].label]), t[0]))
    results: dict = {}
    pool = worker_pool(jobs) if jobs > 1 and len(tasks) >= 4 else None
    if pool is None:
        for t in tasks:
            key, res = _task(t)
            results[key] = res
            if on_game:
                on_game()
    else:
        with pool:  # results are keyed, so they may come back in any order
            for key, res in pool.imap_unordered(_task, tasks):
                results[key] = res
                if on_game:
                    on_game()
    return rank(entries, results, games, {
        "pack": engine.pack.id, "scenario": engine.scenario.id, "seed": seed, "noise": noise,
        "games": games, "turns": turns or engine.scenario.turns})


def rank(entries: list[Entry], results: dict, games: int, meta: dict) -> dict:
    n = len(entries)
    strata: dict = {e.label: {} for e in entries}  # label -> (opponent, seat) -> [scores]
    for (i, j, k), res in sorted(results.items()):
        a, b = entries[i].label, entries[j].label
        strata[a].setdefault((b, "us"), []).append(res["us"])
        strata[b].setdefault((a, "cn"), []).append(res["cn"])
    ranking = []
    matrix: dict = {}
    for e in entries:
        groups = strata[e.label]
        scores = [x for g in groups.values() for x in g]
        mean = sum(scores) / len(scores)
        half = 1.96 * _stderr(groups, scores)
        ranking.append({"bot": e.label, "mean": round(mean, 3),
                        "ci95": [round(mean - half, 3), round(mean + half, 3)],
                        "games": len(scores)})
        row = {}
        for f in entries:
            vals = groups.get((f.label, "us"), []) + groups.get((f.label, "cn"), [])
            row[f.label] = round(sum(vals) / len(vals), 3) if vals else None
        matrix[e.label] = row
    ranking.sort(key=lambda r: (-r["mean"], r["bot"]))
    out = {"ranking": ranking, "matrix": matrix, "bots": [e.label for e in entries]}
    out.update(meta)
    out["pairings"] = n * n
    return out


def _stderr(groups: dict, scores: list) -> float:
    total = len(scores)
    if all(len(g) >= 2 for g in groups.values()):
        var = 0.0
        for g in groups.values():
            m = sum(g) / len(g)
            s2 = sum((x - m) ** 2 for x in g) / (len(g) - 1)
            var += (len(g) / total) ** 2 * s2 / len(g)
        return math.sqrt(var)
    if total < 2:
        return 0.0
    m = sum(scores) / total
    s2 = sum((x - m) ** 2 for x in scores) / (total - 1)
    return math.sqrt(s2 / total)
