"""Nobody sees what they should not: a raw client in China's seat records every frame it is
sent; before each turn's reveal none holds the United States' orders, and before the end none
holds the United States' secret objective. The projector sees neither side's secrets."""

from __future__ import annotations

import asyncio
import json

from websockets.asyncio.client import connect

from game.bots import make_bot
from game.engine.api import engine_for
from game.engine.state import HIDDEN
from game.net.bot_client import play_seat
from game.net.client import ViewTracker
from game.net.server import GameServer
from tests.net.netutil import run

ORDER_PHASES = ("news", "talks", "orders")  # the turn's orders are secret until resolution


async def _raw_cn_game(engine, seed: int, us_bot: str, cn_bot: str):
    srv = GameServer.create(engine, 1, seed, port=0)
    port = await srv.start()
    t = srv.tables["1"]
    frames: list[tuple[str, str]] = []  # (moment when received, raw text)
    watch_frames: list[str] = []
    us = asyncio.create_task(play_seat(f"127.0.0.1:{port}", t.codes["us"], us_bot, bot_seed=seed))

    async def projector():
        async with connect(f"ws://127.0.0.1:{port}/") as ws:
            await ws.send(json.dumps({"type": "hello", "code": t.codes["watch"]}))
            async for raw in ws:
                watch_frames.append(raw)
                if '"phase":"over"' in raw:
                    return

    proj = asyncio.create_task(projector())
    bot = make_bot(cn_bot, engine, "cn", seed=seed)
    tracker = ViewTracker()
    async with connect(f"ws://127.0.0.1:{port}/", max_size=None) as ws:
        await ws.send(json.dumps({"type": "hello", "code": t.codes["cn"]}))
        async for raw in ws:
            msg = json.loads(raw)
            at = msg.get("at", "")
            frames.append((at, raw))
            if msg["type"] != "state":
                continue
            view = tracker.apply(msg)
            if view.phase == "over":
                break
            kind = msg["awaiting"].get("cn")
            if kind:
                await ws.send(json.dumps({"type": "submit", "at": at,
                                          "decision": bot.act(view, kind).decision}))
    await us
    await asyncio.wait_for(proj, 10)
    final = t.state
    await srv.close()
    return final, frames, watch_frames


def _check(final, frames, watch_frames):
    us_objective = final.sides["us"].objective
    cn_objective = final.sides["cn"].objective
    assert us_objective
    seen_cards: set = set()
    first_play: dict = {}
    for rec in final.history:
        for card in rec.orders.get("us", []):
            if card not in seen_cards:
                first_play.setdefault(rec.turn, set()).add(card)
                seen_cards.add(card)
    over_at = next(i for i, (_, raw) in enumerate(frames) if '"phase":"over"' in raw)
    checked = 0
    for at, raw in frames[:over_at]:
        assert us_objective not in raw
        if not at:
            continue
        turn, phase, _ = at.split("/")
        turn = int(turn)
        msg = json.loads(raw)
        view = msg["view"]
        if phase in ORDER_PHASES:
            checked += 1
            # the cards the US plays this turn for the first time appear nowhere yet
            for card in first_play.get(turn, ()):
                assert card not in raw, (at, card)
            assert view["pending"].get("us") in (None, HIDDEN)
            assert "us" not in view["current"]["orders"]
            for entry in view["log"]:
                if entry[0] == turn and entry[3] == "us" and entry[1] == "orders":
                    assert entry[4] == HIDDEN
        assert view["seed"] == -1 and view["rng"]["seed"] == 0
        assert view["sides"]["us"]["objective"] is None
    assert checked > 20
    # the projector: neither objective, nobody's pending input, before the end
    w_over = next(i for i, raw in enumerate(watch_frames) if '"phase":"over"' in raw)
    for raw in watch_frames[:w_over]:
        assert us_objective not in raw and cn_objective not in raw
        msg = json.loads(raw)
        if msg["type"] == "state":
            assert all(v == HIDDEN for v in msg["view"]["pending"].values())
            assert msg["view"]["secrets"] == []


def test_china_never_sees_us_orders_before_the_reveal():
    engine = engine_for("default")
    for seed, us_bot, cn_bot in ((4, "hawk", "tit-for-tat"), (9, "transactional", "generous")):
        final, frames, watch = run(_raw_cn_game(engine, seed, us_bot, cn_bot))
        assert final.phase == "over"
        _check(final, frames, watch)
