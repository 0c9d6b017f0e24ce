"""The client side of the protocol: connect with a code, keep the game's view, reconnect.

``Client`` is one connection at a time to one server with one code; ``session()`` says hello
and yields the welcome, then messages until the connection drops. ``ViewTracker`` turns the
server's ``state`` messages (which send each finished turn once) back into game states.
"""

from __future__ import annotations

import asyncio
from typing import AsyncIterator, Optional

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from ..engine.state import GameState, TurnRecord
from . import protocol as P

RETRYABLE = (OSError, ConnectionClosed, InvalidHandshake, asyncio.TimeoutError, EOFError)


class JoinError(Exception):
    """The server refused us (a wrong code, say): retrying will not help."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code

    def text(self, lang: str = "en") -> str:
        """The refusal in ``lang`` (its code's text), or the English message."""
        return P.error_text(self.code, str(self), lang)


def uri_of(addr: str) -> str:
    host, port = P.parse_addr(addr)
    if ":" in host:
        host = f"[{host}]"
    return f"ws://{host}:{port}/"


class Client:
    def __init__(self, addr: str, code: str, bot: Optional[str] = None,
                 lang: Optional[str] = None, open_timeout: float = 10.0, steps: bool = False):
        self.steps = steps
        self.uri = uri_of(addr)
        self.code = code
        self.bot = bot
        self.lang = lang
        self.open_timeout = open_timeout
        self.ws: Optional[ClientConnection] = None
        self.welcome: Optional[dict] = None

    async def open(self) -> dict:
        """Connect and say hello; returns the welcome (or raises ``JoinError``)."""
        try:
            self.ws = await connect(self.uri, max_size=None, compression=None,
                                    open_timeout=self.open_timeout, ping_interval=20,
                                    ping_timeout=60, close_timeout=2)
        except InvalidURI as e:
            raise JoinError("bad_address", str(e)) from None
        hello = {"type": "hello", "code": self.code, "v": P.VERSION}
        if self.bot:
            hello["bot"] = self.bot
        if self.lang:
            hello["lang"] = self.lang
        if self.steps:
            hello["steps"] = True
        await self.ws.send(P.encode(hello))
        while True:
            msg = P.decode(await asyncio.wait_for(self.ws.recv(), self.open_timeout))
            if msg.get("type") == "welcome":
                self.welcome = msg
                return msg
            if msg.get("type") == "error":
                await self.close()
                raise JoinError(msg.get("code", "error"), msg.get("message", "refused"))

    async def send(self, msg: dict) -> None:
        if self.ws is None:
            raise ConnectionClosed(None, None)
        await self.ws.send(P.encode(msg))

    async def recv(self, timeout: Optional[float] = None) -> dict:
        raw = await asyncio.wait_for(self.ws.recv(), timeout)
        return P.decode(raw)

    async def messages(self) -> AsyncIterator[dict]:
        async for raw in self.ws:
            yield P.decode(raw)

    async def close(self) -> None:
        if self.ws is not None:
            try:
                await self.ws.close()
            except Exception:
                pass
            self.ws = None

    async def request(self, msg: dict, timeout: float = 30.0) -> dict:
        """Send a request with an id and wait for its reply (other messages are skipped)."""
        rid = f"r{id(msg) & 0xFFFFFF:x}"
        await self.send(dict(msg, id=rid))
        while True:
            reply = await self.recv(timeout)
            if reply.get("id") == rid and reply.get("type") in ("ok", "error", "state", "pong"):
                return reply


class ViewTracker:
    """Rebuild the game state a ``state`` message describes (finished turns and their log
    entries arrive once)."""

    def __init__(self):
        self.history: list = []
        self.log: list = []
        self.last: Optional[dict] = None
        self.state: Optional[GameState] = None

    def reset(self) -> None:
        self.history = []
        self.log = []

    def apply(self, msg: dict) -> GameState:
        base = int(msg.get("history_base", 0))
        view = dict(msg["view"])
        new = [TurnRecord.from_dict(h) for h in view.get("history", [])]
        log_base = int(msg.get("log_base", 0))
        if base > len(self.history) or log_base > len(self.log):
            raise ValueError("history gap: ask the server to sync")
        self.history = self.history[:base] + new
        self.log = self.log[:log_base] + list(view.get("log", []))
        view["log"] = self.log
        view["history"] = []
        st = GameState.from_dict(view)
        st.history = list(self.history)
        if msg.get("seed") is not None:
            st.seed = msg["seed"]
        self.last = msg
        self.state = st
        return st


async def admin_call(addr: str, code: str, msg: dict, timeout: float = 30.0) -> dict:
    """One facilitator request: connect, send, return the reply (raises ``JoinError``)."""
    c = Client(addr, code)
    welcome = await c.open()
    try:
        if welcome.get("role") != "admin":
            raise JoinError("not_admin", "that code is not the facilitator's")
        return await c.request(msg, timeout)
    finally:
        await c.close()
