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
