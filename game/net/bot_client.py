"""A bot in a seat over the network: ``yalta join HOST:PORT --code CODE --bot NAME``.

The bot sees exactly what a person in the seat would: the server's view of the game for its
side. It answers every moment it is asked for once; if the connection drops it reconnects
with its code, and if the server asks again for a moment it has already answered (a server
restarted from its last save, say) it sends the same answer again instead of thinking anew,
so a game over the network plays exactly like ``yalta simulate`` with the same seeds.
"""

from __future__ import annotations

import asyncio
import time
from typing import Callable, Optional

from ..bots import Choice, make_bot
from ..engine.api import Engine, engine_for
from ..runtime import quiet_gc
from ..sim import GameResult
from .client import RETRYABLE, Client, JoinError, ViewTracker


def load_engine_for(welcome: dict) -> Engine:
    try:
        return engine_for(welcome["pack"], welcome.get("scenario"))
    except Exception:
        path = welcome.get("pack_path")
        if not path:
            raise
        return engine_for(path, welcome.get("scenario"))


def fallback(engine: Engine, view, side: str, kind: str) -> Choice:
    from .table import default_decision
    return Choice(default_decision(engine, view, side, kind), "fallback")


_settled = False


def settle_gc() -> None:
    """Once per process, when the content pack, the engine and the bot are loaded: collect,
    then set aside (``gc.freeze``) everything alive, which lives as long as the process. A
    full collection then no longer walks the pack (one took 100-200 ms in the load benchmark,
    where a process holds 25 seats, and held up every reply that arrived meanwhile). The
    thresholds stay as they are, unlike the server's: bots allocate fast, and a larger young
    generation makes each collection longer."""
    global _settled
    if not _settled:
        _settled = True
        quiet_gc(threshold=None)


class SeatBot:
    """The bot's side of the game: one decision per moment, remembered."""

    def __init__(self, name: str, bot_seed: Optional[int] = None, level: str = "normal"):
        self.name = name
        self.bot_seed = bot_seed
        self.level = level
        self.bot = None
        self.engine: Optional[Engine] = None
        self.side: Optional[str] = None
        self.answers: dict = {}  # moment -> Choice
        self.refused: set = set()  # moments whose answer the rules refused once
        self.think_ms: list = []

    def seat(self, welcome: dict) -> None:
        if self.bot is None:
            self.engine = load_engine_for(welcome)
            self.side = welcome["side"]
            seed = self.bot_seed if self.bot_seed is not None else welcome.get("bot_seed", 0)
            self.bot = make_bot(self.name, self.engine, self.side, seed=seed, level=self.level)

    def answer(self, view, at: str, kind: str) -> Choice:
        if at in self.refused and at not in self.answers:
            self.answers[at] = fallback(self.engine, view, self.side, kind)
        if at not in self.answers:
            t0 = time.perf_counter()
            try:
                self.answers[at] = self.bot.act(view, kind)
            except Exception:  # a bot bug must not leave the seat silent
                self.answers[at] = fallback(self.engine, view, self.side, kind)
            self.think_ms.append((time.perf_counter() - t0) * 1000.0)
        return self.answers[at]


async def play_seat(addr: str, code: str, bot: str, *, bot_seed: Optional[int] = None,
                    level: str = "normal", retry_for: float = 60.0,
                    on_message: Optional[Callable[[dict], None]] = None,
                    on_submit: Optional[Callable[[str], None]] = None) -> dict:
    """Play a seat to the end; returns the game's summary (``yalta simulate --json`` keys).

    Keeps reconnecting while the server is unreachable, for up to ``retry_for`` seconds at a
    time. ``on_message`` sees every message received; ``on_submit`` every moment answered."""
    seat = SeatBot(bot, bot_seed, level)
    tracker = ViewTracker()
    down_since: Optional[float] = None
    delay = 0.05
    while True:
        client = Client(addr, code, bot=bot)
        try:
            welcome = await client.open()
            if welcome.get("role") != "seat":
                raise JoinError("not_a_seat", "that code is not a seat's (a watch or admin code?)")
            seat.seat(welcome)
            settle_gc()
            down_since, delay = None, 0.05
            tracker.reset()
            sent: set = set()
            async for msg in client.messages():
                if on_message:
                    on_message(msg)
                kind = msg.get("type")
                if kind == "state":
                    view = tracker.apply(msg)
                    if view.phase == "over":
                        res = GameResult(view, msg.get("bots") or {"us": "?", "cn": "?"})
                        await client.close()
                        return res.summary(seat.engine)
                    want = msg.get("awaiting", {}).get(seat.side)
                    at = msg["at"]
                    if want and at not in sent:
                        choice = seat.answer(view, at, want)
                        sent.add(at)
                        await client.send({"type": "submit", "decision": choice.decision,
                                           "at": at, "why": choice.why[:200]})
                        if on_submit:
                            on_submit(at)
                elif kind == "error" and msg.get("code") == "illegal":
                    # the rules refused the answer (the news changed under it, say): look
                    # again at a fresh state; a second refusal there means passing
                    at = tracker.last["at"] if tracker.last else None
                    if at:
                        seat.refused.add(at)
                        seat.answers.pop(at, None)
                        sent.discard(at)
                    await client.send({"type": "sync"})
        except JoinError:
            await client.close()
            raise
        except RETRYABLE:
            await client.close()
        except ValueError:  # a history gap: start again from a full state
            await client.close()
        now = time.monotonic()
        down_since = down_since or now
        if now - down_since > retry_for:
            raise ConnectionError(f"cannot reach {addr} (gave up after {retry_for:g} s)")
        await asyncio.sleep(delay)
        delay = min(delay * 2, 1.0)
