"""The strategist gives its reasons as data, so they read in every language the game speaks."""

import re

import pytest

from game.bots import make_bot
from game.bots.speech import speak
from game.i18n import t, texts

ZH = ("zh-Hant", "zh-Hans")


def _cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _pack_names(pack, lang: str) -> list[str]:
    """Every name in the pack (cards, offers, news answers) in ``lang``, longest first."""
    names = [a.name.get(lang) for a in pack.actions.values()]
    names += [o.name.get(lang) for o in pack.offers.values()]
    for ev in pack.events.values():
        if ev.responses:
            names += [o.name.get(lang) for o in ev.responses.options]
    return sorted(set(names), key=len, reverse=True)


def _no_english(text: str, pack, lang: str) -> str:
    """``text`` without the pack's own names (which may hold a Latin word such as GPU)."""
    for name in _pack_names(pack, lang):
        text = text.replace(name, "")
    return re.sub(r"[^A-Za-z]", "", text)


def _play(engine, us, cn, seed, level="normal", noise=0.1, turns=None):
    bots = {"us": make_bot(us, engine, "us", seed=seed, level=level),
            "cn": make_bot(cn, engine, "cn", seed=seed, level=level)}
    out = []

    def decide(st, side, kind):
        c = bots[side].act(engine.view(st, side), kind)
        if bots[side].name == "strategist":
            out.append((kind, c))
        return c.decision

    engine.play(engine.new_game(seed, noise=noise, turns=turns), decide)
    return out


@pytest.mark.parametrize("foe,seed,level", [("transactional", 8, "normal"), ("hawk", 3, "easy"),
                                            ("tit-for-tat", 21, "normal")])
def test_strategist_reasons_in_three_languages(engine, foe, seed, level):
    choices = _play(engine, "strategist", foe, seed, level, turns=6)
    assert {k for k, _ in choices} == {"response", "talk", "orders"}
    for kind, c in choices:
        assert isinstance(c.say, dict) and c.say.get("k")
        assert speak(c.say, engine.pack, "en") == c.why
        assert c.why[0].isupper() and c.why.endswith(".")
        for lang in ZH:
            text = speak(c.say, engine.pack, lang)
            assert _cjk(text) and "{" not in text and "why." not in text, text
            assert _no_english(text, engine.pack, lang) == "", text


def test_strategist_reasons_in_the_classic_pack(classic):
    for kind, c in _play(classic, "pavlov", "strategist", 4, "normal", turns=8):
        zh = speak(c.say, classic.pack, "zh-Hant")
        assert "合作" in zh or "背叛" in zh, zh
        assert _no_english(zh, classic.pack, "zh-Hant") == ""


def test_a_betrayal_named_first_starts_with_a_capital(engine):
    say = {"k": "cap", "body": {"k": "st_talk",
                                "note": {"k": "st_betrayed", "foe": "us", "turn": 3},
                                "parts": [{"k": "st_propose_nothing"}],
                                "belief": {"k": "st_always_comp", "foe": "us"}}}
    assert speak(say, engine.pack, "en") == (
        "The United States competed while I held back in turn 3; I propose nothing, as no deal "
        "on offer is worth its ties to me now: the United States has competed in every turn so far.")
    assert speak(say, engine.pack, "zh-Hant").startswith("美國在第3回合趁我克制時競爭；")


def test_every_strategist_text_exists_in_three_languages(engine):
    keys = [k for k in texts() if k.startswith("why.st_")]
    assert len(keys) > 30
    for k in keys:
        for lang in ("en",) + ZH:
            assert texts()[k][lang].strip(), (k, lang)
    offer = next(iter(engine.pack.offers))
    card = next(iter(engine.pack.actions))
    ev = next(e for e in engine.pack.events.values() if e.responses)
    opt = ev.responses.options[0].id
    belief = {"k": "st_mixed", "foe": "cn", "coop": 2, "n": 5}
    then = {"k": "st_then", "plan": {"k": "st_plan_generous"}}
    samples = [
        {"k": "st_only_answer", "option": opt, "event": ev.id},
        {"k": "st_answer", "option": opt, "event": ev.id, "belief": belief, "margin": 1.25},
        {"k": "st_talk_nothing"},
        {"k": "cap", "body": {"k": "st_talk", "note": {"k": "st_broke", "foe": "cn", "offer": offer,
                                                        "turn": 2},
                              "parts": [{"k": "st_answer_worth", "margin": 0.5,
                                         "answer": {"k": "st_reject", "offer": offer}},
                                        {"k": "st_propose", "offer": offer, "n": 2, "gain": 3.0,
                                         "ver": {"k": "st_ver_joint_testing"}}],
                              "belief": {"k": "st_looks_like", "foe": "cn", "p": 0.734,
                                         "kind": {"k": "st_type_grim"}}}},
        {"k": "st_play", "cards": [], "note": "", "belief": {"k": "st_unknown", "foe": "us"}},
        {"k": "st_play_other", "cards": [card], "note": "", "belief": belief, "margin": -0.3,
         "then": then},
        {"k": "st_play_breach", "cards": [card], "note": "", "belief": belief, "margin": 2.0,
         "what": {"k": "st_pays_best"}, "then": ""},
        {"k": "st_play_breach", "cards": [card], "note": "", "belief": belief, "margin": 2.0,
         "what": {"k": "st_breaking", "offer": offer}, "then": then},
        {"k": "st_play_compete", "cards": [card], "note": "", "margin": 1.0, "then": "",
         "belief": {"k": "st_always_coop", "foe": "us"}},
        {"k": "st_play_hold_back", "cards": [card], "note": "", "margin": 1.0, "then": then,
         "belief": {"k": "st_always_coop", "foe": "us"}},
    ]
    for kind in ("dove", "hawk", "tit_for_tat", "generous", "grim", "pavlov", "random",
                 "transactional"):
        samples.append({"k": "st_play", "cards": [card], "note": "",
                        "belief": {"k": "st_looks_like", "foe": "cn", "p": 0.5,
                                   "kind": {"k": f"st_type_{kind}"}}})
    for plan in ("tit_for_tat", "dove", "hawk", "generous", "transactional"):
        samples.append({"k": "st_play_other", "cards": [card], "note": "", "belief": belief,
                        "margin": 0.1, "then": {"k": "st_then", "plan": {"k": f"st_plan_{plan}"}}})
    for ver in ("none", "self_report", "inspections"):
        samples.append({"k": "st_propose", "offer": offer, "n": 4, "gain": 0.0,
                        "ver": {"k": f"st_ver_{ver}"}})
    assert "73%" in speak(samples[3], engine.pack, "en")
    assert "+1.2" in speak(samples[1], engine.pack, "zh-Hant")
    for say in samples:
        en = speak(say, engine.pack, "en")
        assert "{" not in en and "why." not in en, en
        for lang in ZH:
            zh = speak(say, engine.pack, lang)
            assert _cjk(zh) and "{" not in zh and "why." not in zh, zh
            assert _no_english(zh, engine.pack, lang) == "", zh


def test_the_strategist_says_why_for_a_breach_and_a_single_option(engine):
    """The rarer sentences, reached through the bot's own code."""
    from game.bots.strategist import OpponentModel

    bot = make_bot("strategist", engine, "us", seed=1)
    bot.model = OpponentModel(engine.rules, "us", "cn", 0.0)
    view = engine.view(engine.new_game(5), "us")
    card = next(a.id for a in engine.pack.actions_for("us"))
    vals = [(3.0, "hawk"), (1.0, "tit-for-tat")]
    say = bot._orders_why(view, [[card], []], ["B", "N"], vals, 0)
    assert say["k"] == "st_play_breach" and say["what"] == {"k": "st_pays_best"}
    assert "this pays best (+2.0 expected over keeping my word), and then I keep competing." in \
        speak(say, engine.pack, "en")
    alone = bot._orders_why(view, [[card]], ["C"], [(1.0, "dove")], 0)
    assert alone["k"] == "st_play"
    same = bot._orders_why(view, [[card], []], ["C", "C"], [(2.0, "dove"), (1.0, "dove")], 0)
    assert same["k"] == "st_play_other" and "over my other options" in speak(same, engine.pack, "en")
    assert t("why.st_plan_dove", "zh-Hans") in speak(same, engine.pack, "zh-Hans")
