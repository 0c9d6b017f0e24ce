"""Regenerate the golden saves and their expected final scores.

    python -m tests.golden.regenerate

Run it after a deliberate change to the rules or the shipped content, then look at the diff
of ``expected.json``: every changed number is a changed game. The saves are written in the
same format as the TUI's (``game.saves.build``); ``expected.json`` holds what the tests
assert after replaying each one from its seed and log.
"""

from __future__ import annotations

import json
from pathlib import Path

from game import saves as S
from game.engine.api import engine_for
from game.sim import play_game

HERE = Path(__file__).parent

# name -> (pack, us bot, cn bot, seed, turns, noise, seats written in the save)
GAMES = {
    "tft-vs-random-fog": ("default", "tit-for-tat", "random", 11, None, 0.1, None),
    "transactional-vs-hawk": ("default", "transactional", "hawk", 7, None, 0.0, None),
    "generous-vs-grim": ("default", "generous", "grim", 23, None, 0.2, None),
    "classic-pavlov-vs-generous": ("classic", "pavlov", "generous", 3, 20, 0.05, None),
    # a hotseat game: two people at the keys (their moves happen to be a dove's and a
    # pavlov's), so the counterfactual must stand a personality in for the human seat
    "hotseat-humans": ("default", "dove", "pavlov", 21, None, 0.1, {"us": "human", "cn": "human"}),
}


def expected_of(engine, st) -> dict:
    nat, fin = engine.national(st), engine.returns(st)
    return {"final": {s: round(fin[s], 6) for s in ("us", "cn")},
            "national": {s: round(nat[s], 6) for s in ("us", "cn")},
            "welfare": round(st.welfare, 6), "ending": st.ending, "turns": len(st.history)}


def main() -> None:
    expected = {}
    for name, (pack, us, cn, seed, turns, noise, seats) in GAMES.items():
        engine = engine_for(pack)
        res = play_game(engine, us, cn, seed=seed, turns=turns, noise=noise)
        st = res.state
        reasons = [[e[0], e[1], e[2], e[3], r[3]] for e, r in zip(st.log, res.reasons)]
        if seats:
            reasons = []  # people do not write down why
        doc = S.build(engine, st, seats=seats or {"us": f"bot:{us}", "cn": f"bot:{cn}"},
                      mode="hotseat" if seats else "watch", reasons=reasons, name=name,
                      kind="manual", game=f"golden-{name}")
        doc["saved_at"] = 0.0  # stable files
        doc["checksum"] = S.checksum(doc)
        S.SaveStore(HERE).write(doc, HERE / f"{name}.json")
        expected[name] = expected_of(engine, st)
    (HERE / "expected.json").write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n",
                                        encoding="utf-8")
    print(f"wrote {len(GAMES)} golden saves and expected.json in {HERE}")


if __name__ == "__main__":
    main()
