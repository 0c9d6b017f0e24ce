"""The game in a browser (``yalta serve``), checked in headless Chromium: the page loads, the
seat code is typed, and a key press moves the game on. Talks to Chromium over its DevTools
protocol on loopback; skipped where Chromium or textual-serve is not installed."""

from __future__ import annotations

import asyncio
import base64
import json
import shutil
import subprocess
import sys
import urllib.request

import pytest

from game.net.client import admin_call
from tests.helpers import repo_env
from tests.net.netutil import HostProcess, free_port, run, wait_until

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


class Page:
    """Just enough of the DevTools protocol: navigate, type, screenshot."""

    def __init__(self, ws):
        self.ws, self.n = ws, 0

    async def cmd(self, method, **params):
        self.n += 1
        my = self.n
        await self.ws.send(json.dumps({"id": my, "method": method, "params": params}))
        while True:
            m = json.loads(await self.ws.recv())
            if m.get("id") == my:
                return m.get("result", m)

    async def key(self, k, text="", code=None, vk=0):
        for kind in ("keyDown", "keyUp"):
            await self.cmd("Input.dispatchKeyEvent", type=kind, key=k, text=text if kind == "keyDown" else "",
                           code=code or k, windowsVirtualKeyCode=vk)

    async def click(self, x, y):
        for kind in ("mousePressed", "mouseReleased"):
            await self.cmd("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)


def test_browser_page_loads_and_a_key_moves_the_game_on(tmp_path):
    pytest.importorskip("textual_serve")
    from websockets.asyncio.client import connect

    host = HostProcess("--port", "0", "--seed", "5", "--state-dir", str(tmp_path / "srv"))
    web_port, cdp_port = free_port(), free_port()
    serve = subprocess.Popen([sys.executable, "-m", "game", "serve", "--port", str(web_port), "--join",
                              host.addr], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=repo_env(), cwd=tmp_path)
    chrome = None
    try:
        url = f"http://127.0.0.1:{web_port}/"
        assert wait_until(lambda: _http_ok(url), 20, 0.2)
        chrome = subprocess.Popen([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                                   "--disable-background-networking",
                                   "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                                   f"--remote-debugging-port={cdp_port}",
                                   "--remote-debugging-address=127.0.0.1", "--window-size=1400,900",
                                   f"--user-data-dir={tmp_path / 'profile'}", "about:blank"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        assert wait_until(lambda: _http_ok(f"http://127.0.0.1:{cdp_port}/json/version"), 20, 0.2)
        tabs = json.load(urllib.request.urlopen(f"http://127.0.0.1:{cdp_port}/json"))
        ws_url = next(t for t in tabs if t["type"] == "page")["webSocketDebuggerUrl"]
        code = host.codes["tables"][0]["us"]
        admin = host.codes["admin"]

        def table():
            return run(admin_call(host.addr, admin, {"type": "tables"}))["tables"][0]

        async def drive():
            async with connect(ws_url, max_size=None) as ws:
                page = Page(ws)
                await page.cmd("Page.enable")
                await page.cmd("Page.navigate", url=url)
                joined = False
                for _ in range(40):  # the app starts in the browser: type the code until it joins
                    await asyncio.sleep(1.0)
                    await page.click(700, 450)
                    for ch in code:
                        await page.key(ch, text=ch)
                    await page.key("Enter", text="\r", code="Enter", vk=13)
                    await asyncio.sleep(1.0)
                    if (await asyncio.to_thread(table))["connected"]["us"]:
                        joined = True
                        break
                assert joined, "the browser never took the seat"
                shot = await page.cmd("Page.captureScreenshot", format="png")
                (tmp_path / "joined.png").write_bytes(base64.b64decode(shot["data"]))
                before = (await asyncio.to_thread(table))["step"]
                moved = False
                for _ in range(20):
                    await page.key("Enter", text="\r", code="Enter", vk=13)
                    await asyncio.sleep(0.5)
                    if (await asyncio.to_thread(table))["step"] > before:
                        moved = True
                        break
                assert moved, "a key press in the browser did not move the game on"
                shot = await page.cmd("Page.captureScreenshot", format="png")
                (tmp_path / "moved.png").write_bytes(base64.b64decode(shot["data"]))
        asyncio.run(asyncio.wait_for(drive(), 90))
        assert (tmp_path / "moved.png").stat().st_size > 10_000
    finally:
        if chrome is not None:
            chrome.terminate()
            chrome.wait(10)
        serve.terminate()
        try:
            serve.wait(10)
        except subprocess.TimeoutExpired:
            serve.kill()
        host.stop()
