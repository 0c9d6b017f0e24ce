"""The load dialog lists saves as players read them: scenario names, seats, endings."""

from __future__ import annotations

from game.engine.api import engine_for
from game.saves import SaveStore, build
from game.sim import play_game
from game.tui.app import YaltaApp

from .driver import run


def _save(store: SaveStore, turns: int | None, name: str) -> None:
    engine = engine_for("default")
    res = play_game(engine, "dove", "hawk", seed=3, turns=turns)
    doc = build(engine, res.state, seats={"us": "human", "cn": "bot:hawk"}, name=name,
                kind="manual")
    store.write(doc, store.named_path(name))


def _labels(tmp_path, lang: str) -> list[str]:
    from textual.widgets import OptionList

    store = SaveStore(tmp_path)
    _save(store, 2, "short game")
    app = YaltaApp(lang=lang, saves_dir=str(tmp_path))

    async def go():
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("l")
            await pilot.pause()
            opts = app.screen.query_one(OptionList)
            return [str(opts.get_option_at_index(i).prompt) for i in range(opts.option_count)]

    return run(go())


def test_saves_are_listed_with_names_not_ids(tmp_path):
    [label] = _labels(tmp_path, "en")
    scenario = engine_for("default").scenario
    assert scenario.name.get("en") in label and scenario.id not in label
    assert "US: player, China: hawk" in label and "bot:" not in label
    assert "over: " in label  # the ending, not only "Game over"


def test_saves_are_listed_in_chinese(tmp_path):
    [label] = _labels(tmp_path, "zh-Hant")
    assert engine_for("default").scenario.name.get("zh-Hant") in label
    assert "美：玩家，中：鷹派" in label and "結束：" in label


def test_the_menu_continues_a_game_by_its_scenario_name(tmp_path):
    from textual.widgets import OptionList

    engine = engine_for("default")
    store = SaveStore(tmp_path)
    doc = build(engine, engine.new_game(3), seats={"us": "human", "cn": "bot:hawk"},
                name="unfinished", kind="manual")
    store.write(doc, store.named_path("unfinished"))

    async def go(lang):
        app = YaltaApp(lang=lang, saves_dir=str(tmp_path))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            return str(app.screen.query_one(OptionList).get_option("continue").prompt)

    label = run(go("en"))
    assert label == f"Continue — {engine.scenario.name.get('en')} · News 1/12"
    assert engine.scenario.name.get("zh-Hant") in run(go("zh-Hant"))
