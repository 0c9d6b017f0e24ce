"""The protocol under attack: malformed, oversized, out-of-turn and random messages each get
an error reply and change nothing; the server stays up and other tables play on."""

from __future__ import annotations

import json
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from game.engine.api import engine_for
from game.net import protocol as P
from game.net.bot_client import play_seat
from game.net.server import GameServer
from game.net.table import moment
from game.sim import play_game
from tests.net.netutil import ServerThread, run


def test_decode_reads_what_the_server_writes_exactly():
    """Clients read with orjson where it reads exactly, else with the standard library: an
    integer beyond 64 bits (a seed given on the command line, say) stays an integer."""
    big = 123456789012345678901234567890
    for msg in ({"type": "state", "seed": big}, {"type": "state", "seed": -(2 ** 64) - 1},
                {"type": "state", "seed": 2 ** 63 - 1, "x": [0.1, 1e-07, "é ‘q’"]},
                {"type": "notice", "text": "12345678901234567890 digits, in a text"}):
        raw = P.encode(msg)
        for form in (raw, raw.encode("utf-8")):
            got = P.decode(form)
            assert got == msg and type(got.get("seed", 0)) is int
    assert P.decode('{"x": "\\ud800"}') == {"x": "\ud800"}


def test_parse_accepts_good_and_names_what_is_wrong():
    assert P.parse('{"type":"hello","code":"ABCDEF"}')["code"] == "ABCDEF"
    assert P.parse('{"type":"submit","decision":{},"at":"1/news/0","id":7}')["id"] == 7
    cases = {
        b"{}": "bad_message", "nope": "bad_json", "[1]": "bad_message", '{"type":1}': "unknown_type",
        '{"type":"fly"}': "unknown_type", '{"type":"hello"}': "bad_message",
        '{"type":"hello","code":"ABCDEF","x":1}': "bad_message",
        '{"type":"hello","code":"A"}': "bad_code", '{"type":"hello","code":"ABCDEF","v":9}': "version",
        '{"type":"submit","decision":[]}': "bad_message", '{"type":"timer","seconds":1}': "bad_message",
        '{"type":"timer","seconds":true}': "bad_message", '{"type":"end","table":"1","when":"soon"}': "bad_message",
        '{"type":"ping","id":{}}': "bad_message", "[" * 5000: "bad_json",
        json.dumps({"type": "ping", "pad": "x" * P.MAX_MESSAGE}): "too_big",
    }
    for raw, code in cases.items():
        with pytest.raises(P.ProtocolError) as e:
            P.parse(raw)
        assert e.value.code == code, raw[:40]


def test_addresses():
    assert P.parse_addr("127.0.0.1:8750") == ("127.0.0.1", 8750)
    assert P.parse_addr("[::1]:9") == ("::1", 9)
    assert P.parse_addr(":9") == ("127.0.0.1", 9)
    for bad in ("host", "host:x", "host:0", "[::1", "a:b:c"):
        with pytest.raises(ValueError):
            P.parse_addr(bad)
    assert P.normalise_code("ab-cd ef") == "ABCDEF"


@pytest.fixture(scope="module")
def live():
    engine = engine_for("default")
    srv = GameServer.create(engine, 3, 17, port=0)
    th = ServerThread(srv)
    yield th
    th.stop()


@contextmanager
def _open(addr, code=None):
    with connect(f"ws://{addr}/", max_size=None) as ws:
        if code is not None:
            ws.send(json.dumps({"type": "hello", "code": code}))
            assert json.loads(ws.recv(5))["type"] == "welcome"
        yield ws


def _reply(ws) -> dict:
    """The next reply that is not a pushed state or notice."""
    while True:
        msg = json.loads(ws.recv(5))
        if msg["type"] not in ("state", "notice", "presence"):
            return msg


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
    max_leaves=12)
bad_frames = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).filter(lambda s: not s.strip().startswith("{")),
    json_values.map(json.dumps),
    st.dictionaries(st.sampled_from(["type", "code", "decision", "table", "id", "at", "x"]),
                    json_values, max_size=5).map(json.dumps),
)
bad_decisions = st.dictionaries(st.text(max_size=10), json_values, max_size=4).map(
    lambda d: dict(d, bogus_field=1))
bad_admin = st.one_of(
    st.builds(lambda op, tid: {"type": op, "table": tid},
              st.sampled_from(["pause", "resume", "reveal", "step", "end"]),
              st.text(min_size=1, max_size=10).filter(lambda s: s not in ("1", "2", "3"))),
    st.builds(lambda e: {"type": "inject", "table": "3", "event": e},
              st.text(min_size=1, max_size=20)),
    st.builds(lambda s: {"type": "timer", "table": "3", "seconds": s},
              st.one_of(st.integers(max_value=4), st.integers(min_value=86401))),
    st.sampled_from([{"type": "submit", "decision": {}}, {"type": "hello", "code": "ABCDEF"}]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_fuzz_every_bad_message_gets_an_error(live, data):
    srv = live.server
    t = srv.tables["1"]
    before = live.call(lambda: (t.step, moment(t.state), len(t.state.log)))
    role = data.draw(st.sampled_from(["anon", "seat", "admin", "watch"]))
    code = None
    if role == "anon":
        frame = data.draw(bad_frames)
        if isinstance(frame, str):
            try:
                if json.loads(frame).get("type") == "hello":  # would be a good hello by luck
                    frame = frame.replace("hello", "hullo")
            except (ValueError, AttributeError):
                pass
    elif role == "seat":
        code = t.codes[data.draw(st.sampled_from(["us", "cn"]))]
        kind = data.draw(st.sampled_from(["frame", "decision", "stale", "admin"]))
        if kind == "frame":
            frame = data.draw(bad_frames)
        elif kind == "decision":
            frame = json.dumps({"type": "submit", "decision": data.draw(bad_decisions)})
        elif kind == "stale":
            frame = json.dumps({"type": "submit", "decision": {"kind": "talk"}, "at": "99/talks/1"})
        else:
            frame = json.dumps({"type": "pause", "table": "1"})
    elif role == "watch":
        code = t.codes["watch"]
        frame = json.dumps(data.draw(st.sampled_from([
            {"type": "submit", "decision": {"kind": "talk"}}, {"type": "export"},
            {"type": "hello", "code": "ABCDEF"}])))
    else:
        code = srv.admin
        frame = data.draw(bad_frames | bad_admin.map(json.dumps))
    with _open(live.addr, code) as ws:
        ws.send(frame)
        reply = _reply(ws)
        assert reply["type"] == "error", (frame, reply)
        assert reply["code"] and reply["message"]
    after = live.call(lambda: (t.step, moment(t.state), len(t.state.log)))
    assert after == before
    assert srv.errors == 0


def test_oversized_frames_and_many_wrong_codes(live):
    with _open(live.addr) as ws:
        ws.send("x" * (P.MAX_MESSAGE + 10))
        assert json.loads(ws.recv(5))["code"] == "too_big"
        ws.send("y" * (P.MAX_FRAME + 10))  # past the hard limit: the connection closes (1009)
        with pytest.raises(ConnectionClosed) as e:
            ws.recv(5)
        assert e.value.rcvd.code == 1009
    codes = []
    with _open(live.addr) as ws:
        try:
            for _ in range(10):
                ws.send(json.dumps({"type": "hello", "code": "WRONG1"}))
                codes.append(json.loads(ws.recv(5))["code"])
        except ConnectionClosed:
            pass
    assert codes and set(codes) == {"bad_code"} and len(codes) <= 5


def test_server_still_plays_after_the_fuzz(live):
    """Table 2 was never touched: bots play it through, as `yalta simulate` would."""
    srv = live.server
    t = srv.tables["2"]
    seed = live.call(lambda: t.state.seed)
    res = run(_pair(live.addr, t.codes, seed))
    engine = engine_for("default")
    ref = play_game(engine, "tit-for-tat", "hawk", seed=seed).summary(engine)
    assert res[0] == ref and res[1] == ref and srv.errors == 0


async def _pair(addr, codes, seed):
    import asyncio
    return await asyncio.gather(play_seat(addr, codes["us"], "tit-for-tat", bot_seed=seed),
                                play_seat(addr, codes["cn"], "hawk", bot_seed=seed))


def test_encode_and_decode_keep_every_value():
    """With or without orjson, a message reads back as it was sent (the standard library's
    way for what orjson cannot write: integers beyond 64 bits, say)."""
    import json as _json

    from game.net import protocol as P

    msgs = [{"type": "state", "view": {"sides": {"us": {"capital": 3.25, "objective": None}},
                                       "log": [[1, "talks", 2, "cn", {"message": "好 “ok” \u2028"}]]},
             "at": "1/talks/2", "n": 10**30, "keys": {1: "one"}, "tiny": 1e-05, "big": 1e16},
            {"type": "ok", "id": "r1"}]
    for msg in msgs:
        text = P.encode(msg)
        assert isinstance(text, str)
        want = _json.loads(_json.dumps(msg))
        assert _json.loads(text) == want
        assert P.decode(text) == want
        assert P.decode(text.encode("utf-8")) == want
    assert P.decode('{"x": NaN}')["x"] != 0  # what only the standard library reads


def test_notices_and_refusals_are_said_in_the_clients_language(default_pack):
    from game.i18n import texts

    keys = sorted(k.split(".", 1)[1] for k in texts() if k.startswith("notice."))
    assert {"paused", "resumed", "breaking", "ended"} <= set(keys)
    ev = next(iter(default_pack.events))
    for key in keys:
        msg = P.notice("1", key, seconds="90", name="x", event=ev)
        assert msg["text"] and "{" not in msg["text"]
        zh = P.notice_text(msg, "zh-Hant", default_pack)
        assert zh and zh != msg["text"] and "{" not in zh
    br = P.notice_text(P.notice("1", "breaking", name="x", event=ev), "zh-Hant", default_pack)
    assert default_pack.events[ev].name.get("zh-Hant") in br
    assert P.notice_text({"type": "notice", "text": "an old server"}, "zh-Hant") == "an old server"
    assert P.error_text("bad_code", "no such code", "en") == "no such code"
    assert P.error_text("bad_code", "no such code", "zh-Hans") == texts()["net_error.bad_code"]["zh-Hans"]
    assert P.error_text("unknown_code", "as sent", "zh-Hant") == "as sent"


def test_a_refused_move_is_said_in_full_in_the_clients_language():
    import json

    from game.engine.rules import IllegalMove

    e = IllegalMove("over_budget", cost=5, side="us", capital="3")
    msg = json.loads(P.encode(P.error("illegal", str(e), 7, reason={"key": e.key, "fields": e.fields})))
    assert P.error_text("illegal", msg["message"], "en", msg["reason"]) == str(e)
    zh = P.error_text("illegal", msg["message"], "zh-Hant", msg["reason"])
    assert zh == "這些卡牌花費5；美國只有3點政治資本"
    waiting = IllegalMove("waiting", awaited=("us", "cn"))  # tuples travel as lists
    msg = json.loads(P.encode(P.error("illegal", str(waiting), reason={"key": "waiting", "fields": waiting.fields})))
    assert P.error_text("illegal", msg["message"], "zh-Hans", msg["reason"]) == "仍在等待美国与中国"
    # a reason is network data: anything the rules do not know falls back to the plain error
    generic = P.error_text("illegal", "as sent", "zh-Hant")
    for bad in ({"key": "no_such_reason", "fields": {}}, {"key": "over_budget", "fields": {"x": {"y": 1}}},
                {"key": 3, "fields": {}}, ["over_budget"], {"key": "over_budget", "fields": None}):
        assert P.error_text("illegal", "as sent", "zh-Hant", bad) == generic
