"""SVG snapshots of the main menu, game screen, hand-over and end screen at 80x24 and 120x36.

The snapshots live in ``tests/tui/snapshots``; a missing one is written on first run, and
``UPDATE_SNAPSHOTS=1`` rewrites them after an intended change. The game screens use the
classic pack and a fixed seed so that they do not move when the default pack's texts do.
Each snapshot is also checked for what it must show, so a rewrite cannot hide a regression.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from game.tui.app import YaltaApp

from .driver import press_policy, run

SNAPS = Path(__file__).with_name("snapshots")
SIZES = [(80, 24), (120, 36)]


def _check(name: str, svg: str) -> None:
    SNAPS.mkdir(exist_ok=True)
    path = SNAPS / f"{name}.svg"
    if os.environ.get("UPDATE_SNAPSHOTS") or not path.exists():
        path.write_text(svg, encoding="utf-8")
        return
    same = svg == path.read_text(encoding="utf-8")
    if not same:
        (SNAPS / f"{name}.new.svg").write_text(svg, encoding="utf-8")
        pytest.fail(f"{name} differs from {path.name} (see {name}.new.svg); rerun with "
                    f"UPDATE_SNAPSHOTS=1 if the change is intended", pytrace=False)


def _text(svg: str) -> str:
    return re.sub(r"&#160;|\s+", " ", " ".join(re.findall(r">([^<>]*)</text>", svg)))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_menu(size):
    app = YaltaApp(lang="en")

    async def go():
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            return app.export_screenshot()

    svg = run(go())
    txt = _text(svg)
    for word in ("New Yalta", "New game", "Continue", "Load", "How to play", "Settings", "Quit"):
        assert word in txt
    _check(f"menu_{size[0]}x{size[1]}", svg)


def _start(mode="hotseat"):
    seats = {"us": "human", "cn": "human"} if mode == "hotseat" else {"us": "human", "cn": "bot:grim"}
    return dict(pack="classic", scenario=None, seed=42, seats=seats, turns=3, mode=mode)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_handover_and_game_screen(size):
    app = YaltaApp(lang="en", start=_start())

    async def go():
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            assert type(app.screen).__name__ == "HandoverScreen"
            hand = app.export_screenshot()
            body = str(app.screen.query_one("#handover-body").content)
            assert body == ("Pass to the United States — press Enter when only the United "
                            "States' player is looking.")
            await pilot.press("enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "GameScreen"
            return hand, app.export_screenshot()

    hand, game = run(go())
    assert "Pass to United States" in _text(hand)
    assert "Cooperate" not in _text(hand)  # nothing private on the hand-over screen
    txt = _text(game)
    assert "turn 1/3" in txt and "Cooperate" in txt
    _check(f"handover_{size[0]}x{size[1]}", hand)
    _check(f"game_{size[0]}x{size[1]}", game)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_end_screen(size):
    app = YaltaApp(lang="en", start=_start("bot"))

    async def go():
        async with app.run_test(size=size) as pilot:
            await press_policy(app, pilot)
            await pilot.pause()
            return app.export_screenshot()

    svg = run(go())
    txt = _text(svg)
    assert "Outcome: " in txt and "Global welfare" in txt and "US payoffs, summed" in txt
    assert "Trust over the turns" not in txt  # the classic game has no trust to chart
    _check(f"end_{size[0]}x{size[1]}", svg)


def test_chinese_end_and_menu():
    app = YaltaApp(lang="zh-Hant", start=_start("bot"))

    async def go():
        async with app.run_test(size=(120, 36)) as pilot:
            await press_policy(app, pilot)
            await pilot.pause()
            return app.export_screenshot()

    txt = _text(run(go()))
    assert "結局：" in txt and "全球福祉" in txt and "Outcome" not in txt
