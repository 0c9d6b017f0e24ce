"""The headless command line, as a user runs it."""

import json
import subprocess
import sys

import pytest

from game.cli import main
from tests.helpers import repo_env


def run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True,
                          env=repo_env(), **kw)


def test_version_and_help():
    r = run("--version")
    assert r.returncode == 0 and "New Yalta" in r.stdout
    for cmd in ("validate", "simulate"):
        r = run(cmd, "--help")
        assert r.returncode == 0 and "usage: yalta" in r.stdout


def test_simulate_json_shape(capsys):
    assert main(["simulate", "--us", "tit-for-tat", "--cn", "hawk", "--games", "3", "--seed", "9", "--json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert out.count("\n") == 1 and set(data) == {"games", "summary"}
    assert len(data["games"]) == 3 and data["games"][0]["seed"] == 9
    for g in data["games"]:
        for key in ("seed", "outcome", "turns", "national", "welfare", "trust", "escalation", "cooperation"):
            assert key in g
        assert set(g["national"]) == {"us", "cn"} and set(g["cooperation"]) == {"us", "cn"}
        assert 0.0 <= g["cooperation"]["us"] <= 1.0
    assert len({g["seed"] for g in data["games"]}) == 3
    assert data["summary"]["games"] == 3


def test_simulate_is_byte_identical():
    args = ("simulate", "--us", "random", "--cn", "generous", "--games", "4", "--seed", "77",
            "--noise", "0.2", "--json")
    a, b = run(*args), run(*args)
    assert a.returncode == 0 and a.stdout == b.stdout and a.stdout


def test_simulate_output_does_not_depend_on_jobs():
    args = ("simulate", "--us", "random", "--cn", "tit-for-tat", "--games", "12", "--seed", "5",
            "--noise", "0.1", "--json")
    one, two = run(*args, "--jobs", "1"), run(*args, "--jobs", "2")
    assert one.returncode == 0 and one.stdout and one.stdout == two.stdout
    seeds = [g["seed"] for g in json.loads(two.stdout)["games"]]
    assert seeds[0] == 5 and len(set(seeds)) == 12  # in seed order, each game once


def test_simulate_saves_every_game_from_workers(tmp_path):
    from game.saves import load

    r = run("simulate", "--us", "dove", "--cn", "grim", "--games", "6", "--jobs", "2",
            "--save", str(tmp_path), "--json")
    assert r.returncode == 0, r.stderr
    files = sorted(p.name for p in tmp_path.iterdir())
    assert len(files) == 6 and all(name.startswith("dove-vs-grim-seed") for name in files)
    games = [load(tmp_path / name) for name in files]  # each replays to its stored state
    assert all(g.warning is None and g.state.phase == "over" for g in games)
    assert {g.data["seats"]["us"] for g in games} == {"bot:dove"}


def test_simulate_save_to_a_file_is_one_line_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    r = run("simulate", "--us", "dove", "--cn", "hawk", "--games", "8", "--jobs", "2",
            "--save", str(blocker / "saves"))
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert str(blocker) in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_simulate_classic_matches_the_textbook(capsys):
    assert main(["simulate", "--us", "tit-for-tat", "--cn", "hawk", "--content", "classic",
                 "--turns", "200", "--json"]) == 0
    g = json.loads(capsys.readouterr().out)["games"][0]
    assert g["national"] == {"us": 199.0, "cn": 204.0} and g["turns"] == 200


def test_simulate_table(capsys):
    assert main(["simulate", "--us", "dove", "--cn", "pavlov", "--games", "2"]) == 0
    out = capsys.readouterr().out
    assert "dove" in out and "pavlov" in out and "Outcomes" in out


@pytest.mark.parametrize("args,needle", [
    (["simulate", "--us", "nobody", "--cn", "hawk"], "unknown bot 'nobody'"),
    (["simulate", "--us", "dove", "--cn", "hawk", "--noise", "2"], "probability"),
    (["simulate", "--us", "dove", "--cn", "hawk", "--games", "0"], "at least 1"),
    (["simulate", "--us", "dove", "--cn", "hawk", "--jobs", "0"], "at least 1"),
    (["simulate", "--us", "dove", "--cn", "hawk", "--content", "nope"], "no such pack"),
    (["simulate", "--us", "dove", "--cn", "hawk", "--scenario", "nope"], "no scenario 'nope'"),
    (["simulate", "--us", "dove"], "required"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_command_lines_get_one_line_errors(args, needle):
    r = run(*args)
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    assert needle in r.stderr
    assert len([line for line in r.stderr.splitlines() if "error" in line]) == 1


def test_a_batch_without_worker_processes_plays_on_one_core(monkeypatch):
    import multiprocessing

    from game import sim

    batch = sim.Batch("default", None, "generous", "random", noise=0.1)
    seeds = sim.game_seeds(4, 6)
    expected = sim.play_batch(batch, seeds, jobs=1)

    def no_pool(*a, **k):
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(multiprocessing, "Pool", no_pool)
    ticks = []
    assert sim.play_batch(batch, seeds, jobs=2, on_game=lambda: ticks.append(1)) == expected
    assert len(ticks) == 6


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is the Linux way")
def test_batch_workers_are_forked_whatever_a_library_set():
    """Importing axelrod sets the process-wide start method to "spawn"; batches ask for
    forked workers all the same, which start with the engine already loaded."""
    import multiprocessing

    from game.runtime import worker_context

    before = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method("spawn", force=True)
    try:
        assert worker_context().get_start_method() == "fork"
    finally:
        multiprocessing.set_start_method(before, force=True)
