"""The headless command line in English, Traditional and Simplified Chinese: tables,
summaries, one-line errors and option help follow --lang (or the environment); JSON does not."""

import json
import subprocess
import sys

import pytest

from game.cli import main
from tests.helpers import repo_env

SIM = ["simulate", "--us", "dove", "--cn", "hawk", "--games", "3"]
HEADERS = {
    "en": ("seed", "outcome", "national US", "welfare", "escalation", "coop CN"),
    "zh-Hant": ("種子", "結局", "美方得分", "全球福祉", "升級", "中方合作"),
    "zh-Hans": ("种子", "结局", "美方得分", "全球福祉", "升级", "中方合作"),
}


@pytest.fixture(autouse=True)
def _wide_english_terminal(monkeypatch):
    """A wide terminal in an English environment, unless a test says otherwise."""
    monkeypatch.setenv("COLUMNS", "160")  # rich reads it: no header is cut short
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def run(*args, **env):
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True,
                          text=True, env=repo_env(COLUMNS="160", **env))


@pytest.mark.parametrize("lang", ["zh-Hant", "zh-Hans"])
@pytest.mark.parametrize("where", ["command", "top"])
def test_simulate_table_speaks_the_language(lang, where, capsys):
    argv = SIM + ["--lang", lang] if where == "command" else ["--lang", lang] + SIM
    assert main(argv) == 0
    out = capsys.readouterr().out
    for h in HEADERS[lang]:
        assert h in out, h
    assert "傻瓜的" in out  # the ending's name, not its id
    assert "dove" not in out and "national" not in out and "Outcomes" not in out


def test_simulate_table_from_the_environment(monkeypatch, capsys):
    monkeypatch.setenv("LANG", "zh_TW.UTF-8")
    assert main(SIM) == 0
    out = capsys.readouterr().out
    assert all(h in out for h in HEADERS["zh-Hant"])
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert main(SIM) == 0
    out = capsys.readouterr().out
    assert all(h in out for h in HEADERS["zh-Hans"]), out
    assert main(SIM + ["--lang", "en"]) == 0  # --lang wins over the environment
    out = capsys.readouterr().out
    assert all(h in out for h in HEADERS["en"]) and "Outcomes: Sucker's Payoff 3" in out


def test_wide_characters_line_up(capsys):
    from rich.cells import cell_len

    assert main(["--lang", "zh-Hant"] + SIM) == 0
    rows = [line for line in capsys.readouterr().out.splitlines()
            if line[:1] in "┏┃┡│└"]
    assert len(rows) >= 6
    assert len({cell_len(r) for r in rows}) == 1  # every row as wide as the frame
    # and every column boundary at the same place in every row
    def cuts(line):
        out, col = [], 0
        for ch in line:
            if ch in "┃│┳╇┴┏┓┡┩└┘╋┼":
                out.append(col)
            col += cell_len(ch)
        return out
    assert len({tuple(cuts(r)) for r in rows}) == 1


def test_json_is_the_same_in_every_language():
    outs = {lang: run(*SIM, "--seed", "5", "--json", "--lang", lang).stdout
            for lang in ("en", "zh-Hant", "zh-Hans")}
    outs["env"] = run(*SIM, "--seed", "5", "--json", LANG="zh_TW.UTF-8").stdout
    assert outs["en"] and len(set(outs.values())) == 1
    g = json.loads(outs["en"])["games"][0]
    assert g["outcome"] == "suckers_payoff" and g["escalation"] in ("competition", "friction")


@pytest.mark.parametrize("args,needle", [
    (["simulate", "--us", "nobody", "--cn", "hawk"], "未知的電腦性格'nobody'"),
    (["simulate", "--us", "dove", "--cn", "hawk", "--scenario", "nope"], "沒有劇本'nope'"),
    (["report", "tests/golden/generous-vs-grim.json", "tests/golden/hotseat-humans.json"],
     "--compare"),
    (["counterfactual", "tests/golden/hotseat-humans.json", "--us", "nobody"], "未知的電腦性格"),
])
def test_one_line_errors_in_chinese(args, needle):
    from tests.helpers import REPO

    r = subprocess.run([sys.executable, "-m", "game", "--lang", "zh-Hant", *args],
                       capture_output=True, text=True, env=repo_env(), cwd=REPO)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("yalta：錯誤：") and needle in lines[0]
    r = subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True,
                       env=repo_env(), cwd=REPO)
    assert r.stderr.startswith("yalta: error: ")


def test_validate_in_chinese(capsys):
    assert main(["--lang", "zh-Hans", "validate"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out and all(line.startswith("通过：") and "个剧本" in line for line in out)
    # validate's own --lang also checks the translations, and speaks that language
    assert main(["validate", "--lang", "zh-Hant"]) == 0
    assert capsys.readouterr().out.startswith("通過：")


def test_validate_problem_lines_keep_their_shape(tmp_path, capsys):
    import shutil

    from game.content.loader import builtin_packs_dir

    pack = tmp_path / "classic"
    shutil.copytree(builtin_packs_dir() / "classic", pack)
    f = next(p for p in sorted(pack.rglob("*.yaml")) if "actions" in p.read_text(encoding="utf-8"))
    f.write_text(f.read_text(encoding="utf-8") + "\nbogus_field: 1\n", encoding="utf-8")
    assert main(["--lang", "zh-Hant", "validate", str(pack)]) == 1
    cap = capsys.readouterr()
    assert cap.out.strip() and all(":" in line.split(" ")[0] for line in cap.out.splitlines())
    assert "個問題" in cap.err


def test_help_follows_the_language():
    r = run("--lang", "zh-Hant", "simulate", "--help")
    assert r.returncode == 0 and "用法：yalta" in r.stdout and "美國的電腦性格" in r.stdout
    assert "usage:" not in r.stdout and "options:" not in r.stdout
    r = run("simulate", "--help", LANG="zh_CN.UTF-8")
    assert "美国的电脑性格" in r.stdout
    r = run("simulate", "--help")
    assert "bot for the United States" in r.stdout


def test_counterfactual_table_in_chinese(capsys):
    from tests.helpers import REPO

    save = REPO / "tests" / "golden" / "hotseat-humans.json"
    assert main(["counterfactual", str(save), "--us", "hawk", "--lang", "zh-Hant"]) == 0
    out = capsys.readouterr().out
    assert "換成鷹派" in out and "總分" in out and "真人操作" in out
    assert "Final score" not in out and "stands in" not in out


def test_help_shows_percent_signs_as_they_are():
    for lang in ("en", "zh-Hant"):
        r = run("--lang", lang, "tournament", "--help")
        assert r.returncode == 0 and "95%" in r.stdout and "%%" not in r.stdout


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_simulate_table_fits_an_80_column_terminal(lang, monkeypatch, capsys):
    """At 80 columns the table drops trust and escalation (and says so) rather than cut
    the outcomes' names short; wide characters are counted by the cells they take."""
    from rich.cells import cell_len

    from game import narrate

    monkeypatch.setenv("COLUMNS", "80")
    assert main(["simulate", "--us", "random", "--cn", "hawk", "--games", "3", "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    for ending in ("suckers_payoff", "race_to_bottom", "gunfight"):  # seeds 1.. of this pair
        assert narrate.ending_name(ending, lang) in out, ending
    assert ("trust and escalation left out" in out) == (lang == "en")
    assert ("省略了互信與升級" in out) == (lang == "zh-Hant")


def test_simulate_table_keeps_every_column_when_there_is_room(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["simulate", "--us", "random", "--cn", "hawk", "--games", "3"]) == 0
    out = capsys.readouterr().out
    assert "escalation" in out and "Confrontation" in out and "left out" not in out
    assert max(len(line) for line in out.splitlines()) <= 100
