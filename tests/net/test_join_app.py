"""A person in a seat: the game's own screens, driven over the network (``yalta join``)."""

from __future__ import annotations

import asyncio

from textual.widgets import Input

from game.bots import make_bot
from game.engine.api import engine_for
from game.net.bot_client import play_seat
from game.net.client_app import RemoteApp
from game.net.server import GameServer
from game.tui.screens.end import EndScreen
from game.tui.screens.game import GameScreen
from game.tui.screens.panels import Decided
from tests.net.netutil import run


async def _human_against_bot(code_typed: bool):
    engine = engine_for("default")
    srv = GameServer.create(engine, 1, 5, port=0, turns=3)
    port = await srv.start()
    t = srv.tables["1"]
    addr = f"127.0.0.1:{port}"
    cn = asyncio.create_task(play_seat(addr, t.codes["cn"], "tit-for-tat", bot_seed=5))
    app = RemoteApp(addr, None if code_typed else t.codes["us"])
    me = make_bot("dove", engine, "us", seed=1)
    seen = {"summary": 0, "panels": set()}
    async with app.run_test(size=(140, 45)) as pilot:
        if code_typed:
            await pilot.pause(0.1)
            app.screen.query_one(Input).value = "WRONG9"
            await pilot.press("enter")
            await pilot.pause(0.3)
            assert app.session is None
            inp = app.screen.query_one(Input)
            assert not inp.disabled  # refused: type again
            inp.value = t.codes["us"].lower()
            await pilot.press("enter")
        for _ in range(600):
            await pilot.pause(0.02)
            s = app.session
            if isinstance(app.screen, EndScreen):
                break
            scr = app.screen
            if s is None or s.state is None or not isinstance(scr, GameScreen):
                continue
            hw = s.human_awaiting()
            if hw and scr.showing:
                seen["panels"].add(hw["us"])
                scr.post_message(Decided("us", me.act(s.state, hw["us"]).decision))
                await pilot.pause(0.05)
            elif s.state.phase == "assessment":
                seen["summary"] += 1
                await pilot.press("enter")
        assert isinstance(app.screen, EndScreen)
        state = app.session.state
    res = await cn
    await srv.close()
    return state, res, seen


def test_a_person_plays_a_networked_seat():
    state, res, seen = run(_human_against_bot(False))
    assert state.phase == "over" and res["us_bot"] == "human" and res["turns"] == 3
    assert seen["summary"] >= 3  # each turn's summary was shown before moving on
    assert {"talk", "orders"} <= seen["panels"]
    assert state.sides["cn"].objective  # revealed at the end


def test_join_asks_for_the_code_and_refuses_a_wrong_one():
    state, res, _ = run(_human_against_bot(True))
    assert state.phase == "over" and res["turns"] == 3
