"""Faults: a client killed mid-turn rejoins with its code and the game completes; the server
killed and restarted resumes every table from its saves, and no game is lost."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time

from websockets.asyncio.client import connect

from game.bots import make_bot
from game.engine.api import engine_for
from game.net.bot_client import play_seat
from game.net.client import ViewTracker, admin_call
from game.net.server import GameServer
from game.net.store import TableStore
from game.sim import game_seeds, play_game
from tests.helpers import repo_env
from tests.net.netutil import HostProcess, free_port, run, wait_until


async def _abrupt_then_rejoin(engine, seed):
    srv = GameServer.create(engine, 1, seed, port=0)
    port = await srv.start()
    addr = f"127.0.0.1:{port}"
    t = srv.tables["1"]
    cn = asyncio.create_task(play_seat(addr, t.codes["cn"], "tit-for-tat", bot_seed=seed))
    bot = make_bot("grim", engine, "us", seed=seed)
    tracker = ViewTracker()
    sent = []
    ws = await connect(f"ws://{addr}/")
    await ws.send(json.dumps({"type": "hello", "code": t.codes["us"]}))
    async for raw in ws:
        msg = json.loads(raw)
        if msg["type"] != "state":
            continue
        view = tracker.apply(msg)
        kind = msg["awaiting"].get("us")
        if kind and len(sent) >= 9:
            ws.transport.abort()  # killed while its input is awaited
            break
        if kind:
            d = bot.act(view, kind).decision
            sent.append(d)
            await ws.send(json.dumps({"type": "submit", "decision": d, "at": msg["at"]}))
    await asyncio.sleep(0.1)
    assert not srv.seat_conn.get(("1", "us"))
    mid = t.state.turn
    res = await play_seat(addr, t.codes["us"], "grim", bot_seed=seed)
    await cn
    us_log = [e[4] for e in t.state.log if e[3] == "us"]
    await srv.close()
    return mid, sent, us_log, res


def test_client_killed_mid_turn_rejoins_and_the_game_completes():
    engine = engine_for("default")
    mid, sent, us_log, res = run(_abrupt_then_rejoin(engine, 13))
    assert mid < 12
    assert us_log[:len(sent)] == sent  # nothing it said before it died was lost
    assert res["turns"] == 12 and res["us_bot"] == "grim" and res["outcome"]


def test_join_process_killed_and_started_again(tmp_path):
    host = HostProcess("--port", "0", "--seed", "6", "--state-dir", str(tmp_path / "srv"))
    try:
        t = host.codes["tables"][0]
        cmd = [sys.executable, "-m", "game", "join", host.addr, "--code", t["us"], "--bot", "hawk",
               "--bot-seed", "6"]
        us = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=repo_env())

        def us_answered():
            reply = run(admin_call(host.addr, host.codes["admin"], {"type": "tables"}))
            return reply["tables"][0]["step"] >= 1
        assert wait_until(us_answered, 20, 0.2)
        us.kill()
        us.communicate()
        cn = subprocess.Popen(cmd[:6] + [t["cn"], "--bot", "tft", "--bot-seed", "6"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=repo_env())
        us = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=repo_env())
        outs = [p.communicate(timeout=60) for p in (us, cn)]
        assert us.returncode == 0 and cn.returncode == 0, outs
        a, b = (json.loads(o[0]) for o in outs)
        assert a == b and a["turns"] == 12
        engine = engine_for("default")
        assert a == play_game(engine, "hawk", "tit-for-tat", seed=6).summary(engine)
    finally:
        host.stop()


PAIRS = [("tit-for-tat", "hawk"), ("random", "generous"), ("pavlov", "transactional")]


async def _seats_through_restart(addr, codes, seed, state_dir, restart):
    seeds = game_seeds(seed, len(PAIRS))
    submitted = {"n": 0}

    def count(_at):
        submitted["n"] += 1

    jobs = []
    for (us, cn), t, s in zip(PAIRS, codes["tables"], seeds):
        jobs.append(asyncio.create_task(play_seat(addr, t["us"], us, bot_seed=s, retry_for=30,
                                                  on_submit=count)))
        jobs.append(asyncio.create_task(play_seat(addr, t["cn"], cn, bot_seed=s, retry_for=30)))
    while submitted["n"] < 25:
        await asyncio.sleep(0.005)
    await asyncio.get_running_loop().run_in_executor(None, restart)
    return await asyncio.gather(*jobs)


def test_server_killed_and_restarted_resumes_every_table(tmp_path):
    port = free_port()
    state = tmp_path / "srv"
    args = ("--port", str(port), "--tables", str(len(PAIRS)), "--seed", "31", "--state-dir", str(state))
    host = HostProcess(*args)
    box = {}

    def restart():
        host.kill()  # SIGKILL: no chance to flush anything
        store = TableStore(state)
        phases = [store.load_table(t["id"])[1].phase for t in host.codes["tables"]]
        box["phases"] = phases
        time.sleep(0.3)
        box["host"] = HostProcess(*args)

    try:
        results = run(_seats_through_restart(host.addr, host.codes, 31, state, restart), 150)
        again = box["host"]
        assert again.codes == host.codes  # the same codes, port and tables after the restart
        assert any(p != "over" for p in box["phases"])  # the kill really came mid-game
        engine = engine_for("default")
        for i, ((us, cn), s) in enumerate(zip(PAIRS, game_seeds(31, len(PAIRS)))):
            ref = play_game(engine, us, cn, seed=s).summary(engine)
            assert results[2 * i] == ref and results[2 * i + 1] == ref, (us, cn)
        listing = run(admin_call(again.addr, again.codes["admin"], {"type": "tables"}))
        assert all(t["phase"] == "over" for t in listing["tables"])
    finally:
        host.stop()
        if "host" in box:
            assert box["host"].stop() == 0
