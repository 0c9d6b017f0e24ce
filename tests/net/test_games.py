"""Whole games over the network: bots in seats on a real server on loopback play exactly the
game `yalta simulate` plays with the same seed and bots."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys


from game.engine.api import engine_for
from game.net.bot_client import play_seat
from game.net.server import GameServer
from game.sim import game_seeds, play_game
from tests.helpers import repo_env
from tests.net.netutil import HostProcess, free_port, run

PAIRS = [("tit-for-tat", "hawk"), ("generous", "random"), ("transactional", "pavlov"),
         ("grim", "dove")]


async def _play_tables(engine, pairs, seed, turns=None, noise=0.0):
    srv = GameServer.create(engine, len(pairs), seed, turns=turns, noise=noise, port=0)
    port = await srv.start()
    addr = f"127.0.0.1:{port}"
    try:
        jobs = []
        for (us, cn), t in zip(pairs, srv.tables.values()):
            s = t.state.seed
            jobs.append(play_seat(addr, t.codes["us"], us, bot_seed=s))
            jobs.append(play_seat(addr, t.codes["cn"], cn, bot_seed=s))
        results = await asyncio.gather(*jobs)
        assert srv.errors == 0
        return results
    finally:
        await srv.close()


def test_bot_games_over_the_network_equal_simulate():
    engine = engine_for("default")
    seed = 11
    results = run(_play_tables(engine, PAIRS, seed))
    for i, ((us, cn), s) in enumerate(zip(PAIRS, game_seeds(seed, len(PAIRS)))):
        ref = play_game(engine, us, cn, seed=s).summary(engine)
        assert results[2 * i] == ref, (us, cn)
        assert results[2 * i + 1] == ref, (us, cn)


def test_classic_and_fog_games_equal_simulate():
    classic = engine_for("classic")
    pairs = [("tit-for-tat", "random"), ("pavlov", "generous")]
    res = run(_play_tables(classic, pairs, 3, turns=30, noise=0.05))
    for i, ((us, cn), s) in enumerate(zip(pairs, game_seeds(3, 2))):
        ref = play_game(classic, us, cn, seed=s, turns=30, noise=0.05).summary(classic)
        assert res[2 * i] == ref
    engine = engine_for("default")
    pairs = [("generous", "tit-for-tat")]
    res = run(_play_tables(engine, pairs, 8, noise=0.2))
    assert res[0] == play_game(engine, "generous", "tit-for-tat", seed=8, noise=0.2).summary(engine)


def test_cli_host_and_join_print_the_simulate_object(tmp_path):
    host = HostProcess("--port", "0", "--tables", "1", "--seed", "21", "--state-dir",
                       str(tmp_path / "srv"))
    try:
        assert set(host.codes) == {"port", "admin", "tables"}
        t = host.codes["tables"][0]
        assert set(t) == {"id", "us", "cn", "watch"} and host.port > 0
        procs = [subprocess.Popen([sys.executable, "-m", "game", "join", host.addr, "--code", t[side],
                                   "--bot", bot, "--bot-seed", "21"], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, env=repo_env())
                 for side, bot in (("us", "tft"), ("cn", "hawk"))]
        outs = [p.communicate(timeout=60) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], outs
        sim = subprocess.run([sys.executable, "-m", "game", "simulate", "--us", "tit-for-tat",
                              "--cn", "hawk", "--seed", "21", "--json"], capture_output=True,
                             text=True, env=repo_env(), timeout=60)
        ref = json.loads(sim.stdout)["games"][0]
        for out, _ in outs:
            assert out.count("\n") == 1
            assert json.loads(out) == ref
    finally:
        assert host.stop() == 0


def test_host_refuses_a_busy_port_and_join_a_wrong_code(tmp_path):
    host = HostProcess("--port", "0", "--state-dir", str(tmp_path / "a"))
    try:
        r = subprocess.run([sys.executable, "-m", "game", "host", "--port", str(host.port),
                            "--state-dir", str(tmp_path / "b")], capture_output=True, text=True,
                           env=repo_env(), timeout=30)
        assert r.returncode == 2 and "cannot listen" in r.stderr and "Traceback" not in r.stderr
        r = subprocess.run([sys.executable, "-m", "game", "join", host.addr, "--code", "NOPE99",
                            "--bot", "dove"], capture_output=True, text=True, env=repo_env(),
                           timeout=30)
        assert r.returncode == 2 and "no seat" in r.stderr and "Traceback" not in r.stderr
        port = free_port()
        r = subprocess.run([sys.executable, "-m", "game", "join", f"127.0.0.1:{port}", "--code",
                            "ABCDEF", "--bot", "dove", "--retry", "0.5"], capture_output=True,
                           text=True, env=repo_env(), timeout=30)
        assert r.returncode == 2 and "cannot reach" in r.stderr
    finally:
        host.stop()
