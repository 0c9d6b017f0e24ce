"""Engine speed: full-rules and classic turns per second with the simple bots, on one core.

    python benchmarks/engine_bench.py [--seconds S]

Prints figures and the targets beside them; it asserts nothing, so a busy machine can't make
it fail. Each figure follows a short warm-up that is not counted (see ``warmup``).

Under the full rules ``play_game`` plays two simple bots in the fast loop of
``game.fastsim``, as ``yalta simulate`` does; the benchmark also prints, for comparison, the
engine's generic path, which a table, the TUI and every other bot go through (views for each
decision, checked submissions, every change recorded with its cause).

The classic figure is compared with the Axelrod library's own match loop when the
``research`` extra is installed: both are timed in alternating slices of the same run, so
that load from other work on the machine weighs on both alike. Every figure is measured
through ``play_game``, as ``yalta simulate`` plays, and with the process set up as
``yalta simulate`` sets it up (``game.runtime.quiet_gc`` once everything is loaded, the
Axelrod library included, so the cycle collector skips the loaded program in both loops).
On a machine with more than one core it also prints what ``yalta simulate`` reaches with a
worker process per core (``--jobs``), for comparison; the target is the one-core figure.
"""

from __future__ import annotations

import argparse
import itertools
import time
from typing import Iterator

from game.content.loader import load_pack
from game.engine import Engine
from game.runtime import quiet_gc
from game.sim import Batch, default_jobs, game_seeds, play_batch, play_game

SIMPLE = ["dove", "hawk", "tit-for-tat", "generous", "grim", "pavlov", "random"]
SLICES = 6  # alternations of classic and Axelrod


def games(engine: Engine, turns: int | None = None, fast: bool = True) -> Iterator[int]:
    """Plays every pair of simple bots in turn, forever; yields each game's turns.
    ``fast=False``: through the engine's generic path."""
    pairs = itertools.cycle(itertools.product(SIMPLE, SIMPLE))
    seeds = itertools.cycle(game_seeds(99, 500))
    while True:
        us, cn = next(pairs)
        r = play_game(engine, us, cn, seed=next(seeds), turns=turns, keep_reasons=False,
                      fast=fast)
        yield r.summary(engine)["turns"]


def axelrod_matches() -> Iterator[int] | None:
    """The same strategies in the Axelrod library's own match loop (200 turns a match)."""
    try:
        import axelrod as axl
    except Exception:
        return None
    strategies = [axl.Cooperator, axl.Defector, axl.TitForTat, axl.GTFT, axl.Grudger,
                  axl.WinStayLoseShift, axl.Random]

    def run():
        pairs = itertools.cycle(itertools.product(strategies, strategies))
        for i in itertools.count(1):
            a, b = next(pairs)
            m = axl.Match((a(), b()), turns=200, seed=i, deterministic_cache=axl.DeterministicCache())
            m.play()
            yield 200
    return run()


def timed(source: Iterator[int], seconds: float) -> tuple[int, float]:
    """Turns played from ``source`` in about ``seconds``, and the time it took."""
    done = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        done += next(source)
    return done, time.perf_counter() - t0


def turns_per_second(engine: Engine, seconds: float, turns: int | None = None,
                     fast: bool = True) -> tuple[float, int]:
    """Turns per second over about ``seconds``, after a warm-up that is not counted."""
    source = games(engine, turns, fast)
    timed(source, warmup(seconds))
    done, took = timed(source, seconds)
    return done / took, done


def warmup(seconds: float) -> float:
    """Play this long before measuring (a fifth of the measurement, at most a second): the
    fast loop remembers what a bot's orders depend on, as it does over any batch of more
    than a few hundred games, and the interpreter settles."""
    return min(1.0, seconds / 5)


def axelrod_turns_per_second(seconds: float) -> float | None:
    matches = axelrod_matches()
    if matches is None:
        return None
    done, took = timed(matches, seconds)
    return done / took


def batch_turns_per_second(seconds: float, jobs: int) -> tuple[float, int]:
    """Full-rules turns per second of ``yalta simulate --jobs`` (worker processes), for about
    ``seconds``: runs of ``BATCH`` games per worker, each a pairing of simple bots (taken
    eight apart in the one-core figure's order, so that a short measurement still mixes
    them), each starting its workers afresh as a run of ``yalta simulate`` does."""
    done, seeds, t0 = 0, itertools.cycle(game_seeds(7, 5000)), time.perf_counter()
    pairs = list(itertools.product(SIMPLE, SIMPLE))
    k = 0
    while time.perf_counter() - t0 < seconds:
        us, cn = pairs[(8 * k) % len(pairs)]
        k += 1
        batch = Batch("default", None, us, cn)
        played = play_batch(batch, [next(seeds) for _ in range(BATCH * jobs)], jobs=jobs)
        done += sum(g["turns"] for g, _, _ in played)
    return done / (time.perf_counter() - t0), done


BATCH = 1000  # games per worker in a run of the --jobs figure


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=5.0, help="time per measurement (default 5)")
    args = ap.parse_args()

    full = Engine(load_pack("default"))
    classic_engine = Engine(load_pack("classic"))
    matches = axelrod_matches()
    if matches is not None:
        next(matches)  # the library and its strategies loaded before the collector is set
    quiet_gc()
    rate, n = turns_per_second(full, args.seconds)
    print(f"full rules (default scenario, simple bots): {rate:10,.0f} turns/s  ({n} turns; target 20,000)")
    jobs = default_jobs()
    if jobs > 1:
        brate, n = batch_turns_per_second(args.seconds, jobs)
        print(f"  the same, yalta simulate --jobs {jobs}:       {brate:10,.0f} turns/s  ({n} turns;"
              f" {brate / rate:.1f}x one core; runs of {BATCH * jobs:,} games)")
    grate, n = turns_per_second(full, args.seconds, fast=False)
    print(f"  the engine's generic path, for comparison: {grate:10,.0f} turns/s  ({n} turns;"
          f" what tables and other bots go through)")

    classic = games(classic_engine, turns=200)
    if matches is None:
        crate, n = turns_per_second(classic_engine, args.seconds, turns=200)
        print(f"classic pack (simple bots, 200-turn games): {crate:10,.0f} turns/s  ({n} turns)")
        print("axelrod match loop: not installed (pip install '.[research]' to compare)")
        return
    cn = ct = an = at = 0.0
    for _ in range(SLICES):
        d, t = timed(classic, args.seconds / SLICES)
        cn, ct = cn + d, ct + t
        d, t = timed(matches, args.seconds / SLICES)
        an, at = an + d, at + t
    crate, arate = cn / ct, an / at
    print(f"classic pack (simple bots, 200-turn games): {crate:10,.0f} turns/s  ({cn:.0f} turns)")
    verdict = "as fast or faster" if crate >= arate else f"{arate / crate:.1f}x slower"
    print(f"axelrod match loop (same strategies):      {arate:10,.0f} turns/s  -> classic is {verdict}"
          f" ({crate / arate:.2f}x Axelrod's rate)")


if __name__ == "__main__":
    main()
