"""Load on one game server: 50 tables of bot clients, every table a full game, at once.

    python benchmarks/net_bench.py [--tables 50] [--procs 4] [--nice 10] [--turns T] [--bots a,b,...]

Starts ``yalta host`` on 127.0.0.1 (a free port, a temporary state folder: every table is
saved after every phase, as in class), then plays a bot in every seat from ``--procs`` client
processes. A phase round trip is the time from a client sending its input to the first state
(or the short ``ok``) the server sends it afterwards (for the second side of a phase that
state already holds the resolved phase).

The end of a round trip is taken when the frame reaches the client's connection (its
``data_received``), not when that client's coroutine gets round to it: here 25 clients share
one event loop per process, and a reply that arrives while the loop is busy with the other
bots' thinking and parsing would otherwise wait in a queue that a student's laptop, running
one client, does not have. Both figures are printed: "arrival" (the headline, what one client
on its own machine sees) and "handled" (including that queue). For the same reason the
clients are spread over ``--procs`` processes (default 4, not 2: 25 clients to an event loop,
not 50), each process loads the program and its content before the clock starts (a laptop
does that before class: the engine for the host's pack and scenario, as a seat asks for it,
the UI texts, and what is loaded set aside from the garbage collector, as a seat does once it
has loaded it, ``settle_gc``), and they run at a lower priority (``--nice``, default 10): in
class the server has its machine to itself and the clients run on thirty others; here they share
two cores, and the clients get what the server leaves (``--nice 0`` for an even share). The
CPU time of the server and of the clients during the games is printed too, and the server's
CPU time per round trip and what it sent (messages and bytes, as the clients received them).

Prints the 50th, 95th and 99th percentiles (target: p99 at most 100 ms) and the error count
(target 0); it asserts nothing, so a busy machine can't make it fail. All traffic stays on
loopback; every client stops when its game ends or after ``--timeout``.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextvars
import functools
import json
import math
import multiprocessing as mp
import os
import queue
import resource
import shutil
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


_SEAT: contextvars.ContextVar = contextvars.ContextVar("seat")  # the seat's arrival log
_RECEIVED = {"bytes": 0, "messages": 0}  # what this process's clients received


def _stamped_connection():
    """A client connection that notes when each data frame comes off the network."""
    from websockets.asyncio.client import ClientConnection
    from websockets.frames import Opcode

    class Stamped(ClientConnection):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.arrivals: collections.deque = collections.deque()  # of frames not yet read
            self.arrived = None  # when the message last read came off the network
            holder = _SEAT.get(None)  # made in the seat's task: its context
            if holder is not None:
                holder["conn"] = self
            self._now = 0.0

        async def recv(self, *args, **kwargs):  # every message is read through here
            msg = await super().recv(*args, **kwargs)
            self.arrived = self.arrivals.popleft() if self.arrivals else None
            return msg

        def data_received(self, data: bytes) -> None:
            self._now = time.perf_counter()
            _RECEIVED["bytes"] += len(data)
            super().data_received(data)

        def process_event(self, event) -> None:
            if getattr(event, "opcode", None) in (Opcode.TEXT, Opcode.BINARY):  # one per message: never fragmented here
                self.arrivals.append(self._now)
                _RECEIVED["messages"] += 1
            super().process_event(event)

    return Stamped


async def _clients(addr: str, seats: list, timeout: float) -> dict:
    from websockets.asyncio.client import connect

    import game.net.client as C
    from game.net.bot_client import play_seat

    C.connect = functools.partial(connect, create_connection=_stamped_connection())
    rtts: list = []
    handled: list = []
    errors = {"n": 0, "kinds": {}}
    done = {"games": 0}

    async def one(code: str, bot: str, seed: int):
        sent = {"t": None}
        seat = {"conn": None}
        _SEAT.set(seat)

        def on_submit(_at):
            sent["t"] = time.perf_counter()

        def on_message(msg):
            now = time.perf_counter()
            conn = seat["conn"]
            arrived = conn.arrived if conn is not None and conn.arrived is not None else now
            kind = msg.get("type")
            if kind in ("state", "ok") and sent["t"] is not None:
                rtts.append((arrived - sent["t"]) * 1000.0)
                handled.append((now - sent["t"]) * 1000.0)
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
    return {"rtts": rtts, "handled": handled, "errors": errors, "games": done["games"],
            "received": dict(_RECEIVED)}


def _worker(addr: str, seats: list, timeout: float, nice: int, start, q) -> None:
    if nice:
        os.nice(nice)
    # what a student's laptop has done before the class starts: the program and its content
    # loaded (the host plays the default pack and scenario: the engine a seat loads when it
    # is welcomed, pack and scenario by name) and settled (as a seat does once it has loaded
    # them); only then the clock starts
    from game.engine.api import engine_for
    from game.i18n import texts
    from game.net.bot_client import load_engine_for, settle_gc

    default = engine_for("default")
    load_engine_for({"pack": default.pack.id, "scenario": default.scenario.id})
    texts()
    settle_gc()
    ru = resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = ru.ru_utime + ru.ru_stime
    start.wait()
    prof = os.environ.get("YALTA_BENCH_CLIENT_PROFILE")
    if prof:
        import cProfile
        pr = cProfile.Profile()
        pr.enable()
    out = asyncio.run(_clients(addr, seats, timeout))
    if prof:
        pr.disable()
        pr.dump_stats(f"{prof}.{os.getpid()}")
    ru = resource.getrusage(resource.RUSAGE_SELF)
    out["cpu"] = ru.ru_utime + ru.ru_stime - cpu0
    q.put(out)


def _cpu_of(pid: int) -> float:
    """CPU seconds a process has used so far (Linux), or nan."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tables", type=int, default=50)
    ap.add_argument("--procs", type=int, default=4, help="client processes (default 4)")
    ap.add_argument("--nice", type=int, default=10,
                    help="niceness of the client processes (default 10; 0: as the server)")
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
        groups = [g for g in groups if g]
        start = mp.Barrier(len(groups) + 1)
        procs = [mp.Process(target=_worker, args=(addr, g, args.timeout, args.nice, start, q))
                 for g in groups]
        for p in procs:
            p.start()
        start.wait(120)
        cpu0 = _cpu_of(host.pid)
        t0 = time.perf_counter()
        outs = []
        deadline = time.monotonic() + args.timeout + 30
        while len(outs) < len(procs):  # a client process that died says nothing: don't wait
            try:
                outs.append(q.get(timeout=1))
            except queue.Empty:
                if time.monotonic() > deadline or not any(p.is_alive() for p in procs):
                    raise SystemExit("a client process failed (see above)") from None
        for p in procs:
            p.join(10)
        wall = time.perf_counter() - t0
        server_cpu = _cpu_of(host.pid) - cpu0
        from game.net.client import admin_call

        listing = asyncio.run(admin_call(addr, codes["admin"], {"type": "tables"}))
    finally:
        host.terminate()
        try:
            host.wait(30)
        except subprocess.TimeoutExpired:
            host.kill()
        shutil.rmtree(state, ignore_errors=True)
    rtts = [x for o in outs for x in o["rtts"]]
    handled = [x for o in outs for x in o["handled"]]
    client_cpu = sum(o["cpu"] for o in outs)
    got_bytes = sum(o["received"]["bytes"] for o in outs)
    got_msgs = sum(o["received"]["messages"] for o in outs)
    client_errors = sum(o["errors"]["n"] for o in outs)
    kinds: dict = {}
    for o in outs:
        for k, v in o["errors"]["kinds"].items():
            kinds[k] = kinds.get(k, 0) + v
    over = sum(1 for t in listing["tables"] if t["phase"] == "over")
    server_errors = listing.get("errors", 0) + len(listing.get("save_errors", []))
    p99 = pct(rtts, 99)
    print(f"tables: {args.tables} ({over} finished) · clients: {2 * args.tables} in "
          f"{len(procs)} processes (nice {args.nice}) · wall time {wall:.1f} s · CPU: server "
          f"{server_cpu:.1f} s, clients {client_cpu:.1f} s")
    print(f"phase round trips (arrival): {len(rtts)} · p50 {pct(rtts, 50):.1f} ms · p95 {pct(rtts, 95):.1f} ms"
          f" · p99 {p99:.1f} ms (target <= 100 ms: {'met' if p99 <= 100 else 'NOT met'}) · "
          f"max {max(rtts) if rtts else float('nan'):.1f} ms")
    print(f"  handled by the bot (after its process's shared event loop): p50 "
          f"{pct(handled, 50):.1f} ms · p95 {pct(handled, 95):.1f} ms · p99 {pct(handled, 99):.1f} ms")
    print(f"server: {server_cpu * 1000 / max(1, len(rtts)):.2f} ms CPU per round trip · sent "
          f"{got_msgs} messages, {got_bytes / 1e6:.1f} MB ({got_bytes / max(1, got_msgs):.0f} "
          f"bytes each on average, WebSocket framing included)")
    print(f"errors: {client_errors + server_errors} (target 0): client {client_errors} {kinds or ''}, "
          f"server {server_errors}")


if __name__ == "__main__":
    main()
