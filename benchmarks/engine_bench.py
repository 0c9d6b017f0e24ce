"""Engine speed: full-rules and classic turns per second with the simple bots, on one core.

    python benchmarks/engine_bench.py [--seconds S]

Prints figures and the targets beside them; it asserts nothing, so a busy machine can't make
it fail. The classic figure is compared with the Axelrod library's own match loop when the
``research`` extra is installed.
"""

from __future__ import annotations

import argparse
import itertools
import time

from game.content.loader import load_pack
from game.engine import Engine
from game.sim import game_seeds, play_game

SIMPLE = ["dove", "hawk", "tit-for-tat", "generous", "grim", "pavlov", "random"]


def turns_per_second(engine: Engine, seconds: float, turns: int | None = None) -> tuple[float, int]:
    pairs = itertools.cycle(itertools.product(SIMPLE, SIMPLE))
    seeds = itertools.cycle(game_seeds(99, 500))
    done = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        us, cn = next(pairs)
        r = play_game(engine, us, cn, seed=next(seeds), turns=turns, keep_reasons=False)
        done += len(r.state.history)
    return done / (time.perf_counter() - t0), done


def axelrod_turns_per_second(seconds: float) -> float | None:
    try:
        import axelrod as axl
    except Exception:
        return None
    strategies = [axl.Cooperator, axl.Defector, axl.TitForTat, axl.GTFT, axl.Grudger,
                  axl.WinStayLoseShift, axl.Random]
    pairs = itertools.cycle(itertools.product(strategies, strategies))
    done, t0, i = 0, time.perf_counter(), 0
    while time.perf_counter() - t0 < seconds:
        a, b = next(pairs)
        i += 1
        m = axl.Match((a(), b()), turns=200, seed=i, deterministic_cache=axl.DeterministicCache())
        m.play()
        done += 200
    return done / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=5.0, help="time per measurement (default 5)")
    args = ap.parse_args()

    full = Engine(load_pack("default"))
    rate, n = turns_per_second(full, args.seconds)
    print(f"full rules (default scenario, simple bots): {rate:10,.0f} turns/s  ({n} turns; target 20,000)")
    classic = Engine(load_pack("classic"))
    crate, n = turns_per_second(classic, args.seconds, turns=200)
    print(f"classic pack (simple bots, 200-turn games): {crate:10,.0f} turns/s  ({n} turns)")
    arate = axelrod_turns_per_second(args.seconds)
    if arate is None:
        print("axelrod match loop: not installed (pip install '.[research]' to compare)")
    else:
        verdict = "as fast or faster" if crate >= arate else f"{arate / crate:.1f}x slower"
        print(f"axelrod match loop (same strategies):      {arate:10,.0f} turns/s  -> classic is {verdict}")


if __name__ == "__main__":
    main()
