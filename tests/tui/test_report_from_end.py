"""From the end screen: read the after-action report, and export it."""

import asyncio

import pytest

from game.tui.app import YaltaApp


def test_end_screen_opens_and_exports_the_report(tmp_path):
    asyncio.run(_play(tmp_path))


async def _play(tmp_path):
    pytest.importorskip("game.report")
    saves = tmp_path / "saves"
    start = dict(pack="default", scenario=None, seed=3, turns=2, mode="watch",
                 seats={"us": "bot:generous", "cn": "bot:hawk"})
    app = YaltaApp(saves_dir=str(saves), start=start, speed=0)
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(400):
            await pilot.pause(0.05)
            if type(app.screen).__name__ == "EndScreen" and app.screen.query("#again"):
                break
        assert type(app.screen).__name__ == "EndScreen"
        await pilot.press("r")
        for _ in range(200):
            await pilot.pause(0.05)
            md = app.screen.query("#report-md")
            if md and md.first().display:
                break
        assert type(app.screen).__name__ == "ReportScreen"
        await pilot.press("escape")
        await pilot.pause(0.1)
        await pilot.press("e")
        for _ in range(200):
            await pilot.pause(0.05)
            if list((saves / "reports").glob("*.html")):
                break
    html = list((saves / "reports").glob("*.html"))
    md = list((saves / "reports").glob("*.md"))
    assert html and md
    text = html[0].read_text(encoding="utf-8")
    assert "After-action report" in text and "<svg" in text
