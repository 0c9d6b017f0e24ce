"""Saves: round trip, atomic writes, and refusing damaged, foreign or newer files."""

from __future__ import annotations

import json

import pytest

from game import saves as S
from game.engine import Engine
from game.tui.session import Session


@pytest.fixture(autouse=True)
def saves_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("YALTA_SAVES", str(tmp_path / "saves"))
    monkeypatch.chdir(tmp_path)
    return tmp_path / "saves"


def _session(store, seed=3, turns=3, pack="default"):
    return Session.new(pack, None, seed, {"us": "bot:tit-for-tat", "cn": "bot:hawk"}, turns=turns,
                       mode="watch", store=store)


def _play_some(sess, steps):
    for _ in range(steps):
        if sess.over:
            break
        if sess.can_advance():
            sess.advance()
            continue
        for side, kind in sess.bot_awaiting().items():
            sess.apply_bot(side, sess.think(side, kind))


def test_default_dir_is_saves_in_the_working_directory(saves_dir, monkeypatch):
    assert S.SaveStore().root == saves_dir
    monkeypatch.delenv("YALTA_SAVES")
    assert str(S.SaveStore().root) == "saves"


def test_autosave_load_round_trip(saves_dir):
    store = S.SaveStore()
    sess = _session(store)
    _play_some(sess, 9)
    files = store.files()
    assert len(files) == 1 and files[0].name.startswith("autosave-")
    loaded = S.load(files[0])
    assert loaded.warning is None
    assert Engine.to_json(loaded.state) == Engine.to_json(sess.state)
    doc = loaded.data
    assert doc["format"] == "new-yalta-save" and doc["version"] == 1
    for key in ("pack", "scenario", "seed", "turns", "noise", "options", "seats", "log",
                "reasons", "state"):
        assert key in doc
    assert doc["seats"] == {"us": "bot:tit-for-tat", "cn": "bot:hawk"}
    assert doc["reasons"] and doc["log"] == sess.state.to_dict()["log"]
    # going on from the save gives the same game as never stopping
    again = Session.from_save(loaded, store)
    _play_some(again, 10_000)
    _play_some(sess, 10_000)
    assert again.state.ending == sess.state.ending


def test_named_saves_and_latest(saves_dir):
    store = S.SaveStore()
    sess = _session(store)
    _play_some(sess, 4)
    p = sess.save_as("My game: turn 1?")
    assert p.parent == saves_dir and p.name == "My-game-turn-1.json"
    assert S.read_doc(p)["kind"] == "manual"
    infos = store.list()
    assert {i.kind for i in infos} == {"auto", "manual"}
    assert store.latest() is not None


def test_atomic_write_leaves_no_temporary_files(saves_dir):
    store = S.SaveStore()
    sess = _session(store)
    _play_some(sess, 30)
    assert not [p for p in saves_dir.iterdir() if p.name.startswith(".tmp-")]


def test_failed_write_keeps_the_old_file(saves_dir, monkeypatch):
    store = S.SaveStore()
    sess = _session(store)
    path = store.autosave(sess.document())
    before = path.read_bytes()

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(S.os, "replace", boom)
    _play_some(sess, 3)
    assert sess.last_autosave and "No space left" in sess.last_autosave
    assert path.read_bytes() == before
    assert not [p for p in saves_dir.iterdir() if p.name.startswith(".tmp-")]


def _good(saves_dir) -> tuple:
    store = S.SaveStore()
    sess = _session(store)
    _play_some(sess, 5)
    return store, store.files()[0]


@pytest.mark.parametrize("damage, expect", [
    (lambda raw: raw[: len(raw) // 2], "damaged save (not valid JSON)"),
    (lambda raw: b"\x00\xff" * 10, "damaged save"),
    (lambda raw: b"", "damaged save"),
    (lambda raw: raw.replace(b'"welfare":', b'"welfare":1', 1), "damaged save"),
])
def test_damaged_saves_are_refused(saves_dir, damage, expect):
    store, good = _good(saves_dir)
    bad = saves_dir / "bad.json"
    bad.write_bytes(damage(good.read_bytes()))
    other_before = good.read_bytes()
    with pytest.raises(S.SaveError) as e:
        S.load(bad)
    msg = str(e.value)
    assert expect in msg and "\n" not in msg and msg.startswith("bad.json: ")
    assert good.read_bytes() == other_before  # never touching other saves
    infos = {i.path.name: i for i in store.list()}
    assert not infos["bad.json"].ok and infos[good.name].ok
    assert store.latest().path == good


def test_foreign_files_are_refused(saves_dir):
    _good(saves_dir)
    for name, body in (("notes.json", {"hello": "world"}), ("list.json", [1, 2]),
                       ("other.json", {"format": "some-other-game", "version": 1})):
        p = saves_dir / name
        p.write_text(json.dumps(body))
        with pytest.raises(S.SaveError, match="not a New Yalta save"):
            S.load(p)


def test_newer_versions_are_refused(saves_dir):
    _, good = _good(saves_dir)
    doc = json.loads(good.read_text())
    doc["version"] = 2
    doc["checksum"] = S.checksum(doc)
    p = saves_dir / "future.json"
    p.write_text(json.dumps(doc))
    with pytest.raises(S.SaveError, match="newer version"):
        S.load(p)


def test_a_log_that_does_not_replay_falls_back_with_a_warning(saves_dir):
    _, good = _good(saves_dir)
    doc = json.loads(good.read_text())
    doc["log"] = doc["log"][:-1] + [[99, "orders", 0, "us", {"kind": "orders", "actions": []}]]
    doc["checksum"] = S.checksum(doc)
    p = saves_dir / "odd.json"
    p.write_text(json.dumps(doc))
    loaded = S.load(p)
    assert loaded.warning and "stored state" in loaded.warning
    assert loaded.state.to_dict() == doc["state"]


def test_missing_file_is_one_line(saves_dir):
    with pytest.raises(S.SaveError, match="no such save"):
        S.load(saves_dir / "nope.json")


def test_classic_pack_saves(saves_dir):
    store = S.SaveStore()
    sess = _session(store, pack="classic", turns=5)
    _play_some(sess, 8)
    loaded = S.load(store.files()[0])
    assert loaded.warning is None and loaded.engine.pack.id == "classic"
