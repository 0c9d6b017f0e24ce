"""A live connection for the networked screens (join, watch, facilitate).

``Link.run()`` is a coroutine to hand to a Textual worker: it connects with the code, hands
every message to ``on_message`` (in the app's own event loop, so it may touch widgets), and
reconnects with the same code whenever the connection drops, until ``stop()``.
"""

from __future__ import annotations

import asyncio
from typing import Callable, Optional

from .client import RETRYABLE, Client, JoinError, ViewTracker


class Link:
    def __init__(self, addr: str, code: str, on_message: Callable[[dict], None],
                 on_status: Optional[Callable[[str, str], None]] = None,
                 lang: Optional[str] = None, steps: bool = False):
        self.steps = steps
        self.addr = addr
        self.code = code
        self.on_message = on_message
        self.on_status = on_status or (lambda kind, text: None)
        self.lang = lang
        self.client: Optional[Client] = None
        self.tracker = ViewTracker()
        self.welcome: Optional[dict] = None
        self._stop = False
        self.connected = False

    async def run(self) -> None:
        delay = 0.2
        while not self._stop:
            client = Client(self.addr, self.code, lang=self.lang, steps=self.steps)
            try:
                self.welcome = await client.open()
                self.client = client
                self.connected = True
                delay = 0.2
                self.tracker.reset()
                self.on_status("connected", self.addr)
                self.on_message(self.welcome)
                async for msg in client.messages():
                    if msg.get("type") == "state":
                        try:
                            msg["_state"] = self.tracker.apply(msg)
                        except ValueError:
                            await client.send({"type": "sync"})
                            continue
                    self.on_message(msg)
            except JoinError as e:
                self.connected = False
                self.on_status("refused", e.text(self.lang or "en"))
                return
            except RETRYABLE:
                pass
            finally:
                self.connected = False
                self.client = None
                await client.close()
            if self._stop:
                return
            self.on_status("lost", self.addr)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 3.0)

    async def send(self, msg: dict) -> bool:
        c = self.client
        if c is None:
            return False
        try:
            await c.send(msg)
            return True
        except RETRYABLE:
            return False

    def stop(self) -> None:
        self._stop = True
        c = self.client
        if c is not None:
            asyncio.ensure_future(c.close())
