"""Bots' reasons read in the player's language, and the English one is the bot's ``why``."""

import pytest

from game.bots import make_bot
from game.bots.speech import reason_text, speak
from game.sim import play_game

SIMPLE = ["dove", "hawk", "tit-for-tat", "generous", "grim", "pavlov", "random", "transactional"]


@pytest.mark.parametrize("bot", SIMPLE)
def test_simple_bots_speak_three_languages(engine, bot):
    r = play_game(engine, bot, "random", seed=4, noise=0.2, turns=4)
    mine = [x for x in r.reasons if x[2] == "us"]
    assert mine
    for turn, phase, side, why, say in mine:
        assert speak(say, engine.pack, "en") == why
        for lang in ("zh-Hant", "zh-Hans"):
            text = speak(say, engine.pack, lang)
            assert text and text != why
            assert any("\u4e00" <= ch <= "\u9fff" for ch in text)
            assert "{" not in text


def test_stored_reasons_fall_back_to_english(engine):
    assert reason_text([1, "orders", 0, "us", "plain English"], engine.pack, "zh-Hant") == "plain English"
    row = [1, "orders", 0, "us", "x", {"k": "play", "cards": [], "reason": {"k": "open_coop"}}]
    assert reason_text(row, engine.pack, "zh-Hant") == "我出不出牌：我以合作開局。" or "合作" in reason_text(row, engine.pack, "zh-Hant")


def test_card_names_in_the_reason_are_the_cards_played(engine):
    bot = make_bot("tit-for-tat", engine, "us", seed=1)
    st = engine.new_game(2)
    while engine.awaiting(st).get("us") != "orders":
        for side, kind in engine.awaiting(st).items():
            st = engine.submit(st, side, make_bot("dove", engine, side, seed=1).act(engine.view(st, side), kind).decision)
        if not engine.awaiting(st):
            st = engine.advance(st)
    choice = bot.act(engine.view(st, "us"), "orders")
    zh = speak(choice.say, engine.pack, "zh-Hant")
    for aid in choice.decision["actions"]:
        assert engine.pack.actions[aid].name.zh_Hant in zh
        assert engine.pack.actions[aid].name.en in choice.why
