"""Whole games played through the UI by pressing keys; the outcome must equal the engine's."""

from __future__ import annotations

from game.engine import Engine
from game.engine.api import engine_for
from game.tui.app import YaltaApp

from .driver import engine_game, press_policy, run

TURNS = 3


def _play(seats: dict, mode: str, seed: int, size=(120, 36), pack="default"):
    start = dict(pack=pack, scenario=None, seed=seed, seats=seats, turns=TURNS, mode=mode)
    app = YaltaApp(lang="en", start=start)
    seen = set()

    async def go():
        async with app.run_test(size=size) as pilot:
            await press_policy(app, pilot, on_step=lambda a: seen.add(type(a.screen).__name__))
            headline = str(app.screen.query_one("#outcome").content)
            return headline

    headline = run(go())
    return app, headline, seen


def _check_same(app, seats, seed, pack="default"):
    engine = engine_for(pack, None)
    expected = engine_game(engine, seed, TURNS, seats)
    got = app.session.state
    assert got.phase == "over"
    assert got.ending == expected.ending
    assert engine.returns(got) == engine.returns(expected)
    assert got.welfare == expected.welfare
    # inputs within a phase are simultaneous: the log may list them in another order
    a, b = got.to_dict(), expected.to_dict()
    assert sorted(map(repr, a.pop("log"))) == sorted(map(repr, b.pop("log")))
    assert a == b


def test_hotseat_game_through_the_ui():
    seats = {"us": "human", "cn": "human"}
    app, headline, seen = _play(seats, "hotseat", seed=11)
    assert headline.startswith("Outcome: ")
    assert "HandoverScreen" in seen
    _check_same(app, seats, 11)


def test_game_against_a_bot_through_the_ui():
    seats = {"us": "human", "cn": "bot:tit-for-tat"}
    app, headline, seen = _play(seats, "bot", seed=5, size=(80, 24))
    assert headline.startswith("Outcome: ")
    assert "HandoverScreen" not in seen
    _check_same(app, seats, 5)
    # the bot's reasons were kept for the summary and the save
    assert any(r[3] == "cn" for r in app.session.reasons)


def test_playing_china_against_a_bot():
    seats = {"us": "bot:hawk", "cn": "human"}
    app, headline, _ = _play(seats, "bot", seed=8)
    _check_same(app, seats, 8)


def test_classic_pack_through_the_ui():
    seats = {"us": "human", "cn": "bot:grim"}
    app, headline, _ = _play(seats, "bot", seed=2, pack="classic")
    assert headline.startswith("Outcome: ")
    _check_same(app, seats, 2, pack="classic")


def test_watch_mode_plays_to_the_end():
    start = dict(pack="default", scenario=None, seed=4,
                 seats={"us": "bot:transactional", "cn": "bot:hawk"}, turns=TURNS, mode="watch")
    app = YaltaApp(lang="en", start=start, speed=0)

    async def go():
        async with app.run_test(size=(120, 36)) as pilot:
            for _ in range(400):
                await pilot.pause(0.02)
                # the end screen is pushed before it has composed: wait for its content
                if type(app.screen).__name__ == "EndScreen" and app.screen.query("#outcome"):
                    return str(app.screen.query_one("#outcome").content)
            raise AssertionError("watch mode did not finish")

    assert run(go()).startswith("Outcome: ")
    engine = engine_for("default", None)
    expected = engine_game(engine, 4, TURNS, start["seats"])
    assert Engine.to_json(app.session.state) == Engine.to_json(expected)
    assert len(app.session.reasons) >= len(expected.log)


def test_world_on_a_narrow_screen_takes_the_keys_and_gives_them_back():
    start = dict(pack="default", scenario=None, seed=3,
                 seats={"us": "human", "cn": "bot:dove"}, turns=TURNS, mode="bot")
    app = YaltaApp(lang="en", start=start)

    async def go():
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(20):  # until the game screen asks the player for something
                await pilot.pause()
                if type(app.screen).__name__ == "GameScreen" and app.screen.focused is not None:
                    break
            before = app.screen.focused
            world = app.screen.query_one("#world-scroll")
            await pilot.press("w")
            await pilot.pause()
            assert app.screen.focused is world
            await pilot.press("pagedown")
            await pilot.pause()
            scrolled = world.scroll_y
            await pilot.press("w")
            await pilot.pause()
            return before, scrolled, app.screen.focused

    before, scrolled, after = run(go())
    assert before is not None and after is before
    assert scrolled > 0  # the deals and swing states below the fold can be reached
