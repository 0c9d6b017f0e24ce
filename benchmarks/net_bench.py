"""Load on one game server: 50 tables of bot clients, every table a full game, at once.

    python benchmarks/net_bench.py [--tables 50] [--procs 2] [--turns T] [--bots a,b,...]

Starts ``yalta host`` on 127.0.0.1 (a free port, a temporary state folder: every table is
saved after every phase, as in class), then plays a bot in every seat from ``--procs`` client
processes. A phase round trip is the time from a client sending its input to the first state
the server sends it afterwards (for the second side of a phase that state already holds the
resolved phase). Prints the 50th, 95th and 99th percentiles (target: p99 at most 100 ms) and
the error count (target 0); it asserts nothing, so a busy machine can't make it fail. All
traffic stays on loopback; every client stops when its game ends or after ``--timeout``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import multiprocessing as mp
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BOTS = ("tit-for-tat", "hawk", "generous", "dove", "grim", "pavlov", "random", "transactional")


def pct(xs: list, p: float) -> float:
    xs = sorted(xs)
    return xs[max(0, math.ceil(p / 100 * len(xs)) - 1)] if xs else float("nan")


async def _clients(addr: str, seats: list, timeout: float) -> dict:
    from game.net.bot_client import play_seat

    rtts: list = []
    errors = {"n": 0, "kinds": {}}
    done = {"games": 0}

    async def one(code: str, bot: str, seed: int):
        sent = {"t": None}

        def on_submit(_at):
            sent["t"] = time.perf_counter()

        def on_message(msg):
            kind = msg.get("type")
            if kind in ("state", "ok") and sent["t"] is not None:
                rtts.append((time.perf_counter() - sent["t"]) * 1000.0)
                sent["t"] = None
            elif kind == "error":
                errors["n"] += 1
                errors["kinds"][msg.get("code")] = errors["kinds"].get(msg.get("code"), 0) + 1

        await play_seat(addr, code, bot, bot_seed=seed, retry_for=10, on_message=on_message,
                        on_submit=on_submit)
        done["games"] += 1

    jobs = [one(*s) for s in seats]
    try:
        results = await asyncio.wait_for(asyncio.gather(*jobs, return_exceptions=True), timeout)
    except asyncio.TimeoutError:
        results = []
        errors["n"] += 1
        errors["kinds"]["timeout"] = 1
    for r in results:
        if isinstance(r, BaseException):
            errors["n"] += 1
            errors["kinds"][type(r).__name__] = errors["kinds"].get(type(r).__name__, 0) + 1
    return {"rtts": rtts, "errors": errors, "games": done["games"]}


def _worker(addr: str, seats: list, timeout: float, q) -> None:
    prof = os.environ.get("YALTA_BENCH_CLIENT_PROFILE")
    if prof:
        import cProfile
        pr = cProfile.Profile()
        pr.enable()
    out = asyncio.run(_clients(addr, seats, timeout))
    if prof:
        pr.disable()
        pr.dump_stats(f"{prof}.{os.getpid()}")
    q.put(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tables", type=int, default=50)
    ap.add_argument("--procs", type=int, default=2, help="client processes (default 2)")
    ap.add_argument("--turns", type=int, default=None, help="turns per game (default: scenario's)")
    ap.add_argument("--bots", default=",".join(BOTS), help="bots to cycle through the seats")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=300.0, help="give up after this many seconds")
    args = ap.parse_args()
    bots = args.bots.split(",")

    state = tempfile.mkdtemp(prefix="yalta-bench-")
    prof = os.environ.get("YALTA_BENCH_PROFILE")  # a file: profile the server into it
    cmd = [sys.executable] + (["-m", "cProfile", "-o", prof] if prof else []) + ["-m", "game", "host", "--port", "0", "--tables", str(args.tables),
           "--seed", str(args.seed), "--state-dir", state]
    if args.turns:
        cmd += ["--turns", str(args.turns)]
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    host = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        codes = json.loads(host.stdout.readline())
        addr = f"127.0.0.1:{codes['port']}"
        from game.sim import game_seeds

        seeds = game_seeds(args.seed, args.tables)
        seats = []
        for i, (t, s) in enumerate(zip(codes["tables"], seeds)):
            seats.append((t["us"], bots[i % len(bots)], s))
            seats.append((t["cn"], bots[(i * 3 + 1) % len(bots)], s))
        groups = [seats[i::args.procs] for i in range(args.procs)]
        q = mp.Queue()
        t0 = time.perf_counter()
        procs = [mp.Process(target=_worker, args=(addr, g, args.timeout, q)) for g in groups if g]
        for p in procs:
            p.start()
        outs = [q.get(timeout=args.timeout + 30) for _ in procs]
        for p in procs:
            p.join(10)
        wall = time.perf_counter() - t0
        from game.net.client import admin_call

        listing = asyncio.run(admin_call(addr, codes["admin"], {"type": "tables"}))
    finally:
        host.terminate()
        try:
            host.wait(30)
        except subprocess.TimeoutExpired:
            host.kill()
    rtts = [x for o in outs for x in o["rtts"]]
    client_errors = sum(o["errors"]["n"] for o in outs)
    kinds: dict = {}
    for o in outs:
        for k, v in o["errors"]["kinds"].items():
            kinds[k] = kinds.get(k, 0) + v
    over = sum(1 for t in listing["tables"] if t["phase"] == "over")
    server_errors = listing.get("errors", 0) + len(listing.get("save_errors", []))
    p99 = pct(rtts, 99)
    print(f"tables: {args.tables} ({over} finished) · clients: {2 * args.tables} in "
          f"{len(procs)} processes · wall time {wall:.1f} s")
    print(f"phase round trips: {len(rtts)} · p50 {pct(rtts, 50):.1f} ms · p95 {pct(rtts, 95):.1f} ms"
          f" · p99 {p99:.1f} ms (target <= 100 ms: {'met' if p99 <= 100 else 'NOT met'}) · "
          f"max {max(rtts) if rtts else float('nan'):.1f} ms")
    print(f"errors: {client_errors + server_errors} (target 0): client {client_errors} {kinds or ''}, "
          f"server {server_errors}")


if __name__ == "__main__":
    main()
