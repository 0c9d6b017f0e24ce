"""Where a server keeps its tables: one save per table, and the server's own file.

    STATE_DIR/server.json         codes, pack, scenario, port, the list of tables
    STATE_DIR/tables/table-ID.json  each table's game, in the ordinary save format

Table files are ordinary saves (``game.saves``): written atomically after every change, and
loadable by the game itself (``yalta`` → Load) for a debrief. The server file holds the seat
codes, so it is readable by its owner only.
"""

from __future__ import annotations

import copy
import hashlib
import json
import operator
import os
import time
from json.encoder import encode_basestring
from pathlib import Path
from typing import Optional

from .. import saves as S
from ..engine import Engine
from ..engine.api import engine_for
from ..engine.rng import Stream
from ..engine.state import GameState

SERVER_FORMAT = "new-yalta-server"
SERVER_VERSION = 1


class StoreError(Exception):
    """A state folder that cannot be read or written; one line for the person, which reads
    as English and is said in the person's language where shown (``localize``)."""


def _said(key: str, /, **fields):
    from ..i18n import Said

    return Said(f"store.{key}", **fields)


def default_state_dir() -> Path:
    return S.default_dir() / "server"


class TableStore:
    def __init__(self, root: Path | str):
        self.root = Path(root)

    @property
    def server_file(self) -> Path:
        return self.root / "server.json"

    def table_file(self, table_id: str) -> Path:
        return self.root / "tables" / f"table-{S.slug(table_id)}.json"

    # -- the server ----------------------------------------------------------------------
    def exists(self) -> bool:
        return self.server_file.is_file()

    def save_server(self, doc: dict) -> None:
        doc = dict(doc, format=SERVER_FORMAT, version=SERVER_VERSION, saved_at=time.time())
        data = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        try:
            S.write_atomic(self.server_file, data)
            os.chmod(self.server_file, 0o600)
        except OSError as e:
            raise StoreError(_said("cannot_write", path=str(self.server_file), error=str(e.strerror or e))) from None

    def load_server(self) -> dict:
        try:
            d = json.loads(self.server_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise StoreError(_said("no_file", path=str(self.server_file))) from None
        except (OSError, ValueError) as e:
            raise StoreError(_said("unreadable", path=str(self.server_file), error=str(e))) from None
        if not isinstance(d, dict) or d.get("format") != SERVER_FORMAT:
            raise StoreError(_said("not_server", path=str(self.server_file)))
        if d.get("version", 0) > SERVER_VERSION:
            raise StoreError(_said("newer", path=str(self.server_file)))
        for key in ("admin", "tables", "pack"):
            if key not in d:
                raise StoreError(_said("damaged", path=str(self.server_file), key=key))
        return d

    def archive(self) -> Optional[Path]:
        """Move an old server's files aside (``--fresh``); returns where they went."""
        if not self.exists():
            return None
        dest = self.root / f"old-{time.strftime('%Y%m%d-%H%M%S')}"
        dest.mkdir(parents=True, exist_ok=True)
        self.server_file.rename(dest / "server.json")
        tables = self.root / "tables"
        if tables.is_dir():
            tables.rename(dest / "tables")
        return dest

    # -- the tables ----------------------------------------------------------------------
    def save_table(self, table_id: str, doc: dict) -> None:
        try:
            S.write_atomic(self.table_file(table_id), json.dumps(
                doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8"))
        except OSError as e:
            raise StoreError(_said("cannot_write", path=str(self.table_file(table_id)), error=str(e.strerror or e))) from None

    def write_table(self, table, cache: "SaveCache") -> None:
        """Save a table (a ``Table`` or its snapshot): the same file ``save_table`` writes
        for ``table_document(table)``, with finished turns encoded once (``cache``)."""
        self.write_encoded(table.id, cache.encode(table))

    def write_encoded(self, table_id: str, data: bytes) -> None:
        """Write a table's save already encoded (``SaveCache.encode``): atomically, synced to
        disk. Only waits on the disk (no Python work to speak of), so a thread may do it."""
        try:
            S.write_atomic(self.table_file(table_id), data)
        except OSError as e:
            raise StoreError(_said("cannot_write", path=str(self.table_file(table_id)), error=str(e.strerror or e))) from None

    def load_table(self, table_id: str) -> tuple[Engine, GameState, dict]:
        """The engine, the stored state (exactly as written) and the save document."""
        path = self.table_file(table_id)
        try:
            d = S.read_doc(path)
        except S.SaveError as e:
            raise StoreError(e.args[0] if e.args else str(e)) from None
        try:
            engine = engine_for(d["pack"], d.get("scenario"))
        except Exception:
            p = d.get("pack_path")
            if not p or not Path(p).is_dir():
                raise StoreError(_said("no_pack", name=path.name, pack=repr(d.get("pack")))) from None
            engine = engine_for(p, d.get("scenario"))
        try:
            state = GameState.from_dict(d["state"])
            template = engine.new_game(0, turns=d.get("turns"), noise=d.get("noise", 0.0),
                                       options=d.get("options"))
            S.restore_order(state, template)
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            raise StoreError(_said("damaged_table", name=path.name, error=str(e))) from None
        return engine, state, d


def table_document(table) -> dict:
    """The save document of a table (an ordinary save, with the server's settings in ``net``)."""
    seats = {s: (v if v.startswith("bot:") else "human") for s, v in table.seats.items()}
    return S.build(table.engine, table.state, seats=seats, mode="network", reasons=table.reasons,
                   name=f"table {table.id}", kind="auto", game=f"table-{table.id}",
                   extra={"net": table.meta()})


# json.dumps(x, ensure_ascii=False, sort_keys=True, separators=(",", ":")), without making a
# new encoder for every call (most of the cost of encoding a small value)
_canon = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


def _canon_b(x) -> bytes:
    return _canon(x).encode("utf-8")


def _canon_dict(d: dict, done: dict) -> bytes:
    """``_canon_b(d)`` for a dict with text keys, taking the encoding of the keys in ``done``
    as given (the same bytes: json.dumps writes a sorted dict as its items in key order, so
    a run of keys between two given ones is the inside of the sorted dict of that run)."""
    parts = []
    run: dict = {}
    for k in sorted(d):
        if k in done:
            if run:
                parts.append(_canon_b(run)[1:-1])
                run = {}
            parts.append((encode_basestring(k) + ":").encode("utf-8") + done[k])
        else:
            run[k] = d[k]
    if run:
        parts.append(_canon_b(run)[1:-1])
    return b"{" + b",".join(parts) + b"}"


class SaveCache:
    """A table's save, encoded as ``saves.checksum`` and ``save_table`` encode it, but
    keeping the bytes of what never changes again: the records and log entries of finished
    turns, the reasons given (they are only ever appended) and the random stream's current
    block of numbers. A save then costs what the turn in progress costs, not the whole game.
    One per table, used by one thread at a time.
    """

    def __init__(self):
        self._seqs: dict = {}  # name -> (the frozen items, their bytes joined with commas)
        self._buf: Optional[tuple] = None  # the random stream's block last encoded
        self._buf_bytes = b""

    def _seq(self, name: str, items: list, frozen: int, enc=_canon_b) -> bytes:
        """``_canon_b(items)``; the first ``frozen`` items never change again, so their bytes
        are kept for as long as the list still starts with the very same objects."""
        objs, joined = self._seqs.get(name, ((), b""))
        n = len(objs)
        if n > frozen or not all(map(operator.is_, objs, items[:n])):  # not the same list
            objs, joined, n = (), b"", 0
        if frozen > n:
            more = b",".join([enc(x) for x in items[n:frozen]])
            joined = joined + b"," + more if n else more
            objs = tuple(items[:frozen])
            self._seqs[name] = (objs, joined)
            n = frozen
        rest = [enc(x) for x in items[n:]]
        if n:
            rest.insert(0, joined)
        return b"[" + b",".join(rest) + b"]"

    def encode(self, table) -> bytes:
        """The bytes of ``table_document(table)`` as ``save_table`` writes them."""
        st = table.state
        rng = st.rng
        light = copy.copy(st)  # states are never changed in place: a shallow copy will do
        light.history, light.log = [], []
        # the random stream's block of numbers (its longest text by far) is an immutable
        # tuple that states share until the next block is drawn: encoded once per block
        light.rng = Stream(rng.seed, rng.block, (), rng.pos)
        if rng.buf is not self._buf:
            self._buf, self._buf_bytes = rng.buf, _canon_b(list(rng.buf))
        seats = {s: (v if v.startswith("bot:") else "human") for s, v in table.seats.items()}
        doc = S.build(table.engine, light, seats=seats, mode="network", reasons=[],
                      name=f"table {table.id}", kind="auto", game=f"table-{table.id}",
                      extra={"net": table.meta()}, sign=False)  # signed below, as encoded
        log = st.log
        if st.phase == "over":
            frozen = len(log)
        else:
            frozen = 0
            while frozen < len(log) and log[frozen][0] < st.turn:
                frozen += 1
        log_bytes = self._seq("log", log, frozen)
        hist = self._seq("history", st.history, len(st.history), lambda h: _canon_b(h.to_dict()))
        done = {"log": log_bytes,
                "reasons": self._seq("reasons", table.reasons, len(table.reasons)),
                "state": _canon_dict(doc["state"], {
                    "history": hist, "log": log_bytes,
                    "rng": _canon_dict(doc["state"]["rng"], {"buf": self._buf_bytes})})}
        body = _canon_dict(doc, done)
        done["checksum"] = _canon_b(hashlib.sha256(body).hexdigest())
        doc["checksum"] = None
        return _canon_dict(doc, done)
