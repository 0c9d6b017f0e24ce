"""The facilitator's levers, the projector, exports and briefings."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys

import pytest

from game.engine.api import engine_for
from game.net.bot_client import play_seat
from game.net.client import Client, admin_call
from game.net.server import GameServer
from game.net.store import TableStore
from game.net.table import moment
from game.saves import load
from tests.helpers import repo_env
from tests.net.netutil import HostProcess, run


async def _levers(tmp_path):
    engine = engine_for("default")
    store = TableStore(tmp_path / "srv")
    srv = GameServer.create(engine, 2, 40, port=0, store=store)
    port = await srv.start()
    addr = f"127.0.0.1:{port}"
    admin = srv.admin
    t1 = srv.tables["1"]

    async def op(**msg):
        return await admin_call(addr, admin, msg)

    r = await op(type="pause", table=None)
    assert r["type"] == "ok" and r["tables"] == ["1", "2"]
    # paused: bots answer, but the game does not move past the phase
    us = asyncio.create_task(play_seat(addr, t1.codes["us"], "dove", bot_seed=1))
    cn = asyncio.create_task(play_seat(addr, t1.codes["cn"], "dove", bot_seed=1))
    await asyncio.sleep(0.5)
    assert t1.state.turn == 1 and not t1.awaiting()
    before = moment(t1.state)
    r = await op(type="step", table="1")
    assert r["type"] == "ok" and r["at"] != before
    r = await op(type="reveal", table="1")
    assert r["revealed"] is True and r["objectives"]["us"] and r["objectives"]["cn"]
    r = await op(type="timer", table="1", seconds=30)
    assert r["type"] == "ok" and t1.timer == 30
    r = await op(type="inject", table="1", event="no_such_event")
    assert r["type"] == "error" and "no event" in r["message"]
    r = await op(type="inject", table="1", event="deepseek_surprise")
    assert r["type"] == "ok" and r["when"] in ("now", "next")
    r = await op(type="end", table="1", when="after_turn")
    assert r["type"] == "ok"
    r = await op(type="resume", table=None)
    assert r["type"] == "ok"
    a, b = await asyncio.gather(us, cn)
    assert a == b and a["turns"] == 1
    assert t1.state.phase == "over" and t1.ended_by == "after_turn"
    # inject lands at the start of a turn when the news has just come
    t2 = srv.tables["2"]
    r = await op(type="end", table="2", when="now")
    assert r["type"] == "ok" and t2.state.phase == "over" and t2.state.ending
    r = await op(type="export")
    assert [x["id"] for x in r["tables"]] == ["1", "2"]
    assert r["tables"][0]["summary"]["outcome"] == a["outcome"]
    await srv.close()
    return r


def test_facilitator_levers(tmp_path):
    r = run(_levers(tmp_path))
    from game.commands.net import export_tables
    written = export_tables(r["tables"], tmp_path / "out")
    saves = [p for p in written if p.name.endswith(".json") and "summary" not in p.name]
    assert len(saves) == 2
    loaded = load(saves[0])  # an ordinary save: the game itself can open it for the debrief
    assert loaded.state.phase == "over"
    assert json.loads((tmp_path / "out" / "table-1-summary.json").read_text())["turns"] == 1


def test_inject_now_replaces_the_news_of_a_fresh_turn():
    from game.net.table import Table

    engine = engine_for("default")
    st = engine.new_game(3)
    t = Table("1", engine, st, {"us": "A", "cn": "B", "watch": "C"})
    bots = {}
    from game.bots import make_bot
    for s in ("us", "cn"):
        bots[s] = make_bot("tit-for-tat", engine, s, seed=3)
    while t.state.turn < 2:  # play turn 1 through
        for side, kind in t.awaiting().items():
            t.submit(side, bots[side].act(engine.view(t.state, side), kind).decision)
        t.progress()
    assert t.state.phase in ("news", "talks") and t.prev is not None
    if t.state.phase == "news" and not t.state.pending:
        assert t.inject("ai_czar_named") == "now"
        assert t.state.current.event == "ai_czar_named"
    # the forced draw works from any assessment and keeps the random stream's pace
    alt = engine.advance(t.prev, event="fabs_look_east")
    assert alt.current.event == "fabs_look_east" and alt.turn == t.prev.turn + 1


def test_timer_runs_out_and_the_defaults_apply():
    async def go():
        engine = engine_for("default")
        srv = GameServer.create(engine, 1, 2, port=0)
        await srv.start()
        t = srv.tables["1"]
        t.set_timer(5)
        t.deadline = 0  # as if the five seconds had passed
        await asyncio.sleep(0.5)
        assert t.reasons and t.reasons[0][4] == "time ran out"
        await srv.close()
    run(go())


def test_watch_once_and_the_admin_cli(tmp_path):
    host = HostProcess("--port", "0", "--tables", "2", "--seed", "5", "--state-dir", str(tmp_path / "s"))
    try:
        t = host.codes["tables"][0]

        def yalta(*args):
            return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True,
                                  text=True, env=repo_env(COLUMNS="120"), timeout=60)
        r = yalta("watch", host.addr, "--code", t["watch"], "--once")
        assert r.returncode == 0 and "Trust" in r.stdout and "Table" not in r.stderr
        r = yalta("watch", host.addr, "--code", t["us"], "--once")
        assert r.returncode == 2 and "projector" in r.stderr
        r = yalta("facilitate", host.addr, "--code", host.codes["admin"], "list")
        assert r.returncode == 0 and len(json.loads(r.stdout)["tables"]) == 2
        r = yalta("facilitate", host.addr, "--code", host.codes["admin"], "pause", "all")
        assert r.returncode == 0 and json.loads(r.stdout)["tables"] == ["1", "2"]
        r = yalta("facilitate", host.addr, "--code", host.codes["admin"], "timer", "2", "90")
        assert r.returncode == 0
        r = yalta("facilitate", host.addr, "--code", host.codes["admin"], "events")
        assert r.returncode == 0 and "deepseek_surprise" in r.stdout
        r = yalta("facilitate", host.addr, "--code", host.codes["admin"], "export", str(tmp_path / "x"))
        assert r.returncode == 0 and (tmp_path / "x" / "table-2.json").is_file()
        r = yalta("facilitate", host.addr, "--code", t["us"], "list")
        assert r.returncode == 2 and "facilitator" in r.stderr
    finally:
        host.stop()


async def _watch_hidden():
    engine = engine_for("default")
    srv = GameServer.create(engine, 1, 5, port=0)
    port = await srv.start()
    t = srv.tables["1"]
    c = Client(f"127.0.0.1:{port}", t.codes["watch"])
    w = await c.open()
    state = await c.recv(5)
    await c.close()
    await srv.close()
    return w, state, t


def test_projector_sees_the_public_state_only():
    w, state, t = run(_watch_hidden())
    assert w["role"] == "watch" and state["type"] == "state"
    raw = json.dumps(state)
    for s in ("us", "cn"):
        assert t.state.sides[s].objective not in raw
        assert state["view"]["sides"][s]["objective"] is None


@pytest.mark.parametrize("side,lang,fmt", [("us", "en", "md"), ("cn", "zh-Hant", "html")])
def test_briefings(side, lang, fmt):
    r = subprocess.run([sys.executable, "-m", "game", "briefing", "--side", side, "--lang", lang,
                        "--format", fmt], capture_output=True, text=True, env=repo_env(), timeout=60)
    assert r.returncode == 0, r.stderr
    from game.content.loader import load_pack
    pack = load_pack("default")
    sc = pack.scenario()
    out = r.stdout
    assert sc.name.get(lang) in out
    for oid in sc.objectives[side]:  # every objective this side may be dealt
        assert pack.objectives[oid].name.get(lang) in out
    for a in pack.actions_for(side)[:5]:
        assert a.name.get(lang).replace("&", "&amp;") in out
    other = "cn" if side == "us" else "us"
    for oid in sc.objectives[other]:  # and not the other side's
        assert pack.objectives[oid].name.get(lang) not in out
    if fmt == "html":
        assert out.startswith("<!doctype html>") and out.rstrip().endswith("</html>")
    r = subprocess.run([sys.executable, "-m", "game", "briefing", "--side", side, "--scenario", "nope"],
                       capture_output=True, text=True, env=repo_env(), timeout=60)
    assert r.returncode == 2 and "no scenario" in r.stderr


def test_server_saves_are_ordinary_saves(tmp_path):
    async def go():
        engine = engine_for("default")
        store = TableStore(tmp_path / "srv")
        srv = GameServer.create(engine, 1, 12, port=0, store=store)
        port = await srv.start()
        t = srv.tables["1"]
        await asyncio.gather(play_seat(f"127.0.0.1:{port}", t.codes["us"], "hawk", bot_seed=12),
                             play_seat(f"127.0.0.1:{port}", t.codes["cn"], "dove", bot_seed=12))
        await srv.close()  # flushes the last save
        return store.table_file("1"), t.state
    path, final = run(go())
    loaded = load(path)
    assert loaded.warning is None  # the seed and the order log replay to the same game
    assert loaded.state.phase == "over" and loaded.state.welfare == final.welfare
    again = GameServer.resume(TableStore(tmp_path / "srv"), port=0)
    assert again.tables["1"].state.phase == "over"


def test_the_console_says_what_the_server_did_in_sentences():
    from game.net.facilitator import FacilitatorApp

    app = FacilitatorApp("127.0.0.1:1", "X", lang="zh-Hant")
    app.scenario = None
    objectives = next(iter(app_objectives()))
    assert app.ok_text({"type": "ok", "op": "pause", "tables": ["1", "2"]}) == "已暫停：第 1、2 桌"
    shown = app.ok_text({"type": "ok", "op": "reveal", "table": "1", "revealed": True,
                         "objectives": {"us": objectives[0], "cn": None}})
    assert objectives[1] in shown and objectives[0] not in shown and "{" not in shown
    assert app.ok_text({"type": "ok", "op": "end", "table": "2", "phase": "over"}) == "第 2 桌：遊戲已結束"
    assert app.ok_text({"type": "ok", "op": "end", "table": "2", "phase": "orders"}) == "第 2 桌：本回合是最後一回合"
    en = FacilitatorApp("127.0.0.1:1", "X", lang="en")
    assert en.ok_text({"type": "ok", "op": "inject", "table": "3", "when": "next"}) == \
        "table 3: the news comes next turn"
    assert "{'op': 'later'" in en.ok_text({"type": "ok", "op": "later"})  # unknown: as sent


def app_objectives():
    from game.engine.api import engine_for

    for oid, o in engine_for("default").pack.objectives.items():
        yield oid, o.name.get("zh-Hant")
