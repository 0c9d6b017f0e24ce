"""Decision latency of the strategist: median and 95th percentile per decision, one core.

    python benchmarks/bots_bench.py [--games N] [--level hard] [--content default] [--noise P]

Plays the strategist against every other personality (both seats, ``--games`` seeds each) and
times each of its decisions as ``yalta simulate --timing`` does. Prints figures and the targets
beside them (median at most 200 ms, 95th percentile at most 1 s for ``hard``); it asserts
nothing, so a busy machine can't make it fail.
"""

from __future__ import annotations

import argparse
import time

from game.bots import REGISTRY
from game.content.loader import load_pack
from game.engine import Engine
from game.sim import game_seeds, play_game, timing_summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=2, help="seeds per opponent and seat (default 2)")
    ap.add_argument("--level", default="hard", choices=("easy", "normal", "hard"))
    ap.add_argument("--content", default="default", help="content pack (default: default)")
    ap.add_argument("--turns", type=int, default=None, help="turns per game (default: scenario's)")
    ap.add_argument("--noise", type=float, default=0.0)
    args = ap.parse_args()

    engine = Engine(load_pack(args.content))
    foes = [n for n in REGISTRY if n != "strategist"]
    timings = []
    t0 = time.perf_counter()
    for foe in foes:
        for seed in game_seeds(7, args.games):
            a = play_game(engine, "strategist", foe, seed=seed, turns=args.turns, noise=args.noise,
                          level=args.level, keep_reasons=False, timed=True)
            b = play_game(engine, foe, "strategist", seed=seed, turns=args.turns, noise=args.noise,
                          level=args.level, keep_reasons=False, timed=True)
            timings += [{"us": a.timing["us"]}, {"us": b.timing["cn"]}]
    t = timing_summary(timings)["us"]
    wall = time.perf_counter() - t0
    print(f"strategist ({args.level}, {engine.pack.id}/{engine.scenario.id}, noise {args.noise:g}): "
          f"{t['decisions']} decisions in {2 * len(foes) * args.games} games, {wall:.1f} s")
    print(f"  median {t['median_ms']:8.1f} ms   (target <= 200 ms)")
    print(f"  p95    {t['p95_ms']:8.1f} ms   (target <= 1000 ms)")


if __name__ == "__main__":
    main()
