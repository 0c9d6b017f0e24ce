"""Content problems in the user's language: the message after ``FILE:LINE:`` is translated,
the prefix never changes, and English stays word for word what it was."""

import pickle
import re
import shutil

import pytest

from game.cli import main
from game.content.loader import ContentError, Problem, builtin_packs_dir, load_pack, problem_text

# English words that must not be left in a Chinese message (ids and keys aside)
ENGLISH = re.compile(r"\b(should|unknown|Input|Field|required|must|needs|valid|missing|not|"
                     r"duplicate|allowed|expected|found|no such|cannot|file|greater|less|"
                     r"pattern|String|List|character)\b")


@pytest.fixture(autouse=True)
def _english_environment(monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def _pack(tmp_path, name="default"):
    pack = tmp_path / name
    shutil.copytree(builtin_packs_dir() / name, pack)
    return pack


def _break(pack, file, old, new):
    f = pack / file
    text = f.read_text(encoding="utf-8")
    assert old in text
    f.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(path) -> list:
    with pytest.raises(ContentError) as e:
        load_pack(path)
    return e.value.problems


def _message(line: str) -> str:
    return re.sub(r"^.*?:\d+: ", "", line)


BREAKS = [
    ("actions_us.yaml", "    cost: 2\n", "    cost: 11\n",
     "cost: Input should be less than or equal to 10", "cost: 應小於或等於 10"),
    ("actions_us.yaml", "    cost: 2\n", "    cost: 2\n    colour: red\n",
     "colour: unknown key 'colour'", "colour: 未知的鍵 'colour'"),
    ("actions_us.yaml", "    stance: competitive\n", "    stance: angry\n",
     "stance: Input should be 'cooperative', 'competitive' or 'neutral'",
     "stance: 應為 'cooperative', 'competitive' 或 'neutral'"),
    ("actions_us.yaml", "    cost: 2\n", "    cost: eleven\n",
     "cost: Input should be a valid integer, unable to parse string as an integer",
     "cost: 應為整數，無法把字串解讀為整數"),
    ("actions_us.yaml", "      - {stat: self.capability, delta: 2}", "      - {stat: self.charm, delta: 2}",
     "effects.0.stat: unknown stat 'self.charm'", "effects.0.stat: 未知的數值 'self.charm'"),
    ("actions_us.yaml", "      - {stat: self.capability, delta: 2}", "      - {stat: channel.nowhere, delta: 2}",
     "effects: no channel 'nowhere'", "effects: 沒有溝通渠道 'nowhere'"),
    ("actions_us.yaml", "schema_version: 1\n", "schema_version: 2\n",
     "schema_version must be 1 (found 2)", "schema_version 必須是 1（目前為 2）"),
    ("actions_us.yaml", "kind: actions\n", "kind: actions\nkind: cards\n",
     "duplicate key 'kind'", "重複的鍵 'kind'"),
    ("actions_us.yaml", "    side: us\n", "    side: us\n  oops: [\n",
     None, "不是有效的 YAML："),
    ("pack.yaml", "default_scenario: race_2025", "default_scenario: nowhere",
     "default_scenario 'nowhere' is not a scenario of the pack", "default_scenario 'nowhere' 不是此內容包的劇本"),
]


@pytest.mark.parametrize("file,old,new,english,chinese", BREAKS)
def test_problems_in_english_and_chinese(tmp_path, file, old, new, english, chinese):
    pack = _pack(tmp_path)
    _break(pack, file, old, new)
    problems = _problems(pack)
    assert problems and all(isinstance(p, Problem) for p in problems)
    if english:
        assert any(_message(p) == english for p in problems), problems
    for p in problems:
        assert problem_text(p, "en") == p
        for lang in ("zh-Hant", "zh-Hans"):
            zh = problem_text(p, lang)
            prefix = p[:len(p) - len(_message(p))]
            assert re.match(r"^.+:\d+: $", prefix) and zh.startswith(prefix), (p, zh)
            assert zh != p and not ENGLISH.search(_message(zh)), zh
    assert any(chinese in problem_text(p, "zh-Hant") for p in problems), problems


def test_validate_prints_chinese_with_the_file_line_prefix(tmp_path, capsys):
    pack = _pack(tmp_path, "classic")
    f = pack / "actions.yaml"
    f.write_text(f.read_text(encoding="utf-8") + "\nbogus_field: 1\n", encoding="utf-8")
    assert main(["validate", str(pack)]) == 1
    en = capsys.readouterr()
    assert main(["--lang", "zh-Hant", "validate", str(pack)]) == 1
    zh = capsys.readouterr()
    assert main(["validate", "--lang", "zh-Hans", str(pack)]) == 1
    hans = capsys.readouterr()
    en_lines, zh_lines, hans_lines = (x.out.splitlines() for x in (en, zh, hans))
    f = "classic/actions.yaml"  # relative to the working folder (the test's tmp_path)
    assert en_lines == [f"{f}:25: unknown key 'bogus_field'"]
    assert zh_lines == [f"{f}:25: 未知的鍵 'bogus_field'"]
    assert hans_lines == [f"{f}:25: 未知的键 'bogus_field'"]
    assert en.err.strip() == "1 problem(s) found" and "發現1個問題" in zh.err


def test_a_bad_pack_given_to_a_command_is_reported_in_chinese(tmp_path, capsys):
    pack = _pack(tmp_path, "classic")
    _break(pack, "actions.yaml", "cost: 0", "cost: -1")
    assert main(["--lang", "zh-Hant", "simulate", "--us", "dove", "--cn", "hawk",
                 "--content", str(pack)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("yalta：錯誤：") and "應大於或等於 0" in err[0]
    assert main(["--lang", "zh-Hans", "simulate", "--us", "dove", "--cn", "hawk",
                 "--content", "no-such-pack"]) == 1
    assert "没有这个内容包" in capsys.readouterr().err


def test_missing_translations_are_reported_in_the_checked_language(tmp_path, capsys):
    pack = _pack(tmp_path, "classic")
    text = (pack / "actions.yaml").read_text(encoding="utf-8")
    (pack / "actions.yaml").write_text(re.sub(r', zh-Hans: "[^"]*"', "", text, count=1),
                                       encoding="utf-8")
    assert main(["--lang", "en", "validate", "--lang", "en", str(pack)]) == 0
    capsys.readouterr()
    assert main(["validate", "--lang", "zh-Hans", str(pack)]) == 1
    out = capsys.readouterr().out.strip()
    assert re.match(r"^.+actions\.yaml:\d+: actions cooperate name: 没有 zh-Hans 文字$", out), out


def test_problems_survive_pickling(tmp_path):
    pack = _pack(tmp_path)
    _break(pack, "actions_us.yaml", "    cost: 2\n", "    cost: 11\n")
    for p in _problems(pack):
        q = pickle.loads(pickle.dumps(p))
        assert q == p and problem_text(q, "zh-Hant") == problem_text(p, "zh-Hant")


def test_yaml_errors_in_chinese(tmp_path):
    pack = _pack(tmp_path, "classic")
    for text, needle in [("a: b: c\n", "此處不允許出現映射值"), ("a:\n\tb: 1\n", "不能作為記號開頭的字元"),
                         ("a: [1, 2\n", "或"), ('a: "open\n', "檔案意外結束"), ("", "檔案是空的")]:
        (pack / "actions.yaml").write_text(text, encoding="utf-8")
        zh = [problem_text(p, "zh-Hant") for p in _problems(pack)]
        assert any(needle in line for line in zh), zh
