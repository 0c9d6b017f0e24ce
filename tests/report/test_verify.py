"""Golden saves verify; altered ones fail naming where; damaged files get one line."""


import pytest

from game.cli import main
from game.engine.state import SIDES
from game.report.load import open_save
from game.report.replay import frames, verify

from .conftest import golden_saves, rewrite

GOLDEN = golden_saves()


def test_there_are_golden_saves():
    assert len(GOLDEN) >= 4


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_golden_save_verifies_and_scores_as_expected(path, expected, capsys):
    o = open_save(path)
    assert o.warning is None
    v = verify(o.engine, o.doc, o.state)
    assert v.ok, v.line()
    assert v.phases > 0
    exp = expected[path.stem]
    fin = o.engine.returns(o.state)
    for s in SIDES:
        assert fin[s] == pytest.approx(exp["final"][s], abs=1e-6)
        assert o.engine.national(o.state)[s] == pytest.approx(exp["national"][s], abs=1e-6)
    assert o.state.welfare == pytest.approx(exp["welfare"], abs=1e-6)
    assert o.state.ending == exp["ending"]
    assert main(["replay", str(path), "--verify"]) == 0
    assert "ok:" in capsys.readouterr().out


def _orders_entry(doc, turn):
    return next(i for i, e in enumerate(doc["log"]) if e[0] == turn and e[1] == "orders")


def test_altered_log_names_turn_and_phase(tmp_path, capsys):
    src = GOLDEN_BY["tft-vs-random-fog"]

    def change(doc):
        i = _orders_entry(doc, 5)
        doc["log"][i][4] = {"kind": "orders", "actions": []}

    bad = rewrite(src, tmp_path / "bad.json", change)
    assert main(["replay", str(bad), "--verify"]) == 1
    err = capsys.readouterr().err
    assert "turn 5, orders phase" in err
    assert "Traceback" not in err


def test_altered_seed_fails_naming_where(tmp_path, capsys):
    src = GOLDEN_BY["tft-vs-random-fog"]

    def change(doc):
        doc["seed"] += 1
        doc["state"]["seed"] += 1

    bad = rewrite(src, tmp_path / "seed.json", change)
    assert main(["replay", str(bad), "--verify"]) == 1
    err = capsys.readouterr().err
    assert "diverges at" in err and ("setup" in err or "turn 1" in err)

    def only_top(doc):
        doc["seed"] = 999

    bad = rewrite(src, tmp_path / "seed2.json", only_top)
    assert main(["replay", str(bad), "--verify"]) == 1
    assert "setup" in capsys.readouterr().err


def test_altered_snapshot_names_the_turn(tmp_path, capsys):
    def change(doc):
        doc["state"]["history"][6]["snapshot"]["trust"] += 5

    bad = rewrite(GOLDEN_BY["generous-vs-grim"], tmp_path / "snap.json", change)
    assert main(["replay", str(bad), "--verify"]) == 1
    assert "turn 7, assessment phase" in capsys.readouterr().err


def test_edited_without_checksum_still_names_where(tmp_path, capsys):
    def change(doc):
        i = _orders_entry(doc, 3)
        doc["log"][i][4] = {"kind": "orders", "actions": []}

    bad = rewrite(GOLDEN_BY["tft-vs-random-fog"], tmp_path / "forged.json", change, reseal=False)
    assert main(["replay", str(bad), "--verify"]) == 1
    err = capsys.readouterr().err
    assert "checksum" in err and "turn 3, orders phase" in err
    # a report refuses such a file with one line
    assert main(["report", str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "checksum" in err[0]


def test_truncated_log_names_where_it_stops(tmp_path, capsys):
    def change(doc):
        doc["log"] = doc["log"][:-2]

    bad = rewrite(GOLDEN_BY["tft-vs-random-fog"], tmp_path / "short.json", change)
    assert main(["replay", str(bad), "--verify"]) == 1
    assert "turn 12" in capsys.readouterr().err


@pytest.mark.parametrize("content", [b"", b"{not json", b"[1, 2]", b'{"format": "other"}',
                                     b"\xff\xfe\x00garbage"])
@pytest.mark.parametrize("command", [["replay", "--verify"], ["report"], ["replay"],
                                     ["counterfactual", "--us", "dove"]])
def test_damaged_files_get_one_line(tmp_path, capsys, content, command):
    p = tmp_path / "damaged.json"
    p.write_bytes(content)
    argv = [command[0], str(p)] + command[1:]
    assert main(argv) == 1
    out = capsys.readouterr()
    lines = out.err.strip().splitlines()
    assert len(lines) == 1, out.err
    assert "Traceback" not in out.err
    assert "damaged.json" in lines[0]


def test_half_written_golden_gets_one_line(tmp_path, capsys):
    p = tmp_path / "half.json"
    p.write_bytes(GOLDEN[0].read_bytes()[:5000])
    assert main(["replay", str(p), "--verify"]) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_missing_file(tmp_path, capsys):
    assert main(["replay", str(tmp_path / "nope.json"), "--verify"]) == 1
    assert "no such save" in capsys.readouterr().err


def test_mid_game_save_verifies(engine, tmp_path):
    from game import saves as S
    from game.engine.api import replay

    src = open_save(GOLDEN_BY["tft-vs-random-fog"])
    for n in (1, 9, 23):
        mid = replay(src.engine, src.doc["seed"], src.doc["log"][:n], noise=src.doc["noise"])
        doc = S.build(src.engine, mid, seats=src.doc["seats"])
        path = S.SaveStore(tmp_path).write(doc, tmp_path / f"mid{n}.json")
        o = open_save(path, lenient=True)
        assert verify(o.engine, o.doc, o.state).ok


def test_frames_step_through_every_phase():
    o = open_save(GOLDEN_BY["tft-vs-random-fog"])
    fr = frames(o.engine, o.doc)
    assert [f.phase for f in fr[:5]] == ["news", "talks", "orders", "resolution", "assessment"]
    assert fr[-1].turn == 12 and fr[-1].phase == "assessment"
    assert fr[-1].numbers == o.state.history[-1].snapshot


GOLDEN_BY = {p.stem: p for p in GOLDEN}
