"""Every decision carries one plain sentence that names what was actually decided."""

import re

import pytest

from game.bots import REGISTRY, make_bot

OWN = ("strategist", "transactional")


def _play(engine, us, cn, seed, level="normal", noise=0.1):
    """Play a whole game; return [(side, kind, decision, why)] for every decision."""
    bots = {"us": make_bot(us, engine, "us", seed=seed, level=level),
            "cn": make_bot(cn, engine, "cn", seed=seed, level=level)}
    out = []

    def decide(st, side, kind):
        c = bots[side].act(engine.view(st, side), kind)
        ctx = {"event": st.current.event,
               "open": {str(o["id"]): o["offer"] for o in st.open_offers}}
        out.append((side, kind, c.decision, c.why, ctx))
        return c.decision

    engine.play(engine.new_game(seed, noise=noise), decide)
    return out


def _named(names: dict, text: str) -> set:
    """The ids whose English names appear in ``text`` (longest names first, each once)."""
    found, rest = set(), text
    for key, name in sorted(names.items(), key=lambda kv: -len(kv[1])):
        if name in rest:
            found.add(key)
            rest = rest.replace(name, "\0")
    return found


def _check(engine, side, kind, decision, why, ctx, exact):
    pack = engine.pack
    assert isinstance(why, str) and why.strip(), "every decision says why"
    assert "\n" not in why and why[0].isupper() and why.rstrip()[-1] in ".!", why
    if kind == "orders":
        cards = {a.id: a.name.en for a in pack.actions_for(side)}
        named = _named(cards, why)
        assert named <= set(decision["actions"]), (why, decision)
        if exact:
            assert named == set(decision["actions"]), (why, decision)
            if not decision["actions"]:
                assert "nothing" in why
    elif kind == "talk":
        offers = {o: x.name.en for o, x in pack.offers.items()}
        named = _named(offers, why)
        touched = {o for o in ([decision["propose"]["offer"]] if decision["propose"] else [])}
        answered = {ctx["open"][k] for k in decision["responses"]}
        assert named <= touched | answered, (why, decision)
        if exact:
            assert touched <= named, (why, decision)
            if decision["propose"]:
                assert "propose" in why
            assert answered <= named, (why, decision)
            for verdict in set(decision["responses"].values()):
                assert verdict in why, (why, decision)
    else:
        ev = pack.events[ctx["event"]]
        opts = {o.id: o.name.en for o in ev.responses.options}
        named = _named(opts, why)
        assert decision["option"] in named or not exact, (why, decision)
        assert named <= {decision["option"]}, (why, decision)


@pytest.mark.parametrize("bot", OWN)
@pytest.mark.parametrize("foe", ["tit-for-tat", "hawk", "random"])
def test_own_bots_explain_what_they_do(engine, bot, foe):
    for side, kind, decision, why, ctx in _play(engine, bot, foe, seed=21):
        if side == "us":
            _check(engine, side, kind, decision, why, ctx, exact=True)


def test_strategist_hard_explanations_on_both_seats(engine):
    rows = _play(engine, "transactional", "strategist", seed=8, level="hard", noise=0.0)
    assert any(k == "talk" and side == "cn" for side, k, *_ in rows)
    for side, kind, decision, why, ctx in rows:
        _check(engine, side, kind, decision, why, ctx, exact=(side == "cn"))


@pytest.mark.parametrize("bot", sorted(REGISTRY))
def test_every_bot_explains_in_classic(classic, bot):
    st = classic.new_game(3, turns=6, noise=0.05)
    b = make_bot(bot, classic, "us", seed=3, level="easy")
    foe = make_bot("tit-for-tat", classic, "cn", seed=3)

    def decide(s, side, kind):
        c = (b if side == "us" else foe).act(classic.view(s, side), kind)
        if side == "us":
            name = classic.pack.actions[c.decision["actions"][0]].name.en
            other = "Defect" if name == "Cooperate" else "Cooperate"
            assert c.why.strip() and re.search(rf"\b{name}\b", c.why), c.why
            assert not re.search(rf"\bplay {other}\b", c.why), c.why
        return c.decision

    classic.play(st, decide)
