"""``yalta simulate --save``, ``report``, ``replay`` and ``counterfactual`` end to end."""

import json

import pytest

from game import saves as S
from game.cli import main
from game.report.load import open_save
from game.report.replay import frames

from .conftest import golden_saves

GOLDEN = {p.stem: p for p in golden_saves()}


def test_simulate_save_writes_tui_format_saves(tmp_path, capsys):
    out = tmp_path / "runs"
    assert main(["simulate", "--us", "generous", "--cn", "random", "--games", "3", "--seed", "9",
                 "--noise", "0.1", "--save", str(out), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    files = sorted(out.glob("*.json"))
    assert len(files) == 3
    for f in files:
        loaded = S.load(f)  # the TUI's own loader accepts it, and it replays exactly
        assert loaded.warning is None
        assert loaded.data["seats"] == {"us": "bot:generous", "cn": "bot:random"}
        assert loaded.data["version"] == S.VERSION
        # [turn, phase, round, side, why, say]: the reason also as data, for other languages
        assert all(len(r) == 6 and isinstance(r[5], dict) for r in loaded.data["reasons"])
        assert len(loaded.data["reasons"]) == len(loaded.data["log"])
        assert main(["replay", str(f), "--verify"]) == 0
    seeds = {g["seed"] for g in summary["games"]}
    assert {S.read_doc(f)["seed"] for f in files} == seeds


def test_simulate_save_to_unwritable_place(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["simulate", "--us", "dove", "--cn", "hawk", "--save", str(blocker / "sub")]) == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("suffix,check", [
    ("html", lambda t: t.startswith("<!DOCTYPE html>")),
    ("md", lambda t: t.startswith("# After-action report")),
    ("json", lambda t: json.loads(t)["fingerprint"]["us"]["bot"]),
])
def test_report_format_from_suffix(tmp_path, suffix, check):
    out = tmp_path / f"r.{suffix}"
    assert main(["report", str(GOLDEN["generous-vs-grim"]), "-o", str(out)]) == 0
    assert check(out.read_text(encoding="utf-8"))


def test_report_counterfactual_seat(capsys):
    assert main(["report", str(GOLDEN["transactional-vs-hawk"]), "--format", "json",
                 "--cn", "tit-for-tat"]) == 0
    d = json.loads(capsys.readouterr().out)
    c = d["counterfactual"]
    assert c["side"] == "cn" and c["bot"] == "tit-for-tat"
    assert c["seats"] == {"us": "bot:transactional", "cn": "bot:tit-for-tat"}


def test_default_counterfactual_gives_the_lower_side_generous(capsys):
    assert main(["report", str(GOLDEN["transactional-vs-hawk"]), "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    fin = d["outcome"]["final"]
    low = "us" if fin["us"] < fin["cn"] else "cn"
    assert d["counterfactual"]["side"] == low and d["counterfactual"]["bot"] == "generous"


def test_bot_replays_are_faithful():
    """Replaying a bot game with the same bots gives the same game: the counterfactual's
    other seat really is the bot that played."""
    from game.report import counterfactual as cfm

    o = open_save(GOLDEN["generous-vs-grim"])
    c = cfm.run(o.engine, o.doc, o.state, "us", "generous")
    assert c["counterfactual"] == c["original"]


def test_compare(tmp_path, capsys):
    out = tmp_path / "class.html"
    saves = [str(GOLDEN[k]) for k in ("tft-vs-random-fog", "generous-vs-grim", "hotseat-humans")]
    assert main(["report", "--compare", *saves, "-o", str(out)]) == 0
    assert "Class debrief" in out.read_text(encoding="utf-8")
    assert main(["report", *saves]) == 2
    assert "--compare" in capsys.readouterr().err


def test_counterfactual_table(capsys):
    assert main(["counterfactual", str(GOLDEN["hotseat-humans"]), "--us", "hawk"]) == 0
    out = capsys.readouterr().out
    assert "with hawk" in out and "Final score" in out and "stands in" in out
    assert main(["counterfactual", str(GOLDEN["hotseat-humans"]), "--cn", "nobody"]) == 2
    assert "unknown bot" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["counterfactual", str(GOLDEN["hotseat-humans"])])


def test_replay_text(capsys):
    assert main(["replay", str(GOLDEN["classic-pavlov-vs-generous"]), "--text"]) == 0
    out = capsys.readouterr().out
    assert "== Turn 1" in out and "Resolution" in out


def test_replay_app_steps_forward_and_back():
    import asyncio

    asyncio.run(_drive_replay_app())


async def _drive_replay_app():
    from game.report.replay_app import ReplayApp

    o = open_save(GOLDEN["tft-vs-random-fog"])
    fr = frames(o.engine, o.doc)
    app = ReplayApp(o.engine, fr, title="t")
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.index == 0
        # the stepping keys are the ones the footer shows, not the scrolling list's own
        shown = {k: b.binding.action for k, b in app.screen.active_bindings.items() if b.binding.show}
        assert shown.get("right") == "step(1)" and shown.get("left") == "step(-1)"
        numbers = str(app.query_one("#numbers").render())
        assert "frontier AI" in numbers and "Government AI dialogue" in numbers
        assert "gov_dialogue" not in numbers and "capability" not in numbers
        await pilot.press("right", "right")
        assert app.index == 2 and fr[2].phase == "orders"
        await pilot.press("left")
        assert app.index == 1
        await pilot.press("end")
        assert app.index == len(fr) - 1
        head = str(app.query_one("#head").render())
        assert "Turn 12" in head and "Assessment" in head
        await pilot.press("right")
        assert app.index == len(fr) - 1
        await pilot.press("home")
        assert app.index == 0
        await pilot.press("q")
