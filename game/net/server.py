"""The authoritative game server: asyncio and the ``websockets`` library.

The server runs the engine and decides everything; clients only send input and receive the
view they are entitled to. All game logic runs synchronously between two reads of a socket,
so no two messages ever interleave inside a table. What goes out to a client is queued on
its connection and written by that connection's own task: a slow client never holds up a
table, and a client that stops reading is dropped.

Every change to a table is followed by an atomic save of that table (the newest state
winning), so a server killed at any moment resumes from the last phase: start it again with
the same ``--state-dir``. A save is encoded in the event loop, one table per pass of the loop
and after the replies already due, and written and synced to disk by a small pool of threads
that only wait on the disk: encoding in those threads instead would take Python's lock away
from the loop for the whole burst when many tables finish a phase at once.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Optional

from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from .. import __version__
from ..engine import Engine, IllegalMove
from ..engine.rng import derive_seed
from ..engine.state import SIDES
from ..runtime import quiet_gc
from ..sim import game_seeds
from . import protocol as P
from .store import SaveCache, StoreError, TableStore, table_document
from .table import OutOfTurn, Table, moment

log = logging.getLogger("yalta.net")

DEFAULT_PORT = 8750
HELLO_TIMEOUT = 30.0
MAX_BAD_CODES = 5
MAX_QUEUE = 400  # messages waiting for one slow client before it is dropped
MAX_CONNECTIONS = 2000
TICK = 0.2
SAVE_DELAY = 1.0  # one side's input within a phase is saved this soon (a phase at once)
SAVE_GAP = 0.25  # at most one save of a table in this many seconds
SAVE_THREADS = 4  # saves being written to disk at once (each waits on its fsync)


def new_code(n: int = 6) -> str:
    return "".join(secrets.choice(P.CODE_CHARS) for _ in range(n))


class Conn:
    """One client connection: its role once it has said hello, and its outgoing queue."""

    def __init__(self, ws: ServerConnection):
        self.ws = ws
        self.role: Optional[str] = None  # seat | watch | admin
        self.table: Optional[Table] = None
        self.side: Optional[str] = None  # us | cn for a seat
        self.bot: Optional[str] = None
        self.steps = False  # wants every phase the game passes through, not just the latest
        self.history_sent = 0  # finished turns this client already has
        self.log_sent = 0  # log entries of finished turns this client already has
        self.last_at: Optional[str] = None  # the moment of the last state it was sent
        self.bad_codes = 0
        self.closed = False
        self.queue: asyncio.Queue = asyncio.Queue()
        self.writer = asyncio.create_task(self._write())

    @property
    def who(self) -> str:
        return self.side if self.role == "seat" else "public"

    def push(self, msg: dict | str) -> None:
        if self.closed:
            return
        if self.queue.qsize() >= MAX_QUEUE:
            self.close(1008, "too slow: messages piled up")
            return
        self.queue.put_nowait(msg if isinstance(msg, str) else P.encode(msg))

    def close(self, code: int = 1000, reason: str = "") -> None:
        if self.closed:
            return
        self.closed = True
        self.queue.put_nowait(None)
        asyncio.create_task(self._close(code, reason))

    async def _close(self, code: int, reason: str) -> None:
        try:
            await asyncio.wait_for(self.writer, 2.0)
        except (asyncio.TimeoutError, Exception):
            pass
        try:
            await self.ws.close(code, reason[:120])
        except Exception:
            pass

    async def _write(self) -> None:
        while True:
            msg = await self.queue.get()
            if msg is None:
                return
            try:
                await self.ws.send(msg)
            except ConnectionClosed:
                self.closed = True
                return
            except Exception:  # pragma: no cover - a broken transport
                self.closed = True
                return


class GameServer:
    """Tables, codes, connections. ``await start()``, then ``await serve_forever()`` or
    ``await close()``."""

    def __init__(self, tables: list[Table], admin: str, store: Optional[TableStore] = None,
                 host: str = "127.0.0.1", port: int = DEFAULT_PORT, meta: Optional[dict] = None):
        self.tables = {t.id: t for t in tables}
        self.admin = admin
        self.store = store
        self.host = host
        self.port = port
        self.meta = dict(meta or {})
        self.codes: dict[str, tuple] = {P.normalise_code(admin): ("admin", None, None)}
        for t in tables:
            for role, code in t.codes.items():
                self.codes[P.normalise_code(code)] = (
                    "watch" if role == "watch" else "seat", t.id, None if role == "watch" else role)
        for t in tables:  # a game may open on a phase nobody has to answer
            t.progress()
            t.trail = []
            t.arm()
        self.conns: set[Conn] = set()
        self.seat_conn: dict[tuple, Conn] = {}
        self.watchers: dict[str, set] = {t.id: set() for t in tables}
        self.admins: set[Conn] = set()
        self._server = None
        self._ticker: Optional[asyncio.Task] = None
        self._saving: dict[str, asyncio.Task] = {}
        self._encode_q: asyncio.Queue = asyncio.Queue()  # (table, future) to encode a save of
        self._encoder: Optional[asyncio.Task] = None
        self._io: Optional[ThreadPoolExecutor] = None  # writes saves to disk
        self._dirty: set[str] = set()
        self._caches: dict[str, SaveCache] = {}  # table id -> its save's finished turns
        self.errors = 0  # internal errors caught (a bug, never a client's fault)
        self.save_errors: list[str] = []
        self.started = time.time()

    # ===================================================================================
    # Making one

    @classmethod
    def create(cls, engine: Engine, n_tables: int, seed: int, *, turns: Optional[int] = None,
               noise: float = 0.0, store: Optional[TableStore] = None, host: str = "127.0.0.1",
               port: int = DEFAULT_PORT, timer: Optional[float] = None,
               content: str = "default") -> "GameServer":
        """New tables; table i plays seed i of ``yalta simulate --seed SEED --games N``."""
        used: set = set()

        def fresh(n: int) -> str:
            while True:
                c = new_code(n)
                if c not in used:
                    used.add(c)
                    return c

        admin = fresh(10)
        tables = []
        for i, s in enumerate(game_seeds(seed, n_tables)):
            st = engine.new_game(s, turns=turns, noise=noise)
            codes = {"us": fresh(6), "cn": fresh(6), "watch": fresh(6)}
            t = Table(str(i + 1), engine, st, codes)
            if timer:
                t.set_timer(timer)
            tables.append(t)
        meta = {"pack": engine.pack.id, "pack_path": str(engine.pack.path), "content": content,
                "scenario": engine.scenario.id, "seed": seed, "turns": turns, "noise": noise}
        srv = cls(tables, admin, store, host, port, meta)
        if store is not None:
            srv.save_server_file()
            for t in tables:
                store.save_table(t.id, table_document(t))
        return srv

    @classmethod
    def resume(cls, store: TableStore, host: Optional[str] = None,
               port: Optional[int] = None) -> "GameServer":
        """The server whose files are in ``store``, every table as it was last saved."""
        d = store.load_server()
        tables = []
        for rec in d["tables"]:
            engine, state, doc = store.load_table(rec["id"])
            net = doc.get("net") or {}
            codes = {k: rec[k] for k in ("us", "cn", "watch")}
            t = Table(rec["id"], engine, state, codes, meta=net, reasons=doc.get("reasons") or [])
            t.arm()
            tables.append(t)
        meta = {k: d.get(k) for k in ("pack", "pack_path", "content", "scenario", "seed", "turns",
                                      "noise")}
        return cls(tables, d["admin"], store, host or d.get("bind") or "127.0.0.1",
                   port if port is not None else int(d.get("port") or DEFAULT_PORT), meta)

    def save_server_file(self) -> None:
        if self.store is None:
            return
        doc = dict(self.meta, admin=self.admin, bind=self.host, port=self.port,
                   tables=[dict(id=t.id, **t.codes) for t in self.tables.values()])
        self.store.save_server(doc)

    def codes_line(self) -> dict:
        """The first line ``yalta host`` prints."""
        return {"port": self.port, "admin": self.admin,
                "tables": [{"id": t.id, "us": t.codes["us"], "cn": t.codes["cn"],
                            "watch": t.codes["watch"]} for t in self.tables.values()]}

    # ===================================================================================
    # Running

    async def start(self) -> int:
        # what is alive now (the content pack, the rules, every table) lives as long as the
        # server: set aside from the cycle collector (a full collection walking it took 130 ms
        # with 50 tables), and collections made rarer
        quiet_gc()
        self._server = await serve(self._handle, self.host, self.port, max_size=P.MAX_FRAME,
                                   max_queue=64, compression=None, ping_interval=20,
                                   ping_timeout=30, close_timeout=2,
                                   server_header=f"NewYalta/{__version__}")
        sock = next(iter(self._server.sockets))
        self.port = sock.getsockname()[1]
        if self.store is not None:
            self.save_server_file()
        self._ticker = asyncio.create_task(self._tick())
        return self.port

    async def serve_forever(self) -> None:
        await self._server.serve_forever()

    async def close(self) -> None:
        if self._ticker:
            self._ticker.cancel()
        if self._server is not None:
            self._server.close()
            try:
                await asyncio.wait_for(self._server.wait_closed(), 5)
            except asyncio.TimeoutError:  # pragma: no cover
                pass
        await self.flush()
        if self._encoder is not None:
            self._encoder.cancel()
            self._encoder = None
        if self._io is not None:
            self._io.shutdown(wait=False)
            self._io = None

    async def flush(self) -> None:
        """Wait until every table's newest state is on disk."""
        while self._saving:
            await asyncio.gather(*list(self._saving.values()), return_exceptions=True)

    # ===================================================================================
    # Connections

    async def _handle(self, ws: ServerConnection) -> None:
        conn = Conn(ws)
        if len(self.conns) >= MAX_CONNECTIONS:
            conn.push(P.error("busy", "the server is full"))
            conn.close(1013, "server full")
            return
        self.conns.add(conn)
        try:
            while True:
                timeout = HELLO_TIMEOUT if conn.role is None else None
                try:
                    raw = await asyncio.wait_for(ws.recv(), timeout)
                except asyncio.TimeoutError:
                    conn.push(P.error("need_hello", "say hello with a code first"))
                    conn.close(1008, "no hello")
                    break
                try:
                    self.on_frame(conn, raw)
                except Exception:  # a bug must not take the server down, nor other tables
                    self.errors += 1
                    log.exception("internal error on a message")
                    conn.push(P.error("internal", "the server could not handle that message"))
                if conn.closed:
                    break
        except ConnectionClosed:
            pass
        finally:
            self._detach(conn)
            if not conn.closed:
                conn.closed = True
                conn.queue.put_nowait(None)

    def _detach(self, conn: Conn) -> None:
        self.conns.discard(conn)
        self.admins.discard(conn)
        if conn.role == "watch" and conn.table is not None:
            self.watchers[conn.table.id].discard(conn)
        if conn.role == "seat" and conn.table is not None:
            key = (conn.table.id, conn.side)
            if self.seat_conn.get(key) is conn:
                del self.seat_conn[key]
                self._broadcast_presence(conn.table)

    def on_frame(self, conn: Conn, raw: Any) -> None:
        try:
            msg = P.parse(raw)
        except P.ProtocolError as e:
            conn.push(P.error(e.code, e.message, e.req_id))
            return
        rid = msg.get("id")
        kind = msg["type"]
        try:
            if conn.role is None:
                if kind != "hello":
                    raise P.ProtocolError("need_hello", "say hello with a code first")
                self._hello(conn, msg)
                return
            if kind == "hello":
                raise P.ProtocolError("already", "this connection has already said hello")
            allowed = {"seat": P.SEAT_TYPES, "watch": P.WATCH_TYPES, "admin": P.ADMIN_TYPES}[conn.role]
            if kind not in allowed:
                raise P.ProtocolError("not_allowed", f"a {conn.role} cannot send {kind}")
            getattr(self, f"_op_{kind}")(conn, msg)
        except P.ProtocolError as e:
            conn.push(P.error(e.code, e.message, rid))
        except OutOfTurn as e:
            conn.push(P.error(e.code, str(e), rid))
        except IllegalMove as e:
            conn.push(P.error("illegal", str(e), rid, reason={"key": e.key, "fields": e.fields}))

    # -- hello ---------------------------------------------------------------------------
    def _hello(self, conn: Conn, msg: dict) -> None:
        found = self.codes.get(P.normalise_code(msg["code"]))
        if found is None:
            conn.bad_codes += 1
            if conn.bad_codes >= MAX_BAD_CODES:
                conn.push(P.error("bad_code", "too many wrong codes"))
                conn.close(1008, "too many wrong codes")
                return
            raise P.ProtocolError("bad_code", "no seat, table or console has that code")
        role, tid, side = found
        conn.role = role
        welcome = {"type": "welcome", "role": role, "server": __version__, "v": P.VERSION}
        if msg.get("id") is not None:
            welcome["id"] = msg["id"]
        if role == "admin":
            self.admins.add(conn)
            welcome["tables"] = [self._table_info(t) for t in self.tables.values()]
            welcome.update({k: self.meta.get(k) for k in ("pack", "scenario")})
            conn.push(welcome)
            return
        t = self.tables[tid]
        conn.table = t
        welcome.update(table=t.id, pack=t.engine.pack.id, pack_path=str(t.engine.pack.path),
                       scenario=t.engine.scenario.id, turns=t.state.turns)
        if role == "seat":
            conn.side = side
            conn.steps = bool(msg.get("steps"))
            bot = msg.get("bot")
            if bot:
                from ..bots import ALIASES, REGISTRY
                key = ALIASES.get(bot.lower(), bot.lower())
                conn.bot = key if key in REGISTRY else None
            old = self.seat_conn.get((t.id, side))
            if old is not None and old is not conn:
                old.push(P.notice(t.id, "taken_over"))
                old.close(4000, "seat taken over")
            self.seat_conn[(t.id, side)] = conn
            seat = f"bot:{conn.bot}" if conn.bot else "human"
            if t.seats.get(side) != seat:
                t.seats[side] = seat
                self._dirty_save(t)
            welcome["side"] = side
            # a bot's own randomness: not the game's seed (that would reveal the other side's
            # objective and the future), but stable for the table and seat
            welcome["bot_seed"] = derive_seed(t.state.seed if t.state.seed >= 0 else 0,
                                              1009 + SIDES.index(side))
        else:
            self.watchers[t.id].add(conn)
        conn.push(welcome)
        conn.history_sent = conn.log_sent = 0
        self._push_state(conn)
        if role == "seat":
            self._broadcast_presence(t)

    # -- seats ---------------------------------------------------------------------------
    def _op_submit(self, conn: Conn, msg: dict) -> None:
        t = conn.table
        t.submit(conn.side, msg["decision"], at=msg.get("at"), why=msg.get("why"))
        if msg.get("id") is not None:
            conn.push({"type": "ok", "id": msg["id"]})
        t.progress()
        self._changed(t, actor=conn, force=False)

    def _op_sync(self, conn: Conn, msg: dict) -> None:
        conn.history_sent = conn.log_sent = 0
        self._push_state(conn, req_id=msg.get("id"))

    def _op_ping(self, conn: Conn, msg: dict) -> None:
        out = {"type": "pong", "time": time.time()}
        if msg.get("id") is not None:
            out["id"] = msg["id"]
        conn.push(out)

    # -- the facilitator -----------------------------------------------------------------
    def _tables_for(self, msg: dict) -> list[Table]:
        tid = msg.get("table")
        if tid is None:
            return list(self.tables.values())
        t = self.tables.get(tid)
        if t is None:
            raise P.ProtocolError("no_table", f"no table {tid!r} (tables: {', '.join(self.tables)})")
        return [t]

    def _ok(self, conn: Conn, msg: dict, **extra) -> None:
        out = {"type": "ok", "op": msg["type"], **extra}
        if msg.get("id") is not None:
            out["id"] = msg["id"]
        conn.push(out)

    def _op_tables(self, conn: Conn, msg: dict) -> None:
        self._ok(conn, msg, tables=[self._table_info(t) for t in self.tables.values()],
                 errors=self.errors, save_errors=self.save_errors[-5:],
                 connections=len(self.conns))

    def _op_pause(self, conn: Conn, msg: dict) -> None:
        ts = self._tables_for(msg)
        for t in ts:
            t.pause()
            self._notice(t, "paused")
            self._changed(t)
        self._ok(conn, msg, tables=[t.id for t in ts])

    def _op_resume(self, conn: Conn, msg: dict) -> None:
        ts = self._tables_for(msg)
        for t in ts:
            t.resume()
            self._notice(t, "resumed")
            t.progress()
            self._changed(t)
        self._ok(conn, msg, tables=[t.id for t in ts])

    def _op_timer(self, conn: Conn, msg: dict) -> None:
        ts = self._tables_for(msg)
        for t in ts:
            t.set_timer(msg.get("seconds"))
            if msg.get("seconds"):
                self._notice(t, "timer", seconds=f"{msg['seconds']:g}")
            else:
                self._notice(t, "no_timer")
            self._changed(t)
        self._ok(conn, msg, tables=[t.id for t in ts])

    def _op_reveal(self, conn: Conn, msg: dict) -> None:
        t = self._tables_for(msg)[0]
        t.revealed = not t.revealed
        self._notice(t, "revealed" if t.revealed else "hidden")
        self._changed(t)
        self._ok(conn, msg, table=t.id, revealed=t.revealed,
                 objectives={s: t.state.sides[s].objective for s in SIDES})

    def _op_step(self, conn: Conn, msg: dict) -> None:
        t = self._tables_for(msg)[0]
        if not t.step_once():
            raise P.ProtocolError("not_now", "the table is waiting for input (or over): "
                                             "nothing to move on")
        self._changed(t)
        self._ok(conn, msg, table=t.id, at=moment(t.state))

    def _op_inject(self, conn: Conn, msg: dict) -> None:
        t = self._tables_for(msg)[0]
        when = t.inject(msg["event"])
        name = t.engine.pack.events[msg["event"]].name.en
        if when == "now":
            self._notice(t, "breaking", name=name, event=msg["event"])
        else:
            self._notice(t, "news_next")
        t.progress()
        self._changed(t)
        self._ok(conn, msg, table=t.id, when=when)

    def _op_end(self, conn: Conn, msg: dict) -> None:
        t = self._tables_for(msg)[0]
        when = msg.get("when") or "now"
        t.end(when)
        self._notice(t, "ended" if when == "now" else "last_turn")
        t.progress()
        self._changed(t)
        self._ok(conn, msg, table=t.id, phase=t.state.phase)

    def _op_export(self, conn: Conn, msg: dict) -> None:
        out = []
        for t in self.tables.values():
            out.append({"id": t.id, "summary": t.summary(), "save": table_document(t)})
        self._ok(conn, msg, tables=out)

    def _table_info(self, t: Table) -> dict:
        st = t.state
        return {"id": t.id, "turn": st.turn, "turns": st.turns, "phase": st.phase,
                "round": st.talk_round, "awaiting": t.awaiting(), "paused": t.paused,
                "timer": t.timer, "seconds_left": t.seconds_left(), "revealed": t.revealed,
                "seats": dict(t.seats),
                "connected": {s: (t.id, s) in self.seat_conn for s in SIDES},
                "watchers": len(self.watchers.get(t.id, ())), "step": t.step,
                "trust": round(st.trust, 1), "tension": round(st.tension, 1),
                "welfare": round(st.welfare, 1), "ending": st.ending,
                "injected": list(t.injected)}

    # ===================================================================================
    # Telling clients

    def _changed(self, t: Table, actor: Optional[Conn] = None, force: bool = True) -> None:
        """Tell everyone at the table. After a seat's input (``force`` false), a bot whose
        moment has not changed gets no new state (only a short ``ok`` for its own input):
        nothing it could act on has changed. People and projectors see every change (who has
        answered, say), and everyone sees what the facilitator does."""
        t.arm()
        trail = [s for s in t.trail if s is not t.state]
        t.trail = []
        at = moment(t.state)
        for conn in self._table_conns(t):
            if conn.steps:
                for st in trail:
                    self._push_state(conn, state=st)
            if not force and conn.bot and conn.last_at == at and not t.over:
                if conn is actor:  # its input is in; the moment has not changed: a short ack
                    conn.push({"type": "ok", "op": "submit", "at": at})
                continue
            self._push_state(conn)
        self._dirty_save(t, phase_changed=t.saved_at != at)

    def _table_conns(self, t: Table) -> list[Conn]:
        out = [c for c in (self.seat_conn.get((t.id, s)) for s in SIDES) if c is not None]
        out.extend(self.watchers.get(t.id, ()))
        return out

    def _notice(self, t: Table, key: str, **fields) -> None:
        msg = P.encode(P.notice(t.id, key, **fields))
        for conn in self._table_conns(t):
            conn.push(msg)

    def _broadcast_presence(self, t: Table) -> None:
        msg = P.encode({"type": "presence", "table": t.id,
                        "connected": {s: (t.id, s) in self.seat_conn for s in SIDES}})
        for conn in self._table_conns(t):
            conn.push(msg)

    def _push_state(self, conn: Conn, req_id: Any = None, state=None) -> None:
        t = conn.table
        if t is None:
            return
        st = t.state if state is None else state
        view = t.view(conn.who, st)
        base = min(conn.history_sent, len(view.history))
        full = view.history
        view.history = full[base:]
        full_log = view.log
        log_base = min(conn.log_sent, len(full_log))
        view.log = full_log[log_base:]
        d = view.to_dict()
        view.history, view.log = full, full_log
        at = moment(st)
        msg = {"type": "state", "table": t.id, "step": t.step, "at": at,
               "view": d, "history_base": base, "log_base": log_base,
               "awaiting": t.engine.awaiting(st),
               "paused": t.paused,
               "seconds_left": t.seconds_left(), "timer": t.timer, "revealed": t.revealed,
               "seats": dict(t.seats), "connected": {s: (t.id, s) in self.seat_conn for s in SIDES}}
        if st.phase == "over":
            msg["seed"] = st.seed
            msg["bots"] = {s: t.seats.get(s, "human").removeprefix("bot:") for s in SIDES}
            msg["summary"] = t.summary()
        if req_id is not None:
            msg["id"] = req_id
        conn.history_sent = len(full)
        # entries of finished turns never change again; this turn's may still be revealed
        final = len(full_log)
        if st.phase != "over":
            while final > 0 and full_log[final - 1][0] >= st.turn:
                final -= 1
        conn.log_sent = final
        conn.last_at = at
        conn.push(msg)

    # ===================================================================================
    # Timers and saves

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(TICK)
            now = time.monotonic()
            for t in self.tables.values():
                if not t.timed_out(now):
                    continue
                try:
                    sides = t.expire()
                    names = {"us": "the United States", "cn": "China"}
                    self._notice(t, "Time is up for " + " and ".join(names[s] for s in sides)
                                 + ": nothing more this phase.")
                    t.progress()
                    self._changed(t)
                except Exception:  # pragma: no cover - a bug must not stop the clock
                    self.errors += 1
                    log.exception("timer on table %s", t.id)
                    t.deadline = None

    def _dirty_save(self, t: Table, phase_changed: bool = True) -> None:
        """Save the table: at once when its phase changed (or the facilitator acted), else
        (one side's input within a phase) within ``SAVE_DELAY`` seconds."""
        if self.store is None:
            return
        self._dirty.add(t.id)
        if t.id not in self._saving:
            self._saving[t.id] = asyncio.create_task(
                self._save_loop(t, 0.0 if phase_changed else SAVE_DELAY))

    async def _save_loop(self, t: Table, delay: float = 0.0) -> None:
        """Save ``t`` until it is no longer dirty: one save of a table at a time (so its
        files are written in order and its ``SaveCache`` is never shared)."""
        loop = asyncio.get_running_loop()
        try:
            if delay:
                await asyncio.sleep(delay)
            while t.id in self._dirty:
                wait = SAVE_GAP - (time.monotonic() - t.saved_time)
                if wait > 0:  # bots can play many phases a second: one save per gap is enough
                    await asyncio.sleep(wait)
                try:
                    fut = loop.create_future()
                    self._encode_q.put_nowait((t, fut))
                    if self._encoder is None or self._encoder.done():
                        self._encoder = asyncio.create_task(self._encode_saves())
                    await self._write_save(t.id, await fut)
                except StoreError as e:
                    self.save_errors.append(str(e))
                    log.error("%s", e)
                except Exception as e:  # a bug: the next change tries again
                    self.save_errors.append(f"table {t.id}: {type(e).__name__}: {e}")
                    log.exception("saving table %s", t.id)
        finally:
            self._saving.pop(t.id, None)

    async def _write_save(self, table_id: str, data: bytes) -> None:
        """Write an encoded save and sync it to disk, in a thread: it only waits on the disk."""
        if self._io is None:
            self._io = ThreadPoolExecutor(SAVE_THREADS, thread_name_prefix="yalta-save")
        await asyncio.get_running_loop().run_in_executor(
            self._io, self.store.write_encoded, table_id, data)

    async def _encode_saves(self) -> None:
        """Encode the saves asked for, one table per pass of the event loop: a burst of
        saves then holds up a client's reply by one table's encoding at most, not by all."""
        while True:
            t, fut = await self._encode_q.get()
            await asyncio.sleep(0)  # what is already due (replies, new input) goes first
            if fut.done():
                continue
            try:
                self._dirty.discard(t.id)
                t.saved_time = time.monotonic()
                t.saved_at = moment(t.state)
                fut.set_result(self._caches.setdefault(t.id, SaveCache()).encode(t))
            except Exception as e:
                fut.set_exception(e)
