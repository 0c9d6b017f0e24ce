"""The game in Traditional Chinese at 80x24 and 120x36: snapshots, and wide characters that
line up (every row fills the screen exactly; borders stay in their columns)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from game.tui.app import YaltaApp

from .driver import press_policy, run
from .test_snapshots import SIZES, _check, _text

BORDERS = "▎▊│┃"


def rows(app) -> list[str]:
    strips = app.screen._compositor.render_strips()
    out = []
    for s in strips:
        assert s.cell_length == app.size.width, "a row does not fill the screen exactly"
        out.append(s.text)
    return out


def border_columns(lines: list[str]) -> dict[str, set[int]]:
    cols: dict[str, set[int]] = {c: set() for c in BORDERS}
    for line in lines:
        x = 0
        for ch in line:
            if ch in cols:
                cols[ch].add(x)
            x += cell_len(ch)
    return cols


def assert_aligned(app, width: int):
    lines = rows(app)
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in line) for line in lines), "no Chinese shown"
    for line in lines:
        assert cell_len(line) == width
    for ch, cols in border_columns(lines).items():
        # a few bordered widgets side by side: a wide character counted as one cell would
        # push a border right on its row and scatter the border over many columns
        assert len(cols) <= 4, (ch, sorted(cols))


def _start(seats, turns=2):
    return dict(pack="default", scenario=None, seed=7, seats=seats, turns=turns, mode="bot")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_game_screen_in_traditional_chinese(size):
    app = YaltaApp(lang="zh-Hant", start=_start({"us": "human", "cn": "bot:tit-for-tat"}))

    async def go():
        async with app.run_test(size=size) as pilot:
            shots = []
            for _ in range(60):
                await pilot.pause(0.05)
                if type(app.screen).__name__ == "GameScreen" and app.screen.query("#panels"):
                    panels = app.screen.query_one("#panels")
                    if panels.current in ("talks", "orders") and not shots:
                        assert_aligned(app, size[0])
                        shots.append(app.export_screenshot())
                        await pilot.press("s")
                    elif panels.current == "orders":
                        assert_aligned(app, size[0])
                        shots.append(app.export_screenshot())
                        break
                    elif panels.current == "news":
                        await pilot.press("enter")
                    elif panels.current == "talks":
                        await pilot.press("s")
            return shots

    shots = run(go())
    assert len(shots) == 2
    assert "談判" in _text(shots[0]) or "命令" in _text(shots[0])
    _check(f"zh_game_{size[0]}x{size[1]}", shots[-1])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_end_screen_in_traditional_chinese(size):
    app = YaltaApp(lang="zh-Hant", start=_start({"us": "human", "cn": "bot:grim"}))

    async def go():
        async with app.run_test(size=size) as pilot:
            await press_policy(app, pilot)
            await pilot.pause()
            assert_aligned(app, size[0])
            return app.export_screenshot()

    svg = run(go())
    assert "全球福祉" in _text(svg)
    _check(f"zh_end_{size[0]}x{size[1]}", svg)


def test_menu_in_simplified_chinese():
    app = YaltaApp(lang="zh-Hans")

    async def go():
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert_aligned(app, 80)
            return app.export_screenshot()

    txt = _text(run(go()))
    assert "新雅尔塔" in txt and "新游戏" in txt
