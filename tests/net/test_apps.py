"""The facilitator's console and the projector, driven with Textual's pilot."""

from __future__ import annotations


from textual.widgets import DataTable, Static

from game.engine.api import engine_for
from game.net.facilitator import Choose, FacilitatorApp
from game.net.server import GameServer
from game.net.watch_app import WatchApp
from tests.net.netutil import run


async def _console():
    engine = engine_for("default")
    srv = GameServer.create(engine, 3, 7, port=0)
    port = await srv.start()
    addr = f"127.0.0.1:{port}"
    app = FacilitatorApp(addr, srv.admin)
    async with app.run_test(size=(150, 40)) as pilot:
        for _ in range(50):
            await pilot.pause(0.05)
            if app.query_one(DataTable).row_count == 3:
                break
        assert app.query_one(DataTable).row_count == 3
        await pilot.press("down")  # table 2
        await pilot.press("p")
        await pilot.pause(0.3)
        assert srv.tables["2"].paused and not srv.tables["1"].paused
        await pilot.press("P")
        await pilot.pause(0.3)
        assert all(t.paused for t in srv.tables.values())
        await pilot.press("R")
        await pilot.pause(0.3)
        assert not any(t.paused for t in srv.tables.values())
        await pilot.press("e")
        await pilot.pause(0.2)
        assert isinstance(app.screen, Choose)
        await pilot.press("enter")  # "now"
        await pilot.pause(0.3)
        ended = [t.id for t in srv.tables.values() if t.over]
        await pilot.press("ctrl+q")
    await srv.close()
    return ended


def test_facilitator_console_pulls_the_levers():
    ended = run(_console())
    assert len(ended) == 1


async def _projector():
    engine = engine_for("default")
    srv = GameServer.create(engine, 1, 5, port=0)
    port = await srv.start()
    t = srv.tables["1"]
    app = WatchApp(f"127.0.0.1:{port}", t.codes["watch"])
    async with app.run_test(size=(150, 45)) as pilot:
        for _ in range(40):
            await pilot.pause(0.05)
            if app.state is not None:
                break
        head = str(app.query_one("#head", Static).render())
        srv._notice(t, "paused")
        await pilot.pause(0.2)
    await srv.close()
    return app, head


def test_projector_shows_the_table():
    app, head = run(_projector())
    assert app.state is not None and app.state.sides["us"].objective is None
    assert "1/12" in head


async def _console_in(lang):
    engine = engine_for("default")
    srv = GameServer.create(engine, 2, 7, port=0)
    port = await srv.start()
    app = FacilitatorApp(f"127.0.0.1:{port}", srv.admin, lang=lang)
    async with app.run_test(size=(150, 40)) as pilot:
        for _ in range(50):
            await pilot.pause(0.05)
            if app.query_one(DataTable).row_count == 2:
                break
        dt = app.query_one(DataTable)
        labels = [str(c.label) for c in dt.columns.values()]
        row = [str(x) for x in dt.get_row_at(0)]
        head = str(app.query_one("#head", Static).render())
        await pilot.press("ctrl+q")
    await srv.close()
    return labels, row, head


def test_facilitator_console_speaks_chinese():
    labels, row, head = run(_console_in("zh-Hant"))
    assert labels[0] == "牌桌" and "互信" in labels and "US" not in labels
    assert "真人" in " ".join(row) and "human" not in " ".join(row)
    assert "桌進行中" in head
