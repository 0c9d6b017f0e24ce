"""The wire protocol of networked play: JSON text frames over a WebSocket.

Every message is one JSON object with a ``type``. A client's first message is ``hello`` with
a code; the code decides its role: a seat (``us`` or ``cn`` of one table), a watcher of one
table (the projector), or the facilitator (``admin``). Anything a client sends is checked
here before the server looks at it; a message that fails gets an ``error`` reply and changes
nothing. A request may carry an ``id`` (a short string or an integer) that the reply echoes. A
submit may say which moment it answers (``at``: ``turn/phase/round``, as in the ``state``
message); if the game has moved on it is refused as ``stale`` instead of landing in the wrong
phase.

Client to server::

    {"type": "hello", "code": "K7PQ3X", "v": 1, "bot": "tit-for-tat", "steps": true}
        # bot: optional; steps: also send the phases the game passes through on its own
    {"type": "submit", "decision": {...}, "at": "3/talks/2", "why": "..."}  # seats; at: optional
    {"type": "sync"}                                                    # resend the full state
    {"type": "ping"}
    {"type": "tables"}                                                  # admin from here on
    {"type": "pause" | "resume" | "reveal" | "step", "table": "1"}
    {"type": "timer", "table": "1", "seconds": 180}                     # null: no timer
    {"type": "inject", "table": "1", "event": "deepseek_moment"}
    {"type": "end", "table": "1", "when": "now" | "after_turn"}
    {"type": "export"}                                                  # every table's save

Server to client::

    {"type": "welcome", "role": "seat"|"watch"|"admin", "table", "side", "pack", "scenario", ...}
    {"type": "state", "table", "step", "at", "view": {...}, "history_base": n, "log_base": m,
     "awaiting", ...}
    {"type": "notice", "table", "text", "key", "fields"}   (key: a notice.* UI text; text: English)
    {"type": "ok", "id", ...} / {"type": "error", "id", "code", "message"} / {"type": "pong"}

A ``state`` message carries the engine's view of the game for the receiver (``engine.view``
for a seat, the public view for a watcher). Its ``history`` holds only the finished turns the
receiver has not had yet (``history_base`` says how many come before them), and its ``log``
only the entries after the first ``log_base`` (those of finished turns, which never change,
are sent once).
"""

from __future__ import annotations

import json
from typing import Any, Optional

try:  # the same JSON, several times faster to write and read; optional
    import orjson
except ImportError:  # pragma: no cover - without it, the standard library does it all
    orjson = None

VERSION = 1
MAX_MESSAGE = 16 * 1024  # what a client may send; larger messages are refused with an error
MAX_FRAME = 1024 * 1024  # the WebSocket's hard limit: a larger frame closes the connection
MAX_WHY = 200
MAX_ID = 64
CODE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud in a classroom

SEAT_TYPES = ("submit", "sync", "ping")
WATCH_TYPES = ("sync", "ping")
ADMIN_TYPES = ("tables", "pause", "resume", "reveal", "step", "timer", "inject", "end", "export",
               "ping")
TABLE_OPS = ("pause", "resume", "reveal", "step", "timer", "inject", "end")
ALL_TYPES = ("hello",) + tuple(dict.fromkeys(SEAT_TYPES + ADMIN_TYPES))

# type -> {field: allowed python types}; "type" and "id" are allowed everywhere
FIELDS: dict[str, dict[str, tuple]] = {
    "hello": {"code": (str,), "v": (int,), "bot": (str, type(None)), "lang": (str, type(None)),
              "steps": (bool, type(None))},
    "submit": {"decision": (dict,), "at": (str, type(None)), "why": (str, type(None))},
    "sync": {},
    "ping": {},
    "tables": {},
    "export": {},
    "pause": {"table": (str, type(None))},  # no table: every table
    "resume": {"table": (str, type(None))},
    "reveal": {"table": (str,)},
    "step": {"table": (str,)},
    "timer": {"table": (str, type(None)), "seconds": (int, float, type(None))},
    "inject": {"table": (str,), "event": (str,)},
    "end": {"table": (str,), "when": (str, type(None))},
}
REQUIRED = {"hello": ("code",), "submit": ("decision",), "reveal": ("table",), "step": ("table",),
            "inject": ("table", "event"), "end": ("table",), "timer": ("seconds",)}


class ProtocolError(Exception):
    """A message the server will not act on: ``code`` is machine-readable, the text is one
    line for a person."""

    def __init__(self, code: str, message: str, req_id: Any = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.req_id = req_id


def encode(msg: dict) -> str:
    if orjson is not None:
        try:
            return orjson.dumps(msg, option=orjson.OPT_NON_STR_KEYS).decode("utf-8")
        except TypeError:  # beyond orjson (a huge integer, say): the standard library's way
            pass
    return json.dumps(msg, ensure_ascii=False, separators=(",", ":"))


def decode(raw: str | bytes) -> Any:
    """A message from the server (clients only: the server checks its input with ``parse``,
    which keeps to the standard library's reading of JSON)."""
    if orjson is not None:
        data = raw if isinstance(raw, (bytes, bytearray)) else raw.encode("utf-8", "surrogatepass")
        if _LONG_RUN not in data.translate(_DIGIT_RUNS):
            try:
                return orjson.loads(raw)
            except ValueError:  # NaN, say: the standard library reads more than orjson does
                pass
    return json.loads(raw)


# orjson reads an integer beyond 64 bits as a float: leave messages with a run of 20 digits
# to the standard library. The run is found with a byte translation (digits to "9", the rest
# to spaces) and a substring search, a fifth of the cost of reading the JSON (a regular
# expression costs three times as much as the reading).
_DIGIT_RUNS = bytes(0x39 if 0x30 <= i <= 0x39 else 0x20 for i in range(256))
_LONG_RUN = b"9" * 20


def error(code: str, message: str, req_id: Any = None, reason: Optional[dict] = None) -> dict:
    """An error for a client: ``message`` in English; ``reason`` (``{"key", "fields"}``, for
    a move the rules refused) lets the client say it in its player's language."""
    out = {"type": "error", "code": code, "message": message}
    if req_id is not None:
        out["id"] = req_id
    if reason is not None:
        out["reason"] = reason
    return out


def _req_id(d: dict) -> Any:
    rid = d.get("id")
    if rid is None:
        return None
    if isinstance(rid, bool) or not isinstance(rid, (str, int)):
        return None
    if isinstance(rid, str) and len(rid) > MAX_ID:
        return None
    if isinstance(rid, int) and not -2**53 < rid < 2**53:
        return None
    return rid


def parse(raw: Any) -> dict:
    """Check one incoming frame; returns the message or raises ``ProtocolError``."""
    if isinstance(raw, (bytes, bytearray, memoryview)):
        raise ProtocolError("bad_message", "send JSON text frames, not binary ones")
    if not isinstance(raw, str):
        raise ProtocolError("bad_message", "unreadable frame")
    if len(raw) > MAX_MESSAGE or len(raw.encode("utf-8", "surrogatepass")) > MAX_MESSAGE:
        raise ProtocolError("too_big", f"messages are at most {MAX_MESSAGE} bytes")
    try:
        d = json.loads(raw)
    except (ValueError, RecursionError):
        raise ProtocolError("bad_json", "not valid JSON") from None
    if not isinstance(d, dict):
        raise ProtocolError("bad_message", "a message is a JSON object")
    rid = _req_id(d)
    if "id" in d and rid is None:
        raise ProtocolError("bad_message", f"id is a string of at most {MAX_ID} characters or "
                                           "an integer")
    kind = d.get("type")
    if not isinstance(kind, str) or kind not in FIELDS:
        shown = kind if isinstance(kind, str) and len(kind) <= 30 else "?"
        raise ProtocolError("unknown_type", f"unknown message type {shown!r} (known: "
                                            f"{', '.join(FIELDS)})", rid)
    spec = FIELDS[kind]
    for key, val in d.items():
        if key in ("type", "id"):
            continue
        if key not in spec:
            shown = key if len(key) <= 30 else key[:30] + "…"
            raise ProtocolError("bad_message", f"{kind}: unknown field {shown!r}", rid)
        if isinstance(val, bool) and bool not in spec[key]:
            raise ProtocolError("bad_message", f"{kind}: {key} has the wrong type", rid)
        if not isinstance(val, spec[key]):
            raise ProtocolError("bad_message", f"{kind}: {key} has the wrong type", rid)
    for key in REQUIRED.get(kind, ()):
        if key not in d or (d[key] is None and key != "seconds"):
            raise ProtocolError("bad_message", f"{kind}: {key} is missing", rid)
    if kind == "hello":
        if d.get("v", VERSION) != VERSION:
            raise ProtocolError("version", f"this server speaks protocol {VERSION}", rid)
        if not 4 <= len(d["code"]) <= 40:
            raise ProtocolError("bad_code", "that code is not valid here", rid)
        if d.get("bot") is not None and not 1 <= len(d["bot"]) <= 40:
            raise ProtocolError("bad_message", "hello: bot is a bot's name", rid)
    if kind == "submit" and d.get("why") is not None and len(d["why"]) > MAX_WHY:
        raise ProtocolError("bad_message", f"submit: why is at most {MAX_WHY} characters", rid)
    if kind == "submit" and d.get("at") is not None and len(d["at"]) > MAX_ID:
        raise ProtocolError("bad_message", "submit: at is turn/phase/round", rid)
    if kind == "timer":
        s = d.get("seconds")
        if s is not None and not (5 <= s <= 24 * 3600):
            raise ProtocolError("bad_message", "timer: seconds between 5 and 86400, or null", rid)
    if kind == "end" and d.get("when") not in (None, "now", "after_turn"):
        raise ProtocolError("bad_message", "end: when is now or after_turn", rid)
    for key in ("table", "event"):
        if isinstance(d.get(key), str) and not 1 <= len(d[key]) <= 64:
            raise ProtocolError("bad_message", f"{kind}: {key} is 1 to 64 characters", rid)
    return d


def normalise_code(code: str) -> str:
    """Codes are typed by people: case, spaces and dashes do not matter."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def parse_addr(text: str, default_port: int | None = None) -> tuple[str, int]:
    """``HOST:PORT``, ``[::1]:PORT`` or ``:PORT`` (host 127.0.0.1) to a host and a port."""
    text = text.strip()
    if text.startswith("ws://"):
        text = text[5:].rstrip("/")
    host, port = text, None
    if text.startswith("["):
        end = text.find("]")
        if end < 0:
            raise ValueError(f"{text!r}: unclosed [ in the address")
        host, rest = text[1:end], text[end + 1:]
        if rest.startswith(":"):
            port = rest[1:]
        elif rest:
            raise ValueError(f"{text!r} is not HOST:PORT")
    elif text.count(":") == 1:
        host, port = text.split(":")
    host = host or "127.0.0.1"
    if port is None:
        if default_port is None:
            raise ValueError(f"{text!r} has no port (HOST:PORT)")
        return host, default_port
    try:
        p = int(port)
    except ValueError:
        raise ValueError(f"{port!r} is not a port number") from None
    if not 0 < p < 65536:
        raise ValueError(f"{p} is not a port number (1 to 65535)")
    return host, p


def notice(table: str, key: str, **fields) -> dict:
    """A notice to a table's clients: ``notice.KEY`` of the UI texts, which each client says
    in its own language; ``text`` is the English, for clients that do not know the key."""
    from ..i18n import t

    return {"type": "notice", "table": table, "key": key, "fields": fields,
            "text": t(f"notice.{key}", "en", **fields)}


def notice_text(msg: dict, lang: str, pack=None) -> str:
    """A notice message in ``lang``; an event named in it is named from ``pack`` when given."""
    from ..i18n import t, texts

    key = msg.get("key")
    if not isinstance(key, str) or f"notice.{key}" not in texts():
        return str(msg.get("text", ""))
    fields = dict(msg.get("fields") or {})
    ev = fields.get("event")
    if pack is not None and isinstance(ev, str) and ev in pack.events:
        fields["name"] = pack.events[ev].name.get(lang)
    try:
        return t(f"notice.{key}", lang, **fields)
    except (KeyError, IndexError, ValueError):
        return str(msg.get("text", ""))


def error_text(code: str, message: str, lang: str, reason: Any = None) -> str:
    """An error the server or a client gave, in ``lang`` when its code has a text (the
    English message otherwise, or in English). A refused move's ``reason`` is said in full,
    when it is one the rules know."""
    from ..i18n import norm_lang, t, texts

    said = _refusal_text(reason, lang)
    if said is not None:
        return said
    if norm_lang(lang) == "en" or f"net_error.{code}" not in texts():
        return message
    return t(f"net_error.{code}", lang)


def _refusal_text(reason: Any, lang: str) -> Optional[str]:
    """``{"key", "fields"}`` from the server as the rules' sentence in ``lang``; None for
    anything else (a reason is data from the network: only plain values are read)."""
    from ..engine.rules import IllegalMove
    from ..i18n import texts

    if not isinstance(reason, dict):
        return None
    key, fields = reason.get("key"), reason.get("fields")
    if not isinstance(key, str) or f"illegal.{key}" not in texts() or not isinstance(fields, dict):
        return None
    clean = {}
    for k, v in fields.items():
        if isinstance(v, list) and all(isinstance(x, str) for x in v):
            v = tuple(v)
        elif not isinstance(v, (str, int, float)) or isinstance(v, bool):
            return None
        clean[str(k)] = v
    return IllegalMove(key, **clean).text(lang)
