"""A bad save is reported in the user's language; in English the line is what it always was."""

import json
import pickle

import pytest

from game import saves as S
from game.cli import main
from game.i18n import Said, localize, t
from tests.helpers import REPO

GOLDEN = REPO / "tests" / "golden" / "generous-vs-grim.json"


@pytest.fixture(autouse=True)
def _english_environment(monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def _doc(**changes) -> dict:
    d = json.loads(GOLDEN.read_text(encoding="utf-8"))
    d.update(changes)
    for k, v in list(changes.items()):
        if v is None:
            del d[k]
    d["checksum"] = S.checksum(d)
    return d


def _error(path) -> S.SaveError:
    with pytest.raises(S.SaveError) as e:
        S.load(path)
    return e.value


CASES = [
    ("missing.json", None, "missing.json: no such save", "missing.json：沒有這個存檔"),
    ("junk.json", b"not json", "junk.json: damaged save (not valid JSON)",
     "junk.json：存檔已損壞（不是有效的 JSON）"),
    ("foreign.json", b'{"format": "other"}', "foreign.json: not a New Yalta save",
     "foreign.json：不是新雅爾塔的存檔"),
    ("newer.json", _doc(version=7), "newer.json: saved by a newer version of New Yalta (save "
     "format 7, this game reads up to 1)", "newer.json：由較新版本的新雅爾塔存檔（存檔格式 7，本遊戲最多只能讀取 1）"),
    ("edited.json", dict(_doc(), seed=99), "edited.json: damaged save (checksum does not match)",
     "edited.json：存檔已損壞（校驗碼不符）"),
    ("nolog.json", _doc(log=None), "nolog.json: damaged save (no log)", "nolog.json：存檔已損壞（缺少 log）"),
    ("nopack.json", _doc(pack="nowhere", pack_path=None),
     "nopack.json: its content pack 'nowhere' cannot be loaded (nowhere: no such pack (shipped "
     "packs: classic, default))", "nopack.json：無法載入它的內容包 'nowhere'（nowhere: 沒有這個內容包"),
]


@pytest.mark.parametrize("name,content,english,chinese", CASES)
def test_save_errors_in_english_and_chinese(tmp_path, name, content, english, chinese):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content if isinstance(content, bytes) else json.dumps(content).encode())
    e = _error(path)
    assert str(e) == english and e.text("en") == english
    assert e.text("zh-Hant").startswith(chinese)
    hans = e.text("zh-Hans")
    assert hans != e.text("zh-Hant") and any("\u4e00" <= c <= "\u9fff" for c in hans)
    assert str(pickle.loads(pickle.dumps(e))) == english
    # a UI text that shows the error as a field says it in its own language
    assert chinese in t("saves.damaged", "zh-Hant", name=name, error=str(e))
    assert english in t("saves.damaged", "en", name=name, error=str(e))


def test_the_save_list_keeps_the_error_for_every_language(tmp_path):
    store = S.SaveStore(tmp_path)
    (tmp_path / "broken.json").write_bytes(b"{")
    info = store.list()[0]
    assert info.error == "broken.json: damaged save (not valid JSON)"
    assert localize(info.error, "zh-Hans") == "broken.json：存盘已损坏（不是有效的 JSON）"


def test_a_save_that_cannot_be_written(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(S.SaveError) as e:
        S.SaveStore(blocker).write({}, blocker / "sub" / "x.json")
    assert str(e.value).startswith(f"cannot write {blocker / 'sub' / 'x.json'}: ")
    assert e.value.text("zh-Hant").startswith(f"無法寫入 {blocker / 'sub' / 'x.json'}：")


def test_replay_warning_is_localized(tmp_path, engine):
    d = _doc()
    d["log"] = d["log"][:-3]  # still a good save, but the log no longer gives the stored state
    d["checksum"] = S.checksum(d)
    path = tmp_path / "short.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    w = S.load(path).warning
    assert w.startswith("short.json: replaying the order log gives a different game")
    assert localize(w, "zh-Hant").startswith("short.json：重播命令記錄得到不同的對局")


@pytest.mark.parametrize("command", [["report"], ["replay", "--text"], ["counterfactual", "--us", "hawk"]])
def test_commands_say_what_is_wrong_with_a_save_in_chinese(tmp_path, capsys, command):
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"format": "other"}')
    args = [command[0], str(bad)] + command[1:]
    assert main(["--lang", "zh-Hant"] + args) == 1
    assert capsys.readouterr().err.strip() == "yalta：錯誤：bad.json：不是新雅爾塔的存檔"
    assert main(args + ["--lang", "zh-Hans"]) == 1
    assert capsys.readouterr().err.strip() == "yalta：错误：bad.json：不是新雅尔塔的存盘"
    assert main(args) == 1
    assert capsys.readouterr().err.strip() == "yalta: error: bad.json: not a New Yalta save"


def test_said_texts():
    s = Said("save_error.no_such_save", name="x.json")
    assert s == "x.json: no such save" and isinstance(s, str)
    assert s.text("zh-Hans") == "x.json：没有这个存盘"
    assert pickle.loads(pickle.dumps(s)).text("zh-Hant") == "x.json：沒有這個存檔"
    assert localize("plain", "zh-Hant") == "plain"
