"""Playing New Yalta through its UI by pressing keys, and the same choices through the engine.

The human's policy is one that keys can express and the engine can check:
news: the first response offered; talks: accept every offer made to you and, in the first
round only, propose the first offer listed with its first terms; orders: the first card.
"""

from __future__ import annotations

import asyncio

from game.bots import make_bot
from game.engine import Engine


def policy(engine: Engine, st, side: str, kind: str) -> dict:
    v = engine.view(st, side)
    if kind == "response":
        return {"kind": "response", "option": engine.response_options(v, side)[0]}
    if kind == "talk":
        answers = {str(o["id"]): "accept" for o in v.open_offers if o["to"] == side}
        prop = None
        legal = [] if v.talk_round >= engine.rules.r.talk_rounds else engine.legal_offers(v, side)
        if v.talk_round == 1 and legal:
            oid = legal[0]
            prop = {"offer": oid, "duration": engine.pack.offers[oid].terms.durations[0],
                    "verification": engine.rules.verification_choices(v, oid)[0]}
        return {"kind": "talk", "responses": answers, "propose": prop, "message": None}
    legal = engine.legal_actions(v, side)
    return {"kind": "orders", "actions": legal[:1]}


def engine_game(engine: Engine, seed: int, turns: int, seats: dict, level: str = "normal"):
    """The same game played straight through the engine."""
    bots = {s: make_bot(seat[4:], engine, s, seed=seed, level=level)
            for s, seat in seats.items() if seat.startswith("bot:")}

    def decide(st, side, kind):
        if side in bots:
            return bots[side].act(engine.view(st, side), kind).decision
        return policy(engine, st, side, kind)

    return engine.play(engine.new_game(seed, turns=turns), decide)


async def press_policy(app, pilot, max_steps: int = 2000, on_step=None) -> None:
    """Press the keys of ``policy`` until the end screen shows."""
    for _ in range(max_steps):
        await pilot.pause()
        name = type(app.screen).__name__
        if name == "EndScreen":
            # a screen is pushed before it has composed: return once its content is there
            if app.screen.query("#outcome"):
                return
            await pilot.pause(0.05)
            continue
        if on_step:
            on_step(app)
        if name == "HandoverScreen":
            await pilot.press("enter")
            continue
        if name != "GameScreen" or not app.screen.query("#panels"):
            await pilot.pause(0.05)
            continue
        screen = app.screen
        current = screen.query_one("#panels").current
        sess = app.session
        st = sess.state
        if current == "news":
            await pilot.press("enter")
        elif current == "talks":
            panel = screen.query_one("#talks")
            keys = []
            if panel.incoming:
                keys.append("a")
            if st.talk_round == 1 and panel.legal:
                keys += ["p", "down", "enter"]
            keys.append("s")
            await pilot.press(*keys)
        elif current == "orders":
            panel = screen.query_one("#orders")
            if panel.classic:
                await pilot.press("enter")
            else:
                await pilot.press(*(["space"] if panel.legal else []), "s")
        elif current == "summary":
            await pilot.press("enter")
        else:
            await pilot.pause(0.02)
    raise AssertionError("the game did not reach the end screen")


def run(coro):
    return asyncio.run(coro)
