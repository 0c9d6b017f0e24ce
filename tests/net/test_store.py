"""A table's save, encoded with the finished turns kept from one save to the next, is byte
for byte the file ``table_document`` would give: same checksum, loadable as an ordinary
save, at every moment of a game (with reasons, an injected event and a resume from disk)."""

from __future__ import annotations

import json

from game import saves as S
from game.bots import make_bot
from game.engine.api import engine_for
from game.net.store import SaveCache, TableStore, table_document
from game.net.table import Table
from game.sim import game_seeds


class _Clock:
    @staticmethod
    def time() -> float:
        return 1234.5


def _expected(table) -> bytes:
    return json.dumps(table_document(table), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def _play(engine, table, bots, cache, check_every=1, stop_turn=None):
    n = 0
    table.progress()
    while not table.over and (stop_turn is None or table.state.turn < stop_turn):
        for side, kind in list(table.awaiting().items()):
            choice = bots[side].act(engine.view(table.state, side), kind)
            table.submit(side, choice.decision, why=f"because {side} ünïcode ‘{n}’")
            n += 1
            if n % check_every == 0:
                assert cache.encode(table.snapshot()) == _expected(table)
        table.progress()
    assert cache.encode(table) == _expected(table)
    return n


def test_cached_save_equals_the_ordinary_save(monkeypatch, tmp_path):
    monkeypatch.setattr(S, "time", _Clock)
    engine = engine_for("default")
    for i, seed in enumerate(game_seeds(7, 3)):
        st = engine.new_game(seed)
        t = Table(str(i + 1), engine, st, {"us": "AAAA", "cn": "BBBB", "watch": "CCCC"})
        t.seats = {"us": "bot:hawk", "cn": "human"}
        if i == 1:
            t.inject(next(iter(engine.pack.events)))
        bots = {"us": make_bot("hawk", engine, "us", seed=seed),
                "cn": make_bot("tit-for-tat", engine, "cn", seed=seed)}
        cache = SaveCache()
        _play(engine, t, bots, cache, stop_turn=3)
        store = TableStore(tmp_path / str(i))
        store.write_table(t, cache)
        d = S.read_doc(store.table_file(t.id))  # checks the checksum
        assert d["checksum"] == S.checksum(d)
        # resumed from disk: new objects, the same bytes
        engine2, state2, doc = store.load_table(t.id)
        t2 = Table(t.id, engine2, state2, t.codes, meta=doc["net"], reasons=doc["reasons"])
        assert _expected(t2) == _expected(t)
        cache2 = SaveCache()
        assert cache2.encode(t2) == _expected(t2)
        _play(engine, t2, bots, cache2)
        assert t2.over
        store.write_table(t2, cache2)
        S.read_doc(store.table_file(t.id))


def test_cached_save_follows_new_objects_and_the_random_stream(monkeypatch, tmp_path):
    """The kept bytes are used only for the very same objects: a table resumed from disk
    (equal values, new objects), a new block of the random stream, or an older state again
    are encoded afresh where they differ."""
    monkeypatch.setattr(S, "time", _Clock)
    engine = engine_for("default")
    seed = game_seeds(11, 1)[0]
    t = Table("1", engine, engine.new_game(seed), {"us": "AAAA", "cn": "BBBB", "watch": "CCCC"})
    bots = {"us": make_bot("grim", engine, "us", seed=seed),
            "cn": make_bot("pavlov", engine, "cn", seed=seed)}
    cache = SaveCache()
    _play(engine, t, bots, cache, check_every=3, stop_turn=4)
    mid = t.state
    # a new block of random numbers, drawn on a copy (states are never changed in place)
    ahead = mid.clone()
    block = ahead.rng.block
    while ahead.rng.block == block:
        ahead.rng.random()
    t.state = ahead
    assert cache.encode(t) == _expected(t)
    t.state = mid  # the older block again
    assert cache.encode(t) == _expected(t)
    # the same table read back from disk: the same values in new objects, the same cache
    store = TableStore(tmp_path)
    store.write_table(t, cache)
    engine2, state2, doc = store.load_table(t.id)
    t2 = Table(t.id, engine2, state2, t.codes, meta=doc["net"], reasons=doc["reasons"])
    assert cache.encode(t2) == _expected(t2) == _expected(t)
    _play(engine, t2, bots, cache, check_every=2)
    assert t2.over


def test_a_bad_state_folder_is_one_line_in_the_hosts_language(tmp_path):
    import subprocess
    import sys

    from tests.helpers import repo_env

    (tmp_path / "server.json").write_text('{"format": "something else"}', encoding="utf-8")
    for lang, words in (("en", "not a New Yalta server file"), ("zh-Hant", "不是新雅爾塔的伺服器檔案")):
        r = subprocess.run([sys.executable, "-m", "game", "--lang", lang, "host", "--state-dir",
                            str(tmp_path)], capture_output=True, text=True, env=repo_env(), timeout=60)
        assert r.returncode == 2 and "Traceback" not in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1 and words in r.stderr
