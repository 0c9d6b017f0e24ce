"""Helpers for the networked-play tests: real servers on loopback, in a thread or a process."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Optional

from tests.helpers import repo_env

LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def run(coro, timeout: float = 120.0):
    """Run a coroutine to completion in a fresh event loop, with a time limit."""
    return asyncio.run(asyncio.wait_for(coro, timeout))


class ServerThread:
    """A GameServer on its own event loop in a thread (for synchronous clients)."""

    def __init__(self, server):
        self.server = server
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        if not self.ready.wait(10):
            raise RuntimeError("server did not start")

    def _run(self):
        asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(self.server.start())
        self.ready.set()
        self.loop.run_forever()

    @property
    def addr(self) -> str:
        return f"{LOOPBACK}:{self.server.port}"

    def call(self, fn, *args):
        """Run ``fn(*args)`` on the server's loop and return its result."""
        fut = asyncio.run_coroutine_threadsafe(_call(fn, *args), self.loop)
        return fut.result(10)

    def stop(self):
        fut = asyncio.run_coroutine_threadsafe(self.server.close(), self.loop)
        fut.result(20)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


async def _call(fn, *args):
    return fn(*args)


class HostProcess:
    """``yalta host`` in a subprocess; ``codes`` is its first line."""

    def __init__(self, *args: str, cwd: Optional[Path] = None):
        self.args = args
        self.proc = subprocess.Popen([sys.executable, "-m", "game", "host", *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env=repo_env(), cwd=cwd)
        line = self.proc.stdout.readline()
        if not line:
            err = self.proc.stderr.read()
            raise RuntimeError(f"host did not start: {err}")
        self.codes = json.loads(line)
        self.port = self.codes["port"]
        self.addr = f"{LOOPBACK}:{self.port}"

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        for f in (self.proc.stdout, self.proc.stderr):
            f.close()
        return self.proc.returncode


def wait_until(pred, timeout: float = 10.0, step: float = 0.02):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(step)
    return False


def env_for_children() -> dict:
    return repo_env(**{k: v for k, v in os.environ.items() if k.startswith("YALTA_")})
